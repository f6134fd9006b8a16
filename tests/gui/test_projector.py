"""The projector rule (issue #22): at 1024x768 in presenter mode, from the back row 10 m away, no word
on screen is under 18 px and the stage keeps at least half the window, at zoom 1 and 1.5.

Every text the window paints itself goes through QPainter.drawText: the test records each call's
font pixel size while the window renders; Qt's own widgets (labels, the code editor) are read from
their fonts."""

import pytest
from PySide6.QtGui import QFontInfo, QPainter
from PySide6.QtWidgets import QAbstractButton, QLabel, QPlainTextEdit, QTextEdit

from .test_classroom import open_window  # noqa: F401  (the fixture)

FLOOR = 18


def drawn_texts(w, monkeypatch) -> list[tuple[str, int, str]]:
    """(text, pixel size, widget class) of every text the window's own painters draw, and of its
    visible Qt text widgets."""
    seen: list[tuple[str, int, str]] = []
    real = QPainter.drawText

    def spy(self, *args):
        text = next((a for a in args if isinstance(a, str)), "")
        if text.strip():
            seen.append((text, QFontInfo(self.font()).pixelSize(), type(self.device()).__name__))
        return real(self, *args)

    monkeypatch.setattr(QPainter, "drawText", spy)
    w.grab()
    monkeypatch.setattr(QPainter, "drawText", real)
    for kind in (QLabel, QAbstractButton, QPlainTextEdit, QTextEdit):
        for x in w.findChildren(kind):
            shown = x.isVisibleTo(w) and x.width() > 0 and x.height() > 0
            words = x.text() if hasattr(x, "text") else x.toPlainText()
            if shown and words.strip():
                seen.append((words[:40], QFontInfo(x.font()).pixelSize(), type(x).__name__))
    return seen


@pytest.mark.parametrize("zoom", [1.0, 1.5])
def test_presenter_mode_at_1024x768_has_no_word_under_18_px(open_window, monkeypatch, zoom):  # noqa: F811
    w = open_window(size=(1024, 768), present=True)
    w.set_zoom(zoom)
    w.refresh()
    texts = drawn_texts(w, monkeypatch)
    assert len(texts) > 20  # the stage, chart, legend, counters and code all said something
    small = sorted({(t, size, where) for t, size, where in texts if size < FLOOR}, key=lambda x: x[1])
    assert small == [], "\n".join(map(str, small))
    assert w.stage.height() >= 0.5 * w.height()
