"""The article's handler as Go source, run through the front end (``run --interpret``).

Each variant is the Go the window's code panel shows (scenario.GO_SOURCE),
as a package main the interpreter accepts: the request and the check
functions come from the host as ``check``/``delay``, everything else (the
channels, the goroutines, select, defer, context) is interpreted. The server,
the requests and the clock are the native scenario's, so the two runs see the
same requests on the same runtime and must strand the same goroutines.
"""

from __future__ import annotations

from typing import Any

from ..core import scenario
from ..core.runtime import holds_no_channels
from .compile import Program, compile_files
from .interp import GoRuntime, Interp

_PRELUDE = """package main

import (
	"context"
	"time"
)

// supplied by the host: the request's check i, and how long it takes
var check func(r any, i int) bool
var delay func(r any, i int) time.Duration

var _ = context.Background
"""

SOURCES = {
    "seed": """
func handler(r any, n, capDone, capQuit int) string {
	done := make(chan bool, capDone)
	quit := make(chan bool, capQuit)
	for i := 0; i < n; i++ {
		go func(i int) {
			time.Sleep(delay(r, i)) // the check's work
			if check(r, i) {
				done <- true
			} else {
				quit <- true
			}
		}(i)
	}
	for i := 0; i < n; i++ {
		select {
		case <-done:
		case <-quit:
			return "rejected" // early return: who receives the rest?
		}
	}
	return "accepted"
}
""",
    "ctx": """
func handler(r any, n, capDone, capQuit int) string {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel() // closes ctx.Done() on every return
	done := make(chan bool, capDone)
	quit := make(chan bool, capQuit)
	for i := 0; i < n; i++ {
		go func(i int) {
			time.Sleep(delay(r, i))
			ch := done
			if !check(r, i) {
				ch = quit
			}
			select {
			case ch <- true:
			case <-ctx.Done(): // nobody listens any more
			}
		}(i)
	}
	for i := 0; i < n; i++ {
		select {
		case <-done:
		case <-quit:
			return "rejected"
		}
	}
	return "accepted"
}
""",
    "closequit": """
func handler(r any, n, capDone, capQuit int) string {
	stop := make(chan struct{})
	defer close(stop) // every return tells the checks to stop
	done := make(chan bool, capDone)
	quit := make(chan bool, capQuit)
	for i := 0; i < n; i++ {
		go func(i int) {
			time.Sleep(delay(r, i))
			ch := done
			if !check(r, i) {
				ch = quit
			}
			select {
			case ch <- true:
			case <-stop:
			}
		}(i)
	}
	for i := 0; i < n; i++ {
		select {
		case <-done:
		case <-quit:
			return "rejected"
		}
	}
	return "accepted"
}
""",
    "drain": """
func handler(r any, n, capDone, capQuit int) string {
	done := make(chan bool, capDone)
	quit := make(chan bool, capQuit)
	for i := 0; i < n; i++ {
		go func(i int) {
			time.Sleep(delay(r, i))
			if check(r, i) {
				done <- true
			} else {
				quit <- true
			}
		}(i)
	}
	for i := 0; i < n; i++ {
		select {
		case <-done:
		case <-quit:
			go func(rest int) { // receive what is still to come
				for ; rest > 0; rest-- {
					select {
					case <-done:
					case <-quit:
					}
				}
			}(n - i - 1)
			return "rejected"
		}
	}
	return "accepted"
}
""",
}

_PROGRAMS: dict[str, Program] = {}


def program(variant: str) -> Program:
    """The compiled Go of one variant (compiled once per process)."""
    p = _PROGRAMS.get(variant)
    if p is None:
        src = (_PRELUDE + SOURCES[variant]).encode()
        p = _PROGRAMS[variant] = compile_files([(f"<article:{variant}>.go", src)])
    return p


@holds_no_channels
class _Req:
    """What the Go handler's ``r`` is: the request and its checks' delays."""

    __slots__ = ("req", "delays")

    def __init__(self, req: scenario.Request, delays: list[int]) -> None:
        self.req = req
        self.delays = delays


@holds_no_channels
class Interpreted:
    """The handler factory ``scenario.start`` takes: one interpreter per run. (Its handler's
    goroutine holds the channels it makes, as the native handler's does, not the interpreter's.)"""

    def __init__(self, rt: GoRuntime, variant: str) -> None:
        self.ip = Interp(program(variant), seed=0, rt=rt)
        self.ip.role = "check"
        ns = self.ip.ns
        emit = rt._emit_event

        async def check(r: _Req, i: int) -> bool:
            ok = scenario.passes(i, r.req)
            emit((rt.now, "verdict", r.req.id, i, ok))
            return ok

        async def delay(r: _Req, i: int) -> int:
            return r.delays[i]

        ns["G_check"] = check
        ns["G_delay"] = delay
        self.fn = ns["F_handler"]

    async def handler(self, rt: Any, req: scenario.Request, cfg: scenario.Config, delays: list[int],
                      resp: Any) -> None:
        """The request handler for ``scenario.start``: the interpreted Go handler, then what the native one does after.

        Blocks while the Go code does (select on done/quit); records the outcome
        and, if ``resp`` is given, sends True on it (blocking until received)."""
        self.ip.req = req.id
        outcome = await self.fn(_Req(req, delays), cfg.checks, cfg.capacity_done, cfg.capacity_quit)
        rt.annotate("return", req.id, outcome)
        if resp is not None:
            await resp.send(True)


def simulate_interpreted(cfg: scenario.Config) -> GoRuntime:
    """``report.simulate`` with the handler interpreted from Go."""
    rt = GoRuntime(seed=cfg.seed, fifo=True)
    rt.parked_at = {}
    it = Interpreted(rt, cfg.validate().variant)
    scenario.start(rt, cfg, handler=it.handler)
    rt.run()
    return rt
