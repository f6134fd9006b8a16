"""Package sync/atomic: the Add/Load/Store/CompareAndSwap functions on a pointer, and the atomic types
(Int32, Int64, Uint32, Uint64, Bool, Value: one class, AtomicInt). Goroutines run one at a time: plain
reads and writes are atomic here."""

from __future__ import annotations

from typing import Any

from .. import values as V
from ..gotypes import BOOL, INT
from .registry import helper, package, std, std_type

package("sync/atomic", "atomic")
for _t, _impl, _zero in (("Int32", "Int32", "_h.AtomicInt()"), ("Int64", "Int64", "_h.AtomicInt()"),
                         ("Bool", "Bool", "_h.AtomicInt(False)"), ("Uint32", "Int32", None), ("Uint64", "Int64", None),
                         ("Value", "Value", "_h.AtomicInt(None)")):
    std_type(f"atomic.{_t}", ("ext", f"atomic.{_impl}"), _zero)  # an unsigned one is its signed twin


@helper("AtomicInt")
def new_atomic(h, v: Any = 0) -> AtomicInt:
    """An atomic value (``atomic.Int32/Int64/Bool/Value``) holding ``v``."""
    return AtomicInt(v)


@std("atomic.AddInt32", INT)
@std("atomic.AddInt64", INT)
@std("atomic.AddUint32", INT)
@std("atomic.AddUint64", INT)
def atomic_AddInt32(h, p: Any, d: int) -> int:
    p.v = p.v + d
    return p.v


@std("atomic.LoadInt32", INT)
@std("atomic.LoadInt64", INT)
@std("atomic.LoadUint32", INT)
@std("atomic.LoadUint64", INT)
def atomic_LoadInt32(h, p: Any) -> Any:
    return p.v


@std("atomic.StoreInt32")
@std("atomic.StoreInt64")
@std("atomic.StoreUint32")
@std("atomic.StoreUint64")
def atomic_StoreInt32(h, p: Any, v: Any) -> None:
    p.v = v


@std("atomic.CompareAndSwapInt32", BOOL)
@std("atomic.CompareAndSwapInt64", BOOL)
@std("atomic.CompareAndSwapUint32", BOOL)
def atomic_CompareAndSwapInt32(h, p: Any, old: Any, new: Any) -> bool:
    if p.v == old:
        p.v = new
        return True
    return False


@V.go_api()
class AtomicInt:
    """atomic.Int32/Int64/Bool/Value."""

    __slots__ = ("v",)

    def __init__(self, v: Any = 0) -> None:
        self.v = v

    async def Load(self) -> Any:
        return self.v

    async def Store(self, v: Any) -> None:
        self.v = v

    async def Add(self, d: int) -> int:
        self.v += d
        return self.v

    async def Swap(self, v: Any) -> Any:
        old, self.v = self.v, v
        return old

    async def CompareAndSwap(self, old: Any, new: Any) -> bool:
        if self.v == old:
            self.v = new
            return True
        return False

    def go_copy(self) -> AtomicInt:
        """Go's copy of an atomic value: a new one holding the same value."""
        return AtomicInt(self.v)

