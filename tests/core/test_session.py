"""The interactive session: bounded by design (issue 5)."""

import asyncio
import gc

from visualizer.core import report
from visualizer.core.presets import PRESETS
from visualizer.core.scenario import Config
from visualizer.core.session import Session, default_max_live
from visualizer.core.trace import Events, Folder, fold


def drive(s: Session, until) -> None:
    async def main():
        s.play()
        for _ in range(20_000):
            if until():
                break
            s.snapshot(budget_s=0.01)
            await asyncio.sleep(0)
        s.pause()
    asyncio.run(main())


def test_the_live_goroutine_ceiling_pauses_the_run_and_only_reset_goes_on():
    s = Session(PRESETS["unbuffered"], speed=None, max_live=3_000)
    drive(s, lambda: s.ceiling_hit)
    assert s.ceiling_hit
    live = len(s.rt.goroutines)
    assert 3_000 <= live < 3_000 + 2_000  # stops at the ceiling, not somewhere later
    s.play()
    assert not s.playing  # play does not go past the ceiling
    s.reset()
    assert not s.ceiling_hit and len(s.rt.goroutines) <= 2
    s.stop()


def test_default_ceiling_fits_the_machine():
    n = default_max_live()
    assert 50_000 <= n <= 2_000_000


def test_bounded_trace_forgets_old_events_but_hashes_them(monkeypatch):
    monkeypatch.setattr(Events, "CHUNK", 256)
    cfg = Config(checks=10, requests=300, concurrent=True, rate=500.0, fail_prob=0.2, seed=3)
    full = report.simulate(cfg)
    from visualizer.core import scenario
    from visualizer.core.runtime import Runtime
    rt = Runtime(seed=cfg.seed)
    rt.trace.events.max_chunks = 4
    scenario.start(rt, cfg)
    folder = Folder(keep=4)
    while not rt.idle():  # fold as it goes, as the window does
        rt.step()
        folder.feed(rt.trace.events)
        rt.trace.events.compact()
    ev = rt.trace.events
    assert ev.dropped > 0 and len(ev) == len(full.trace.events)
    assert ev.sha256() == full.trace.sha256()
    assert len(ev._chunks) <= 4
    assert folder.snapshot() == fold(full.trace, keep=4)
    try:
        ev[0]
    except IndexError as e:
        assert "no longer kept" in str(e)
    else:
        raise AssertionError("a forgotten event was returned")


def test_fold_state_stays_bounded_on_a_long_run():
    cfg = Config(checks=10, requests=3_000, concurrent=True, rate=1000.0, fail_prob=0.1, seed=2)
    rt = report.simulate(cfg)
    f = Folder(keep=6).feed(rt.trace.events)
    assert rt.stranded > 5_000
    assert len(f.reqs) == 6 and len(f.chans) <= 6 * 3 and len(f.names) <= 6 * 3
    assert len(f.gs) <= 6 * 12  # stranded goroutines of folded requests are dropped
    assert len(f._mem) <= f.memory_points


def test_reset_reclaims_the_stranded_goroutines():
    s = Session(PRESETS["unbuffered"], speed=None, max_live=20_000)
    drive(s, lambda: s.ceiling_hit)
    old = s.rt
    import weakref
    ref = weakref.ref(old)
    ch = next(iter(next(g for g in old.goroutines.values() if g.stranded).holds))
    cref = weakref.ref(ch)  # a channel only stranded goroutines hold
    del old, ch
    s.reset()
    gc.collect()
    assert ref() is None and cref() is None
    s.stop()
