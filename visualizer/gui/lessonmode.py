"""The guided lesson in the window: its panel, steps, predictions and reveals (the steps: ``lesson``)."""

from __future__ import annotations

from .style import human_bytes
from .verdict import verdict_text


class LessonMixin:
    """The guided lesson; part of ``MainWindow``."""

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
