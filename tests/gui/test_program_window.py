"""A Go program in the main window, live: the views a preset has, fed by the same Session and fold."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel

from visualizer.golang.cli import run_go
from visualizer.goplay.catalog import EXAMPLES as CATALOG

EXAMPLES = Path(__file__).parents[2] / "visualizer" / "goplay" / "examples"


def _go_leaked(path: Path) -> int:
    out = io.StringIO()
    run_go([str(path)], as_json=True, out=out, err=io.StringIO())
    return json.loads(out.getvalue())["per_run"][0]["leaked"]


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.go")))
def test_a_go_file_runs_live_in_the_main_window_and_ends_at_go_jsons_count(leakviz, name):
    path = EXAMPLES / f"{name}.go"
    win = leakviz.open(source=str(path))
    assert type(win).__name__ == "MainWindow" and win.program is not None
    assert win.findChild(QLabel, "strandedCount").text() == "0"  # paused at the start: nothing has run
    counts = []
    for _ in range(40):
        leakviz.advance(0.05)
        counts.append(int(win.findChild(QLabel, "strandedCount").text()))
        if win.session.finished:
            break
    leakviz.advance(5.0)
    final = int(win.findChild(QLabel, "strandedCount").text())
    assert final == _go_leaked(path)
    assert counts == sorted(counts) and counts[-1] <= final
    if final:
        assert "Leaks." in win.verdict.text()
        blocked = win.code.highlighted()
        src = path.read_text().splitlines()
        assert blocked and all(any(op in src[line - 1] for op in ("<-", "select", "range", "Lock", "Wait"))
                               for line in blocked)
    else:
        assert "Nothing stranded" in win.verdict.text()


def test_the_stage_draws_one_lane_per_go_statement_with_the_blocked_line_named(leakviz):
    win = leakviz.open(source=str(EXAMPLES / "double_send.go"))
    leakviz.advance(1.0)
    win.grab()
    texts = [t for t, _r, _f in win.stage.labels]
    assert "main goroutine" in texts
    assert "go statement at double_send.go:26" in texts
    assert any(t.startswith("blocked at double_send.go:21: send on out") for t in texts), texts
    assert any(t.startswith("Stranded forever: 4") for t in texts)


def test_a_programs_tools_are_the_articles_and_a_preset_brings_the_article_back(leakviz):
    win = leakviz.open(source=str(EXAMPLES / "early_return.go"))
    assert win.menus.act_lesson.isEnabled()  # the program lesson (lesson.program)
    assert win.menus.act_gif.isEnabled() and win.menus.act_video.isEnabled()  # a program's run exports as the article's does
    assert win.menus.act_explore.isEnabled()  # its dials are the explorer's axes
    assert win.menus.act_csv.isEnabled() and win.legend.program
    assert win.menus.act_save.isEnabled()  # a program saves as a run file, as a preset does
    assert not win.controls.cap_done.isVisibleTo(win.controls) and win.controls.preset.isVisibleTo(win.controls)
    assert win.stats["requests"].text() == "0"  # goroutines started by a go statement, as go counts them
    win.choose_preset("buffered")
    assert win.program is None and win.session.cfg is not None
    assert win.menus.act_explore.isEnabled() and win.controls.cap_done.isVisibleTo(win.controls)
    leakviz.advance(1.0)
    assert win.findChild(QLabel, "strandedCount").text() == "0"
    assert "Cannot leak." in win.verdict.text()


def test_reset_runs_the_program_again_from_its_start(leakviz):
    win = leakviz.open(source=str(EXAMPLES / "contract.go"))
    leakviz.advance(2.0)
    assert win.findChild(QLabel, "strandedCount").text() == "10"
    win.reset()
    leakviz.render()
    assert win.findChild(QLabel, "strandedCount").text() == "0" and win.program is not None
    leakviz.advance(2.0)
    assert win.findChild(QLabel, "strandedCount").text() == "10"


def test_a_program_that_does_not_compile_is_refused_with_its_first_error(leakviz, tmp_path):
    bad = tmp_path / "bad.go"
    bad.write_text("package main\n\nfunc main() {\n\tnope()\n}\n")
    with pytest.raises(ValueError, match=r"bad\.go:4:2: undefined: nope"):
        leakviz.open(source=str(bad))
    with pytest.raises(TypeError, match="capacity_done"):
        leakviz.open(source=str(EXAMPLES / "ncast.go"), capacity_done=3)


def test_each_make_chan_is_a_dial_in_the_drawer_and_turning_it_mid_run_changes_the_run(leakviz, tmp_path):
    from PySide6.QtWidgets import QSpinBox

    from tests.golang.test_live import SPACED  # ten queries, 10 ms apart, each stranding its two late senders
    src = tmp_path / "spaced.go"
    src.write_text(SPACED)
    win = leakviz.open(source=str(src))
    dial = win.findChild(QSpinBox, "capacity:out:6")
    assert dial is not None and dial.isVisibleTo(win.controls) and dial.value() == 0
    assert not win.controls.cap_done.isVisibleTo(win.controls)  # the article's settings make way
    leakviz.advance(0.035)
    assert win.findChild(QLabel, "strandedCount").text() == "8"
    dial.setValue(2)  # room for both late senders of every query from now on
    leakviz.advance(1.0)
    assert win.findChild(QLabel, "strandedCount").text() == "8"
    assert any(what == "change" for _i, what in win.timeline.marks)
    win.choose_preset("unbuffered")  # the article again: its settings back, the dials gone
    assert win.findChild(QSpinBox, "capacity:out:6") is None and win.controls.cap_done.isVisibleTo(win.controls)


def test_the_plugin_sets_dials_by_name_and_refuses_one_the_program_does_not_have(leakviz):
    path = EXAMPLES / "ncast.go"
    win = leakviz.open(source=str(path), **{"capacity:out:15": 4})
    leakviz.advance(1.0)
    assert win.findChild(QLabel, "strandedCount").text() == "0"  # room for every late replica
    with pytest.raises(ValueError, match="No dial capacity:nope:3: this program's are capacity:out:15"):
        leakviz.open(source=str(path), **{"capacity:nope:3": 1})


def test_the_stage_draws_the_programs_channels_with_who_waits_on_them(leakviz):
    win = leakviz.open(source=str(EXAMPLES / "ncast.go"), size=(1280, 720))
    leakviz.advance(1.0)
    win.grab()
    texts = [t for t, _r, _f in win.stage.labels]
    assert texts.count("out 0/0") == 2 and texts.count("4 waiting to send") == 2, texts


def test_a_handler_gets_the_request_settings_and_a_change_runs_it_again_with_them(leakviz):
    from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox
    win = leakviz.open(source=str(EXAMPLES / "article_http.go"))
    c = win.controls
    assert c.t_requests.isVisibleTo(c) and c.t_handler.currentText() == "handler"
    assert c.t_requests.value() == 50 and c.t_rate.value() == 100.0
    assert isinstance(c.t_requests, QSpinBox) and isinstance(c.t_rate, QDoubleSpinBox)
    c.t_requests.setValue(7)
    leakviz.advance(5.0)
    assert win.snap.requests_total == 7  # one lane per request, its goroutine started by net/http
    lane = win.snap.requests[-1]
    assert lane.handler is not None and lane.outcome == "rejected" and lane.code == 403
    assert [c.name for c in lane.channels] == ["done", "quit"] and len(lane.checks) == 10
    assert int(win.findChild(QLabel, "strandedCount").text()) == _go_leaked_served(EXAMPLES / "article_http.go", 7)
    assert win.findChild(QSpinBox, "capacity:done:21") is not None  # the dials stay
    plain = leakviz.open(source=str(EXAMPLES / "ncast.go"))
    assert not plain.controls.t_requests.isVisibleTo(plain.controls)  # nothing is served there


def _go_leaked_served(path: Path, requests: int) -> int:
    out = io.StringIO()
    run_go([str(path)], as_json=True, out=out, err=io.StringIO(), requests=requests)
    return json.loads(out.getvalue())["per_run"][0]["leaked"]


def test_the_go_examples_menu_and_a_dropped_go_file_run_in_this_window(window, qtbot):
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    from visualizer.goplay.catalog import EXAMPLES as MENU
    from visualizer.gui import i18n
    def shown():
        return [(a.text(), a.toolTip()) for a in window.menus.menu_go_examples.actions()]

    english = [(e.title, e.caption) for e in MENU]  # the catalog is English; Qt translates it from zh_CN.py
    assert shown() == english
    window.set_language("zh_CN")
    zh = shown()
    assert len(zh) == len(english)
    assert all(t != et and c != ec for (t, c), (et, ec) in zip(zh, english, strict=True)), zh
    assert ("超时", "调用者 3 毫秒后不再等待；慢的 worker 之后永远等着发送。") in zh
    window.set_language("en")
    assert shown() == english
    i18n.install("en")
    window.menus.menu_go_examples.actions()[0].trigger()
    assert window.program is not None and window.code.program_path == str(MENU[0].path)
    ncast = EXAMPLES / "ncast.go"
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(ncast))])
    window.dropEvent(QDropEvent(QPoint(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))
    assert window.code.program_path == str(ncast)
    window.session.rt.run()
    window.refresh()
    assert window.findChild(QLabel, "strandedCount").text() == str(_go_leaked(ncast))


def test_leakviz_file_go_opens_the_main_window_and_a_bad_file_is_one_line(tmp_path):
    import os
    import subprocess
    import sys

    from PySide6.QtGui import QImage
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    png = tmp_path / "a.png"
    r = subprocess.run([sys.executable, "-m", "visualizer", str(EXAMPLES / "ncast.go"), "--sim-seconds", "1",
                        "--screenshot", str(png), "--size", "1024x768"], capture_output=True, text=True,
                       timeout=300, env=env)
    assert r.returncode == 0, r.stderr
    assert (QImage(str(png)).width(), QImage(str(png)).height()) == (1024, 768)
    bad = tmp_path / "bad.go"
    bad.write_text("package main\n\nfunc main() {\n\tnope()\n}\n")
    r = subprocess.run([sys.executable, "-m", "visualizer", str(bad), "--screenshot", str(png)],
                       capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 2 and r.stderr == f"leakviz: error: {bad}:4:2: undefined: nope\n"


def test_a_go_file_takes_the_window_options_every_source_takes(tmp_path):
    """--zoom, --no-settings, --max-live and --play were refused for a .go file ("unrecognized arguments"):
    the Go window had its own parser. Their checks are the preset's too: a bad value is one line, exit 2."""
    import os
    import subprocess
    import sys

    from PySide6.QtGui import QImage
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    png = tmp_path / "a.png"
    go = str(EXAMPLES / "ncast.go")
    r = subprocess.run([sys.executable, "-m", "visualizer", go, "--sim-seconds", "1", "--screenshot", str(png),
                        "--size", "1024x768", "--zoom", "1.5", "--no-settings", "--max-live", "5000", "--play"],
                       capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 0, r.stderr
    assert QImage(str(png)).width() == 1024
    for bad, line in ((["--zoom", "9"], "leakviz: error: --zoom must be between 0.6 and 3, got 9\n"),
                      (["--max-live", "5"], "leakviz: error: --max-live must be between 100 and 50000000, got 5\n")):
        r = subprocess.run([sys.executable, "-m", "visualizer", go, *bad], capture_output=True, text=True,
                           timeout=300, env=env)
        assert (r.returncode, r.stderr) == (2, line)


def test_a_go_file_on_the_command_line_takes_go_s_traffic_options(leakviz, qtbot):
    """--from, --path, --header, --serve and --dial were go's only: the window sent every request from 10.0.x.y,
    so a handler blocking 203.0.113.0/24 never took its leaking branch when opened as leakviz DIR."""
    from visualizer.cli import gowindow
    from visualizer.golang.module import load_sources
    blocklist = Path(__file__).parents[1] / "golang" / "services" / "blocklist"
    counts = {}
    for sources in (None, "203.0.113.0/24=25,10.0.0.0/8"):
        argv = [str(blocklist), "--requests", "20"] + (["--from", sources] if sources else [])
        a = gowindow.parser().parse_args(argv)
        win = leakviz.open()
        assert win.source.open_program(load_sources(a.paths), **gowindow._service(a)) == ""
        leakviz.advance(30.0)
        counts[sources] = int(win.findChild(QLabel, "strandedCount").text())
    assert counts == {None: 0, "203.0.113.0/24=25,10.0.0.0/8": 5}  # as go --json reports (test_traffic)


@pytest.mark.parametrize("args, line", [
    (["--dial", "nope"], "--dial takes capacity:VAR:LINE=N with N from 0 to 1,000,000, got 'nope'"),
    (["--dial", "capacity:nope:1=3"], "No dial capacity:nope:1: this program's are"),
    (["--from", "x"], "--from: 'x' is not a network"),
    (["--serve", "no-such.log"], "--serve no-such.log: no such file"),
])
def test_bad_traffic_options_for_the_window_are_one_line(args, line, tmp_path):
    import subprocess
    import sys
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-m", "visualizer", str(EXAMPLES / "ncast.go"), *args, "--screenshot",
                        str(tmp_path / "x.png")], capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and r.stderr.startswith(f"leakviz: error: {line}"), r.stderr


