"""Reading goroutine dumps, Go's and ours, with one parser."""

from __future__ import annotations

import io
from pathlib import Path

from visualizer.golang.cli import run_go
from visualizer.golang.verify import leak_set, normalise, parse_dump  # noqa: F401  (moved to the package)

DATA = Path(__file__).parent / "data"


def run_leakviz(path: Path, *args, **kw) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_go([str(path)], *args, out=out, err=err, **kw)
    return code, out.getvalue(), err.getvalue()


def recorded(name: str) -> str:
    return (DATA / f"{name}.go127.out").read_text()
