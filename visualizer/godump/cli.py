"""``leakviz dump``: read a goroutine dump (file, URL or stdin), print its
groups as a table or JSON, or watch a live service's groups grow."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from ..core import memory
from ..core.atomic import ReadError, open_regular, read_regular
from .group import Summary, summarize
from .live import SUSPECT_MINUTES, FetchError, Watch, fetch, judge
from .parse import DumpError


def _kib(n: int) -> str:
    return f"{n / 1024:,.1f} KiB" if n < 1 << 20 else f"{n / (1 << 20):,.2f} MiB"


def _is_url(arg: str) -> bool:
    return arg.startswith(("http://", "https://"))


class SourceFinder:
    """Finds the source files a dump names under a folder the user gives:
    paths in dumps are absolute on the build machine or module-relative
    (-trimpath), so the longest matching tail wins."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self._index: dict[str, list[Path]] | None = None
        self._lines: dict[Path, list[str]] = {}

    def _build(self) -> dict[str, list[Path]]:
        idx: dict[str, list[Path]] = {}
        if self.root is not None:
            for i, p in enumerate(self.root.rglob("*.go")):
                if i > 50_000:
                    break
                idx.setdefault(p.name, []).append(p)
        return idx

    def find(self, file: str) -> Path | None:
        """The file under the root whose path shares the longest tail with ``file`` (None without a root or a match).

        Indexes the folder on first use."""
        if self.root is None or not file:
            return None
        if self._index is None:
            self._index = self._build()
        parts = file.replace("\\", "/").split("/")
        best, best_len = None, 0
        for p in self._index.get(parts[-1], []):
            rel = p.relative_to(self.root).parts
            k = 0
            while k < min(len(rel), len(parts)) and rel[-1 - k] == parts[-1 - k]:
                k += 1
            if k > best_len:
                best, best_len = p, k
        return best

    def line(self, file: str, n: int) -> str | None:
        """Line ``n`` (1-based, stripped) of the file ``find`` picks, or None if not found or unreadable."""
        p = self.find(file)
        if p is None:
            return None
        if p not in self._lines:
            try:  # a FIFO or a device named *.go is not read; nor is a huge file
                self._lines[p] = read_regular(p, MAX_SOURCE, "Go source file").decode(
                    errors="replace").splitlines()
            except (ReadError, OSError):
                self._lines[p] = []
        lines = self._lines[p]
        return lines[n - 1].strip() if 0 < n <= len(lines) else None


def _facts(s: Summary) -> list[str]:
    """The two leak facts in words: what Go's profile reports, and what can never continue for certain."""
    f = s.leak_facts()
    reported = (f"Go's goroutineleak profile reports {f['go_reports_leaked']:,} leaked"
                if f["go_reports_leaked"] is not None else
                "Go's goroutineleak profile: not in this dump (take /debug/pprof/goroutineleak?debug=2 for it)")
    never = (f"Can never continue for certain: {f['never_continue_certain']:,} (on a nil channel or in "
             "select {}); whether the others can depends on what still reaches what they wait on, "
             "which a dump does not show")
    return [reported, never]


def format_table(s: Summary, src: SourceFinder | None = None) -> str:
    """The headless view: one row per group, biggest first."""
    each = memory.GOROUTINE_BYTES
    out = [f"goroutine dump ({s.form}): {s.goroutines:,} goroutine(s) in {len(s.groups):,} group(s)"
           + (f", {s.dropped:,} of the runtime's own left out" if s.dropped else ""),
           f"Go memory they hold: ~{_kib(s.go_bytes())} (modelled: {each:,} B a goroutine, stack + heap)",
           *_facts(s), ""]
    rows = [("count", "stacks", "verdict", "wait reason", "longest", "Go memory", "blocks at", "created by")]
    for g in s.groups:
        wait = "unknown" if g.max_wait_minutes is None else f"{g.max_wait_minutes} min"  # Go printed none
        reason = (g.wait_reason or "?") + (f" ({g.leaked:,} leaked)" if g.leaked else "")
        made = f"{g.created_by} {Path(g.created_file or '?').name}:{g.created_line}" if g.created_by else "-"
        at = f"{g.function} {Path(g.file).name}:{g.line}" if g.file else (g.function or "(other)")
        verdict = {True: "LEAKED", False: "ok"}.get(g.go_leaked, "suspect" if g.suspect else "")
        rows.append((f"{g.count:,}", f"{g.stacks:,}", verdict, reason, wait, _kib(g.go_bytes()), at, made))
    widths = [max(len(r[i]) for r in rows) for i in range(7)]
    for i, r in enumerate(rows):
        out.append(f"{r[0]:>{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]:<{widths[3]}}  "
                   f"{r[4]:>{widths[4]}}  {r[5]:>{widths[5]}}  {r[6]:<{widths[6]}}  {r[7]}")
        if i and src is not None:
            g = s.groups[i - 1]
            text = src.line(g.file, g.line) if g.file else None
            if text is not None:
                out.append(f"{'':>{widths[0]}}  {g.line:>6} | {text}")
    merged = sum(g.stacks for g in s.groups)
    if merged > len(s.groups):
        out += ["", f"{len(s.groups):,} group(s) merge {merged:,} distinct stacks (argument words, creator "
                    "goroutines): grouped by exact stack, as panicparse does, they would be that many"]
    if s.verdict == "goroutineleak":
        n = sum(g.count for g in s.groups if g.go_leaked)
        out += ["", f"verdict: Go's goroutineleak profile reports {n:,} leaked goroutine(s) in "
                    f"{sum(1 for g in s.groups if g.go_leaked):,} group(s); the rest can still run"]
    elif s.verdict == "suspects":
        out += ["", f"verdict: the service has no goroutineleak profile (Go 1.26+); groups waiting "
                    f"{SUSPECT_MINUTES} minutes or more are marked suspect"]
    if s.problems.total:
        out += ["", f"{s.problems.total:,} problem(s) reading the dump:"]
        out += [f"  {p}" for p in s.problems.kept[:10]]
        if s.problems.total > 10:
            out.append(f"  … and {s.problems.total - 10:,} more")
    return "\n".join(out)


