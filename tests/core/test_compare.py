"""Variants side by side: identical request streams, one clock."""

import asyncio

import pytest

from visualizer.core.compare import Compare, classic
from visualizer.core.presets import PRESETS
from visualizer.core.scenario import Config


def test_classic_comparison_sees_the_same_requests_on_one_clock():
    c = Compare(classic(PRESETS["unbuffered"]), speed=None)
    for t in (100_000_000, 400_000_000, 1_000_000_000):
        c.advance(t)
        assert all(lane.rt.now == t for lane in c.lanes)
    streams = [[e[2:] for e in lane.rt.trace.events if e[1] == "request"] for lane in c.lanes]
    assert len(streams[0]) > 10 and streams[0] == streams[1] == streams[2]
    verdicts = [sorted(e[2:] for e in lane.rt.trace.events if e[1] == "verdict") for lane in c.lanes]
    assert verdicts[0] == verdicts[1] == verdicts[2]  # the same checks fail on the same requests
    snaps = c.snapshots(None)
    assert snaps[0].stranded > 0 and snaps[1].stranded == 0 and snaps[2].stranded == 0
    c.stop()


def test_compare_refuses_different_seeds():
    with pytest.raises(ValueError, match="same requests"):
        Compare([("a", Config(seed=1)), ("b", Config(seed=2))])


def test_compare_runs_paced_on_asyncio_and_stops():
    c = Compare(classic(PRESETS["unbuffered"]), speed=None)

    async def main():
        c.play()
        for _ in range(200_000):  # bounded: a compare that never moves fails here instead of hanging
            if c.now >= 300_000_000:
                break
            c.snapshots()
            await asyncio.sleep(0)
        c.pause()
        await c.aclose()

    asyncio.run(main())
    assert c.now >= 300_000_000
    assert c._task is None
