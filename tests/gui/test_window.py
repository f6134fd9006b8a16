"""The window against a real engine: controls reach the config, counts match."""

from tests.gui.conftest import wait_until
from visualizer.core.presets import PRESETS
from visualizer.core.scenario import Config


def run_to(qtbot, w, seconds: float) -> None:
    """Drive the real qasync loop until the session reaches ``seconds`` of simulated time."""
    w.session.set_speed(None)
    w.session.run_until(int(seconds * 1e9))
    wait_until(qtbot, lambda: w.snap is not None and (w.snap.t >= int(seconds * 1e9) or w.session.finished),
               lambda: f"the run to reach {seconds} s; it is at {w.snap and w.snap.t / 1e9} s")
    w.session.pause()
    w.refresh()


def test_window_opens_on_the_articles_bug(window):
    assert window.isVisible()
    assert window.session.cfg == PRESETS["unbuffered"]
    assert window.controls.cap_done.value() == 0 and window.controls.cap_quit.value() == 0
    assert "Leaks" in window.verdict.text()


def test_each_control_changes_the_engine_config(window, qtbot):
    c = window.controls
    c.checks.setValue(17)
    assert window.session.cfg.checks == 17
    c.cap_done.setValue(5)
    assert window.session.cfg.capacity_done == 5
    c.cap_quit.setValue(4)
    assert window.session.cfg.capacity_quit == 4
    c.rate.setValue(42.5)
    assert window.session.cfg.rate == 42.5
    c.fail_prob.setValue(0.3)
    assert window.session.cfg.fail_prob == 0.3
    c.bad_ip.setValue(0.6)
    assert window.session.cfg.bad_ip_share == 0.6
    c.variant.setCurrentIndex(c.variant.findData("ctx"))
    assert window.session.cfg.variant == "ctx"
    c.concurrent.setChecked(False)
    assert window.session.cfg.concurrent is False
    c.fail_list.setText("0,3")
    c.fail_list.editingFinished.emit()
    assert window.session.cfg.fail == (0, 3)
    rt_before = window.session.rt
    c.seed.setValue(99)
    assert window.session.cfg.seed == 99
    assert window.session.rt is not rt_before  # a new seed is a new run, and it says so
    assert "restarted" in window.statusBar().currentMessage()
    c.speed.setCurrentIndex(c.speed.findData(0.25))
    assert window.session.speed == 0.25


def test_live_change_applies_to_new_requests_and_says_so(window, qtbot):
    run_to(qtbot, window, 0.3)
    rt = window.session.rt
    window.controls.cap_done.setValue(9)
    assert window.session.rt is rt  # same run
    assert "Applies to requests from #" in window.statusBar().currentMessage()
    assert any(e[1] == "config" and '"capacity_done": 9' in e[2] for e in rt.trace.events)


def test_seeking_back_before_a_live_change_shows_the_code_of_then(window, qtbot):
    """The code panel showed the newest code at every moment, also before the change was made."""
    run_to(qtbot, window, 0.3)
    window.controls.cap_done.setValue(9)
    run_to(qtbot, window, 0.6)
    events = window.session.rt.trace.events
    change = next(i for i in range(len(events)) if events[i][1] == "config" and '"capacity_done": 9' in events[i][2])
    assert "make(chan bool, 9)" in "".join(t for t, _s in window.code.lines)  # live: the code after the change
    window.seek(change - 1)
    window.refresh()
    shown = "".join(t for t, _s in window.code.lines)
    assert "make(chan bool, 9)" not in shown and "done := make(chan bool, 0)" in shown
    window.seek(change + 1)
    window.refresh()
    assert "make(chan bool, 9)" in "".join(t for t, _s in window.code.lines)


def test_bad_failing_list_gets_an_inline_message_and_changes_nothing(window):
    c = window.controls
    before = window.session.cfg
    c.fail_list.setText("0,x")
    c.fail_list.editingFinished.emit()
    assert c.fail_error.isVisibleTo(window) and "numbers" in c.fail_error.text()
    assert window.session.cfg == before
    c.fail_list.setText("12")
    c.fail_list.editingFinished.emit()
    assert "does not exist" in c.fail_error.text()
    assert window.session.cfg == before


def test_unbuffered_stranded_count_shown_equals_engine(window, qtbot):
    run_to(qtbot, window, 1.0)
    rt = window.session.rt
    assert rt.stranded > 0
    assert window.stats["stranded"].text() == str(rt.stranded)
    assert window.stage.snap.stranded == rt.stranded


def test_context_preset_strands_nothing(window, qtbot):
    window.choose_preset("context")
    assert window.session.cfg.variant == "ctx"
    run_to(qtbot, window, 1.0)
    assert window.session.rt.spawned > 50
    assert window.session.rt.stranded == 0
    assert window.stats["stranded"].text() == "0"
    assert "Cannot leak" in window.verdict.text()