@pytest.mark.parametrize("name, hint", [
    ("ncast", "Capacity 4 for <code>out</code> (line 15) strands nothing in this run"),
    ("range_noclose", "No capacity up to 10 for <code>jobs</code> (line 18) helps"),
    ("lock_exit", None),  # nothing stranded by Go's rule: nothing to fix by a buffer
])
def test_an_ended_program_s_verdict_names_the_capacity_that_strands_nothing(leakviz, qtbot, name, hint):
    win = leakviz.open(source=str(EXAMPLES / f"{name}.go"))
    leakviz.advance(30.0)
    assert win.session.finished
    if hint is None:  # no search started: nothing stranded on a channel a make sizes
        win.refresh()
        assert win.source._fix is not None and win.source._fix["done"] and win.source._fix["keys"] == []
        assert "capacity" not in win.verdict.text()
        return
    qtbot.waitUntil(lambda: hint in win.verdict.text(), timeout=60_000)  # searched between frames
    assert win.verdict.text().startswith("<b>Leaks.</b>")
    # a dial changed: the run it describes is another, and so is its search
    key = next(iter(win.program.dial_sites()))
    win.source.dial_changed(key, 7)
    win.refresh()
    assert hint not in win.verdict.text()


def test_a_lane_names_a_sync_wait_and_a_nil_channel_in_words(leakviz, tmp_path):
    src = tmp_path / "waits.go"
    src.write_text("""package main

import (
	"sync"
	"time"
)

var mu sync.Mutex

func main() {
	mu.Lock()
	go func() {
		mu.Lock()
	}()
	go func() {
		var c chan int
		<-c
	}()
	time.Sleep(time.Millisecond)
}
""")
    win = leakviz.open(source=str(src), size=(1280, 720))
    leakviz.advance(1.0)
    win.grab()
    texts = [t for t, _r, _f in win.stage.labels]
    assert "blocked at waits.go:13: sync.Mutex.Lock" in texts, texts
    assert "blocked at waits.go:17: receive on a nil channel" in texts, texts


