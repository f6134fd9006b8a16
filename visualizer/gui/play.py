"""Play the scheduler (issue #22) in the window: the class chooses how each check of one request ends (done
or quit) and in which order they finish, predicts how many will be stranded, then watches the engine run it.

The schedule and the counts over every schedule are ``lesson.play``'s (Qt-free); the run is the window's own
session on the scenario's scripted config, drawn by the stage in follow mode. The judgement reads the
engine's snapshot, never the rule.

(About 550 lines: the panel's rows, its prediction, its judgement and its histogram share one layout and
the projector's 18 px floor; the game the window owns, which drives the panel, is the class at the end.)
"""

from __future__ import annotations

import random
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontInfo, QIntValidator, QPainter
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.scenario import Config
from ..core.session import Session
from ..lesson.play import MAX_PLAY_CHECKS, Played, Schedule, config, distribution, played, safe_from
from .style import FAINT, GREEN, GREY, INK, VERMILLION, scaled, text_floor

GOOD, BAD = GREEN.name(), VERMILLION.name()


class _KeyButton(QPushButton):
    """A button Space and Enter press while it has the focus (the window's Space plays the run otherwise)."""

    def event(self, e) -> bool:
        if e.type() == QEvent.ShortcutOverride and e.key() in (Qt.Key_Space, Qt.Key_Return, Qt.Key_Enter):
            e.accept()
            return True
        return super().event(e)

    def keyPressEvent(self, e) -> None:
        if e.key() in (Qt.Key_Return, Qt.Key_Enter) and self.isEnabled():
            self.click()
            return
        super().keyPressEvent(e)


class _Spin(QSpinBox):
    """A finishing slot; Left/Right move the cursor in it rather than step the run."""

    def event(self, e) -> bool:
        if e.type() == QEvent.ShortcutOverride and e.key() in (Qt.Key_Left, Qt.Key_Right, Qt.Key_Space):
            e.accept()
            return True
        return super().event(e)


