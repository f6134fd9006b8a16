"""Follow one request (issue #22): the stage draws one request across its whole height, every word of it at
24 px or more, and summarises the rest of the run; the window's F key and a click on a lane turn it on."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QPainter

from ..core.trace import RequestView, Snapshot
from .style import INK, px, set_text_floor, text_floor, tx

translate = QCoreApplication.translate
FOLLOW_SCALE = 2.0  # a lane's 12 px words at 24 px and more when followed
FOLLOW_PX = 24  # no word of the followed request smaller (the back row of a classroom)


def followed(stage: Any, snap: Snapshot | None) -> RequestView | None:
    """The request follow mode shows: the one chosen while it is kept, else the first that returned
    early, else the oldest recent one still running (before any has returned)."""
    if snap is None or (stage.program and not snap.requests):
        return None
    kept = {r.req: r for r in (*snap.requests, *snap.pinned)}
    for req in (stage.follow_req, snap.first_early):
        if req is not None and req in kept:
            return kept[req]
    running = [r for r in snap.requests if r.returned is None]
    return running[0] if running else (snap.requests[-1] if snap.requests else None)


def paint(stage: Any, p: QPainter, snap: Snapshot, r: RequestView, dt: float, now: float) -> None:
    """One request across the stage, the rest of the run summarised in the header and the pile."""
    w, h = stage.width(), stage.height()
    others = snap.requests_total - 1
    n = "?" if stage.counts_hidden else f"{max(0, snap.stranded - r.stranded):,}"
    p.setPen(INK)
    top = tx(15) * 1.6
    text = translate("Follow", "Following request #{req}  ·  {others} other requests, {n} stranded").format(
        req=r.req, others=f"{others:,}", n=n)
    stage._label(p, QRectF(10, 1, w - 20, top), text, tx(15),
                 short=translate("Follow", "Following request #{req}").format(req=r.req))
    pile_h = max(px(80), h * 0.2)
    lane = QRectF(0, top, w, h - top - pile_h)
    # the followed request's words: 24 px or more, else their short forms, else left out
    scale, stage.text_scale = stage.text_scale, max(stage.text_scale, FOLLOW_SCALE)
    floor = text_floor()
    set_text_floor(max(floor, FOLLOW_PX))
    alive: set[int] = set()
    try:
        stage._draw_lane(p, lane, r, snap, dt, alive, follow=True)
    finally:
        stage.text_scale = scale
        set_text_floor(floor)
    for gid in list(stage._pos):
        if gid not in alive:
            del stage._pos[gid]
            stage._prev.pop(gid, None)
    stage._draw_flights(p, now)
    stage._draw_pile(p, QRectF(0, h - pile_h, w, pile_h), snap)
