"""The ``leakviz-run`` format: its constants, its errors, the shape every event must have, and a Config read back.

See the package's docstring for the format itself.
"""

from __future__ import annotations

import errno
import gc
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from ..scenario import Config, ConfigError
from ..trace import Event, Events, _canon

if TYPE_CHECKING:
    from .program import SavedProgram

__all__ = ["FORMAT", "SHAPES", "VERSION", "Recording", "RunFileError"]

FORMAT = "leakviz-run"
VERSION = 2  # 2: a Go program's run too, and the footer hashes the header; version 1 files still read

_GZIP_MAGIC = b"\x1f\x8b"
_LEVEL = 6
_BATCH = 8192  # events encoded, compressed and written at a time
_READ = 1 << 20  # compressed bytes read at a time
_STEP = 8 << 20  # decompressed bytes handled at a time
_MAX_HEADER = 64 << 20  # a header line longer than this is not ours (a program's holds its source)
_MAX_LINE = 64 << 20  # nor is an event line longer than this
_CHECK_REST = 256 << 20  # after a bad line, decompressed bytes checked for damage
# Our runs inflate about 7 times; far more than that is a gzip bomb, refused
# before it fills memory (the allowance covers a small file's header).
_MAX_RATIO = 50
_ALLOWANCE = 16 << 20
_SHA_RE = re.compile(r"[0-9a-f]{64}")

# Strings that recur in every trace: loaded events share one object for each
# (str keys only, so ints, floats and bools never match them).
_COMMON = {s: s for s in (
    "go", "make", "sleep", "wake", "park", "unpark", "send", "recv", "close", "exit", "panic",
    "stranded", "request", "verdict", "return", "config", "select", "direct", "buffer", "closed",
    "server", "handler", "check", "drain", "main", "accepted", "rejected",
    "done", "quit", "ctx.Done()", "stop", "response")}
_SCALARS = frozenset({int, str, bool, float, type(None)})


class RunFileError(ValueError):
    """A run file that cannot be saved or read; the message is one line for the user."""


@dataclass(frozen=True)
class Recording:
    """A loaded run: its config, its events (tuples, as the trace holds them),
    the trace's sha256 (checked against the events) and who saved it; for a
    Go program's run, ``program`` (its events are not kept: opening it runs
    it again) and ``config`` None."""

    config: Config | None
    events: Events = field(repr=False)  # compacted; index, iterate or list() it
    sha256: str
    saved_by: str
    program: SavedProgram | None = None


def _why(e: OSError) -> str:
    if isinstance(e, FileNotFoundError):
        return "no such file or folder"
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, IsADirectoryError):
        return "it is a folder"
    if e.errno == errno.ENOSPC:
        return "no space left on the disk"
    return (e.strerror or str(e) or type(e).__name__).rstrip(".").lower()


@contextmanager
def _gc_paused() -> Iterator[None]:
    # a million new tuples would trigger full collections over and over
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _hash_update(h: Any, events: list[Event]) -> None:
    if events:
        h.update(("\n".join(map(_canon, events)) + "\n").encode())


class _Bad(Exception):
    """A line that is not what the format says (message: what is wrong;
    ``at``: the index of the bad event in the batch being checked, if known)."""

    def __init__(self, msg: str, at: int | None = None) -> None:
        super().__init__(msg)
        self.at = at


# The fields each kind of event carries after (t_ns, kind), as the engine and
# the scenario write them (see trace.py); ``park``'s three arrays are checked
# on their own. A kind not listed here is kept as it is: the fold ignores it.
SHAPES: dict[str, tuple[type, ...]] = {
    "go": (int, int, str, int, int), "make": (int, str, int, int), "sleep": (int, int),
    "wake": (int,), "unpark": (int, int), "exit": (int,), "panic": (int, str), "stranded": (int, int, int),
    "send": (int, int, str, int), "recv": (int, int, str, int), "close": (int, int, int),
    "request": (int, str), "return": (int, str), "verdict": (int, int, bool), "config": (str,),
}
_PARK = (int, str, tuple, tuple, tuple)
_ON_LIVE = frozenset({"park", "unpark", "wake", "sleep", "exit", "panic", "stranded"})  # name a live goroutine
_ENDS = frozenset({"exit", "panic", "stranded"})  # after which a goroutine never acts again


