"""Go's sync primitives on the simulated runtime: Mutex, RWMutex, WaitGroup, Cond.

A goroutine blocked on one of these parks like a channel operation does: it
waits in the primitive's FIFO queue, and whoever releases the primitive makes
it runnable again. Each primitive carries the fields the runtime's stranded
detection reads from a channel (``holders``, ``roots``, ``carriers``, an
empty ``buf``), so a goroutine blocked on a mutex that no goroutine able to
run can reach is stranded exactly as one blocked on such a channel is: this
is the rule Go's goroutineleak profile applies to ``sync`` waits.

The park reasons are the wait reasons of runtime/runtime2.go
(``sync.Mutex.Lock``, ``sync.RWMutex.RLock``, ``sync.RWMutex.Lock``,
``sync.WaitGroup.Wait``, ``sync.Cond.Wait``). The algorithms follow
sync/mutex.go and sync/rwmutex.go as they behave with GOMAXPROCS=1: a woken
Mutex waiter competes again and, when it loses, goes back to the front of the
queue; a writer announces itself so later readers queue behind it.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from .channel import Parking
from .errors import GoPanic
from .runtime import WAITABLE

if TYPE_CHECKING:
    from .runtime import Goroutine, Runtime

__all__ = ["Cond", "FatalError", "Mutex", "Primitive", "RWMutex", "WaitGroup"]

MUTEX_LOCK = "sync.Mutex.Lock"
RWMUTEX_RLOCK = "sync.RWMutex.RLock"
RWMUTEX_LOCK = "sync.RWMutex.Lock"
WAITGROUP_WAIT = "sync.WaitGroup.Wait"
COND_WAIT = "sync.Cond.Wait"


class FatalError(Exception):
    """A Go ``fatal error``: not a panic, not recoverable (e.g. unlock of unlocked mutex)."""


class Waiter(Parking):
    """One goroutine waiting in a primitive's queue; ``ch`` names the
    primitive, as a channel sudog's does, for the stranded detection."""

    __slots__ = ("g", "ch")

    def __init__(self, g: Goroutine, prim: Primitive) -> None:
        self.g = g
        self.ch = prim

    def send(self, value: object) -> None:
        """Resumed by the primitive: ``await`` returns ``value``."""
        raise StopIteration(value)


class _Done:
    """An operation that did not block."""

    __slots__ = ()

    def __await__(self):
        return self

    def __next__(self) -> None:
        raise StopIteration(None)


DONE = _Done()


class Primitive:
    """What the runtime's reachability tracking needs of anything a goroutine
    can park on (the same fields as ``Channel``)."""

    __slots__ = ("rt", "cid", "name", "cap", "buf", "holders", "roots", "carriers", "leaked",
                 "measured", "req", "key", "name_key", "waitq", "__weakref__")

    def __init__(self, rt: Runtime, name: str = "") -> None:
        self.rt = rt
        self.cid = rt.new_cid()  # from the channels' numbering: one order for every waitable
        self.name = name
        self.cap = 0
        self.buf = ()
        self.holders: set[Goroutine] = set()
        self.roots = 0
        self.carriers: list = []
        self.leaked = False
        self.measured = False
        self.req = -1
        self.key = (self.cid,)
        self.name_key = (name,)
        self.waitq: deque[Waiter] = deque()

    def _park(self, reason: str, front: bool = False, q: deque[Waiter] | None = None) -> Waiter:
        rt = self.rt
        g = rt.hold_current(self)
        w = Waiter(g, self)
        q = self.waitq if q is None else q
        if front:
            q.appendleft(w)
        else:
            q.append(w)
        rt.gopark(g, reason, [w], self.key, (False,), self.name_key)
        return w

    def _wake(self, w: Waiter, value: Any = True) -> None:
        # never None: resuming an await with None would restart it instead of ending it
        self.rt.goready(w.g, value, self)  # type: ignore[arg-type]

    def _touch(self) -> None:
        self.rt.hold_current(self)  # type: ignore[arg-type]


STARVE_NS = 1_000_000  # Go's starvationThresholdNs: a waiter kept out this long makes the mutex fair
_HANDOFF = "handoff"  # what a waiter is woken with when the unlock handed it the mutex


class Mutex(Primitive):
    """``sync.Mutex``: ``await m.lock()``; ``m.unlock()``. As Go's, in normal mode a woken waiter races
    newcomers for it; once a waiter has waited over 1 ms (virtual) the mutex starves: each unlock hands it
    to the first waiter and newcomers queue behind (mutex.go's starvation mode)."""

    __slots__ = ("locked", "holder", "starving")

    def __init__(self, rt: Runtime, name: str = "") -> None:
        super().__init__(rt, name)
        self.locked = False
        self.holder: Goroutine | None = None  # who took it (Go does not know; the views show it)
        self.starving = False

    def _take(self) -> None:
        self.locked = True
        self.holder = self.rt.current
        self.rt.emit("hold", self.cid, self.holder.gid if self.holder is not None else 0)

    async def lock(self, reason: str = MUTEX_LOCK) -> None:
        """Go's ``Mutex.Lock``: blocks (parks the goroutine) until the mutex is free, then holds it.

        ``reason`` is the wait reason shown while blocked."""
        self._touch()
        turn = self.rt.sync_turn()
        if turn is not None:  # an explored schedule: another goroutine may run first, as on another core
            await turn
        if not self.locked and not self.starving:
            self._take()
            return
        front = False
        since = self.rt.now
        while True:
            got = await self._park(reason, front)
            if got == _HANDOFF:  # the unlock made it ours (starvation mode)
                if self.rt.now - since < STARVE_NS or not self.waitq:
                    self.starving = False  # the last waiter, or one not kept out long: back to normal
                return
            if not self.locked and not self.starving:
                self._take()
                return
            if self.rt.now - since > STARVE_NS:
                self.starving = True
            front = True  # a woken waiter that lost the race queues LIFO, as lockSlow does

    def try_lock(self) -> bool:
        """Go's ``Mutex.TryLock``: take the mutex if free, never blocking; returns whether it did."""
        self._touch()
        if self.locked or self.starving:
            return False
        self._take()
        return True

    def unlock(self) -> None:
        """Go's ``Mutex.Unlock``: release and wake the first waiter; raises FatalError if not locked.
        Any goroutine may unlock, as in Go."""
        if not self.locked:
            raise FatalError("fatal error: sync: unlock of unlocked mutex")
        self.rt.emit("release", self.cid)
        if self.starving and self.waitq:  # hand it to the first waiter: it stays locked
            w = self.waitq.popleft()
            self.holder = w.g
            self.rt.emit("hold", self.cid, w.g.gid)
            self._wake(w, _HANDOFF)
            return
        self.locked = False
        self.holder = None
        if self.waitq:
            self._wake(self.waitq.popleft())


