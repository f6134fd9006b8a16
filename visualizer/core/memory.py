"""What stranded goroutines cost: modelled for real Go, measured for this process.

Go figures (linux/amd64). Sources:

* ``STACK_MIN`` -- runtime/stack.go, ``stackMin = 2048``: every goroutine
  starts with (and a parked one keeps) at least a 2 KiB stack.
* ``G_BYTES`` -- the ``runtime.g`` record (runtime/runtime2.go), about 430
  bytes in Go 1.19-1.22, allocated in the 448-byte size class
  (runtime/sizeclasses.go).
* ``SUDOG_BYTES`` -- the ``runtime.sudog`` a goroutine parks in a channel's
  queue with (runtime/runtime2.go), in the 96-byte size class.
* ``CLOSURE_BYTES`` -- the ``go func(){...}`` closure capturing the request,
  the check index and two channels: 40 bytes, size class 48.
* ``ALLGS_BYTES`` -- the goroutine's pointer in ``runtime.allgs``.
* ``HCHAN_BYTES`` -- ``runtime.hchan`` (runtime/chan.go), 96 bytes, plus
  ``cap * elemsize`` for the buffer (``bool`` is 1 byte).

Together they give 2,648 bytes a leaked goroutine, against about 2.7 KB
(2.07 KB stack + 0.65 KB heap) measured in Go 1.19 with 80,000+ leaked.

The Python side is measured, not modelled: see ``PyMeter``.
"""

from __future__ import annotations

import sys
from types import CoroutineType
from typing import Any

__all__ = ["GOROUTINE_BYTES", "GO_MEASURED_BYTES_PER_LEAK", "HCHAN_BYTES", "STACK_MIN", "PyMeter", "channel_bytes",
           "go_bytes"]

STACK_MIN = 2048
G_BYTES = 448
SUDOG_BYTES = 96
CLOSURE_BYTES = 48
ALLGS_BYTES = 8
HCHAN_BYTES = 96
GOROUTINE_BYTES = STACK_MIN + G_BYTES + SUDOG_BYTES + CLOSURE_BYTES + ALLGS_BYTES
GO_MEASURED_BYTES_PER_LEAK = 2700  # Go 1.19 linux/amd64, 80,000+ leaked


def channel_bytes(cap: int, elem_size: int = 1) -> int:
    """Heap bytes of one ``hchan`` with its buffer, rounded to 8 bytes."""
    buf = cap * elem_size
    return HCHAN_BYTES + ((buf + 7) // 8) * 8


def go_bytes(stranded: int, stranded_channel_caps: list[int] | tuple[int, ...] = ()) -> int:
    """Modelled Go bytes held by ``stranded`` goroutines and the channels
    that only they can reach."""
    return stranded * GOROUTINE_BYTES + sum(channel_bytes(c) for c in stranded_channel_caps)


_SKIP = (type(None), bool, int, float)


def _size_once(obj: Any, seen: set[int]) -> int:
    i = id(obj)
    if i in seen:
        return 0
    seen.add(i)
    return sys.getsizeof(obj)


def _chain(g: Any) -> list[Any]:
    """The goroutine's coroutine and everything it is suspended in."""
    out = []
    aw = g.coro
    while aw is not None:
        out.append(aw)
        aw = aw.cr_await if type(aw) is CoroutineType else getattr(aw, "gi_yieldfrom", None)
    return out


def _locals(chain: list[Any]) -> list[Any]:
    out: list[Any] = []
    for aw in chain:
        frame = getattr(aw, "cr_frame", None) or getattr(aw, "gi_frame", None)
        if frame is not None:
            out.extend(frame.f_locals.values())
    return out


class PyMeter:
    """Measures the bytes this process keeps alive for stranded goroutines.

    ``sys.getsizeof`` of every object a stranded goroutine keeps alive: its
    record, its coroutine chain with their frames, its sudogs; and, once
    each, the channels and the request it shares with others. A goroutine's
    own objects have the same sizes for every goroutine suspended at the same
    code with the same number of channels, so those are measured once per
    such shape; shared objects are measured when first met. A test checks the
    totals against ``tracemalloc``.
    """

    def __init__(self) -> None:
        self._by_shape: dict[tuple, int] = {}
        self._reqs: set[int] = set()

    def strand(self, g: Any) -> int:
        """Bytes (``sys.getsizeof``) that stranded goroutine ``g`` newly keeps alive in this process.

        Its own objects are counted every time; the channels and the request it
        shares with others only the first time they are met."""
        from .channel import Channel, Sudog  # channel imports nothing from here

        chain = _chain(g)
        shape = (tuple(a.cr_code if type(a) is CoroutineType else getattr(a, "gi_code", None)
                       for a in chain), len(g.holds))
        own = self._by_shape.get(shape)
        if own is None:
            seen: set[int] = set()
            own = _size_once(g, seen) + _size_once(g.holds, seen)
            for a in chain:
                own += _size_once(a, seen)
            for v in _locals(chain):
                if type(v) is Sudog:
                    own += _size_once(v, seen)
                    if v.sel is not None:
                        own += _size_once(v.sel, seen) + sum(_size_once(s, seen) for s in v.sel)
            self._by_shape[shape] = own
        total = own
        for ch in g.holds:
            if type(ch) is Channel and not ch.measured:
                ch.measured = True
                total += (sys.getsizeof(ch) + sys.getsizeof(ch.buf) + sys.getsizeof(ch.sendq)
                          + sys.getsizeof(ch.recvq) + sys.getsizeof(ch.holders))
        if g.req not in self._reqs:
            self._reqs.add(g.req)
            seen = set()
            for v in _locals(chain):
                if hasattr(v, "__dataclass_fields__"):  # the scenario's request
                    total += _size_once(v, seen)
                    for f in v.__dataclass_fields__:
                        fv = getattr(v, f)
                        if type(fv) not in _SKIP:
                            total += _size_once(fv, seen)
        return total
