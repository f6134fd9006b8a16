"""Play the scheduler (issue #22): the class chooses how each check of one request ends and when, predicts,
then watches the engine run exactly that.

Qt-free, beside the lesson. A ``Schedule`` says for each check whether it fails (sends on ``quit``) or passes
(sends on ``done``) and in which slot it finishes (a permutation of 1..N: which goroutine runs next).
``config`` turns it into the article's scripted ``Config`` (``fail`` and ``delays_ms``, one request), so the
run is the same engine and session as every other run; ``run`` plays it headless. ``stranded_rule`` is the
leak rule written out (checked against real Go in tests/core/data/realgo); ``distribution`` counts every
schedule by the rule (the explorer's summary for one request), and the tests check it against the engine
run on every schedule of small N.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from itertools import product

from ..core import scenario
from ..core.runtime import Runtime
from ..core.scenario import Config, ConfigError
from ..core.trace import fold

__all__ = ["MAX_PLAY_CHECKS", "SLOT_MS", "Played", "Schedule", "config", "distribution", "every_schedule_safe",
           "run", "safe_from", "stranded_rule"]

SLOT_MS = 10  # one finishing slot: at the window's default pace a slot is a fifth of a second to watch
MAX_PLAY_CHECKS = 10  # a row of cards a class can read; 2**10 outcome patterns to count


@dataclass(frozen=True)
class Schedule:
    """``fails[i]``: check ``i`` fails (sends on quit); ``slots[i]``: it finishes ``slots[i]``-th (1-based)."""

    fails: tuple[bool, ...]
    slots: tuple[int, ...]

    @classmethod
    def start(cls, n: int) -> Schedule:
        """Every check passes, check i finishing (i+1)-th: nothing is chosen yet."""
        return cls((False,) * n, tuple(range(1, n + 1)))

    @property
    def checks(self) -> int:
        """How many checks the request starts."""
        return len(self.fails)

    def validate(self) -> Schedule:
        """Self, or ConfigError with one line: the slots must be 1..N, each once."""
        n = len(self.fails)
        if not 1 <= n <= MAX_PLAY_CHECKS:
            raise ConfigError(f"play the scheduler takes 1 to {MAX_PLAY_CHECKS} checks, got {n}")
        if sorted(self.slots) != list(range(1, n + 1)):
            raise ConfigError(f"each check needs its own finishing slot 1..{n}, got {list(self.slots)}")
        return self

    def order(self) -> list[int]:
        """The checks in finishing order."""
        return sorted(range(self.checks), key=lambda i: self.slots[i])

    def toggled(self, i: int) -> Schedule:
        """Check ``i`` fails instead of passing, or the other way round."""
        f = list(self.fails)
        f[i] = not f[i]
        return replace(self, fails=tuple(f))

    def moved(self, i: int, slot: int) -> Schedule:
        """Check ``i`` finishes in ``slot``; the check that had that slot takes ``i``'s (a swap keeps the
        order a permutation). ``slot`` is clamped to 1..N."""
        slot = max(1, min(self.checks, slot))
        s = list(self.slots)
        j = s.index(slot)
        s[i], s[j] = slot, s[i]
        return replace(self, slots=tuple(s))


def config(base: Config, s: Schedule) -> Config:
    """``base``'s handler and capacities running one request with exactly this schedule: the checks that
    fail are scripted (``fail``) and check ``i`` takes ``slots[i] * SLOT_MS`` ms (``delays_ms``)."""
    s.validate()
    return replace(base, checks=s.checks, fail=tuple(i for i, f in enumerate(s.fails) if f),
                   delays_ms=tuple(float(k * SLOT_MS) for k in s.slots), jitter=0.0, requests=1,
                   concurrent=False, arrival="fixed").validate()


@dataclass(frozen=True)
class Played:
    """What the engine did with one schedule: the checks it stranded (by index) and the handler's answer."""

    stranded: tuple[int, ...]
    outcome: str  # accepted / rejected


def played(snap) -> Played | None:
    """Read request #0 of a finished run's snapshot (None before its handler returned)."""
    req = next((r for r in (*snap.requests, *snap.pinned) if r.req == 0), None)
    if req is None or req.returned is None:
        return None
    return Played(tuple(sorted(t.idx for t in req.checks if t.state == "stranded")), req.outcome)


def run(base: Config, s: Schedule) -> Played:
    """The engine, headless, on one schedule: run until nothing can happen any more."""
    cfg = config(base, s)
    rt = Runtime(seed=cfg.seed)
    scenario.start(rt, cfg)
    rt.run()
    try:
        out = played(fold(rt.trace))
    finally:
        rt.shutdown()
    assert out is not None, "a single request's handler always returns"
    return out


def stranded_rule(s: Schedule, variant: str, capacity_done: int, capacity_quit: int) -> tuple[int, ...]:
    """The leak rule for one schedule: the handler receives in finishing order up to and including the first
    failure; of the checks that finish later, the first ``capacity_done`` passing ones fill done's buffer and
    the first ``capacity_quit`` failing ones quit's; every later one blocks for ever. Only ``seed`` strands."""
    order = s.order()
    first = next((k for k, i in enumerate(order) if s.fails[i]), None)
    if variant != "seed" or first is None:
        return ()
    room = {False: capacity_done, True: capacity_quit}
    out = []
    for i in order[first + 1:]:
        if room[s.fails[i]] > 0:
            room[s.fails[i]] -= 1
        else:
            out.append(i)
    return tuple(sorted(out))


def distribution(n: int, variant: str, capacity_done: int, capacity_quit: int) -> list[int]:
    """How many of the 2**n * n! schedules (outcomes times finishing orders) strand k checks, for k in 0..n-1.

    Only the pattern of pass/fail in finishing order matters, and each of the 2**n patterns is the
    finishing-order view of n! schedules (assign the checks to its places in any order)."""
    counts = [0] * max(1, n)
    for pattern in product((False, True), repeat=n):
        k = len(stranded_rule(Schedule(pattern, tuple(range(1, n + 1))), variant, capacity_done, capacity_quit))
        counts[k] += math.factorial(n)
    return counts


def every_schedule_safe(n: int, variant: str, capacity_done: int, capacity_quit: int) -> bool:
    """True when no schedule strands anything at these capacities."""
    return sum(distribution(n, variant, capacity_done, capacity_quit)[1:]) == 0


def safe_from(n: int, variant: str) -> tuple[int, int]:
    """The smallest capacities (done, quit) at which every schedule is safe (the two buffers fill
    independently, so each is the smallest that is safe with the other unbounded)."""
    big = n
    d = next(c for c in range(n + 1) if every_schedule_safe(n, variant, c, big))
    q = next(c for c in range(n + 1) if every_schedule_safe(n, variant, big, c))
    return d, q
