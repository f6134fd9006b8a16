"""The app as a process: screenshot mode, clean shutdown, the PySide6 trap."""

import gzip
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.procs import watchdog

pytestmark = pytest.mark.slow  # real processes of the app

ROOT = Path(__file__).parents[2]
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONWARNINGS": "default"}
BAD = ("Traceback", "Task was destroyed", "Event loop is closed", "was never awaited",
       "Fatal Python error", "QObject", "QThread", "Exception ignored")


def test_screenshot_command_writes_a_png(tmp_path):
    out = tmp_path / "shot.png"
    r = subprocess.run([sys.executable, "-m", "visualizer", "--preset", "unbuffered", "--sim-seconds", "0.5",
                        "--screenshot", str(out), "--lang", "en"], env=ENV, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    img = QImage(str(out))
    assert img.width() >= 1000 and img.height() >= 600
    assert not any(b in r.stderr for b in BAD), r.stderr


def test_screenshot_into_missing_folder_is_a_one_line_error(tmp_path):
    r = subprocess.run([sys.executable, "-m", "visualizer", "--screenshot", str(tmp_path / "no" / "x.png")],
                       env=ENV, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "error" in r.stderr


# Runs the real app (run_window) and says "ready" once 1,000 goroutines are
# stranded: the tests act on that line, not after a guessed number of seconds.
APP_UNTIL_STRANDED = r"""
import sys
from pathlib import Path
from visualizer.gui import app as gui_app
from visualizer.gui.window import MainWindow

orig = MainWindow.refresh
def refresh(self):
    orig(self)
    if self.snap is not None and self.snap.stranded >= 1000 and not getattr(self, "_said", False):
        self._said = True
        print("ready", self.snap.stranded, flush=True)
        if "--close" in sys.argv:
            self.close()
MainWindow.refresh = refresh
sys.exit(gui_app.run_window(preset="unbuffered", speed=None, lang="en", play=True))
"""


def _app_until_stranded(*extra):
    p = subprocess.Popen([sys.executable, "-c", APP_UNTIL_STRANDED, *extra], env=ENV, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    watchdog(p)
    return p


def test_interrupt_mid_run_with_thousands_parked_exits_cleanly(tmp_path):
    """Ctrl+C (SIGINT) while the bug preset runs flat out: exit 0, nothing on stderr."""
    p = _app_until_stranded()
    try:
        assert p.stdout.readline().startswith("ready"), p.stderr.read()
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=120)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 0, err
    assert not any(b in err for b in BAD), err


PYSIDE_TRAP = r"""
import asyncio, sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel
import qasync

class Emitter(QObject):
    ping = Signal()

app = QApplication([])
e = Emitter()
hits = [0]
e.ping.connect(lambda: hits.__setitem__(0, hits[0] + 1))
label = QLabel()
for i in range(300_000):
    e.ping.emit()
    label.setText("x")  # a wrapped method returning nothing
loop = qasync.QEventLoop(app)
asyncio.set_event_loop(loop)

async def many():
    n = 0
    for _ in range(300_000):
        await asyncio.sleep(0)
        n += 1
    return n

with loop:
    n = loop.run_until_complete(many())
print(hits[0], n)
"""


# .ci/run sets up a venv for every other supported Python it finds and lists them here
OTHER_PYTHONS = [p for p in os.environ.get("LEAKVIZ_OTHER_PYTHONS", "").split(os.pathsep) if p]


@pytest.mark.parametrize("python", [sys.executable, *OTHER_PYTHONS])
def test_pyside6_none_dealloc_trap_stays_shut(python):
    """PySide6 6.12.0 on CPython 3.11 aborts after a few thousand such calls."""
    r = subprocess.run([python, "-c", PYSIDE_TRAP], env=ENV, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.split() == ["300000", "300000"]


def test_closing_the_window_mid_run_with_thousands_parked_exits_cleanly():
    p = _app_until_stranded("--close")
    try:
        out, err = p.communicate(timeout=120)
    finally:
        if p.poll() is None:
            p.kill()
    assert out.startswith("ready"), (out, err)
    assert p.returncode == 0, err
    assert not any(b in err for b in BAD), err
    assert err.strip() == "", err


def test_soak_memory_stays_flat_across_cycles():
    # four cycles, however long this machine takes for them (the minutes are only a bound)
    r = subprocess.run([sys.executable, "-m", "visualizer", "soak", "--cycles", "4", "--minutes", "30",
                        "--max-live", "5000", "--json"], env=ENV, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    rows, cycles = lines[:-1], lines[-1]["cycles"]
    # the first cycle warms up, the second is the first steady one, and at least one more follows it
    assert len(cycles) == 4, cycles
    assert all(c["stranded"] > 0 for c in cycles)
    # one cycle's working set: the first cycle's peak over the RSS when the soak began
    one_cycle = cycles[0]["peak_rss_mib"] - rows[0]["rss_mib"]
    assert one_cycle > 0, (rows[0], cycles[0])
    # a leak of the app (each reset keeping part of the old run) grows every cycle; over all the
    # later cycles together the app may grow by no more than a quarter of one cycle's working set
    steady = cycles[1]
    for key in ("peak_rss_mib", "rss_after_reset_mib"):
        growth = max(c[key] for c in cycles[2:]) - steady[key]
        assert growth <= one_cycle / 4, (key, growth, one_cycle, cycles)


@pytest.mark.parametrize("args", [["soak", "--minutes", "0"], ["soak", "--rate", "0"], ["soak", "--max-live", "5"],
                                  ["soak", "--cycles", "0"],
                                  ["--max-live", "-1"], ["--speed", "0"], ["--speed", "fast"],
                                  ["--sim-seconds", "nan", "--screenshot", "/tmp/x.png"], ["--preset", "nope"]])
def test_bad_window_and_soak_flags_are_one_line_errors(args):
    r = subprocess.run([sys.executable, "-m", "visualizer", *args], env=ENV, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 2, (args, r.stderr)
    assert len(r.stderr.strip().splitlines()) == 1 and "error" in r.stderr and "Traceback" not in r.stderr


RESET_WHILE_RUNNING = r"""
import asyncio, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import qasync
from visualizer.core.tasks import run_to_end
from visualizer.gui.window import MainWindow

app = QApplication([])
loop = qasync.QEventLoop(app)
asyncio.set_event_loop(loop)
win = MainWindow(preset="unbuffered", speed=None, lang="en")
win.show()
win.session.play()
done = asyncio.Event()
win.closed.connect(done.set)
app.setQuitOnLastWindowClosed(False)
counts = []

def reset():
    counts.append(win.session.rt.stranded)
    win.reset()
    win.session.play()

def poll():  # reset each time the run has stranded 1,000, four times, then close
    if win.session.rt.stranded > 1000:
        reset()
        if len(counts) == 4:
            win.close()
            return
    QTimer.singleShot(20, poll)

QTimer.singleShot(20, poll)
with loop:
    run_to_end(loop, done.wait())
print(counts)
sys.exit(0 if len(counts) == 4 and all(c > 1000 for c in counts) else 3)
"""


def test_reset_during_a_run_in_a_process_is_clean():
    r = subprocess.run([sys.executable, "-c", RESET_WHILE_RUNNING], env=ENV, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, (r.stdout, r.stderr)
    assert not any(b in r.stderr for b in BAD), r.stderr
    assert r.stderr.strip() == "", r.stderr


EXCEPTION_IN_A_SLOT = r"""
import asyncio, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from visualizer.gui import app as gui_app
from visualizer.gui.window import MainWindow

seen = []
orig = MainWindow.show_error
def spy(self, exc):
    seen.append(str(exc))
    orig(self, exc)
MainWindow.show_error = spy

def boom():
    raise ValueError("a bug in a slot")

app = QApplication([])  # run_window uses this one

QTimer.singleShot(300, boom)
QTimer.singleShot(900, lambda: QApplication.instance().closeAllWindows())
code = gui_app.run_window(preset="unbuffered", speed=0.05, lang="en")
print(seen)
sys.exit(0 if code == 0 and seen == ["a bug in a slot"] else 3)
"""


def test_an_exception_in_our_own_code_is_shown_and_logged_and_the_app_goes_on():
    r = subprocess.run([sys.executable, "-c", EXCEPTION_IN_A_SLOT], env=ENV, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, (r.stdout, r.stderr)
    assert "internal error" in r.stderr and "ValueError: a bug in a slot" in r.stderr  # the log has it whole


def test_compare_screenshot_shows_three_variants(tmp_path):
    out = tmp_path / "compare.png"
    r = subprocess.run([sys.executable, "-m", "visualizer", "--compare", "--sim-seconds", "0.5",
                        "--screenshot", str(out), "--lang", "en"], env=ENV, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    img = QImage(str(out))
    assert img.width() >= 1200 and not any(b in r.stderr for b in BAD), r.stderr


@pytest.mark.parametrize("kind", ["csv", "json", "png", "gif"])
def test_export_from_the_command_line_writes_decodable_files(tmp_path, kind):
    import csv as csvmod

    from PIL import Image
    out = tmp_path / f"x.{kind}"
    extra = {"csv": ["--requests", "30", "--concurrent", "--fail", "0"],
             "json": ["--requests", "30", "--concurrent", "--fail", "0"],
             "png": ["--preset", "unbuffered", "--sim-seconds", "0.4"],
             "gif": ["--preset", "unbuffered", "--sim-seconds", "0.3", "--fps", "5", "--speed", "0.1",
                     "--size", "640x400"]}[kind]
    r = subprocess.run([sys.executable, "-m", "visualizer", "export", kind, "--out", str(out), *extra],
                       env=ENV, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    if kind == "csv":
        rows = list(csvmod.DictReader(out.open()))
        assert rows and int(rows[-1]["stranded"]) == 30 * 9
    elif kind == "json":
        assert json.loads(out.read_text())["stranded"] == 30 * 9
    elif kind == "png":
        assert QImage(str(out)).width() == 1280
    else:
        im = Image.open(out)
        assert im.format == "GIF" and im.size == (640, 400) and im.n_frames >= 10


@pytest.mark.parametrize("args", [["gif", "--out", "/tmp/x.gif"], ["png", "--out", "/nonexistent/x.png",
                                  "--preset", "unbuffered"], ["gif", "--out", "/tmp/x.gif", "--preset", "unbuffered",
                                  "--fps", "0"], ["csv", "--out", "/tmp/x.csv", "--size", "9x9"]])
def test_bad_export_requests_are_one_line_errors(args):
    r = subprocess.run([sys.executable, "-m", "visualizer", "export", *args], env=ENV, capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_run_save_then_open_in_the_window(tmp_path):
    run = tmp_path / "r.leakviz-run"
    r = subprocess.run([sys.executable, "-m", "visualizer", "run", "--requests", "20", "--concurrent", "--fail", "0",
                        "--save", str(run)], env=ENV, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and run.exists(), r.stderr
    shot = tmp_path / "opened.png"
    r = subprocess.run([sys.executable, "-m", "visualizer", "--open", str(run), "--screenshot", str(shot)],
                       env=ENV, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and QImage(str(shot)).width() > 1000, r.stderr
    (tmp_path / "cut.leakviz-run").write_bytes(run.read_bytes()[: len(run.read_bytes()) // 2])
    r = subprocess.run([sys.executable, "-m", "visualizer", "--open", str(tmp_path / "cut.leakviz-run")],
                       env=ENV, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "truncated" in r.stderr
    head = json.loads(gzip.decompress(run.read_bytes()).split(b"\n", 1)[0])
    assert (head["version"], head["run"]) == (2, "program")  # run --save writes the one format: from Go, the source
    native = tmp_path / "n.leakviz-run"
    r = subprocess.run([sys.executable, "-m", "visualizer", "run", "--requests", "20", "--concurrent", "--fail", "0",
                        "--native", "--save", str(native)], env=ENV, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    head = json.loads(gzip.decompress(native.read_bytes()).split(b"\n", 1)[0])
    assert (head["version"], head["run"]) == (2, "preset")  # the transcription's run: its config and events


SAVED = ROOT / "tests" / "core" / "data" / "saved"


def _window(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "visualizer", *args], env=ENV, capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def test_saved_go_runs_old_and_new_open_from_the_command_line(tmp_path):
    from visualizer.core import runfile
    from visualizer.goplay.savefile import load_program
    new = tmp_path / "p.leakviz-run"
    runfile.save(new, program=load_program(SAVED / "program-v2.leakviz-go"))
    for args in ([str(SAVED / "program-v2.leakviz-go")], [str(new)], ["--open", str(new)]):
        shot = tmp_path / "shot.png"
        r = _window(*args, "--screenshot", str(shot), "--sim-seconds", "0.2", "--size", "1024x768")
        assert r.returncode == 0 and QImage(str(shot)).width() == 1024, (args, r.stderr)
        shot.unlink()


def test_a_bad_saved_run_is_one_line_and_exit_2_from_the_command_line(tmp_path):
    from visualizer.core import runfile
    broken = tmp_path / "broken.leakviz-run"  # intact, but its Go does not compile
    runfile.save(broken, program=runfile.SavedProgram([("old.go", b"package main\n\nfunc main() { gone() }\n")], {}))
    damaged = tmp_path / "damaged.leakviz-run"
    damaged.write_bytes(b"\x1f\x8b" + b"\0" * 40)
    for args, says in (([str(broken)], "old.go:3:"), (["--open", str(broken)], "old.go:3:"),
                       ([str(damaged)], "damaged"), (["--open", str(damaged)], "damaged")):
        r = _window(*args, "--screenshot", str(tmp_path / "x.png"))
        lines = r.stderr.strip().splitlines()
        assert r.returncode == 2 and len(lines) == 1 and says in lines[0] and "Traceback" not in r.stderr, (args, r.stderr)
