"""The guided lesson: steps that each end on a condition in the trace, never on a timer.

Qt-free, beside core. A step names the preset it runs, the condition it stops
at (the first event that satisfies it, or a moment of simulated time), and
what the class is asked to predict before the reveal; ``answer`` computes the
engine's number for that prediction. The window renders; this decides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ..core.presets import PRESETS
from ..core.runtime import Runtime
from ..core.scenario import Config

TEN_S = 10_000_000_000


@dataclass(frozen=True)
class Step:
    """One step: ``stop`` is an event predicate (runtime, event) or, with ``at_ns``, a moment."""

    key: str
    preset: str
    stop: Callable[[Runtime, tuple], bool] | None = None
    at_ns: int | None = None
    restart: bool = False  # start a fresh run of ``preset`` (the fixes)
    question: bool = False  # the class predicts a number before the reveal


def _first_wait(rt: Runtime, e: tuple) -> bool:
    g = rt.goroutines.get(e[2]) if e[1] == "park" else None
    return g is not None and g.role == "check" and e[3] == "send"


def _early_return(_rt: Runtime, e: tuple) -> bool:
    return e[1] == "return" and e[3] == "rejected"


def _stranded(_rt: Runtime, e: tuple) -> bool:
    return e[1] == "stranded"


STEPS: list[Step] = [
    Step("wait", "unbuffered", stop=_first_wait),
    Step("return", "unbuffered", stop=_early_return),
    Step("stranded", "unbuffered", stop=_stranded, question=True),
    Step("memory", "unbuffered", at_ns=TEN_S, question=True),
    Step("buffered", "buffered", at_ns=TEN_S, restart=True, question=True),
    Step("too-small", "too-small", at_ns=TEN_S, restart=True, question=True),
    Step("context", "context", at_ns=TEN_S, restart=True, question=True),
]

LIMIT_NS = 60_000_000_000  # a condition not met within a simulated minute is not going to be


def advance(rt: Runtime, step: Step, start: int) -> int:
    """Run ``rt`` until ``step``'s condition holds, looking at events from index ``start``.

    Returns the number of events that make up the moment to show: up to and
    including the first satisfying event, or every event before the moment."""
    events = rt.trace.events
    if step.at_ns is not None:
        rt.run(until=step.at_ns)
        n = len(events)
        while n > start and events[n - 1][0] > step.at_ns:
            n -= 1
        return n
    i = start
    while True:
        n = len(events)
        while i < n:
            if step.stop(rt, events[i]):
                return i + 1
            i += 1
        if rt.now > LIMIT_NS or not rt.step():
            return n


def step_config(step: Step, base: Config | None = None) -> Config:
    """The config a step runs: its preset (with the seed of ``base``, so a class can vary it)."""
    cfg = PRESETS[step.preset]
    return replace(cfg, seed=base.seed) if base is not None else cfg


def request_fate(cfg: Config, req: int, t_ns: int) -> int:
    """How many of request ``req``'s checks end stranded: the same run, headless, until every check of
    that request has finished or can never run (two simulated seconds after ``t_ns`` is ample)."""
    rt = Runtime(seed=cfg.seed)
    from ..core import scenario
    scenario.start(rt, cfg)
    rt.run(until=t_ns + 2_000_000_000)
    n = sum(1 for g in rt.goroutines.values() if g.stranded and g.role == "check" and g.req == req)
    rt.shutdown()
    return n
