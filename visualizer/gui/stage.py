"""The stage: requests, their check goroutines, the channels, the stranded pile.

One widget with a custom ``paintEvent`` (measured faster than a
QGraphicsScene for thousands of shapes). It renders the latest Snapshot and
animates markers toward where the snapshot says they are; it owns no model
state, only where each marker is drawn right now.

Lanes, left to right, read like the Go code: the request and its check
goroutines working; the queue of senders waiting at a channel; the channels
``done`` and ``quit`` with one slot per unit of capacity; the handler that
receives. Below, every stranded goroutine of the run is gathered in a pile
the class can count, aggregated (one square = 10, 100, ...) when thousands.

(About 600 lines: the lane, its channels, its handler and the pile share one geometry and one set of
fitting rules for the projector; a program's lanes are in sitelanes.py, follow mode in follow.py.)
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..core.trace import ChannelView, RequestView, Snapshot
from . import follow, sitelanes
from .style import (
    FAINT,
    GREEN,
    GREY,
    INK,
    ORANGE,
    PANEL,
    PAPER,
    PURPLE,
    VERMILLION,
    draw_task,
    fit_font,
    human_bytes,
    px,
    text_floor,
    tx,
)

PILE_CELLS_MAX = 2000  # beyond this, one square stands for several goroutines


def lane_channels(r: RequestView) -> tuple[str, str]:
    """The two channels a request's lane draws: done and quit in the article; for a program's handler, the
    first two it made (a context's Done channel only when there are not two others)."""
    names = [c.name for c in r.channels]
    if "done" in names or "quit" in names or not names:
        return "done", "quit"
    mine = [n for n in names if n != "ctx.Done()"] or names
    mine += [n for n in names if n not in mine]
    return (mine + ["", ""])[0], (mine + ["", ""])[1]


def pile_unit(n: int, cells: int) -> int:
    """Goroutines per square so that ``n`` fit in ``cells`` squares (1, 10, 100, ...)."""
    unit = 1
    while n > cells * unit:
        unit *= 10
    return unit


class Stage(QWidget):
    """The main picture: one lane per request, its check goroutines, the done/quit channels, the handler.

    Stranded goroutines are red crossed squares. ``painted`` fires after each
    frame drawn with a snapshot; ``labels`` and ``lanes`` record what it drew."""

    painted = Signal()  # after a frame with a snapshot was drawn
    follow_clicked = Signal(int)  # a request's lane was clicked (-1: a click while following one)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumSize(320, 220)
        self.setAttribute(Qt.WA_OpaquePaintEvent)
        self.snap: Snapshot | None = None
        self._pos: dict[int, QPointF] = {}  # gid -> where its marker is drawn now
        self._last_frame = time.monotonic()
        self.animate = True
        self._tile: QPixmap | None = None
        self._tile_key = -1
        self._prev: dict[int, str] = {}  # gid -> state drawn last frame
        self._flights: list[tuple[float, QPointF, QPointF, QColor]] = []  # values on their way
        # what the last frame drew, for tests and the plugin: every label with its rect and font,
        # and per lane (request, stranded drawn as squares, stranded counted in a "+N", count label)
        self.labels: list[tuple[str, QRectF, QFont]] = []
        self.lanes: list[tuple[int, int, int, int]] = []
        self.program = False  # a Go program: lanes by go statement until requests come
        self.go_handler = None  # the article's variant when its handler runs from gateway.go
        self.served = False  # a program sent requests (a handler or a server): lanes by request from the start
        self.counts_hidden = False  # the lesson waits for a prediction: stranded counts say "?"
        self.retranslate()

    def retranslate(self) -> None:
        """Re-set the tooltip in the current language."""
        self.setToolTip(self.tr("Each lane is one request: its check goroutines (left) send on "
                                "done or quit (middle) to the handler (right).\n"
                                "Red crossed squares are stranded goroutines: blocked forever."))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(960, 600)

    def forget_positions(self) -> None:
        """A new run: markers start where they belong, not where the old run's were."""
        self._pos.clear()

    lane_heights: list[float] = []  # as last laid out
    lane_boxes: list[QRectF] = []  # the request lanes' rects as last drawn (what a click picks)
    text_scale = 1.0  # a lane's words may grow this much where the lane has room (presenter mode: 1.3)
    lane_px = 48  # the least height of a lane (presenter mode: taller, fewer lanes the back row can read)
    never_continue = 0  # the window's second fact: goroutines that can never continue, stranded included
    follow = False  # follow one request: it alone fills the stage, its words at 24 px or more
    follow_req: int | None = None  # the request chosen to follow (None: the first early return)

    def set_snapshot(self, snap: Snapshot) -> None:
        """Show ``snap`` at the next paint."""
        self.snap = snap
        self.update()

    # -- layout --

    def _lane_rects(self, n: int, reserve: float = 0.0) -> tuple[list[QRectF], QRectF]:
        """Lane rects (the most recent ``n`` that read) and the pile's; ``reserve`` px above the pile stay free."""
        w, h = self.width(), self.height()
        pile_h = max(px(90), h * 0.24)
        top = tx(15) * 1.6
        lanes_h = h - pile_h - top - reserve
        fits = max(1, int(lanes_h // px(self.lane_px)))
        n = min(n, fits)  # a short stage: the most recent lanes that read
        lh = lanes_h / max(n, min(fits, 3 if self.lane_px < 80 else 2))  # a few lanes do not fill a tall stage
        self.lane_heights = [lh] * n
        return ([QRectF(0, top + i * lh, w, lh) for i in range(n)],
                QRectF(0, h - pile_h, w, pile_h))

    # -- painting --

    def paintEvent(self, _event) -> None:  # Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing, True)
        p.fillRect(self.rect(), PAPER)
        now = time.monotonic()
        dt = min(0.25, now - self._last_frame)
        self._last_frame = now
        snap = self.snap
        if snap is None:
            p.end()
            return
        reqs = snap.requests
        self.labels = []
        self.lanes = []
        self.orphans: list[tuple[int, str]] = []  # (request, channel) drawn red: senders with no receiver
        if self.program and not (reqs or self.served):  # a program run from source: lanes by go statement
            strip = sitelanes.channels_height(self, snap)
            lanes, pile = self._lane_rects(len(snap.sites), strip)
            p.setPen(INK)
            self._label(p, QRectF(10, 1, self.width() - 20, tx(15) * 1.5), sitelanes.header(snap), tx(15))
            sitelanes.draw_sites(self, p, lanes, snap.sites)
            if strip:
                sitelanes.draw_channels(self, p, QRectF(0, pile.top() - strip, self.width(), strip), snap.channels,
                                        snap.prims)
            self._draw_pile(p, pile, snap)
            p.end()
            self.painted.emit()
            return
        followed = self.followed(snap) if self.follow else None
        if followed is not None:
            follow.paint(self, p, snap, followed, dt, now)
            p.end()
            self.painted.emit()
            return
        lanes, pile = self._lane_rects(len(reqs))
        self.lane_boxes = lanes
        self._draw_header(p, snap, len(lanes))
        alive: set[int] = set()
        for rect, r in zip(lanes, reqs[len(reqs) - len(lanes):], strict=True):
            self._draw_lane(p, rect, r, snap, dt, alive)
        for gid in list(self._pos):
            if gid not in alive:
                del self._pos[gid]
                self._prev.pop(gid, None)
        self._draw_flights(p, now)
        self._draw_pile(p, pile, snap)
        p.end()
        self.painted.emit()

    def no_receiver(self, r: RequestView) -> bool:
        """The article's handler of ``r`` returned and no drain receives for it: nothing will ever receive on
        its channels, so a check that sends is doomed at once (drawn so here and in the code panel, not
        waiting for the leak check); never while the lesson asks the class to predict just that."""
        if self.program:  # from Go only the article's handlers are known to receive nothing once returned
            return r.returned is not None and not self.counts_hidden and self.go_handler not in (None, "drain")
        return (r.returned is not None and not self.counts_hidden
                and not any(hv.role == "drain" and hv.state != "finished" for hv in r.helpers))

    def followed(self, snap: Snapshot | None) -> RequestView | None:
        """The request follow mode shows (gui/follow.py)."""
        return follow.followed(self, snap)

    def mousePressEvent(self, e) -> None:
        """A click on a request's lane follows that request (a click in follow mode goes back to every lane)."""
        if self.follow:
            self.follow_clicked.emit(-1)
            return
        pos = e.position()
        for box, (req, *_rest) in zip(self.lane_boxes, self.lanes, strict=False):
            if box.contains(pos):
                self.follow_clicked.emit(req)
                return

    def _font(self, size: float, bold: bool = False) -> QFont:
        f = QFont(self.font())
        f.setPixelSize(max(7, text_floor(), int(size)))
        f.setBold(bold)
        return f

    def _cap(self, size: float) -> int:
        """The largest pixel size for a lane's words of designed ``size``: zoomed, and scaled in presenter mode."""
        return px(size * self.text_scale)

    def _label(self, p: QPainter, rect: QRectF, text: str, size: float, align=Qt.AlignLeft | Qt.AlignVCenter,
               bold: bool = False, short: str | None = None, optional: bool = False) -> float:
        """Draw ``text`` in ``rect`` at ``size`` px or smaller, never wider than the rect; returns its width.

        Below 8 px it says ``short`` instead, or nothing if ``optional``; the last resort is an ellipsis."""
        size = max(min(size, max(7.0, rect.height() * 0.9)), text_floor())
        f = fit_font(self._font(size, bold), text, rect.width(), size)
        fm = QFontMetricsF(f)
        wide = fm.horizontalAdvance(text)
        if f.pixelSize() < 8 or wide > rect.width():
            if short is not None:
                return self._label(p, rect, short, size, align, bold, None, optional)
            if optional:
                return 0.0
            text = fm.elidedText(text, Qt.ElideRight, rect.width())
            wide = fm.horizontalAdvance(text)
        p.setFont(f)
        p.drawText(rect, align, text)
        self.labels.append((text, QRectF(rect), f))
        return wide

    def _draw_header(self, p: QPainter, snap: Snapshot, shown: int) -> None:
        p.setFont(self._font(tx(15)))
        p.setPen(INK)
        folded = snap.requests_total - shown
        if snap.requests_total == 0:  # a lane per request, and none has come yet
            text = self.tr("No request has arrived yet")
        elif folded <= 0:
            text = self.tr("{n} request(s)").format(n=f"{snap.requests_total:,}")
        else:
            text = self.tr("{shown} most recent of {total} requests").format(
                shown=shown, total=f"{snap.requests_total:,}")
        short = text  # too narrow for both: the folded count goes, not the end of a cut sentence
        if folded > 0:
            text += self.tr("  ·  {n} earlier requests folded away").format(n=f"{folded:,}")
        self._label(p, QRectF(10, 1, self.width() - 20, tx(15) * 1.5), text, tx(15), short=short)

    def _draw_lane(self, p: QPainter, rect: QRectF, r: RequestView, snap: Snapshot,
                   dt: float, alive: set[int], follow: bool = False) -> None:
        w = rect.width()
        x0, y0, h = rect.left(), rect.top(), rect.height()
        returned = r.returned is not None
        no_receiver = self.no_receiver(r)
        p.fillRect(rect.adjusted(4, 2, -4, -2), PANEL)
        # request tag: number, IP, and how many of its goroutines are stranded
        tag_w = w * 0.15
        if text_floor():  # a narrow lane (the compare window's) keeps the request's number whole at the floor
            tag_w = max(tag_w, QFontMetricsF(self._font(text_floor(), True)).horizontalAdvance(f"#{r.req}") + 6)
        tag = QRectF(x0 + 10, y0 + 3, tag_w, h - 6)
        with_ip = tag.height() / 3 * 0.85 >= px(11)  # a short lane keeps what matters: number and count
        third = tag.height() / (3 if with_ip else 2.1)
        p.setPen(INK)
        self._label(p, QRectF(tag.left(), tag.top(), tag.width(), third * 1.2), f"#{r.req}",
                    min(self._cap(22), third * 1.1), bold=True)
        if with_ip:
            self._label(p, QRectF(tag.left(), tag.top() + third * 1.2, tag.width(), third * 0.9), r.ip,
                        min(self._cap(13), third * 0.85), optional=True)
        # the lane counts what it draws crossed: from Go, a send after the return is doomed before the
        # next leak check marks it (a paused frame would show two crosses and "0 stranded")
        n = r.stranded + (sum(1 for t in r.checks if t.state == "parked" and t.op == "send") if no_receiver else 0)
        shown_n = "?" if self.counts_hidden else f"{n:,}"
        p.setPen(VERMILLION if n and not self.counts_hidden else GREY)
        self._label(p, QRectF(tag.left(), tag.bottom() - third * 0.9, tag.width(), third * 0.9),
                    self.tr("{n} stranded").format(n=shown_n), min(self._cap(13), third * 0.85),
                    bold=bool(n) and not self.counts_hidden, short=f"✖ {shown_n}")
        # zones
        # followed: the checks keep their places (a big grid, each marker where it is in its life) and the
        # channels have the width for their names and who is gone
        left = max(x0 + w * 0.17, tag.right() + 4)
        checks_zone = QRectF(left, y0 + 6, w * (0.36 if follow else 0.26), h - 12)
        hw = w * 0.145
        if text_floor():  # the handler's words at the floor need their width: the waiting queue gives it
            fm = QFontMetricsF(self._font(text_floor()))
            hw = max(hw, max(fm.horizontalAdvance(t) for t in (self.tr("receiving…"), self.tr("handler"))) * 1.1 + 14)
        hx = x0 + w * 0.99 - hw
        chans = {c.name: c for c in r.channels}
        names = lane_channels(r)  # done and quit in the article; a program's handler's first two
        data = [chans.get(n) for n in names]
        cw = w * (0.24 if follow else 0.165)
        if text_floor() and not follow:  # the channels' names and "no buffer" at the floor need their width too: the queue gives it
            bold = QFontMetricsF(self._font(text_floor(), True))
            need = [bold.horizontalAdvance(f"{c.name} {c.len}/{c.cap}") for c in data if c is not None]
            need.append(QFontMetricsF(self._font(text_floor())).horizontalAdvance(self.tr("no buffer")) + 12)
            cw = min(max(cw, max(need) + 4), w * 0.25)
        chan_zone = QRectF(hx - cw - w * 0.01, y0 + 4, cw, h - 8)
        if follow:  # the grid ends where the channels begin
            checks_zone.setRight(max(checks_zone.left() + 40, chan_zone.left() - w * 0.03))
        elif checks_zone.right() > chan_zone.left() - w * 0.02:  # a narrow lane at the floor: never under them
            checks_zone.setRight(max(checks_zone.left() + 20, chan_zone.left() - w * 0.02))
        queue_right = chan_zone.left() - w * 0.01
        handler_zone = QRectF(hx, y0 + 6, hw, h - 12)
        rows = [QRectF(chan_zone.left(), chan_zone.top() + i * chan_zone.height() / 2,
                       chan_zone.width(), chan_zone.height() / 2) for i in range(2)]
        # both rows say "name len/cap", or both just the name: the wider label decides for the lane
        bold = QFontMetricsF(self._font(12, True))
        widest = max((f"{c.name} {c.len}/{c.cap}" for c in data if c is not None), key=bold.horizontalAdvance,
                     default=None)
        for row, ch in zip(rows, data, strict=False):
            if ch is not None:
                # red only where a sender waits with nobody left to receive: a returned handler's channel
                # that a buffer or a select on ctx.Done() keeps clear is not a leak
                orphaned = returned and ch.sendq > 0
                if orphaned:
                    self.orphans.append((r.req, ch.name))
                self._draw_channel(p, row.adjusted(0, 2, 0, -2), ch, orphaned, follow and no_receiver, widest)
        self._draw_handler(p, handler_zone, r, chans)
        # check goroutines: home slots in a grid
        n = max(1, len(r.checks))
        cols = max(1, min(n, int(max(1, checks_zone.width() // max(14.0, h / 3.2)))))
        if follow:  # the grid with the biggest cells
            cols = max(range(1, n + 1), key=lambda c: min(checks_zone.width() / c,
                                                           checks_zone.height() / math.ceil(n / c)))
        grid_rows = math.ceil(n / cols)
        cell_w = checks_zone.width() / cols
        cell_h = checks_zone.height() / grid_rows
        rad = max(3.0, min(cell_w, cell_h) * 0.36, 1.0)
        rad = min(rad, rows[0].height() * 0.42)
        if follow:  # room beside each marker for its number
            rad = max(3.0, min(cell_w, cell_h) * 0.2)
        step = rad * 2.5
        # the queue at each channel: as many squares as fit, the rest counted in a "+N" at its tail
        waiting = [0, 0]
        for t in r.checks:
            if t.state in ("parked", "stranded"):
                waiting[1 if t.chans and t.chans[0] == names[1] else 0] += 1
        room = max(1, int((queue_right - checks_zone.right()) // step))
        shown = [min(q, room if q <= room else room - 1) for q in waiting]
        stranded_drawn = 0
        queues: dict[int, int] = {0: 0, 1: 0}
        k = 1.0 - math.exp(-dt * 9.0) if self.animate else 1.0
        for t in sorted(r.checks, key=lambda t: (t.since, t.gid)):
            home = QPointF(checks_zone.left() + (t.idx % cols + 0.5) * cell_w,
                           checks_zone.top() + (t.idx // cols + 0.5) * cell_h)
            which = 1 if t.chans and t.chans[0] == names[1] else 0
            row = rows[which]
            hidden = False
            if follow:
                target = home
            elif t.state in ("parked", "stranded"):
                slot = queues[which]
                queues[which] += 1
                hidden = slot >= shown[which]
                target = QPointF(queue_right - rad - min(slot, shown[which]) * step, row.center().y())
            elif t.state in ("runnable", "running"):
                target = QPointF((home.x() + queue_right) / 2, (home.y() + row.center().y()) / 2)
            else:
                target = home
            pos = self._pos.get(t.gid)
            if pos is None:
                pos = QPointF(home)
            pos = pos + (target - pos) * k
            self._pos[t.gid] = pos
            before = self._prev.get(t.gid)
            self._prev[t.gid] = t.state
            if self.animate and before is not None and before != t.state and t.state == "finished" \
                    and t.via and t.via in names and len(self._flights) < 40:
                # its value travels through the channel to the handler
                row = rows[names.index(t.via)]
                self._flights.append((time.monotonic(), QPointF(pos), QPointF(handler_zone.left(), row.center().y()),
                                      GREEN if t.via == names[0] else PURPLE))
            alive.add(t.gid)
            if hidden:
                continue
            if t.state == "stranded":
                stranded_drawn += 1
            progress = -1.0
            if t.state == "sleeping" and t.until > t.since:
                progress = (snap.t - t.since) / (t.until - t.since)
            doomed = no_receiver and t.state == "parked" and t.op == "send"
            draw_task(p, "stranded" if doomed else t.state, pos, rad, progress)
            if follow:  # which check it is: the code panel marks its line with the same number
                p.setPen(GREY)
                # the cell's height, not the marker's: at 24 px a number is taller than a small marker; and the
                # width up to the next marker (a 24 px digit did not fit in half a narrow cell, and went)
                self._label(p, QRectF(pos.x() + rad * 1.2, pos.y() - cell_h / 2, cell_w - rad * 2.4, cell_h),
                            str(t.idx), min(self._cap(12), rad * 1.6), optional=True)
        for which in (0, 1):
            extra = waiting[which] - shown[which]
            if extra > 0 and not follow:
                x = queue_right - rad - shown[which] * step
                box = QRectF(max(checks_zone.right() - step, x - step * 1.5), rows[which].center().y() - rad * 1.3,
                             step * 2, rad * 2.6)
                p.setPen(VERMILLION)
                self._label(p, box, f"+{extra:,}", tx(14), Qt.AlignCenter, bold=True)
        hidden_stranded = sum(1 for t in r.checks if t.state == "stranded") - stranded_drawn
        self.lanes.append((r.req, stranded_drawn, hidden_stranded, r.stranded))

    FLIGHT_S = 0.6

    def _draw_flights(self, p: QPainter, now: float) -> None:
        if not self.animate:
            self._flights.clear()
            return
        self._flights = [f for f in self._flights if now - f[0] < self.FLIGHT_S][-40:]
        p.setPen(QPen(INK, 1))
        for t0, a, b, color in self._flights:
            u = (now - t0) / self.FLIGHT_S
            u = u * u * (3 - 2 * u)  # ease in and out
            c = a + (b - a) * u
            p.setBrush(color)
            p.drawEllipse(c, 6, 6)

    def _draw_channel(self, p: QPainter, rect: QRectF, ch: ChannelView, orphaned: bool,
                      no_receiver: bool = False, fit_as: str | None = None) -> None:
        """One channel: its label (sized as ``fit_as``, the lane's widest, so its rows agree) and slots."""
        cap = ch.cap
        p.setPen(INK)
        label = f"{ch.name} {ch.len}/{cap}"
        probe = fit_as or label
        beside = min(px(12), rect.height() * 0.8)
        f = fit_font(self._font(beside, True), probe, rect.width() * 0.5 - 3, beside)
        narrow = f.pixelSize() < 9 or QFontMetricsF(f).horizontalAdvance(probe) > rect.width() * 0.5 - 3
        # label above the slots when the lane is tall enough for two rows, or narrow and not too low for them;
        # else beside (a narrow, low lane says just the channel's name there, at a size the class can read)
        if rect.height() >= px(34) or (narrow and rect.height() * 0.42 * 0.9 >= 9):
            head = QRectF(rect.left(), rect.top(), rect.width(), rect.height() * 0.42)
            body = QRectF(rect.left(), head.bottom(), rect.width(), rect.height() - head.height())
            size = min(self._cap(14), head.height() * 0.45)
            if no_receiver and size >= 9:  # the handler's return, on the channel itself: its name, who is gone
                # (a lane too low for two rows keeps the name whole; the dashed red border still says it)
                half = QRectF(head.left(), head.top(), head.width(), head.height() / 2)
                self._label(p, half, label, size, bold=True, short=ch.name)
                p.setPen(VERMILLION)
                self._label(p, half.translated(0, half.height()), self.tr("no receiver"), size, bold=True,
                            short=self.tr("nobody"), optional=True)
                p.setPen(INK)
            else:
                self._label(p, head, label, min(self._cap(14), head.height() * 0.9), bold=True, short=ch.name)
        else:  # a short lane: label beside them
            lw = rect.width() * 0.5
            body = QRectF(rect.left() + lw, rect.top() + 1, rect.width() - lw, rect.height() - 2)
            size = min(self._cap(12), rect.height() * 0.8)
            whole = fit_font(self._font(size, True), probe, lw - 3, size).pixelSize() >= min(10, size)
            self._label(p, QRectF(rect.left(), rect.top(), lw - 3, rect.height()), label if whole else ch.name,
                        size, bold=True, short=ch.name)
        pen = QPen(VERMILLION if orphaned else INK, 2, Qt.DashLine if orphaned else Qt.SolidLine)
        p.setPen(pen)
        p.setBrush(PAPER)
        p.drawRect(body)
        fill = GREEN if ch.name == "done" else PURPLE
        if cap == 0:  # hatched: no room at all; the words too when they can be read
            p.fillRect(body.adjusted(2, 2, -2, -2), QBrush(GREY.lighter(120), Qt.BDiagPattern))
            text = self.tr("no buffer")
            size = min(self._cap(12), body.height() * 0.7)
            f = fit_font(self._font(size), text, body.width() - 8, size)
            if f.pixelSize() >= 9 and QFontMetricsF(f).horizontalAdvance(text) <= body.width() - 8:  # else hatching says it
                p.setFont(f)
                tw = p.fontMetrics().horizontalAdvance(text) + 6
                p.fillRect(QRectF(body.center().x() - tw / 2, body.top() + 2, tw, body.height() - 4), PAPER)
                p.setPen(INK)
                self._label(p, body.adjusted(3, 2, -3, -2), text, size, Qt.AlignCenter)
        elif cap <= 16:
            sw = body.width() / cap
            for i in range(cap):
                cell = QRectF(body.left() + i * sw + 1.5, body.top() + 3, max(1.0, sw - 3), body.height() - 6)
                if i < ch.len:
                    p.fillRect(cell, fill)
                else:
                    p.setPen(QPen(FAINT, 1))
                    p.setBrush(Qt.NoBrush)
                    p.drawRect(cell)
        else:
            frac = ch.len / cap
            p.fillRect(QRectF(body.left() + 2, body.top() + 3, (body.width() - 4) * frac, body.height() - 6), fill)

    def _draw_handler(self, p: QPainter, rect: QRectF, r: RequestView, chans: dict[str, ChannelView]) -> None:
        returned = r.returned is not None
        p.setPen(QPen(INK, 2))
        if not returned:
            p.setBrush(QColor("#E8F1FB"))
        else:
            p.setBrush(QColor("#FDECEA") if r.outcome == "rejected" else QColor("#E6F4EA"))
        p.drawRoundedRect(rect, 6, 6)
        sig = next((chans[n] for n in ("ctx.Done()", "stop") if n in chans), None)
        rows = 3 if sig is not None else 2
        rh = (rect.height() - 4) / rows
        line = [QRectF(rect.left() + 5, rect.top() + 2 + i * rh, rect.width() - 10, rh) for i in range(rows)]
        p.setPen(INK)
        self._label(p, line[0], self.tr("handler"), min(self._cap(15), rh * 0.8), bold=True, optional=True)
        size = min(self._cap(13), rh * 0.75)
        if not returned:
            self._label(p, line[1], self.tr("receiving…"), size, short="…")
        elif r.outcome == "rejected":
            p.setPen(VERMILLION)
            code = str(r.code or 403)
            self._label(p, line[1], self.tr("returned {code}").format(code=code), size, short=code)
        else:
            p.setPen(GREEN)
            code = str(r.code or 200)
            self._label(p, line[1], self.tr("returned {code}").format(code=code), size, short=code)
        if sig is not None:
            p.setPen(GREEN if sig.closed else GREY)
            self._label(p, line[2], self.tr("{name} closed").format(name=sig.name) if sig.closed else sig.name, size,
                        short=("✓" if sig.closed else "…"))
        for hv in r.helpers:
            if hv.role == "drain" and hv.state not in ("finished",):
                p.setPen(ORANGE)
                self._label(p, QRectF(rect.center().x(), rect.top() + 2, rect.width() / 2 - 5, rh), self.tr("drain"),
                            size, Qt.AlignRight | Qt.AlignVCenter)

    def _draw_pile(self, p: QPainter, rect: QRectF, snap: Snapshot) -> None:
        n = snap.stranded
        head = QRectF(rect.left() + 12, rect.top() + 4, rect.width() - 24, tx(26) * 1.3)
        if self.counts_hidden:  # the lesson asks for a prediction: the count comes with the answer
            p.fillRect(rect, PANEL)
            p.setPen(INK)
            self._label(p, head, self.tr("Stranded forever: ?"), tx(26), bold=True)
            p.setPen(GREY)
            self._label(p, QRectF(head.left(), head.bottom(), head.width(), rect.bottom() - head.bottom() - 4),
                        self.tr("Predict first: the count comes with the answer."), tx(16), Qt.AlignCenter,
                        short=self.tr("Predict first."))
            return
        p.fillRect(rect, QColor("#FFF4EC") if snap.stranded else PANEL)
        p.setPen(QPen(FAINT, 1))
        p.drawLine(rect.topLeft(), rect.topRight())
        p.setPen(VERMILLION if n else INK)
        title = self.tr("Stranded forever: {n}").format(n=f"{n:,}")
        title_w = self._label(p, head, title, tx(26), bold=True)
        p.setPen(INK)
        parts = [f"{name}: {count:,}" for name, count in snap.stranded_by_channel]
        right = self.tr("Go would hold {bytes}").format(bytes=human_bytes(snap.go_bytes))
        more = self.never_continue - n
        if more > 0:  # blocked for good, but reachable: Go's profile leaves them out
            right = self.tr("{n} more can never continue (Go's profile does not report them)").format(
                n=f"{more:,}")
        lines = ["  ·  ".join(parts), right] if parts else [right]
        right = "    ".join(lines)
        p.setFont(self._font(tx(15)))
        if title_w + p.fontMetrics().horizontalAdvance(right) + 24 > head.width():  # narrow: a line of its own
            if p.fontMetrics().horizontalAdvance(right) > head.width():  # narrower: the channels, then the rest
                right = ""
                if len(lines) > 1 and rect.bottom() - head.bottom() < tx(15) * 1.4 * 2 + tx(13) * 6:
                    # no room for both above the squares: the memory is the chart's to tell; what Go's
                    # profile leaves out is said only here
                    lines = lines[1:] if more > 0 else lines[:1]
            for text in [right] if right else lines:
                head = QRectF(head.left(), head.bottom(), head.width(), tx(15) * 1.4)
                self._label(p, head, text, tx(15), Qt.AlignLeft | Qt.AlignVCenter)
        else:
            self._label(p, QRectF(head.left() + title_w + 24, head.top(), head.width() - title_w - 24, head.height()),
                        right, tx(15), Qt.AlignRight | Qt.AlignVCenter)
        grid = QRectF(rect.left() + 12, head.bottom() + 4, rect.width() - 24, rect.bottom() - head.bottom() - 8)
        if n == 0:
            p.setPen(GREY)
            self._label(p, grid, self.tr("No goroutine is stranded."), tx(16), Qt.AlignCenter)
            return
        cell = max(8.0, 12.0 * min(1.5, px(10) / 10))
        # a few stranded goroutines get big squares the back row can count; many shrink to the smallest
        big = math.floor(math.sqrt(max(1.0, grid.width() * grid.height()) / n))
        while big > cell and math.floor(grid.width() / big) * math.floor(grid.height() / big) < n:
            big -= 1
        cell = float(max(cell, min(big, px(28))))
        cols = max(1, int(grid.width() // cell))
        rows = max(1, int(grid.height() // cell))
        legend_box = None
        if n > cols * rows:  # aggregated: the legend needs a line under the squares, or the row's right end
            lh = tx(13) * 1.5
            if grid.height() - lh >= cell:
                grid.setBottom(grid.bottom() - lh)
                rows = max(1, int(grid.height() // cell))
                legend_box = QRectF(grid.left(), grid.bottom(), grid.width(), lh)
            else:
                f = self._font(tx(13))
                lw = QFontMetricsF(f).horizontalAdvance(self.tr("each square = {unit} goroutines").format(
                    unit="100,000")) + 12
                cols = max(1, int((grid.width() - lw) // cell))
                legend_box = QRectF(grid.left() + cols * cell + 6, grid.top(), grid.width() - cols * cell - 6,
                                    min(max(cell, lh), rect.bottom() - grid.top()))  # not past the stage's edge
        cells = min(PILE_CELLS_MAX, cols * rows)
        unit = pile_unit(n, cells)
        squares = math.ceil(n / unit)
        if unit > 1 and legend_box is not None:
            legend = self.tr("each square = {unit} goroutines").format(unit=f"{unit:,}")
            p.setPen(INK)
            self._label(p, legend_box, legend, tx(13), Qt.AlignRight | Qt.AlignVCenter)
        # one marker drawn once, then tiled: a frame costs the same for 10 or 100,000
        tile = self._pile_tile(cell)
        full_rows, rest = divmod(squares, cols)
        if full_rows:
            p.drawTiledPixmap(QRectF(grid.left(), grid.top(), cols * cell, full_rows * cell), tile)
        if rest:
            p.drawTiledPixmap(QRectF(grid.left(), grid.top() + full_rows * cell, rest * cell, cell), tile)

    def _pile_tile(self, cell: float) -> QPixmap:
        key = int(cell * 100)
        if self._tile_key != key:
            size = int(round(cell))
            pm = QPixmap(size, size)
            pm.fill(Qt.transparent)
            tp = QPainter(pm)
            tp.setRenderHint(QPainter.Antialiasing, True)
            draw_task(tp, "stranded", QPointF(cell / 2, cell / 2), cell * 0.4)
            tp.end()
            self._tile, self._tile_key = pm, key
        return self._tile
