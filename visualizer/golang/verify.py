"""``verify FILE_OR_DIR``: the user's own Go program on real Go and on leakviz, compared.

Real Go builds a temporary copy of the program (its module, or the folder with a ``go.mod`` of its own)
offline (GOTOOLCHAIN=local, GOPROXY=off) and runs it with GOMAXPROCS=1. The user's ``func main()`` is
renamed in the copy (only the name: every line stays where it was) and a file of ours adds a ``main`` that
calls it, lets what is runnable run (no sleep: a 10 ms settle lets sleeping goroutines block after main
returned, which leakviz, judging the moment main returns as Go exits then, never sees; so goplay's
range_noclose.go differed by one), runs a GC and writes Go 1.27's goroutineleak profile (debug=2)
after a marker line nobody else prints: what precedes the marker is the program's output, what follows is
the profile. An HTTP service is served the same requests leakviz serves it (made up, or an access log's):
our ``main`` calls the handler through httptest for each request at its time, each on its own goroutine
with a context cancelled when the handler returns, as leakviz's net/http (golang/modelled/http.go) does;
with ``--serve`` and no handler, main runs and its ``http.ListenAndServe`` call is pointed at ours. The
requests reach the Go program as data (a JSON file named by an environment variable), never as source
text; the only names written into Go source are our own and a handler's name that ``handlers`` found
declared with the handler's shape.

leakviz runs the original files (``python -m visualizer go --json``, in its sandboxed child). Compared:
the stdout (stack dumps normalised: addresses, PC offsets, GOROOT), the exit code, and the leaked
goroutines per blocking site (function, wait reason, line). A site where leakviz reports more leaks than
Go but Go's profile shows the extra goroutines blocked right there, unproven, is a *leakviz only* line and
not a disagreement: Go's GC-based detection cannot prove a goroutine leaked while something it can reach
(say, the value a closure sends) is still reachable; leakviz judges by what can ever wake it.

(About 780 lines: the Go harness it writes, the copy it builds and the two runs it compares are one
pipeline whose parts must agree on the same requests and the same profile format.)
"""

from __future__ import annotations

import io
import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import tree_sitter
import tree_sitter_go

from . import sandbox

_LANG = tree_sitter.Language(tree_sitter_go.language())
HARNESS = "leakviz_verify_main.go"
PREFIX = "leakvizVerify"  # every name our Go file declares starts so; a program using it is refused
USER_MAIN = PREFIX + "UserMain"
MARKER_ENV = "LEAKVIZ_VERIFY_MARKER"
TRAFFIC_ENV = "LEAKVIZ_VERIFY_TRAFFIC"
MAX_COPY_BYTES = 256 << 20
MAX_REAL_SECONDS = 600.0  # how long the traffic may take on real Go, which sleeps for real
RUN_SLACK_S = 120.0


class VerifyError(RuntimeError):
    """Something that keeps verify from comparing: one line, exit 2."""


# -- reading Go's debug=2 goroutine dumps (the goroutineleak profile prints every goroutine) --

_HEADER = re.compile(r"^goroutine (\d+) \[([^\]]*)\]:$")


@dataclass
class G:
    """One goroutine of a dump: its id, status, whether it is marked leaked, its frames and creator."""

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
                try:
                    n = int(ln)
                except ValueError:
                    n = 0
                if pending.startswith("created by "):
                    cur.created_by = pending[len("created by "):].split(" in goroutine ")[0]
                    cur.creator = int(pending.rsplit(" ", 1)[1]) if " in goroutine " in pending else 0
                else:
                    cur.frames.append((pending.rsplit("(", 1)[0], file, n))
            pending = None
        else:
            pending = line
    return out


def leak_set(gs: list[G]) -> set[tuple[str, str, int]]:
    """The leaked goroutines' sites: (innermost function of package main, wait reason, line)."""
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


