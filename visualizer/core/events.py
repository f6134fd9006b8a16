"""Model events, napari-style: a model says what changed, views subscribe.

No view updates another view: the window connects each view to the events
it cares about, once, and the model (``Session``, ``Playback``) emits. Qt-free,
so the same events drive tests and headless tools.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["Event", "EventGroup"]


class Event:
    """One kind of change, and who wants to hear of it. ``emit(value)`` calls
    every subscriber in the order they connected; a subscriber that raises
    stops the others (an error in a view is a bug to see, not to hide)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._callbacks: list[Callable[[Any], object]] = []

    def connect(self, callback: Callable[[Any], object]) -> Callable[[Any], object]:
        """Call ``callback(value)`` on every emit; returns it (usable as a decorator)."""
        self._callbacks.append(callback)
        return callback

    def disconnect(self, callback: Callable[[Any], object]) -> None:
        """Stop calling ``callback``; a callback not connected is ignored."""
        if callback in self._callbacks:
            self._callbacks.remove(callback)

    def emit(self, value: Any = None) -> None:
        """Call every subscriber with ``value``, in subscription order; a callback's exception propagates.

        Iterates over a copy, so a callback may subscribe or unsubscribe safely."""
        for cb in list(self._callbacks):
            cb(value)

    def __repr__(self) -> str:
        return f"<Event {self.name}: {len(self._callbacks)} subscriber(s)>"


class EventGroup:
    """A model's events by name: ``EventGroup("config", "reset").config.connect(...)``."""

    def __init__(self, *names: str) -> None:
        for name in names:
            setattr(self, name, Event(name))
