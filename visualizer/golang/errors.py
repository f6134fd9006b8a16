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
