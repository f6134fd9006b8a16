"""The projector rule (issue #22): at 1024x768 in presenter mode and in the guided lesson, from the back row
10 m away, no word on screen is under 18 px, none overlaps another or is cut, and the stage keeps at least
half the window, at zoom 1 and 1.5.

Every text the window paints itself goes through QPainter.drawText: the test records each call's font
while the window renders; Qt's own widgets (labels, buttons, the answer box) are read from their fonts.
The size measured is the font's pixel size (its em height, what "18 px text" means in a style sheet):
QFontMetrics.height() adds the line gap (about 1.2 em) and would let a 15 px font pass as 18."""

import pytest
from PySide6.QtCore import QPoint, QRect, QRectF
from PySide6.QtGui import QFontInfo, QFontMetricsF, QPainter
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit, QTextEdit

from .test_classroom import open_window  # noqa: F401  (the fixture)

FLOOR = 18


@pytest.fixture(autouse=True)
def app_font(qapp, monkeypatch):
    """The application font the app itself starts with (11 pt, not the test default's 9): at zoom 1.5 that is
    22 px words, and the stage at 1024x768 was then under half the window."""
    from PySide6.QtGui import QFont

    from visualizer.gui import panels
    from visualizer.gui.style import app_font_setup
    before = QFont(qapp.font())
    monkeypatch.setattr(panels, "_BASE_FONT", None)  # zoom starts from this font, not a font seen earlier
    app_font_setup(qapp)
    yield
    qapp.setFont(before)


def drawn_texts(w, monkeypatch) -> list[tuple[str, float, str, QRectF | None]]:
    """(text, pixel size, where, rect) of every text the window's own painters draw (the rect in the
    painting widget's coordinates), and of its visible Qt text widgets (no rect)."""
    seen: list[tuple[str, float, str, QRectF | None]] = []
    real = QPainter.drawText

    def spy(self, *args):
        text = next((a for a in args if isinstance(a, str)), "")
        if text.strip():
            scale = max(abs(self.transform().m22()), abs(self.transform().m11()))  # a scaled painter grows words
            rect = None
            if isinstance(args[0], QRectF) and len(args) == 3:  # drawText(rect, flags, text)
                rect = QFontMetricsF(self.font()).boundingRect(args[0], int(args[1]), text)
            device = self.device()
            where = device.objectName() or type(device).__name__
            seen.append((text, QFontInfo(self.font()).pixelSize() * scale, where, rect))
        return real(self, *args)

    monkeypatch.setattr(QPainter, "drawText", spy)
    w.grab()
    monkeypatch.setattr(QPainter, "drawText", real)
    for kind in (QLabel, QAbstractButton, QPlainTextEdit, QTextEdit, QLineEdit):
        for x in w.findChildren(kind):
            shown = x.isVisibleTo(w) and x.width() > 0 and x.height() > 0
            words = x.text() if hasattr(x, "text") else x.toPlainText()
            if isinstance(x, QLineEdit):
                words = words or x.placeholderText()
            if shown and words.strip():
                seen.append((words[:40], QFontInfo(x.font()).pixelSize(), x.objectName() or type(x).__name__, None))
    return seen


def overlapping(texts) -> list[str]:
    """Pairs of drawn texts in one widget whose rects overlap by more than 2 px each way (a font's rect
    includes its line gap: the code's rows sit a pixel or two into each other, which reads fine)."""
    bad = []
    boxes = [(t, where, r) for t, _s, where, r in texts if r is not None]
    for i, (t1, w1, r1) in enumerate(boxes):
        for t2, w2, r2 in boxes[i + 1:]:
            cut = r1.intersected(r2)
            if w1 == w2 and cut.width() > 2 and cut.height() > 2:
                bad.append(f"{w1}: {t1!r} over {t2!r}")
    return bad


def check_projector_rule(w, monkeypatch, when: str) -> int:
    """The rule on what ``w`` shows now; returns how many texts it measured."""
    texts = drawn_texts(w, monkeypatch)
    where = {x for _t, _s, x, _r in texts}
    assert {"stage", "timeline", "verdict"} <= where, (when, where)  # the views said something
    small = sorted({(t, size, x) for t, size, x, _r in texts if size < FLOOR}, key=lambda x: x[1])
    assert small == [], f"{when}: {len(small)} texts under {FLOOR} px:\n" + "\n".join(map(str, small))
    assert overlapping(texts) == [], when
    # what does not fit is dropped or shortened, not elided: a cut word reads as a mistake from the back
    whole = {w.stage.tr("receiving…")}
    cut = [t for t, _r, _f in w.stage.labels if t.endswith("…") and t not in whole]
    assert cut == [], when
    assert w.stage.height() >= 0.5 * w.height(), (when, w.stage.height())
    # and no view lies over another (the timeline once covered the pile's last line)
    views = [v for v in (w.panels.stats_bar, w.stage, w.timeline, w.chart, w.legend, w.verdict, w.code, w.lesson.panel)
             if v is not None and v.isVisible()]
    rects = [(v.objectName() or type(v).__name__, QRect(v.mapTo(w, QPoint(0, 0)), v.size())) for v in views]
    over = [(a, b) for i, (a, ra) in enumerate(rects) for b, rb in rects[i + 1:] if ra.intersects(rb)]
    assert over == [], (when, over)
    return len(texts)


def settle(w, qtbot) -> None:
    """Let wrapped labels and the reflow take their heights (a few layout passes)."""
    qtbot.wait(1)
    w.grab()
    qtbot.wait(1)


