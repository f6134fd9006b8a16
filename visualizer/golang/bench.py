"""Bench lines for the Go front end (``python -m visualizer bench`` includes them).

* the article's handler interpreted from Go against the native transcription,
  same requests, same run: target at most 4x the native time;
* a 60-line program explored over 100 schedules: target under 10 s;
* a program that starts 100,000 goroutines, run live through a Session as a
  window runs it: its first frame within 1.5 s of opening (compile included),
  and its end at the stranded count ``go --json`` reports.
"""

from __future__ import annotations

import gc
import io
import time
from typing import Any

TARGETS = {"interpret_ratio": 4.0, "explore_100_s": 10.0, "live_first_frame_s": 1.5}

LIVE_PROGRAM = """package main

import "time"

func main() {
	results := make(chan int)
	for i := 0; i < {n}; i++ {
		go func() {
			time.Sleep(time.Millisecond)
			results <- i // nobody receives all but the first
		}()
	}
	<-results
	time.Sleep(10 * time.Millisecond) // the rest are blocked by now, and leaked
}
"""

EXPLORE_PROGRAM = """package main

import (
	"fmt"
	"sync"
	"time"
)

type job struct {
	id   int
	cost time.Duration
}

type pool struct {
	mu      sync.Mutex
	wg      sync.WaitGroup
	jobs    chan job
	results chan int
	done    map[int]bool
}

func newPool(workers int) *pool {
	p := &pool{jobs: make(chan job), results: make(chan int), done: map[int]bool{}}
	for i := 0; i < workers; i++ {
		p.wg.Add(1)
		go p.work(i)
	}
	return p
}

func (p *pool) work(id int) {
	defer p.wg.Done()
	for j := range p.jobs {
		time.Sleep(j.cost)
		p.mu.Lock()
		p.done[j.id] = true
		p.mu.Unlock()
		select {
		case p.results <- j.id:
		case <-time.After(50 * time.Millisecond):
			return
		}
	}
}

func main() {
	p := newPool(4)
	go func() {
		for i := 0; i < 12; i++ {
			p.jobs <- job{i, time.Duration(i%3+1) * time.Millisecond}
		}
		close(p.jobs)
	}()
	got := 0
	for got < 6 {
		<-p.results
		got++
	}
	p.mu.Lock()
	fmt.Println("done", len(p.done) >= 6)
	p.mu.Unlock()
	time.Sleep(time.Second)
}
"""


def bench_interpret(requests: int) -> dict[str, Any]:
    """Wall seconds of the article's scenario on ``requests`` requests, native vs from Go (gateway.go: the
    handler and its checks interpreted, net/http modelled). Also the ratio and both stranded counts (they
    must agree)."""
    from ..core import scenario
    from ..core.report import report
    from ..core.runtime import Runtime
    from ..core.scenario import Config
    from .gateway import program
    cfg = Config(variant="seed", checks=10, requests=requests, concurrent=True, rate=1000.0, fail_prob=0.1,
                 bad_ip_share=0.2, seed=1).validate()
    go = program(cfg)  # compiled outside the timing
    gc.collect()
    rt = Runtime(seed=cfg.seed)
    scenario.start(rt, cfg)
    t0 = time.perf_counter()
    rt.run()
    native_s = time.perf_counter() - t0
    native = report(cfg, rt)["stranded"]
    rt.shutdown()
    gc.collect()
    t0 = time.perf_counter()
    rt2, _ip = go.start()
    rt2.run()
    interp_s = time.perf_counter() - t0
    interp = report(cfg, rt2)["stranded"]
    rt2.shutdown()
    return {"requests": requests, "native_s": native_s, "interpreted_s": interp_s,
            "ratio": interp_s / native_s, "stranded_native": native, "stranded_interpreted": interp}


def bench_explore(runs: int) -> dict[str, Any]:
    """Wall seconds for ``leakviz go --runs runs`` on a small leaky Go program, and how many runs leaked."""
    import tempfile
    from pathlib import Path

    from .cli import run_go
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "main.go"
        p.write_text(EXPLORE_PROGRAM)
        out, err = io.StringIO(), io.StringIO()
        t0 = time.perf_counter()
        code = run_go([str(p)], runs=runs, out=out, err=err)
        s = time.perf_counter() - t0
    return {"runs": runs, "lines": EXPLORE_PROGRAM.count("\n"), "seconds": s, "exit_code": code,
            "leaky_runs": sum(1 for ln in err.getvalue().splitlines() if " 0 leaked" not in ln)}


def bench_live(n: int, frame_hz: float = 25.0) -> dict[str, Any]:
    """A program starting ``n`` goroutines run live through a Session as the window runs it (play, and a
    snapshot folded within a few ms every frame): wall seconds to the first frame showing goroutines,
    to the end, and the stranded counts of the live run and of ``go``'s run."""
    import asyncio

    from ..core.session import Session
    from .cli import run_go
    from .live import GoProgram
    src = LIVE_PROGRAM.replace("{n}", str(n)).encode()
    out = io.StringIO()
    run_go_files = [("live.go", src)]
    t0 = time.perf_counter()
    session = Session(program=GoProgram(run_go_files), speed=None)
    first = None

    async def drive() -> None:
        nonlocal first
        session.play()
        while not session.finished or session.backlog():
            await asyncio.sleep(1 / frame_hz)
            snap = session.snapshot(budget_s=0.008)
            if first is None and snap.spawned > 1:
                first = time.perf_counter() - t0
        await session.aclose()
    asyncio.run(drive())
    end = time.perf_counter() - t0
    stranded = session.snapshot().stranded
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "live.go"
        p.write_bytes(src)
        run_go([str(p)], as_json=True, out=out, err=io.StringIO())
    import json
    return {"goroutines": n, "first_frame_s": first, "end_s": end, "stranded_live": stranded,
            "stranded_go": json.loads(out.getvalue())["per_run"][0]["leaked"]}


def run(quick: bool) -> dict[str, Any]:
    """The golang benchmarks (smaller sizes when ``quick``), for ``visualizer.bench``."""
    return {"interpret": bench_interpret(1_000 if quick else 10_000), "explore": bench_explore(100),
            "live": bench_live(10_000 if quick else 100_000)}


def rows(res: dict[str, Any]) -> list[tuple[str, str, str, bool | None]]:
    """The results of ``run`` as table rows: (what, measured, target, met or None)."""
    i, e, lv = res["interpret"], res["explore"], res["live"]
    return [
        (f"Go handler interpreted / native ({i['requests']:,} req)",
         f"{i['interpreted_s']:.2f} / {i['native_s']:.2f} s = {i['ratio']:.1f}x",
         f"<= {TARGETS['interpret_ratio']:g}x", i["ratio"] <= TARGETS["interpret_ratio"]),
        (f"{e['lines']}-line Go program, {e['runs']} schedules", f"{e['seconds']:.2f} s",
         f"< {TARGETS['explore_100_s']:g} s", e["seconds"] < TARGETS["explore_100_s"]),
        (f"Go program live, {lv['goroutines']:,} goroutines: first frame",
         f"{lv['first_frame_s']:.2f} s (end {lv['end_s']:.1f} s, {lv['stranded_live']:,} stranded, "
         f"go: {lv['stranded_go']:,})",
         f"<= {TARGETS['live_first_frame_s']:g} s",
         lv["first_frame_s"] <= TARGETS["live_first_frame_s"] and lv["stranded_live"] == lv["stranded_go"]),
    ]
