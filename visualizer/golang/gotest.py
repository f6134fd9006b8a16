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


def run_tests(folder: str, *, pattern: str | None = None, runs: int = 1, seed: int = 0,
              budgets: Budgets = DEFAULT_BUDGETS, until_ns: int | None = None) -> tuple[list[TestResult], str]:
    """Run the package's tests ``runs`` times each (the first in Go's order); (results, the package's path).

    Raises GoSourceError when the package cannot be run."""
    files = test_files(folder)
    names = find_tests(files, pattern)
    prog = compile_files(files, tests=True)
    root = prog.test_paths[0]

    def py_of(name: str) -> str:
        # a test of the package itself, or of its external test package (package X_test)
        return next(prog.pkg_decls[(p, name)] for p in prog.test_paths if (p, name) in prog.pkg_decls)
    verdict = prog.pkg_decls.get(("testing", "Verdict"))
    if verdict is None:
        raise GoSourceError(folder, 1, 1, "the tests do not import testing")
    # TestMain(m) runs around each test, with only that test in m: what a test leaks stays its own
    main = next((py_of(n) for n in _test_funcs(files, b"*testing.M") if n == "TestMain"), None)
    results = []
    for name in names[:MAX_TESTS]:
        res = TestResult(name)
        sites: dict[tuple, Leak] = {}
        for k in range(runs):
            s = seed + k
            # the first run of seed 0 is Go's own order; any other seed explores, so that a rerun with
            # --seed S replays exactly the schedule that showed a leak
            ip = Interp(prog, seed=s, explore=k > 0 or s != 0, budgets=budgets)
            ip.settle_on_exit = True
            ip.settle_ns = SETTLE_NS
            call = (verdict, (name, ip.ns[py_of(name)]))
            if main is not None:
                call = (prog.pkg_decls[("testing", "MainVerdict")], (name, ip.ns[py_of(name)], ip.ns[main]))
            try:
                r = ip.run(until_ns, call=call)
            finally:
                ip.shutdown()
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
        bad = bad or not r.passed or bool(r.leaked)
    out.write(("FAIL" if bad else "PASS") + "\n")
    out.write(f"{'FAIL' if bad else 'ok  '}\t{root}\t(simulated, {runs} schedule(s) a test)\n")
    return 1 if bad else 0


def as_json(results: list[TestResult]) -> dict:
    """``--json``: every test, whether it passed, and its leaks."""
    return {"tests": [{"name": r.name, "passed": r.passed and not r.leaked, "skipped": r.skipped,
                       "failed_seeds": r.failed_seeds,
                       "leaked": [{"function": lk.function, "file": lk.file, "line": lk.line,
                                   "wait_reason": lk.wait_reason, "count": lk.count, "seed": lk.seed,
                                   "created_by": lk.created_by, "created_at": lk.created_at}
                                  for lk in r.leaked]} for r in results]}


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
        err.write(f"{e}\n")
        return 2
    except re.error as e:
        err.write(f"leakviz test: error: --run is not a valid regular expression: {e}\n")
        return 2
    except BudgetExceeded as e:
        err.write(f"leakviz test: {e.line()}\n")
        return 2
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
        out.write(json.dumps(as_json(results), indent=2) + "\n")
        return 1 if any(not r.passed or r.leaked for r in results) else 0
    return report(results, folder, root, out, runs)
