"""The article's presets from Go (goplay/examples/gateway.go sent the article's traffic) strand exactly
what the native transcription does: the same requests, the same checks failing, the same goroutines left."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from visualizer.core.presets import PRESETS
from visualizer.core.report import report, simulate
from visualizer.core.scenario import VARIANTS, Config, ConfigError, predicted_stranded
from visualizer.golang import gateway


def _both(cfg: Config) -> tuple[dict, dict]:
    rt = gateway.simulate(cfg)
    try:
        return report(cfg, simulate(cfg)), report(cfg, rt)
    finally:
        rt.shutdown()


configs = st.builds(
    Config,
    variant=st.sampled_from(VARIANTS),
    capacity_done=st.integers(0, 4),
    capacity_quit=st.integers(0, 4),
    requests=st.integers(1, 25),
    concurrent=st.just(True),
    rate=st.sampled_from([10.0, 100.0, 1000.0]),
    arrival=st.sampled_from(["fixed", "poisson"]),
    fail_prob=st.floats(0, 1),
    bad_ip_share=st.floats(0, 1),
    seed=st.integers(0, 10_000),
)


@settings(max_examples=40, deadline=None)
@given(configs)
def test_the_gateway_in_go_strands_what_the_native_handler_does(cfg):
    native, go = _both(cfg)
    assert go["stranded"] == native["stranded"]
    assert go["stranded_by_channel"] == native["stranded_by_channel"]
    assert go["requests_rejected"] == native["requests_rejected"]


@pytest.mark.parametrize("preset", list(PRESETS))
def test_every_preset_from_go_leaves_what_the_preset_leaves(preset):
    cfg = replace(PRESETS[preset], requests=150)
    native, go = _both(cfg)
    assert (go["stranded"], go["requests_rejected"]) == (native["stranded"], native["requests_rejected"])
    assert native["requests_rejected"] > 0  # the traffic does make checks fail


def test_the_rule_holds_for_the_gateway_in_go():
    cfg = Config(checks=10, fail=(2,))
    _, go = _both(cfg)
    assert go["stranded_by_channel"] == {k: v for k, v in predicted_stranded(cfg).items() if v}
    assert go["stranded"] == 7


def test_each_variant_is_a_handler_of_gateway_go_and_its_capacities_are_its_dials():
    for v, name in gateway.HANDLERS.items():
        p = gateway.program(Config(variant=v, capacity_done=3, capacity_quit=1))
        assert f"func {name}(w http.ResponseWriter, r *http.Request)" in gateway.GATEWAY.read_text()
        sites = p.dial_sites()
        assert {sites[k][2]: n for k, n in p.dials.items()} == {"done": 3, "quit": 1}


@pytest.mark.parametrize("cfg", [Config(checks=12), Config(jitter=0.5), Config(delays_ms=(1.0,) * 10),
                                 Config(requests=5)], ids=["checks", "jitter", "delays", "waiting-client"])
def test_what_the_go_code_fixes_is_refused_in_one_line(cfg):
    with pytest.raises(ConfigError) as e:
        gateway.program(cfg)
    assert "\n" not in str(e.value) and str(e.value)


def test_run_interpret_command():
    out = subprocess.run([sys.executable, "-m", "visualizer", "run", "--fail", "2", "--interpret", "--json"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["stranded_by_channel"] == {"done": 7}


def test_run_interpret_counts_the_checks_and_names_the_line_they_wait_at():
    def run(*flags):
        out = subprocess.run([sys.executable, "-m", "visualizer", "run", "--requests", "4", "--concurrent", *flags],
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        return out.stdout

    native, go = json.loads(run("--json")), json.loads(run("--json", "--interpret"))
    assert go["checks_spawned"] == native["checks_spawned"] == 40  # four requests, ten checks each
    text = run("--interpret")
    assert "(40 checks)" in text and "parked at gateway.go:51 (send on done)" in text


def test_run_interpret_refuses_a_config_the_go_code_fixes_in_one_line():
    out = subprocess.run([sys.executable, "-m", "visualizer", "run", "--checks", "12", "--interpret"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "gateway.go" in out.stderr
