"""``python -m visualizer run``: the headless command, as a user runs it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from visualizer.core import memory

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60


def leakviz(*args, timeout=TIMEOUT):
    return subprocess.run([sys.executable, "-m", "visualizer", "run", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def run_json(*args):
    p = leakviz(*args, "--json")
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""
    return json.loads(p.stdout)


KEYS = {"variant", "checks", "capacity_done", "capacity_quit", "requests", "tasks_spawned",
        "stranded", "stranded_by_channel", "go_bytes_modeled", "python_bytes_measured",
        "sim_time_ms", "trace_sha256"}


def test_json_worked_example_fail_first():
    r = run_json("--checks", "10", "--capacity", "0", "--fail", "0", "--native")
    assert r["source"] == "transcription"
    assert KEYS <= set(r)
    assert r["variant"] == "seed"
    assert (r["checks"], r["capacity_done"], r["capacity_quit"], r["requests"]) == (10, 0, 0, 1)
    assert r["tasks_spawned"] == 12  # server, handler, ten checks
    assert r["stranded"] == 9
    assert r["stranded_by_channel"] == {"done": 9}
    assert r["go_bytes_modeled"] >= 9 * memory.GOROUTINE_BYTES
    assert r["python_bytes_measured"] > 0
    assert r["sim_time_ms"] == 50.0
    assert len(r["trace_sha256"]) == 64 and int(r["trace_sha256"], 16) >= 0


def test_run_runs_the_handler_from_go_by_default_and_says_so():
    """As the window does: gateway.go when it can run the config, with the transcription's counts."""
    go = run_json("--fail", "0")
    native = run_json("--fail", "0", "--native")
    assert (go["source"], native["source"]) == ("gateway.go", "transcription")
    for k in ("stranded", "stranded_by_channel", "tasks_spawned", "requests", "requests_rejected"):
        assert go[k] == native[k], k
    assert go["stranded"] == 9
    assert go["parked_by_site"] == {"gateway.go:48:send:done@gateway.go:51": 9}
    # the modelled server gives what it started 200 ms after the last request before the run ends
    assert go["sim_time_ms"] == pytest.approx(200.0, abs=0.01)
    text = leakviz("--fail", "0").stdout
    assert "the handler ran            from Go (goplay/examples/gateway.go)" in text
    assert "9  parked at gateway.go:51 (send on done)" in text


def test_what_gateway_go_cannot_run_runs_as_the_transcription_and_interpret_refuses_it():
    r = run_json("--checks", "5", "--fail", "0")
    assert r["source"] == "transcription" and r["stranded"] == 4
    p = leakviz("--checks", "5", "--interpret")
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.splitlines() == ["leakviz run: error: the gateway in Go has its 10 checks and their delays "
                                     "written in its code: edit gateway.go to change them"]
    p = leakviz("--interpret", "--native")
    assert p.returncode == 2 and len(p.stderr.splitlines()) == 1 and "not allowed with" in p.stderr


def test_a_run_from_go_stops_at_the_ceiling_and_refuses_one_above_its_memory_budget():
    p = leakviz("--requests", "100000", "--concurrent", "--rate", "1000000", "--max-live", "2000", "--json")
    assert p.returncode == 0, p.stderr
    r = json.loads(p.stdout)
    assert r["source"] == "gateway.go" and r["stopped_at_ceiling"] is True
    assert r["requests"] < 1000  # stopped at the ceiling, not at the end of 100,000 requests
    assert p.stderr.splitlines() == ["leakviz run: stopped at 2,000 live goroutines: this is the leak at work (in "
                                     "Go every stranded goroutine stays until the process dies); leakviz stops "
                                     "here so that it does not eat this computer's memory too (set the ceiling "
                                     "with --max-live)"]
    p = leakviz("--max-live", "120001")
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.splitlines() == ["leakviz run: error: --max-live above 120,000 needs --native: a run from Go "
                                     "keeps within its memory budget (about 5.5 KB a goroutine)"]
    assert run_json("--max-live", "120001", "--native")["stranded"] == 5


def test_json_worked_example_fail_two_and_ten():
    r = run_json("--checks", "10", "--capacity", "0", "--fail", "1,9")
    assert r["stranded"] == 8
    assert r["stranded_by_channel"] == {"done": 7, "quit": 1}


def test_json_is_deterministic_and_seeded():
    a = run_json("--requests", "20", "--fail-prob", "0.3", "--seed", "4")
    b = run_json("--requests", "20", "--fail-prob", "0.3", "--seed", "4")
    c = run_json("--requests", "20", "--fail-prob", "0.3", "--seed", "5")
    assert a["trace_sha256"] == b["trace_sha256"] != c["trace_sha256"]


