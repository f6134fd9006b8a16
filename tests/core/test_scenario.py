"""The article's scenario: worked examples, real Go, the leak rule, fixes,
determinism, safe capacities, arrivals and config validation."""

import json
import math
import random
from dataclasses import replace
from pathlib import Path

import pytest

from visualizer.core import memory, report, scenario
from visualizer.core.scenario import Config, ConfigError
from visualizer.core.trace import fold

REALGO = Path(__file__).parent / "data" / "realgo"
CASES = json.loads((REALGO / "cases.json").read_text())["cases"]


def by_channel(rt):
    return dict(fold(rt.trace).stranded_by_channel)


def events(rt, kind):
    return [e for e in rt.trace.events if e[1] == kind]


# -- (a) the two worked examples --

def test_worked_example_fail_first_check_strands_nine_on_done():
    cfg = Config(checks=10, capacity_done=0, capacity_quit=0, fail=(0,))
    rt = report.simulate(cfg)
    r = report.report(cfg, rt)
    assert r["stranded"] == 9
    assert r["stranded_by_channel"] == {"done": 9}
    assert r["parked_by_site"] == {"check:send:done": 9}
    assert r["requests_rejected"] == 1
    assert r["checks_spawned"] == 10
    assert r["panic"] is None
    assert r["go_bytes_modeled"] >= 9 * memory.GOROUTINE_BYTES
    assert r["python_bytes_measured"] > 0


def test_worked_example_fail_two_and_ten_strands_seven_on_done_one_on_quit():
    cfg = Config(checks=10, capacity_done=0, capacity_quit=0, fail=(1, 9))
    rt = report.simulate(cfg)
    r = report.report(cfg, rt)
    assert r["stranded"] == 8
    assert r["stranded_by_channel"] == {"done": 7, "quit": 1}
    snap = fold(rt.trace)
    assert dict(snap.parked_by_site) == {"check:send:done": 7, "check:send:quit": 1}
    # the stranded ones are exactly checks 2..9 (0 and 1 were received)
    idx = {e[2]: e[6] for e in events(rt, "go") if e[4] == "check"}
    assert sorted(idx[e[2]] for e in events(rt, "stranded")) == list(range(2, 10))


# -- (b) the engine against real Go 1.19 --

def _case_id(c):
    return (f"{c['variant']}-n{c['checks']}-d{c['capacity_done']}q{c['capacity_quit']}"
            f"-f{','.join(map(str, c['fail']))}-t{','.join(map(str, c['delays_ms']))}")


