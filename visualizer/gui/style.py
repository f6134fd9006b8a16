"""Colours and marker shapes shared by every view.

Okabe-Ito colours, and every state also has its own shape, so the stage reads
for colour-blind viewers and on a washed-out projector.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QApplication

from .settings import ICON_NAME

BLUE = QColor("#0072B2")  # working
SKY = QColor("#56B4E9")  # sending
ORANGE = QColor("#E69F00")  # waiting in line
VERMILLION = QColor("#D55E00")  # stranded
GREEN = QColor("#009E73")  # done / accepted
PURPLE = QColor("#CC79A7")  # quit values
GREY = QColor("#9AA0A6")  # finished
INK = QColor("#1F2328")
PAPER = QColor("#FFFFFF")
PANEL = QColor("#F4F6F8")
FAINT = QColor("#D0D7DE")

STATE_COLOR = {
    "sleeping": BLUE,
    "runnable": SKY,
    "running": SKY,
    "parked": ORANGE,
    "stranded": VERMILLION,
    "finished": GREY,
    "panicked": INK,
}


def draw_task(p: QPainter, state: str, c: QPointF, r: float, progress: float = -1.0) -> None:
    """One goroutine marker of radius ``r`` centred on ``c``.

    working: circle with a progress arc; sending: circle with an arrow;
    waiting: diamond with a pause sign; stranded: square with a cross;
    finished: small hollow circle with a tick.
    """
    color = STATE_COLOR.get(state, GREY)
    x, y = c.x(), c.y()
    if state == "stranded":
        p.setPen(QPen(INK, max(1.0, r / 6)))
        p.setBrush(color)
        p.drawRect(QRectF(x - r, y - r, 2 * r, 2 * r))
        p.setPen(QPen(PAPER, max(1.5, r / 3.5), Qt.SolidLine, Qt.RoundCap))
        k = r * 0.55
        p.drawLine(QPointF(x - k, y - k), QPointF(x + k, y + k))
        p.drawLine(QPointF(x - k, y + k), QPointF(x + k, y - k))
    elif state == "parked":
        p.setPen(QPen(INK, max(1.0, r / 6)))
        p.setBrush(color)
        p.drawPolygon(QPolygonF([QPointF(x, y - r * 1.15), QPointF(x + r * 1.15, y),
                                 QPointF(x, y + r * 1.15), QPointF(x - r * 1.15, y)]))
        p.setPen(QPen(INK, max(1.2, r / 4)))
        k = r * 0.3
        p.drawLine(QPointF(x - k, y - r * 0.4), QPointF(x - k, y + r * 0.4))
        p.drawLine(QPointF(x + k, y - r * 0.4), QPointF(x + k, y + r * 0.4))
    elif state == "finished":
        p.setPen(QPen(GREY, max(1.0, r / 5)))
        p.setBrush(Qt.NoBrush)
        p.drawEllipse(c, r * 0.7, r * 0.7)
        p.drawPolyline(QPolygonF([QPointF(x - r * 0.35, y), QPointF(x - r * 0.05, y + r * 0.3),
                                  QPointF(x + r * 0.4, y - r * 0.3)]))
    elif state in ("runnable", "running"):
        p.setPen(QPen(INK, max(1.0, r / 6)))
        p.setBrush(color)
        p.drawEllipse(c, r, r)
        p.setPen(QPen(INK, max(1.2, r / 4)))
        p.drawLine(QPointF(x - r * 0.45, y), QPointF(x + r * 0.45, y))
        p.drawLine(QPointF(x + r * 0.45, y), QPointF(x + r * 0.1, y - r * 0.35))
        p.drawLine(QPointF(x + r * 0.45, y), QPointF(x + r * 0.1, y + r * 0.35))
    else:  # sleeping: working on its check
        p.setPen(QPen(INK, max(1.0, r / 6)))
        p.setBrush(QBrush(color.lighter(160)))
        p.drawEllipse(c, r, r)
        if progress >= 0:
            p.setPen(Qt.NoPen)
            p.setBrush(color)
            span = int(-360 * 16 * min(1.0, progress))
            p.drawPie(QRectF(x - r, y - r, 2 * r, 2 * r), 90 * 16, span)


def human_bytes(n: float) -> str:
    """``n`` bytes in binary units for display: "512 B", "1.5 KiB", ... up to TiB."""
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(n) < 1024 or unit == "TiB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1024
    return f"{n:,.1f} TiB"


# -- zoom: one factor for every font the window draws itself (Ctrl+= / Ctrl+- / Ctrl+0) --

_zoom = 1.0
ZOOM_MIN, ZOOM_MAX = 0.6, 3.0


def zoom() -> float:
    """The current font zoom of the window (1.0 = as designed)."""
    return _zoom


def set_zoom(z: float) -> float:
    """Set the font zoom, clamped to what stays usable; returns the zoom in effect."""
    global _zoom
    _zoom = max(ZOOM_MIN, min(ZOOM_MAX, float(z)))
    return _zoom


def px(size: float) -> int:
    """A designed pixel size, zoomed."""
    return max(7, round(size * _zoom))


# presenter mode's floor for every word the window draws: 18 px reads from the back row of a
# classroom (10 m from a 1024x768 projector); 0 elsewhere, where a small word is read up close
_floor = 0


def set_text_floor(size: int) -> None:
    """Set the smallest pixel size any text is drawn at (0: none)."""
    global _floor
    _floor = int(size)


def text_floor() -> int:
    """The smallest pixel size any text is drawn at (0: none)."""
    return _floor


def tx(size: float) -> int:
    """A designed text size, zoomed, never under the floor."""
    return max(_floor, px(size))


def scaled(font: QFont, k: float) -> QFont:
    """``font`` ``k`` times bigger, whether it is sized in points or (presenter mode) in pixels."""
    f = QFont(font)
    if f.pointSizeF() > 0:
        f.setPointSizeF(f.pointSizeF() * k)
    else:
        f.setPixelSize(max(7, round(f.pixelSize() * k)))
    return f


_fitted: dict[tuple, int] = {}  # (font, text, width, size, floor) -> pixel size: a frame fits the same labels again


def fit_font(base: QFont, text: str, width: float, size: float, *, minimum: float = 7.0) -> QFont:
    """``base`` at pixel ``size``, shrunk until ``text`` is no wider than ``width`` (never under the
    text floor: the caller then shortens, drops or elides the text).

    Labels must never clip: the caller draws ``text`` in a rect that wide."""
    from PySide6.QtGui import QFontMetricsF
    f = QFont(base)
    minimum = max(minimum, _floor)
    s = max(minimum, size)
    width = int(width * 4) / 4  # a quarter pixel narrower at most: what fits here fits the caller's rect
    key = (base.key(), text, width, int(s), minimum)
    got = _fitted.get(key)
    if got is None:
        f.setPixelSize(int(s))
        while s > minimum and QFontMetricsF(f).horizontalAdvance(text) > width:
            s -= 1
            f.setPixelSize(int(s))
        if len(_fitted) > 4096:
            _fitted.clear()
        got = _fitted[key] = int(s)
    f.setPixelSize(got)
    return f


def app_icon() -> QIcon:
    """The application's icon: the installed theme's if a packager put it there, else ours (an SVG)."""
    icon = QIcon.fromTheme(ICON_NAME)
    return icon if not icon.isNull() else QIcon(str(Path(__file__).parent / "icons" / f"{ICON_NAME}.svg"))


def app_font_setup(app: QApplication) -> None:
    """A larger base font: the window is meant for a projector too."""
    f = app.font()
    if f.pointSizeF() > 0:
        f.setPointSizeF(max(f.pointSizeF(), 11.0))
    app.setFont(f)
