"""A Go program run live through a Session: the trace the window folds agrees with ``go --json``."""

from __future__ import annotations

import asyncio
import io
import json
from pathlib import Path

import pytest

from visualizer.core.session import Session
from visualizer.core.trace import Folder
from visualizer.golang.cli import run_go
from visualizer.golang.live import GoProgram

EXAMPLES = sorted((Path(__file__).parents[2] / "visualizer" / "goplay" / "examples").glob("*.go"))


def _go_json(path: Path) -> dict:
    out = io.StringIO()
    run_go([str(path)], as_json=True, out=out, err=io.StringIO())
    return json.loads(out.getvalue())


def _program(path: Path) -> GoProgram:
    return GoProgram.of([(str(path), path.read_bytes())])


def _run_to_end(session: Session, frame_s: float = 0.02) -> list:
    """Play the session to its end as a window does, a snapshot per frame; returns the snapshots."""
    seen = []

    async def drive() -> None:
        session.play()
        while not session.finished or session.backlog():
            await asyncio.sleep(frame_s)
            seen.append(session.snapshot(budget_s=0.005))
        seen.append(session.snapshot())
        await session.aclose()
    asyncio.run(drive())
    return seen


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_live_run_ends_at_the_count_and_the_lines_go_json_reports(path):
    doc = _go_json(path)
    snap = _run_to_end(Session(program=_program(path), speed=None))[-1]
    assert snap.stranded == doc["per_run"][0]["leaked"]
    lines = {key.rsplit("@", 1)[1] for key, _ in snap.stranded_by_site}
    assert lines == {f"{lk['file']}:{lk['line']}" for lk in doc["leaked"]}
    # the second fact: what can never continue once the program ended, Go's profile or not
    assert snap.never_continue(ended=True) == doc["per_run"][0]["never_continue"]
    assert snap.started() == doc["goroutines_started"]


def test_a_lock_held_by_a_goroutine_that_returned_is_two_different_facts():
    """Go's profile reports none of the readers (the global lock is reachable); all four can never continue."""
    path = next(p for p in EXAMPLES if p.stem == "lock_exit")
    doc = _go_json(path)
    blocked = doc["per_run"][0]["blocked_not_reported"]
    assert doc["leaked_count"] == 0 and doc["never_continue_count"] == len(blocked) == 4
    assert {(b["function"], b["wait_reason"]) for b in blocked} == {("main.count", "sync.Mutex.Lock")}
    snap = _run_to_end(Session(program=_program(path), speed=None))[-1]
    assert (snap.stranded, snap.never_continue(ended=True)) == (0, 4)
    fixed = _go_json(path.with_name("lock_exit_fix.go"))
    assert fixed["never_continue_count"] == fixed["leaked_count"] == 0


def test_the_stranded_count_grows_while_the_program_runs():
    path = next(p for p in EXAMPLES if p.stem == "article_http")
    seen = _run_to_end(Session(program=_program(path), speed=0.5), frame_s=0.01)
    counts = [s.stranded for s in seen]
    assert counts == sorted(counts)  # a leaked goroutine stays leaked
    assert any(0 < n < counts[-1] for n in counts), counts


def test_goroutines_are_laned_by_the_go_statement_that_started_them_and_blocked_lines_are_named(tmp_path):
    src = tmp_path / "two.go"
    src.write_text("""package main

import "time"

func main() {
	a := make(chan int)
	b := make(chan int)
	for i := 0; i < 3; i++ {
		go func() { a <- 1 }()
	}
	go func() { <-b }()
	<-a
	select {
	case <-time.After(time.Millisecond):
	}
}
""")
    p = _program(src)
    snap = _run_to_end(Session(program=p, speed=None))[-1]
    sites = {s.role: s for s in snap.sites}
    assert set(sites) == {"main", f"{src}:9", f"{src}:11"}
    assert sites[f"{src}:9"].count("finished") == 1 and sites[f"{src}:9"].count("stranded") == 2
    assert sites[f"{src}:11"].count("stranded") == 1
    assert {t.where for t in sites[f"{src}:9"].shown} == {f"{src}:9"}
    # time.After's helper goroutine is the runtime's, not the program's: 1 main + 4 started
    assert snap.spawned == 5
    assert dict(snap.stranded_by_site) == {f"{src}:9:send:a@{src}:9": 2, f"{src}:11:recv:b@{src}:11": 1}


def test_the_trace_alone_folds_to_the_same_snapshot_and_is_the_same_every_run():
    path = next(p for p in EXAMPLES if p.stem == "ncast")
    a = Session(program=_program(path), speed=None)
    _run_to_end(a)
    b = Session(program=_program(path), speed=None)
    _run_to_end(b)
    assert a.rt.trace.sha256() == b.rt.trace.sha256()
    refolded = Folder(keep=a.keep).feed(a.rt.trace.events).snapshot()
    assert refolded.stranded == a.snapshot().stranded == 40
    assert refolded.sites == a.snapshot().sites


