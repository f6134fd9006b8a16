"""Play the scheduler (issue #22): scripted schedules run on the engine strand what the rule says, and the
summary's counts over every schedule are the engine's."""

from __future__ import annotations

import math
from dataclasses import replace
from itertools import permutations, product

import pytest

from visualizer.core.presets import PRESETS
from visualizer.core.scenario import ConfigError
from visualizer.lesson.play import (
    Schedule,
    config,
    distribution,
    every_schedule_safe,
    run,
    safe_from,
    stranded_rule,
)

BASE = PRESETS["unbuffered"]


def _sched(fails: str, slots: list[int]) -> Schedule:
    return Schedule(tuple(c == "x" for c in fails), tuple(slots))


def test_unbuffered_strands_every_check_that_finishes_after_the_first_failure():
    # check 2 fails and finishes 3rd: checks finishing 4th..6th are stranded, whichever channel they send on
    s = _sched("..x.x.", [1, 2, 3, 4, 5, 6])
    assert run(BASE, s).stranded == (3, 4, 5)
    # the same outcomes, check 2 now finishing last: check 4 fails first (slot 5), only check 2 is late
    s2 = s.moved(2, 6)
    assert s2.slots == (1, 2, 6, 4, 5, 3)  # check 5 took check 2's slot: the slots stay a permutation
    assert run(BASE, s2) == run(BASE, s2) and run(BASE, s2).stranded == (2,)
    assert run(BASE, s2).outcome == "rejected"


def test_a_buffer_takes_the_first_late_values_and_the_rest_are_stranded():
    s = _sched("x.....", [1, 2, 3, 4, 5, 6])  # check 0 fails first: 5 late passing checks
    for cap in range(0, 7):
        played = run(replace(BASE, capacity_done=cap), s)
        assert played.stranded == tuple(range(1 + cap, 6)), cap  # the first `cap` late ones fit in done
    late_fail = _sched("xxx...", [6, 5, 4, 1, 2, 3])  # three pass first, then checks 2, 1, 0 fail
    assert run(replace(BASE, capacity_quit=1), late_fail).stranded == (0,)  # quit holds check 1's value


def test_no_failure_strands_nothing_and_the_fixes_never_strand():
    s = _sched("......", [3, 1, 2, 6, 5, 4])
    assert run(BASE, s).stranded == () and run(BASE, s).outcome == "accepted"
    worst = _sched("x.....", [1, 2, 3, 4, 5, 6])
    for preset in ("context", "closequit", "drain"):
        assert run(PRESETS[preset], worst).stranded == (), preset


def test_the_schedule_becomes_the_scenarios_scripted_config():
    cfg = config(replace(BASE, capacity_done=2, requests=500, concurrent=True), _sched(".x.", [2, 3, 1]))
    assert (cfg.checks, cfg.fail, cfg.delays_ms, cfg.requests, cfg.concurrent) == (3, (1,), (20.0, 30.0, 10.0), 1,
                                                                                   False)
    assert cfg.capacity_done == 2
    with pytest.raises(ConfigError, match="own finishing slot"):
        config(BASE, _sched("...", [1, 1, 2]))


@pytest.mark.parametrize("n", [1, 2, 3, 4])
@pytest.mark.parametrize("variant", ["seed", "drain"])
@pytest.mark.parametrize("caps", [(0, 0), (1, 0), (0, 2), (2, 1)])
def test_the_rule_and_the_summary_are_the_engines_on_every_schedule(n, variant, caps):
    base = replace(BASE, variant=variant, capacity_done=caps[0], capacity_quit=caps[1])
    counts = [0] * n
    for fails in product((False, True), repeat=n):
        for perm in permutations(range(1, n + 1)):
            s = Schedule(fails, perm)
            stranded = run(base, s).stranded
            assert stranded == stranded_rule(s, variant, *caps), (fails, perm)
            counts[len(stranded)] += 1
    assert distribution(n, variant, *caps) == counts
    assert sum(counts) == 2**n * math.factorial(n)


def test_which_capacities_make_every_schedule_safe():
    # the worst schedule: the first check to finish fails, and all the others then send on one channel
    for n in (1, 3, 6, 10):
        assert safe_from(n, "seed") == (n - 1, n - 1)
        assert every_schedule_safe(n, "seed", n - 1, n - 1)
        assert n == 1 or not every_schedule_safe(n, "seed", n - 2, n - 1)
        assert safe_from(n, "context") == (0, 0)
    # in finishing order: PPP, PPF strand 0; PFP, PFF strand 1; F?? (4 patterns) strand 2; each pattern is 3! schedules
    assert distribution(3, "seed", 0, 0) == [6 * 2, 6 * 2, 6 * 4]
