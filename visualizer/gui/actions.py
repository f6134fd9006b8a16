"""The window's menus, toolbar and keyboard shortcuts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QPushButton,
    QToolBar,
)

from . import i18n


class ActionsMixin:
    """Builds every QAction, menu and shortcut; part of ``MainWindow``."""

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
        # F5 is the user's own choice: the lesson leaves it as it is when it ends
        self.act_present.triggered.connect(self._present_by_hand)
        self.act_drawer = QAction(self, checkable=True)
        self.act_drawer.setShortcut(QKeySequence(Qt.Key_F9))
        self.act_drawer.triggered.connect(lambda on: self.set_drawer(on))
        self.act_follow = QAction(self, checkable=True)
        self.act_follow.setShortcut(QKeySequence(Qt.Key_F))
        self.act_follow.triggered.connect(lambda on: self.set_follow(on))
        self.stage.follow_clicked.connect(lambda req: self.set_follow(req >= 0, req if req >= 0 else None))
        for a in (self.act_play, self.act_step, self.act_back, self.act_live, self.act_reset, self.act_zoom_in,
                  self.act_zoom_out, self.act_zoom_reset, self.act_present, self.act_drawer, self.act_full,
                  self.act_follow):
            a.setShortcutContext(Qt.ApplicationShortcut)
            self.addAction(a)  # shortcuts keep working with the menu bar hidden (presenter mode)

        mb = self.menuBar()
        self.menu_file = mb.addMenu("")
        self.act_open = QAction(self)
        self.act_open.setShortcut(QKeySequence.Open)
        self.act_open.triggered.connect(self._open_dialog)
        self.act_save = QAction(self)
        self.act_save.setShortcut(QKeySequence.Save)
        self.act_save.triggered.connect(lambda: self._ask_path("leakviz-run", self.save_run))  # either kind of run
        self.act_dump = QAction(self)
        self.act_dump.triggered.connect(self._open_dump)
        self.menu_file.addAction(self.act_open)
        self.menu_recent = self.menu_file.addMenu("")
        self.menu_recent.setObjectName("openRecent")
        self.menu_recent.setToolTipsVisible(True)
        self.menu_recent.aboutToShow.connect(self._fill_recent)
        self.menu_file.addAction(self.act_dump)
        self.act_go = QAction(self)  # any Go program, run live in this window
        self.act_go.triggered.connect(lambda: self.open_go())
        self.menu_file.addAction(self.act_go)
        self.menu_go_examples = self.menu_file.addMenu("")
        self.act_replay = QAction(self)  # a served program: an access log's requests instead of made-up ones
        self.act_replay.setShortcut(QKeySequence("Ctrl+L"))
        self.act_replay.triggered.connect(self._replay_dialog)
        self.act_replay.setEnabled(False)
        self.menu_file.addAction(self.act_replay)
        self.act_made_up = QAction(self)
        self.act_made_up.triggered.connect(self.use_made_up_requests)
        self.act_made_up.setEnabled(False)
        self.menu_file.addAction(self.act_made_up)
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
        self.act_video = QAction(self)
        self.act_video.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.act_video.triggered.connect(lambda: self._ask_path("mp4", self.export_video))
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
        self.act_compare = QAction(self)
        self.act_compare.setShortcut(QKeySequence("Ctrl+K"))
        self.act_compare.triggered.connect(self.open_compare)
        self.menu_view.addAction(self.act_compare)
        self.act_explore = QAction(self)
        self.act_explore.setShortcut(QKeySequence("Ctrl+E"))
        self.act_explore.triggered.connect(self.open_explorer)
        self.menu_view.addAction(self.act_explore)
        self.act_scheduler = QAction(self, checkable=True)  # play the scheduler (gui/play.py)
        self.act_scheduler.setObjectName("playSchedulerAction")
        self.act_scheduler.setShortcut(QKeySequence(Qt.Key_F2))
        self.act_scheduler.setShortcutContext(Qt.ApplicationShortcut)
        self.act_scheduler.triggered.connect(lambda _on: self.game.open())
        self.addAction(self.act_scheduler)
        self.menu_view.addAction(self.act_scheduler)
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
        self.act_lesson.triggered.connect(self.lesson.start)
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
        self.act_lesson_back.triggered.connect(self.lesson.key_back)
        self.act_lesson_next = QAction(self)
        self.act_lesson_next.setShortcut(QKeySequence(Qt.Key_PageDown))
        self.act_lesson_next.triggered.connect(self.lesson.key_next)
        for a in (self.act_mark_prev, self.act_mark_next, self.act_lesson_back, self.act_lesson_next):
            a.setShortcutContext(Qt.ApplicationShortcut)
            self.addAction(a)
            self.menu_sim.addAction(a)

        tb = QToolBar()
        tb.setObjectName("mainToolBar")  # saveState names it
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

    def _present_by_hand(self, on: bool) -> None:
        """F5: presenter mode is the user's choice from now on, not the lesson's or the game's (which would
        otherwise turn it off again as they end, and keep it out of the remembered settings)."""
        self.lesson.presents = False
        self.game.presents = False
        self.set_presenter(on)