def test_reset_starts_the_program_again():
    path = next(p for p in EXAMPLES if p.stem == "early_return")
    s = Session(program=_program(path), speed=None)
    assert _run_to_end(s)[-1].stranded == 8
    s.pause()  # the run ended off the loop: reset without playing on
    s.reset()
    assert s.snapshot().stranded == 0 and not s.finished
    assert _run_to_end(s)[-1].stranded == 8


def test_a_program_session_refuses_an_article_config():
    from visualizer.core.scenario import Config
    s = Session(program=_program(EXAMPLES[0]), speed=None)
    with pytest.raises(TypeError):
        s.update(Config())
    with pytest.raises(TypeError):
        Session(Config(), program=_program(EXAMPLES[0]))
    s.stop()


def test_a_program_that_runs_past_its_step_budget_ends_the_live_run_with_the_budget_named(tmp_path):
    from visualizer.golang.budget import BudgetExceeded, Budgets
    src = tmp_path / "spin.go"
    src.write_text("package main\n\nfunc main() {\n\tfor {\n\t}\n}\n")
    p = GoProgram([(str(src), src.read_bytes())], budgets=Budgets(steps=100_000))
    s = Session(program=p, speed=None)
    errors = []
    s.on_error = errors.append
    _run_to_end(s)
    assert len(errors) == 1 and isinstance(errors[0], BudgetExceeded)
    assert "steps" in errors[0].line()


def test_a_dial_is_every_make_chan_of_the_program_named_by_variable_and_line():
    p = _program(next(p for p in EXAMPLES if p.stem == "ncast"))
    assert list(p.dial_sites()) == ["capacity:out:15"]
    assert p.dial_sites()["capacity:out:15"][1:] == (15, "out")


def test_a_dial_set_before_the_run_is_the_capacity_its_make_uses():
    p = _program(next(p for p in EXAMPLES if p.stem == "ncast"))
    p.dials["capacity:out:15"] = 4  # room for the four late replicas of each query
    assert _run_to_end(Session(program=p, speed=None))[-1].stranded == 0


SPACED = """package main

import "time"

func first() int {
	out := make(chan int)
	for i := 0; i < 3; i++ {
		go func() { out <- i }()
	}
	return <-out
}

func main() {
	for q := 0; q < 10; q++ {
		first()
		time.Sleep(10 * time.Millisecond)
	}
}
"""


def test_a_dial_changed_mid_run_applies_to_channels_made_from_then_on_and_is_marked(tmp_path):
    src = tmp_path / "spaced.go"
    src.write_text(SPACED)
    s = Session(program=_program(src), speed=None)
    s.rt.run(until=35_000_000)  # four queries made their channel, each stranded its two late senders
    assert s.snapshot().stranded == 8
    seen = []
    s.events.config.connect(seen.append)
    s.change("capacity:out:6", 2)
    assert seen == [None]
    s.rt.run()
    assert s.snapshot().stranded == 8  # later queries' channels had room: nothing more is stranded
    assert any(what == "change" for _i, what in s.folder.marks)
    s.pause()
    s.reset()  # a reset keeps the dial
    s.rt.run()
    assert s.snapshot().stranded == 0


def test_a_dial_the_program_does_not_have_or_a_bad_capacity_is_refused():
    p = _program(next(p for p in EXAMPLES if p.stem == "ncast"))
    s = Session(program=p, speed=None)
    with pytest.raises(KeyError):
        s.change("capacity:nope:1", 1)
    for bad in (-1, 2.5, 10**9):
        with pytest.raises(ValueError):
            s.change("capacity:out:15", bad)
    s.stop()


def test_go_takes_the_same_dials_and_refuses_an_unknown_one_in_a_line():
    path = next(p for p in EXAMPLES if p.stem == "ncast")
    out, err = io.StringIO(), io.StringIO()
    assert run_go([str(path)], as_json=True, out=out, err=err, dials={"capacity:out:15": 4}) == 0
    assert json.loads(out.getvalue())["per_run"][0]["leaked"] == 0
    err = io.StringIO()
    assert run_go([str(path)], out=io.StringIO(), err=err, dials={"capacity:x:1": 4}) == 2
    assert err.getvalue() == "leakviz go: error: no dial 'capacity:x:1': this program's are capacity:out:15\n"


def test_a_programs_channels_are_its_newest_of_each_name_with_their_queues():
    path = next(p for p in EXAMPLES if p.stem == "ncast")
    snap = _run_to_end(Session(program=_program(path), speed=None))[-1]
    # ten queries each made an "out"; the newest two stay, each with its four late replicas queued
    assert [(c.name, c.cap, c.sendq, c.recvq) for c in snap.channels] == [("out", 0, 4, 0)] * 2


