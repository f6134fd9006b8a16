"""`leakviz test DIR`: a package's Go tests on explored schedules, failing on every leak, with the seed that shows it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from visualizer.golang.gotest import run_test_command

CHECKS = Path(__file__).parent / "testpkgs" / "checks"


def _run(*, pattern=None, runs=20, seed=0, junit=None) -> tuple[int, dict]:
    out = io.StringIO()
    code = run_test_command(str(CHECKS), pattern=pattern, runs=runs, seed=seed, as_json_out=True, junit_path=junit,
                            out=out, err=io.StringIO())
    return code, {t["name"]: t for t in json.loads(out.getvalue())["tests"]}


def test_each_test_passes_fails_or_leaks_as_it_should():
    code, tests = _run()
    assert code == 1
    assert list(tests) == ["TestFirstFailureLeaks", "TestSumIsClean", "TestRaceSometimesLeaks", "TestFailsPlainly"]
    first = tests["TestFirstFailureLeaks"]
    assert not first["passed"] and first["failed_seeds"] == []  # its assertions hold: it fails by leaking
    [lk] = first["leaked"]
    assert (lk["function"], lk["wait_reason"], lk["count"], lk["seed"]) == ("checks.FirstFailure.func1", "chan send",
                                                                              3, 0)  # in Go's own order already
    assert lk["line"] == 13 and lk["created_by"] == "checks.FirstFailure"
    clean = tests["TestSumIsClean"]
    assert clean["passed"] and clean["leaked"] == []
    plain = tests["TestFailsPlainly"]
    assert not plain["passed"] and plain["failed_seeds"] == list(range(20)) and plain["leaked"] == []


def test_a_race_leak_go_s_order_hides_is_found_and_its_seed_replays_it():
    code, tests = _run(pattern="Race", runs=1)
    assert code == 0 and tests["TestRaceSometimesLeaks"]["leaked"] == []  # Go's order: the race goes well
    code, tests = _run(pattern="Race", runs=50)
    [lk] = tests["TestRaceSometimesLeaks"]["leaked"]
    assert code == 1 and lk["function"] == "checks.Race.func2" and lk["wait_reason"] == "chan send"
    code, again = _run(pattern="^TestRaceSometimesLeaks$", runs=1, seed=lk["seed"])
    assert code == 1 and again["TestRaceSometimesLeaks"]["leaked"][0]["seed"] == lk["seed"]


def test_output_is_go_test_v_with_a_block_per_leak_and_junit_for_ci(tmp_path):
    xml = tmp_path / "report.xml"
    r = subprocess.run([sys.executable, "-m", "visualizer", "test", str(CHECKS), "--runs", "5", "--junit", str(xml)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "=== RUN   TestFirstFailureLeaks" and lines[-2] == "FAIL"
    assert lines[-1].startswith("FAIL\tchecks\t")
    assert "=== RUN   TestSumIsClean/n#01" in lines and "    --- PASS: TestSumIsClean/n#02 (0.00s)" in lines
    assert f"    rerun: python -m visualizer test {CHECKS} --run '^TestFirstFailureLeaks$' --seed 0" in lines
    suite = ET.parse(xml).getroot()
    assert suite.get("tests") == "4" and suite.get("failures") == "3"
    failed = {c.get("name") for c in suite if c.find("failure") is not None}
    assert failed == {"TestFirstFailureLeaks", "TestFailsPlainly", "TestRaceSometimesLeaks"}


def test_a_folder_without_tests_is_one_line(tmp_path):
    (tmp_path / "x.go").write_text("package x\n")
    r = subprocess.run([sys.executable, "-m", "visualizer", "test", str(tmp_path)], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 2 and r.stderr == f"{tmp_path}:1:1: no _test.go files in this folder\n"


def test_goleak_verify_none_is_accepted_and_leakviz_reports_the_leak(tmp_path):
    (tmp_path / "w.go").write_text("package w\n\nfunc Start() {\n\tch := make(chan int)\n\tgo func() { ch <- 1 }()\n}\n")
    (tmp_path / "w_test.go").write_text('package w\n\nimport (\n\t"testing"\n\n\t"go.uber.org/goleak"\n)\n\n'
                                        "func TestStart(t *testing.T) {\n\tdefer goleak.VerifyNone(t, "
                                        "goleak.IgnoreCurrent())\n\tStart()\n}\n")
    out = io.StringIO()
    code = run_test_command(str(tmp_path), pattern=None, runs=2, seed=0, as_json_out=True, junit_path=None, out=out,
                            err=io.StringIO())
    [t] = json.loads(out.getvalue())["tests"]
    assert code == 1 and [(lk["function"], lk["line"]) for lk in t["leaked"]] == [("w.Start.func1", 5)]


TESTPKGS = Path(__file__).parent / "testpkgs"


def _text(folder, *, pattern=None, runs=3) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = run_test_command(str(folder), pattern=pattern, runs=runs, seed=0, as_json_out=False, junit_path=None,
                            out=out, err=io.StringIO())
    return code, out.getvalue().splitlines()


def test_an_external_test_package_with_test_main_runs_as_go_test_runs_it():
    """pool_test (package pool_test) imports example.com/pool; its TestMain runs first and once."""
    code, lines = _text(TESTPKGS / "pool")
    assert code == 1
    # what go test -v printed for this package (Go 1.27.3), up to the leak block leakviz adds
    assert lines[:5] == ["pool tests: set up", "=== RUN   TestAllIsClean", "--- PASS: TestAllIsClean (0.00s)",
                         "=== RUN   TestFirstLeaksTheOtherWorkers", "--- FAIL: TestFirstLeaksTheOtherWorkers (0.00s)"]
    assert lines.count("pool tests: set up") == 1
    # Go 1.27.3's goroutineleak profile after this test: "2 @ ... example.com/pool.(*Pool).work pool.go:27"
    assert lines[5].startswith("    leak: 2 goroutine(s) at example.com/pool.(*Pool).work [chan send] ")
    assert lines[5].endswith("first seen with seed 0") and "pool.go:27, created by example.com/pool.New" in lines[5]
    assert lines[-1].startswith("FAIL\texample.com/pool\t")


def test_test_main_that_never_calls_m_run_runs_no_test(tmp_path):
    (tmp_path / "q.go").write_text("package q\n")
    (tmp_path / "q_test.go").write_text('package q\n\nimport "testing"\n\nfunc TestMain(m *testing.M) {}\n\n'
                                        'func TestNever(t *testing.T) { t.Fatal("ran") }\n')
    code, lines = _text(tmp_path, runs=1)
    assert code == 0 and "--- SKIP: TestNever (TestMain did not call m.Run)" in lines and "ran" not in str(lines)


def test_httptest_drives_a_servemux_and_a_leaking_handler_is_that_test_s_leak():
    code, lines = _text(TESTPKGS / "web")
    assert code == 1
    # go test -v's lines for this package (Go 1.27.3), the log line with its file:line
    assert lines[:5] == ["=== RUN   TestHome", "--- PASS: TestHome (0.00s)", "=== RUN   TestItemTimesOut",
                         "    web_test.go:23: slow", "        "]
    assert lines[5] == "--- FAIL: TestItemTimesOut (0.00s)"  # goleak's verdict: real Go's own run passes it
    assert lines[6].startswith("    leak: 1 goroutine(s) at example.com/web.Item.func1 [chan send] ")
    assert lines[7] == "    rerun: python -m visualizer test " + str(TESTPKGS / "web") + " --run '^TestItemTimesOut$' --seed 0"
    assert lines[8] == "    see it: python -m visualizer " + str(TESTPKGS / "web") + " --test TestItemTimesOut --seed 0"
    assert lines[9:11] == ["=== RUN   TestUnknownPathIs404", "--- PASS: TestUnknownPathIs404 (0.00s)"]


def test_a_panicking_test_fails_and_ends_the_run_with_its_panic(tmp_path):
    (tmp_path / "p.go").write_text("package p\n")
    (tmp_path / "p_test.go").write_text('package p\n\nimport "testing"\n\nfunc TestNil(t *testing.T) {\n'
                                        '\tvar m map[string]int\n\tm["x"] = 1\n}\n')
    code, lines = _text(tmp_path, runs=1)
    assert code == 1
    assert lines[:3] == ["=== RUN   TestNil", "--- FAIL: TestNil (0.00s)", "panic: assignment to entry in nil map"]


def _summary(results) -> list:
    return [(r.name, r.passed, r.failed_seeds, r.output,
             [(lk.function, lk.line, lk.wait_reason, lk.count, lk.seed) for lk in r.leaked]) for r in results]


def test_shards_cover_every_seed_once_in_order():
    from visualizer.golang.gotest import shards
    sh = shards("d", None, 10, 5, 3)
    assert [(s.seed, s.runs) for s in sh] == [(5, 4), (9, 3), (12, 3)]
    assert [(s.seed, s.runs) for s in shards("d", None, 2, 0, 8)] == [(0, 1), (1, 1)]


def test_jobs_spread_the_schedules_and_give_what_one_process_gives():
    from visualizer.golang.gotest import run_sharded, run_tests, shards
    alone, root = run_tests(str(CHECKS), runs=12)
    spread, root2 = run_sharded(shards(str(CHECKS), None, 12, 0, 3), 2)
    assert root2 == root == "checks"
    assert _summary(spread) == _summary(alone)
    assert any(r.leaked and r.leaked[0].seed > 0 for r in spread)  # a race found by a shard past the first


def test_jobs_on_the_command_line_and_a_shard_that_cannot_run_is_one_line(tmp_path):
    r = subprocess.run([sys.executable, "-m", "visualizer", "test", str(CHECKS), "--runs", "6", "--jobs", "2", "--json"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1, r.stderr
    rep = json.loads(r.stdout)
    assert rep["package"] == "checks" and [t["name"] for t in rep["tests"]][0] == "TestFirstFailureLeaks"
    (tmp_path / "b.go").write_text("package b\n\nfunc F() { undefined() }\n")
    (tmp_path / "b_test.go").write_text('package b\n\nimport "testing"\n\nfunc TestF(t *testing.T) { F() }\n')
    r = subprocess.run([sys.executable, "-m", "visualizer", "test", str(tmp_path), "--runs", "4", "--jobs", "2"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 2 and r.stderr == f"{tmp_path / 'b.go'}:3:12: undefined: undefined\n"


def test_the_schedules_run_on_a_dask_cluster_of_two_workers():
    pytest.importorskip("distributed", reason="Dask is the optional extra: pip install -e '.[dist]'")
    from dask.distributed import LocalCluster

    from visualizer.golang.gotest import run_on_dask, run_tests, shards
    alone, _root = run_tests(str(CHECKS), runs=10)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        spread, root = run_on_dask(shards(str(CHECKS), None, 10, 0, 4), cluster.scheduler_address)
        assert len(cluster.workers) == 2
    assert root == "checks" and _summary(spread) == _summary(alone)


def test_parallel_subtests_pause_and_continue_as_go_test_v_prints_them():
    """Real Go 1.27.3 (GOMAXPROCS=1, so -parallel 1) printed go_test_v.go127.out for this package."""
    recorded = (TESTPKGS / "par" / "go_test_v.go127.out").read_text().splitlines()
    code, lines = _text(TESTPKGS / "par", runs=1)
    assert code == 0
    assert lines[:-1] == recorded[1:-1]  # all but the timing line
    assert lines[-1].startswith("ok  \tpar\t") and recorded[-1].startswith("ok  \tpar\t")


def test_goleak_options_leave_out_what_they_ignore_and_t_setenv_is_undone(tmp_path):
    (tmp_path / "w.go").write_text(
        'package w\n\nimport "os"\n\nfunc Background() {\n\tch := make(chan int)\n\tgo func() { ch <- 1 }()\n}\n\n'
        "func Forgotten() {\n\tch := make(chan int)\n\tgo func() { <-ch }()\n}\n\n"
        'func Mode() string { return os.Getenv("MODE") }\n')
    (tmp_path / "w_test.go").write_text(
        'package w\n\nimport (\n\t"testing"\n\n\t"go.uber.org/goleak"\n)\n\n'
        'func TestTop(t *testing.T) {\n\tdefer goleak.VerifyNone(t, goleak.IgnoreTopFunction("w.Background.func1"))\n'
        "\tBackground()\n\tForgotten()\n}\n\n"
        'func TestEnv(t *testing.T) {\n\tt.Run("set", func(t *testing.T) {\n\t\tt.Setenv("MODE", "fast")\n'
        '\t\tif Mode() != "fast" {\n\t\t\tt.Fatal("not set")\n\t\t}\n\t})\n'
        '\tif Mode() != "" {\n\t\tt.Errorf("not restored: %q", Mode())\n\t}\n}\n')
    out = io.StringIO()
    code = run_test_command(str(tmp_path), pattern=None, runs=2, seed=0, as_json_out=True, junit_path=None, out=out,
                            err=io.StringIO())
    top, env = json.loads(out.getvalue())["tests"]
    assert code == 1
    assert [(lk["function"], lk["wait_reason"]) for lk in top["leaked"]] == [("w.Forgotten.func1", "chan receive")]
    assert env["passed"] and "not restored" not in env["output"]
