"""The main window: controls, stage, memory chart, code, verdict.

It holds a core ``Session`` and renders its snapshots on a frame timer (``FRAME_HZ``)
(frame rate is not event rate: thousands of events between two frames cost
one fold and one repaint). User intent goes to the session; nothing here
steps the engine except through it.
"""

from __future__ import annotations

import logging
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..core.clock import FRAME_HZ
from ..core.presets import DEFAULT_PRESET, PRESETS, preset_of
from ..core.rates import leak_rate
from ..core.scenario import Config, ConfigError
from ..core.session import Session
from ..core.trace import Snapshot
from ..core.verdict import verdict
from . import i18n
from .chart import MemoryChart
from .codeview import CodeView
from .controls import ControlPanel
from .legend import Legend
from .stage import Stage
from .style import human_bytes, set_zoom
from .timeline import Timeline

log = logging.getLogger("leakviz")
FRAME_MS = 1000 // FRAME_HZ
GIF_SLICE_S = 0.02  # GIF export work per timer tick: the loop never waits long for it
MIN_SIZE = QSize(960, 680)  # fits a 1024x768 projector with room for a window frame
DEFAULT_SIZE = QSize(1440, 900)
DRAWER_MIN_WIDTH = 1440  # narrower windows open with the control drawer closed
_BASE_FONT: QFont | None = None  # the application font before any zoom


def parse_size(text: str) -> tuple[int, int]:
    """``"1024x768"`` -> (1024, 768); ValueError with a message a user can act on."""
    parts = text.lower().replace("×", "x").split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(f"size must look like 1024x768, got {text!r}")
    w, h = (int(p) for p in parts)
    if not (MIN_SIZE.width() <= w <= 10000 and MIN_SIZE.height() <= h <= 10000):
        raise ValueError(f"size must be at least {MIN_SIZE.width()}x{MIN_SIZE.height()} and at most "
                         f"10000x10000, got {text!r}")
    return w, h


