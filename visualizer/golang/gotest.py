"""``leakviz test DIR``: a package's Go tests on the simulated runtime, on explored schedules, failing on leaks.

Each TestXxx runs as go test runs it (its own goroutine, t.Run subtests on
theirs, Fatal through runtime.Goexit: the testing package leakviz models in
golang/modelled/testing.go), once in Go's own order and then on seeded
schedules. After each test, as goleak's VerifyNone does, every goroutine left
that can never continue is a leak of that test, reported per blocking site
with the seed that first showed it.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tree_sitter
import tree_sitter_go

from .budget import DEFAULT as DEFAULT_BUDGETS
from .budget import BudgetExceeded, Budgets
from .compile import compile_files, load_files
from .errors import GoSourceError
from .interp import Interp
from .module import with_packages

_LANG = tree_sitter.Language(tree_sitter_go.language())
_TEST = re.compile(r"Test([A-Z0-9_]\w*)?\Z")
MAX_TESTS = 10_000
# simulated time a test's goroutines get after it returns to finish or block before the leak check
# (goleak's VerifyNone retries for about this long)
SETTLE_NS = 1_000_000_000


@dataclass
class Leak:
    """Goroutines one test left at one blocking site, and the seed that first showed them."""

    function: str
    file: str
    line: int
    wait_reason: str
    count: int
    seed: int
    created_by: str
    created_at: str


@dataclass
class TestResult:
    """One test over every schedule run: passed on all of them, and what it leaked."""

    name: str
    passed: bool = True
    skipped: bool = False
    output: str = ""  # what the first schedule printed (go test -v)
    failed_seeds: list = field(default_factory=list)
    leaked: list = field(default_factory=list)  # Leak


def test_files(folder: str) -> list[tuple[str, bytes]]:
    """The package in ``folder``: its .go files, its _test.go files included, then its module's packages."""
    d = Path(folder)
    if not d.is_dir():
        raise GoSourceError(folder, 1, 1, "leakviz test takes a package's folder")
    files = sorted(str(f) for f in d.glob("*.go"))
    if not any(f.endswith("_test.go") for f in files):
        raise GoSourceError(folder, 1, 1, "no _test.go files in this folder")
    return with_packages(load_files(files))


def _test_funcs(files: list[tuple[str, bytes]], param: bytes):
    """The names of the _test.go files' functions taking one ``param`` (``*testing.T``), in source order."""
    parser = tree_sitter.Parser(_LANG)
    for path, src in files:
        if not path.endswith("_test.go"):
            continue
        for n in parser.parse(src).root_node.named_children:
            if n.type != "function_declaration" or n.child_by_field_name("type_parameters") is not None:
                continue
            params = n.child_by_field_name("parameters")
            if params is not None and params.text.replace(b" ", b"").endswith(param + b")"):
                yield n.child_by_field_name("name").text.decode()


def find_tests(files: list[tuple[str, bytes]], pattern: str | None) -> list[str]:
    """The TestXxx(t *testing.T) functions of the _test.go files, in source order, filtered by ``pattern``."""
    rx = re.compile(pattern) if pattern else None
    return [n for n in _test_funcs(files, b"*testing.T") if _TEST.match(n) and (rx is None or rx.search(n))]


def goleak_ignores(prog: Any, ip: Interp, leak: dict) -> bool:
    """Whether the goleak options the test gave (IgnoreTopFunction, IgnoreAnyFunction) leave out ``leak``."""
    ignored = ip.ns.get(prog.pkg_vars.get(("go.uber.org/goleak", "ignored"), ""))
    if not ignored:
        return False
    return f"top:{leak['function']}" in ignored or any(f"any:{f}" in ignored for f in leak.get("stack", ()))


def has_test_main(files: list[tuple[str, bytes]]) -> bool:
    """Whether the tests have a TestMain(m *testing.M)."""
    return any(n == "TestMain" for n in _test_funcs(files, b"*testing.M"))


