"""pytest plugin (entry point ``pytest11``): the ``leakviz`` fixture for pytest-qt suites.

    def test_no_leak(leakviz):
        win = leakviz.open(preset="buffered")
        leakviz.advance(5.0)
        assert win.findChild(QLabel, "strandedCount").text() == "0"

``open`` shows the main window paused; ``advance`` runs simulated time on the
engine itself (no wall clock, no sleeps) and renders the result, so a suite
gets the same numbers on every machine. Qt is imported only when the fixture
is used: loading the plugin costs a suite that never asks for it nothing.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest


class LeakvizDriver:
    """Opens the leakviz window and moves its simulated time forward deterministically."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.window = None

    def open(self, preset: str = "unbuffered", *, source: str | None = None, handler: str | None = None,
             test: str | None = None, seed: int = 0, lang: str = "en", size: tuple[int, int] | None = None,
             present: bool = False, interpret: bool = False, native: bool = False, **config):
        """The main window, shown and paused, on ``preset`` with any Config fields overridden
        (``capacity_done=9``, ``checks=4``, ...); or on the Go program ``source`` (a .go file or a
        package's folder; ``handler``: the HTTP handler to send requests to, as ``go --handler``), run
        live in the same window with the same views, its channels' capacities set by dials named as
        the drawer's (``**{"capacity:done:21": 10}``); ``test`` runs that test of the package folder
        ``source`` as ``leakviz test --seed seed`` runs it. A preset runs as the app runs it: from
        goplay/examples/gateway.go when gateway.go can run it with these overrides (its checks, their delays
        and a client that waits for each answer are written in Go: ``checks=4``, ``delays_ms``, ``jitter`` and
        ``concurrent=False`` run the Python transcription); ``interpret=True``: from Go or ValueError;
        ``native=True``: the Python transcription, as ``leakviz --native``. Returns the window."""
        from .core.presets import PRESETS
        from .core.scenario import Config
        from .gui.window import MainWindow
        if source is not None:
            return self._open_source(source, handler, test=test, seed=seed, lang=lang, size=size, present=present,
                                     config=config)
        if preset not in PRESETS:
            raise ValueError(f"unknown preset {preset!r}; choose one of {', '.join(PRESETS)}")
        unknown = sorted(set(config) - set(Config.__dataclass_fields__))
        if unknown:
            raise TypeError(f"unknown config field(s): {', '.join(unknown)}")
        if interpret and native:
            raise ValueError("interpret=True runs the preset from Go, native=True from Python: choose one")
        from .core.scenario import ConfigError
        from .golang import gateway
        cfg = replace(PRESETS[preset], **config)
        try:
            gateway.check(cfg)
            why = ""
        except ConfigError as e:
            why = str(e)
        win = MainWindow(preset=preset, speed=None, lang=lang, size=size, present=present, from_go=False)
        self.qtbot.addWidget(win)
        if interpret and why:
            win.close()
            raise ValueError(why)
        if not native and not why:
            why = win.source.open_preset_from_go(cfg)
            if why:
                win.close()
                raise ValueError(why)
        elif config:
            win.restart_with(cfg)
        win.show()
        self.qtbot.waitExposed(win)
        self.window = win
        self.render()
        return win

    def _open_source(self, source: str, handler: str | None, *, test: str | None, seed: int, lang: str, size,
                     present: bool, config: dict):
        from .golang.module import load_sources
        from .gui.window import MainWindow
        dials = {k: v for k, v in config.items() if k.startswith("capacity:")}
        other = sorted(set(config) - set(dials))
        if other:
            raise TypeError(f"a Go source takes dials (capacity:<variable>:<line>=N), not {', '.join(other)}")
        from .golang.errors import GoSourceError
        from .golang.gotest import test_files
        try:
            files = test_files(source) if test is not None else load_sources([source])  # OSError: unreadable
        except GoSourceError as e:
            raise ValueError(e.lines()[0]) from None
        win = MainWindow(speed=None, lang=lang, size=size, present=present, from_go=False)
        self.qtbot.addWidget(win)
        how = {"test": test} if test is not None else {"handler": handler}
        why = win.source.open_program(files, dials=dials, seed=seed, **how)
        if why:
            win.close()
            raise ValueError(why)
        win.show()
        self.qtbot.waitExposed(win)
        self.window = win
        self.render()
        return win

    def advance(self, seconds: float):
        """Run ``seconds`` of simulated time (paused before and after) and render; returns the snapshot."""
        if self.window is None:
            raise RuntimeError("call leakviz.open() first")
        if not seconds >= 0:
            raise ValueError(f"seconds must be >= 0, got {seconds!r}")
        win = self.window
        win.go_live()
        win.session.pause()
        win.session.rt.run(until=win.session.rt.now + int(seconds * 1e9))
        return self.render()

    def render(self):
        """Fold every event into the views and paint them now; returns the snapshot shown."""
        from PySide6.QtWidgets import QApplication
        win = self.window
        win.session.snapshot()
        win.refresh()
        win.stage.animate = False  # markers where they are, not on their way
        win.repaint()
        QApplication.processEvents()
        win.stage.animate = True
        return win.snap


@pytest.fixture
def leakviz(qtbot):
    """Drive the leakviz window: ``leakviz.open(preset=..., **config)``, ``leakviz.advance(seconds)``."""
    import qasync
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .gui.style import app_font_setup
    app = QApplication.instance()
    app_font_setup(app)
    loop = qasync.QEventLoop(app, already_running=True)  # the window's session runs on asyncio
    asyncio.set_event_loop(loop)
    driver = LeakvizDriver(qtbot)
    yield driver
    if driver.window is not None:
        driver.window.close()
    for t in [t for t in asyncio.all_tasks(loop) if not t.done()]:
        t.cancel()
    loop.stop()
    QTimer.singleShot(0, app.quit)  # one exec() cycle, or later qtbot waits return at once
    app.exec()
    asyncio.events._set_running_loop(None)
    loop.close()
    asyncio.set_event_loop(None)
