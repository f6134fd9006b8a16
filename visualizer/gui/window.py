"""The main window: controls, stage, memory chart, code, verdict.

It holds a core ``Session`` and renders its snapshots on a 30 Hz frame timer
(frame rate is not event rate: thousands of events between two frames cost
one fold and one repaint). User intent goes to the session; nothing here
steps the engine except through it.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..core.presets import DEFAULT_PRESET, PRESETS
from ..core.scenario import Config, safe_capacities
from ..core.session import Session
from ..core.trace import Snapshot
from . import i18n
from .chart import MemoryChart, leak_rate
from .codeview import CodeView
from .controls import ControlPanel
from .stage import Stage
from .style import human_bytes
from .timeline import Timeline

log = logging.getLogger("leakviz")
FRAME_MS = 40  # 25 frames a second: smooth on a projector, and leaves the loop room


class MainWindow(QMainWindow):
    frame_rendered = Signal()

    def __init__(self, *, preset: str = DEFAULT_PRESET, speed: float | None = 0.05,
                 lang: str | None = None, max_live: int | None = None) -> None:
        super().__init__()
        self.preset_name = preset
        cfg = PRESETS[preset]
        self.session = Session(cfg, speed=speed, max_live=max_live)
        self.session.on_error = self.show_error
        self.snap: Snapshot | None = None
        self._screenshot: tuple[Path, int] | None = None
        self.exit_code = 0
        self.lang = lang or ("zh_CN" if QLocale.system().name().startswith("zh") else "en")

        self.controls = ControlPanel(cfg)
        self.controls.set_preset(preset)
        self.controls.set_speed(speed)
        self.stage = Stage()
        self.timeline = Timeline()
        self.timeline.seek_requested.connect(self.seek)
        self.review = None  # a Folder showing an earlier moment, or None: live
        self._replaying = False
        self.chart = MemoryChart()
        self.code = CodeView()
        self.code.set_config(cfg)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.RichText)
        self.verdict.setMargin(10)
        f = self.verdict.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        self.verdict.setFont(f)
        self.stats = {k: QLabel() for k in ("time", "live", "stranded", "rate", "hour", "requests")}
        self.stat_names = {k: QLabel() for k in self.stats}
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.4)
        big.setBold(True)
        for lab in self.stats.values():
            lab.setFont(big)
            lab.setMinimumWidth(110)  # growing numbers must not relayout the window every frame

        self._build_actions()
        self._build_layout()
        self.controls.config_changed.connect(self._config_changed)
        self.controls.speed_changed.connect(self._speed_changed)
        self.controls.preset_chosen.connect(self.choose_preset)

        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.set_language(self.lang)
        self.resize(1440, 900)
        self.refresh()

    # -- building --

    def _build_actions(self) -> None:
        self.act_play = QAction(self)
        self.act_play.setShortcut(QKeySequence(Qt.Key_Space))
        self.act_play.triggered.connect(self.toggle_play)
        self.act_step = QAction(self)
        self.act_step.setShortcuts([QKeySequence(Qt.Key_Right), QKeySequence(Qt.Key_Period)])
        self.act_step.triggered.connect(self.step)
        self.act_back = QAction(self)
        self.act_back.setShortcuts([QKeySequence(Qt.Key_Left), QKeySequence(Qt.Key_Comma)])
        self.act_back.triggered.connect(self.step_back)
        self.act_live = QAction(self)
        self.act_live.setShortcut(QKeySequence(Qt.Key_End))
        self.act_live.triggered.connect(self.go_live)
        self.act_reset = QAction(self)
        self.act_reset.setShortcuts([QKeySequence("Ctrl+R"), QKeySequence(Qt.Key_Home)])
        self.act_reset.triggered.connect(self.reset)
        self.act_shot = QAction(self)
        self.act_shot.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.act_shot.triggered.connect(self._save_screenshot_dialog)
        self.act_quit = QAction(self)
        self.act_quit.setShortcut(QKeySequence.Quit)
        self.act_quit.triggered.connect(self.close)
        self.act_full = QAction(self)
        self.act_full.setShortcut(QKeySequence(Qt.Key_F11))
        self.act_full.triggered.connect(lambda: self.showNormal() if self.isFullScreen() else self.showFullScreen())
        self.act_about = QAction(self)
        self.act_about.triggered.connect(self._about)
        for a in (self.act_play, self.act_step, self.act_back, self.act_live, self.act_reset):
            a.setShortcutContext(Qt.ApplicationShortcut)

        mb = self.menuBar()
        self.menu_file = mb.addMenu("")
        self.act_open = QAction(self)
        self.act_open.setShortcut(QKeySequence.Open)
        self.act_open.triggered.connect(self._open_dialog)
        self.act_save = QAction(self)
        self.act_save.setShortcut(QKeySequence.Save)
        self.act_save.triggered.connect(lambda: self._ask_path("leakviz-run", self.save_run))
        self.act_dump = QAction(self)
        self.act_dump.triggered.connect(self._open_dump)
        self.menu_file.addAction(self.act_open)
        self.menu_file.addAction(self.act_dump)
        self.menu_file.addAction(self.act_save)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_shot)
        self.act_csv = QAction(self)
        self.act_csv.triggered.connect(lambda: self._ask_path("csv", self.export_csv))
        self.act_json = QAction(self)
        self.act_json.triggered.connect(lambda: self._ask_path("json", self.export_json))
        self.act_gif = QAction(self)
        self.act_gif.setShortcut(QKeySequence("Ctrl+G"))
        self.act_gif.triggered.connect(lambda: self._ask_path("gif", self.export_gif))
        for a in (self.act_csv, self.act_json, self.act_gif):
            self.menu_file.addAction(a)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_sim = mb.addMenu("")
        for a in (self.act_play, self.act_step, self.act_back, self.act_live, self.act_reset):
            self.menu_sim.addAction(a)
        self.menu_view = mb.addMenu("")
        self.menu_view.addAction(self.act_full)
        self.act_compare = QAction(self)
        self.act_compare.setShortcut(QKeySequence("Ctrl+K"))
        self.act_compare.triggered.connect(self.open_compare)
        self.menu_view.addAction(self.act_compare)
        self.menu_lang = self.menu_view.addMenu("")
        self.lang_group = QActionGroup(self)
        self.lang_actions = {}
        for code, name in i18n.LANGUAGES.items():
            a = QAction(name, self, checkable=True)
            a.setData(code)
            a.triggered.connect(lambda _c=False, code=code: self.set_language(code))
            self.lang_group.addAction(a)
            self.menu_lang.addAction(a)
            self.lang_actions[code] = a
        self.menu_help = mb.addMenu("")
        self.menu_help.addAction(self.act_about)

        tb = QToolBar()
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.toolbar = tb
        self.btn_play = QPushButton()
        self.btn_play.clicked.connect(self.toggle_play)
        self.btn_step = QPushButton()
        self.btn_step.clicked.connect(self.step)
        self.btn_reset = QPushButton()
        self.btn_reset.clicked.connect(self.reset)
        for b in (self.btn_play, self.btn_step, self.btn_reset):
            b.setMinimumHeight(34)
            b.setFocusPolicy(Qt.NoFocus)
            tb.addWidget(b)
        self.addToolBar(tb)

    def _build_layout(self) -> None:
        scroll = QScrollArea()
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(330)
        scroll.setMaximumWidth(380)

        stats = QWidget()
        grid = QGridLayout(stats)
        grid.setContentsMargins(8, 2, 8, 2)
        grid.setVerticalSpacing(0)
        for i, k in enumerate(self.stats):
            grid.addWidget(self.stat_names[k], 0, i)
            grid.addWidget(self.stats[k], 1, i)
            grid.setColumnStretch(i, 1)

        stage_box = QWidget()
        sb = QVBoxLayout(stage_box)
        sb.setContentsMargins(0, 0, 0, 0)
        sb.setSpacing(0)
        sb.addWidget(self.stage, 1)
        sb.addWidget(self.timeline)
        split_v = QSplitter(Qt.Vertical)
        split_v.addWidget(stage_box)
        split_v.addWidget(self.chart)
        split_v.setStretchFactor(0, 3)
        split_v.setStretchFactor(1, 1)
        split_v.setSizes([600, 200])
        self.banner = QFrame()
        self.banner.setStyleSheet("QFrame { background: #FFF4EC; border: 2px solid #D55E00; }"
                                  "QLabel { border: none; }")
        bl = QHBoxLayout(self.banner)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_reset = QPushButton()
        self.banner_reset.clicked.connect(self.reset)
        bl.addWidget(self.banner_text, 1)
        bl.addWidget(self.banner_reset)
        self.banner.hide()
        middle = QWidget()
        mv = QVBoxLayout(middle)
        mv.setContentsMargins(0, 0, 0, 0)
        mv.addWidget(self.banner)
        mv.addWidget(stats)
        mv.addWidget(split_v, 1)

        right = QWidget()
        vb = QVBoxLayout(right)
        vb.setContentsMargins(0, 0, 0, 0)
        self.code_title = QLabel()
        self.code_title.setStyleSheet("font-weight: bold;")
        vb.addWidget(self.code_title)
        vb.addWidget(self.code, 1)
        line = QFrame()
        line.setFrameShape(QFrame.HLine)
        vb.addWidget(line)
        vb.addWidget(self.verdict)

        split = QSplitter(Qt.Horizontal)
        split.addWidget(scroll)
        split.addWidget(middle)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 1)
        split.setSizes([335, 680, 425])
        self.setCentralWidget(split)

    # -- language --

    def set_language(self, code: str) -> None:
        self.lang = i18n.install(code)
        if self.lang in self.lang_actions:
            self.lang_actions[self.lang].setChecked(True)
        self.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("leakviz: goroutine leaks, made visible"))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_sim.setTitle(self.tr("&Simulation"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_lang.setTitle(self.tr("&Language"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.act_step.setText(self.tr("&Step to next event"))
        self.act_back.setText(self.tr("Step &back one event"))
        self.act_live.setText(self.tr("Back to &live"))
        self.timeline.retranslate()
        self.act_reset.setText(self.tr("&Reset"))
        self.act_open.setText(self.tr("&Open a saved run…"))
        self.act_dump.setText(self.tr("Open &dump…"))
        self.act_save.setText(self.tr("&Save this run…"))
        self.act_shot.setText(self.tr("Export the view as &PNG…"))
        self.act_csv.setText(self.tr("Export the metrics as &CSV…"))
        self.act_json.setText(self.tr("Export the report as &JSON…"))
        self.act_gif.setText(self.tr("Export the last seconds as animated &GIF…"))
        self.act_quit.setText(self.tr("&Quit"))
        self.act_full.setText(self.tr("&Full screen"))
        self.act_compare.setText(self.tr("&Compare side by side: unbuffered | buffered | context"))
        self.act_about.setText(self.tr("&About leakviz"))
        self.btn_step.setText(self.tr("Step ▸|"))
        self.btn_step.setToolTip(self.tr("Advance to the next event and pause (→ or .)"))
        self.btn_reset.setText(self.tr("Reset ⟲"))
        self.btn_reset.setToolTip(self.tr("Start the run over with the current settings (Ctrl+R)"))
        self.code_title.setText(self.tr("The handler's Go code"))
        names = {"time": self.tr("Simulated time"), "live": self.tr("Live goroutines"),
                 "stranded": self.tr("Stranded"), "rate": self.tr("Leaking goroutines"),
                 "hour": self.tr("In one hour at this rate"), "requests": self.tr("Requests")}
        for k, lab in self.stat_names.items():
            lab.setText(names[k])
        self.stats["hour"].setToolTip(self.tr("What the stranded goroutines would hold in Go after an hour, "
                                              "if they keep leaking at the current rate."))
        self.controls.retranslate()
        self._update_banner()
        self._update_play_text()
        self._update_verdict()
        self.stage.update()
        self.chart.update()
        self.code.update()

    # -- intent --

    def toggle_play(self) -> None:
        if self.review is not None:  # replaying history from the playhead
            self._replaying = not self._replaying
            self._update_play_text()
            return
        if self.session.playing:
            self.session.pause()
        else:
            if self.session.finished:
                self.reset()
            self.session.play()
        self._update_play_text()

    def step(self) -> None:
        if self.review is not None:  # one event forward in history
            self._replaying = False
            self._review_to(self.review.seq + 1)
            return
        if not self.session.step():
            self.statusBar().showMessage(self.tr("Nothing left to happen: every goroutine has finished "
                                                 "or is blocked forever."), 5000)
        self.refresh()

    def open_compare(self) -> None:
        """The classic three-way comparison on this run's request stream, in its own window."""
        from ..core.compare import classic
        from .compare import CompareWindow
        if getattr(self, "_compare", None) is not None and self._compare.isVisible():
            self._compare.raise_()
            return
        self._compare = CompareWindow(classic(self.session.cfg), speed=self.session.speed)
        self._compare.show()
        self._compare.compare.play()

    def step_back(self) -> None:
        """One event back (pauses; the view shows that moment)."""
        self._replaying = False
        cur = self.review.seq if self.review is not None else self.session.folder.seq
        self.seek(cur - 1)

    def seek(self, index: int) -> None:
        """Show the moment after event ``index``: stage, chart, counters and code."""
        first, end = self.session.seekable()
        if index >= end and self.review is not None and not self._replaying:
            self.review = self.session.folder_at(end)
        else:
            self.review = self.session.folder_at(index)
        self._update_play_text()
        self.refresh()

    def go_live(self) -> None:
        self.review = None
        self._replaying = False
        self.refresh()

    def _review_to(self, index: int) -> None:
        _first, end = self.session.seekable()
        index = min(index, end)
        if index < self.review.seq:
            self.review = self.session.folder_at(index)
        else:
            self.review.feed(self.session.rt.trace.events, upto=index)
        if index >= end and self._replaying:  # caught up: the live run goes on from here
            self.go_live()
            self.session.play()
            return
        self.refresh()

    def reset(self) -> None:
        self.review = None
        self._replaying = False
        self.session.reset()
        self.stage._pos.clear()
        self.statusBar().showMessage(self.tr("Run restarted."), 3000)
        self.refresh()

    def choose_preset(self, name: str) -> None:
        if name not in PRESETS:
            return
        self.review = None
        self._replaying = False
        self.preset_name = name
        cfg = PRESETS[name]
        self.controls.set_config(cfg)
        self.controls.set_preset(name)
        self.session.reset(cfg)
        self.code.set_config(cfg)
        self.stage._pos.clear()
        self.statusBar().showMessage(self.tr("Preset {name}: run restarted.").format(name=name), 4000)
        self._update_verdict()
        self.refresh()

    def _config_changed(self, cfg: Config) -> None:
        self.review = None
        self._replaying = False
        nxt = self.snap.requests_total if self.snap else 0
        how = self.session.update(cfg)
        self.code.set_config(self.session.cfg)
        # the preset box names a preset only while the settings are that preset's
        self.controls.preset.setCurrentIndex(self.controls.preset.findData(
            next((n for n, c in PRESETS.items() if c == self.session.cfg), None)))
        if how == "live":
            msg = self.tr("Applies to requests from #{n} on; requests in flight keep their settings.").format(n=nxt)
        else:
            self.stage._pos.clear()
            msg = self.tr("Run restarted with the new settings.")
        self.statusBar().showMessage(msg, 6000)
        self._update_verdict()
        self.refresh()

    def _speed_changed(self, speed: float | None) -> None:
        self.session.set_speed(speed)
        self.statusBar().showMessage(self.tr("Speed: {s}").format(
            s=self.tr("max") if speed is None else f"{speed:g}×"), 3000)

    # -- rendering --

    def refresh(self) -> None:
        try:
            live = self.session.snapshot(budget_s=0.003)
            if self.review is not None and self._replaying:
                self._advance_replay()
            snap = live if self.review is None else self.review.snapshot()
        except Exception as exc:  # the fold must never take the window down
            self.show_error(exc)
            return
        first, end = self.session.seekable()
        self.timeline.set_state(first=first, end=end, head=None if self.review is None else self.review.seq,
                                head_t=snap.t, marks=self.session.folder.marks)
        self.snap = snap
        self.stage.set_snapshot(snap)
        self.chart.set_snapshot(snap)
        self.code.set_snapshot(snap)
        self._update_stats(snap)
        self._update_play_text()
        if self.session.ceiling_hit != self.banner.isVisible():
            self.banner.setVisible(self.session.ceiling_hit)
            self._update_banner()
        if snap.panic and snap.panic != "shut down":
            self.statusBar().showMessage(self.tr("panic: {msg} (goroutine {g}): the simulated program "
                                                 "stopped, as Go would.").format(msg=snap.panic, g=snap.panic_gid))
        self.frame_rendered.emit()
        if self._screenshot is not None:
            path, until = self._screenshot
            if snap.t >= until or self.session.finished:
                self._screenshot = None
                self._finish_screenshot(path)

    def _advance_replay(self) -> None:
        """Replay history at the chosen speed from the playhead."""
        events = self.session.rt.trace.events
        _first, end = self.session.seekable()
        speed = self.session.speed
        f = self.review
        if speed is None:
            target = min(end, f.seq + 4000)
        else:
            t_to = f.t + int(FRAME_MS / 1000 * speed * 1e9)
            target = f.seq
            while target < end and target - f.seq < 20_000 and events[target][0] <= t_to:
                target += 1
            f.t = max(f.t, t_to) if target < end else f.t
        f.feed(events, upto=target)
        if target >= end:
            self._replaying = False
            self.review = None
            self.session.play()

    def _update_stats(self, snap: Snapshot) -> None:
        per_s, bytes_per_s = leak_rate(snap)
        values = {"time": f"{snap.t / 1e9:,.3f} s", "live": f"{snap.live:,}", "stranded": f"{snap.stranded:,}",
                  "rate": f"+{per_s:,.1f}/s", "hour": human_bytes(snap.go_bytes + bytes_per_s * 3600),
                  "requests": f"{snap.requests_total:,}"}
        for k, text in values.items():
            if self.stats[k].text() != text:  # an unchanged label costs no relayout
                self.stats[k].setText(text)
        red = "color: #D55E00;" if snap.stranded else ""
        if self.stats["stranded"].styleSheet() != red:
            self.stats["stranded"].setStyleSheet(red)

    def _update_banner(self) -> None:
        self.banner_text.setText(self.tr(
            "<b>Paused at {n} live goroutines.</b> This is the leak at work: in Go every stranded goroutine "
            "stays until the process dies. leakviz stops here so that it does not eat this computer's "
            "memory too (set the ceiling with --max-live).").format(n=f"{self.session.max_live:,}"))
        self.banner_reset.setText(self.tr("Reset ⟲"))

    def _update_play_text(self) -> None:
        playing = self._replaying if self.review is not None else self.session.playing
        text = self.tr("Pause ❚❚") if playing else self.tr("Play ▶")
        self.btn_play.setText(text)
        self.act_play.setText(self.tr("&Pause") if playing else self.tr("&Play"))
        self.btn_play.setToolTip(self.tr("Play or pause the simulation (Space)"))

    def _update_verdict(self) -> None:
        self.verdict.setText(verdict_text(self.session.cfg))

    # -- errors --

    def show_error(self, exc: BaseException) -> None:
        """An exception in our own code: log it whole, tell the user in one line."""
        log.error("internal error", exc_info=(type(exc), exc, exc.__traceback__))
        text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        self.statusBar().showMessage(self.tr("Internal error (logged): {e}").format(e=text))

    # -- screenshots --

    def start_screenshot(self, path: Path, sim_seconds: float) -> None:
        """Run ``sim_seconds`` as fast as frames render, save a PNG, quit."""
        self._screenshot = (path, int(sim_seconds * 1e9))
        self.session.set_speed(None)
        self.controls.set_speed(None)
        self.session.run_until(int(sim_seconds * 1e9))

    def save_png(self, path: Path) -> bool:
        self.session.snapshot()  # fold everything first: the picture must not lag the run
        self.refresh()
        self.stage.animate = False  # draw markers where they are, not on their way
        self.stage.repaint()
        ok = self.grab().save(str(path), "PNG")
        self.stage.animate = True
        return ok

    def _finish_screenshot(self, path: Path) -> None:
        self.session.pause()
        ok = self.save_png(path)
        if not ok:
            log.error("could not write %s", path)
            self.exit_code = 1
        QTimer.singleShot(0, self.close)

    # -- exports --

    def _ask_path(self, kind: str, then) -> None:
        names = {"csv": self.tr("CSV files (*.csv)"), "json": self.tr("JSON files (*.json)"),
                 "gif": self.tr("GIF images (*.gif)"), "leakviz-run": self.tr("leakviz runs (*.leakviz-run)")}
        dlg = QFileDialog(self, self.tr("Export"), f"leakviz.{kind}", names[kind])
        dlg.setAcceptMode(QFileDialog.AcceptSave)
        dlg.setDefaultSuffix(kind)
        dlg.fileSelected.connect(lambda p: then(Path(p)))
        dlg.open()  # not exec(): a nested loop would stall qasync

    def save_run(self, path: Path) -> bool:
        """The run's starting config and every event, to open again later."""
        from ..core import runfile
        self.session.snapshot()
        try:
            runfile.save(path, config=self.session.start_cfg, events=self.session.rt.trace.events)
        except runfile.RunFileError as e:
            self.statusBar().showMessage(str(e), 10000)
            return False
        self.statusBar().showMessage(self.tr("Saved the run to {p}").format(p=path), 5000)
        return True

    def open_run(self, path: Path) -> bool:
        """Show a saved run: same config, same trace, same picture; seek it with the timeline."""
        from ..core import runfile
        try:
            rec = runfile.load(path)
        except runfile.RunFileError as e:
            self.statusBar().showMessage(str(e), 10000)
            return False
        self.review = None
        self._replaying = False
        self.stage._pos.clear()
        self.session.load(rec.config, rec.events)
        self.controls.set_config(rec.config)
        self.controls.preset.setCurrentIndex(self.controls.preset.findData(
            next((n for n, c in PRESETS.items() if c == rec.config), None)))
        self.code.set_config(rec.config)
        self._update_verdict()
        self.refresh()
        self.statusBar().showMessage(self.tr("Opened {p}: {n} events. Drag the timeline to replay it.").format(
            p=path, n=f"{len(rec.events):,}"), 8000)
        return True

    def _open_dump(self) -> None:
        """A real Go program's goroutine dump, in its own window (gui/dumpview.py)."""
        from .dumpview import DumpWindow
        self.dump_window = DumpWindow()
        self.dump_window.show()
        self.dump_window._browse()

    def _open_dialog(self) -> None:
        dlg = QFileDialog(self, self.tr("Open a saved run"), "", self.tr("leakviz runs (*.leakviz-run)"))
        dlg.setFileMode(QFileDialog.ExistingFile)
        dlg.fileSelected.connect(lambda p: self.open_run(Path(p)))
        dlg.open()

    def export_csv(self, path: Path) -> bool:
        from ..core.export import ExportError, metrics_rows, write_csv
        try:
            n = write_csv(path, metrics_rows(self.session.rt.trace.events))
        except ExportError as e:
            self.statusBar().showMessage(str(e), 8000)
            return False
        self.statusBar().showMessage(self.tr("Wrote {n} rows to {p}").format(n=n, p=path), 5000)
        return True

    def export_json(self, path: Path) -> bool:
        from ..core.export import ExportError, write_json
        snap = self.session.snapshot()
        cfg = self.session.cfg
        report = {"variant": cfg.variant, "checks": cfg.checks, "capacity_done": cfg.capacity_done,
                  "capacity_quit": cfg.capacity_quit, "seed": cfg.seed, "requests": snap.requests_total,
                  "tasks_spawned": snap.spawned, "stranded": snap.stranded,
                  "stranded_by_channel": dict(snap.stranded_by_channel),
                  "parked_by_site": dict(snap.parked_by_site), "go_bytes_modeled": snap.go_bytes,
                  "python_bytes_measured": snap.py_bytes, "sim_time_ms": snap.t / 1e6, "panic": snap.panic,
                  "trace_sha256": self.session.rt.trace.sha256(), "config": cfg.__dict__}
        try:
            write_json(path, report)
        except ExportError as e:
            self.statusBar().showMessage(str(e), 8000)
            return False
        self.statusBar().showMessage(self.tr("Wrote the report to {p}").format(p=path), 5000)
        return True

    def export_gif(self, path: Path, seconds: float = 2.0) -> None:
        """The last ``seconds`` of simulated time, replayed into an animated GIF
        (progress shown, cancellable; frames are made one per tick so the
        window stays responsive)."""
        from PySide6.QtWidgets import QProgressDialog

        from ..core.export import ExportError
        from .export import frames_of_run, write_gif
        end = self.session.rt.now
        start = max(0, end - int(seconds * 1e9))
        fps, speed = 10.0, 0.25
        total = int((end - start) / 1e9 / speed * fps) + 1
        frames = frames_of_run(self.session.cfg, start_ns=start, end_ns=end, fps=fps, speed=speed, lang=self.lang)
        got: list = []
        dlg = QProgressDialog(self.tr("Making the animation…"), self.tr("Cancel"), 0, total, self)
        dlg.setWindowTitle(self.tr("Export GIF"))
        dlg.setMinimumDuration(0)
        timer = QTimer(self)

        def tick() -> None:
            if dlg.wasCanceled():
                timer.stop()
                frames.close()
                self.statusBar().showMessage(self.tr("GIF export cancelled."), 4000)
                return
            try:
                got.append(next(frames))
                dlg.setValue(len(got))
                return
            except StopIteration:
                timer.stop()
            try:
                n = write_gif(path, got, fps=fps)
                self.statusBar().showMessage(self.tr("Wrote {n} frames to {p}").format(n=n, p=path), 6000)
            except ExportError as e:
                self.statusBar().showMessage(str(e), 8000)
            dlg.close()

        timer.timeout.connect(tick)
        timer.start(0)
        dlg.open()
        self._gif_job = (timer, dlg, frames)  # keep them alive

    def _save_screenshot_dialog(self) -> None:
        dlg = QFileDialog(self, self.tr("Save screenshot"), "leakviz.png", self.tr("PNG images (*.png)"))
        dlg.setAcceptMode(QFileDialog.AcceptSave)
        dlg.setDefaultSuffix("png")
        dlg.fileSelected.connect(lambda p: self.save_png(Path(p)) or self.statusBar().showMessage(
            self.tr("Could not write {p}").format(p=p)))
        dlg.open()  # not exec(): a nested loop would stall qasync

    def _about(self) -> None:
        box = QMessageBox(QMessageBox.Information, self.tr("About leakviz"),
                          self.tr("leakviz shows how channel capacity, blocking sends and early returns "
                                  "strand goroutines and hold memory, on a simulated Go runtime."), parent=self)
        box.open()

    # -- shutdown --

    def closeEvent(self, event) -> None:  # noqa: N802
        self.timer.stop()
        self.session.stop()
        if getattr(self, "_compare", None) is not None:
            self._compare.close()
        event.accept()


