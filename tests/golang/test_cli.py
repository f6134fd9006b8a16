"""The ``go`` command: output as Go prints it, refusals with a position, exit codes, --json, --runs."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from visualizer.golang.cli import run_go
from visualizer.golang.errors import GoSourceError
from visualizer.golang.interp import SCHED_NS

from .helpers import DATA, few_turns, run_leakviz

CASES = Path(__file__).parent / "cases"


def _write(tmp_path: Path, body: str, name: str = "main.go") -> Path:
    p = tmp_path / name
    p.write_text(body)
    return p


@pytest.mark.parametrize("src,line,col,what", [
    ("package main\n\nfunc main() {\n\tgoto L\n\t{\n\tL:\n\t}\n}\n", 4, 2, "goto L jumps into a block"),
    ("package main\n\nfunc Map[T any](x T) T { return x }\n\nfunc main() { _ = Map[int, int] }\n", 5, 19,
     "got 2 type arguments but Map has 1 type parameters"),
    ('package main\n\nimport "net/smtp"\n\nfunc main() { smtp.Dial("x") }\n', 3, 8, "net/smtp"),
    # net/http is modelled without sockets: its client side is not there
    ('package main\n\nimport "net/http"\n\nfunc main() { http.Get("x") }\n', 5, 15, "undefined: http.Get"),
    ("package main\n\nfunc main() {\n\tx := \n}\n", 4, 6, "syntax error"),
    ("package lib\n\nfunc F() {}\n", 1, 1, "package main"),
    ("package main\n\nfunc main() {\n\tswitch 1 {\n\tcase 1:\n\tdefault:\n\t\tfallthrough\n\t}\n}\n", 7, 3,
     "cannot fallthrough final case in switch"),
])
def test_unsupported_go_is_one_line_with_its_position(tmp_path, src, line, col, what):
    p = _write(tmp_path, src)
    code, out, err = run_leakviz(p)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"{p.resolve()}:{line}:{col}: ")
    assert what in err


def test_missing_file_and_bad_flags_exit_2():
    r = subprocess.run([sys.executable, "-m", "visualizer", "go", "/nonexistent/x.go"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "-m", "visualizer", "go", str(DATA / "send.go"), "--runs", "0"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_unknown_entry(tmp_path):
    p = _write(tmp_path, "package main\n\nfunc main() {}\n")
    code, _out, err = run_leakviz(p, entry="nothere")
    assert code == 2 and "nothere" in err


def test_panic_is_gos_message_and_trace(tmp_path):
    p = _write(tmp_path, 'package main\n\nfunc f(n int) {\n\tif n == 0 {\n\t\tpanic("boom")\n\t}\n'
                         '\tf(n - 1)\n}\n\nfunc main() {\n\tf(1)\n}\n')
    code, out, err = run_leakviz(p)
    assert code == 2
    lines = err.splitlines()
    assert lines[:3] == ["panic: boom", "", "goroutine 1 [running]:"]
    assert lines[3:9] == ["main.f(...)", f"\t{p.resolve()}:5 +0x0", "main.f(...)", f"\t{p.resolve()}:7 +0x0",
                          "main.main()", f"\t{p.resolve()}:11 +0x0"]


def test_deadlock_is_fatal_as_in_go(tmp_path):
    p = _write(tmp_path, "package main\n\nfunc main() {\n\tch := make(chan int)\n\t<-ch\n}\n")
    code, _out, err = run_leakviz(p)
    assert code == 2
    assert err.startswith("fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\n")


def test_output_and_summary_streams():
    code, out, err = run_leakviz(DATA / "early_return.go")
    assert code == 0
    assert out.startswith("err: bad id\nuser-7\ngoroutine 1 [running]:\n")
    assert "leakviz: seed 0: 2 goroutines started, 1 leaked: 7 main.lookup.func1 [chan send]" in err


def test_json_report():
    code, out, _err = run_leakviz(DATA / "wg_blocked_sender.go", as_json=True)
    assert code == 0
    doc = json.loads(out)
    got = sorted((lk["function"], lk["wait_reason"], lk["line"], lk["created_by"]) for lk in doc["leaked"])
    assert got == [("main.collect", "sync.WaitGroup.Wait", 20, "main.main"),
                   ("main.collect.func1", "chan send", 17, "main.collect")]
    assert doc["goroutines_started"] == 3 and doc["leaked_count"] == 3
    # the 10 ms sleep, and the goroutines' turns, each SCHED_NS of the clock (a few, not a millisecond)
    assert 10_000_000 < doc["simulated_ns"] < 10_000_000 + 100 * SCHED_NS
    assert all(lk["seed"] == 0 and lk["file"].endswith("wg_blocked_sender.go") for lk in doc["leaked"])


def test_runs_explore_schedules_and_name_the_seed():
    # Go's order always hands "second" to main and leaks the first sender; other orders leak the second
    code, out, _err = run_leakviz(CASES / "race_pair.go")
    assert code == 0 and out == "second\n"
    code, out, _err = run_leakviz(CASES / "race_pair.go", runs=12, seed=5, as_json=True)
    doc = json.loads(out)
    found = {lk["function"]: lk["seed"] for lk in doc["leaked"]}
    assert set(found) == {"main.main.func1", "main.main.func2"}
    assert found["main.main.func1"] == 5  # the first run is Go's order
    assert 5 < found["main.main.func2"] < 17
    # the seed reproduces it
    code, out, _err = run_leakviz(CASES / "race_pair.go", runs=found["main.main.func2"] - 5 + 1, seed=5,
                                  as_json=True)
    assert "main.main.func2" in {lk["function"] for lk in json.loads(out)["leaked"]}


def test_runs_print_each_runs_output_in_turn():
    code, out, _err = run_leakviz(CASES / "race_pair.go", runs=3)
    assert code == 0
    assert len(out.splitlines()) == 3 and set(out.split()) <= {"first", "second"}


def test_directory_is_one_package(tmp_path):
    _write(tmp_path, 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println(helper())\n}\n', "a.go")
    _write(tmp_path, "package main\n\nfunc helper() int { return 42 }\n", "b.go")
    _write(tmp_path, "package main\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n", "a_test.go")
    code, out, err = run_leakviz(tmp_path)
    assert (code, out) == (0, "42\n"), err


def test_until_stops_a_program_that_never_ends(tmp_path):
    p = _write(tmp_path, 'package main\n\nimport (\n\t"fmt"\n\t"time"\n)\n\nfunc main() {\n'
                         '\tt := time.NewTicker(10 * time.Millisecond)\n\tn := 0\n\tfor range t.C {\n\t\tn++\n'
                         '\t\tfmt.Println(n)\n\t}\n}\n')
    code, out, err = run_leakviz(p, until_ns=35_000_000, as_json=True)
    assert code == 0
    doc = json.loads(out)
    assert doc["simulated_ns"] == 35_000_000  # the limit, exactly
    assert doc["per_run"][0]["note"] == "stopped at the simulated time limit (0.035 s)"
    code, out, err = run_leakviz(p, until_ns=35_000_000)
    assert out == "1\n2\n3\n"
    assert "stopped at the simulated time limit" in err


def _debug1_records(text: str, path: str) -> list[tuple[int, list[tuple[str, str]]]]:
    """(count, [(function, file:line)]) of a debug=1 profile, PCs and offsets dropped, GOROOT normalised."""
    out: list[tuple[int, list[tuple[str, str]]]] = []
    for line in text.replace(path, "@FILE@").splitlines():
        if " @ " in line and line.split(" @ ")[0].isdigit():
            out.append((int(line.split(" @ ")[0]), []))
        elif line.startswith("#\t") and out:
            cells = [c for c in line.split("\t") if c]
            where = cells[3]
            if "/src/" in where:
                where = "GOROOT/src/" + where.split("/src/", 1)[1]
            out[-1][1].append((cells[2].rsplit("+0x", 1)[0], where))
    return out


def test_debug1_profile_has_gos_records():
    path = CASES / "mutex_debug1.go"
    code, out, _err = run_leakviz(path)
    assert code == 0
    want = (CASES / "mutex_debug1.go127.out").read_text()
    assert out.splitlines()[0] == want.splitlines()[1] == "goroutineleak profile: total 2"
    assert _debug1_records(out, str(path.resolve())) == _debug1_records(want, "@FILE@")
    assert all(len(line.split("\t")) >= 4 for line in out.splitlines() if line.startswith("#"))


def test_go_drives_an_http_handler_as_the_window_does():
    """One way through: `go FILE` on a handler file runs the same shim and requests as the window's live run."""
    from visualizer.golang.live import GoProgram
    path = Path(__file__).resolve().parents[2] / "visualizer" / "goplay" / "examples" / "article_http.go"
    out = io.StringIO()
    assert run_go([str(path)], as_json=True, out=out, err=io.StringIO(), requests=20, rate=100.0) == 0
    doc = json.loads(out.getvalue())
    rt, _ip = GoProgram.of([(str(path), path.read_bytes())], requests=20, rate=100.0).start()
    rt.run()
    assert doc["leaked_count"] == rt.stranded > 0


