"""The stage's lanes for a program run from source: one lane per ``go`` statement.

A request lane (stage.py) shows one request of the article's handler; a
program has no requests, so its goroutines are grouped by the ``go``
statement that started them (``Snapshot.sites``). Each lane says where the
statement is, how many of its goroutines are in each state (a bar the width
of the lane), draws the oldest few as the same markers as the article's
checks, and names the line they are blocked at. The stranded pile below is
the stage's own.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from ..core.trace import ChannelView, PrimView, SiteView, Snapshot
from ..golang.gomod import MODELLED_ROOT
from .style import FAINT, GREY, INK, PANEL, PAPER, STATE_COLOR, VERMILLION, draw_task, px
from .verdict import blocked_on

translate = QCoreApplication.translate
MODELLED = MODELLED_ROOT + "/"  # where the Go packages leakviz models say they are
ORDER = ("running", "runnable", "sleeping", "parked", "stranded", "panicked", "finished")


def state_words() -> dict[str, str]:
    """Each state as the lanes say it (translated)."""
    return {"running": translate("SiteLanes", "running"),
            "runnable": translate("SiteLanes", "runnable"),
            "sleeping": translate("SiteLanes", "sleeping"),
            "parked": translate("SiteLanes", "blocked"),
            "stranded": translate("SiteLanes", "stranded"),
            "panicked": translate("SiteLanes", "panicked"),
            "finished": translate("SiteLanes", "finished")}


def base(where: str) -> str:
    """``dir/file.go:12`` as the class reads it: ``file.go:12``."""
    return where.rsplit("/", 1)[-1]


def lane_title(site: SiteView) -> str:
    """What a lane is called: main, or the go statement's place."""
    if site.role == "main":
        return translate("SiteLanes", "main goroutine")
    if site.role.startswith(MODELLED):  # a go statement inside a package leakviz models, not the program's
        pkg = site.role[len(MODELLED):].rsplit("/", 1)[0]
        if pkg == "net/http":
            return translate("SiteLanes", "net/http: one goroutine per request")
        if pkg == "testing":
            return translate("SiteLanes", "testing: the goroutine that runs the test")
        return translate("SiteLanes", "inside {pkg}").format(pkg=pkg)
    return translate("SiteLanes", "go statement at {where}").format(where=base(site.role))


def lane_short(site: SiteView) -> str:
    """A lane's name where its title does not fit: "main", or the go statement's "file.go:12" (a narrow
    stage, a lesson beside it)."""
    if site.role == "main":
        return "main"
    if site.role.startswith(MODELLED):
        return site.role[len(MODELLED):].rsplit("/", 1)[0]
    return base(site.role)


def draw_sites(stage, p: QPainter, lanes: list[QRectF], sites: tuple[SiteView, ...]) -> None:
    """Draw one lane per site into ``lanes`` (the newest sites when there are more than lanes)."""
    words = state_words()
    for rect, site in zip(lanes, sites[len(sites) - len(lanes):], strict=True):
        _lane(stage, p, rect, site, words)


