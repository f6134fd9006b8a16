"""`leakviz test` on the corpus of small leaky packages in tests/golang/testpkgs/corpus.

Each package (ours, modelled on the kinds of leak in Go's own goroutine-leak
test programs and in the GoKer benchmark) has a test that leaks in Go's own
order, a test that leaks only when a race goes one way, and a clean test.
EXPECTED says which goroutines each test leaves blocked for ever, as
(function, wait reason, line, the text on that line). The tests check that
leakviz finds the leaks in Go's order with seed 0, the races within 50
schedules, nothing in the clean tests, and that each reported seed replays its
leak.
"""

from __future__ import annotations

import functools
import io
import json
from pathlib import Path

import pytest

from visualizer.golang.gotest import run_test_command

CORPUS = Path(__file__).parent / "testpkgs" / "corpus"
RUNS = 50

DET, RACE, CLEAN = "leaks in Go's order", "leaks on a race", "clean"

# package -> test -> (kind, {(function, wait reason, line, text on that line)})
EXPECTED: dict[str, dict[str, tuple[str, set]]] = {
    "fetchtimeout": {
        "TestFetchAfterCancelLeaks": (DET, {("fetchtimeout.Fetch.func1", "chan send", 18, "ch <- v")}),
        "TestFetchRacingCancelSometimesLeaks": (RACE, {("fetchtimeout.Fetch.func1", "chan send", 18, "ch <- v")}),
        "TestFetchBufferedIsClean": (CLEAN, set()),
    },
    "pipeline": {
        "TestValidateStopsEarlyLeaks": (DET, {("pipeline.emit.func1", "chan send", 20, "out <- s")}),
        "TestCollectWithAuditorSometimesLeaks": (RACE, {("pipeline.emit.func1", "chan send", 20, "out <- s")}),
        "TestValidateAllGoodIsClean": (CLEAN, set()),
    },
    "gate": {
        "TestFailedLoadStrandsWaiterLeaks": (DET, {("gate.(*Gate).Await", "sync.Cond.Wait", 28, "g.cond.Wait()")}),
        "TestOpenSignalsOneSometimesLeaks": (RACE, {("gate.(*Gate).Await", "sync.Cond.Wait", 28, "g.cond.Wait()")}),
        "TestOpenAllIsClean": (CLEAN, set()),
    },
    "registry": {
        # the watcher, called by Set under the write lock, read-locks again
        "TestWatcherReadingBackLeaks": (DET, {("registry.(*Registry).Get", "sync.RWMutex.RLock", 43,
                                               "r.mu.RLock()")}),
        # Export holds a read lock, Set queues for the write lock, Len's read lock queues behind it;
        # the sink's drainer waits on a channel only the stuck Export would close
        "TestExportRacingSetSometimesLeaks": (RACE, {
            ("registry.(*Registry).Set", "sync.RWMutex.Lock", 33, "r.mu.Lock()"),
            ("registry.(*Registry).Len", "sync.RWMutex.RLock", 50, "r.mu.RLock()"),
            ("registry.TestExportRacingSetSometimesLeaks.func1", "chan receive", 25, "for range sink {"),
        }),
        "TestSetGetExportIsClean": (CLEAN, set()),
    },
    "workpool": {
        "TestFirstJobFailsLeaks": (DET, {("workpool.RunAll.func1", "chan send", 23, "results <- err"),
                                         ("workpool.RunAll.func2", "sync.WaitGroup.Wait", 27, "wg.Wait()")}),
        "TestLastJobFailsSometimesLeaks": (RACE, {("workpool.RunAll.func1", "chan send", 23, "results <- err"),
                                                  ("workpool.RunAll.func2", "sync.WaitGroup.Wait", 27, "wg.Wait()")}),
        "TestAllJobsSucceedIsClean": (CLEAN, set()),
    },
    "broker": {
        "TestPublishBeforeUnsubscribeLeaks": (DET, {
            ("broker.(*Broker).Publish", "chan send", 51, "ch <- msg"),
            ("broker.(*Broker).Subscribe.func1", "sync.Mutex.Lock", 38, "b.mu.Lock()"),
        }),
        "TestPublishAfterCancelSometimesLeaks": (RACE, {
            ("broker.(*Broker).Publish", "chan send", 51, "ch <- msg"),
            ("broker.(*Broker).Subscribe.func1", "sync.Mutex.Lock", 38, "b.mu.Lock()"),
        }),
        "TestSubscribeReceiveIsClean": (CLEAN, set()),
    },
    "heartbeat": {
        "TestSlowSamplerLeaks": (DET, {("heartbeat.beat", "chan send", 20, "beats <- n")}),
        "TestDeadlineOnATickSometimesLeaks": (RACE, {("heartbeat.beat", "chan send", 20, "beats <- n")}),
        "TestDeadlineBetweenTicksIsClean": (CLEAN, set()),
    },
    "fanout": {
        "TestEarlyFailureLeaks": (DET, {("fanout.Query.func1", "chan send", 75, "answers <- s")}),
        "TestLateFailureSometimesLeaks": (RACE, {("fanout.Query.func1", "chan send", 75, "answers <- s")}),
        "TestAllShardsUpIsClean": (CLEAN, set()),
    },
}
PACKAGES = sorted(EXPECTED)