def test_go_refuses_a_handler_that_is_not_declared(tmp_path):
    path = Path(__file__).resolve().parents[2] / "visualizer" / "goplay" / "examples" / "article_http.go"
    err = io.StringIO()
    assert run_go([str(path)], out=io.StringIO(), err=err, handler="main") == 2
    assert err.getvalue() == ("go: no handler 'main': it must be a function func(w http.ResponseWriter, "
                              "r *http.Request) in this package\n")


def test_pprof_imported_for_its_handlers_is_accepted(tmp_path):
    p = _write(tmp_path, 'package main\n\nimport (\n\t"fmt"\n\t_ "net/http/pprof"\n)\n\nfunc main() { fmt.Println(1) }\n')
    code, out, err = run_leakviz(p)
    assert (code, out) == (0, "1\n")
    assert few_turns(err, "leakviz: seed 0: 0 goroutines started, 0 leaked; {} ns simulated\n")


def test_every_standard_library_name_the_compiler_accepts_is_implemented():
    """The compiler's table of std names and the interpreter's helpers cannot drift apart (sync.OnceFunc did)."""
    from visualizer.golang.compile import STD, STD_VALUES, compile_files
    from visualizer.golang.interp import Interp
    h = Interp(compile_files([("/x/main.go", b"package main\n\nfunc main() {}\n")])).h
    assert [k for k in [*STD, *STD_VALUES] if not hasattr(h, k.replace(".", "_"))] == []


