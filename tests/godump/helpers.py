"""What tests know about the Go program that made the dumps under data/.

Expected line numbers are read from leaky/main.go itself, and expected counts
are what that program strands by design (3 senders on ``sink``, 2 on a local
channel, one goroutine for each other way to block)."""

from __future__ import annotations

import functools
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SOURCE = DATA / "leaky" / "main.go"
VERSIONS = sorted(p.name for p in DATA.glob("go1.*") if p.is_dir())
FILE = "leakviz.invalid/leaky/main.go"  # built with -trimpath
GOPATH_FILE = "leaky/main.go"  # goleak's run, in GOPATH mode


@functools.cache
def _lines() -> list[str]:
    return SOURCE.read_text().splitlines()


def line_of(snippet: str, after: str | None = None) -> int:
    """1-based line of the first line containing ``snippet`` (after the line containing ``after``)."""
    lines = _lines()
    start = 0
    if after is not None:
        start = next(i for i, t in enumerate(lines) if after in t) + 1
    return next(i + 1 for i in range(start, len(lines)) if snippet in lines[i])


def expected() -> dict[int, tuple[str, int]]:
    """main.go line -> (function Go names there, goroutines blocked there)."""
    return {
        line_of("func stuckSend(i int) { sink <- i }"): ("main.stuckSend", 3),
        line_of("spawn(func() { done <- true })"): ("main.strandLocal.func1", 2),
        line_of("func stuckRecv() { <-never }"): ("main.stuckRecv", 1),
        line_of("select {", after="func stuckSelect"): ("main.stuckSelect", 1),
        line_of("c <- 1", after="func stuckNil"): ("main.stuckNil", 1),
        line_of("func stuckLock() { mu.Lock() }"): ("main.stuckLock", 1),
        line_of("<-never", after="func stuckLocked"): ("main.stuckLocked", 1),
        line_of("<-never", after="func stuckLabeled"): ("main.stuckLabeled.func1", 1),
        line_of("func wait(c chan struct{}) { <-c }"): ("main.wait", 1),
        line_of("<-never", after="func deep"): ("main.deep", 1),
    }


def spawn_line() -> int:
    """Where strand() starts every goroutine: their creation site."""
    return line_of("go func() { wg.Done(); f() }()")


def data(version: str, name: str) -> Path:
    return DATA / version / name
