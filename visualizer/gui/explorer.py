"""The capacity explorer: stranded goroutines and memory over capacity of done x capacity of quit.

Each cell is the engine run headless with those capacities (visualizer.explore),
computed one cell per timer tick so the window stays responsive. The current
choice is outlined, the capacities the engine's rule says cannot leak are
shaded, and clicking a cell sets those capacities in the main window.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..core.scenario import Config
from ..explore import EXPLORE_REQUESTS, Cell, axis, cell, dial_axis, program_cell, program_requests
from .style import FAINT, GREEN, INK, PAPER, VERMILLION, fit_font, px


def grid_unit(largest: float) -> tuple[str, float]:
    """One unit for a whole grid of byte counts, the largest in at most four digits: ("MiB", 2**20)."""
    scale = 1.0
    for unit in ("B", "KiB", "MiB"):
        if largest < 1000 * scale:
            return unit, scale
        scale *= 1024
    return "GiB", scale


def in_unit(n: float, scale: float) -> str:
    """``n`` bytes as a number of the grid's unit: "0", "4.5", "817"."""
    v = n / scale
    return "0" if n == 0 else f"{v:.1f}" if v < 10 else f"{v:,.0f}"


class CapacityGrid(QWidget):
    """Two heat maps side by side: stranded per request, and Go memory per hour."""

    chosen = Signal(int, int)  # capacity of done, capacity of quit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumSize(600, 320)
        self.dones: list[int] = []
        self.quits: list[int] = []
        self.cells: dict[tuple[int, int], Cell] = {}
        self.current = (0, 0)
        self.names, self.served = ("done", "quit"), True
        self.labels: list[tuple[str, QRectF, QFont]] = []  # drawn last paint, for tests
        self._rects: dict[tuple[int, int], QRectF] = {}

    def sizeHint(self) -> QSize:
        return QSize(1100, 560)

    def set_axes(self, dones: list[int], quits: list[int], names: tuple[str, str] = ("done", "quit"),
                 served: bool = True) -> None:
        """Set the capacities on the two axes (``names[0]`` across, ``names[1]`` down) and clear every
        computed cell; ``served``: the cells count per request (else per run of a program)."""
        self.dones, self.quits, self.cells = dones, quits, {}
        self.names, self.served = names, served
        self.update()

    def _panel(self, k: int) -> QRectF:
        w = self.width() / 2
        return QRectF(k * w + 8, 8, w - 16, self.height() - 16)

    def _grid_rect(self, panel: QRectF) -> QRectF:
        fm = QFontMetricsF(self._font(13))
        left = fm.horizontalAdvance("quit 128") + 10
        top = fm.height() * 2.6
        return QRectF(panel.left() + left, panel.top() + top, panel.width() - left, panel.height() - top - fm.height() * 1.6)

    def _font(self, size: float, bold: bool = False) -> QFont:
        f = QFont(self.font())
        f.setPixelSize(px(size))
        f.setBold(bold)
        return f

    def _text(self, p: QPainter, rect: QRectF, text: str, size: float, align=Qt.AlignCenter, bold=False) -> None:
        f = fit_font(self._font(size, bold), text, rect.width(), px(size))
        p.setFont(f)
        p.drawText(rect, align, text)
        self.labels.append((text, QRectF(rect), QFont(f)))

    def mousePressEvent(self, e) -> None:
        for (d, q), r in self._rects.items():
            if r.contains(e.position()):
                self.chosen.emit(d, q)
                return

    def paintEvent(self, _e) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing, True)
        p.fillRect(self.rect(), PAPER)
        self.labels = []
        self._rects = {}
        if not self.dones:
            p.end()
            return
        titles = [self.tr("stranded goroutines per request"), self.tr("Go memory after one hour at this rate")] \
            if self.served else [self.tr("stranded goroutines"), self.tr("Go memory they hold")]
        worst = [max((c.per_request for c in self.cells.values()), default=0.0) or 1.0,
                 max((c.bytes_per_hour for c in self.cells.values()), default=0.0) or 1.0]
        # one unit for the memory grid, in its title: the cells hold numbers big enough for the back row
        unit, scale = grid_unit(worst[1])
        titles[1] += f" ({unit})"
        for k in (0, 1):
            panel = self._panel(k)
            grid = self._grid_rect(panel)
            fm_h = QFontMetricsF(self._font(13)).height()
            p.setPen(INK)
            self._text(p, QRectF(panel.left(), panel.top(), panel.width(), fm_h * 1.3), titles[k], 15,
                       Qt.AlignLeft | Qt.AlignVCenter, bold=True)
            self._text(p, QRectF(grid.left(), panel.top() + fm_h * 1.3, grid.width(), fm_h * 1.2),
                       self.tr("capacity of {name} →").format(name=self.names[0]), 13)
            cw, ch = grid.width() / len(self.dones), grid.height() / len(self.quits)
            for j, q in enumerate(self.quits):
                self._text(p, QRectF(panel.left(), grid.top() + j * ch, grid.left() - panel.left() - 6, ch),
                           f"{self.names[1]} {q}", 14, Qt.AlignRight | Qt.AlignVCenter)
            for i, d in enumerate(self.dones):
                self._text(p, QRectF(grid.left() + i * cw, grid.bottom(), cw, fm_h * 1.4), str(d), 14)
            for j, q in enumerate(self.quits):
                for i, d in enumerate(self.dones):
                    r = QRectF(grid.left() + i * cw, grid.top() + j * ch, cw, ch).adjusted(1, 1, -1, -1)
                    self._rects[(d, q)] = r
                    c = self.cells.get((d, q))
                    if c is None:
                        p.fillRect(r, QColor("#F4F6F8"))
                        continue
                    v = c.per_request if k == 0 else c.bytes_per_hour
                    if v == 0:
                        fill = QColor("#E6F4EA")
                    else:
                        fill = QColor(VERMILLION)
                        fill.setAlpha(int(50 + 180 * min(1.0, v / worst[k])))
                    p.fillRect(r, fill)
                    if c.cannot_leak:  # the rule's guarantee, shaded over the measurement
                        p.fillRect(r, QBrush(GREEN, Qt.BDiagPattern))
                    text = (f"{v:.1f}" if self.served else f"{v:.0f}") if k == 0 else in_unit(v, scale)
                    p.setPen(INK if v == 0 or v / worst[k] < 0.6 else PAPER)
                    self._text(p, r.adjusted(2, 0, -2, 0), text, min(15, ch * 0.45))
            cur = self._rects.get(self.current)
            if cur is not None:
                p.setPen(QPen(INK, 3))
                p.setBrush(Qt.NoBrush)
                p.drawRect(cur.adjusted(-1, -1, 1, 1))
            p.setPen(QPen(FAINT, 1))
            p.setBrush(Qt.NoBrush)
            p.drawRect(grid)
        p.end()


