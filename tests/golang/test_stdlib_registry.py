"""The standard library's one registry (golang/stdlib): what a package declares is what the compiler
accepts and what the interpreter's helper object runs, with nothing left over on either side."""

import inspect
import re

from visualizer.golang import compile as C
from visualizer.golang import stdlib
from visualizer.golang.compile import compile_files
from visualizer.golang.interp import Helpers, Interp

PKG_NAMES = set(stdlib.PACKAGES.values())


def _helper_object() -> Helpers:
    return Interp(compile_files([("/x/main.go", b"package main\n\nfunc main() {}\n")])).h


def _package_member(attr: str) -> bool:
    """Whether a helper attribute is spelled as a package's member (``strings_Contains``, ``io_EOF``)."""
    pkg, _, name = attr.partition("_")
    return pkg in PKG_NAMES and name[:1].isupper()


def test_every_declared_name_is_implemented_on_the_helper_object():
    h = _helper_object()
    funcs = {n: f.impl for n, f in stdlib.FUNCS.items()}
    # the class attribute is the registered implementation itself, not one of interp.py's own
    assert {n: Helpers.__dict__.get(stdlib.attr(n)) for n in funcs} == funcs
    assert [n for n in funcs if not callable(getattr(h, stdlib.attr(n)))] == []
    assert [n for n in stdlib.VALUES if stdlib.attr(n) not in vars(h)] == []
    assert [n for n, fn in stdlib.HELPERS.items() if Helpers.__dict__.get(n) is not fn] == []
    # a library type's zero value is a call of one of those helpers
    zeros = {t: re.fullmatch(r"_h\.(\w+)\((None|False)?\)", src) for t, src in stdlib.ZEROS.items()}
    assert len(zeros) >= 10 and [t for t, m in zeros.items() if m is None or m[1] not in stdlib.HELPERS] == []


def test_every_package_member_of_the_helper_object_is_declared():
    h = _helper_object()
    declared = {stdlib.attr(n) for n in [*stdlib.FUNCS, *stdlib.VALUES]}
    members = {a for a in [*vars(Helpers), *vars(h)] if _package_member(a)}
    assert len(members) > 200  # the check looks at the helper object's real attributes
    assert members - declared == set()


def test_a_coroutine_function_is_always_awaited():
    """``awaits`` only ever adds a plain function that hands back an awaitable (time.Sleep)."""
    assert [n for n, f in stdlib.FUNCS.items() if inspect.iscoroutinefunction(f.impl) and not f.awaits] == []
    assert stdlib.FUNCS["time.Sleep"].awaits and not inspect.iscoroutinefunction(stdlib.FUNCS["time.Sleep"].impl)


def test_the_compilers_tables_are_the_registrys():
    assert (C.STD, C.STD_VALUES, C.STD_TYPES) == stdlib.tables()
    assert C.PACKAGES == stdlib.PACKAGES
    assert C.EXT_ZERO == stdlib.ZEROS
    assert {**C.EXT_RESULTS, **{("time.Duration", m): t for m, t in C.DUR_RESULTS.items()}} == stdlib.METHOD_RESULTS
    # every package declares members, and no member belongs to a package the compiler does not import
    assert {name.partition(".")[0] for name in [*C.STD, *C.STD_VALUES, *C.STD_TYPES]} == PKG_NAMES
