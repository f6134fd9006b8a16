"""A saved Go run (``.leakviz-go``): the source text and every choice, so opening it runs the same program again.

The run is deterministic (seeded scheduler, virtual clock), so the file keeps
what decides it rather than its frames: the files' text, the dialled
capacities, the entry or the HTTP drive, and the seed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .http import Drive

SUFFIX = ".leakviz-go"
VERSION = 1


class SaveFileError(Exception):
    """The file is not a saved Go run leakviz can open (one line, for the user)."""


@dataclass
class SavedRun:
    """What a ``.leakviz-go`` file holds."""

    files: list  # (path, bytes)
    caps: dict  # ChanSite.key -> capacity
    entry: str = "main"
    seed: int = 0
    drive: Drive | None = None
    schedule: dict | None = None  # key -> [(t_ns, capacity)]: changes made during the run
    test: str | None = None  # a test of the package run as `leakviz test` runs it (files hold its _test.go)


def save(path: str | Path, run: SavedRun) -> None:
    """Write ``run`` to ``path`` (atomically)."""
    from ..core.atomic import WriteError, atomic_write
    doc = {"leakviz_go": VERSION, "entry": run.entry, "seed": run.seed, "test": run.test,
           "files": [{"path": p, "text": src.decode(errors="replace")} for p, src in run.files],
           "caps": [[*k, v] for k, v in sorted(run.caps.items())],
           "changes": [[*k, t, v] for k, cs in sorted((run.schedule or {}).items()) for t, v in cs],
           "drive": None if run.drive is None else {"handler": run.drive.handler, "requests": run.drive.requests,
                                                     "rate": run.drive.rate, "from": run.drive.sources,
                                                     "path": run.drive.path, "serve": run.drive.serve,
                                                     "speed": run.drive.speed}}
    try:
        with atomic_write(path, "w", encoding="utf-8") as f:
            f.write(json.dumps(doc, indent=1, ensure_ascii=False))
    except (WriteError, OSError) as e:
        raise SaveFileError(str(e)) from None


MAX_BYTES = 40 << 20  # a saved run: the program's source (16 MiB at most) and its choices, as JSON
MAX_CAPACITY = 1 << 31  # what a make(chan T, n) dial may hold; Go's own limit depends on T
_IDENT = re.compile(r"[^\W\d]\w{0,199}\Z")


def _files(doc: dict, path: str | Path) -> list[tuple[str, bytes]]:
    """A saved run's Go files, each a path and a text (ValueError, SaveFileError when there are none)."""
    files = []
    for f in doc["files"]:
        if type(f.get("path")) is not str or type(f.get("text")) is not str:
            raise ValueError("each file needs a path and a text")
        files.append((f["path"], f["text"].encode()))
    if not files:
        raise SaveFileError(f"{path}: holds no Go files")
    return files


def _int(v: Any, lo: int, hi: int, what: str) -> int:
    if type(v) is not int or not lo <= v <= hi:
        raise ValueError(f"{what} must be a whole number from {lo:,} to {hi:,}")
    return v


def _name(v: Any, what: str) -> str:
    if type(v) is not str or not _IDENT.match(v):
        raise ValueError(f"{what} must be a Go identifier")
    return v


