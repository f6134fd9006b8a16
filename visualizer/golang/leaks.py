"""Which blocked goroutines are leaked: the rule of Go's goroutineleak profile.

Go 1.26+ runs a GC whose roots are the globals and the stacks of goroutines
that may run (runtime/mgc.go, ``isMaybeRunnable``): a goroutine blocked on a
channel, a select or a sync primitive joins the roots only once something
already marked reaches what it waits on; nil-channel operations and
``select {}`` never do. Whatever is left is leaked. The marking here walks the
interpreter's values the same way, and, like Go's stack maps, only counts a
frame's variables that the rest of its function still uses.
"""

from __future__ import annotations

import operator
import sys
import types
from typing import Any

from ..core.channel import Channel, Sudog
from ..core.runtime import PARKED
from ..core.sync import Primitive, RWMutex
from . import values as V

FUNC_NODES = {"function_declaration", "method_declaration", "func_literal"}
NEVER = {"chan send (nil chan)", "chan receive (nil chan)", "select (no cases)"}

_SKIP = (type, types.ModuleType, types.CodeType, types.BuiltinFunctionType, types.FrameType)


def _idents(node, cache: dict) -> frozenset:
    got = cache.get(node.id)
    if got is None:
        out = set()
        stack = [node]
        while stack:
            n = stack.pop()
            if n.type == "identifier":
                out.add(n.text.decode())
            stack.extend(n.children)
        got = frozenset(out)
        cache[node.id] = got
    return got


def live_names(node, cache: dict) -> frozenset:
    """Go names the function still uses from statement ``node`` on."""
    key = ("live", node.id)
    got = cache.get(key)
    if got is not None:
        return got
    names = set(_idents(node, cache))
    n = node
    while n.parent is not None and n.type not in FUNC_NODES:
        p = n.parent
        if p.type in ("statement_list", "block"):
            after = False
            for c in p.children:
                if after:
                    names |= _idents(c, cache)
                elif c.id == n.id:
                    after = True
        elif p.type in ("for_statement",):
            names |= _idents(p, cache)
        n = p
    got = frozenset(names)
    cache[key] = got
    return got


_CLOSURE_DEF: Any = object()  # _local_name's answer for a func literal's Python def: Go reaches it only through variables
_local_names: dict[str, Any] = {}


def _local_name(py: str) -> Any:
    """A frame local's Go name, ``_CLOSURE_DEF``, or None (not a Go variable); memoized, as every leak
    check asks it of every local of every goroutine it walks."""
    got = _local_names.get(py, _local_names)
    if got is _local_names:
        got = _CLOSURE_DEF if (py[:1] == "L" and py[1:].isdigit()) or py.startswith("_mk_") else V.unmangle(py, "v")
        if len(_local_names) < 1 << 16:
            _local_names[py] = got
    return got


def frame_values(ip: Any, code_name: str, lineno: int, f_locals: dict, cache: dict) -> list:
    """The values a Go frame can still reach: its locals at ``lineno``, minus variables no longer live there.

    Closures' Python defs are skipped (Go reaches them only through variables);
    ``cache`` memoizes the live-variable analysis per syntax node."""
    info = ip.prog.lines.get(lineno)
    if info is not None and info[2] < 0:
        live: frozenset | None = frozenset()  # running its defers: nothing of its own is live
        node = None
    else:
        node = ip.prog.nodes[info[2]] if info is not None and ip.prog.nodes else None
        live = live_names(node, cache) if node is not None else None
    out = []
    for k, v in f_locals.items():
        name = _local_name(k)
        if name is _CLOSURE_DEF or (name is not None and live is not None and name not in live):
            continue
        out.append(v)
    return out


_TIME, _CONTEXT = __package__ + ".stdlib.time", __package__ + ".stdlib.context"

# How the walk looks inside a value of each type, decided once per type: every leak check walks
# thousands of values, most of a few types
_PLAIN = frozenset((int, float, str, bool, bytes, complex))
_SKIPPED, _ITEMS, _ATTRS, _CHANNEL, _FUNC, _DICT, _SLICE, _PRIM, _METHOD, _TIMER, _CTX = range(11)
_NOT_WALKED = frozenset(("rt", "h", "ip", "holders", "__weakref__", "waitq", "readq", "writeq", "sendq", "recvq",
                         "carriers"))
