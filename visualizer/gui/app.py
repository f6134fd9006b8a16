"""Start the window on the qasync loop (and the screenshot mode)."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from pathlib import Path

import qasync
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication

from ..core.runfile import Recording
from ..core.tasks import run_to_end
from .settings import Settings, launch_options, set_names
from .style import app_font_setup
from .window import MainWindow


def seconds_since_process_start() -> float:
    """From the kernel's start time of this process (Linux), 10 ms resolution."""
    import os
    with open("/proc/self/stat") as f:
        start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def run_window(*, preset: str, speed: float | None, lang: str | None,
               screenshot: Path | None = None, sim_seconds: float = 5.0,
               exit_after_first_frame: bool = False, max_live: int | None = None,
               close_after: float | None = None, compare: bool = False,
               opened: tuple[Path, Recording] | None = None, size: tuple[int, int] | None = None,
               zoom: float = 1.0, present: bool = False, play: bool = False, explore: bool = False,
               lesson: bool = False, scheduler: bool = False, use_settings: bool = False, given: frozenset[str] = frozenset(),
               program: tuple[list, dict] | None = None, from_go: bool = True,
               saved_at: tuple[Path, int] | None = None) -> int:
    """Open the window. ``use_settings``: start from the remembered settings
    (flags in ``given`` win) and remember this session's at the end; never
    for screenshots, the start-up benchmark or the comparison. ``program``: (files, go's options) of a Go
    program to run instead of the article (one line on stderr and exit 2 when it cannot run); ``from_go``:
    the preset run from goplay/examples/gateway.go (the app's default) instead of the Python transcription;
    a saved run shown (``opened``) says its own source; ``saved_at``: (file, simulated ns) where a saved
    ``program``'s run had got, run again to there (and the screenshot taken there)."""
    logging.basicConfig(level=logging.WARNING, format="leakviz: %(levelname)s: %(message)s")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    set_names(app)
    app_font_setup(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    if compare:
        from ..core.presets import PRESETS
        from ..golang.gateway import classic
        return _run_compare(app, loop, preset=preset, speed=speed, lang=lang, screenshot=screenshot,
                            sim_seconds=sim_seconds, close_after=close_after, max_live=max_live, size=size,
                            variants=classic(PRESETS[preset]) if from_go else None, present=present)
    remembered = use_settings and screenshot is None and not exit_after_first_frame
    settings = Settings.open() if remembered else Settings.memory()
    opts = launch_options(settings, given, preset=preset, speed=speed, lang=lang, zoom=zoom, present=present,
                          opened=opened)
    opened = opts.pop("opened")
    win = MainWindow(max_live=max_live, size=size, settings=settings,
                     from_go=from_go and program is None and opened is None, **opts)
    # An exception in our own code (a slot, a callback) is logged whole and
    # shown in the status bar; the app keeps running.
    sys.excepthook = lambda typ, exc, tb: win.show_error(exc.with_traceback(tb))
    loop.set_exception_handler(lambda _loop, ctx: win.show_error(
        ctx.get("exception") or RuntimeError(ctx.get("message", "asyncio error"))))
    # Ctrl+C in the terminal closes the window like the close button does. The
    # handler may run between any two bytecodes, even inside an engine slice,
    # so it only schedules the close for the event loop.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: QTimer.singleShot(0, win.close))
    win.source.presets_from_go = from_go  # a preset chosen later, also from a Go file's window, runs the same way
    if program is not None:
        why = win.source.open_program(program[0], **program[1])
        if why:
            print(f"leakviz: error: {why}", file=sys.stderr)
            win.session.stop()
            return 2
    win.show()
    if exit_after_first_frame:  # the start-up benchmark
        def first_frame() -> None:
            print(f"first frame after {seconds_since_process_start():.3f} s", flush=True)
            win.stage.painted.disconnect(first_frame)
            win.close()
        win.stage.painted.connect(first_frame)
    if close_after is not None:  # as if the user closed the window then
        QTimer.singleShot(int(close_after * 1000), win.close)
    if opened is not None:
        win.files.show_recording(*opened)
        if screenshot is not None:
            QTimer.singleShot(100, lambda: (win.files.save_png(screenshot), win.close()))
    elif explore and screenshot is not None:  # the explorer's grid, computed whole
        QTimer.singleShot(0, lambda: setattr(win, "exit_code", 0 if win.screenshot_explorer(screenshot) else 1))
    elif screenshot is not None and not (lesson or scheduler):
        at = saved_at[1] if saved_at is not None and saved_at[1] > 0 else None
        win.files.start_screenshot(screenshot, sim_seconds if at is None else at / 1e9)
    elif saved_at is not None:
        win.files.catch_up(*saved_at)
    elif play:  # the class hears the story before the first request is stranded
        win.session.play()
    if explore and screenshot is None:
        win.open_explorer()
    if lesson:
        win.lesson.start()
        if screenshot is not None:  # the lesson's first step, as the class sees it when the lesson opens
            def shoot() -> None:
                win.exit_code = 0 if win.files.save_png(screenshot) else 1
                win.close()
            QTimer.singleShot(100, shoot)
    if scheduler:
        win.game.open()
        if screenshot is not None:  # the game as the class sees it when it opens
            def shoot_play() -> None:
                win.exit_code = 0 if win.files.save_png(screenshot) else 1
                win.close()
            QTimer.singleShot(100, shoot_play)
    _serve(app, loop, win, win.session.aclose)
    return win.exit_code


def _serve(app: QApplication, loop: qasync.QEventLoop, win, aclose) -> None:
    """Run the loop until ``win`` has closed; then end the run (``aclose``)
    and every other task of ours before the loop stops: nothing may be left
    pending for qasync's last event pass, which runs with no running loop."""
    closed = asyncio.Event()
    win.closed.connect(closed.set)
    app.setQuitOnLastWindowClosed(False)  # the loop ends when main() does, not before it can clean up

    async def main() -> None:
        try:
            await closed.wait()
        finally:
            await aclose()

    with loop:
        run_to_end(loop, main())


def run_compare(variants: list, *, speed: float | None, lang: str | None, screenshot: Path | None = None,
                sim_seconds: float = 5.0, size: tuple[int, int] | None = None, present: bool = False) -> int:
    """``variants`` ((name, Config or Go program), ...) side by side in the compare window (``present``: in
    presenter mode); with ``screenshot``, saved at ``sim_seconds`` and closed."""
    logging.basicConfig(level=logging.WARNING, format="leakviz: %(levelname)s: %(message)s")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    set_names(app)
    app_font_setup(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    return _run_compare(app, loop, preset="", speed=speed, lang=lang, screenshot=screenshot, sim_seconds=sim_seconds,
                        close_after=None, size=size, variants=variants, present=present)


def _run_compare(app, loop, *, preset: str, speed: float | None, lang: str | None, screenshot: Path | None,
                 sim_seconds: float, close_after: float | None, max_live: int | None = None,
                 size: tuple[int, int] | None = None, variants: list | None = None, present: bool = False) -> int:
    """The classic three-way comparison on ``preset``'s request stream (or ``variants``), in presenter mode
    with ``present``."""
    from ..core.compare import classic
    from ..core.presets import PRESETS
    from . import i18n
    from .compare import CompareWindow

    i18n.install(lang or ("zh_CN" if QLocale.system().name().startswith("zh") else "en"))
    win = CompareWindow(variants or classic(PRESETS[preset]), speed=None if screenshot is not None else speed,
                        max_live=max_live, present=present)
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: QTimer.singleShot(0, win.close))
    win.show()
    if size is not None:  # --size: device pixels, as the main window takes them
        dpr = win.devicePixelRatioF() or 1.0
        win.resize(round(size[0] / dpr), round(size[1] / dpr))
    code = [0]
    if screenshot is not None:
        until = int(sim_seconds * 1e9)

        def shoot() -> None:
            # the lanes run to exactly --sim-seconds (in steps, so the live-goroutine ceiling is seen)
            cmp = win.compare
            while cmp.now < until and not cmp.finished and not cmp.ceiling_hit:
                cmp.advance(min(until, cmp.now + 20 * cmp.STEP_NS))
            cmp.pause()
            win.refresh(full=True)
            for st in win.stages:
                st.animate = False
                st.repaint()
            from ..core.export import ExportError
            from .export import grab_png  # Pillow: only when a screenshot is asked for
            try:
                grab_png(win, screenshot, size)
            except ExportError as e:
                logging.getLogger("leakviz").error("%s", e)
                code[0] = 1
            win.close()

        QTimer.singleShot(30, shoot)
    if close_after is not None:
        QTimer.singleShot(int(close_after * 1000), win.close)
    if screenshot is None:
        win.compare.play()
    _serve(app, loop, win, win.compare.aclose)
    return code[0]
