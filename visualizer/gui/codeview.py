"""The Go source of the running variant, with parked goroutines counted per line.

Every line is always visible: the font is the largest that fits the panel with
long lines wrapped (never cut), and the blocked counts sit in a gutter beside
the line numbers, never over the code.
"""

from __future__ import annotations

import difflib
from dataclasses import replace

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..core.scenario import Config, go_source
from ..core.trace import Snapshot
from .style import GREEN, GREY, INK, ORANGE, PAPER, VERMILLION, px

MIN_PX = 7


def wrap_line(text: str, cols: int) -> list[str]:
    """``text`` in pieces of at most ``cols`` characters, broken at spaces where it can;
    continuation pieces are indented four more than the line."""
    cols = max(8, cols)
    if len(text) <= cols:
        return [text]
    indent = len(text) - len(text.lstrip(" "))
    cont = " " * min(indent + 4, cols // 2)
    out: list[str] = []
    rest = text
    prefix = ""
    while len(prefix) + len(rest) > cols:
        room = cols - len(prefix)
        start = len(rest) - len(rest.lstrip(" ")) + 1
        cut = rest.rfind(" ", start, room + 1)
        if cut <= 0:  # no space: break after punctuation, a token split only as the last resort
            cut = max(rest.rfind(c, start, room) + 1 for c in ",(")
        if cut <= 0:
            cut = room
        out.append(prefix + rest[:cut].rstrip())
        rest = rest[cut:].lstrip(" ")
        prefix = cont
    out.append(prefix + rest)
    return out


def changed_lines(cfg: Config) -> set[int]:
    """0-based lines of ``cfg``'s code that differ from the article's bug (same checks)."""
    if cfg.variant == "seed" and cfg.capacity_done == 0 and cfg.capacity_quit == 0:
        return set()
    bug = [t for t, _ in go_source(replace(cfg, variant="seed", capacity_done=0, capacity_quit=0))]
    mine = [t for t, _ in go_source(cfg)]
    out: set[int] = set()
    for op, _a0, _a1, b0, b1 in difflib.SequenceMatcher(a=bug, b=mine, autojunk=False).get_opcodes():
        if op in ("replace", "insert"):
            out.update(range(b0, b1))
    return out


class CodeView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)
        self.setMinimumSize(220, 200)
        self.lines: list[tuple[str, tuple[str, ...]]] = []
        self.changed: set[int] = set()
        self.counts: dict[int, tuple[int, int]] = {}  # line -> (parked, of which stranded)
        self.base_px = 24.0  # the largest code font before zoom; presenter mode raises it
        self.floor_px = 0.0  # unwrapped code may not win below this size (presenter mode: 18)
        # what the last paint drew: font pixel size and each row (line index, text, rect)
        self.drawn_px = 0
        self.rows: list[tuple[int, str, QRectF]] = []
        self.gutter_labels: list[tuple[str, QRectF, QFont]] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.setToolTip(self.tr("The Go code of the running handler. A highlighted line has "
                                "goroutines blocked on it right now; red when they can never continue."))

    def sizeHint(self) -> QSize:
        return QSize(480, 520)

    def set_config(self, cfg: Config) -> None:
        self.lines = go_source(cfg)
        self.changed = changed_lines(cfg)
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

    def _fit(self, mono: QFont, count_text: str) -> tuple[int, float, float, float, list[tuple[int, str]]]:
        """The largest pixel size at which every wrapped line fits: (px, line height, gutter, char width, rows).

        Unwrapped code reads best: a size up to a fifth smaller that needs no wrapping wins."""
        size = max(MIN_PX, int(self.base_px * px(10) / 10))
        best = None
        while True:
            mono.setPixelSize(size)
            fm = QFontMetricsF(mono)
            cw = fm.horizontalAdvance("M" * 10) / 10
            lh = round(size * 1.12)  # tighter than the font's leading: more lines, bigger, on a short screen
            gutter = fm.horizontalAdvance("99") + fm.horizontalAdvance(count_text) + cw * 1.6 + 8
            cols = int((self.width() - gutter - cw) // cw)
            texts = [t for t, _s in self.lines]
            if max(map(len, texts)) > cols:  # narrow: half the indentation before wrapping anything
                texts = [" " * ((len(t) - len(t.lstrip(" "))) // 2) + t.lstrip(" ") for t in texts]
            rows = [(i, piece) for i, text in enumerate(texts) for piece in wrap_line(text, cols)]
            fits = len(rows) * lh <= self.height() - 8 and cols >= 20
            if fits and best is None:
                best = (size, lh, gutter, cw, rows)
            if fits and len(rows) == len(self.lines) and size >= self.floor_px:
                return size, lh, gutter, cw, rows
            if size <= MIN_PX or (best is not None and size <= best[0] * 0.8):
                return best or (size, lh, gutter, cw, rows)
            size -= 1

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), PAPER)
        self.rows = []
        self.gutter_labels = []
        if not self.lines:
            p.end()
            return
        mono = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        widest = max([n for n, _s in self.counts.values()] + [99])
        size, lh, gutter, cw, rows = self._fit(mono, f"{widest:,}")
        self.drawn_px = size
        mono.setPixelSize(size)
        bold = QFont(mono)
        bold.setBold(True)
        fm = QFontMetricsF(mono)
        num_w = fm.horizontalAdvance("99") + 4
        count_left = num_w + cw * 0.4
        count_w = gutter - count_left - cw * 0.5
        text_left = gutter + cw * 0.4
        y = 4.0
        prev = -1
        for i, piece in rows:
            first = i != prev
            prev = i
            count = self.counts.get(i)
            if count:
                parked, stranded = count
                bg = QColor(VERMILLION if stranded else ORANGE)
                bg.setAlpha(50)
                p.fillRect(QRectF(gutter, y, self.width() - gutter, lh), bg)
            if i in self.changed:  # differs from the article's bug
                p.fillRect(QRectF(gutter - 4, y, 4, lh), GREEN)
            p.setFont(mono)
            if first:
                p.setPen(QPen(INK if count else GREY))
                p.drawText(QRectF(0, y, num_w, lh), Qt.AlignRight | Qt.AlignVCenter, str(i + 1))
                if count:
                    parked, stranded = count
                    label = f"{parked:,}"
                    pill = QRectF(count_left, y + 1, count_w, lh - 2)
                    p.setPen(Qt.NoPen)
                    p.setBrush(VERMILLION if stranded else ORANGE)
                    p.drawRoundedRect(pill, 4, 4)
                    p.setFont(bold)
                    p.setPen(PAPER if stranded else INK)
                    p.drawText(pill, Qt.AlignCenter, label)
                    self.gutter_labels.append((label, pill, QFont(bold)))
                    p.setFont(mono)
            p.setPen(INK)
            rect = QRectF(text_left, y, self.width() - text_left, lh)
            p.drawText(rect, Qt.AlignLeft | Qt.AlignVCenter, piece)
            self.rows.append((i, piece, rect))
            y += lh
        p.end()