def normalise_debug1(text: str) -> str:
    """A debug=1 profile's lines without what differs between builds: ``N @ PCs`` keeps N, a ``#`` frame line
    keeps its function and file:line (no PC, offset or GOROOT, one tab between)."""
    out = []
    for line in text.split("\n"):
        if re.fullmatch(r"\d+ @( 0x[0-9a-f]+)+", line):
            line = line.split(" @", 1)[0] + " @ …"
        elif line.startswith("#\t0x"):
            parts = [p for p in line.split("\t") if p]
            if len(parts) >= 4:
                fn = re.sub(r"\+0x[0-9a-f]+$", "", parts[2])
                where = re.sub(r"^/\S+/src/", "GOROOT/src/", parts[3])
                line = f"#\t{fn}\t{where}"
        out.append(line)
    return "\n".join(out)


# -- the comparison --

Site = tuple[str, str, int]  # (function, wait reason, line)


@dataclass
class Side:
    """One side's run: its stdout, exit code, leaked goroutines per site, and (Go's) goroutines blocked per
    site that its profile did not mark leaked. ``profile`` is False when Go's profile was never written."""

    stdout: str
    exit_code: int
    leaked: Counter = field(default_factory=Counter)
    unproven: Counter = field(default_factory=Counter)
    files: dict = field(default_factory=dict)  # site -> file name, for the report
    profile: bool = True


@dataclass
class Comparison:
    """Both sides and what differs between them."""

    target: str
    go_version: str
    real: Side
    leakviz: Side
    mode: str = "main"
    differences: list[str] = field(default_factory=list)
    leakviz_only: list[str] = field(default_factory=list)
    sites: list[dict] = field(default_factory=list)
    forgiven: int = 0  # stdout lines where leakviz's own dump marks a leakviz-only goroutine leaked

    @property
    def same(self) -> bool:
        """Whether real Go and leakviz agree."""
        return not self.differences

    def format(self) -> str:
        """The report: one line per difference, then the verdict."""
        n_sites = sum(1 for s in self.sites if s["verdict"] == "same")
        n_leaks = sum(s["real"] for s in self.sites if s["verdict"] == "same")
        only = sum(s["leakviz"] - s["real"] for s in self.sites if s["verdict"] == "leakviz only")
        lines = [f"verify: {self.target}: real {self.go_version} vs leakviz ({self.mode})"]
        lines += [f"  differs: {d}" for d in self.differences]
        lines += [f"  leakviz only: {d}" for d in self.leakviz_only]
        stdout = "stdout differs" if any(d.startswith("stdout") for d in self.differences) else "the same stdout"
        if self.forgiven and stdout != "stdout differs":
            stdout += (f" (but {self.forgiven:,} goroutine header(s) leakviz's dump marks '(leaked)' at the "
                       "leakviz-only sites)")
        note = (f"; {only:,} goroutine(s) leakviz reports that Go's profile shows blocked but cannot prove leaked "
                "(not counted as a difference)") if only else ""
        if self.same:
            lines.append(f"  verdict: the same: {stdout}, {n_leaks:,} leaked goroutine(s) at {n_sites:,} "
                         f"site(s) on both sides{note}.")
        else:
            lines.append(f"  verdict: DIFFERENT: {len(self.differences):,} difference(s); {n_leaks:,} leaked "
                         f"goroutine(s) at {n_sites:,} site(s) agree{note}.")
        return "\n".join(lines)

    def to_json(self) -> dict:
        """The report as ``--json`` prints it."""
        return {"target": self.target, "go_version": self.go_version, "mode": self.mode, "same": self.same,
                "differences": self.differences, "leakviz_only": self.leakviz_only, "sites": self.sites,
                "stdout_same": not any(d.startswith("stdout") for d in self.differences),
                "exit_code": {"real": self.real.exit_code, "leakviz": self.leakviz.exit_code},
                "profile": self.real.profile, "stdout_lines_forgiven": self.forgiven}


def _clip(s: str, n: int = 80) -> str:
    return repr(s if len(s) <= n else s[:n] + "…")


