"""``python -m visualizer bench``: the numbers leakviz must reach, measured in one run.

1. engine throughput against a bare-asyncio baseline doing the same work;
2. build + paint of one stage frame with 1k / 10k / 100k stranded goroutines;
3. event-loop lag while the window runs the bug preset flat out;
4. resident bytes per stranded goroutine, beside Go's;
5. start-up to the first painted frame.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from typing import Any

from .core import memory, scenario
from .core.report import simulate
from .core.runtime import Runtime
from .core.scenario import Config
from .core.trace import Folder

TARGETS = {
    "engine_ratio": 1.5, "checks_per_s": 60_000, "frame_p95_ms_10k": 16.0, "frame_p95_ms_100k": 33.0,
    "lag_p99_ms": 20.0, "bytes_per_stranded": 2700, "startup_s": 1.5, "seek_max_ms": 100.0,
    "dump_parse_s_100k": 3.0,
}


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


# -- 1. engine vs bare asyncio --

def _engine_cfg(requests: int) -> Config:
    return Config(variant="seed", checks=10, capacity_done=0, capacity_quit=0, requests=requests,
                  concurrent=True, rate=1000.0, fail_prob=0.1, bad_ip_share=0.2, seed=1).validate()


def bench_engine(requests: int) -> dict[str, Any]:
    """Time the engine on ``requests`` requests against the same work on bare asyncio.

    Returns wall seconds, checks and channel operations per wall second for
    both, the stranded counts, and ``ratio`` (engine time / baseline time)."""
    cfg = _engine_cfg(requests)
    gc.collect()
    rt = Runtime(seed=cfg.seed)
    scenario.start(rt, cfg)
    t0 = time.perf_counter()
    rt.run()
    engine_s = time.perf_counter() - t0
    kinds = {"send": 0, "recv": 0, "park": 0, "close": 0}
    fails: dict[int, set[int]] = {}  # per request: the failing checks, as the engine drew them
    for e in rt.trace.events:
        k = e[1]
        if k in kinds and (k != "park" or e[4]):
            kinds[k] += 1
        elif k == "verdict" and not e[4]:
            fails.setdefault(e[2], set()).add(e[3])
    plan = [fails.get(k, set()) for k in range(requests)]
    checks = requests * cfg.checks
    ops = sum(kinds.values())
    stranded = rt.stranded
    rt.shutdown()
    del rt
    gc.collect()
    base_s, base_stranded = _baseline(cfg, plan)
    return {"requests": requests, "checks": checks, "engine_s": engine_s, "checks_per_s": checks / engine_s,
            "chan_ops": ops, "chan_ops_per_s": ops / engine_s, "stranded": stranded,
            "baseline_s": base_s, "baseline_checks_per_s": checks / base_s, "baseline_stranded": base_stranded,
            "ratio": engine_s / base_s}


class _Chan:
    """The least a rendezvous channel needs on bare asyncio: futures in lists."""

    __slots__ = ("sendq", "recvq")
    seq = 0  # arrival order across channels, so a two-way receive takes the oldest sender

    def __init__(self) -> None:
        self.sendq: list[tuple[int, asyncio.Future, object]] = []
        self.recvq: list[asyncio.Future] = []

    async def send(self, v: object) -> None:
        while self.recvq:
            r = self.recvq.pop(0)
            if not r.done():  # a select may have been completed by the other channel
                r.set_result((self, v))
                return
        f = asyncio.get_running_loop().create_future()
        _Chan.seq += 1
        self.sendq.append((_Chan.seq, f, v))
        await f


async def _recv2(a: _Chan, b: _Chan) -> _Chan:
    if a.sendq or b.sendq:
        ch = a if not b.sendq or (a.sendq and a.sendq[0][0] < b.sendq[0][0]) else b
        _seq, f, _v = ch.sendq.pop(0)
        f.set_result(None)
        return ch
    r = asyncio.get_running_loop().create_future()
    a.recvq.append(r)
    b.recvq.append(r)
    ch, _v = await r
    return ch


def _baseline(cfg: Config, plan: list[set[int]]) -> tuple[float, int]:
    """The same requests, checks, delays and rendezvous sends on bare asyncio.

    Real timers with every delay scaled by 1e-5: asyncio runs due timers in
    time order, so the order of events matches the virtual-time engine while
    the CPU, not the clock, sets the pace."""
    scale = 1e-9 * 1e-5
    delays = [d * scale for d in cfg.delays_ns()]
    gap = 1e9 / cfg.rate * scale
    pending: list[asyncio.Task] = []
    total = len(plan) * cfg.checks
    arrived = 0

    async def check(i: int, ok: bool, done: _Chan, quit: _Chan) -> None:
        nonlocal arrived
        await asyncio.sleep(delays[i])
        arrived += 1
        await (done if ok else quit).send(True)

    async def handler(failing: set[int]) -> None:
        done, quit = _Chan(), _Chan()
        for i in range(cfg.checks):
            pending.append(asyncio.ensure_future(check(i, i not in failing, done, quit)))
        for _ in range(cfg.checks):
            if await _recv2(done, quit) is quit:
                return

    async def serve() -> int:
        for failing in plan:
            pending.append(asyncio.ensure_future(handler(failing)))
            await asyncio.sleep(gap)
        while arrived < total:
            await asyncio.sleep(0)
        for _ in range(3):  # let the last hand-offs finish
            await asyncio.sleep(0)
        return sum(1 for t in pending if not t.done())

    loop = asyncio.new_event_loop()
    try:
        t0 = time.perf_counter()
        stuck = loop.run_until_complete(serve())
        took = time.perf_counter() - t0
        for t in pending:
            t.cancel()
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    finally:
        loop.close()
    return took, stuck


# -- 6. seeking --

def bench_seek(requests: int, seeks: int = 30) -> dict[str, Any]:
    """Seek to random moments of a finished run, as the timeline does."""
    import random

    from .core.trace import Rewinder
    rt = simulate(_engine_cfg(requests))
    events = rt.trace.events
    live, rw = Folder(keep=6), Rewinder(keep=6)
    while live.seq < len(events):  # the window folds as it goes
        live.feed(events, upto=live.seq + 3000)
        rw.note(live)
    times = []
    for i in random.Random(7).sample(range(len(events)), seeks):
        t0 = time.perf_counter()
        rw.at(events, i).snapshot()
        times.append((time.perf_counter() - t0) * 1000)
    rt.shutdown()
    return {"requests": requests, "events": len(events), "median_ms": statistics.median(times),
            "max_ms": max(times)}


# -- 4. memory per stranded goroutine --

def bench_memory(stranded_target: int) -> dict[str, Any]:
    """Resident bytes (RSS growth) per stranded goroutine for a leak of at least ``stranded_target``.

    Also returns this process's measured bytes, the trace's bytes per stranded
    goroutine and the modelled/measured Go bytes, for comparison."""
    requests = -(-stranded_target // 9)
    cfg = Config(checks=10, requests=requests, concurrent=True, rate=1000.0, fail=(0,), seed=1).validate()
    gc.collect()
    r0 = _rss()
    rt = simulate(cfg)
    folder = Folder(keep=6).feed(rt.trace.events)
    folder.snapshot(now=rt.now)
    gc.collect()
    r1 = _rss()
    n = rt.stranded
    out = {"stranded": n, "rss_bytes_per_stranded": (r1 - r0) / n,
           "measured_python_bytes_per_stranded": rt.py_bytes_stranded / n,
           "trace_bytes_per_stranded": (rt.trace.events.nbytes() + 80 * len(rt.trace.events.tail)) / n,
           "go_model_bytes": memory.GOROUTINE_BYTES, "go_measured_bytes": memory.GO_MEASURED_BYTES_PER_LEAK}
    rt.shutdown()
    return out


# -- 2, 3, 5: the window --

def bench_frames(counts: list[int], frames: int) -> dict[str, Any]:
    """Median and p95 milliseconds to fold and paint one 1280x800 stage frame, per stranded count.

    Needs PySide6 (imports it here); the first 3 of ``frames + 3`` frames are warm-up."""
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from .gui.stage import Stage

    app = QApplication.instance() or QApplication([])
    out = {}
    for n in counts:
        cfg = Config(checks=10, requests=-(-n // 9), concurrent=True, rate=1000.0, fail=(0,), seed=1).validate()
        rt = simulate(cfg)
        folder = Folder(keep=6).feed(rt.trace.events)
        stage = Stage()
        stage.resize(1280, 800)
        img = QImage(1280, 800, QImage.Format_ARGB32_Premultiplied)
        times = []
        for _ in range(frames + 3):
            t0 = time.perf_counter()
            snap = folder.snapshot(now=rt.now)
            stage.set_snapshot(snap)
            stage.render(img)
            times.append((time.perf_counter() - t0) * 1000)
        times = times[3:]  # warm-up
        out[str(rt.stranded)] = {"stranded": rt.stranded, "median_ms": statistics.median(times),
                                 "p95_ms": _pct(times, 0.95)}
        rt.shutdown()
        app.processEvents()
    return out


def bench_presenter(n: int, frames: int, go: bool = False) -> dict[str, Any]:
    """One whole presenter-mode window frame at 1920x1080 (stage, code, chart, legend, timeline, counters);
    ``go``: the preset run from gateway.go, as the app runs it."""
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from .gui.window import MainWindow

    app = QApplication.instance() or QApplication([])
    cfg = Config(checks=10, requests=-(-n // 9), concurrent=True, rate=1000.0, fail=(0,), seed=1).validate()
    win = MainWindow(preset="unbuffered", speed=None, lang="en", size=(1920, 1080), present=True, from_go=False)
    win.timer.stop()  # frames are made here, one after another
    if go:
        why = win.source.open_preset_from_go(cfg)
        if why:
            raise RuntimeError(why)
    else:
        win.restart_with(cfg)
    win.session.rt.run()
    win.session.snapshot()
    win.show()
    app.processEvents()
    img = QImage(win.width(), win.height(), QImage.Format_ARGB32_Premultiplied)
    times = []
    for _ in range(frames + 3):
        t0 = time.perf_counter()
        win.refresh()
        win.stage.update()
        win.code.update()
        win.render(img)
        times.append((time.perf_counter() - t0) * 1000)
    times = times[3:]  # warm-up
    out = {"stranded": win.session.rt.stranded, "median_ms": statistics.median(times), "p95_ms": _pct(times, 0.95),
           "code_px": win.code.drawn_px}
    win.close()
    app.processEvents()
    return out


def bench_lag(seconds: float, program: tuple[list, dict] | None = None, go: bool = False) -> dict[str, Any]:
    """Event-loop lag (ms) under the window playing 1,000 requests per second flat out, for ``seconds`` wall seconds
    (the bug preset; ``go``: run from gateway.go, as the app runs it; or a Go ``program``: its files and go's
    options, run live flat out).

    Opens a real MainWindow on a qasync loop (offscreen under the bench) and
    samples how late a 1 ms sleep wakes up: median, p99 and max."""
    import qasync
    from PySide6.QtWidgets import QApplication

    from .core.presets import PRESETS
    from .core.tasks import run_to_end
    from .gui.window import MainWindow

    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    win = MainWindow(preset="unbuffered", speed=None, lang="en", from_go=False)
    if program is not None:
        win.source.open_program(program[0], **program[1])
    elif go:
        why = win.source.open_preset_from_go(replace(PRESETS["unbuffered"], rate=1000.0))
        if why:
            raise RuntimeError(why)
    else:
        win.session.reset(replace(PRESETS["unbuffered"], rate=1000.0))
    win.show()
    lags: list[float] = []

    async def probe() -> None:
        win.session.play()
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            t0 = time.perf_counter()
            await asyncio.sleep(0.001)
            lags.append(max(0.0, (time.perf_counter() - t0 - 0.001) * 1000))
        win.timer.stop()
        await win.session.aclose()  # the engine is still playing: end it before the loop stops

    with loop:
        run_to_end(loop, probe())
        snap = win.snap
        win.close()
    asyncio.set_event_loop(None)
    return {"seconds": seconds, "samples": len(lags), "median_ms": statistics.median(lags),
            "p99_ms": _pct(lags, 0.99), "max_ms": max(lags),
            "sim_seconds": snap.t / 1e9 if snap else 0.0, "stranded": snap.stranded if snap else 0}


def bench_startup(runs: int) -> dict[str, Any]:
    """Wall seconds from ``python -m visualizer`` to its first painted frame, over ``runs`` fresh processes.

    Raises RuntimeError if a start-up run fails."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    times = []
    for _ in range(runs):
        p = subprocess.run([sys.executable, "-m", "visualizer", "--exit-after-first-frame", "--lang", "en"],
                           env=env, capture_output=True, text=True, timeout=60)
        if p.returncode != 0 or "first frame after" not in p.stdout:
            raise RuntimeError(f"start-up run failed: {p.stderr.strip()[-300:]}")
        times.append(float(p.stdout.split("first frame after")[1].split()[0]))
    return {"runs": runs, "median_s": statistics.median(times), "max_s": max(times)}


