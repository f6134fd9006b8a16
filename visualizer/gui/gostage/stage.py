"""The generic Go stage: lanes by ``go`` statement, channels, sync primitives, wake-ups and piles."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import (
    QWidget,
)

from ...goplay.record import Frame
from ..style import FAINT, GREY, INK, ORANGE, PANEL, PAPER, SKY, STATE_COLOR, VERMILLION, draw_task, fit_font

log = logging.getLogger("leakviz")


DRAW_STATE = {"blocked": "parked", "stranded": "stranded", "running": "running", "runnable": "runnable",
              "sleeping": "sleeping", "finished": "finished"}
MAX_CAP = 10_000
PILE_SHAPES = 240


def lang() -> str:
    """The language the interface is in (the translator installed by i18n)."""
    return "zh_CN" if QCoreApplication.translate("GoWindow", "Channel capacities") != "Channel capacities" else "en"


# GIF grows with every frame; a video hardly does. A Go run's export stops at this many frames.


class GoStage(QWidget):
    """Draws one ``Frame``: lanes per go site, channels, waiters on sync primitives, piles of stranded goroutines."""

    painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frame: Frame | None = None
        self.message = ""
        self.zoom = 1.0
        self.setMinimumSize(360, 300)
        self.setAccessibleName(self.tr("Stage: goroutines by the go statement that started them"))

    def sizeHint(self) -> QSize:  # noqa: D102
        return QSize(700, 560)

    def set_frame(self, frame: Frame | None, message: str = "") -> None:
        """Show ``frame`` (None: show ``message`` instead)."""
        self.frame = frame
        self.message = message
        self.update()

    def _font(self, px: float, bold: bool = False) -> QFont:
        f = QFont(self.font())
        f.setPixelSize(max(9, int(px)))
        f.setBold(bold)
        return f

    def paintEvent(self, _e) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.fillRect(self.rect(), PAPER)
        w, h = self.width(), self.height()
        unit = max(12.0, min(28.0, min(w / 26, h / 28))) * self.zoom
        fr = self.frame
        if fr is None:
            p.setPen(INK)
            p.setFont(self._font(unit))
            p.drawText(QRectF(20, 20, w - 40, h - 40), Qt.AlignCenter | Qt.TextWordWrap,
                       self.message or self.tr("Open a Go file (File > Open Go…) or an example."))
            p.end()
            self.painted.emit()
            return
        self._pos: dict[int, QPointF] = {}
        self._chan_pos: dict[str, QPointF] = {}
        y = self._legend(p, unit, w)
        y = self._lanes(p, fr, unit, y, w, y + h * 0.45)
        y = self._chans(p, fr, unit, y + unit * 0.4, w, h)
        self._piles(p, fr, unit, y + unit * 0.4, w, h)
        self._handoffs(p, fr, unit)
        p.end()
        self.painted.emit()

    def _legend(self, p: QPainter, unit: float, w: float) -> float:
        items = [("running", self.tr("running")), ("sleeping", self.tr("sleeping")),
                 ("blocked", self.tr("blocked")), ("stranded", self.tr("stranded")),
                 ("finished", self.tr("finished"))]
        f = self._font(unit * 0.8)
        p.setFont(f)
        fm = QFontMetricsF(f)
        x = unit * 0.5
        r = unit * 0.38
        for st, text in items:
            draw_task(p, DRAW_STATE[st], QPointF(x + r, unit * 0.8), r)
            p.setPen(INK)
            tw = fm.horizontalAdvance(text)
            p.drawText(QRectF(x + 2.4 * r, 0, tw + 4, unit * 1.6), Qt.AlignVCenter, text)
            x += 2.4 * r + tw + unit
        return unit * 1.8

    def _lanes(self, p: QPainter, fr: Frame, unit: float, y: float, w: float, bottom: float) -> float:
        live = [ln for ln in fr.lanes if ln.total - ln.counts.get("finished", 0) > 0]
        done = [ln for ln in fr.lanes if ln not in live]
        head = self._font(unit * 0.85, bold=True)
        small = self._font(unit * 0.75)
        budget = bottom - y - (unit * 1.4 if done else 0)
        full_h = unit * 2.8
        compact = len(live) * full_h > budget  # many lanes: one line each, the states as a bar
        row_h = min(unit * 4.2, budget / max(1, len(live))) if not compact else max(unit * 1.25, budget / len(live))
        fit_rows = max(1, int(budget // row_h))
        hidden = live[fit_rows:] if len(live) > fit_rows else []
        if hidden:  # the last row says what did not fit
            hidden = live[fit_rows - 1:]
            live = live[:fit_rows - 1]
        r = max(unit * 0.4, min(unit * 0.75, (row_h - unit * 1.3) * 0.4))
        for ln in live:
            p.fillRect(QRectF(0, y, w, row_h - 2), PANEL)
            title = self._lane_title(ln)
            cs = ln.counts
            words = {"blocked": self.tr("{n} blocked"), "stranded": self.tr("{n} stranded"),
                     "finished": self.tr("{n} finished")}
            counts = " · ".join([self.tr("{n} started").format(n=f"{ln.total:,}")]
                                + [t.format(n=f"{cs[k]:,}") for k, t in words.items() if cs.get(k)])
            line_h = row_h - 2 if compact else unit * 1.1
            title_w = w * (0.3 if compact else 0.52)
            p.setPen(INK)
            p.setFont(fit_font(head, title, title_w, head.pixelSize()))
            p.drawText(QRectF(unit * 0.4, y, title_w, line_h), Qt.AlignVCenter | Qt.AlignLeft, title)
            counts_w = w * (0.36 if compact else 0.46)
            p.setFont(fit_font(small, counts, counts_w, small.pixelSize()))
            p.drawText(QRectF(w - counts_w - unit * 0.3, y, counts_w, line_h), Qt.AlignVCenter | Qt.AlignRight,
                       counts)
            if compact:
                self._state_bar(p, ln, QRectF(unit * 0.6 + title_w, y + row_h * 0.22,
                                              w - title_w - counts_w - unit * 1.6, row_h * 0.5))
                y += row_h
                continue
            cy = y + unit * 1.1 + (row_h - unit * 1.1) / 2 - 2
            step = r * 2.5
            x = unit * 0.6 + r
            n_room = int((w - unit * 4) / step)
            shown = ln.shown[:n_room]
            for g in shown:
                draw_task(p, DRAW_STATE[g.state], QPointF(x, cy), r)
                self._pos[g.goid] = QPointF(x, cy)
                x += step
            rest = ln.total - cs.get("finished", 0) - len(shown)
            if rest > 0:
                p.setPen(INK)
                p.setFont(small)
                p.drawText(QRectF(x, cy - unit, unit * 4, 2 * unit), Qt.AlignVCenter, f"+{rest:,}")
            y += row_h
        if hidden:
            n = sum(ln.total - ln.counts.get("finished", 0) for ln in hidden)
            text = self.tr("+{k} more lanes with {n} goroutines").format(k=len(hidden), n=f"{n:,}")
            p.setPen(INK)
            p.setFont(fit_font(small, text, w - unit, small.pixelSize()))
            p.drawText(QRectF(unit * 0.4, y, w - unit, row_h), Qt.AlignVCenter | Qt.AlignLeft, text)
            y += row_h
        if done:
            text = self.tr("Finished lanes (folded): {lanes}").format(
                lanes=", ".join(f"{ln.func} ×{ln.counts.get('finished', 0):,}" for ln in done))
            p.setPen(GREY)
            p.setFont(fit_font(small, text, w - unit, small.pixelSize()))
            p.drawText(QRectF(unit * 0.4, y, w - unit, unit * 1.3), Qt.AlignVCenter | Qt.AlignLeft, text)
            y += unit * 1.4
        return y

    def _lane_title(self, ln) -> str:
        if ln.func == "main.leakviz_main":
            return self.tr("simulated requests (main is not run)")
        if ln.func == "net/http.(*conn).serve":
            return self.tr("one goroutine per request, as net/http starts")
        return f"go {ln.key}  {ln.func}" if ln.key != "main" else ln.func

    def _state_bar(self, p: QPainter, ln, rect: QRectF) -> None:
        """A lane's goroutines as one bar, a segment per state in proportion (finished left out)."""
        order = ("running", "runnable", "sleeping", "blocked", "stranded")
        total = sum(ln.counts.get(s, 0) for s in order)
        if total <= 0 or rect.width() <= 4:
            return
        x = rect.x()
        p.setPen(Qt.NoPen)
        for st in order:
            n = ln.counts.get(st, 0)
            if not n:
                continue
            seg = rect.width() * n / total
            p.setBrush(STATE_COLOR[DRAW_STATE[st]])
            p.drawRect(QRectF(x, rect.y(), seg, rect.height()))
            x += seg
        p.setPen(QPen(INK, 1))
        p.setBrush(Qt.NoBrush)
        p.drawRect(rect)

    def _chans(self, p: QPainter, fr: Frame, unit: float, y: float, w: float, h: float) -> float:
        items = list(fr.chans[:6]) + list(fr.prims[:3])
        if not items:
            return y
        f = self._font(unit * 0.8)
        slot = unit * 1.0
        box_w = min(w / 2 - unit, unit * 17)
        cols = max(1, int(w // (box_w + unit)))
        box_h = unit * 2.6
        for k, c in enumerate(items):
            bx = unit * 0.4 + (k % cols) * (box_w + unit)
            by = y + (k // cols) * (box_h + unit * 0.3)
            p.setPen(QPen(FAINT, 1))
            p.setBrush(PAPER)
            p.drawRoundedRect(QRectF(bx, by, box_w, box_h), 6, 6)
            p.setPen(INK)
            self._chan_pos.setdefault(getattr(c, "name", "") or getattr(c, "kind", ""),
                                      QPointF(bx + box_w / 2, by + box_h / 2))
            if hasattr(c, "cap"):
                kind = self.tr("unbuffered") if c.cap == 0 else f"cap {c.cap}"
                label = f"{c.name or 'chan'}  {c.site}  {kind}" + (self.tr("  closed") if c.closed else "")
                p.setFont(fit_font(f, label, box_w - unit * 0.6, f.pixelSize()))
                p.drawText(QRectF(bx + unit * 0.3, by, box_w - unit * 0.6, unit * 1.2), Qt.AlignVCenter, label)
                sy = by + unit * 1.35
                # senders waiting | buffer slots | receivers waiting
                q = self.tr("{n} waiting to send").format(n=c.nsend) if c.nsend else ""
                rq = self.tr("{n} waiting to receive").format(n=c.nrecv) if c.nrecv else ""
                slots = min(c.cap, 8)
                sx = bx + box_w / 2 - slots * slot / 2
                for i in range(slots):
                    p.setPen(QPen(INK, 1))
                    p.setBrush(SKY if i < c.len else PAPER)
                    p.drawRect(QRectF(sx + i * slot, sy, slot * 0.9, slot * 0.9))
                small = self._font(unit * 0.7)
                if c.cap > 8:
                    p.setFont(small)
                    p.drawText(QRectF(sx, sy + slot, slots * slot, unit * 0.8), Qt.AlignCenter, f"{c.len}/{c.cap}")
                half = (box_w - slots * slot) / 2 - unit * 0.5
                if q:
                    p.setPen(ORANGE.darker(150))
                    p.setFont(fit_font(small, q, half, small.pixelSize()))
                    p.drawText(QRectF(bx + unit * 0.3, sy, half, slot), Qt.AlignVCenter | Qt.AlignLeft, q)
                if rq:
                    p.setPen(ORANGE.darker(150))
                    p.setFont(fit_font(small, rq, half, small.pixelSize()))
                    p.drawText(QRectF(bx + box_w - unit * 0.3 - half, sy, half, slot),
                               Qt.AlignVCenter | Qt.AlignRight, rq)
            else:
                label = f"{c.kind}  {c.state}"
                if getattr(c, "holder", 0):
                    label += "  " + self.tr("held by goroutine {g}").format(g=c.holder)
                p.setFont(fit_font(f, label, box_w - unit * 0.6, f.pixelSize()))
                p.drawText(QRectF(bx + unit * 0.3, by, box_w - unit * 0.6, unit * 1.2), Qt.AlignVCenter, label)
                text = self.tr("{n} waiting").format(n=c.nwait)
                p.setFont(self._font(unit * 0.7))
                p.drawText(QRectF(bx + unit * 0.3, by + unit * 1.3, box_w - unit * 0.6, unit * 1.1),
                           Qt.AlignVCenter, text)
        rows = (len(items) + cols - 1) // cols
        return y + rows * (box_h + unit * 0.3)

    def _handoffs(self, p: QPainter, fr: Frame, unit: float) -> None:
        """Each wake-up since the last frame as an arrow from the waker to the woken goroutine (through the
        channel's box when one end is not drawn), a dot on it for the value on its way."""
        for hf in fr.handoffs:
            a = self._pos.get(hf.src) or self._chan_pos.get(hf.via)
            b = self._pos.get(hf.dst) or self._chan_pos.get(hf.via)
            if a is None or b is None or a == b:
                continue
            p.setPen(QPen(SKY.darker(130), max(1.5, unit / 8), Qt.SolidLine, Qt.RoundCap))
            p.setBrush(Qt.NoBrush)
            mid = QPointF((a.x() + b.x()) / 2, min(a.y(), b.y()) - unit * 1.2)
            path = QPainterPath(a)
            path.quadTo(mid, b)
            p.drawPath(path)
            dot = path.pointAtPercent(0.6)
            p.setPen(QPen(INK, 1))
            p.setBrush(SKY)
            p.drawEllipse(dot, unit * 0.28, unit * 0.28)
            tip = path.pointAtPercent(0.97)
            p.setBrush(SKY.darker(130))
            p.drawEllipse(tip, unit * 0.15, unit * 0.15)

    def _piles(self, p: QPainter, fr: Frame, unit: float, y: float, w: float, h: float) -> None:
        if y >= h - unit * 2:
            return
        head = self._font(unit * 1.3, bold=True)
        band = QRectF(0, y, w, unit * 1.9)
        if fr.piles:  # the headline the class reads first, as the built-in view's
            p.fillRect(QRectF(0, y, w, h - y), QColor("#FDF1E8"))
        p.setPen(VERMILLION.darker(130) if fr.piles else INK)
        title = self.tr("Stranded forever: {n}").format(n=f"{fr.stranded:,}") if fr.piles \
            else self.tr("Nothing stranded")
        p.setFont(fit_font(head, title, w * 0.55, head.pixelSize()))
        p.drawText(band.adjusted(unit * 0.4, 0, -w * 0.42, 0), Qt.AlignVCenter, title)
        if fr.piles:
            from ...core.memory import GOROUTINE_BYTES
            from ..style import human_bytes
            note = self.tr("Go would hold {bytes}").format(bytes=human_bytes(fr.stranded * GOROUTINE_BYTES))
            if len(fr.piles) > 4:
                note += "  " + self.tr("(the 4 biggest of {k} blocking lines)").format(k=len(fr.piles))
            small = self._font(unit * 0.8)
            p.setPen(INK)
            p.setFont(fit_font(small, note, w * 0.42, small.pixelSize()))
            p.drawText(band.adjusted(w * 0.56, 0, -unit * 0.4, 0), Qt.AlignVCenter | Qt.AlignRight, note)
        y += unit * 2.0
        if not fr.piles:
            return
        piles = fr.piles[:4]
        col_w = (w - unit * 0.4) / len(piles)
        avail = max(unit, h - unit * 1.7 - y)
        # one square size for every pile, so their heights compare; past PILE_SHAPES a pile is its count
        biggest = min(max(pl.count for pl in piles), PILE_SHAPES)
        r = max(unit * 0.25, min(unit * 1.1, ((col_w - unit * 0.5) * avail / max(1, biggest)) ** 0.5 / 2.4))
        for k, pl in enumerate(piles):
            shown = min(pl.count, PILE_SHAPES)
            x0 = unit * 0.4 + k * col_w
            label = f"{pl.count:,} × {pl.reason}  {pl.file}:{pl.line}"
            p.setPen(INK)
            small = self._font(unit * 1.05, bold=True)
            p.setFont(fit_font(small, label, col_w - unit * 0.5, small.pixelSize()))
            p.drawText(QRectF(x0, h - unit * 1.4, col_w - unit * 0.5, unit * 1.3), Qt.AlignVCenter, label)
            # the pile: one square per goroutine up to what fits, bottom up
            per_row = max(1, int((col_w - unit * 0.5) / (r * 2.3)))
            room_rows = max(1, int((h - unit * 1.6 - y) / (r * 2.3)))
            drawn = min(shown, per_row * room_rows)
            for i in range(drawn):
                cx = x0 + r + (i % per_row) * r * 2.3
                cy = h - unit * 1.7 - r - (i // per_row) * r * 2.3
                draw_task(p, "stranded", QPointF(cx, cy), r)
