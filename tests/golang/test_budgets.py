"""A hostile or unlucky program ends in one line: budgets, the child process's limits, Go's fatal errors."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys

import pytest

from visualizer.golang.budget import Budgets
from visualizer.golang.cli import run_go


def _run(tmp_path, body: str, **kw) -> tuple[int, str, str]:
    f = tmp_path / "prog.go"
    f.write_text("package main\n" + body + "\n")
    out, err = io.StringIO(), io.StringIO()
    code = run_go([str(f)], out=out, err=err, **kw)
    return code, out.getvalue(), err.getvalue()


def _cli(tmp_path, body: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    f = tmp_path / "prog.go"
    f.write_text("package main\n" + body + "\n")
    return subprocess.run([sys.executable, "-m", "visualizer", "go", str(f), *args], capture_output=True, text=True,
                          timeout=timeout, cwd=tmp_path)


BUDGETED = [
    ("steps", "func main() {\n\tfor {\n\t}\n}", Budgets(steps=100_000), "100,000 steps", ":3"),
    ("steps over range", "func main() {\n\tfor range 1 << 62 {\n\t}\n}", Budgets(steps=100_000), "100,000 steps",
     ":3"),
    ("steps while sleeping", 'import "time"\n\nfunc main() {\n\tfor {\n\t\ttime.Sleep(1)\n\t}\n}',
     Budgets(steps=100_000), "100,000 steps", ":6"),
    ("goroutines", "func main() {\n\tc := make(chan int)\n\tfor {\n\t\tgo func() { c <- 1 }()\n\t}\n}",
     Budgets(goroutines=1_000), "1,000 live goroutines", ":5"),
    ("one allocation", 'import "fmt"\n\nfunc main() {\n\tx := make([]int, 1<<40)\n\tfmt.Println(len(x))\n}',
     Budgets(), "1,024 MiB in one allocation", ":5"),
    ("strings.Repeat", 'import "strings"\n\nfunc main() {\n\t_ = strings.Repeat("ab", 1<<40)\n}',
     Budgets(), "1,024 MiB in one allocation", ":5"),
    ("output", 'import "fmt"\n\nfunc main() {\n\tfor {\n\t\tfmt.Println("0123456789")\n\t}\n}',
     Budgets(output_bytes=1 << 20), "1 MiB of output", ":6"),
]


@pytest.mark.parametrize("name,body,budgets,says,line", BUDGETED, ids=[b[0] for b in BUDGETED])
def test_budget_stops_the_run_with_one_line(tmp_path, name, body, budgets, says, line):
    code, _out, err = _run(tmp_path, body, budgets=budgets)
    assert code == 2
    last = err.splitlines()[-1]
    assert last.startswith("leakviz go: stopped: the program went past its budget of " + says), last
    assert f"prog.go{line}" in last and "raises it" in last
    assert "Traceback" not in err


def test_recover_and_defers_cannot_swallow_the_budget(tmp_path):
    body = """
func spin() {
	defer func() { recover() }()
	for {
	}
}

func main() {
	for {
		spin()
	}
}"""
    code, _out, err = _run(tmp_path, body, budgets=Budgets(steps=200_000))
    assert code == 2 and "budget of 200,000 steps" in err


def test_make_with_negative_length_panics_as_go_does(tmp_path):
    body = 'import "fmt"\n\nfunc main() {\n\tn := -1\n\tfmt.Println(len(make([]int, n)))\n}'
    code, _out, err = _run(tmp_path, body)
    assert code == 2 and err.startswith("panic: runtime error: makeslice: len out of range\n")


def test_goexit_in_main_is_go_s_fatal_error(tmp_path):
    body = """
