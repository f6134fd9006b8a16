"""The main window: controls, stage, memory chart, code, verdict.

(About 690 lines: it wires every view to the one session's events and renders each frame. Its other
jobs are objects it owns, each in a file beside it: ``panels.Panels`` (layout, zoom, presenter mode),
``menus.Menus`` (actions, menus, shortcuts), ``files.Files`` (open, save, export), ``source.Source``
(what runs); and its two modes: the guided lesson, ``lessonmode.LessonMode``, and the scheduler game,
``play.SchedulerGame``.)

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
from .chart import MemoryChart
from .codeview import CodeView, config_of
from .controls import ControlPanel
from .files import Files
from .legend import Legend
from .lessonmode import LessonMode
from .menus import Menus
from .panels import DRAWER_MIN_WIDTH, MIN_SIZE, Panels, restore_base_font
from .play import SchedulerGame
from .settings import Settings
from .source import Source
from .stage import Stage
from .style import app_icon, human_bytes, scaled, set_text_floor, set_zoom
from .timeline import Timeline
from .verdict import program_verdict, verdict_text

log = logging.getLogger("leakviz")
FRAME_MS = 1000 // FRAME_HZ


class MainWindow(QMainWindow):
    """The main window: controls, stage, code, chart and timeline over one live ``core.session.Session``.

    ``frame_rendered`` fires after each refresh; ``closed`` once closing was
    accepted. Its other jobs are objects it owns: ``panels`` (layout, zoom,
    presenter mode), ``menus`` (actions, menus, shortcuts, toolbar), ``files``
    (open, save, export, screenshots), ``source`` (a Go program or a preset
    from Go in place of the run before), and its two modes, ``lesson`` and
    ``game``."""

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
        set_text_floor(0)  # a new window starts out of presenter mode: no floor left by another
        self.lesson = LessonMode(self)  # the guided lesson (F1)
        self.game = SchedulerGame(self)  # play the scheduler (F2)
        self.answers_hidden = False  # a prediction is asked for: the counts that would give it away are hidden
        self.requested_size = size
        self.preset_name = preset
        self.timeline_of = None  # the session whose trace the timeline shows, when not this window's own
        cfg = PRESETS[preset]
        self.session = Session(cfg, speed=speed, max_live=max_live)
        self.session.on_error = self.show_error
        self.snap: Snapshot | None = None
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

        self.panels = Panels(self)
        self.files = Files(self)
        self.source = Source(self, from_go)
        self.menus = Menus(self)
        self.panels.build()
        self.subscribe()
        self.controls.config_changed.connect(self._config_changed)
        self.controls.speed_changed.connect(self._speed_changed)
        self.controls.preset_chosen.connect(self.choose_preset)
        self.controls.dial_changed.connect(self.source.dial_changed)
        self.controls.traffic_changed.connect(self.source.traffic_changed)

        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.set_language(self.lang)
        self.panels.name_widgets()
        self.setMinimumSize(MIN_SIZE)
        self.set_zoom(zoom_factor)
        self.panels.fit_to_screen(size)
        if size is None:
            self._restore_geometry()
        if present:
            self.set_presenter(True)
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        if from_go:
            self.source.open_preset_from_go(cfg)  # every preset is one gateway.go runs
        self.refresh()
        if self.settings.warning:  # said in full on stderr; here in a line
            self.statusBar().showMessage(self.tr("The settings file could not be read and was set aside: "
                                                 "starting with the defaults."), 15000)

    @property
    def program(self):
        """The Go program running (golang.live.GoProgram), or None for the article's scenario."""
        return self.session.program

    @property
    def presenting(self) -> bool:
        """Presenter mode is on (F5)."""
        return self.panels.presenting

    @property
    def user_zoom(self) -> float:
        """The zoom the user chose (Ctrl+= / Ctrl+-), before presenter mode's enlargement."""
        return self.panels.user_zoom

    def set_zoom(self, factor: float) -> None:
        """Zoom every font of the window (``Panels.set_zoom``)."""
        self.panels.set_zoom(factor)

    def set_drawer(self, on: bool) -> None:
        """Open or close the control drawer, F9 (``Panels.set_drawer``)."""
        self.panels.set_drawer(on)

    def set_presenter(self, on: bool) -> None:
        """Presenter mode, F5 (``Panels.set_presenter``)."""
        self.panels.set_presenter(on)

    def set_follow(self, on: bool, req: int | None = None) -> None:
        """Follow one request (F, or a click on its lane): it alone fills the stage at 24 px and more, the
        code panel marks where each of its goroutines is; ``req`` None follows the first early return.
        A program's lanes by go statement have no request to follow: they stay as they are."""
        on = bool(on)
        self.stage.follow = on
        self.stage.follow_req = req if on else None
        self.session.pin(req if on else None)
        self.menus.act_follow.setChecked(on)
        self.legend.show_follow(on)  # the code panel's marks (a check's number, the handler's H) named
        self.refresh()

    # -- language --

    def set_language(self, code: str) -> None:
        """Install the translation for ``code`` and re-set every text of the window."""
        self.lang = i18n.install(code)
        if self.lang in self.menus.lang_actions:
            self.menus.lang_actions[self.lang].setChecked(True)
        self.retranslate()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Re-set every title, menu entry and view text in the current language."""
        self.menus.retranslate()
        self.setWindowTitle(self.tr("leakviz: goroutine leaks, made visible"))
        self.timeline.retranslate()
        if getattr(self, "_explorer", None) is not None:
            self._explorer.retranslate()
        self.lesson.retranslate()
        self.legend.retranslate()
        self.code.retranslate()
        self.stage.retranslate()
        self.chart.retranslate()
        if self.program is None:
            self.panels.code_title.setText(self.tr("The handler's Go code"))
        names = {"time": self.tr("Simulated time"), "live": self.tr("Live goroutines"),
                 "stranded": self.tr("Stranded"), "rate": self.tr("Leaking goroutines"),
                 "hour": self.tr("In one hour at this rate"),
                 "requests": self.tr("Goroutines started") if self.source.counts_goroutines() else self.tr("Requests")}
        for k, lab in self.stat_names.items():
            lab.setText(names[k])
        self.stats["hour"].setToolTip(self.tr("What the stranded goroutines would hold in Go after an hour, "
                                              "if they keep leaking at the current rate."))
        self.controls.retranslate()
        self._update_banner()
        self._update_play_text()
        self.update_verdict()
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
        if self.program is not None and self.source.program_source[1].get("article") is not None:
            from ..golang.gateway import classic as from_go  # a preset from Go: the classic three, from Go
            self._compare = CompareWindow(from_go(self.source.program_source[1]["article"]), speed=self.session.speed,
                                          present=self.presenting)
            self._compare.show()
            self._compare.compare.play()
            return
        if self.program is not None:
            from ..goplay.catalog import EXAMPLES as SHIPPED
            path = self.code.program_path or ""
            ex = next((e for e in SHIPPED if str(e.path) == path and e.fix), None)
            if ex is not None:
                self.source.compare_programs([str(ex.path.with_name(ex.fix))])
                return
            dlg = QFileDialog(self, self.tr("Compare with…"), self.settings.folder("open"),
                              self.tr("Go source (*.go)"))
            dlg.setFileMode(QFileDialog.ExistingFile)
            dlg.fileSelected.connect(lambda p: self.source.compare_programs([p]))
            dlg.open()
            return
        self._compare = CompareWindow(classic(self.session.cfg), speed=self.session.speed, present=self.presenting)
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
            cfg = self.source.article_from_go()
            self._explorer.explore_program(self.program, keys, dict(self.program.dials),
                                           article=None if cfg is None else (cfg, self.source.article_dials))
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
        if self.source.presets_from_go:  # the article from Go stays from Go, after a Go program too
            if not self.source.open_preset_from_go(PRESETS[name]):
                self.statusBar().showMessage(self.tr("Preset {name}: run restarted.").format(name=name), 4000)
            return
        if self.program is not None:
            self.source.swap_session(Session(PRESETS[name], speed=self.session.speed, max_live=self.session.max_live))
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
        running = self.source.article_from_go()
        if running is not None:  # from gateway.go: the run starts over from Go with these settings
            cfg = replace(cfg, checks=running.checks, concurrent=running.concurrent)
            if replace(cfg, capacity_done=running.capacity_done, capacity_quit=running.capacity_quit) == running:
                # capacityDone / capacityQuit are aliases of the handler's dials: changed live, as a dial is
                for name, n in (("done", cfg.capacity_done), ("quit", cfg.capacity_quit)):
                    self.controls.dials[self.source.article_dials[name]].setValue(n)
                return
            why = self.source.open_preset_from_go(cfg)
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

    def subscribe(self) -> None:
        """Connect the views to the session's and the playhead's events (again after the session is swapped)."""
        ev = self.session.events
        ev.config.connect(self._config_in_force)
        ev.reset.connect(lambda session: session.cfg is not None and self.controls.set_config(session.cfg))
        ev.reset.connect(lambda _session: self.stage.forget_positions())
        self.playback.events.moved.connect(lambda _pos: self._update_play_text())

    def _config_in_force(self, cfg: Config | None) -> None:
        self.update_verdict()
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
            self.update_verdict()
        self._update_play_text()
        if self.session.ceiling_hit != self.panels.banner.isVisible():
            self.panels.banner.setVisible(self.session.ceiling_hit)
            self._update_banner()
        if snap.panic and snap.panic != "shut down":
            self.statusBar().showMessage(self.tr("panic: {msg} (goroutine {g}): the simulated program "
                                                 "stopped, as Go would.").format(msg=snap.panic, g=snap.panic_gid))
        self.files.frame_shown(snap)
        self.frame_rendered.emit()

    def _update_stats(self, snap: Snapshot) -> None:
        rate = leak_rate(snap)
        # the stranded count is bare digits: suites outside read it as a number (objectName strandedCount)
        values = {"time": f"{snap.t / 1e9:,.3f} s", "live": f"{snap.live:,}", "stranded": str(snap.stranded),
                  "rate": f"+{rate.per_s:,.1f}/s", "hour": human_bytes(rate.bytes_in_an_hour),
                  "requests": f"{snap.started() if self.source.counts_goroutines() else snap.requests_total:,}"}
        if self.source.counts_goroutines() and snap.main_returned():
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
        self.panels.banner_text.setText(self.tr(
            "<b>Paused at {n} live goroutines.</b> This is the leak at work: in Go every stranded goroutine "
            "stays until the process dies. leakviz stops here so that it does not eat this computer's "
            "memory too (set the ceiling with --max-live).").format(n=f"{self.session.max_live:,}"))
        self.panels.banner_reset.setText(self.tr("Reset ⟲"))

    def _update_play_text(self) -> None:
        playing = self._replaying if self.review is not None else self.session.playing
        text = self.tr("Pause ❚❚") if playing else self.tr("Play ▶")
        self.menus.btn_play.setText(text)
        self.menus.act_play.setText(self.tr("&Pause") if playing else self.tr("&Play"))
        self.menus.btn_play.setToolTip(self.tr("Play or pause the simulation (Space)"))
        if (self.session.finished or self.session.playing) \
                and self.statusBar().currentMessage().endswith(self.tr("press Space to play.")):
            self.statusBar().clearMessage()  # it plays, or is over: the hint is said

    def hide_answers(self, on: bool) -> None:
        """Hide (or show again) what would give a prediction away: the counts, the memory, the verdict
        (the lesson and the scheduler game ask for predictions)."""
        self.answers_hidden = on
        self.stage.counts_hidden = on
        self.chart.hidden = on
        if not on:
            self.update_verdict()
        self.refresh()
        self.stage.update()
        self.chart.update()

    def update_verdict(self) -> None:
        """The verdict for what runs now (unless a prediction is asked for): the article's reasons, or the program's."""
        if self.answers_hidden:  # the lesson says it with the answer
            return
        article = self.session.cfg if self.program is None else self.source.article_from_go()
        if article is None:
            text = program_verdict(self.snap, self.session.finished and self.review is None)
            text += self.source.fix_hint(self.snap)
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

    # -- what Qt tells the window: each to the part it concerns --

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        self.panels.resized(e)

    def showEvent(self, e) -> None:
        super().showEvent(e)
        self.panels.shown()

    def dragEnterEvent(self, e) -> None:
        self.files.drag_enter(e)

    def dragMoveEvent(self, e) -> None:
        self.files.drag_move(e)

    def dropEvent(self, e) -> None:
        self.files.drop(e)

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
            self.menus.toolbar.setVisible(True)  # closed in presenter mode, it was saved hidden; set_presenter decides

    def closeEvent(self, event) -> None:
        self.timer.stop()
        if self.files.export_job is not None:  # a half-made export is removed, not left behind
            self.files.export_job.cancel()
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
