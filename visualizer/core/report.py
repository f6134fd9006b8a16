"""The headless run: a config in, the facts of what leaked out."""

from __future__ import annotations

import json
from typing import Any

from . import memory, scenario
from .runtime import Runtime
from .trace import Snapshot, fold

__all__ = ["ceiling_hit", "ceiling_message", "report", "simulate"]


def simulate(cfg: scenario.Config, *, until: int | None = None, max_live: int | None = None) -> Runtime:
    """Run the scenario as fast as possible until nothing can happen any more
    (or virtual time ``until``, or ``max_live`` goroutines alive at once:
    ``ceiling_hit(rt, max_live)`` tells)."""
    rt = Runtime(seed=cfg.seed)
    scenario.start(rt, cfg.validate())
    rt.run(until=until, max_live=max_live)
    return rt


def ceiling_hit(rt: Runtime, max_live: int | None) -> bool:
    """Whether the run stopped at the live-goroutine ceiling."""
    return max_live is not None and len(rt.goroutines) >= max_live and not rt.idle()


def ceiling_message(max_live: int) -> str:
    """What stopping at the ceiling means, in one line (the window's banner says the same, translated)."""
    return (f"stopped at {max_live:,} live goroutines: this is the leak at work (in Go every stranded goroutine "
            "stays until the process dies); leakviz stops here so that it does not eat this computer's memory "
            "too (set the ceiling with --max-live)")


def report(cfg: scenario.Config, rt: Runtime, snap: Snapshot | None = None, *,
           max_live: int | None = None) -> dict[str, Any]:
    """The facts of a run, one layout for the command line and the window's
    export: ``snap`` is the fold of the whole run (made here if not given).
    ``requests`` counts the requests that arrived, not those configured."""
    snap = snap if snap is not None else fold(rt.trace)
    roles = dict(snap.spawned_by_role)
    outcomes = dict(snap.returned_by_outcome)
    return {
        "variant": cfg.variant,
        "checks": cfg.checks,
        "capacity_done": cfg.capacity_done,
        "capacity_quit": cfg.capacity_quit,
        "requests": snap.requests_total,
        "requests_configured": cfg.requests,
        "concurrent": cfg.concurrent,
        "seed": cfg.seed,
        "source": "gateway.go" if rt.from_source else "transcription",  # what ran the handler
        "requests_rejected": outcomes.get("rejected", 0),
        "tasks_spawned": snap.spawned,
        # from Go, a check's role is its go statement ("gateway.go:48"): what is neither main nor a handler
        "checks_spawned": roles.get("check", sum(n for r, n in roles.items() if r not in ("main", "handler"))),
        "stranded": snap.stranded,
        "stranded_by_channel": dict(snap.stranded_by_channel),
        "parked_by_site": dict(snap.parked_by_site),
        "go_bytes_modeled": snap.go_bytes,
        "go_bytes_per_goroutine": memory.GOROUTINE_BYTES,
        "python_bytes_measured": snap.py_bytes,
        "sim_time_ms": snap.t / 1e6,
        "events": len(rt.trace.events),
        "panic": snap.panic,
        "stopped_at_ceiling": ceiling_hit(rt, max_live),
        "trace_sha256": rt.trace.sha256(),
        "config": json.loads(cfg.to_json()),
    }
