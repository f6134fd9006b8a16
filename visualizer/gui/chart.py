"""Live memory: what the stranded goroutines hold, over simulated time.

Drawn with QPainter (a polyline of at most a couple of thousand points: the
fold decimates the series) rather than QtCharts, which would pull in
PySide6-Addons for one line chart.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..core.trace import Snapshot
from .style import BLUE, FAINT, GREY, INK, PAPER, VERMILLION, human_bytes, tx


def begin_plot(widget: QWidget, top: float) -> tuple[QPainter, QRectF]:
    """A painter on ``widget`` set up for a chart, and the framed plot area
    below ``top`` pixels of title and legend (and half a line more for the top axis label)."""
    p = QPainter(widget)
    p.setRenderHint(QPainter.Antialiasing, True)
    p.fillRect(widget.rect(), PAPER)
    f = QFont(widget.font())
    f.setPixelSize(tx(13))
    p.setFont(f)
    left = axis_width(p)
    top += p.fontMetrics().height() / 2  # the top gridline's label is centred on it: below the title, not over it
    plot = QRectF(left, top, max(10, widget.width() - left - 14), max(10, widget.height() - top - tx(13) * 1.6))
    p.setPen(QPen(FAINT, 1))
    p.drawRect(plot)
    return p, plot


def axis_width(p: QPainter) -> float:
    """Room for the byte labels left of the plot, measured in the painter's font."""
    return p.fontMetrics().horizontalAdvance("1,000.0 MiB") + 10


def draw_axes(p: QPainter, plot: QRectF, top_bytes: float, t0: int, t1: int, end_label: str) -> None:
    """Byte gridlines and labels on the left; the time span underneath."""
    lh = p.fontMetrics().height()
    for frac in (0.0, 0.5, 1.0):
        y = plot.bottom() - frac * plot.height()
        p.setPen(QPen(FAINT, 1, Qt.DotLine))
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        if (frac == 0.5 and plot.height() < 2.4 * lh) or (frac == 0.0 and plot.height() < 1.2 * lh):
            continue  # a short plot keeps the labels that do not overlap: the top first
        p.setPen(INK)
        p.drawText(QRectF(0, y - lh / 2, plot.left() - 4, lh), Qt.AlignRight | Qt.AlignVCenter,
                   human_bytes(top_bytes * frac))
    lh = p.fontMetrics().height()
    p.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), lh), Qt.AlignLeft, f"{t0 / 1e9:,.2f} s")
    p.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), lh), Qt.AlignRight, end_label)


def polyline(points: list[tuple[int, float]], plot: QRectF, t0: int, t1: int, top_bytes: float) -> QPolygonF:
    """``(t_ns, bytes)`` points mapped into ``plot``."""
    span = max(1, t1 - t0)
    sx, sy, x0, y0 = plot.width() / span, plot.height() / top_bytes, plot.left(), plot.bottom()
    out: list[QPointF] = []
    col = None
    last = None
    for t, v in points:  # a pixel column keeps its first and last point: thousands of points, one frame
        x = x0 + (t - t0) * sx
        c = int(x)
        if c == col:
            last = (x, v)
            continue
        if last is not None:
            out.append(QPointF(last[0], y0 - last[1] * sy))
            last = None
        col = c
        out.append(QPointF(x, y0 - v * sy))
    if last is not None:
        out.append(QPointF(last[0], y0 - last[1] * sy))
    return QPolygonF(out)


