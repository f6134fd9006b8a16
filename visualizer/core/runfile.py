"""Save a run to a file and open it again: same config, same trace, same picture.

A run file holds a run's starting ``Config`` and its whole event trace. Loading
it gives back the same Config, the same events (equal tuples, equal ``repr``)
and therefore the same sha256 and the same fold.

The format, ``leakviz-run`` version 1
=====================================

The file is one gzip member (RFC 1952; written at compression level 6, with
mtime 0 and no file name, so the same run gives the same bytes). Its
content is UTF-8 text (written as pure ASCII: JSON escapes everything else),
made of lines that each end with ``\\n``:

1. **Header**, one JSON object::

       {"format": "leakviz-run", "version": 1, "saved_by": "leakviz 0.1.0",
        "config": {...}, "events": N, "sha256": "..."}

   ``format`` is always ``"leakviz-run"``; ``version`` is this format's
   version, an integer (a reader refuses versions newer than its own);
   ``saved_by`` is ``"leakviz <version>"`` of the writer; ``config`` is
   ``Config.to_json()`` as an object (tuples as arrays, ``null`` for None);
   missing settings take Config's defaults, unknown ones are refused;
   ``events`` is the number of event lines; ``sha256`` is the trace's hash as
   ``Events.sha256()`` computes it: 64 lowercase hex digits of the sha256 of
   ``repr(event) + "\\n"`` for every event in order, where a ``stranded``
   event is hashed without its last field (the measured Python bytes). Other
   header keys are ignored.

2. **N event lines**, one JSON array per event, in trace order: the event
   tuple ``(t_ns, kind, *fields)`` with tuples as arrays (nested as deep as
   they are), e.g. ``[5000000,"park",16,"send",[3],[true],["done"]]``.
   ``t_ns`` is an integer, ``kind`` a string; fields are integers, strings,
   ``true``/``false``, ``null``, numbers with a fraction or exponent (Python
   floats; ``NaN``/``Infinity`` as Python's json writes them) or arrays of
   those. No JSON objects. The array starts the line and ``\\n`` follows it
   directly (JSON whitespace inside it is allowed; the writer puts none). A
   reader turns every array back into a tuple, so ``repr`` and the hash come
   out identical.

3. **Footer**, one JSON object: ``{"end": N, "sha256": "..."}``, the same
   count and hash as the header. It is the last line: nothing follows it.

A file whose footer is missing was cut short; a count or hash that does not
match what the lines hold, or a gzip checksum that fails, means the file is
damaged. Either way ``load`` raises ``RunFileError`` with a one-line message,
as it does for anything that is not a readable version-1 run file. This
reader's limits: a header line of at most 1 MiB, event lines of at most 64 MiB.

``save`` writes a temporary file next to the target and renames it over the
target, so a crash never leaves a half-written file under the real name. A
run whose oldest events were already forgotten (``events.first > 0``, an
interactive session that dropped old chunks) cannot be saved.
"""

from __future__ import annotations

import errno
import gc
import hashlib
import json
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from itertools import islice
from typing import Any

from .. import __version__
from .atomic import WriteError, atomic_write, show_path
from .scenario import Config, ConfigError
from .trace import Event, Events, _canon

FORMAT = "leakviz-run"
VERSION = 1

_GZIP_MAGIC = b"\x1f\x8b"
_LEVEL = 6
_BATCH = 8192  # events encoded, compressed and written at a time
_READ = 1 << 20  # compressed bytes read at a time
_STEP = 8 << 20  # decompressed bytes handled at a time
_MAX_HEADER = 1 << 20  # a header line longer than this is not ours
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
    the trace's sha256 (checked against the events) and who saved it."""

    config: Config
    events: Events = field(repr=False)  # compacted; index, iterate or list() it
    sha256: str
    saved_by: str


# -- shared --

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


# -- saving --