def _err(msg: str) -> int:
    print(f"leakviz dump: error: {msg}", file=sys.stderr)
    return 2


MAX_SOURCE = 4 << 20  # a .go file shown beside its group (the Go front end reads no larger)
MAX_DUMP = 4 << 30  # bytes: a dump of millions of goroutines; reading streams, memory stays bounded


class _Capped:
    """A file read line by line that stops at ``limit`` bytes even if it grows while read."""

    def __init__(self, f, limit: int) -> None:
        self.f, self.left = f, limit

    def readline(self, n: int = -1) -> bytes:
        if self.left <= 0:
            return b""
        line = self.f.readline(min(n, self.left) if n > 0 else self.left)
        self.left -= len(line)
        return line


def read(arg: str, timeout: float = 10.0) -> Summary:
    """A dump from a file, ``-`` (stdin) or a URL, grouped."""
    if _is_url(arg):
        return judge(arg, fetch(arg, timeout), timeout)
    if arg == "-":
        return summarize(sys.stdin.buffer)
    try:
        f, st = open_regular(arg, "dump", ": leakviz reads regular files, or - for standard input")
    except ReadError as e:
        raise DumpError(str(e)) from None
    with f:
        if st.st_size > MAX_DUMP:
            raise DumpError(f"{arg} is {st.st_size:,} bytes, more than the {MAX_DUMP:,} a dump may be")
        try:
            return summarize(_Capped(f, MAX_DUMP))
        except OSError as e:
            raise DumpError(f"cannot read {arg}: {e.strerror or e}") from None


def cmd_dump(source: str, src: Path | None, as_json: bool, watch: bool, every: float, polls: int | None,
             timeout: float) -> int:
    """Run ``leakviz dump``; returns the exit code."""
    if src is not None and not src.is_dir():
        return _err(f"--src {src} is not a folder")
    if not 0.1 <= every <= 3600:
        return _err(f"--every must be between 0.1 and 3600 seconds, got {every:g}")
    if not 0.1 <= timeout <= 600:
        return _err(f"--timeout must be between 0.1 and 600 seconds, got {timeout:g}")
    if polls is not None and polls < 1:
        return _err(f"--polls must be 1 or more, got {polls}")
    if watch:
        if not _is_url(source):
            return _err("--watch needs a URL like http://127.0.0.1:6060/debug/pprof/goroutine?debug=2")
        return _watch(source, as_json, every, polls, timeout)
    try:
        s = read(source, timeout)
    except (DumpError, FetchError) as e:
        return _err(str(e))
    if as_json:
        print(json.dumps(s.as_json()))
    else:
        print(format_table(s, SourceFinder(src) if src is not None else None))
    if s.problems.total:
        print(f"leakviz dump: damaged dump: {s.problems.summary()}", file=sys.stderr)
        return 2
    return 0


def _watch(url: str, as_json: bool, every: float, polls: int | None, timeout: float) -> int:
    w = Watch(url, timeout=timeout)
    n = 0
    while True:
        started = time.monotonic()
        p = w.poll()
        n += 1
        leaking = w.leaking()
        if as_json:
            print(json.dumps({
                "at": round(p.at, 3), "up": p.error is None, "error": p.error,
                "goroutines": p.summary.goroutines if p.summary else None,
                "leaking": [{"site": t.label, "count": t.count, "per_second": round(t.rate, 3),
                             "in_an_hour": t.in_an_hour()[0], "go_bytes_in_an_hour": t.in_an_hour()[1],
                             "confirmed_by_go": t.confirmed} for t in leaking],
                "never_finishing": [{"site": t.label, "count": t.count, "polls": len(t.counts)}
                                    for t in w.never_finishing()]}), flush=True)
        elif p.error is not None:
            print(f"{p.at:8.1f}s  service not answering: {p.error} (still polling)", flush=True)
        else:
            line = f"{p.at:8.1f}s  {p.summary.goroutines:,} goroutines in {len(p.summary.groups):,} groups"
            print(line + ("" if leaking else "  (nothing only grows)"), flush=True)
            for t in leaking:
                count, b = t.in_an_hour()
                print(f"            LEAKING {t.label}: {t.count:,} now, +{t.rate:,.2f}/s, {count:,} holding "
                      f"~{_kib(b)} in an hour{' (Go agrees: goroutineleak)' if t.confirmed else ''}", flush=True)
            for t in w.never_finishing()[:10]:
                print(f"            note: {t.label}: {t.count:,}, never seen finishing in {len(t.counts)} polls "
                      "(a fixed pool, or a loop nobody stops)", flush=True)
        if polls is not None and n >= polls:
            return 0
        time.sleep(max(0.0, every - (time.monotonic() - started)))
