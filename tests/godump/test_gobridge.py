"""export go and verify: the simulation against real Go (skipped without a toolchain, run in CI)."""

from __future__ import annotations

import random
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from visualizer.__main__ import main
from visualizer.core.presets import PRESETS
from visualizer.core.scenario import Config, go_source, predicted_stranded
from visualizer.godump import gobridge

from .conftest import TOOLCHAINS, _no_go


def random_configs(n: int) -> list[Config]:
    """Scripted configs with checks at least 4 ms apart, so real timers keep their order."""
    rng = random.Random(1414)
    out = []
    for _ in range(n):
        checks = rng.randrange(2, 9)
        delays = tuple(rng.sample(range(1, 12), checks))
        out.append(Config(variant=rng.choice(["seed", "seed", "ctx", "closequit", "drain"]), checks=checks,
                          capacity_done=rng.randrange(0, 4), capacity_quit=rng.randrange(0, 2),
                          fail=tuple(sorted(rng.sample(range(checks), rng.randrange(1, checks + 1)))),
                          delays_ms=tuple(d * 4.0 for d in delays), requests=1).validate())
    return out


def test_plan_reads_the_simulated_requests_off_the_trace():
    cfg = Config(checks=5, fail=(2,), delays_ms=(30, 10, 20, 40, 50))
    p = gobridge.plan(cfg, 3)
    assert p.requests == [((2,), (30_000_000, 10_000_000, 20_000_000, 40_000_000, 50_000_000))] * 3
    # checks 0, 3 and 4 finish after the failing one and send on done: stranded, three per request
    assert p.parked_by_site == {"check:send:done": 3 * predicted_stranded(cfg)["done"]}


def test_export_writes_a_program_whose_site_lines_are_the_handlers(tmp_path, capsys):
    code = main(["export", "go", "--preset", "unbuffered", "--out", str(tmp_path / "prog"), "--requests", "30"])
    assert code == 0
    files = {p.name for p in (tmp_path / "prog").iterdir()}
    assert files == {"main.go", "main_test.go", "go.mod"}
    text = (tmp_path / "prog" / "main.go").read_text().splitlines()
    prog = gobridge.program(gobridge.plan(PRESETS["unbuffered"], 30))
    assert text[prog.site_lines["check:send:done"] - 1].strip() == "done <- true"
    assert text[prog.site_lines["check:send:quit"] - 1].strip() == "quit <- true"
    assert '_ "net/http/pprof"' in "\n".join(text)
    assert (tmp_path / "prog" / "main_test.go").read_text().count("fail=") == 30
    gomod = (tmp_path / "prog" / "go.mod").read_text()
    assert "require" not in gomod  # the standard library only


def test_export_go_refuses_a_file_as_folder(tmp_path, capsys):
    f = tmp_path / "f"
    f.write_text("x")
    assert main(["export", "go", "--preset", "context", "--out", str(f)]) == 2
    assert "is a file" in capsys.readouterr().err


