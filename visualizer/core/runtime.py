"""The simulated Go runtime: goroutines, virtual time, stranded detection.

Goroutines are ``async def`` coroutines stepped by this runtime's own run
queue (as Go's scheduler and trio do), not asyncio Tasks: under qasync every
asyncio callback becomes a Qt timer, which the design notes measured at
9.9k tasks/s for 100k tasks against several hundred thousand here. The
runtime itself is driven from asyncio by ``clock.Driver``.

Every blocking operation goes through this runtime, so it knows each
goroutine's state at every moment, and when nothing is runnable it can jump
the virtual clock straight to the next timer.

Stranded means what Go 1.26's ``goroutineleak`` profile means: a goroutine
blocked on channels that no goroutine able to run can reach. Reachability is
tracked, not guessed from the scenario: a goroutine *holds* every channel in
its arguments when spawned, every channel it makes and every channel it
operates on, until it exits. A channel's ``roots`` counts holders that can run
on their own (runnable, running or sleeping). When that count falls to zero
the channel's component is checked to a fixpoint: parked goroutines blocked
on a channel some live goroutine holds are live too; the rest are stranded,
for good, since nothing can ever hand them a live channel again.

(About 660 lines: the engine's hot path, a goroutine's step, parking and stranded detection, stays in
one module: calls across modules cost in the loop that runs millions of steps.)
"""

from __future__ import annotations

import gc
import heapq
import random
import types
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any

from . import memory
from .channel import FOREVER, PARK, PLAIN_TYPES, SENT, Channel, Forever, Parking, Ready, Sudog
from .trace import Events, Trace

__all__ = ["FINISHED", "PANICKED", "PARKED", "RUNNABLE", "RUNNING", "SLEEPING", "WAITABLE", "Goroutine", "Runtime",
           "gc_paused", "holds_no_channels"]

RUNNABLE = "runnable"
RUNNING = "running"
SLEEPING = "sleeping"
PARKED = "parked"
FINISHED = "finished"
PANICKED = "panicked"
_ROOT = (RUNNABLE, RUNNING, SLEEPING)

_ATOMIC = PLAIN_TYPES  # one set: channel.py skips the same values
# Other things a goroutine can park on and reach like a channel (core/sync.py
# registers its Mutex, RWMutex, WaitGroup and Cond): found in values the same way.
WAITABLE: set[type] = set()


def holds_no_channels(cls: type) -> type:
    """Class decorator: instances never hold a channel, so spawning a
    goroutine with one need not look inside it (as Go's GC knows from a
    type which of its words are pointers)."""
    _ATOMIC.add(cls)
    return cls


_WOKE = object()  # what a timer resumes a sleeper with


class _Sleep(Parking):
    """What a sleeping goroutine awaits: one shared object, no frame per sleep."""

    __slots__ = ()

    def send(self, _value: object) -> None:
        raise StopIteration


_SLEEP = _Sleep()


class Goroutine:
    """One goroutine. ``state`` is always current; ``waiting`` names the
    channels it is parked on, ``stranded`` is set once it can never run."""

    __slots__ = ("gid", "coro", "state", "role", "req", "idx", "holds",
                 "waiting", "op", "resume", "stranded")

    def __init__(self, gid: int, coro: Coroutine, role: str, req: int, idx: int) -> None:
        self.gid = gid
        self.coro = coro
        self.state = RUNNABLE
        self.role = role
        self.req = req
        self.idx = idx
        self.holds: tuple[Channel, ...] = ()  # a tuple: a few channels, kept for ever if stranded
        self.waiting: Sudog | list[Sudog] | tuple = ()  # what it is parked on
        self.op = ""
        self.resume: Any = None
        self.stranded = False

    def __repr__(self) -> str:
        return f"<goroutine {self.gid} {self.role}[{self.idx}] {self.state}>"


_OPAQUE = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.CodeType,
           types.CoroutineType, types.GeneratorType, types.FrameType)
_OPAQUE_EXACT = frozenset({types.CodeType, types.BuiltinFunctionType, types.ModuleType, type,
                           types.CoroutineType, types.GeneratorType, types.FrameType})


