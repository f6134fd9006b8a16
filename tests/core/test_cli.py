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
    r = run_json("--checks", "10", "--capacity", "0", "--fail", "0")
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