def test_call(prog: Any, ip: Interp, name: str, main: bool) -> tuple:
    """Ready ``ip`` to run test ``name`` as go test runs it and return the ``call`` for ``Interp.run``: the
    testing package's driver with the test (through TestMain when there is one: with only that test in
    m, so what a test leaks stays its own). After the test, simulated time runs on for SETTLE_NS, and an
    os.Exit from TestMain ends the run as main's return does. Raises KeyError for an unknown test."""
    def py_of(n: str) -> str:  # a test of the package itself, or of its external test package (X_test)
        return next(prog.pkg_decls[(p, n)] for p in prog.test_paths if (p, n) in prog.pkg_decls)
    ip.settle_on_exit = True
    ip.settle_ns = SETTLE_NS
    try:
        fn = ip.ns[py_of(name)]
    except StopIteration:
        raise KeyError(name) from None
    # -parallel: go test's default is GOMAXPROCS, 1 in Go's own order; an explored schedule lets every
    # parallel subtest run at once, as on a machine with as many cores
    par = 1 if ip.seed == 0 else 1 << 20
    if main:
        return prog.pkg_decls[("testing", "MainVerdict")], (name, fn, ip.ns[py_of("TestMain")], par)
    return prog.pkg_decls[("testing", "Verdict")], (name, fn, par)


def run_tests(folder: str, *, pattern: str | None = None, runs: int = 1, seed: int = 0,
              budgets: Budgets = DEFAULT_BUDGETS, until_ns: int | None = None) -> tuple[list[TestResult], str]:
    """Run the package's tests ``runs`` times each (the first in Go's order); (results, the package's path).

    Raises GoSourceError when the package cannot be run."""
    files = test_files(folder)
    names = find_tests(files, pattern)
    prog = compile_files(files, tests=True)
    root = prog.test_paths[0]
    if ("testing", "Verdict") not in prog.pkg_decls:
        raise GoSourceError(folder, 1, 1, "the tests do not import testing")
    main = has_test_main(files)
    results = []
    for name in names[:MAX_TESTS]:
        res = TestResult(name)
        sites: dict[tuple, Leak] = {}
        for k in range(runs):
            s = seed + k
            # the first run of seed 0 is Go's own order; any other seed explores, so that a rerun with
            # --seed S replays exactly the schedule that showed a leak
            ip = Interp(prog, seed=s, explore=s != 0, budgets=budgets)
            call = test_call(prog, ip, name, main)
            try:
                r = ip.run(until_ns, call=call)
            finally:
                ip.shutdown()
            r.leaked = [lk for lk in r.leaked if not goleak_ignores(prog, ip, lk)]
            out = r.stdout
            failed = r.exit_code != 0 or r.deadlock or "--- FAIL: " + name + " " in out
            if k == 0:
                res.output = out + (r.stderr if r.exit_code else "")
                if results and main is not None:  # go test runs TestMain once: its preamble shows once
                    res.output = res.output[max(0, res.output.find("=== RUN   " + name + "\n")):]
                res.skipped = "--- SKIP: " + name + " " in out
                if main is not None and "=== RUN   " + name + "\n" not in out and not failed:
                    res.skipped = True
                    res.output += f"--- SKIP: {name} (TestMain did not call m.Run)\n"
            if failed:
                res.passed = False
                res.failed_seeds.append(s)
            for lk in r.leaked:
                key = (lk["function"], lk["file"], lk["line"], lk["wait_reason"])
                got = sites.get(key)
                if got is None:
                    sites[key] = Leak(lk["function"], lk["file"], lk["line"], lk["wait_reason"], 0, s,
                                      lk["created_by"], lk["created_at"])
            per_seed: dict[tuple, int] = {}
            for lk in r.leaked:
                key = (lk["function"], lk["file"], lk["line"], lk["wait_reason"])
                per_seed[key] = per_seed.get(key, 0) + 1
            for key, n in per_seed.items():
                sites[key].count = max(sites[key].count, n)
        res.leaked = sorted(sites.values(), key=lambda x: (x.seed, x.file, x.line))
        results.append(res)
    return results, root


def report(results: list[TestResult], folder: str, root: str, out: Any, runs: int) -> int:
    """Print as ``go test -v`` does, with a block per leak; the exit code (1 on a failure or a leak)."""
    bad = False
    for r in results:
        text = r.output if r.output.endswith("\n") or not r.output else r.output + "\n"
        if r.leaked:  # goleak's VerifyNone fails the test that leaked
            text = text.replace(f"--- PASS: {r.name} (", f"--- FAIL: {r.name} (")
        out.write(text)
        if r.failed_seeds and r.failed_seeds[0] != 0 and runs > 1:
            out.write(f"    failed on other schedules: seeds {', '.join(map(str, r.failed_seeds[:5]))}\n")
        for lk in r.leaked:
            out.write(f"    leak: {lk.count} goroutine(s) at {lk.function} [{lk.wait_reason}] {lk.file}:{lk.line}, "
                      f"created by {lk.created_by} at {lk.created_at}; first seen with seed {lk.seed}\n")
            out.write(f"    rerun: python -m visualizer test {folder} --run '^{r.name}$' --seed {lk.seed}\n")
            out.write(f"    see it: python -m visualizer {folder} --test {r.name} --seed {lk.seed}\n")
        bad = bad or not r.passed or bool(r.leaked)
    out.write(("FAIL" if bad else "PASS") + "\n")
    out.write(f"{'FAIL' if bad else 'ok  '}\t{root}\t(simulated, {runs} schedule(s) a test)\n")
    return 1 if bad else 0


