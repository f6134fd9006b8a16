"""The timeline under the stage: drag to any moment of the run.

It spans the events the run can still seek to; marks show the first stranded
goroutine (red), early returns (orange ticks) and panics (black).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QLineF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .style import BLUE, FAINT, INK, ORANGE, PANEL, SKY, VERMILLION, tx


class Timeline(QWidget):
    """The seek bar over the kept events: drag to any moment; marks for the first strand, early returns, changes.

    ``seek_requested`` carries the event index chosen."""

    seek_requested = Signal(int)  # an event index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setFixedHeight(self.sizeHint().height())
        self.setCursor(Qt.PointingHandCursor)
        self.first = 0
        self.end = 0  # events folded so far (the live edge)
        self.head: int | None = None  # None: following the live edge
        self.head_t = 0
        self.marks: list[tuple[int, str]] = []
        self._painted_at = 0.0
        self.retranslate()

    def retranslate(self) -> None:
        """Re-set the tooltip in the current language."""
        self.setToolTip(self.tr("Drag to any moment of the run; ← and → step one event back and forward.\n"
                                "Red: the first stranded goroutine. Orange ticks: handlers returning early. "
                                "Blue: a setting changed mid-run."))

    def sizeHint(self) -> QSize:
        return QSize(400, tx(12) * 2 + 22)

    def set_state(self, *, first: int, end: int, head: int | None, head_t: int,
                  marks: list[tuple[int, str]]) -> None:
        """Set the seekable range ``first``..``end`` (event indices), the playhead (None: live) and the marks.

        Repaints at once when the playhead moved, else at most 5 times a wall second."""
        moved = head != self.head
        self.first, self.end, self.head, self.head_t, self.marks = first, end, head, head_t, marks
        now = time.monotonic()
        if moved or now - self._painted_at >= 0.2:  # following the live edge: 5 frames a second is plenty
            self._painted_at = now
            self.update()

    def _bar(self) -> QRectF:
        top = tx(12) * 1.5 + 2
        return QRectF(10, top, max(10, self.width() - 20), max(12.0, self.height() - top - 8))

    def _x(self, index: int) -> float:
        bar = self._bar()
        span = max(1, self.end - self.first)
        return bar.left() + (index - self.first) / span * bar.width()

    def index_at(self, x: float) -> int:
        """The event index under x pixel ``x``, clamped to the seekable range."""
        bar = self._bar()
        frac = min(1.0, max(0.0, (x - bar.left()) / bar.width()))
        return self.first + round(frac * (self.end - self.first))

    def mousePressEvent(self, e) -> None:
        if e.button() == Qt.LeftButton and self.end > self.first:
            self.seek_requested.emit(self.index_at(e.position().x()))

    def mouseMoveEvent(self, e) -> None:
        if e.buttons() & Qt.LeftButton and self.end > self.first:
            self.seek_requested.emit(self.index_at(e.position().x()))

    def paintEvent(self, _e) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), PANEL)
        bar = self._bar()
        p.setPen(QPen(FAINT, 1))
        p.setBrush(Qt.white)
        p.drawRect(bar)
        f = QFont(self.font())
        f.setPixelSize(tx(12))
        p.setFont(f)
        if self.end <= self.first:
            p.end()
            return
        head = self.end if self.head is None else self.head
        p.fillRect(QRectF(bar.left(), bar.top(), self._x(head) - bar.left(), bar.height()), SKY.lighter(130))
        last_x = -10.0
        x0, scale = bar.left(), bar.width() / max(1, self.end - self.first)  # one bar for every mark
        ticks: list[QLineF] = []  # the early returns' ticks: one call draws them all
        top, bottom = int(bar.top() + 9), int(bar.bottom())
        for i, what in self.marks:
            if i < self.first:
                continue
            x = x0 + (i - self.first) * scale
            if what == "return":
                if x - last_x < 2:  # one tick a pixel or two is enough
                    continue
                last_x = x
                ticks.append(QLineF(int(x), top, int(x), bottom))
            elif what == "change":  # a setting changed mid-run: later requests run the new code
                p.setPen(QPen(BLUE, 4))
                p.drawLine(int(x), int(bar.top() - 5), int(x), int(bar.bottom() + 5))
            else:
                p.setPen(QPen(VERMILLION if what == "first stranded" else INK, 3))
                p.drawLine(int(x), int(bar.top() - 3), int(x), int(bar.bottom() + 3))
        p.setPen(QPen(ORANGE, 1))
        p.drawLines(ticks)
        x = self._x(head)
        p.setPen(QPen(INK, 2))
        p.drawLine(int(x), int(bar.top() - 5), int(x), int(bar.bottom() + 5))
        p.setPen(INK)
        label = (self.tr("live") if self.head is None
                 else self.tr("replay at {t} s · event {i} of {n}").format(
                     t=f"{self.head_t / 1e9:,.3f}", i=f"{head:,}", n=f"{self.end:,}"))
        p.drawText(QRectF(10, 1, self.width() - 20, tx(12) * 1.5), Qt.AlignLeft | Qt.AlignVCenter, label)
        p.end()
