"""The command line honours every flag or refuses it in one line; the headless
ceiling, soak's summary on Ctrl+C, the one report."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.procs import watchdog

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 120


def leakviz(*args, **kw):
    return subprocess.run([sys.executable, "-m", "visualizer", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=TIMEOUT, **kw)


@pytest.mark.parametrize(("args", "command"), [(["--max-live", "1", "run"], "run"),
                                               (["--preset", "context", "run"], "run"),
                                               (["--lang", "en", "export", "csv", "--out", "x.csv"], "export"),
                                               (["--speed=max", "bench"], "bench")])
def test_window_options_before_a_command_are_refused_not_dropped(args, command):
    p = leakviz(*args)
    assert p.returncode == 2
    flag = args[0].split("=")[0]
    assert p.stderr == (f"leakviz: error: {flag} is an option of the window, not of '{command}'; "
                        f"a command's options come after its name (see leakviz {command} --help)\n")


def test_export_with_a_preset_honours_the_scenario_flags_given(tmp_path):
    out = tmp_path / "r.json"
    p = leakviz("export", "json", "--preset", "unbuffered", "--capacity", "10", "--out", str(out))
    assert p.returncode == 0, p.stderr
    r = json.loads(out.read_text())
    assert (r["capacity_done"], r["capacity_quit"], r["stranded"]) == (10, 10, 0)
    assert r["config"]["rate"] == 20.0  # the rest is the preset's
    p = leakviz("export", "json", "--preset", "unbuffered", "--out", str(out))
    r = json.loads(out.read_text())
    assert (r["capacity_done"], r["capacity_quit"]) == (0, 0) and r["stranded"] > 0


@pytest.mark.parametrize(("source", "arrived"), [("--native", 61), ("--interpret", 60)])
def test_the_report_counts_requests_that_arrived(tmp_path, source, arrived):
    """One request each 50 ms, to 3 s: the transcription's 61st arrives at 3.000 s; from Go the requests
    come a little later (a step takes virtual time), and the 61st just after 3 s."""
    out = tmp_path / "r.json"
    p = leakviz("export", "json", "--requests", "1000000", "--concurrent", "--rate", "20", "--sim-seconds", "3",
                "--out", str(out), source)
    assert p.returncode == 0, p.stderr
    r = json.loads(out.read_text())
    assert r["requests"] == arrived and r["requests_configured"] == 1_000_000


def test_the_ceiling_applies_headless_with_the_windows_message():
    p = leakviz("run", "--requests", "10000000", "--concurrent", "--rate", "1000000", "--checks", "256",
                "--fail", "0", "--max-live", "20000", "--json")
    assert p.returncode == 0, p.stderr
    r = json.loads(p.stdout)
    assert r["stopped_at_ceiling"] is True
    assert 20_000 <= r["tasks_spawned"] < 20_000 + 300  # stopped at the ceiling, not a request later
    assert p.stderr.startswith("leakviz run: stopped at 20,000 live goroutines: this is the leak at work")
    assert p.stderr.count("\n") == 1


def test_a_run_that_ends_below_the_ceiling_says_so():
    p = leakviz("run", "--fail", "0", "--json")
    assert json.loads(p.stdout)["stopped_at_ceiling"] is False and p.stderr == ""


@pytest.mark.slow
def test_ctrl_c_on_soak_prints_its_summary():
    p = subprocess.Popen([sys.executable, "-m", "visualizer", "soak", "--minutes", "10", "--max-live", "1000"],
                         cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watchdog(p)
    try:
        first = p.stdout.readline()  # the first sample: the soak is under way
        assert "cycle" in first, first
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=TIMEOUT)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 130, err
    assert "stopped by SIGINT after" in out
    assert "cycles of the leak up to the ceiling of 1,000 live goroutines" in out
    assert "Traceback" not in err


def test_a_screenshot_stops_at_the_ceiling_instead_of_waiting_for_ever(tmp_path):
    out = tmp_path / "x.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    p = leakviz("--max-live", "100", "--preset", "unbuffered", "--sim-seconds", "3", "--screenshot", str(out),
                "--lang", "en", env=env)
    assert p.returncode == 0, p.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_lesson_screenshot_shows_the_first_step_and_exits(tmp_path):
    """--lesson --screenshot never exited: the lesson pauses the run the screenshot waited on."""
    out = tmp_path / "lesson.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    p = leakviz("--lesson", "--screenshot", str(out), "--size", "1024x768", "--lang", "en", env=env)
    assert p.returncode == 0, p.stderr
    png = out.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (1024, 768)  # IHDR


def test_the_scheduler_game_screenshot_exits_and_refuses_another_mode_in_one_line(tmp_path):
    out = tmp_path / "play.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    p = leakviz("--scheduler", "--screenshot", str(out), "--size", "1024x768", "--lang", "en", "--no-settings",
                env=env)
    assert p.returncode == 0, p.stderr
    png = out.read_bytes()
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (1024, 768)
    p = leakviz("--scheduler", "--lesson", "--screenshot", str(out), env=env)
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "--scheduler" in p.stderr


@pytest.mark.parametrize("mode", ["--compare", "--explore"])
def test_compare_and_explorer_screenshots_take_the_size_asked_for(tmp_path, mode):
    """They were 1500x950 and 800x620 whatever --size said."""
    out = tmp_path / "x.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    p = leakviz(mode, "--screenshot", str(out), "--size", "1024x768", "--sim-seconds", "0.2", "--lang", "en", env=env)
    assert p.returncode == 0, p.stderr
    png = out.read_bytes()
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (1024, 768)


@pytest.mark.parametrize("args", [["--fps", "0.0015"], ["--fps", "1e-300"], ["--fps", "60"], ["--speed", "1e-320"]])
def test_gif_timing_out_of_what_a_gif_stores_is_one_line(tmp_path, args):
    out = tmp_path / "x.gif"
    p = leakviz("export", "gif", "--preset", "unbuffered", "--sim-seconds", "0.2", *args, "--out", str(out))
    assert p.returncode == 2, p.stderr
    assert p.stderr.count("\n") == 1 and "Traceback" not in p.stderr
    assert not out.exists()
