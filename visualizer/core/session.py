"""One interactive run: runtime + driver + incremental fold, restartable.

The window owns a Session and never touches the runtime directly: it sends
intent (play, pause, step, reset, change the config) and draws the snapshots
it gets back. Qt-free, so the same object drives the headless benchmarks.
"""

from __future__ import annotations

import asyncio
import bisect
import gc
import math
import os
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, Protocol

from . import scenario
from .clock import Driver
from .events import EventGroup
from .runtime import Runtime
from .scenario import Config
from .trace import SHOWN, Events, Folder, Rewinder, Snapshot, Trace

__all__ = ["KEEP_CHUNKS", "Program", "Session", "default_max_live", "moments"]

# What a change means mid-run: these apply to requests that arrive from now
# on; anything else (seed, arrival model, scripted lists) restarts the run.
# At full speed the engine waits while the view is this many events behind,
# so "as fast as possible" means as fast as frames can show it.
MAX_BACKLOG = 6000

# An interactive run keeps the newest ~1M events (~25 MB compacted) to rewind in;
# older ones are hashed and forgotten: the fold never needs them again.
KEEP_CHUNKS = 128


class Program(Protocol):
    """Anything else a Session can run (a Go program: golang/live.py): it starts a fresh runtime."""

    def start(self) -> tuple[Runtime, Any]:
        """A new runtime with the program started on it (nothing run yet), and what the program keeps."""

    def change(self, live: Any, key: str, value: Any) -> None:
        """Change setting ``key`` of the run ``live`` (what ``start`` returned) from now on."""


def _time(e: tuple) -> int:
    return e[0]


def default_max_live() -> int:
    """The ceiling on live simulated goroutines: a quarter of this machine's
    memory at ~3 KB each, between 50,000 and 2,000,000 (24 GiB: 2,000,000;
    an 8 GiB laptop: about 700,000)."""
    try:
        total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        total = 8 << 30
    return max(50_000, min(2_000_000, int(total * 0.25 / 3000)))


LIVE_FIELDS = frozenset({"variant", "checks", "capacity_done", "capacity_quit", "rate",
                         "fail_prob", "bad_ip_share", "concurrent", "fail", "delays_ms"})



def moments(start_ns: int, end_ns: int, step_ns: float) -> list[int]:
    """The moments a replay shows: ``start_ns``, every ``step_ns`` after it, and ``end_ns`` itself (the last
    frame is how the run stands at the end, not a step before it)."""
    n = int((end_ns - start_ns) / step_ns + 1e-9) + 1
    out = [start_ns + round(i * step_ns) for i in range(n)]
    if out[-1] < end_ns:
        out.append(end_ns)
    return out