def _channels_in(values: Any, out: set[Channel], seen: set[int] | None = None) -> None:
    """Collect every channel reachable from ``values`` through containers and
    objects' attributes, as Go's GC would find it from a goroutine's stack.
    The runtime, goroutines and code are not followed: what another goroutine
    holds is its own business."""
    if seen is None:
        seen = set()
    for v in values:
        t = type(v)
        if t in _ATOMIC or t in _OPAQUE_EXACT:
            continue
        if t is Channel or t in WAITABLE:
            out.add(v)
            continue
        if id(v) in seen or t is Runtime or t is Goroutine:
            continue
        if t is types.FunctionType:  # a closure holds what it captured
            if v.__closure__:
                seen.add(id(v))
                _channels_in(v.__closure__, out, seen)  # a tuple of cells
            continue
        if isinstance(v, _OPAQUE):
            continue
        seen.add(id(v))
        if t is types.CellType:
            try:
                _channels_in((v.cell_contents,), out, seen)
            except ValueError:  # an empty cell
                pass
        elif t in (list, tuple, set, frozenset, deque):
            _channels_in(v, out, seen)
        elif t is dict:
            _channels_in(v.values(), out, seen)
        else:
            names = _SLOTS.get(t)
            if names is None:
                names = _SLOTS[t] = _slot_names(t)
            d = getattr(v, "__dict__", None)
            inner = [*d.values()] if d is not None else []
            inner += [getattr(v, name, None) for name in names]  # one call for all of them: this is hot
            if inner:
                _channels_in(inner, out, seen)


_SLOTS: dict[type, tuple[str, ...]] = {}


def _slot_names(t: type) -> tuple[str, ...]:
    out = []
    for klass in t.__mro__:
        slots = getattr(klass, "__slots__", ())
        for name in (slots,) if isinstance(slots, str) else slots:
            if name not in ("__dict__", "__weakref__"):
                out.append(name)
    return tuple(out)


def _cid(ch: Channel) -> int:
    return ch.cid


def _chans_of(values: Any) -> list[Channel]:
    """The channels reachable from ``values``, in the order they were made:
    never in a set's order, which follows addresses and would make the trace
    differ from run to run."""
    found: set[Channel] = set()
    _channels_in(values, found)
    if len(found) < 2:
        return list(found)
    return sorted(found, key=_cid)


def _waiting_chans(g: Goroutine) -> list[Channel]:
    w = g.waiting
    if type(w) is Sudog:
        return [w.ch]
    return [s.ch for s in w]


def _carried(ch: Channel) -> list[Channel]:
    """Channels sitting in ``ch``'s buffer (as values, or inside them)."""
    return _chans_of([v for v in ch.buf if type(v) not in _ATOMIC])


class gc_paused:
    """Pause Python's cyclic GC while the engine runs, and freeze what has
    survived every so often.

    A leak's goroutines live for ever by design, and every full collection
    would walk all of them again: measured, that doubled the cost of a 200k
    check run (25k against 58k checks/s). The engine makes no reference
    cycles (a select's sudogs unlink themselves), so refcounting frees what it
    drops; ``gc.freeze`` moves the survivors out of the collector's way.
    """

    FREEZE_EVERY = 20_000  # events: freezing is O(1); full collections then stay small

    def __init__(self, rt: Runtime, *, compact: bool = True) -> None:
        self.rt = rt
        self.compact = compact  # the window's driver compacts in a callback of its own

    def __enter__(self) -> None:
        self.was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        rt = self.rt
        if self.compact:
            rt.trace.events.compact()
        if len(rt.trace.events) - rt._frozen_at >= self.FREEZE_EVERY:
            gc.freeze()
            rt._frozen_at = len(rt.trace.events)
        if self.was_enabled:
            gc.enable()