def _lane(stage, p: QPainter, rect: QRectF, site: SiteView, words: dict[str, str]) -> None:
    pad = px(10)
    p.fillRect(rect.adjusted(4, 3, -4, -3), PANEL)
    p.setPen(QPen(FAINT, 1))
    p.drawLine(rect.bottomLeft(), rect.bottomRight())
    text_h = min(px(18) * 1.35, rect.height() * 0.34)
    left_w = rect.width() * 0.34
    title = QRectF(rect.left() + pad, rect.top() + 4, left_w - pad, text_h)
    p.setPen(INK)
    stage._label(p, title, lane_title(site), px(18), bold=True, short=lane_short(site))
    counts = dict(site.counts)
    parts = [f"{words[s]} {counts[s]:,}" for s in ORDER if counts.get(s)]
    line2 = QRectF(title.left(), title.bottom(), title.width(), text_h * 0.9)
    stage._label(p, line2, " · ".join(parts), px(16), optional=True)
    # the bar: every goroutine this statement started, by state
    bar = QRectF(title.left(), line2.bottom() + 3, title.width(), max(4.0, min(px(12), rect.height() * 0.12)))
    total = max(1, site.total)
    x = bar.left()
    for s in ORDER:
        n = counts.get(s, 0)
        if not n:
            continue
        w = bar.width() * n / total
        p.fillRect(QRectF(x, bar.top(), w, bar.height()), STATE_COLOR.get(s, GREY))
        x += w
    p.setPen(QPen(FAINT, 1))
    p.setBrush(Qt.NoBrush)
    p.drawRect(bar)
    # the oldest goroutines not finished, as markers, and where the blocked ones wait
    area = QRectF(rect.left() + left_w + pad, rect.top() + 4, rect.width() - left_w - 2 * pad, rect.height() - 8)
    shown = [t for t in site.shown if t.state != "finished"]
    blocked = [t for t in shown if t.state in ("parked", "stranded") and t.where]
    note_h = text_h if blocked or len(shown) < sum(counts.get(s, 0) for s in ORDER if s != "finished") else 0.0
    r = max(3.0, min(px(11), (area.height() - note_h) * 0.32))
    step = 2.6 * r
    per_row = max(1, int(area.width() // step))
    rows = max(1, int((area.height() - note_h) // step))
    cap = per_row * rows
    for k, t in enumerate(shown[:cap]):
        c = QPointF(area.left() + r * 1.3 + (k % per_row) * step,
                    area.top() + r * 1.3 + (k // per_row) * step)
        draw_task(p, t.state, c, r)
    more = sum(counts.get(s, 0) for s in ORDER if s != "finished") - min(len(shown), cap)
    note = QRectF(area.left(), area.bottom() - max(note_h, text_h), area.width(), max(note_h, text_h))
    if more > 0:  # at the right end of the last row, the blocked line's note keeps the rest of it
        p.setPen(INK)
        more_text = translate("SiteLanes", "+{n} more").format(n=f"{more:,}")
        w = stage._label(p, note, more_text, px(16), Qt.AlignRight | Qt.AlignVCenter, optional=True)
        note.setWidth(max(0.0, note.width() - w - px(10)))
    if blocked:
        t = blocked[0]
        what = blocked_on(t.op, t.chans)
        p.setPen(VERMILLION if t.state == "stranded" else INK)
        text = translate("SiteLanes", "blocked at {where}: {what}").format(where=base(t.where), what=what)
        stage._label(p, note, text, px(16), optional=True)


def channels_height(stage, snap: Snapshot) -> float:
    """The height of the channels' strip: none without channels or waited-on sync primitives, else a row
    the back row can read."""
    return 0.0 if not (snap.channels or snap.prims) else max(px(64), stage.height() * 0.12)


def draw_channels(stage, p: QPainter, rect: QRectF, channels: tuple[ChannelView, ...],
                  prims: tuple[PrimView, ...] = ()) -> None:
    """The program's channels, newest of each name: buffer slots (hatched when there is no buffer) and who
    waits on each; a channel with senders queued and nobody to receive is outlined in red dashes. Then the
    sync primitives goroutines wait on: who holds a lock (red dashes: a goroutine that has finished)."""
    p.fillRect(rect, PAPER)
    pad = px(10)
    room = max(1, int(rect.width() // px(150)))
    items: list = list(prims[: max(1, room // 2)]) if prims else []
    items = _most_telling(channels)[: room - len(items)] + items
    w = min((rect.width() - pad) / max(1, len(items)), px(280))
    for k, ch in enumerate(items):
        cell = QRectF(rect.left() + pad + k * w, rect.top() + 4, w - pad, rect.height() - 8)
        note_h = min(px(15) * 1.3, cell.height() * 0.3)
        box = QRectF(cell.left(), cell.top(), cell.width(), cell.height() - note_h)
        if isinstance(ch, PrimView):
            _prim(stage, p, box, QRectF(cell.left(), box.bottom(), cell.width(), note_h), ch)
            continue
        stuck = ch.sendq > 0 and ch.recvq == 0 and ch.len >= ch.cap
        stage._draw_channel(p, box, ch, stuck)
        if ch.closed:
            note = translate("SiteLanes", "closed")
        elif ch.sendq:
            note = translate("SiteLanes", "{n} waiting to send").format(n=f"{ch.sendq:,}")
        elif ch.recvq:
            note = translate("SiteLanes", "{n} waiting to receive").format(n=f"{ch.recvq:,}")
        else:
            note = ""
        if note:
            p.setPen(VERMILLION if stuck else INK)
            stage._label(p, QRectF(cell.left(), box.bottom(), cell.width(), note_h), note, px(15), optional=True)


def _prim(stage, p: QPainter, box: QRectF, note: QRectF, prim: PrimView) -> None:
    kind = prim.kind.rsplit(".", 1)[0] if prim.kind.count(".") > 1 else prim.kind  # sync.Mutex.Lock: sync.Mutex
    head = QRectF(box.left(), box.top(), box.width(), box.height() * 0.42)
    body = QRectF(box.left(), head.bottom(), box.width(), box.height() - head.height())
    p.setPen(INK)
    stage._label(p, head, kind, min(px(14), head.height() * 0.9), bold=True)
    dead = prim.holder_state == "finished"
    p.setPen(QPen(VERMILLION if dead else INK, 2, Qt.DashLine if dead else Qt.SolidLine))
    p.setBrush(PAPER)
    p.drawRect(body)
    if prim.holder:
        who = (translate("SiteLanes", "main goroutine") if prim.holder_role == "main"
               else translate("SiteLanes", "go statement at {where}").format(where=base(prim.holder_role)))
        text = (translate("SiteLanes", "held by {who}, finished") if dead
                else translate("SiteLanes", "held by {who}")).format(who=who)
        p.setPen(VERMILLION if dead else INK)
        stage._label(p, body.adjusted(4, 1, -4, -1), text, min(px(13), body.height() * 0.8), Qt.AlignCenter,
                     optional=True)
    p.setPen(VERMILLION if dead else INK)
    stage._label(p, note, translate("SiteLanes", "{n} waiting").format(n=f"{prim.waiting:,}"), px(15),
                 optional=True)


def _most_telling(channels: tuple[ChannelView, ...]) -> list[ChannelView]:
    """One channel of each name first (the newest), then the others; within each pass, a channel with
    senders and nobody to receive first, then the busiest, closed ones last."""
    def rank(c: ChannelView) -> tuple:
        return (c.closed, -(c.sendq > 0 and c.recvq == 0), -(c.sendq + c.recvq + c.len))
    newest: dict[str, ChannelView] = {}
    for c in channels:
        newest[c.name] = c
    first = sorted(newest.values(), key=rank)
    rest = sorted((c for c in channels if newest[c.name] is not c), key=rank)
    return first + rest


def header(snap: Snapshot) -> str:
    """The stage's first line for a program."""
    n = max(0, len(snap.sites) - 1)
    stmts = translate("SiteLanes", "1 go statement") if n == 1 else translate("SiteLanes", "{n} go statements").format(n=n)
    return translate("SiteLanes", "{statements} · {started} goroutines started · {live} alive").format(
        statements=stmts, started=f"{snap.started():,}", live=f"{snap.live:,}")