_SIGS = {k: (int, str, *v) for k, v in SHAPES.items()}  # whole events, for one comparison each
_PARK_SIG = (int, str, *_PARK)
_INTS, _BOOLS, _STRS = frozenset({int}), frozenset({bool}), frozenset({str})


def _check_shapes(events: list[Event], live: set[int], t0: int) -> int:
    """Raise _Bad (with the offending index into ``events``) unless every
    event has its kind's shape, time never goes back, and each goroutine
    event names a goroutine that was started and has not ended. ``live`` is
    updated; returns the last event's time."""
    sigs = _SIGS
    on_live, ends = _ON_LIVE, _ENDS
    for i, e in enumerate(events):
        t = e[0]
        if t < t0:
            raise _Bad(f"its time {t} is before the event before it ({t0})", i)
        t0 = t
        k = e[1]
        want = sigs.get(k)
        if want is not None:
            if tuple(map(type, e)) != want:
                names = ", ".join(x.__name__ for x in want[2:])
                raise _Bad(f"a {k} event is (t, {json.dumps(k)}, {names})", i)
            if k == "go":
                if e[2] in live:
                    raise _Bad(f"goroutine {e[2]} is started twice", i)
                live.add(e[2])
                continue
        elif k == "park":
            if (tuple(map(type, e)) != _PARK_SIG or len(e[4]) != len(e[5]) or not set(map(type, e[4])) <= _INTS
                    or not set(map(type, e[5])) <= _BOOLS or not set(map(type, e[6])) <= _STRS):
                raise _Bad("a park event is (t, \"park\", gid, op, [cids], [is-send flags], [names])", i)
        else:
            continue  # a kind the fold ignores
        if k in on_live:
            if e[2] not in live:
                raise _Bad(f"goroutine {e[2]} was not started or has ended", i)
            if k in ends:
                live.discard(e[2])
    return t0


def _thaw(o: list, get: Any = _COMMON.get) -> tuple:
    """A parsed JSON array as an event or a field of one: arrays become
    tuples, recursively; common strings are shared."""
    types = set(map(type, o))
    if types <= _SCALARS:
        return tuple(map(get, o, o))
    if dict in types:
        raise _Bad("it holds a JSON object")
    return tuple([_thaw(x) if type(x) is list else get(x, x) for x in o])


def _is_int(v: Any) -> bool:
    return type(v) is int


def _is_num(v: Any) -> bool:
    return type(v) in (int, float)


# what each annotation of a Config field accepts in JSON, and how it comes back
_SETTING_KINDS: dict[str, tuple[str, Any, bool]] = {
    # annotation: (what it must be, check of a value or of each item, is a list)
    "str": ("text", lambda v: type(v) is str, False),
    "int": ("a whole number", _is_int, False),
    "bool": ("true or false", lambda v: type(v) is bool, False),
    "float": ("a number", _is_num, False),
    "tuple[int, ...] | None": ("null or a list of whole numbers", _is_int, True),
    "tuple[float, ...] | None": ("null or a list of numbers", _is_num, True),
}


def config_of(obj: Any, name: str) -> Config:
    """The Config a JSON object describes (a run file's header, a saved Go run's article requests): every
    setting checked; RunFileError with one line naming ``name`` otherwise."""
    if type(obj) is not dict:
        raise RunFileError(f"{name}: the header is malformed: its config is not a JSON object")
    known = {f.name: f for f in fields(Config)}
    for key in obj:
        if key not in known:
            raise RunFileError(f"{name}: its config has an unknown setting {key!r}")
    kw = {}
    for key, v in obj.items():
        kind = _SETTING_KINDS.get(str(known[key].type))
        if kind is None:  # a field this reader has no rule for: take it as JSON gives it
            kw[key] = _thaw(v) if type(v) is list else v
            continue
        what, ok, is_list = kind
        if is_list:
            good = v is None or (type(v) is list and all(map(ok, v)))
            v = tuple(v) if type(v) is list else v
        else:
            good = ok(v)
        if not good:
            raise RunFileError(f"{name}: its config is invalid: {key} must be {what}, got {json.dumps(v)[:40]}")
        kw[key] = v
    try:
        return Config(**kw).validate()
    except ConfigError as e:
        raise RunFileError(f"{name}: its config is invalid: {e}") from None
    except (TypeError, ValueError) as e:
        raise RunFileError(f"{name}: its config is invalid: {e}") from None