def verdict_text(cfg: Config) -> str:
    """The verdict, in one sentence a student understands."""
    if cfg.variant in ("ctx", "closequit"):
        signal = "ctx.Done()" if cfg.variant == "ctx" else "stop"
        return QCoreApplication.translate(
            "Verdict", "<b>Cannot leak.</b> Every send also waits on <code>{s}</code>, which the handler closes "
            "when it returns, so a check with nobody to receive its result gives up instead of "
            "blocking forever, whatever the capacities.").format(s=signal)
    if cfg.variant == "drain":
        return QCoreApplication.translate(
            "Verdict", "<b>Cannot leak.</b> When the handler returns early, a drain goroutine receives every "
            "result still to come, so every send completes.")
    need_d, need_q = safe_capacities(cfg)
    if cfg.capacity_done >= need_d and cfg.capacity_quit >= need_q:
        return QCoreApplication.translate(
            "Verdict", "<b>Cannot leak.</b> done holds {cd} and quit holds {cq}: room for every check that "
            "finishes after the handler has stopped listening (it needs at most {nd} and {nq}).").format(
            cd=cfg.capacity_done, cq=cfg.capacity_quit, nd=need_d, nq=need_q)
    if cfg.capacity_done == 0 and cfg.capacity_quit == 0:
        return QCoreApplication.translate(
            "Verdict", "<b>Leaks.</b> The channels have no buffer, so a send waits for a receiver. After the "
            "first failing check the handler returns and nobody receives any more: every check that "
            "finishes later blocks forever. The smallest capacities that cannot leak here: "
            "done {nd}, quit {nq}.").format(nd=need_d, nq=need_q)
    return QCoreApplication.translate(
        "Verdict", "<b>Leaks.</b> After the first failing check the handler returns and nobody receives any "
        "more: later checks fill the buffers (done holds {cd}, quit holds {cq}) and every one after that "
        "blocks forever. The smallest capacities that cannot leak here: done {nd}, quit {nq}.").format(
        cd=cfg.capacity_done, cq=cfg.capacity_quit, nd=need_d, nq=need_q)


def app_font_setup(app: QApplication) -> None:
    """A larger base font: the window is meant for a projector too."""
    f = app.font()
    if f.pointSizeF() > 0:
        f.setPointSizeF(max(f.pointSizeF(), 11.0))
    app.setFont(f)
