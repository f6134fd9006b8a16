"""File > Open dump…: a real Go program's goroutines, grouped, as piles over
the code lines where they block; and, for a URL, their counts over time.

All reading and polling happens on a worker thread (a dump can be large, a
service slow); the window only looks at finished results on a timer.
"""

from __future__ import annotations

import concurrent.futures
import time
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontDatabase, QPainter, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import memory
from ..godump.cli import SourceFinder, read
from ..godump.group import Group, Summary
from ..godump.live import FetchError, Watch
from ..godump.parse import DumpError
from .style import FAINT, GREY, INK, ORANGE, PAPER, VERMILLION, draw_task


def _kib(n: int) -> str:
    return f"{n / 1024:,.1f} KiB" if n < 1 << 20 else f"{n / (1 << 20):,.2f} MiB"


class PileView(QWidget):
    """The source file of the selected group, with a pile of goroutine
    markers beside every line where goroutines of this dump block."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file: str = ""
        self.lines: list[str] = []
        self.counts: dict[int, int] = {}  # line -> goroutines blocked there
        self.focus_line = 0
        self.note = ""
        self.setMinimumSize(QSize(360, 240))

    def show_file(self, file: str, lines: list[str] | None, counts: dict[int, int], focus: int,
                  stack: list[str]) -> None:
        """Show ``file``'s ``lines`` with goroutine ``counts`` per line (1-based), scrolled to ``focus``.

        When the source was not found (``lines`` None) it shows the group's
        ``stack`` with a note instead."""
        self.file, self.counts, self.focus_line = file, counts, focus
        if lines is None:
            self.lines = stack
            self.note = self.tr("Source of {f} not found (give its folder with --src); its stack:").format(f=file)
            self.counts = {}
        else:
            self.lines, self.note = [t.expandtabs(4) for t in lines], ""
        self.update()

    def piles(self) -> dict[int, int]:
        """Line (1-based) -> goroutines drawn there."""
        return dict(self.counts)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), PAPER)
        mono = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        mono.setPixelSize(13)
        p.setFont(mono)
        lh = 18.0
        top = 4.0
        if self.note:
            p.setPen(VERMILLION)
            p.drawText(QRectF(6, top, self.width() - 12, lh), Qt.AlignLeft | Qt.AlignVCenter, self.note)
            top += lh
        rows = max(1, int((self.height() - top) // lh))
        first = max(0, min(len(self.lines) - rows, self.focus_line - rows // 2)) if self.focus_line else 0
        biggest = max(self.counts.values(), default=1)
        pile_w = min(240.0, self.width() * 0.3)
        code_w = self.width() - pile_w - 60
        for k in range(rows):
            i = first + k
            if i >= len(self.lines):
                break
            y = top + k * lh
            n = self.counts.get(i + 1, 0) if not self.note else 0
            if i + 1 == self.focus_line and not self.note:
                bg = QColor(VERMILLION)
                bg.setAlpha(40)
                p.fillRect(QRectF(0, y, self.width(), lh), bg)
            p.setPen(QPen(INK if n else GREY))
            p.drawText(QRectF(4, y, 44, lh), Qt.AlignRight | Qt.AlignVCenter, "" if self.note else str(i + 1))
            p.setPen(INK)
            p.drawText(QRectF(54, y, code_w, lh), Qt.AlignLeft | Qt.AlignVCenter, self.lines[i])
            if n:
                # a pile: one marker per goroutine up to a row's worth, scaled past that
                x0 = self.width() - pile_w
                shown = max(1, round(n / biggest * ((pile_w - 70) / 9))) if n > (pile_w - 70) / 9 else n
                for j in range(shown):
                    draw_task(p, "stranded", QPointF(x0 + 5 + j * 9, y + lh / 2), 3.5)
                p.setPen(VERMILLION)
                p.drawText(QRectF(self.width() - 66, y, 62, lh), Qt.AlignRight | Qt.AlignVCenter, f"{n:,}")
        p.end()


class TrendChart(QWidget):
    """Each group's count per poll; leaking groups in vermillion, labelled."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.watch: Watch | None = None
        self.setMinimumHeight(150)

    def labels(self) -> list[str]:
        """What the chart writes beside the leaking groups."""
        out = []
        for t in self.watch.leaking() if self.watch else []:
            n, b = t.in_an_hour()
            out.append(self.tr("LEAKING {site}: +{rate}/s, {n} in an hour ({mem}){ok}").format(
                site=t.label, rate=f"{t.rate:,.2f}", n=f"{n:,}", mem=_kib(b),
                ok=self.tr(" — Go agrees (goroutineleak)") if t.confirmed else ""))
        return out

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), PAPER)
        w = self.watch
        if w is None or not w.trends:
            p.setPen(GREY)
            p.drawText(self.rect(), Qt.AlignCenter, self.tr("Watch a URL to chart its goroutines over time."))
            p.end()
            return
        left, right, top, bottom = 50.0, self.width() - 10.0, 10.0, self.height() - 60.0
        pts = [pt for t in w.trends.values() for pt in t.counts]
        t0, t1 = min(a for a, _ in pts), max(max(a for a, _ in pts), min(a for a, _ in pts) + 1e-9)
        top_n = max(1, max(c for _, c in pts))
        p.setPen(QPen(FAINT))
        p.drawLine(QPointF(left, bottom), QPointF(right, bottom))
        p.setPen(INK)
        p.drawText(QRectF(0, top - 6, left - 4, 14), Qt.AlignRight, f"{top_n:,}")
        p.drawText(QRectF(0, bottom - 7, left - 4, 14), Qt.AlignRight, "0")
        leaking = {t.key for t in w.leaking()}
        for t in w.trends.values():
            pen = QPen(VERMILLION if t.key in leaking else ORANGE)
            pen.setWidthF(2.0 if t.key in leaking else 1.0)
            p.setPen(pen)
            prev = None
            for a, c in t.counts:
                q = QPointF(left + (a - t0) / (t1 - t0) * (right - left) if t1 > t0 else left,
                            bottom - c / top_n * (bottom - top))
                if prev is not None:
                    p.drawLine(prev, q)
                prev = q
        y = bottom + 6
        p.setPen(VERMILLION)
        for text in self.labels()[:3]:
            p.drawText(QRectF(left, y, right - left, 16), Qt.AlignLeft | Qt.AlignVCenter, text)
            y += 16
        if w.polls and w.polls[-1].error:
            p.drawText(QRectF(left, y, right - left, 16), Qt.AlignLeft | Qt.AlignVCenter,
                       self.tr("Not answering: {e} (still polling)").format(e=w.polls[-1].error))
        p.end()