def _encoder():
    """A compact JSON encoder for one event: json's C encoder made once
    (``JSONEncoder.encode`` makes it anew for every call), or the plain one."""
    plain = json.JSONEncoder(separators=(",", ":"), check_circular=False).encode
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return plain

    def refuse(o: Any) -> Any:
        raise TypeError(f"{type(o).__name__} is not JSON serializable")

    try:
        c = make(None, refuse, json.encoder.encode_basestring_ascii, None, ":", ",", False, False, True)
        join = "".join

        def fast(e: Any) -> str:
            return join(c(e, 0))

        probe = (1, "park", 2, "send", (3, 4), (True, False), ("done", "中\n\"\\"), None, 1.5, -0.0, 10**20)
        if fast(probe) == plain(probe):
            return fast
    except Exception:  # noqa: BLE001 - any surprise: use the documented encoder
        pass
    return plain


_encode = _encoder()


def _bad_value(v: Any, depth: int = 0) -> str | None:
    """Why ``v`` cannot be a field of a saved event (None: it can)."""
    t = type(v)
    if t in _SCALARS:
        return None
    if t is tuple:
        if depth > 50:
            return "its tuples nest too deep"
        for x in v:
            why = _bad_value(x, depth + 1)
            if why:
                return why
        return None
    return f"it holds a {t.__name__}, which would not load back the same"


def _check_event(e: Any, i: int) -> None:
    if type(e) is not tuple or len(e) < 2 or type(e[0]) is not int or type(e[1]) is not str:
        raise RunFileError(f"event {i:,} is not a (time, kind, ...) tuple: {repr(e)[:80]}")
    why = _bad_value(e)
    if why:
        raise RunFileError(f"event {i:,} cannot be saved: {why}")


def _encode_batch(batch: list[Event], start: int) -> bytes:
    scalars = _SCALARS
    enc = _encode
    lines = []
    for i, e in enumerate(batch, start):
        if (type(e) is not tuple or len(e) < 2 or type(e[0]) is not int or type(e[1]) is not str
                or not scalars.issuperset(map(type, e))):
            _check_event(e, i)
        lines.append(enc(e))
    lines.append("")
    return "\n".join(lines).encode()


def _batches(it: Iterable[Event]) -> Iterator[list[Event]]:
    it = iter(it)
    while batch := list(islice(it, _BATCH)):
        yield batch


