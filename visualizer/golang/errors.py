"""Errors the Go front end reports before or instead of running a program."""

from __future__ import annotations


class GoSourceError(Exception):
    """Unsupported or invalid Go, at ``file:line:col`` (1-based, as Go prints)."""

    def __init__(self, path: str, line: int, col: int, msg: str) -> None:
        super().__init__(f"{path}:{line}:{col}: {msg}")
        self.path = path
        self.line = line
        self.col = col
        self.msg = msg
        self.more: list[GoSourceError] = []  # the other errors found in the same pass, in source order

    def lines(self) -> list[str]:
        """Every error, one line each, as go build lists them (at most MAX_LISTED, then "too many errors")."""
        every = [str(self), *(str(e) for e in self.more)]
        if len(every) > MAX_LISTED:
            every = every[:MAX_LISTED] + ["too many errors"]
        return every


MAX_LISTED = 10