def compare_stdout(real: str, ours: str, marked: frozenset = frozenset()) -> tuple[str | None, int]:
    """One line saying where the two outputs part (None when they are the same), and how many lines were
    forgiven: a dump's ``goroutine N [REASON (leaked)]:`` where Go printed ``goroutine N [REASON]:``, for a
    REASON in ``marked`` (the leakviz-only sites')."""
    a, b = real.splitlines(), ours.splitlines()
    forgiven = 0
    if marked and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            m = _HEADER.match(x)
            if x != y and m and m.group(2).split(",")[0] in marked and y == x.replace("]:", " (leaked)]:", 1) \
                    and "," not in m.group(2):
                b[i] = x
                forgiven += 1
    if a == b and real.endswith("\n") == ours.endswith("\n"):
        return None, forgiven
    if a == b:
        return "stdout differs: only in the final newline", forgiven
    k = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    differing = sum(1 for x, y in zip(a, b, strict=False) if x != y) + abs(len(a) - len(b))
    got_a = _clip(a[k]) if k < len(a) else "(no more lines)"
    got_b = _clip(b[k]) if k < len(b) else "(no more lines)"
    return (f"stdout differs at line {k + 1} ({len(a):,} line(s) from real Go, {len(b):,} from leakviz, "
            f"{differing:,} differ): real Go {got_a}, leakviz {got_b}"), forgiven


def compare(real: Side, ours: Side, *, target: str, go_version: str, mode: str = "main") -> Comparison:
    """What differs between real Go's run and leakviz's: stdout, exit code, leaks per site."""
    c = Comparison(target, go_version, real, ours, mode)
    if real.profile:
        _compare_sites(c, real, ours)
    marked = frozenset(s["wait_reason"] for s in c.sites if s["verdict"] == "leakviz only")
    line, c.forgiven = compare_stdout(real.stdout, ours.stdout, marked)
    head = [line] if line else []
    if real.exit_code != ours.exit_code:
        head.append(f"exit code: real Go {real.exit_code}, leakviz {ours.exit_code}")
    if not real.profile:
        head.append(f"leaks not checked: the program ended (exit {real.exit_code}) before main returned "
                    "(os.Exit, log.Fatal or a panic), so real Go's goroutineleak profile was never "
                    f"written; leakviz reports {sum(ours.leaked.values()):,} leaked goroutine(s)")
    c.differences[:0] = head
    return c


def _compare_sites(c: Comparison, real: Side, ours: Side) -> None:
    files = {**real.files, **ours.files}
    for site in sorted(set(real.leaked) | set(ours.leaked), key=lambda s: (s[0], s[2], s[1])):
        fn, reason, ln = site
        r, v = real.leaked.get(site, 0), ours.leaked.get(site, 0)
        where = f"{fn} [{reason}] {files.get(site, '?')}:{ln}"
        entry = {"function": fn, "wait_reason": reason, "file": files.get(site, ""), "line": ln, "real": r,
                 "leakviz": v, "unproven_in_go": real.unproven.get(site, 0)}
        if r == v:
            entry["verdict"] = "same"
        elif v > r and v - r <= real.unproven.get(site, 0):
            entry["verdict"] = "leakviz only"
            c.leakviz_only.append(f"{where}: {v - r:,} goroutine(s) Go's profile shows blocked there but cannot "
                                  f"prove leaked (real Go {r:,} leaked, leakviz {v:,}; not a difference)")
        else:
            entry["verdict"] = "differs"
            c.differences.append(f"{where}: real Go {r:,} leaked, leakviz {v:,}")
        c.sites.append(entry)


# -- the program's copy, with our main --

@dataclass
class Prepared:
    """What was found about the program before anything ran."""

    target: Path  # the file or folder, absolute
    files: list[Path]  # the package's files (a folder: its .go files but tests)
    mode: str  # "main", "handler" or "serve"
    handler: str | None
    traffic: object | None  # golang.traffic.Traffic


def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(_LANG)


