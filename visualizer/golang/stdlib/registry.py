"""The one registry of Go's standard library as leakviz runs it: each name's signature next to its
implementation, declared by the package's module in golang/stdlib/.

    @std("strings.Contains", BOOL)
    def strings_Contains(h, s, sub): ...

declares ``strings.Contains`` (not awaited, result bool) and implements it: the interpreter's helper
object ``_h`` gets the function as its method ``strings_Contains`` (``install``), which is what the
generated code calls. A function takes that helper object first; its Python name stays ``pkg_Name``
(tracebacks and the leak walk know some frames by it). The compiler's tables ``STD``, ``STD_VALUES``,
``STD_TYPES`` and ``PACKAGES`` are read from here (``tables``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Func:
    """A package function: whether the generated code awaits its call, its static result type, and it."""

    awaits: bool
    result: Any
    impl: Any


PACKAGES: dict[str, str] = {}  # import path -> the package's name in the tables ("math/rand/v2" -> "randv2")
FUNCS: dict[str, Func] = {}  # "strings.Contains" -> Func
VALUES: dict[str, tuple[Any, Callable[[Any], Any]]] = {}  # "time.Second" -> (static type, make(h): its value)
TYPES: dict[str, Any] = {}  # "sync.Mutex" -> its static type
ZEROS: dict[str, str] = {}  # a library type (its "ext" name) -> Python source of its zero value ("_h.Mutex()")
METHOD_RESULTS: dict[tuple[str, str], Any] = {}  # (library type, method) -> static result type, where it matters
HELPERS: dict[str, Any] = {}  # other methods of _h a package's code calls (zero values of its types, ...)
SETUP: list[Callable[[Any], None]] = []  # per-run state of a package on _h (the logger's flags, rand's source)


def attr(name: str) -> str:
    """The helper object's attribute for a Go name: ``strings.Contains`` -> ``strings_Contains``."""
    return name.replace(".", "_")


def _claim(table: dict, name: str) -> None:
    if name in table:
        raise ValueError(f"{name} is declared twice in the standard library registry")


def package(path: str, name: str) -> None:
    """Import path ``path`` is the package ``name`` (the prefix of its names here)."""
    _claim(PACKAGES, path)
    PACKAGES[path] = name


def std(name: str, result: Any = None, *, awaits: bool | None = None) -> Callable:
    """Decorator: the function implements ``name`` (``pkg.Name``), whose call gives static type ``result``.

    Its call is awaited when it is an ``async def``, or when ``awaits`` says so (a plain function that
    returns an awaitable: time.Sleep). Stack several for aliases (rand.Int63n is rand.Intn)."""
    def deco(fn: Any) -> Any:
        _claim(FUNCS, name)
        FUNCS[name] = Func(inspect.iscoroutinefunction(fn) if awaits is None else awaits, result, fn)
        return fn
    return deco


def value(name: str, typ: Any, make: Callable[[Any], Any]) -> None:
    """The package variable or constant ``name`` of static type ``typ``; ``make(h)`` gives each run's value."""
    _claim(VALUES, name)
    VALUES[name] = (typ, make)


def const(name: str, typ: Any, v: Any) -> None:
    """A constant (or a variable of an immutable value): every run's value is ``v``."""
    value(name, typ, lambda _h: v)


def std_type(name: str, typ: Any, zero: str | None = None) -> None:
    """The package type ``name`` has static type ``typ``; ``zero``, the generated code's source for its zero
    value (a helper's call: ``_h.Mutex()``), when that is not nil."""
    _claim(TYPES, name)
    TYPES[name] = typ
    if zero is not None:
        _claim(ZEROS, typ[1])
        ZEROS[typ[1]] = zero


def method_results(typ: str, results: dict[str, Any]) -> None:
    """What the methods of library type ``typ`` give, where the compiler needs it (fmt prints a Duration as 1.5s)."""
    for method, t in results.items():
        _claim(METHOD_RESULTS, (typ, method))
        METHOD_RESULTS[(typ, method)] = t


def helper(name: str) -> Callable:
    """Decorator: the function becomes the helper object's method ``name`` (``_h.Mutex()``)."""
    def deco(fn: Any) -> Any:
        _claim(HELPERS, name)
        HELPERS[name] = fn
        return fn
    return deco


def setup(fn: Callable[[Any], None]) -> Callable[[Any], None]:
    """Decorator: ``fn(h)`` sets a package's per-run state on a new helper object."""
    SETUP.append(fn)
    return fn


def install(cls: type) -> None:
    """Give the helper class every function (``pkg_Name``) and helper as a method."""
    for name, f in FUNCS.items():
        setattr(cls, attr(name), f.impl)
    for name, fn in HELPERS.items():
        setattr(cls, name, fn)


def init(h: Any) -> None:
    """A new helper object's per-run state and package values (``h.time_Second``, ``h.io_EOF``, ...)."""
    for fn in SETUP:
        fn(h)
    for name, (_typ, make) in VALUES.items():
        setattr(h, attr(name), make(h))


def float_params() -> dict[str, tuple[int, ...]]:
    """Name -> the positions of the Go arguments its implementation annotates ``float`` (a float64 parameter:
    the compiler hands an integer constant there as a float, as Go converts it: math.Max(3, x))."""
    out = {}
    for name, f in FUNCS.items():
        params = list(inspect.signature(f.impl).parameters.values())[1:]  # after the helper object
        at = tuple(i for i, p in enumerate(params) if p.annotation in ("float", float))
        if at:
            out[name] = at
    return out


def tables() -> tuple[dict, dict, dict]:
    """The compiler's ``STD`` (name -> (awaited, result)), ``STD_VALUES`` and ``STD_TYPES`` (name -> type)."""
    return ({n: (f.awaits, f.result) for n, f in FUNCS.items()}, {n: t for n, (t, _m) in VALUES.items()},
            dict(TYPES))