def test_capacity_sets_both_and_capacity_done_overrides():
    r = run_json("--capacity", "3", "--fail", "0")
    assert (r["capacity_done"], r["capacity_quit"]) == (3, 3)
    assert r["stranded"] == 6
    r = run_json("--capacity", "3", "--capacity-done", "1", "--fail", "0")
    assert (r["capacity_done"], r["capacity_quit"]) == (1, 3)
    assert r["stranded"] == 8
    r = run_json("--capacity-quit", "2", "--fail", "0,1,2,3")
    assert (r["capacity_done"], r["capacity_quit"]) == (0, 2)
    assert r["stranded_by_channel"] == {"done": 6, "quit": 1}


def test_fixed_variants_strand_nothing():
    for variant in ("ctx", "closequit", "drain"):
        r = run_json("--variant", variant, "--fail", "0")
        assert r["variant"] == variant
        assert r["stranded"] == 0 and r["stranded_by_channel"] == {}


def test_text_output_mentions_the_stranded_count():
    p = leakviz("--checks", "10", "--capacity", "0", "--fail", "1,9")
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert "stranded" in out
    stranded_line = next(line for line in out.splitlines() if "stranded" in line)
    assert " 8 " in f" {stranded_line} "
    assert "done: 7" in out and "quit: 1" in out
    p0 = leakviz("--variant", "drain", "--fail", "0")
    line0 = next(line for line in p0.stdout.splitlines() if "stranded" in line)
    assert " 0 " in f" {line0} "


def test_run_help_exits_zero():
    p = leakviz("--help")
    assert p.returncode == 0
    assert "--capacity" in p.stdout and "--fail" in p.stdout and "--json" in p.stdout
    assert p.stderr == ""


BAD = {
    "negative capacity": ["--capacity", "-1"],
    "negative capacity-done": ["--capacity-done", "-2"],
    "negative capacity-quit": ["--capacity-quit", "-1"],
    "zero checks": ["--checks", "0"],
    "failing index out of range": ["--checks", "5", "--fail", "5"],
    "negative failing index": ["--fail=-1"],
    "malformed list 1,,2": ["--fail", "1,,2"],
    "malformed list a": ["--fail", "a"],
    "malformed delays": ["--checks", "3", "--delays", "1,,2"],
    "rate 0": ["--rate", "0"],
    "rate -5": ["--rate", "-5"],
    "rate nan": ["--rate", "nan"],
    "rate inf": ["--rate", "inf"],
    "rate text": ["--rate", "fast"],
    "unknown variant": ["--variant", "nope"],
    "unknown arrival": ["--arrival", "uniform"],
    "fail with fail-prob": ["--fail", "1", "--fail-prob", "0.2"],
    "fail with bad-ip-share": ["--fail", "1", "--bad-ip-share", "0.2"],
    "delays wrong count": ["--checks", "3", "--delays", "5,10"],
    "fail-prob 2": ["--fail-prob", "2"],
    "fail-prob nan": ["--fail-prob", "nan"],
    "jitter 2": ["--jitter", "2"],
    "requests 0": ["--requests", "0"],
    "checks 100000": ["--checks", "100000"],
    "capacity huge": ["--capacity", "99999999999"],
    "capacity-done astronomically huge": ["--capacity-done", "9" * 40],
    "checks astronomically huge": ["--checks", "9" * 40],
    "delay huge": ["--checks", "2", "--delays", "1e300,5"],
    "delay negative": ["--checks", "2", "--delays", "-5,5"],
    "empty delays": ["--delays", ""],
    "capacity not an int": ["--capacity", "1.5"],
    "unknown option": ["--frobnicate"],
    "requests huge": ["--requests", "99999999999999999999"],
    "rate tiny": ["--rate", "1e-300", "--requests", "2"],
}


@pytest.mark.parametrize("args", list(BAD.values()), ids=list(BAD))
def test_bad_input_is_one_error_line_and_exit_2(args):
    try:
        p = leakviz(*args)
    except subprocess.TimeoutExpired:
        pytest.fail(f"leakviz run {' '.join(args)} was not rejected: still running after {TIMEOUT} s")
    assert "Traceback" not in p.stderr, p.stderr
    assert p.returncode == 2, (p.returncode, p.stdout[-500:], p.stderr)
    lines = p.stderr.splitlines()
    assert len(lines) == 1, p.stderr
    assert "error" in lines[0]
    assert p.stdout == ""


def test_a_rate_below_the_minimum_is_refused_even_for_one_request():
    p = leakviz("--rate", "1e-300", "--fail", "0", "--json")
    assert p.returncode == 2, (p.returncode, p.stdout, p.stderr)
    assert p.stderr.strip() == ("leakviz run: error: rate must be between 0.001 and 1e+06 requests per second, "
                                "got 1e-300")


@pytest.mark.parametrize("seed", ["4294967296", "2147483648", "-1"])
def test_one_seed_range_everywhere_on_the_command_line(seed):
    from visualizer.core.scenario import MAX_SEED
    p = leakviz("--seed", seed)
    assert p.returncode == 2
    assert p.stderr.strip() == f"leakviz run: error: seed must be a whole number between 0 and {MAX_SEED}, got {seed}"
    p = leakviz("--seed", str(MAX_SEED), "--fail", "0", "--json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["stranded"] == 9