@pytest.mark.parametrize("late", [False, True], ids=["zoom-at-start", "zoom-later"])
@pytest.mark.parametrize("zoom", [1.0, 1.5])
@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_presenter_mode_has_no_word_under_18_px(open_window, monkeypatch, qtbot, size, zoom, late):  # noqa: F811
    """Zoomed as --zoom does (when the window opens) and as View > Zoom does (later): the layouts differed."""
    w = open_window(size=size, present=True, seconds=3.0, zoom=1.0 if late else zoom)
    if late:
        w.set_zoom(zoom)
        w.refresh()
    settle(w, qtbot)
    n = check_projector_rule(w, monkeypatch, f"presenter {size} zoom {zoom} {'later' if late else 'at start'}")
    assert n > 20  # the stage, chart, counters and code all said something
    if size == (1920, 1080) and zoom == 1.0:  # the legend has the height there: its words are held to the rule too
        assert w.legend.isVisible() and w.legend.labels
    if zoom == 1.0 and size == (1024, 768):
        assert w.chart.isVisible()  # at zoom 1 the chart has the room; at 1.5 it may give way


@pytest.mark.parametrize("zoom", [1.0, 1.5])
def test_the_lesson_at_1024x768_has_no_word_under_18_px(open_window, monkeypatch, qtbot, zoom):  # noqa: F811
    """The lesson is for a class: opened from the ordinary window, it is read from the back row too."""
    from visualizer.lesson import STEPS
    w = open_window(size=(1024, 768), seconds=0)
    w.set_zoom(zoom)
    w.lesson.start()
    for k in range(len(STEPS)):
        for revealed in (False, True):
            w.lesson.go(k, revealed=revealed)
            settle(w, qtbot)
            check_projector_rule(w, monkeypatch, f"lesson step {k + 1} revealed={revealed} zoom {zoom}")


@pytest.mark.parametrize("present", [False, True])
def test_the_lesson_turns_presenter_mode_on_and_leaves_it_as_it_found_it(open_window, present):  # noqa: F811
    from visualizer.gui.style import text_floor
    from visualizer.lesson import STEPS
    w = open_window(size=(1280, 720), seconds=0, present=present)
    w.lesson.start()
    assert w.presenting and text_floor() == FLOOR and not w.menuBar().isVisible()
    w.lesson.go(len(STEPS) - 1, revealed=True)
    w.lesson.panel.btn_next.click()  # the last step's Next ends the lesson
    assert not w.lesson.panel.isVisible()
    assert w.presenting == present and text_floor() == (FLOOR if present else 0)
    assert w.menuBar().isVisible() != present


def test_f5_in_the_lesson_is_the_users_choice(open_window):  # noqa: F811
    from visualizer.lesson import STEPS
    w = open_window(size=(1280, 720), seconds=0)
    w.lesson.start()
    w.menus.act_present.trigger()  # off
    w.menus.act_present.trigger()  # and on again: now the user's own
    assert w.presenting
    w.lesson.go(len(STEPS) - 1, revealed=True)
    w.lesson.panel.btn_next.click()
    assert w.presenting


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_the_compare_window_in_presenter_mode_has_no_word_under_18_px(qtbot, monkeypatch, size):
    """The comparison is what a class is shown last: its three narrow columns are held to the projector rule
    too, and F5 and closing give the opener back its own text size."""
    from visualizer.core.compare import classic
    from visualizer.core.presets import PRESETS
    from visualizer.gui.compare import CompareWindow
    from visualizer.gui.style import text_floor
    before = text_floor()
    w = CompareWindow(classic(PRESETS["unbuffered"]), speed=None, present=True)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    cmp = w.compare
    while cmp.now < 3_000_000_000 and not cmp.finished:  # the lanes run to 3 s, in steps
        cmp.advance(min(3_000_000_000, cmp.now + 20 * cmp.STEP_NS))
    cmp.pause()
    w.refresh(full=True)
    for st in w.stages:
        st.animate = False
    settle(w, qtbot)
    assert w.presenting and text_floor() == FLOOR and not w.toolbar.isVisible()
    texts = drawn_texts(w, monkeypatch)
    where = {x for _t, _s, x, _r in texts}
    assert {"compareStage0", "compareStage1", "compareStage2", "compareTitle0", "compareStranded2"} <= where, where
    small = sorted({(t, s, x) for t, s, x, _r in texts if s < FLOOR}, key=lambda x: x[1])
    assert small == [], "\n".join(map(str, small))
    assert overlapping(texts) == []
    whole = {w.stages[0].tr("receiving…")}
    cut = [t for st in w.stages for t, _r, _f in st.labels if t.endswith("…") and t not in whole]
    assert cut == []
    assert any(t.startswith("#") for t, _r, _f in w.stages[0].labels)  # the lanes are drawn, numbered
    w.act_present.trigger()  # F5: off, the opener's text size back
    assert not w.presenting and text_floor() == before and w.toolbar.isVisible()
    w.act_present.trigger()
    w.close()
    assert text_floor() == before


def test_a_presenting_window_opens_the_comparison_presenting(open_window):  # noqa: F811
    from visualizer.gui.style import text_floor
    w = open_window(size=(1280, 720), seconds=0, present=True)
    w.menus.act_compare.trigger()
    assert w._compare.presenting and not w._compare.toolbar.isVisible()
    w._compare.close()
    assert w.presenting and w.menus.act_present.isChecked() and text_floor() == FLOOR
