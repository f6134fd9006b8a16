"""The interactive session: bounded by design (issue 5)."""

import asyncio
import gc

import pytest

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


@pytest.mark.parametrize(("gib", "expected"), [(24, 2_000_000), (8, 715_827), (0.25, 50_000), (512, 2_000_000)])
def test_default_ceiling_is_a_quarter_of_memory_at_3_kb_a_goroutine(monkeypatch, gib, expected):
    pages = int(gib * 2**30) // 4096
    monkeypatch.setattr("visualizer.core.session.os.sysconf",
                        lambda name: {"SC_PHYS_PAGES": pages, "SC_PAGE_SIZE": 4096}[name])
    assert default_max_live() == expected


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
    # the six newest, and the first early return kept for the stage's follow mode: bounded all the same
    assert f.first_early is not None and f.first_early < 3_000 - 6
    assert len(f.reqs) == 7 and len(f.chans) <= 7 * 3 and len(f.names) <= 7 * 3
    assert len(f.gs) <= 7 * 12  # stranded goroutines of folded requests are dropped
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


def _index_after(events, t):
    return next((i for i, e in enumerate(events) if e[0] > t), len(events))


def test_playback_replays_what_was_recorded_not_a_new_run():
    """The GIF export's source: after a mid-run change, the replay still shows
    the run as it happened (a re-run with the new config would strand nothing)."""
    from dataclasses import replace
    s = Session(PRESETS["unbuffered"], speed=None)
    s.rt.run(until=400_000_000)
    s.snapshot()
    assert s.update(replace(s.cfg, capacity_done=10, capacity_quit=10)) == "live"
    s.rt.run(until=800_000_000)
    live = s.snapshot()
    assert live.stranded > 0
    events = list(s.rt.trace.events)
    moments = []
    slices = 0
    step = 50_000_000
    for folder in s.playback(200_000_000, 800_000_000, step):
        if folder is None:
            slices += 1
            continue
        t = 200_000_000 + len(moments) * step
        assert folder.seq == _index_after(events, t)
        moments.append(folder.snapshot(now=t))
    assert len(moments) == 13
    for k, snap in enumerate(moments):
        t = 200_000_000 + k * step
        assert snap == Folder(keep=s.keep).feed(events, _index_after(events, t)).snapshot(now=t)
    assert moments[-1].stranded == live.stranded
    s.stop()


def test_playback_works_in_slices_a_loop_can_stop_between():
    from visualizer.core.trace import Rewinder
    s = Session(replace_rate(PRESETS["unbuffered"], 2000.0), speed=None)
    s.rt.run(until=2_000_000_000)
    s.snapshot()
    n_events = len(s.rt.trace.events)
    assert n_events > 4 * Rewinder.EVERY
    out = list(s.playback(0, 2_000_000_000, 2_000_000_000))  # two moments, far apart
    frames = [f for f in out if f is not None]
    assert len(frames) == 2
    assert out.count(None) >= n_events // Rewinder.EVERY - 1  # never more than a slice between stops
    s.stop()


def replace_rate(cfg, rate):
    from dataclasses import replace
    return replace(cfg, rate=rate, concurrent=True)


def test_the_session_says_what_changed():
    """Model events: views subscribe instead of being updated by each other."""
    from dataclasses import replace
    s = Session(PRESETS["unbuffered"], speed=None)
    heard = []
    s.events.config.connect(lambda cfg: heard.append(("config", cfg.capacity_done)))
    s.events.reset.connect(lambda session: heard.append(("reset", session is s)))
    s.rt.run(until=100_000_000)
    assert s.update(replace(s.cfg, capacity_done=4)) == "live"
    assert heard == [("config", 4)]
    assert s.update(s.cfg) == "live" and heard == [("config", 4)]  # nothing changed, nothing said
    heard.clear()
    s.reset(replace(s.cfg, seed=9))
    assert heard == [("reset", True), ("config", 4)]
    heard.clear()
    s.load(s.cfg, [])
    assert heard == [("reset", True), ("config", 4)]
    s.stop()


def test_the_engine_dying_is_an_event():
    s = Session(PRESETS["unbuffered"], speed=None)
    errors = []
    s.events.error.connect(errors.append)

    async def failing() -> None:
        raise ValueError("a bug in the engine")

    async def main():
        s.driver.run = failing  # what the engine's task awaits
        s.play()
        for _ in range(5):  # the task runs, fails, and its done-callback is called
            await asyncio.sleep(0)

    asyncio.run(main())
    s.stop()
    assert [str(e) for e in errors] == ["a bug in the engine"]


def test_step_goes_on_to_the_next_event_the_stage_shows():
    """Step moved one raw engine event: a sleep starting or ending, which changes nothing on screen
    (113 of the first 200 raw events of the unbuffered preset)."""
    from visualizer.core.trace import SHOWN
    s = Session(PRESETS["unbuffered"], speed=None)
    kinds = []

    async def main():
        for _ in range(150):
            n = len(s.rt.trace.events)
            assert s.step()
            kinds.append([e[1] for e in s.rt.trace.events[n:len(s.rt.trace.events)]])
        s.stop()
    asyncio.run(main())
    assert all(any(k in SHOWN for k in step) for step in kinds)
    assert any("sleep" in step or "wake" in step for step in kinds)  # the bookkeeping still happens, within a step


def test_the_first_early_return_and_pinned_requests_keep_their_detail():
    cfg = Config(checks=10, requests=400, concurrent=True, rate=1000.0, fail_prob=0.5, seed=3)
    rt = report.simulate(cfg)
    events = rt.trace.events
    # the first request whose handler returned 403: in this preset its later checks still run then
    first = next(e[2] for e in events if e[1] == "return" and e[3] == "rejected")
    f = Folder(keep=6)
    f.pins.add(200)
    f.feed(events)
    snap = f.snapshot()
    assert snap.first_early == first
    assert [r.req for r in snap.pinned] == [first, 200]
    assert first not in [r.req for r in snap.requests] and len(snap.requests) == 6
    kept = snap.pinned[0]
    stranded = [t for t in kept.checks if t.state == "stranded"]
    assert kept.outcome == "rejected" and len(stranded) == kept.stranded > 0
    # without the pin, request 200 folds away as any other
    assert [r.req for r in Folder(keep=6).feed(events).snapshot().pinned] == [first]


def test_a_replay_ends_on_the_moment_asked_for_not_a_step_before_it():
    from visualizer.core.session import moments
    assert moments(0, 30, 25) == [0, 25, 30]  # the end, 5 ns after the last step, is the last frame
    assert moments(0, 50, 25) == [0, 25, 50]  # an end on a step is not shown twice
    s = Session(PRESETS["unbuffered"], speed=None)
    s.rt.run(until=300_000_000)
    s.snapshot()
    end = s.folder.t
    frames = [f.snapshot(now=f.t) for f in s.playback(0, end, 70_000_000) if f is not None]
    assert len(frames) == len(moments(0, end, 70_000_000)) and frames[-1].stranded == s.snapshot().stranded
    s.stop()
