"""What one run of an opened Go program may use, and the stop when it uses more.

An opened file is untrusted: a loop, an allocation, a flood of goroutines or
of output must end with one line naming the budget, never hang leakviz or
fill the machine. The defaults hold every example and test program ten times
over; flags raise them. ``BudgetExceeded`` is a BaseException so that no Go
``recover`` and no deferred call can swallow it (nor Ctrl+C).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Budgets:
    """Limits of one run. ``steps`` counts loop iterations and goroutine resumptions together."""

    steps: int = 200_000_000
    goroutines: int = 250_000  # live at once; ~3 KB each in the interpreter
    alloc_bytes: int = 1 << 30  # one make, append or strings.Repeat, modelled at 8 bytes an element
    output_bytes: int = 16 << 20  # stdout + stderr kept
    sim_ns: int = 3_600 * 1_000_000_000  # simulated time (the --until default)
    # resident memory the run may add to its process: checked as it runs where no child process's address-space
    # limit stands guard (a live run in the window); None: the child's limit is the guard
    memory_bytes: int | None = None


DEFAULT = Budgets()

# the flags that raise each budget, for the message that names it
FLAGS = {"steps": "--max-steps", "goroutines": "--max-goroutines", "alloc_bytes": "--max-alloc",
         "output_bytes": "--max-output"}


class BudgetExceeded(BaseException):
    """The program used more than a budget allows: ``what`` (a Budgets field), the limit, and where (file:line)."""

    def __init__(self, what: str, limit: int, where: str = "") -> None:
        super().__init__(what)
        self.what = what
        self.limit = limit
        self.where = where

    def line(self) -> str:
        """One line for the user: which budget, where, and how to raise it."""
        what = {"steps": f"{self.limit:,} steps (loop iterations and goroutine switches)",
                "goroutines": f"{self.limit:,} live goroutines",
                "alloc_bytes": f"{self.limit >> 20:,} MiB in one allocation",
                "output_bytes": f"{self.limit >> 20:,} MiB of output",
                "memory_bytes": f"{self.limit >> 20:,} MiB of memory"}.get(self.what, self.what)
        flag = FLAGS.get(self.what)
        return (f"stopped: the program went past its budget of {what}" + (f" at {self.where}" if self.where else "")
                + (f"; {flag} raises it" if flag else ""))
