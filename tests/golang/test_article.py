"""``run --interpret``: the article's handler from Go source strands exactly what the native one does."""

from __future__ import annotations

import json
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from visualizer.core.report import report, simulate
from visualizer.core.scenario import VARIANTS, Config, predicted_stranded
from visualizer.golang.article import SOURCES, program, simulate_interpreted


def _both(cfg: Config) -> tuple[dict, dict]:
    return report(cfg, simulate(cfg)), report(cfg, simulate_interpreted(cfg))


configs = st.builds(
    Config,
    variant=st.sampled_from(VARIANTS),
    checks=st.integers(1, 12),
    capacity_done=st.integers(0, 4),
    capacity_quit=st.integers(0, 4),
    requests=st.integers(1, 25),
    concurrent=st.booleans(),
    rate=st.sampled_from([10.0, 100.0, 1000.0]),
    arrival=st.sampled_from(["fixed", "poisson"]),
    fail_prob=st.floats(0, 1),
    jitter=st.sampled_from([0.0, 0.5]),
    seed=st.integers(0, 10_000),
)


@settings(max_examples=40, deadline=None)
@given(configs)
def test_interpreted_handler_strands_what_native_does(cfg):
    native, interp = _both(cfg)
    assert interp["stranded"] == native["stranded"]
    assert interp["stranded_by_channel"] == native["stranded_by_channel"]
    assert interp["requests_rejected"] == native["requests_rejected"]


def test_the_rule_holds_for_the_interpreted_seed():
    cfg = Config(checks=10, fail=(2,))
    _, interp = _both(cfg)
    assert interp["stranded_by_channel"] == {k: v for k, v in predicted_stranded(cfg).items() if v}
    assert interp["stranded"] == 7


def test_every_variant_compiles_from_go():
    for v in VARIANTS:
        assert "F_handler" in program(v).source
        assert "go func" in SOURCES[v]


def test_run_interpret_command():
    out = subprocess.run([sys.executable, "-m", "visualizer", "run", "--fail", "2", "--interpret", "--json"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["stranded_by_channel"] == {"done": 7}