def _main_name_node(src: bytes):
    for n in _parser().parse(src).root_node.named_children:
        if n.type == "function_declaration" and n.child_by_field_name("name").text == b"main":
            return n.child_by_field_name("name")
    return None


def _http_alias_ok(root) -> bool:
    """Whether the file imports net/http under its own name (so ``http.ListenAndServe`` is net/http's)."""
    for imp in root.named_children:
        if imp.type != "import_declaration":
            continue
        for spec in _walk(imp):
            if spec.type == "import_spec":
                path = spec.child_by_field_name("path")
                name = spec.child_by_field_name("name")
                if path is not None and path.text == b'"net/http"':
                    return name is None or name.text == b"http"
    return False


def _walk(node):
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(n.named_children))


def rewrite(src: bytes, *, serve: bool) -> tuple[bytes, int]:
    """``src`` with its ``func main`` renamed to USER_MAIN and, with ``serve``, its ``http.ListenAndServe``
    calls pointed at ours; and how many such calls. Only names change: every line stays where it was."""
    root = _parser().parse(src).root_node
    edits: list[tuple[int, int, bytes]] = []
    node = _main_name_node(src)
    if node is not None:
        edits.append((node.start_byte, node.end_byte, USER_MAIN.encode()))
    calls = 0
    if serve and _http_alias_ok(root):
        for n in _walk(root):
            if n.type == "call_expression":
                f = n.child_by_field_name("function")
                if f is not None and f.type == "selector_expression" and f.text == b"http.ListenAndServe":
                    edits.append((f.start_byte, f.end_byte, (PREFIX + "ListenAndServe").encode()))
                    calls += 1
                elif f is not None and f.type == "selector_expression" and \
                        f.child_by_field_name("field").text == b"ListenAndServe" and \
                        not n.child_by_field_name("arguments").named_children and b"\n" not in n.text:
                    # srv.ListenAndServe() of an http.Server: ours serves srv's Addr and Handler
                    recv = f.child_by_field_name("operand").text
                    edits.append((n.start_byte, n.end_byte, (PREFIX + "Server(").encode() + recv + b")"))
                    calls += 1
    for start, end, text in sorted(edits, reverse=True):
        src = src[:start] + text + src[end:]
    return src, calls


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

_MAIN_GO = """package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

func main() {
	%(call)s
	leakvizVerifyProfile()
}

// leakvizVerifyProfile lets what is runnable run (no timers: leakviz judges when main returns, as Go exits
// then), collects, and writes the goroutineleak profile after the marker.
func leakvizVerifyProfile() {
	for i := 0; i < 100; i++ {
		runtime.Gosched()
	}
	runtime.GC()
	fmt.Println(os.Getenv("LEAKVIZ_VERIFY_MARKER"))
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
"""

