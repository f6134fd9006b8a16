"""The Go window: a recorded run of any Go program played back on the generic stage, with its dials."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...goplay.catalog import EXAMPLES, by_file
from ...goplay.http import Drive, drivable, handlers
from ...goplay.isolate import record_isolated
from ...goplay.record import Frame, GoRun
from ...goplay.savefile import SUFFIX, SavedRun, SaveFileError, load, save
from .code import GoCode
from .compare import GoCompare
from .stage import MAX_CAP, GoStage, lang

log = logging.getLogger("leakviz")


MOVING_MAX_FRAMES = 3000  # a Go run's GIF or video stops at this many frames


DIALS_MAX_H = 300  # pixels of dials shown at once (at zoom 1)


class GoWindow(QMainWindow):
    """A Go program in the window: play its recorded run, see where goroutines strand, dial capacities."""

    closed = Signal()
    changed = Signal()  # a new run is recorded and shown

    def __init__(self, paths: list[str] | None = None, *, entry: str = "main", seed: int = 0,
                 speed: float = 0.05, until_ns: int | None = None, handler: str | None = None,
                 requests: int = 50, rate: float = 100.0, test: str | None = None) -> None:
        super().__init__()
        self.entry = entry
        self.test_name = test  # a test of the opened package, run as `leakviz test` runs it
        self.handler_name = handler
        self.drive: Drive | None = None
        self.requests = requests
        self.rate = rate
        self.seed = seed
        self.speed = speed
        self.export_job = None  # an export.ExportJob while a GIF or video is being made
        self.until_ns = until_ns
        self.files: list[tuple[str, bytes]] = []
        self.caps: dict = {}
        self.schedule: dict = {}  # site key -> [(t_ns, capacity)]: dial changes made during the run
        self.run: GoRun | None = None
        self.index = 0
        self.playing = False
        self.exit_code = 0
        self.paths: list[str] = []
        self.setAcceptDrops(True)
        self._timer = QTimer(self)
        self._timer.setInterval(33)
        self._timer.timeout.connect(self._tick)
        self._build()
        self.resize(1280, 800)
        if paths:
            self.open_paths(paths)

    # -- building --

    def _build(self) -> None:
        self.setWindowTitle(self.tr("leakviz: a Go program"))
        menu = self.menuBar().addMenu(self.tr("&File"))
        act = QAction(self.tr("Open &Go…"), self)
        act.setShortcut("Ctrl+Shift+O")
        act.triggered.connect(self._open_dialog)
        menu.addAction(act)
        self.examples_menu = menu.addMenu(self.tr("&Examples"))
        fill_examples_menu(self.examples_menu, lambda path: self.open_paths([path]))
        save_act = QAction(self.tr("Save Go &run…"), self)
        save_act.setShortcut("Ctrl+S")
        save_act.triggered.connect(self._save_run_dialog)
        menu.addAction(save_act)
        for text, kind in ((self.tr("Export &CSV…"), "csv"), (self.tr("Export &JSON…"), "json"),
                           (self.tr("Export as a &GIF…"), "gif"), (self.tr("Export as an MP4 &video…"), "mp4"),
                           (self.tr("Export as a &WebM video…"), "webm")):
            a = QAction(text, self)
            a.triggered.connect(lambda _=False, kind=kind: self._export_dialog(kind))
            menu.addAction(a)
        cmp_act = QAction(self.tr("Compare &with…"), self)
        cmp_act.triggered.connect(self._compare_dialog)
        menu.addAction(cmp_act)
        self.fix_act = QAction(self.tr("Compare with its &fix"), self)
        self.fix_act.triggered.connect(self.compare_with_fix)
        self.fix_act.setEnabled(False)
        menu.addAction(self.fix_act)
        self.log_act = QAction(self.tr("Replay an access &log…"), self)
        self.log_act.setShortcut("Ctrl+L")
        self.log_act.triggered.connect(self._replay_dialog)
        menu.addAction(self.log_act)
        self.made_up_act = QAction(self.tr("Made-up &requests"), self)
        self.made_up_act.triggered.connect(self.use_made_up_requests)
        menu.addAction(self.made_up_act)
        shot = QAction(self.tr("Save &screenshot…"), self)
        shot.triggered.connect(self._save_dialog)
        menu.addAction(shot)
        close = QAction(self.tr("&Close"), self)
        close.setShortcut("Ctrl+W")
        close.triggered.connect(self.close)
        menu.addAction(close)

        central = QWidget()
        outer = QVBoxLayout(central)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel { background: #FDECEA; color: #8A1C0A; padding: 6px; }")
        self.banner.hide()
        outer.addWidget(self.banner)
        row = QHBoxLayout()
        outer.addLayout(row, 1)

        side = self.side = QWidget()
        side.setFixedWidth(240)
        sl = QVBoxLayout(side)
        self.title = QLabel()
        self.title.setWordWrap(True)
        tf = self.title.font()
        tf.setBold(True)
        tf.setPointSizeF(tf.pointSizeF() * 1.2)
        self.title.setFont(tf)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        sl.addWidget(self.title)
        sl.addWidget(self.caption)
        self.dials_box = QGroupBox(self.tr("Channel capacities"))
        self.dials_box.setToolTip(self.tr("One dial per make(chan T, n) in the source; a change edits that constant "
                                          "and runs the program again."))
        # the dials scroll inside their box: 200 channels must not make the window 10,000 px tall
        box = QVBoxLayout(self.dials_box)
        box.setContentsMargins(2, 2, 2, 2)
        self.dials_scroll = QScrollArea()
        self.dials_scroll.setWidgetResizable(True)
        self.dials_scroll.setFrameShape(QFrame.NoFrame)
        self.dials_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        inner = QWidget()
        self.dials = QVBoxLayout(inner)
        self.dials.setContentsMargins(0, 0, 0, 0)
        self.dials_scroll.setWidget(inner)
        box.addWidget(self.dials_scroll)
        sl.addWidget(self.dials_box)
        self.http_box = QGroupBox(self.tr("Requests"))
        self.http_box.setToolTip(self.tr("An HTTP handler is called once per simulated request, each on its own "
                                         "goroutine as net/http does; main is not run."))
        hl = QVBoxLayout(self.http_box)
        self.handler_combo = QComboBox()
        self.handler_combo.setAccessibleName(self.tr("Handler"))
        self.requests_spin = QSpinBox()
        self.requests_spin.setRange(1, 100_000)
        self.requests_spin.setAccessibleName(self.tr("Requests"))
        self.rate_spin = QDoubleSpinBox()
        self.rate_spin.setRange(0.1, 100_000)
        self.rate_spin.setDecimals(1)
        self.rate_spin.setAccessibleName(self.tr("Request rate"))
        self.sources_edit = QLineEdit()
        self.sources_edit.setPlaceholderText("10.0.0.0/8")
        self.sources_edit.setAccessibleName(self.tr("Clients from"))
        self.sources_edit.setToolTip(self.tr("Networks the clients come from, each with its share in %, e.g. "
                                             "203.0.113.0/24=25, 10.0.0.0/8"))
        self.path_edit = QLineEdit("/")
        self.path_edit.setAccessibleName(self.tr("Path"))
        self.made_up_rows = []
        for text, wdg in ((self.tr("Handler"), self.handler_combo), (self.tr("Requests"), self.requests_spin),
                          (self.tr("Requests per second"), self.rate_spin), (self.tr("Clients from"), self.sources_edit),
                          (self.tr("Path"), self.path_edit)):
            lab = QLabel(text)
            lab.setBuddy(wdg)
            hl.addWidget(lab)
            hl.addWidget(wdg)
            if wdg is not self.handler_combo:
                self.made_up_rows += [lab, wdg]
            else:
                self.handler_label = lab
        self.log_label = QLabel()
        self.log_label.setWordWrap(True)
        hl.addWidget(self.log_label)
        self.handler_combo.currentTextChanged.connect(lambda _t: self._drive_changed())
        self.requests_spin.valueChanged.connect(lambda _v: self._drive_changed())
        self.rate_spin.valueChanged.connect(lambda _v: self._drive_changed())
        self.sources_edit.editingFinished.connect(self._drive_changed)
        self.path_edit.editingFinished.connect(self._drive_changed)
        self.http_box.hide()
        sl.addWidget(self.http_box)
        self.stats = QLabel()
        self.stats.setWordWrap(True)
        self.stats.setTextFormat(Qt.RichText)
        sf = self.stats.font()
        sf.setPointSizeF(sf.pointSizeF() * 1.3)
        self.stats.setFont(sf)
        sl.addWidget(self.stats)
        sl.addStretch(1)
        row.addWidget(side)
        self.stage = GoStage()
        row.addWidget(self.stage, 3)
        self.row = row
        self.code = GoCode()
        scroll = self.code_scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.code)
        row.addWidget(scroll, 2)

        bar = QHBoxLayout()
        self.play_btn = QPushButton(self.tr("Play"))
        self.play_btn.clicked.connect(self.toggle_play)
        self.step_btn = QPushButton(self.tr("Step"))
        self.step_btn.clicked.connect(self.step)
        self.back_btn = QPushButton(self.tr("Back"))
        self.back_btn.clicked.connect(self.step_back)
        for keys, slot in ((("Space",), self.toggle_play), (("Right", "."), self.step), (("Left", ","), self.step_back),
                           (("Ctrl+R",), self.reset), (("Ctrl+=", "Ctrl++"), lambda: self.set_zoom(self.zoom * 1.15)),
                           (("Ctrl+-",), lambda: self.set_zoom(self.zoom / 1.15)), (("Ctrl+0",), lambda: self.set_zoom(1.0)),
                           (("F5",), lambda: self.set_presenter(not self.presenter)), (("End",), lambda: self.seek(len(self.run.frames) - 1
                                                                                   if self.run else 0))):
            a = QAction(self)
            a.setShortcuts([QKeySequence(k) for k in keys])
            a.triggered.connect(slot)
            self.addAction(a)
        self.reset_btn = QPushButton(self.tr("Reset"))
        self.reset_btn.clicked.connect(self.reset)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setAccessibleName(self.tr("Timeline"))
        self.slider.valueChanged.connect(self.seek)
        self.time_label = QLabel()
        self.time_label.setMinimumWidth(self.time_label.fontMetrics().horizontalAdvance("0,000.0 ms (end)   "))
        for wdg in (self.play_btn, self.back_btn, self.step_btn, self.reset_btn):
            bar.addWidget(wdg)
        bar.addWidget(self.slider, 1)
        bar.addWidget(self.time_label)
        outer.addLayout(bar)
        self.setCentralWidget(central)
        self.dial_widgets: dict = {}

    # -- opening and running --

    def open_paths(self, paths: list[str]) -> bool:
        """Open Go files or a folder of package main; False (and the reason shown) when they cannot be read."""
        from ...golang.errors import GoSourceError
        from ...golang.module import load_sources as load_files
        if len(paths) == 1 and paths[0].endswith(SUFFIX):
            return self.open_saved(Path(paths[0]))
        try:
            if self.test_name is not None:
                from ...golang.gotest import test_files
                files = test_files(paths[0])
            else:
                files = load_files(paths)
        except GoSourceError as e:
            self._show_error(str(e))
            return False
        except OSError as e:
            self._show_error(f"{paths[0]}: {e.strerror or e}")
            return False
        self.paths = list(paths)
        self.files = files
        self.caps = {}
        self.schedule: dict = {}
        self.drive = None
        found = [] if self.test_name is not None else drivable(files) if self.handler_name is None \
            else handlers(files)
        if self.handler_name is not None and self.handler_name not in found:
            self._show_error(self.tr("No handler {name}(w http.ResponseWriter, r *http.Request) in {file}").format(
                name=self.handler_name, file=Path(paths[0]).name))
            return False
        if found:
            self.drive = Drive(self.handler_name or found[0], self.requests, self.rate)
        self._fill_drive(found)
        ex = by_file(paths[0]) if len(paths) == 1 else None
        lg = lang()
        # a test's long CamelCase name may wrap between its words (a zero-width space before each capital)
        shown_test = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "\u200b", self.test_name or "")
        self.title.setText(ex.title.get(lg, ex.title["en"]) if ex else shown_test or Path(paths[0]).name)
        self.caption.setText(ex.caption.get(lg, ex.caption["en"]) if ex else "" if self.test_name is None
                             else self.tr("A test of package {package}, run as leakviz test runs it on the "
                                          "schedule of seed {seed}: what it leaves blocked for ever is stranded "
                                          "here.").format(package=Path(paths[0]).name, seed=self.seed))
        self.example = ex
        self.fix_act.setEnabled(bool(ex and ex.fix))
        self.rerun(keep_time=False)
        self._build_dials()
        return True

    def save_run(self, path: Path) -> bool:
        """Save the source text and every choice (capacities, drive, seed); False and the reason shown if not."""
        try:
            save(path, SavedRun(list(self.files), dict(self.caps), self.entry, self.seed, self.drive,
                                dict(self.schedule), self.test_name))
        except SaveFileError as e:
            self._show_error(str(e))
            return False
        return True

    def open_saved(self, path: Path) -> bool:
        """Open a ``.leakviz-go`` file: the same program, capacities and requests, run again."""
        try:
            saved = load(path)
        except SaveFileError as e:
            self._show_error(str(e))
            return False
        self.paths = [str(path)]
        self.files = saved.files
        self.caps = dict(saved.caps)
        self.schedule = dict(saved.schedule or {})
        self.entry = saved.entry
        self.test_name = saved.test
        self.seed = saved.seed
        self.drive = saved.drive
        self.example = None
        self.fix_act.setEnabled(False)
        self.title.setText(path.name)
        self.caption.setText("")
        found = drivable(self.files)
        self._fill_drive(found)
        self.rerun(keep_time=False)
        self._build_dials()
        return True

    def export(self, path: Path, kind: str) -> bool:
        """The recorded run as CSV (timeline) or JSON (timeline, leaks, dials); False and the reason if not."""
        from ...core.atomic import WriteError, atomic_write
        from ...goplay.export import to_csv, to_json
        if self.run is None or not self.run.frames:
            self._show_error(self.tr("Nothing to export: no program has run."))
            return False
        text = to_csv(self.run) if kind == "csv" else to_json(self.run, caps=self.caps, schedule=self.schedule)
        try:
            with atomic_write(path, "w", encoding="utf-8") as f:
                f.write(text)
        except (WriteError, OSError) as e:
            self._show_error(str(e))
            return False
        return True

    def _export_dialog(self, kind: str) -> None:
        dlg = QFileDialog(self, self.tr("Export"), f"leakviz-go.{kind}", f"*.{kind}")
        dlg.setAcceptMode(QFileDialog.AcceptSave)
        if kind in ("csv", "json"):
            dlg.fileSelected.connect(lambda p: self.export(Path(p), kind))
        else:
            dlg.fileSelected.connect(lambda p: self.export_moving(Path(p), kind))
        dlg.open()

    def export_moving(self, path: Path, kind: str) -> None:
        """The recorded run as an animated GIF or an MP4/WebM video, at the playback speed, as the
        window shows it, through ``export.ExportJob`` (one frame a timer tick, progress, cancel,
        nothing left behind). ``self.export_job`` is None when done."""
        from ...core.export import ExportError
        from ..export import MOVING_FPS, ExportJob, writer_for
        if self.run is None or not self.run.frames:
            self._show_error(self.tr("Nothing to export: no program has run."))
            return
        fps = MOVING_FPS[kind]
        step = self.speed / fps * 1e9
        n = min(MOVING_MAX_FRAMES, int(self.run.frames[-1].t_ns / step) + 1)
        try:
            out = writer_for(path, kind, fps=fps)
        except (ExportError, ValueError) as e:
            self._show_error(str(e))
            return
        shown = self.index

        def frames():
            try:
                for k in range(n):
                    self.seek(self._index_at(round(k * step)))
                    self.stage.repaint()
                    img = self.grab().toImage()
                    yield img.copy(0, 0, img.width() - img.width() % 2, img.height() - img.height() % 2)  # even
            finally:
                self.seek(shown)

        def done(message: str | None) -> None:
            self.export_job = None
            if message is not None:
                self.statusBar().showMessage(message, 6000)

        self.export_job = ExportJob(
            self, frames(), out, total=n, label=self.tr("Making the animation…"), title=self.tr("Export"),
            cancel=self.tr("Cancel"), cancelled=self.tr("Export cancelled."),
            wrote=lambda k: self.tr("Wrote {n} frames to {p}").format(n=k, p=path), done=done)

    def _save_run_dialog(self) -> None:
        dlg = QFileDialog(self, self.tr("Save Go run"), "run" + SUFFIX, self.tr("leakviz Go runs (*.leakviz-go)"))
        dlg.setAcceptMode(QFileDialog.AcceptSave)
        dlg.fileSelected.connect(lambda p: self.save_run(Path(p)))
        dlg.open()

    def _fill_drive(self, found: list[str]) -> None:
        widgets = (self.handler_combo, self.requests_spin, self.rate_spin, self.sources_edit, self.path_edit)
        for wdg in widgets:
            wdg.blockSignals(True)
        self.handler_combo.clear()
        self.handler_combo.addItems(found)
        d = self.drive
        if d is not None:
            self.handler_combo.setCurrentText(d.handler)
            self.requests_spin.setValue(d.requests)
            self.rate_spin.setValue(d.rate)
            self.sources_edit.setText(d.sources or "")
            self.path_edit.setText(d.path)
        for wdg in widgets:
            wdg.blockSignals(False)
        replaying = d is not None and d.serve is not None
        for wdg in self.made_up_rows:  # a log brings its own clients, paths and pacing
            wdg.setVisible(not replaying)
        self.handler_combo.setVisible(d is not None and bool(d.handler))
        self.handler_label.setVisible(self.handler_combo.isVisibleTo(self.http_box))
        self.log_label.setVisible(replaying)
        if replaying:
            self.log_label.setText(self.tr("Replaying the access log {name}").format(name=Path(d.serve).name)
                                   + ("" if d.handler else self.tr(" through the server main starts")))
        self.http_box.setVisible(d is not None)
        self.made_up_act.setEnabled(replaying and bool(found))

    def _drive_changed(self) -> None:
        if self.drive is None:
            return
        from dataclasses import replace

        from ...golang.traffic import TrafficError, made_up
        sources = self.sources_edit.text().strip() or None
        path = self.path_edit.text().strip() or "/"
        try:
            made_up(1, 1, sources=sources, path=path)
        except TrafficError as e:
            self._show_error(str(e).replace("--from: ", "").replace("--path", self.tr("The path")))
            return
        self.banner.hide()
        new = replace(self.drive, handler=self.handler_combo.currentText() or self.drive.handler,
                      requests=self.requests_spin.value(), rate=self.rate_spin.value(), sources=sources, path=path)
        if new != self.drive:
            self.drive = new
            self.rerun(keep_time=True)

    def _replay_dialog(self) -> None:
        dlg = QFileDialog(self, self.tr("Replay an access log"), "",
                          self.tr("Access logs (*.log *.txt access*);;All files (*)"))
        dlg.setFileMode(QFileDialog.ExistingFile)
        dlg.fileSelected.connect(self.replay_log)
        dlg.open()

    def replay_log(self, path: str) -> bool:
        """Replay an access log (Common or Combined Log Format): through the server main starts, else through
        the handler; False, and the reason shown, when the log or the program cannot."""
        from dataclasses import replace

        from ...golang.traffic import TrafficError, access_log
        from ...goplay.http import main_serves
        try:
            traffic, _skipped = access_log(path)
        except TrafficError as e:
            self._show_error(str(e))
            return False
        found = drivable(self.files) or handlers(self.files)
        if main_serves(self.files):
            handler = ""
        elif found:
            handler = self.drive.handler if self.drive is not None and self.drive.handler else found[0]
        else:
            self._show_error(self.tr("Nothing serves requests here: no http.ListenAndServe in main and no "
                                     "func(w http.ResponseWriter, r *http.Request)."))
            return False
        base = self.drive or Drive(handler, self.requests, self.rate)
        self.drive = replace(base, handler=handler, serve=str(path), speed=1.0)
        self.banner.hide()
        self._fill_drive(found)
        self.rerun(keep_time=False)
        return len(traffic.requests) > 0

    def use_made_up_requests(self) -> None:
        """Back from an access log to made-up requests for the handler."""
        found = drivable(self.files) or handlers(self.files)
        if self.drive is None or not found:
            return
        from dataclasses import replace
        self.drive = replace(self.drive, handler=self.drive.handler or found[0], serve=None)
        self._fill_drive(found)
        self.rerun(keep_time=False)

    def _build_dials(self) -> None:
        while self.dials.count():
            item = self.dials.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.dial_widgets = {}
        sites = self.run.sites if self.run is not None else []
        for s in sites:
            sp = QSpinBox()
            sp.setRange(0, MAX_CAP)
            changed = self.schedule.get(s.key)
            sp.setValue(changed[-1][1] if changed else self.caps.get(s.key, s.capacity if s.capacity is not None else 0))
            if s.capacity is None:
                sp.setSpecialValueText(s.cap_text)  # a non-constant capacity: shown as written until dialled
            sp.setAccessibleName(self.tr("Capacity of {name} at {site}").format(name=s.name, site=s.label))
            sp.setToolTip(self.tr("make(chan {elem}, n) at {site}: changing n edits the source and runs again.")
                          .format(elem=s.elem, site=s.label))
            sp.valueChanged.connect(lambda v, key=s.key: self.set_capacity(key, v))
            name = QLabel(s.label)  # above its dial: a long name never squeezes the number out
            name.setBuddy(sp)
            self.dials.addWidget(name)
            self.dials.addWidget(sp)
            self.dial_widgets[s.key] = sp
        self.dials.addStretch(1)
        self.dials_box.setVisible(bool(sites))
        self._fit_dials()
        QTimer.singleShot(0, self._fit_dials)  # again once the fonts and layout have settled

    def _fit_dials(self) -> None:
        """As tall as the dials, up to DIALS_MAX_H; past that they scroll and the window keeps its size."""
        need = self.dials_scroll.widget().sizeHint().height() + 2
        self.dials_scroll.setFixedHeight(min(need, int(DIALS_MAX_H * self.zoom)))

    def set_capacity(self, key: tuple, value: int) -> None:
        """Edit the capacity of the ``make(chan)`` at ``key``. At the start of the timeline it is the source's
        constant; later, it holds for every ``make`` from the moment on screen (what ran before stays as it
        ran), as a change of capacity does in the built-in scenario."""
        fr = self.current_frame()
        t = fr.t_ns if fr is not None and self.index > 0 else 0
        if t <= 0:
            self.caps[key] = int(value)
            self.schedule.pop(key, None)
        else:
            changes = [c for c in self.schedule.get(key, []) if c[0] < t]
            self.schedule[key] = changes + [(t, int(value))]
        self.rerun(keep_time=True)

    def rerun(self, *, keep_time: bool) -> None:
        """Record the program (with the dialled capacities) and show it."""
        t = self.current_frame().t_ns if keep_time and self.current_frame() is not None else None
        # recorded in a limited child process (goplay/isolate.py): an opened file is untrusted
        self.run = record_isolated(self.files, caps=self.caps, entry=self.entry, seed=self.seed, until_ns=self.until_ns,
                                   drive=self.drive, schedule=self.schedule, test=self.test_name)
        run = self.run
        main_path, main_src = run.files[0] if run.files else ("", b"")
        err_file = run.error.path if run.error is not None else ""
        by_file: dict[str, int] = {}
        for pl in run.last.piles if run.last is not None else ():
            by_file[pl.file] = by_file.get(pl.file, 0) + pl.count
        most = max(by_file, key=by_file.get) if by_file else ""
        for path, src in run.files:  # show the file with the error, else the one holding the most stranded
            if err_file and Path(path).resolve() == Path(err_file).resolve():
                main_path, main_src = path, src
            elif not err_file and most and Path(path).name == most:
                main_path, main_src = path, src
        fi = next((i for i, (p, _s) in enumerate(run.files) if p == main_path), 0)
        edited = {s.line for s in run.sites if (s.key in self.caps or s.key in self.schedule) and s.file == fi}
        self.code.set_source(main_path, main_src.decode(errors="replace"), edited)
        if run.error is not None:
            e = run.error
            every = [e, *e.more]  # every refusal at once, as go build lists them
            self._show_error("\n".join(self.tr("Cannot run this Go: {where}: {reason}").format(
                where=f"{Path(x.path).name}:{x.line}:{x.col}", reason=x.msg) for x in every))
            self.code.set_marks({}, (e.line, e.col, e.msg))
            more = self.tr(" (and {n} more, listed above)").format(n=len(every) - 1) if len(every) > 1 else ""
            self.stage.set_frame(None, self.tr("Unsupported Go at line {line}, column {col}: {reason}").format(
                line=e.line, col=e.col, reason=e.msg) + more)
            self.slider.setRange(0, 0)
            self._update_stats()
            self.changed.emit()
            return
        res = run.result
        if run.failure:
            self._show_error(self.tr("Cannot run this Go: {reason}").format(reason=run.failure))
        elif res is not None and (res.panicked or res.exit_code):
            # the program's own end (a panic, a fatal error, os.Exit): said at once, not "nothing stranded"
            first = next((ln for ln in res.stderr.splitlines() if ln.strip()), "")
            self._show_error(self.tr("The program stopped: {reason}").format(
                reason=first[:200] if first else self.tr("exit status {code}").format(code=res.exit_code)))
        else:
            self.banner.hide()
        n = len(run.frames)
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, n - 1))
        self.slider.blockSignals(False)
        idx = n - 1 if t is None else self._index_at(t)
        if not keep_time:
            idx = 0
        self.seek(idx)
        self.changed.emit()

    def _index_at(self, t: int) -> int:
        frames = self.run.frames if self.run else []
        k = 0
        for i, f in enumerate(frames):
            if f.t_ns <= t:
                k = i
        return k

    def _show_error(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()
        self.stage.set_frame(None, text)

    # -- playback --

    def current_frame(self) -> Frame | None:
        """The frame on screen."""
        if self.run is None or not self.run.frames:
            return None
        return self.run.frames[min(self.index, len(self.run.frames) - 1)]

    def seek(self, index: int) -> None:
        """Show frame ``index`` of the recorded run."""
        if self.run is None or not self.run.frames:
            return
        self.index = max(0, min(index, len(self.run.frames) - 1))
        if self.slider.value() != self.index:
            self.slider.blockSignals(True)
            self.slider.setValue(self.index)
            self.slider.blockSignals(False)
        fr = self.current_frame()
        self.stage.set_frame(fr)
        marks: dict[int, tuple[int, str]] = {}
        base = Path(self.code.path).name
        for pl in fr.piles:
            if pl.file == base:
                marks[pl.line] = (marks.get(pl.line, (0, ""))[0] + pl.count, "stranded")
        for ln in fr.lanes:
            for g in ln.shown:
                if g.state == "blocked" and g.file == base and g.line not in marks:
                    marks[g.line] = (sum(1 for x in ln.shown if x.state == "blocked" and x.line == g.line), "blocked")
        self.code.set_marks(marks)
        stranded_lines = sorted(ln for ln, (_n, kind) in marks.items() if kind == "stranded")
        if stranded_lines:  # a long file: bring the first stranded line into view
            lh = self.code.line_height()
            self.code_scroll.ensureVisible(0, int(4 + (stranded_lines[0] - 0.5) * lh), 0, int(lh * 2))
        self._update_stats()

    def _update_stats(self) -> None:
        fr = self.current_frame()
        if fr is None or (self.run is not None and self.run.error is not None):
            self.stats.setText("")
            self.time_label.setText("")
            return
        self.stats.setText(self.tr("<b>{s}</b> stranded<br>{b} blocked<br>{l} alive<br>{n} started").format(
            s=f"{fr.stranded:,}", b=f"{fr.blocked:,}", l=f"{fr.live:,}", n=f"{fr.started:,}"))
        end = self.tr(" (end)") if fr.final else ""
        self.time_label.setText(f"{fr.t_ns / 1e6:,.1f} ms{end}")

    def toggle_play(self) -> None:
        """Play or pause the recorded run at the chosen speed (simulated seconds per second)."""
        self.playing = not self.playing
        if self.playing and self.run is not None and self.index >= len(self.run.frames) - 1:
            self.seek(0)
        self.play_btn.setText(self.tr("Pause") if self.playing else self.tr("Play"))
        if self.playing:
            self._play_t = self.current_frame().t_ns if self.current_frame() else 0
            self._timer.start()
        else:
            self._timer.stop()

    def _tick(self) -> None:
        if self.run is None or not self.run.frames:
            return
        self._play_t += int(self.speed * 1e9 * self._timer.interval() / 1000)
        k = self.index
        frames = self.run.frames
        while k + 1 < len(frames) and frames[k + 1].t_ns <= self._play_t:
            k += 1
        if k == self.index and k + 1 < len(frames):
            k += 1  # several frames at one instant: show them one by one
            self._play_t = max(self._play_t, frames[k].t_ns)
        self.seek(k)
        if k >= len(frames) - 1:
            self.toggle_play()

    def step(self) -> None:
        """One frame forward."""
        self.seek(self.index + 1)

    zoom = 1.0
    presenter = False

    def set_zoom(self, z: float) -> None:
        """Scale the stage's and the code's text (0.6 to 3)."""
        self.zoom = max(0.6, min(3.0, z))
        self._fit_dials()
        self.stage.zoom = self.code.zoom = self.zoom
        self.code.set_source(self.code.path, "\n".join(self.code.lines), self.code.edited)
        QCoreApplication.sendPostedEvents(None, QEvent.LayoutRequest)  # the code's new size, now, not next frame
        self.stage.update()

    def set_presenter(self, on: bool) -> None:
        """Presenter mode: the side panel folds away and everything the class reads grows."""
        self.presenter = on
        self.side.setVisible(not on)
        self.set_zoom(1.35 if on else 1.0)

    def step_back(self) -> None:
        """One frame back (the run is recorded: rewinding is only showing an earlier frame)."""
        if self.playing:
            self.toggle_play()
        self.seek(self.index - 1)

    def reset(self) -> None:
        """Back to the first frame, paused; capacities changed during the run become the source's constants
        and the program runs again with them from the start."""
        if self.playing:
            self.toggle_play()
        if self.schedule:
            for k, changes in self.schedule.items():
                if changes:
                    self.caps[k] = changes[-1][1]
            self.schedule = {}
            self.rerun(keep_time=False)
        self.seek(0)

    def show_time(self, seconds: float) -> None:
        """Show the last frame at or before ``seconds`` of simulated time."""
        if self.run is not None and self.run.frames:
            self.seek(self._index_at(int(seconds * 1e9)))

    # -- files --

    def _open_dialog(self) -> None:
        dlg = QFileDialog(self, self.tr("Open Go"), "", self.tr("Go source or saved Go run (*.go *.leakviz-go)"))
        dlg.fileSelected.connect(lambda path: self.open_paths([path]))
        dlg.open()

    def compare(self, other: list[str]):
        """This program and ``other`` side by side (same seed, same requests)."""
        self.compare_window = GoCompare(self.paths, other, seed=self.seed,
                                        drive_requests=self.drive.requests if self.drive else 50,
                                        rate=self.drive.rate if self.drive else 100.0)
        self.compare_window.show()
        return self.compare_window

    def compare_with_fix(self):
        """The open example beside its fix."""
        ex = getattr(self, "example", None)
        if ex is not None and ex.fix:
            return self.compare([str(ex.path.with_name(ex.fix))])
        return None

    def _compare_dialog(self) -> None:
        dlg = QFileDialog(self, self.tr("Compare with"), "", self.tr("Go source (*.go)"))
        dlg.fileSelected.connect(lambda path: self.compare([path]))
        dlg.open()

    def _save_dialog(self) -> None:
        dlg = QFileDialog(self, self.tr("Save screenshot"), "leakviz-go.png", self.tr("PNG image (*.png)"))
        dlg.setAcceptMode(QFileDialog.AcceptSave)
        dlg.fileSelected.connect(lambda path: self.save_png(Path(path)))
        dlg.open()

    def save_png(self, path: Path) -> bool:
        """The window as a PNG; False (and the reason in the banner) when it cannot be written."""
        from ...core.export import ExportError
        from ..export import grab_png
        self.stage.repaint()
        try:
            grab_png(self, path)
        except ExportError as e:
            self._show_error(str(e))
            return False
        return True

    def dragEnterEvent(self, e) -> None:  # noqa: N802
        if go_paths_of(e.mimeData()):
            e.acceptProposedAction()

    def dropEvent(self, e) -> None:  # noqa: N802
        paths = go_paths_of(e.mimeData())
        if paths:
            self.open_paths(paths)
            e.acceptProposedAction()

    def resizeEvent(self, e) -> None:  # noqa: N802
        # the side panel grows with the screen, so a projector's 1080p is read from the back as 1024x768 is
        w = self.width()
        px = max(13, min(22, round(w / 80)))
        self.side.setFixedWidth(max(240, min(380, round(w * 0.17))))
        for lab, k, bold in ((self.caption, 1.0, False), (self.title, 1.25, True), (self.stats, 1.3, False)):
            f = lab.font()
            f.setPixelSize(round(px * k))
            f.setBold(bold)
            lab.setFont(f)
        # on a small screen the code needs as much width as the stage to stay readable
        self.row.setStretch(2, 3 if w < 1400 else 2)
        f = self.dials_box.font()
        f.setPixelSize(px)
        self.dials_box.setFont(f)
        self.http_box.setFont(f)
        super().resizeEvent(e)

    def closeEvent(self, e) -> None:  # noqa: N802
        self._timer.stop()
        if self.export_job is not None:  # a half-made export is removed, not left behind
            self.export_job.cancel()
        self.closed.emit()
        super().closeEvent(e)


def fill_examples_menu(menu, open_path) -> None:
    """The shipped Go examples as ``menu``'s actions (titles in the current language); ``open_path(str)``."""
    menu.clear()
    lg = lang()
    for ex in EXAMPLES:
        a = QAction(ex.title.get(lg, ex.title["en"]), menu)
        a.triggered.connect(lambda _=False, ex=ex: open_path(str(ex.path)))
        menu.addAction(a)


def go_paths_of(mime) -> list[str]:
    """Dropped .go files or folders holding .go files."""
    out = []
    for url in mime.urls() if mime.hasUrls() else []:
        p = Path(url.toLocalFile())
        if (p.is_file() and p.suffix in (".go", ".leakviz-go")) or (p.is_dir() and any(p.glob("*.go"))):
            out.append(str(p))
    return out