def sites(expected: set) -> set:
    """(function, wait reason, line) of expectations."""
    return {(fn, reason, line) for fn, reason, line, _text in expected}


def leak_sites(test: dict) -> set:
    return {(lk["function"], lk["wait_reason"], lk["line"]) for lk in test["leaked"]}


@functools.cache
def leakviz(pkg: str, runs: int, seed: int = 0, pattern: str | None = None) -> tuple[int, dict]:
    """(exit code, test name -> its --json record) of ``leakviz test`` on a corpus package."""
    out, err = io.StringIO(), io.StringIO()
    code = run_test_command(str(CORPUS / pkg), pattern=pattern, runs=runs, seed=seed, as_json_out=True,
                            junit_path=None, out=out, err=err)
    assert code in (0, 1), err.getvalue()
    return code, {t["name"]: t for t in json.loads(out.getvalue())["tests"]}


def test_the_corpus_is_what_the_expectations_describe():
    assert sorted(p.name for p in CORPUS.iterdir() if p.is_dir()) == PACKAGES
    for pkg, tests in EXPECTED.items():
        kinds = [kind for kind, _ in tests.values()]
        assert DET in kinds and RACE in kinds and CLEAN in kinds, pkg
        sources = {f.name: f.read_text().splitlines() for f in (CORPUS / pkg).glob("*.go")}
        assert not (CORPUS / pkg / "go.mod").exists()  # leakviz runs the folder as it is
        for _name, (_kind, want) in tests.items():
            for fn, _reason, line, text in want:
                # the expected line holds the statement named (the expectations follow edits of the Go)
                assert any(len(lines) >= line and lines[line - 1].strip().startswith(text)
                           for lines in sources.values()), (pkg, fn, line, text)


@pytest.mark.parametrize("pkg", PACKAGES)
def test_go_s_order_shows_the_deterministic_leaks_and_hides_the_races(pkg):
    code, tests = leakviz(pkg, 1)
    assert code == 1
    assert list(tests) == list(EXPECTED[pkg])  # every test found, in source order
    for name, (kind, want) in EXPECTED[pkg].items():
        t = tests[name]
        assert t["failed_seeds"] == [], (name, t)  # every assertion of the Go tests holds
        if kind == DET:
            assert leak_sites(t) == sites(want), name
            assert {lk["seed"] for lk in t["leaked"]} == {0}
        else:
            assert t["leaked"] == [] and t["passed"], name


@pytest.mark.parametrize("pkg", PACKAGES)
def test_explored_schedules_find_every_race_and_nothing_in_the_clean_tests(pkg):
    code, tests = leakviz(pkg, RUNS)
    assert code == 1
    for name, (kind, want) in EXPECTED[pkg].items():
        t = tests[name]
        assert t["failed_seeds"] == [], (name, t)
        assert leak_sites(t) == sites(want), name
        if kind == DET:
            assert {lk["seed"] for lk in t["leaked"]} == {0}  # first seen in Go's order
        elif kind == RACE:
            assert all(0 < lk["seed"] < RUNS for lk in t["leaked"]), name
        else:
            assert t["passed"] and t["leaked"] == [], name


@pytest.mark.parametrize("pkg", PACKAGES)
def test_each_reported_seed_replays_its_leak(pkg):
    _code, tests = leakviz(pkg, RUNS)
    replayed = 0
    for name, (kind, _want) in EXPECTED[pkg].items():
        for lk in tests[name]["leaked"]:
            code, again = leakviz(pkg, 1, lk["seed"], f"^{name}$")
            assert code == 1 and list(again) == [name]
            site = (lk["function"], lk["wait_reason"], lk["line"])
            assert site in leak_sites(again[name]), (name, lk["seed"], again[name]["leaked"])
            replayed += 1
        if kind == CLEAN:
            assert tests[name]["leaked"] == []
    assert replayed >= 2
