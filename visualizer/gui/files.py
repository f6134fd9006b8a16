"""The window's files: save and open runs, recent files, drag and drop, screenshots and exports."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QFileDialog,
)

from ..core.session import moments

log = logging.getLogger("leakviz")

DUMP_SUFFIXES = (".txt", ".log", ".json")


def go_paths_of(mime) -> list[str]:
    """Dropped .go files, saved Go runs or folders holding .go files."""
    out = []
    for url in mime.urls() if mime.hasUrls() else []:
        p = Path(url.toLocalFile())
        if (p.is_file() and p.suffix in (".go", ".leakviz-go")) or (p.is_dir() and any(p.glob("*.go"))):
            out.append(str(p))
    return out


def fill_examples_menu(menu, open_path) -> None:
    """The shipped Go examples as ``menu``'s actions (titles, captions as tooltips, in the current language);
    ``open_path(str)``."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QAction

    from ..goplay.catalog import EXAMPLES
    menu.clear()
    menu.setToolTipsVisible(True)
    for ex in EXAMPLES:
        a = QAction(QCoreApplication.translate("Examples", ex.title), menu)
        a.setToolTip(QCoreApplication.translate("Examples", ex.caption))
        a.triggered.connect(lambda _=False, ex=ex: open_path(str(ex.path)))
        menu.addAction(a)