def test_sync_once_func_and_value(tmp_path):
    p = _write(tmp_path, '''package main

import (
	"fmt"
	"sync"
)

func main() {
	n := 0
	f := sync.OnceFunc(func() { n++ })
	f()
	f()
	v := sync.OnceValue(func() int { n += 10; return n })
	fmt.Println(n, v(), v(), n)
	defer func() { fmt.Println("recovered", recover(), recover() == nil) }()
	g := sync.OnceFunc(func() { panic("once") })
	defer g()
	g()
}
''')
    # what real Go 1.27.3 prints for this program
    assert run_leakviz(p)[:2] == (0, "11 11 11 11\nrecovered once true\n")


def test_fallthrough_runs_the_next_case_as_go_does(tmp_path):
    p = _write(tmp_path, """package main

import "fmt"

func grade(n int) string {
	s := ""
	switch {
	case n > 90:
		s += "A"
		fallthrough
	case n > 80:
		s += "B"
		fallthrough
	default:
		s += "."
	case n < 0:
		s += "neg"
	}
	return s
}

func main() {
	for _, n := range []int{95, 85, 50, -1} {
		fmt.Println(n, grade(n))
	}
	switch x := 2; x {
	case 1:
		fmt.Println("one")
	case 2:
		fmt.Println("two")
		fallthrough
	case 3:
		fmt.Println("three")
		if x == 2 {
			break
		}
		fmt.Println("not here")
	}
}
""")
    # what real Go 1.27.3 prints for this program
    assert run_leakviz(p)[:2] == (0, "95 AB.\n85 B.\n50 .\n-1 neg\ntwo\nthree\n")