def test_a_programs_run_saves_and_opens_again_as_the_same_run(leakviz, tmp_path):
    from PySide6.QtWidgets import QSpinBox
    win = leakviz.open(source=str(EXAMPLES / "article_http.go"))
    win.controls.t_requests.setValue(9)
    leakviz.advance(0.05)
    win.findChild(QSpinBox, "capacity:done:21").setValue(10)  # mid-run: later requests' done has room
    leakviz.advance(5.0)
    stranded = win.findChild(QLabel, "strandedCount").text()
    sha = win.session.rt.trace.sha256()
    assert win.menus.act_save.isEnabled()
    saved = tmp_path / "run.leakviz-run"
    assert win.files.save_run(saved)
    again = leakviz.open(preset="unbuffered")
    assert again.files.open_go([str(saved)]) is again
    leakviz.advance(5.0)
    assert again.findChild(QLabel, "strandedCount").text() == stranded
    assert again.session.rt.trace.sha256() == sha
    assert again.controls.t_requests.value() == 9
    bad = tmp_path / "bad.leakviz-go"  # an older file, as main wrote them
    bad.write_text('{"leakviz_go": 2, "files": [], "dials": {}}')
    assert again.files.open_go([str(bad)]) is None
    assert again.statusBar().currentMessage() == f"{bad}: holds no Go files"
    cut = tmp_path / "cut.leakviz-run"
    cut.write_bytes(saved.read_bytes()[:-20])
    assert not again.files.open_run(cut)
    assert "the file is truncated" in again.statusBar().currentMessage()
    assert again.session.rt.trace.sha256() == sha  # what was shown stays


CHECKS = Path(__file__).parents[1] / "golang" / "testpkgs" / "checks"


def test_a_test_runs_live_on_the_schedule_leakviz_test_names_and_saves_with_its_test(leakviz, tmp_path):
    from visualizer.golang.gotest import run_tests
    results, _pkg = run_tests(str(CHECKS), pattern="^TestRaceSometimesLeaks$", runs=3)
    lk = results[0].leaked[0]
    win = leakviz.open(source=str(CHECKS), test="TestRaceSometimesLeaks", seed=lk.seed)
    leakviz.advance(5.0)
    assert win.findChild(QLabel, "strandedCount").text() == str(lk.count)
    assert any(b.line == lk.line and b.stranded == lk.count for b in win.snap.blocked_lines())
    saved = tmp_path / "race.leakviz-run"
    assert win.files.save_run(saved)
    again = leakviz.open(preset="unbuffered")
    assert again.files.open_go([str(saved)]) is again
    leakviz.advance(5.0)
    assert again.findChild(QLabel, "strandedCount").text() == str(lk.count)
    calm = leakviz.open(source=str(CHECKS), test="TestRaceSometimesLeaks", seed=0)  # Go's own order
    leakviz.advance(5.0)
    assert calm.findChild(QLabel, "strandedCount").text() == "0"
    with pytest.raises(ValueError, match="No test TestNope in this package"):
        leakviz.open(source=str(CHECKS), test="TestNope")


def test_a_program_compares_with_its_fix_on_one_clock(leakviz, qtbot):
    win = leakviz.open(source=str(EXAMPLES / "double_send.go"))
    assert win.menus.act_compare.isEnabled()
    win.open_compare()  # a shipped example: its fix, no question asked
    cmp = win._compare
    qtbot.addWidget(cmp)
    assert [t.text() for t in cmp.titles] == ["double_send.go", "double_send_fix.go"]
    cmp.compare.pause()
    cmp.compare.advance(2_000_000_000)
    cmp.refresh(full=True)
    assert [c.text() for c in cmp.counts] == [f"stranded: {_go_leaked(EXAMPLES / 'double_send.go')}", "stranded: 0"]
    assert all(s.program for s in cmp.stages)
    cmp.close()
    assert win.source.compare_programs([str(EXAMPLES / "nope.go")]) is None
    assert "nope.go" in win.statusBar().currentMessage()


