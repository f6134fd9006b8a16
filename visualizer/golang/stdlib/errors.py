"""Package errors: New, and Is/As/Unwrap/Join over the tree of wrapped errors (fmt.Errorf's %w, Join, Unwrap)."""

from __future__ import annotations

from typing import Any

from .. import values as V
from ..gotypes import BOOL, ERR
from .registry import package, std

package("errors", "errors")


async def _chain(h, err: Any) -> Any:
    """The tree of errors under ``err``, depth first, as errors.Is and errors.As walk it."""
    todo = [err]
    while todo:
        e = todo.pop()
        if e is None:
            continue
        yield e
        todo.extend(reversed(await _unwrapped(h, e)))


async def _unwrapped(h, err: Any) -> list:
    """What ``err`` wraps: fmt.Errorf's %w, errors.Join's errors, or its own Unwrap() error / []error."""
    if isinstance(err, V.GoError):
        w = err.wrapped
        return list(w) if type(w) is tuple else ([] if w is None else [w])
    m = getattr(err, V.go_attr("Unwrap"), None)
    if m is None:
        return []
    got = await m() if callable(m) else None
    if V.is_slice(got):
        return [e for e in got if e is not None]
    return [] if got is None else [got]


@std("errors.As", BOOL)
async def errors_As(h, err: Any, target: Any, spec: Any) -> bool:
    """errors.As: the first error of the chain of type ``spec`` (what the target points at) goes there."""
    if target is None:
        raise V.PanicValue(V.GoError("errors: target cannot be nil"), "errors: target cannot be nil")
    async for e in _chain(h, err):
        if h.is_type(e, spec):
            found = h.unwrap(e, spec)
            if isinstance(target, V.GoStruct):  # &t of a struct variable is the struct itself: set in place
                for f in target._fields:
                    object.__setattr__(target, f, getattr(found, f))
            else:
                target.v = found
            return True
        m = getattr(e, V.go_attr("As"), None)
        if m is not None and await m(target):
            return True
    return False


@std("errors.Is", BOOL)
async def errors_Is(h, err: Any, target: Any) -> bool:
    if err is None or target is None:
        return err is target
    async for e in _chain(h, err):
        try:
            if e is target or (type(e) is type(target) and e == target):
                return True
        except TypeError:  # an uncomparable error value: Go compares it only when comparable
            pass
        m = getattr(e, V.go_attr("Is"), None)
        if m is not None and await m(target):
            return True
    return False


@std("errors.Join", ERR)
async def errors_Join(h, *errs: Any) -> Any:
    """errors.Join: one error whose text is each one's on its own line and which wraps them all."""
    errs = tuple(e for e in errs if e is not None)
    if not errs:
        return None
    texts = [await V._call_str(getattr(e, V.go_attr("Error"), None) or e.Error) for e in errs]
    return V.GoError("\n".join(texts), errs)


@std("errors.New", ERR)
def errors_New(h, s: str) -> V.GoError:
    return V.GoError(s)


@std("errors.Unwrap", ERR)
async def errors_Unwrap(h, err: Any) -> Any:
    """errors.Unwrap: only an Unwrap() error (a joined error's []error is not unwrapped, as in Go)."""
    if isinstance(err, V.GoError):
        return err.wrapped if type(err.wrapped) is not tuple else None
    m = getattr(err, V.go_attr("Unwrap"), None)
    got = await m() if m is not None else None
    return None if V.is_slice(got) else got