class MainWindow(QMainWindow):
    frame_rendered = Signal()
    closed = Signal()  # after closeEvent accepted: the app's loop may end

    def __init__(self, *, preset: str = DEFAULT_PRESET, speed: float | None = 0.05,
                 lang: str | None = None, max_live: int | None = None, size: tuple[int, int] | None = None,
                 zoom_factor: float = 1.0, present: bool = False) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.presenting = False
        self.user_zoom = 1.0  # what Ctrl+= / Ctrl+- chose; presenter mode may enlarge on top
        self.lesson_panel = None  # the guided lesson, once started
        self.lesson_index = 0
        self._lesson_pos = 0  # events of the run the lesson has looked at
        self._lesson_facts: dict[str, object] = {}
        self.requested_size = size
        self.preset_name = preset
        cfg = PRESETS[preset]
        self.session = Session(cfg, speed=speed, max_live=max_live)
        self.session.on_error = self.show_error
        self.snap: Snapshot | None = None
        self._screenshot: tuple[Path, int] | None = None
        self.exit_code = 0
        self.lang = lang or ("zh_CN" if QLocale.system().name().startswith("zh") else "en")

        self.controls = ControlPanel(cfg)
        self.controls.set_preset(preset)
        self.controls.set_speed(speed)
        self.stage = Stage()
        self.legend = Legend()
        self.timeline = Timeline()
        self.timeline.seek_requested.connect(self.seek)
        self.review = None  # a Folder showing an earlier moment, or None: live
        self._replaying = False
        self.chart = MemoryChart()
        self.code = CodeView()
        self.code.set_config(cfg)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.RichText)
        self.verdict.setMargin(10)
        f = self.verdict.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        self.verdict.setFont(f)
        self.stats = {k: QLabel() for k in ("time", "live", "stranded", "rate", "hour", "requests")}
        self.stat_names = {k: QLabel() for k in self.stats}
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.4)
        big.setBold(True)
        for lab in self.stats.values():
            lab.setFont(big)

        self._build_actions()
        self._build_layout()
        self.controls.config_changed.connect(self._config_changed)
        self.controls.speed_changed.connect(self._speed_changed)
        self.controls.preset_chosen.connect(self.choose_preset)

        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.set_language(self.lang)
        self._name_widgets()
        self.setMinimumSize(MIN_SIZE)
        self.set_zoom(zoom_factor)
        self._fit_to_screen(size)
        if present:
            self.set_presenter(True)
        self.refresh()

    # -- building --

    def _build_actions(self) -> None:
        self.act_play = QAction(self)
        self.act_play.setShortcut(QKeySequence(Qt.Key_Space))
        self.act_play.triggered.connect(self.toggle_play)
        self.act_step = QAction(self)
        self.act_step.setShortcuts([QKeySequence(Qt.Key_Right), QKeySequence(Qt.Key_Period)])
        self.act_step.triggered.connect(self.step)
        self.act_back = QAction(self)
        self.act_back.setShortcuts([QKeySequence(Qt.Key_Left), QKeySequence(Qt.Key_Comma)])
        self.act_back.triggered.connect(self.step_back)
        self.act_live = QAction(self)
        self.act_live.setShortcut(QKeySequence(Qt.Key_End))
        self.act_live.triggered.connect(self.go_live)
        self.act_reset = QAction(self)
        self.act_reset.setShortcut(QKeySequence("Ctrl+R"))  # never a bare key: it throws the run away
        self.act_reset.triggered.connect(self.reset)
        self.act_shot = QAction(self)
        self.act_shot.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.act_shot.triggered.connect(self._save_screenshot_dialog)
        self.act_quit = QAction(self)
        self.act_quit.setShortcut(QKeySequence.Quit)
        self.act_quit.triggered.connect(self.close)
        self.act_full = QAction(self)
        self.act_full.setShortcut(QKeySequence(Qt.Key_F11))
        self.act_full.triggered.connect(lambda: self.showNormal() if self.isFullScreen() else self.showFullScreen())
        self.act_about = QAction(self)
        self.act_about.triggered.connect(self._about)
        self.act_zoom_in = QAction(self)
        self.act_zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++"), QKeySequence.ZoomIn])
        self.act_zoom_in.triggered.connect(lambda: self.set_zoom(self.user_zoom * 1.15))
        self.act_zoom_out = QAction(self)
        self.act_zoom_out.setShortcuts([QKeySequence("Ctrl+-"), QKeySequence.ZoomOut])
        self.act_zoom_out.triggered.connect(lambda: self.set_zoom(self.user_zoom / 1.15))
        self.act_zoom_reset = QAction(self)
        self.act_zoom_reset.setShortcut(QKeySequence("Ctrl+0"))
        self.act_zoom_reset.triggered.connect(lambda: self.set_zoom(1.0))
        self.act_present = QAction(self, checkable=True)
        self.act_present.setShortcut(QKeySequence(Qt.Key_F5))
        self.act_present.triggered.connect(lambda on: self.set_presenter(on))
        self.act_drawer = QAction(self, checkable=True)
        self.act_drawer.setShortcut(QKeySequence(Qt.Key_F9))
        self.act_drawer.triggered.connect(lambda on: self.set_drawer(on))
        for a in (self.act_play, self.act_step, self.act_back, self.act_live, self.act_reset, self.act_zoom_in,
                  self.act_zoom_out, self.act_zoom_reset, self.act_present, self.act_drawer, self.act_full):
            a.setShortcutContext(Qt.ApplicationShortcut)
            self.addAction(a)  # shortcuts keep working with the menu bar hidden (presenter mode)

        mb = self.menuBar()
        self.menu_file = mb.addMenu("")
        self.act_open = QAction(self)
        self.act_open.setShortcut(QKeySequence.Open)
        self.act_open.triggered.connect(self._open_dialog)
        self.act_save = QAction(self)
        self.act_save.setShortcut(QKeySequence.Save)
        self.act_save.triggered.connect(lambda: self._ask_path("leakviz-run", self.save_run))
        self.act_dump = QAction(self)
        self.act_dump.triggered.connect(self._open_dump)
        self.menu_file.addAction(self.act_open)
        self.menu_file.addAction(self.act_dump)
        self.act_go = QAction(self)  # any Go program, in its own window (gui/gostage.py)
        self.act_go.triggered.connect(lambda: self.open_go())
        self.menu_file.addAction(self.act_go)
        self.menu_go_examples = self.menu_file.addMenu("")
        self.setAcceptDrops(True)
        self.menu_file.addAction(self.act_save)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_shot)
        self.act_csv = QAction(self)
        self.act_csv.triggered.connect(lambda: self._ask_path("csv", self.export_csv))
        self.act_json = QAction(self)
        self.act_json.triggered.connect(lambda: self._ask_path("json", self.export_json))
        self.act_gif = QAction(self)
        self.act_gif.setShortcut(QKeySequence("Ctrl+G"))
        self.act_gif.triggered.connect(lambda: self._ask_path("gif", self.export_gif))
        for a in (self.act_csv, self.act_json, self.act_gif):
            self.menu_file.addAction(a)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_sim = mb.addMenu("")
        for a in (self.act_play, self.act_step, self.act_back, self.act_live, self.act_reset):
            self.menu_sim.addAction(a)
        self.menu_view = mb.addMenu("")
        self.menu_view.addAction(self.act_full)
        self.menu_view.addAction(self.act_present)
        self.menu_view.addAction(self.act_drawer)
        self.menu_view.addSeparator()
        for a in (self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset):
            self.menu_view.addAction(a)
        self.menu_view.addSeparator()
        self.act_compare = QAction(self)
        self.act_compare.setShortcut(QKeySequence("Ctrl+K"))
        self.act_compare.triggered.connect(self.open_compare)
        self.menu_view.addAction(self.act_compare)
        self.act_explore = QAction(self)
        self.act_explore.setShortcut(QKeySequence("Ctrl+E"))
        self.act_explore.triggered.connect(self.open_explorer)
        self.menu_view.addAction(self.act_explore)
        self.menu_lang = self.menu_view.addMenu("")
        self.lang_group = QActionGroup(self)
        self.lang_actions = {}
        for code, name in i18n.LANGUAGES.items():
            a = QAction(name, self, checkable=True)
            a.setData(code)
            a.triggered.connect(lambda _c=False, code=code: self.set_language(code))
            self.lang_group.addAction(a)
            self.menu_lang.addAction(a)
            self.lang_actions[code] = a
        self.menu_help = mb.addMenu("")
        self.act_lesson = QAction(self)
        self.act_lesson.setShortcut(QKeySequence(Qt.Key_F1))
        self.act_lesson.triggered.connect(self.start_lesson)
        self.menu_help.addAction(self.act_lesson)
        self.menu_help.addAction(self.act_about)
        self.act_mark_prev = QAction(self)
        self.act_mark_prev.setShortcut(QKeySequence("["))
        self.act_mark_prev.triggered.connect(lambda: self.jump_mark(-1))
        self.act_mark_next = QAction(self)
        self.act_mark_next.setShortcut(QKeySequence("]"))
        self.act_mark_next.triggered.connect(lambda: self.jump_mark(1))
        self.act_lesson_back = QAction(self)
        self.act_lesson_back.setShortcut(QKeySequence(Qt.Key_PageUp))
        self.act_lesson_back.triggered.connect(self._lesson_key_back)
        self.act_lesson_next = QAction(self)
        self.act_lesson_next.setShortcut(QKeySequence(Qt.Key_PageDown))
        self.act_lesson_next.triggered.connect(self._lesson_key_next)
        for a in (self.act_mark_prev, self.act_mark_next, self.act_lesson_back, self.act_lesson_next):
            a.setShortcutContext(Qt.ApplicationShortcut)
            self.addAction(a)
            self.menu_sim.addAction(a)

        tb = QToolBar()
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.toolbar = tb
        self.btn_drawer = QPushButton()
        self.btn_drawer.setCheckable(True)
        self.btn_drawer.clicked.connect(self.set_drawer)
        self.btn_play = QPushButton()
        self.btn_play.clicked.connect(self.toggle_play)
        self.btn_step = QPushButton()
        self.btn_step.clicked.connect(self.step)
        self.btn_reset = QPushButton()
        self.btn_reset.clicked.connect(self.reset)
        for b in (self.btn_drawer, self.btn_play, self.btn_step, self.btn_reset):
            b.setMinimumHeight(34)
            b.setFocusPolicy(Qt.NoFocus)
            tb.addWidget(b)
        self.addToolBar(tb)

    def _build_layout(self) -> None:
        scroll = QScrollArea()
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(250)
        scroll.setMaximumWidth(460)
        self.drawer = scroll

        self.stats_bar = StatsBar(self.stat_names, self.stats)

        stage_box = QWidget()
        sb = QVBoxLayout(stage_box)
        sb.setContentsMargins(0, 0, 0, 0)
        sb.setSpacing(0)
        sb.addWidget(self.stage, 1)
        sb.addWidget(self.timeline)
        split_v = QSplitter(Qt.Vertical)
        split_v.addWidget(stage_box)
        split_v.addWidget(self.chart)
        split_v.setStretchFactor(0, 3)
        split_v.setStretchFactor(1, 1)
        split_v.setSizes([600, 200])
        split_v.setChildrenCollapsible(False)
        self.split_v = split_v
        self.banner = QFrame()
        self.banner.setStyleSheet("QFrame { background: #FFF4EC; border: 2px solid #D55E00; }"
                                  "QLabel { border: none; }")
        bl = QHBoxLayout(self.banner)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_reset = QPushButton()
        self.banner_reset.clicked.connect(self.reset)
        bl.addWidget(self.banner_text, 1)
        bl.addWidget(self.banner_reset)
        self.banner.hide()
        middle = QWidget()
        mv = QVBoxLayout(middle)
        mv.setContentsMargins(0, 0, 0, 0)
        mv.setSpacing(2)
        mv.addWidget(self.banner)
        mv.addWidget(self.stats_bar)
        mv.addWidget(split_v, 1)
        mv.addWidget(self.legend)
        self.legend.hide()
        self.middle_layout = mv

        right = QWidget()
        vb = QVBoxLayout(right)
        vb.setContentsMargins(0, 0, 0, 0)
        self.code_title = QLabel()
        self.code_title.setStyleSheet("font-weight: bold;")
        vb.addWidget(self.code_title)
        vb.addWidget(self.code, 1)
        self.verdict_line = QFrame()
        self.verdict_line.setFrameShape(QFrame.HLine)
        vb.addWidget(self.verdict_line)
        vb.addWidget(self.verdict)
        self.right_layout = vb

        split = QSplitter(Qt.Horizontal)
        split.addWidget(scroll)
        split.addWidget(middle)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        split.setChildrenCollapsible(False)
        self.split = split
        self.setCentralWidget(split)

    def _name_widgets(self) -> None:
        """Stable objectName and accessibleName on every control and view (tests, screen readers)."""
        c = self.controls
        names = {
            "preset": c.preset, "handler": c.variant, "checks": c.checks, "capacityDone": c.cap_done,
            "capacityQuit": c.cap_quit, "rate": c.rate, "failProbability": c.fail_prob, "badIpShare": c.bad_ip,
            "failingChecks": c.fail_list, "overlapping": c.concurrent, "seed": c.seed, "speed": c.speed,
            "play": self.btn_play, "step": self.btn_step, "reset": self.btn_reset, "drawer": self.btn_drawer,
            "stage": self.stage, "strandedCount": self.stats["stranded"], "memoryChart": self.chart,
            "codePanel": self.code, "verdict": self.verdict, "timeline": self.timeline, "legend": self.legend,
            "controlsDrawer": self.drawer, "simulatedTime": self.stats["time"], "liveCount": self.stats["live"],
            "leakRate": self.stats["rate"], "memoryInOneHour": self.stats["hour"],
            "requestCount": self.stats["requests"], "codeTitle": self.code_title,
        }
        for name, w in names.items():
            w.setObjectName(name)
            w.setAccessibleName(name)

    # -- fitting the screen --

    def _fit_to_screen(self, size: tuple[int, int] | None) -> None:
        """Open at ``size`` device pixels, else at a size that fits the screen's free area."""
        screen = self.screen()
        dpr = screen.devicePixelRatio() if screen is not None else 1.0
        if size is not None:
            w, h = round(size[0] / dpr), round(size[1] / dpr)
            self.setMinimumSize(min(MIN_SIZE.width(), w), min(MIN_SIZE.height(), h))
            self.resize(w, h)
        else:
            avail = screen.availableGeometry() if screen is not None else None
            if avail is None or avail.width() < MIN_SIZE.width():
                w, h = DEFAULT_SIZE.width(), DEFAULT_SIZE.height()
            else:
                # leave room for a window manager's frame; a small screen gets all of it
                w = min(DEFAULT_SIZE.width(), avail.width() - (0 if avail.width() <= 1366 else 40))
                h = min(DEFAULT_SIZE.height(), avail.height() - (0 if avail.height() <= 800 else 60))
            self.resize(max(w, self.minimumWidth()), max(h, self.minimumHeight()))
        self.set_drawer(self.width() >= DRAWER_MIN_WIDTH)

    def resizeEvent(self, e) -> None:  # noqa: N802
        super().resizeEvent(e)
        if self.presenting and e.oldSize().height() != e.size().height():
            self.set_zoom(self.user_zoom)  # the presenter's enlargement follows the height
        self._balance()

    def showEvent(self, e) -> None:  # noqa: N802
        super().showEvent(e)
        self._balance()

    def _balance(self) -> None:
        """Share the width between drawer, stage and code: the code gets what its lines need."""
        total = self.split.width() or self.width()
        need = self.controls.sizeHint().width() + self.drawer.verticalScrollBar().sizeHint().width() + 8
        drawer = min(max(need + 30, 300), 460, total // 3) if self.drawer.isVisible() else 0
        lesson = self.lesson_panel is not None and self.lesson_panel.isVisible()
        lesson_w = min(340, max(240, total // 5)) if lesson else 0
        rest = total - drawer - lesson_w
        if self.presenting:  # about 470-570 px carry the longest handler at 18 px; wider screens give the stage more
            code = max(int(rest * 0.38), min(int(rest * 0.46), 570))
        else:
            code = int(rest * 0.36)
        sizes = [drawer, rest - code, code]
        self.split.setSizes([lesson_w, *sizes] if self.lesson_panel is not None else sizes)

    def set_drawer(self, on: bool) -> None:
        """Open or close the control drawer (F9); the stage and code take its room."""
        on = bool(on) and not self.presenting
        self.drawer.setVisible(on)
        self.act_drawer.setChecked(on)
        self.btn_drawer.setChecked(on)
        self._balance()

    def set_zoom(self, factor: float) -> None:
        """Zoom every font of the window: widgets, stage, chart, timeline and code."""
        global _BASE_FONT
        app = QApplication.instance()
        if _BASE_FONT is None:
            _BASE_FONT = QFont(app.font())
        self.user_zoom = set_zoom(factor)
        # presenter mode on a tall screen enlarges everything with the height, so 1080p reads like 768p
        boost = max(1.0, min(1.6, self.height() / 800)) if self.presenting else 1.0
        z = set_zoom(self.user_zoom * boost)
        f = QFont(_BASE_FONT)
        if f.pointSizeF() > 0:
            f.setPointSizeF(f.pointSizeF() * z)
        else:
            f.setPixelSize(max(7, round(f.pixelSize() * z)))
        app.setFont(f)
        self.setFont(f)
        big = QFont(f)
        big.setPointSizeF(f.pointSizeF() * 1.4)
        big.setBold(True)
        for lab in self.stats.values():
            lab.setFont(big)
        vf = QFont(f)
        vf.setPointSizeF(f.pointSizeF() * 1.2)
        self.verdict.setFont(vf)
        for w in (self.stage, self.chart, self.timeline, self.code, self.legend):
            w.updateGeometry()
            w.update()
        self.timeline.setFixedHeight(self.timeline.sizeHint().height())
        self.stats_bar.regrid()
        if hasattr(self, "split"):
            self._balance()
        if self.statusBar().isVisible():
            self.statusBar().showMessage(self.tr("Zoom {z} %").format(z=round(self.user_zoom * 100)), 2000)

    def set_presenter(self, on: bool) -> None:
        """Presenter mode (F5): controls, menus and status bar hidden; big code; the legend on screen."""
        self.presenting = bool(on)
        self.act_present.setChecked(self.presenting)
        for w in (self.menuBar(), self.toolbar, self.statusBar()):
            w.setVisible(not self.presenting)
        self.drawer.setVisible(False if self.presenting else self.width() >= DRAWER_MIN_WIDTH)
        self.legend.setVisible(self.presenting)
        self.code.base_px = 32.0 if self.presenting else 24.0
        self.code.floor_px = 18.0 if self.presenting else 0.0
        # the verdict goes under the stage so the code can have the whole height
        if self.presenting:
            self.middle_layout.addWidget(self.verdict)
        else:
            self.right_layout.addWidget(self.verdict)
        self.verdict_line.setVisible(not self.presenting)
        self.code_title.setVisible(not self.presenting)
        self.split_v.setSizes([600, 150] if self.presenting else [600, 200])
        self.set_zoom(self.user_zoom)
        self.set_drawer(self.drawer.isVisible())

    # -- language --

    def set_language(self, code: str) -> None:
        self.lang = i18n.install(code)
        if self.lang in self.lang_actions:
            self.lang_actions[self.lang].setChecked(True)
        self.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("leakviz: goroutine leaks, made visible"))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_sim.setTitle(self.tr("&Simulation"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_lang.setTitle(self.tr("&Language"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.act_step.setText(self.tr("&Step to next event"))
        self.act_back.setText(self.tr("Step &back one event"))
        self.act_live.setText(self.tr("Back to &live"))
        self.timeline.retranslate()
        self.act_reset.setText(self.tr("&Reset"))
        self.act_open.setText(self.tr("&Open a saved run…"))
        self.act_dump.setText(self.tr("Open &dump…"))
        self.act_go.setText(self.tr("Open &Go…"))
        self.menu_go_examples.setTitle(self.tr("Go e&xamples"))
        from .gostage import fill_examples_menu
        fill_examples_menu(self.menu_go_examples, lambda path: self.open_go([path]))
        self.act_save.setText(self.tr("&Save this run…"))
        self.act_shot.setText(self.tr("Export the view as &PNG…"))
        self.act_csv.setText(self.tr("Export the metrics as &CSV…"))
        self.act_json.setText(self.tr("Export the report as &JSON…"))
        self.act_gif.setText(self.tr("Export the last seconds as animated &GIF…"))
        self.act_quit.setText(self.tr("&Quit"))
        self.act_full.setText(self.tr("&Full screen"))
        self.act_compare.setText(self.tr("&Compare side by side: unbuffered | buffered | context"))
        self.act_explore.setText(self.tr("Capacity &explorer…"))
        if getattr(self, "_explorer", None) is not None:
            self._explorer.retranslate()
        self.act_about.setText(self.tr("&About leakviz"))
        self.act_lesson.setText(self.tr("Guided &lesson"))
        self.act_mark_prev.setText(self.tr("Previous mark on the timeline"))
        self.act_mark_next.setText(self.tr("Next mark on the timeline"))
        self.act_lesson_back.setText(self.tr("Lesson: back"))
        self.act_lesson_next.setText(self.tr("Lesson: show me, then next"))
        if self.lesson_panel is not None:
            self._lesson_show(revealed=self.lesson_panel.btn_next.isEnabled())
        self.btn_drawer.setText(self.tr("☰ Settings"))
        self.btn_drawer.setToolTip(self.tr("Show or hide the settings drawer (F9)"))
        self.act_drawer.setText(self.tr("Settings &drawer"))
        self.act_present.setText(self.tr("P&resenter mode"))
        self.act_zoom_in.setText(self.tr("Zoom &in"))
        self.act_zoom_out.setText(self.tr("Zoom &out"))
        self.act_zoom_reset.setText(self.tr("&Actual size"))
        self.legend.retranslate()
        self.code.retranslate()
        self.stage.retranslate()
        self.chart.retranslate()
        self.btn_step.setText(self.tr("Step ▸|"))
        self.btn_step.setToolTip(self.tr("Advance to the next event and pause (→ or .)"))
        self.btn_reset.setText(self.tr("Reset ⟲"))
        self.btn_reset.setToolTip(self.tr("Start the run over with the current settings (Ctrl+R)"))
        self.code_title.setText(self.tr("The handler's Go code"))
        names = {"time": self.tr("Simulated time"), "live": self.tr("Live goroutines"),
                 "stranded": self.tr("Stranded"), "rate": self.tr("Leaking goroutines"),
                 "hour": self.tr("In one hour at this rate"), "requests": self.tr("Requests")}
        for k, lab in self.stat_names.items():
            lab.setText(names[k])
        self.stats["hour"].setToolTip(self.tr("What the stranded goroutines would hold in Go after an hour, "
                                              "if they keep leaking at the current rate."))
        self.controls.retranslate()
        self._update_banner()
        self._update_play_text()
        self._update_verdict()
        self.stage.update()
        self.chart.update()
        self.code.update()

    # -- intent --

    def toggle_play(self) -> None:
        if self.review is not None:  # replaying history from the playhead
            self._replaying = not self._replaying
            self._update_play_text()
            return
        if self.session.playing:
            self.session.pause()
        else:
            if self.session.finished:
                self.reset()
            self.session.play()
        self._update_play_text()

    def step(self) -> None:
        if self.review is not None:  # one event forward in history
            self._replaying = False
            self._review_to(self.review.seq + 1)
            return
        if not self.session.step():
            self.statusBar().showMessage(self.tr("Nothing left to happen: every goroutine has finished "
                                                 "or is blocked forever."), 5000)
        self.refresh()

    def open_compare(self) -> None:
        """The classic three-way comparison on this run's request stream, in its own window."""
        from ..core.compare import classic
        from .compare import CompareWindow
        if getattr(self, "_compare", None) is not None and self._compare.isVisible():
            self._compare.raise_()
            return
        self._compare = CompareWindow(classic(self.session.cfg), speed=self.session.speed)
        self._compare.show()
        self._compare.compare.play()

    def open_explorer(self):
        """The capacity explorer for the current handler and failure pattern; a click sets the capacities."""
        from .explorer import ExplorerWindow
        if getattr(self, "_explorer", None) is None:
            self._explorer = ExplorerWindow()
            self._explorer.capacities_chosen.connect(self._explorer_chose)
        self._explorer.explore(self.session.cfg)
        self._explorer.show()
        self._explorer.raise_()
        return self._explorer

    def _explorer_chose(self, capacity_done: int, capacity_quit: int) -> None:
        self.controls.cap_done.setValue(capacity_done)
        self.controls.cap_quit.setValue(capacity_quit)

    def screenshot_explorer(self, path: Path) -> bool:
        """Compute the whole explorer grid, save it as a PNG, quit."""
        ex = self.open_explorer()
        ex.run_all()
        ok = ex.grab().save(str(path), "PNG")
        QTimer.singleShot(0, self.close)
        return ok

    # -- the guided lesson (steps and conditions: visualizer.lesson) --

    def start_lesson(self) -> None:
        """Open the lesson panel at step 1, paused."""
        from .lesson import LessonPanel
        if self.lesson_panel is None:
            self.lesson_panel = LessonPanel()
            self.lesson_panel.back.connect(lambda: self.lesson_go(self.lesson_index - 1, revealed=True))
            self.lesson_panel.next.connect(self._lesson_next)
            self.lesson_panel.reveal.connect(self.lesson_reveal)
            self.split.insertWidget(0, self.lesson_panel)
        self.lesson_panel.show()
        self.set_drawer(False)  # also shares the width out again, the lesson panel included
        self.lesson_go(0)

    def lesson_go(self, k: int, revealed: bool = False) -> None:
        """Show step ``k`` before its reveal (replaying the run up to it), or after it."""
        from ..lesson import STEPS, advance, step_config
        k = max(0, min(k, len(STEPS) - 1))
        chain = k
        while chain > 0 and not STEPS[chain].restart:  # the steps since the last fresh run
            chain -= 1
        self.session.pause()
        self.restart_with(step_config(STEPS[chain]))
        self._lesson_facts = {}
        pos = 0
        for j in range(chain, k):
            pos = advance(self.session.rt, STEPS[j], pos)
            self._lesson_note(STEPS[j].key, pos)
        self._lesson_pos = pos
        self.lesson_index = k
        self._lesson_moment(pos)
        self._lesson_show(revealed=False)
        if revealed:
            self.lesson_reveal()

    def lesson_reveal(self) -> None:
        """Run to the step's condition, stop exactly there, and say what the engine did."""
        from ..lesson import STEPS, advance
        step = STEPS[self.lesson_index]
        self.session.pause()
        pos = advance(self.session.rt, step, self._lesson_pos)
        self._lesson_note(step.key, pos)
        self._lesson_pos = pos
        self._lesson_moment(pos)
        self._lesson_show(revealed=True)

    def _lesson_next(self) -> None:
        from ..lesson import STEPS, step_config
        k = self.lesson_index + 1
        if k >= len(STEPS):  # done: back to the ordinary window
            self.lesson_panel.hide()
            self._balance()
            self.go_live()
            return
        self.lesson_index = k
        if STEPS[k].restart:
            self.restart_with(step_config(STEPS[k]))
            self._lesson_pos = 0
            self._lesson_moment(0)
        self._lesson_show(revealed=False)

    def _lesson_key_back(self) -> None:
        panel = self.lesson_panel
        if panel is not None and panel.isVisible() and panel.btn_back.isEnabled():
            self.lesson_go(self.lesson_index - 1, revealed=True)

    def _lesson_key_next(self) -> None:
        panel = self.lesson_panel
        if panel is None or not panel.isVisible():
            return
        if panel.btn_reveal.isEnabled():
            self.lesson_reveal()
        elif panel.btn_next.isEnabled():
            self._lesson_next()

    def _lesson_moment(self, pos: int) -> None:
        """Show the run right after event ``pos - 1``: where the condition held, not a frame later."""
        self.session.snapshot()
        if pos > 0:
            self.seek(pos)
        else:
            self.go_live()

    def _lesson_note(self, key: str, pos: int) -> None:
        rt = self.session.rt
        e = rt.trace.events[pos - 1] if pos > 0 else None
        self._lesson_facts[key + ":t"] = rt.now if e is None else e[0]
        if key in ("wait", "stranded") and e is not None and e[1] in ("park", "stranded"):
            g = rt.goroutines.get(e[2])
            if g is not None:
                self._lesson_facts[key] = (g.req, g.idx, g.gid)
        elif key == "return" and e is not None:
            self._lesson_facts[key] = e[2]

    def _lesson_show(self, revealed: bool) -> None:
        from ..lesson import STEPS
        step = STEPS[self.lesson_index]
        captions = {
            "wait": self.tr("A request arrives and starts its check goroutines. Watch for the first check "
                            "that has to wait at its send."),
            "return": self.tr("The handler returns at the first check that fails. Watch for the first "
                              "early return."),
            "stranded": self.tr("After that return nobody receives from that request's channels. Watch for the "
                                "first goroutine that can never continue."),
            "memory": self.tr("Every stranded goroutine keeps its stack. Let the requests run for ten "
                              "simulated seconds."),
            "buffered": self.tr("The article's fix: done and quit hold 10 values each, one for every check."),
            "too-small": self.tr("A buffer too small: done holds 3 values and quit holds 1."),
            "context": self.tr("The idiomatic fix: every send also waits on ctx.Done(), which is closed when "
                               "the handler returns."),
        }
        question = None
        if step.key == "stranded":
            question = self.tr("How many of request #{req}'s {n} checks will be stranded?").format(
                req=self._lesson_facts.get("return", "?"), n=self.session.cfg.checks)
        elif step.key == "memory":
            question = self.tr("How many goroutines will be stranded after ten seconds?")
        elif step.question:
            question = self.tr("With this code, how many goroutines will be stranded after ten seconds?")
        self.lesson_panel.show_step(self.lesson_index, len(STEPS), captions[step.key], question)
        if revealed:
            self.lesson_panel.show_result(self._lesson_result(step))

    def lesson_answer(self) -> int | None:
        """The engine's number for the current step's prediction (None for a step without one)."""
        from ..lesson import request_fate
        key = self._lesson_key()
        if key == "stranded":
            req = self._lesson_facts.get("return")
            return None if req is None else request_fate(self.session.cfg, req, self.session.rt.now)
        if key in ("memory", "buffered", "too-small", "context"):
            return self.session.rt.stranded
        return None

    def _lesson_key(self) -> str:
        from ..lesson import STEPS
        return STEPS[self.lesson_index].key

    def _lesson_result(self, step) -> str:
        f = self._lesson_facts
        t = f"{f.get(step.key + ':t', 0) / 1e9:,.3f}"
        you = self.lesson_panel.answer.value()
        n = self.lesson_answer()
        if step.key == "wait" and "wait" in f:
            req, idx, _g = f["wait"]
            return self.tr("Check {i} of request #{req} finished its work at {t} s and waits at its send: the "
                           "handler takes one value at a time, and a send on an unbuffered channel waits "
                           "for it.").format(i=idx, req=req, t=t)
        if step.key == "return" and "return" in f:
            return self.tr("Request #{req}'s handler returned 403 at {t} s. From now on nobody receives from "
                           "its done and quit.").format(req=f["return"], t=t)
        if step.key == "stranded":
            return self.tr("The engine: <b>{n}</b> of request #{req}'s checks end stranded (you said {a}). Every "
                           "check that finished after its handler returned blocks on a send nobody will ever "
                           "receive.").format(n=n, req=f.get("return", "?"), a=you)
        if step.key == "memory":
            snap = self.session.snapshot()
            return self.tr("The engine: <b>{n}</b> stranded after ten seconds (you said {a}). Go would hold {b} "
                           "for them, and it only grows: they stay until the process dies.").format(
                n=f"{n:,}", a=you, b=human_bytes(snap.go_bytes))
        if n is not None:
            return self.tr("The engine: <b>{n}</b> stranded after ten seconds (you said {a}).").format(
                n=f"{n:,}", a=you) + "<br>" + verdict_text(self.session.cfg)
        return self.tr("Nothing like that happened within a simulated minute.")

    def jump_mark(self, direction: int) -> None:
        """Seek to the previous (-1) or next (+1) mark on the timeline."""
        cur = self.review.seq if self.review is not None else self.session.folder.seq
        marks = sorted(i for i, _what in self.session.folder.marks)
        if direction > 0:
            nxt = next((i for i in marks if i + 1 > cur), None)
        else:
            nxt = next((i for i in reversed(marks) if i + 1 < cur), None)
        if nxt is not None:
            self.seek(nxt + 1)

    def step_back(self) -> None:
        """One event back (pauses; the view shows that moment)."""
        self._replaying = False
        cur = self.review.seq if self.review is not None else self.session.folder.seq
        self.seek(cur - 1)

    def seek(self, index: int) -> None:
        """Show the moment after event ``index``: stage, chart, counters and code."""
        first, end = self.session.seekable()
        if index >= end and self.review is not None and not self._replaying:
            self.review = self.session.folder_at(end)
        else:
            self.review = self.session.folder_at(index)
        self._update_play_text()
        self.refresh()

    def go_live(self) -> None:
        self.review = None
        self._replaying = False
        self.refresh()

    def _review_to(self, index: int) -> None:
        _first, end = self.session.seekable()
        index = min(index, end)
        if index < self.review.seq:
            self.review = self.session.folder_at(index)
        else:
            self.review.feed(self.session.rt.trace.events, upto=index)
        if index >= end and self._replaying:  # caught up: the live run goes on from here
            self.go_live()
            self.session.play()
            return
        self.refresh()

    def reset(self) -> None:
        """Start over with the settings the controls show (Ctrl+R)."""
        self.review = None
        self._replaying = False
        try:
            cfg = self.controls.config()
        except ConfigError as e:  # an invalid field says so inline; the run restarts as it was
            self.controls.show_error(str(e))
            cfg = None
        self.session.reset(cfg)
        self.code.set_config(self.session.cfg)
        self._update_verdict()
        self.stage._pos.clear()
        self.statusBar().showMessage(self.tr("Run restarted."), 3000)
        self.refresh()

    def choose_preset(self, name: str) -> None:
        if name not in PRESETS:
            return
        self.review = None
        self._replaying = False
        self.preset_name = name
        cfg = PRESETS[name]
        self.controls.set_config(cfg)
        self.controls.set_preset(name)
        self.session.reset(cfg)
        self.code.set_config(cfg)
        self.stage._pos.clear()
        self.statusBar().showMessage(self.tr("Preset {name}: run restarted.").format(name=name), 4000)
        self._update_verdict()
        self.refresh()

    def restart_with(self, cfg: Config) -> None:
        """Start the run over with ``cfg``, shown in the controls, code and verdict."""
        self.review = None
        self._replaying = False
        self.controls.set_config(cfg)
        self.session.reset(cfg)
        self.code.set_config(self.session.cfg)
        self.controls.preset.setCurrentIndex(self.controls.preset.findData(
            preset_of(self.session.cfg)))
        self.stage._pos.clear()
        self._update_verdict()
        self.refresh()

    def _config_changed(self, cfg: Config) -> None:
        self.review = None
        self._replaying = False
        nxt = self.snap.requests_total if self.snap else 0
        how = self.session.update(cfg)
        if getattr(self, "_explorer", None) is not None:
            self._explorer.set_current(self.session.cfg.capacity_done, self.session.cfg.capacity_quit)
        self.code.set_config(self.session.cfg)
        # the preset box names a preset only while the settings are that preset's
        self.controls.preset.setCurrentIndex(self.controls.preset.findData(
            preset_of(self.session.cfg)))
        if how == "live":
            msg = self.tr("Applies to requests from #{n} on; requests in flight keep their settings.").format(n=nxt)
        else:
            self.stage._pos.clear()
            msg = self.tr("Run restarted with the new settings.")
        self.statusBar().showMessage(msg, 6000)
        self._update_verdict()
        self.refresh()

    def _speed_changed(self, speed: float | None) -> None:
        self.session.set_speed(speed)
        self.statusBar().showMessage(self.tr("Speed: {s}").format(
            s=self.tr("max") if speed is None else f"{speed:g}×"), 3000)

    # -- rendering --

    def refresh(self) -> None:
        try:
            live = self.session.snapshot(budget_s=0.003)
            if self.review is not None and self._replaying:
                self._advance_replay()
            snap = live if self.review is None else self.review.snapshot()
        except Exception as exc:  # the fold must never take the window down
            self.show_error(exc)
            return
        first, end = self.session.seekable()
        self.timeline.set_state(first=first, end=end, head=None if self.review is None else self.review.seq,
                                head_t=snap.t, marks=self.session.folder.marks)
        self.snap = snap
        self.stage.set_snapshot(snap)
        self.chart.set_snapshot(snap)
        if snap.versions and len(self.code.versions) != len(snap.versions) + 1 and self.review is None:
            self.code.set_versions(self.session.start_cfg, snap)  # a mid-run change: split counts by version
        self.code.set_snapshot(snap)
        self.legend.show_earlier(bool(self.code.earlier or self.code.earlier_rows))
        self._update_stats(snap)
        if snap.versions:
            self._update_verdict()
        self._update_play_text()
        if self.session.ceiling_hit != self.banner.isVisible():
            self.banner.setVisible(self.session.ceiling_hit)
            self._update_banner()
        if snap.panic and snap.panic != "shut down":
            self.statusBar().showMessage(self.tr("panic: {msg} (goroutine {g}): the simulated program "
                                                 "stopped, as Go would.").format(msg=snap.panic, g=snap.panic_gid))
        self.frame_rendered.emit()
        if self._screenshot is not None:
            path, until = self._screenshot
            # the ceiling stops the run short of ``until``: the picture is of the banner then
            at_ceiling = self.session.ceiling_hit and self.session.backlog() == 0
            if snap.t >= until or self.session.finished or at_ceiling:
                self._screenshot = None
                self._finish_screenshot(path)

    def _advance_replay(self) -> None:
        """Replay history at the chosen speed from the playhead."""
        events = self.session.rt.trace.events
        _first, end = self.session.seekable()
        speed = self.session.speed
        f = self.review
        if speed is None:
            target = min(end, f.seq + 4000)
        else:
            t_to = f.t + int(FRAME_MS / 1000 * speed * 1e9)
            target = f.seq
            while target < end and target - f.seq < 20_000 and events[target][0] <= t_to:
                target += 1
            f.t = max(f.t, t_to) if target < end else f.t
        f.feed(events, upto=target)
        if target >= end:
            self._replaying = False
            self.review = None
            self.session.play()

    def _update_stats(self, snap: Snapshot) -> None:
        rate = leak_rate(snap)
        # the stranded count is bare digits: suites outside read it as a number (objectName strandedCount)
        values = {"time": f"{snap.t / 1e9:,.3f} s", "live": f"{snap.live:,}", "stranded": str(snap.stranded),
                  "rate": f"+{rate.per_s:,.1f}/s", "hour": human_bytes(rate.bytes_in_an_hour),
                  "requests": f"{snap.requests_total:,}"}
        for k, text in values.items():
            if self.stats[k].text() != text:  # an unchanged label costs no relayout
                self.stats[k].setText(text)
        red = "color: #D55E00;" if snap.stranded else ""
        if self.stats["stranded"].styleSheet() != red:
            self.stats["stranded"].setStyleSheet(red)

    def _update_banner(self) -> None:
        self.banner_text.setText(self.tr(
            "<b>Paused at {n} live goroutines.</b> This is the leak at work: in Go every stranded goroutine "
            "stays until the process dies. leakviz stops here so that it does not eat this computer's "
            "memory too (set the ceiling with --max-live).").format(n=f"{self.session.max_live:,}"))
        self.banner_reset.setText(self.tr("Reset ⟲"))

    def _update_play_text(self) -> None:
        playing = self._replaying if self.review is not None else self.session.playing
        text = self.tr("Pause ❚❚") if playing else self.tr("Play ▶")
        self.btn_play.setText(text)
        self.act_play.setText(self.tr("&Pause") if playing else self.tr("&Play"))
        self.btn_play.setToolTip(self.tr("Play or pause the simulation (Space)"))

    def _update_verdict(self) -> None:
        text = verdict_text(self.session.cfg)
        snap = self.snap
        if snap is not None and snap.versions and self.review is None:
            # the verdict is about the code now; goroutines the earlier code stranded stay stranded
            cur = len(snap.versions)
            now = sum(n for (v, _site), n in snap.stranded_by_version if v == cur)
            if snap.stranded - now:
                text += "<br>" + self.tr("Requests before #{n} ran the earlier code: their {k} stranded "
                                         "goroutines stay stranded.").format(n=snap.versions[-1][2],
                                                                             k=f"{snap.stranded - now:,}")
        if self.verdict.text() != text:
            self.verdict.setText(text)

    # -- errors --

    def show_error(self, exc: BaseException) -> None:
        """An exception in our own code: log it whole, tell the user in one line."""
        log.error("internal error", exc_info=(type(exc), exc, exc.__traceback__))
        text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        self.statusBar().showMessage(self.tr("Internal error (logged): {e}").format(e=text))

    # -- screenshots --

    def start_screenshot(self, path: Path, sim_seconds: float) -> None:
        """Run ``sim_seconds`` as fast as frames render, save a PNG, quit."""
        self._screenshot = (path, int(sim_seconds * 1e9))
        self.session.set_speed(None)
        self.controls.set_speed(None)
        self.session.run_until(int(sim_seconds * 1e9))

    def save_png(self, path: Path) -> bool:
        self.session.snapshot()  # fold everything first: the picture must not lag the run
        self.refresh()
        self.stage.animate = False  # draw markers where they are, not on their way
        self.stage.repaint()
        from ..core.export import ExportError
        from .export import save_image_png
        try:
            save_image_png(self.grab_image(), path)  # atomic, never over a device
            ok = True
        except ExportError as e:
            log.error("%s", e)
            ok = False
        self.stage.animate = True
        return ok

    def grab_image(self):
        """The window as an image in device pixels: exactly ``--size`` when one was asked for."""
        img = self.grab().toImage()
        if self.requested_size is not None:
            w, h = self.requested_size
            if (img.width(), img.height()) != (w, h):  # a fractional scale factor rounds the window by a pixel
                img = img.scaled(w, h, Qt.IgnoreAspectRatio, Qt.SmoothTransformation)
        img.setDevicePixelRatio(1.0)
        return img

    def _finish_screenshot(self, path: Path) -> None:
        self.session.pause()
        ok = self.save_png(path)
        if not ok:  # save_png has said why
            self.exit_code = 1
        QTimer.singleShot(0, self.close)

    # -- exports --

    def _ask_path(self, kind: str, then) -> None:
        names = {"csv": self.tr("CSV files (*.csv)"), "json": self.tr("JSON files (*.json)"),
                 "gif": self.tr("GIF images (*.gif)"), "leakviz-run": self.tr("leakviz runs (*.leakviz-run)")}
        dlg = QFileDialog(self, self.tr("Export"), f"leakviz.{kind}", names[kind])
        dlg.setAcceptMode(QFileDialog.AcceptSave)
        dlg.setDefaultSuffix(kind)
        dlg.fileSelected.connect(lambda p: then(Path(p)))
        dlg.open()  # not exec(): a nested loop would stall qasync

    def save_run(self, path: Path) -> bool:
        """The run's starting config and every event, to open again later."""
        from ..core import runfile
        self.session.snapshot()
        try:
            runfile.save(path, config=self.session.start_cfg, events=self.session.rt.trace.events)
        except runfile.RunFileError as e:
            self.statusBar().showMessage(str(e), 10000)
            return False
        self.statusBar().showMessage(self.tr("Saved the run to {p}").format(p=path), 5000)
        return True

    def open_run(self, path: Path) -> bool:
        """Show a saved run: same config, same trace, same picture; seek it with the timeline."""
        from ..core import runfile
        try:
            rec = runfile.load(path)
        except runfile.RunFileError as e:
            self.statusBar().showMessage(str(e), 10000)
            return False
        self.show_recording(path, rec)
        return True

    def show_recording(self, path: Path, rec) -> None:
        """Show a run already read from ``path`` (a ``runfile.Recording``)."""
        self.review = None
        self._replaying = False
        self.stage._pos.clear()
        self.session.load(rec.config, rec.events)
        self.controls.set_config(rec.config)
        self.controls.preset.setCurrentIndex(self.controls.preset.findData(
            preset_of(rec.config)))
        self.code.set_config(rec.config)
        self._update_verdict()
        self.refresh()
        self.statusBar().showMessage(self.tr("Opened {p}: {n} events. Drag the timeline to replay it.").format(
            p=path, n=f"{len(rec.events):,}"), 8000)

    def open_go(self, paths: list[str] | None = None):
        """A Go program in the generic stage's window; with no ``paths``, ask for a file."""
        from .gostage import GoWindow
        self.go_window = GoWindow(paths)
        self.go_window.show()
        if not paths:
            self.go_window._open_dialog()
        return self.go_window

    def dragEnterEvent(self, e) -> None:  # noqa: N802
        from .gostage import go_paths_of
        if go_paths_of(e.mimeData()):
            e.acceptProposedAction()

    def dropEvent(self, e) -> None:  # noqa: N802
        from .gostage import go_paths_of
        paths = go_paths_of(e.mimeData())
        if paths:
            self.open_go(paths)
            e.acceptProposedAction()

    def _open_dump(self) -> None:
        """A real Go program's goroutine dump, in its own window (gui/dumpview.py)."""
        from .dumpview import DumpWindow
        self.dump_window = DumpWindow()
        self.dump_window.show()
        self.dump_window._browse()

    def _open_dialog(self) -> None:
        dlg = QFileDialog(self, self.tr("Open a saved run"), "", self.tr("leakviz runs (*.leakviz-run)"))
        dlg.setFileMode(QFileDialog.ExistingFile)
        dlg.fileSelected.connect(lambda p: self.open_run(Path(p)))
        dlg.open()

    def export_csv(self, path: Path) -> bool:
        from ..core.export import ExportError, metrics_rows, write_csv
        try:
            n = write_csv(path, metrics_rows(self.session.rt.trace.events))
        except ExportError as e:
            self.statusBar().showMessage(str(e), 8000)
            return False
        self.statusBar().showMessage(self.tr("Wrote {n} rows to {p}").format(n=n, p=path), 5000)
        return True

    def export_json(self, path: Path) -> bool:
        from ..core.export import ExportError, write_json
        from ..core.report import report as make_report
        snap = self.session.snapshot()
        report = make_report(self.session.cfg, self.session.rt, snap, max_live=self.session.max_live)
        try:
            write_json(path, report)
        except ExportError as e:
            self.statusBar().showMessage(str(e), 8000)
            return False
        self.statusBar().showMessage(self.tr("Wrote the report to {p}").format(p=path), 5000)
        return True

    def export_gif(self, path: Path, seconds: float = 2.0) -> None:
        """The last ``seconds`` of what this run recorded, replayed into an
        animated GIF (progress shown, cancellable). The work is done in
        slices of at most ``GIF_SLICE_S`` per timer tick, frames go straight
        to the file: the window stays responsive and memory flat."""
        from PySide6.QtWidgets import QProgressDialog

        from ..core.export import ExportError
        from .export import GifWriter, frames_of_trace
        self.session.pause()
        self.session.snapshot()  # fold everything recorded so far: that is what the GIF shows
        end = self.session.folder.t
        start = max(0, end - int(seconds * 1e9))
        fps, speed = 10.0, 0.25
        total = int((end - start) / 1e9 / speed * fps) + 1
        try:
            gif = GifWriter(path, fps=fps)
        except (ExportError, ValueError) as e:
            self.statusBar().showMessage(str(e), 8000)
            return
        job = frames_of_trace(self.session, start_ns=start, end_ns=end, fps=fps, speed=speed, lang=self.lang)
        dlg = QProgressDialog(self.tr("Making the animation…"), self.tr("Cancel"), 0, total, self)
        dlg.setWindowTitle(self.tr("Export GIF"))
        dlg.setMinimumDuration(0)
        timer = QTimer(self)

        def finish(message: str) -> None:
            timer.stop()
            job.close()
            dlg.close()
            self._gif_job = None
            self.statusBar().showMessage(message, 6000)

        def tick() -> None:
            if dlg.wasCanceled():
                gif.abort()
                finish(self.tr("GIF export cancelled."))
                return
            deadline = time.perf_counter() + GIF_SLICE_S
            try:
                while time.perf_counter() < deadline:
                    frame = next(job, StopIteration)
                    if frame is StopIteration:
                        n = gif.close()
                        finish(self.tr("Wrote {n} frames to {p}").format(n=n, p=path))
                        return
                    if frame is not None:
                        gif.add(frame)
                        dlg.setValue(gif.frames)
                        return  # one frame a tick at most: a frame is the largest slice
            except ExportError as e:
                gif.abort()
                finish(str(e))

        timer.timeout.connect(tick)
        timer.start(0)
        dlg.open()
        self._gif_job = (timer, dlg, job, gif)  # keep them alive

    def _save_screenshot_dialog(self) -> None:
        dlg = QFileDialog(self, self.tr("Save screenshot"), "leakviz.png", self.tr("PNG images (*.png)"))
        dlg.setAcceptMode(QFileDialog.AcceptSave)
        dlg.setDefaultSuffix("png")
        dlg.fileSelected.connect(lambda p: self.save_png(Path(p)) or self.statusBar().showMessage(
            self.tr("Could not write {p}").format(p=p)))
        dlg.open()  # not exec(): a nested loop would stall qasync

    def _about(self) -> None:
        box = QMessageBox(QMessageBox.Information, self.tr("About leakviz"),
                          self.tr("leakviz shows how channel capacity, blocking sends and early returns "
                                  "strand goroutines and hold memory, on a simulated Go runtime."), parent=self)
        box.open()

    # -- shutdown --

    def closeEvent(self, event) -> None:  # noqa: N802
        self.timer.stop()
        if _BASE_FONT is not None:  # the zoom belongs to this window, not to the next one
            QApplication.instance().setFont(_BASE_FONT)
            set_zoom(1.0)
        self.session.stop()
        if getattr(self, "_compare", None) is not None:
            self._compare.close()
        if getattr(self, "_explorer", None) is not None:
            self._explorer.close()
        event.accept()
        self.closed.emit()


def verdict_text(cfg: Config) -> str:
    """The core's verdict (``core.verdict``), in one sentence a student understands."""
    v = verdict(cfg)
    translate = QCoreApplication.translate
    if v.reason == "select":
        return translate(
            "Verdict", "<b>Cannot leak.</b> Every send also waits on <code>{s}</code>, which the handler closes "
            "when it returns, so a check with nobody to receive its result gives up instead of "
            "blocking forever, whatever the capacities.").format(s=v.signal)
    if v.reason == "drain":
        return translate(
            "Verdict", "<b>Cannot leak.</b> When the handler returns early, a drain goroutine receives every "
            "result still to come, so every send completes.")
    if v.reason == "room":
        return translate(
            "Verdict", "<b>Cannot leak.</b> done holds {cd} and quit holds {cq}: room for every check that "
            "finishes after the handler has stopped listening (it needs at most {nd} and {nq}).").format(
            cd=v.capacity_done, cq=v.capacity_quit, nd=v.need_done, nq=v.need_quit)
    if v.reason == "unbuffered":
        return translate(
            "Verdict", "<b>Leaks.</b> The channels have no buffer, so a send waits for a receiver. After the "
            "first failing check the handler returns and nobody receives any more: every check that "
            "finishes later blocks forever. The smallest capacities that cannot leak here: "
            "done {nd}, quit {nq}.").format(nd=v.need_done, nq=v.need_quit)
    return translate(
        "Verdict", "<b>Leaks.</b> After the first failing check the handler returns and nobody receives any "
        "more: later checks fill the buffers (done holds {cd}, quit holds {cq}) and every one after that "
        "blocks forever. The smallest capacities that cannot leak here: done {nd}, quit {nq}.").format(
        cd=v.capacity_done, cq=v.capacity_quit, nd=v.need_done, nq=v.need_quit)


def app_font_setup(app: QApplication) -> None:
    """A larger base font: the window is meant for a projector too."""
    f = app.font()
    if f.pointSizeF() > 0:
        f.setPointSizeF(max(f.pointSizeF(), 11.0))
    app.setFont(f)


class StatsBar(QWidget):
    """The counters above the stage: one row when the width allows, else two or three."""

    def __init__(self, names: dict[str, QLabel], values: dict[str, QLabel]) -> None:
        super().__init__()
        self.names, self.values = names, values
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(8, 2, 8, 2)
        self.grid.setVerticalSpacing(0)
        self.grid.setHorizontalSpacing(12)
        for lab in names.values():
            lab.setWordWrap(True)
        self._cols = 0
        self.regrid()

    def _needed(self) -> int:
        """The width of the widest cell: a value at its widest plausible text, or a name's longest word."""
        w = max(v.fontMetrics().horizontalAdvance("1,024.0 MiB") for v in self.values.values())
        for lab in self.names.values():
            w = max(w, max((lab.fontMetrics().horizontalAdvance(word) for word in lab.text().split()), default=0))
        return w + 12

    def regrid(self) -> None:
        cols = len(self.values)
        need = self._needed()
        avail = max(1, self.width() - 16)
        while cols > 2 and cols * need > avail:
            cols = 3 if cols > 3 else 2
            if cols * need <= avail:
                break
        if cols == self._cols:
            return
        self._cols = cols
        for lab in list(self.names.values()) + list(self.values.values()):
            self.grid.removeWidget(lab)
        for i in range(len(self.values)):
            self.grid.setColumnStretch(i, 0)
        for i, k in enumerate(self.values):
            r, c = divmod(i, cols)
            self.grid.addWidget(self.names[k], 2 * r, c)
            self.grid.addWidget(self.values[k], 2 * r + 1, c)
        for c in range(cols):
            self.grid.setColumnStretch(c, 1)

    def resizeEvent(self, e) -> None:  # noqa: N802
        super().resizeEvent(e)
        self.regrid()