def test_hostile_source_files_are_one_line_each(tmp_path):
    """FIFOs, devices, symlink loops, binary and Latin-1 files, oversized files: refused before a byte runs."""
    import os
    import stat
    (tmp_path / "f.go").parent.mkdir(exist_ok=True)
    os.mkfifo(tmp_path / "f.go")
    os.mknod(tmp_path / "z.go", stat.S_IFCHR | 0o600, os.makedev(1, 5))  # our own /dev/zero
    os.symlink("loop.go", tmp_path / "loop.go")
    (tmp_path / "bin.go").write_bytes(b"package main\n\nfunc main() {}\n// \xff\xfe\n")
    (tmp_path / "latin.go").write_bytes(b"package main\n\n// caf\xe9\nfunc main() {}\n")
    (tmp_path / "nul.go").write_bytes(b"package main\n\nfunc main() {}\x00\n")
    with open(tmp_path / "big.go", "wb") as f:
        f.truncate(5 << 20)
    want = {
        "f.go": "1:1: it is a FIFO (named pipe), not a Go source file: leakviz reads only regular files",
        "z.go": "1:1: it is a character device, not a Go source file: leakviz reads only regular files",
        "loop.go": "1:1: cannot read it: too many levels of symbolic links",
        "bin.go": "4:4: illegal UTF-8 encoding",
        "latin.go": "3:7: illegal UTF-8 encoding",
        "nul.go": "3:15: invalid NUL character",
        "big.go": "1:1: it is 5,242,880 bytes, more than the 4,194,304 a Go source file may be",
    }
    for name, says in want.items():
        code, out, err = run_leakviz(tmp_path / name)
        assert (code, out, err) == (2, "", f"{tmp_path / name}:{says}\n"), name


