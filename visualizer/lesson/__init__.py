"""The guided lesson: steps that each name a subject (a request, a goroutine, the run) and stop where that
subject's number is settled in the trace, never on a timer.

Qt-free, beside core. ``LessonRun`` drives one run through the steps: ``ask``
runs to where a step's question is asked and returns what the question needs;
``reveal`` runs on until the step's subject is settled and returns what the
trace says (read by ``facts.Facts``), the engine's answer among it. The window
puts the words around these facts; nothing here is narration that could
disagree with the run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ..core import scenario
from ..core.presets import PRESETS
from ..core.runtime import Runtime
from ..core.scenario import Config
from .facts import Facts, G

__all__ = ["LIMIT_NS", "STEPS", "TEN_S", "LessonRun", "Step", "TraceRun", "fail_share", "step_config", "stranded_after"]

TEN_S = 10_000_000_000
LIMIT_NS = 60_000_000_000  # a condition not met within a simulated minute is not going to be


@dataclass(frozen=True)
class Step:
    """One step: the preset it runs (``restart``: a fresh run of it) and how the class answers (``ask``:
    "choice" among ``choices``, or "number")."""

    key: str
    preset: str
    ask: str
    choices: tuple[str, ...] = ()
    restart: bool = False


COUNT = ("none", "fewer", "more")  # none / fewer than n / n or more

STEPS: list[Step] = [
    Step("return", "unbuffered", "choice", ("waits", "returns"), restart=True),
    Step("wait", "unbuffered", "choice", ("turn", "doomed")),
    Step("request", "unbuffered", "number"),
    Step("ten", "unbuffered", "choice", COUNT),
    Step("buffered", "buffered", "choice", ("all-wait", "some", "all-finish"), restart=True),
    Step("too-small", "too-small", "number", restart=True),
    Step("context", "context", "choice", COUNT, restart=True),
]


def step_config(step: Step, base: Config | None = None) -> Config:
    """The config a step runs: its preset (with the seed of ``base``, so a class can vary it)."""
    cfg = PRESETS[step.preset]
    return replace(cfg, seed=base.seed) if base is not None else cfg


def stranded_after(cfg: Config, t_ns: int) -> int:
    """How many goroutines ``cfg`` strands by ``t_ns``: a headless run of its own."""
    rt = Runtime(seed=cfg.seed)
    scenario.start(rt, cfg)
    rt.run(until=t_ns)
    n = rt.stranded
    rt.shutdown()
    return n


def fail_share(cfg: Config) -> float:
    """The share of requests with at least one failing check (the config's odds, as the class can be told)."""
    if cfg.fail is not None:
        return 1.0 if cfg.fail else 0.0
    return 1 - (1 - cfg.bad_ip_share) * (1 - cfg.fail_prob) ** max(0, cfg.checks - 1)


def count_band(n: int, than: int) -> str:
    """Which of COUNT's answers ``n`` is."""
    return "none" if n == 0 else "fewer" if n < than else "more"


Stop = Callable[[int], bool]  # asked after event i has been read


class TraceRun:
    """A lesson's run of ``rt``: runs it step by step until a condition on the trace holds, feeding each
    event read to ``_feed`` first (the facts a step's words are filled from)."""

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        self.pos = 0  # events the class is shown (the moment after event pos - 1)

    def _feed(self, events, i: int) -> None:
        """Read event ``i`` (and any before it not read yet) into the facts."""

    def run_until(self, stop: Stop) -> int:
        """Run until ``stop`` holds after an event; show up to and including the first such event of the
        whole run (or everything run, when a simulated minute passes without it). The facts answer for
        any index, so events already read are asked again: the first wait may come before the first return."""
        rt = self.rt
        events = rt.trace.events
        i = 0
        while True:
            n = len(events)
            while i < n:
                self._feed(events, i)
                if stop(i):
                    self.pos = i + 1
                    return self.pos
                i += 1
            if rt.now > LIMIT_NS or not rt.step():
                self.pos = n
                return n


class LessonRun(TraceRun):
    """The lesson's steps over one run of ``rt`` (fresh: nothing run yet), reading its trace as it goes: the
    article's scenario or its handler run from Go (``stranded_after`` then runs gateway.go too)."""

    def __init__(self, rt: Runtime, cfg: Config, stranded_after: Callable[[Config, int], int] = stranded_after
                 ) -> None:
        super().__init__(rt)
        self.cfg = cfg
        self.stranded_after = stranded_after  # a headless run of the same source (native or from Go)
        self.facts = Facts()
        self.outcomes: dict[str, dict] = {}  # step key -> what its reveal found

    def _feed(self, events, i: int) -> None:
        if i >= self.facts.n:
            self.facts.feed(events, i + 1)

    def run_to(self, t_ns: int) -> int:
        """Run to simulated time ``t_ns``; show every event up to that moment."""
        self.rt.run(until=t_ns)
        events = self.rt.trace.events
        n = len(events)
        while n > 0 and events[n - 1][0] > t_ns:
            n -= 1
        self.facts.feed(events, n)
        self.pos = n
        return n

    def _first_early_return(self) -> int:
        self.run_until(lambda i: self.facts.early_return(i) is not None)
        r = self.facts.early_return(self.pos - 1) if self.pos else None
        return -1 if r is None else r.req

    # -- the steps --

    def ask(self, step: Step) -> dict:
        """Run to where ``step``'s question is asked; what the question says (its facts)."""
        f = self.facts
        if step.key in ("buffered", "too-small"):  # the question is about the first early return, as it happens
            req = self._first_early_return()
            q = {"req": req}
            if req >= 0:
                r = f.reqs[req]
                q.update(t=r.return_t, late=len(f.late(req)), checks=len(r.workers), code=r.code)
            q.update(capacity_done=self.cfg.capacity_done, capacity_quit=self.cfg.capacity_quit)
            return q
        if step.key == "request":
            req = self.outcomes.get("return", {}).get("req", -1)
            return {"req": req, "checks": len(f.reqs[req].workers) if req in f.reqs else 0}
        if step.key == "ten":
            n = round(self.cfg.rate * TEN_S / 1e9)
            return {"rate": self.cfg.rate, "n": n, "share": fail_share(self.cfg)}
        if step.key == "context":
            base = replace(PRESETS["unbuffered"], seed=self.cfg.seed)
            return {"n": self.stranded_after(base, TEN_S)}
        return {}

    def reveal(self, step: Step, asked: dict) -> dict:
        """Run on until ``step``'s subject is settled; what the trace says, ``answer`` among it."""
        out = getattr(self, "_reveal_" + step.key.replace("-", "_"))(asked)
        out["t"] = self.rt.trace.events[self.pos - 1][0] if self.pos else 0
        self.outcomes[step.key] = out
        return out

    def _reveal_return(self, _asked: dict) -> dict:
        req = self._first_early_return()
        if req < 0:
            return {"req": -1, "answer": "waits"}
        f = self.facts
        r = f.reqs[req]
        chan, sender = f.last_value(req)
        late = f.late(req)
        return {"req": req, "code": r.code, "chan": chan, "sender": None if sender is None else sender.idx,
                "late": [g.idx for g in late], "checks": len(r.workers), "answer": "returns" if late else "waits"}

    def _reveal_wait(self, _asked: dict) -> dict:
        f = self.facts
        self.run_until(lambda i: self._waits_at(i) is not None)
        g = self._waits_at(self.pos - 1) if self.pos else None
        if g is None:
            return {"gid": -1, "answer": "turn"}
        r = f.reqs.get(g.req)
        doomed = f.doomed(g)
        return {"gid": g.gid, "idx": g.idx, "req": g.req, "chan": ", ".join(g.wait_on), "doomed": doomed,
                "returned_t": r.return_t if r is not None and r.return_i is not None else None,
                "answer": "doomed" if doomed else "turn"}

    def _waits_at(self, i: int) -> G | None:
        e = self.rt.trace.events[i]
        g = self.facts.gs.get(e[2]) if e[1] == "park" else None
        return g if g is not None and g.wait_i == i else None

    def _settle(self, req: int) -> dict:
        """Run until request ``req`` is settled; how its late workers ended."""
        f = self.facts
        if req not in f.reqs:
            return {"req": req, "stranded": 0, "finished": 0, "buffered": {}, "late": 0}
        self.run_until(lambda i: f.settled(req, i))
        r = f.reqs[req]
        late = f.late(req)
        stranded = [g for g in late if g.stranded_i is not None]
        buffered: dict[str, int] = {}
        for g in late:
            for j, ch, how in g.sends:
                if how == "buffer" and j > r.return_i:
                    buffered[ch] = buffered.get(ch, 0) + 1
        return {"req": req, "stranded": len(stranded), "finished": len(late) - len(stranded),
                "buffered": buffered, "late": len(late), "checks": len(r.workers),
                "stranded_idx": [g.idx for g in stranded]}

    def _reveal_request(self, asked: dict) -> dict:
        out = self._settle(asked.get("req", -1))
        out["answer"] = out["stranded"]
        return out

    def _count_at_ten(self, than: int) -> dict:
        self.run_to(TEN_S)
        events = self.rt.trace.events
        requests = sum(1 for k in range(self.pos) if events[k][1] == "request")
        n = self.rt.stranded
        return {"stranded": n, "requests": requests, "than": than, "answer": count_band(n, than)}

    def _reveal_ten(self, asked: dict) -> dict:
        return self._count_at_ten(asked["n"])

    def _reveal_buffered(self, asked: dict) -> dict:
        out = self._settle(asked.get("req", -1))
        s, late = out["stranded"], out["late"]
        out["answer"] = "all-finish" if s == 0 else "all-wait" if s == late else "some"
        return out

    def _reveal_too_small(self, asked: dict) -> dict:
        out = self._settle(asked.get("req", -1))
        out["answer"] = out["stranded"]
        return out

    def _reveal_context(self, asked: dict) -> dict:
        out = self._count_at_ten(asked["n"])
        f = self.facts
        # workers that went on after their handler returned and still finished: they gave up on ctx.Done()
        out["gave_up"] = sum(1 for r in f.reqs.values() if r.return_i is not None for g in f.late(r.req)
                             if g.exit_i is not None and not any(j > r.return_i for j, _c, _h in g.sends))
        return out
