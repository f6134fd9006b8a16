"""The on-screen legend: every shape and colour the window uses, in words.

A projector never shows tooltips, so the legend is drawn, wrapping into as
many rows as the width needs (measured, never clipped).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .style import GREEN, GREY, INK, ORANGE, PANEL, PURPLE, VERMILLION, draw_task, tx


class Legend(QWidget):
    """Shapes and colours, each with its meaning."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        sp = QSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        sp.setHeightForWidth(True)
        self.setSizePolicy(sp)
        self.items: list[tuple[str, str]] = []
        self.labels: list[tuple[str, QRectF, QFont]] = []  # drawn last paint, for tests
        self.earlier = False
        self.follow = False  # one request followed: the code panel marks where its goroutines are
        self.program = False  # a Go program's run: no article's checks, done/quit values or bug to differ from
        self.retranslate()

    def set_program(self, on: bool) -> None:
        """Name what a program's run shows (True) or what the article's does."""
        if on != self.program:
            self.program = on
            self.retranslate()

    def show_earlier(self, on: bool) -> None:
        """Name the grey counts of the earlier code (after a mid-run change) or not."""
        if on != self.earlier:
            self.earlier = on
            self.retranslate()

    def show_follow(self, on: bool) -> None:
        """Name the code panel's follow marks (a check's number at its line, H at the handler's) or not."""
        if on != self.follow:
            self.follow = on
            self.retranslate()

    def retranslate(self) -> None:
        """Re-set the legend's entries in the current language (the earlier-code entry only after a mid-run change)."""
        self.items = [
            ("sleeping", self.tr("checking")),
            ("runnable", self.tr("sending")),
            ("parked", self.tr("waiting")),
            ("stranded", self.tr("stranded forever")),
            ("finished", self.tr("finished")),
            ("done", self.tr("done value")),
            ("quit", self.tr("quit value")),
            ("nobuffer", self.tr("no buffer")),
            ("code-wait", self.tr("line: waiting")),
            ("code-stranded", self.tr("line: stranded")),
            ("code-changed", self.tr("line: changed from the bug")),
            ("code-earlier", self.tr("grey count: the earlier code's")),
        ]
        if not self.earlier:  # only after a mid-run change is there an earlier code to count
            self.items = self.items[:-1]  # the chart's lines are named in the chart itself
        if self.follow and not self.program:
            self.items.append(("code-follow", self.tr("in the code: checks 0–9, the handler H")))
        if self.program:
            names = {"sleeping": self.tr("sleeping"), "runnable": self.tr("ready to run"),
                     "parked": self.tr("blocked")}
            self.items = [(k, names.get(k, t)) for k, t in self.items if k not in ("done", "quit", "code-changed")]
        self.updateGeometry()
        self.update()

    def _font(self) -> QFont:
        f = QFont(self.font())
        f.setPixelSize(tx(13))
        return f

    def _layout(self, width: float) -> list[tuple[str, str, QRectF]]:
        fm = QFontMetricsF(self._font())
        icon = fm.height() * 1.2
        x, y, out = 6.0, 4.0, []
        for key, text in self.items:
            w = icon + 4 + fm.horizontalAdvance(text) + 12
            if x > 6 and x + w > width - 4:
                x, y = 6.0, y + fm.height() * 1.35
            out.append((key, text, QRectF(x, y, w, fm.height() * 1.3)))
            x += w
        return out

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        cells = self._layout(width)
        return int(cells[-1][2].bottom() + 6) if cells else 0

    def sizeHint(self) -> QSize:
        return QSize(600, self.heightForWidth(600))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.heightForWidth(max(200, self.width())))

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        h = self.heightForWidth(self.width())
        if self.height() != h:  # wrapping changed: take the rows it needs
            self.setFixedHeight(h)

    def paintEvent(self, _e) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing, True)
        p.fillRect(self.rect(), PANEL)
        f = self._font()
        p.setFont(f)
        fm = QFontMetricsF(f)
        icon = fm.height() * 1.2
        self.labels = []
        for key, text, cell in self._layout(self.width()):
            c = QPointF(cell.left() + icon / 2, cell.center().y())
            r = icon * 0.36
            if key in ("sleeping", "runnable", "parked", "stranded", "finished"):
                draw_task(p, key, c, r, 0.6 if key == "sleeping" else -1.0)
            elif key in ("done", "quit"):
                p.setPen(QPen(INK, 1))
                p.setBrush(GREEN if key == "done" else PURPLE)
                p.drawEllipse(c, r * 0.8, r * 0.8)
            elif key == "nobuffer":
                box = QRectF(c.x() - r * 1.3, c.y() - r, r * 2.6, 2 * r)
                p.setPen(QPen(INK, 1.5))
                p.setBrush(QBrush(GREY, Qt.BDiagPattern))
                p.drawRect(box)
            elif key == "code-follow":  # as the code panel draws the handler's mark
                p.setPen(QPen(INK, 1.5))
                p.setBrush(QColor("#FDECEA"))
                p.drawRoundedRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), 2, 2)
                small = QFont(f)
                small.setPixelSize(max(6, int(r * 1.6)))
                p.setFont(small)
                p.drawText(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), Qt.AlignCenter, "H")
                p.setFont(f)
            elif key.startswith("code-"):
                color = {"code-wait": ORANGE, "code-stranded": VERMILLION, "code-changed": GREEN,
                         "code-earlier": VERMILLION}[key]
                p.setPen(Qt.NoPen)
                if key == "code-earlier":
                    box = QRectF(c.x() - r * 1.3, c.y() - r, r * 2.6, 2 * r)
                    p.setBrush(QColor("#E4E7EB"))
                    p.drawRoundedRect(box, 3, 3)
                    p.setPen(QPen(color, 2))
                    p.setBrush(Qt.NoBrush)
                    p.drawRoundedRect(box, 3, 3)
                elif key == "code-changed":
                    p.fillRect(QRectF(c.x() - 2, c.y() - r, 4, 2 * r), color)
                else:
                    bg = QColor(color)
                    bg.setAlpha(90)
                    p.fillRect(QRectF(c.x() - r * 1.3, c.y() - r, r * 2.6, 2 * r), bg)
                    p.fillRect(QRectF(c.x() - r * 1.3, c.y() - r, r * 1.0, 2 * r), color)
            rect = QRectF(cell.left() + icon + 4, cell.top(), cell.width() - icon - 4, cell.height())
            p.setPen(INK)
            p.drawText(rect, Qt.AlignLeft | Qt.AlignVCenter, text)
            self.labels.append((text, rect, QFont(f)))
        p.end()
