"""Follow one request (issue #22): one request across the stage, its goroutines marked in the code."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from tests.gui.test_classroom import open_window  # noqa: F401 (a fixture)


def _lane_texts(w):
    """What the followed lane drew: every label between the header and the pile."""
    top = w.stage.labels[0][1].bottom()
    pile = next(r for t, r, _f in w.stage.labels if t.startswith("Stranded forever"))
    return [(t, f.pixelSize()) for t, r, f in w.stage.labels if top <= r.top() < pile.top()]


def test_following_draws_the_first_early_return_alone_at_24_px(open_window):  # noqa: F811
    w = open_window(size=(1024, 768), seconds=2.0)
    w.menus.act_follow.trigger()
    w.grab()
    snap = w.snap
    assert snap.first_early is not None and snap.first_early not in [r.req for r in snap.requests]
    assert [lane[0] for lane in w.stage.lanes] == [snap.first_early]
    followed = next(r for r in snap.pinned if r.req == snap.first_early)
    assert w.stage.labels[0][0].startswith(f"Following request #{followed.req}")
    # every word of the request itself reads from the back row
    texts = _lane_texts(w)
    assert ("no receiver", texts[[t for t, _p in texts].index("no receiver")][1]) in texts
    assert min(px for _t, px in texts) >= 24, texts
    # the rest of the run is the header's and the pile's: both counts add up to the run's
    others = snap.stranded - followed.stranded
    assert f"{snap.requests_total - 1:,} other requests, {others:,} stranded" in w.stage.labels[0][0]
    w.menus.act_follow.trigger()
    w.grab()
    assert len(w.stage.lanes) > 1 and not w.menus.act_follow.isChecked()


@pytest.mark.parametrize("go", [False, True], ids=["preset", "from-go"])
def test_a_check_that_sends_after_its_handler_returned_is_drawn_doomed_at_once(open_window, go):  # noqa: F811
    # at 32 ms request #0 has returned 403 (25 ms) and check 5 waits at its send on done: the leak
    # check has not judged it yet, but nobody can ever receive it (from gateway.go as from the preset)
    w = open_window(size=(1280, 720), seconds=0.032, go=go)
    w.set_follow(True)
    w.grab()
    r = w.stage.followed(w.snap)
    waiting = [t for t in r.checks if t.state == "parked" and t.op == "send"]
    assert r.returned is not None and waiting and all(t.state != "stranded" for t in r.checks)
    # the lane counts what it draws crossed, before the leak check does
    labels = [t for t, _r, _f in w.stage.labels]
    assert r.stranded == 0 and f"✖ {len(waiting)}" in labels and "✖ 0" not in labels, labels  # its short form
    line = next(i for i, (text, _s) in enumerate(w.code.lines) if "done <- true" in text)
    assert ("stranded", waiting[0].idx) in w.code.markers[line]
    sleep = next(i for i, (text, _s) in enumerate(w.code.lines) if "time.Sleep(" in text)
    assert sorted(k for s, k in w.code.markers[sleep]) == sorted(t.idx for t in r.checks if t.state == "sleeping")
    lo, hi = w.code.span or (0, len(w.code.lines))  # from Go: the handler's lines in gateway.go
    back = next(i for i in range(lo, hi) if w.code.lines[i][0].strip().startswith("return"))
    assert ("handler", -1) in w.code.markers[back]
    assert sum(w.code.marks_drawn) == sum(len(m) for m in w.code.markers.values())


def test_while_the_lesson_asks_nothing_is_drawn_doomed(open_window):  # noqa: F811
    w = open_window(size=(1280, 720), seconds=0.032)
    w.stage.counts_hidden = True
    w.set_follow(True)
    w.grab()
    r = w.stage.followed(w.snap)
    line = next(i for i, (text, _s) in enumerate(w.code.lines) if "done <- true" in text)
    assert ("stranded", 5) not in w.code.markers.get(line, []) and r.req == 0
    assert "no receiver" not in [t for t, _r, _f in w.stage.labels]


def test_a_click_on_a_lane_follows_that_request_and_keeps_it(open_window, qtbot):  # noqa: F811
    w = open_window(size=(1280, 720), seconds=1.0)
    req, *_ = w.stage.lanes[-1]
    top = w.stage.labels[0][1].bottom()
    y = top + (len(w.stage.lanes) - 0.5) * w.stage.lane_heights[0]
    qtbot.mouseClick(w.stage, Qt.LeftButton, pos=QPointF(40, y).toPoint())
    assert w.menus.act_follow.isChecked() and w.stage.follow_req == req and w.session.pins == {req}
    w.session.rt.run(until=int(3.0e9))  # long after it would have folded away
    w.refresh()
    w.grab()
    assert [lane[0] for lane in w.stage.lanes] == [req]
    qtbot.mouseClick(w.stage, Qt.LeftButton, pos=QPointF(40, y).toPoint())
    assert not w.menus.act_follow.isChecked() and w.session.pins == set()


def test_the_legend_names_the_code_panels_follow_marks_while_one_request_is_followed(open_window):  # noqa: F811
    w = open_window(seconds=1.0)
    assert "code-follow" not in dict(w.legend.items)
    w.set_follow(True)
    assert dict(w.legend.items)["code-follow"] == "in the code: checks 0–9, the handler H"
    w.set_follow(False)
    assert "code-follow" not in dict(w.legend.items)
