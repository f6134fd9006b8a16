"""The lesson's facts (visualizer.lesson) against the trace, worked out apart (tests/lesson_expect.py)."""

from dataclasses import replace

import pytest

from tests.lesson_expect import Trace
from visualizer.core import scenario
from visualizer.core.presets import PRESETS
from visualizer.core.runtime import Runtime
from visualizer.lesson import STEPS, TEN_S, LessonRun, count_band, step_config
from visualizer.lesson.facts import Facts


def _fresh(cfg):
    rt = Runtime(seed=cfg.seed)
    scenario.start(rt, cfg)
    return LessonRun(rt, cfg)


def _steps(seed: int):
    """Each step asked and revealed as the window runs them: (step, asked, ask pos, outcome, reveal pos, run)."""
    run = None
    for step in STEPS:
        if step.restart:
            run = _fresh(step_config(step, replace(PRESETS["unbuffered"], seed=seed)))
        asked = run.ask(step)
        at_ask = run.pos
        out = run.reveal(step, asked)
        yield step, asked, at_ask, out, run.pos, run


@pytest.mark.parametrize("seed", [1, 2, 7])
def test_every_step_stops_and_reports_what_the_trace_says(seed):
    for step, asked, at_ask, out, pos, run in _steps(seed):
        tr = Trace(run.rt.trace.events)
        if step.key == "return":  # the earliest return of a handler with workers still going
            i, req = tr.first_early_return()
            assert (pos - 1, out["req"]) == (i, req)
            assert sorted(out["late"]) == sorted(tr.go[g][6] for g in tr.late(req))
            assert out["answer"] == "returns"
        elif step.key == "wait":  # the first goroutine in the run to park on a send, and whether it is doomed
            i, gid = tr.first_send_wait()
            assert (pos - 1, out["gid"], out["req"]) == (i, gid, tr.req_of(gid))
            assert out["doomed"] == tr.doomed(gid, i)
            assert out["answer"] == ("doomed" if tr.doomed(gid, i) else "turn")
        elif step.key in ("request", "buffered", "too-small"):  # stops where the request's count is settled
            req = out["req"]
            if step.key == "request":
                assert req == tr.first_early_return()[1]
            else:  # asked at the fresh run's first early return
                assert (at_ask - 1, asked["req"]) == tr.first_early_return() and asked["late"] == len(tr.late(req))
            assert pos - 1 == tr.settled_at(req)
            stranded = sum(1 for g in tr.late(req) if g in tr.stranded)
            assert out["stranded"] == stranded
            assert sum(out["buffered"].values()) == tr.buffered_after_return(req)
            if step.ask == "number":
                assert out["answer"] == stranded
        else:  # ten seconds
            assert run.rt.now == TEN_S and tr.ev[pos - 1][0] <= TEN_S
            assert out["stranded"] == tr.stranded_by(TEN_S)
            assert out["answer"] == count_band(tr.stranded_by(TEN_S), asked["n"])
            if step.key == "context":
                assert out["gave_up"] == tr.gave_up() > 0 and out["stranded"] == 0


def test_a_check_that_waits_while_its_handler_still_listens_is_not_doomed():
    """Three checks finish at the same moment: the handler takes one, the next waits its turn; that wait
    comes before the first early return, and step 2 still finds it (it used to search after step 1's)."""
    cfg = replace(PRESETS["unbuffered"], checks=4, delays_ms=(5.0, 5.0, 5.0, 20.0), fail=(2,), requests=1,
                  arrival="fixed")
    run = _fresh(cfg)
    returned = run.reveal(STEPS[0], {})
    out = run.reveal(STEPS[1], {})
    tr = Trace(run.rt.trace.events)
    i, gid = tr.first_send_wait()
    assert i < tr.first_early_return()[0] and returned["req"] == 0
    assert not tr.doomed(gid, i)
    assert (run.pos - 1, out["gid"], out["doomed"], out["answer"]) == (i, gid, False, "turn")


def test_the_facts_read_any_program_s_events_not_role_names():
    """A made-up trace: roles are blank, a handler (request 7) returns with one worker still going; that
    worker then parks on a send and is stranded; a goroutine of no request waits after its parent exited."""
    ev = [
        (0, "go", 1, 0, "", -1, -1),
        (0, "go", 2, 1, "", 7, -1),  # started from outside request 7: its handler
        (0, "make", 10, "results", 0, 7),
        (0, "go", 3, 2, "", 7, 0),
        (0, "go", 4, 2, "", 7, 1),
        (1, "send", 3, 10, "direct", 0),
        (1, "unpark", 2, 10),
        (1, "exit", 3),
        (2, "return", 7, "rejected"),
        (2, "exit", 2),
        (3, "park", 4, "send", (10,), (True,), ("results",)),
        (3, "go", 5, 1, "", -1, -1),
        (4, "exit", 1),
        (5, "park", 5, "select", (11, 12), (False, True), ("in", "out")),
        (6, "stranded", 4, 0, 0),
    ]
    f = Facts()
    f.feed(ev, len(ev))
    assert f.reqs[7].handler == 2 and f.reqs[7].workers == [3, 4]
    assert f.early_return(8) is f.reqs[7] and f.early_return(9) is None
    assert [g.gid for g in f.late(7)] == [4]
    assert f.last_value(7) == ("results", f.gs[3])
    assert f.gs[4].wait_on == ("results",) and f.doomed(f.gs[4])
    assert f.gs[5].wait_on == ("out",) and f.doomed(f.gs[5])  # no request: its parent had exited
    assert not f.settled(7, 13) and f.settled(7, 14)
    assert f.reqs[7].code == 403
