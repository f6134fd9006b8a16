"""Package sync: Mutex, RWMutex, WaitGroup, Cond (the core's primitives with Go's method names), Once,
OnceFunc/OnceValue(s), Map and Pool; the helper object's Mutex(), WaitGroup(), ... are their zero values."""

from __future__ import annotations

from typing import Any

from ...core import sync as _sync
from ...core.runtime import Runtime
from .. import values as V
from .registry import helper, package, std, std_type

package("sync", "sync")
for _t, _zero in (("Mutex", "_h.Mutex()"), ("RWMutex", "_h.RWMutex()"), ("WaitGroup", "_h.WaitGroup()"),
                  ("Once", "_h.Once()"), ("Cond", "_h.Cond(None)"), ("Map", "_h.SyncMap()"), ("Pool", "_h.Pool()")):
    std_type(f"sync.{_t}", ("ext", f"sync.{_t}"), _zero)
std_type("sync.Locker", ("iface", "sync.Locker"))


@helper("Mutex")
def new_mutex(h) -> GoMutex:
    """A zero ``sync.Mutex``."""
    return GoMutex(h.rt)


@helper("RWMutex")
def new_rwmutex(h) -> GoRWMutex:
    """A zero ``sync.RWMutex``."""
    return GoRWMutex(h.rt)


@helper("WaitGroup")
def new_waitgroup(h) -> GoWaitGroup:
    """A zero ``sync.WaitGroup``."""
    return GoWaitGroup(h.rt, h)


@helper("Once")
def new_once(h) -> GoOnce:
    """A zero ``sync.Once``."""
    return GoOnce(h.rt)


@helper("Cond")
def new_cond(h, L: Any) -> GoCond:
    """A ``sync.Cond`` over the Locker ``L``."""
    return GoCond(h.rt, L)


@helper("Pool")
def new_pool(h, new: Any = None) -> Pool:
    """A sync.Pool (``sync.Pool{New: new}``)."""
    p = Pool()
    p.New = new
    return p


@helper("SyncMap")
def new_sync_map(h) -> SyncMap:
    """An empty ``sync.Map``."""
    return SyncMap()


@std("sync.NewCond", ("ptr", ("ext", "sync.Cond")))
def sync_NewCond(h, L: Any) -> GoCond:
    return GoCond(h.rt, L)


@std("sync.OnceFunc", ("func", []))
def sync_OnceFunc(h, f: Any) -> Any:
    """Go's sync.OnceFunc: f runs once; if it panicked, every later call panics with the same value."""
    return _once(h, f, 0)


@std("sync.OnceValue", ("func", [None]))
def sync_OnceValue(h, f: Any) -> Any:
    """Go's sync.OnceValue: f runs once, every call returns its result (or re-panics its panic)."""
    return _once(h, f, 1)


@std("sync.OnceValues", ("func", [None, None]))
def sync_OnceValues(h, f: Any) -> Any:
    """Go's sync.OnceValues: as OnceValue, for f's two results."""
    return _once(h, f, 2)


def _once(h, f: Any, results: int) -> Any:
    once = GoOnce(h.rt)
    state: dict = {}

    async def body() -> None:
        try:
            state["r"] = await f()
        except Exception as e:
            state["p"] = e
            raise

    async def call() -> Any:
        await once.Do(body)
        if "p" in state:
            raise state["p"]
        return state.get("r") if results else None
    call.go_entry = f  # type: ignore[attr-defined]
    return call


@V.go_api()
class GoMutex(_sync.Mutex):
    """sync.Mutex with Go's method names."""

    __slots__ = ()
    _goname = "sync.Mutex"

    def Lock(self) -> Any:
        return self.lock()

    async def Unlock(self) -> None:
        self.unlock()

    async def TryLock(self) -> bool:
        return self.try_lock()

    def go_copy(self) -> GoMutex:
        """Go's copy of a Mutex value: a new mutex in the same locked state, without the waiters."""
        m = GoMutex(self.rt)
        m.locked, m.holder = self.locked, self.holder
        return m


@V.go_api()
class GoRWMutex(_sync.RWMutex):
    """sync.RWMutex with Go's method names; its writer lock is a GoMutex."""

    __slots__ = ()
    _goname = "sync.RWMutex"

    def __init__(self, rt: Runtime) -> None:
        super().__init__(rt)
        self.w = GoMutex(rt)

    def Lock(self) -> Any:
        return self.lock()

    async def Unlock(self) -> None:
        self.unlock()

    def RLock(self) -> Any:
        return self.rlock()

    async def RUnlock(self) -> None:
        self.runlock()

    async def TryLock(self) -> bool:
        if self.w.locked or self.readers:
            return False
        await self.lock()
        return True

    async def TryRLock(self) -> bool:
        return self.try_rlock()

    async def RLocker(self) -> Any:
        return _RLocker(self)

    def go_copy(self) -> GoRWMutex:
        """Go's copy of an RWMutex value: the same reader/writer state, without the waiters."""
        m = GoRWMutex(self.rt)
        m.readers, m.writer, m.pending = self.readers, self.writer, self.pending
        m.w.locked, m.w.holder = self.w.locked, self.w.holder
        return m


