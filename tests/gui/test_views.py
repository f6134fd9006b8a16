"""Views rendered from hand-built snapshots: no engine, no event loop."""

import pytest
from PySide6.QtGui import QColor, QImage

from visualizer.core.rates import leak_rate
from visualizer.core.scenario import Config
from visualizer.core.trace import ChannelView, MemoryPoint, RequestView, Snapshot, TaskView
from visualizer.gui.chart import MemoryChart
from visualizer.gui.codeview import CodeView
from visualizer.gui.stage import Stage, pile_unit
from visualizer.gui.style import VERMILLION


def snapshot(*, stranded: int = 0, checks: tuple[TaskView, ...] = (), parked=(), stranded_sites=(),
             memory=()) -> Snapshot:
    req = RequestView(req=7, arrived=0, returned=5_000_000, outcome="rejected", ip="203.0.113.9",
                      handler=None, checks=checks,
                      channels=(ChannelView(1, "done", 7, 0, 0, len(checks), 0, False),
                                ChannelView(2, "quit", 7, 0, 0, 0, 0, False)),
                      helpers=(), stranded=stranded)
    return Snapshot(t=60_000_000, seq=100, requests=(req,), requests_total=1, requests_returned=1,
                    live=stranded, spawned=12, by_state=(("stranded", stranded),), stranded=stranded,
                    stranded_by_channel=(("done", stranded),) if stranded else (), parked_by_site=parked,
                    stranded_by_site=stranded_sites, go_bytes=stranded * 2648, py_bytes=stranded * 1500,
                    memory=memory, panic=None, panic_gid=None)


def count_color(img: QImage, color: QColor, tol: int = 12) -> int:
    n = 0
    for y in range(0, img.height(), 2):
        for x in range(0, img.width(), 2):
            c = img.pixelColor(x, y)
            if abs(c.red() - color.red()) < tol and abs(c.green() - color.green()) < tol \
                    and abs(c.blue() - color.blue()) < tol:
                n += 1
    return n


def render(widget, snap) -> QImage:
    widget.resize(900, 600)
    widget.set_snapshot(snap)
    return widget.grab().toImage()


def test_stage_shows_stranded_tasks_in_their_colour(qtbot):
    st = Stage()
    qtbot.addWidget(st)
    st.animate = False
    none = render(st, snapshot(stranded=0))
    tasks = tuple(TaskView(10 + i, "check", 7, i, "stranded", "send", ("done",), 0, 0) for i in range(9))
    some = render(st, snapshot(stranded=9, checks=tasks))
    # the same lane with nine stranded checks in line and nine in the pile
    assert count_color(some, VERMILLION) - count_color(none, VERMILLION) > 400


def test_stage_aggregates_huge_piles(qtbot):
    st = Stage()
    qtbot.addWidget(st)
    assert pile_unit(100_000, 2000) == 100
    assert pile_unit(1_999, 2000) == 1
    # the pile is drawn (the frame does not give up on 100,000), in the stranded colour
    none = count_color(render(st, snapshot(stranded=0)), VERMILLION)
    assert count_color(render(st, snapshot(stranded=100_000)), VERMILLION) > none + 200


def test_code_view_highlights_lines_by_site():
    cv = CodeView()
    cfg = Config(checks=10)
    cv.set_config(cfg)
    cv.set_snapshot(snapshot(stranded=3, parked=(("check:send:done", 3), ("check:send:quit", 2)),
                             stranded_sites=(("check:send:done", 3),)))
    lines = [t for t, _ in cv.lines]
    done_line = next(i for i, t in enumerate(lines, 1) if "done <- true" in t)
    quit_line = next(i for i, t in enumerate(lines, 1) if "quit <- true" in t)
    assert cv.highlighted() == {done_line: 3, quit_line: 2}
    assert "make(chan bool, 0)" in "\n".join(lines)


def test_code_view_writes_in_the_chosen_capacities():
    cv = CodeView()
    cv.set_config(Config(capacity_done=7, capacity_quit=2, checks=12))
    text = "\n".join(t for t, _ in cv.lines)
    assert "done := make(chan bool, 7)" in text and "quit := make(chan bool, 2)" in text
    assert "i < 12" in text