def _in_fresh_process(func: str, arg: int) -> dict[str, Any]:
    """Resident memory is only meaningful in a process that has run nothing else."""
    code = f"import json; from visualizer.bench import {func}; print(json.dumps({func}({arg})))"
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        raise RuntimeError(f"{func} failed: {p.stderr.strip()[-300:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def run(quick: bool) -> dict[str, Any]:
    """Run every benchmark (smaller sizes when ``quick``) and return the results with the machine and the targets."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    res: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
                    "quick": quick},
        "targets": TARGETS,
    }
    res["engine"] = bench_engine(2_000 if quick else 20_000)
    res["frames"] = bench_frames([1_000, 10_000, 100_000], 5 if quick else 40)
    res["presenter"] = bench_presenter(10_000, 5 if quick else 40)
    res["presenter_go"] = bench_presenter(10_000, 5 if quick else 40, go=True)
    res["lag"] = bench_lag(1.5 if quick else 10.0)
    res["lag_preset_go"] = bench_lag(1.5 if quick else 10.0, go=True)
    from .goplay.catalog import HERE
    http = HERE / "article_http.go"
    res["lag_go"] = bench_lag(1.5 if quick else 10.0,
                              ([(str(http), http.read_bytes())], {"requests": 20_000, "rate": 1000.0}))
    res["memory"] = _in_fresh_process("bench_memory", 20_000 if quick else 100_000)
    res["startup"] = bench_startup(1 if quick else 5)
    res["seek"] = bench_seek(2_000 if quick else 10_000)
    from .godump import bench as dump_bench
    res["dump"] = {"parse": dump_bench.bench_parse(10_000 if quick else 100_000),
                   "poll": dump_bench.bench_poll(10_000 if quick else 100_000)}
    from .golang import bench as go_bench
    res["golang"] = go_bench.run(quick)
    from .gui.gobench import bench_go_frames
    res["go_stage"] = bench_go_frames([10_100] if quick else [10_100, 100_100], 5 if quick else 40)
    return res


def table(res: dict[str, Any]) -> str:
    """The results of ``run`` as a text table: each measurement, its target and whether it was met."""
    e, f, lag, m, s, sk = res["engine"], res["frames"], res["lag"], res["memory"], res["startup"], res["seek"]
    t = res["targets"]
    rows = [
        ("engine: check goroutines/s", f"{e['checks_per_s']:,.0f}", f">= {t['checks_per_s']:,}",
         e["checks_per_s"] >= t["checks_per_s"]),
        ("engine: channel ops/s", f"{e['chan_ops_per_s']:,.0f}", "", None),
        ("bare asyncio baseline: checks/s", f"{e['baseline_checks_per_s']:,.0f}", "", None),
        ("engine time / baseline time", f"{e['ratio']:.2f}", f"<= {t['engine_ratio']}", e["ratio"] <= t["engine_ratio"]),
    ]
    for key, v in sorted(f.items(), key=lambda kv: kv[1]["stranded"]):
        target = t["frame_p95_ms_10k"] if v["stranded"] <= 20_000 else t["frame_p95_ms_100k"]
        rows.append((f"stage frame, {v['stranded']:,} stranded: median / p95",
                     f"{v['median_ms']:.1f} / {v['p95_ms']:.1f} ms",
                     f"p95 <= {target:g} ms" if v["stranded"] >= 10_000 else "", v["p95_ms"] <= target
                     if v["stranded"] >= 10_000 else None))
        del key
    for key, how in (("presenter", "the preset native"), ("presenter_go", "the preset from Go")):
        pr = res.get(key)
        if pr is not None:
            rows.append((f"presenter-mode window frame 1920x1080, {how}, {pr['stranded']:,} stranded: median / p95",
                         f"{pr['median_ms']:.1f} / {pr['p95_ms']:.1f} ms", f"p95 <= {t['frame_p95_ms_10k']:g} ms",
                         pr["p95_ms"] <= t["frame_p95_ms_10k"]))
    rows += [
        ("loop lag at 1,000 req/s flat out: median / p99 / max",
         f"{lag['median_ms']:.1f} / {lag['p99_ms']:.1f} / {lag['max_ms']:.1f} ms",
         f"p99 <= {t['lag_p99_ms']:g} ms", lag["p99_ms"] <= t["lag_p99_ms"]),
    ]
    if "lag_preset_go" in res:
        lg = res["lag_preset_go"]
        rows.append(("loop lag, the bug preset from Go at 1,000 req/s flat out: median / p99 / max",
                     f"{lg['median_ms']:.1f} / {lg['p99_ms']:.1f} / {lg['max_ms']:.1f} ms",
                     f"p99 <= {t['lag_p99_ms']:g} ms", lg["p99_ms"] <= t["lag_p99_ms"]))
    if "lag_go" in res:
        lg = res["lag_go"]
        rows.append(("loop lag, the article over HTTP from Go at 1,000 req/s live flat out: median / p99 / max",
                     f"{lg['median_ms']:.1f} / {lg['p99_ms']:.1f} / {lg['max_ms']:.1f} ms",
                     f"p99 <= {t['lag_p99_ms']:g} ms", lg["p99_ms"] <= t["lag_p99_ms"]))
    rows += [
        (f"resident bytes per stranded goroutine ({m['stranded']:,})", f"{m['rss_bytes_per_stranded']:,.0f} B",
         f"<= {t['bytes_per_stranded']:,} B", m["rss_bytes_per_stranded"] <= t["bytes_per_stranded"]),
        ("  Go: modelled / measured (Go 1.19)", f"{m['go_model_bytes']:,} / {m['go_measured_bytes']:,} B", "", None),
        ("start-up to first painted frame (median)", f"{s['median_s']:.2f} s", f"<= {t['startup_s']} s",
         s["median_s"] <= t["startup_s"]),
        (f"seek in a run of {sk['requests']:,} requests: median / max", f"{sk['median_ms']:.1f} / "
         f"{sk['max_ms']:.1f} ms", f"<= {t['seek_max_ms']:g} ms", sk["max_ms"] <= t["seek_max_ms"]),
    ]
    if "dump" in res:
        dp, dl = res["dump"]["parse"], res["dump"]["poll"]
        ok = dp["parse_group_s"] <= t["dump_parse_s_100k"] if dp["goroutines"] >= 100_000 else None
        rows += [(f"Go dump: parse + group {dp['goroutines']:,} goroutines (debug=2, {dp['bytes'] / 1e6:.0f} MB)",
                  f"{dp['parse_group_s']:.2f} s", f"<= {t['dump_parse_s_100k']:g} s" if ok is not None else "", ok),
                 (f"Go dump: one live poll of {dl['goroutines']:,} over loopback HTTP", f"{dl['poll_s']:.2f} s", "",
                  None)]
    if "golang" in res:
        from .golang import bench as go_bench
        rows += go_bench.rows(res["golang"])
    if "go_stage" in res:
        from .gui.gobench import rows as go_stage_rows
        rows += go_stage_rows(res["go_stage"], t)
    w = max(len(r[0]) for r in rows)
    out = [f"leakviz bench ({'quick' if res['machine']['quick'] else 'full'}): Python {res['machine']['python']}, "
           f"{res['machine']['cpus']} CPUs, {res['machine']['platform']}"]
    for name, val, target, ok in rows:
        mark = "" if ok is None else ("  ok" if ok else "  MISSED")
        out.append(f"  {name:<{w}}  {val:>24}  {target:<16}{mark}")
    return "\n".join(out)


def main(quick: bool, as_json: bool) -> int:
    """``leakviz bench``: run the benchmarks and print the table (or JSON); returns 0 whatever the numbers."""
    res = run(quick)
    print(json.dumps(res, indent=2, sort_keys=True) if as_json else table(res))
    return 0