_SERVE_GO = """package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"time"
)

type leakvizVerifyRequest struct {
	AtNs    int64       `json:"at_ns"`
	Method  string      `json:"method"`
	Target  string      `json:"target"`
	Remote  string      `json:"remote"`
	Headers [][2]string `json:"headers"`
}

type leakvizVerifyTraffic struct {
	Requests []leakvizVerifyRequest `json:"requests"`
	EndNs    int64                  `json:"end_ns"`
	SettleNs int64                  `json:"settle_ns"`
}

// leakvizVerifyServe serves the requests as leakviz's net/http does: each on its own goroutine at its time,
// its context cancelled when the handler returns; then it waits for the traffic's end and settles.
func leakvizVerifyServe(h http.Handler) {
	if h == nil {
		h = http.DefaultServeMux
	}
	data, err := os.ReadFile(os.Getenv("LEAKVIZ_VERIFY_TRAFFIC"))
	var t leakvizVerifyTraffic
	if err == nil {
		err = json.Unmarshal(data, &t)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "leakviz verify: cannot read the requests:", err)
		os.Exit(125)
	}
	start := time.Now()
	for _, q := range t.Requests {
		if d := time.Duration(q.AtNs) - time.Since(start); d > 0 {
			time.Sleep(d)
		}
		if r := leakvizVerifyRequestOf(q); r != nil {
			go leakvizVerifyConn(h, r)
		}
	}
	if d := time.Duration(t.EndNs) - time.Since(start); d > 0 {
		time.Sleep(d)
	}
	time.Sleep(time.Duration(t.SettleNs))
}

func leakvizVerifyRequestOf(q leakvizVerifyRequest) (r *http.Request) {
	defer func() {
		if recover() != nil { // a target httptest cannot parse
			r = nil
		}
	}()
	r = httptest.NewRequest(q.Method, q.Target, nil)
	r.RemoteAddr = q.Remote
	r.Host = "localhost"
	for _, kv := range q.Headers {
		r.Header.Add(kv[0], kv[1])
	}
	return r
}

func leakvizVerifyConn(h http.Handler, r *http.Request) {
	ctx, cancel := context.WithCancel(context.Background())
	h.ServeHTTP(httptest.NewRecorder(), r.WithContext(ctx))
	cancel()
}

// leakvizVerifyServer replaces main's srv.ListenAndServe() of an http.Server (or a pointer to one).
func leakvizVerifyServer(s any) error {
	var srv *http.Server
	switch v := s.(type) {
	case *http.Server:
		srv = v
	case http.Server:
		srv = &v
	default:
		return fmt.Errorf("leakviz verify: ListenAndServe of a %T", s)
	}
	h := srv.Handler
	if h == nil {
		h = http.DefaultServeMux
	}
	return leakvizVerifyListenAndServe(srv.Addr, h)
}

// leakvizVerifyListenAndServe replaces main's http.ListenAndServe: it serves the requests, writes the profile
// and ends the program, as leakviz's ListenAndServe does.
func leakvizVerifyListenAndServe(addr string, h http.Handler) error {
	leakvizVerifyServe(h)
	leakvizVerifyProfile()
	os.Exit(0)
	return nil
}
"""


def harness(mode: str, handler: str | None, handlers_found: list[str]) -> tuple[str, str | None]:
    """Our Go files: the main one, and the one that serves requests (None when there are none to serve).
    ``handler`` goes into the source only when it is one of ``handlers_found`` and shaped as an identifier."""
    if mode == "handler":
        if handler not in handlers_found or not _IDENT.match(handler or ""):
            raise VerifyError(f"no handler {str(handler)[:60]!r}: it must be a function "
                              "func(w http.ResponseWriter, r *http.Request) in this package")
        call = f"leakvizVerifyServe(http.HandlerFunc({handler}))"
        main = _MAIN_GO % {"call": call}
        main = main.replace('import (\n', 'import (\n\t"net/http"\n', 1)
        return main, _SERVE_GO
    main = _MAIN_GO % {"call": USER_MAIN + "()"}
    return main, (_SERVE_GO if mode == "serve" else None)


