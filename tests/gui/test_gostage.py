"""The Go window: any program on the generic stage, its stranded lines, a dial per make(chan)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from visualizer.golang.cli import run_go
from visualizer.golang.errors import GoSourceError
from visualizer.goplay.catalog import EXAMPLES

from .conftest import wait_until


def cli_report(path: Path, entry: str = "main") -> dict:
    """What ``python -m visualizer go --json`` reports for ``path`` (same seed as the window: 0)."""
    out = io.StringIO()
    run_go([str(path)], as_json=True, out=out, err=io.StringIO(), entry=entry)
    return json.loads(out.getvalue())


def report_for(w, path: Path, tmp: Path) -> dict:
    """The command line's report on what the window ran: an HTTP handler file driven as the window drives it
    (--handler, --requests, --rate), any other file as it is."""
    if w.drive is None:
        return cli_report(path)
    out = io.StringIO()
    run_go([str(path)], as_json=True, out=out, err=io.StringIO(), handler=w.drive.handler,
           requests=w.drive.requests, rate=w.drive.rate)
    return json.loads(out.getvalue())


@pytest.fixture
def gowin(qtbot):
    from visualizer.gui import i18n
    from visualizer.gui.gostage import GoWindow

    i18n.install("en")
    w = GoWindow()
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    yield w
    w.close()


def at_end(w) -> None:
    w.seek(len(w.run.frames) - 1)


@pytest.mark.parametrize("ex", EXAMPLES, ids=[e.file for e in EXAMPLES])
def test_each_example_shows_what_the_command_line_reports(gowin, ex, tmp_path):
    assert gowin.open_paths([str(ex.path)])
    rep = report_for(gowin, ex.path, tmp_path)
    at_end(gowin)
    fr = gowin.current_frame()
    assert fr.final
    assert fr.stranded == rep["leaked_count"]
    want_lines = {(Path(lk["file"]).name, lk["line"]) for lk in rep["leaked"]}
    assert {(p.file, p.line) for p in fr.piles} == want_lines
    assert sum(p.count for p in fr.piles) == rep["leaked_count"]
    stranded_marks = {ln for ln, (_n, kind) in gowin.code.marks.items() if kind == "stranded"}
    assert stranded_marks == {ln for _f, ln in want_lines}
    assert str(rep["leaked_count"]) in gowin.stats.text()
    assert gowin.title.text() == ex.title["en"]


def test_examples_cover_a_bug_and_its_fix_that_leaks_nothing():
    bugs = [e for e in EXAMPLES if e.fix]
    assert len(bugs) >= 7
    for e in bugs:
        assert cli_report(e.path)["leaked_count"] > 0, e.file
        assert cli_report(e.path.with_name(e.fix))["leaked_count"] == 0, e.fix


def test_a_capacity_dial_edits_the_source_and_reaches_the_run(gowin, tmp_path):
    ex = next(e for e in EXAMPLES if e.file == "ncast.go")
    gowin.open_paths([str(ex.path)])
    site = gowin.run.sites[0]
    before = gowin.run.last.stranded
    assert before == cli_report(ex.path)["leaked_count"]
    gowin.dial_widgets[site.key].setValue(3)
    src = gowin.run.files[0][1].decode()
    line = src.splitlines()[site.line - 1]
    assert "make(chan int, 3)" in line
    assert gowin.code.lines[site.line - 1] == line
    assert site.line in gowin.code.edited
    edited = tmp_path / "ncast.go"
    edited.write_text(src)
    assert gowin.run.last.stranded == cli_report(edited)["leaked_count"]
    assert gowin.run.last.stranded != before


def test_unsupported_go_is_marked_at_its_line_and_the_window_stays_usable(gowin, tmp_path):
    bad = tmp_path / "bad.go"
    bad.write_text('package main\n\nimport "fmt"\n\nfunc main() {\n\tvar x complex128\n\tfmt.Println(x)\n}\n')
    from visualizer.golang.cli import load_program
    with pytest.raises(GoSourceError) as ei:
        load_program([str(bad)])
    err = ei.value
    gowin.open_paths([str(bad)])
    assert gowin.banner.isVisible()
    assert f"bad.go:{err.line}:{err.col}" in gowin.banner.text()
    assert err.msg in gowin.banner.text()
    assert gowin.code.error == (err.line, err.col, err.msg)
    assert gowin.code.lines == bad.read_text().splitlines()
    ex = EXAMPLES[0]
    assert gowin.open_paths([str(ex.path)])
    assert not gowin.banner.isVisible()
    at_end(gowin)
    assert gowin.current_frame().stranded == cli_report(ex.path)["leaked_count"]


def test_play_step_and_reset_move_through_the_recorded_run(gowin, qtbot):
    gowin.speed = 1.0
    gowin.open_paths([str(EXAMPLES[0].path)])
    assert gowin.index == 0
    gowin.step()
    assert gowin.index == 1
    gowin.toggle_play()
    wait_until(qtbot, lambda: not gowin.playing, "playing to the end")
    assert gowin.current_frame().final
    gowin.reset()
    assert gowin.index == 0 and gowin.current_frame().t_ns == 0
    qtbot.keyClick(gowin, Qt.Key_Right)
    qtbot.keyClick(gowin, Qt.Key_Right)
    assert gowin.index == 2
    qtbot.keyClick(gowin, Qt.Key_Left)
    assert gowin.index == 1 and gowin.slider.value() == 1


def test_a_missing_file_is_one_line_and_exit_2(tmp_path):
    r = subprocess.run([sys.executable, "-m", "visualizer", str(tmp_path / "nope.go")], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "nope.go" in r.stderr


@pytest.mark.slow
def test_leakviz_file_go_takes_a_screenshot(tmp_path):
    png = tmp_path / "a.png"
    r = subprocess.run([sys.executable, "-m", "visualizer", str(EXAMPLES[0].path), "--sim-seconds", "0.1",
                        "--screenshot", str(png), "--size", "1024x768"], capture_output=True, text=True,
                       timeout=300, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, r.stderr
    from PySide6.QtGui import QImage
    img = QImage(str(png))
    assert (img.width(), img.height()) == (1024, 768)


def test_an_http_handler_is_driven_by_requests_and_main_is_not_run(gowin):
    ex = next(e for e in EXAMPLES if e.file == "article_http.go")
    gowin.open_paths([str(ex.path)])
    assert gowin.http_box.isVisibleTo(gowin)
    assert gowin.drive.handler == "handler"
    gowin.requests_spin.setValue(7)
    last = gowin.run.last
    lanes = {ln.func: ln for ln in last.lanes}
    assert "main.main" not in lanes
    assert lanes["net/http.(*conn).serve"].total == 7  # one goroutine per request, as net/http starts
    assert lanes["main.handler.func1"].total == 7 * 10  # each request starts its ten checks
    assert gowin.run.result.sim_ns >= 6 * int(1e9 / gowin.drive.rate)


def test_a_file_importing_net_http_without_the_named_handler_says_so(qtbot, tmp_path):
    from visualizer.gui.gostage import GoWindow
    w = GoWindow(handler="nope")
    qtbot.addWidget(w)
    ex = next(e for e in EXAMPLES if e.file == "article_http.go")
    assert not w.open_paths([str(ex.path)])
    assert "nope" in w.banner.text()
    w.close()


@pytest.mark.parametrize("ex", [e for e in EXAMPLES if e.fix], ids=[e.file for e in EXAMPLES if e.fix])
def test_compare_puts_a_bug_beside_its_fix_with_the_command_lines_counts(gowin, qtbot, ex):
    gowin.open_paths([str(ex.path)])
    cw = gowin.compare_with_fix()
    qtbot.addWidget(cw)
    cw.show_time(cw.end_ns / 1e9)
    left, right = (st.frame for st in cw.stages)
    assert left.stranded == cli_report(ex.path)["leaked_count"]
    assert right.stranded == cli_report(ex.path.with_name(ex.fix))["leaked_count"]
    assert f"<b>{left.stranded:,}</b>" in cw.labels[0].text()
    cw.close()


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_presenter_mode_hides_the_side_panel_and_grows_the_text(gowin, qtbot, size):
    gowin.resize(*size)
    gowin.open_paths([str(EXAMPLES[0].path)])
    before = gowin.code.line_height()
    qtbot.keyClick(gowin, Qt.Key_F5)
    assert gowin.presenter and not gowin.side.isVisible()
    assert gowin.stage.zoom > 1 and gowin.code.zoom > 1
    qtbot.keyClick(gowin, Qt.Key_F5)
    assert gowin.side.isVisible() and gowin.code.line_height() == before


def test_a_saved_go_run_keeps_the_source_and_the_dials(gowin, qtbot, tmp_path):
    from visualizer.gui.gostage import GoWindow
    ex = next(e for e in EXAMPLES if e.file == "ncast.go")
    gowin.open_paths([str(ex.path)])
    site = gowin.run.sites[0]
    gowin.dial_widgets[site.key].setValue(2)
    saved = tmp_path / "n.leakviz-go"
    assert gowin.save_run(saved)
    other = GoWindow()
    qtbot.addWidget(other)
    assert other.open_paths([str(saved)])
    assert other.dial_widgets[site.key].value() == 2
    assert other.code.lines == gowin.code.lines
    assert other.run.last.stranded == gowin.run.last.stranded
    bad = tmp_path / "bad.leakviz-go"
    bad.write_text("{}")
    assert not other.open_paths([str(bad)])
    assert "not a saved leakviz Go run" in other.banner.text()
    other.close()


def test_dropping_a_go_file_opens_it(gowin, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDropEvent

    ex = next(e for e in EXAMPLES if e.file == "timeout.go")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(ex.path)), QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    ev = QDropEvent(QPoint(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    gowin.dropEvent(ev)
    assert gowin.paths == [str(ex.path)]
    assert gowin.title.text() == ex.title["en"]


def test_a_folder_of_package_main_shows_the_file_where_goroutines_strand(gowin, tmp_path):
    (tmp_path / "main.go").write_text('package main\n\nimport "time"\n\nfunc main() {\n\tfor i := 0; i < 3; i++ {\n'
                                      '\t\tgo wait(make(chan int))\n\t}\n\ttime.Sleep(time.Millisecond)\n}\n')
    (tmp_path / "wait.go").write_text("package main\n\n// wait receives what nobody sends\nfunc wait(c chan int) {\n"
                                      "\t<-c\n}\n")
    rep = cli_report(tmp_path)
    assert gowin.open_paths([str(tmp_path)])
    at_end(gowin)
    assert Path(gowin.code.path).name == "wait.go"
    assert gowin.current_frame().stranded == rep["leaked_count"]
    assert set(gowin.code.marks) == {lk["line"] for lk in rep["leaked"]}
    assert [s.label for s in gowin.run.sites] == ["chan  main.go:7"]


def test_a_dial_changed_mid_run_holds_from_that_moment_on(gowin, tmp_path):
    ex = next(e for e in EXAMPLES if e.file == "article.go")
    gowin.open_paths([str(ex.path)])
    before = gowin.run
    mid = len(before.frames) // 2
    gowin.seek(mid)
    t = gowin.current_frame().t_ns
    for sp in gowin.dial_widgets.values():
        sp.setValue(10)
    after = gowin.run
    # what ran before the change ran as it did
    old = [(f.t_ns, f.stranded, f.started) for f in before.frames if f.t_ns < t]
    new = [(f.t_ns, f.stranded, f.started) for f in after.frames if f.t_ns < t]
    assert new == old
    # the code panel shows the source as it now reads; the run, its capacities by time
    assert all("make(chan bool, 10)" in gowin.code.lines[s.line - 1] for s in after.sites)
    d = tmp_path / "as_run"
    d.mkdir()
    for name, src in after.compiled:
        (d / Path(name).name).write_bytes(src)
    rep = cli_report(d)
    assert after.last.stranded == rep["leaked_count"]
    assert 0 < after.last.stranded < before.last.stranded
    gowin.reset()  # the changes become the constants of a run from the start
    assert gowin.schedule == {} and gowin.index == 0
    at_end(gowin)
    assert gowin.current_frame().stranded == 0


def test_exports_carry_the_timeline_and_the_leaks_the_command_line_reports(gowin, tmp_path):
    import csv
    ex = next(e for e in EXAMPLES if e.file == "double_send.go")
    gowin.open_paths([str(ex.path)])
    assert gowin.export(tmp_path / "r.csv", "csv")
    assert gowin.export(tmp_path / "r.json", "json")
    rows = list(csv.DictReader((tmp_path / "r.csv").open()))
    assert len(rows) == len(gowin.run.frames)
    assert int(rows[-1]["stranded"]) == gowin.run.last.stranded
    doc = json.loads((tmp_path / "r.json").read_text())
    rep = cli_report(ex.path)
    assert doc["leaked_count"] == rep["leaked_count"]
    # the command line lists each leaking site once; the export, each leaked goroutine
    assert {(lk["function"], lk["line"]) for lk in doc["leaked"]} == {(lk["function"], lk["line"]) for lk in rep["leaked"]}
    assert len(doc["leaked"]) == rep["leaked_count"]
    assert not gowin.export(tmp_path / "missing" / "r.csv", "csv")
    assert gowin.banner.isVisible()


@pytest.mark.parametrize("kind", ["gif", "mp4"])
def test_a_go_run_exports_as_gif_and_video(gowin, qtbot, tmp_path, kind):
    import av

    gowin.open_paths([str(EXAMPLES[0].path)])
    gowin.speed = 0.05  # simulated seconds per second of animation: a short file
    path = tmp_path / f"run.{kind}"
    gowin.export_moving(path, kind)

    def done() -> None:
        assert gowin.export_job is None, "the export is still running"
    qtbot.waitUntil(done, timeout=120_000)
    fps = {"gif": 10.0, "mp4": 30.0}[kind]
    expected = int(gowin.run.frames[-1].t_ns / (0.05 / fps * 1e9)) + 1
    with av.open(str(path)) as c:
        n = sum(1 for _ in c.decode(video=0))
    if kind == "mp4":
        assert n == expected
    else:  # a GIF stores a frame equal to the one before as a longer delay
        assert 1 < n <= expected
    assert f"Wrote {expected} frames" in gowin.statusBar().currentMessage()
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_cancelled_go_export_leaves_nothing(gowin, qtbot, tmp_path):
    gowin.open_paths([str(EXAMPLES[0].path)])
    gowin.speed = 0.01
    gowin.export_moving(tmp_path / "run.mp4", "mp4")
    job = gowin.export_job
    qtbot.waitUntil(lambda: job.writer.frames >= 2, timeout=120_000)
    job.dialog.cancel()
    qtbot.waitUntil(lambda: gowin.export_job is None, timeout=120_000)
    assert list(tmp_path.iterdir()) == []


def test_closing_the_go_window_mid_export_leaves_nothing(gowin, qtbot, tmp_path):
    gowin.open_paths([str(EXAMPLES[0].path)])
    gowin.speed = 0.01
    gowin.export_moving(tmp_path / "run.mp4", "mp4")
    job = gowin.export_job
    qtbot.waitUntil(lambda: job.writer.frames >= 1, timeout=120_000)
    gowin.close()
    assert gowin.export_job is None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("n", [0, 1, 4, 20])
def test_an_escape_attempt_opened_in_the_window_is_refused_inline_and_creates_nothing(gowin, tmp_path, monkeypatch, n):
    from tests.golang.test_escapes import ESCAPES
    name, body, (kind, what) = ESCAPES[n]
    monkeypatch.chdir(tmp_path)
    f = tmp_path / "escape.go"
    f.write_bytes(("package main\n" + body + "\n").encode())
    gowin.open_paths([str(f)])
    assert kind == "refused"
    assert gowin.banner.isVisible() and what in gowin.banner.text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["escape.go"]


def test_a_program_that_outruns_the_window_s_recording_process_is_one_line(gowin, tmp_path, monkeypatch):
    """The window records in a limited child process: one that goes past its deadline is reported, not waited on."""
    from visualizer.goplay import isolate
    f = tmp_path / "spin.go"
    f.write_text("package main\n\nfunc main() {\n\tfor {\n\t}\n}\n")
    real = isolate.record_isolated
    monkeypatch.setattr("visualizer.gui.gostage.window.record_isolated",
                        lambda *a, **kw: real(*a, **{**kw, "timeout_s": 1.0}))
    gowin.open_paths([str(f)])
    assert gowin.banner.isVisible()
    assert gowin.banner.text() == "Cannot run this Go: stopped: the program ran past its wall-clock limit (1 s)"


@pytest.mark.parametrize("body,says", [
    ("func main() {\n\tn := 0\n\tfmt.Println(1 / n)\n}", "The program stopped: panic: runtime error: integer divide by zero"),
    ("func main() {\n\tn := -1\n\t_ = make(chan int, n)\n}", "The program stopped: panic: runtime error: makechan: size out of range"),
    ("func main() {\n\tfmt.Println(\"x\")\n\tos.Exit(3)\n}", "The program stopped: exit status 3"),
])
def test_a_program_that_panics_or_exits_says_so_in_the_window(gowin, tmp_path, body, says):
    f = tmp_path / "p.go"
    f.write_text('package main\n\nimport (\n\t"fmt"\n\t"os"\n)\n\nvar _ = os.Exit\nvar _ = fmt.Sprint\n\n' + body + "\n")
    gowin.open_paths([str(f)])
    assert gowin.banner.isVisible() and gowin.banner.text() == says


def test_two_hundred_channels_keep_the_window_its_size(gowin, qtbot, tmp_path):
    lines = "\n".join(f"\tc{i} := make(chan int, {i % 3})\n\t_ = c{i}" for i in range(200))
    f = tmp_path / "many.go"
    f.write_text(f"package main\n\nfunc main() {{\n{lines}\n}}\n")
    gowin.resize(1024, 768)
    gowin.open_paths([str(f)])
    assert len(gowin.dial_widgets) == 200
    assert gowin.minimumSizeHint().height() < 768 and gowin.height() == 768
    qtbot.waitUntil(lambda: gowin.dials_scroll.verticalScrollBar().maximum() > 0, timeout=10_000)  # they scroll


def test_the_code_panel_draws_only_the_lines_in_view(gowin, tmp_path):
    """A long file (100,000 lines) costs what its visible lines cost: most are never measured or drawn."""
    from visualizer.gui.gostage.code import GoCode
    drawn = []
    code = GoCode()
    code.set_source("/x/big.go", "\n".join(f"// line {i}" for i in range(100_000)))
    code.resize(600, 400)
    from PySide6.QtGui import QPainter
    real = QPainter.drawText

    def counting(self, *a):
        drawn.append(a)
        return real(self, *a)
    QPainter.drawText = counting
    try:
        code.grab()
    finally:
        QPainter.drawText = real
    assert 0 < len(drawn) < 2_000  # line numbers and text of the rows on screen, not 200,000 calls


CHECKS = Path(__file__).parents[1] / "golang" / "testpkgs" / "checks"


def test_a_failing_test_opens_on_the_schedule_its_report_names(qtbot, tmp_path):
    """`leakviz test` names a seed for the race; the window opened on that test and seed shows that leak."""
    from visualizer.golang.gotest import run_tests
    from visualizer.gui import i18n
    from visualizer.gui.gostage import GoWindow
    results, _root = run_tests(str(CHECKS), pattern="Race", runs=20)
    [lk] = results[0].leaked
    i18n.install("en")
    w = GoWindow(test="TestRaceSometimesLeaks", seed=lk.seed)
    qtbot.addWidget(w)
    assert w.open_paths([str(CHECKS)])
    at_end(w)
    fr = w.current_frame()
    assert fr.final and fr.stranded == lk.count
    assert [(p.file, p.line, p.count) for p in fr.piles] == [("checks.go", lk.line, lk.count)]
    assert not any(c.site.startswith("testing.go") for c in fr.chans)  # the test driver's channels are not shown
    assert "seed " + str(lk.seed) in w.caption.text()
    saved = tmp_path / "race.leakviz-go"
    assert w.save_run(saved)
    again = GoWindow()
    qtbot.addWidget(again)
    assert again.open_saved(saved)
    at_end(again)
    assert again.test_name == "TestRaceSometimesLeaks" and again.current_frame().stranded == lk.count
    w2 = GoWindow(test="TestRaceSometimesLeaks", seed=0)  # Go's own order: the race goes well
    qtbot.addWidget(w2)
    assert w2.open_paths([str(CHECKS)])
    at_end(w2)
    assert w2.current_frame().stranded == 0


def test_test_takes_a_package_folder_and_a_test_name(tmp_path):
    for args in (["--test", "TestX", str(CHECKS / "checks.go")], ["--test", "x; rm", str(CHECKS)]):
        r = subprocess.run([sys.executable, "-m", "visualizer", *args, "--screenshot", str(tmp_path / "a.png")],
                           capture_output=True, text=True, timeout=120,
                           env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
        assert r.returncode == 2 and r.stderr == ("leakviz: error: --test takes one package folder and a test's "
                                                  "name (TestXxx)\n")


BLOCKLIST = Path(__file__).parents[1] / "golang" / "services" / "blocklist"


def test_traffic_from_chosen_networks_and_an_access_log_replayed_through_main_s_server(gowin, tmp_path):
    """The command line's numbers, in the window: made-up clients from a blocked network, then the log."""
    assert gowin.open_paths([str(BLOCKLIST)])
    at_end(gowin)
    assert gowin.drive.handler == "items" and gowin.current_frame().stranded == 0  # 10.0.x.y is never blocked
    gowin.requests_spin.setValue(20)
    gowin.sources_edit.setText("203.0.113.0/24=25, 10.0.0.0/8")
    gowin.sources_edit.editingFinished.emit()
    at_end(gowin)
    out = io.StringIO()
    run_go([str(BLOCKLIST)], as_json=True, out=out, err=io.StringIO(), requests=20,
           sources="203.0.113.0/24=25, 10.0.0.0/8")
    assert gowin.current_frame().stranded == json.loads(out.getvalue())["leaked_count"] == 5
    gowin.sources_edit.setText("not a network")
    gowin.sources_edit.editingFinished.emit()
    assert gowin.banner.isVisible() and "is not a network" in gowin.banner.text()
    assert gowin.drive.sources == "203.0.113.0/24=25, 10.0.0.0/8"  # the run shown is still the last good one
    assert gowin.replay_log(str(BLOCKLIST / "access.log"))
    at_end(gowin)
    assert gowin.drive.handler == "" and gowin.current_frame().stranded == 2
    assert gowin.log_label.isVisibleTo(gowin) and not gowin.requests_spin.isVisibleTo(gowin)
    saved = tmp_path / "svc.leakviz-go"
    assert gowin.save_run(saved)
    assert gowin.open_saved(saved)
    at_end(gowin)
    assert gowin.drive.serve == str(BLOCKLIST / "access.log") and gowin.current_frame().stranded == 2
    gowin.use_made_up_requests()
    assert gowin.drive.serve is None and gowin.drive.handler == "items"
    assert not gowin.replay_log(str(tmp_path / "missing.log")) and gowin.banner.isVisible()


def test_the_window_lists_every_refusal(gowin, tmp_path):
    p = tmp_path / "two.go"
    p.write_text("package main\n\nfunc main() {\n\tprintln(a)\n\tprintln(b)\n}\n")
    gowin.open_paths([str(p)])
    lines = gowin.banner.text().splitlines()
    assert lines == ["Cannot run this Go: two.go:4:10: undefined: a", "Cannot run this Go: two.go:5:10: undefined: b"]
    assert gowin.code.error == (4, 10, "undefined: a")