@pytest.mark.parametrize("flag,value", [("--until", "1e300"), ("--runs", "1000000000"), ("--until", "-1")])
def test_out_of_range_run_flags_are_one_line(tmp_path, flag, value):
    p = _write(tmp_path, "package main\n\nfunc main() {}\n")
    r = subprocess.run([sys.executable, "-m", "visualizer", "go", str(p), flag, value], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 2 and r.stderr == ("leakviz go: error: --runs must be 1 to 10,000 and --until 0 to "
                                              "1,000,000 simulated seconds\n")


def test_the_summary_line_is_per_site_and_bounded(tmp_path):
    """A million leaks made a 55 MB line; now each blocking site is named once with its count."""
    from visualizer.golang.cli import by_site
    leaked = [{"goroutine": 7 + i, "function": "main.f.func1", "wait_reason": "chan send", "file": "a.go", "line": 9}
              for i in range(100_000)]
    leaked += [{"goroutine": 1, "function": f"main.g{i}", "wait_reason": "select", "file": "a.go", "line": i}
               for i in range(20)]
    line = by_site(leaked)
    assert line.startswith("100000 × main.f.func1 [chan send] a.go:9 (goroutines 7, 8, 9, …), 1 main.g0 [select]")
    assert line.endswith("and 13 more at 13 other sites") and len(line) < 1000


def test_many_schedules_are_summarised_by_site_with_their_seeds():
    """`go --runs 10` printed a line per seed listing every goroutine (17,012 characters); now a few lines."""
    code, _out, err = run_leakviz(CASES / "race_pair.go", runs=12, seed=5)
    lines = err.splitlines()
    assert lines[0].startswith("leakviz: 12 schedules (seeds 5 to 16): ")
    assert all(ln.startswith("  ") and ": in " in ln and "; seeds " in ln for ln in lines[1:])
    assert len(err) < 2_000


def test_calls_hoisted_from_arguments_work_in_every_position(tmp_path):
    """make's length, an index, a map key, a range, go and defer arguments: each mixes a call and a read."""
    p = _write(tmp_path, """package main

import "fmt"

func f() int { return 2 }

func add(a, b int) int { return a + b }

func main() {
	n := 1
	xs := make([]int, add(n, f()))
	var arr [3]int
	arr[add(n, f())-1] = 5
	m := map[int]int{add(n, f()): 1}
	fmt.Println(len(xs), arr, m, []int{add(n, f())})
	for i := range add(n, f()) {
		_ = i
	}
	func() { fmt.Println(add(n, f())) }()
	go func(v int) {}(add(n, f()))
	defer fmt.Println(n, f())
}
""")
    # what real Go 1.27.3 prints for this program
    assert run_leakviz(p)[:2] == (0, "3 [0 0 5] map[3:1] [3]\n3\n1 2\n")


def test_every_refusal_is_listed_at_once_in_source_order_and_exit_2(tmp_path):
    p = _write(tmp_path, 'package main\n\nimport "fmt"\n\nfunc b() {\n\tgoto L\n\t{\n\tL:\n\t}\n}\n\n'
                         "func c() int {\n\tvar y = undefinedThing()\n\treturn y + 1\n}\n\n"
                         "func main() {\n\tb()\n\tfmt.Println(c(), nope)\n}\n")
    code, out, err = run_leakviz(p)
    where = str(p.resolve())
    assert code == 2 and out == ""
    # y is declared though its initialiser is refused: no "undefined: y" follows from the first error
    assert err.splitlines() == [f"{where}:6:2: goto L jumps into a block or to a label not defined",
                                f"{where}:13:10: undefined: undefinedThing", f"{where}:19:19: undefined: nope"]


def test_every_refused_import_is_listed_once_and_their_uses_are_not(tmp_path):
    p = _write(tmp_path, 'package main\n\nimport (\n\t"fmt"\n\t"github.com/google/uuid"\n\t"net/smtp"\n)\n\n'
                         'func main() {\n\tfmt.Println(uuid.New(), smtp.Dial)\n\tc, _ := smtp.Dial("x")\n'
                         '\tfmt.Println(c, uuid.NewString())\n\tfmt.Println(nope)\n}\n')
    code, out, err = run_leakviz(p)
    where = str(p.resolve())
    assert code == 2 and out == ""
    assert [ln.split(": ", 1)[0] for ln in err.splitlines()] == [f"{where}:5:2", f"{where}:6:2", f"{where}:13:14"]
    assert "github.com/google/uuid" in err and "unsupported import 'net/smtp'" in err and "undefined: nope" in err


def test_more_than_ten_refusals_end_with_too_many_errors(tmp_path):
    body = "".join(f"\tfmt.Println(missing{i})\n" for i in range(14))
    p = _write(tmp_path, f'package main\n\nimport "fmt"\n\nfunc main() {{\n{body}}}\n')
    code, _out, err = run_leakviz(p)
    lines = err.splitlines()
    assert code == 2 and len(lines) == 11 and lines[-1] == "too many errors"
    assert lines[0].endswith(":6:14: undefined: missing0") and lines[9].endswith(":15:14: undefined: missing9")


def test_the_windows_path_hands_back_every_refusal(tmp_path):
    from visualizer.golang.live import GoProgram
    src = b'package main\n\nfunc main() {\n\tprintln(a)\n\tprintln(b)\n}\n'
    with pytest.raises(GoSourceError) as ei:
        GoProgram.of([(str(tmp_path / "m.go"), src)])
    assert [(e.line, e.msg) for e in (ei.value, *ei.value.more)] == [(4, "undefined: a"), (5, "undefined: b")]


@pytest.mark.parametrize(("dial", "says"), [
    ("capacity:out:15=4", None),
    ("capacity:out:15=-1", "--dial takes capacity:VAR:LINE=N"),
    ("out=4", "--dial takes capacity:VAR:LINE=N"),
    ("capacity:in:15=4", "no dial 'capacity:in:15'"),
])
def test_dial_flag_goes_through_the_sandboxed_child_or_is_one_line(dial, says):
    ncast = Path(__file__).parents[2] / "visualizer" / "goplay" / "examples" / "ncast.go"
    r = subprocess.run([sys.executable, "-m", "visualizer", "go", str(ncast), "--json", "--dial", dial],
                       capture_output=True, text=True, timeout=120)
    if says is None:
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["per_run"][0]["leaked"] == 0
    else:
        assert r.returncode == 2 and r.stderr.count("\n") == 1 and says in r.stderr


def test_the_readme_table_names_every_package_go_can_import():
    """Every import path the compiler accepts is in the README's table, and the table names no other."""
    import re

    from visualizer.golang.compile import BLANK_OK, PACKAGES
    from visualizer.golang.gomod import MODELLED
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    table = readme[readme.index("| import | how |"):]
    table = table[:table.index("\n\n")]
    named = set(re.findall(r"`([a-z][a-z0-9./]*)`", "\n".join(ln.split("|")[1] for ln in table.splitlines()[2:])))
    accepted = (set(PACKAGES) - {"leakviz/traffic"}) | set(MODELLED) | BLANK_OK
    assert named == accepted
