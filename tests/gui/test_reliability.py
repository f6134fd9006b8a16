"""The window's side of the reliability fixes: seed range, exports."""

from dataclasses import replace

from visualizer.core.presets import PRESETS
from visualizer.core.scenario import MAX_SEED


def test_the_seed_box_takes_every_seed_the_core_accepts(window):
    c = window.controls
    assert (c.seed.minimum(), c.seed.maximum()) == (0, MAX_SEED)
    cfg = replace(PRESETS["unbuffered"], seed=MAX_SEED)
    c.set_config(cfg)
    assert c.seed.value() == MAX_SEED
    assert c.config().seed == MAX_SEED