def save(path: str | os.PathLike, *, config: Config, events: Events | list[Event]) -> None:
    """Write the run (its starting config and all its events) to ``path``.

    Atomic: the data goes to a temporary file in the same folder, which then
    replaces ``path`` in one step. Raises RunFileError (one line) when the run
    cannot be saved whole or the file cannot be written.
    """
    path = os.fspath(path)
    name = show_path(path)
    if not isinstance(config, Config):
        raise TypeError(f"config must be a scenario.Config, not {type(config).__name__}")
    try:
        config.validate()
    except ConfigError as e:
        raise RunFileError(f"cannot save {name}: its config is invalid: {e}") from None
    first = getattr(events, "first", 0)
    if first:
        raise RunFileError(f"cannot save {name}: this run's oldest events were already forgotten "
                           f"(it keeps events from {first:,} on), so it cannot be saved whole")
    with _gc_paused():
        if isinstance(events, Events):
            n = len(events)
            sha = events.sha256()
            source: Iterable[Event] = islice(iter(events), n)
        else:
            if not isinstance(events, list):
                events = list(events)
            n = len(events)
            h = hashlib.sha256()
            for k in range(0, n, _BATCH):
                batch = events[k:k + _BATCH]
                for i, e in enumerate(batch, k):
                    if type(e) is not tuple or len(e) < 2 or type(e[1]) is not str:
                        _check_event(e, i)
                _hash_update(h, batch)
            sha = h.hexdigest()
            source = events
        header = {"format": FORMAT, "version": VERSION, "saved_by": f"leakviz {__version__}",
                  "config": json.loads(config.to_json()), "events": n, "sha256": sha}
        footer = {"end": n, "sha256": sha}

        try:
            with atomic_write(path, "wb") as f:
                z = zlib.compressobj(_LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # gzip wrapper
                f.write(z.compress((json.dumps(header) + "\n").encode()))
                written = 0
                live: set[int] = set()
                t = 0
                for batch in _batches(source):
                    data = _encode_batch(batch, written)  # checks each field's type first
                    try:
                        t = _check_shapes(batch, live, t)
                    except _Bad as e:  # what load would refuse is not saved
                        raise RunFileError(f"cannot save {name}: event {written + (e.at or 0):,} {e}") from None
                    f.write(z.compress(data))
                    written += len(batch)
                if written != n:
                    raise RunFileError(f"cannot save {name}: the trace changed while it was being saved")
                f.write(z.compress((json.dumps(footer) + "\n").encode()))
                f.write(z.flush())
        except WriteError as e:
            raise RunFileError(f"cannot save {name}: {e.why}") from e.__cause__


# -- loading --

class _Bad(Exception):
    """A line that is not what the format says (message: what is wrong;
    ``at``: the index of the bad event in the batch being checked, if known)."""

    def __init__(self, msg: str, at: int | None = None) -> None:
        super().__init__(msg)
        self.at = at


def _thaw(o: list, get: Any = _COMMON.get) -> tuple:
    """A parsed JSON array as an event or a field of one: arrays become
    tuples, recursively; common strings are shared."""
    types = set(map(type, o))
    if types <= _SCALARS:
        return tuple(map(get, o, o))
    if dict in types:
        raise _Bad("it holds a JSON object")
    return tuple([_thaw(x) if type(x) is list else get(x, x) for x in o])


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


def _config(obj: Any, name: str) -> Config:
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


class _Reader:
    """Streams a run file: decompresses, splits lines, parses and hashes as it goes."""

    def __init__(self, f: Any, name: str) -> None:
        self.f = f
        self.name = name
        self.header: dict[str, Any] | None = None
        self.config: Config | None = None
        self.footer: dict[str, Any] | None = None
        self.events = Events()  # compacted as it grows: memory stays near the loaded run's own size
        self.hash = hashlib.sha256()
        self.scan = json.JSONDecoder().scan_once
        self.live: set[int] = set()  # goroutines started and not ended, for the shape check
        self.t = 0
        self.inflated = 0
        self.max_inflated = _MAX_HEADER  # decompressed bytes allowed, set from the file's size

    def err(self, what: str) -> RunFileError:
        return RunFileError(f"{self.name}: {what}")

    def read_bytes(self) -> bytes:
        try:
            return self.f.read(_READ)
        except OSError as e:
            raise self.err(f"cannot read it: {_why(e)}") from e

    # -- the layers: bytes, lines, values --

    def run(self) -> Recording:
        data = self.read_bytes()
        if not data:
            raise self.err("the file is empty, not a leakviz run")
        if not data.startswith(_GZIP_MAGIC):
            raise self.err("not a leakviz run file (it is not gzip-compressed)")
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)  # gzip only
        pending = b""
        while True:
            out = self.inflate(d, data)
            data = d.unconsumed_tail
            if out:
                try:
                    pending = self.take(pending + out)
                except RunFileError:
                    # garbled text may only be the symptom of a damaged or cut
                    # gzip stream: if so, say that instead
                    self.check_rest(d, data)
                    raise
            if d.eof:
                if d.unused_data or self.read_bytes():
                    raise self.err("the file is damaged: there is data after its end")
                break
            if not data and not out:
                data = self.read_bytes()
                if not data:
                    raise self.err("the file is truncated: its compressed data ends early")
        return self.finish(pending)

    def inflate(self, d: Any, data: bytes) -> bytes:
        try:
            out = d.decompress(data, _STEP)
        except zlib.error as e:
            raise self.err(f"the file is damaged: its compressed data is corrupt ({_zmsg(e)})") from None
        self.inflated += len(out)
        if self.inflated > self.max_inflated:
            raise self.err(f"not a leakviz run file: it inflates to more than {_MAX_RATIO} times its size "
                           "(a run file compresses far less than that)")
        return out

    def check_rest(self, d: Any, data: bytes) -> None:
        """Decompress the rest (up to a limit), only to find damage or an early end."""
        budget = _CHECK_REST
        while budget > 0 and not d.eof:
            out = self.inflate(d, data)
            budget -= len(out)
            data = d.unconsumed_tail
            if not data and not out and not d.eof:
                data = self.read_bytes()
                if not data:
                    raise self.err("the file is truncated: its compressed data ends early")

    def take(self, buf: bytes) -> bytes:
        """Handle the complete lines in ``buf``; return the rest."""
        if self.header is None and buf[:1] != b"{":
            raise self.err("not a leakviz run file (it does not start with a run header)")
        cut = buf.rfind(b"\n") + 1
        rest = buf[cut:]
        if cut:
            try:
                text = buf[:cut].decode()
            except UnicodeDecodeError as e:
                line = 1 + len(self.events) + buf.count(b"\n", 0, e.start) + (self.header is not None)
                raise self.err(f"the file is damaged: line {line:,} is not valid UTF-8") from None
            self.lines(text)
        if self.header is None and len(rest) > _MAX_HEADER:
            raise self.err("not a leakviz run file (its first line is far too long for a run header)")
        if len(rest) > _MAX_LINE:
            raise self.err(f"line {2 + len(self.events):,} is malformed: it is far too long")
        if rest and self.footer is not None:
            raise self.err("the file is damaged: there is data after its last line")
        return rest

    def lines(self, s: str) -> None:
        """Handle ``s``: whole lines, each ending with a newline."""
        pos = 0
        if self.header is None:
            pos = s.index("\n") + 1
            self.read_header(s[:pos - 1])
        n = len(s)
        if self.footer is not None:
            if pos < n:
                raise self.err("the file is damaged: there is data after its last line")
            return
        chunk: list[Event] = []
        append = chunk.append
        scan = self.scan
        get = _COMMON.get
        find = s.find
        try:
            while pos < n:
                c = s[pos]
                if c == "[":
                    o, end = scan(s, pos)
                    if s[end] != "\n":
                        raise _Bad("there is text after its JSON array")
                    # fast paths; an array or object where they expect none is
                    # unhashable (TypeError) and takes the general one
                    try:
                        if find("[", pos + 1, end) < 0:  # flat: numbers, strings, true/false/null
                            e = tuple(map(get, o, o))
                        else:  # fields that are flat arrays, as a park event's
                            e = tuple([tuple(map(get, x, x)) if type(x) is list else get(x, x) for x in o])
                    except TypeError:
                        e = _thaw(o)
                    if len(e) < 2 or type(e[0]) is not int or type(e[1]) is not str:
                        raise _Bad("an event starts with an integer time and a kind")
                    append(e)
                    pos = end + 1
                elif c == "{":
                    nl = s.index("\n", pos)
                    self.read_footer(s[pos:nl])
                    pos = nl + 1
                    if pos < n:
                        raise self.err("the file is damaged: there is data after its last line")
                else:
                    raise _Bad("it is not a JSON array")
            if len(self.events) + len(chunk) > self.header["events"]:
                raise self.err(f"the file is damaged: it holds more events than the {self.header['events']:,} "
                               "its header says")
            self.t = _check_shapes(chunk, self.live, self.t)
        except (_Bad, ValueError, StopIteration, RecursionError) as e:
            if isinstance(e, RunFileError):
                raise
            if isinstance(e, _Bad) and e.at is not None:  # a whole event that has the wrong shape
                raise self.err(f"line {2 + len(self.events) + e.at:,} is malformed: {e}") from None
            if isinstance(e, json.JSONDecodeError):
                why = f"invalid JSON: {e.msg}"
            elif isinstance(e, StopIteration):
                why = "invalid JSON"
            elif isinstance(e, RecursionError):
                why = "it nests too deep"
            else:
                why = str(e) or "invalid JSON"
            line = 2 + len(self.events) + len(chunk)
            raise self.err(f"line {line:,} is malformed: {why}") from None
        _hash_update(self.hash, chunk)
        self.events.tail.extend(chunk)
        self.events.compact()

    def read_header(self, line: str) -> None:
        name = self.name
        try:
            h = json.loads(line)
        except (ValueError, RecursionError):
            if FORMAT not in line:
                raise self.err("not a leakviz run file (its first line is not a run header)") from None
            raise self.err("the header is malformed: it is not valid JSON") from None
        if type(h) is not dict or h.get("format") != FORMAT:
            raise self.err("not a leakviz run file (its header does not say \"format\": \"leakviz-run\")")
        v = h.get("version")
        if type(v) is not int or v < 1:
            raise self.err(f"the header is malformed: its version must be a positive integer, got {json.dumps(v)[:20]}")
        if v > VERSION:
            raise self.err(f"made by a newer leakviz (format version {v}); this one reads version {VERSION}")
        for key, ok, what in (("saved_by", lambda x: type(x) is str, "text"),
                              ("events", lambda x: type(x) is int and x >= 0, "a count (0 or more)"),
                              ("sha256", _is_sha, "64 lowercase hex digits"),
                              ("config", lambda x: x is not None, "the run's config")):
            if key not in h:
                raise self.err(f"the header is malformed: it has no {key!r}")
            if not ok(h[key]):
                raise self.err(f"the header is malformed: its {key!r} must be {what}")
        self.config = _config(h["config"], name)
        self.header = h

    def read_footer(self, line: str) -> None:
        try:
            ft = json.loads(line)
        except (ValueError, RecursionError):
            raise _Bad("its last line is not valid JSON") from None
        if (type(ft) is not dict or set(ft) != {"end", "sha256"} or type(ft["end"]) is not int
                or not _is_sha(ft["sha256"])):
            raise _Bad('the last line must be {"end": N, "sha256": "..."}')
        self.footer = ft

    def finish(self, rest: bytes) -> Recording:
        h = self.header
        if h is None:
            if rest:
                raise self.err("not a leakviz run file (it holds no complete run header)")
            raise self.err("not a leakviz run file (its gzip content is empty)")
        n = h["events"]
        got = len(self.events)
        if rest:
            raise self.err(f"the file is truncated: it ends in the middle of line {got + 2:,}")
        if self.footer is None:
            raise self.err(f"the file is truncated: it ends after {got:,} of {n:,} events, "
                           f"without its closing line")
        if self.footer["end"] != n or self.footer["sha256"] != h["sha256"]:
            raise self.err("the file is damaged: its header and its closing line disagree")
        if got != n:
            raise self.err(f"the file is damaged: it holds {got:,} events but its header says {n:,}")
        sha = self.hash.hexdigest()
        if sha != h["sha256"]:
            raise self.err(f"the file is damaged: its events do not match their sha256 "
                           f"(recorded {h['sha256'][:12]}…, computed {sha[:12]}…)")
        assert self.config is not None
        return Recording(config=self.config, events=self.events, sha256=sha, saved_by=h["saved_by"])