_KINDS: dict[type, tuple] = {}


def _kind(t: type) -> tuple:
    """(kind, and for _ATTRS: a getter of the attributes to walk, how many, whether to walk __dict__)."""
    if t is Channel:
        k: tuple = (_CHANNEL,)
    elif issubclass(t, Primitive):
        k = (_PRIM,)
    elif t in (list, tuple, set, frozenset):
        k = (_ITEMS,)
    elif t is V.Slice:
        k = (_SLICE,)
    elif t is dict:
        k = (_DICT,)
    elif t is types.FunctionType:
        k = (_FUNC,)
    elif t is types.MethodType:
        k = (_METHOD,)
    elif issubclass(t, _SKIP) or t.__name__ in ("Interp", "Helpers", "GoRuntime", "Goroutine"):
        k = (_SKIPPED,)
    elif t.__name__ == "Timer" and t.__module__ == _TIME:
        k = (_TIMER,)
    elif t.__name__ == "Context" and t.__module__ == _CONTEXT:  # not contextvars' (asyncio's frames)
        k = (_CTX,)
    else:
        if issubclass(t, V.GoStruct):  # every field is set: one C call reads them
            names = t._fields
            getter = operator.attrgetter(*names) if names else None
            k = (_ATTRS, getter, len(names) > 1, False)
        else:  # an unset slot reads as None
            names = tuple(n for klass in t.__mro__ for n in getattr(klass, "__slots__", ()) if n not in _NOT_WALKED)
            getter = (lambda v, _n=names: [getattr(v, n, None) for n in _n]) if names else None
            k = (_ATTRS, getter, True, True)
    if len(_KINDS) < 4096:
        _KINDS[t] = k
    return k


def goroutine_frames(g: Any, current_frame: Any, with_locals: bool = True) -> list[tuple[str, int, dict | None]]:
    """(code name, line, locals) of every frame of ``g``, outermost first: from ``current_frame`` (the
    running goroutine's) out to its entry, not into the runtime or the event loop that resumed it.
    Without ``with_locals`` the locals are None: a traceback needs none, and a frame's f_locals builds a
    dict each time (a third of the leak report of GoKer's Cockroach3710, 11,000 leaked goroutines)."""
    out = []
    if current_frame is not None:
        f = current_frame
        while f is not None:
            out.append((f.f_code.co_name, f.f_lineno, f.f_locals if with_locals else None))
            if f.f_code.co_name == "_gomain":
                break
            f = f.f_back
        out.reverse()
        return out
    c = g.coro
    while c is not None:
        fr = getattr(c, "cr_frame", None)
        if fr is None:
            break
        out.append((c.cr_code.co_name, fr.f_lineno, fr.f_locals if with_locals else None))
        c = c.cr_await
    return out


def waits_on(g: Any) -> list:
    """The channels (or sync primitives) goroutine ``g`` is parked on."""
    w = g.waiting
    if type(w) is Sudog:
        return [w.ch]
    return [s.ch for s in w]


