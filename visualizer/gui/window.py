"""The main window: controls, stage, memory chart, code, verdict.

(About 700 lines: it wires every view to the one session's events and renders each frame; its other
jobs are in mixins beside it: layout, actions, files, program mode; its two modes are objects it owns:
the guided lesson, ``lessonmode.LessonMode``, and the scheduler game, ``play.SchedulerGame``.)

It holds a core ``Session`` and renders its snapshots on a frame timer (``FRAME_HZ``)
(frame rate is not event rate: thousands of events between two frames cost
one fold and one repaint). User intent goes to the session; nothing here
steps the engine except through it.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
)

from ..core.clock import FRAME_HZ
from ..core.playback import Playback
from ..core.presets import DEFAULT_PRESET, PRESETS, preset_of
from ..core.rates import leak_rate
from ..core.scenario import Config, ConfigError
from ..core.session import MAX_BACKLOG, Session
from ..core.trace import Snapshot
from . import i18n
from .actions import ActionsMixin
from .chart import MemoryChart
from .codeview import CodeView, config_of
from .controls import ControlPanel
from .files import FilesMixin, fill_examples_menu
from .layout import DRAWER_MIN_WIDTH, MIN_SIZE, LayoutMixin, restore_base_font
from .legend import Legend
from .lessonmode import LessonMode
from .play import SchedulerGame
from .programmode import ProgramMixin
from .settings import Settings
from .stage import Stage
from .style import app_icon, human_bytes, scaled, set_text_floor, set_zoom
from .timeline import Timeline
from .verdict import program_verdict, verdict_text

log = logging.getLogger("leakviz")
FRAME_MS = 1000 // FRAME_HZ


class MainWindow(LayoutMixin, ActionsMixin, FilesMixin, ProgramMixin, QMainWindow):
    """The main window: controls, stage, code, chart and timeline over one live ``core.session.Session``.

    ``frame_rendered`` fires after each refresh; ``closed`` once closing was
    accepted. The job-specific parts live in its mixins (layout, actions,
    files, program mode) and in the modes it owns (``lesson``, ``game``)."""

    frame_rendered = Signal()
    closed = Signal()  # after closeEvent accepted: the app's loop may end

    def __init__(self, *, preset: str = DEFAULT_PRESET, speed: float | None = 0.05,
                 lang: str | None = None, max_live: int | None = None, size: tuple[int, int] | None = None,
                 zoom_factor: float = 1.0, present: bool = False, settings: Settings | None = None,
                 from_go: bool = True) -> None:
        """``from_go``: the preset runs from goplay/examples/gateway.go, as the app runs it; False: on the
        Python transcription of the handler (the bench's baseline, the scheduler game), or for a caller that
        opens another source at once."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings if settings is not None else Settings.memory()
        self.current_file: Path | None = None  # the saved run shown, until the run changes
        self.program_source: tuple[list, dict] | None = None  # a program's files and go's service options
        self._export_job = None
        self.catching_up: tuple | None = None  # (path, saved time, speed): a saved program run again to its moment
        self.presenting = False
        set_text_floor(0)  # a new window starts out of presenter mode: no floor left by another
        self.user_zoom = 1.0  # what Ctrl+= / Ctrl+- chose; presenter mode may enlarge on top
        self.lesson = LessonMode(self)  # the guided lesson (F1)
        self.game = SchedulerGame(self)  # play the scheduler (F2)
        self.answers_hidden = False  # a prediction is asked for: the counts that would give it away are hidden
        self.requested_size = size
        self.preset_name = preset
        self.timeline_of = None  # the session whose trace the timeline shows, when not this window's own
        self.presets_from_go = from_go  # once a preset ran from gateway.go, every preset chosen does (the app's way)
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
        self.legend = Legend()
        self.timeline = Timeline()
        self.timeline.seek_requested.connect(self.seek)
        self.playback = Playback(self.session)  # which moment the views show (core decides)
        self.chart = MemoryChart()
        self.code = CodeView()
        self.code.set_config(cfg)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.RichText)
        self.verdict.setMargin(10)
        self.verdict.setFont(scaled(self.verdict.font(), 1.25))
        self.stats = {k: QLabel() for k in ("time", "live", "stranded", "rate", "hour", "requests")}
        self.stat_names = {k: QLabel() for k in self.stats}
        big = scaled(self.font(), 1.4)
        big.setBold(True)
        for lab in self.stats.values():
            lab.setFont(big)

        self._build_actions()
        self._build_layout()
        self._subscribe()
        self.controls.config_changed.connect(self._config_changed)
        self.controls.speed_changed.connect(self._speed_changed)
        self.controls.preset_chosen.connect(self.choose_preset)
        self.controls.dial_changed.connect(self._dial_changed)
        self.controls.traffic_changed.connect(self._traffic_changed)

        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.set_language(self.lang)
        self._name_widgets()
        self.setMinimumSize(MIN_SIZE)
        self.set_zoom(zoom_factor)
        self._fit_to_screen(size)
        if size is None:
            self._restore_geometry()
        if present:
            self.set_presenter(True)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        if from_go:
            self.open_preset_from_go(cfg)  # every preset is one gateway.go runs
        self.refresh()
        if self.settings.warning:  # said in full on stderr; here in a line
            self.statusBar().showMessage(self.tr("The settings file could not be read and was set aside: "
                                                 "starting with the defaults."), 15000)

    # -- building --


    # -- fitting the screen --


    # -- language --

    def set_language(self, code: str) -> None:
        """Install the translation for ``code`` and re-set every text of the window."""
        self.lang = i18n.install(code)
        if self.lang in self.lang_actions:
            self.lang_actions[self.lang].setChecked(True)
        self.retranslate()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Re-set every title, menu entry and view text in the current language."""
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
        self.act_go.setText(self.tr("Open &Go…"))
        self.act_replay.setText(self.tr("Replay an access &log…"))
        self.act_made_up.setText(self.tr("Back to made-up requests"))
        self.menu_go_examples.setTitle(self.tr("Go e&xamples"))
        fill_examples_menu(self.menu_go_examples, lambda path: self.open_go([path]))
        self.act_save.setText(self.tr("&Save this run…"))
        self.act_shot.setText(self.tr("Export the view as &PNG…"))
        self.act_csv.setText(self.tr("Export the metrics as &CSV…"))
        self.act_json.setText(self.tr("Export the report as &JSON…"))
        self.act_gif.setText(self.tr("Export the last seconds as animated &GIF…"))
        self.act_video.setText(self.tr("Export the last seconds as &video (MP4/WebM)…"))
        self.menu_recent.setTitle(self.tr("Open &Recent"))
        self.act_quit.setText(self.tr("&Quit"))
        self.act_full.setText(self.tr("&Full screen"))
        self.act_compare.setText(self.tr("&Compare side by side: unbuffered | buffered | context")
                                 if self.program is None else self.tr("&Compare with its fix, or another Go file…"))
        self.act_explore.setText(self.tr("Capacity &explorer…"))
        if getattr(self, "_explorer", None) is not None:
            self._explorer.retranslate()
        self.act_about.setText(self.tr("&About leakviz"))
        self.act_lesson.setText(self.tr("Guided &lesson"))
        self.act_scheduler.setText(self.tr("Play the &scheduler"))
        self.act_mark_prev.setText(self.tr("Previous mark on the timeline"))
        self.act_mark_next.setText(self.tr("Next mark on the timeline"))
        self.act_lesson_back.setText(self.tr("Lesson: back"))
        self.act_lesson_next.setText(self.tr("Lesson: show me, then next"))
        self.lesson.retranslate()
        self.btn_drawer.setText(self.tr("☰ Settings"))
        self.btn_drawer.setToolTip(self.tr("Show or hide the settings drawer (F9)"))
        self.act_drawer.setText(self.tr("Settings &drawer"))
        self.act_present.setText(self.tr("P&resenter mode"))
        self.act_follow.setText(self.tr("&Follow one request"))
        self.act_zoom_in.setText(self.tr("Zoom &in"))
        self.act_zoom_out.setText(self.tr("Zoom &out"))
        self.act_zoom_reset.setText(self.tr("&Actual size"))
        self.legend.retranslate()
        self.code.retranslate()
        self.stage.retranslate()
        self.chart.retranslate()
        self.btn_step.setText(self.tr("Step ▸|"))
        self.btn_step.setToolTip(self.tr("Advance to the next event and pause (→ or .)"))
        self.btn_reset.setText(self.tr("Reset ⟲"))
        self.btn_reset.setToolTip(self.tr("Start the run over with the current settings (Ctrl+R)"))
        if self.program is None:
            self.code_title.setText(self.tr("The handler's Go code"))
        names = {"time": self.tr("Simulated time"), "live": self.tr("Live goroutines"),
                 "stranded": self.tr("Stranded"), "rate": self.tr("Leaking goroutines"),
                 "hour": self.tr("In one hour at this rate"),
                 "requests": self.tr("Goroutines started") if self.counts_goroutines() else self.tr("Requests")}
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

    # The playhead (which moment is shown, replay) is core's Playback; these
    # two names are the views' and tests' way to read it.
    @property
    def review(self):
        """The Folder of the earlier moment shown, or None when live."""
        return self.playback.folder

    @review.setter
    def review(self, folder) -> None:
        self.playback.folder = folder

    @property
    def _replaying(self) -> bool:
        return self.playback.replaying

    @_replaying.setter
    def _replaying(self, on: bool) -> None:
        self.playback.replaying = on

    def toggle_play(self) -> None:
        """Play or pause: the replay when looking at history, else the live run (a finished run restarts)."""
        if not self.playback.live:  # replaying history from the playhead
            self.playback.toggle_replay()
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
        """One event forward: in history if reviewing, else in the live run (says so when nothing can happen)."""
        if self.playback.step_forward():  # one event forward in history
            self.refresh()
            return
        if not self.session.step():
            self.statusBar().showMessage(self.tr("Nothing left to happen: every goroutine has finished "
                                                 "or is blocked forever."), 5000)
        self.refresh()

    def open_compare(self) -> None:
        """The classic three-way comparison on this run's request stream, in its own window; for a program,
        the program beside its fix (a shipped example's), or beside a Go file the user picks."""
        from ..core.compare import classic
        from .compare import CompareWindow
        if getattr(self, "_compare", None) is not None and self._compare.isVisible():
            self._compare.raise_()
            return
        if self.program is not None and self.program_source[1].get("article") is not None:
            from ..golang.gateway import classic as from_go  # a preset from Go: the classic three, from Go
            self._compare = CompareWindow(from_go(self.program_source[1]["article"]), speed=self.session.speed)
            self._compare.show()
            self._compare.compare.play()
            return
        if self.program is not None:
            from ..goplay.catalog import EXAMPLES as SHIPPED
            path = self.code.program_path or ""
            ex = next((e for e in SHIPPED if str(e.path) == path and e.fix), None)
            if ex is not None:
                self.compare_programs([str(ex.path.with_name(ex.fix))])
                return
            dlg = QFileDialog(self, self.tr("Compare with…"), self.settings.folder("open"),
                              self.tr("Go source (*.go)"))
            dlg.setFileMode(QFileDialog.ExistingFile)
            dlg.fileSelected.connect(lambda p: self.compare_programs([p]))
            dlg.open()
            return
        self._compare = CompareWindow(classic(self.session.cfg), speed=self.session.speed)
        self._compare.show()
        self._compare.compare.play()

    def open_explorer(self):
        """The capacity explorer for the current handler and failure pattern; a click sets the capacities."""
        from .explorer import ExplorerWindow
        keys = list(self.controls.dials) if self.program is not None else []
        if self.program is not None and not keys:
            self.statusBar().showMessage(self.tr("This program makes no channel: no capacity to explore."), 6000)
            return None
        if getattr(self, "_explorer", None) is None:
            self._explorer = ExplorerWindow()
            self._explorer.capacities_chosen.connect(self._explorer_chose)
        if self.program is not None:  # its first two dials, as the drawer lists them
            cfg = self.article_from_go()
            self._explorer.explore_program(self.program, keys, dict(self.program.dials),
                                           article=None if cfg is None else (cfg, self._article_dials))
        else:
            self._explorer.explore(self.session.cfg)
        self._explorer.show()
        self._explorer.raise_()
        return self._explorer

    def _explorer_chose(self, capacity_done: int, capacity_quit: int) -> None:
        if self.program is not None:  # the explorer's axes are the program's dials: turn them
            for key, v in zip(self._explorer.keys, (capacity_done, capacity_quit), strict=False):
                if key in self.controls.dials:
                    self.controls.dials[key].setValue(v)
            return
        self.controls.cap_done.setValue(capacity_done)
        self.controls.cap_quit.setValue(capacity_quit)

    def screenshot_explorer(self, path: Path) -> bool:
        """Compute the whole explorer grid, save it as a PNG, quit."""
        ex = self.open_explorer()
        if ex is None:
            return False
        if self.requested_size is not None:  # --size is the picture's size, the explorer's here
            dpr = ex.devicePixelRatioF() or 1.0
            ex.resize(round(self.requested_size[0] / dpr), round(self.requested_size[1] / dpr))
        ex.run_all()
        from ..core.export import ExportError
        from .export import grab_png
        try:
            grab_png(ex, path, self.requested_size)
            ok = True
        except ExportError as e:
            log.error("%s", e)
            ok = False
        QTimer.singleShot(0, self.close)
        return ok

    def jump_mark(self, direction: int) -> None:
        """Seek to the previous (-1) or next (+1) mark on the timeline."""
        cur = self.playback.position
        marks = sorted(i for i, _what in self.session.folder.marks)
        if direction > 0:
            nxt = next((i for i in marks if i + 1 > cur), None)
        else:
            nxt = next((i for i in reversed(marks) if i + 1 < cur), None)
        if nxt is not None:
            self.seek(nxt + 1)

    def step_back(self) -> None:
        """One event back (pauses; the view shows that moment)."""
        self.playback.step_back()
        self._update_play_text()
        self.refresh()

    def seek(self, index: int) -> None:
        """Show the moment after event ``index``: stage, chart, counters and code."""
        self.playback.seek(index)
        self._update_play_text()
        self.refresh()

    def go_live(self) -> None:
        """Leave history and show the live run again."""
        self.playback.go_live()
        self.refresh()

    def reset(self) -> None:
        """Start over with the settings the controls show (Ctrl+R)."""
        self.current_file = None
        self.playback.go_live()
        cfg = None
        if self.program is None:
            try:
                cfg = self.controls.config()
            except ConfigError as e:  # an invalid field says so inline; the run restarts as it was
                self.controls.show_error(str(e))
        self.session.reset(cfg)  # the views hear of it (_subscribe)
        self.statusBar().showMessage(self.tr("Run restarted."), 3000)
        self.refresh()

    def choose_preset(self, name: str) -> None:
        """Restart the run with preset ``name`` (unknown names are ignored); a program gives way to it."""
        if name not in PRESETS:
            return
        self.current_file = None
        self.playback.go_live()
        self.preset_name = name
        if self.presets_from_go:  # the article from Go stays from Go, after a Go program too
            if not self.open_preset_from_go(PRESETS[name]):
                self.statusBar().showMessage(self.tr("Preset {name}: run restarted.").format(name=name), 4000)
            return
        if self.program is not None:
            self._swap_session(Session(PRESETS[name], speed=self.session.speed, max_live=self.session.max_live))
        self.session.reset(PRESETS[name])
        self.statusBar().showMessage(self.tr("Preset {name}: run restarted.").format(name=name), 4000)
        self.refresh()

    def restart_with(self, cfg: Config) -> None:
        """Start the run over with ``cfg``, shown in the controls, code and verdict."""
        self.current_file = None
        self.playback.go_live()
        self.session.reset(cfg)
        self.refresh()

    def _config_changed(self, cfg: Config) -> None:
        self.current_file = None
        self.playback.go_live()
        running = self.article_from_go()
        if running is not None:  # from gateway.go: the run starts over from Go with these settings
            cfg = replace(cfg, checks=running.checks, concurrent=running.concurrent)
            if replace(cfg, capacity_done=running.capacity_done, capacity_quit=running.capacity_quit) == running:
                # capacityDone / capacityQuit are aliases of the handler's dials: changed live, as a dial is
                for name, n in (("done", cfg.capacity_done), ("quit", cfg.capacity_quit)):
                    self.controls.dials[self._article_dials[name]].setValue(n)
                return
            why = self.open_preset_from_go(cfg)
            self.controls.show_error(why)
            if not why:
                self.statusBar().showMessage(self.tr("Run restarted with the new settings."), 6000)
            return
        nxt = self.snap.requests_total if self.snap else 0
        how = self.session.update(cfg)  # the views hear of it (_subscribe)
        if how == "live":
            msg = self.tr("Applies to requests from #{n} on; requests in flight keep their settings.").format(n=nxt)
        else:
            msg = self.tr("Run restarted with the new settings.")
        self.statusBar().showMessage(msg, 6000)
        self.refresh()

    def _speed_changed(self, speed: float | None) -> None:
        self.session.set_speed(speed)
        self.statusBar().showMessage(self.tr("Speed: {s}").format(
            s=self.tr("max") if speed is None else f"{speed:g}×"), 3000)

    # -- the model's events: each view hears what changed, no view updates another --

    def _subscribe(self) -> None:
        ev = self.session.events
        ev.config.connect(self._config_in_force)
        ev.reset.connect(lambda session: session.cfg is not None and self.controls.set_config(session.cfg))
        ev.reset.connect(lambda _session: self.stage.forget_positions())
        self.playback.events.moved.connect(lambda _pos: self._update_play_text())

    def _config_in_force(self, cfg: Config | None) -> None:
        self._update_verdict()
        if cfg is None:  # a program's run: it has no article config
            return
        self.code.set_config(cfg)
        self._show_preset_of(cfg)
        self._explorer_follows(cfg)

    def _show_preset_of(self, cfg: Config) -> None:
        """The preset box names a preset only while the settings are that preset's."""
        self.controls.preset.setCurrentIndex(self.controls.preset.findData(preset_of(cfg)))

    def _explorer_follows(self, cfg: Config) -> None:
        if getattr(self, "_explorer", None) is not None:
            self._explorer.set_current(cfg.capacity_done, cfg.capacity_quit)

    # -- rendering --

    def refresh(self) -> None:
        """Fold up to 3 ms of new events and redraw every view; a failing fold is shown inline, never raised."""
        try:
            # a saved run being read in folds faster (it has no engine to leave room for)
            budget = 0.025 if self.session.backlog() > 2 * MAX_BACKLOG else 0.003
            live = self.session.snapshot(budget_s=budget)
            if self.playback.replaying and not self.playback.live:
                self.playback.advance(FRAME_MS / 1000)
            snap = live if self.review is None else self.review.snapshot()
        except Exception as exc:  # the fold must never take the window down
            self.show_error(exc)
            return
        shown = self.timeline_of or self.session  # an export's hidden window: the exported run's timeline
        first, end = shown.seekable()
        self.timeline.set_state(first=first, end=end, head=None if self.review is None else self.review.seq,
                                head_t=snap.t, marks=shown.folder.marks)
        self.snap = snap
        self.stage.set_snapshot(snap)
        self.chart.set_snapshot(snap)
        if self.program is None:
            # the code of the moment shown: seeking back before a mid-run change shows the code of then
            at = config_of(snap.versions[-1][3]) if snap.versions else self.session.start_cfg
            if at is not None and getattr(self.code, "cfg", None) != at:
                self.code.set_config(at)
        if snap.versions and len(self.code.versions) != len(snap.versions) + 1 and self.program is None:
            self.code.set_versions(self.session.start_cfg, snap)  # a mid-run change: split counts by version
        self.code.set_snapshot(snap)
        followed = self.stage.followed(snap) if self.stage.follow else None
        self.code.set_follow(followed, doomed=followed is not None and self.stage.no_receiver(followed))
        self.legend.show_earlier(bool(self.code.earlier or self.code.earlier_rows))
        self._update_stats(snap)
        if snap.versions or self.program is not None:
            self._update_verdict()
        self._update_play_text()
        if self.session.ceiling_hit != self.banner.isVisible():
            self.banner.setVisible(self.session.ceiling_hit)
            self._update_banner()
        if snap.panic and snap.panic != "shut down":
            self.statusBar().showMessage(self.tr("panic: {msg} (goroutine {g}): the simulated program "
                                                 "stopped, as Go would.").format(msg=snap.panic, g=snap.panic_gid))
        if self.catching_up is not None and (self.session.driver.paused or self.session.finished) \
                and self.session.backlog() == 0:  # there, and the views show it
            t_ns = self.catching_up[1]
            path = self.end_catch_up()
            if self.session.rt.now >= t_ns or self.session.finished:  # not a pause of the user's on the way
                self.statusBar().showMessage(self.tr("Opened {p}: at {t} s, as it was saved. Drag the timeline to "
                                                     "replay it, or play on.").format(
                                                         p=path, t=f"{self.session.rt.now / 1e9:,.3f}"),
                                             8000)
        self.frame_rendered.emit()
        if self._screenshot is not None:
            path, until = self._screenshot
            # the ceiling stops the run short of ``until``: the picture is of the banner then
            at_ceiling = self.session.ceiling_hit and self.session.backlog() == 0
            if snap.t >= until or self.session.finished or at_ceiling:
                self._screenshot = None
                self._finish_screenshot(path)

    def end_catch_up(self):
        """Stop running a saved program to its moment (reached, or another file opened): paused, at the
        window's pace again. Returns the file's path, or None when none was being run."""
        if self.catching_up is None:
            return None
        path, _t_ns, speed = self.catching_up
        self.catching_up = None
        self.session.pause()
        self.session.set_speed(speed)
        return path

    def _update_stats(self, snap: Snapshot) -> None:
        rate = leak_rate(snap)
        # the stranded count is bare digits: suites outside read it as a number (objectName strandedCount)
        values = {"time": f"{snap.t / 1e9:,.3f} s", "live": f"{snap.live:,}", "stranded": str(snap.stranded),
                  "rate": f"+{rate.per_s:,.1f}/s", "hour": human_bytes(rate.bytes_in_an_hour),
                  "requests": f"{snap.started() if self.counts_goroutines() else snap.requests_total:,}"}
        if self.counts_goroutines() and snap.main_returned():
            # a program that has ended leaks no more: a rate over its few milliseconds, made an hour, is no fact
            values.update(rate="–", hour="–")
        if self.answers_hidden:
            values.update(stranded="?", rate="?", hour="?")
        for k, text in values.items():
            if self.stats[k].text() != text:  # an unchanged label costs no relayout
                self.stats[k].setText(text)
        # the second fact beside Go's: once the program ended, every goroutine still blocked can never
        # continue, reported by Go's profile or not (a global lock held by a goroutine that returned)
        never = snap.never_continue(self.program is not None and self.session.finished and self.review is None)
        if self.stats["stranded"].property("neverContinue") != never:
            self.stats["stranded"].setProperty("neverContinue", never)
            self.stage.never_continue = never
        red = "color: #D55E00;" if snap.stranded and not self.answers_hidden else ""
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
        if self.session.finished and self.statusBar().currentMessage().endswith(self.tr("press Space to play.")):
            self.statusBar().clearMessage()  # the run is over: there is nothing left to play

    def hide_answers(self, on: bool) -> None:
        """Hide (or show again) what would give a prediction away: the counts, the memory, the verdict
        (the lesson and the scheduler game ask for predictions)."""
        self.answers_hidden = on
        self.stage.counts_hidden = on
        self.chart.hidden = on
        if not on:
            self._update_verdict()
        self.refresh()
        self.stage.update()
        self.chart.update()

    def _update_verdict(self) -> None:
        if self.answers_hidden:  # the lesson says it with the answer
            return
        article = self.session.cfg if self.program is None else self.article_from_go()
        if article is None:
            text = program_verdict(self.snap, self.session.finished and self.review is None)
            text += self.fix_hint(self.snap)
            if self.verdict.text() != text:
                self.verdict.setText(text)
            return
        text = verdict_text(article)  # gateway.go's handlers are the article's: the same reasons hold
        snap = self.snap
        if snap is not None and snap.versions and self.review is None:
            # the verdict is about the code now; goroutines the earlier code stranded stay stranded
            cur = len(snap.versions)
            now = sum(n for (v, _site), n in snap.stranded_by_version if v == cur)
            if snap.stranded - now:
                text += "<br>" + self.tr("Requests before #{n} ran the earlier code: their {k} stranded "
                                         "goroutines stay stranded.").format(n=snap.versions[-1][2],
                                                                             k=f"{snap.stranded - now:,}")
        if self.verdict.text() != text:
            self.verdict.setText(text)

    # -- errors --

    def show_error(self, exc: BaseException) -> None:
        """An exception in our own code: log it whole, tell the user in one line. A program stopped by one of
        its budgets is not ours: its one line says which."""
        from ..golang.budget import BudgetExceeded
        if isinstance(exc, BudgetExceeded):
            self.statusBar().showMessage(exc.line())
            return
        log.error("internal error", exc_info=(type(exc), exc, exc.__traceback__))
        text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        self.statusBar().showMessage(self.tr("Internal error (logged): {e}").format(e=text))

    # -- screenshots --


    # -- exports --


    # -- drag and drop --


    def _about(self) -> None:
        box = QMessageBox(QMessageBox.Information, self.tr("About leakviz"),
                          self.tr("leakviz shows how channel capacity, blocking sends and early returns "
                                  "strand goroutines and hold memory, on a simulated Go runtime."), parent=self)
        box.open()

    # -- shutdown --

    def remember(self) -> None:
        """Write what the next launch starts from: language, geometry, zoom, presenter mode, run, speed."""
        s = self.settings
        s.set("ui/lang", self.lang)
        s.set("window/geometry", self.saveGeometry())
        s.set("window/state", self.saveState())
        s.set("ui/zoom", float(self.user_zoom))
        # the user's choice, not the lesson's or the game's
        s.set("ui/present", bool(self.presenting) and not self.lesson.presents and not self.game.presents)
        s.set("run/preset", self.preset_name)
        s.set("run/file", "" if self.current_file is None else str(self.current_file.absolute()))
        s.set_speed(self.session.speed)
        s.sync()

    def _restore_geometry(self) -> None:
        g = self.settings.blob("window/geometry")
        if g is not None and self.restoreGeometry(g):
            self.set_drawer(self.width() >= DRAWER_MIN_WIDTH)
        st = self.settings.blob("window/state")
        if st is not None:
            self.restoreState(st)
            self.toolbar.setVisible(True)  # closed in presenter mode, it was saved hidden; set_presenter decides

    def closeEvent(self, event) -> None:
        self.timer.stop()
        if self._export_job is not None:  # a half-made export is removed, not left behind
            self._export_job.cancel()
        self.remember()
        if restore_base_font():  # the zoom belongs to this window, not to the next one
            set_zoom(1.0)
        self.session.stop()
        if getattr(self, "_compare", None) is not None:
            self._compare.close()
        if getattr(self, "_explorer", None) is not None:
            self._explorer.close()
        event.accept()
        self.closed.emit()
