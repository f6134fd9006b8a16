"""Named starting points: the article's bug, its fix, and the idiomatic fix."""

from __future__ import annotations

from .scenario import Config

__all__ = ["DEFAULT_PRESET", "PRESETS", "preset_of"]

# An endless stream of overlapping requests with drawn failures: what a
# server sees. Slow enough at the window's default speed to follow each one.
_BASE = Config(variant="seed", checks=10, capacity_done=0, capacity_quit=0, requests=1_000_000,
               concurrent=True, rate=20.0, arrival="poisson", fail_prob=0.08, bad_ip_share=0.25, seed=1)

PRESETS: dict[str, Config] = {
    "unbuffered": _BASE,  # the article's bug: make(chan bool)
    "buffered": Config(**{**_BASE.__dict__, "capacity_done": 10, "capacity_quit": 10}),  # make(chan bool, 10)
    "too-small": Config(**{**_BASE.__dict__, "capacity_done": 3, "capacity_quit": 1}),
    "context": Config(**{**_BASE.__dict__, "variant": "ctx"}),  # the idiomatic fix
    "closequit": Config(**{**_BASE.__dict__, "variant": "closequit"}),
    "drain": Config(**{**_BASE.__dict__, "variant": "drain"}),
}

DEFAULT_PRESET = "unbuffered"


def preset_of(cfg: Config) -> str | None:
    """The name of the preset ``cfg`` is exactly, or None (a config of the user's own)."""
    return next((name for name, c in PRESETS.items() if c == cfg), None)
