"""Saving a run: the header, every event as a JSON line, the footer, gzip, atomically."""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from ... import __version__
from ..atomic import WriteError, atomic_write, show_path
from ..scenario import Config, ConfigError
from ..trace import Event, Events
from .format import (
    _BATCH,
    _LEVEL,
    _SCALARS,
    FORMAT,
    VERSION,
    RunFileError,
    _Bad,
    _check_shapes,
    _gc_paused,
    _hash_update,
)
from .program import SavedProgram, program_json, program_of

__all__ = ["save"]


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
    except Exception:  # any surprise: use the documented encoder
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


def save(path: str | os.PathLike, *, config: Config | None = None, events: Events | list[Event] | None = None,
         program: SavedProgram | None = None) -> None:
    """Write a run to ``path``: a preset's (its starting ``config`` and all its ``events``) or a Go
    ``program``'s (its source and choices; its events are not written, see the package's docstring).

    Atomic: the data goes to a temporary file in the same folder, which then
    replaces ``path`` in one step. Raises RunFileError (one line) when the run
    cannot be saved whole or the file cannot be written.
    """
    path = os.fspath(path)
    name = show_path(path)
    if (program is None) == (config is None) or (program is None) == (events is None):
        raise TypeError("save takes a config and its events, or a program")
    if program is not None:
        if not isinstance(program, SavedProgram):
            raise TypeError(f"program must be a runfile.SavedProgram, not {type(program).__name__}")
        doc = program_json(program)
        program_of(doc, f"cannot save {name}")  # what load would refuse is not saved
        _write(path, name, {"run": "program", "program": doc}, [], 0, _EMPTY)
        return
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
        _write(path, name, {"run": "preset", "config": json.loads(config.to_json())}, source, n, sha)


_EMPTY = hashlib.sha256().hexdigest()  # the hash of no events


def _write(path: str, name: str, what: dict, source: Iterable[Event], n: int, sha: str) -> None:
    """The header (``what`` the run is, and the trace's count and hash), the events, the footer."""
    header = {"format": FORMAT, "version": VERSION, "saved_by": f"leakviz {__version__}", **what,
              "events": n, "sha256": sha}
    head = json.dumps(header).encode()  # ASCII: JSON escapes the rest
    footer = {"end": n, "sha256": sha, "header": hashlib.sha256(head).hexdigest()}
    try:
        with atomic_write(path, "wb") as f:
            z = zlib.compressobj(_LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # gzip wrapper
            f.write(z.compress(head + b"\n"))
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