class Runtime:
    """Spawns goroutines, owns virtual time (integer nanoseconds) and the trace.

    Drive it with ``run()`` (as fast as possible) or step by step with
    ``step()``; ``clock.Driver`` paces it against the wall clock.
    """

    core_reach = True  # track which goroutine can reach which channel (detect_stranded's reachability)
    from_source = False  # a program run from Go source (golang/), not a Python transcription

    def sync_turn(self) -> Any:
        """Before a lock is taken: None, or an awaitable that lets other goroutines run first (a schedule
        explored at random gives them that chance, as parallel cores would; the core's own order never)."""
        return None

    def __init__(self, *, seed: int = 0, trace: Trace | None = None) -> None:
        self.now = 0
        self.rng = random.Random(seed)
        self.trace = trace if trace is not None else Trace()
        self._emit_event = self.trace.events.tail.append
        self.current: Goroutine | None = None
        self.goroutines: dict[int, Goroutine] = {}  # every goroutine not yet exited
        self.panic: tuple[int, str] | None = None  # (gid, Go's message) once panicked
        self.stranded = 0
        self.spawned = 0
        self.py_bytes_stranded = 0  # measured: what stranded goroutines keep alive here
        self.go_chan_bytes = 0  # modelled: Go channels kept alive by stranded goroutines
        self._runq: deque[Goroutine] = deque()
        self._timers: list[tuple[int, int, Goroutine]] = []
        self._tseq = 0
        self._dropped = 0  # entries of _timers whose sleeper was dropped (drop_sleeper); never the head
        self._next_gid = 1
        self._next_cid = 1
        self._dirty: list[Channel] = []  # channels whose live holders fell to zero
        self._lone: list[Goroutine] = []  # parked on no channel at all
        self._meter = memory.PyMeter()
        self._frozen_at = 0  # trace length at the last gc.freeze

    # -- events --

    # () -> "file:line" the running goroutine blocks at, for runtimes that run source (golang/live.py)
    park_where: Callable[[], str] | None = None

    def emit(self, kind: str, *fields: Any) -> None:
        """Append ``(now, kind, *fields)`` to the trace (see trace/ for the kinds)."""
        self._emit_event((self.now, kind, *fields))

    annotate = emit  # the scenario's name for it: request arrived, handler returned, ...

    # -- go, make --

    def go(self, coro: Coroutine, *, role: str = "", req: int = -1, idx: int = -1) -> Goroutine:
        """Go's ``go`` statement: start ``coro`` as a new goroutine."""
        if type(coro) is not types.CoroutineType:
            raise TypeError(f"go() needs a coroutine, such as f() for an async def f; got {coro!r}. "
                            "Channel operations run when called: wrap them in an async def.")
        g = Goroutine(self._next_gid, coro, role, req, idx)
        self._next_gid += 1
        self.spawned += 1
        # an unstarted coroutine's referents are its code, name and function,
        # and its arguments: what the goroutine starts out holding
        if self.core_reach:
            for ch in _chans_of(gc.get_referents(coro)):
                self.hold(g, ch)
        self.goroutines[g.gid] = g
        self._runq.append(g)
        cur = self.current
        self._emit_event((self.now, "go", g.gid, cur.gid if cur is not None else 0, role, req, idx))
        return g

    def new_cid(self) -> int:
        """A fresh number for a channel or another waitable (core/sync.py): one
        numbering, so that sorting by it is creation order for all of them."""
        cid = self._next_cid
        self._next_cid += 1
        return cid

    def make_chan(self, cap: int, *, name: str = "", zero: Any = None, req: int = -1) -> Channel:
        """``make(chan T, cap)``; panics MakeChanSizeOutOfRange when cap < 0."""
        ch = Channel(self, self.new_cid(), cap, name=name, zero=zero, req=req)
        self.emit("make", ch.cid, name, cap, req)
        if self.current is not None:
            self.hold(self.current, ch)
        return ch

    # -- blocking primitives used by goroutines --

    def sleep(self, ns: int) -> _Sleep | Ready:
        """``time.Sleep``: await it to sleep ``ns`` nanoseconds of virtual time."""
        if ns <= 0:
            return SENT
        g = self.getg()
        if g.state != RUNNING:
            raise RuntimeError("a channel operation or sleep was not awaited")
        g.state = SLEEPING
        self._tseq += 1
        until = self.now + ns
        heapq.heappush(self._timers, (until, self._tseq, g))
        self._emit_event((self.now, "sleep", g.gid, until))
        return _SLEEP

    def drop_sleeper(self, g: Goroutine) -> None:
        """End the sleeping ``g`` now, without its wake-up: a stopped timer's helper, which would only wake
        to do nothing. Its coroutine is freed at once, not when the clock gets there (a loop that starts and
        stops a million timers would keep them all); its heap entry goes when it reaches the head, or when
        the dropped are half the heap (as Go's timer heap drops deleted timers). No-op unless ``g`` sleeps."""
        if g.state != SLEEPING:
            return
        g.coro.close()
        self.emit("exit", g.gid)
        self._exit(g, FINISHED)
        timers = self._timers
        self._dropped += 1
        if self._dropped * 2 > len(timers):
            timers[:] = [e for e in timers if e[2].state == SLEEPING]
            heapq.heapify(timers)
            self._dropped = 0
        else:
            self._drop_head()

    def _drop_head(self) -> None:
        """Keep the heap's head a live sleeper: what reads ``_timers[0]`` sees the next real wake-up."""
        timers = self._timers
        while timers and timers[0][2].state != SLEEPING:
            heapq.heappop(timers)
            self._dropped -= 1

    def pop_timer(self) -> Goroutine:
        """Take the first timer off the heap: its sleeper."""
        g = heapq.heappop(self._timers)[2]
        if self._dropped:
            self._drop_head()
        return g

    def block_forever(self, op: str) -> Forever:
        """Block on a nil channel, or ``select {}`` (await it)."""
        g = self.getg()
        self.gopark(g, op, (), (), (), ())
        return FOREVER

    # -- the engine API: what channel.py and sync.py call (proc.go's gopark/goready, by other names too) --
    #
    # A blocking operation, as chan.go writes it: ``g = rt.hold_current(x)``
    # (the running goroutine now reaches ``x``), try the operation; if it must
    # wait, ``rt.gopark(g, ...)`` and return the awaitable the goroutine yields;
    # the peer that completes it later calls ``rt.goready(g, value, via)``, and
    # ``value`` is what the parked goroutine's await returns. Values that carry
    # channels go through ``received``/``carry`` so reachability follows them.

    def getg(self) -> Goroutine:
        """The goroutine running now (Go's ``getg``). Raises RuntimeError
        outside a goroutine: channel operations only run inside one."""
        g = self.current
        if g is None:
            raise RuntimeError("channel operations must run inside a goroutine (rt.go)")
        return g

    def hold(self, g: Goroutine, ch: Channel) -> None:
        """``g`` can reach ``ch`` (it made it, got it, or operates on it) until it exits."""
        if ch not in g.holds:
            g.holds += (ch,)
            ch.holders.add(g)
            if g.state in _ROOT:
                ch.roots += 1

    def received(self, g: Goroutine, v: Any, via: Channel | None) -> None:
        """``g`` got ``v`` over a channel: it now holds the channels in it,
        and ``via``'s buffer no longer carries them."""
        for ch in _chans_of((v,)):
            self.hold(g, ch)
            if via is not None and via in ch.carriers:
                ch.carriers.remove(via)

    def carry(self, carrier: Channel, v: Any) -> None:
        """``v`` went into ``carrier``'s buffer: channels in it are reachable
        from whoever can reach ``carrier``."""
        for ch in _chans_of((v,)):
            ch.carriers.append(carrier)

    def hold_current(self, ch: Channel) -> Goroutine:
        """``hold`` for the running goroutine, which it returns (the first step of every operation)."""
        g = self.getg()
        if ch not in g.holds:
            self.hold(g, ch)
        return g

    def gopark(self, g: Goroutine, op: str, waiting: Sudog | list[Sudog] | tuple, cids: tuple[int, ...],
              sends: tuple[bool, ...], names: tuple[str, ...] = ()) -> None:
        """Block ``g`` (Go's ``gopark``). Precondition: ``g`` is the running
        goroutine, inside an operation it is about to await. ``waiting`` is what
        it waits in (its Sudog, a select's Sudogs, or nothing for a nil channel
        or ``select {}``); ``cids``/``sends``/``names`` say on what, for the
        trace. Emits ``park``. Afterwards only ``goready`` runs ``g`` again, and
        the channels ``g`` holds lose a runnable holder: when one has none
        left, its component is checked for stranded goroutines."""
        if g.state != RUNNING:
            raise RuntimeError("a channel operation or sleep was not awaited")
        g.state = PARKED
        g.op = op
        g.waiting = waiting
        if self.park_where is None:
            self._emit_event((self.now, "park", g.gid, op, cids, sends, names))
        else:  # a source-level program: the event also says which line it blocked at
            self._emit_event((self.now, "park", g.gid, op, cids, sends, names, self.park_where()))
        if not cids:
            self._lone.append(g)
        for ch in g.holds:
            ch.roots -= 1
            if ch.roots == 0:
                self._dirty.append(ch)

    def goready(self, g: Goroutine, value: Any, via: Channel | None = None) -> None:
        """Make ``g`` runnable (Go's ``goready``); its await returns ``value``.
        Precondition: ``g`` is parked (a peer completed its operation through
        ``via``: emits ``unpark``) or sleeping (its timer fired: emits ``wake``).
        It goes to the back of the run queue."""
        if g.state == PARKED:
            for ch in g.holds:
                ch.roots += 1
            g.waiting = ()
            self.emit("unpark", g.gid, via.cid if via is not None else 0)
        else:
            self.emit("wake", g.gid)
        g.state = RUNNABLE
        g.resume = value
        self._runq.append(g)

    def _exit(self, g: Goroutine, state: str) -> None:
        was_root = g.state in _ROOT
        g.state = state
        for ch in g.holds:
            ch.holders.discard(g)
            if was_root:
                ch.roots -= 1
                if ch.roots == 0:
                    self._dirty.append(ch)
        g.holds = ()
        g.coro = None  # type: ignore[assignment]
        del self.goroutines[g.gid]

    # -- scheduling --

    def _run_one(self, g: Goroutine) -> None:
        self.current = g
        g.state = RUNNING
        value = g.resume
        g.resume = None
        try:
            yielded = g.coro.send(value)
        except StopIteration:
            self.emit("exit", g.gid)
            self._exit(g, FINISHED)
            return
        except Exception as exc:  # any uncaught exception is a Go panic
            self._panic(g, exc)
            return
        finally:
            self.current = None
        if yielded is not PARK:
            g.coro.close()
            self._panic(g, RuntimeError(
                f"goroutine awaited {yielded!r}; only leakviz primitives may block"))

    def _panic(self, g: Goroutine, exc: BaseException) -> None:
        from .errors import GoPanic
        msg = str(exc) if isinstance(exc, GoPanic) else f"{type(exc).__name__}: {exc}"
        self.panic = (g.gid, msg)
        self.emit("panic", g.gid, msg)
        self._exit(g, PANICKED)

    # A runtime whose leak checks are dear may owe one instead of making it in a slice that has run steps
    # (golang/live.py); the clock sets defer_checks for its slices and ends a slice that leaves one owed.
    defer_checks = False
    check_owed = False

    def runnable(self) -> int:
        """Number of goroutines in the run queue, ready to step now."""
        return len(self._runq)

    def next_timer(self) -> int | None:
        """Virtual time of the next timer, or None when none is pending."""
        return self._timers[0][0] if self._timers else None

    def run_ready(self, max_steps: int = -1) -> int:
        """Step runnable goroutines until none is left (or ``max_steps``);
        then look for newly stranded goroutines. Returns the steps taken."""
        runq = self._runq
        steps = 0
        while runq and self.panic is None and steps != max_steps:
            self._run_one(runq.popleft())
            steps += 1
        if not runq:
            self.detect_stranded()
        return steps

    def fire_timers(self) -> int:
        """Advance the clock to the next timer and wake every goroutine due then."""
        timers = self._timers
        if not timers:
            return 0
        when = timers[0][0]
        self.now = when
        n = 0
        while timers and timers[0][0] == when:
            g = self.pop_timer()
            self.timer_due(g)
            n += 1
        return n

    def timer_due(self, g: Goroutine) -> None:
        """``g``'s timer fired (in timer order): it is readied."""
        self.goready(g, _WOKE)

    def idle(self) -> bool:
        """True when nothing can ever happen again: no runnable goroutine, no
        timer, or the program panicked."""
        return self.panic is not None or (not self._runq and not self._timers)

    def step(self) -> bool:
        """Do the smallest unit of work: one goroutine step, or one jump of the
        clock. Returns False when there is nothing left to do."""
        if self.panic is not None:
            return False
        if self.runnable():  # what a scheduler of its own (golang's) counts as runnable too
            self.run_ready(1)
            return True
        if self._timers:
            self.fire_timers()
            return True
        return False

    def run(self, *, until: int | None = None, max_live: int | None = None) -> bool:
        """Run as fast as possible until idle (or virtual time ``until``, or
        ``max_live`` goroutines alive at once). Returns True when it stopped
        at ``max_live``: a leak grows without end, and memory does not."""
        tail = self.trace.events.tail
        goroutines = self.goroutines
        # under a ceiling, look at it every few thousand steps: a program whose steps move the clock (Go's
        # time slices) can start goroutines without end before nothing is runnable
        steps = -1 if max_live is None else 4096
        with gc_paused(self):
            while self.panic is None:
                self.run_ready(steps)
                if len(tail) >= 4 * Events.CHUNK:
                    self.trace.events.compact()
                if max_live is not None and len(goroutines) >= max_live:
                    return True
                if steps > 0 and self.runnable():
                    continue
                if not self._timers or self.panic is not None:
                    break
                if until is not None and self._timers[0][0] > until:
                    self.now = max(self.now, until)
                    break
                self.fire_timers()
        return False

    def shutdown(self) -> None:
        """Close every goroutine's coroutine, so an abandoned run leaves no
        "coroutine was never awaited" warning behind. The runtime is dead after."""
        self.panic = self.panic or (0, "shut down")
        for g in list(self.goroutines.values()):
            if g.coro is not None:
                g.coro.close()
            # a parked goroutine's sudogs and what they wait in refer to each other (queue and sudog, a
            # select's sudogs and their list): unlinked, refcounting frees a run instead of a full collection
            w = g.waiting
            for s in w if type(w) in (list, tuple) else (w,):
                if hasattr(s, "sel"):
                    s.sel = None
                if hasattr(s, "ch"):
                    s.ch = None
            g.waiting = g.holds = ()
        self.goroutines.clear()
        self._runq.clear()
        self._timers.clear()
        if self._frozen_at:
            gc.unfreeze()  # let the next collection reclaim this run

    # -- stranded detection --

    def detect_stranded(self) -> int:
        """Mark every parked goroutine that no live goroutine can reach.
        Returns how many were newly stranded."""
        found = 0
        lone, self._lone = self._lone, []
        for g in lone:
            if g.state == PARKED and not g.stranded:
                self._strand(g)
                found += 1
        if not self._dirty:
            return found
        dirty, self._dirty = self._dirty, []
        seen: set[Channel] = set()
        for start in dirty:
            if start.roots > 0 or start in seen:
                continue
            # the component of channels and goroutines around ``start``
            chans: list[Channel] = []
            gs: set[Goroutine] = set()
            stack = [start]
            while stack:
                ch = stack.pop()
                if ch in seen:
                    continue
                seen.add(ch)
                chans.append(ch)
                stack.extend(ch.carriers)
                stack.extend(_carried(ch))
                for g in ch.holders:
                    if g not in gs:
                        gs.add(g)
                        stack.extend(g.holds)
            live: set[Channel] = set()
            todo = [ch for ch in chans if ch.roots > 0]
            parked = [g for g in gs if g.state == PARKED and not g.stranded]
            while todo:
                while todo:  # live channels make what their buffers carry live
                    ch = todo.pop()
                    if ch not in live:
                        live.add(ch)
                        todo.extend(_carried(ch))
                rest = []
                for g in parked:  # a parked goroutine a live one can reach may run again
                    if any(c in live for c in _waiting_chans(g)):
                        todo.extend(g.holds)
                    else:
                        rest.append(g)
                parked = rest
            for g in sorted(parked, key=lambda g: g.gid):
                self._strand(g)
                found += 1
        return found

    def _strand(self, g: Goroutine) -> None:
        g.stranded = True
        self.stranded += 1
        for ch in g.holds:  # in Go these stay alive with the goroutine too
            if not ch.leaked:
                ch.leaked = True
                self.go_chan_bytes += memory.channel_bytes(ch.cap)
        self.py_bytes_stranded += self._meter.strand(g)
        self.emit("stranded", g.gid, self.go_chan_bytes, self.py_bytes_stranded)
