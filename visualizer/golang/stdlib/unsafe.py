"""Package unsafe: what programs use it for (a pointer's address as a number), nothing that reaches memory."""

from __future__ import annotations

from typing import Any

from .. import values as V
from ..gotypes import INT
from .registry import package, setup, std

package("unsafe", "unsafe")


@setup
def _addresses(h) -> None:
    h.addrs = {}  # unsafe.Pointer: object id -> (its made-up address, the object)


@std("unsafe.Pointer", INT)
def unsafe_Pointer(h, x: Any) -> int:
    """``uintptr(unsafe.Pointer(p))``: an address for ``p``, the same for the same object all run long and
    the same on every run of a seed (heap addresses as Go's look: 0xc000010000 up)."""
    if x is None:
        return 0
    key = id(x)
    got = h.addrs.get(key)
    if got is None:
        got = h.addrs[key] = (0xC000010000 + 0x30 * len(h.addrs), x)  # x held: its id stays its own
    return got[0]


@std("unsafe.Sizeof", INT)
def unsafe_Sizeof(h, x: Any) -> int:
    """``unsafe.Sizeof``: a word for a number or pointer, two for a string, three for a slice."""
    return {str: 16, list: 24, V.Slice: 24}.get(type(x), 8)

