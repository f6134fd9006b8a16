"""The Go source of the running variant, with parked goroutines counted per line.

Every line is always visible: the font is the largest that fits the panel with
long lines wrapped (never cut), and the blocked counts sit in a gutter beside
the line numbers, never over the code.

(About 560 lines: fitting, wrapping and painting the code share the rows they compute; the counts per
version and the followed request's marks are drawn into those same rows.)
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..core.scenario import Config, go_source
from ..core.trace import RequestView, Snapshot, site_key
from .style import GREEN, GREY, INK, ORANGE, PAPER, VERMILLION, draw_task, px, text_floor

MIN_PX = 7


def wrap_line(text: str, cols: int) -> list[str]:
    """``text`` in pieces of at most ``cols`` characters, broken at spaces where it can;
    continuation pieces are indented four more than the line."""
    cols = max(8, cols)
    if len(text) <= cols:
        return [text]
    indent = len(text) - len(text.lstrip(" "))
    cont = " " * min(indent + (4 if cols >= 30 else 2), cols // 2)  # narrow: a word kept whole beats a deep indent
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
        tail = rest[cut:].strip()
        if len(tail) <= 3 and len(cont) + len(tail) <= cols:  # never a brace alone on a line: take a word along
            earlier = rest.rfind(" ", start, cut - 1)
            if earlier > 0:
                cut = earlier
        out.append(prefix + rest[:cut].rstrip())
        rest = rest[cut:].lstrip(" ")
        prefix = cont
    out.append(prefix + rest)
    return out


_COMMENT = re.compile(r'\s*//[^"`]*$')  # a trailing comment (no quote after it: not inside a string)


def changed_lines(cfg: Config) -> set[int]:
    """0-based lines of ``cfg``'s code that differ from the article's bug (same checks)."""
    if cfg.variant == "seed" and cfg.capacity_done == 0 and cfg.capacity_quit == 0:
        return set()
    # a line whose code is the bug's, its comment aside, is not a change (the ctx version's bare return)
    bug = [_COMMENT.sub("", t) for t, _ in go_source(replace(cfg, variant="seed", capacity_done=0, capacity_quit=0))]
    mine = [_COMMENT.sub("", t) for t, _ in go_source(cfg)]
    out: set[int] = set()
    for op, _a0, _a1, b0, b1 in difflib.SequenceMatcher(a=bug, b=mine, autojunk=False).get_opcodes():
        if op in ("replace", "insert"):
            out.update(range(b0, b1))
    return out


_MAKE = re.compile(r"make\(\s*(chan\b[^,()]*(?:\([^()]*\)[^,()]*)*?)\s*(?:,\s*([^()]+?))?\s*\)")


def with_capacity(text: str, n: int) -> str | None:
    """``text`` with its one ``make(chan T[, c])`` given capacity ``n`` (a dial turned: the code that would
    make that channel); None when the line already says so or holds no single make(chan)."""
    found = list(_MAKE.finditer(text))
    if len(found) != 1:
        return None
    m = found[0]
    cap = m.group(2)
    if (cap is None and n == 0) or (cap is not None and cap.strip() == str(n)):
        return None
    return f"{text[:m.start()]}make({m.group(1)}, {n}){text[m.end():]}"


def config_of(text: str) -> Config:
    """The Config a trace's ``config`` event carries (JSON lists back to tuples)."""
    obj = json.loads(text)
    return Config(**{k: tuple(v) if isinstance(v, list) else v for k, v in obj.items()})


def version_counts(snap: Snapshot) -> dict[int, tuple[dict[str, int], dict[str, int]]]:
    """version -> (parked per site, stranded per site); version 0 is what the later versions leave."""
    out: dict[int, tuple[dict[str, int], dict[str, int]]] = {}
    p0, s0 = dict(snap.parked_by_site), dict(snap.stranded_by_site)
    for (v, site), n in snap.parked_by_version:
        out.setdefault(v, ({}, {}))[0][site] = n
        p0[site] = p0.get(site, 0) - n
    for (v, site), n in snap.stranded_by_version:
        out.setdefault(v, ({}, {}))[1][site] = n
        s0[site] = s0.get(site, 0) - n
    out[0] = (p0, s0)
    return out


def _line_map(old: list[str], new: list[str]) -> dict[int, int]:
    """Old line index -> new line index, for the lines both versions share."""
    out: dict[int, int] = {}
    for op, a0, a1, b0, _b1 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            out.update({a0 + k: b0 + k for k in range(a1 - a0)})
    return out