def test_code_panel_highlights_blocked_sends_with_counts(window, qtbot):
    cfg = Config(checks=10, fail=(1, 9), requests=1, rate=10.0)
    window.session.reset(cfg)
    window.code.set_config(cfg)
    run_to(qtbot, window, 0.2)
    lines = [t for t, _ in window.code.lines]
    done_line = next(i for i, t in enumerate(lines, 1) if "done <- true" in t)
    quit_line = next(i for i, t in enumerate(lines, 1) if "quit <- true" in t)
    assert window.code.highlighted() == {done_line: 7, quit_line: 1}


def test_play_pause_step_reset(window, qtbot):
    s = window.session
    window.toggle_play()
    assert s.playing
    window.toggle_play()
    assert not s.playing
    n = len(s.rt.trace.events)
    window.step()
    assert len(s.rt.trace.events) > n and not s.playing
    window.reset()
    assert len(s.rt.trace.events) <= 3  # config, go server, ...: a fresh run


def test_keyboard_shortcuts_are_bound(window):
    from PySide6.QtGui import QKeySequence
    assert window.menus.act_play.shortcut() == QKeySequence("Space")
    assert QKeySequence("Right") in window.menus.act_step.shortcuts()
    assert QKeySequence("Ctrl+R") in window.menus.act_reset.shortcuts()


def test_every_control_has_a_tooltip(window):
    c = window.controls
    for w in (c.preset, c.variant, c.checks, c.cap_done, c.cap_quit, c.rate, c.fail_prob, c.bad_ip,
              c.fail_list, c.concurrent, c.seed, c.speed, window.menus.btn_play, window.menus.btn_step, window.menus.btn_reset):
        assert w.toolTip(), w


def test_the_handler_box_names_the_article_and_its_fixes_not_the_scenarios_ids(window):
    box = window.controls.variant
    names = [box.itemText(i) for i in range(box.count())]
    assert names == ["the article's (the bug)", "context fix", "stop-channel fix", "draining fix"]
    assert [box.itemData(i) for i in range(box.count())] == ["seed", "ctx", "closequit", "drain"]
    window.set_language("zh_CN")
    assert box.itemText(0) == "文章中的（有 bug）" and box.itemText(1) == "context 修复"
    window.set_language("en")


def test_language_switch_changes_visible_strings(window):
    window.set_language("zh_CN")
    assert window.lang == "zh_CN"
    assert window.menus.btn_play.text() in ("播放 ▶", "暂停 ❚❚")
    assert window.stat_names["stranded"].text() == "永久阻塞"
    assert "泄漏" in window.verdict.text()
    window.set_language("en")
    assert window.menus.btn_play.text() in ("Play ▶", "Pause ❚❚")
    assert window.stat_names["stranded"].text() == "Stranded"


def test_inputs_are_bounded_by_their_widgets(window):
    c = window.controls
    c.checks.setValue(10_000)
    c.cap_done.setValue(-5)
    c.rate.setValue(0)
    assert window.session.cfg.checks == c.checks.maximum()
    assert window.session.cfg.capacity_done == 0
    assert window.session.cfg.rate > 0


def test_ceiling_pauses_with_a_banner_and_reset_clears_it(qtbot, qloop):
    from visualizer.gui.window import MainWindow
    w = MainWindow(preset="unbuffered", speed=None, lang="en", max_live=2_000)
    qtbot.addWidget(w)
    w.show()
    w.session.play()
    wait_until(qtbot, lambda: w.panels.banner.isVisible(),
               lambda: f"the ceiling banner; {len(w.session.rt.goroutines)} live goroutines")
    assert not w.session.playing and "2,000 live goroutines" in w.panels.banner_text.text()
    w.panels.banner_reset.click()
    w.refresh()
    assert not w.panels.banner.isVisible() and not w.session.ceiling_hit
    w.close()


def test_reset_while_running_leaves_nothing_behind(window, qtbot, caplog):
    import gc
    for _ in range(3):
        window.session.play()
        wait_until(qtbot, lambda: window.snap is not None and window.snap.stranded > 500,
                   lambda: f"500 stranded; {window.snap and window.snap.stranded}")
        window.reset()
    gc.collect()
    assert not [r for r in caplog.records if r.name == "asyncio"], caplog.text
    # the run starts over: nothing of the old one is left, and no loop turn has run the new one yet
    assert window.session.rt.stranded == 0 and window.session.rt.spawned <= 1


def test_a_simulated_panic_is_shown_and_the_app_keeps_running(window):
    rt = window.session.rt

    async def closes_twice(rt):
        ch = rt.make_chan(0, name="done")
        ch.close()
        ch.close()

    rt.go(closes_twice(rt), role="check")
    window.session.step()
    while window.session.step():
        pass
    window.refresh()
    assert "panic: close of closed channel" in window.statusBar().currentMessage()
    window.reset()  # the app goes on
    assert window.session.rt.panic is None


