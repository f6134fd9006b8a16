"""Package runtime: Gosched, NumGoroutine (the program's, not leakviz's helpers), Caller, GC, Goexit; one P."""

from __future__ import annotations

import sys
from typing import Any

from ..gotypes import BOOL, INT, STR
from ..panics import Goexit
from .registry import package, std

package("runtime", "runtime")


@std("runtime.Gosched", awaits=True)
def runtime_Gosched(h) -> Any:
    return h.rt.gosched()


@std("runtime.NumGoroutine", INT)
def runtime_NumGoroutine(h) -> int:
    return sum(1 for g in h.rt.goroutines.values() if not h.ip.info[g.gid].hidden)


@std("runtime.Caller", ("tuple", [INT, STR, INT, BOOL]))
def runtime_Caller(h, skip: int) -> tuple:
    from ..dump import go_frames
    frames = go_frames(h.ip, h.rt.current, sys._getframe(1))
    if 0 <= skip < len(frames):
        return 0, frames[skip][1], frames[skip][2], True
    return 0, "", 0, False


@std("runtime.GOMAXPROCS", INT)
def runtime_GOMAXPROCS(h, n: int) -> int:
    return 1


@std("runtime.NumCPU", INT)
def runtime_NumCPU(h) -> int:
    return 1


@std("runtime.GC")
def runtime_GC(h) -> None:
    h.ip.first_gc()


@std("runtime.Goexit")
def runtime_Goexit(h) -> None:
    raise Goexit()

