"""``python -m visualizer soak``: run the bug for a long time and watch the app's own memory.

The bug preset runs headless through the same Session the window uses (engine,
driver, incremental fold, bounded trace) at full speed and a high request
rate. Each time the live-goroutine ceiling stops it, the soak resets, as a
teacher would: the leak is meant to grow, the app is not. What must stay flat
is the peak resident memory of each cycle, and the memory left after each
reset.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import signal
import time
from dataclasses import replace
from typing import Any

from .core.presets import PRESETS
from .core.session import Session


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


async def _soak(minutes: float, rate: float, max_live: int, every_s: float, out,
                cycles_max: int | None = None) -> dict[str, Any]:
    cfg = replace(PRESETS["unbuffered"], rate=rate)
    s = Session(cfg, speed=None, max_live=max_live)
    start = time.monotonic()
    end = start + minutes * 60
    cycles: list[dict[str, Any]] = []
    samples: list[dict[str, Any]] = []
    peak = 0
    next_sample = start
    # Ctrl+C or SIGTERM ends the soak early, with its summary: the cycles so far are the result
    stop: list[int] = []
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.append, sig)
    s.play()
    while time.monotonic() < end and not stop and (cycles_max is None or len(cycles) < cycles_max):
        await asyncio.sleep(0.03)  # a frame's worth, as the window would
        snap = s.snapshot(budget_s=0.003)
        rss = _rss()
        peak = max(peak, rss)
        now = time.monotonic()
        if now >= next_sample:
            next_sample = now + every_s
            row = {"t_s": round(now - start, 1), "rss_mib": round(rss / 2**20, 1),
                   "live": len(s.rt.goroutines), "stranded": snap.stranded,
                   "stranded_mib": round(s.rt.py_bytes_stranded / 2**20, 1),
                   "app_mib": round((rss - s.rt.py_bytes_stranded) / 2**20, 1),
                   "events": len(s.rt.trace.events), "cycle": len(cycles) + 1}
            samples.append(row)
            print(json.dumps(row) if out == "json" else
                  f"{row['t_s']:>8.1f} s  cycle {row['cycle']:>3}  RSS {row['rss_mib']:>8.1f} MiB  "
                  f"stranded {row['stranded']:>9,} ({row['stranded_mib']:>7.1f} MiB measured)  "
                  f"app {row['app_mib']:>7.1f} MiB  events {row['events']:>11,}", flush=True)
        if s.ceiling_hit or s.finished:
            # the frame's budgeted fold lags the engine by thousands of events: fold the rest, so the
            # cycle reports where it stopped, not where the last frame had got to
            snap = s.snapshot()
            cycles.append({"peak_rss_mib": round(peak / 2**20, 1), "stranded": snap.stranded,
                           "sim_s": round(snap.t / 1e9, 2)})
            s.reset()
            gc.collect()
            cycles[-1]["rss_after_reset_mib"] = round(_rss() / 2**20, 1)
            peak = 0
            s.play()
    await s.aclose()
    return {"minutes": minutes, "rate": rate, "max_live": max_live, "cycles": cycles, "samples": samples,
            "interrupted_by": stop[0] if stop else None}


def main(minutes: float, rate: float, max_live: int, as_json: bool, cycles: int | None = None) -> int:
    """``leakviz soak``: leak up to ``max_live`` goroutines and reset, cycle after cycle, for ``minutes`` wall
    minutes or ``cycles`` cycles, whichever ends first.

    Prints each cycle's stranded count and peak/after-reset RSS (MiB), or
    JSON. Returns 0, or 128 + the signal number when stopped by a signal."""
    res = asyncio.run(_soak(minutes, rate, max_live, every_s=max(5.0, minutes * 60 / 60),
                            out="json" if as_json else "text", cycles_max=cycles))
    cycles = res["cycles"]
    sig = res.pop("interrupted_by")
    if sig is not None:
        print(f"stopped by {signal.Signals(sig).name} after {len(cycles)} full cycle(s)", flush=True)
    if as_json:
        print(json.dumps({k: v for k, v in res.items() if k != "samples"}))
    else:
        print(f"{len(cycles)} cycles of the leak up to the ceiling of {max_live:,} live goroutines, each then reset")
        for i, c in enumerate(cycles, 1):
            print(f"  cycle {i:>3}: {c['stranded']:>9,} stranded in {c['sim_s']:>8.2f} s simulated, "
                  f"peak RSS {c['peak_rss_mib']:>8.1f} MiB, after reset {c['rss_after_reset_mib']:>8.1f} MiB")
    return 0 if sig is None else 128 + sig
