"""The Go window's code panel: the source with counts beside the lines where goroutines block."""

from __future__ import annotations

import logging

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QFontMetricsF,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QWidget,
)

from ..style import GREY, INK, ORANGE, PAPER, SKY, VERMILLION

log = logging.getLogger("leakviz")


class GoCode(QWidget):
    """The program's source with line numbers; stranded lines counted, the unsupported line marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[str] = []
        self.path = ""
        self.marks: dict[int, tuple[int, str]] = {}  # line -> (count, kind)
        self.error: tuple[int, int, str] | None = None
        self.edited: set[int] = set()
        self.zoom = 1.0
        self.setAccessibleName(self.tr("Go source"))
        self.setToolTip(self.tr("The program's Go source as it runs. A red line has stranded goroutines blocked "
                                "on it (the count in the margin); a dial change shows here as edited source."))

    def set_source(self, path: str, text: str, edited: set[int] | None = None) -> None:
        """Show ``text`` (the file at ``path``) with ``edited`` lines marked."""
        self.path = path
        self.lines = text.splitlines()
        self.edited = edited or set()
        self._cache: dict = {}  # what depends on the text alone (and the font): computed once, not each frame
        self.setMinimumHeight(min(4000, int(sum(self._rows()) * 12 * self.zoom) + 10))
        self.update()

    def set_marks(self, marks: dict[int, tuple[int, str]], error: tuple[int, int, str] | None = None) -> None:
        """``marks``: line -> (goroutines, "stranded"/"blocked"); ``error``: (line, col, reason)."""
        self.marks = marks
        self.error = error
        self.update()

    def _fit_chars(self) -> int:
        """Characters of code the font is sized for: the 90th percentile line (monospace: width is
        characters); a line whose code is longer wraps onto a second row, so code is never cut."""
        got = self._memo().get("fit")
        if got is None:
            codes = sorted(len(ln.split("//")[0].rstrip().replace("\t", "    ")) for ln in self.lines)
            got = self._cache["fit"] = max(codes[int(len(codes) * 0.9)] if codes else 0, 36)
        return got

    def _rows(self) -> list[int]:
        got = self._memo().get("rows")
        if got is None:
            fit = self._fit_chars()
            got = self._cache["rows"] = [2 if len(ln.split("//")[0].rstrip().replace("\t", "    ")) > fit else 1
                                         for ln in self.lines]
            self._cache["nrows"] = sum(got)
        return got

    def _memo(self) -> dict:
        if getattr(self, "_cache", None) is None or self._cache.get("lines") is not self.lines:
            self._cache = {"lines": self.lines}
        return self._cache

    def line_height(self) -> float:
        """Pixels per row of code: the panel's height over its rows, between 12 and 26 (times the zoom)."""
        self._rows()
        return max(12.0 * self.zoom, min(26.0 * self.zoom, (self.height() - 8) / max(1, self._cache["nrows"])))

    def paintEvent(self, e) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), PAPER)
        top, bottom = e.rect().top(), e.rect().bottom()  # only what is exposed is drawn: a long file stays cheap
        lh = self.line_height()
        mono = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        w = self.width()
        # most lines fit whole at a size the room can read; a longer line's comment ends in "…", and a
        # line whose code alone is longer wraps onto a second row (indented): code is never cut
        longest = "x" * self._fit_chars()
        size = max(9, int(lh * 0.78))
        while True:  # the whole of the longest line fits beside the gutter and the count
            mono.setPixelSize(size)
            fm = QFontMetricsF(mono)
            gutter = fm.horizontalAdvance("999") + 10
            pill_w = fm.horizontalAdvance("◀ 9,999") + 12
            if size <= 8 or gutter + fm.horizontalAdvance(longest) + pill_w <= w:
                break
            size -= 1
        p.setFont(mono)
        room = w - gutter - pill_w
        # what really wraps at this font (a subset of what _rows() guessed, which sized the rows)
        key = ("wrap", size, room)
        rows = self._memo().get(key)
        if rows is None:
            rows = self._cache[key] = [
                2 if fm.horizontalAdvance(ln.split("//")[0].rstrip().replace("\t", "    ")) > room else 1
                for ln in self.lines]
        row = 0
        for i, text in enumerate(self.lines):
            n = i + 1
            y = 4 + row * lh
            row += rows[i]
            if y + rows[i] * lh < top:
                continue
            if y > bottom:
                break
            mark = self.marks.get(n)
            if mark is not None:
                col = QColor(VERMILLION if mark[1] == "stranded" else ORANGE)
                col.setAlpha(60)
                p.fillRect(QRectF(0, y, w, rows[i] * lh), col)
            if n in self.edited:
                p.fillRect(QRectF(0, y, 4, rows[i] * lh), SKY)
            if self.error is not None and self.error[0] == n:
                p.fillRect(QRectF(0, y, w, rows[i] * lh), QColor(255, 0, 0, 40))
            p.setPen(GREY)
            p.drawText(QRectF(0, y, gutter - 6, lh), Qt.AlignRight | Qt.AlignVCenter, str(n))
            p.setPen(INK)
            shown = text.replace("\t", "    ")
            room = w - gutter - pill_w
            if fm.horizontalAdvance(shown) > room:
                code = shown.split("//")[0].rstrip()
                if fm.horizontalAdvance(code) <= room:  # the cut falls in the comment
                    shown = fm.elidedText(shown, Qt.ElideRight, room)
                else:  # the code itself is long: two rows, broken at a space or comma near the middle
                    indent = len(code) - len(code.lstrip())
                    mid = len(code) // 2
                    cut = max((k for k in range(indent + 1, len(code)) if code[k - 1] in " ,(" and k <= mid + 10),
                              default=mid)
                    first, rest = code[:cut].rstrip(), " " * (indent + 4) + code[cut:].lstrip()
                    for k, part in enumerate((first, rest)):
                        part = fm.elidedText(part, Qt.ElideRight, room) if fm.horizontalAdvance(part) > room else part
                        p.drawText(QRectF(gutter, y + k * lh, room, lh), Qt.AlignVCenter | Qt.AlignLeft, part)
                    shown = ""
            if shown:
                p.drawText(QRectF(gutter, y, room, lh), Qt.AlignVCenter | Qt.AlignLeft, shown)
            if self.error is not None and self.error[0] == n:
                shown = text.replace("\t", "    ")
                col0 = len(text[: self.error[1] - 1].replace("\t", "    "))
                x = gutter + fm.horizontalAdvance(shown[:col0])
                p.setPen(QPen(VERMILLION, 2))
                p.drawLine(QPointF(x, y + lh - 2), QPointF(min(w - pill_w, x + fm.horizontalAdvance("x") * 6),
                                                            y + lh - 2))
            if mark is not None:
                p.setPen(Qt.NoPen)
                p.setBrush(VERMILLION if mark[1] == "stranded" else ORANGE)
                rect = QRectF(w - pill_w, y + 1, pill_w - 4, lh - 2)
                p.drawRoundedRect(rect, 4, 4)
                p.setPen(PAPER)
                p.drawText(rect, Qt.AlignCenter, f"◀ {mark[0]:,}")
        p.end()
