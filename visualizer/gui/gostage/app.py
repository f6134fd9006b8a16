"""Opening the Go window (and the compare) from the command line, with screenshots."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTimer

from .compare import GoCompare
from .window import GoWindow

log = logging.getLogger("leakviz")


def run_go_window(paths: list[str], *, entry: str = "main", seed: int = 0, speed: float = 0.05,
                  lang: str | None = None, screenshot: Path | None = None, sim_seconds: float = 5.0,
                  size: tuple[int, int] | None = None, handler: str | None = None, requests: int = 50,
                  rate: float = 100.0, present: bool = False, test: str | None = None) -> int:
    """Open ``paths`` in a GoWindow; with ``screenshot``, save it at ``sim_seconds`` and exit."""
    import sys

    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from .. import i18n
    from ..style import app_font_setup

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("leakviz")
    app_font_setup(app)
    i18n.install(lang or ("zh_CN" if QLocale.system().name().startswith("zh") else "en"))
    win = GoWindow(paths, entry=entry, seed=seed, speed=speed, handler=handler, requests=requests, rate=rate,
                   test=test)
    if size is not None:
        win.resize(*size)
    if present:
        win.set_presenter(True)
    win.show()
    if screenshot is not None:
        def shoot() -> None:
            win.show_time(sim_seconds)
            win.exit_code = 0 if win.save_png(screenshot) else 1
            win.close()
        QTimer.singleShot(50, shoot)
    app.exec()
    return win.exit_code


def run_go_compare(left: list[str], right: list[str], *, seed: int = 0, lang: str | None = None,
                   screenshot: Path | None = None, sim_seconds: float = 5.0,
                   size: tuple[int, int] | None = None, requests: int = 50, rate: float = 100.0) -> int:
    """``left`` and ``right`` side by side; with ``screenshot``, save it at ``sim_seconds`` and exit."""
    import sys

    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from .. import i18n
    from ..style import app_font_setup

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app_font_setup(app)
    i18n.install(lang or ("zh_CN" if QLocale.system().name().startswith("zh") else "en"))
    win = GoCompare(left, right, seed=seed, drive_requests=requests, rate=rate)
    if size is not None:
        win.resize(*size)
    win.show()
    code = [0]
    if screenshot is not None:
        def shoot() -> None:
            win.show_time(sim_seconds)
            code[0] = 0 if win.save_png(screenshot) else 1
            win.close()
        QTimer.singleShot(50, shoot)
    app.exec()
    return code[0]
