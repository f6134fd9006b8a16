"""``fold`` is a pure function of the events; ``Folder`` is its incremental
form. Snapshots of the same events must agree however they were fed."""

import dataclasses
import hashlib
import re

import pytest

from visualizer.core import report, scenario
from visualizer.core.runtime import Runtime
from visualizer.core.scenario import Config
from visualizer.core.trace import Folder, Snapshot, fold, site_key

CONFIGS = {
    "worked": Config(checks=10, fail=(1, 9)),
    "sequential": Config(checks=8, requests=30, fail_prob=0.3, bad_ip_share=0.3, seed=4),
    "concurrent": Config(checks=8, requests=60, concurrent=True, rate=2000, arrival="poisson",
                         fail_prob=0.3, bad_ip_share=0.3, jitter=0.5, capacity_done=1, seed=5),
    "drain": Config(variant="drain", checks=6, requests=30, concurrent=True, rate=2000, seed=6),
    "ctx": Config(variant="ctx", checks=6, requests=30, concurrent=True, rate=2000, seed=7),
}


@pytest.fixture(scope="module", params=sorted(CONFIGS))
def run_(request):
    return report.simulate(CONFIGS[request.param])


def assert_same_snapshot(a: Snapshot, b: Snapshot):
    for f in dataclasses.fields(Snapshot):
        assert getattr(a, f.name) == getattr(b, f.name), f.name
    assert a == b


def uneven_cuts(n, seed):
    """Increasing cut points 0 < c1 < ... < n of uneven sizes (1, primes, big)."""
    sizes = [1, 2, 1, 7, 13, 1, 97, 3, 250, 5, 31]
    cuts = []
    pos = 0
    i = seed
    while pos < n:
        pos = min(n, pos + sizes[i % len(sizes)])
        cuts.append(pos)
        i += 1
    return cuts


@pytest.mark.parametrize("keep", [2, 12, 1000])
def test_fold_equals_folder_fed_in_uneven_chunks(run_, keep):
    tr = run_.trace
    whole = fold(tr, keep=keep)
    for seed in (0, 3):
        f = Folder(keep=keep)
        for cut in uneven_cuts(len(tr.events), seed):
            f.feed(tr.events, upto=cut)
        assert f.seq == len(tr.events)
        assert_same_snapshot(f.snapshot(), whole)


def test_folder_fed_live_while_the_runtime_steps_equals_fold():
    cfg = CONFIGS["concurrent"]
    rt = Runtime(seed=cfg.seed)
    scenario.start(rt, cfg.validate())
    f = Folder()
    steps = 0
    snaps = 0
    while rt.step():
        steps += 1
        if steps % 5 == 0:
            f.feed(rt.trace.events)
            if steps % 50 == 0:
                # a live snapshot equals the fold of the same prefix
                assert_same_snapshot(f.snapshot(), fold(rt.trace, upto=len(rt.trace.events)))
                snaps += 1
    f.feed(rt.trace.events)
    assert snaps > 3
    assert_same_snapshot(f.snapshot(), fold(rt.trace))
    assert rt.trace.sha256() == report.simulate(cfg).trace.sha256()