class DumpWindow(QWidget):
    """A goroutine dump (file or URL) grouped, with piles over the code."""

    COLUMNS = 6
    file_read = Signal(str)  # a dump file read whole (File > Open Recent remembers it)

    def __init__(self, source: str | None = None, src_dir: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("leakviz: a Go program's goroutines"))
        self.resize(1100, 720)
        self.summary: Summary | None = None
        self.finder = SourceFinder(src_dir)
        self.src_dir = src_dir
        self.watch: Watch | None = None
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
        self._job: concurrent.futures.Future | None = None
        self._next_poll = 0.0

        self.source = QLineEdit()
        self.source.setPlaceholderText(self.tr("a dump file, or http://127.0.0.1:6060/debug/pprof/goroutine?debug=2"))
        self.source.returnPressed.connect(self.load_from_field)
        browse = QPushButton(self.tr("Open dump…"))
        browse.clicked.connect(self._browse)
        self.live = QCheckBox(self.tr("Watch"))
        self.live.setToolTip(self.tr("For a URL: poll it and flag the groups that only grow"))
        self.every = QDoubleSpinBox()
        self.every.setRange(0.5, 3600)
        self.every.setValue(5.0)
        self.every.setSuffix(" s")
        go = QPushButton(self.tr("Read"))
        go.clicked.connect(self.load_from_field)
        bar = QHBoxLayout()
        for wdg in (self.source, browse, self.live, self.every, go):
            bar.addWidget(wdg)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.info = QLabel()
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setSelectionMode(QTableWidget.SingleSelection)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.setHorizontalHeaderLabels([self.tr("count"), self.tr("wait reason"), self.tr("longest"),
                                              self.tr("blocks at"), self.tr("created by"), self.tr("stacks")])
        self.piles = PileView()
        self.chart = TrendChart()
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.piles)
        split.setSizes([520, 580])
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.message)
        lay.addWidget(self.info)
        lay.addWidget(split, 1)
        lay.addWidget(self.chart)
        self.timer = QTimer(self)
        self.timer.setInterval(100)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        if source:
            self.source.setText(source)
            self.live.setChecked(source.startswith(("http://", "https://")))
            self.load_from_field()

    # -- reading --

    def _browse(self) -> None:
        dlg = QFileDialog(self, self.tr("Open a goroutine dump"), "",
                          self.tr("Goroutine dumps (*.txt *.log *.json);;All files (*)"))
        dlg.setFileMode(QFileDialog.ExistingFile)
        dlg.fileSelected.connect(lambda p: (self.source.setText(p), self.live.setChecked(False),
                                            self.load_from_field()))
        dlg.open()

    def load_from_field(self) -> None:
        """Read what the field names: once, or (a URL with Watch on) every few seconds."""
        text = self.source.text().strip()
        self.message.setText("")
        if not text:
            self._say(self.tr("Name a dump file or a URL."))
            return
        is_url = text.startswith(("http://", "https://"))
        if self.live.isChecked() and not is_url:
            self._say(self.tr("Watch needs a URL like http://127.0.0.1:6060/debug/pprof/goroutine?debug=2"))
            return
        if self.live.isChecked():
            self.watch = Watch(text, timeout=min(10.0, self.every.value() * 2))
            self.chart.watch = self.watch
            self._next_poll = 0.0
        else:
            self.watch = None
            self.chart.watch = None
            self._reading = None if is_url else text
            self._submit(lambda: read(text))
        self.chart.update()

    def _submit(self, fn) -> None:
        if self._job is None:
            self._job = self._pool.submit(fn)

    def _tick(self) -> None:
        if self._job is not None and self._job.done():
            job, self._job = self._job, None
            try:
                res = job.result()
            except (DumpError, FetchError) as e:
                self._say(str(e))
                return
            if isinstance(res, Summary):
                self.show_summary(res)
                if getattr(self, "_reading", None):
                    self.file_read.emit(str(Path(self._reading).absolute()))
                    self._reading = None
            else:  # a poll
                if res.error is not None:
                    self._say(self.tr("The service is not answering: {e} (still polling)").format(e=res.error))
                else:
                    self.message.setText("")
                    self.show_summary(res.summary)
                self.chart.update()
        if self.watch is not None and self._job is None and time.monotonic() >= self._next_poll:
            self._next_poll = time.monotonic() + self.every.value()
            self._submit(self.watch.poll)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {VERMILLION.name()}")

    # -- showing --

    def _facts(self, s: Summary) -> str:
        """The two leak facts, as far as a dump tells them (Summary.leak_facts)."""
        f = s.leak_facts()
        reported = (self.tr("Go's goroutineleak profile reports {n} leaked").format(n=f"{f['go_reports_leaked']:,}")
                    if f["go_reports_leaked"] is not None else
                    self.tr("Go's goroutineleak profile: not in this dump"))
        return reported + self.tr("; can never continue for certain: {n} (a nil channel, select {{}}); "
                                  "for the others a dump cannot tell").format(n=f"{f['never_continue_certain']:,}")

    def show_summary(self, s: Summary) -> None:
        """Fill the table and the piles from a grouped dump."""
        keep = self._current()
        self.summary = s
        self.info.setText(self.tr("{form}: {n} goroutines in {g} groups; Go holds ~{mem} for them "
                                  "({each} B each, modelled){prob}").format(
            form=s.form, n=f"{s.goroutines:,}", g=f"{len(s.groups):,}", mem=_kib(s.go_bytes()),
            each=f"{memory.GOROUTINE_BYTES:,}",
            prob=self.tr("; {n} problems, first: {p}").format(n=f"{s.problems.total:,}", p=s.problems.kept[0])
            if s.problems.total else "") + "\n" + self._facts(s))
        if s.problems.total and self.watch is None:
            self._say(self.tr("Damaged dump, read as far as it is valid: {p}").format(p=s.problems.summary()))
        self.table.setRowCount(len(s.groups))
        for r, g in enumerate(s.groups):
            cells = [f"{g.count:,}", (g.wait_reason or "?") + (f" ({g.leaked:,} leaked)" if g.leaked else ""),
                     self.tr("unknown") if g.max_wait_minutes is None else f"{g.max_wait_minutes} min",
                     f"{g.function} {Path(g.file).name}:{g.line}",
                     f"{g.created_by} {Path(g.created_file or '').name}:{g.created_line}" if g.created_by else "-",
                     f"{g.stacks:,}"]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        row = next((i for i, g in enumerate(s.groups) if keep and g.key == keep.key), 0)
        if s.groups:
            self.table.selectRow(row)
            self._selected()

    def _current(self) -> Group | None:
        if self.summary is None:
            return None
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        r = rows[0].row() if rows else 0
        return self.summary.groups[r] if 0 <= r < len(self.summary.groups) else None

    def _selected(self) -> None:
        g = self._current()
        if g is None:
            return
        counts: dict[int, int] = {}
        for other in self.summary.groups:
            if other.file == g.file:
                counts[other.line] = counts.get(other.line, 0) + other.count
        path = self.finder.find(g.file) if self.src_dir is not None else (
            Path(g.file) if Path(g.file).is_absolute() and Path(g.file).is_file() else None)
        lines = None
        if path is not None:
            try:
                lines = path.read_text(errors="replace").splitlines()
            except OSError:
                lines = None
        stack = []
        if g.sample is not None:
            for f in g.sample.frames[:40]:
                stack += [f.function, f"    {f.file}:{f.line}"]
        self.piles.show_file(g.file, lines, counts, g.line, stack)

    def closeEvent(self, event) -> None:
        self.timer.stop()
        self.watch = None
        self._pool.shutdown(wait=False, cancel_futures=True)
        super().closeEvent(event)


def run_dump_window(source: str, src_dir: Path | None) -> int:
    """``leakviz dump SOURCE --window``: the dump window on its own."""
    from PySide6.QtWidgets import QApplication

    from . import i18n
    app = QApplication.instance() or QApplication([])
    i18n.install(None)
    w = DumpWindow(source, src_dir)
    w.show()
    return app.exec()
