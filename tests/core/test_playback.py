"""The playhead, without a window: seek, step, replay, catch up with the live run."""

import asyncio

from visualizer.core.playback import Playback
from visualizer.core.presets import PRESETS
from visualizer.core.session import Session
from visualizer.core.trace import Folder


def recorded(seconds: float = 1.0, speed: float | None = None) -> Session:
    s = Session(PRESETS["unbuffered"], speed=speed)
    s.rt.run(until=int(seconds * 1e9))
    s.snapshot()  # the live fold has read everything: that is what can be sought
    return s


def test_seek_shows_exactly_the_first_n_events():
    s = recorded()
    pb = Playback(s)
    assert pb.live and pb.position == s.folder.seq
    events = list(s.rt.trace.events)
    pb.seek(500)
    assert not pb.live and pb.position == 500
    assert pb.folder.snapshot() == Folder(keep=s.keep).feed(events, 500).snapshot()
    s.stop()


def test_step_back_and_forward_move_one_event_and_stop_a_replay():
    s = recorded()
    pb = Playback(s)
    pb.step_back()
    end = s.seekable()[1]
    assert pb.position == end - 1
    pb.replaying = True
    pb.step_back()
    assert pb.position == end - 2 and not pb.replaying
    assert pb.step_forward() and pb.position == end - 1
    pb.go_live()
    assert pb.live and not pb.step_forward()  # live: stepping is the run's own business
    s.stop()


def test_seek_time_lands_after_the_last_event_at_that_time():
    s = recorded()
    pb = Playback(s)
    pb.seek_time(300_000_000)
    events = list(s.rt.trace.events)
    assert events[pb.position - 1][0] <= 300_000_000 < events[pb.position][0]
    s.stop()


def test_a_replay_catches_up_then_the_live_run_plays_on():
    async def main():
        s = recorded(0.5, speed=0.25)  # a frame of 40 ms replays 10 ms of the run
        pb = Playback(s)
        pb.seek(10)
        pb.toggle_replay()
        frames = 0
        while not pb.advance(0.04):
            frames += 1
            assert frames < 10_000, "the replay never caught up"
        assert 40 <= frames <= 60 and pb.live and not pb.replaying  # ~0.5 s of run at 10 ms a frame
        assert s.playing
        await s.aclose()

    asyncio.run(main())
