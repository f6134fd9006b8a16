"""Run a compiled Go program on the core runtime with Go's GOMAXPROCS=1 schedule.

``GoRuntime`` is the core ``Runtime`` with Go's run-queue order
(runtime/proc.go): a new or readied goroutine goes to ``runnext`` (pushing the
previous one to the tail of the local queue), ``runtime.Gosched`` puts the
caller on the global queue, and every 61st schedule looks at the global queue
first. With ``explore`` set, each scheduling decision is a seeded random pick
instead (among runnext and the local queue; the global queue, as Go's, once in
61 picks or when nothing else can run): the other schedules ``--runs`` tries.

``Helpers`` is the ``_h`` the generated module calls: channel operations,
builtins, and the standard library subset, which it takes from the registry
of golang/stdlib/ (a module per Go package, each name's signature next to
its implementation).

(About 1,500 lines: the scheduler, the language's helpers and Interp, one run of a program, all
sharing the goroutine bookkeeping (GInfo) that the leak walk and the traceback read.)
"""

from __future__ import annotations

import gc
import math
import random
import sys
import time as _time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from ..core import channel as _chan
from ..core import sync as _sync
from ..core.channel import Parking, Recv, Send
from ..core.runtime import _WOKE, FINISHED, RUNNABLE, SLEEPING, Goroutine, Runtime, holds_no_channels
from . import stdlib
from . import values as V
from .budget import DEFAULT as DEFAULT_BUDGETS
from .budget import BudgetExceeded, Budgets
from .compile import Program
from .panics import CHAN_REASONS, Goexit, OsExit, panic_value

MAIN_GOID = 1
# Go's code takes time: a goroutine's turn (a schedule, and what it runs before it next blocks or
# yields) costs the virtual clock this much, so timers fire while goroutines keep each other busy (a
# 1 ns AfterFunc races the code after it, a 200 ns Sleep ends before a hundred goroutines have all run)
SCHED_NS = 100
TIMER_SLACK_NS = 50_000  # Linux's default timer slack: how late a sleeping thread may wake
SLICE_NS = 10_000_000  # sysmon's forcePreemptNS: the time slice a chain of runnext goroutines shares
SLICE_SPINS = 0x4000  # loop iterations that use up a slice (Helpers.spin preempts the loop after them)
SETTLE_SLICES = 8  # after main returned: how many slices' worth of loop iterations the rest may still run
SWITCH_STEPS = 20  # a goroutine switch costs the interpreter about what 20 loop iterations do
FULL_GC_EVERY = 100  # young collections between full ones while a program runs (Python's default: 10)
DEFAULT_UNTIL = DEFAULT_BUDGETS.sim_ns  # simulated time limit when --until is not given
HTTP_FILE = "/leakviz-modelled/net/http/"
FIRST_USER_GOID = 7  # goroutines 2-6 are the runtime's own at start-up (forcegc, sweeper, scavenger, finalizers)



@dataclass
class GInfo:
    """What a Go traceback says about a goroutine besides its stack."""

    goid: int
    fn: Any
    creator: int = 0
    creator_fn: str = ""
    file: int = 0
    line: int = 0
    hidden: bool = False  # a helper of ours (a timer), not a goroutine of the program
    slot: int = 0
    parked_at: int = 0
    extra: dict = field(default_factory=dict)


class _Yield(Parking):
    __slots__ = ()

    def send(self, _value: object) -> None:
        raise StopIteration(None)


_YIELD = _Yield()


def _drop(_event: Any) -> None:
    pass


def _hold_nothing(_g: Any, _ch: Any) -> None:
    pass


