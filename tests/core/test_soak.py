"""The soak's per-cycle record is the runtime's own state where the cycle stopped."""

import asyncio

import pytest

from visualizer import soak
from visualizer.core.session import Session


class _Witness(Session):
    """Notes the runtime's own counters at each reset: where the cycle really stopped."""

    seen: list[tuple[int, float]] = []

    def reset(self, cfg=None):
        _Witness.seen.append((self.rt.stranded, round(self.rt.now / 1e9, 2)))
        super().reset(cfg)


@pytest.mark.slow
def test_each_cycle_reports_its_own_final_state_not_a_lagging_frame(monkeypatch):
    # the frame's fold is budgeted and lags the engine; the cycle's record must not
    monkeypatch.setattr(soak, "Session", _Witness)
    monkeypatch.setattr(_Witness, "seen", [])
    res = asyncio.run(soak._soak(minutes=10, rate=1000, max_live=1000, every_s=60, out="json",
                                cycles_max=2))
    cycles = res["cycles"]
    assert len(cycles) == 2, res
    assert [(c["stranded"], c["sim_s"]) for c in cycles] == _Witness.seen
    assert all(c["stranded"] > 0 for c in cycles)