@V.go_api()
class _RLocker:
    def __init__(self, rw: GoRWMutex) -> None:
        self.rw = rw

    def Lock(self) -> Any:
        return self.rw.rlock()

    async def Unlock(self) -> None:
        self.rw.runlock()

    def lock(self) -> Any:
        return self.rw.rlock()

    def unlock(self) -> None:
        self.rw.runlock()


@V.go_api()
class GoWaitGroup(_sync.WaitGroup):
    """sync.WaitGroup with Go's method names, including Go 1.25's ``Go`` (which spawns a goroutine)."""

    __slots__ = ("h",)
    _goname = "sync.WaitGroup"

    def __init__(self, rt: Runtime, h: Any) -> None:
        super().__init__(rt)
        self.h = h

    async def Add(self, n: int) -> None:
        self.add(n)

    async def Done(self) -> None:
        self.add(-1)

    def Wait(self) -> Any:
        return self.wait()

    async def Go(self, f: Any) -> None:
        self.add(1)
        ip = self.h.ip
        g = ip.spawn(_wg_wrap(self, f), (), "sync.(*WaitGroup).Go", -1, 238)
        inf = ip.info[g.gid]
        inf.extra["bottom"] = [("sync.(*WaitGroup).Go.func1()", "src/sync/waitgroup.go:258")]
        inf.extra["created_at"] = "src/sync/waitgroup.go:238"

    def go_copy(self) -> GoWaitGroup:
        """Go's copy of a WaitGroup value: the same counter, without the waiters."""
        w = GoWaitGroup(self.rt, self.h)
        w.count = self.count
        return w


def _wg_wrap(wg: GoWaitGroup, f: Any) -> Any:
    async def run() -> None:
        try:
            await f()
        finally:
            wg.add(-1)
    run.go_entry = f  # type: ignore[attr-defined]
    return run


@V.go_api("L")
class GoCond(_sync.Cond):
    """sync.Cond with Go's method names (``L`` is the Locker passed to ``sync.NewCond``)."""

    __slots__ = ()
    _goname = "sync.Cond"

    def Wait(self) -> Any:
        return self.wait()

    async def Signal(self) -> None:
        self.signal()

    async def Broadcast(self) -> None:
        self.broadcast()

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(name)


@V.go_api()
class GoOnce:
    """sync.Once: a second Do waits on the Once's mutex while the first runs."""

    __slots__ = ("m", "done")
    _goname = "sync.Once"

    def __init__(self, rt: Runtime) -> None:
        self.m = GoMutex(rt)
        self.done = False

    async def Do(self, f: Any) -> None:
        if self.done:
            return
        await self.m.lock()
        try:
            if not self.done:
                try:
                    await f()
                finally:
                    self.done = True
        finally:
            self.m.unlock()

    def go_copy(self) -> GoOnce:
        """Go's copy of a Once value: done or not as the original, with a fresh mutex."""
        o = GoOnce(self.m.rt)
        o.done = self.done
        return o


@V.go_api()
class SyncMap:
    """sync.Map over a plain dict (goroutines run one at a time, so no locking is needed)."""

    __slots__ = ("m",)

    def __init__(self) -> None:
        self.m: dict = {}

    async def Load(self, k: Any) -> tuple:
        return (self.m[k], True) if k in self.m else (None, False)

    async def Store(self, k: Any, v: Any) -> None:
        self.m[k] = v

    async def Delete(self, k: Any) -> None:
        self.m.pop(k, None)

    async def LoadOrStore(self, k: Any, v: Any) -> tuple:
        if k in self.m:
            return self.m[k], True
        self.m[k] = v
        return v, False

    async def Range(self, f: Any) -> None:
        for k, v in list(self.m.items()):
            if not await f(k, v):
                break


@V.go_api("New")
class Pool:
    """sync.Pool: Get hands back what Put kept last, else New's value (nil without New). No GC empties it
    here: the simulation never frees what a pool holds."""

    __slots__ = ("New", "items")
    _goname = "sync.Pool"

    def __init__(self) -> None:
        self.New: Any = None
        self.items: list = []

    async def Get(self) -> Any:
        """The value Put kept last, else New's (nil without New)."""
        if self.items:
            return self.items.pop()
        return await self.New() if self.New is not None else None

    async def Put(self, x: Any) -> None:
        """Keep ``x`` for a later Get (a nil is dropped, as Go drops it)."""
        if x is not None:
            self.items.append(x)

