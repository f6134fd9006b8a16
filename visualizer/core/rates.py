"""How fast a run leaks, and what that comes to: the numbers the window's
counters show ("+64.2/s", "in one hour at this rate"), decided here."""

from __future__ import annotations

from dataclasses import dataclass

from .trace import Snapshot

__all__ = ["LeakRate", "leak_rate"]

WINDOW_NS = 2_000_000_000  # the rate is over the last two simulated seconds: recent, not jumpy


@dataclass(frozen=True, slots=True)
class LeakRate:
    """Stranded goroutines and Go bytes gained per simulated second, and the
    Go bytes held after another hour at that rate."""

    per_s: float
    bytes_per_s: float
    bytes_in_an_hour: float


def leak_rate(snap: Snapshot, window_ns: int = WINDOW_NS) -> LeakRate:
    """The leak rate over the last ``window_ns`` of ``snap``'s memory series
    (over all of it when shorter); zero with fewer than two points."""
    mem = snap.memory
    per_s = bytes_per_s = 0.0
    if len(mem) >= 2:
        last = mem[-1]
        first = mem[0]
        for m in reversed(mem):
            if last.t - m.t >= window_ns:
                first = m
                break
        dt = (last.t - first.t) / 1e9
        if dt > 0:
            per_s = (last.stranded - first.stranded) / dt
            bytes_per_s = (last.go_bytes - first.go_bytes) / dt
    return LeakRate(per_s, bytes_per_s, snap.go_bytes + bytes_per_s * 3600)
