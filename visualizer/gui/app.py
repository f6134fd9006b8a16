"""Start the window on the qasync loop (and the screenshot mode)."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from pathlib import Path

import qasync
from PySide6.QtWidgets import QApplication

from .window import MainWindow, app_font_setup


def run_window(*, preset: str, speed: float | None, lang: str | None,
               screenshot: Path | None = None, sim_seconds: float = 5.0) -> int:
    logging.basicConfig(level=logging.WARNING, format="leakviz: %(levelname)s: %(message)s")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("leakviz")
    app_font_setup(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    win = MainWindow(preset=preset, speed=speed, lang=lang)
    quit_event = asyncio.Event()
    app.aboutToQuit.connect(quit_event.set)
    # Ctrl+C in the terminal closes the window like the close button does;
    # the 30 Hz frame timer gives Python the chance to run this handler.
    signal.signal(signal.SIGINT, lambda *_: win.close())
    win.show()
    if screenshot is not None:
        win.start_screenshot(screenshot, sim_seconds)
    else:
        win.session.play()
    try:
        with loop:
            loop.run_until_complete(quit_event.wait())
    finally:
        win.session.stop()
    return win.exit_code
