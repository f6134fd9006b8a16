"""The window's second wall: a Go program is recorded in a limited child process.

``record_isolated`` takes what ``record`` takes and returns the same GoRun,
recorded by ``python -P -m visualizer.goplay.isolate`` (golang/sandbox.py's
limits: address space, CPU time, a wall-clock deadline, a large stack). Both
ways the data is JSON, read back field by field into our own dataclasses, so
a child that went wrong can send nothing but data; a child that dies or runs
too long becomes the run's ``failure``, one line the window shows.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from dataclasses import asdict
from typing import Any

from ..golang import sandbox
from ..golang.errors import MAX_LISTED, GoSourceError
from ..golang.interp import RunResult
from .http import Drive
from .record import Chan, Frame, G, GoRun, Handoff, Lane, Pile, Prim, record
from .sites import ChanSite

TIMEOUT_S = 120.0
MAX_REPLY = 256 << 20  # bytes of JSON a child may send back


def _files_out(files: list) -> list:
    return [[p, base64.b64encode(src).decode()] for p, src in files]


def _files_in(doc: list) -> list:
    return [(str(p), base64.b64decode(str(b), validate=True)) for p, b in doc]


def _keys(caps: dict | None) -> list:
    return [[*k, v] for k, v in (caps or {}).items()]


def record_isolated(files: list, *, caps: dict | None = None, entry: str = "main", seed: int = 0,
                    until_ns: int | None = None, drive: Drive | None = None, schedule: dict | None = None,
                    timeout_s: float = TIMEOUT_S, test: str | None = None) -> GoRun:
    """``record(...)`` in a limited child process; a child that fails gives a GoRun whose ``failure`` says why."""
    req = {"files": _files_out(files), "caps": _keys(caps), "entry": entry, "seed": seed, "until_ns": until_ns,
           "drive": None if drive is None else asdict(drive), "test": test,
           "schedule": [[*k, [list(c) for c in cs]] for k, cs in (schedule or {}).items()]}
    argv, env = sandbox.child_argv("visualizer.goplay.isolate", [])
    failed = GoRun(list(files), [])
    try:
        p = subprocess.run(argv, env=env, input=json.dumps(req).encode(), capture_output=True, timeout=timeout_s,
                           preexec_fn=sandbox.limits(sandbox.DEFAULT_MEMORY_MB, timeout_s), start_new_session=True)
    except subprocess.TimeoutExpired:
        failed.failure = f"stopped: the program ran past its wall-clock limit ({timeout_s:g} s)"
        return failed
    if p.returncode < 0:
        failed.failure = sandbox.stopped(p.returncode)
        return failed
    if p.returncode != 0 or len(p.stdout) > MAX_REPLY:
        tail = p.stderr.decode(errors="replace").strip().splitlines()
        failed.failure = "the recording process failed" + (f": {tail[-1][:200]}" if tail else "")
        return failed
    try:
        return from_json(json.loads(p.stdout))
    except (ValueError, TypeError, KeyError) as e:
        failed.failure = f"the recording process sent back what is not a run ({type(e).__name__})"
        return failed


def to_json(run: GoRun) -> dict:
    """A GoRun as JSON-ready data."""
    return {"files": _files_out(run.files), "compiled": _files_out(run.compiled),
            "sites": [asdict(s) for s in run.sites], "frames": [asdict(f) for f in run.frames],
            "result": None if run.result is None else asdict(run.result),
            "error": None if run.error is None else [[e.path, e.line, e.col, e.msg]
                                                      for e in (run.error, *run.error.more)],
            "failure": run.failure}


def _t(xs: Any) -> tuple:
    if not isinstance(xs, list):
        raise TypeError("expected a list")
    return tuple(xs)


def _frame(d: dict) -> Frame:
    return Frame(int(d["t_ns"]),
                 tuple(Lane(str(ln["key"]), str(ln["func"]), dict(ln["counts"]),
                            tuple(G(**g) for g in ln["shown"])) for ln in d["lanes"]),
                 tuple(Chan(**{**c, "sendq": _t(c["sendq"]), "recvq": _t(c["recvq"])}) for c in d["chans"]),
                 tuple(Prim(**{**p, "waiters": _t(p["waiters"])}) for p in d["prims"]),
                 tuple(Pile(**p) for p in d["piles"]),
                 int(d["started"]), int(d["live"]), int(d["blocked"]), int(d["stranded"]), bool(d["final"]),
                 tuple(Handoff(**h) for h in d["handoffs"]))


def from_json(doc: dict) -> GoRun:
    """The GoRun ``to_json`` made ``doc`` from; TypeError, ValueError or KeyError when it is not one."""
    run = GoRun(_files_in(doc["files"]), [ChanSite(**s) for s in doc["sites"]], _files_in(doc["compiled"]),
                [_frame(f) for f in doc["frames"]])
    r = doc["result"]
    if r is not None:
        run.result = RunResult(**r)
    e = doc["error"]
    if e is not None:
        every = [GoSourceError(str(x[0]), int(x[1]), int(x[2]), str(x[3])) for x in e[:MAX_LISTED + 1]]
        run.error = every[0]  # an empty list is an IndexError: not a run
        run.error.more = every[1:]
    run.failure = str(doc["failure"])
    return run


def main() -> int:
    """The child: a request on stdin, the GoRun as JSON on stdout."""
    req = json.loads(sys.stdin.buffer.read())
    d = req["drive"]
    schedule = {(a, b, c): [tuple(x) for x in cs] for a, b, c, cs in req["schedule"]}
    run = sandbox.run_deep(record, _files_in(req["files"]), caps={(a, b, c): v for a, b, c, v in req["caps"]},
                           entry=req["entry"], seed=req["seed"], until_ns=req["until_ns"],
                           drive=None if d is None else Drive(**d), schedule=schedule,
                           test=None if req.get("test") is None else str(req["test"]))
    sys.stdout.write(json.dumps(to_json(run)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
