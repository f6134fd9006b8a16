"""Go's run-time panics as exceptions, named after Go's messages.

The message of each is exactly what the Go runtime prints after ``panic: ``.
"""


class GoPanic(Exception):
    """A panic in the simulated program. Unrecovered, it ends the program."""


class SendOnClosedChannel(GoPanic):
    def __init__(self) -> None:
        super().__init__("send on closed channel")


class CloseOfClosedChannel(GoPanic):
    def __init__(self) -> None:
        super().__init__("close of closed channel")


class CloseOfNilChannel(GoPanic):
    def __init__(self) -> None:
        super().__init__("close of nil channel")


class MakeChanSizeOutOfRange(GoPanic):
    def __init__(self) -> None:
        super().__init__("makechan: size out of range")