def load(path: str | Path) -> SavedRun:
    """Read a saved Go run; SaveFileError (one line) when it is not one.

    Every field is checked as data: a regular file of at most MAX_BYTES, valid
    JSON, whole numbers in range, names that are Go identifiers; the names are
    checked against the program when it runs."""
    from ..core.atomic import ReadError, read_regular
    try:
        raw = read_regular(path, MAX_BYTES, "saved Go run")
    except ReadError as e:
        raise SaveFileError(str(e)) from None
    try:
        doc = json.loads(raw.decode("utf-8"))  # too deep a nesting is a RecursionError, caught below
        if not isinstance(doc, dict) or doc.get("leakviz_go") != VERSION:
            newer = isinstance(doc, dict) and type(doc.get("leakviz_go")) is int and doc["leakviz_go"] > VERSION
            raise SaveFileError(f"{path}: " + (f"made by a newer leakviz (version {doc['leakviz_go']})" if newer
                                               else f"not a saved leakviz Go run (version {VERSION})"))
        files = _files(doc, path)
        caps = {}
        for a, b, c, n in doc.get("caps", []):
            caps[(_int(a, 0, 10_000, "a dial's file"), _int(b, 1, 10**7, "a dial's line"),
                  _int(c, 1, 10**7, "a dial's column"))] = _int(n, 0, MAX_CAPACITY, "a capacity")
        d = doc.get("drive")
        drive = None
        if d is not None:
            rate = d["rate"]
            if type(rate) not in (int, float) or not 0 < rate <= 1e9:
                raise ValueError("the request rate must be above 0 and at most 1e9 a second")
            serve, sources, where = d.get("serve"), d.get("from"), d.get("path", "/")
            speed = d.get("speed", 1.0)
            if serve is not None and (type(serve) is not str or not serve or "\0" in serve):
                raise ValueError("the access log must be a path")
            if type(speed) not in (int, float) or not 0 < speed <= 1e9:
                raise ValueError("the replay speed must be above 0 and at most 1e9")
            if sources is not None and type(sources) is not str or type(where) is not str:
                raise ValueError("the clients' networks and the path must be text")
            from ..golang.traffic import TrafficError, made_up
            try:
                made_up(1, 1, sources=sources, path=where)  # checked as the command line checks them
            except TrafficError as e:
                raise ValueError(str(e)) from None
            handler = d["handler"]
            drive = Drive("" if handler == "" and serve is not None else _name(handler, "the handler"),
                          _int(d["requests"], 1, 1_000_000, "requests"), float(rate), sources, where, serve,
                          float(speed))
        schedule: dict = {}
        for a, b, c, t, v in doc.get("changes", []):
            key = (_int(a, 0, 10_000, "a dial's file"), _int(b, 1, 10**7, "a dial's line"),
                   _int(c, 1, 10**7, "a dial's column"))
            schedule.setdefault(key, []).append((_int(t, 0, 10**15, "a change's time"),
                                                 _int(v, 0, MAX_CAPACITY, "a capacity")))
        test = doc.get("test")
        return SavedRun(files, caps, _name(doc.get("entry", "main"), "the entry"),
                        _int(doc.get("seed", 0), -(2**63), 2**63 - 1, "the seed"), drive,
                        {k: sorted(v) for k, v in schedule.items()},
                        None if test is None else _name(test, "the test"))
    except SaveFileError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
        why = ("it is not valid JSON" if isinstance(e, json.JSONDecodeError | UnicodeDecodeError | RecursionError)
               else str(e) if isinstance(e, ValueError) else "a field is missing or of the wrong kind")
        raise SaveFileError(f"{path}: not a saved leakviz Go run: {why}") from None



PROGRAM_VERSION = 2  # a live run's file: dials by name, changes by where in the trace they were made


@dataclass
class SavedProgram:
    """A program's run as the main window saves it: the source, how it is run and served, the dials it
    started with and every change made during it, so opening it makes the same run again."""

    files: list  # (path, bytes)
    service: dict  # go's options: handler, requests, rate, sources, path, serve, speed
    entry: str = "main"
    seed: int = 0
    dials: dict | None = None  # capacity:<variable>:<line> -> capacity at the start
    changes: list | None = None  # (trace event index, or -1: at the time; simulated ns; dial; capacity)
    test: str | None = None


_DIAL = re.compile(r"capacity:[^\W\d]\w{0,199}:\d{1,7}\Z")
SERVICE_KEYS = ("handler", "requests", "rate", "sources", "path", "serve", "speed", "article")


def save_program(path: str | Path, run: SavedProgram) -> None:
    """Write ``run`` to ``path`` (atomically); SaveFileError (one line) when it cannot be written."""
    from ..core.atomic import WriteError, atomic_write
    doc = {"leakviz_go": PROGRAM_VERSION, "entry": run.entry, "seed": run.seed, "test": run.test,
           "files": [{"path": p, "text": src.decode(errors="replace")} for p, src in run.files],
           "service": {k: _plain(run.service.get(k)) for k in SERVICE_KEYS if run.service.get(k) is not None},
           "dials": dict(sorted((run.dials or {}).items())),
           "changes": [list(c) for c in run.changes or []]}
    try:
        with atomic_write(path, "w", encoding="utf-8") as f:
            f.write(json.dumps(doc, indent=1, ensure_ascii=False))
    except (WriteError, OSError) as e:
        raise SaveFileError(str(e)) from None


