"""The window's layout: panels, the settings drawer, fitting the screen, zoom and presenter mode."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontInfo
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from .style import px, set_text_floor, set_zoom, text_floor, tx

MIN_SIZE = QSize(960, 680)  # fits a 1024x768 projector with room for a window frame
DEFAULT_SIZE = QSize(1440, 900)
DRAWER_MIN_WIDTH = 1440  # narrower windows open with the control drawer closed
_BASE_FONT: QFont | None = None  # the application font before any zoom


def parse_size(text: str) -> tuple[int, int]:
    """``"1024x768"`` -> (1024, 768); ValueError with a message a user can act on."""
    parts = text.lower().replace("×", "x").split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(f"size must look like 1024x768, got {text!r}")
    w, h = (int(p) for p in parts)
    if not (MIN_SIZE.width() <= w <= 10000 and MIN_SIZE.height() <= h <= 10000):
        raise ValueError(f"size must be at least {MIN_SIZE.width()}x{MIN_SIZE.height()} and at most "
                         f"10000x10000, got {text!r}")
    return w, h


class Panels(QObject):
    """The window's panels and their sizes: the drawer, stats, stage, chart, code and verdict; fitting the screen,
    zoom and presenter mode. Owned by ``MainWindow`` as ``panels``."""

    def __init__(self, win) -> None:
        super().__init__(win)
        self.win = win
        self.presenting = False
        self.user_zoom = 1.0  # what Ctrl+= / Ctrl+- chose; presenter mode may enlarge on top

    def build(self) -> None:
        """Lay out the window's views (made by the window) in the drawer, stage, chart, code and verdict columns."""
        scroll = QScrollArea()
        scroll.setWidget(self.win.controls)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(250)
        scroll.setMaximumWidth(460)
        self.drawer = scroll

        self.stats_bar = StatsBar(self.win.stat_names, self.win.stats)
        self.stats_bar.regridded.connect(self.reflow, Qt.QueuedConnection)  # more rows: less height for the rest

        stage_box = QWidget()
        sb = QVBoxLayout(stage_box)
        sb.setContentsMargins(0, 0, 0, 0)
        sb.setSpacing(0)
        sb.addWidget(self.win.stage, 1)
        sb.addWidget(self.win.timeline)
        split_v = QSplitter(Qt.Vertical)
        split_v.addWidget(stage_box)
        split_v.addWidget(self.win.chart)
        split_v.setStretchFactor(0, 3)
        split_v.setStretchFactor(1, 1)
        split_v.setSizes([600, 200])
        split_v.setChildrenCollapsible(False)
        self.split_v = split_v
        self.banner = QFrame()
        self.banner.setStyleSheet("QFrame { background: #FFF4EC; border: 2px solid #D55E00; }"
                                  "QLabel { border: none; }")
        bl = QHBoxLayout(self.banner)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_reset = QPushButton()
        self.banner_reset.clicked.connect(self.win.reset)
        bl.addWidget(self.banner_text, 1)
        bl.addWidget(self.banner_reset)
        self.banner.hide()
        middle = QWidget()
        mv = QVBoxLayout(middle)
        mv.setContentsMargins(0, 0, 0, 0)
        mv.setSpacing(2)
        mv.addWidget(self.banner)
        mv.addWidget(self.stats_bar)
        mv.addWidget(split_v, 1)
        mv.addWidget(self.win.legend)
        self.win.legend.hide()
        self.middle_layout = mv

        right = QWidget()
        vb = QVBoxLayout(right)
        vb.setContentsMargins(0, 0, 0, 0)
        self.code_title = QLabel()
        self.code_title.setStyleSheet("font-weight: bold;")
        vb.addWidget(self.code_title)
        vb.addWidget(self.win.code, 1)
        self.verdict_line = QFrame()
        self.verdict_line.setFrameShape(QFrame.HLine)
        vb.addWidget(self.verdict_line)
        vb.addWidget(self.win.verdict)
        self.right_layout = vb

        split = QSplitter(Qt.Horizontal)
        split.addWidget(scroll)
        split.addWidget(middle)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        split.setChildrenCollapsible(False)
        self.split = split
        self.win.setCentralWidget(split)

    def add_side(self, panel) -> None:
        """A side panel (the lesson's, the scheduler game's) at the front of the split; ``balance`` sizes it."""
        self.split.insertWidget(0, panel)

    def name_widgets(self) -> None:
        """Stable objectName and accessibleName on every control and view (tests, screen readers)."""
        c = self.win.controls
        names = {
            "preset": c.preset, "handler": c.variant, "checks": c.checks, "capacityDone": c.cap_done,
            "capacityQuit": c.cap_quit, "rate": c.rate, "failProbability": c.fail_prob, "badIpShare": c.bad_ip,
            "failingChecks": c.fail_list, "overlapping": c.concurrent, "seed": c.seed, "speed": c.speed,
            "play": self.win.menus.btn_play, "step": self.win.menus.btn_step, "reset": self.win.menus.btn_reset, "drawer": self.win.menus.btn_drawer,
            "stage": self.win.stage, "strandedCount": self.win.stats["stranded"], "memoryChart": self.win.chart,
            "codePanel": self.win.code, "verdict": self.win.verdict, "timeline": self.win.timeline, "legend": self.win.legend,
            "controlsDrawer": self.drawer, "simulatedTime": self.win.stats["time"], "liveCount": self.win.stats["live"],
            "leakRate": self.win.stats["rate"], "memoryInOneHour": self.win.stats["hour"],
            "requestCount": self.win.stats["requests"], "codeTitle": self.code_title,
        }
        for name, w in names.items():
            w.setObjectName(name)
            w.setAccessibleName(name)

    def fit_to_screen(self, size: tuple[int, int] | None) -> None:
        """Open at ``size`` device pixels, else at a size that fits the screen's free area."""
        screen = self.win.screen()
        dpr = screen.devicePixelRatio() if screen is not None else 1.0
        if size is not None:
            w, h = round(size[0] / dpr), round(size[1] / dpr)
            self.win.setMinimumSize(min(MIN_SIZE.width(), w), min(MIN_SIZE.height(), h))
            self.win.resize(w, h)
        else:
            avail = screen.availableGeometry() if screen is not None else None
            if avail is None or avail.width() < MIN_SIZE.width():
                w, h = DEFAULT_SIZE.width(), DEFAULT_SIZE.height()
            else:
                # leave room for a window manager's frame; a small screen gets all of it
                w = min(DEFAULT_SIZE.width(), avail.width() - (0 if avail.width() <= 1366 else 40))
                h = min(DEFAULT_SIZE.height(), avail.height() - (0 if avail.height() <= 800 else 60))
            self.win.resize(max(w, self.win.minimumWidth()), max(h, self.win.minimumHeight()))
        self.set_drawer(self.win.width() >= DRAWER_MIN_WIDTH)

    def resized(self, e) -> None:
        """The window's resizeEvent: presenter mode's enlargement, the widths and heights again."""
        if self.presenting and e.oldSize().height() != e.size().height():
            self.set_zoom(self.user_zoom)  # the presenter's enlargement follows the height
        self.balance()
        self.reflow()

    def shown(self) -> None:
        """The window's showEvent: the widths, now that the drawer's visibility is known."""
        self.balance()

    def balance(self) -> None:
        """Share the width between drawer, stage and code: the code gets what its lines need."""
        total = self.split.width() or self.win.width()
        form = self.win.controls.form
        form.setRowWrapPolicy(QFormLayout.DontWrapRows)  # what the rows need side by side
        need = self.win.controls.sizeHint().width() + self.drawer.verticalScrollBar().sizeHint().width() + 8
        drawer = min(max(need + 30, 300), 460, total // 3) if self.drawer.isVisible() else 0
        if 0 < drawer < need:  # 1024 px wide: a long row puts its field under its label, not past the edge
            form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        # a side panel (the lesson's or the scheduler game's, gui/play.py) sits at the split's front
        panels = [p for p in (self.win.lesson.panel, self.win.game.panel) if p is not None]
        shown = next((p for p in panels if p.isVisible()), None)
        lesson = shown is not None
        lesson_w = 0 if shown is None else shown.side_width(total) if hasattr(shown, "side_width") else \
            min(340, max(220, total // 5))
        rest = total - drawer - lesson_w
        if self.presenting:  # about 470-570 px carry the longest handler at 18 px; wider screens give the stage more
            code = max(int(rest * 0.38), min(int(rest * 0.46), 570))
        else:
            code = int(rest * 0.36)
        if lesson:  # the lesson is about what the stage shows: it keeps at least half the width, or at the
            # 18 px floor 45 % (the code column then holds about 28 columns: the handler's words stay whole)
            share = getattr(shown, "stage_share", 0.45 if self.presenting else 0.5)
            code = max(0, min(code, rest - int(total * share)))
        sizes = [drawer, rest - code, code]
        front = [lesson_w if self.split.widget(i) is shown else 0 for i in range(len(panels))]
        self.split.setSizes([*front, *sizes])

    def set_drawer(self, on: bool) -> None:
        """Open or close the control drawer (F9); the stage and code take its room."""
        on = bool(on) and not self.presenting
        self.drawer.setVisible(on)
        self.win.menus.act_drawer.setChecked(on)
        self.win.menus.btn_drawer.setChecked(on)
        self.balance()

    def set_zoom(self, factor: float) -> None:
        """Zoom every font of the window: widgets, stage, chart, timeline and code."""
        global _BASE_FONT
        app = QApplication.instance()
        if _BASE_FONT is None:
            _BASE_FONT = QFont(app.font())
        self.user_zoom = set_zoom(factor)
        # presenter mode on a tall screen enlarges everything with the height, so 1080p reads like 768p
        boost = max(1.0, min(1.6, self.win.height() / 800)) if self.presenting else 1.0
        z = set_zoom(self.user_zoom * boost)
        f = QFont(_BASE_FONT)
        if f.pointSizeF() > 0:
            f.setPointSizeF(f.pointSizeF() * z)
        else:
            f.setPixelSize(max(7, round(f.pixelSize() * z)))
        base_px = QFontInfo(f).pixelSize()
        if base_px < text_floor():  # presenter mode: no word under the floor, Qt's own widgets' included
            f.setPixelSize(text_floor())
            base_px = text_floor()
        app.setFont(f)
        self.win.setFont(f)
        big = QFont(f)
        big.setPixelSize(round(base_px * (1.25 if self.presenting else 1.4)))  # presenter: three to a row at 1024
        big.setBold(True)
        for lab in self.win.stats.values():
            lab.setFont(big)
        vf = QFont(f)
        vf.setPixelSize(round(base_px * (1.0 if self.presenting else 1.2)))  # presenter: the code needs the height
        self.win.verdict.setFont(vf)
        for w in (self.win.stage, self.win.chart, self.win.timeline, self.win.code, self.win.legend):
            w.updateGeometry()
            w.update()
        self.win.timeline.setFixedHeight(self.win.timeline.sizeHint().height())
        self.stats_bar.regrid()
        if hasattr(self, "split"):
            self.balance()
            self.reflow()
        if self.win.statusBar().isVisible():
            self.win.statusBar().showMessage(self.tr("Zoom {z} %").format(z=round(self.user_zoom * 100)), 2000)

    def set_presenter(self, on: bool) -> None:
        """Presenter mode (F5): controls, menus and status bar hidden; big code; the legend on screen."""
        self.presenting = bool(on)
        set_text_floor(18 if self.presenting else 0)
        self.win.menus.act_present.setChecked(self.presenting)
        for w in (self.win.menuBar(), self.win.menus.toolbar, self.win.statusBar()):
            w.setVisible(not self.presenting)
        self.drawer.setVisible(False if self.presenting else self.win.width() >= DRAWER_MIN_WIDTH)
        self.win.legend.setVisible(self.presenting)
        self.win.code.base_px = 32.0 if self.presenting else 24.0
        self.win.code.floor_px = 18.0 if self.presenting else 0.0
        self.win.stage.lane_px = 90 if self.presenting else 48
        self.win.stage.text_scale = 1.3 if self.presenting else 1.0
        # the verdict goes under the stage so the code can have the whole height
        if self.presenting:
            self.middle_layout.addWidget(self.win.verdict)
        else:
            self.right_layout.addWidget(self.win.verdict)
        self.verdict_line.setVisible(not self.presenting)
        self.code_title.setVisible(not self.presenting)
        self.split_v.setSizes([600, 150] if self.presenting else [600, 200])
        self.set_zoom(self.user_zoom)
        self.set_drawer(self.drawer.isVisible())

    STAGE_SHARE = 0.5  # in presenter mode the stage keeps at least this share of the height

    def reflow(self) -> None:
        """Presenter mode on a short screen or zoomed in: the stage keeps STAGE_SHARE of the height and the
        chart room for its axis; the verdict moves under the code, then the legend goes, to make that room
        (at 1024x768 and zoom 1.5 the stage had shrunk to one 10 px lane, the verdict cut)."""
        if not self.presenting:
            self.win.stage.setMinimumHeight(0)
            self.win.chart.setMinimumHeight(0)
            self.win.chart.setVisible(True)
            return
        h = self.win.height()
        stage_min = int(h * self.STAGE_SHARE)
        chart_min = px(110)
        mw = max(1, self.middle_layout.parentWidget().width())
        fixed = self.stats_bar.heightForWidth(mw) if self.stats_bar.hasHeightForWidth() else 0
        fixed = max(fixed, self.stats_bar.sizeHint().height()) + self.win.timeline.sizeHint().height() + 12
        verdict_h = self.win.verdict.heightForWidth(mw)
        legend_h = self.win.legend.heightForWidth(mw) if self.win.legend.hasHeightForWidth() else 0
        legend_h = max(legend_h, self.win.legend.sizeHint().height())
        # below the stage's half: the verdict if all fits, else the chart with room for its axis, then the
        # legend if it still fits; with no room for a readable chart the legend has it; the stage keeps its half
        left = h - fixed - stage_min
        small = tx(13) * 5  # a chart's title, its legend line and a plot that can still be read
        in_middle = left >= verdict_h + legend_h + chart_min
        legend = left - legend_h >= chart_min or (left >= legend_h and left < small)
        chart_min = max(0, min(chart_min, left - (legend_h if legend else 0) - (verdict_h if in_middle else 0)))
        chart = chart_min >= small
        if not chart:
            chart_min = 0
        (self.middle_layout if in_middle else self.right_layout).addWidget(self.win.verdict)
        self.win.verdict.show()  # moved to the other column: shown now, not on the event loop's next turn (a grab)
        self.verdict_line.setVisible(not in_middle)
        self.win.legend.setVisible(legend)
        self.win.chart.setVisible(chart)
        self.win.stage.setMinimumHeight(stage_min)
        self.win.chart.setMinimumHeight(chart_min)



class StatsBar(QWidget):
    """The counters above the stage: one row when the width allows, else two or three."""

    regridded = Signal()  # the number of columns (so of rows) changed

    def __init__(self, names: dict[str, QLabel], values: dict[str, QLabel]) -> None:
        super().__init__()
        self.names, self.values = names, values
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(8, 2, 8, 2)
        self.grid.setVerticalSpacing(0)
        self.grid.setHorizontalSpacing(12)
        for lab in names.values():
            lab.setWordWrap(True)
        self._cols = 0
        self.regrid()

    def _needed(self) -> int:
        """The width of the widest cell: a value at its widest plausible text, or a name's longest word."""
        w = max(v.fontMetrics().horizontalAdvance("1,024.0 MiB") for v in self.values.values())
        for lab in self.names.values():
            w = max(w, max((lab.fontMetrics().horizontalAdvance(word) for word in lab.text().split()), default=0))
        return w + 12

    def regrid(self) -> None:
        """Lay the stats out in as many columns as fit the width (all, 3 or 2); no-op if unchanged."""
        cols = len(self.values)
        need = self._needed()
        avail = max(1, self.width() - 16)
        while cols > 2 and cols * need > avail:
            cols = 3 if cols > 3 else 2
            if cols * need <= avail:
                break
        if cols == self._cols:
            return
        self._cols = cols
        for lab in list(self.names.values()) + list(self.values.values()):
            self.grid.removeWidget(lab)
        for i in range(len(self.values)):
            self.grid.setColumnStretch(i, 0)
        for i, k in enumerate(self.values):
            r, c = divmod(i, cols)
            self.grid.addWidget(self.names[k], 2 * r, c)
            self.grid.addWidget(self.values[k], 2 * r + 1, c)
        for c in range(cols):
            self.grid.setColumnStretch(c, 1)
        self.regridded.emit()

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        self.regrid()


def restore_base_font() -> bool:
    """Give the application back the font it had before any zoom (a window
    closing); False when no zoom ever changed it."""
    if _BASE_FONT is None:
        return False
    QApplication.instance().setFont(_BASE_FONT)
    return True
