"""Side by side: several handler variants on the identical request stream, one clock.

Each column is one variant with its own stage and stranded count; one chart
carries every variant's memory line, so the difference is plain.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QMainWindow, QSizePolicy, QToolBar, QWidget

from ..core.clock import FRAME_HZ
from ..core.compare import Compare
from ..core.scenario import Config
from ..core.trace import Snapshot
from .chart import _nice, begin_plot, draw_axes, polyline
from .stage import Stage
from .style import BLUE, GREEN, INK, VERMILLION, scaled, set_text_floor, text_floor, tx

LINE_COLORS = [VERMILLION, BLUE, GREEN, QColor("#CC79A7"), QColor("#E69F00")]
DASHES = [Qt.SolidLine, Qt.DashLine, Qt.DotLine, Qt.DashDotLine, Qt.SolidLine]  # not by colour alone


class SharedChart(QWidget):
    """Go bytes held by stranded goroutines, one line per variant."""

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = names
        self.snaps: list[Snapshot] = []
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.setToolTip(self.tr("What the stranded goroutines of each variant would hold in Go, "
                                "over the same simulated time."))

    def set_snapshots(self, snaps: list[Snapshot]) -> None:
        """Show one memory line per lane, from ``snaps`` in lane order."""
        self.snaps = snaps
        self.update()

    def paintEvent(self, _e) -> None:
        p, plot = begin_plot(self, 30)
        f = QFont(p.font())
        f.setPixelSize(max(f.pixelSize(), tx(13)))  # presenter mode: the variants' names at the floor
        p.setFont(f)
        x = 10.0
        for i, name in enumerate(self.names):
            p.setPen(QPen(LINE_COLORS[i % 5], 3, DASHES[i % 5]))
            p.drawLine(QPointF(x, 14), QPointF(x + 26, 14))
            p.setPen(INK)
            p.drawText(QRectF(x + 30, 4, 200, 20), Qt.AlignLeft | Qt.AlignVCenter, name)
            x += 40 + p.fontMetrics().horizontalAdvance(name) + 20
        if not self.snaps or not any(s.memory for s in self.snaps):
            p.end()
            return
        t1 = max(1, max(s.memory[-1].t for s in self.snaps if s.memory))
        top = _nice(max(1024, max(m.go_bytes for s in self.snaps for m in s.memory)))
        draw_axes(p, plot, top, 0, t1, self.tr("{t} s simulated").format(t=f"{t1 / 1e9:,.2f}"))
        for i, s in enumerate(self.snaps):
            mem = s.memory[:: max(1, len(s.memory) // 600)]
            p.setPen(QPen(LINE_COLORS[i % 5], 2.5, DASHES[i % 5]))
            p.drawPolyline(polyline([(m.t, m.go_bytes) for m in mem], plot, 0, t1, top))
        p.end()


class CompareWindow(QMainWindow):
    """Variants side by side on one request stream and one clock (``core.compare.Compare``), a stage each.

    ``present``: open in presenter mode (F5), as the main window that opened it is: fewer, taller lanes
    and no word under 18 px. Raises ValueError if the variants do not share one seed."""

    closed = Signal()  # after closeEvent accepted: the app's loop may end

    def __init__(self, variants: list[tuple[str, Config | Any]], *, speed: float | None = 0.05,
                 max_live: int | None = None, present: bool = False) -> None:
        super().__init__()
        self.presenting = False
        self._floor_before = text_floor()  # the opener's: given back on closing
        self.compare = Compare(variants, speed=speed, **({} if max_live is None else {"max_live": max_live}))
        names = [name for name, _ in variants]
        central = QWidget()
        grid = QGridLayout(central)
        self.titles: list[QLabel] = []
        self.counts: list[QLabel] = []
        self.stages: list[Stage] = []
        big = scaled(self.font(), 1.4)
        big.setBold(True)
        for col, (name, cfg) in enumerate(variants):
            program = not isinstance(cfg, Config)  # a Go program: its file's name says it
            title = QLabel(name if program else
                           f"{name}: {cfg.variant}, done={cfg.capacity_done}, quit={cfg.capacity_quit}")
            title.setFont(big)
            title.setWordWrap(True)  # a narrow screen wraps the title rather than widening the window
            count = QLabel()
            count.setFont(big)
            stage = Stage()
            stage.program = program
            stage.setMinimumSize(280, 300)
            for w, name in ((title, "compareTitle"), (count, "compareStranded"), (stage, "compareStage")):
                w.setObjectName(f"{name}{col}")  # suites and screen readers find each column's parts
                w.setAccessibleName(f"{name}{col}")
            grid.addWidget(title, 0, col)
            grid.addWidget(count, 1, col)
            grid.addWidget(stage, 2, col)
            self.titles.append(title)
            self.counts.append(count)
            self.stages.append(stage)
        self.chart = SharedChart(names)
        grid.addWidget(self.chart, 3, 0, 1, len(variants))
        grid.setRowStretch(2, 3)
        grid.setRowStretch(3, 1)
        self.setCentralWidget(central)
        tb = QToolBar()
        tb.setMovable(False)
        self.toolbar = tb
        self.act_play = QAction(self)
        self.act_play.setShortcut(QKeySequence(Qt.Key_Space))
        self.act_play.triggered.connect(self.toggle_play)
        tb.addAction(self.act_play)
        self.act_present = QAction(self, checkable=True)
        self.act_present.setShortcut(QKeySequence(Qt.Key_F5))
        self.act_present.triggered.connect(self.set_presenter)
        tb.addAction(self.act_present)
        self.act_full = QAction(self)
        self.act_full.setShortcut(QKeySequence(Qt.Key_F11))
        self.act_full.triggered.connect(lambda: self.showNormal() if self.isFullScreen() else self.showFullScreen())
        self.act_close = QAction(self)
        self.act_close.setShortcut(QKeySequence.Close)
        self.act_close.triggered.connect(self.close)
        for a in (self.act_play, self.act_present, self.act_full, self.act_close):
            self.addAction(a)  # the keys work with the toolbar hidden (presenter mode)
        self.addToolBar(tb)
        self.setWindowTitle(self.tr("leakviz: compare on the same requests"))
        # fit the screen's free area (a 1024x768 projector too), at most the designed 1500x950
        avail = self.screen().availableGeometry() if self.screen() is not None else None
        if avail is not None and avail.width() >= 900:
            self.resize(min(1500, avail.width()), min(950, avail.height()))
        else:
            self.resize(1500, 950)
        self.timer = QTimer(self)
        self.timer.setInterval(1000 // FRAME_HZ)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.set_presenter(present)
        self.refresh()

    def set_presenter(self, on: bool) -> None:
        """Presenter mode (F5): the toolbar hidden, fewer and taller lanes, no word under 18 px; off gives
        back the text size the window opened with."""
        self.presenting = bool(on)
        set_text_floor(18 if self.presenting else self._floor_before)
        self.act_present.setChecked(self.presenting)
        self.toolbar.setVisible(not self.presenting)
        for stage in self.stages:
            stage.lane_px = 90 if self.presenting else 48
            stage.text_scale = 1.3 if self.presenting else 1.0
            stage.update()
        big = scaled(self.font(), 1.4)
        big.setBold(True)
        if self.presenting:
            big.setPixelSize(max(22, tx(22)))
        for lab in self.titles + self.counts:
            lab.setFont(big)
        self.chart.setMinimumHeight(200 if self.presenting else 170)
        self.chart.update()
        self.act_present.setText(self.tr("Presenter mode (F5)"))

    def toggle_play(self) -> None:
        """Pause if playing, else play; then refresh."""
        if self.compare.playing:
            self.compare.pause()
        else:
            self.compare.play()
        self.refresh()

    def refresh(self, full: bool = False) -> None:
        """Redraw stages, counts and chart; ``full`` folds every pending event instead of 2 ms worth."""
        snaps = self.compare.snapshots(None if full else 0.002)
        for stage, count, snap in zip(self.stages, self.counts, snaps, strict=True):
            stage.set_snapshot(snap)
            text = self.tr("stranded: {n}").format(n=f"{snap.stranded:,}")
            if count.text() != text:
                count.setText(text)
                count.setStyleSheet("color: #D55E00;" if snap.stranded else "color: #009E73;")
        self.chart.set_snapshots(snaps)
        self.act_play.setText(self.tr("Pause ❚❚") if self.compare.playing else self.tr("Play ▶"))

    def closeEvent(self, event) -> None:
        self.timer.stop()
        self.compare.stop()
        if self.presenting:
            set_text_floor(self._floor_before)  # the window that opened this one reads as it did
        event.accept()
        self.closed.emit()