def load_program(path: str | Path) -> SavedProgram:
    """Read a saved Go run of either version (a version 1 file's dials and changes are found by their
    make(chan) sites); SaveFileError (one line) when it is not one. Every field is checked as data."""
    from ..core.atomic import ReadError, read_regular
    try:
        raw = read_regular(path, MAX_BYTES, "saved Go run")
    except ReadError as e:
        raise SaveFileError(str(e)) from None
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        raise SaveFileError(f"{path}: not a saved leakviz Go run: it is not valid JSON") from None
    if isinstance(doc, dict) and doc.get("leakviz_go") == VERSION:
        return _from_v1(load(path))
    try:
        if not isinstance(doc, dict) or doc.get("leakviz_go") != PROGRAM_VERSION:
            v = doc.get("leakviz_go") if isinstance(doc, dict) else None
            raise SaveFileError(f"{path}: " + (f"made by a newer leakviz (version {v})"
                                               if type(v) is int and v > PROGRAM_VERSION
                                               else "not a saved leakviz Go run"))
        files = _files(doc, path)
        dials = {}
        for k, n in doc.get("dials", {}).items():
            if not _DIAL.match(k):
                raise ValueError("a dial must be named capacity:<variable>:<line>")
            dials[k] = _int(n, 0, MAX_CAPACITY, "a capacity")
        changes = []
        for at, t, k, n in doc.get("changes", []):
            if type(k) is not str or not _DIAL.match(k):
                raise ValueError("a dial must be named capacity:<variable>:<line>")
            changes.append((_int(at, -1, 10**12, "a change's event"), _int(t, 0, 10**15, "a change's time"), k,
                            _int(n, 0, MAX_CAPACITY, "a capacity")))
        service = _service(doc.get("service", {}))
        test = doc.get("test")
        return SavedProgram(files, service, _name(doc.get("entry", "main"), "the entry"),
                            _int(doc.get("seed", 0), -(2**63), 2**63 - 1, "the seed"), dials, changes,
                            None if test is None else _name(test, "the test"))
    except SaveFileError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        why = str(e) if isinstance(e, ValueError) else "a field is missing or of the wrong kind"
        raise SaveFileError(f"{path}: not a saved leakviz Go run: {why}") from None


def _plain(v: Any) -> Any:
    """A service option as JSON has it (the article's traffic is its preset's Config)."""
    return json.loads(v.to_json()) if hasattr(v, "to_json") else v


def _service(d: Any) -> dict:
    if not isinstance(d, dict) or set(d) - set(SERVICE_KEYS):
        raise ValueError("the requests' settings are not ones leakviz knows")
    out = {}
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
            if type(d[k]) is not str or not d[k] or "\0" in d[k]:
                raise ValueError(f"the {k} must be text")
            out[k] = d[k]
    if d.get("article") is not None:  # a preset run from gateway.go: its requests are its config's
        from ..core.runfile import RunFileError
        from ..core.runfile.read import config_of
        from ..golang.gateway import check
        try:
            out["article"] = check(config_of(d["article"], "the article's requests"))
        except (RunFileError, ValueError) as e:
            raise ValueError(str(e)) from None
    if "sources" in out or "path" in out:
        from ..golang.traffic import TrafficError, made_up
        try:
            made_up(1, 1, sources=out.get("sources"), path=out.get("path", "/"))  # as the command line checks
        except TrafficError as e:
            raise ValueError(str(e)) from None
    return out


def _from_v1(run: SavedRun) -> SavedProgram:
    """A version 1 file (the recorded Go window's): its dials by their make(chan) sites, its changes at
    their simulated times."""
    from .sites import find_sites
    key = {(st.file, st.line, st.col): f"capacity:{st.name}:{st.line}" for st in find_sites(run.files)}
    dials = {key[k]: n for k, n in run.caps.items() if k in key}
    changes = sorted((-1, t, key[k], n) for k, cs in (run.schedule or {}).items() if k in key for t, n in cs)
    service = {}
    if run.drive is not None:
        d = run.drive
        service = {"handler": d.handler or None, "requests": d.requests, "rate": d.rate, "sources": d.sources,
                   "path": d.path, "serve": d.serve, "speed": d.speed}
        service = {k: v for k, v in service.items() if v is not None}
    return SavedProgram(run.files, service, run.entry, run.seed, dials, [(a, t, k, n) for a, t, k, n in changes],
                        run.test)