def prepare(target: str, *, handler: str | None = None, serve: str | None = None, requests: int = 50,
            rate: float = 100.0, speed: float = 1.0, sources: str | None = None, path: str = "/",
            headers: list[str] | None = None) -> Prepared:
    """Read the program and decide how it runs, as ``leakviz go`` decides it. Raises VerifyError."""
    from ..goplay.http import drivable, handlers
    from .compile import load_files
    from .errors import GoSourceError
    from .traffic import TrafficError, access_log, made_up
    where = Path(target)
    if not where.exists():
        raise VerifyError(f"{target}: no such file or folder")
    where = where.resolve()
    try:
        files = load_files([str(where)])
    except GoSourceError as e:
        raise VerifyError(str(e)) from None
    if any(PREFIX.encode() in src for _p, src in files):
        raise VerifyError(f"the program uses the name prefix {PREFIX}, which verify keeps for its own Go code")
    found = (drivable(files) if serve is None else []) if handler is None else handlers(files)
    if handler is not None and handler not in found:
        raise VerifyError(f"no handler {handler[:60]!r}: it must be a function "
                          "func(w http.ResponseWriter, r *http.Request) in this package")
    try:
        traffic = None
        if serve is not None:
            traffic = access_log(serve, speed=speed)[0]
        elif found or sources is not None or path != "/" or headers:
            traffic = made_up(requests, rate, sources=sources, path=path, headers=headers)
    except TrafficError as e:
        raise VerifyError(str(e)) from None
    if traffic is not None and (traffic.end_ns + SETTLE_NS) / 1e9 > MAX_REAL_SECONDS:
        raise VerifyError(f"the requests take {(traffic.end_ns + SETTLE_NS) / 1e9:,.0f} s, and real Go sleeps for "
                          f"real: at most {MAX_REAL_SECONDS:g} s (raise --rate, or --speed for a log)")
    if found:
        mode, name = "handler", handler or found[0]
    else:
        mode, name = ("serve" if traffic is not None else "main"), None
        if not any(_main_name_node(src) is not None for _p, src in files):
            raise VerifyError("no func main() in package main, and no HTTP handler to drive")
    return Prepared(where, [Path(p) for p, _ in files], mode, name, traffic)


SETTLE_NS = 200_000_000  # golang/traffic.py SETTLE_NS: what leakviz's server gives the requests after the last


def _copy_tree(src: Path, dst: Path) -> None:
    """Copy a module's folder, its hidden folders (.git, .venv) left out; at most MAX_COPY_BYTES."""
    total = 0
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in ("node_modules",))
        rel = Path(dirpath).relative_to(src)
        (dst / rel).mkdir(parents=True, exist_ok=True)
        for f in filenames:
            p = Path(dirpath) / f
            if not p.is_file():
                continue
            total += p.stat().st_size
            if total > MAX_COPY_BYTES:
                raise VerifyError(f"the module at {src} is over {MAX_COPY_BYTES >> 20} MiB: too big to copy")
            shutil.copyfile(p, dst / rel / f)


@dataclass
class Built:
    """A program built with real Go in a temporary copy: the binary and where the copy is."""

    binary: Path
    pkg_copy: Path  # the package's folder in the copy
    copy_root: Path
    orig_root: Path


def build(go, prep: Prepared, tmp: Path, handlers_found: list[str]) -> Built:
    """Copy the program under ``tmp``, add our main, and build it with ``go``. Raises VerifyError with real
    Go's first error line when it does not build."""
    from .gomod import find_module
    pkg = prep.target if prep.target.is_dir() else prep.target.parent
    mod = find_module(pkg)
    copy_root = tmp / "src"
    if mod is not None:
        orig_root = Path(mod[1])
        _copy_tree(orig_root, copy_root)
    else:
        orig_root = pkg
        copy_root.mkdir()
        for f in prep.files:
            shutil.copyfile(f, copy_root / f.name)
        (copy_root / "go.mod").write_text("module example\n\ngo 1.27\n")
    pkg_copy = copy_root / pkg.relative_to(orig_root)
    serve_calls = 0
    for f in prep.files:
        if f.parent != pkg:
            continue  # a package of the module main imports: copied as it is
        new, n = rewrite(f.read_bytes(), serve=prep.mode == "serve")
        serve_calls += n
        (pkg_copy / f.name).write_bytes(new)
    if prep.mode == "serve" and serve_calls == 0 and _serves_otherwise(prep.files):
        raise VerifyError("--serve on real Go needs main to start its server with http.ListenAndServe(addr, "
                          "handler); or name the handler with --handler")
    main_go, serve_go = harness(prep.mode, prep.handler, handlers_found)
    (pkg_copy / HARNESS).write_text(main_go)
    extra = []
    if serve_go is not None:
        (pkg_copy / ("leakviz_verify_serve.go")).write_text(serve_go)
        extra.append("leakviz_verify_serve.go")
    binary = tmp / "prog"
    if prep.target.is_dir():
        args = ["build", "-o", str(binary), "."]
    else:
        args = ["build", "-o", str(binary), prep.target.name, HARNESS, *extra]
    try:
        r = subprocess.run([go.path, *args], cwd=pkg_copy, env=go_env(go, tmp), capture_output=True, text=True,
                           timeout=600, check=False)
    except subprocess.TimeoutExpired:
        raise VerifyError("go build took longer than 600 s") from None
    except OSError as e:
        raise VerifyError(f"cannot run {go.path}: {e}") from None
    if r.returncode != 0:
        text = (r.stderr or r.stdout).replace(str(copy_root), str(orig_root))
        first = next((ln.strip() for ln in text.splitlines() if ln.strip()
                      and not ln.startswith(("#", "go: finding ", "go: downloading "))), f"exit {r.returncode}")
        raise VerifyError(f"the program does not build with real Go: {first[:300]}")
    return Built(binary, pkg_copy, copy_root, orig_root)


