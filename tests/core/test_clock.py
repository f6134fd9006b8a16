"""``clock.Driver``: pacing virtual time on an asyncio loop."""

import asyncio
import time
from itertools import pairwise
from types import SimpleNamespace

import pytest

from visualizer.core import clock, report, scenario
from visualizer.core.clock import Driver
from visualizer.core.runtime import Runtime
from visualizer.core.scenario import Config

MS = 1_000_000

CFGS = [
    Config(checks=10, fail=(0,)),
    Config(checks=5, requests=8, fail=(1, 3), capacity_quit=1),
    Config(checks=6, requests=40, concurrent=True, rate=2000, arrival="poisson",
           fail_prob=0.3, bad_ip_share=0.3, jitter=0.5, seed=3),
    Config(variant="drain", checks=6, requests=20, concurrent=True, rate=2000, seed=4),
]


def started(cfg):
    rt = Runtime(seed=cfg.seed)
    scenario.start(rt, cfg.validate())
    return rt


class FakeWall:
    """The driver's wall clock: moves only when a test moves it, and counts the driver's readings."""

    def __init__(self, t=1000.0):
        self.t = t
        self.reads = 0

    def __call__(self):
        self.reads += 1
        return self.t


async def until(cond, *, timeout=60.0):
    """Give the loop real time until ``cond()`` holds (the driver may wait up
    to 1/60 s of real time between wall-clock checks)."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not cond():
        if loop.time() > end:
            raise AssertionError("condition not reached")
        await asyncio.sleep(0.002)


def near(ns, expected):
    """Virtual time computed from float wall seconds: equal to within 1 us."""
    return abs(ns - expected) <= 1_000


async def looked(wall, times=2):
    """Until a paced driver has read ``wall`` ``times`` more times: it has seen the time as it is
    now and done all it will do about it (a negative check after this means something)."""
    n = wall.reads + times
    await until(lambda: wall.reads >= n)


async def turns(n=20):
    """Give the loop ``n`` turns and no wall time: a paused driver, woken, gets them and must do nothing."""
    for _ in range(n):
        await asyncio.sleep(0)


@pytest.mark.parametrize("cfg", CFGS, ids=["worked", "sequential", "concurrent", "drain"])
def test_full_speed_inside_asyncio_matches_runtime_run(cfg):
    rt = started(cfg)

    async def main():
        d = Driver(rt, speed=None, slice_s=0.0005)
        await d.run()
        return d

    d = asyncio.run(main())
    assert d.finished and rt.idle()
    ref = report.simulate(cfg)
    assert rt.trace.sha256() == ref.trace.sha256()
    assert rt.stranded == ref.stranded


def test_full_speed_yields_to_the_loop_between_slices(monkeypatch):
    cfg = Config(checks=10, requests=300, concurrent=True, rate=5000, fail_prob=0.2, seed=2)
    rt = started(cfg)
    # the slices' clock: each reading is 1 s later, so a 2.5 s slice ends at its third check, however
    # fast this machine is (real time could fit the whole run in one slice)
    fake = SimpleNamespace(t=0.0)

    def perf_counter():
        fake.t += 1.0
        return fake.t

    monkeypatch.setattr(clock, "time", SimpleNamespace(perf_counter=perf_counter, monotonic=time.monotonic))
    seen = []  # ("slice", now before it) and ("tick", now) in the order they happened

    async def ticker():
        while True:
            seen.append(("tick", rt.now))
            await asyncio.sleep(0)

    async def main():
        t = asyncio.create_task(ticker())
        await asyncio.sleep(0)
        d = Driver(rt, speed=None, slice_s=2.5)
        run_slice = d._run_slice

        def noted(target):
            seen.append(("slice", rt.now))
            run_slice(target)

        d._run_slice = noted
        await d.run()
        t.cancel()

    asyncio.run(main())
    slices = [i for i, (what, _) in enumerate(seen) if what == "slice"]
    assert len(slices) > 10  # the run took many slices
    # the ticker ran between every two slices, and saw virtual time move on between them
    assert all(any(what == "tick" for what, _ in seen[a + 1:b]) for a, b in pairwise(slices))
    assert len({now for what, now in seen if what == "tick"}) > 10
    assert rt.trace.sha256() == report.simulate(cfg).trace.sha256()  # slicing changed nothing


def test_paced_speed_follows_the_fake_wall_clock():
    cfg = Config(checks=4, requests=3, fail=(0,))  # requests at 0, 15, 30 ms; the end at 50 ms
    rt = started(cfg)
    wall = FakeWall()

    async def main():
        d = Driver(rt, speed=2.0, wall=wall)
        task = asyncio.create_task(d.run())
        await looked(wall)
        assert rt.now == 0  # no wall time has passed: nothing due at t > 0 ran
        assert all(e[0] == 0 for e in rt.trace.events)

        wall.t += 0.005  # 5 ms of wall time at 2x: 10 ms of virtual time
        await until(lambda: near(rt.now, 10 * MS))
        await looked(wall)
        assert near(rt.now, 10 * MS)
        assert max(e[0] for e in rt.trace.events) <= rt.now
        assert rt.next_timer() is None or rt.next_timer() > rt.now

        wall.t += 0.0125  # 25 ms more virtual time
        await until(lambda: near(rt.now, 35 * MS))
        await looked(wall)
        assert near(rt.now, 35 * MS)

        d.speed = 4.0  # faster from here on
        wall.t += 0.002
        await until(lambda: near(rt.now, 43 * MS))
        assert not d.finished  # the last check reports at 50 ms

        wall.t += 10.0  # far ahead: runs to the end
        await asyncio.wait_for(task, 60)
        return d

    d = asyncio.run(main())
    assert d.finished
    assert rt.trace.sha256() == report.simulate(cfg).trace.sha256()


def test_pause_stops_progress_and_resume_continues_from_there():
    cfg = Config(checks=4, requests=3, fail=(0,))
    rt = started(cfg)
    wall = FakeWall()

    async def main():
        d = Driver(rt, speed=1.0, wall=wall)
        task = asyncio.create_task(d.run())
        wall.t += 0.012
        await until(lambda: near(rt.now, 12 * MS))
        paused_at = rt.now

        d.pause()
        assert d.paused
        n = len(rt.trace.events)
        wall.t += 1.0  # a long pause in wall time
        await turns()
        assert rt.now == paused_at and len(rt.trace.events) == n

        d.resume()
        assert not d.paused
        await looked(wall)
        assert rt.now == paused_at  # the paused second does not count
        wall.t += 0.008
        await until(lambda: near(rt.now, paused_at + 8 * MS))
        assert len(rt.trace.events) > n

        d.stop()
        await asyncio.wait_for(task, 60)
        assert not rt.idle()  # stopped early, not finished

    asyncio.run(main())
    rt.shutdown()  # close the abandoned goroutines' coroutines


def test_step_adds_at_least_one_event_and_pauses():
    cfg = Config(checks=4, requests=2, fail=(0,))
    rt = started(cfg)

    async def main():
        d = Driver(rt, speed=1.0, wall=FakeWall())
        task = asyncio.create_task(d.run())
        d.pause()
        await turns()
        seen = [len(rt.trace.events)]
        times = [rt.now]
        while d.step():
            assert d.paused
            seen.append(len(rt.trace.events))
            times.append(rt.now)
            await asyncio.sleep(0)
        assert all(b > a for a, b in zip(seen, seen[1:], strict=False))
        assert times == sorted(times) and times[-1] > 0
        assert d.finished
        assert not d.step()  # nothing can happen any more
        d.stop()
        await asyncio.wait_for(task, 60)

    asyncio.run(main())
    assert rt.trace.sha256() == report.simulate(cfg).trace.sha256()


def test_run_returns_once_stepping_has_finished_the_program():
    """run() drives "until the program is idle": when single steps finish
    the program while run() is paused, run() must return by itself."""
    rt = started(Config(checks=3, fail=(0,)))

    async def main():
        d = Driver(rt, speed=1.0, wall=FakeWall())
        task = asyncio.create_task(d.run())
        d.pause()
        await turns()
        while d.step():
            await asyncio.sleep(0)
        assert d.finished
        try:
            await asyncio.wait_for(task, 60)
        except TimeoutError:
            raise AssertionError("Driver.run() still paused after the program finished") from None

    asyncio.run(main())


def test_step_without_a_running_loop_task():
    rt = started(Config(checks=3, fail=(0,)))
    d = Driver(rt, speed=None)
    n = len(rt.trace.events)
    assert d.step()
    assert d.paused and len(rt.trace.events) > n
    rt.shutdown()


@pytest.mark.parametrize("speed", [None, 1.0])
def test_stop_at_pauses_at_that_virtual_time(speed):
    cfg = Config(checks=10, requests=2, fail=(0,))
    rt = started(cfg)
    wall = FakeWall()

    async def main():
        d = Driver(rt, speed=speed, wall=wall)
        d.stop_at(23 * MS)
        task = asyncio.create_task(d.run())
        if speed is not None:
            wall.t += 1.0  # wall time far beyond the stop
        await until(lambda: d.paused)
        await turns()
        assert rt.now == 23 * MS
        assert max(e[0] for e in rt.trace.events) <= 23 * MS
        assert rt.runnable() == 0 and rt.next_timer() > 23 * MS
        assert not task.done()

        d.stop_at(None)
        d.resume()
        if speed is not None:
            wall.t += 10.0
        await asyncio.wait_for(task, 60)
        return d

    d = asyncio.run(main())
    assert d.finished
    assert rt.trace.sha256() == report.simulate(cfg).trace.sha256()


@pytest.mark.parametrize("speed", [0.0, -1.0])
def test_a_zero_or_negative_speed_is_refused_and_the_old_one_kept(speed):
    """A speed slider at 0 must not crash the driver: the value is refused."""
    rt = started(Config(checks=3, fail=(0,)))
    d = Driver(rt, speed=1.0, wall=FakeWall())
    with pytest.raises(ValueError, match="speed must be positive"):
        d.speed = speed
    assert d.speed == 1.0
    with pytest.raises(ValueError, match="speed must be positive"):
        Driver(rt, speed=speed)
    rt.shutdown()