def test_the_article_over_http_compares_with_its_fix_over_http_on_the_same_requests(leakviz, qtbot):
    """It was paired with a main that calls the handler 20 times (551 vs 121 goroutines)."""
    win = leakviz.open(source=str(EXAMPLES / "article_http.go"))
    win.controls.t_requests.setValue(30)
    win.open_compare()
    cmp = win._compare
    qtbot.addWidget(cmp)
    assert [t.text() for t in cmp.titles] == ["article_http.go", "article_http_ctx.go"]
    cmp.compare.pause()
    cmp.compare.advance(5_000_000_000)
    cmp.refresh(full=True)
    snaps = [s.snap for s in cmp.stages]
    assert [s.requests_total for s in snaps] == [30, 30]
    assert snaps[0].started() == snaps[1].started() == 30 * 11  # a handler and its ten checks per request
    assert [c.text() for c in cmp.counts] == [f"stranded: {_go_leaked_served(EXAMPLES / 'article_http.go', 30)}",
                                              "stranded: 0"]
    cmp.close()


BLOCKLIST = Path(__file__).parents[1] / "golang" / "services" / "blocklist"


def test_clients_from_a_blocked_network_and_an_access_log_replayed_through_mains_server(leakviz, tmp_path):
    """The command line's numbers, in the window: made-up clients from a blocked network, then the log."""
    win = leakviz.open(source=str(BLOCKLIST))
    c = win.controls
    assert c.t_handler.currentText() == "items"
    leakviz.advance(10.0)
    assert win.findChild(QLabel, "strandedCount").text() == "0"  # 10.0.x.y is never blocked
    c.t_requests.setValue(20)
    c.t_from.setText("203.0.113.0/24=25, 10.0.0.0/8")
    c.t_from.editingFinished.emit()
    leakviz.advance(10.0)
    out = io.StringIO()
    run_go([str(BLOCKLIST)], as_json=True, out=out, err=io.StringIO(), requests=20,
           sources="203.0.113.0/24=25, 10.0.0.0/8")
    assert win.findChild(QLabel, "strandedCount").text() == str(json.loads(out.getvalue())["leaked_count"]) == "5"
    c.t_from.setText("not a network")
    c.t_from.editingFinished.emit()
    assert "is not a network" in win.statusBar().currentMessage()
    assert win.source.program_source[1]["sources"] == "203.0.113.0/24=25, 10.0.0.0/8"  # the last good run stays
    assert win.menus.act_replay.isEnabled() and not win.menus.act_made_up.isEnabled()
    assert win.files.replay_log(str(BLOCKLIST / "access.log"))
    leakviz.advance(60.0)
    assert win.findChild(QLabel, "strandedCount").text() == "2"
    assert not c.t_requests.isVisibleTo(c) and win.menus.act_made_up.isEnabled()
    saved = tmp_path / "svc.leakviz-run"
    assert win.files.save_run(saved)
    assert win.files.open_go([str(saved)]) is win
    leakviz.advance(60.0)
    assert win.source.program_source[1]["serve"] == str(BLOCKLIST / "access.log")
    assert win.findChild(QLabel, "strandedCount").text() == "2"
    assert win.files.use_made_up_requests() and "serve" not in win.source.program_source[1]
    assert not win.files.replay_log(str(tmp_path / "missing.log"))
    assert "missing.log" in win.statusBar().currentMessage()


def test_a_lock_held_by_a_finished_goroutine_is_drawn_and_said_though_gos_rule_does_not_count_it(leakviz, tmp_path):
    src = tmp_path / "mu.go"
    src.write_text("""package main

import (
	"sync"
	"time"
)

var mu sync.Mutex

func main() {
	go func() {
		mu.Lock() // and never unlocks
	}()
	time.Sleep(time.Millisecond)
	for i := 0; i < 3; i++ {
		go func() {
			mu.Lock()
			mu.Unlock()
		}()
	}
	time.Sleep(time.Millisecond)
}
""")
    win = leakviz.open(source=str(src), size=(1280, 720))
    leakviz.advance(1.0)
    win.grab()
    assert win.findChild(QLabel, "strandedCount").text() == str(_go_leaked(src)) == "0"
    (prim,) = win.snap.prims
    assert (prim.kind, prim.waiting, prim.holder_role, prim.holder_state) == (
        "sync.Mutex.Lock", 3, f"{src}:11", "finished")
    texts = [t for t, _r, _f in win.stage.labels]
    assert "held by go statement at mu.go:11, finished" in texts and "3 waiting" in texts, texts
    assert "Nothing stranded by Go's rule." in win.verdict.text() and "3 at <code>mu.go:17</code>" in win.verdict.text()


def test_a_served_program_is_drawn_as_the_article_is_one_lane_per_request(leakviz):
    win = leakviz.open(source=str(EXAMPLES / "article_http.go"), size=(1280, 720))
    # 100 requests a second from when the server starts (main's few turns after 0): the 31st at 0.3 s and a bit
    leakviz.advance(0.305)
    win.grab()
    texts = [t for t, _r, _f in win.stage.labels]
    assert any("most recent of 31 requests" in t for t in texts), texts
    assert "returned 403" in texts and "handler" in texts
    assert [lane[0] for lane in win.stage.lanes] == [r.req for r in win.snap.requests[-len(win.stage.lanes):]]
    drawn = sum(lane[1] + lane[2] for lane in win.stage.lanes)
    assert drawn == sum(r.stranded for r in win.snap.requests[-len(win.stage.lanes):]) > 0


def test_a_programs_metrics_export_as_csv_from_its_trace(leakviz, tmp_path):
    import csv
    win = leakviz.open(source=str(EXAMPLES / "ncast.go"))
    leakviz.advance(1.0)
    out = tmp_path / "m.csv"
    assert win.files.export_csv(out)
    rows = list(csv.DictReader(out.open()))
    assert rows and rows[-1]["stranded"] == win.findChild(QLabel, "strandedCount").text() == "40"
    texts = [t for _k, t in win.legend.items]
    assert "done value" not in texts and "line: changed from the bug" not in texts and "blocked" in texts


def test_a_programs_report_exports_as_go_json_reports_it(leakviz, tmp_path):
    path = EXAMPLES / "double_send.go"
    win = leakviz.open(source=str(path))
    leakviz.advance(1.0)
    out = tmp_path / "r.json"
    assert win.files.export_json(out)
    got = json.loads(out.read_text())
    want = io.StringIO()
    run_go([str(path)], as_json=True, out=want, err=io.StringIO())
    want = json.loads(want.getvalue())
    assert got["leaked_count"] == want["leaked_count"] == 4
    assert [(lk["function"], lk["wait_reason"], lk["line"]) for lk in got["leaked"]] == \
        [(lk["function"], lk["wait_reason"], lk["line"]) for lk in want["leaked"]]