class Session:
    """One live run of the scenario in the window: runtime, pacing driver and fold of the trace.

    ``speed`` is simulated seconds per wall second (None: as fast as possible);
    ``keep`` how many of the most recent requests keep per-goroutine detail; the run
    pauses for good when ``max_live`` goroutines are alive (the ceiling; only
    a reset goes on). ``events`` says config/reset/error. Raises ConfigError
    for an invalid ``cfg``."""

    def __init__(self, cfg: Config | None = None, *, program: Program | None = None, speed: float | None = 0.05,
                 keep: int = 6, max_live: int | None = None) -> None:
        if (cfg is None) == (program is None):
            raise TypeError("a Session runs either the article's scenario (cfg) or a program, not both")
        self.program = program
        self.keep = keep
        self.pins: set[int] = set()  # requests a view follows: the fold keeps them in detail (``pin``)
        self.max_live = max_live or default_max_live()
        self.ceiling_hit = False
        self._speed = speed
        self._task: asyncio.Task | None = None
        self._playing = False
        # config: the config now in force (after a live change, a reset or a load);
        # reset: a new run replaced the old one (views drop what they kept of it);
        # error: an exception the engine's task died of
        self.events = EventGroup("config", "reset", "error")
        self.on_error = None  # also called with that exception (the window's error line)
        self._new(cfg.validate() if cfg is not None else None)

    def _new(self, cfg: Config | None) -> None:
        self.cfg = cfg
        self.start_cfg = cfg  # what the trace's run began with (mid-run changes are events)
        if self.program is not None:
            self.rt, self.live = self.program.start()
        else:
            self.rt = Runtime(seed=cfg.seed)
            self.live = scenario.start(self.rt, cfg)
        self.rt.trace.events.max_chunks = KEEP_CHUNKS
        self.ceiling_hit = False
        # 2 ms slices: a frame (fold and paint, ~12 ms) and the slice the loop ran before it stay under the
        # 20 ms loop-lag target; longer ones ran no further, as the fold's backlog paces a flat-out run
        self.driver = Driver(self.rt, speed=self._speed, slice_s=0.002,
                             throttle=lambda: self.backlog() > MAX_BACKLOG, guard=self._at_ceiling)
        self.folder = Folder(keep=self.keep, pins=self.pins)
        self.rewinder = Rewinder(keep=self.keep, pins=self.pins)
        if not self._playing:
            self.driver.pause()

    def _at_ceiling(self) -> bool:
        if len(self.rt.goroutines) >= self.max_live:
            self.ceiling_hit = True
            self._playing = False
        return self.ceiling_hit

    # -- intent --

    @property
    def playing(self) -> bool:
        """True while the run is meant to advance and has not finished."""
        return self._playing and not self.finished

    @property
    def finished(self) -> bool:
        """True when the runtime is idle (nothing can happen any more)."""
        return self.rt.idle()

    @property
    def speed(self) -> float | None:
        """Simulated seconds per wall second, or None for as fast as possible."""
        return self._speed

    def set_speed(self, speed: float | None) -> None:
        """Change the pace now; raises ValueError for a speed that is not positive."""
        self._speed = speed
        self.driver.speed = speed

    def play(self) -> None:
        """Advance the run on the running asyncio loop; a no-op at the ceiling, past a breakpoint it goes on."""
        if self.ceiling_hit:
            return  # only a reset goes on from the ceiling
        stop = self.driver.stop_time
        if stop is not None and self.rt.now >= stop:
            self.driver.stop_at(None)  # play after a breakpoint goes on
        self._playing = True
        self.driver.resume()
        self._ensure_task()

    def pause(self) -> None:
        """Stop advancing virtual time (the driving task waits)."""
        self._playing = False
        self.driver.pause()

    def step(self) -> bool:
        """Forward to the next event the stage shows (a goroutine started, blocked, delivered, returned,
        stranded or ended), not a scheduler's bookkeeping (a sleep, a wake); pauses."""
        self._playing = False
        self._ensure_task()
        return self.driver.step(SHOWN)

    def run_until(self, t_ns: int) -> None:
        """Play, and pause again at virtual time ``t_ns``."""
        self.driver.stop_at(t_ns)
        self.play()

    def pin(self, req: int | None) -> None:
        """Keep request ``req`` in detail from now on, however old it gets (None: no request pinned): the
        stage's follow mode shows it. Seeking back folds with it too."""
        self.pins.clear()
        if req is not None:
            self.pins.add(req)

    def reset(self, cfg: Config | None = None) -> None:
        """Throw the run away and start over (paused unless playing)."""
        self.pins.clear()
        self.stop()
        gc.collect()  # stranded goroutines and their channels hold each other: reclaim them now
        self._new(None if self.program is not None else (cfg or self.cfg).validate())
        self.events.reset.emit(self)
        self.events.config.emit(self.cfg)
        if self._playing:
            self.play()

    def update(self, cfg: Config) -> str:
        """Apply a new config. Returns "live" when it applies to requests from
        now on, "reset" when the run had to start over. A program's session has no such config
        (TypeError)."""
        if self.program is not None:
            raise TypeError("a program's session is changed through its program, not an article config")
        cfg = cfg.validate()
        changed = {f for f in cfg.__dataclass_fields__ if getattr(cfg, f) != getattr(self.cfg, f)}
        if not changed:
            return "live"
        if changed <= LIVE_FIELDS and not self.finished:
            # the server's request count and seed stay those of the run
            cfg = replace(cfg, seed=self.cfg.seed, requests=self.cfg.requests)
            scenario.update(self.rt, self.live, cfg)
            self.cfg = cfg
            self.events.config.emit(cfg)
            return "live"
        self.reset(cfg)
        return "reset"

    def change(self, key: str, value: int) -> None:
        """A program's setting (a Go program's dial) changed mid-run: the run goes on under it from now
        on, and so does every reset. Raises TypeError for the article's scenario (``update`` takes its
        config), and what the program raises for a key or value it refuses."""
        if self.program is None:
            raise TypeError("the article's scenario changes through update(config)")
        self.program.change(self.live, key, value)
        self.events.config.emit(None)

    def stop(self) -> None:
        """End the run and every goroutine in it (window closing, reset).
        The engine's task is cancelled but may still be pending on the loop:
        before a loop stops, await ``aclose()`` instead."""
        self.driver.stop()
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.rt.shutdown()

    async def aclose(self) -> None:
        """``stop()``, then wait until the engine's task has ended, so nothing
        of this session is left pending when the loop stops (a pending
        wake-up would otherwise resume after qasync unsets the running loop)."""
        task = self._task
        self.stop()
        if task is not None and not task.done():
            await asyncio.wait([task])

    # -- the view's side --

    def backlog(self) -> int:
        """Events the view has not folded yet."""
        return len(self.rt.trace.events) - self.folder.seq

    def snapshot(self, budget_s: float | None = None) -> Snapshot:
        """Fold what happened since the last call (within ``budget_s``) and freeze it."""
        self.folder.feed(self.rt.trace.events, budget_s=budget_s)
        self.rewinder.note(self.folder)
        now = self.rt.now if self.backlog() == 0 else self.folder.t
        return self.folder.snapshot(now=now)

    def load(self, cfg: Config, events: Events | list) -> None:
        """Show a recorded run: its config and every event, nothing left to run.
        Seek, step and replay work on it; changing a setting starts a live run."""
        self.stop()
        self._playing = False
        self.program = None
        self.cfg = self.start_cfg = cfg.validate()
        trace = Trace()
        if isinstance(events, Events):
            trace.events = events  # already compacted (a loaded run file): adopt it, no copy
        else:
            trace.events.tail.extend(events)
            trace.events.compact()
        self.rt = Runtime(seed=cfg.seed, trace=trace)
        self.rt.now = events[-1][0] if len(events) else 0
        self.live = scenario.Live(cfg)
        self.ceiling_hit = False
        self.driver = Driver(self.rt, speed=self._speed)
        self.driver.pause()
        self.folder = Folder(keep=self.keep, pins=self.pins)
        self.rewinder = Rewinder(keep=self.keep, pins=self.pins)
        # nothing is folded here: the view's frames fold it (``snapshot``), so opening a run of
        # millions of events never blocks; the timeline grows as they are read
        self.events.reset.emit(self)
        self.events.config.emit(self.cfg)

    # -- rewind --

    def seekable(self) -> tuple[int, int]:
        """(first, end) event indices a seek can reach: end is what the view has folded."""
        return self.rewinder.first(self.rt.trace.events), self.folder.seq

    def folder_at(self, index: int) -> Folder:
        """A Folder that has folded the first ``index`` events (pauses the run)."""
        self.pause()
        first, end = self.seekable()
        return self.rewinder.at(self.rt.trace.events, max(first, min(index, end)))

    def playback(self, start_ns: int, end_ns: int, step_ns: float) -> Iterator[Folder | None]:
        """Replay what this run recorded: a Folder at ``start_ns``, then at
        every ``step_ns`` up to ``end_ns`` and at ``end_ns``, each time having folded exactly
        the events up to that moment (the same Folder, moved on: read it
        before the next step). Yields ``None`` after each slice of at most
        ``Rewinder.EVERY`` events that reached no such moment yet, so a caller
        on the event loop can stop between slices. Starts from the timeline's
        checkpoints: the first moment costs no replay from the start."""
        if not (math.isfinite(step_ns) and step_ns > 0):
            raise ValueError(f"step must be a positive number of nanoseconds, got {step_ns!r}")
        events = self.rt.trace.events
        first, end = self.seekable()

        def index_after(t: int, lo: int) -> int:  # the first event later than t
            return bisect.bisect_right(events, t, lo=lo, hi=end, key=_time)

        folder = self.rewinder.at(events, index_after(start_ns, first))
        for t in moments(start_ns, end_ns, step_ns):
            target = index_after(t, folder.seq)
            while folder.seq < target:
                yield None
                folder.feed(events, upto=min(target, folder.seq + Rewinder.EVERY))
            yield folder

    def _ensure_task(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.get_event_loop().create_task(self._drive())
            self._task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task) -> None:
        if task.cancelled():
            return
        exc = task.exception()  # retrieving it also keeps asyncio from logging it later
        if exc is None:
            return
        self.events.error.emit(exc)
        if self.on_error is not None:
            self.on_error(exc)

    async def _drive(self) -> None:
        await self.driver.run()