def test_verify_without_go_says_how_to_get_it(monkeypatch, capsys):
    monkeypatch.setenv("LEAKVIZ_GO", "/nonexistent/go")
    assert main(["verify", "--preset", "unbuffered"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install leakviz[go]" in err and "apt-get install golang-go" in err


@pytest.mark.parametrize("n", ["0", "20001"])
def test_verify_rejects_bad_requests(capsys, n):
    assert main(["verify", "--preset", "unbuffered", "--requests", n]) == 2
    err = capsys.readouterr().err
    assert "requests must be between 1 and" in err and err.count("\n") == 1


@pytest.mark.parametrize("preset", list(PRESETS))
def test_verify_matches_real_go_on_every_preset(go, preset, capsys):
    code = main(["verify", "--preset", preset, "--requests", "120"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "verdict: the same." in out


@pytest.mark.parametrize("cfg", random_configs(4), ids=lambda c: f"{c.variant}-{c.checks}-fail{c.fail}")
def test_verify_matches_real_go_on_random_configs(go, cfg):
    v = gobridge.verify(replace(cfg), requests=20, go=go)
    assert v.same, v.format()
    expect = predicted_stranded(cfg)
    assert sum(v.real.values()) == 20 * (expect["done"] + expect["quit"])


@pytest.mark.parametrize("version", [v for _, v in TOOLCHAINS] or ["none"])
def test_verify_on_each_toolchain(version):
    tool = [t for t, v in TOOLCHAINS if v == version]
    if not tool:
        _no_go()
    v = gobridge.verify(PRESETS["too-small"], requests=80, go=tool[0])
    assert v.go_version == version and v.same, v.format()
    assert sum(v.real.values()) > 0  # the preset does leak: the comparison compared something


def test_verify_fails_when_the_simulation_departs_from_go(go, monkeypatch, capsys):
    real_plan = gobridge.plan

    def off_by_one(cfg, requests):
        p = real_plan(cfg, requests)
        bent = dict(p.parked_by_site)
        bent["check:send:done"] = bent.get("check:send:done", 0) + 1
        return gobridge.Plan(p.cfg, p.requests, bent)

    monkeypatch.setattr(gobridge, "plan", off_by_one)
    assert main(["verify", "--preset", "unbuffered", "--requests", "20"]) == 1
    assert "DIFFERENT" in capsys.readouterr().out


def test_exported_go_test_passes_and_can_fail(go, tmp_path):
    d = tmp_path / "prog"
    gobridge.export(Config(checks=4, fail=(1,), capacity_done=1), d, requests=10)
    r = subprocess.run([go.path, "test", "-count=1", "."], cwd=d, env=go.env(), capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    gofmt = Path(go.path).parent / "gofmt"
    if gofmt.is_file():  # what a Go developer would run on it first
        r = subprocess.run([str(gofmt), "-l", "."], cwd=d, env=go.env(), capture_output=True, text=True, timeout=60)
        assert r.returncode == 0 and r.stdout == "", r.stdout + r.stderr
    t = d / "main_test.go"
    t.write_text(t.read_text().replace("var want = map[int]int{", "var want = map[int]int{1: 1, "))
    r = subprocess.run([go.path, "test", "-count=1", "."], cwd=d, env=go.env(), capture_output=True, text=True,
                       timeout=600)
    assert r.returncode != 0 and "real Go" in r.stdout
    # it stretched the delays before calling it a difference, and each round counted only its own leaks
    assert "delays x1: real Go map[71:10]" in r.stdout and "delays x16: real Go map[71:10]" in r.stdout


def test_verify_stretches_the_delays_when_a_busy_machine_swaps_checks(go, monkeypatch):
    real_run = gobridge._run_requests
    scales = []

    def late_timer_once(binary, go_, prog, p, scale):
        scales.append(scale)
        got = real_run(binary, go_, prog, p, scale)
        if len(scales) == 1:  # one check's timer fired late: one fewer blocked on done
            got = {**got, 71: got.get(71, 0) - 1}
        return got

    monkeypatch.setattr(gobridge, "_run_requests", late_timer_once)
    v = gobridge.verify(PRESETS["unbuffered"], requests=10, go=go)
    assert scales == [1, 4] and v.same and v.scale == 4
    assert "with delays x1 real Go differed (line 71: " in v.format() and "verdict: the same." in v.format()


def test_verify_at_a_given_stretch_tries_once(go, monkeypatch):
    scales = []
    real_run = gobridge._run_requests
    monkeypatch.setattr(gobridge, "_run_requests", lambda *a: (scales.append(a[-1]), {**real_run(*a), 99: 1})[1])
    v = gobridge.verify(PRESETS["unbuffered"], requests=5, go=go, scale=2)
    assert scales == [2] and not v.same and "stretched" not in v.format()


def test_stretches_leave_ties_alone_and_keep_checks_short():
    assert gobridge.stretches(gobridge.plan(PRESETS["unbuffered"], 3), 1) == [1, 4, 16]
    tied = gobridge.plan(Config(checks=3, fail=(0,), delays_ms=(10, 10, 20)), 2)
    assert gobridge.stretches(tied, 1) == [1]
    slow = gobridge.plan(Config(checks=2, fail=(0,), delays_ms=(100, 300)), 1)
    assert gobridge.stretches(slow, 1) == [1, 4]  # x16 would make a check work 4.8 s


def test_go_source_tags_are_what_export_counts():
    # every site the simulation can report for the seed variant has a line in the program
    cfg = Config()
    keys = {k for _, ks in go_source(cfg) for k in ks}
    prog = gobridge.program(gobridge.plan(cfg, 1))
    assert set(prog.site_lines) == keys
