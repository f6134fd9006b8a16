import asyncio

import pytest
import qasync
from PySide6.QtCore import QTimer


@pytest.fixture
def qloop(qapp):
    """The real qasync loop, set as the current loop (verified pattern, see design.md)."""
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    for t in [t for t in asyncio.all_tasks(loop) if not t.done()]:
        t.cancel()
    loop.stop()  # calls qapp.exit() outside exec() ...
    QTimer.singleShot(0, qapp.quit)  # ... so run one exec() cycle, or every
    qapp.exec()  # later qtbot wait returns at once
    asyncio.events._set_running_loop(None)
    loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture
def window(qtbot, qloop):
    from visualizer.gui import i18n
    from visualizer.gui.window import MainWindow

    # the transcription's window: these tests read and set its Config (a window from Go, the app's default,
    # has dials and a program instead; test_program_window and the classroom tests run it)
    w = MainWindow(preset="unbuffered", speed=None, lang="en", from_go=False)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()
    i18n.install("en")


def wait_until(qtbot, cond, what: str, *, timeout: int = 60_000) -> None:
    """``qtbot.waitUntil`` whose timeout says what was awaited and what was seen.
    ``what`` is a format string over nothing, or a callable giving the state."""
    def check() -> None:
        assert cond(), what() if callable(what) else what
    qtbot.waitUntil(check, timeout=timeout)


@pytest.fixture(scope="session", autouse=True)
def app_font(qapp):
    """Every window test sees the font the app gives itself (11 pt, app_font_setup), as the app and the
    plugin do: not Qt's default for the first tests and the app's after the plugin's."""
    from visualizer.gui.style import app_font_setup
    app_font_setup(qapp)