def test_a_preset_from_go_runs_gateway_go_with_its_handlers_dials_and_strands_what_the_preset_does(leakviz):
    from dataclasses import replace

    from visualizer.core.presets import PRESETS
    from visualizer.core.report import report, simulate
    from visualizer.golang.gateway import handler_dials
    win = leakviz.open("too-small", interpret=True, requests=60)
    files = win.source.program_source[0][:1]
    assert files[0][0].endswith("gateway.go") and win.panels.code_title.text() == "gateway.go"
    shown = {k for k in win.controls.dials}
    assert shown == set(handler_dials(files, "seed")) and len(shown) == 2  # the other handlers' are not dials here
    assert sorted(sb.value() for sb in win.controls.dials.values()) == [1, 3]
    # the code says what the dials make: done := make(chan bool, 3), marked as changed from the file
    code = {i + 1: t.strip() for i, (t, _s) in enumerate(win.code.lines)}
    done_line = next(line for k, (_p, line, var) in win.program.dial_sites().items() if k in shown and var == "done")
    assert code[done_line] == "done := make(chan bool, 3)" and done_line - 1 in win.code.changed
    leakviz.advance(30.0)
    assert win.session.finished
    cfg = replace(PRESETS["too-small"], requests=60)
    assert int(win.findChild(QLabel, "strandedCount").text()) == report(cfg, simulate(cfg))["stranded"] > 0
    from visualizer.gui.verdict import verdict_text
    assert win.verdict.text() == verdict_text(cfg)  # gateway.go's handler is the article's: its reasons hold
    win.controls.dials[f"capacity:done:{done_line}"].setValue(0)  # back to the file's own make(chan bool)
    assert win.code.lines[done_line - 1][0].strip() == "done := make(chan bool)"
    assert done_line - 1 not in win.code.changed
    win.refresh()
    assert win.verdict.text().startswith(verdict_text(replace(cfg, capacity_done=0)))
    assert not win.verdict.text().startswith(verdict_text(cfg))


def test_a_preset_from_go_saves_with_its_requests_and_opens_as_the_same_run(leakviz, tmp_path):
    from visualizer.goplay.savefile import load_program
    win = leakviz.open("unbuffered", interpret=True, requests=30)
    leakviz.advance(0.5)
    path = tmp_path / "gw.leakviz-run"
    assert win.files.save_run(path)
    saved = load_program(path)
    assert saved.service["article"].requests == 30 and saved.service["handler"] == "handler"
    leakviz.advance(30.0)
    first = win.findChild(QLabel, "strandedCount").text()
    again = win if win.files.open_run(path) else None
    leakviz.advance(30.0)
    assert again.findChild(QLabel, "strandedCount").text() == first != "0"


def test_a_preset_the_go_code_cannot_run_is_refused_in_one_line(leakviz):
    with pytest.raises(ValueError, match="gateway.go"):
        leakviz.open("unbuffered", interpret=True, checks=12)


def test_a_preset_runs_from_go_as_the_app_runs_it_and_natively_on_request(leakviz):
    win = leakviz.open("buffered")
    cfg = win.source.article_from_go()
    assert cfg is not None and (cfg.capacity_done, cfg.capacity_quit) == (10, 10)
    assert win.panels.code_title.text() == "gateway.go" and win.findChild(QLabel, "strandedCount").text() == "0"
    # what gateway.go writes in Go (its ten checks) runs the Python transcription
    win = leakviz.open("unbuffered", checks=4)
    assert win.program is None and win.session.cfg.checks == 4
    win = leakviz.open("unbuffered", native=True)
    assert win.program is None and win.session.cfg.variant == "seed"
    with pytest.raises(ValueError, match="choose one"):
        leakviz.open("unbuffered", interpret=True, native=True)


def test_capacity_done_and_quit_are_aliases_of_the_go_handlers_dials(leakviz):
    from PySide6.QtWidgets import QSpinBox
    win = leakviz.open("unbuffered", requests=40)
    leakviz.advance(0.5)
    rt = win.session.rt
    win.findChild(QSpinBox, "capacityDone").setValue(3)  # the article's name for done's capacity ...
    keys = win.source.article_dials
    assert win.program.dials[keys["done"]] == 3 and win.session.rt is rt  # ... turns its dial, live
    win.controls.dials[keys["quit"]].setValue(4)  # and the dial shows under the article's name
    assert win.findChild(QSpinBox, "capacityQuit").value() == 4
    assert (win.source.article_from_go().capacity_done, win.source.article_from_go().capacity_quit) == (3, 4)


def test_after_a_go_program_a_chosen_preset_runs_from_go_again(leakviz):
    from visualizer.goplay.catalog import HERE
    win = leakviz.open("unbuffered")
    assert win.source.open_program([(str(HERE / "ncast.go"), (HERE / "ncast.go").read_bytes())]) == ""
    assert win.source.article_from_go() is None
    win.choose_preset("context")
    cfg = win.source.article_from_go()
    assert cfg is not None and cfg.variant == "ctx" and win.panels.code_title.text() == "gateway.go"


@pytest.mark.parametrize("argv, word", [(["--native", "--interpret"], "--interpret"),
                                        (["--native", "--open", "x.leakviz-run"], "--native")])
def test_native_with_interpret_or_a_saved_run_is_one_line_and_exit_2(argv, word, tmp_path):
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-m", "visualizer", *argv], capture_output=True, text=True, timeout=120,
                         cwd=tmp_path)
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and word in out.stderr


def test_the_app_runs_its_presets_from_go_unless_told_native(monkeypatch):
    import visualizer.gui.app as app
    from visualizer.__main__ import main
    seen = []
    monkeypatch.setattr(app, "run_window", lambda **kw: seen.append(kw["from_go"]) or 0)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert main(["--preset", "buffered"]) == 0 and main(["--native"]) == 0 and main(["--interpret"]) == 0
    assert seen == [True, False, True]


def test_interpret_with_a_saved_run_is_one_line_and_exit_2(tmp_path):
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-m", "visualizer", "--interpret", "--open", str(tmp_path / "x.leakviz")],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "--interpret" in out.stderr