def _is_sha(x: Any) -> bool:
    return type(x) is str and _SHA_RE.fullmatch(x) is not None


def _zmsg(e: zlib.error) -> str:
    msg = str(e)
    return msg.split(": ", 1)[1] if ": " in msg else msg


def load(path: str | os.PathLike) -> Recording:
    """Read a run file written by ``save``. Raises RunFileError (one line)
    for anything that is not a complete, intact version-1 run file."""
    path = os.fspath(path)
    name = show_path(path)
    try:
        # non-blocking, so that opening a FIFO does not wait for a writer; a
        # regular file reads the same either way
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise RunFileError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise RunFileError(f"{name} is a folder, not a leakviz run file") from None
    except OSError as e:
        raise RunFileError(f"{name}: cannot read it: {_why(e)}") from None
    except (TypeError, ValueError) as e:  # e.g. an embedded NUL
        raise RunFileError(f"{name}: cannot read it: {e}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):  # where opening a folder succeeds
            raise RunFileError(f"{name} is a folder, not a leakviz run file")
        if not stat.S_ISREG(st.st_mode):
            raise RunFileError(f"{name} is {_kind(st.st_mode)}, not a leakviz run file")
    except BaseException:
        os.close(fd)
        raise
    with open(fd, "rb") as f, _gc_paused():
        reader = _Reader(f, name)
        reader.max_inflated = _ALLOWANCE + _MAX_RATIO * st.st_size
        return reader.run()


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, for a message."""
    for test, what in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return what
    return "not a regular file"
