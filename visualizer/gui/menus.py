"""The window's menus, toolbar and keyboard shortcuts: one object the window owns (``MainWindow.menus``)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QPushButton,
    QToolBar,
)

from . import i18n
from .files import fill_examples_menu


class Menus(QObject):
    """Every QAction, menu, shortcut and toolbar button of ``win``, wired to its methods and its parts
    (``win.files``, ``win.source``, ``win.lesson``, ``win.game``); their texts in the current language."""

    def __init__(self, win) -> None:
        super().__init__(win)
        self.win = win
        self._build(win)

    def retranslate(self) -> None:
        """Every menu title, action text and toolbar button in the current language."""
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_sim.setTitle(self.tr("&Simulation"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_lang.setTitle(self.tr("&Language"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.act_step.setText(self.tr("&Step to next event"))
        self.act_back.setText(self.tr("Step &back one event"))
        self.act_live.setText(self.tr("Back to &live"))
        self.act_reset.setText(self.tr("&Reset"))
        self.act_open.setText(self.tr("&Open a saved run…"))
        self.act_dump.setText(self.tr("Open &dump…"))
        self.act_go.setText(self.tr("Open &Go…"))
        self.act_replay.setText(self.tr("Replay an access &log…"))
        self.act_made_up.setText(self.tr("Back to made-up requests"))
        self.menu_go_examples.setTitle(self.tr("Go e&xamples"))
        fill_examples_menu(self.menu_go_examples, lambda path: self.win.files.open_go([path]))
        self.act_save.setText(self.tr("&Save this run…"))
        self.act_shot.setText(self.tr("Export the view as &PNG…"))
        self.act_csv.setText(self.tr("Export the metrics as &CSV…"))
        self.act_json.setText(self.tr("Export the report as &JSON…"))
        self.act_gif.setText(self.tr("Export the last seconds as animated &GIF…"))
        self.act_video.setText(self.tr("Export the last seconds as &video (MP4/WebM)…"))
        self.menu_recent.setTitle(self.tr("Open &Recent"))
        self.act_quit.setText(self.tr("&Quit"))
        self.act_full.setText(self.tr("&Full screen"))
        self.act_compare.setText(self.tr("&Compare side by side: unbuffered | buffered | context")
                                 if self.win.program is None else self.tr("&Compare with its fix, or another Go file…"))
        self.act_explore.setText(self.tr("Capacity &explorer…"))
        self.act_about.setText(self.tr("&About leakviz"))
        self.act_lesson.setText(self.tr("Guided &lesson"))
        self.act_scheduler.setText(self.tr("Play the &scheduler"))
        self.act_mark_prev.setText(self.tr("Previous mark on the timeline"))
        self.act_mark_next.setText(self.tr("Next mark on the timeline"))
        self.act_lesson_back.setText(self.tr("Lesson: back"))
        self.act_lesson_next.setText(self.tr("Lesson: show me, then next"))
        self.btn_drawer.setText(self.tr("☰ Settings"))
        self.btn_drawer.setToolTip(self.tr("Show or hide the settings drawer (F9)"))
        self.act_drawer.setText(self.tr("Settings &drawer"))
        self.act_present.setText(self.tr("P&resenter mode"))
        self.act_follow.setText(self.tr("&Follow one request"))
        self.act_zoom_in.setText(self.tr("Zoom &in"))
        self.act_zoom_out.setText(self.tr("Zoom &out"))
        self.act_zoom_reset.setText(self.tr("&Actual size"))
        self.btn_step.setText(self.tr("Step ▸|"))
        self.btn_step.setToolTip(self.tr("Advance to the next event and pause (→ or .)"))
        self.btn_reset.setText(self.tr("Reset ⟲"))
        self.btn_reset.setToolTip(self.tr("Start the run over with the current settings (Ctrl+R)"))

    def _build(self, win) -> None:
        files = win.files
        self.act_play = QAction(win)
        self.act_play.setShortcut(QKeySequence(Qt.Key_Space))
        self.act_play.triggered.connect(win.toggle_play)
        self.act_step = QAction(win)
        self.act_step.setShortcuts([QKeySequence(Qt.Key_Right), QKeySequence(Qt.Key_Period)])
        self.act_step.triggered.connect(win.step)
        self.act_back = QAction(win)
        self.act_back.setShortcuts([QKeySequence(Qt.Key_Left), QKeySequence(Qt.Key_Comma)])
        self.act_back.triggered.connect(win.step_back)
        self.act_live = QAction(win)
        self.act_live.setShortcut(QKeySequence(Qt.Key_End))
        self.act_live.triggered.connect(win.go_live)
        self.act_reset = QAction(win)
        self.act_reset.setShortcut(QKeySequence("Ctrl+R"))  # never a bare key: it throws the run away
        self.act_reset.triggered.connect(win.reset)
        self.act_shot = QAction(win)
        self.act_shot.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.act_shot.triggered.connect(files.save_screenshot_dialog)
        self.act_quit = QAction(win)
        self.act_quit.setShortcut(QKeySequence.Quit)
        self.act_quit.triggered.connect(win.close)
        self.act_full = QAction(win)
        self.act_full.setShortcut(QKeySequence(Qt.Key_F11))
        self.act_full.triggered.connect(lambda: win.showNormal() if win.isFullScreen() else win.showFullScreen())
        self.act_about = QAction(win)
        self.act_about.triggered.connect(win._about)
        self.act_zoom_in = QAction(win)
        self.act_zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++"), QKeySequence.ZoomIn])
        self.act_zoom_in.triggered.connect(lambda: win.set_zoom(win.user_zoom * 1.15))
        self.act_zoom_out = QAction(win)
        self.act_zoom_out.setShortcuts([QKeySequence("Ctrl+-"), QKeySequence.ZoomOut])
        self.act_zoom_out.triggered.connect(lambda: win.set_zoom(win.user_zoom / 1.15))
        self.act_zoom_reset = QAction(win)
        self.act_zoom_reset.setShortcut(QKeySequence("Ctrl+0"))
        self.act_zoom_reset.triggered.connect(lambda: win.set_zoom(1.0))
        self.act_present = QAction(win, checkable=True)
        self.act_present.setShortcut(QKeySequence(Qt.Key_F5))
        # F5 is the user's own choice: the lesson leaves it as it is when it ends
        self.act_present.triggered.connect(self.present_by_hand)
        self.act_drawer = QAction(win, checkable=True)
        self.act_drawer.setShortcut(QKeySequence(Qt.Key_F9))
        self.act_drawer.triggered.connect(lambda on: win.set_drawer(on))
        self.act_follow = QAction(win, checkable=True)
        self.act_follow.setShortcut(QKeySequence(Qt.Key_F))
        self.act_follow.triggered.connect(lambda on: win.set_follow(on))
        win.stage.follow_clicked.connect(lambda req: win.set_follow(req >= 0, req if req >= 0 else None))
        for a in (self.act_play, self.act_step, self.act_back, self.act_live, self.act_reset, self.act_zoom_in,
                  self.act_zoom_out, self.act_zoom_reset, self.act_present, self.act_drawer, self.act_full,
                  self.act_follow):
            a.setShortcutContext(Qt.ApplicationShortcut)
            win.addAction(a)  # shortcuts keep working with the menu bar hidden (presenter mode)

        mb = win.menuBar()
        self.menu_file = mb.addMenu("")
        self.act_open = QAction(win)
        self.act_open.setShortcut(QKeySequence.Open)
        self.act_open.triggered.connect(files.open_dialog)
        self.act_save = QAction(win)
        self.act_save.setShortcut(QKeySequence.Save)
        self.act_save.triggered.connect(lambda: files.ask_path("leakviz-run", files.save_run))  # either kind of run
        self.act_dump = QAction(win)
        self.act_dump.triggered.connect(files.open_dump)
        self.menu_file.addAction(self.act_open)
        self.menu_recent = self.menu_file.addMenu("")
        self.menu_recent.setObjectName("openRecent")
        self.menu_recent.setToolTipsVisible(True)
        self.menu_recent.aboutToShow.connect(files.fill_recent)
        self.menu_file.addAction(self.act_dump)
        self.act_go = QAction(win)  # any Go program, run live in this window
        self.act_go.triggered.connect(lambda: files.open_go())
        self.menu_file.addAction(self.act_go)
        self.menu_go_examples = self.menu_file.addMenu("")
        self.act_replay = QAction(win)  # a served program: an access log's requests instead of made-up ones
        self.act_replay.setShortcut(QKeySequence("Ctrl+L"))
        self.act_replay.triggered.connect(files.replay_dialog)
        self.act_replay.setEnabled(False)
        self.menu_file.addAction(self.act_replay)
        self.act_made_up = QAction(win)
        self.act_made_up.triggered.connect(files.use_made_up_requests)
        self.act_made_up.setEnabled(False)
        self.menu_file.addAction(self.act_made_up)
        self.menu_file.addAction(self.act_save)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_shot)
        self.act_csv = QAction(win)
        self.act_csv.triggered.connect(lambda: files.ask_path("csv", files.export_csv))
        self.act_json = QAction(win)
        self.act_json.triggered.connect(lambda: files.ask_path("json", files.export_json))
        self.act_gif = QAction(win)
        self.act_gif.setShortcut(QKeySequence("Ctrl+G"))
        self.act_gif.triggered.connect(lambda: files.ask_path("gif", files.export_gif))
        self.act_video = QAction(win)
        self.act_video.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.act_video.triggered.connect(lambda: files.ask_path("mp4", files.export_video))
        for a in (self.act_csv, self.act_json, self.act_gif, self.act_video):
            self.menu_file.addAction(a)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_sim = mb.addMenu("")
        for a in (self.act_play, self.act_step, self.act_back, self.act_live, self.act_reset):
            self.menu_sim.addAction(a)
        self.menu_view = mb.addMenu("")
        self.menu_view.addAction(self.act_full)
        self.menu_view.addAction(self.act_present)
        self.menu_view.addAction(self.act_follow)
        self.menu_view.addAction(self.act_drawer)
        self.menu_view.addSeparator()
        for a in (self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset):
            self.menu_view.addAction(a)
        self.menu_view.addSeparator()
        self.act_compare = QAction(win)
        self.act_compare.setShortcut(QKeySequence("Ctrl+K"))
        self.act_compare.triggered.connect(win.open_compare)
        self.menu_view.addAction(self.act_compare)
        self.act_explore = QAction(win)
        self.act_explore.setShortcut(QKeySequence("Ctrl+E"))
        self.act_explore.triggered.connect(win.open_explorer)
        self.menu_view.addAction(self.act_explore)
        self.act_scheduler = QAction(win, checkable=True)  # play the scheduler (gui/play.py)
        self.act_scheduler.setObjectName("playSchedulerAction")
        self.act_scheduler.setShortcut(QKeySequence(Qt.Key_F2))
        self.act_scheduler.setShortcutContext(Qt.ApplicationShortcut)
        self.act_scheduler.triggered.connect(lambda _on: win.game.open())
        win.addAction(self.act_scheduler)
        self.menu_view.addAction(self.act_scheduler)
        self.menu_lang = self.menu_view.addMenu("")
        self.lang_group = QActionGroup(win)
        self.lang_actions = {}
        for code, name in i18n.LANGUAGES.items():
            a = QAction(name, self, checkable=True)
            a.setData(code)
            a.triggered.connect(lambda _c=False, code=code: win.set_language(code))
            self.lang_group.addAction(a)
            self.menu_lang.addAction(a)
            self.lang_actions[code] = a
        self.menu_help = mb.addMenu("")
        self.act_lesson = QAction(win)
        self.act_lesson.setShortcut(QKeySequence(Qt.Key_F1))
        self.act_lesson.triggered.connect(win.lesson.start)
        self.menu_help.addAction(self.act_lesson)
        self.menu_help.addAction(self.act_about)
        self.act_mark_prev = QAction(win)
        self.act_mark_prev.setShortcut(QKeySequence("["))
        self.act_mark_prev.triggered.connect(lambda: win.jump_mark(-1))
        self.act_mark_next = QAction(win)
        self.act_mark_next.setShortcut(QKeySequence("]"))
        self.act_mark_next.triggered.connect(lambda: win.jump_mark(1))
        self.act_lesson_back = QAction(win)
        self.act_lesson_back.setShortcut(QKeySequence(Qt.Key_PageUp))
        self.act_lesson_back.triggered.connect(win.lesson.key_back)
        self.act_lesson_next = QAction(win)
        self.act_lesson_next.setShortcut(QKeySequence(Qt.Key_PageDown))
        self.act_lesson_next.triggered.connect(win.lesson.key_next)
        for a in (self.act_mark_prev, self.act_mark_next, self.act_lesson_back, self.act_lesson_next):
            a.setShortcutContext(Qt.ApplicationShortcut)
            win.addAction(a)
            self.menu_sim.addAction(a)

        tb = QToolBar()
        tb.setObjectName("mainToolBar")  # saveState names it
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.toolbar = tb
        self.btn_drawer = QPushButton()
        self.btn_drawer.setCheckable(True)
        self.btn_drawer.clicked.connect(win.set_drawer)
        self.btn_play = QPushButton()
        self.btn_play.clicked.connect(win.toggle_play)
        self.btn_step = QPushButton()
        self.btn_step.clicked.connect(win.step)
        self.btn_reset = QPushButton()
        self.btn_reset.clicked.connect(win.reset)
        for b in (self.btn_drawer, self.btn_play, self.btn_step, self.btn_reset):
            b.setMinimumHeight(34)
            b.setFocusPolicy(Qt.NoFocus)
            tb.addWidget(b)
        win.addToolBar(tb)

    def present_by_hand(self, on: bool) -> None:
        """F5: presenter mode is the user's choice from now on, not the lesson's or the game's (which would
        otherwise turn it off again as they end, and keep it out of the remembered settings)."""
        self.win.lesson.presents = False
        self.win.game.presents = False
        self.win.set_presenter(on)