class Bars(QWidget):
    """How many schedules strand k checks, k = 0..N-1; the bar of the schedule just played is highlighted."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: list[int] = []
        self.mark = -1
        self.drawn_px = 0
        self.setMinimumHeight(90)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    def set_counts(self, counts: list[int], mark: int) -> None:
        """Draw ``counts`` (schedules stranding k = 0, 1, ...), the bar of ``mark`` highlighted."""
        self.counts, self.mark = counts, mark
        self.setFixedHeight(max(90, round(self.fontMetrics().height() * 4.5)))
        self.update()

    def paintEvent(self, e) -> None:
        if not self.counts:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        f = QFont(self.font())
        f.setPixelSize(max(text_floor(), f.pixelSize() if f.pixelSize() > 0 else self.fontMetrics().height()))
        p.setFont(f)
        self.drawn_px = QFontInfo(f).pixelSize()  # what the k labels were drawn at (tests: the 18 px floor)
        lab_h = p.fontMetrics().height()
        w, h = self.width(), self.height()
        n = len(self.counts)
        step = w / n
        top = max(self.counts) or 1
        plot_h = h - lab_h - 4
        for k, c in enumerate(self.counts):
            bh = plot_h * c / top if c else 0
            r = QRectF(k * step + step * 0.15, plot_h - bh, step * 0.7, bh)
            p.setPen(Qt.NoPen)
            p.setBrush(VERMILLION if k == self.mark else (GREY if c else FAINT))
            p.drawRect(r)
            p.setPen(INK)
            p.drawText(QRectF(k * step, plot_h + 2, step, lab_h), Qt.AlignCenter, str(k))
        p.setPen(FAINT)
        p.drawLine(0, plot_h, w, plot_h)
        p.end()


class PlayPanel(QWidget):
    """The checks as rows (outcome, finishing slot), the prediction, Run, the engine's answer and the summary."""

    changed = Signal(object)  # a new Schedule
    run = Signal()
    explore = Signal()
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playScheduler")
        self.setAccessibleName("playScheduler")
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)
        self.schedule = Schedule.start(3)
        self.caps = (0, 0)
        self.variant = "seed"
        self.clamped: int | None = None  # the window's checks when more than a class can play
        self.outcome: tuple[Played, int | None] | None = None  # what the engine did, and what the class said
        self.title = QLabel()
        self.intro = QLabel()
        self.rows = QWidget()
        self.grid = QGridLayout(self.rows)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        self.head = [QLabel(), QLabel(), QLabel()]
        for k, lab in enumerate(self.head):
            self.grid.addWidget(lab, 0, k)
        self.names: list[QLabel] = []
        self.buttons: list[_KeyButton] = []
        self.slots: list[_Spin] = []
        self.question = QLabel()
        self.guess = QLineEdit()  # empty until the class says a number
        self.guess.setValidator(QIntValidator(0, MAX_PLAY_CHECKS, self.guess))
        self.guess.returnPressed.connect(lambda: self.btn_run.isEnabled() and self.btn_run.click())
        self.btn_run = _KeyButton()
        self.btn_run.clicked.connect(self.run)
        self.btn_shuffle = _KeyButton()
        self.btn_shuffle.clicked.connect(self._shuffle)
        self.result = QLabel()
        self.summary = QLabel()
        self.bars_title = QLabel()
        self.bars = Bars()
        self.btn_explore = _KeyButton()
        self.btn_explore.clicked.connect(self.explore)
        self.btn_close = _KeyButton()
        self.btn_close.clicked.connect(self.close_requested)
        for w, name in ((self.guess, "playGuess"), (self.btn_run, "playRun"), (self.btn_shuffle, "playShuffle"),
                        (self.result, "playResult"), (self.summary, "playSummary"), (self.bars, "playBars"),
                        (self.btn_explore, "playExplorer"), (self.btn_close, "playClose"),
                        (self.question, "playQuestion")):
            w.setObjectName(name)
            w.setAccessibleName(name)
        self.wrapped = (self.intro, self.question, self.result, self.summary, self.title, self.bars_title)
        for lab in self.wrapped:
            lab.setWordWrap(True)
            lab.setTextFormat(Qt.RichText)
        inner = QWidget()
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.title)
        lay.addWidget(self.intro)
        lay.addWidget(self.rows)
        lay.addWidget(self.question)
        row = QHBoxLayout()
        row.addWidget(self.guess, 1)
        row.addWidget(self.btn_run)
        lay.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.btn_shuffle, 1)
        row.addWidget(self.btn_close)
        lay.addLayout(row)
        lay.addWidget(self.result)
        lay.addWidget(self.bars_title)
        lay.addWidget(self.bars)
        lay.addWidget(self.summary)
        lay.addWidget(self.btn_explore)
        lay.addStretch(1)
        scroll = QScrollArea()  # a short window scrolls the panel rather than shrinking its words
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.NoFrame)
        self.scroll = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.set_fonts()

    stage_share = 0.38  # of the window's width: the code column keeps about the lesson's width beside the panel

    def side_width(self, total: int) -> int:
        """The width the window gives the panel: its rows' words whole at the 18 px floor."""
        need = self.rows.sizeHint().width() + self.scroll.verticalScrollBar().sizeHint().width() + 24
        return max(need, min(480, int(total * 0.27)))

    def set_fonts(self) -> None:
        """Bigger than the controls (the class reads them); in presenter mode the floor is big enough."""
        base = QFont(self.font())
        big = scaled(base, 1.0 if text_floor() else 1.15)
        bold = QFont(big)
        bold.setBold(True)
        self.title.setFont(scaled(bold, 1.1))
        for w in (*self.wrapped[:4], self.bars_title, self.guess, *self.head, *self.names,
                  *self.buttons, *self.slots, self.btn_run, self.btn_shuffle, self.btn_explore, self.btn_close):
            w.setFont(big)
        self.bars.setFont(big)

    def changeEvent(self, e) -> None:
        super().changeEvent(e)
        if e.type() == QEvent.FontChange:
            self.set_fonts()
        elif e.type() == QEvent.LanguageChange:
            self.retranslate()

    # -- the game --

    def set_game(self, schedule: Schedule, caps: tuple[int, int], variant: str, clamped: int | None = None) -> None:
        """Show ``schedule``'s checks, open for choices and a fresh prediction."""
        if schedule.checks != len(self.buttons):
            self._build_rows(schedule.checks)
        if schedule.checks != self.schedule.checks or caps != self.caps or variant != self.variant:
            self.guess.clear()
        self.schedule, self.caps, self.variant, self.clamped = schedule, caps, variant, clamped
        self.outcome = None
        self._sync()
        self.set_open(True)
        self.retranslate()

    def _build_rows(self, n: int) -> None:
        for w in (*self.names, *self.buttons, *self.slots):
            self.grid.removeWidget(w)
            w.deleteLater()
        self.names, self.buttons, self.slots = [], [], []
        for i in range(n):
            name = QLabel()
            b = _KeyButton()
            b.setCheckable(True)
            b.setObjectName(f"playOutcome{i}")
            b.setAccessibleName(f"playOutcome{i}")
            b.toggled.connect(lambda on, i=i: self._toggled(i, on))
            s = _Spin()
            s.setRange(1, n)
            s.setObjectName(f"playSlot{i}")
            s.setAccessibleName(f"playSlot{i}")
            s.valueChanged.connect(lambda v, i=i: self._moved(i, v))
            self.grid.addWidget(name, i + 1, 0)
            self.grid.addWidget(b, i + 1, 1)
            self.grid.addWidget(s, i + 1, 2)
            self.names.append(name)
            self.buttons.append(b)
            self.slots.append(s)
        self.guess.setValidator(QIntValidator(0, n, self.guess))
        order = [w for pair in zip(self.buttons, self.slots, strict=True) for w in pair]
        order += [self.guess, self.btn_run, self.btn_shuffle, self.btn_explore, self.btn_close]
        for a, b in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(a, b)
        self.set_fonts()

    def _sync(self) -> None:
        """The rows show the schedule (without echoing the change back)."""
        for i, (b, s) in enumerate(zip(self.buttons, self.slots, strict=True)):
            b.blockSignals(True)
            s.blockSignals(True)
            b.setChecked(self.schedule.fails[i])
            s.setValue(self.schedule.slots[i])
            b.blockSignals(False)
            s.blockSignals(False)

    def _toggled(self, i: int, _on: bool) -> None:
        self.changed.emit(self.schedule.toggled(i))

    def _moved(self, i: int, slot: int) -> None:
        self.changed.emit(self.schedule.moved(i, slot))

    def _shuffle(self) -> None:
        n = self.schedule.checks
        rng = random.Random()
        slots = list(range(1, n + 1))
        rng.shuffle(slots)
        fails = tuple(rng.random() < 0.3 for _ in range(n))
        if not any(fails):
            fails = tuple(i == rng.randrange(n) for i in range(n)) if n else fails
        self.changed.emit(Schedule(fails, tuple(slots)))

    def set_open(self, on: bool) -> None:
        """While the engine runs, the choices and the prediction stay as said."""
        for w in (*self.buttons, *self.slots, self.btn_run, self.btn_shuffle):
            w.setEnabled(on)
        self.guess.setReadOnly(not on)

    def prediction(self) -> int | None:
        """The number the class typed, or None when it has said nothing."""
        text = self.guess.text().strip()
        return int(text) if text.isdigit() else None

    def show_outcome(self, out: Played, said: int | None) -> None:
        """The engine's answer: the rows say which checks it stranded; the summary places it among all."""
        self.outcome = (out, said)
        self.set_open(True)
        self.retranslate()
        # a short screen: the answer and the summary scroll into view once laid out (the stage shows the
        # checks' fates meanwhile)
        QTimer.singleShot(0, self._scroll_to_answer)

    def _fit_heights(self) -> None:
        """A wrapped label in a scroll area gets the height of its words at its width (Qt may give it less)."""
        for lab in self.wrapped:
            if lab.isVisible() and lab.width() > 0:
                lab.setMinimumHeight(max(0, lab.heightForWidth(lab.width())) if lab.text() else 0)

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        QTimer.singleShot(0, self._fit_heights)

    def _scroll_to_answer(self) -> None:
        self._fit_heights()
        if self.outcome is not None:
            self.scroll.ensureWidgetVisible(self.btn_explore, 0, 4)
            self.scroll.ensureWidgetVisible(self.result, 0, 4)

    # -- the words --

    def retranslate(self) -> None:
        """Every word of the panel in the current language, filled from the game's state."""
        n, (cd, cq) = self.schedule.checks, self.caps
        self.title.setText(self.tr("Play the scheduler"))
        intro = self.tr("One request, {n} checks: choose what each sends and when it finishes. done holds {cd}, "
                        "quit {cq}.").format(n=n, cd=cd, cq=cq)
        if self.clamped:
            intro += " " + self.tr("(The window has {m} checks: a class plays {n}.)").format(m=self.clamped, n=n)
        self.intro.setText(intro)
        for lab, text in zip(self.head, (self.tr("check"), self.tr("sends on"), self.tr("finishes")), strict=True):
            lab.setText(f"<b>{text}</b>")
        stranded = set(self.outcome[0].stranded) if self.outcome else set()
        for i, (name, b) in enumerate(zip(self.names, self.buttons, strict=True)):
            fails = self.schedule.fails[i]
            b.setText("quit ✗" if fails else "done ✓")
            b.setStyleSheet(f"color: {BAD if fails else GOOD}; font-weight: bold;")
            b.setToolTip(self.tr("Passes: sends on done. Fails: sends on quit. Space or Enter switches."))
            if i in stranded:
                name.setText(f"<span style='color:{BAD}'>✗ <b>{i}</b></span>")
                name.setToolTip(self.tr("Stranded: blocked for ever"))
            else:
                name.setText(f"{'✓ ' if self.outcome else ''}{i}")
                name.setToolTip("")
        self.question.setText(self.tr("How many checks will be stranded (blocked for ever)?"))
        self.guess.setPlaceholderText(self.tr("your guess"))
        self.btn_run.setText(self.tr("Run ▶"))
        self.btn_run.setToolTip(self.tr("Run this request on the engine and watch (Enter)"))
        self.btn_shuffle.setText(self.tr("Random schedule"))
        self.btn_close.setText(self.tr("Close"))  # not "Done": done is a channel here
        self.btn_explore.setText(self.tr("Explorer at done {cd} × quit {cq}").format(cd=cd, cq=cq))
        self.result.setText(self._result_text())
        shown = self.outcome is not None
        for w in (self.bars, self.bars_title, self.summary, self.btn_explore):
            w.setVisible(shown)
        self.bars_title.setText(self.tr("All schedules of {n} checks, by how many checks they strand:").format(n=n))
        if shown:
            counts = distribution(n, self.variant, cd, cq)
            k = len(self.outcome[0].stranded)
            self.bars.set_counts(counts, k)
            self.summary.setText(self._summary_text(counts, k))

    def _result_text(self) -> str:
        if self.outcome is None:
            return ""
        out, said = self.outcome
        k, n = len(out.stranded), self.schedule.checks
        if k:
            text = self.tr("The engine stranded <b>{k}</b> of the {n} checks: {list}.").format(
                k=k, n=n, list=", ".join(map(str, out.stranded)))
        else:
            text = self.tr("The engine stranded <b>none</b> of the {n} checks.").format(n=n)
        if said is None:
            return text + " " + self.tr("(no prediction)")
        if said == k:
            return text + " " + self.tr("<span style='color:{c}'>Your prediction, {g}, was right.</span>").format(
                c=GOOD, g=said)
        return text + " " + self.tr("You said {g}.").format(g=said)

    def _summary_text(self, counts: list[int], k: int) -> str:
        n, (cd, cq) = self.schedule.checks, self.caps
        total = sum(counts)

        def pct(c: int) -> str:
            v = 100 * c / total
            return "0\u00a0%" if c == 0 else "&lt;1\u00a0%" if v < 1 else f"{v:.0f}\u00a0%"  # rich text

        text = self.tr("Of all {total} (2<sup>{n}</sup> outcomes × {n}! orders): <b>{same}</b> strand {k} as "
                       "this one did; {none} strand none.").format(
            total=f"{total:,}", n=n, same=pct(counts[k]), k=k, none=pct(counts[0]))
        sd, sq = safe_from(n, self.variant)
        if cd >= sd and cq >= sq:
            return text + " " + self.tr("<b>At these capacities every schedule is safe.</b>")
        return text + " " + self.tr("Every schedule is safe only from done {sd}, quit {sq}: the first check to "
                                    "finish may fail, and all the others then send on one channel.").format(
            sd=sd, sq=sq)


