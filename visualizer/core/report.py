"""The headless run: a config in, the facts of what leaked out."""

from __future__ import annotations

from typing import Any

from . import memory, scenario
from .runtime import Runtime
from .trace import Snapshot, fold


def simulate(cfg: scenario.Config) -> Runtime:
    """Run the scenario as fast as possible until nothing can happen any more."""
    rt = Runtime(seed=cfg.seed)
    scenario.start(rt, cfg.validate())
    rt.run()
    return rt


def report(cfg: scenario.Config, rt: Runtime, snap: Snapshot | None = None) -> dict[str, Any]:
    snap = snap if snap is not None else fold(rt.trace)
    checks = rejected = 0
    for e in rt.trace.events:  # one pass: decoding a long compacted trace is not free
        if e[1] == "go" and e[4] == "check":
            checks += 1
        elif e[1] == "return" and e[3] == "rejected":
            rejected += 1
    return {
        "variant": cfg.variant,
        "checks": cfg.checks,
        "capacity_done": cfg.capacity_done,
        "capacity_quit": cfg.capacity_quit,
        "requests": cfg.requests,
        "concurrent": cfg.concurrent,
        "seed": cfg.seed,
        "requests_rejected": rejected,
        "tasks_spawned": rt.spawned,
        "checks_spawned": checks,
        "stranded": snap.stranded,
        "stranded_by_channel": dict(snap.stranded_by_channel),
        "parked_by_site": dict(snap.parked_by_site),
        "go_bytes_modeled": snap.go_bytes,
        "go_bytes_per_goroutine": memory.GOROUTINE_BYTES,
        "python_bytes_measured": rt.py_bytes_stranded,
        "sim_time_ms": rt.now / 1e6,
        "events": len(rt.trace.events),
        "panic": snap.panic,
        "trace_sha256": rt.trace.sha256(),
    }