import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	go func() {
		time.Sleep(time.Millisecond)
		fmt.Println("other ran")
	}()
	defer fmt.Println("deferred")
	runtime.Goexit()
}"""
    code, out, err = _run(tmp_path, body)
    # what real Go 1.27.3 prints for this program, exit status 2
    assert (code, out) == (2, "deferred\nother ran\n")
    assert err.startswith("fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n")


def test_a_name_declared_twice_in_the_package_is_refused(tmp_path):
    (tmp_path / "a.go").write_text("package main\n\nfunc main() {}\n")
    (tmp_path / "b.go").write_text('package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("second") }\n')
    out, err = io.StringIO(), io.StringIO()
    assert run_go([str(tmp_path)], out=out, err=err) == 2
    assert err.getvalue() == (f"{tmp_path / 'b.go'}:5:6: main redeclared in this block "
                              f"(other declaration of main at {tmp_path / 'a.go'}:3:6)\n")
    assert out.getvalue() == ""


RECURSE = """
import "fmt"

func depth(n int) int {
	if n == 0 {
		return 0
	}
	return depth(n-1) + 1
}

func main() {
	fmt.Println(depth(%d))
}"""


def test_deep_recursion_runs_as_go_runs_it(tmp_path):
    r = _cli(tmp_path, RECURSE % 100_000)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "100000\n"


def test_endless_recursion_is_go_s_stack_overflow(tmp_path):
    body = "func f(n int) int { return f(n+1) + 1 }\n\nfunc main() { f(0) }"
    r = _cli(tmp_path, body)
    assert r.returncode == 2
    assert r.stderr.startswith("runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow\n")
    assert "...additional frames elided..." in r.stderr and "Traceback" not in r.stderr
    assert "RecursionError" not in r.stderr


def test_the_child_s_wall_clock_deadline(tmp_path):
    r = _cli(tmp_path, "func main() {\n\tfor {\n\t}\n}", "--timeout", "2", "--max-steps", str(1 << 40))
    assert r.returncode == 2
    assert r.stderr.strip().splitlines()[-1] == ("leakviz go: stopped: the program ran past its wall-clock limit "
                                                 "(2 s); --timeout raises it")


def test_the_child_s_memory_limit(tmp_path):
    body = 'import "fmt"\n\nfunc main() {\n\ts := "x"\n\tfor {\n\t\ts += s\n\t\tfmt.Print("")\n\t}\n}'
    r = _cli(tmp_path, body, "--max-memory", "64")
    assert r.returncode == 2
    assert r.stderr.startswith("fatal error: runtime: out of memory\n"), r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_ends_leakviz_and_its_child(tmp_path, sig):
    f = tmp_path / "prog.go"
    f.write_text('package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("started")\n\tdefer func() '
                 '{ recover() }()\n\tfor {\n\t}\n}\n')
    p = subprocess.Popen([sys.executable, "-m", "visualizer", "go", str(f), "--max-steps", str(1 << 40)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    assert p.stdout.readline() == "started\n"  # the child runs the program: now signal the parent
    p.send_signal(sig)
    _out, err = p.communicate(timeout=60)
    assert p.returncode == 130 and err.strip().splitlines()[-1] == "leakviz go: interrupted"
    # the child is gone too: no process of ours is left running the program
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert str(f) not in ps


def test_budget_flags_are_checked(tmp_path):
    (tmp_path / "prog.go").write_text("package main\n\nfunc main() {}\n")
    r = subprocess.run([sys.executable, "-m", "visualizer", "go", "prog.go", "--max-steps", "0"], capture_output=True,
                       text=True, timeout=60, cwd=tmp_path)
    assert r.returncode == 2 and r.stderr == "leakviz go: error: --max-steps must be a positive number up to 2^40, got 0\n"


def test_env_reaches_the_program_and_nothing_else_does(tmp_path):
    body = 'import (\n\t"fmt"\n\t"os"\n)\n\nfunc main() { fmt.Println(os.Getenv("A"), os.Getenv("PATH") == "") }'
    r = _cli(tmp_path, body, "--env", "A=b=c")
    assert (r.returncode, r.stdout) == (0, "b=c true\n")
    assert os.environ.get("PATH")
