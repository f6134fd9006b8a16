"""The Go source of the running variant, with parked goroutines counted per line."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..core.scenario import Config, go_source
from ..core.trace import Snapshot
from .style import GREY, INK, ORANGE, PAPER, VERMILLION


class CodeView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)
        self.lines: list[tuple[str, tuple[str, ...]]] = []
        self.counts: dict[int, tuple[int, int]] = {}  # line -> (parked, of which stranded)
        self.setToolTip(self.tr("The Go code of the running handler. A highlighted line has "
                                "goroutines blocked on it right now; red when they can never continue."))

    def sizeHint(self) -> QSize:
        return QSize(520, 520)

    def set_config(self, cfg: Config) -> None:
        self.lines = go_source(cfg)
        self.update()

    def set_snapshot(self, snap: Snapshot) -> None:
        parked = dict(snap.parked_by_site)
        stranded_by_site = dict(snap.stranded_by_site)
        before = self.counts
        self.counts = {}
        for i, (_text, sites) in enumerate(self.lines):
            n = sum(parked.get(s, 0) for s in sites)
            if n:
                s = sum(stranded_by_site.get(site, 0) for site in sites)
                self.counts[i] = (n, s)
        if self.counts != before:
            self.update()

    def highlighted(self) -> dict[int, int]:
        """Line number (1-based) -> goroutines parked there: what is drawn."""
        return {i + 1: n for i, (n, _s) in self.counts.items()}

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), PAPER)
        if not self.lines:
            p.end()
            return
        mono = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        n = len(self.lines)
        lh = max(12.0, min(22.0, (self.height() - 8) / n))
        mono.setPixelSize(int(lh * 0.72))
        longest = max(len(t) for t, _ in self.lines) + 14
        while mono.pixelSize() > 8:  # shrink until the longest line fits
            p.setFont(mono)
            if p.fontMetrics().horizontalAdvance("m" * longest) <= self.width() - 12:
                break
            mono.setPixelSize(mono.pixelSize() - 1)
        p.setFont(mono)
        badge_font = QFont(mono)
        badge_font.setBold(True)
        for i, (text, _sites) in enumerate(self.lines):
            y = 4 + i * lh
            row = QRectF(0, y, self.width(), lh)
            count = self.counts.get(i)
            if count:
                parked, stranded = count
                color = VERMILLION if stranded else ORANGE
                bg = QColor(color)
                bg.setAlpha(60)
                p.fillRect(row, bg)
                p.fillRect(QRectF(0, y, 5, lh), color)
            p.setPen(QPen(INK if count else GREY))
            p.drawText(QRectF(6, y, 26, lh), Qt.AlignRight | Qt.AlignVCenter, str(i + 1))
            p.setPen(INK)
            p.drawText(QRectF(38, y, self.width() - 40, lh), Qt.AlignLeft | Qt.AlignVCenter, text)
            if count:
                parked, stranded = count
                p.setFont(badge_font)
                label = self.tr("◀ {n} blocked").format(n=f"{parked:,}")
                bw = p.fontMetrics().horizontalAdvance(label) + 10
                badge = QRectF(self.width() - bw - 4, y + 1, bw, lh - 2)
                p.fillRect(badge, QColor("#FFE3CF") if stranded else QColor("#FFF1D6"))  # readable over code
                p.setPen(VERMILLION if stranded else INK)
                p.drawText(badge, Qt.AlignCenter, label)
                p.setFont(mono)
        p.end()
