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

The Python side is measured, not modelled: ``python_bytes`` asks the
interpreter (``sys.getsizeof``) for every object a stranded goroutine keeps
alive -- its record, its coroutine chain and their frames, its sudogs, and
once per object shared with others (channels, the request) -- which a test
checks against ``tracemalloc``.
"""

from __future__ import annotations

import sys
from typing import Any

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


def python_bytes(g: Any, seen: set[int]) -> int:
    """Bytes this process keeps alive for goroutine ``g`` (measured).

    ``seen`` holds the ids of objects already counted for other goroutines,
    so shared objects are counted once. The objects counted stay alive as
    long as ``g`` does (it never exits), so their ids stay unique.
    """
    from .channel import Channel, Sudog  # local: channel imports nothing from here

    total = _size_once(g, seen) + _size_once(g.holds, seen)
    locals_: list[Any] = []
    aw = g.coro
    while aw is not None:
        total += _size_once(aw, seen)
        frame = getattr(aw, "cr_frame", None) or getattr(aw, "gi_frame", None)
        if frame is not None:
            locals_.extend(frame.f_locals.values())
        aw = getattr(aw, "cr_await", None) or getattr(aw, "gi_yieldfrom", None)
    for v in locals_:
        t = type(v)
        if t in _SKIP:
            continue
        if t is Sudog:
            total += _size_once(v, seen)
            if v.sel is not None:
                total += _size_once(v.sel, seen)
                for s in v.sel:
                    total += _size_once(s, seen)
        elif t is Channel:
            total += _size_once(v, seen)
            for part in (v.buf, v.sendq, v.recvq, v.holders):
                total += _size_once(part, seen)
        elif t is str or t is tuple or t is list:
            total += _size_once(v, seen)
        elif hasattr(v, "__dataclass_fields__"):  # scenario records (the request)
            total += _size_once(v, seen)
            for f in v.__dataclass_fields__:
                fv = getattr(v, f)
                if type(fv) not in _SKIP:
                    total += _size_once(fv, seen)
    return total
