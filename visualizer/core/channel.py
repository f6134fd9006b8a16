"""Go-faithful channels and ``select`` (runtime/chan.go, runtime/select.go).

Invariants, as at the top of runtime/chan.go:

* At least one of ``sendq`` and ``recvq`` is empty, except for an unbuffered
  channel with a single goroutine blocked on it for both sending and receiving
  in one ``select``.
* ``len(buf) > 0`` implies ``recvq`` is empty.
* ``len(buf) < cap`` implies ``sendq`` is empty.
* Queues are FIFO; a value is delivered exactly once.

Each operation is one short decision ladder: nil, closed, waiting peer, buffer
room, park. Parking hands control back to the runtime's run queue; the peer
that completes the operation fills in the parked goroutine's ``Sudog`` and
makes it runnable again, so the parked side never re-checks anything.

``nil`` channels are Python's ``None``: use the module functions ``send``,
``recv``, ``close``, ``len_`` and ``cap`` where a channel may be nil.

Between this module and the runtime: channels call only the runtime's engine
API (``getg``, ``hold``/``hold_current``, ``gopark``, ``goready``,
``received``/``carry``, ``emit``; see runtime.py for their preconditions); the
runtime takes from here what a goroutine yields or awaits (``PARK``, ``Ready``,
``SENT``, ``Forever``, ``FOREVER``, ``Parking``, ``Sudog``) and ``PLAIN_TYPES``.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import (
    CloseOfClosedChannel,
    CloseOfNilChannel,
    MakeChanSizeOutOfRange,
    SendOnClosedChannel,
)

if TYPE_CHECKING:
    from .runtime import Goroutine, Runtime

__all__ = ["FOREVER", "PARK", "PLAIN_TYPES", "SENT", "Channel", "ChannelStats", "Forever", "Parking", "Ready", "Recv",
           "Send", "Sudog", "cap", "close", "len_", "recv", "select", "send"]

PARK = object()  # what a goroutine yields to the runtime when it blocks
_SEND = (True,)
_RECV = (False,)
_RECV2 = (False, False)
# Types whose values cannot hold a channel: sending one needs no reachability
# bookkeeping. Grows with ``runtime.holds_no_channels`` (the one set of them).
PLAIN_TYPES: set[type] = {type(None), bool, int, float, str, bytes}


class Parking:
    """What a blocked goroutine awaits: its first step yields ``PARK`` to the
    runtime, which later resumes it through ``send``. Subclasses say what the
    resumption returns (or raises)."""

    __slots__ = ()

    def __await__(self) -> Parking:
        return self

    def __next__(self) -> object:
        return PARK

    def throw(self, typ, val=None, tb=None):  # the iterator protocol of yield from
        """Re-raise the exception thrown in by ``coroutine.throw`` (the ``yield from`` protocol)."""
        raise typ if val is None else val

    def close(self) -> None:
        """Nothing to release: a parking holds no resources of its own."""
        pass


class Sudog(Parking):
    """A goroutine waiting in one channel queue (Go's ``sudog``).

    ``sel`` is the list of all sudogs of one ``select`` (``None`` for a plain
    send or receive): when one fires, the waker removes the others at once, so
    no second peer can complete the same select (Go's ``selectDone``).

    A Sudog is also what the parked goroutine awaits: its first step yields to
    the runtime; the runtime resumes it with the sudog that fired, and the
    result (or the panic) is computed from that. One small object instead of
    a coroutine frame per blocked operation: a leaked goroutine keeps it for
    ever.
    """

    __slots__ = ("g", "ch", "elem", "ok", "is_send", "sel", "case")

    def __init__(self, g: Goroutine, ch: Channel, elem: Any, is_send: bool,
                 sel: list[Sudog] | None = None, case: int = -1) -> None:
        self.g = g
        self.ch = ch
        self.elem = elem
        self.ok = True
        self.is_send = is_send
        self.sel = sel
        self.case = case

    def send(self, fired: Sudog) -> None:
        """Resumed with the sudog that fired: finish the operation."""
        if fired.is_send:
            if not fired.ok:  # rules 8 and 20: woken by close
                raise SendOnClosedChannel()
            result: Any = None if self.case < 0 else (fired.case, None, True)
        elif self.case < 0:
            result = (fired.elem, fired.ok)
        else:
            result = (fired.case, fired.elem, fired.ok)
        raise StopIteration(result)


class Ready:
    """An operation that completed without blocking: ``await`` returns at once."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __await__(self) -> Ready:
        return self

    def __next__(self) -> None:
        raise StopIteration(self.value)


SENT = Ready(None)
_DEFAULT = Ready((-1, None, False))


class Forever(Parking):
    """What a goroutine blocked on nothing awaits (nil channel, ``select {}``)."""

    __slots__ = ()

    def send(self, _value: object) -> None:
        """Never legitimately called: raises RuntimeError, since nothing may wake a goroutine blocked forever."""
        raise RuntimeError("a goroutine blocked forever was resumed")


FOREVER = Forever()


def _fire(s: Sudog, elem: Any, ok: bool) -> None:
    """Complete a parked operation that a peer has just dequeued."""
    s.elem = elem
    s.ok = ok
    sel = s.sel
    if sel is not None:
        for other in sel:
            other.sel = None  # break the cycle, so refcounting frees the select
            if other is not s:
                q = other.ch.sendq if other.is_send else other.ch.recvq
                q.remove(other)
    s.ch.rt.goready(s.g, s, s.ch)


@dataclass(frozen=True, slots=True)
class ChannelStats:
    """What an observer may know of a channel at one moment (trio's
    ``statistics()``): views and tests read this, never the queues."""

    cid: int
    name: str
    cap: int
    len: int  # values buffered
    senders_waiting: int  # goroutines parked to send (select cases included)
    receivers_waiting: int
    closed: bool


class Channel:
    """``make(chan T, cap)``. Create channels with ``Runtime.make_chan``."""

    __slots__ = ("rt", "cid", "name", "cap", "zero", "buf", "sendq", "recvq",
                 "closed", "holders", "roots", "req", "measured", "leaked", "key", "name_key", "carriers", "on_take",
                 "__weakref__")

    def __init__(self, rt: Runtime, cid: int, cap: int, *, name: str = "",
                 zero: Any = None, req: int = -1) -> None:
        if cap < 0:
            raise MakeChanSizeOutOfRange()
        self.rt = rt
        self.cid = cid
        self.name = name
        self.cap = cap
        self.zero = zero
        self.buf: deque[Any] = deque()
        self.sendq: deque[Sudog] = deque()
        self.recvq: deque[Sudog] = deque()
        self.closed = False
        self.holders: set[Goroutine] = set()  # goroutines that can reach it
        self.roots = 0  # how many of them can still run on their own
        self.req = req
        self.measured = False  # counted in the runtime's python bytes
        self.leaked = False  # counted in the runtime's Go bytes
        self.on_take: Any = None  # called once when a value is next taken from the buffer (a ticker that waits)
        self.key = (cid,)  # shared by every trace event about this channel alone
        self.name_key = (name,)
        self.carriers: list[Channel] = []  # channels whose buffer holds this one

    def __repr__(self) -> str:
        return (f"<chan {self.name or self.cid} len={len(self.buf)} cap={self.cap}"
                f"{' closed' if self.closed else ''}>")

    def __len__(self) -> int:
        return len(self.buf)

    def stats(self) -> ChannelStats:
        """A frozen snapshot of this channel's state."""
        return ChannelStats(self.cid, self.name, self.cap, len(self.buf), len(self.sendq), len(self.recvq),
                            self.closed)

    # -- the ladders: each returns True when done, False when it must park --

    def _try_send(self, g: Goroutine, v: Any) -> bool:
        if self.closed:
            raise SendOnClosedChannel()
        rt = self.rt
        if self.recvq:  # rule 6: straight to the oldest receiver
            r = self.recvq.popleft()
            rt.emit("send", g.gid, self.cid, "direct", len(self.buf))
            if type(v) not in PLAIN_TYPES:
                rt.received(r.g, v, None)
            _fire(r, v, True)
            return True
        if len(self.buf) < self.cap:  # rule 7
            self.buf.append(v)
            if type(v) not in PLAIN_TYPES:
                rt.carry(self, v)
            rt.emit("send", g.gid, self.cid, "buffer", len(self.buf))
            return True
        return False

    def _try_recv(self, g: Goroutine) -> tuple[bool, Any, bool]:
        rt = self.rt
        if self.sendq:  # rule 10
            s = self.sendq.popleft()
            if self.cap == 0:
                v = s.elem
                rt.emit("recv", g.gid, self.cid, "direct", 0)
            else:
                v = self.buf.popleft()
                self.buf.append(s.elem)
                if type(s.elem) not in PLAIN_TYPES:
                    rt.carry(self, s.elem)
                rt.emit("recv", g.gid, self.cid, "buffer", len(self.buf))
            _fire(s, None, True)
            if type(v) not in PLAIN_TYPES:
                rt.received(g, v, self if self.cap else None)
            return True, v, True
        if self.buf:  # rule 11
            v = self.buf.popleft()
            rt.emit("recv", g.gid, self.cid, "buffer", len(self.buf))
            if self.on_take is not None:
                took, self.on_take = self.on_take, None
                took()
            if type(v) not in PLAIN_TYPES:
                rt.received(g, v, self)
            return True, v, True
        if self.closed:  # rule 12
            rt.emit("recv", g.gid, self.cid, "closed", 0)
            return True, self.zero, False
        return False, None, False

    # -- the operations --

    def send(self, v: Any) -> Sudog | Ready:
        """``ch <- v`` (await it). Panics SendOnClosedChannel if closed, now or
        while parked."""
        rt = self.rt
        g = rt.hold_current(self)
        if self._try_send(g, v):
            return SENT
        s = Sudog(g, self, v, True)
        self.sendq.append(s)  # rule 8
        rt.gopark(g, "send", s, self.key, _SEND, self.name_key)
        return s

    def recv(self) -> Sudog | Ready:
        """``v, ok := <-ch`` (await it); ``ok`` is False only for the zero
        value of a closed channel."""
        rt = self.rt
        g = rt.hold_current(self)
        done, v, ok = self._try_recv(g)
        if done:
            return Ready((v, ok))
        s = Sudog(g, self, None, False)
        self.recvq.append(s)  # rule 13
        rt.gopark(g, "recv", s, self.key, _RECV, self.name_key)
        return s

    def close(self) -> None:
        """``close(ch)``: wakes every receiver with (zero, False) and every sender to panic."""
        if self.closed:
            raise CloseOfClosedChannel()
        rt = self.rt
        g = rt.hold_current(self)
        self.closed = True
        rt.emit("close", g.gid, self.cid, len(self.buf))
        while self.recvq:
            _fire(self.recvq.popleft(), self.zero, False)
        while self.sendq:
            s = self.sendq.popleft()
            _fire(s, s.elem, False)


class Send:
    """A send case of ``select``: ``case ch <- v:``."""

    __slots__ = ("ch", "value")

    def __init__(self, ch: Channel | None, value: Any) -> None:
        self.ch = ch
        self.value = value


class Recv:
    """A receive case of ``select``: ``case v, ok := <-ch:``."""

    __slots__ = ("ch",)

    def __init__(self, ch: Channel | None) -> None:
        self.ch = ch


def select(rt: Runtime, *cases: Send | Recv, default: bool = False) -> Sudog | Ready:
    """Go's ``select``; await it for ``(index, value, ok)``, index -1 meaning ``default``.

    Ready cases are polled in a random permutation from the runtime's seeded
    generator, so each ready case is equally likely (rule 18). Cases on nil
    channels are dropped (rule 17); with no case left and no default the
    goroutine blocks forever.
    """
    g = rt.getg()
    if len(cases) == 2 and not default:  # the handler's two-way receive, on its hot path
        a, b = cases
        ca, cb = a.ch, b.ch
        if type(a) is Recv and type(b) is Recv and ca is not None and cb is not None:
            return _select_recv2(rt, g, ca, cb)
    live = [i for i, c in enumerate(cases) if c.ch is not None]
    for i in live:
        if cases[i].ch not in g.holds:
            rt.hold(g, cases[i].ch)
    if len(live) == 2:  # the common case: one random bit is a uniform permutation
        order = live if rt.rng.getrandbits(1) else [live[1], live[0]]
    else:
        order = live[:]
        rt.rng.shuffle(order)
    for i in order:
        c = cases[i]
        if type(c) is Send:
            if c.ch._try_send(g, c.value):
                return Ready((i, None, True))
        else:
            done, v, ok = c.ch._try_recv(g)
            if done:
                return Ready((i, v, ok))
    if default:
        return _DEFAULT
    if not live:  # select {} (or only nil channels): blocks forever
        return rt.block_forever("select")
    sel: list[Sudog] = []
    for i in live:  # enqueue on every channel at once (rule 19)
        c = cases[i]
        is_send = type(c) is Send
        s = Sudog(g, c.ch, c.value if is_send else None, is_send, sel, i)
        sel.append(s)
        (c.ch.sendq if is_send else c.ch.recvq).append(s)
    rt.gopark(g, "select", sel, tuple(s.ch.cid for s in sel), tuple(s.is_send for s in sel),
             tuple(s.ch.name for s in sel))
    return sel[0]  # resumed with whichever sudog fired


def _select_recv2(rt: Runtime, g: Goroutine, ca: Channel, cb: Channel) -> Sudog | Ready:
    """``select { case <-a: case <-b: }``: the general ladder, unrolled."""
    if ca not in g.holds:
        rt.hold(g, ca)
    if cb not in g.holds:
        rt.hold(g, cb)
    if rt.rng.getrandbits(1):  # the same draw as the general path: a uniform order of two
        first, second, i1, i2 = ca, cb, 0, 1
    else:
        first, second, i1, i2 = cb, ca, 1, 0
    done, v, ok = first._try_recv(g)
    if done:
        return Ready((i1, v, ok))
    done, v, ok = second._try_recv(g)
    if done:
        return Ready((i2, v, ok))
    sel: list[Sudog] = []
    s0 = Sudog(g, ca, None, False, sel, 0)
    s1 = Sudog(g, cb, None, False, sel, 1)
    sel.append(s0)
    sel.append(s1)
    ca.recvq.append(s0)
    cb.recvq.append(s1)
    rt.gopark(g, "select", sel, (ca.cid, cb.cid), _RECV2, (ca.name, cb.name))
    return s0


# -- nil-aware forms, for code where a channel variable may be nil --

async def send(rt: Runtime, ch: Channel | None, v: Any) -> None:
    """Go's ``ch <- v`` where ``ch`` may be nil.

    Blocks until a receiver takes ``v`` or buffer space frees up; on a nil
    channel it parks the goroutine for ever. Raises SendOnClosedChannel if the
    channel is (or gets) closed."""
    if ch is None:  # rule 4
        await rt.block_forever("send")
    await ch.send(v)


async def recv(rt: Runtime, ch: Channel | None) -> tuple[Any, bool]:
    """Go's ``v, ok := <-ch`` where ``ch`` may be nil: returns ``(value, ok)``.

    Blocks until a value or a close arrives (``ok`` is False after close, with
    the channel's zero value); on a nil channel it parks the goroutine for ever."""
    if ch is None:  # rule 9
        await rt.block_forever("recv")
    return await ch.recv()


def close(ch: Channel | None) -> None:
    """Go's ``close(ch)``: raises CloseOfNilChannel on nil, CloseOfClosedChannel on a second close."""
    if ch is None:
        raise CloseOfNilChannel()
    ch.close()


def len_(ch: Channel | None) -> int:
    """Go's ``len(ch)``: values buffered now (0 for a nil channel)."""
    return 0 if ch is None else len(ch.buf)


def cap(ch: Channel | None) -> int:
    """Go's ``cap(ch)``: the buffer size (0 for a nil or unbuffered channel)."""
    return 0 if ch is None else ch.cap
