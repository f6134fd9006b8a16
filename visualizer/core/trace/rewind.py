"""Seeking: checkpoints of the fold, so any moment of a long run is near."""

from __future__ import annotations

import bisect

from .events import Event, Events
from .fold import Folder

__all__ = ["Rewinder"]


class Rewinder:
    """The Snapshot after any event of a trace, fast: checkpoints of the fold.

    ``note`` the live Folder as it goes; it keeps a clone every ``EVERY``
    events. ``at(i)`` folds on from the nearest checkpoint at or before ``i``,
    so a seek costs at most ``EVERY`` events of folding (or twice the goroutines it tracks), however long
    the run.
    """

    EVERY = 8_192

    def __init__(self, keep: int = 12, pins: set[int] | None = None) -> None:
        self._cps: list[tuple[int, Folder]] = [(0, Folder(keep=keep, pins=pins))]

    def note(self, folder: Folder) -> None:
        """Keep a clone of the live ``folder`` once it has folded ``EVERY`` events past the last checkpoint,
        or twice as many events as it tracks goroutines (a clone copies each: a program with 100,000 live
        goroutines would otherwise spend its time, and memory, on checkpoints)."""
        if folder.seq - self._cps[-1][0] >= max(self.EVERY, 2 * len(folder.gs)):
            self._cps.append((folder.seq, folder.clone()))

    def first(self, events: Events | list[Event]) -> int:
        """The oldest event index a seek can reach (older events may be forgotten)."""
        oldest = getattr(events, "first", 0)
        while len(self._cps) > 1 and self._cps[0][0] < oldest:
            self._cps.pop(0)
        return self._cps[0][0] if self._cps[0][0] >= oldest else len(events)

    def at(self, events: Events | list[Event], index: int) -> Folder:
        """A Folder that has folded exactly the first ``index`` events."""
        index = max(self.first(events), min(index, len(events)))
        seqs = [s for s, _ in self._cps]
        k = bisect.bisect_right(seqs, index) - 1
        f = self._cps[k][1].clone()
        return f.feed(events, upto=index)