def as_json(results: list[TestResult], root: str = "") -> dict:
    """``--json``: every test, whether it passed, its leaks and what its first schedule printed."""
    return {"package": root,
            "tests": [{"name": r.name, "passed": r.passed and not r.leaked, "skipped": r.skipped,
                       "failed_seeds": r.failed_seeds, "output": r.output,
                       "leaked": [{"function": lk.function, "file": lk.file, "line": lk.line,
                                   "wait_reason": lk.wait_reason, "count": lk.count, "seed": lk.seed,
                                   "created_by": lk.created_by, "created_at": lk.created_at}
                                  for lk in r.leaked]} for r in results]}


# -- spreading the schedules: each shard is one `leakviz test --json` run over a range of seeds, in its own
#    limited child process; the parent merges the shards' JSON in seed order, so the result is the one a
#    single process gives. The shards are plain data and run_shard a plain function: a distributed engine
#    (Dask: docs/leakviz-test.md) can run them as well as the local pool does.

@dataclass(frozen=True)
class Shard:
    """Seeds ``seed`` .. ``seed + runs - 1`` of every test of ``folder`` matching ``pattern``."""

    folder: str
    pattern: str | None
    seed: int
    runs: int
    max_steps: int | None = None
    memory_mb: int | None = None
    timeout_s: float | None = None


class ShardError(Exception):
    """A shard could not run (the package does not compile, a limit ended it): its one-line reason."""


def shards(folder: str, pattern: str | None, runs: int, seed: int, n: int, **limits: Any) -> list[Shard]:
    """``runs`` schedules from ``seed`` cut into at most ``n`` contiguous shards of near-equal size."""
    n = max(1, min(n, runs))
    out, start = [], seed
    for i in range(n):
        size = runs // n + (1 if i < runs % n else 0)
        out.append(Shard(folder, pattern, start, size, **limits))
        start += size
    return out


def run_shard(shard: Shard) -> dict:
    """Run one shard in a limited child; its ``--json`` report. Raises ShardError with the child's reason."""
    import io

    from . import sandbox
    args = [shard.folder, "--runs", str(shard.runs), "--seed", str(shard.seed), "--json", "--jobs", "1"]
    if shard.pattern is not None:
        args.append(f"--run={shard.pattern}")
    if shard.max_steps is not None:
        args += ["--max-steps", str(shard.max_steps)]
    err = io.StringIO()
    code, out = sandbox.capture_child(args, memory_mb=shard.memory_mb or sandbox.DEFAULT_MEMORY_MB,
                                      timeout_s=shard.timeout_s or sandbox.DEFAULT_TIMEOUT_S, err=err,
                                      command="test")
    if code not in (0, 1):
        raise ShardError((err.getvalue().strip().splitlines() or [f"leakviz test: exit status {code}"])[-1])
    try:
        return json.loads(out)
    except ValueError as e:
        raise ShardError(f"leakviz test: a shard printed no report ({e})") from None


def merge(parts: list[dict]) -> tuple[list[TestResult], str]:
    """The shards' reports (in seed order) as one run: (results, the package's path)."""
    results: dict[str, TestResult] = {}
    sites: dict[str, dict[tuple, Leak]] = {}
    for part in parts:
        for t in part["tests"]:
            r = results.get(t["name"])
            if r is None:  # the first shard holds the first schedule: its output is the one shown
                r = results[t["name"]] = TestResult(t["name"], skipped=t["skipped"], output=t["output"])
                sites[t["name"]] = {}
            r.failed_seeds.extend(t["failed_seeds"])
            r.passed = r.passed and not t["failed_seeds"]
            for lk in t["leaked"]:
                key = (lk["function"], lk["file"], lk["line"], lk["wait_reason"])
                got = sites[t["name"]].get(key)
                if got is None:
                    sites[t["name"]][key] = Leak(**lk)
                else:
                    got.count = max(got.count, lk["count"])
    for name, r in results.items():
        r.leaked = sorted(sites[name].values(), key=lambda x: (x.seed, x.file, x.line))
    return list(results.values()), (parts[0].get("package", "") if parts else "")