class Files(QObject):
    """Everything the window reads or writes: saved runs, Go files, recent files, dumps, drag and drop,
    screenshots and exports. Owned by ``MainWindow`` as ``files``."""

    def __init__(self, win) -> None:
        super().__init__(win)
        self.win = win
        self.export_job = None  # the GIF or video being made (export.ExportJob)
        self.catching_up: tuple | None = None  # (path, saved time, speed): a saved program run again to its moment
        self._screenshot: tuple[Path, int] | None = None  # (path, simulated ns): --screenshot's picture, due then
        self.dump_window = None

    def start_screenshot(self, path: Path, sim_seconds: float) -> None:
        """Run ``sim_seconds`` as fast as frames render, save a PNG, quit."""
        self._screenshot = (path, int(sim_seconds * 1e9))
        self.win.session.set_speed(None)
        self.win.controls.set_speed(None)
        self.win.session.run_until(int(sim_seconds * 1e9))

    def catch_up(self, path: Path, t_ns: int) -> None:
        """Run a saved program's run again to the moment ``t_ns`` it was saved at: flat out (never blocking
        the window), then paused there (``refresh`` sees it arrive)."""
        if t_ns <= 0:
            return
        self.catching_up = (path, t_ns, self.win.session.speed)
        self.win.session.set_speed(None)
        self.win.session.run_until(t_ns)
        self.win.statusBar().showMessage(self.tr("Opened {p}: running it again to {t} s, where it was saved…")
                                     .format(p=path, t=f"{t_ns / 1e9:,.3f}"))

    def frame_shown(self, snap) -> None:
        """After each frame: a saved program run again to its moment is there (say so), a screenshot's
        moment has come (take it)."""
        if self.catching_up is not None and (self.win.session.driver.paused or self.win.session.finished) \
                and self.win.session.backlog() == 0:  # there, and the views show it
            t_ns = self.catching_up[1]
            path = self.end_catch_up()
            if self.win.session.rt.now >= t_ns or self.win.session.finished:  # not a pause of the user's on the way
                self.win.statusBar().showMessage(self.tr("Opened {p}: at {t} s, as it was saved. Drag the timeline to "
                                                     "replay it, or play on.").format(
                                                         p=path, t=f"{self.win.session.rt.now / 1e9:,.3f}"),
                                             8000)
        if self._screenshot is not None:
            path, until = self._screenshot
            # the ceiling stops the run short of ``until``: the picture is of the banner then
            at_ceiling = self.win.session.ceiling_hit and self.win.session.backlog() == 0
            if snap.t >= until or self.win.session.finished or at_ceiling:
                self._screenshot = None
                self._finish_screenshot(path)

    def end_catch_up(self):
        """Stop running a saved program to its moment (reached, or another file opened): paused, at the
        window's pace again. Returns the file's path, or None when none was being run."""
        if self.catching_up is None:
            return None
        path, _t_ns, speed = self.catching_up
        self.catching_up = None
        self.win.session.pause()
        self.win.session.set_speed(speed)
        return path

    def save_png(self, path: Path) -> bool:
        """Write the window as a PNG at ``path`` (atomically), after folding the whole run so far.

        Returns False (and logs the error) if it could not be written."""
        self.win.session.snapshot()  # fold everything first: the picture must not lag the run
        self.win.refresh()
        self.win.stage.animate = False  # draw markers where they are, not on their way
        self.win.stage.repaint()
        from ..core.export import ExportError
        from .export import save_image_png
        try:
            save_image_png(self.grab_image(), path)  # atomic, never over a device
            ok = True
        except ExportError as e:
            log.error("%s", e)
            ok = False
        self.win.stage.animate = True
        return ok

    def grab_image(self):
        """The window as an image in device pixels: exactly ``--size`` when one was asked for."""
        img = self.win.grab().toImage()
        if self.win.requested_size is not None:
            w, h = self.win.requested_size
            if (img.width(), img.height()) != (w, h):  # a fractional scale factor rounds the window by a pixel
                img = img.scaled(w, h, Qt.IgnoreAspectRatio, Qt.SmoothTransformation)
        img.setDevicePixelRatio(1.0)
        return img

    def _finish_screenshot(self, path: Path) -> None:
        self.win.session.pause()
        QTimer.singleShot(0, lambda: self._save_screenshot(path))  # after the layout has taken this frame's text

    def _save_screenshot(self, path: Path) -> None:
        ok = self.save_png(path)
        if not ok:  # save_png has said why
            self.win.exit_code = 1
        QTimer.singleShot(0, self.win.close)

    def ask_path(self, kind: str, then) -> None:
        """Ask where to write a ``kind`` file (csv, json, gif, leakviz-run, mp4), then ``then(path)``."""
        names = {"csv": self.tr("CSV files (*.csv)"), "json": self.tr("JSON files (*.json)"),
                 "gif": self.tr("GIF images (*.gif)"), "leakviz-run": self.tr("leakviz runs (*.leakviz-run)"),
                 "mp4": self.tr("MP4 videos, H.264 (*.mp4)"), "webm": self.tr("WebM videos, VP9 (*.webm)")}
        filters = names[kind] + (";;" + names["webm"] if kind == "mp4" else "")
        folder = self.win.settings.folder("save")
        start = str(Path(folder) / f"leakviz.{kind}") if folder else f"leakviz.{kind}"
        dlg = QFileDialog(self.win, self.tr("Export"), start, filters)
        dlg.setAcceptMode(QFileDialog.AcceptSave)
        dlg.setDefaultSuffix(kind)
        if kind == "mp4":  # the suffix follows the chosen video format
            dlg.filterSelected.connect(lambda f: dlg.setDefaultSuffix("webm" if "webm" in f else "mp4"))

        def chosen(p: str) -> None:
            self.win.settings.remember_folder("save", p)
            then(Path(p))
        dlg.fileSelected.connect(chosen)
        dlg.open()  # not exec(): a nested loop would stall qasync

    def replay_dialog(self) -> None:
        """File > Replay an access log: ask for the log, then ``replay_log``."""
        dlg = QFileDialog(self.win, self.tr("Replay an access log"), self.win.settings.folder("open"),
                          self.tr("Access logs (*.log *.txt access*);;All files (*)"))
        dlg.setFileMode(QFileDialog.ExistingFile)
        dlg.fileSelected.connect(self.replay_log)
        dlg.open()

    def replay_log(self, path: str) -> bool:
        """Send the program an access log's requests (Common or Combined Log Format), at the log's pacing:
        through the server main starts, else through its handler, as ``go --serve`` does. False, the reason
        in the status bar, when the log or the program cannot."""
        from ..goplay.http import handlers, main_serves
        if self.win.program is None:
            return False
        files, service = self.win.source.program_source
        opts = {k: v for k, v in service.items() if k in ("seed", "entry")}
        if not main_serves(files):
            found = handlers(files)
            if not found:
                self.win.statusBar().showMessage(self.tr("Nothing serves requests here: no http.ListenAndServe in "
                                                     "main and no func(w http.ResponseWriter, r *http.Request)."))
                return False
            opts["handler"] = service.get("handler") or found[0]
        return not self.win.source.open_program(files, dials=dict(self.win.program.dials), serve=str(path), **opts)

    def use_made_up_requests(self) -> bool:
        """Back from an access log to made-up requests (the drawer's settings); False if no log was served."""
        if self.win.program is None or self.win.source.program_source[1].get("serve") is None:
            return False
        files, service = self.win.source.program_source
        opts = {k: v for k, v in service.items() if k in ("seed", "entry")}
        return not self.win.source.open_program(files, dials=dict(self.win.program.dials), **opts)

    def save_run(self, path: Path) -> bool:
        """Save the run, either kind, as one run file (core/runfile): a preset's starting config and every
        event; a program's source, how it is served, its dials and every change made since, so opening
        the file makes the same run again. False (the reason in the status bar) if not written."""
        from ..core import runfile
        self.win.session.snapshot()
        events = self.win.session.rt.trace.events
        try:
            if self.win.program is None:
                runfile.save(path, config=self.win.session.start_cfg, events=events)
            else:
                from ..goplay.savefile import saved_program
                files, service = self.win.source.program_source
                runfile.save(path, program=saved_program(files, service, self.win.program, events, self.win.session.rt.now))
        except runfile.RunFileError as e:
            self.win.statusBar().showMessage(str(e), 10000)
            return False
        self.win.statusBar().showMessage(self.tr("Saved the run to {p}").format(p=path), 5000)
        self.win.settings.add_recent(path)
        self.win.current_file = Path(path)
        return True

    def open_run(self, path: Path) -> bool:
        """Open a saved run of either kind (or an older ``.leakviz-go``): a preset's to replay with the
        timeline, a program's to run again here. False, the reason in the status bar, when it cannot."""
        from ..goplay.savefile import SaveFileError, load_saved
        self.end_catch_up()  # a saved run still being run to its moment gives way to the next one
        try:
            rec = load_saved(path)
        except SaveFileError as e:
            self.win.statusBar().showMessage(str(e), 10000)
            return False
        return self.show_recording(path, rec)

    def open_file(self, path: Path) -> bool:
        """Open what ``path`` holds: a saved run here, a goroutine dump in its own window."""
        path = Path(path)
        if not path.is_file():
            self.win.statusBar().showMessage(self.tr("This file no longer exists: {p}").format(p=path), 8000)
            return False
        if path.suffix.lower() in DUMP_SUFFIXES:
            self.open_dump(path)
            return True
        return self.open_run(path)

    def show_recording(self, path: Path, rec) -> bool:
        """Show a run already read from ``path`` (a ``runfile.Recording``): a preset's events to replay, or
        a program run again (False, the reason in the status bar, when it no longer compiles or runs)."""
        if rec.program is not None:
            from ..goplay.savefile import run_options
            if self.win.source.open_program(rec.program.files, **run_options(rec.program)):
                return False
            self.catch_up(path, (rec.program.ran or {}).get("t_ns") or 0)
        else:
            self.win.playback.go_live()
            if self.win.program is not None:  # the article's views come back first, as choosing a preset does
                from ..core.session import Session
                self.win.source.swap_session(Session(rec.config, speed=self.win.session.speed, max_live=self.win.session.max_live))
            self.win.session.load(rec.config, rec.events)  # the views hear of it (MainWindow._subscribe)
            self.win.refresh()
            self.win.statusBar().showMessage(self.tr("Opened {p}: {n} events. Drag the timeline to replay it.").format(
                p=path, n=f"{len(rec.events):,}"), 8000)
        self.win.current_file = Path(path)
        self.win.settings.add_recent(path)
        self.win.settings.remember_folder("open", path)
        return True

    def open_dump(self, path: Path | None = None) -> None:
        """A real Go program's goroutine dump, in its own window (gui/dumpview.py)."""
        from .dumpview import DumpWindow
        self.dump_window = DumpWindow(None if path is None else str(path))
        self.dump_window.file_read.connect(self.win.settings.add_recent)
        self.dump_window.show()
        if path is None:
            self.dump_window._browse()

    def fill_recent(self) -> None:
        """File > Open Recent, built when it opens: files gone since are left out."""
        m = self.win.menus.menu_recent
        m.clear()
        home = str(Path.home())
        files = self.win.settings.recent()
        for i, f in enumerate(files, 1):
            p = Path(f)
            where = str(p.parent)
            if where == home or where.startswith(home + "/"):
                where = "~" + where[len(home):]
            if len(where) > 48:  # a long folder keeps its start and its end
                where = where[:20] + "…" + where[-27:]
            a = m.addAction(f"&{i % 10}  {p.name}   ({where})")
            a.setToolTip(f)
            a.setData(f)
            a.triggered.connect(lambda _c=False, f=f: self.open_file(Path(f)))
        if not files:
            m.addAction(self.tr("No recent files")).setEnabled(False)
        m.addSeparator()
        clear = m.addAction(self.tr("&Clear the list"))
        clear.setEnabled(bool(files))
        clear.triggered.connect(self.win.settings.clear_recent)

    def _dropped_file(self, mime) -> Path | None:
        urls = mime.urls() if mime.hasUrls() else []
        if len(urls) != 1 or not urls[0].isLocalFile():
            return None
        path = Path(urls[0].toLocalFile())
        return path if path.is_file() else None

    def open_go(self, paths: list[str] | None = None):
        """Go source (.go files or a package's folder) run live in this window, or a saved run opened as
        File > Open opens it. With no ``paths``, ask for a file.
        Returns the window it opened in, or None when it could not (the reason is in the status bar)."""
        if not paths:
            dlg = QFileDialog(self.win, self.tr("Open Go"), self.win.settings.folder("open"),
                              self.tr("Go source (*.go);;leakviz runs (*.leakviz-run *.leakviz-go)"))
            dlg.setFileMode(QFileDialog.ExistingFile)
            dlg.fileSelected.connect(lambda p: (self.win.settings.remember_folder("open", p), self.open_go([p])))
            dlg.open()
            return None
        if len(paths) == 1 and paths[0].endswith((".leakviz-run", ".leakviz-go")):
            return self.win if self.open_run(Path(paths[0])) else None
        from ..golang.errors import GoSourceError
        from ..golang.module import load_sources
        try:
            files = load_sources(paths)
        except GoSourceError as e:
            self.win.statusBar().showMessage(e.lines()[0])
            return None
        except OSError as e:
            self.win.statusBar().showMessage(str(e))
            return None
        return None if self.win.source.open_program(files) else self.win

    def drag_enter(self, e) -> None:
        """The window's dragEnterEvent: Go, a saved run, a dump or a folder is taken; anything else not."""
        if go_paths_of(e.mimeData()) or self._dropped_file(e.mimeData()) is not None:
            e.acceptProposedAction()
        else:
            e.ignore()

    def drag_move(self, e) -> None:
        """The window's dragMoveEvent: as ``drag_enter``."""
        self.drag_enter(e)

    def drop(self, e) -> None:
        """The window's dropEvent: Go runs here, live; a saved run or a dump opens as File > Open opens it."""
        go = go_paths_of(e.mimeData())  # .go files, a folder of package main or a saved Go run: run here
        if go:
            self.open_go(go)  # runs here, live
            e.acceptProposedAction()
            return
        path = self._dropped_file(e.mimeData())
        if path is None:
            e.ignore()
            return
        e.acceptProposedAction()
        # after the drop returns: the drag source is not kept waiting while a large run loads
        QTimer.singleShot(0, self, lambda: self.open_file(path))

    def open_dialog(self) -> None:
        """File > Open a saved run: ask for it, then ``open_run``."""
        dlg = QFileDialog(self.win, self.tr("Open a saved run"), self.win.settings.folder("open"),
                          self.tr("leakviz runs (*.leakviz-run *.leakviz-go)"))
        dlg.setFileMode(QFileDialog.ExistingFile)
        dlg.fileSelected.connect(lambda p: self.open_run(Path(p)))
        dlg.open()

    def export_csv(self, path: Path) -> bool:
        """Write the run's metrics as CSV; returns False after an ExportError, shown in the status bar."""
        from ..core.export import ExportError, metrics_rows, write_csv
        try:
            n = write_csv(path, metrics_rows(self.win.session.rt.trace.events))
        except ExportError as e:
            self.win.statusBar().showMessage(str(e), 8000)
            return False
        self.win.statusBar().showMessage(self.tr("Wrote {n} rows to {p}").format(n=n, p=path), 5000)
        return True

    def export_json(self, path: Path) -> bool:
        """Write the run's report as JSON; returns False after an ExportError, shown in the status bar."""
        from ..core.export import ExportError, write_json
        from ..core.report import report as make_report
        snap = self.win.session.snapshot()
        if self.win.program is not None:  # what `go --json` reports of one run, for the run so far
            from ..golang.live import report as program_report
            report = program_report(self.win.session.live)
        else:
            report = make_report(self.win.session.cfg, self.win.session.rt, snap, max_live=self.win.session.max_live)
        try:
            write_json(path, report)
        except ExportError as e:
            self.win.statusBar().showMessage(str(e), 8000)
            return False
        self.win.statusBar().showMessage(self.tr("Wrote the report to {p}").format(p=path), 5000)
        return True

    def export_gif(self, path: Path, seconds: float = 2.0) -> None:
        """The last ``seconds`` of the run as an animated GIF (see ``export_moving``)."""
        self.export_moving(path, "gif", seconds)

    def export_video(self, path: Path, seconds: float = 2.0) -> None:
        """The last ``seconds`` of the run as an MP4 (H.264) or WebM (VP9) video, by the file's suffix."""
        kind = Path(path).suffix.lower().lstrip(".")
        if kind not in ("mp4", "webm"):
            self.win.statusBar().showMessage(self.tr("A video's name must end in .mp4 or .webm: {p}").format(p=path),
                                         8000)
            return
        self.export_moving(path, kind, seconds)

    def export_moving(self, path: Path, kind: str, seconds: float = 2.0) -> None:
        """The last ``seconds`` of what this run recorded, replayed at 0.25x
        into a GIF, MP4 or WebM (``kind``) with progress and cancel
        (``export.ExportJob``): frames go straight to the file, the window
        stays responsive and memory flat."""
        from ..core.export import ExportError
        from .export import MOVING_FPS, ExportJob, frames_of_trace, writer_for
        if self.export_job is not None:
            self.win.statusBar().showMessage(self.tr("An export is already running."), 5000)
            return
        self.win.session.pause()
        self.win.session.snapshot()  # fold everything recorded so far: that is what the export shows
        end = self.win.session.folder.t
        start = max(0, end - int(seconds * 1e9))
        fps, speed = MOVING_FPS[kind], 0.25
        total = len(moments(start, end, speed / fps * 1e9))
        try:
            out = writer_for(path, kind, fps=fps)
        except (ExportError, ValueError) as e:
            self.win.statusBar().showMessage(str(e), 8000)
            return
        program = None if self.win.program is None else \
            (self.win.source.program_source[0], dict(self.win.program.start_dials), self.win.source.program_source[1])
        frames = frames_of_trace(self.win.session, window_class=type(self.win), start_ns=start, end_ns=end, fps=fps,
                                 speed=speed, lang=self.win.lang, program=program, drawer=self.win.panels.drawer.isVisible())

        def done(message: str | None) -> None:
            self.export_job = None
            if message is not None:
                self.win.statusBar().showMessage(message, 6000)

        gif = kind == "gif"
        self.export_job = ExportJob(
            self.win, frames, out, total=total,
            label=self.tr("Making the animation…") if gif else self.tr("Making the video…"),
            title=self.tr("Export GIF") if gif else self.tr("Export video"), cancel=self.tr("Cancel"),
            cancelled=self.tr("GIF export cancelled.") if gif else self.tr("Video export cancelled."),
            wrote=lambda n: self.tr("Wrote {n} frames to {p}").format(n=n, p=path), done=done)

    def save_screenshot_dialog(self) -> None:
        """File > Export the view as PNG: ask where, then ``save_png``."""
        dlg = QFileDialog(self.win, self.tr("Save screenshot"), "leakviz.png", self.tr("PNG images (*.png)"))
        dlg.setAcceptMode(QFileDialog.AcceptSave)
        dlg.setDefaultSuffix("png")
        dlg.fileSelected.connect(lambda p: self.save_png(Path(p)) or self.win.statusBar().showMessage(
            self.tr("Could not write {p}").format(p=p)))
        dlg.open()  # not exec(): a nested loop would stall qasync
