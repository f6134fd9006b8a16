"""A Go program's run as a run file keeps it: the source text and every choice that decides the run.

Pure data, checked as data: nothing here compiles or runs the program (goplay/savefile.py adds the
checks that need the Go side; the window compiles it when it runs it).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .format import RunFileError, config_of

__all__ = ["SERVICE_KEYS", "SavedProgram", "program_json", "program_of"]

MAX_FILES = 10_000
MAX_FILE_BYTES = 4 << 20  # one .go file, as the compiler reads no larger (golang/compile.py)
MAX_SOURCE_BYTES = 16 << 20  # every file of a program together, as the compiler's limit
MAX_CAPACITY = 1 << 31  # what a make(chan T, n) dial may hold; Go's own limit depends on T
SERVICE_KEYS = ("handler", "requests", "rate", "sources", "path", "serve", "speed", "article")
_IDENT = re.compile(r"[^\W\d]\w{0,199}\Z")
_DIAL = re.compile(r"capacity:[^\W\d]\w{0,199}:\d{1,7}\Z")


@dataclass
class SavedProgram:
    """A program's run: the source, how it is run and served, the dials it started with and every change
    made during it, so opening it makes the same run again (the run is deterministic)."""

    files: list  # (path, bytes)
    service: dict  # go's options: handler, requests, rate, sources, path, serve, speed, article (a Config)
    entry: str = "main"
    seed: int = 0
    dials: dict | None = None  # capacity:<variable>:<line> -> capacity at the start
    changes: list | None = None  # (trace event index, or -1: at the time; simulated ns; dial; capacity)
    test: str | None = None  # a test of the package run as `leakviz test` runs it (files hold its _test.go)
    # how far the saved run had got: {"events": N, "t_ns": T, "sha256": the trace's hash then}; None if unknown
    ran: dict | None = None


def program_json(p: SavedProgram) -> dict:
    """``p`` as a run file's header holds it (see the package's docstring)."""
    doc = {"files": [{"path": path, "text": src.decode(errors="replace")} for path, src in p.files],
           "entry": p.entry, "seed": p.seed, "test": p.test,
           "service": {k: _plain(p.service.get(k)) for k in SERVICE_KEYS if p.service.get(k) is not None},
           "dials": dict(sorted((p.dials or {}).items())),
           "changes": [list(c) for c in p.changes or []]}
    if p.ran is not None:
        doc["ran"] = dict(p.ran)
    return doc


def _plain(v: Any) -> Any:
    return json.loads(v.to_json()) if hasattr(v, "to_json") else v  # the article's traffic is its Config


def _int(v: Any, lo: int, hi: int, what: str) -> int:
    if type(v) is not int or not lo <= v <= hi:
        raise ValueError(f"{what} must be a whole number from {lo:,} to {hi:,}")
    return v


def _name(v: Any, what: str) -> str:
    if type(v) is not str or not _IDENT.match(v):
        raise ValueError(f"{what} must be a Go identifier")
    return v


def _dial(k: Any) -> str:
    if type(k) is not str or not _DIAL.match(k):
        raise ValueError("a dial must be named capacity:<variable>:<line>")
    return k


def files_of(items: Any, name: str) -> list[tuple[str, bytes]]:
    """The Go files a saved run holds, each a path (a name: it is never read) and its text."""
    if type(items) is not list:
        raise ValueError("its files must be a list")
    if not items:
        raise RunFileError(f"{name}: holds no Go files")
    if len(items) > MAX_FILES:
        raise ValueError(f"it holds more than {MAX_FILES:,} files")
    files, total = [], 0
    for f in items:
        if type(f) is not dict or type(f.get("path")) is not str or type(f.get("text")) is not str:
            raise ValueError("each file needs a path and a text")
        if not f["path"] or "\0" in f["path"] or len(f["path"]) > 4096:
            raise ValueError("a file's path must be a name of at most 4,096 characters")
        src = f["text"].encode(errors="replace")  # a lone surrogate JSON allows is not Go source
        if len(src) > MAX_FILE_BYTES:
            raise ValueError(f"{f['path'][:60]} is larger than {MAX_FILE_BYTES >> 20} MiB")
        total += len(src)
        if total > MAX_SOURCE_BYTES:
            raise ValueError(f"its Go files are larger than {MAX_SOURCE_BYTES >> 20} MiB together")
        files.append((f["path"], src))
    return files


def _service(d: Any, name: str) -> dict:
    if type(d) is not dict or set(d) - set(SERVICE_KEYS):
        raise ValueError("the requests' settings are not ones leakviz knows")
    out: dict[str, Any] = {}
    if d.get("handler") is not None:
        out["handler"] = _name(d["handler"], "the handler")
    if "requests" in d:
        out["requests"] = _int(d["requests"], 1, 1_000_000, "requests")
    for k in ("rate", "speed"):
        if k in d:
            if type(d[k]) not in (int, float) or not 0 < d[k] <= 1e9:
                raise ValueError(f"the {k} must be above 0 and at most 1e9")
            out[k] = float(d[k])
    for k in ("sources", "path", "serve"):
        if d.get(k) is not None:
            if type(d[k]) is not str or not d[k] or "\0" in d[k] or len(d[k]) > 4096:
                raise ValueError(f"the {k} must be text")
            out[k] = d[k]
    if d.get("article") is not None:  # a preset run from gateway.go: its requests are its config's
        out["article"] = config_of(d["article"], name)
    return out


def _ran(d: Any) -> dict | None:
    if d is None:
        return None
    if type(d) is not dict or set(d) != {"events", "t_ns", "sha256"} or type(d["sha256"]) is not str \
            or not re.fullmatch(r"[0-9a-f]{64}", d["sha256"]):
        raise ValueError('what it ran must be {"events": N, "t_ns": T, "sha256": "..."}')
    return {"events": _int(d["events"], 0, 10**15, "the events it ran"),
            "t_ns": _int(d["t_ns"], 0, 10**18, "the time it ran to"), "sha256": d["sha256"]}


def program_of(doc: Any, name: str) -> SavedProgram:
    """The program a run file's header (or a ``.leakviz-go`` version 2 file) describes, every field checked
    as data; RunFileError with one line naming ``name`` otherwise."""
    try:
        if type(doc) is not dict:
            raise ValueError("its program is not a JSON object")
        files = files_of(doc.get("files"), name)
        dials = doc.get("dials") or {}
        if type(dials) is not dict:
            raise ValueError("its dials must be a JSON object")
        dials = {_dial(k): _int(n, 0, MAX_CAPACITY, "a capacity") for k, n in dials.items()}
        changes = []
        for c in doc.get("changes") or []:
            if type(c) is not list or len(c) != 4:
                raise ValueError("a change is [event, time, dial, capacity]")
            at, t, k, n = c
            changes.append((_int(at, -1, 10**12, "a change's event"), _int(t, 0, 10**15, "a change's time"),
                            _dial(k), _int(n, 0, MAX_CAPACITY, "a capacity")))
        test = doc.get("test")
        return SavedProgram(files, _service(doc.get("service") or {}, name),
                            _name(doc.get("entry", "main"), "the entry"),
                            _int(doc.get("seed", 0), -(2**63), 2**63 - 1, "the seed"), dials, changes,
                            None if test is None else _name(test, "the test"), _ran(doc.get("ran")))
    except RunFileError:
        raise
    except (ValueError, TypeError, AttributeError) as e:
        why = str(e) if type(e) is ValueError else "a field is missing or of the wrong kind"
        raise RunFileError(f"{name}: its program is invalid: {why}") from None
