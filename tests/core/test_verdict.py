"""The verdict is decided in core, and agrees with the engine."""

from dataclasses import replace

import pytest

from visualizer.core import report
from visualizer.core.presets import PRESETS
from visualizer.core.verdict import verdict


@pytest.mark.parametrize(("preset", "leaks", "reason"), [
    ("unbuffered", True, "unbuffered"), ("too-small", True, "buffers_fill"), ("buffered", False, "room"),
    ("context", False, "select"), ("closequit", False, "select"), ("drain", False, "drain"),
])
def test_each_preset_has_its_verdict(preset, leaks, reason):
    v = verdict(PRESETS[preset])
    assert (v.leaks, v.reason) == (leaks, reason)


@pytest.mark.parametrize("preset", ["unbuffered", "too-small", "buffered", "context", "closequit", "drain"])
def test_a_run_strands_goroutines_exactly_when_the_verdict_says_it_leaks(preset):
    cfg = replace(PRESETS[preset], requests=200)
    rt = report.simulate(cfg)
    assert (rt.stranded > 0) == verdict(cfg).leaks
    rt.shutdown()


def test_the_smallest_safe_capacities_strand_nothing_and_one_less_does():
    cfg = replace(PRESETS["unbuffered"], requests=300, fail_prob=0.0, bad_ip_share=0.0, fail=(0, 9))
    v = verdict(cfg)
    safe = replace(cfg, capacity_done=v.need_done, capacity_quit=v.need_quit)
    assert not verdict(safe).leaks and report.simulate(safe).stranded == 0
    short = replace(safe, capacity_done=v.need_done - 1)
    assert verdict(short).leaks and report.simulate(short).stranded > 0


def test_preset_of_names_a_preset_and_nothing_else():
    from visualizer.core.presets import preset_of
    assert {preset_of(cfg) for cfg in PRESETS.values()} == set(PRESETS)
    assert preset_of(replace(PRESETS["unbuffered"], capacity_done=1)) is None
