"""The standard library's one registry (golang/stdlib): what a package declares is what the compiler
accepts and what the interpreter's helper object runs, with nothing left over on either side."""

import inspect

from visualizer.golang import compile as C
from visualizer.golang import stdlib
from visualizer.golang.compile import compile_files
from visualizer.golang.interp import Helpers, Interp

PKG_NAMES = set(stdlib.PACKAGES.values())


def _helper_object() -> Helpers:
    return Interp(compile_files([("/x/main.go", b"package main\n\nfunc main() {}\n")])).h


def _declared_pkg(attr: str) -> bool:
    """Whether a helper attribute is spelled as a registered package's member (``strings_Contains``)."""
    pkg, _, name = attr.partition("_")
    return pkg in PKG_NAMES and name[:1].isupper()


def test_every_declared_name_is_implemented_on_the_helper_object():
    h = _helper_object()
    funcs = {n: f.impl for n, f in stdlib.FUNCS.items()}
    # the class attribute is the registered implementation itself (not one of interp.py's own)
    assert {n: Helpers.__dict__.get(stdlib.attr(n)) for n in funcs} == funcs
    assert [n for n in funcs if not callable(getattr(h, stdlib.attr(n)))] == []
    assert [n for n in stdlib.VALUES if stdlib.attr(n) not in vars(h)] == []
    assert [n for n in stdlib.HELPERS if Helpers.__dict__.get(n) is not stdlib.HELPERS[n]] == []


def test_every_package_member_of_the_helper_object_is_declared():
    h = _helper_object()
    declared = {stdlib.attr(n) for n in [*stdlib.FUNCS, *stdlib.VALUES]}
    members = {a for a in [*vars(Helpers), *vars(h)] if _declared_pkg(a)}
    assert members - declared == set()


def test_a_function_is_awaited_when_it_is_a_coroutine_function_unless_declared_so():
    """``awaits`` is only ever needed for a plain function handing back an awaitable (time.Sleep)."""
    for name, f in stdlib.FUNCS.items():
        if inspect.iscoroutinefunction(f.impl):
            assert f.awaits, name


def test_the_compilers_tables_are_the_registrys():
    std, values, types = stdlib.tables()
    mine = lambda table: {k: v for k, v in table.items() if k.partition(".")[0] in PKG_NAMES}  # noqa: E731
    assert (mine(C.STD), mine(C.STD_VALUES), mine(C.STD_TYPES)) == (std, values, types)
    assert {p: n for p, n in C.PACKAGES.items() if n in PKG_NAMES} == stdlib.PACKAGES
