"""Whether a handler and its capacities can leak, and why: decided here, once.

The window words it (translated); the command line and tests read the fields.
The rule is the one checked against real Go (README, tests/core/data/realgo):
the handler takes values up to the first failure; later sends beyond a
channel's capacity block forever, unless each send also selects on a channel
the handler closes (``ctx``, ``closequit``) or a drain goroutine receives them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .scenario import Config, safe_capacities

__all__ = ["Verdict", "verdict"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """``leaks``: whether some request can strand a goroutine. ``reason``:
    ``"select"`` (every send also waits on ``signal``, closed on return),
    ``"drain"``, ``"room"`` (the buffers hold every late result),
    ``"unbuffered"`` or ``"buffers_fill"``. ``need_done``/``need_quit``: the
    smallest capacities that cannot leak for this handler and failures."""

    leaks: bool
    reason: str
    capacity_done: int
    capacity_quit: int
    need_done: int = 0
    need_quit: int = 0
    signal: str = ""


def verdict(cfg: Config) -> Verdict:
    """The verdict for ``cfg``."""
    cd, cq = cfg.capacity_done, cfg.capacity_quit
    if cfg.variant in ("ctx", "closequit"):
        return Verdict(False, "select", cd, cq, signal="ctx.Done()" if cfg.variant == "ctx" else "stop")
    if cfg.variant == "drain":
        return Verdict(False, "drain", cd, cq)
    need_d, need_q = safe_capacities(cfg)
    if cd >= need_d and cq >= need_q:
        return Verdict(False, "room", cd, cq, need_d, need_q)
    return Verdict(True, "unbuffered" if cd == 0 and cq == 0 else "buffers_fill", cd, cq, need_d, need_q)