def test_chart_and_leak_rate(qtbot):
    mem = tuple(MemoryPoint(t=i * 100_000_000, go_bytes=i * 2648 * 10, py_bytes=i * 15000, live=i * 10,
                            stranded=i * 10) for i in range(31))
    snap = snapshot(stranded=300, memory=mem)
    rate = leak_rate(snap)
    assert abs(rate.per_s - 100.0) < 1e-6  # 10 goroutines every 100 ms
    assert abs(rate.bytes_per_s - 264_800.0) < 1e-3
    assert abs(rate.bytes_in_an_hour - (snap.go_bytes + 264_800.0 * 3600)) < 1
    ch = MemoryChart()
    qtbot.addWidget(ch)
    img = render(ch, snap)
    assert count_color(img, VERMILLION, tol=30) > 20


def test_the_last_snapshot_of_a_burst_is_drawn_too(qtbot, monkeypatch):
    """The chart repaints at most 10 times a second; the snapshot that arrives
    just after a repaint must still be drawn (it used to stay undrawn)."""
    from types import SimpleNamespace

    from visualizer.gui import chart

    wall = SimpleNamespace(t=100.0)
    monkeypatch.setattr(chart, "time", SimpleNamespace(monotonic=lambda: wall.t))  # the chart's clock only
    ch = MemoryChart()
    qtbot.addWidget(ch)
    ch.resize(600, 300)
    ch.show()
    first = snapshot(stranded=1, memory=(MemoryPoint(t=0, go_bytes=0, py_bytes=0, live=1, stranded=0),
                                         MemoryPoint(t=10, go_bytes=2648, py_bytes=1500, live=1, stranded=1)))
    ch.set_snapshot(first)
    qtbot.waitUntil(lambda: ch.painted_snap is first, timeout=10_000)
    last = snapshot(stranded=2, memory=(*first.memory, MemoryPoint(t=20, go_bytes=5296, py_bytes=3000, live=2,
                                                                   stranded=2)))
    wall.t += 0.05  # half the throttle's 0.1 s since the paint above: no repaint now, one a moment later
    ch.set_snapshot(last)
    qtbot.waitUntil(lambda: ch.painted_snap is last, timeout=10_000)


@pytest.mark.parametrize("text, cols", [
    ("func restock(item string, n int) error {", 39),
    ("func count(item string, out chan<- int) {", 40),
    ('    if err := restock("pears", -1); err != nil {', 44),
    ("\tfor i := 0; i < n; i++ {", 24),
])
def test_a_wrapped_code_line_never_leaves_a_brace_alone(text, cols):
    from visualizer.gui.codeview import wrap_line
    pieces = wrap_line(text, cols)
    assert len(pieces) > 1 and all(len(p) <= cols for p in pieces)
    assert " ".join(p.strip() for p in pieces).split() == text.split()  # nothing lost, only the breaks moved
    assert all(len(p.strip()) > 3 for p in pieces), pieces


def test_the_changed_bar_marks_changed_code_not_a_changed_comment():
    """The ctx version's bare ``return`` differs from the bug's only by its comment: not a change."""
    from visualizer.core.presets import PRESETS
    from visualizer.core.scenario import go_source
    from visualizer.gui.codeview import changed_lines
    src = [t for t, _ in go_source(PRESETS["context"])]
    marked = {src[i].strip() for i in changed_lines(PRESETS["context"])}
    assert "return" not in marked
    assert "defer cancel() // closes ctx.Done() on every return" in marked and "case ch <- true:" in marked


def test_the_code_panel_lays_out_again_only_when_a_count_gains_a_digit(qtbot, monkeypatch):
    """A running program's counts change every frame: the layout search ran on each (a third of the panel's
    frame), though the gutter only widens when the widest count gains a digit."""
    cv = CodeView()
    qtbot.addWidget(cv)
    cv.resize(500, 600)
    cv.set_config(Config(checks=10))
    searches = []
    real = CodeView._fit_search
    monkeypatch.setattr(CodeView, "_fit_search", lambda self, *a: searches.append(a[0]) or real(self, *a))
    sizes = []
    for n in (120, 121, 187, 999, 1000):
        cv.set_snapshot(snapshot(stranded=n, parked=(("check:send:done", n),), stranded_sites=(("check:send:done", n),)))
        cv.grab()
        sizes.append(len(searches))
    assert sizes[0] >= 1 and sizes[0] == sizes[1] == sizes[2] == sizes[3]  # 120 .. 999: laid out once
    assert sizes[4] > sizes[3]  # 1,000 needs a wider gutter
