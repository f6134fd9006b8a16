"""The append-only event log: ``Events`` (compacted as it grows) and ``Trace``."""

from __future__ import annotations

import hashlib
import marshal
from typing import Any

__all__ = ["SHOWN", "Event", "Events", "Trace"]

Event = tuple

# the events the stage draws a change for; the others (a sleep starting or ending, an unpark before the
# goroutine runs, a request's verdict, a channel made with its goroutine) are the scheduler's bookkeeping:
# Step goes on to the next shown one
SHOWN = frozenset({"go", "request", "send", "recv", "park", "close", "return", "exit", "stranded", "hold",
                   "release", "panic"})


def _canon(e: Event) -> str:
    # the measured Python bytes differ between interpreters: not part of the run's identity
    return repr(e[:-1]) if e[1] == "stranded" else repr(e)


class Events:
    """The event list, compacted as it grows.

    A leak's trace grows with the leak; a tuple event costs about 80 bytes,
    several per goroutine. Full chunks of old events are marshalled into
    bytes (about a third of that) and hashed as they go; the recent tail stays
    a plain list that the runtime appends to. Reads (index, iteration) decode
    a chunk at a time.
    """

    CHUNK = 8192

    __slots__ = ("tail", "_chunks", "_hash", "_hashed", "_cache_i", "_cache", "dropped", "max_chunks")

    def __init__(self) -> None:
        self.tail: list[Event] = []
        self._chunks: list[bytes] = []
        self._hash = hashlib.sha256()  # covers the first ``_hashed`` chunks
        self._hashed = 0
        self._cache_i = -1
        self._cache: list[Event] = []
        self.dropped = 0  # chunks forgotten from the front (hashed first)
        self.max_chunks: int | None = None  # keep at most this many compacted chunks; None: all

    @property
    def first(self) -> int:
        """Index of the oldest event still kept."""
        return self.dropped * self.CHUNK

    def __len__(self) -> int:
        return (self.dropped + len(self._chunks)) * self.CHUNK + len(self.tail)

    def _chunk(self, i: int) -> list[Event]:
        if i != self._cache_i:
            self._cache = marshal.loads(self._chunks[i])
            self._cache_i = i
        return self._cache

    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("event index out of range")
        c, k = divmod(i, self.CHUNK)
        c -= self.dropped
        if c < 0:
            raise IndexError(f"event {i} is no longer kept (the trace keeps events from {self.first} on)")
        if c < len(self._chunks):
            return self._chunk(c)[k]
        return self.tail[i - (self.dropped + len(self._chunks)) * self.CHUNK]

    def __iter__(self):
        for c in range(len(self._chunks)):
            yield from self._chunk(c)
        yield from list(self.tail)

    def compact(self, keep: int = CHUNK) -> None:
        """Marshal full chunks of the tail, keeping at least ``keep`` recent events as tuples."""
        tail = self.tail
        while len(tail) - self.CHUNK >= keep:
            self._chunks.append(marshal.dumps(tail[:self.CHUNK]))
            del tail[:self.CHUNK]  # in place: the runtime holds tail.append
        if self.max_chunks is not None:
            while len(self._chunks) > self.max_chunks:  # forget the oldest, hashed first
                self._hash_up_to(1)
                del self._chunks[0]
                self._hashed -= 1
                self.dropped += 1
                self._cache_i = -1

    def sha256(self) -> str:
        """sha256 of ``repr(event) + "\\n"`` for every event, in order (a
        ``stranded`` event without its measured bytes)."""
        self._hash_up_to(len(self._chunks))
        h = self._hash.copy()
        if self.tail:
            h.update(("\n".join(map(_canon, self.tail)) + "\n").encode())
        return h.hexdigest()

    def _hash_up_to(self, n: int) -> None:
        while self._hashed < n:  # hashed when needed: the engine never waits for it
            self._hash.update(("\n".join(map(_canon, self._chunk(self._hashed))) + "\n").encode())
            self._hashed += 1

    def nbytes(self) -> int:
        """Bytes of the marshalled (compacted) chunks still kept; the plain tail is not counted."""
        return sum(len(c) for c in self._chunks)


class Trace:
    """The run's events."""

    __slots__ = ("events",)

    def __init__(self) -> None:
        self.events = Events()

    def sha256(self) -> str:
        """Hex sha256 of the whole event stream (see ``Events.sha256``): equal runs give equal hashes."""
        return self.events.sha256()
