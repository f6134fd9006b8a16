"""Pacing virtual time on the asyncio loop.

The runtime's clock is virtual: it only moves when the driver says so. The
``Driver`` runs on whatever asyncio loop is running (plain asyncio headless,
qasync's in the window) and decides the pace:

* ``speed=None``: as fast as the CPU allows, in slices of ``slice_s`` wall
  seconds so the loop (and a window) stays responsive between slices;
* ``speed=x``: ``x`` simulated seconds per wall second, sleeping on the
  loop until the wall clock catches up with the next timer.

It can pause, resume, single-step to the next event and stop at a virtual
time. It never sleeps on ``loop.time()`` for simulated time: qasync timers
have millisecond resolution and no ordering guarantee, so the loop is only
used to give the wall clock back to the GUI.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from .runtime import Runtime, gc_paused

__all__ = ["FRAME_HZ", "Driver"]

_CHUNK = 96  # goroutine steps between wall-clock checks
# The one frame rate of every view (window, compare, paced compare runs): smooth
# on a projector, and leaves the event loop room between frames.
FRAME_HZ = 25


class Driver:
    """Paces one runtime's virtual clock on the running asyncio loop (see the module docstring).

    ``speed`` is simulated seconds per wall second (``None``: as fast as the
    CPU allows, in ``slice_s``-second wall slices). ``throttle`` returning true
    makes the driver wait for a slow viewer; ``guard`` returning true pauses it
    (e.g. at the live-goroutine ceiling). Raises ValueError for a speed that is
    not positive."""

    def __init__(self, rt: Runtime, *, speed: float | None = 1.0, slice_s: float = 0.008,
                 wall: Callable[[], float] = time.monotonic, throttle: Callable[[], bool] | None = None,
                 guard: Callable[[], bool] | None = None) -> None:
        self.rt = rt
        if speed is not None and not speed > 0:
            raise ValueError(f"speed must be positive (or None for as fast as possible), got {speed}")
        self._speed = speed
        self.slice_s = slice_s
        self._wall = wall
        self._throttle = throttle  # true while the viewer has not caught up: wait, don't outrun it
        self._guard = guard  # true when the run must stop here (e.g. the live-goroutine ceiling)
        self._paused = False
        self._wakeup = asyncio.Event()
        self._stop_at: int | None = None
        self._stopped = False
        self._rebase()

    # -- control --

    @property
    def speed(self) -> float | None:
        """Simulated seconds per wall second, or None for as fast as possible; setting it re-bases the pace.

        Setting a value that is not positive raises ValueError."""
        return self._speed

    @speed.setter
    def speed(self, value: float | None) -> None:
        if value is not None and not value > 0:
            raise ValueError(f"speed must be positive (or None for as fast as possible), got {value}")
        self._speed = value
        self._rebase()
        self._wakeup.set()

    @property
    def paused(self) -> bool:
        """True while ``run()`` waits for ``resume()`` (after ``pause``, ``step`` or a stop time)."""
        return self._paused

    def pause(self) -> None:
        """Make ``run()`` wait (without returning) until ``resume()``."""
        self._paused = True
        self._wakeup.set()

    def resume(self) -> None:
        """Continue ``run()``, measuring the pace from now so the paused wall time is not caught up."""
        self._paused = False
        self._rebase()
        self._wakeup.set()

    def stop(self) -> None:
        """End ``run()`` at its next check."""
        self._stopped = True
        self._wakeup.set()

    @property
    def stop_time(self) -> int | None:
        """The virtual time at which the run pauses, if any."""
        return self._stop_at

    def stop_at(self, t_ns: int | None) -> None:
        """Pause when virtual time reaches ``t_ns``."""
        self._stop_at = t_ns
        self._wakeup.set()

    def step(self, shown: frozenset | None = None, limit: int = 100_000) -> bool:
        """Advance to the next event in the trace (at least one); with ``shown``, on until an event of one of
        those kinds (what the stage draws), at most ``limit`` engine steps; pauses.
        Returns False when nothing can happen any more."""
        self._paused = True
        rt = self.rt
        n = len(rt.trace.events)
        seen = n
        for _ in range(limit):
            if len(rt.trace.events) > seen:
                if shown is None or any(e[1] in shown for e in rt.trace.events[seen:len(rt.trace.events)]):
                    break
                seen = len(rt.trace.events)
            if not rt.step():
                if rt.runnable() == 0:
                    rt.detect_stranded()
                self._wakeup.set()
                return len(rt.trace.events) > n
        if rt.runnable() == 0:
            rt.detect_stranded()
        self._rebase()
        self._wakeup.set()  # let run() see it if this step finished the program
        return True

    @property
    def finished(self) -> bool:
        """True when the runtime is idle: nothing runnable and no timer pending (or it panicked)."""
        return self.rt.idle()

    def _rebase(self) -> None:
        self._wall0 = self._wall()
        self._sim0 = self.rt.now

    # -- the loop --

    async def run(self) -> None:
        """Drive until the program is idle (or panicked) or ``stop()``."""
        rt = self.rt
        while not self._stopped:
            if rt.idle():
                return
            if not self._paused and self._guard is not None and self._guard():
                self._paused = True
            if self._paused:
                self._wakeup.clear()
                await self._wakeup.wait()
                continue
            if self._stop_at is not None and rt.now >= self._stop_at and rt.runnable() == 0:
                self._paused = True
                continue
            if self._speed is None:
                if self._throttle is not None and self._throttle():
                    await asyncio.sleep(0.002)
                    continue
                self._run_slice(None)
                await asyncio.sleep(0)
                await self._compact()
                continue
            target = self._sim0 + int((self._wall() - self._wall0) * self._speed * 1e9)
            self._run_slice(target)
            await self._compact()
            nxt = rt.next_timer()
            if rt.runnable() or (nxt is not None and nxt <= target):
                await asyncio.sleep(0)  # behind: give the loop a turn and go on
                continue
            if nxt is None:
                continue  # idle now; the loop top returns
            wait = (nxt - rt.now) / 1e9 / self._speed
            self._wakeup.clear()
            try:
                await asyncio.wait_for(self._wakeup.wait(), timeout=min(wait, 1 / 60))
            except TimeoutError:
                pass

    async def _compact(self) -> None:
        """Marshal a full chunk of the trace in a loop turn of its own, not on
        the end of an engine slice: two short waits beat one long one."""
        events = self.rt.trace.events
        if len(events.tail) >= 2 * events.CHUNK:
            events.compact()
            await asyncio.sleep(0)

    def _run_slice(self, target: int | None) -> None:
        """Run goroutines and timers up to virtual ``target`` (None: no limit)
        for at most ``slice_s`` of wall time."""
        rt = self.rt
        limit = self._stop_at
        if target is not None and (limit is None or target < limit):
            limit = target
        with gc_paused(rt, compact=False):
            rt.defer_checks = True
            try:
                self._slice(limit, time.perf_counter() + self.slice_s)
            finally:
                rt.defer_checks = False

    def _slice(self, limit: int | None, deadline: float) -> None:
        rt = self.rt
        while rt.panic is None:
            rt.run_ready(_CHUNK)
            if rt.check_owed:
                return  # the next slice starts with it
            if rt.runnable():
                if time.perf_counter() > deadline:
                    return
                continue
            nxt = rt.next_timer()
            if nxt is None:
                return
            if limit is not None and nxt > limit:
                if rt.now < limit:
                    rt.now = limit  # the clock moves even when nothing is due
                return
            rt.fire_timers()
            if time.perf_counter() > deadline:
                return
