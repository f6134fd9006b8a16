"""Exports that need no window: the metrics over time as CSV, the report as JSON.

Pure stdlib, like the rest of the core. The metrics come from the same fold
the window draws (``trace.Folder``), sampled at evenly spaced simulated times,
so a CSV row says exactly what the window showed at that moment.

Every file is written atomically: to a temporary file next to the target,
then ``os.replace``; a failed or abandoned export leaves the old file (or
nothing) under the real name, and no temporary file behind. Errors come out
as ``ExportError`` with one line for the user.
"""

from __future__ import annotations

import csv
import json
import os
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import IO, Any

from .atomic import WriteError, atomic_write
from .trace import Folder, Trace

__all__ = ["GIF_FPS", "METRICS_COLUMNS", "VIDEO_FPS", "ExportError", "atomic_file", "metrics_rows", "write_csv",
           "write_json"]

METRICS_COLUMNS: tuple[str, ...] = (
    "t_s", "requests", "requests_returned", "live_goroutines", "stranded",
    "stranded_done", "stranded_quit", "stranded_other", "go_bytes_modeled", "python_bytes_measured",
)
DEFAULT_SAMPLES = 200
# A GIF stores each frame's delay in hundredths of a second (at most 655.35 s),
# and browsers play delays under 20 ms at 100 ms.
GIF_FPS = (0.1, 50.0)
VIDEO_FPS = (1.0, 60.0)


class ExportError(WriteError):
    """An export that could not be written; the message is one line for the user."""


# -- metrics --

def metrics_rows(events: Trace | Sequence[tuple] | Iterable[tuple], *,
                 step_ns: int | None = None) -> list[dict[str, Any]]:
    """The run's metrics over simulated time, one dict per sample (columns: ``METRICS_COLUMNS``).

    ``events`` is a trace's events (a ``Trace``, its ``Events`` or a list of
    event tuples) from the start of the run. Samples are taken at 0, step,
    2*step, ... and always at the last event's time; by default the step gives
    about ``DEFAULT_SAMPLES`` evenly spaced samples. Each sample folds every
    event up to and including its time. An empty trace gives no rows.

    ``stranded_done``/``stranded_quit``/``stranded_other`` count stranded
    goroutines by the channel they block on (other names summed); one parked
    in a select on several channels counts once for each.
    """
    if isinstance(events, Trace):
        events = events.events
    if getattr(events, "first", 0):
        raise ExportError(f"the trace no longer holds its first {events.first:,} events "
                          "(a long interactive run forgets them): the metrics need the whole run")
    if not isinstance(events, Sequence) and not hasattr(events, "__getitem__"):
        events = list(events)
    if step_ns is not None and (isinstance(step_ns, bool) or not isinstance(step_ns, int) or step_ns <= 0):
        raise ValueError(f"step_ns must be a positive whole number of nanoseconds, got {step_ns!r}")
    times = [e[0] for e in events]  # one pass; the fold then reads by index
    if not times:
        return []
    end = times[-1]
    if step_ns is None:
        step_ns = max(1, -(-end // (DEFAULT_SAMPLES - 1)))  # ceil: 0..end in about 200 samples
    samples = list(range(0, end, step_ns))
    samples.append(end)  # always the last event's time, never twice
    folder = Folder()
    rows = []
    for t in samples:
        folder.feed(events, bisect_right(times, t))
        s = folder.snapshot(now=t)
        by_chan = dict(s.stranded_by_channel)
        done = by_chan.pop("done", 0)
        quit_ = by_chan.pop("quit", 0)
        rows.append({
            "t_s": t / 1e9,
            "requests": s.requests_total,
            "requests_returned": s.requests_returned,
            "live_goroutines": s.live,
            "stranded": s.stranded,
            "stranded_done": done,
            "stranded_quit": quit_,
            "stranded_other": sum(by_chan.values()),
            "go_bytes_modeled": s.go_bytes,
            "python_bytes_measured": s.py_bytes,
        })
    return rows


# -- writing --

@contextmanager
def atomic_file(path: str | os.PathLike[str], mode: str = "wb", **open_kw: Any) -> Iterator[IO]:
    """``atomic.atomic_write``, with its errors as ``ExportError``."""
    try:
        with atomic_write(path, mode, **open_kw) as f:
            yield f
    except WriteError as e:
        if isinstance(e, ExportError):
            raise
        raise ExportError(path, e.why) from e.__cause__


def write_csv(path: str | os.PathLike[str], rows: Iterable[Mapping[str, Any]], *,
              columns: Sequence[str] | None = None) -> int:
    """Write ``rows`` (dicts) as CSV with a header row; returns the rows written.

    The columns are ``columns``, else the first row's keys, else (no rows)
    ``METRICS_COLUMNS``."""
    rows = list(rows)
    if columns is None:
        columns = list(rows[0]) if rows else list(METRICS_COLUMNS)
    with atomic_file(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(columns), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return len(rows)


def write_json(path: str | os.PathLike[str], obj: Any) -> None:
    """Write ``obj`` (e.g. ``report.report(cfg, rt)``) as indented JSON, keys sorted."""
    text = json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    with atomic_file(path, "w", encoding="utf-8") as f:
        f.write(text)