class CodeView(QWidget):
    """The handler's Go code, with counts of goroutines parked (and stranded) on each line.

    After a mid-run change it also shows, greyed, what goroutines of the
    earlier versions of the code still wait on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)
        self.setMinimumSize(220, 200)
        self.lines: list[tuple[str, tuple[str, ...]]] = []
        self.program_path: str | None = None  # a program's file shown instead of the article's handler
        self.span: tuple[int, int] | None = None  # a program's lines shown (its handler), the rest summarised
        self.changed: set[int] = set()
        self.counts: dict[int, tuple[int, int]] = {}  # line -> (parked, of which stranded)
        # after a mid-run change: the configs of the run's versions (0: its start), what goroutines of
        # earlier versions wait on per current line, and earlier lines the current code no longer has
        self.versions: list[Config] = []
        self.earlier: dict[int, tuple[int, int]] = {}
        self.earlier_rows: list[tuple[str, int, int]] = []  # (old line's text, parked, stranded)
        self.earlier_from = 0  # the first request of the current version
        self.oldest = 0  # the oldest version that still has goroutines waiting
        self._fit_cache: tuple | None = None
        self.base_px = 24.0  # the largest code font before zoom; presenter mode raises it
        self.floor_px = 0.0  # unwrapped code may not win below this size (presenter mode: 18)
        # what the last paint drew: font pixel size and each row (line index, text, rect)
        self.drawn_px = 0
        self.bare = False  # the comments were left out: the code reads at the floor (presenter mode)
        self.rows: list[tuple[int, str, QRectF]] = []
        self.gutter_labels: list[tuple[str, QRectF, QFont]] = []
        self.retranslate()

    def retranslate(self) -> None:
        """Re-set the tooltip in the current language."""
        self.setToolTip(self.tr("The Go code of the running handler. A highlighted line has "
                                "goroutines blocked on it right now; red when they can never continue."))

    def sizeHint(self) -> QSize:
        return QSize(480, 520)

    def set_config(self, cfg: Config) -> None:
        """Show the Go source of ``cfg`` (lines changed from the bug marked), forgetting earlier versions."""
        self.program_path = None
        self.span = None  # a program's function shown before (gateway.go's handler) is not this code's
        self.cfg = cfg
        self.lines = go_source(cfg)
        self.changed = changed_lines(cfg)
        self.versions = []
        self.earlier, self.earlier_rows = {}, []
        self.update()

    markers: dict[int, list[tuple[str, int]]] = {}  # followed request: line -> (state, check) of who is there

    def set_follow(self, r: RequestView | None, doomed: bool = False) -> None:
        """Mark where each goroutine of the followed request ``r`` is in the article's code (None: no marks):
        a working check at its Sleep, a blocked one at its send or select, the handler at its select or
        its early return. ``doomed``: nobody can receive any more, so a blocked send is drawn stranded."""
        marks: dict[int, list[tuple[str, int]]] = {}
        if r is not None:
            lo, hi = self.span or (0, len(self.lines))  # a program's file: the handler shown (gateway.go's)
            sleep = next((i for i in range(lo, hi) if "time.Sleep(" in self.lines[i][0]), None)
            back = next((i for i in range(lo, hi) if self.lines[i][0].strip().startswith("return")), None)
            for t in r.checks:
                if t.state == "sleeping":
                    line = sleep
                elif t.state in ("parked", "stranded"):
                    line = self._blocked_line(t)
                else:
                    line = None
                if line is not None:
                    state = "stranded" if doomed and t.state == "parked" and t.op == "send" else t.state
                    marks.setdefault(line, []).append((state, t.idx))
            h = r.handler
            if r.returned is not None and r.outcome == "rejected":
                line = back
            elif h is not None and h.state == "parked":
                line = self._blocked_line(h)
            else:
                line = None
            if line is not None:
                marks.setdefault(line, []).append(("handler", -1))
        if marks != self.markers:
            self.markers = marks
            self.update()

    def _blocked_line(self, t) -> int | None:
        """The row where goroutine ``t`` blocks: the article's line of its site, or its program's line."""
        if self.program_path is None:
            key = site_key(t.role, t.op, t.chans)
            return next((i for i, (_t, sites) in enumerate(self.lines) if key in sites), None)
        path, _, line = t.where.rpartition(":")
        if path != self.program_path or not line.isdigit() or not 0 < int(line) <= len(self.lines):
            return None
        return int(line) - 1

    def set_program(self, path: str, text: str) -> None:
        """Show a program's Go file ``path``: its lines are counted by where goroutines block in it."""
        self.program_path = path
        self.span = None  # set_span: the lines of the one function shown
        self.lines = [(line.replace("\t", "    "), ()) for line in text.splitlines()]
        self.source_lines = list(self.lines)
        self.changed = set()
        self.versions = []
        self.earlier, self.earlier_rows = {}, []
        self.counts = {}
        self.update()

    def set_span(self, span: tuple[int, int] | None) -> None:
        """Show only lines [start, end) of the program's file (0-based), the rest summarised; None: all."""
        self.span = span
        self.update()

    def set_dials(self, sites: dict[str, tuple[str, int, str]], values: dict[str, int]) -> None:
        """A program's dials as the code they stand for: each make(chan) line of this file whose dial is
        set to another capacity is shown with it written in, marked as changed."""
        if self.program_path is None:
            return
        self.lines = list(self.source_lines)
        self.changed = set()
        for key, n in values.items():
            path, line, _var = sites.get(key, ("", 0, ""))
            if path == self.program_path and 0 < line <= len(self.lines):
                text = with_capacity(self.lines[line - 1][0], n)
                if text is not None:
                    self.lines[line - 1] = (text, ())
                    self.changed.add(line - 1)
        self.update()

    def set_versions(self, start: Config, snap: Snapshot) -> None:
        """Split the counts by the code version the goroutines' requests ran (after mid-run changes)."""
        self.versions = [start] + [config_of(v[3]) for v in snap.versions]
        self.earlier_from = snap.versions[-1][2] if snap.versions else 0

    def set_snapshot(self, snap: Snapshot) -> None:
        """Take the parked/stranded counts per line from ``snap``, split by code version after a mid-run change.

        Repaints only when the counts changed."""
        before = (self.counts, self.earlier, self.earlier_rows)
        if self.program_path is not None:
            self.counts = {}
            for b in snap.blocked_lines():
                if b.path == self.program_path and 0 < b.line <= len(self.lines):
                    n, k = self.counts.get(b.line - 1, (0, 0))
                    self.counts[b.line - 1] = (n + b.blocked, k + b.stranded)
            if self.counts != before[0]:
                self.update()
            return
        by_version = version_counts(snap)
        cur = len(snap.versions) if len(self.versions) == len(snap.versions) + 1 else None
        if cur is None:  # no change mid-run (or not told yet): every count is this code's
            parked, stranded = dict(snap.parked_by_site), dict(snap.stranded_by_site)
            self.earlier, self.earlier_rows = {}, []
        else:
            parked, stranded = by_version.get(cur, ({}, {}))
            self.earlier, self.earlier_rows = {}, []
            now = [t for t, _s in self.lines]
            self.oldest = cur
            for v in range(cur):
                p_v, s_v = by_version.get(v, ({}, {}))
                if not any(p_v.values()):
                    continue
                self.oldest = min(self.oldest, v)
                old = go_source(self.versions[v])
                same = _line_map([t for t, _s in old], now)
                for j, (text, sites) in enumerate(old):
                    n = sum(p_v.get(x, 0) for x in sites)
                    if not n:
                        continue
                    k = sum(s_v.get(x, 0) for x in sites)
                    if j in same:
                        a, b = self.earlier.get(same[j], (0, 0))
                        self.earlier[same[j]] = (a + n, b + k)
                    else:
                        self.earlier_rows.append((text.strip(), n, k))
        self.counts = {}
        for i, (_text, sites) in enumerate(self.lines):
            n = sum(parked.get(s, 0) for s in sites)
            if n:
                self.counts[i] = (n, sum(stranded.get(site, 0) for site in sites))
        if (self.counts, self.earlier, self.earlier_rows) != before:
            self.update()

    def highlighted(self) -> dict[int, int]:
        """Line number (1-based) -> goroutines parked there: what is drawn."""
        return {i + 1: n for i, (n, _s) in self.counts.items()}

    def _entries(self) -> list[tuple[str, int, str]]:
        """What to draw, top to bottom: ("line", i, text) for the code, then after a mid-run change a
        caption and ("old", k, text) for the earlier code's lines this code no longer has."""
        if self.program_path is not None:
            return self._program_entries()
        out = [("line", i, t) for i, (t, _s) in enumerate(self.lines)]
        old = self._old_lines()
        if old:
            out.append(("caption", -1, self.tr("earlier code (requests before #{n}):").format(n=self.earlier_from)))
            out += [("old", k, "    " + t) for k, (t, _n, _s) in enumerate(old)]
        return out

    READABLE_PX = 15  # a program's file is cut to the lines around its leak before its code gets smaller

    def _program_entries(self, at_most: int | None = None) -> list[tuple[str, int, str]]:
        """A program's lines (of ``span`` only, when set: the handler it runs); a file too long to read whole
        shows the window of lines around the line where most goroutines are stranded (blocked; before any:
        the first go statement), the rest summarised above and below. ``at_most``: lines in that window
        (what fits at presenter mode's floor, wrapped)."""
        n = len(self.lines)
        lo, hi = self.span if self.span is not None else (0, n)
        fit = int((self.height() - 8) // round(self.READABLE_PX * px(10) / 10 * 1.12))
        if at_most is None and (lo, hi) == (0, n) and (n <= fit or fit < 8):
            return [("line", i, t) for i, (t, _s) in enumerate(self.lines)]
        rows = max(1, fit - 2) if at_most is None else at_most  # a summary row above and one below
        whole = int((self.height() - 8) // round(12 * px(10) / 10 * 1.12)) - 2  # one function whole, down to 12 px
        if at_most is not None:
            whole = at_most
        if hi - lo <= max(rows, whole) or (fit < 8 and at_most is None):
            a, b = lo, hi
        else:
            counts = {i: c for i, c in self.counts.items() if lo <= i < hi}
            if counts:
                focus = max(counts, key=lambda i: (counts[i][1], counts[i][0], -i))
            else:
                focus = next((i for i in range(lo, hi) if self.lines[i][0].lstrip().startswith("go ")), lo)
            a = max(lo, min(focus - rows // 3, hi - rows))
            b = min(hi, a + rows)
        out = []
        if a:
            out.append(("caption", -1, self.tr("⋮ lines 1–{b} above").format(b=a)))
        out += [("line", i, self.lines[i][0]) for i in range(a, b)]
        if b < n:
            out.append(("caption", -1, self.tr("⋮ lines {a}–{b} below").format(a=b + 1, b=n)))
        return out

    def _old_lines(self) -> list[tuple[str, int, int]]:
        """The earlier version's lines that differ from this code (with what still waits on them)."""
        if len(self.versions) < 2 or not (self.earlier or self.earlier_rows):
            return []
        prev = [t for t, _s in go_source(self.versions[self.oldest])]
        now = [t for t, _s in self.lines]
        shared = _line_map(prev, now)
        rows = {t: (n, k) for t, n, k in self.earlier_rows}
        out = [(t.strip(), *rows.pop(t.strip(), (0, 0))) for j, t in enumerate(prev) if j not in shared]
        return out + [(t, n, k) for t, (n, k) in rows.items()]

    def _fit(self, mono: QFont, count_text: str, pills: int) -> tuple[int, float, float, float, list, bool]:
        """The largest pixel size at which every wrapped row fits: (px, line height, gutter, char width, rows,
        whether the comments were left out to stay at the floor).

        Unwrapped code reads best: a size up to a tenth smaller that needs no wrapping wins."""
        size = max(MIN_PX, int(self.base_px * px(10) / 10))
        entries = self._entries()
        key = (self.width(), self.height(), size, self.floor_px, count_text, pills, tuple(entries))
        if self._fit_cache is not None and self._fit_cache[0] == key:  # a frame rarely changes the layout
            return self._fit_cache[1]
        got = self._fit_search(mono, count_text, pills, size, entries)
        if self.program_path is not None:  # at the floor a long handler still overflows: fewer of its lines
            shown = sum(1 for k, _i, _t in entries if k == "line")
            while shown > 8 and len(got[4]) * got[1] > self.height() - 8:
                shown -= max(1, int((len(got[4]) * got[1] - self.height() + 8) // got[1]))
                got = self._fit_search(mono, count_text, pills, size, self._program_entries(max(8, shown)))
        self._fit_cache = (key, got)
        return got

    def _fit_search(self, mono: QFont, count_text: str, pills: int, size: int, entries: list) -> tuple:
        best = None
        while True:
            mono.setPixelSize(size)
            fm = QFontMetricsF(mono)
            cw = fm.horizontalAdvance("M" * 10) / 10
            # tighter than the font's leading: more lines, bigger, on a short screen; tighter still at the floor
            lh = round(size * (1.05 if self.floor_px and size <= self.floor_px else 1.12))
            gutter = fm.horizontalAdvance("99") + pills * (fm.horizontalAdvance(count_text) + cw * 0.6) + cw + 8
            cols = int((self.width() - gutter - cw) // cw)
            texts = [t for _k, _i, t in entries]
            if max(map(len, texts)) > cols:  # narrow: half the indentation before wrapping anything
                texts = [" " * ((len(t) - len(t.lstrip(" "))) // 2) + t.lstrip(" ") for t in texts]
            rows = [(kind, i, piece) for (kind, i, _t), text in zip(entries, texts, strict=True)
                    for piece in wrap_line(text, cols)]
            fits = len(rows) * lh <= self.height() - 8 and cols >= 20
            if fits and best is None:
                best = (size, lh, gutter, cw, rows)
            if fits and len(rows) == len(entries) and size >= self.floor_px:
                return size, lh, gutter, cw, rows, False
            if size <= MIN_PX or (best is not None and size <= best[0] * 0.9) or size <= self.floor_px:
                if self.floor_px and (best is None or best[0] < self.floor_px) and \
                        any(_comment_at(t) >= 0 for _k, _i, t in entries):
                    # under the floor (presenter mode) the comments go, not the size: the code stays readable
                    # (a line that is only a comment goes whole: a blank row would read as a gap in the code)
                    bare = [(k, i, t[:_comment_at(t)].rstrip() if _comment_at(t) >= 0 else t) for k, i, t in entries
                            if not t.lstrip().startswith("//")]
                    got = self._fit_search(mono, count_text, pills, max(size, int(self.floor_px)), bare)
                    return (*got[:4], got[4], True)
                return (*(best or (size, lh, gutter, cw, rows)), False)
            size -= 1

    def _pill(self, p: QPainter, rect: QRectF, n: int, stranded: bool, earlier: bool, font: QFont) -> None:
        p.setPen(Qt.NoPen)
        p.setBrush(QColor("#E4E7EB") if earlier else (VERMILLION if stranded else ORANGE))
        p.drawRoundedRect(rect, 4, 4)
        if earlier:  # the earlier version's goroutines: grey, outlined in their state's colour
            p.setPen(QPen(VERMILLION if stranded else ORANGE, 2))
            p.setBrush(Qt.NoBrush)
            p.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4)
        p.setFont(font)
        p.setPen(INK if earlier or not stranded else PAPER)
        label = f"{n:,}"
        p.drawText(rect, Qt.AlignCenter, label)
        self.gutter_labels.append((label, QRectF(rect), QFont(font)))

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), PAPER)
        self.rows = []
        self.gutter_labels = []
        self.marks_drawn = []  # per marked line drawn: how many goroutines (tests read it)
        if not self.lines:
            p.end()
            return
        mono = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        old = self._old_lines()
        counts = [n for n, _s in self.counts.values()] + [n for n, _s in self.earlier.values()]
        counts += [n for _t, n, _s in old]
        pills = 2 if (self.earlier or any(n for _t, n, _s in old)) else 1
        # the widest count as all nines: the layout (and its cached fit) changes only with its number of digits,
        # not with every goroutine a running program adds (a fit search on every frame was a third of it)
        widest = int("9" * len(str(max(counts + [99]))))
        size, lh, gutter, cw, rows, self.bare = self._fit(mono, f"{widest:,}", pills)
        self.drawn_px = size
        mono.setPixelSize(size)
        bold = QFont(mono)
        bold.setBold(True)
        fm = QFontMetricsF(mono)
        num_w = fm.horizontalAdvance("99") + 4
        pill_w = (gutter - num_w - cw * 0.4 - cw * 0.5) / pills
        text_left = gutter + cw * 0.4
        y = 4.0
        prev = None
        last_row = {(kind, i): k for k, (kind, i, _piece) in enumerate(rows)}  # a wrapped line's marks go on its end
        for k, (kind, i, piece) in enumerate(rows):
            first = (kind, i) != prev
            prev = (kind, i)
            count = self.counts.get(i) if kind == "line" else None
            earlier = self.earlier.get(i) if kind == "line" else None
            if kind == "old" and old[i][1]:
                earlier = old[i][1:]
            if count:
                bg = QColor(VERMILLION if count[1] else ORANGE)
                bg.setAlpha(50)
                p.fillRect(QRectF(gutter, y, self.width() - gutter, lh), bg)
            if kind == "line" and i in self.changed:  # differs from the article's bug
                p.fillRect(QRectF(gutter - 4, y, 4, lh), GREEN)
            p.setFont(mono)
            if first and kind == "line":
                p.setPen(QPen(INK if count else GREY))
                p.drawText(QRectF(0, y, num_w, lh), Qt.AlignRight | Qt.AlignVCenter, str(i + 1))
            if first:
                x = num_w + cw * 0.4
                if earlier:
                    self._pill(p, QRectF(x, y + 1, pill_w - cw * 0.3, lh - 2), earlier[0], bool(earlier[1]), True,
                               bold)
                if count:
                    self._pill(p, QRectF(x + (pills - 1) * pill_w, y + 1, pill_w - cw * 0.3, lh - 2), count[0],
                               bool(count[1]), False, bold)
                p.setFont(mono)
            if kind == "line":
                p.setPen(INK)
            else:
                p.setPen(GREY.darker(140))
                if kind == "caption":
                    p.setFont(bold)
            rect = QRectF(text_left, y, self.width() - text_left, lh)
            p.drawText(rect, Qt.AlignLeft | Qt.AlignVCenter, piece)
            if kind == "line" and i in self.markers and last_row[(kind, i)] == k:
                self._draw_markers(p, QRectF(text_left + fm.horizontalAdvance(piece) + cw, y, 0, lh),
                                   self.markers[i], mono)
            self.rows.append((i, piece, rect) if kind == "line" else (-1, piece, rect))
            y += lh
        p.end()


    def _draw_markers(self, p: QPainter, at: QRectF, marks: list[tuple[str, int]], font: QFont) -> None:
        """The followed request's goroutines on a line, right of its code: each state's marker and the check's
        number as the stage shows it ("H" the handler); a long line's marks sit at the panel's right edge."""
        r = at.height() * 0.32
        small = QFont(font)
        small.setPixelSize(max(7, text_floor(), int(at.height() * 0.7)))
        fm = QFontMetricsF(small)
        items = [(state, "H" if k < 0 else str(k)) for state, k in marks]
        widths = [2.4 * r + fm.horizontalAdvance(label) + 4 for _s, label in items]
        if at.left() + sum(widths) > self.width() - 4:  # no room after the code: one mark per state, "5–9"
            items = []
            for state in dict.fromkeys(s for s, _k in marks):
                ks = sorted(k for s, k in marks if s == state)
                run = len(ks) > 2 and ks == list(range(ks[0], ks[-1] + 1))
                label = "H" if ks == [-1] else (f"{ks[0]}–{ks[-1]}" if run else ",".join(map(str, ks)))
                items.append((state, label))
            widths = [2.4 * r + fm.horizontalAdvance(label) + 4 for _s, label in items]
        if at.left() + sum(widths) > self.width() - 4:  # still none: how many, not which ("⊠×6")
            items = [(state, "H" if [k for s, k in marks if s == state] == [-1] else
                      f"×{sum(1 for s, _k in marks if s == state)}") for state in dict.fromkeys(s for s, _k in marks)]
            widths = [2.4 * r + fm.horizontalAdvance(label) + 4 for _s, label in items]
        x = min(at.left(), self.width() - sum(widths) - 4)
        p.fillRect(QRectF(x - 4, at.top(), sum(widths) + 6, at.height()), PAPER)
        for (state, k), wd in zip(items, widths, strict=True):
            c = QPointF(x + r, at.center().y())
            if state == "handler":
                p.setPen(QPen(INK, 1.5))
                p.setBrush(QColor("#FDECEA"))
                p.drawRoundedRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), 2, 2)
            else:
                draw_task(p, state, c, r)
            p.setFont(small)
            p.setPen(INK)
            p.drawText(QRectF(x + 2.2 * r, at.top(), wd, at.height()), Qt.AlignLeft | Qt.AlignVCenter, k)
            x += wd
        self.marks_drawn.append(len(marks))

    marks_drawn: list[int] = []


def _comment_at(line: str) -> int:
    """Where a Go line's // comment starts (outside string and rune literals), or -1."""
    quote = ""
    i = 0
    while i < len(line):
        c = line[i]
        if quote:
            if c == "\\" and quote != "`":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'`":
            quote = c
        elif line.startswith("//", i):
            return i
        i += 1
    return -1
