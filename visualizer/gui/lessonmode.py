"""The guided lesson in the window: its panel, steps, predictions and reveals (the steps: ``lesson``).

Every sentence here is filled from the facts ``lesson.LessonRun`` read in the
trace; before a reveal the counts that would give the answer away (stranded,
leak rate, memory, the verdict) are hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from .style import human_bytes


def _ms(t_ns: int) -> str:
    return f"{t_ns / 1e6:,.3f}".rstrip("0").rstrip(".")


def _cap(text: str) -> str:
    """The first letter up, the rest as written (str.capitalize would lower a file's name)."""
    return text[:1].upper() + text[1:]


class LessonMode(QObject):
    """The guided lesson (F1), owned by the window as ``win.lesson``.

    A QObject for ``tr`` only (its strings' translation context is this class's name). What it uses of
    the window ``win``: the run (``session``, ``snap``, ``program``, ``restart_with``, and its ``source``:
    ``article_from_go``, ``open_preset_from_go``), the playhead (``playback``, ``seek``, ``go_live``), and
    the views (``verdict``, ``presenting``, ``set_presenter``, ``set_drawer``, ``set_follow``,
    ``hide_answers``, ``answers_hidden``, and its ``panels``: ``add_side``, ``balance``)."""

    # the steps about one request (the first to return early) follow it across the stage; the others
    # are about the whole run
    FOLLOWED_STEPS = frozenset({"return", "wait", "request", "buffered", "too-small"})

    def __init__(self, win) -> None:
        super().__init__(win)
        self.win = win
        self.panel = None  # lesson.LessonPanel, once started
        self.index = 0  # the step shown
        self.run = None  # lesson.LessonRun over the run shown
        self.asked: dict | None = None  # what the current step's question says
        self.outcome: dict | None = None  # what its reveal found (None before the reveal)
        self.presents = False  # the lesson turned presenter mode on: it turns it off again when it ends

    @property
    def shown(self) -> bool:
        """Whether the lesson's panel is on screen (the game steps aside for it)."""
        return self.panel is not None and self.panel.isVisible()

    def start(self) -> None:
        """Open the lesson panel at step 1, paused."""
        from .lesson import LessonPanel
        win = self.win
        if self.panel is None:
            self.panel = LessonPanel()
            self.panel.back.connect(lambda: self.go(self.index - 1, revealed=True))
            self.panel.next.connect(self._next)
            self.panel.reveal.connect(self.reveal)
            win.panels.add_side(self.panel)
        self.panel.show()
        if not win.presenting:  # a class reads the lesson from the back row: presenter mode's 18 px words
            self.presents = True
            win.set_presenter(True)
        win.set_drawer(False)  # also shares the width out again, the lesson panel included
        self.go(0)

    def steps(self) -> list:
        """The article's steps, or, for any other Go program, the program lesson's (lesson.program)."""
        if self.win.program is not None and self.win.source.article_from_go() is None:
            from ..lesson.program import PROGRAM_STEPS
            return PROGRAM_STEPS
        from ..lesson import STEPS
        return STEPS

    def retranslate(self) -> None:
        """The step's words again, in the window's language (nothing while between a step's runs)."""
        if self.panel is not None and self.run is not None:
            self._show(revealed=self.panel.btn_next.isEnabled())

    def _restart(self, k: int) -> None:
        from ..lesson import STEPS, LessonRun, step_config
        win = self.win  # its session is read anew after each call: opening a source swaps it
        win.session.pause()
        if win.program is not None and win.source.article_from_go() is None:  # a program: a fresh run of it
            from ..lesson.program import ProgramLesson
            self.run = None  # the old run's facts must not be shown over the new one
            win.playback.go_live()
            win.session.reset()
            ip = getattr(win.session.rt, "ip", None)
            self.run = ProgramLesson(win.session.rt, None if ip is None else ip.info, win.program)
            return
        cfg = step_config(STEPS[k])
        if win.source.article_from_go() is not None:  # the lesson stays on the source it was opened on
            from ..golang.gateway import stranded_after
            self.run = None  # the old run's facts must not be shown over the new one
            win.source.open_preset_from_go(cfg)
            self.run = LessonRun(win.session.rt, cfg, stranded_after)
        else:
            win.restart_with(cfg)
            self.run = LessonRun(win.session.rt, win.session.cfg)

    def go(self, k: int, revealed: bool = False) -> None:
        """Show step ``k`` before its reveal (replaying the run up to it), or after it."""
        steps = self.steps()
        k = max(0, min(k, len(steps) - 1))
        chain = k
        while chain > 0 and not steps[chain].restart:  # the steps since the last fresh run
            chain -= 1
        self._restart(chain)
        for j in range(chain, k):
            self.run.reveal(steps[j], self.run.ask(steps[j]))
        self.index = k
        self._ask()
        if revealed:
            self.reveal()

    def _ask(self) -> None:
        steps = self.steps()
        self.asked = self.run.ask(steps[self.index])
        self.outcome = None
        self.win.set_follow(steps[self.index].key in self.FOLLOWED_STEPS)
        self.win.hide_answers(True)
        self._moment(self.run.pos)
        self._show(revealed=False)

    def reveal(self) -> None:
        """Run to where the step's subject is settled, stop exactly there, and say what the engine did."""
        steps = self.steps()
        if self.outcome is not None:
            return
        if self.run.rt is not self.win.session.rt:  # the run was reset or changed under the lesson
            self.go(self.index, revealed=True)
            return
        self.win.session.pause()
        self.outcome = self.run.reveal(steps[self.index], self.asked)
        self.win.hide_answers(False)
        self._moment(self.run.pos)
        self._show(revealed=True)

    def _next(self) -> None:
        steps = self.steps()
        k = self.index + 1
        if k >= len(steps):  # done: back to the ordinary window
            win = self.win
            win.set_follow(False)
            self.panel.hide()
            win.hide_answers(False)
            if self.presents and win.presenting:
                win.set_presenter(False)
            self.presents = False
            win.panels.balance()
            win.go_live()
            return
        self.index = k
        if steps[k].restart:
            self._restart(k)
        self._ask()

    def key_back(self) -> None:
        """PageUp: the step before, already revealed (when the panel is up and there is one)."""
        panel = self.panel
        if panel is not None and panel.isVisible() and panel.btn_back.isEnabled():
            self.go(self.index - 1, revealed=True)

    def key_next(self) -> None:
        """PageDown: reveal the step's answer, or, once revealed, the next step."""
        panel = self.panel
        if panel is None or not panel.isVisible():
            return
        if panel.btn_reveal.isEnabled():
            self.reveal()
        elif panel.btn_next.isEnabled():
            self._next()

    def _moment(self, pos: int) -> None:
        """Show the run right after event ``pos - 1``: where the condition held, not a frame later."""
        self.win.session.snapshot()
        if pos > 0:
            self.win.seek(pos)
        else:
            self.win.go_live()

    # -- the words --

    def _who(self, idx: int, gid: int) -> str:
        return self.tr("check {i}").format(i=idx) if idx >= 0 else self.tr("goroutine {g}").format(g=gid)

    # -- the program lesson's words (lesson.program) --

    @staticmethod
    def _line(where: str) -> str:
        return where.rsplit("/", 1)[-1]

    def _g_name(self, p) -> str:
        """"goroutine 8 (started at ncast.go:17)", or main's."""
        if p.site == "main":
            return self.tr("goroutine {n} (main)").format(n=p.goid)
        return self.tr("goroutine {n} (started at {site})").format(n=p.goid, site=self._line(p.site))

    def _g_what(self, op: str, chans: tuple[str, ...]) -> str:
        """What a blocked goroutine waits for, in words."""
        names = ", ".join(chans) or "?"
        if op == "send":
            return self.tr("it sends on {chans}").format(chans=names)
        if op == "recv":
            return self.tr("it receives from {chans}").format(chans=names)
        if op == "select":
            return self.tr("a select on {chans}").format(chans=names)
        return self.tr("it waits in {op}").format(op=op)

    def _program_texts(self, key: str) -> tuple[str, str, list[str] | None]:
        q = self.asked
        if key == "p-wait":
            caption = self.tr("A goroutine runs until it has to wait: for a value on a channel, a lock, others to "
                              "finish. The run stops at the first goroutine of the program that blocks.")
            p = q.get("parked")
            if p is None:  # nothing to ask: the step says so and asks for no prediction
                return caption + " " + self.tr("No goroutine of the program blocks."), "", None
            question = self.tr("{who} blocks at {where}: {what}. Will it ever go on?").format(
                who=_cap(self._g_name(p)), where=self._line(p.where) or "?", what=self._g_what(p.op, p.chans))
            return caption, question, [self.tr("Yes: another goroutine will take part, and it goes on."),
                                       self.tr("No: nothing left will ever wake it.")]
        if key == "p-first":
            return (self.tr("Run on. A goroutine is stranded when nothing that can still run reaches what it waits "
                            "on (Go's leak rule): nobody can ever wake it."),
                    self.tr("What will the first stranded goroutine be blocked on?"),
                    [self.tr("A send: nobody will receive."), self.tr("A receive: nobody will send or close."),
                     self.tr("A select, a lock or another wait."), self.tr("Nothing: no goroutine is stranded.")])
        if key == "p-fix":
            dials = q.get("dials", [])
            where = ", ".join(self.tr("<code>{var}</code> (line {line})").format(var=v, line=n) for _k, v, n in dials)
            return (self.tr("A buffer lets a send finish with nobody receiving yet. The leak's channels: {where}.")
                    .format(where=where or "–"),
                    self.tr("Would a big enough buffer on them stop the leak?"),
                    [self.tr("Yes: with enough slots, nobody waits for ever."),
                     self.tr("No: the fix is in the code (a receiver, ctx.Done(), a close)."),
                     self.tr("There is no leak to fix.")])
        return (self.tr("Now the program runs to its end (at most a simulated minute). A stranded goroutine keeps "
                        "its stack and all it references until the process exits."),
                self.tr("How many goroutines will be stranded when the program has ended?"), None)

    def _program_result(self, key: str) -> str:
        o = self.outcome
        t = _ms(o.get("t", 0))
        p = o.get("parked")
        if key == "p-wait":
            if p is None:
                return self.tr("No goroutine of the program blocked within a simulated minute.")
            who = self._g_name(p)
            if o["answer"] == "continues":
                return self.tr("{who} went on at {t} ms: another goroutine completed the operation with it. "
                               "Waiting is not leaking.").format(who=_cap(who), t=t)
            if o["stranded"]:
                return self.tr("{who} can never go on: at {t} ms Go's leak rule found that nothing that can still "
                               "run reaches what it waits on. It is stranded.").format(who=_cap(who), t=t)
            return self.tr("The program ended at {t} ms with {who} still blocked: it never went on, though Go's "
                           "leak profile does not report it (what it waits on is still reachable).").format(
                who=who, t=t)
        if key == "p-first":
            if p is None:
                return self.tr("No goroutine was stranded.")
            return self.tr("{who} has waited at {where} since {since} ms ({what}); at {t} ms Go's leak rule found "
                           "it stranded.").format(who=_cap(self._g_name(p)), where=self._line(p.where) or "?",
                                                  since=_ms(p.t), what=self._g_what(p.op, p.chans), t=t)
        if key == "p-fix":
            names = ", ".join(f"<code>{v}</code>" for _k, v, _n in self.asked.get("dials", []))
            if o["answer"] == "none":
                return self.tr("Nothing is stranded: this program does not leak.")
            if o["found"] is not None:
                return self.tr("With capacity {n} for {names}, the same run strands nothing (the verdict says so "
                               "too; F9: its dials).").format(n=o["found"], names=names)
            if o["searched"]:
                return self.tr("No capacity up to {most} for {names} helps: whatever the buffer, these goroutines "
                               "still block. The fix is in the code.").format(most=o["most"], names=names)
            if o["answer"] == "code":
                return self.tr("The goroutines that can never continue wait on nothing a buffer can widen (a lock, "
                               "a WaitGroup, a channel the program does not make): the fix is in the code.")
            return self.tr("This run started {n} goroutines: too many to run again with each capacity here. The "
                           "capacity explorer (Ctrl+E) grids them.").format(n=f"{o.get('spawned', 0):,}")
        head = (self.tr("<b>{s}</b> stranded when the program ended at {t} ms.") if o["ended"] else
                self.tr("<b>{s}</b> stranded after a simulated minute (the program has not ended).")).format(
            s=f"{o['stranded']:,}", t=t)
        for where, op, chans, n in o["lines"]:
            head += " " + self.tr("{n} at {where} ({what}).").format(n=f"{n:,}", where=self._line(where),
                                                                     what=self._g_what(op, chans))
        if o["blocked"] > o["stranded"]:
            head += " " + self.tr("{m} more were still blocked when it ended: they can never continue either, "
                                  "but Go's profile does not report them.").format(m=f"{o['blocked'] - o['stranded']:,}")
        return head

    def _texts(self, key: str) -> tuple[str, str, list[str] | None]:
        """The step's caption, question and choices (None: the answer is a number)."""
        if key.startswith("p-"):
            return self._program_texts(key)
        q = self.asked
        cfg = self.run.cfg
        if key == "return":
            return (self.tr("Each request starts one check goroutine per check; its handler receives their "
                            "results on done and quit (read the code). Watch the first request with a "
                            "failing check."),
                    self.tr("When a check fails, what does its handler do?"),
                    [self.tr("It waits until all {n} checks have reported, then returns.").format(n=cfg.checks),
                     self.tr("It returns at once, while later checks are still working.")])
        if key == "wait":
            return (self.tr("A check that finishes sends its result on done or quit. On an unbuffered channel a "
                            "send waits until someone receives the value. Watch for the first goroutine that "
                            "has to wait at its send."),
                    self.tr("Why will the first goroutine that waits at a send be waiting?"),
                    [self.tr("Its handler is busy with another value: it will take this one soon."),
                     self.tr("Its handler has already returned: nobody will ever receive the value.")])
        if key == "request":
            return (self.tr("Request #{req}'s handler has returned. Its late checks finish one after another, "
                            "and each tries to send its result.").format(req=q.get("req", "?")),
                    self.tr("How many of request #{req}'s {n} checks will be stranded (blocked for ever)?").format(
                        req=q.get("req", "?"), n=q.get("checks", cfg.checks)),
                    None)
        if key in ("ten", "context"):
            n = f"{q['n']:,}"
            counts = [self.tr("None"), self.tr("Fewer than {n}").format(n=n), self.tr("{n} or more").format(n=n)]
            if key == "ten":
                return (self.tr("Every stranded goroutine keeps its stack (in Go at least 2 KiB) until the process "
                                "exits. Now the server runs for ten simulated seconds."),
                        self.tr("Requests arrive about {rate} a second, so about {n} in ten seconds, and about "
                                "{p}% of them have a failing check. How many goroutines are stranded after ten "
                                "seconds?").format(rate=f"{q['rate']:g}", n=n, p=round(q["share"] * 100)),
                        counts)
            return (self.tr("The idiomatic fix: every send also waits on ctx.Done(), which is closed when the "
                            "handler returns. A fresh run with the same requests."),
                    self.tr("Without a fix, ten seconds stranded {n} goroutines. With this code, how many after "
                            "ten seconds?").format(n=n),
                    counts)
        # buffered, too-small: a fresh run, stopped at the first early return
        seen = self.tr("A fresh run with the same requests: request #{req}'s handler has just returned at {t} ms "
                       "with {k} of its checks still working.").format(req=q.get("req", "?"), t=_ms(q.get("t", 0)),
                                                                       k=q.get("late", 0))
        if key == "buffered":
            return (self.tr("The article's fix: done holds {cd} values and quit holds {cq}.").format(
                        cd=q["capacity_done"], cq=q["capacity_quit"]) + " " + seen,
                    self.tr("What happens to those {k} checks?").format(k=q.get("late", 0)),
                    [self.tr("All of them wait for ever at their sends."),
                     self.tr("Some finish, the rest wait for ever."),
                     self.tr("All of them finish: their values go into a buffer.")])
        return (self.tr("A buffer too small: done holds {cd} values and quit holds {cq}.").format(
                    cd=q["capacity_done"], cq=q["capacity_quit"]) + " " + seen,
                self.tr("How many of those {k} checks will be stranded?").format(k=q.get("late", 0)),
                None)

    def _show(self, revealed: bool) -> None:
        steps = self.steps()
        step = steps[self.index]
        caption, question, choices = self._texts(step.key)
        self.panel.show_step(self.index, len(steps), caption, question, choices)
        if self.win.answers_hidden:  # the verdict panel keeps its place: the code does not jump at the reveal
            self.win.verdict.setText(self.tr("<b>Leaks, or cannot leak?</b> Predict first: the verdict comes with the "
                                         "answer."))
        if revealed and self.outcome is not None:
            self.panel.show_result(self._judged(step, choices) + "<p>" +
                                          self._result(step.key))

    def _judged(self, step, choices: list[str] | None) -> str:
        """The right answer, and whether the class's prediction was it."""
        said = self.panel.prediction()
        right = self.outcome["answer"]
        if right is None:  # nothing to judge against (no goroutine blocked; a run too large to search)
            return ""
        if choices is None:
            head = self.tr("Answer: <b>{n}</b>.").format(n=f"{right:,}")
            you = None if said is None else f"{said:,}"
            good = said == right
        else:
            k = step.choices.index(right)
            head = self.tr("Answer: <b>{a}</b>.").format(a=choices[k].rstrip(".。"))
            you = None if said is None else choices[said].rstrip(".。")
            good = said == k
        if you is None:
            return head + " " + self.tr("(no prediction)")
        if good:
            return head + " " + self.tr("Your prediction was right.")
        return head + " " + self.tr("You said: {a}.").format(a=you)

    def _result(self, key: str) -> str:
        if key.startswith("p-"):
            return self._program_result(key)
        o = self.outcome
        t = _ms(o.get("t", 0))
        if key == "return":
            if o["req"] < 0:
                return self.tr("No handler returned early within a simulated minute.")
            text = self.tr("Request #{req}'s handler returned {code} at {t} ms, at the value on {chan}").format(
                req=o["req"], code=o["code"], t=t, chan=o["chan"] or "?")
            if o["sender"] is not None:
                text += self.tr(" (from check {i})").format(i=o["sender"])
            text += ". "
            if o["late"]:
                return text + self.tr("{k} of its {n} checks were still working: {list}.").format(
                    k=len(o["late"]), n=o["checks"], list=", ".join(map(str, o["late"])))
            return text + self.tr("Every one of its checks had already reported.")
        if key == "wait":
            if o["gid"] < 0:
                return self.tr("No goroutine waited at a send within a simulated minute.")
            text = self.tr("{who} of request #{req} finished its work and waits to send on {chan} at {t} ms.").format(
                who=self._who(o["idx"], o["gid"]).capitalize(), req=o["req"], chan=o["chan"], t=t)
            if o["doomed"]:
                return text + " " + self.tr("Its handler returned at {r} ms: nobody will ever receive on {chan}. "
                                            "It is doomed to wait for ever.").format(r=_ms(o["returned_t"]),
                                                                                     chan=o["chan"])
            return text + " " + self.tr("Its handler has not returned: it receives one value at a time and will "
                                        "take this one.")
        if key in ("request", "buffered", "too-small"):
            return self._settled(o, t)
        text = self.tr("<b>{s}</b> stranded after ten seconds, from {r} requests.").format(
            s=f"{o['stranded']:,}", r=f"{o['requests']:,}")
        if key == "ten" and o["stranded"]:
            text += " " + self.tr("Go would hold {b} for them, and it only grows: they stay until the process "
                                  "exits.").format(b=human_bytes(self.win.snap.go_bytes if self.win.snap else 0))
        if key == "context" and o["gave_up"]:
            text += " " + self.tr("{g} checks finished after their handler had returned: instead of blocking, "
                                  "they saw ctx.Done() closed and returned.").format(g=f"{o['gave_up']:,}")
        return text  # the verdict panel, shown again now, says why

    def _settled(self, o: dict, t: str) -> str:
        """How a request's late checks ended, once every one of them has."""
        text = self.tr("Request #{req} settled at {t} ms: of the {k} checks still working when its handler "
                       "returned,").format(req=o["req"], t=t, k=o["late"]) + " "
        if o["buffered"]:
            text += self.tr("{b} put their value into a buffer ({where}) and finished;").format(
                b=sum(o["buffered"].values()), where=", ".join(f"{ch}: {n}" for ch, n in o["buffered"].items())) + " "
        if o["stranded"]:
            text += self.tr("{s} are stranded: checks {list} block for ever on a send nobody will "
                            "receive.").format(s=o["stranded"], list=", ".join(map(str, o["stranded_idx"])))
        else:
            text += self.tr("none is stranded.")
        return text