class ExplorerWindow(QWidget):
    """The explorer in its own window, for the main window's current handler and failure pattern."""

    capacities_chosen = Signal(int, int)
    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.Window)
        self.setObjectName("capacityExplorer")
        self.setAccessibleName("capacityExplorer")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setObjectName("explorerCaption")
        self.grid = CapacityGrid()
        self.grid.setObjectName("capacityGrid")
        self.grid.setAccessibleName("capacityGrid")
        self.grid.chosen.connect(self._chosen)
        lay = QVBoxLayout(self)
        lay.addWidget(self.caption)
        lay.addWidget(self.grid, 1)
        self.cfg: Config | None = None
        self.program = None  # a Go program's run (golang.live.GoProgram) instead of the article
        self.article = None  # (Config, dial keys) when that program is a preset run from gateway.go
        self.keys: list[str] = []  # its dials on the two axes
        self.axes_text: list[str] = []
        self._todo: list[tuple[int, int]] = []
        self.timer = QTimer(self)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._tick)
        screen = self.screen()
        avail = screen.availableGeometry() if screen is not None else None
        self.resize(min(1100, avail.width()) if avail else 1100, min(620, avail.height()) if avail else 620)

    def explore(self, cfg: Config) -> None:
        """Start computing the grid for ``cfg`` (its capacities are the current choice)."""
        self.cfg, self.program, self.article = cfg, None, None
        dones = quits = axis(cfg.checks)
        self.grid.set_axes(dones, quits)
        self.grid.current = (cfg.capacity_done, cfg.capacity_quit)
        self._todo = [(d, q) for q in quits for d in dones]
        self.retranslate()
        self.timer.start()

    def explore_program(self, program, keys: list[str], values: dict[str, int], article=None) -> None:
        """Start computing the grid for a Go program over its dials ``keys`` (one or two, across then down;
        ``values``: the capacities in force, outlined; ``article``: (Config, its dial keys) when the program
        is a preset run from gateway.go, whose cells the article's rule hatches)."""
        self.cfg, self.program, self.keys, self.article = None, program, list(keys[:2]), article
        sites = program.dial_sites()
        now = [values.get(k, 0) for k in self.keys] + [0]
        across = dial_axis(now[0])
        down = dial_axis(now[1]) if len(self.keys) > 1 else [0]
        names = tuple(sites[k][2] for k in self.keys) + ("",)
        self.axes_text = [self.tr("{name} (line {line})").format(name=sites[k][2], line=sites[k][1])
                          for k in self.keys]
        self.grid.set_axes(across, down, names[:2], served=program.traffic is not None)
        self.grid.current = (now[0], now[1])
        self._todo = [(d, q) for q in down for d in across]
        self.retranslate()
        self.timer.start()

    def set_current(self, capacity_done: int, capacity_quit: int) -> None:
        """Outline the cell of the capacities now in force."""
        self.grid.current = (capacity_done, capacity_quit)
        self.grid.update()

    def run_all(self) -> None:
        """Compute every cell now (tests, screenshots)."""
        while self._todo:
            self._tick()

    def _tick(self) -> None:
        if not self._todo or (self.cfg is None and self.program is None):
            self.timer.stop()
            return
        d, q = self._todo.pop(0)
        if self.program is not None:
            self.grid.cells[(d, q)] = program_cell(self.program, dict(zip(self.keys, (d, q), strict=False)),
                                                   article=self.article)
        else:
            self.grid.cells[(d, q)] = cell(self.cfg, d, q)
        self.grid.update()
        if not self._todo:
            self.timer.stop()
            self.retranslate()
            self.finished.emit()

    def _chosen(self, d: int, q: int) -> None:
        self.set_current(d, q)
        self.capacities_chosen.emit(d, q)

    def retranslate(self) -> None:
        """Re-set the title and caption (with the cells still to compute) in the current language."""
        self.setWindowTitle(self.tr("leakviz: capacity explorer"))
        if self.program is not None and self.article is None:
            n = program_requests(self.program)
            how = self.tr("{r} requests").format(r=n) if n is not None else self.tr("main to its return")
            text = self.tr("{file}: each cell runs the program to its end ({how}) with the capacities of "
                           "{axes}. Outlined: the current choice. Click a cell to use its capacities.").format(
                file=self.program.files[0][0].rsplit("/", 1)[-1], how=how, axes=self.tr(" and ").join(self.axes_text))
            if self._todo:
                text += " " + self.tr("Computing… {k} cells to go.").format(k=len(self._todo))
            self.caption.setText(text)
            return
        c = self.cfg if self.program is None else self.article[0]
        if c is None:
            return
        left = len(self._todo)
        handler = {"seed": self.tr("The article's handler"), "ctx": self.tr("The handler with the context fix"),
                   "closequit": self.tr("The handler with the stop-channel fix"),
                   "drain": self.tr("The handler with the draining fix")}.get(c.variant, c.variant)
        if self.program is not None:
            handler = self.tr("{handler} in gateway.go").format(handler=handler)
        text = self.tr("{handler}, {n} checks, the current failure pattern: each cell is the engine run on "
                       "{r} requests with those capacities. Hatched: cannot leak, whatever fails. Green: "
                       "none stranded in these {r} requests (another failure pattern can strand some). Memory: "
                       "at the rate of these {r} requests; the window's is over its last 2 s, so the two differ by "
                       "chance. Outlined: the current choice. Click a cell to use its capacities.").format(
            handler=handler, n=c.checks, r=EXPLORE_REQUESTS)
        if left:
            text += " " + self.tr("Computing… {k} cells to go.").format(k=left)
        self.caption.setText(text)

    def closeEvent(self, e) -> None:
        self.timer.stop()
        super().closeEvent(e)
