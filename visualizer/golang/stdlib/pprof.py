"""Package runtime/pprof: Lookup("goroutine") and Lookup("goroutineleak") (Go 1.26's leak profile), written
by golang/dump.py from the leak walk of golang/leaks.py."""

from __future__ import annotations

import sys
from typing import Any

from ...core.runtime import PARKED
from .. import values as V
from .io import write_to
from .registry import package, std, std_type

package("runtime/pprof", "pprof")
std_type("pprof.Profile", ("ext", "pprof.Profile"))


@std("pprof.Lookup", ("ptr", ("ext", "pprof.Profile")))
def pprof_Lookup(h, name: str) -> Profile | None:
    if name not in ("goroutineleak", "goroutine"):
        return None
    return Profile(h.ip, name)


@V.go_api()
class Profile:
    """pprof.Lookup("goroutineleak"|"goroutine")."""

    _goname = "*pprof.Profile"

    def __init__(self, ip: Any, name: str) -> None:
        self.ip = ip
        self.name = name

    async def WriteTo(self, w: Any, debug: int) -> Any:
        from ..dump import write_profile
        blocked = None
        if self.name == "goroutineleak":
            # The leak GC sorts goroutines when it starts: only those blocked then are candidates.
            # It parks the caller until the cycle ends: with one P, what is runnable runs meanwhile, until
            # none is left or the cycle's marking is done (a slice's time: loops that never block go on after).
            rt = self.ip.rt
            blocked = {g.gid for g in rt.goroutines.values() if g.state == PARKED}
            self.ip.first_gc()
            rt.start_gc()
            while rt.runnable() > 0 and rt.gc_waiter is not None:
                await rt.gosched()
            rt.gc_waiter = None
        text = write_profile(self.ip, self.name, debug, sys._getframe(1), blocked)
        await write_to(w, text)
        return None

    async def Count(self) -> int:
        from ..leaks import find_leaks
        if self.name == "goroutineleak":
            return len(find_leaks(self.ip, sys._getframe(1)))
        return sum(1 for i in self.ip.info.values() if not i.hidden)

    async def Name(self) -> str:
        return self.name

