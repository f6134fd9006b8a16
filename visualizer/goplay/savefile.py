"""Opening any saved run: a run file (``core.runfile``, both kinds of run) or an older ``.leakviz-go``.

leakviz writes one format, ``leakviz-run`` version 2 (``core.runfile.save``). Before it, Go runs were
saved as plain JSON with no integrity check, in two versions: 1 by the recorded Go window (dials keyed
by their make(chan) sites, a ``drive`` for a handler) and 2 by the main window (dials by name). Those
files still open here; nothing writes them any more.

What the core cannot check without the Go side is checked here too: the requests' networks and path as
the command line checks them, and a preset run from gateway.go as the Go code can run it. Compiling the
program is left to the window, which reports what does not compile in one line as it opens it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.runfile import Recording, RunFileError, SavedProgram, load
from ..core.runfile.program import MAX_CAPACITY, _int, _name, files_of, program_of
from ..core.trace import Events
from .http import Drive

__all__ = ["OLD_SUFFIX", "SaveFileError", "SavedProgram", "load_program", "load_saved", "run_options",
           "saved_program"]

OLD_SUFFIX = ".leakviz-go"  # saved Go runs from before the one format (new files: .leakviz-run); they still open
VERSION = 1  # the recorded Go window's .leakviz-go (read only)
PROGRAM_VERSION = 2  # the main window's .leakviz-go (read only)
MAX_BYTES = 40 << 20  # an old .leakviz-go: the program's source (16 MiB at most) and its choices, as JSON
_EMPTY = hashlib.sha256().hexdigest()

SaveFileError = RunFileError  # one error for every file that does not open (one line, for the user)


def load_saved(path: str | Path) -> Recording:
    """Read any saved run: a run file of either kind and version, or an older ``.leakviz-go``. A Go
    program's comes back with ``program`` set and no events (opening it runs it again). RunFileError (one
    line) for anything else."""
    from ..core.atomic import ReadError, open_regular
    try:
        f, _st = open_regular(path, "leakviz run file")
    except ReadError as e:
        raise RunFileError(str(e)) from None
    with f:
        try:
            start = f.read(64).lstrip()
        except OSError as e:
            raise RunFileError(f"{path}: cannot read it: {e.strerror or e}") from None
    if start.startswith(b"{"):  # plain JSON: an older saved Go run (a run file is gzip)
        program = _old(path)
        return Recording(config=None, events=Events(), sha256=_EMPTY, saved_by=f"{OLD_SUFFIX} file", program=program)
    rec = load(path)
    if rec.program is not None:
        _check(rec.program, path)
    return rec


def load_program(path: str | Path) -> SavedProgram:
    """A saved Go program's run, of any version; RunFileError (one line) for a preset's or a bad file."""
    rec = load_saved(path)
    if rec.program is None:
        raise RunFileError(f"{path}: it holds a preset's run, not a Go program's (open it with File > Open)")
    return rec.program


def saved_program(files: list, service: dict, program: Any, events: Events, now: int) -> SavedProgram:
    """What saving keeps of a live program's run: its ``files`` and ``service`` (go's options, with entry,
    seed or test), the dials ``program`` (golang.live.GoProgram) started with, every change made since,
    and how far the run got (its ``events`` and simulated time ``now``)."""
    opts = {k: v for k, v in service.items() if k not in ("entry", "seed", "test")}
    return SavedProgram(list(files), opts, service.get("entry") or "main", service.get("seed") or 0,
                        dict(program.start_dials), list(program.recorded), service.get("test"),
                        {"events": len(events), "t_ns": now, "sha256": events.sha256()})


def run_options(p: SavedProgram) -> dict:
    """The window's ``open_program`` keywords (after the files) that make ``p``'s run again."""
    how = {"test": p.test} if p.test is not None else {"entry": p.entry, **p.service}
    return {"dials": dict(p.dials or {}), "changes": list(p.changes or []), "seed": p.seed, **how}


def _check(p: SavedProgram, path: Any) -> None:
    """What the Go side checks before a saved program runs: its requests as the command line's, a preset
    from Go as gateway.go can run it."""
    from ..core.scenario import ConfigError
    from ..golang.traffic import TrafficError, made_up
    try:
        if "sources" in p.service or "path" in p.service:
            made_up(1, 1, sources=p.service.get("sources"), path=p.service.get("path", "/"))
        if p.service.get("article") is not None:
            from ..golang.gateway import check
            p.service["article"] = check(p.service["article"])
    except (TrafficError, ConfigError, ValueError) as e:
        raise RunFileError(f"{path}: its program is invalid: {e}") from None


# -- the older plain JSON files --

def _old(path: str | Path) -> SavedProgram:
    from ..core.atomic import ReadError, read_regular
    try:
        raw = read_regular(path, MAX_BYTES, "saved Go run")
    except ReadError as e:
        raise RunFileError(str(e)) from None
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        raise RunFileError(f"{path}: not a saved leakviz Go run: it is not valid JSON") from None
    v = doc.get("leakviz_go") if isinstance(doc, dict) else None
    if v == VERSION:
        p = _from_v1(_read_v1(doc, path))
    elif v == PROGRAM_VERSION:
        p = program_of({k: doc.get(k) for k in ("files", "entry", "seed", "test", "service", "dials", "changes")
                        if k in doc}, str(path))
    else:
        raise RunFileError(f"{path}: " + (f"made by a newer leakviz (version {v})" if type(v) is int and v > 2
                                          else "not a saved leakviz run"))
    _check(p, path)
    return p


@dataclass
class _SavedRun:
    """What a version 1 ``.leakviz-go`` file holds."""

    files: list  # (path, bytes)
    caps: dict  # ChanSite.key -> capacity
    entry: str = "main"
    seed: int = 0
    drive: Drive | None = None
    schedule: dict | None = None  # key -> [(t_ns, capacity)]: changes made during the run
    test: str | None = None


def _site(a: Any, b: Any, c: Any) -> tuple[int, int, int]:
    return (_int(a, 0, 10_000, "a dial's file"), _int(b, 1, 10**7, "a dial's line"),
            _int(c, 1, 10**7, "a dial's column"))


def _rows(v: Any, n: int, what: str) -> list:
    if type(v) is not list or any(type(r) is not list or len(r) != n for r in v):
        raise ValueError(f"its {what} must be a list of {n}-number rows")
    return v


def _read_v1(doc: dict, path: Any) -> _SavedRun:
    """A version 1 file's fields, every one checked as data."""
    try:
        files = files_of(doc["files"], str(path))
        caps = {_site(a, b, c): _int(n, 0, MAX_CAPACITY, "a capacity") for a, b, c, n in _rows(doc.get("caps", []), 4, "dials")}
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
            handler = d["handler"]
            drive = Drive("" if handler == "" and serve is not None else _name(handler, "the handler"),
                          _int(d["requests"], 1, 1_000_000, "requests"), float(rate), sources, where, serve,
                          float(speed))
        schedule: dict = {}
        for a, b, c, t, v in _rows(doc.get("changes", []), 5, "changes"):
            schedule.setdefault(_site(a, b, c), []).append((_int(t, 0, 10**15, "a change's time"),
                                                            _int(v, 0, MAX_CAPACITY, "a capacity")))
        test = doc.get("test")
        return _SavedRun(files, caps, _name(doc.get("entry", "main"), "the entry"),
                         _int(doc.get("seed", 0), -(2**63), 2**63 - 1, "the seed"), drive,
                         {k: sorted(v) for k, v in schedule.items()}, None if test is None else _name(test, "the test"))
    except RunFileError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        why = str(e) if type(e) is ValueError else "a field is missing or of the wrong kind"
        raise RunFileError(f"{path}: not a saved leakviz Go run: {why}") from None


def _from_v1(run: _SavedRun) -> SavedProgram:
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
    return SavedProgram(run.files, service, run.entry, run.seed, dials, changes, run.test)