class RWMutex(Primitive):
    """``sync.RWMutex``. A writer first takes the writers' mutex ``w`` (so a
    second writer waits with ``sync.Mutex.Lock``, as in Go), then announces
    itself and waits for the active readers with ``sync.RWMutex.Lock``."""

    __slots__ = ("w", "readers", "writer", "pending", "readq", "writeq")

    def __init__(self, rt: Runtime, name: str = "") -> None:
        super().__init__(rt, name)
        self.w = Mutex(rt, name)
        self.readers = 0
        self.writer = False  # a writer holds the lock
        self.pending = False  # a writer announced itself (holds w)
        self.readq: deque[Waiter] = deque()
        self.writeq: deque[Waiter] = deque()

    async def rlock(self) -> None:
        """Go's ``RWMutex.RLock``: blocks while a writer holds or waits for the lock."""
        self._touch()
        turn = self.rt.sync_turn()
        if turn is not None:
            await turn
        if not self.pending:
            self.readers += 1
            return
        await self._park(RWMUTEX_RLOCK, q=self.readq)  # the unlocking writer counted us in

    def try_rlock(self) -> bool:
        """Go's ``RWMutex.TryRLock``: take a read lock unless a writer holds or waits; never blocks."""
        self._touch()
        if self.pending:
            return False
        self.readers += 1
        return True

    def runlock(self) -> None:
        """Go's ``RWMutex.RUnlock``: the last reader out hands over to a waiting writer.

        Raises FatalError when no read lock is held."""
        if self.readers <= 0:
            raise FatalError("fatal error: sync: RUnlock of unlocked RWMutex")
        self.readers -= 1
        if self.pending and self.readers == 0 and self.writeq:
            self.writer = True
            self._wake(self.writeq.popleft())

    async def lock(self) -> None:
        """Go's ``RWMutex.Lock``: blocks until other writers are done, then until the readers have left.

        New readers block from the moment a writer waits."""
        self._touch()
        await self.w.lock()
        self.pending = True
        if self.readers == 0:
            self.writer = True
            return
        await self._park(RWMUTEX_LOCK, q=self.writeq)

    def unlock(self) -> None:
        """Go's ``RWMutex.Unlock``: lets every blocked reader in at once; raises FatalError if not write-locked."""
        if not self.writer:
            raise FatalError("fatal error: sync: Unlock of unlocked RWMutex")
        self.writer = False
        self.pending = False
        while self.readq:  # every blocked reader gets in at once
            self.readers += 1
            self._wake(self.readq.popleft())
        self.w.unlock()


class WaitGroup(Primitive):
    """``sync.WaitGroup``."""

    __slots__ = ("count",)

    def __init__(self, rt: Runtime, name: str = "") -> None:
        super().__init__(rt, name)
        self.count = 0

    def add(self, n: int) -> None:
        """Go's ``WaitGroup.Add``: at zero, every waiter is woken; raises GoPanic if the counter goes negative."""
        self.count += n
        if self.count < 0:
            raise GoPanic("sync: negative WaitGroup counter")
        if self.count == 0:
            while self.waitq:
                self._wake(self.waitq.popleft())

    def done(self) -> None:
        """Go's ``WaitGroup.Done``: ``add(-1)``."""
        self.add(-1)

    def wait(self) -> Waiter | _Done:
        """Go's ``WaitGroup.Wait``: an awaitable that blocks until the counter is zero (at once if it is)."""
        self._touch()
        if self.count == 0:
            return DONE
        return self._park(WAITGROUP_WAIT)


class Cond(Primitive):
    """``sync.Cond`` over a Mutex or RWMutex (``L``)."""

    __slots__ = ("L",)

    def __init__(self, rt: Runtime, L: Any, name: str = "") -> None:
        super().__init__(rt, name)
        self.L = L

    async def wait(self) -> None:
        """Go's ``Cond.Wait``: unlock ``L``, block until signalled, then block again until ``L`` is re-locked."""
        self._touch()
        self.L.unlock()
        await self._park(COND_WAIT)
        await self.L.lock()

    def signal(self) -> None:
        """Go's ``Cond.Signal``: wake the longest waiter, if any."""
        if self.waitq:
            self._wake(self.waitq.popleft())

    def broadcast(self) -> None:
        """Go's ``Cond.Broadcast``: wake every waiter."""
        while self.waitq:
            self._wake(self.waitq.popleft())


WAITABLE.update((Mutex, RWMutex, WaitGroup, Cond))