def test_realgo_cases_cover_every_variant():
    assert len(CASES) >= 300
    assert {c["variant"] for c in CASES} == set(scenario.VARIANTS)
    assert any(c["stranded_done"] for c in CASES) and any(c["stranded_quit"] for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_engine_matches_real_go(case):
    cfg = Config(variant=case["variant"], checks=case["checks"], capacity_done=case["capacity_done"],
                 capacity_quit=case["capacity_quit"], requests=1, fail=tuple(case["fail"]),
                 delays_ms=tuple(case["delays_ms"]))
    rt = report.simulate(cfg)
    expected = {k: v for k, v in (("done", case["stranded_done"]), ("quit", case["stranded_quit"])) if v}
    assert by_channel(rt) == expected
    assert rt.stranded == case["stranded_done"] + case["stranded_quit"] + case["stranded_other"]
    assert rt.panic is None


# -- (c) the leak rule, and the fixes never leaking --

def _matrix():
    rng = random.Random(2024)
    out = []
    for n in range(1, 13):
        fail_sets = {(), (0,), tuple(range(n)), (n - 1,)}
        while len(fail_sets) < 6 and n > 2:
            fail_sets.add(tuple(sorted(rng.sample(range(n), rng.randint(1, n)))))
        for fail in sorted(fail_sets):
            delays = [(j + 1) * 3 for j in range(n)]
            rng.shuffle(delays)  # distinct finishing times, in no particular order
            out.append((n, fail, tuple(delays)))
    return out


def test_predicted_stranded_agrees_with_the_engine_over_a_matrix():
    mismatches = []
    runs = 0
    for n, fail, delays in _matrix():
        for cd in range(5):
            for cq in range(5):
                cfg = Config(checks=n, capacity_done=cd, capacity_quit=cq, fail=fail, delays_ms=delays)
                got = by_channel(report.simulate(cfg))
                want = {k: v for k, v in scenario.predicted_stranded(cfg).items() if v}
                runs += 1
                if got != want:
                    mismatches.append((cfg, got, want))
    assert runs > 1000
    assert not mismatches, mismatches[:5]


@pytest.mark.parametrize("variant", ["ctx", "closequit", "drain"])
def test_fixes_never_strand_in_the_scripted_matrix(variant):
    for n, fail, delays in _matrix()[::3]:
        for cd, cq in ((0, 0), (1, 0), (0, 2), (3, 3)):
            cfg = Config(variant=variant, checks=n, capacity_done=cd, capacity_quit=cq,
                         fail=fail, delays_ms=delays)
            assert scenario.predicted_stranded(cfg) == {"done": 0, "quit": 0}
            rt = report.simulate(cfg)
            assert rt.stranded == 0, cfg
            assert not rt.goroutines, cfg  # every goroutine ran to its end


@pytest.mark.parametrize("variant", ["ctx", "closequit", "drain"])
@pytest.mark.parametrize("arrival,jitter,seed", [("fixed", 0.0, 1), ("poisson", 0.6, 2), ("poisson", 1.0, 3)])
def test_fixes_never_strand_with_many_concurrent_drawn_requests(variant, arrival, jitter, seed):
    cfg = Config(variant=variant, checks=8, capacity_done=0, capacity_quit=0, requests=250,
                 concurrent=True, rate=5000, arrival=arrival, fail_prob=0.25, bad_ip_share=0.3,
                 jitter=jitter, seed=seed)
    rt = report.simulate(cfg)
    r = report.report(cfg, rt)
    assert r["requests_rejected"] > 50  # the early return really happened, often
    assert rt.stranded == 0
    assert not rt.goroutines
    # and the same stream leaks under the article's code
    seed_rt = report.simulate(replace(cfg, variant="seed"))
    assert seed_rt.stranded > 0


# -- (d) determinism --

def test_same_config_same_trace_hash():
    cfg = Config(checks=6, requests=40, concurrent=True, rate=800, arrival="poisson",
                 fail_prob=0.3, bad_ip_share=0.2, jitter=0.4, seed=11)
    a, b = report.simulate(cfg), report.simulate(cfg)
    assert a.trace.sha256() == b.trace.sha256()
    assert list(a.trace.events) == list(b.trace.events)


def test_different_seed_different_trace_hash():
    cfg = Config(checks=6, requests=40, concurrent=True, rate=800, arrival="poisson",
                 fail_prob=0.3, bad_ip_share=0.2, jitter=0.4, seed=11)
    other = replace(cfg, seed=12)
    assert report.simulate(cfg).trace.sha256() != report.simulate(other).trace.sha256()


@pytest.mark.parametrize("concurrent", [False, True])
def test_request_stream_does_not_depend_on_the_variant(concurrent):
    streams = {}
    for variant in scenario.VARIANTS:
        cfg = Config(variant=variant, checks=6, requests=30, concurrent=concurrent, rate=400,
                     arrival="poisson", fail_prob=0.3, bad_ip_share=0.3, jitter=0.5, seed=9)
        rt = report.simulate(cfg)
        streams[variant] = [e[2:] for e in events(rt, "request")]
        if concurrent:  # open loop: arrival times are the stream's too
            streams[variant] = [(e[0], *e[2:]) for e in events(rt, "request")]
        streams[variant + "/verdicts"] = sorted(e[2:] for e in events(rt, "verdict"))
    assert len(streams["seed"]) == 30
    assert len({ip for _, ip in (s[-2:] for s in streams["seed"])}) > 1
    for variant in scenario.VARIANTS:
        assert streams[variant] == streams["seed"], variant
        assert streams[variant + "/verdicts"] == streams["seed/verdicts"], variant


# -- (e) safe capacities --

def _scripted_cases():
    rng = random.Random(77)
    out = []
    for n in range(1, 11):
        for _ in range(4):
            fail = tuple(sorted(rng.sample(range(n), rng.randint(1, n))))
            delays = [(j + 1) * 4 for j in range(n)]
            rng.shuffle(delays)
            out.append((n, fail, tuple(delays)))
    return out


def test_safe_capacities_strand_nothing_and_one_less_strands():
    tightened = 0
    for n, fail, delays in _scripted_cases():
        base = Config(checks=n, fail=fail, delays_ms=delays)
        d, q = scenario.safe_capacities(base)
        cfg = Config(checks=n, fail=fail, delays_ms=delays, capacity_done=d, capacity_quit=q)
        assert report.simulate(cfg).stranded == 0, cfg
        if d > 0:
            less = Config(checks=n, fail=fail, delays_ms=delays, capacity_done=d - 1, capacity_quit=q)
            assert report.simulate(less).stranded > 0, less
            tightened += 1
        if q > 0:
            less = Config(checks=n, fail=fail, delays_ms=delays, capacity_done=d, capacity_quit=q - 1)
            assert report.simulate(less).stranded > 0, less
            tightened += 1
    assert tightened > 20


def test_safe_capacities_are_safe_with_tied_finishing_times():
    rng = random.Random(5)
    for n in range(1, 11):
        for _ in range(3):
            delays = tuple(rng.choice((5, 10, 15)) for _ in range(n))
            fail = tuple(sorted(rng.sample(range(n), rng.randint(1, n))))
            d, q = scenario.safe_capacities(Config(checks=n, fail=fail, delays_ms=delays))
            for seed in range(4):  # select picks among ready cases with the seed
                cfg = Config(checks=n, fail=fail, delays_ms=delays, capacity_done=d,
                             capacity_quit=q, seed=seed)
                assert report.simulate(cfg).stranded == 0, cfg


def test_safe_capacities_for_drawn_failures_strand_nothing():
    cfg = Config(checks=6, requests=200, concurrent=True, rate=3000, fail_prob=0.4,
                 bad_ip_share=0.4, jitter=0.8, arrival="poisson", fail=None, seed=3)
    d, q = scenario.safe_capacities(cfg)
    assert (d, q) == (5, 5)
    rt = report.simulate(replace(cfg, capacity_done=d, capacity_quit=q))
    assert rt.stranded == 0
    assert report.simulate(cfg).stranded > 0


# -- (f) sequential vs concurrent --

def _overlaps(rt):
    """How many requests arrived before the previous handler returned."""
    arrived = {}
    returned = {}
    for i, e in enumerate(rt.trace.events):
        if e[1] == "request":
            arrived[e[2]] = i
        elif e[1] == "return":
            returned[e[2]] = i
    assert set(arrived) == set(returned)
    return sum(1 for k in arrived if k > 0 and arrived[k] < returned[k - 1])


def test_concurrent_requests_overlap_when_the_rate_is_high():
    cfg = Config(checks=10, requests=50, concurrent=True, rate=1000, fail_prob=0.1, seed=2)
    rt = report.simulate(cfg)
    assert _overlaps(rt) > 10


@pytest.mark.parametrize("arrival", ["fixed", "poisson"])
def test_sequential_requests_never_overlap(arrival):
    cfg = Config(checks=10, requests=50, concurrent=False, rate=1_000_000, arrival=arrival,
                 fail_prob=0.1, seed=2)
    rt = report.simulate(cfg)
    assert _overlaps(rt) == 0
    times = [e[0] for e in events(rt, "request")]
    rets = [e[0] for e in events(rt, "return")]
    assert all(times[k + 1] >= rets[k] for k in range(len(rets) - 1))


# -- a tiny positive rate is refused, whatever the number of requests --

@pytest.mark.parametrize("requests", [1, 2])
def test_a_very_low_rate_is_refused(requests):
    cfg = Config(checks=10, fail=(0,), requests=requests, rate=1e-300)
    with pytest.raises(ConfigError, match="rate must be between 0.001 and 1e\\+06 requests per second, got 1e-300"):
        cfg.validate()


# -- (g) validation --

@pytest.mark.parametrize("kw", [
    {"variant": "nope"},
    {"variant": ""},
    {"checks": 0},
    {"checks": -1},
    {"checks": scenario.MAX_CHECKS + 1},
    {"capacity_done": -1},
    {"capacity_quit": -1},
    {"capacity_done": 1_000_001},
    {"capacity_quit": 10 ** 12},
    {"requests": 0},
    {"requests": -3},
    {"rate": 0},
    {"rate": -5},
    {"rate": math.nan},
    {"rate": math.inf},
    {"arrival": "uniform"},
    {"fail": (10,)},
    {"fail": (-1,)},
    {"fail": (0, 3), "checks": 3},
    {"fail_prob": -0.1},
    {"fail_prob": 1.5},
    {"fail_prob": math.nan},
    {"bad_ip_share": 2.0},
    {"bad_ip_share": -0.5},
    {"jitter": 1.01},
    {"jitter": -0.01},
    {"delays_ms": (5, 10)},
    {"delays_ms": ()},
    {"delays_ms": (-1,) + (5,) * 9},
    {"delays_ms": (3_600_001,) + (5,) * 9},
    {"delays_ms": (math.nan,) + (5,) * 9},
], ids=lambda kw: ",".join(f"{k}={v!r}" for k, v in kw.items()))
def test_validate_rejects_each_invalid_field(kw):
    cfg = Config(**kw)
    with pytest.raises(ConfigError) as info:
        cfg.validate()
    msg = str(info.value)
    assert msg and "\n" not in msg
    with pytest.raises(ConfigError):
        report.simulate(cfg)


def test_validate_accepts_the_edges():
    for kw in ({"checks": 1}, {"checks": scenario.MAX_CHECKS}, {"capacity_done": 1_000_000},
               {"fail": ()}, {"fail": (0, 9)}, {"fail_prob": 0.0}, {"fail_prob": 1.0},
               {"jitter": 1.0}, {"delays_ms": (0,) * 10}, {"arrival": "poisson"}):
        cfg = Config(**kw)
        assert cfg.validate() is cfg