def test_fold_at_a_prefix_is_consistent(run_):
    ev = run_.trace.events
    n = len(ev)
    for k in sorted({0, 1, 2, n // 7, n // 3, n // 2, n - 1, n}):
        s = fold(run_.trace, upto=k)
        prefix = ev[:k]
        assert s.seq == k
        assert s.t == (prefix[-1][0] if prefix else 0)
        assert s.stranded == sum(1 for e in prefix if e[1] == "stranded")
        assert s.spawned == sum(1 for e in prefix if e[1] == "go")
        assert s.live == s.spawned - sum(1 for e in prefix if e[1] in ("exit", "panic"))
        assert s.requests_total == sum(1 for e in prefix if e[1] == "request")
        assert s.requests_returned == sum(1 for e in prefix if e[1] == "return")
        assert s.state_count("stranded") == s.stranded
        assert sum(n for _, n in s.stranded_by_channel) >= s.stranded
    assert fold(run_.trace, upto=10 * n) == fold(run_.trace)


def test_by_state_sums_to_spawned_at_every_prefix(run_):
    ev = run_.trace.events
    f = Folder()
    for cut in uneven_cuts(len(ev), 1):
        f.feed(ev, upto=cut)
        s = f.snapshot()
        assert sum(n for _, n in s.by_state) == s.spawned
        assert all(n > 0 for _, n in s.by_state)
        live_states = sum(n for st, n in s.by_state if st not in ("finished", "panicked"))
        assert live_states == s.live
        parked = s.state_count("parked") + s.state_count("stranded")
        assert sum(n for _, n in s.parked_by_site) == parked


def test_parked_by_site_keys_look_like_code_sites(run_):
    s = fold(run_.trace)
    sites = dict(s.parked_by_site)
    pattern = re.compile(r"^[a-z]+:(send|recv|select):[A-Za-z.()]+(,[A-Za-z.()]+)*$")
    for key in sites:
        assert pattern.match(key), key
    known = {k for _, keys in scenario.go_source(CONFIGS["worked"]) for k in keys}
    for v in scenario.VARIANTS:
        known |= {k for _, keys in scenario.go_source(Config(variant=v)) for k in keys}
    assert set(sites) <= known


def test_parked_by_site_of_the_worked_example():
    s = fold(report.simulate(Config(checks=10, fail=(1, 9))).trace)
    assert dict(s.parked_by_site) == {"check:send:done": 7, "check:send:quit": 1}
    assert site_key("check", "send", ("done",)) == "check:send:done"
    assert site_key("handler", "select", ("done", "quit")) == "handler:select:done,quit"


def test_parked_by_site_while_the_handler_waits():
    rt = Runtime(seed=1)
    scenario.start(rt, Config(checks=4, fail=(3,)).validate())
    rt.run(until=1)  # every check still sleeping; the handler is in its select
    s = fold(rt.trace)
    assert dict(s.parked_by_site) == {"handler:select:done,quit": 1, "server:recv:response": 1}
    assert s.state_count("sleeping") == 4


def test_keep_bounds_request_detail_but_not_the_totals():
    cfg = Config(checks=10, requests=50, fail_prob=0.3, bad_ip_share=0.3, seed=8)
    rt = report.simulate(cfg)
    small = fold(rt.trace, keep=3)
    big = fold(rt.trace, keep=1000)
    assert len(small.requests) == 3
    assert len(big.requests) == 50
    assert [r.req for r in small.requests] == [47, 48, 49]
    assert small.requests == big.requests[-3:]
    assert small.stranded == big.stranded > 0
    assert small.requests_total == big.requests_total == 50
    for name in ("requests_returned", "live", "spawned", "by_state", "stranded_by_channel",
                 "parked_by_site", "py_bytes", "t", "seq", "panic"):
        assert getattr(small, name) == getattr(big, name), name


def test_keep_does_not_change_the_modelled_go_bytes():
    """go_bytes is a total of the whole run, like stranded: what the view
    keeps in detail must not change it."""
    cfg = Config(checks=10, requests=50, fail_prob=0.3, bad_ip_share=0.3, seed=8)
    rt = report.simulate(cfg)
    assert fold(rt.trace, keep=3).go_bytes == fold(rt.trace, keep=1000).go_bytes


def test_request_views_carry_the_request_detail():
    rt = report.simulate(Config(checks=10, fail=(0,)))
    (r,) = fold(rt.trace).requests
    assert r.outcome == "rejected" and r.returned == 5_000_000 and r.arrived == 0
    assert r.handler is not None and r.handler.state == "finished"
    assert len(r.checks) == 10 and r.stranded == 9
    assert sorted(c.idx for c in r.checks if c.state == "stranded") == list(range(1, 10))
    assert {c.name for c in r.channels} == {"done", "quit"}
    done = next(c for c in r.channels if c.name == "done")
    assert (done.cap, done.len, done.sendq, done.recvq, done.closed) == (0, 0, 9, 0, False)


def test_trace_hash_is_the_documented_hash_of_every_event():
    """sha256 of ``repr(event) + "\\n"`` for every event, in order; the
    measured Python bytes on ``stranded`` events are not hashed."""
    for cfg in (Config(checks=3, fail=(0,)), CONFIGS["concurrent"]):
        rt = report.simulate(cfg)
        h = hashlib.sha256()
        for e in rt.trace.events:
            h.update(repr(e[:-1] if e[1] == "stranded" else e).encode() + b"\n")
        assert rt.trace.sha256() == h.hexdigest()


def test_measured_bytes_do_not_change_the_hash():
    rt = report.simulate(Config(checks=3, fail=(0,)))
    before = rt.trace.sha256()
    tail = rt.trace.events.tail
    i = next(i for i, e in enumerate(tail) if e[1] == "stranded")
    tail[i] = tail[i][:-1] + (tail[i][-1] + 12345,)
    assert rt.trace.sha256() == before


def test_compacted_trace_reads_and_hashes_like_a_list(monkeypatch):
    from visualizer.core.trace import Events
    monkeypatch.setattr(Events, "CHUNK", 100)
    rt = report.simulate(CONFIGS["concurrent"])
    events = rt.trace.events
    plain = list(events)
    before = events.sha256()
    events.compact(keep=0)
    assert events.nbytes() > 0 and len(events) == len(plain)
    assert list(events) == plain and events[len(plain) // 2] == plain[len(plain) // 2]
    assert events[-1] == plain[-1] and events[3:9] == plain[3:9]
    assert events.sha256() == before
    assert fold(rt.trace) == Folder().feed(plain).snapshot()


def test_trace_hash_depends_on_every_event():
    a = report.simulate(Config(checks=3, fail=(0,)))
    b = report.simulate(Config(checks=3, fail=(1,)))
    ea, eb = list(a.trace.events), list(b.trace.events)
    assert ea != eb and a.trace.sha256() != b.trace.sha256()