def test_the_lesson_opens_on_a_preset_from_go(tmp_path):
    import subprocess
    import sys
    shot = tmp_path / "lesson.png"
    out = subprocess.run([sys.executable, "-m", "visualizer", "--interpret", "--lesson", "--screenshot", str(shot),
                          "--size", "1024x768", "--no-settings"], capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert out.returncode == 0, out.stderr
    assert QImage(str(shot)).size().width() == 1024


@pytest.mark.parametrize(("text", "n", "shown"), [
    ("\tdone := make(chan bool)", 10, "\tdone := make(chan bool, 10)"),
    ("done := make(chan bool, 3)", 3, None),
    ("done := make(chan bool, 3)", 0, "done := make(chan bool, 0)"),
    ("stop := make(chan struct{})", 2, "stop := make(chan struct{}, 2)"),
    ("x := make(chan func(int) error, n)", 4, "x := make(chan func(int) error, 4)"),
    ("a, b := make(chan int), make(chan int)", 1, None),  # which one the dial is: not said by the line
])
def test_a_dial_is_written_into_its_make_line(text, n, shown):
    from visualizer.gui.codeview import with_capacity
    assert with_capacity(text, n) == shown


def test_a_programs_run_exports_as_an_animated_gif_drawn_as_the_window_draws_it(leakviz, qtbot, tmp_path,
                                                                                 monkeypatch):
    from PIL import Image, ImageChops
    # no fix search: its sentence, once the run has ended, re-lays the window the GIF is compared with
    monkeypatch.setattr("visualizer.explore.SAFE_SPAWNED", 0)
    win = leakviz.open(source=str(EXAMPLES / "double_send.go"))
    leakviz.advance(1.0)
    path = tmp_path / "run.gif"
    win.files.export_gif(path, seconds=0.05)
    qtbot.waitUntil(lambda: win.files.export_job is None and path.exists(), timeout=120_000)
    with Image.open(path) as im:
        assert im.n_frames > 1
        im.seek(im.n_frames - 1)
        last = im.convert("RGB")
    # the last frame is the window's own picture of the program (its lanes, not the article's)
    shot = tmp_path / "now.png"
    win.resize(1280, 800)
    win.files.save_png(shot)
    with Image.open(shot) as now:
        diff = ImageChops.difference(last.resize((320, 200)), now.convert("RGB").resize((320, 200)))
        assert sum(diff.convert("L").histogram()[64:]) < 0.05 * 320 * 200, "the GIF draws something else"


def test_the_explorer_grids_a_programs_dials_each_cell_a_run_to_its_end_and_a_click_turns_them(leakviz, qtbot):
    win = leakviz.open(source=str(EXAMPLES / "double_send.go"))
    assert win.menus.act_explore.isEnabled()
    ex = win.open_explorer()
    (key,) = ex.keys
    assert key == "capacity:out:25" and ex.grid.quits == [0]  # one dial: one row
    ex.run_all()
    cells = ex.grid.cells
    assert cells[(0, 0)].stranded == _go_leaked(EXAMPLES / "double_send.go") > 0
    assert cells[(1, 0)].stranded == 0  # room for the second send: nothing left behind
    assert "double_send.go" in ex.caption.text() and "out (line 25)" in ex.caption.text()
    ex.grid.chosen.emit(1, 0)  # a click on the cell
    assert win.controls.dials[key].value() == 1 and win.program.dials[key] == 1
    assert ex.grid.current == (1, 0)


def test_the_explorer_of_a_preset_from_go_strands_what_the_native_explorer_does(leakviz):
    from visualizer.core.presets import PRESETS
    from visualizer.explore import cell, program_cell
    win = leakviz.open("unbuffered", interpret=True)
    ex = win.open_explorer()
    assert [win.program.dial_sites()[k][2] for k in ex.keys] == ["done", "quit"]
    for d, q in [(0, 0), (3, 1), (9, 9)]:
        c = program_cell(win.program, dict(zip(ex.keys, (d, q), strict=True)))
        assert c.stranded == cell(PRESETS["unbuffered"], d, q).stranded


def test_a_program_without_channels_has_nothing_to_explore_and_says_so(leakviz, tmp_path):
    src = tmp_path / "plain.go"
    src.write_text('package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n')
    win = leakviz.open(source=str(src))
    assert win.open_explorer() is None
    assert "no capacity to explore" in win.statusBar().currentMessage()


def test_compare_on_a_preset_from_go_is_the_classic_three_from_go_with_the_native_counts(leakviz):
    from visualizer.core.compare import classic
    from visualizer.core.presets import PRESETS
    from visualizer.core.report import report, simulate
    win = leakviz.open("unbuffered", interpret=True, requests=40)
    win.open_compare()
    cmp = win._compare.compare
    cmp.pause()
    assert [lane.name for lane in cmp.lanes] == [name for name, _c in classic()]
    assert all(lane.cfg is None for lane in cmp.lanes)  # Go programs, not the transcription
    cmp.advance(60_000_000_000)
    assert cmp.finished
    got = [lane.snapshot(cmp.now, None).stranded for lane in cmp.lanes]
    base = PRESETS["unbuffered"]
    from dataclasses import replace
    want = [report(c, simulate(c))["stranded"] for _n, c in classic(replace(base, requests=40))]
    assert got == want and got[0] > 0
    win._compare.close()


def test_interpret_compare_screenshot_is_the_classic_three_from_go_at_the_size_asked(tmp_path):
    import os
    import subprocess
    import sys

    from PIL import Image
    png = tmp_path / "cmp.png"
    out = subprocess.run([sys.executable, "-m", "visualizer", "--interpret", "--compare", "--screenshot", str(png),
                          "--size", "1024x768", "--sim-seconds", "1", "--no-settings"], capture_output=True,
                         text=True, timeout=300, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    with Image.open(png) as im:
        assert im.size == (1024, 768)


@pytest.mark.parametrize("name", [e.file for e in CATALOG])
def test_the_window_and_go_json_agree_on_both_leak_facts_for_every_example(leakviz, name):
    """What Go's profile reports and what can never continue: the same two numbers as ``go --json``."""
    path = EXAMPLES / name
    out = io.StringIO()
    run_go([str(path)], as_json=True, out=out, err=io.StringIO())
    doc = json.loads(out.getvalue())
    win = leakviz.open(source=str(path))
    leakviz.advance(doc["simulated_ns"] / 1e9 + 1.0)
    assert win.session.finished
    stranded = win.findChild(QLabel, "strandedCount")
    assert int(stranded.text()) == doc["leaked_count"]
    assert stranded.property("neverContinue") == doc["never_continue_count"]
    # a program sent requests counts them, as the article does; any other counts the goroutines it started
    sent = win.program.traffic
    want = len(sent.requests) if sent is not None else doc["goroutines_started"]
    assert win.findChild(QLabel, "requestCount").text() == f"{want:,}"


@pytest.mark.parametrize("preset, func", [("unbuffered", "handler"), ("context", "handlerCtx")])
def test_a_preset_from_go_shows_the_handler_it_runs_not_the_other_three(leakviz, preset, func):
    from visualizer.golang.gateway import GATEWAY
    win = leakviz.open(preset, interpret=True, size=(1024, 768))
    leakviz.advance(1.0)
    text = GATEWAY.read_text().splitlines()
    start = next(i for i, t in enumerate(text) if t.startswith(f"func {func}("))
    while text[start - 1].startswith("//"):  # its doc comment goes with it
        start -= 1
    end = next(i for i in range(start, len(text)) if text[i] == "}") + 1
    shown = [i for kind, i, _t in win.code._program_entries() if kind == "line"]
    assert shown == list(range(start, end))


def test_the_press_space_hint_goes_when_the_run_is_over(leakviz):
    """'Running x.go: press Space to play.' stayed on for its 6 s after the program had ended."""
    win = leakviz.open(source=str(EXAMPLES / "lock_exit.go"))
    win.statusBar().showMessage(win.tr("Running {file}: press Space to play.").format(file="lock_exit.go"), 60000)
    assert win.statusBar().currentMessage().endswith("press Space to play.")
    leakviz.advance(5.0)
    assert win.session.finished
    assert win.statusBar().currentMessage() == ""


def test_a_preset_from_go_has_request_lanes_and_counts_requests_before_the_first_arrives(leakviz):
    win = leakviz.open("unbuffered", interpret=True, size=(1024, 768))
    win.grab()
    assert win.session.rt.trace.events and not win.snap.requests  # main has run; no request has come yet
    assert win.stage.labels[0][0] == "No request has arrived yet"  # not lanes by go statement
    assert win.stat_names["requests"].text() == "Requests"


def test_choosing_a_preset_while_the_article_runs_from_go_keeps_it_from_go(leakviz):
    from visualizer.core.presets import PRESETS
    win = leakviz.open("unbuffered", interpret=True)
    assert win.controls.preset.currentData() == "unbuffered"
    i = win.controls.preset.findData("context")
    win.controls.preset.activated.emit(i)
    assert win.source.article_from_go() == PRESETS["context"] and win.session.program is not None
    assert win.controls.preset.currentData() == "context"
    assert win.panels.code_title.text() == "gateway.go"


def test_the_article_from_go_keeps_its_settings_in_the_drawer_and_a_change_runs_it_again_from_go(leakviz):
    from dataclasses import replace

    from visualizer.core.presets import PRESETS
    win = leakviz.open("unbuffered", interpret=True, requests=40)
    c = win.controls
    shown = {k for k in c.GATEWAY_ROWS if c.form.isRowVisible(c.labels[k].buddy())}
    assert shown == set(c.GATEWAY_ROWS)
    assert not c.form.isRowVisible(c.labels["checks"].buddy()) and not c.form.isRowVisible(c.t_requests)
    assert c.fail_prob.value() == PRESETS["unbuffered"].fail_prob
    win.controls.dials[next(iter(win.controls.dials))].setValue(2)  # done's dial, live
    old = win.session.rt
    c.fail_prob.setValue(0.5)  # the article's setting: the run starts over from gateway.go
    assert win.session.rt is not old and win.session.program is not None
    assert win.source.article_from_go() == replace(PRESETS["unbuffered"], requests=40, fail_prob=0.5, capacity_done=2)
    c.fail_list.setText("12")  # gateway.go has ten checks: one line inline, the run kept
    c.fail_list.editingFinished.emit()
    assert "Check 12 does not exist" in c.fail_error.text()


def test_a_saved_program_that_no_longer_compiles_is_one_line_and_the_run_shown_stays(leakviz, tmp_path):
    from visualizer.core import runfile
    win = leakviz.open(source=str(EXAMPLES / "timeout.go"))
    leakviz.advance(0.02)
    sha = win.session.rt.trace.sha256()
    path = tmp_path / "old.leakviz-run"  # intact, but its Go no longer checks (as a newer compiler may say)
    runfile.save(path, program=runfile.SavedProgram([("old.go", b"package main\n\nfunc main() {\n\tgone()\n}\n")], {}))
    assert win.files.open_go([str(path)]) is None
    msg = win.statusBar().currentMessage()
    assert msg.startswith("old.go:4:") and "gone" in msg and "\n" not in msg, msg
    assert win.session.rt.trace.sha256() == sha and win.panels.code_title.text() == "timeout.go"


def test_a_preset_run_opened_over_a_program_shows_the_preset(leakviz, tmp_path):
    from dataclasses import replace

    from visualizer.core import runfile
    from visualizer.core.presets import PRESETS
    from visualizer.core.report import simulate
    cfg = replace(PRESETS["too-small"], requests=20)
    rt = simulate(cfg)
    path = tmp_path / "preset.leakviz-run"
    runfile.save(path, config=cfg, events=rt.trace.events)
    win = leakviz.open(source=str(EXAMPLES / "timeout.go"))
    assert win.program is not None
    assert win.files.open_run(path)
    assert win.program is None and win.session.cfg == cfg
    leakviz.render()
    assert win.findChild(QLabel, "strandedCount").text() == str(rt.stranded)
    assert not win.stage.program and not win.legend.program


def test_run_from_go_saves_a_run_the_window_makes_again(leakviz, tmp_path, capsys):
    import json

    from visualizer.__main__ import main
    path = tmp_path / "go.leakviz-run"
    assert main(["run", "--interpret", "--requests", "20", "--concurrent", "--fail", "2", "--capacity-done", "1",
                 "--json", "--save", str(path)]) == 0
    report = json.loads(capsys.readouterr().out)
    win = leakviz.open(source=str(EXAMPLES / "timeout.go"))
    assert win.files.open_run(path)
    article = win.source.program_source[1]["article"]
    assert (article.requests, article.fail, article.capacity_done) == (20, (2,), 1)
    leakviz.advance(report["sim_time_ms"] / 1000 + 0.5)
    assert win.findChild(QLabel, "strandedCount").text() == str(report["stranded"]) != "0"


def test_the_lesson_on_a_go_program_stops_on_its_trace_and_hides_the_answer_until_the_reveal(leakviz):
    win = leakviz.open(source=str(EXAMPLES / "ncast.go"))
    win.menus.act_lesson.trigger()
    panel = win.lesson.panel
    assert panel.isVisible() and panel.title.text() == "Lesson: step 1 of 4"
    assert "Goroutine 1 (main) blocks at ncast.go:19: it receives from out" in panel.question.text()
    assert win.stage.counts_hidden and "Predict first" in win.verdict.text()
    panel.choices[0].setChecked(True)  # it will go on
    panel.btn_reveal.click()
    assert "Your prediction was right" in panel.result.text() and "Waiting is not leaking" in panel.result.text()
    panel.btn_next.click()
    assert panel.title.text() == "Lesson: step 2 of 4" and sum(b.isVisible() for b in panel.choices) == 4
    panel.choices[1].setChecked(True)  # a receive: wrong, it is a send
    panel.btn_reveal.click()
    result = panel.result.text()
    assert "A send" in result and "You said: A receive" in result and "ncast.go:11" in result
    panel.btn_next.click()
    assert panel.answer.isVisible() and panel.answer.text() == ""
    panel.answer.setText("40")
    panel.btn_reveal.click()
    assert "Your prediction was right" in panel.result.text() and "40 at ncast.go:11 (it sends on out)" in \
        panel.result.text()
    assert not win.stage.counts_hidden and win.findChild(QLabel, "strandedCount").text() == "40"
    panel.btn_next.click()
    assert "The leak's channels: <code>out</code> (line 15)." in panel.caption.text()
    panel.choices[1].setChecked(True)  # the fix is in the code: wrong, a buffer of 4 does it
    panel.btn_reveal.click()
    assert "With capacity 4 for <code>out</code>, the same run strands nothing" in panel.result.text()
    assert "You said: No" in panel.result.text() and panel.btn_next.text() == "Done"
    panel.btn_next.click()
    assert not panel.isVisible()


def test_the_program_lesson_says_what_go_does_not_report(leakviz):
    """lock_exit.go: goroutines wait on a global mutex whose holder exited; Go's profile reports none."""
    win = leakviz.open(source=str(EXAMPLES / "lock_exit.go"))
    win.lesson.start()
    panel = win.lesson.panel
    assert "sync.Mutex.Lock" in panel.question.text()
    win.lesson.reveal()
    assert "still blocked: it never went on, though Go's leak profile does not report it" in panel.result.text()
    win.lesson.go(2, revealed=True)
    assert "<b>0</b> stranded when the program ended" in panel.result.text()
    assert "4 more were still blocked when it ended" in panel.result.text()


def test_a_program_that_has_ended_shows_no_leak_rate_to_extrapolate(leakviz):
    win = leakviz.open(source=str(EXAMPLES / "ncast.go"))
    leakviz.advance(0.01)
    assert not win.session.finished and win.stats["rate"].text().startswith("+")  # running: the rate so far
    leakviz.advance(60.0)
    assert win.session.finished and win.findChild(QLabel, "strandedCount").text() == "40"
    assert win.stats["rate"].text() == win.stats["hour"].text() == "–"  # ended: 40 stay, no more come


def test_a_narrow_stage_names_its_lanes_short_not_cut(leakviz):
    """At 1024x768 with the lesson beside it a lane's title has ~150 px: "main" and the go statement's line."""
    win = leakviz.open(source=str(EXAMPLES / "ncast.go"), size=(1024, 768))
    win.lesson.start()
    win.stage.grab()
    texts = [t for t, _r, _f in win.stage.labels]
    assert "main" in texts and "ncast.go:17" in texts, texts
    assert not any(t.endswith("…") for t in texts), texts


def test_a_channels_name_stays_readable_in_a_narrow_low_lane(leakviz):
    """1280x800 with the drawer open: a request's channels get ~90 x 20 px; "done 0/0" squeezed above its
    slots came out at 7 px. The name alone beside the slots reads at 10 px or more."""
    win = leakviz.open("unbuffered", size=(1280, 800))
    win.set_drawer(True)
    leakviz.advance(2.0)
    win.stage.grab()
    names = [(t, f.pixelSize()) for t, _r, f in win.stage.labels if t.split()[0] in ("done", "quit")]
    assert names and all(size >= 10 for _t, size in names), names


def test_an_exported_gif_has_the_drawer_as_the_window_has_it(leakviz, qtbot, tmp_path, monkeypatch):
    from visualizer.gui import export
    seen = []
    grab = export._grab
    monkeypatch.setattr(export, "_grab", lambda w, size: seen.append(w.panels.drawer.isVisible()) or grab(w, size))
    win = leakviz.open("unbuffered", size=(1280, 800))
    leakviz.advance(0.3)
    for k, drawer in enumerate((False, True)):
        win.set_drawer(drawer)
        path = tmp_path / f"run{k}.gif"
        seen.clear()
        win.files.export_gif(path, seconds=0.1)
        qtbot.waitUntil(lambda: win.files.export_job is None and path.exists(), timeout=120_000)  # noqa: B023
        assert seen and set(seen) == {drawer}


def test_the_program_lessons_fix_step_on_a_lock_whose_holder_exited_says_the_fix_is_in_the_code(leakviz):
    win = leakviz.open(source=str(EXAMPLES / "lock_exit.go"))
    win.lesson.start()
    win.lesson.go(3)
    win.lesson.panel.choices[1].setChecked(True)
    win.lesson.reveal()
    result = win.lesson.panel.result.text()
    assert "Your prediction was right" in result and "wait on nothing a buffer can widen (a lock" in result


def test_a_program_that_never_blocks_asks_nothing_to_judge_in_the_lesson(leakviz, tmp_path):
    hello = tmp_path / "hello.go"
    hello.write_text('package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hi")\n}\n')
    win = leakviz.open(source=str(hello))
    win.lesson.start()
    panel = win.lesson.panel
    assert panel.caption.text().endswith("No goroutine of the program blocks.")
    assert not panel.question.isVisibleTo(panel) and not panel.answer.isVisibleTo(panel)
    assert not panel.choice_box.isVisibleTo(panel)
    win.lesson.reveal()
    result = win.lesson.panel.result.text()
    assert "Answer" not in result and "No goroutine of the program blocked within a simulated minute." in result


def test_the_press_space_hint_goes_once_the_run_plays(leakviz):
    """A screenshot of a run played to its moment still said 'press Space to play.' at the bottom."""
    win = leakviz.open(source=str(EXAMPLES / "gateway.go"))
    win.statusBar().showMessage(win.tr("Running {file}: press Space to play.").format(file="gateway.go"), 60000)
    win.menus.act_play.trigger()  # Space
    assert win.session.playing and not win.session.finished
    win.refresh()
    assert win.statusBar().currentMessage() == ""
