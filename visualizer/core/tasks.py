"""Leaving an event loop with nothing of ours pending on it.

qasync's ``run_until_complete`` unsets the running loop and then processes
Qt events once more: a task whose wake-up is still queued resumes there, and
its next ``await asyncio.sleep(...)`` raises "no running event loop". So
every place that runs a loop (the window, a screenshot, the bench) runs it
with ``run_to_end``, which awaits ``finish_pending()`` before the loop stops.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

__all__ = ["finish_pending", "run_to_end"]

T = TypeVar("T")


async def finish_pending() -> None:
    """Cancel every other task on the running loop and wait until each has ended."""
    me = asyncio.current_task()
    others = [t for t in asyncio.all_tasks() if t is not me and not t.done()]
    for t in others:
        t.cancel()
    if others:
        await asyncio.wait(others)


def run_to_end(loop: asyncio.AbstractEventLoop, coro: Coroutine[Any, Any, T]) -> T:
    """``loop.run_until_complete(coro)``, then every other task on the loop
    cancelled and awaited before the loop stops, whether ``coro`` returned or raised."""
    async def main() -> T:
        try:
            return await coro
        finally:
            await finish_pending()
    return loop.run_until_complete(main())
