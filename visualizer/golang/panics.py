"""Go's words for what stopped a goroutine: wait reasons of channel operations
and the value a Python exception stands for when Go code panics; the two
exceptions that end a goroutine or the program without a panic. Shared by
the interpreter, the standard library (golang/stdlib) and the dump writer."""

from __future__ import annotations

from typing import Any

from ..core import sync as _sync
from ..core.errors import GoPanic
from . import values as V

CHAN_REASONS = {"send": "chan send", "recv": "chan receive", "select": "select"}


class OsExit(Exception):
    """``os.Exit(code)``: ends the program at once, defers not run."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class Goexit(Exception):
    """``runtime.Goexit``: runs the goroutine's defers, then ends it."""


def panic_value(e: BaseException) -> Any:
    """The Go value ``recover()`` returns for the Python exception ``e`` (a runtime.Error for runtime failures).

    None for a fatal error, which cannot be recovered."""
    if isinstance(e, V.PanicValue):
        return e.value
    if isinstance(e, _sync.FatalError):
        return None
    if isinstance(e, GoPanic):
        return V.RuntimeErrorValue(str(e)) if "runtime error" not in str(e) else V.GoError(str(e))
    if isinstance(e, ZeroDivisionError):
        return V.RuntimeErrorValue("integer divide by zero")
    if isinstance(e, AttributeError) and "NoneType" in str(e):
        return V.RuntimeErrorValue("invalid memory address or nil pointer dereference")
    if isinstance(e, IndexError):
        return V.RuntimeErrorValue("index out of range")
    if isinstance(e, AttributeError) and isinstance(getattr(e, "name", None), str):
        name = V.unmangle(e.name, "g")  # a selector the compiler could not check, tried at run time
        if name is not None:
            return V.RuntimeErrorValue(f"invalid operation: {V.type_name(getattr(e, 'obj', None))} has no field "
                                       f"or method {name}")
    # a gap in leakviz's interpreter: say so in Go's shape, never with a Python exception's name
    return V.RuntimeErrorValue("operation not supported by leakviz's Go interpreter")