@holds_no_channels
class GoRuntime(Runtime):
    """The core runtime with Go's scheduling order (see the module docstring)."""

    from_source = True

    def __init__(self, *, seed: int = 0, explore: bool = False, fifo: bool = False, trace: Any = None,
                 keep_trace: bool = True, core_reach: bool = True) -> None:
        super().__init__(seed=seed, trace=trace)
        if not keep_trace:  # nobody reads this run's events: keeping them would grow with every step
            self._emit_event = _drop
        # the core's channel reachability (detect_stranded) walks every value received: a run judged by
        # Go's rule alone (golang/leaks.py at its end) does without it
        self.core_reach = core_reach
        if not core_reach:  # nothing reads what a goroutine holds: its tuple grew (and was searched) op by op
            self.hold = _hold_nothing  # type: ignore[method-assign]
            self.hold_current = self._current_g  # type: ignore[method-assign]
        self.fifo = fifo  # the core's own FIFO order (the article's scenario), not Go's runnext
        self.runnext: Goroutine | None = None
        self.globq: deque[Goroutine] = deque()
        self.schedtick = 6  # schedules of the runtime's start-up goroutines before main.main (Go 1.27, GOMAXPROCS=1)
        self.slice_start = 0  # when the current time slice began (runnext inherits it)
        self.explore = explore
        self.srng = random.Random(seed * 7919 + 1)
        self.exc: dict[int, BaseException] = {}
        self.exit_code: int | None = None
        self.goexited: set[int] = set()  # goroutines ended by runtime.Goexit

    LOCAL_RUNQ = 256  # a P's local run queue (runtime2.go: runq [256]guintptr)

    def _put_next(self, g: Goroutine) -> None:
        old, self.runnext = self.runnext, g
        if old is not None:
            self._runqput(old)

    def _runqput(self, g: Goroutine) -> None:
        """runqput(pp, g, false): the local queue, or when it is full runqputslow: its first half
        and ``g`` move to the global queue."""
        q = self._runq
        if len(q) < self.LOCAL_RUNQ:
            q.append(g)
            return
        for _ in range(self.LOCAL_RUNQ // 2):
            self.globq.append(q.popleft())
        self.globq.append(g)

    def go_timer(self, coro: Any) -> Goroutine:
        """A timer's helper goroutine. In Go's order it runs at once, up to its sleep on the timer heap: Go's
        timers are not goroutines, and starting one never takes a place in a run queue (else a goroutine
        and a ticker readying each other through runnext would keep the new timer from ever starting)."""
        if self.fifo:
            return self.go(coro, role="timer")
        g = Runtime.go(self, coro, role="timer")
        self._runq.pop()
        self._run_inline(g)
        return g

    def _run_inline(self, g: Goroutine) -> None:
        """Run our helper ``g`` now, until it sleeps again or ends, even from inside a running goroutine."""
        saved = self.current
        try:
            self._run_one(g)
        finally:
            self.current = saved

    def go(self, coro, **kw) -> Goroutine:  # type: ignore[override]
        """Start a goroutine; in Go's order (not ``fifo``) it goes to ``runnext``, ahead of the run queue."""
        g = super().go(coro, **kw)
        if self.fifo:
            return g
        self._runq.pop()  # the base appended it; Go puts it in runnext
        self._put_next(g)
        return g

    _batch: list | None = None

    def close(self, ch: Any) -> None:
        """``close(ch)``. runtime.closechan collects the waiters on a stack and
        readies them from the last one queued: the first one queued ends up in runnext."""
        if self.fifo:
            _chan.close(ch)
            return
        self._batch = []
        try:
            _chan.close(ch)
        finally:
            batch, self._batch = self._batch, None
            for g, value, via in reversed(batch):
                self.goready(g, value, via)

    def goready(self, g: Goroutine, value: Any, via: Any = None) -> None:
        """Make ``g`` runnable with ``value``; in Go's order it takes ``runnext``. Batched while ``close`` wakes waiters."""
        if self._batch is not None:
            self._batch.append((g, value, via))
            return
        super().goready(g, value, via)
        if self.fifo:
            return
        self._runq.pop()
        self._put_next(g)

    def timer_due(self, g: Goroutine) -> None:
        """A timer of the time package (time.After, a Ticker, AfterFunc, a context's deadline) does its work
        right as it fires, as Go's timers run inside the scheduler: its channel is filled before a goroutine
        woken at the same instant runs (a select on time.After and a worker's time.Sleep ending together:
        the select times out, as in Go), also when the clock moves inside a goroutine preempted mid-loop
        (which runs on after it). Not in the article's FIFO runs."""
        if g.role != "timer" or self.fifo:
            super().timer_due(g)
            return
        self.emit("wake", g.gid)
        g.state = RUNNABLE
        g.resume = _WOKE
        self._run_inline(g)

    SYNC_TURN = 0.25  # how often an explored schedule lets others run before a lock is taken

    def sync_turn(self) -> Any:
        """In an explored schedule, now and then a turn for the others before a lock is taken: with one
        simulated core, an unlock followed by a lock in the same goroutine would otherwise never let a
        waiter in between (GoKer's Hugo3251 deadlocks only that way)."""
        if self.explore and self.srng.random() < self.SYNC_TURN:
            return self.gosched()
        return None

    def gosched(self) -> _Yield:
        """``runtime.Gosched``: the current goroutine goes to the global queue; await the result to yield."""
        g = self.getg()
        g.state = RUNNABLE
        g.resume = True  # not None: a None resumption would restart the await instead of ending it
        self.globq.append(g)
        self.emit("wake", g.gid)
        return _YIELD

    def _current_g(self, _ch: Any) -> Goroutine:
        return self.getg()

    def received(self, g: Goroutine, v: Any, via: Any) -> None:
        """The core's bookkeeping of channels carried in values, when its reachability is used."""
        if self.core_reach:
            super().received(g, v, via)

    def carry(self, carrier: Any, v: Any) -> None:
        """As ``received``: channels in a buffered value, for the core's reachability only."""
        if self.core_reach:
            super().carry(carrier, v)

    def detect_stranded(self) -> int:
        """The core's reachability, when used (else Go's rule judges at the end: 0 here)."""
        return super().detect_stranded() if self.core_reach else 0

    def next_g(self) -> Goroutine | None:
        """The goroutine to run next, as Go's scheduler picks it (every 61st schedule the global queue first).

        Each schedule takes ``SCHED_NS`` of the virtual clock, and timers due by then fire first, as
        Go's schedule() checks its timers. With ``explore``, a seeded random pick (``_explore_pick``).
        None when nothing is runnable."""
        if not self.fifo:
            self.now += SCHED_NS
            if self._timers and self._timers[0][0] <= self.now:
                self.fire_due()
        if self.gc_waiter is not None and self.now >= self.gc_end:
            self.end_gc()
        if self.next_first:
            # sysmon preempted a loop, or a GC cycle ended: what waits in runnext (readied by the loop, by a
            # timer due then, or the cycle's waiter) runs before the queues, explored schedule or not
            self.next_first = False
            if self.runnext is not None:
                g, self.runnext = self.runnext, None
                return g
        if self.explore:
            return self._explore_pick()
        # schedtick counts schedules that did not inherit the time slice of runnext (proc.go execute)
        if self.schedtick % 61 == 0 and self.globq:
            self.schedtick += 1
            self.slice_start = self.now
            return self.globq.popleft()
        if self.runnext is not None:
            if self.now - self.slice_start < SLICE_NS:
                g, self.runnext = self.runnext, None
                return g
            # goroutines readying each other through runnext have used up the slice they inherit: sysmon
            # preempts the chain to the global queue and the local queue gets its turn
            self.globq.append(self.runnext)
            self.runnext = None
        self.schedtick += 1
        self.slice_start = self.now
        if self._runq:
            return self._runq.popleft()
        if self.globq:  # globrunqget: up to half a local queue comes along
            g = self.globq.popleft()
            for _ in range(min(len(self.globq), self.LOCAL_RUNQ // 2 - 1)):
                self._runq.append(self.globq.popleft())
            return g
        return None

    def _explore_pick(self) -> Goroutine | None:
        """An explored schedule's pick: one seeded draw over runnext and the local queue. The global queue
        (runtime.Gosched's, and a full local queue's overflow) gets the draw as Go's schedule() looks at
        it: once in 61 schedules, or when nothing else is runnable. A goroutine that yielded waits as it
        does in Go, not one in however many are runnable."""
        n = self.runnext is not None
        local = n + len(self._runq)
        q = self._runq
        if self.globq and (not local or self.srng.random() < 1 / 61):
            q, i = self.globq, self.srng.randrange(len(self.globq))
        elif not local:
            return None
        else:
            i = self.srng.randrange(local)
            if i < n:
                g, self.runnext = self.runnext, None
                return g
            i -= n
        g = q[i]
        del q[i]
        return g

    def fire_timers(self) -> int:
        """Nothing can run: the clock moves to the next timer. In Go's order the idle thread wakes as Linux
        wakes it, up to its timer slack late, and every timer due by then fires in that one batch (in timer
        order): the clock stops at the last of them, never past it."""
        if self.fifo:
            return super().fire_timers()
        timers = self._timers
        if not timers:
            return 0
        last = timers[0][0] + TIMER_SLACK_NS
        batch = []
        while timers and timers[0][0] <= last:
            batch.append((timers[0][0], self.pop_timer()))
        self.now = max(self.now, batch[-1][0])
        self.slice_start = self.now  # an idle P's next goroutine starts a time slice of its own
        for _when, g in batch:
            if g.state == SLEEPING:  # not stopped by a timer of the batch that fired before it
                self.timer_due(g)
        return len(batch)

    def fire_due(self) -> None:
        """Ready every goroutine whose timer is due by now, in timer order (the clock stays where it is)."""
        timers = self._timers
        while timers and timers[0][0] <= self.now:
            self.timer_due(self.pop_timer())

    def runnable(self) -> int:
        """Runnable goroutines: local queue, global queue and ``runnext``."""
        return len(self._runq) + len(self.globq) + (self.runnext is not None)

    next_first = False  # the next pick is runnext's, before the queues (see next_g)
    gc_waiter: Goroutine | None = None  # the goroutine waiting for the GC cycle it started (start_gc)
    gc_end = 0

    def start_gc(self) -> None:
        """The current goroutine starts a GC cycle and yields until it ends (``gc_waiter`` cleared): nothing
        else runnable, a slice of the clock passed, or a goroutine used up a whole time slice (``end_gc``)."""
        self.gc_waiter, self.gc_end = self.getg(), self.now + SLICE_NS

    def end_gc(self) -> None:
        """The GC cycle is over: its waiter runs next, not behind the loops that kept the cycle going."""
        g, self.gc_waiter = self.gc_waiter, None
        if g is None or g.state != RUNNABLE:
            return
        for q in (self._runq, self.globq):
            if g in q:
                q.remove(g)
                break
        else:
            return  # running, or in runnext already
        if self.fifo:
            self._runq.appendleft(g)
        else:
            self._put_next(g)
            self.next_first = True

    def idle(self) -> bool:
        """True when the program panicked or exited, or nothing is runnable and no timer is pending."""
        return self.panic is not None or (not self.runnable() and not self._timers)

    def _panic(self, g: Goroutine, exc: BaseException) -> None:
        if isinstance(exc, Goexit):
            self.goexited.add(g.gid)
            self.emit("exit", g.gid)
            self._exit(g, FINISHED)
            return
        if isinstance(exc, OsExit):
            self.exit_code = exc.code
            self.panic = (g.gid, "exit")
            self._exit(g, FINISHED)
            return
        self.exc[g.gid] = exc
        super()._panic(g, exc)

    def gopark(self, g, op, waiting, cids, sends, names=()) -> None:  # type: ignore[override]
        """Park ``g`` as the core runtime does, and note the virtual time (ns) it parked at, for tracebacks."""
        super().gopark(g, op, waiting, cids, sends, names)
        self.parked_at[g.gid] = self.now

    parked_at: dict[int, int]


class PanicState:
    """A function with defers: the panic in flight (if any) and whether it was recovered."""

    __slots__ = ("exc", "recovered", "closing", "value")

    def __init__(self) -> None:
        self.exc: BaseException | None = None
        self.recovered = False
        self.closing = False
        self.value: Any = None

    def catch(self, e: BaseException) -> None:
        """Record the panic ``e`` in flight for the defers (and ``recover``).

        What is not a Go panic re-raises at once, defers not run: a closing coroutine,
        os.Exit, a budget, Ctrl+C, and the fatal errors (stack overflow, out of memory)."""
        if _not_a_panic(e):
            self.closing = True
            raise e
        self.exc = e
        self.value = panic_value(e)


_ONCE = (0,)


def _not_a_panic(e: BaseException) -> bool:
    return not isinstance(e, Exception) or isinstance(e, OsExit | RecursionError | MemoryError)


@holds_no_channels
class Helpers:
    """``_h`` in generated code. One per run.

    Its methods are the language itself: channel operations, builtins,
    pointers, indexing, type assertions. Go's standard library comes from the
    registry (golang/stdlib, ``stdlib.install``): a method ``<package>_<Name>``
    is Go's function ``package.Name`` (``strings_Contains`` is
    ``strings.Contains``), an attribute ``<package>_<Name>`` its constant or
    variable (``stdlib.init``), ``Mutex()``, ``Time(None)``... the zero values
    of its types; they behave as Go documents them, on the virtual clock
    (durations in ns)."""

    def __init__(self, interp: Interp) -> None:
        self.ip = interp
        self.rt: GoRuntime = interp.rt
        self.map_rng: random.Random | None = None
        self.copy = V.copy_value
        self.PtrArg = V.PtrArg
        self.StrArg = V.StrArg
        self.BytesArg = V.BytesArg
        self.TypedArg = V.TypedArg
        self.DurArg = V.DurArg
        self.fmt_wrap = V.fmt_wrap
        self.Send = Send
        self.Recv = Recv
        self.PanicState = PanicState
        self.recovering: list[PanicState] = []
        stdlib.init(self)

    # -- goroutines --

    spins = 0

    def spin(self) -> bool:
        """Count a loop iteration against the steps budget; True every 16384 (never in the article's FIFO runs)."""
        self.spins += 1
        if self.spins & (SLICE_SPINS - 1):
            return False
        if self.spins + self.ip.steps > self.ip.budgets.steps:
            self.ip.over_budget("steps", self.ip.budgets.steps)
        if self.ip.budgets.memory_bytes is not None:  # a live run: its loops are where memory grows
            self.rt.check_memory()
        return not self.rt.fifo

    def make_len(self, n: int) -> range:
        """The elements of ``make([]T, n)``: Go's panic for a negative length, the budget for a huge one."""
        if n < 0:
            raise V.PanicValue(V.RuntimeErrorValue("makeslice: len out of range"),
                               "runtime error: makeslice: len out of range")
        self.alloc(n)
        return range(n)

    def make_slice(self, n: int, zero: Any, cap: Any = None) -> Any:
        """Go's ``make([]T, n[, cap])``: ``n`` zero values of T (``zero()`` makes one), with room for ``cap``."""
        r = self.make_len(n)
        if cap is not None and cap != n:
            if cap < n:
                raise V.PanicValue(V.RuntimeErrorValue("makeslice: cap out of range"),
                                   "runtime error: makeslice: cap out of range")
            self.alloc(cap)
            return V.Slice(_zeros(zero, cap), 0, n, cap, zero)
        if not n:
            return []
        return _zeros(zero, len(r))

    def cat(self, a: str, b: str) -> str:
        """Go's string ``a + b``: a new string, checked against the allocation budget (1 byte a byte)."""
        if len(a) + len(b) > self.ip.budgets.alloc_bytes:
            self.ip.over_budget("alloc_bytes", self.ip.budgets.alloc_bytes)
        return a + b

    def alloc(self, n: int) -> None:
        """Check one allocation of ``n`` elements (8 bytes each, as a Go word) against the budget."""
        if n * 8 > self.ip.budgets.alloc_bytes:
            self.ip.over_budget("alloc_bytes", self.ip.budgets.alloc_bytes)

    def preempt(self) -> Any:
        """Preempt a spinning goroutine: let its 10 ms slice pass on the virtual clock (firing due timers), then yield.

        Returns the awaitable of ``GoRuntime.gosched``."""
        # A goroutine that spins has used its 10 ms slice: on the virtual clock that time passes too
        # (else a busy wait for a timer would never end), then it goes to the global queue.
        rt = self.rt
        nxt = rt.next_timer()
        if nxt is not None:
            step = min(nxt, rt.now + 10_000_000)
            if step > rt.now:
                rt.now = step
            if nxt <= rt.now:
                rt.fire_timers()
        rt.end_gc()  # a GC cycle under way has marked by the end of a whole slice
        rt.next_first = True
        return rt.gosched()

    f32 = staticmethod(V.f32)  # a float32 result or conversion, rounded

    @staticmethod
    def sized(bits: int, signed: bool) -> Any:
        """The type argument of a sized integer type: its zero (0), and ``wrap`` for the generic body's arithmetic."""
        return V.SizedType(bits, signed)

    @staticmethod
    def twrap(t: Any, v: Any) -> Any:
        """``v``, the result of arithmetic on a type parameter, wrapped when its argument ``t`` is a sized integer."""
        return t.wrap(v) if type(t) is V.SizedType else v

    @staticmethod
    def nozero() -> None:
        """The zero value of a type argument leakviz could not infer (nil)."""
        return None

    def inst(self, fn: Any, descs: tuple) -> Any:
        """A generic function with its type arguments (zero factories) bound: ``G[int]`` as a value."""
        async def bound(*args: Any) -> Any:
            return await fn(*descs, *args)
        bound.go_entry = fn  # type: ignore[attr-defined]
        return bound

    def bind(self, m: Any, recv: Any) -> Any:
        """A method value of a named non-struct type: ``x.M``."""
        async def bound(*args: Any) -> Any:
            return await m(recv, *args)
        bound.go_entry = m  # type: ignore[attr-defined]
        return bound

    @staticmethod
    def ptr_in_iface(v: Any, cls: type) -> Any:
        """A ``*T`` (T a struct) into an interface: itself, or for nil a ``NilPtr`` the interface holds."""
        return V.NilPtr(cls) if v is None else v

    def methods_arg(self, v: Any, t: str, methods: tuple, goname: str = "") -> Any:
        """A named non-struct value into an interface: it keeps its type's methods (V.MethodsArg)."""
        if type(v) in (V.MethodsArg, V.StrArg):
            return v
        return V.MethodsArg(v, t, [(attr, self.bind(m, v)) for attr, m in methods], goname)

    def with_methods(self, f: Any, methods: tuple) -> Any:
        """``T(f)`` for a named func type T with methods (http.HandlerFunc): still callable, and carrying
        T's methods, so that an interface holding it can call them."""
        if f is None:
            return None
        return V.FuncWithMethods(f.f if isinstance(f, V.FuncWithMethods) else f,
                                 [(go_attr, self.bind(m, f)) for go_attr, m in methods])

    def go(self, fn: Any, args: tuple, creator_fn: str, file: int, line: int) -> None:
        """Go's ``go fn(args)``, started from ``creator_fn`` at file index ``file``, ``line``; a nil fn panics."""
        if fn is None:
            raise V.PanicValue(None, "go of nil func value")
        self.ip.spawn(fn, args, creator_fn, file, line)

    # -- channels --

    def make_chan(self, n: int, zero: Any, name: str = "", dial: str = "") -> Any:
        """Go's ``make(chan T, n)``; ``zero`` is T's zero value; a set ``dial`` (``Interp.dials``) replaces
        ``n``. A negative ``n`` panics (makechan: size out of range)."""
        if dial:
            n = self.ip.dials.get(dial, n)
        if n < 0:
            raise V.PanicValue(V.RuntimeErrorValue("makechan: size out of range"),
                               "runtime error: makechan: size out of range")
        cur = self.rt.current
        return self.rt.make_chan(n, zero=zero, name=name, req=cur.req if cur is not None else -1)

    def send(self, ch: Any, v: Any) -> Any:
        """Go's ``ch <- v``: an awaitable that blocks until a receiver or buffer space takes ``v``.

        For ever on a nil channel; panics if the channel is or gets closed."""
        if ch is None:
            return self.rt.block_forever("chan send (nil chan)")
        return ch.send(v)

    def recv(self, ch: Any) -> Any:
        """Go's ``<-ch``: an awaitable of ``(value, ok)`` that blocks until a value or close (for ever on nil)."""
        if ch is None:
            return self.rt.block_forever("chan receive (nil chan)")
        return ch.recv()

    def select(self, cases: list, default: bool) -> Any:
        """Go's ``select`` over ``cases`` (Send/Recv): an awaitable that blocks until one is ready, unless ``default``."""
        return _chan.select(self.rt, *cases, default=default)

    def block(self, reason: str) -> Any:
        """An awaitable that parks the goroutine for ever, with wait reason ``reason`` (e.g. ``select {}``)."""
        return self.rt.block_forever(reason)

    def builtin_close(self, ch: Any) -> None:
        """Go's ``close(ch)``, waking the waiters in Go's order; panics on a nil or closed channel."""
        self.rt.close(ch)

    # -- builtins --

    def builtin_panic(self, v: Any) -> None:
        """Go's ``panic(v)``: raises PanicValue."""
        raise V.PanicValue(v, "")

    @staticmethod
    def range_continued(state: int) -> None:
        """Go's panic when an iterator calls yield again after its range loop's body returned false (state 1),
        after the loop ended (2) or after a panic left the body (3), or returns having swallowed that panic (4)."""
        msg = "range function " + {1: "continued iteration after function for loop body returned false",
                                   2: "continued iteration after whole loop exit",
                                   3: "continued iteration after loop body panic",
                                   4: "recovered a loop body panic and did not resume panicking"}[state]
        raise V.PanicValue(V.RuntimeErrorValue(msg), f"runtime error: {msg}")

    def builtin_recover(self) -> Any:
        """Go's ``recover()``: the panic value in flight when called from a deferred call, marking it recovered.

        None outside a deferred call, without a panic, after it was recovered, or for Goexit and fatal errors."""
        if not self.recovering:
            return None
        st = self.recovering[-1]
        if st.exc is None or st.recovered:
            return None
        if isinstance(st.exc, _sync.FatalError | Goexit):
            return None
        st.recovered = True
        return st.value

    async def run_defers(self, d: list, st: PanicState) -> None:
        """Run the deferred calls ``d`` last first; a panic in one replaces the one in flight.

        Re-raises the panic in flight afterwards unless one of them recovered it."""
        while d:
            fn, args = d.pop()
            self.recovering.append(st)
            try:
                r = fn(*args)
                if hasattr(r, "__await__"):
                    await r
            except BaseException as e:  # a panic in a deferred call replaces the one in flight
                if _not_a_panic(e):
                    raise
                st.exc = e
                st.value = panic_value(e)
                st.recovered = False
            finally:
                self.recovering.pop()
        if st.exc is not None and not st.recovered:
            raise st.exc

    def builtin_print(self, *args: Any) -> None:
        """Go's builtin ``print``: the arguments, unseparated, to stderr."""
        self.ip.write(2, "".join(_print_arg(a) for a in args))

    def builtin_println(self, *args: Any) -> None:
        """Go's builtin ``println``: the arguments, space-separated, to stderr."""
        self.ip.write(2, " ".join(_print_arg(a) for a in args) + "\n")

    def len_(self, x: Any) -> int:
        """Go's ``len``: 0 for nil, bytes for a string, buffered values for a channel."""
        if x is None:
            return 0
        if type(x) is str:
            return len(x.encode())
        if hasattr(x, "cid") and hasattr(x, "buf"):
            return len(x.buf)
        return len(x)

    def cap(self, x: Any) -> int:
        """Go's ``cap``: 0 for nil, a channel's buffer size, a slice's room in its array (a list's is its length)."""
        if x is None:
            return 0
        if hasattr(x, "cap"):
            return x.cap
        return len(x)

    def append(self, s: Any, elem: tuple, *vals: Any) -> Any:
        """Go's ``append(s, vals...)``: in place when the array has room (the slices sharing it see the
        new elements), else a new array of Go's grown capacity. ``elem`` is the element's (size in
        bytes, zero maker) as the compiler knows them."""
        return self._append(s, elem, vals)

    def extend(self, s: Any, elem: tuple, more: Any) -> Any:
        """Go's ``append(s, more...)``; a string appends its bytes."""
        if more is None:
            return s
        return self._append(s, elem, more.encode() if type(more) is str else list(more))

    def _append(self, s: Any, elem: tuple, vals: Any) -> Any:
        k = len(vals)
        if s is None:
            if not k:
                return None
            arr, off, n, cap = [], 0, 0, 0
        elif type(s) is V.Slice:
            arr, off, n, cap = s.arr, s.off, s.n, s.cap
        else:
            arr, off, n, cap = s, 0, len(s), len(s)
        if not k:
            return s
        if n + k <= cap:  # room in the shared array: Go writes there, and so must we
            arr[off + n:off + n + k] = vals
            return V.Slice(arr, off, n + k, cap, getattr(s, "zero", None) or elem[1])
        new_cap = V.grown_cap(cap, n + k, elem[0])
        self.alloc(new_cap)
        zero = getattr(s, "zero", None) or elem[1]
        new = arr[off:off + n]
        new.extend(vals)
        if new_cap == n + k:
            return new
        new.extend(_zeros(zero, new_cap - n - k))
        return V.Slice(new, 0, n + k, new_cap, zero)

    def copy_slice(self, dst: Any, src: Any) -> int:
        """Go's ``copy(dst, src)``: copies min(len) elements in place (overlapping as memmove does) and
        returns that count; a string source copies its bytes."""
        if dst is None or src is None:
            return 0
        if type(src) is str:
            src = src.encode()
        n = min(len(dst), len(src))
        if n:
            dst[:n] = src[:n]  # src[:n] is read whole before dst is written
        return n

    def delete(self, m: Any, k: Any) -> None:
        """Go's ``delete(m, k)``; a nil map or missing key is a no-op."""
        if m is not None:
            m.pop(k, None)

    def clear(self, m: Any) -> None:
        """Go's ``clear``: empties a map; sets every element of a slice to its zero value."""
        if m is not None:
            if type(m) is dict:
                m.clear()
            else:
                for i in range(len(m)):
                    m[i] = V.copy_value(type(m[i])()) if m[i] is not None and not isinstance(m[i], str) else m[i]

    def nn(self, x: Any) -> Any:
        """``x`` itself, or Go's nil pointer dereference panic when it is nil."""
        if x is None:
            raise V.PanicValue(V.RuntimeErrorValue("invalid memory address or nil pointer dereference"),
                               "runtime error: invalid memory address or nil pointer dereference\n"
                               "[signal SIGSEGV: segmentation violation]")
        return x

    def load(self, p: Any) -> Any:
        """Go's ``*p``: the value a pointer refers to; panics on nil."""
        self.nn(p)
        return p.v if isinstance(p, V.Box | FieldRef | IndexRef | GlobalRef) else p

    def store(self, p: Any, v: Any) -> None:
        """Go's ``*p = v``; a struct pointer gets every field copied; panics on nil."""
        self.nn(p)
        if isinstance(p, V.Box | FieldRef | IndexRef | GlobalRef):
            p.v = v
        elif isinstance(p, V.GoStruct):
            for f in p._fields:
                object.__setattr__(p, f, getattr(v, f))
        else:
            raise V.PanicValue(None, "unsupported store through pointer")

    def FieldRef(self, obj: Any, name: str) -> FieldRef:
        """Go's ``&obj.name`` for a non-struct field; panics if ``obj`` is nil."""
        return FieldRef(self.nn(obj), name)

    def IndexRef(self, obj: Any, i: Any) -> IndexRef:
        """Go's ``&obj[i]``."""
        return IndexRef(obj, i)

    def GlobalRef(self, g: dict, name: str) -> GlobalRef:
        """Go's ``&name`` for a package-level variable held in the dict ``g``."""
        return GlobalRef(g, name)

    def idiv(self, a: int, b: int) -> Any:
        """Go's ``a / b``: truncated toward zero for ints (panics on zero divisor), true division for floats."""
        if isinstance(a, float) or isinstance(b, float):
            return self.fdiv(a, b)
        if b == 0:
            raise V.PanicValue(V.RuntimeErrorValue("integer divide by zero"), "runtime error: integer divide by zero")
        q = abs(a) // abs(b)
        if q == 1 << 63 and (a >= 0) == (b >= 0):
            return -q  # MinInt64 / -1 overflows back to MinInt64, as in Go
        return q if (a >= 0) == (b >= 0) else -q

    @staticmethod
    def w64(v: Any) -> Any:
        """An int product wrapped to 64 bits (a float, where the compiler could not tell, unchanged)."""
        if type(v) is int and not -0x8000000000000000 <= v <= 0x7FFFFFFFFFFFFFFF:
            return ((v + 0x8000000000000000) & 0xFFFFFFFFFFFFFFFF) - 0x8000000000000000
        return v

    def div(self, a: Any, b: Any) -> Any:
        """Go's ``/`` when either side may be float: ``idiv`` for two ints, else float division."""
        if type(a) is int and type(b) is int:
            return self.idiv(a, b)
        return self.fdiv(a, b)

    @staticmethod
    def fdiv(a: float, b: float) -> float:
        """Go's float ``a / b``: by zero, ±Inf (the signs of both sides) or NaN (0/0), never a panic."""
        try:
            return a / b
        except ZeroDivisionError:
            if a != a or a == 0:
                return math.nan
            return math.copysign(math.inf, a) * math.copysign(1.0, b)

    def imod(self, a: int, b: int) -> int:
        """Go's ``a % b`` (the sign of ``a``); panics on a zero divisor."""
        if b == 0:
            raise V.PanicValue(V.RuntimeErrorValue("integer divide by zero"), "runtime error: integer divide by zero")
        return a - b * self.idiv(a, b)

    def index(self, x: Any, i: int) -> Any:
        """Go's ``x[i]``: a map's value (None if missing), a string's byte, a slice's element; panics out of range."""
        if type(x) is dict:
            return x.get(i)
        if type(x) is str and not x.isascii():
            x = x.encode()  # a string's length and index are in bytes, as in Go
        n = 0 if x is None else len(x)
        if not 0 <= i < n:
            raise V.PanicValue(V.RuntimeErrorValue(f"index out of range [{i}] with length {n}"),
                               f"runtime error: index out of range [{i}] with length {n}")
        if type(x) is str:
            return ord(x[i])
        return x[i]

    def setidx(self, x: Any, i: Any, v: Any) -> None:
        """Go's ``x[i] = v``; panics on a nil map or an index out of range."""
        if x is None:
            raise V.PanicValue(V.GoError("assignment to entry in nil map"), "assignment to entry in nil map")
        if type(x) is dict:
            x[i] = v
            return
        if not 0 <= i < len(x):
            raise V.PanicValue(V.RuntimeErrorValue(f"index out of range [{i}] with length {len(x)}"),
                               f"runtime error: index out of range [{i}] with length {len(x)}")
        x[i] = v

    def mapget(self, m: Any, k: Any, zero: Any) -> Any:
        """Go's ``m[k]``: the zero value (``zero()``) when missing or the map is nil."""
        if m is None or k not in m:
            return zero()
        return m[k]

    def mapget2(self, m: Any, k: Any, zero: Any) -> tuple:
        """Go's ``v, ok := m[k]``."""
        if m is None or k not in m:
            return zero(), False
        return m[k], True

    def _map_order(self, m: dict) -> list:
        """The keys of ``m`` in the order one ``range`` visits them. Go randomises it on every range
        statement; leakviz keeps insertion order on Go's own schedule (seed 0, so runs are stable) and
        shuffles it, seeded, on every explored one, where an order-dependent leak shows."""
        keys = list(m)
        if self.ip.rt.explore and len(keys) > 1:
            if self.map_rng is None:
                self.map_rng = random.Random(self.ip.seed * 104729 + 17)
            self.map_rng.shuffle(keys)
        return keys

    def map_items(self, m: Any) -> Any:
        """The (key, value) pairs to range over (none for a nil map). An entry deleted before it is reached
        is not produced, as in Go; one added during the range is not either (Go may or may not)."""
        if not m:
            return
        for k in self._map_order(m):
            if k in m:
                yield k, m[k]

    def map_keys(self, m: Any) -> Any:
        """The keys to range over (none for a nil map), deleted ones left out as in map_items."""
        if not m:
            return
        for k in self._map_order(m):
            if k in m:
                yield k

    def str_items(self, s: str) -> list:
        """``for i, r := range s``: (byte offset, rune) pairs."""
        out = []
        i = 0
        for ch in s:
            out.append((i, ord(ch)))
            i += len(ch.encode())
        return out

    async def range_any(self, x: Any, n: int) -> Any:
        """``for ... range x`` when the compiler could not tell x's type."""
        if isinstance(x, _chan.Channel) or (x is None and n == 1):
            while True:
                v, ok = await self.recv(x)
                if not ok:
                    return
                yield v
        if type(x) is int:
            items: Any = range(x)
        elif type(x) is dict:
            items = self.map_items(x) if n > 1 else self.map_keys(x)
        elif type(x) is str:
            items = self.str_items(x) if n > 1 else [i for i, _ in self.str_items(x)]
        elif x is None:
            items = []
        else:
            items = list(enumerate(x)) if n > 1 else range(len(x))
        for it in items:
            yield it

    def slice(self, x: Any, lo: Any, hi: Any, mx: Any = None) -> Any:
        """Go's ``x[lo:hi]`` and ``x[lo:hi:max]`` (lo and hi may be None): a string's bytes; for a slice
        or an array a window on the same array, up to its capacity. Panics as Go does out of range."""
        if type(x) is str:
            n = len(x.encode())
            lo = 0 if lo is None else lo
            hi = n if hi is None else hi
            _check_bounds(lo, hi, None, n, "length")
            return x.encode()[lo:hi].decode(errors="replace")
        if x is None:
            arr, off, n, cap, zero = [], 0, 0, 0, None
        elif type(x) is V.Slice:
            arr, off, n, cap, zero = x.arr, x.off, x.n, x.cap, x.zero
        else:
            arr, off, n, cap, zero = x, 0, len(x), len(x), None
        lo = 0 if lo is None else lo
        hi = n if hi is None else hi
        _check_bounds(lo, hi, mx, cap, "capacity")
        if mx is not None:
            cap = mx
        if x is None and hi == 0:
            return None
        if off + lo == 0 and hi == cap == len(arr):
            return arr  # the whole array: the list itself, shared
        return V.Slice(arr, off + lo, hi - lo, cap - lo, zero)

    @staticmethod
    def or_empty(x: Any, empty: Any) -> Any:
        """A nil slice or map handed to an interface: printed empty, as Go prints it."""
        return empty if x is None else x

    def to_string(self, x: Any) -> str:
        """Go's ``string(x)``: a rune or a byte slice to a string; anything else unchanged."""
        if type(x) is int:
            return chr(x)
        if type(x) is list or type(x) is V.Slice:
            return bytes(x).decode(errors="replace")
        if x is None:  # a nil byte slice
            return ""
        return x

    @staticmethod
    def to_runes(s: str) -> list:
        """Go's ``[]rune(s)``: the code points."""
        return [ord(c) for c in s]

    @staticmethod
    def runes_to_string(rs: Any) -> str:
        """Go's ``string(runes)``: each code point as a character (an invalid one as U+FFFD)."""
        return "".join(chr(r) if 0 <= r <= 0x10FFFF and not 0xD800 <= r <= 0xDFFF else "\ufffd" for r in rs or ())

    def to_bytes(self, x: Any) -> Any:
        """Go's ``[]byte(s)``: a string's UTF-8 bytes as a list."""
        return list(x.encode()) if type(x) is str else x

    def is_type(self, v: Any, spec: Any) -> bool:
        """Whether ``v`` has the Go type ``spec`` (a class, a basic type name, or an iface/named/slice/... tuple).

        Interfaces are matched by method names, as Go's structural typing does."""
        if spec is None:
            return v is None
        if isinstance(spec, type):
            return type(v) is spec or (type(v) is V.NilPtr and v.cls is spec)
        if type(spec) is str:
            return {"int": type(v) is int, "string": type(v) is str, "bool": type(v) is bool,
                    "float64": type(v) is float, "float32": type(v) is V.F32, "error": v is not None and hasattr(v, "Error"),
                    "duration": type(v) is V.DurArg, "any": True}.get(spec, False)
        if spec[0] == "iface":
            if v is None:
                return False
            names = spec[1:]
            if names == ("error",):
                return hasattr(v, "Error")
            if names in (("any",), ("context.Context",)):
                return names == ("any",) or hasattr(v, "Done")
            return all(hasattr(v, n) for n in names if isinstance(n, str))
        if spec[0] == "named":
            if type(v) in (V.StrArg, V.MethodsArg):  # a named type's value that kept its methods in an interface
                return v.t == spec[1]
            return spec[3] is not None and type(v) is not V.DurArg and self.is_type(v, spec[3])
        if spec[0] == "ext":
            return getattr(type(v), "_goname", None) == spec[1]
        return {"slice": V.is_slice(v), "map": type(v) is dict, "chan": hasattr(v, "sendq"),
                "func": callable(v)}.get(spec[0], False)

    def assert_(self, v: Any, spec: Any, want: str | None = None) -> Any:
        """Go's ``v.(T)``: ``v`` if it has type ``spec``, else the interface conversion panic (``want``: T as
        Go spells it, where the spec cannot tell: a pointer to a struct)."""
        if not self.is_type(v, spec):
            if want is None:
                want = getattr(spec, "_goname", spec.__name__) if isinstance(spec, type) else _spec_text(spec)
            has = "nil" if v is None else V.type_name(v)
            raise V.PanicValue(V.RuntimeErrorValue(f"interface conversion: interface {{}} is {has}, "
                                                   f"not {want}", prefix=""),
                               f"interface conversion: interface {{}} is {has}, not {want}")
        return self.unwrap(v, spec)

    def assert2(self, v: Any, spec: Any, zero: Any) -> tuple:
        """Go's ``v, ok := x.(T)``: ``(zero(), False)`` when the type does not match."""
        return (self.unwrap(v, spec), True) if self.is_type(v, spec) else (zero(), False)

    @staticmethod
    def unwrap(v: Any, spec: Any = None) -> Any:
        """The plain value of a duration or a named type's value that an interface held (``v.(T)`` to a
        concrete T); as it is for an interface type T, which keeps the methods."""
        if type(spec) is tuple and spec[0] == "iface":
            return v
        t = type(v)
        if t is V.DurArg:
            return v.d
        if t is V.StrArg or t is V.MethodsArg:
            return v.v
        if t is V.NilPtr:
            return None
        return v


stdlib.install(Helpers)  # every pkg_Name of the registry (golang/stdlib) is a method of _h


def _spec_text(spec: Any) -> str:
    """A run-time type spec as Go names the type: ``int``, ``interface { M() }``, a named type's name."""
    if type(spec) is str:
        return spec
    if type(spec) is tuple and spec and spec[0] == "iface":
        names = [V.unmangle(n, "g") or n for n in spec[1:] if type(n) is str]
        if names in (["error"], ["any"], ["context.Context"]):
            return names[0]
        return "interface { " + "; ".join(f"{n}()" for n in names) + " }"
    if type(spec) is tuple and spec and spec[0] == "named":
        return str(spec[4] if len(spec) > 4 else spec[1])  # its Go name: main.T
    if type(spec) is tuple and spec:
        return str(spec[0])
    return str(spec)


def _cut_rune(b: bytes) -> int:
    """How many bytes at the end of ``b`` begin a UTF-8 rune that they do not finish (0 to 3)."""
    for k in range(1, min(3, len(b)) + 1):
        c = b[-k]
        if c < 0x80:
            return 0
        if c >= 0xC0:  # the rune's first byte: does it want more than the k bytes there are?
            want = 2 if c < 0xE0 else 3 if c < 0xF0 else 4
            tail = b[-k:]
            if want > k and any((tail + bytes([fill]) * (want - k)).decode(errors="replace")[:1] != "\ufffd"
                                 for fill in (0x80, 0xBF)):  # its bytes so far could start a rune
                return k
            return 0
    return 0


def _print_arg(a: Any) -> str:
    if a is True:
        return "true"
    if a is False:
        return "false"
    if a is None:
        return "nil"
    if isinstance(a, float):  # float64 or float32 (values.F32): since Go 1.25 as fmt's %v prints it
        return V.fmt_float(a)
    if type(a) in (int, str):
        return str(a)
    return "0xc000" + format(id(a) & 0xFFFFFF, "06x")


class FieldRef:
    """``&s.f`` for a non-struct field."""

    __slots__ = ("obj", "name")

    def __init__(self, obj: Any, name: str) -> None:
        self.obj = obj
        self.name = name

    @property
    def v(self) -> Any:
        """The field's current value; assigning sets it (``*p = x``)."""
        return getattr(self.obj, self.name)

    @v.setter
    def v(self, val: Any) -> None:
        object.__setattr__(self.obj, self.name, val)


class IndexRef:
    """``&a[i]``."""

    __slots__ = ("obj", "i")

    def __init__(self, obj: Any, i: Any) -> None:
        self.obj = obj
        self.i = i

    @property
    def v(self) -> Any:
        """The element's current value; assigning sets it (``*p = x``)."""
        return self.obj[self.i]

    @v.setter
    def v(self, val: Any) -> None:
        self.obj[self.i] = val


class GlobalRef:
    """``&g`` for a package-level variable of a non-struct type."""

    __slots__ = ("g", "name")

    def __init__(self, g: dict, name: str) -> None:
        self.g = g
        self.name = name

    @property
    def v(self) -> Any:
        """The variable's current value; assigning sets it (``*p = x``)."""
        return self.g[self.name]

    @v.setter
    def v(self, val: Any) -> None:
        self.g[self.name] = val


@dataclass
class RunResult:
    """One run of a program."""

    seed: int
    stdout: str
    stderr: str
    exit_code: int
    leaked: list[dict]
    started: int
    sim_ns: int
    deadlock: bool
    panicked: bool
    note: str = ""
    # blocked when the program ended with nothing left to run, yet not in Go's profile (``leaked``): what
    # they wait on is still reachable; with ``leaked`` they are the goroutines that can never continue
    blocked: list[dict] = field(default_factory=list)


@holds_no_channels
class Interp:
    """One run of a compiled program."""

    def __init__(self, prog: Program, *, seed: int = 0, explore: bool = False, entry: str = "main",
                 out: Any = None, err: Any = None, rt: GoRuntime | None = None,
                 budgets: Budgets = DEFAULT_BUDGETS, env: dict[str, str] | None = None,
                 traffic: Any = None) -> None:
        self.prog = prog
        self.traffic = traffic  # golang.traffic.Traffic: what a simulated server serves
        self.traffic_served = False
        self.dials: dict[str, int] = {}  # capacity:<variable>:<line> -> the capacity its make uses instead
        self.env = dict(env or {})
        self.budgets = budgets
        self.steps = 0
        self.kept = 0  # bytes of output kept
        self.cut_rune = {1: b"", 2: b""}  # the first bytes of a rune a byte write to stdout or stderr cut in two
        self.seed = seed
        self.rt = rt if rt is not None else GoRuntime(seed=seed, explore=explore, keep_trace=False, core_reach=False)
        self.rt.parked_at = {}
        self.info: dict[int, GInfo] = {}
        self.next_goid = FIRST_USER_GOID
        self.slots: list[int | None] = []
        self.free_slots: list[int] = []
        self.global_free: list[int] = []
        self.entry = entry
        # leakviz test: os.Exit from TestMain ends the run as main's return does, after what was runnable
        # ran (goleak's VerifyTestMain retries the same way), so a test's leaks are judged settled
        self.settle_on_exit = False
        # leakviz test: after the test, simulated time runs on this long for its goroutines to finish or
        # block, as goleak's VerifyNone retries for a while before it reports
        self.settle_ns = 0
        self.out_parts: list[str] = []
        self.err_parts: list[str] = []
        self.out_stream = out
        self.err_stream = err
        self.h = Helpers(self)
        # The generated module sees only these names and these builtins: every Go name in it is
        # mangled (values.py_name), every string is in _K, so nothing in it can name anything else.
        self.ns: dict[str, Any] = {"__builtins__": SAFE_BUILTINS, "_h": self.h, "_GoStruct": V.GoStruct,
                                   "_Box": V.Box, "_NO": _NO, "_ONCE": _ONCE, "_K": prog.consts,
                                   "__name__": "gomain"}
        self.ns["_G"] = self.ns
        self.ns["_nn"] = self.h.nn  # every field access and method call: one global, no attribute look-up
        exec(prog.code, self.ns)
        self.main_g: Goroutine | None = None
        self.leaks_at_end: set[int] = set()
        self.blocked_at_end: set[int] = set()

    muted = False
    gc_started = False

    def first_gc(self) -> None:
        """The first GC starts the mark worker (one per P): it takes the next goroutine id."""
        if not self.gc_started:
            self.gc_started = True
            self.next_goid += 1
            self.gc_worker_slot = self._slot(-1)  # a system goroutine: holds a g for good, never printed

    def write(self, fd: int, s: str) -> None:
        """Write ``s`` to the program's stdout (``fd`` 1) or stderr (2), kept and streamed; fd 0 (io.Discard) drops it.

        Nothing is written once the run is muted (after main returned)."""
        if self.muted:
            return
        if fd in (1, 2) and self.cut_rune[fd]:  # a rune never finished: what is there is not UTF-8
            s = self.cut_rune[fd].decode(errors="replace") + s
            self.cut_rune[fd] = b""
        if fd in (1, 2):
            self.kept += len(s)
            if self.kept > self.budgets.output_bytes:
                self.over_budget("output_bytes", self.budgets.output_bytes)
        if fd == 1:
            self.out_parts.append(s)
            if self.out_stream is not None:
                self.out_stream.write(s)
        elif fd == 2:
            self.err_parts.append(s)
            if self.err_stream is not None:
                self.err_stream.write(s)

    def write_bytes(self, fd: int, b: bytes) -> None:
        """Write the bytes ``b`` (an io.Writer's Write) as ``write`` does; a rune cut at the end of ``b`` waits
        for its other bytes in the next write, as a terminal shows the bytes of two writes as one text."""
        if fd not in (1, 2):
            return
        b = self.cut_rune[fd] + b
        self.cut_rune[fd] = b""
        keep = _cut_rune(b)
        text = b[:len(b) - keep].decode(errors="replace")
        if text:
            self.write(fd, text)
        if keep and not self.muted:
            self.cut_rune[fd] = b[len(b) - keep:]

    # -- goroutines --

    # Dead goroutines' g structs are reused, which decides where a new goroutine prints in a dump
    # (allgs order). proc.go gfput/gfget: a P keeps up to 64 free gs (a stack); at 64 it moves
    # all but 31 to the global list, and refills 32 from it when empty.
    def _slot(self, gid: int) -> int:
        free, glob = self.free_slots, self.global_free
        if not free and glob:
            while len(free) < 32 and glob:
                free.append(glob.pop(0))
        if free:
            s = free.pop()
            self.slots[s] = gid
            return s
        self.slots.append(gid)
        return len(self.slots) - 1

    role = ""  # what goroutines started by the program are called in the trace
    site_role: Any = None  # (file, line, goid) -> role: name each goroutine by its go statement instead
    next_req = -1  # the request the next goroutine started serves (the modelled net/http announces it)

    def spawn(self, fn: Any, args: tuple, creator_fn: str, file: int, line: int, goid: int | None = None) -> Goroutine:
        """Start ``fn(*args)`` as a program goroutine with the next goroutine id, recording its creator for tracebacks.

        ``creator_fn``, ``file`` (index into the program's files) and ``line`` say
        where the ``go`` statement was. Reuses a dead goroutine's slot as Go reuses gs."""
        cur = self.rt.current
        if len(self.rt.goroutines) >= self.budgets.goroutines:
            self.over_budget("goroutines", self.budgets.goroutines)
        role = self.role if self.site_role is None else self.site_role(file, line, goid)
        req = getattr(self, "req", -1)
        if self.site_role is not None:  # a live run: a request's goroutines, and what they start, are its own
            if self.next_req >= 0:
                req, self.next_req, role = self.next_req, -1, "handler"
            elif cur is not None and cur.req >= 0:
                req = cur.req
        g = self.rt.go(_gomain(fn, args), role=role, req=req,
                       idx=args[0] if self.role and args and type(args[0]) is int else -1)
        if goid is None:
            goid = self.next_goid
            self.next_goid += 1
        creator = self.info[cur.gid].goid if cur is not None and cur.gid in self.info else 0
        self.info[g.gid] = GInfo(goid, fn, creator, creator_fn, file, line, slot=self._slot(g.gid))
        return g

    def spawn_hidden(self, coro: Any) -> Goroutine:
        """Start a helper goroutine of ours (a timer) that is not the program's: no id, never printed."""
        g = self.rt.go_timer(coro)
        self.info[g.gid] = GInfo(0, None, hidden=True)
        return g

    def _release(self, g: Goroutine) -> None:
        inf = self.info.get(g.gid)
        if inf is not None and inf.hidden:  # a timer's helper: nothing prints it once it is gone
            del self.info[g.gid]
        elif inf is not None:
            self.slots[inf.slot] = None
            free = self.free_slots
            free.append(inf.slot)
            if len(free) >= 64:
                popped = []
                while len(free) >= 32:
                    popped.append(free.pop())
                self.global_free[0:0] = popped[::-1]

    def over_budget(self, what: str, limit: int, g: Goroutine | None = None) -> None:
        """Stop the run: raise BudgetExceeded naming ``what``, at the Go line running now (or where ``g`` stopped)."""
        fi, line = self.go_line_of(sys._getframe(1))
        where = f"{self.prog.files[fi]}:{line}" if line else ""
        if not line and g is not None:
            from .dump import go_frames
            top = [f for f in go_frames(self, g, None) if f[0].startswith("main.")]
            where = f"{top[0][1]}:{top[0][2]}" if top else ""
        raise BudgetExceeded(what, limit, where)

    def go_line_of(self, frame: Any) -> tuple[int, int]:
        """The Go (file index, line) that the innermost compiled frame from ``frame`` is executing; ``(0, 0)`` if none."""
        f = frame
        while f is not None:
            if f.f_code.co_name in self.prog.funcs:
                li = self.prog.lines.get(f.f_lineno)
                if li is not None:
                    return li[0], li[1]
            f = f.f_back
        return 0, 0

    # -- running --

    def start(self, call: tuple | None = None) -> None:
        """Start the main goroutine: package init, then the entry function (or ``call``, leakviz test's
        (Python name of a test function, its arguments)). Nothing runs yet. Raises KeyError for an unknown
        entry function."""
        rt = self.rt
        if call is not None:
            fn, args = self.ns[call[0]], call[1]
            test_fn = fn

            async def entry() -> None:
                await test_fn(*args)
        else:
            entry = self.ns.get(self.prog.decls.get(self.entry, ""), None)
        if entry is None:
            raise KeyError(self.entry)
        inits = self.ns["INITS"]

        async def main_body() -> None:
            await self.ns["_ginit"]()
            for f in inits:
                await f()
            await entry()

        self.main_g = self.spawn(_named_entry(main_body, entry), (), "", 0, 0, goid=MAIN_GOID)
        if any(f.startswith(HTTP_FILE) for f in self.prog.files):
            # net/http's init (net/netip's unique handles) starts the unique package's cleanup goroutine:
            # a system goroutine that takes the next id and a g for good, never printed
            self.next_goid += 1
            self._slot(-1)
        self.limit_hit = ""
        rt_exit = rt._exit

        def on_exit(g: Goroutine, state: str) -> None:
            self._release(g)
            rt_exit(g, state)
        rt._exit = on_exit  # type: ignore[method-assign]

    def main_running(self) -> bool:
        """True until main returns (or panics); main ended by runtime.Goexit does not end the program (proc.go)."""
        g = self.main_g
        return g is not None and (g.state not in (FINISHED, "panicked") or g.gid in self.rt.goexited)

    def count_step(self, g: Goroutine) -> None:
        """Charge one goroutine switch to the step budget (BudgetExceeded past it)."""
        self.steps += SWITCH_STEPS
        if self.steps + self.h.spins > self.budgets.steps:
            self.over_budget("steps", self.budgets.steps, g)

    def run(self, until: int | None = None, call: tuple | None = None) -> RunResult:
        """Run the entry function (after package init) until main returns, a panic, a deadlock or a limit.

        ``until`` is the virtual-time limit in ns (default one hour); the
        other budgets (``Budgets``) raise BudgetExceeded. After main returns, what was runnable runs on
        (output dropped) before the leak check. Raises KeyError for an unknown
        entry function."""
        rt = self.rt
        self.start(call)
        deadlock = False
        if until is None:
            until = DEFAULT_UNTIL
        t0 = _time.perf_counter()
        # Full collections walk every goroutine the program keeps (10,000 alive walked 8 times cost GoKer's
        # Moby27782 2 s of 6): fewer of them; the young generations still free cycles as soon as ever.
        thresholds = gc.get_threshold()
        gc.set_threshold(thresholds[0], thresholds[1], max(thresholds[2], FULL_GC_EVERY))
        try:
            while rt.panic is None and self.main_running():
                g = rt.next_g()
                if g is None:
                    rt.detect_stranded()
                    nxt = rt.next_timer()
                    if nxt is None:
                        deadlock = True
                        break
                    if until is not None and nxt > until:
                        rt.now = max(rt.now, until)
                        self.limit_hit = f"stopped at the simulated time limit ({until / 1e9:g} s)"
                        break
                    rt.fire_timers()
                    continue
                rt._run_one(g)
                self.count_step(g)
        finally:
            del rt._exit
            gc.set_threshold(*thresholds)
        self.finish(deadlock)
        self.wall = _time.perf_counter() - t0
        return self.result(deadlock)

    def finish(self, deadlock: bool) -> None:
        """The program ended: unless it panicked, deadlocked or hit a limit, what was runnable runs on
        (muted: Go exits with main; this only lets what is stuck be judged) for at most 100,000 schedules
        and SETTLE_SLICES slices of loop iterations, then Go's leak rule marks ``leaks_at_end``."""
        rt = self.rt
        exited = rt.panic if self.settle_on_exit and rt.panic is not None and rt.panic[1] == "exit" else None
        if exited is not None:
            rt.panic = None
        if rt.panic is None and not deadlock and not self.limit_hit:
            self.out_stream = self.err_stream = None
            self.muted = True
            steps = 0
            horizon = rt.now + self.settle_ns
            # what is about to block gets there; loops that never block have their few slices and no more
            spin_end = self.h.spins + SETTLE_SLICES * SLICE_SPINS
            while rt.panic is None and steps < 100_000 and self.h.spins < spin_end:
                g = rt.next_g()
                if g is None:
                    nxt = rt.next_timer() if self.settle_ns else None
                    if nxt is None or nxt > horizon:
                        break
                    rt.fire_timers()
                    continue
                rt._run_one(g)
                steps += 1
        if exited is not None and rt.panic is None:
            rt.panic = exited
        from .leaks import find_leaks, never_continue
        if rt.panic is None or rt.panic[1] == "exit":
            self.leaks_at_end = find_leaks(self, None)
            self.blocked_at_end = never_continue(self, self.leaks_at_end) - self.leaks_at_end

    def result(self, deadlock: bool) -> RunResult:
        """The RunResult: output, exit code (2 for a panic or a deadlock, whose Go text goes to stderr) and the leaks."""
        rt = self.rt
        leaked = []
        for gid in sorted(self.leaks_at_end, key=lambda x: self.info[x].goid):
            leaked.append(self.describe(gid))
        code = 0
        panicked = False
        if rt.exit_code is not None:
            code = rt.exit_code
        elif rt.panic is not None:
            panicked = True
            code = 2
            from .dump import panic_text
            self.write(2, panic_text(self, rt.panic[0]))
        elif deadlock:
            from .dump import deadlock_text
            alive = any(i.goid != MAIN_GOID and not i.hidden and gid in rt.goroutines for gid, i in self.info.items())
            if self.main_g is not None and self.main_g.gid in rt.goexited and not alive:
                self.write(2, "fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n")
            else:
                self.write(2, deadlock_text(self))
            code = 2
        started = sum(1 for i in self.info.values() if not i.hidden and i.goid != MAIN_GOID)
        blocked = [self.describe(gid) for gid in sorted(self.blocked_at_end, key=lambda x: self.info[x].goid)]
        return RunResult(self.seed, "".join(self.out_parts), "".join(self.err_parts), code, leaked, started,
                         rt.now, deadlock, panicked, getattr(self, "limit_hit", ""), blocked)

    def describe(self, gid: int) -> dict:
        """One goroutine as a JSON-ready dict: id, top function, wait reason, file:line, creator, creation site, seed."""
        from .dump import GOROOT, go_frames, status_of
        g = self.rt.goroutines.get(gid)
        inf = self.info[gid]
        frames = go_frames(self, g, None) if g is not None else []
        # the site is the program's own innermost frame, as a leak report names it (not sync.(*Once).doSlow)
        top = next((f for f in frames if not f[1].startswith(GOROOT + "/")), frames[0] if frames else None)
        top = top or ("?", "?", 0, False)
        return {"goroutine": inf.goid, "function": top[0], "wait_reason": status_of(self, g),
                "file": top[1], "line": top[2], "created_by": inf.creator_fn, "creator_goroutine": inf.creator,
                "created_at": inf.extra.get("created_at") or f"{self.prog.files[inf.file] if inf.file >= 0 else '?'}:"
                                                           f"{inf.line}",
                "seed": self.seed, "stack": [f[0] for f in frames]}

    def shutdown(self) -> None:
        """Shut the runtime down: close every goroutine's coroutine; the run is dead after.

        Its goroutine tables go too: through them the program's values hang off the Interp, Helpers and
        runtime's reference cycle, which only a full collection frees (half a million objects left to
        the next run's full collections, in a GoKer program of 30,000 goroutines); refcounting frees them now."""
        self.rt.shutdown()
        self.info.clear()
        self.slots.clear()
        self.free_slots.clear()
        self.global_free.clear()
        self.rt.parked_at.clear()


# What generated code calls by name; Go names cannot reach them (they are mangled), but a wall
# this small leaves nothing to find if one ever did.
SAFE_BUILTINS = {name: getattr(__import__("builtins"), name) for name in (
    "__build_class__", "object", "int", "float", "str", "bool", "list", "tuple", "dict", "range", "len",
    "enumerate", "min", "max", "frozenset", "isinstance", "BaseException", "Exception", "StopAsyncIteration")}


class _NoValue:
    def __repr__(self) -> str:
        return "_NO"


_NO = _NoValue()


def _named_entry(body: Any, entry: Any) -> Any:
    body.go_entry = entry
    return body


async def _gomain(fn: Any, args: tuple) -> None:
    r = fn(*args)
    if hasattr(r, "__await__"):
        await r


__all__ = ["Interp", "GoRuntime", "RunResult", "SLEEPING", "CHAN_REASONS"]


def _zeros(zero: Any, n: int) -> list:
    """``n`` zero values made by ``zero()``: one value serves every element when it cannot change."""
    if n <= 0:
        return []
    z = zero() if zero is not None else None
    if z is None or type(z) in (int, float, str, bool):
        return [z] * n
    return [z] + [zero() for _ in range(n - 1)]


def _check_bounds(lo: int, hi: int, mx: Any, room: int, what: str) -> None:
    """Go's panics for ``x[lo:hi:max]`` out of range: the first bound that fails, in Go's words."""
    top = hi if mx is None else mx
    if top > room or top < 0:
        at = f"[:{top}]" if mx is None else f"[::{top}]"
        _bounds_panic(f"{at} with {what} {room}")
    if mx is not None and hi > mx:
        _bounds_panic(f"[:{hi}:{mx}]")
    if lo > hi or lo < 0:
        _bounds_panic(f"[{lo}:{hi}]")


def _bounds_panic(detail: str) -> None:
    msg = f"slice bounds out of range {detail}"
    raise V.PanicValue(V.RuntimeErrorValue(msg), f"runtime error: {msg}")