class MemoryChart(QWidget):
    """The memory chart: bytes held by stranded goroutines over simulated time.

    Blue is what real Go would hold (modelled), red what this Python process
    holds for the simulation (measured)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.snap: Snapshot | None = None
        self.painted_snap: Snapshot | None = None  # the snapshot the last paint drew
        self._painted_at = 0.0
        # the last snapshot of a burst is drawn too, a moment later: a run that stops must not
        # leave the chart showing an earlier one
        self._trailing = QTimer(self)
        self._trailing.setSingleShot(True)
        self._trailing.timeout.connect(self._paint_now)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.setMinimumHeight(110)
        self.hidden = False  # the lesson waits for a prediction: no figures until the answer
        self.retranslate()

    def retranslate(self) -> None:
        """Re-set the tooltip in the current language."""
        self.setToolTip(self.tr("Memory held by stranded goroutines over simulated time:\n"
                                "blue = what real Go would hold (modelled: 2 KiB stack + runtime records),\n"
                                "red = what the simulated goroutines hold in this Python process (measured)."))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(600, 190)

    def set_snapshot(self, snap: Snapshot) -> None:
        """Show ``snap``; skips unchanged snapshots and repaints at most 10 times a wall second."""
        if self.snap is not None and snap.memory and self.snap.memory and \
                snap.memory[-1] == self.snap.memory[-1] and snap.t == self.snap.t:
            return  # nothing new to draw
        self.snap = snap
        now = time.monotonic()
        if now - self._painted_at >= 0.1:  # a chart needs no more than 10 frames a second
            self._paint_now()
        elif not self._trailing.isActive():
            self._trailing.start(int((0.1 - (now - self._painted_at)) * 1000) + 1)

    def _paint_now(self) -> None:
        self._painted_at = time.monotonic()
        self.update()

    def paintEvent(self, _event) -> None:
        lh = tx(13) * 1.5
        p, plot = begin_plot(self, 2 * lh + 4)
        snap = self.snap
        self.painted_snap = snap
        p.setPen(INK)
        p.drawText(QRectF(8, 2, self.width() - 16, lh), Qt.AlignLeft | Qt.AlignVCenter,
                   self.tr("Memory held by stranded goroutines"))
        legend = QRectF(12, 2 + lh, self.width() - 16, lh)
        go_label, py_label = self.tr("━ Go (modelled)"), self.tr("━ this process (measured)")
        fm = p.fontMetrics()
        if fm.horizontalAdvance(go_label) + 24 + fm.horizontalAdvance(py_label) > legend.width():
            go_label, py_label = self.tr("━ Go"), self.tr("━ this process")  # beside the play panel: cut words
        p.setPen(BLUE)
        p.drawText(legend, Qt.AlignLeft | Qt.AlignVCenter, go_label)
        p.setPen(VERMILLION)
        p.drawText(legend.adjusted(fm.horizontalAdvance(go_label) + 24, 0, 0, 0),
                   Qt.AlignLeft | Qt.AlignVCenter, py_label)
        if self.hidden:  # the words get the plot's and the axis' room: a short chart cut them in two
            p.fillRect(QRectF(0, legend.bottom(), self.width(), self.height() - legend.bottom()), PAPER)
            p.setPen(GREY)
            p.drawText(QRectF(8, legend.bottom(), self.width() - 16, self.height() - legend.bottom()),
                       Qt.AlignCenter | Qt.TextWordWrap, self.tr("Predict first: the memory comes with the answer."))
            p.end()
            return
        if snap is None or not snap.memory:
            p.end()
            return
        mem = snap.memory
        step = max(1, len(mem) // max(50, int(plot.width() // 2)))  # about one point per 2 pixels
        if step > 1:
            mem = mem[::step] + ((mem[-1],) if (len(mem) - 1) % step else ())
        t0, t1 = mem[0].t, max(mem[-1].t, mem[0].t + 1)
        top = _nice(max(1024, max(max(m.go_bytes, m.py_bytes) for m in mem)))
        draw_axes(p, plot, top, t0, t1, self.tr("{t} s simulated").format(t=f"{t1 / 1e9:,.2f}"))
        span = max(1, t1 - t0)
        for _i, t, first_req, _cfg in snap.versions:  # a mid-run change: where the new code took over
            if t0 <= t <= t1:
                x = plot.left() + (t - t0) / span * plot.width()
                p.setPen(QPen(INK, 1.5, Qt.DashLine))
                p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
                label = self.tr("change (#{n} on)").format(n=first_req)
                w = p.fontMetrics().horizontalAdvance(label) + 6
                p.setPen(INK)
                left = x + 3 if x + w < plot.right() else x - w
                box = QRectF(left, plot.top() + plot.height() * 0.55, w, p.fontMetrics().height())
                p.fillRect(box, PAPER)
                p.drawText(box, Qt.AlignCenter, label)
        for values, color in (([(m.t, m.go_bytes) for m in mem], BLUE), ([(m.t, m.py_bytes) for m in mem], VERMILLION)):
            p.setPen(QPen(color, 2.5))
            p.drawPolyline(polyline(values, plot, t0, t1, top))
        p.end()


def _nice(v: float) -> float:
    """Round an axis maximum up to 1, 2 or 5 times a power of two-ish step."""
    step = 1.0
    while step * 10 <= v:
        step *= 10
    for m in (1, 2, 5, 10):
        if m * step >= v:
            return m * step
    return 10 * step