def test_seeking_shows_the_state_playing_would_have_reached(window, qtbot):
    from dataclasses import replace

    from visualizer.core.trace import Folder
    window.session.reset(replace(PRESETS["unbuffered"], rate=1000.0))
    run_to(qtbot, window, 1.0)
    events = window.session.rt.trace.events
    first, end = window.session.seekable()
    assert end > 20_000  # long enough to need checkpoints
    for index in (end // 3, end // 2 + 7, 5, end - 1):
        window.seek(index)
        expect = Folder(keep=window.session.keep).feed(events, upto=index).snapshot()
        assert window.stage.snap == expect
        assert window.stats["stranded"].text() == str(expect.stranded)
        assert window.chart.snap.memory == expect.memory
        assert window.timeline.head == index


def test_stepping_back_and_forth_one_shown_event(window, qtbot):
    """Back and forth by the events the stage draws, not the scheduler's sleeps and wakes."""
    from visualizer.core.trace import SHOWN, Folder
    run_to(qtbot, window, 0.3)
    events = window.session.rt.trace.events
    _first, end = window.session.seekable()
    shown = [i + 1 for i in range(end) if events[i][1] in SHOWN]  # the moments a step can land on
    mid = shown[len(shown) // 2]
    window.seek(mid)
    window.step_back()
    window.step_back()
    at = shown.index(mid)
    assert window.review.seq == shown[at - 2]
    window.step()
    assert window.review.seq == shown[at - 1]
    assert any(events[i][1] not in SHOWN for i in range(shown[at - 2], shown[at - 1]))  # it skipped some
    assert window.stage.snap == Folder(keep=window.session.keep).feed(events, upto=shown[at - 1]).snapshot()
    window.go_live()
    assert window.review is None and window.timeline.head is None


def test_play_from_the_playhead_replays_then_goes_live(window, qtbot):
    run_to(qtbot, window, 0.5)
    _first, end = window.session.seekable()
    window.session.set_speed(None)
    window.seek(end // 4)
    window.toggle_play()  # replays history from the playhead
    wait_until(qtbot, lambda: window.review is None, "the replay to catch up with the live run")
    assert window.session.playing  # caught up: the live run goes on
    window.session.pause()


def test_compare_opens_from_the_view_menu_on_this_runs_requests(window, qtbot):
    window.menus.act_compare.trigger()
    cw = window._compare
    qtbot.addWidget(cw)
    assert cw.isVisible() and len(cw.stages) == 3
    assert {lane.cfg.seed for lane in cw.compare.lanes} == {window.session.cfg.seed}
    cw.compare.advance(500_000_000)
    cw.refresh(full=True)
    assert cw.counts[0].text() != "" and cw.stages[0].snap.stranded >= cw.stages[2].snap.stranded == 0
    cw.close()


def test_exports_from_the_window(window, qtbot, tmp_path):
    import csv
    import json

    from PIL import Image
    run_to(qtbot, window, 0.6)
    assert window.files.export_csv(tmp_path / "m.csv")
    rows = list(csv.DictReader((tmp_path / "m.csv").open()))
    assert int(rows[-1]["stranded"]) == window.session.rt.stranded
    assert window.files.export_json(tmp_path / "r.json")
    assert json.loads((tmp_path / "r.json").read_text())["stranded"] == window.session.rt.stranded
    assert not window.files.export_csv(tmp_path / "missing" / "m.csv")  # a one-line message, no exception
    assert "does not exist" in window.statusBar().currentMessage()
    window.files.export_gif(tmp_path / "a.gif", seconds=0.2)
    wait_until(qtbot, lambda: (tmp_path / "a.gif").exists(), lambda: f"a.gif; {window.statusBar().currentMessage()}")
    im = Image.open(tmp_path / "a.gif")
    assert im.format == "GIF" and im.n_frames >= 3


def test_save_and_open_a_run_gives_the_same_picture(window, qtbot, tmp_path):
    from visualizer.core.trace import Folder
    window.session.reset(Config(checks=10, requests=40, concurrent=True, rate=200.0, fail_prob=0.2, seed=4))
    window.session.set_speed(None)
    window.session.play()
    wait_until(qtbot, lambda: window.session.finished, lambda: f"the run to finish; at {window.session.rt.now} ns")
    before = window.session.snapshot()
    events = list(window.session.rt.trace.events)
    assert window.files.save_run(tmp_path / "r.leakviz-run")
    window.reset()
    assert window.files.open_run(tmp_path / "r.leakviz-run")
    after = window.session.snapshot()
    assert after == before
    assert list(window.session.rt.trace.events) == events
    window.seek(len(events) // 2)  # and it can be replayed
    assert window.stage.snap == Folder(keep=window.session.keep).feed(events, upto=len(events) // 2).snapshot()
    (tmp_path / "bad.leakviz-run").write_bytes(b"\x89PNG not a run")
    assert not window.files.open_run(tmp_path / "bad.leakviz-run")
    assert "not a leakviz run" in window.statusBar().currentMessage()
    assert window.session.snapshot() == after  # what was shown stays
