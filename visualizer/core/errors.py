"""Go's run-time panics as exceptions, named after Go's messages.

The message of each is exactly what the Go runtime prints after ``panic: ``.
"""


__all__ = ["CloseOfClosedChannel", "CloseOfNilChannel", "GoPanic", "MakeChanSizeOutOfRange", "SendOnClosedChannel"]


class GoPanic(Exception):
    """A panic in the simulated program. Unrecovered, it ends the program."""


class SendOnClosedChannel(GoPanic):
    """Go's panic "send on closed channel"."""

    def __init__(self) -> None:
        super().__init__("send on closed channel")


class CloseOfClosedChannel(GoPanic):
    """Go's panic "close of closed channel"."""

    def __init__(self) -> None:
        super().__init__("close of closed channel")


class CloseOfNilChannel(GoPanic):
    """Go's panic "close of nil channel"."""

    def __init__(self) -> None:
        super().__init__("close of nil channel")


class MakeChanSizeOutOfRange(GoPanic):
    """Go's panic "makechan: size out of range" (a negative or too large buffer size)."""

    def __init__(self) -> None:
        super().__init__("makechan: size out of range")

