"""The guided lesson on any Go program in the window: three steps that stop on trace conditions, as the
article's steps do, with nothing about requests or checks.

1. ``p-wait``: the run stops at the first goroutine of the program that blocks (a channel, a select, a
   lock, a wait). Will it ever go on? The reveal runs until it does, or until Go's leak rule strands it.
2. ``p-first``: the first goroutine that can never continue: blocked on a send, a receive, or another
   wait (or is nothing stranded)? The reveal stops at the first ``stranded`` event.
3. ``p-end``: how many goroutines are stranded when the program has ended? The reveal runs it to its end.
4. ``p-fix``: would a buffer on the channels the stranded goroutines wait on stop the leak, or is the fix in
   the code? The reveal runs the program again headless with those dials raised together (explore.safe_search,
   as the verdict's fix does).

Qt-free: ``ProgramLesson`` reads the trace and returns facts; the window puts the words around them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.runtime import PARKED
from . import LIMIT_NS, Step, TraceRun

__all__ = ["PROGRAM_STEPS", "Parked", "ProgramLesson"]

PROGRAM_STEPS: list[Step] = [
    Step("p-wait", "", "choice", ("continues", "never"), restart=True),
    Step("p-first", "", "choice", ("send", "recv", "other", "none")),
    Step("p-end", "", "number"),
    Step("p-fix", "", "choice", ("buffer", "code", "none")),
]

_ANSWER_OF_OP = {"send": "send", "recv": "recv"}  # a select, a lock, a WaitGroup, a Cond: "other"


@dataclass(frozen=True, slots=True)
class Parked:
    """Where a goroutine last blocked: when, on what operation, on which channels (by the source's names),
    at which line ("file.go:12", "" when the runtime does not say), and where it was started."""

    gid: int
    goid: int
    t: int
    op: str
    chans: tuple[str, ...]
    where: str
    site: str


class ProgramLesson(TraceRun):
    """The program lesson's steps over one fresh run of ``rt`` (nothing run yet). ``info`` maps a core gid to
    what the interpreter knows of it (``goid``: Go's number, ``hidden``: a helper of ours, not the
    program's); without it every goroutine is the program's, numbered by its gid."""

    def __init__(self, rt: Any, info: Any = None, program: Any = None) -> None:
        super().__init__(rt)
        self.info = info if info is not None else {}
        self.program = program  # the golang.live.GoProgram run, for the fix step's headless runs
        self.parks: dict[int, Parked] = {}  # gid -> where it last blocked
        self.sites: dict[int, str] = {}  # gid -> its go statement ("file.go:17"; "main" for main)
        self._read = 0  # events read into parks and sites
        self.outcomes: dict[str, dict] = {}

    def _feed(self, events: Any, i: int) -> None:
        while self._read <= i:
            e = events[self._read]
            self._read += 1
            if e[1] == "go":
                self.sites[e[2]] = e[4]
            elif e[1] == "park" and self._mine(e[2]):
                where = e[7] if len(e) > 7 else ""
                self.parks[e[2]] = Parked(e[2], self._goid(e[2]), e[0], e[3], tuple(n for n in e[6] if n),
                                          where, self.sites.get(e[2], ""))

    def _mine(self, gid: int) -> bool:
        inf = self.info.get(gid)
        return inf is None or not inf.hidden

    def _goid(self, gid: int) -> int:
        inf = self.info.get(gid)
        return gid if inf is None else inf.goid

    def _ended(self) -> bool:
        """main has returned (or, for a runtime that does not say, a simulated minute has not passed)."""
        return bool(getattr(self.rt, "ended", self.rt.now <= LIMIT_NS))

    def _never_continue(self) -> list[int]:
        """The program's goroutines that can never continue: Go's stranded and, once main has returned, every
        one still blocked (a lock whose holder exited: Go's profile does not report it, a leak all the same)."""
        ended = self._ended()
        return [gid for gid, g in self.rt.goroutines.items()
                if self._mine(gid) and (g.stranded or (ended and g.state == PARKED))]

    def _parked_at(self, i: int) -> Parked | None:
        """The program's goroutine that event ``i`` parks, if it does."""
        e = self.rt.trace.events[i]
        return self.parks.get(e[2]) if e[1] == "park" and self._mine(e[2]) else None

    # -- the steps --

    def ask(self, step: Step) -> dict:
        """Run to where ``step``'s question is asked; what the question says."""
        if step.key == "p-wait":
            self.run_until(lambda i: self._parked_at(i) is not None)
            p = self._parked_at(self.pos - 1) if self.pos else None
            return {"gid": -1} if p is None else {"gid": p.gid, "parked": p, "i": self.pos - 1}
        if step.key == "p-fix":
            return self._fix_question()
        return {}

    def _fix_question(self) -> dict:
        """How many goroutines can never continue, and the dials of the channels they wait on
        (explore.dials_for) as (key, variable, line): none when nothing is stuck or the program has no dial
        there."""
        from ..explore import dials_for
        stuck = self._never_continue()
        chans = sorted({c for gid in stuck if gid in self.parks for c in self.parks[gid].chans})
        sites = self.program.dial_sites() if self.program is not None else {}
        keys = dials_for(sites, chans) if stuck else []
        return {"stranded": len(stuck), "dials": [(k, sites[k][2], sites[k][1]) for k in keys]}

    def reveal(self, step: Step, asked: dict) -> dict:
        """Run on until ``step``'s subject is settled; what the trace says, ``answer`` among it."""
        out = getattr(self, "_reveal_" + step.key[2:])(asked)
        out["t"] = self.rt.trace.events[self.pos - 1][0] if self.pos else 0
        self.outcomes[step.key] = out
        return out

    def _reveal_wait(self, asked: dict) -> dict:
        gid = asked["gid"]
        if gid < 0:  # no goroutine of the program ever blocked: nothing to judge
            return {"gid": -1, "answer": None}
        after = asked["i"]
        events = self.rt.trace.events

        def settled(i: int) -> bool:
            e = events[i]
            return i > after and e[1] in ("unpark", "stranded") and e[2] == gid

        self.run_until(settled)
        e = events[self.pos - 1]
        went_on = settled(self.pos - 1) and e[1] == "unpark"
        g = self.rt.goroutines.get(gid)
        return {"gid": gid, "parked": asked["parked"], "answer": "continues" if went_on else "never",
                "stranded": bool(g is not None and g.stranded)}

    def _reveal_first(self, _asked: dict) -> dict:
        events = self.rt.trace.events
        self.run_until(lambda i: events[i][1] == "stranded")
        e = events[self.pos - 1] if self.pos else None
        if e is None or e[1] != "stranded":
            return {"gid": -1, "answer": "none"}
        p = self.parks.get(e[2])
        op = p.op if p is not None else ""
        return {"gid": e[2], "parked": p, "answer": _ANSWER_OF_OP.get(op, "other")}

    def _reveal_end(self, _asked: dict) -> dict:
        self.run_until(lambda _i: False)  # to the program's end (or a simulated minute)
        lines: dict[tuple[str, str, tuple[str, ...]], int] = {}
        for gid, g in self.rt.goroutines.items():
            p = self.parks.get(gid)
            if g.stranded and p is not None:
                k = (p.where, p.op, p.chans)
                lines[k] = lines.get(k, 0) + 1
        top = sorted(lines.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        blocked = len(self._never_continue())
        return {"stranded": self.rt.stranded, "ended": self._ended(), "blocked": max(blocked, self.rt.stranded),
                "lines": [(where, op, chans, n) for (where, op, chans), n in top], "answer": self.rt.stranded}

    def _reveal_fix(self, asked: dict) -> dict:
        """The smallest capacity of the asked dials, raised together, at which the same run strands nothing;
        not searched past SAFE_MOST, nor for a run that started over SAFE_SPAWNED goroutines."""
        from ..explore import SAFE_MOST, SAFE_SPAWNED, safe_search
        self.pos = len(self.rt.trace.events)  # the run is over: the fix step stays at its end
        if not asked["stranded"]:
            return {"answer": "none", "found": None, "searched": False}
        spawned = sum(1 for e in self.rt.trace.events if e[1] == "go")
        keys = [k for k, _v, _l in asked["dials"]]
        if not keys:  # they wait on a lock, a WaitGroup, a channel the program makes no buffer for
            return {"answer": "code", "found": None, "searched": False, "most": SAFE_MOST}
        if spawned > SAFE_SPAWNED:  # each try runs it whole: too dear here (the explorer grids it)
            return {"answer": None, "found": None, "searched": False, "most": SAFE_MOST, "spawned": spawned}
        found = None
        for value, stranded in safe_search(self.program, keys):
            if stranded == 0:
                found = value
        return {"answer": "code" if found is None else "buffer", "found": found, "searched": True,
                "most": SAFE_MOST}
