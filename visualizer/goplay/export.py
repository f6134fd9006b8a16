"""A recorded Go run as CSV (its timeline) or JSON (timeline, leaks as Go reports them, and the choices made)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .record import GoRun

COLUMNS = ["t_ms", "started", "live", "blocked", "stranded"]


def timeline(run: GoRun) -> list[dict]:
    """One row per recorded frame: simulated milliseconds and goroutine counts."""
    return [{"t_ms": f.t_ns / 1e6, "started": f.started, "live": f.live, "blocked": f.blocked,
             "stranded": f.stranded} for f in run.frames]


def to_csv(run: GoRun) -> str:
    """The timeline as CSV text."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(timeline(run))
    return buf.getvalue()


def to_json(run: GoRun, *, caps: dict | None = None, schedule: dict | None = None) -> str:
    """Timeline, the goroutines Go's goroutineleak rule finds leaked at the end, and the dials."""
    r = run.result
    doc = {"files": [Path(p).name for p, _ in run.files],
           "capacities": [{"site": s.label, "source": s.cap_text or "0",
                           "set": (caps or {}).get(s.key), "changes": [list(c) for c in (schedule or {}).get(s.key, [])]}
                          for s in run.sites],
           "leaked": r.leaked if r is not None else [], "leaked_count": len(r.leaked) if r is not None else 0,
           "goroutines_started": r.started if r is not None else 0, "simulated_ns": r.sim_ns if r is not None else 0,
           "timeline": timeline(run)}
    return json.dumps(doc, indent=1) + "\n"
