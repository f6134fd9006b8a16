"""Play the scheduler (issue #22): the class chooses one request's schedule by keyboard, predicts, and the
engine's run, live in the window, is what the panel judges and the stage shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QSpinBox, QWidget

from tests.gui.conftest import wait_until
from visualizer.lesson.play import Schedule, distribution, stranded_rule


@pytest.fixture
def projector(qtbot, qloop):
    """The window at 1024x768, the engine at full speed (the run still goes through the session's task)."""
    from visualizer.gui import i18n
    from visualizer.gui.window import MainWindow
    made = []

    def make(lang="en", **cfg):
        w = MainWindow(preset="unbuffered", speed=None, lang=lang, size=(1024, 768))
        qtbot.addWidget(w)
        made.append(w)
        w.show()
        qtbot.waitExposed(w)
        w.windowHandle().requestActivate()  # shortcuts go to the active window (offscreen too)
        qtbot.waitUntil(w.isActiveWindow)
        for name, v in cfg.items():
            getattr(w.controls, name).setValue(v)
        return w

    yield make
    for w in made:
        w.close()
    i18n.install("en")


def _panel(w):
    return w.findChild(QWidget, "playScheduler")


def _stage_stranded(w) -> tuple[int, ...]:
    req = w.stage.followed(w.snap)
    return tuple(sorted(t.idx for t in req.checks if t.state == "stranded"))


def test_the_game_is_played_by_keyboard_and_judged_by_the_engine(projector, qtbot):
    w = projector()
    qtbot.keyClick(w, Qt.Key_F2)
    panel = _panel(w)
    assert panel is not None and panel.isVisible() and w.menus.act_scheduler.isChecked() and w.presenting
    guess = w.findChild(QLineEdit, "playGuess")
    assert guess.text() == "" and w.stats["stranded"].text() == "?"  # nothing said, nothing given away
    first = w.findChild(QAbstractButton, "playOutcome0")
    qtbot.waitUntil(first.hasFocus)  # the keyboard starts at the first choice
    qtbot.keyClick(first, Qt.Key_Space)  # check 0 fails ...
    assert first.isChecked() and not w.session.playing  # (Space did not start the window's run)
    qtbot.keyClick(first, Qt.Key_Tab)
    slot = w.findChild(QSpinBox, "playSlot0")
    assert slot.hasFocus() or slot.isAncestorOf(w.focusWidget()) or w.focusWidget() is slot
    qtbot.keyClick(w.focusWidget(), Qt.Key_Up)  # ... and finishes second: check 1 now finishes first
    assert panel.schedule == Schedule((True,) + (False,) * 9, (2, 1, *range(3, 11)))
    for _ in range(40):  # on through the rows to the prediction
        if w.focusWidget() is guess:
            break
        qtbot.keyClick(w.focusWidget(), Qt.Key_Tab)
    assert w.focusWidget() is guess
    qtbot.keyClicks(guess, "9")
    qtbot.keyClick(guess, Qt.Key_Return)  # Enter runs
    wait_until(qtbot, lambda: panel.outcome is not None, "the engine's run to be judged")
    # unbuffered: every check that finishes after check 0's failure (slot 2) is stranded: checks 2..9
    out, said = panel.outcome
    assert out.stranded == tuple(range(2, 10)) == _stage_stranded(w) and said == 9
    assert out.stranded == stranded_rule(panel.schedule, "seed", 0, 0)
    result = w.findChild(QLabel, "playResult").text()
    assert "<b>8</b>" in result and "You said 9" in result and "was right" not in result
    assert w.stats["stranded"].text() == "8"
    stranded_rows = [i for i, lab in enumerate(panel.names) if "✗" in lab.text()]
    assert stranded_rows == list(range(2, 10))


def test_a_buffer_keeps_the_first_late_values_and_the_summary_places_the_play(projector, qtbot):
    w = projector(cap_done=2)
    w.game.open()
    panel = _panel(w)
    assert panel.caps == (2, 0) and w.session.cfg.requests == 1 and w.session.cfg.capacity_done == 2
    panel.changed.emit(Schedule((True,) + (False,) * 9, tuple(range(1, 11))))  # check 0 fails first
    panel.guess.setText("7")
    panel.btn_run.click()
    wait_until(qtbot, lambda: panel.outcome is not None, "the engine's run to be judged")
    out, _said = panel.outcome
    # nine late checks send on done: two fit in its buffer (checks 1, 2), seven block for ever
    assert out.stranded == tuple(range(3, 10)) == _stage_stranded(w)
    assert "was right" in panel.result.text()
    assert panel.bars.isVisible() and panel.bars.counts == distribution(10, "seed", 2, 0) and panel.bars.mark == 7
    assert "Every schedule is safe only from done 9, quit 9" in panel.summary.text()
    # the explorer opens on these capacities
    w.findChild(QAbstractButton, "playExplorer").click()
    assert w._explorer.isVisible() and w._explorer.grid.current == (2, 0)
    w._explorer.close()
    # a new choice is a new round: nothing said, the answer hidden again
    panel.buttons[5].click()
    assert panel.outcome is None and not panel.bars.isVisible() and w.stats["stranded"].text() == "?"
    assert panel.guess.text() == "7"  # the same game: the class's words stay until they change them


def test_closing_the_game_gives_the_window_its_run_back(projector, qtbot):
    w = projector()
    before = w.session.cfg
    qtbot.keyClick(w, Qt.Key_F2)
    assert w.session.cfg.requests == 1 and w.stage.follow
    qtbot.keyClick(w, Qt.Key_F2)
    assert not _panel(w).isVisible() and not w.stage.follow and not w.presenting
    assert w.session.cfg == before and w.stats["stranded"].text() != "?"


def test_the_game_from_a_preset_run_from_go_plays_its_handler_and_gives_the_go_run_back(projector, qtbot):
    """The app runs presets from gateway.go; the game scripts each check's time and outcome, which gateway.go
    writes in Go, so it plays the Python transcription of the same handler and then returns to Go."""
    w = projector()
    assert w.source.article_from_go() is not None  # the window's default, as the app's
    w.controls.dials[w.source.article_dials["done"]].setValue(2)  # done's capacity, set in Go
    assert w.source.article_from_go().capacity_done == 2
    qtbot.keyClick(w, Qt.Key_F2)
    panel = _panel(w)
    assert panel.isVisible() and w.program is None and w.session.cfg.requests == 1
    assert panel.caps == (2, 0)  # the game plays the capacities the Go run had
    assert "Python transcription" in w.statusBar().currentMessage()
    panel.changed.emit(Schedule((True,) + (False,) * 9, tuple(range(1, 11))))
    panel.btn_run.click()
    wait_until(qtbot, lambda: panel.outcome is not None, "the engine's run to be judged")
    assert panel.outcome[0].stranded == tuple(range(3, 10)) == _stage_stranded(w)
    qtbot.keyClick(w, Qt.Key_F2)
    back = w.source.article_from_go()
    assert not panel.isVisible() and back is not None and w.panels.code_title.text() == "gateway.go"
    assert (back.capacity_done, back.capacity_quit) == (2, 0) and w.session.program.dials[w.source.article_dials["done"]] == 2


def test_every_word_of_the_game_reads_from_the_back_row_in_chinese(projector, qtbot):
    w = projector(lang="zh_CN")
    w.game.open()
    panel = _panel(w)
    panel.changed.emit(Schedule((False, False, True) + (False,) * 7, tuple(range(1, 11))))
    panel.btn_run.click()
    wait_until(qtbot, lambda: panel.outcome is not None, "the engine's run to be judged")
    qtbot.wait(1)
    w.grab()
    small = [(type(x).__name__, x.objectName(), QFontInfo(x.font()).pixelSize())
             for x in panel.findChildren(QWidget)
             if isinstance(x, (QLabel, QAbstractButton, QLineEdit, QSpinBox)) and x.isVisibleTo(w)
             and QFontInfo(x.font()).pixelSize() < 18]
    assert small == [] and panel.bars.drawn_px >= 18
    assert panel.title.text() != "Play the scheduler" and "永久阻塞" in panel.question.text()
    # the rows fit the panel: no button's words are cut
    for b in panel.buttons:
        assert b.width() >= b.fontMetrics().horizontalAdvance(b.text()), b.text()


def test_the_lesson_takes_the_window_over_from_the_game(projector, qtbot):
    w = projector()
    w.game.open()
    w.lesson.start()
    wait_until(qtbot, lambda: not _panel(w).isVisible(), "the game to step aside")
    assert w.lesson.panel.isVisible() and w.session.cfg.requests > 1  # the lesson's run, not the game's
    assert not w.menus.act_scheduler.isChecked()


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_chart_legend_beside_the_panel_is_not_cut(projector, qtbot, monkeypatch, lang):
    """At 1024x768 with the panel open the chart's legend read "this process (measure" at its right edge."""
    from tests.gui.test_projector import drawn_texts
    w = projector(lang=lang)
    qtbot.keyClick(w, Qt.Key_F2)
    qtbot.waitUntil(lambda: _panel(w) is not None and _panel(w).isVisible())
    texts = [(t, r) for t, _s, where, r in drawn_texts(w, monkeypatch) if where == "memoryChart" and r is not None]
    assert any(t.startswith("━") for t, _r in texts)  # the legend was drawn
    cut = [t for t, r in texts if r.right() > w.chart.width() or r.left() < 0]
    assert cut == []
