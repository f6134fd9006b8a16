"""Reading goroutine dumps, Go's and ours, with one parser."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from visualizer.golang.cli import run_go

DATA = Path(__file__).parent / "data"
_HEADER = re.compile(r"^goroutine (\d+) \[([^\]]*)\]:$")


@dataclass
class G:
    goid: int
    status: str
    leaked: bool
    frames: list[tuple[str, str, int]] = field(default_factory=list)  # (function, file, line)
    created_by: str = ""
    creator: int = 0

    def user_top(self) -> tuple[str, int]:
        """The innermost frame of package main, as (function, line)."""
        for fn, _file, line in self.frames:
            if fn.startswith("main."):
                return fn, line
        return "", 0


def parse_dump(text: str) -> list[G]:
    """Parse a debug=2 goroutine dump (runtime.Stack(all) format)."""
    out: list[G] = []
    cur: G | None = None
    pending: str | None = None
    for line in text.splitlines():
        m = _HEADER.match(line)
        if m:
            status = m.group(2).split(",")[0]
            leaked = status.endswith(" (leaked)")
            cur = G(int(m.group(1)), status.removesuffix(" (leaked)"), leaked)
            out.append(cur)
            pending = None
            continue
        if cur is None or not line:
            continue
        if line.startswith("\t"):
            loc = line.strip().rsplit(" +0x", 1)[0]
            file, _, ln = loc.rpartition(":")
            if pending is not None:
                if pending.startswith("created by "):
                    cur.created_by = pending[len("created by "):].split(" in goroutine ")[0]
                    cur.creator = int(pending.rsplit(" ", 1)[1]) if " in goroutine " in pending else 0
                else:
                    cur.frames.append((pending.rsplit("(", 1)[0], file, int(ln)))
            pending = None
        else:
            pending = line
    return out


def leak_set(gs: list[G]) -> set[tuple[str, str, int]]:
    return {(g.user_top()[0], g.status, g.user_top()[1]) for g in gs if g.leaked}


def normalise(text: str, path: str) -> str:
    """Drop what differs between builds: argument words, PC offsets, GOROOT, the source path."""
    out = []
    for line in text.replace(path, "@FILE@").splitlines():
        if line.startswith("# go version"):
            continue
        line = re.sub(r"\((0x[^)]*|\{[^)]*|\.\.\.)\)$", "(..)", line)
        line = re.sub(r" \+0x[0-9a-f]+$", "", line)
        line = re.sub(r"^\t/\S+/src/", "\tGOROOT/src/", line)
        out.append(line)
    return "\n".join(out)


def run_leakviz(path: Path, *args, **kw) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_go([str(path)], *args, out=out, err=err, **kw)
    return code, out.getvalue(), err.getvalue()


def recorded(name: str) -> str:
    return (DATA / f"{name}.go127.out").read_text()