def _serves_otherwise(files: list[Path]) -> bool:
    """Whether main starts a server some other way than http.ListenAndServe (which we cannot point at ours)."""
    from ..goplay.http import main_serves
    srcs = [(str(f), f.read_bytes()) for f in files]
    return main_serves(srcs)


def go_env(go, tmp: Path) -> dict[str, str]:
    """Real Go's environment: offline, local toolchain, no cgo, one P, a build cache under the temp folder."""
    env = go.env()
    env.update(GOTOOLCHAIN="local", GOPROXY="off", GOFLAGS="-mod=mod", CGO_ENABLED="0", GOMAXPROCS="1",
               GOCACHE=str(Path(tempfile.gettempdir()) / "leakviz-gocache"))
    return env


# -- running both sides --

def run_real(go, prep: Prepared, built: Built, tmp: Path) -> Side:
    """Run the built program; its stdout before our marker, exit code, and the profile's leaks per site."""
    marker = "leakviz-verify-" + secrets.token_hex(16)
    env = go_env(go, tmp)
    env[MARKER_ENV] = marker
    timeout = RUN_SLACK_S
    if prep.traffic is not None:
        reqs = [{"at_ns": q.at_ns, "method": q.method, "target": q.target, "remote": q.remote,
                 "headers": [list(h) for h in q.headers]} for q in prep.traffic.requests]
        data = tmp / "requests.json"
        data.write_text(json.dumps({"requests": reqs, "end_ns": prep.traffic.end_ns, "settle_ns": SETTLE_NS}))
        env[TRAFFIC_ENV] = str(data)
        timeout += (prep.traffic.end_ns + SETTLE_NS) / 1e9
    try:
        p = subprocess.Popen([str(built.binary)], cwd=built.pkg_copy, env=env, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    except OSError as e:
        raise VerifyError(f"cannot run the built program: {e}") from None
    try:
        out, _err = p.communicate(input=b"", timeout=timeout)
    except subprocess.TimeoutExpired:
        sandbox.kill(p)
        raise VerifyError(f"the program on real Go ran longer than {timeout:g} s") from None
    except BaseException:
        sandbox.kill(p)
        raise
    text = out.decode("utf-8", "replace").replace(str(built.copy_root), str(built.orig_root))
    at = text.find(marker)
    if at < 0:
        return Side(_from_copy(text, built), p.returncode, profile=False)
    side = Side(_from_copy(text[:at], built), p.returncode)
    pkg_orig = str(prep.target if prep.target.is_dir() else prep.target.parent)
    harness_files = {str(Path(pkg_orig) / HARNESS), str(Path(pkg_orig) / "leakviz_verify_serve.go")}
    for g in parse_dump(text[at + len(marker):]):
        site, file = _site(g, str(built.orig_root), harness_files)
        if g.leaked:
            side.leaked[site] += 1
        elif g.status not in ("running", "runnable"):
            side.unproven[site] += 1
        side.files.setdefault(site, Path(file).name if file else "?")
    return side


def _site(g: G, root: str, ours: set[str]) -> tuple[Site, str]:
    """A goroutine's blocking site: the innermost frame in the program's own files (else of package main,
    else the innermost), with our renamed main under its own name."""
    frames = [(fn.replace(USER_MAIN, "main"), f, ln) for fn, f, ln in g.frames]
    pick = next((fr for fr in frames if fr[1].startswith(root + "/") and fr[1] not in ours), None) \
        or next((fr for fr in frames if fr[0].startswith("main.")), None) or (frames[0] if frames else ("", "", 0))
    return (pick[0], g.status, pick[2]), pick[1]


def _from_copy(text: str, built: Built) -> str:
    """Real Go's stdout as the original program's: our main's frames dropped, the user's main named main."""
    out = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        ln = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if nxt.startswith("\t") and f"/{HARNESS}:" in nxt and not ln.startswith("created by "):
            i += 2
            continue
        out.append(ln.replace("main." + USER_MAIN, "main.main"))
        i += 1
    return "\n".join(out)


def run_leakviz(prep: Prepared, *, requests: int, rate: float, serve: str | None, speed: float,
                sources: str | None = None, path: str = "/", headers: list[str] | None = None) -> Side:
    """leakviz on the original files, in its sandboxed child (``leakviz go --json``)."""
    args = [str(prep.target), "--json", "--detail", "--requests", str(requests), "--rate", repr(rate)]
    if prep.handler is not None:
        args.append(f"--handler={prep.handler}")
    if serve is not None:
        args += [f"--serve={serve}", "--speed", repr(speed)]
    if sources is not None:
        args.append(f"--from={sources}")
    args.append(f"--path={path}")
    args += [f"--header={h}" for h in headers or ()]
    err = io.StringIO()
    code, out = sandbox.capture_child(args, err=err, command="go")
    try:
        doc = json.loads(out)
        run = doc["per_run"][0]
    except (ValueError, KeyError, IndexError):
        first = next((ln for ln in err.getvalue().splitlines() if ln.strip()), f"exit {code}")
        raise VerifyError(f"leakviz cannot run the program: {first[:300]}") from None
    side = Side(run.get("stdout", ""), int(run.get("exit_code", code)))
    for lk in run.get("leaks", []):
        site = (lk["function"], lk["wait_reason"], int(lk["line"]))
        side.leaked[site] += 1
        side.files.setdefault(site, Path(lk.get("file") or "?").name)
    return side


def verify_file(target: str, *, go=None, handler: str | None = None, requests: int = 50, rate: float = 100.0,
                serve: str | None = None, speed: float = 1.0, sources: str | None = None, path: str = "/",
                headers: list[str] | None = None) -> Comparison:
    """Run the program at ``target`` on real Go and on leakviz and compare. Raises VerifyError (exit 2)."""
    from ..godump.gobridge import GO_HOWTO, BridgeError, find_go
    from ..goplay.http import handlers
    traffic = {"sources": sources, "path": path, "headers": headers}
    prep = prepare(target, handler=handler, serve=serve, requests=requests, rate=rate, speed=speed, **traffic)
    go = go or find_go()
    if go is None:
        raise VerifyError(GO_HOWTO)
    try:
        version = go.version()
    except BridgeError as e:
        raise VerifyError(str(e)) from None
    own = [(str(f), f.read_bytes()) for f in prep.files if f.parent == (prep.target if prep.target.is_dir()
                                                                        else prep.target.parent)]
    with tempfile.TemporaryDirectory(prefix="leakviz-verify-") as t:
        tmp = Path(t).resolve()
        built = build(go, prep, tmp, handlers(own))
        real = run_real(go, prep, built, tmp)
    ours = run_leakviz(prep, requests=requests, rate=rate, serve=serve, speed=speed, **traffic)
    for side in (real, ours):
        ended = side.stdout.endswith("\n")
        side.stdout = normalise_debug1(normalise(side.stdout, str(prep.target))) + ("\n" if ended else "")
    return compare(real, ours, target=str(target), go_version=version, mode=prep.mode)