class SchedulerGame(QObject):
    """Play the scheduler in the window (F2), owned by the window as ``win.game``.

    A QObject for ``tr`` (its strings' translation context is this class's name). What it uses of the
    window ``win``: the run (``session``, ``snap``, ``program``, ``restart_with``, ``frame_rendered``, and
    its ``source``: ``article_from_go``, ``open_preset_from_go``, ``swap_session``), the views (``verdict``,
    ``stats``, ``statusBar``, ``menus.act_scheduler``, ``presenting``, ``set_presenter``, ``set_drawer``,
    ``set_follow``, ``hide_answers``, and its ``panels``: ``add_side``, ``balance``), the lesson
    (``lesson``: it gives way to it) and ``open_explorer``."""

    def __init__(self, win) -> None:
        super().__init__(win)
        self.win = win
        self.panel: PlayPanel | None = None  # once opened
        self.before: Config | None = None  # the window's config before the game: back to it at the end
        self.base: Config | None = None  # the handler and capacities the game plays
        self.running = False
        self.presents = False  # the game turned presenter mode on: it turns it off again when it closes
        self.from_go = False  # the game left a preset run from gateway.go: closing it goes back to Go

    def open(self) -> None:
        """Open the game (paused) on the window's handler and capacities, or close it when open."""
        win = self.win
        if self.panel is not None and self.panel.isVisible():
            self.close()
            return
        from_go = win.source.article_from_go() if win.program is not None else None
        if win.program is not None and from_go is None:
            win.statusBar().showMessage(self.tr("Play the scheduler plays the article's handler: choose a "
                                                "preset first."), 6000)
            win.menus.act_scheduler.setChecked(False)
            return
        if from_go is not None:
            # the game scripts each check's time and outcome, which gateway.go writes in Go: it plays the
            # Python transcription of the same handler, and closing it brings the run from Go back
            win.source.swap_session(Session(from_go, speed=win.session.speed, max_live=win.session.max_live))
            win.statusBar().showMessage(self.tr("Play the scheduler scripts each check's time and result: it "
                                                "plays the Python transcription of this handler."), 8000)
        self.from_go = from_go is not None
        if win.lesson.shown:
            win.lesson.panel.hide()
        if self.panel is None:
            self.panel = PlayPanel()
            self.panel.changed.connect(self.choose)
            self.panel.run.connect(self.run)
            self.panel.explore.connect(win.open_explorer)
            self.panel.close_requested.connect(self.close)
            win.panels.add_side(self.panel)
            win.frame_rendered.connect(self._frame)
        self.before = win.session.cfg
        self.base = win.session.cfg
        self.panel.show()
        win.menus.act_scheduler.setChecked(True)
        if not win.presenting:
            self.presents = True
            win.set_presenter(True)
        win.set_drawer(False)
        n = win.session.cfg.checks
        self.choose(Schedule.start(min(n, MAX_PLAY_CHECKS)))
        # the keyboard starts at the first choice (new rows are shown on the next event loop pass)
        QTimer.singleShot(0, lambda: self.panel.buttons and self.panel.buttons[0].setFocus())

    def close(self) -> None:
        """Back to the window's run as it was (with the capacities chosen meanwhile)."""
        win = self.win
        if self.panel is None:
            return
        self.running = False
        self.panel.hide()
        win.menus.act_scheduler.setChecked(False)
        win.set_follow(False)
        win.hide_answers(False)
        if self.presents and win.presenting:
            win.set_presenter(False)
        self.presents = False
        base, before = self.base, self.before
        if before is not None:
            back = replace(before, capacity_done=base.capacity_done, capacity_quit=base.capacity_quit)
            if self.from_go and win.program is None:
                win.source.open_preset_from_go(back)
            else:
                win.restart_with(back)
        win.panels.balance()

    def choose(self, schedule: Schedule) -> None:
        """A new schedule (or capacities): the request is set up again, its checks working, and the class
        predicts afresh; the counts that would give the answer away are hidden."""
        win = self.win
        self.running = False
        base = self.base
        clamped = base.checks if base.checks > MAX_PLAY_CHECKS else None
        win.session.pause()
        win.restart_with(config(base, schedule))
        win.session.rt.run(until=0)  # the handler has started its checks: the stage shows them at work
        win.set_follow(True, 0)
        win.hide_answers(True)
        win.verdict.setText(self.tr("<b>Stranded, or not?</b> Predict first: the engine answers when it has "
                                    "run."))
        self.panel.set_game(schedule, (base.capacity_done, base.capacity_quit), base.variant, clamped)
        win.panels.balance()

    def run(self) -> None:
        """Play the request live on the session; ``_frame`` judges once nothing can happen any more."""
        if self.panel is None or self.running:
            return
        if self.win.session.finished:  # run before: the same schedule again, from its start
            self.choose(self.panel.schedule)
        self.panel.set_open(False)
        self.running = True
        self.win.hide_answers(False)
        self.win.session.play()

    def _frame(self) -> None:
        win = self.win
        if self.panel is None or not self.panel.isVisible():
            return
        if win.program is not None or win.lesson.shown:
            # the lesson (F1) or a Go program took the window over: the game steps aside, leaving their run
            self.running = False
            self.panel.hide()
            win.menus.act_scheduler.setChecked(False)
            win.panels.balance()
            return
        for k in ("rate", "hour"):  # one request has no leak rate: its "per second" and "in an hour" mislead
            if win.stats[k].text() not in ("?", "–"):
                win.stats[k].setText("–")
        cfg = win.session.cfg
        base = self.base
        if (not self.running and cfg is not None and base is not None
                and (cfg.capacity_done, cfg.capacity_quit, cfg.variant)
                != (base.capacity_done, base.capacity_quit, base.variant)):
            # the capacities changed (the explorer, the drawer): a new game on them
            self.base = replace(base, capacity_done=cfg.capacity_done, capacity_quit=cfg.capacity_quit,
                                variant=cfg.variant)
            self.choose(self.panel.schedule)
            return
        if not (self.running and win.session.finished and win.session.backlog() == 0 and win.snap):
            return
        out = played(win.snap)
        if out is None:
            return
        self.running = False
        self.panel.show_outcome(out, self.panel.prediction())