def run_sharded(shard_list: list[Shard], jobs: int) -> tuple[list[TestResult], str]:
    """Run the shards ``jobs`` at a time on this machine and merge them. Raises ShardError."""
    from concurrent.futures import ThreadPoolExecutor

    from . import sandbox

    # threads only wait: each shard is its own limited process
    pool = ThreadPoolExecutor(max_workers=max(1, jobs))
    try:
        parts = list(pool.map(run_shard, shard_list))
    except BaseException:  # a shard that cannot run, Ctrl+C, SIGTERM: the other shards stop too
        sandbox.kill_all()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    return merge(parts)


def run_on_dask(shard_list: list[Shard], address: str) -> tuple[list[TestResult], str]:
    """Run the shards on the Dask cluster at ``address`` (its workers see the package at the same path)."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise ShardError("leakviz test: error: --dask needs Dask: pip install 'leakviz[dist]'") from None
    try:
        with Client(address, timeout="20s") as client:
            parts = client.gather(client.map(run_shard, shard_list, pure=False))
    except (OSError, TimeoutError) as e:
        raise ShardError(f"leakviz test: error: cannot use the Dask cluster at {address}: {e}") from None
    return merge(parts)


def junit(results: list[TestResult], root: str) -> str:
    """JUnit XML for CI: a testcase per test, a failure for a failed or leaking one."""
    from xml.sax.saxutils import escape, quoteattr
    fails = sum(1 for r in results if not r.passed or r.leaked)
    parts = [f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name={quoteattr(root)} tests="{len(results)}" '
             f'failures="{fails}">']
    for r in results:
        parts.append(f"  <testcase classname={quoteattr(root)} name={quoteattr(r.name)}>")
        if not r.passed or r.leaked:
            what = "; ".join(f"{lk.count} leaked at {lk.function} {lk.file}:{lk.line} (seed {lk.seed})"
                             for lk in r.leaked) or f"failed (seeds {r.failed_seeds[:5]})"
            parts.append(f"    <failure message={quoteattr(what)}>{escape(r.output)}</failure>")
        elif r.skipped:
            parts.append("    <skipped/>")
        parts.append("  </testcase>")
    parts.append("</testsuite>\n")
    return "\n".join(parts)


def run_test_command(folder: str, *, pattern: str | None, runs: int, seed: int, as_json_out: bool,
                     junit_path: str | None, budgets: Budgets = DEFAULT_BUDGETS, out: Any = None,
                     err: Any = None) -> int:
    """The ``test`` command: run, print, write JUnit; 0 all passed, 1 a failure or a leak, 2 cannot run."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        results, root = run_tests(folder, pattern=pattern, runs=runs, seed=seed, budgets=budgets)
    except GoSourceError as e:
        err.write("".join(line + "\n" for line in e.lines()))  # every refusal, as go build lists them
        return 2
    except re.error as e:
        err.write(f"leakviz test: error: --run is not a valid regular expression: {e}\n")
        return 2
    except BudgetExceeded as e:
        err.write(f"leakviz test: {e.line()}\n")
        return 2
    return emit(results, root, folder=folder, runs=runs, as_json_out=as_json_out, junit_path=junit_path, out=out,
                err=err)


def emit(results: list[TestResult], root: str, *, folder: str, runs: int, as_json_out: bool, junit_path: str | None,
         out: Any, err: Any) -> int:
    """Print the results (go test -v, or JSON) and write JUnit; the exit code."""
    if not results:
        err.write("leakviz test: no tests to run\n")
    if junit_path is not None:
        from ..core.atomic import WriteError, atomic_write
        try:
            with atomic_write(junit_path, "w", encoding="utf-8") as f:
                f.write(junit(results, root))
        except WriteError as e:
            err.write(f"leakviz test: error: {e}\n")
            return 2
    if as_json_out:
        out.write(json.dumps(as_json(results, root), indent=2) + "\n")
        return 1 if any(not r.passed or r.leaked for r in results) else 0
    return report(results, folder, root, out, runs)