def find_leaks(ip: Any, current_frame: Any, blocked: set | None = None, known: set | None = None) -> set[int]:
    """Core gids of the program's goroutines leaked right now (of ``blocked``, when given:
    the goroutines that were blocked when the leak GC started). Goroutines in ``known`` were found
    leaked before and are left out of the walk: a leaked goroutine stays leaked (nothing that can
    run reaches what it waits on, so nothing can make it reachable), so a live run's repeated checks
    cost what is new, not every leak so far."""
    rt = ip.rt
    cache = ip.__dict__.setdefault("_live_cache", {})
    marked: set[int] = set()
    todo: list = []
    # what each blocked candidate waits on: the walk makes it a root the moment it marks that (one pass,
    # not a rescan of every candidate after each one found reachable)
    waiters: dict[int, list] = {}
    woken: list = []

    def push(vals) -> None:
        todo.extend(vals)

    def drain() -> None:
        kinds = _KINDS
        while todo:
            v = todo.pop()
            t = type(v)
            if v is None or t in _PLAIN:
                continue
            i = id(v)
            if i in marked:
                continue
            marked.add(i)
            if i in waiters:
                woken.extend(waiters.pop(i))
            k = kinds.get(t)
            if k is None:
                k = _kind(t)
            kind = k[0]
            if kind == _ITEMS:
                todo.extend(v)
            elif kind == _ATTRS:  # a Go struct's fields, or an object's slots and dict
                if k[1] is not None:
                    if k[2]:
                        todo.extend(k[1](v))
                    else:
                        todo.append(k[1](v))
                d = getattr(v, "__dict__", None) if k[3] else None
                if d is not None:
                    todo.extend(d.values())
            elif kind == _CHANNEL:
                todo.extend(v.buf)
            elif kind == _FUNC:
                if v.__closure__:
                    for cell in v.__closure__:
                        try:
                            todo.append(cell.cell_contents)
                        except ValueError:
                            pass
                entry = getattr(v, "go_entry", None)
                if entry is not None:
                    todo.append(entry)
            elif kind == _DICT:
                todo.extend(v.keys())
                todo.extend(v.values())
            elif kind == _SLICE:  # a window on a shared array: all of the array stays reachable, as in Go
                todo.append(v.arr)
            elif kind == _PRIM:
                if t is RWMutex or isinstance(v, RWMutex):
                    todo.append(v.w)
                L = getattr(v, "L", None)
                if L is not None:
                    todo.append(L)
            elif kind == _METHOD:
                todo.append(v.__self__)
                todo.append(v.__func__)
            elif kind == _TIMER:
                if v.active:
                    todo.extend((v.C, v.fn, v.ctx))
            elif kind == _CTX:
                todo.extend((v.done, v.parent, v.children, v.values, v.timer, v.err))

    def mark_goroutine(g: Any, frame: Any) -> None:
        inf = ip.info.get(g.gid)
        hidden = inf is None or inf.hidden
        for name, line, loc in goroutine_frames(g, frame):
            if name in ip.prog.funcs and not hidden:
                push(frame_values(ip, name, line, loc, cache))
            elif name in ("run_defers",):
                push(loc.values())
            elif hidden or name not in ("find_leaks", "write_profile", "WriteTo", "Count"):
                push(v for k, v in loc.items() if k not in ("self",) or hidden)
        if inf is not None and not hidden:
            push((inf.fn,))

    # roots: globals, then every goroutine that is not blocked on a leakable wait
    push(v for k, v in ip.ns.items() if k.startswith("G_"))
    candidates = []
    for g in list(rt.goroutines.values()):
        if known is not None and g.gid in known:
            continue
        if g.state == PARKED and (blocked is None or g.gid in blocked):
            candidates.append(g)
            if g.op not in NEVER:
                for o in waits_on(g):
                    waiters.setdefault(id(o), []).append(g)
        else:
            mark_goroutine(g, current_frame if g is rt.current else None)
    reached: set[int] = set()
    drain()
    while woken:
        g = woken.pop()
        if g.gid not in reached:
            reached.add(g.gid)
            mark_goroutine(g, None)
            drain()
    leaked = {g.gid for g in candidates
              if g.gid not in reached and (not ip.info.get(g.gid) or not ip.info[g.gid].hidden)}
    # mgc.go: the main goroutine parked in select{} is analysed as leaked but never reported
    main_g = getattr(ip, "main_g", None)
    if main_g is not None and main_g.gid in leaked and main_g.op == "select (no cases)":
        leaked.discard(main_g.gid)
    return leaked


def current_frame() -> Any:
    """The caller's Python frame (to start the reachability walk of the running goroutine from)."""
    return sys._getframe(1)


def never_continue(ip: Any, leaked: set[int]) -> set[int]:
    """Core gids of the goroutines that can never continue once the program has ended: the ``leaked``
    ones (Go's rule) and, when nothing can run any more (no goroutine runnable, no timer pending), every
    goroutine of the program still blocked. Go's profile leaves the latter out when what they wait on is
    reachable (a global lock held by a goroutine that exited, say); nothing is left to release it."""
    rt = ip.rt
    if rt.runnable() or rt.next_timer() is not None:
        return set(leaked)
    main_g = getattr(ip, "main_g", None)
    blocked = {gid for gid, g in rt.goroutines.items()
               if g.state == PARKED and gid in ip.info and not ip.info[gid].hidden
               and (main_g is None or gid != main_g.gid)}
    return blocked | set(leaked)
