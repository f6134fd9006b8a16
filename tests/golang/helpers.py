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


def few_turns(err: str, template: str) -> bool:
    """``err`` is ``template`` with its ``{}`` a simulated time of a few goroutine turns and no sleep: each
    turn takes SCHED_NS of the clock (golang/interp.py), so a program that never sleeps still takes some."""
    from visualizer.golang.interp import SCHED_NS
    head, tail = template.split("{}")
    if not (err.startswith(head) and err.endswith(tail)):
        return False
    ns = int(err[len(head):len(err) - len(tail)])
    return 0 < ns <= 20 * SCHED_NS and ns % SCHED_NS == 0
