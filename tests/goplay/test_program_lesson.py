"""The guided lesson on any Go program (lesson.program): its steps stop on trace conditions, and what each
reveal says is what ``go --json`` reports for the same program."""

import io
import json
from pathlib import Path

import pytest

from visualizer.golang.cli import run_go
from visualizer.golang.live import GoProgram
from visualizer.golang.module import load_sources
from visualizer.lesson.program import PROGRAM_STEPS, ProgramLesson

EXAMPLES = Path(__file__).parents[2] / "visualizer" / "goplay" / "examples"


def _go(name: str) -> dict:
    out = io.StringIO()
    assert run_go([str(EXAMPLES / name)], as_json=True, out=out, err=io.StringIO()) == 0
    return json.loads(out.getvalue())["per_run"][0]


def _lesson(name: str) -> list[tuple[dict, dict]]:
    rt, ip = GoProgram.of(load_sources([str(EXAMPLES / name)])).start()
    lesson = ProgramLesson(rt, ip.info)
    out = []
    for step in PROGRAM_STEPS[:3]:  # the fix step: test_the_fix_step_...
        asked = lesson.ask(step)
        out.append((asked, lesson.reveal(step, asked)))
        assert lesson.pos > 0 and lesson.rt.trace.events[lesson.pos - 1][0] == out[-1][1]["t"]
    return out


def test_ncast_main_waits_and_goes_on_and_the_first_stranded_waits_to_send():
    (asked, wait), (_a, first), (_b, end) = _lesson("ncast.go")
    p = asked["parked"]
    assert (p.goid, p.op, p.chans, p.site) == (1, "recv", ("out",), "main") and p.where.endswith("ncast.go:19")
    assert wait["answer"] == "continues" and wait["t"] > p.t  # it went on when the fastest replica sent
    q = first["parked"]
    assert first["answer"] == "send" and q.op == "send" and q.where.endswith("ncast.go:11")
    assert q.site.endswith("ncast.go:17") and q.t < first["t"]  # it blocked before the rule found it stranded
    go = _go("ncast.go")
    assert end["answer"] == end["stranded"] == go["leaked"] == 40 and end["ended"]
    assert [(w.rsplit("/", 1)[-1], op, n) for w, op, _c, n in end["lines"]] == [("ncast.go:11", "send", 40)]


def test_a_fixed_program_strands_nothing_and_the_lesson_says_so():
    (_q, wait), (_a, first), (_b, end) = _lesson("ncast_fix.go")
    assert wait["answer"] == "continues" and first["answer"] == "none" and first["gid"] == -1
    assert end["answer"] == 0 == _go("ncast_fix.go")["leaked"]


def test_a_goroutine_blocked_on_a_lock_of_an_exited_holder_never_goes_on_though_go_does_not_report_it():
    (asked, wait), (_a, first), (_b, end) = _lesson("lock_exit.go")
    assert asked["parked"].op == "sync.Mutex.Lock"
    assert wait["answer"] == "never" and not wait["stranded"]  # the program ended with it still blocked
    go = _go("lock_exit.go")
    assert first["answer"] == "none" and end["stranded"] == go["leaked"] == 0
    assert end["blocked"] == go["never_continue"] == 4


@pytest.mark.parametrize("name, answer, op", [("contract.go", "other", "select"), ("range_noclose.go", "recv", "recv"),
                                              ("timeout.go", "send", "send")])
def test_the_first_stranded_goroutines_operation_is_the_answer(name, answer, op):
    _wait, (_a, first), (_b, end) = _lesson(name)
    assert first["answer"] == answer and first["parked"].op == op
    assert end["stranded"] == _go(name)["leaked"] > 0


def _fix(name: str) -> tuple[dict, dict]:
    rt, ip = (program := GoProgram.of(load_sources([str(EXAMPLES / name)]))).start()
    lesson = ProgramLesson(rt, ip.info, program)
    out = None
    for step in PROGRAM_STEPS:
        asked = lesson.ask(step)
        out = (asked, lesson.reveal(step, asked))
    return out


def _leaked_with(name: str, dials: dict[str, int]) -> int:
    out = io.StringIO()
    assert run_go([str(EXAMPLES / name)], as_json=True, out=out, err=io.StringIO(), dials=dials) == 0
    return json.loads(out.getvalue())["per_run"][0]["leaked"]


def test_the_fix_step_finds_the_capacity_go_agrees_strands_nothing():
    asked, fix = _fix("ncast.go")
    assert [(var, line) for _k, var, line in asked["dials"]] == [("out", 15)]
    assert fix["answer"] == "buffer" and fix["found"] == 4
    assert _leaked_with("ncast.go", {"capacity:out:15": 4}) == 0 < _leaked_with("ncast.go", {"capacity:out:15": 3})


def test_the_fix_step_says_the_fix_is_in_the_code_when_no_buffer_helps():
    asked, fix = _fix("range_noclose.go")  # workers wait to receive on jobs, which nobody closes
    assert fix["answer"] == "code" and fix["searched"] and fix["found"] is None and asked["dials"]
    assert _leaked_with("range_noclose.go", {asked["dials"][0][0]: fix["most"]}) > 0


def test_the_fix_step_counts_what_can_never_continue_though_go_does_not_report_it():
    asked, fix = _fix("lock_exit.go")  # the mutex is a global's: Go's profile reports none, 4 wait for ever
    go = _go("lock_exit.go")
    assert go["leaked"] == 0 and asked["stranded"] == go["never_continue"] == 4 and asked["dials"] == []
    assert fix["answer"] == "code" and not fix["searched"]  # they wait on a lock: no buffer to widen


def test_the_fix_step_says_there_is_nothing_to_fix_in_a_program_that_does_not_leak():
    asked, fix = _fix("ncast_fix.go")
    assert fix["answer"] == "none" and asked["stranded"] == 0 == _go("ncast_fix.go")["never_continue"]
