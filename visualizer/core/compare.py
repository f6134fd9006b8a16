"""Several runs side by side on one clock: handler variants on the identical request stream, or Go
programs (a bug and its fix) with the same seed and requests.

Each variant is its own runtime (its own goroutines, channels and trace), all
seeded alike, so the requests, their failing checks and their arrival times are
the same for all (the request stream is drawn from the seed alone). One pacer
moves every runtime to the same virtual time before any goes further.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

from . import scenario
from .clock import FRAME_HZ
from .presets import PRESETS
from .runtime import Runtime
from .scenario import Config
from .session import Program
from .trace import Folder, Snapshot

__all__ = ["Compare", "classic"]

CLASSIC = (("unbuffered", {}), ("buffered", {"capacity_done": 10, "capacity_quit": 10}),
           ("context", {"variant": "ctx"}))


def classic(base: Config | None = None) -> list[tuple[str, Config]]:
    """The article's bug | the article's fix | the idiomatic fix, on ``base``'s stream."""
    base = base or PRESETS["unbuffered"]
    base = replace(base, variant="seed", capacity_done=0, capacity_quit=0)
    return [(name, replace(base, **over).validate()) for name, over in CLASSIC]


class Lane:
    """One compared run: the article's scenario under ``source`` (a Config) or a program (anything with
    ``start()``, as a Session takes: a Go program), its own runtime, and the fold of its trace.

    ``keep`` is how many of the most recent requests keep per-goroutine detail in the fold."""

    def __init__(self, name: str, source: Config | Program, keep: int) -> None:
        self.name = name
        self.cfg = source if isinstance(source, Config) else None
        self.program = None if isinstance(source, Config) else source
        if self.program is None:
            self.rt = Runtime(seed=source.seed)
            scenario.start(self.rt, source)
        else:
            self.rt, self.live = self.program.start()
        self.rt.trace.events.max_chunks = 64
        self.folder = Folder(keep=keep)

    def snapshot(self, now: int, budget_s: float | None = 0.002) -> Snapshot:
        """Fold the lane's new events (at most ``budget_s`` wall seconds; None: all) and return its Snapshot.

        ``now`` (ns of virtual time) is stamped only once the fold has caught up with the trace."""
        self.folder.feed(self.rt.trace.events, budget_s=budget_s)
        return self.folder.snapshot(now=now if self.folder.seq == len(self.rt.trace.events) else None)


class Compare:
    """Runs every lane to the same virtual time, paced like ``clock.Driver``."""

    STEP_NS = 5_000_000  # at full speed, the lanes move together in 5 ms steps

    def __init__(self, variants: list[tuple[str, Config | Program]], *, speed: float | None = 0.05, keep: int = 4,
                 max_live: int = 600_000) -> None:
        seeds = {c.seed for _, c in variants}
        if len(seeds) != 1:
            raise ValueError("compared variants must share one seed, so they see the same requests")
        self.lanes = [Lane(name, cfg, keep) for name, cfg in variants]
        self.speed = speed
        self.now = 0
        self.max_live = max_live
        self.playing = False
        self.ceiling_hit = False
        self._task: asyncio.Task | None = None
        self._stopped = False

    def snapshots(self, budget_s: float | None = 0.002) -> list[Snapshot]:
        """One Snapshot per lane, in lane order (see ``Lane.snapshot`` for ``budget_s``)."""
        return [lane.snapshot(self.now, budget_s) for lane in self.lanes]

    def play(self) -> None:
        """Start (or continue) driving the lanes on the running asyncio loop; no-op past the live-goroutine ceiling."""
        if self.ceiling_hit:
            return
        self.playing = True
        if self._task is None or self._task.done():
            self._task = asyncio.get_event_loop().create_task(self._run())

    def pause(self) -> None:
        """Stop advancing virtual time; the driving task stays and waits for ``play``."""
        self.playing = False

    def advance(self, t_ns: int) -> None:
        """Move every lane to virtual time ``t_ns`` (synchronously)."""
        for lane in self.lanes:
            lane.rt.run(until=t_ns)
        self.now = max(self.now, t_ns)
        if sum(len(lane.rt.goroutines) for lane in self.lanes) >= self.max_live:
            self.ceiling_hit = True
            self.playing = False

    @property
    def finished(self) -> bool:
        """True when every lane's runtime is idle."""
        return all(lane.rt.idle() for lane in self.lanes)

    def stop(self) -> None:
        """End for good: cancel the driving task and shut every lane's runtime down."""
        self._stopped = True
        self.playing = False
        if self._task is not None:
            self._task.cancel()
            self._task = None
        for lane in self.lanes:
            lane.rt.shutdown()

    async def aclose(self) -> None:
        """``stop()``, then wait until the compare's task has ended (see ``Session.aclose``)."""
        task = self._task
        self.stop()
        if task is not None and not task.done():
            await asyncio.wait([task])

    async def _run(self) -> None:
        wall0, sim0 = time.monotonic(), self.now
        was_playing = True
        while not self._stopped and not self.finished:
            if not self.playing:
                was_playing = False
                await asyncio.sleep(0.03)
                continue
            if not was_playing:
                wall0, sim0, was_playing = time.monotonic(), self.now, True
            if self.speed is None:
                self.advance(self.now + self.STEP_NS)
                await asyncio.sleep(0.004 if any(len(lane.rt.trace.events) - lane.folder.seq > 6000
                                                 for lane in self.lanes) else 0)
            else:
                self.advance(sim0 + int((time.monotonic() - wall0) * self.speed * 1e9))
                await asyncio.sleep(1 / FRAME_HZ)