def test_a_run_made_again_from_its_start_dials_and_changes_is_the_same_run(tmp_path):
    src = tmp_path / "spaced.go"
    src.write_text(SPACED)
    a = Session(program=_program(src), speed=None)
    a.rt.run(until=35_000_000)
    a.change("capacity:out:6", 2)
    a.rt.run(until=60_000_000)
    a.change("capacity:out:6", 0)
    a.rt.run()
    p = a.program
    assert p.start_dials == {} and [c[2:] for c in p.recorded] == [("capacity:out:6", 2), ("capacity:out:6", 0)]
    again = GoProgram([(str(src), src.read_bytes())], dials=dict(p.start_dials), changes=list(p.recorded))
    b = Session(program=again, speed=None)
    b.rt.run()
    assert b.rt.trace.sha256() == a.rt.trace.sha256()
    assert b.snapshot().stranded == a.snapshot().stranded > 8  # the second change let queries strand again
    assert again.recorded == p.recorded  # saved again, the same changes
    assert again.dials == {"capacity:out:6": 0}  # a reset starts where the changes ended


def test_a_live_run_that_grows_past_its_memory_budget_is_stopped_with_the_budget_named(tmp_path):
    from dataclasses import replace

    from visualizer.golang.budget import BudgetExceeded
    from visualizer.golang.live import LIVE_BUDGETS
    src = tmp_path / "grow.go"
    src.write_text("package main\n\nfunc main() {\n\tm := map[int][]int{}\n\tfor i := 0; ; i++ {\n"
                   "\t\tm[i] = make([]int, 64)\n\t}\n}\n")
    p = GoProgram([(str(src), src.read_bytes())], budgets=replace(LIVE_BUDGETS, memory_bytes=64 << 20))
    s = Session(program=p, speed=None)
    errors = []
    s.on_error = errors.append
    _run_to_end(s)
    assert len(errors) == 1 and isinstance(errors[0], BudgetExceeded)
    assert errors[0].line().startswith("stopped: the program went past its budget of 64 MiB of memory at ")


def test_a_string_doubling_in_a_live_run_stops_at_the_allocation_budget(tmp_path):
    from visualizer.golang.budget import BudgetExceeded
    src = tmp_path / "bomb.go"
    src.write_text('package main\n\nfunc main() {\n\ts := "x"\n\tfor i := 0; i < 40; i++ {\n\t\ts += s\n\t}\n'
                   '\tprintln(len(s))\n}\n')
    s = Session(program=_program(src), speed=None)
    errors = []
    s.on_error = errors.append
    _run_to_end(s)
    assert len(errors) == 1 and isinstance(errors[0], BudgetExceeded) and errors[0].what == "alloc_bytes"


def test_recursion_deeper_than_the_window_can_run_is_a_panic_that_says_so(tmp_path):
    src = tmp_path / "deep.go"
    src.write_text("package main\n\nfunc depth(n int) int {\n\tif n == 0 {\n\t\treturn 0\n\t}\n"
                   "\treturn 1 + depth(n-1)\n}\n\nfunc main() {\n\tprintln(depth(100000))\n}\n")
    snap = _run_to_end(Session(program=_program(src), speed=None))[-1]
    assert "recursion too deep" in snap.panic and "python -m visualizer go" in snap.panic


DATA = sorted((Path(__file__).parent / "data").glob("*.go"))


@pytest.mark.parametrize("path", DATA, ids=lambda p: p.stem)
def test_every_recorded_program_runs_live_to_go_jsons_count(path):
    """The programs recorded against real Go (each writes Go's goroutineleak profile from inside a
    goroutine) run live as in the window: no panic of ours, and the count ``go --json`` gives."""
    doc = _go_json(path)
    session = Session(program=_program(path), speed=None)
    snap = _run_to_end(session)[-1]
    assert session.rt.panic is None or session.rt.panic[1] in ("shut down", "exit"), session.rt.panic
    assert snap.stranded == doc["per_run"][0]["leaked"]


def test_a_leak_check_owed_at_a_slices_end_is_made_first_in_the_next_and_changes_nothing(monkeypatch):
    """The clock ends a slice that has run steps when a leak check comes due, and the next slice starts
    with it: the event loop waits for the check or the steps, not both. The trace is the one a headless
    run makes, where no check is ever owed."""
    from dataclasses import replace

    from visualizer.core.presets import PRESETS
    from visualizer.golang import gateway, live
    cfg = replace(PRESETS["unbuffered"], requests=300, rate=1000.0)
    rt, _ip = gateway.program(cfg).start()
    rt.run()
    owed = []
    real = live.LiveRuntime.detect_stranded

    def counting(self, defer=True):
        n = real(self, defer)
        if self.check_owed:
            owed.append(self.now)
        return n

    monkeypatch.setattr(live.LiveRuntime, "detect_stranded", counting)
    session = Session(program=gateway.program(cfg), speed=None)
    snap = _run_to_end(session)[-1]
    assert len(owed) > 3  # the slices did end on owed checks
    assert session.rt.trace.sha256() == rt.trace.sha256()
    assert snap.stranded == rt.stranded > 1000
