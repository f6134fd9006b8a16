"""Two Go programs (a bug and its fix) side by side on one clock."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from ...goplay.catalog import by_file
from ...goplay.http import Drive, drivable
from ...goplay.isolate import record_isolated
from ...goplay.record import GoRun
from .code import GoCode
from .stage import GoStage, lang

log = logging.getLogger("leakviz")


class GoCompare(QMainWindow):
    """Two Go programs side by side (a bug and its fix) on the same seed and requests, one shared clock."""

    closed = Signal()

    def __init__(self, left: list[str], right: list[str], *, seed: int = 0, drive_requests: int = 50,
                 rate: float = 100.0) -> None:
        super().__init__()
        from ...golang.errors import GoSourceError
        from ...golang.module import load_sources as load_files
        self.setWindowTitle(self.tr("leakviz: compare two Go programs"))
        self.runs: list[GoRun] = []
        self.stages: list[GoStage] = []
        self.codes: list[GoCode] = []
        self.labels: list[QLabel] = []
        self.scrolls: list[QScrollArea] = []
        central = QWidget()
        outer = QVBoxLayout(central)
        row = QHBoxLayout()
        outer.addLayout(row, 1)
        for paths in (left, right):
            try:
                files = load_files(paths)
            except GoSourceError as e:
                run = GoRun([], [], error=e)
                files = []
            else:
                found = drivable(files)
                drive = Drive(found[0], drive_requests, rate) if found else None
                run = record_isolated(files, seed=seed, drive=drive)
            self.runs.append(run)
            col = QVBoxLayout()
            ex = by_file(paths[0])
            title = QLabel(ex.title.get(lang(), ex.title["en"]) if ex else Path(paths[0]).name)
            f = title.font()
            f.setBold(True)
            f.setPointSizeF(f.pointSizeF() * 1.2)
            title.setFont(f)
            stats = QLabel()
            stats.setTextFormat(Qt.RichText)
            stage = GoStage()
            code = GoCode()
            if run.files:
                code.set_source(run.files[0][0], run.files[0][1].decode(errors="replace"))
            if run.error is not None:
                e = run.error
                code.set_marks({}, (e.line, e.col, e.msg))
                stage.set_frame(None, self.tr("Cannot run this Go: {where}: {reason}").format(
                    where=f"{Path(e.path).name}:{e.line}:{e.col}", reason=e.msg))
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(code)
            col.addWidget(title)
            col.addWidget(stats)
            col.addWidget(stage, 3)
            col.addWidget(scroll, 2)
            row.addLayout(col, 1)
            self.scrolls.append(scroll)
            self.stages.append(stage)
            self.codes.append(code)
            self.labels.append(stats)
        bar = QHBoxLayout()
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setAccessibleName(self.tr("Timeline"))
        self.end_ns = max((r.frames[-1].t_ns for r in self.runs if r.frames), default=0)
        self.slider.setRange(0, max(1, self.end_ns // 1_000_000))
        self.slider.valueChanged.connect(lambda ms: self.show_time(ms / 1000))
        self.time_label = QLabel()
        self.time_label.setMinimumWidth(self.time_label.fontMetrics().horizontalAdvance("00,000.0 ms   "))
        bar.addWidget(self.slider, 1)
        bar.addWidget(self.time_label)
        outer.addLayout(bar)
        self.setCentralWidget(central)
        self.resize(1600, 900)
        self.show_time(self.end_ns / 1e9)

    def show_time(self, seconds: float) -> None:
        """Both programs at the same simulated moment (each at its end, if it ended earlier)."""
        t = int(seconds * 1e9)
        self.slider.blockSignals(True)
        self.slider.setValue(min(self.slider.maximum(), t // 1_000_000))
        self.slider.blockSignals(False)
        for run, stage, code, stats in zip(self.runs, self.stages, self.codes, self.labels, strict=True):
            if not run.frames:
                continue
            fr = run.frames[0]
            for f in run.frames:
                if f.t_ns <= t:
                    fr = f
            stage.set_frame(fr)
            base = Path(code.path).name
            marks = {pl.line: (pl.count, "stranded") for pl in fr.piles if pl.file == base}
            code.set_marks(marks)
            if marks:
                lh = code.line_height()
                self.scrolls[self.codes.index(code)].ensureVisible(0, int(4 + (min(marks) - 0.5) * lh), 0, int(lh * 2))
            stats.setText(self.tr("<b>{s}</b> stranded, {n} started").format(s=f"{fr.stranded:,}",
                                                                            n=f"{fr.started:,}"))
        self.time_label.setText(f"{t / 1e6:,.1f} ms")

    def save_png(self, path: Path) -> bool:
        """Both sides as one PNG."""
        from ...core.export import ExportError
        from ..export import grab_png
        try:
            grab_png(self, path)
        except ExportError as e:
            log.error("%s", e)
            return False
        return True

    def closeEvent(self, e) -> None:  # noqa: N802
        self.closed.emit()
        super().closeEvent(e)
