"""Leaving the event loop: nothing of ours may be pending when it stops.

qasync's run_until_complete unsets the running loop and then processes Qt
events once more; an engine task with a queued wake-up resumed there and died
with "no running event loop" (the bench failed about 1 run in 8). These tests
stop the loop while the engine is still playing, every time, not by chance.
"""

import asyncio

import pytest
import qasync

from visualizer.core.tasks import run_to_end
from visualizer.gui.app import _serve
from visualizer.gui.window import MainWindow


@pytest.fixture
def fresh_loop(qapp):
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    quit_on_close = qapp.quitOnLastWindowClosed()
    yield loop
    qapp.setQuitOnLastWindowClosed(quit_on_close)
    if not loop.is_closed():
        loop.close()
    asyncio.set_event_loop(None)


@pytest.fixture
def playing(qapp, fresh_loop):
    """A window whose engine plays flat out, and the errors it reports."""
    win = MainWindow(preset="unbuffered", speed=None, lang="en")
    errors: list = []
    win.session.on_error = errors.append
    fresh_loop.set_exception_handler(lambda _loop, ctx: errors.append(ctx.get("exception") or ctx["message"]))
    win.show()
    win.session.play()
    yield win, errors
    win.session.stop()
    win.close()


async def _return_while_playing(win) -> asyncio.Task:
    """What the bench's lag probe did: return while the engine still plays."""
    while len(win.session.rt.trace.events) < 2000:
        await asyncio.sleep(0.001)
    assert win.session.playing
    return win.session._task


def test_run_to_end_leaves_nothing_pending(qapp, playing, fresh_loop):
    """With a plain run_until_complete here the engine's task is left either
    pending or dead of "no running event loop" (seen both ways): each fails below."""
    win, errors = playing
    task = run_to_end(fresh_loop, _return_while_playing(win))
    assert task.done()
    assert not [t for t in asyncio.all_tasks(fresh_loop) if not t.done()]
    for _ in range(20):  # qasync's last event pass, and then some
        qapp.processEvents()
    assert errors == []


def test_closing_the_window_mid_run_leaves_nothing_pending(qapp, playing, fresh_loop):
    win, errors = playing
    seen: dict = {}

    async def close_mid_run() -> None:
        seen["task"] = await _return_while_playing(win)
        win.close()

    closer = fresh_loop.create_task(close_mid_run())
    _serve(qapp, fresh_loop, win, win.session.aclose)
    assert closer.done() and seen["task"].done()
    assert not [t for t in asyncio.all_tasks(fresh_loop) if not t.done()]
    for _ in range(20):
        qapp.processEvents()
    assert errors == []


def test_session_aclose_waits_for_the_engine_task(playing, fresh_loop):
    win, _ = playing

    async def go() -> asyncio.Task:
        task = await _return_while_playing(win)
        await win.session.aclose()
        return task

    assert run_to_end(fresh_loop, go()).done()
