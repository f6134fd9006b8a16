"""The playhead: showing an earlier moment of a run, stepping through its
history, and replaying it until it catches up with the live run.

The window draws ``Playback.folder`` when it is not None (an earlier moment)
and the session's live fold otherwise; every decision about which moment is
shown lives here, with no Qt, so tests drive it without a window.
"""

from __future__ import annotations

import bisect

from .events import EventGroup
from .session import Session
from .trace import SHOWN, Folder

__all__ = ["Playback"]

# A frame of replay at full speed folds at most this many events, at paced
# speed at most this many past the frame's end: a frame stays short.
MAX_SPEED_EVENTS = 4000
MAX_FRAME_EVENTS = 20_000


def _time(e: tuple) -> int:
    return e[0]


class Playback:
    """The moment a view shows of ``session``'s run.

    ``folder`` is None while the view follows the live run; otherwise it has
    folded exactly the events up to the moment shown (``folder.seq``).
    ``replaying`` says whether that moment moves on by itself (``advance``)
    until it reaches the live run, which then plays on from there.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.folder: Folder | None = None
        self.replaying = False
        self.events = EventGroup("moved")  # the moment shown changed (its position, or live)

    @property
    def live(self) -> bool:
        """True while the view follows the live run."""
        return self.folder is None

    @property
    def position(self) -> int:
        """Events folded at the moment shown (the live fold's when live)."""
        return self.folder.seq if self.folder is not None else self.session.folder.seq

    def seek(self, index: int) -> None:
        """Show the moment after the first ``index`` events (pauses the run)."""
        _first, end = self.session.seekable()
        if index >= end and self.folder is not None and not self.replaying:
            index = end
        self.folder = self.session.folder_at(index)
        self.events.moved.emit(self.position)

    def seek_time(self, t_ns: int) -> None:
        """Show the moment after the last event at or before virtual time ``t_ns``."""
        events = self.session.rt.trace.events
        first, end = self.session.seekable()
        self.seek(bisect.bisect_right(events, t_ns, lo=first, hi=end, key=_time))

    def step_back(self) -> None:
        """Back to the moment after the previous event the stage shows (as Step goes forward); stops a replay."""
        self.replaying = False
        events = self.session.rt.trace.events
        first, _end = self.session.seekable()
        i = self.position - 2
        while i >= first and events[i][1] not in SHOWN:
            i -= 1
        self.seek(max(first, i + 1))

    def step_forward(self) -> bool:
        """One event forward in history (only when not live); stops a replay.
        Returns False when it was live, so the caller steps the run itself."""
        if self.folder is None:
            return False
        self.replaying = False
        events = self.session.rt.trace.events
        _first, end = self.session.seekable()
        i = self.folder.seq
        while i < end and events[i][1] not in SHOWN:  # on to the next event the stage shows, as a live Step
            i += 1
        self.advance_to_index(i + 1)
        return True

    def advance_to_index(self, index: int) -> bool:
        """Move the moment shown on to ``index`` (never past what is folded
        live). When a replay reaches the live run, the view goes live and
        the run plays on: returns True then."""
        _first, end = self.session.seekable()
        index = min(index, end)
        if index < self.folder.seq:
            self.folder = self.session.folder_at(index)
        else:
            self.folder.feed(self.session.rt.trace.events, upto=index)
        if index >= end and self.replaying:
            self.go_live()
            self.session.play()
            return True
        self.events.moved.emit(self.position)
        return False

    def advance(self, frame_s: float) -> bool:
        """One frame of replay at the session's speed (``frame_s`` wall seconds
        of it; flat out, a bounded number of events). Returns True when it
        caught up with the live run, which then plays on."""
        events = self.session.rt.trace.events
        _first, end = self.session.seekable()
        speed = self.session.speed
        f = self.folder
        if speed is None:
            target = min(end, f.seq + MAX_SPEED_EVENTS)
        else:
            t_to = f.t + int(frame_s * speed * 1e9)
            target = f.seq
            while target < end and target - f.seq < MAX_FRAME_EVENTS and events[target][0] <= t_to:
                target += 1
            f.t = max(f.t, t_to) if target < end else f.t
        f.feed(events, upto=target)
        if target >= end:
            self.go_live()
            self.session.play()
            return True
        self.events.moved.emit(self.position)
        return False

    def toggle_replay(self) -> None:
        """Play or pause the replay of history (only when not live)."""
        self.replaying = not self.replaying

    def go_live(self) -> None:
        """Follow the live run again."""
        was_live = self.folder is None
        self.folder = None
        self.replaying = False
        if not was_live:
            self.events.moved.emit(self.position)
