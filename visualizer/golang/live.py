"""A Go program run live: paced by the core's Driver, watched through its trace.

``python -m visualizer go`` runs a program to its end in one loop
(``Interp.run``). A live run takes the same steps in slices, so a window can
draw it as it goes: ``LiveRuntime`` is the Go runtime with the entry points the
Driver calls (``run_ready``, ``step``, ``idle``) picking goroutines in Go's
order, and ``GoProgram`` is what a ``core.session.Session`` starts. Every
goroutine's role in the trace is the ``go`` statement that started it, every
park says the line it blocked at, and what Go's goroutineleak rule finds
leaked is marked ``stranded`` as the run goes: the trace alone is what views
read, and its last stranded count is the one ``go --json`` reports.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from typing import Any

from ..core.runtime import holds_no_channels
from .budget import DEFAULT as DEFAULT_BUDGETS
from .budget import Budgets
from .compile import Program, compile_files
from .interp import MAIN_GOID, GoRuntime, Interp
from .leaks import find_leaks, never_continue

__all__ = ["CHECK_EVERY_NS", "GoProgram", "LiveRuntime", "MAX_DIAL", "report", "start"]

MAX_DIAL = 1_000_000  # the largest capacity a dial sets (a buffer that size is already ~8 MB of Go memory)
# a live run's memory budget: what --max-memory gives a go run, counted as growth of the window's process
LIVE_BUDGETS = replace(DEFAULT_BUDGETS, memory_bytes=1 << 30)


def _rss() -> int:
    """This process's resident bytes (Linux /proc; 0 where it cannot be read, and then no budget bites)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

# Go's leak rule walks every value the program holds: while timers are pending it runs at most once per
# this much simulated time and once per as many goroutine steps as there are goroutines (always when
# nothing is left to happen), so marking stays a fraction of the run. Counted, never wall-clock: a
# run's trace is the same every time.
CHECK_EVERY_NS = 10_000_000
# ... and once per this many steps per goroutine it walks (those not found leaked before): a check costs
# about as much as one step of each, so the checks take a fifth of a run at most (the bench's
# gateway ratio), while the count lags the native preset's by a few requests at its pace
WORK_PER_CHECK = 4


@holds_no_channels
class LiveRuntime(GoRuntime):
    """The Go runtime paced from outside: ``run_ready`` picks in Go's order and charges the step budget,
    main's return ends the program (what was runnable settles, muted, as after ``go``'s run), and
    ``detect_stranded`` applies Go's goroutineleak rule instead of the core's reachability."""

    def __init__(self, *, seed: int = 0, explore: bool = False) -> None:
        # Go's leak rule judges (detect_stranded below): the core's reachability would only cost every spawn
        super().__init__(seed=seed, explore=explore, keep_trace=True, core_reach=False)
        self.parked_at = {}
        self.ip: Interp | None = None
        self.ended = False  # main returned (or the program exited): nothing more happens
        self._next_check = 0
        self._work = 0  # goroutine steps since the last leak check
        self._walked = 0  # goroutines the last leak check found not leaked (the next one walks them again)
        self._leaked: set[int] = set()  # found leaked by an earlier check: left out of the next ones
        # dial changes to make again, as a saved run made them: (event index, time, dial, capacity), in order
        self.schedule: list[tuple[int, int, str, int]] = []
        self.rss0 = _rss()  # the process's resident memory when the run began (the memory budget's base)
        self.check_owed = False  # a check came due in a slice that had run steps: the next slice starts with it

    def _where(self) -> str:
        import sys
        ip = self.ip
        fi, line = ip.go_line_of(sys._getframe(2))  # from inside gopark: the Go line that blocks
        return f"{ip.prog.files[fi]}:{line}" if line else ""

    def run_ready(self, max_steps: int = -1) -> int:
        """Run goroutines in Go's order (at most ``max_steps``); end the program when main returns."""
        ip = self.ip
        steps = 0
        if self.check_owed:  # before anything runs: the check sees the state it came due in
            self.check_owed = False
            self._check()
        if self.schedule:
            self._due_changes()
        while self.panic is None and not self.ended and steps != max_steps:
            g = self.next_g()
            if g is None:
                if not self._change_due():
                    break
                # a run paused here went idle (and checked for leaks) before its change was made: so does this
                self.detect_stranded(defer=False)
                self._due_changes()
                continue
            self._run_one(g)
            steps += 1
            ip.count_step(g)
            self._work += 1
            if not self._work & 0x3F:
                self.check_memory()
            if not ip.main_running():
                self.end()
            elif self.schedule and self.runnable():
                self._due_changes()
        if not self.ended and not self.runnable():
            self.detect_stranded()
        return steps

    def check_memory(self) -> None:
        """Stop the run (BudgetExceeded) once its process has grown past the memory budget since it began: a
        live run has no child process whose address-space limit would stop it."""
        limit = self.ip.budgets.memory_bytes
        if limit is not None and _rss() - self.rss0 > limit:
            self.ip.over_budget("memory_bytes", limit)

    def _panic(self, g, exc: BaseException) -> None:
        if isinstance(exc, RecursionError):  # the window's thread has Python's stack, not the go command's
            exc = RuntimeError("goroutine stack exceeds what the window can run (recursion too deep): "
                               "python -m visualizer go runs it on a deeper stack")
        super()._panic(g, exc)

    def fire_timers(self) -> int:
        """As the core's; a scheduled dial change due first is made first."""
        if self.schedule:
            self._due_changes(self._timers[0][0] if self._timers else None)
        return super().fire_timers()

    def set_dial(self, dial: str, value: int) -> None:
        """Channels ``dial`` makes from now on get ``value``; the change is a ``config`` event of the trace."""
        self.ip.dials[dial] = value
        self.emit("config", json.dumps({"dials": {dial: value}}, sort_keys=True))

    def _change_due(self) -> bool:
        """A scheduled change is due at this event index (an older file's, by time, waits for its time)."""
        return bool(self.schedule) and 0 <= self.schedule[0][0] <= len(self.trace.events)

    def _due_changes(self, upto: int | None = None) -> None:
        """Make the scheduled changes due: at their event index (between steps, where they were made), or
        for an index of -1 (an older file's) once the clock reaches their time (``upto``: where it jumps)."""
        n = len(self.trace.events)
        while self.schedule:
            at, t, dial, value = self.schedule[0]
            if (at > n) if at >= 0 else (t > (self.now if upto is None else upto)):
                return
            self.schedule.pop(0)
            self.now = max(self.now, t)  # the clock had moved on to it while paused
            self.set_dial(dial, value)
            n = len(self.trace.events)

    def step(self) -> bool:
        """The core's step; False once the program has ended (what main left runnable never runs on)."""
        return not self.ended and super().step()

    def idle(self) -> bool:
        """True once the program ended, panicked or can do nothing more."""
        return self.ended or super().idle()

    def end(self) -> None:
        """main returned: let what was runnable settle (muted), then mark what Go's rule finds leaked."""
        ip = self.ip
        ip.finish(deadlock=False)
        self.ended = True
        self._timers.clear()  # the process has exited: no sleeper wakes again
        self._strand_all(ip.leaks_at_end)

    def runnable(self) -> int:
        """Runnable goroutines, and an owed leak check as one more thing to do (the run is not idle yet)."""
        return super().runnable() + self.check_owed

    def detect_stranded(self, defer: bool = True) -> int:
        """Mark what Go's goroutineleak rule finds leaked now (see CHECK_EVERY_NS for how often). In a
        slice that has run steps (``defer_checks``, set by the clock) a due check is owed instead: the
        slice ends and the next one starts with it, so the event loop waits for a check or for a slice
        of steps, not both. Nothing runs in between, so the trace is the same either way."""
        self._lone.clear()  # the core's reachability is not used here: drop what it queued
        self._dirty.clear()
        if self.ended or self.ip is None or self.ip.main_g is None:
            return 0
        if self._timers and (self.now < self._next_check or
                             self._work < WORK_PER_CHECK * self._walked):
            return 0  # not yet: a check walks every goroutine not found leaked, as dear as a step of each
        if defer and self.defer_checks and self.panic is None:  # after an exit this is the last check
            self.check_owed = True
            return 0
        return self._check()

    def _check(self) -> int:
        self._next_check = self.now + CHECK_EVERY_NS
        self._work = 0
        found = self._strand_all(find_leaks(self.ip, None, known=self._leaked))
        self._walked = len(self.goroutines) - len(self._leaked)  # what the next check walks, as far as known
        if not self._timers and not self.runnable() and self.panic is None:
            self.ip.leaks_at_end = {gid for gid, g in self.goroutines.items() if g.stranded}
        return found

    def check_leaks(self) -> int:
        """Apply Go's leak rule now, whenever the last check was (a count read at a chosen moment)."""
        self._next_check, self._work = self.now, len(self.goroutines)
        self.check_owed = False
        return self.detect_stranded(defer=False)

    def _strand_all(self, gids: set[int]) -> int:
        info = self.ip.info
        found = 0
        for gid in sorted(gids, key=lambda x: info[x].goid):
            g = self.goroutines.get(gid)
            if g is not None and not g.stranded:
                self._strand(g)
                self._leaked.add(gid)
                found += 1
        return found


@dataclass
class GoProgram:
    """A Go program for a Session: its files, the function to run and the seed of its schedule."""

    files: list[tuple[str, bytes]]
    entry: str = "main"
    seed: int = 0
    explore: bool = False  # a seeded random schedule (``go --runs``' later runs) instead of Go's order
    budgets: Budgets = LIVE_BUDGETS
    traffic: Any = None  # golang.traffic.Traffic: the requests a server in it is sent
    test: str | None = None  # run this test of the package (files: with its _test.go) as leakviz test does
    dials: dict[str, int] = field(default_factory=dict)  # capacity:<variable>:<line> -> capacity (Interp.dials)
    # dial changes the next run makes again (a reopened run's): (trace event index, time, dial, capacity)
    changes: list[tuple[int, int, str, int]] = field(default_factory=list)
    # the current run: the dials it started with and every change made in it (what saving keeps)
    start_dials: dict[str, int] = field(default_factory=dict)
    recorded: list[tuple[int, int, str, int]] = field(default_factory=list)
    prog: Program | None = field(default=None, repr=False)
    _main: Any = field(default=None, repr=False)  # the package's TestMain, when a test runs through it

    @classmethod
    def of(cls, files: list[tuple[str, bytes]], *, seed: int = 0, entry: str = "main", test: str | None = None,
           **service: Any) -> GoProgram:
        """The program ``go`` would run for these files and options (``traffic.service``: a handler or a
        server is sent its requests); with ``test``, that test of the package as ``leakviz test --seed``
        runs it. Raises GoSourceError, NoHandler, TrafficError; KeyError for a test it does not have."""
        if test is not None:
            p = cls(files, seed=seed, explore=seed != 0, test=test)
            from .gotest import has_test_main
            prog = p.compiled()
            if not any((path, test) in prog.pkg_decls for path in prog.test_paths):
                raise KeyError(test)
            p._main = has_test_main(files)
            return p
        from ..goplay.http import service as serving
        files, entry, traffic, _ = serving(files, entry=entry, **service)
        p = cls(files, entry=entry, seed=seed, traffic=traffic)
        p.compiled()
        return p

    def compiled(self) -> Program:
        """The compiled program (compiled once; raises GoSourceError for what does not check)."""
        if self.prog is None:
            self.prog = compile_files(self.files, tests=self.test is not None)
        return self.prog

    def start(self) -> tuple[LiveRuntime, Interp]:
        """A fresh runtime with main started on it (nothing has run yet)."""
        rt, ip = start(self.compiled(), seed=self.seed, explore=self.explore, entry=self.entry,
                       budgets=self.budgets, traffic=self.traffic, test=self.test, test_main=self._main)
        ip.dials.update(self.dials)
        self.start_dials = dict(self.dials)
        rt.schedule = sorted(self.changes, key=lambda c: (c[0] if c[0] >= 0 else c[1], c[1]))  # made again
        self.recorded = list(rt.schedule)
        for _at, _t, dial, value in rt.schedule:  # a reset after them starts with where they ended
            self.dials[dial] = value
        self.changes = []
        return rt, ip

    def dial_sites(self) -> dict[str, tuple[str, int, str]]:
        """Every dial of the program: ``capacity:<variable>:<line>`` -> (file, line, variable), in source order."""
        return dict(self.compiled().dials)

    def change(self, ip: Interp, dial: str, value: int) -> None:
        """Set ``dial`` to ``value`` in the run of ``ip`` from now on (channels already made keep theirs)
        and in every run started after. Raises KeyError for a dial the program does not have, ValueError
        for a capacity below 0 or above MAX_DIAL."""
        if dial not in self.compiled().dials:
            raise KeyError(dial)
        if type(value) is not int or not 0 <= value <= MAX_DIAL:
            raise ValueError(f"{dial} must be a whole number from 0 to {MAX_DIAL:,}, got {value!r}")
        self.dials[dial] = value
        self.recorded.append((len(ip.rt.trace.events), ip.rt.now, dial, value))
        ip.rt.set_dial(dial, value)


def report(ip: Interp) -> dict:
    """The run so far as ``go --json`` reports one run: every goroutine stranded by Go's rule as Go's
    profile lists it (one entry per function, wait reason and line), the counts and the simulated time."""
    rt = ip.rt
    gids = sorted((gid for gid, g in rt.goroutines.items() if g.stranded and gid in ip.info),
                  key=lambda gid: ip.info[gid].goid)
    every = [ip.describe(gid) for gid in gids]
    seen: set = set()
    leaked = []
    for lk in every:
        key = (lk["function"], lk["wait_reason"], lk["file"], lk["line"])
        if key not in seen:
            seen.add(key)
            leaked.append(lk)
    started = sum(1 for i in ip.info.values() if not i.hidden and i.goid != MAIN_GOID)
    ended = bool(getattr(rt, "ended", False))
    stuck = never_continue(ip, set(gids)) - set(gids) if ended else set()
    blocked = [ip.describe(gid) for gid in sorted(stuck, key=lambda gid: ip.info[gid].goid)]
    return {"runs": 1, "leaked": leaked,
            "per_run": [{"seed": ip.seed, "goroutines_started": started, "leaked": len(every),
                         "never_continue": len(every) + len(blocked), "blocked_not_reported": blocked,
                         "simulated_ns": rt.now, "ended": ended}],
            "goroutines_started": started, "leaked_count": len(every),
            "never_continue_count": len(every) + len(blocked), "simulated_ns": rt.now}


def _site_role(ip: Interp) -> Any:
    roles: dict[tuple[int, int], str] = {}
    files = ip.prog.files

    def role(file: int, line: int, goid: int | None) -> str:
        if goid == MAIN_GOID:
            return "main"
        key = (file, line)
        r = roles.get(key)
        if r is None:
            r = roles[key] = f"{files[file] if 0 <= file < len(files) else '?'}:{line}"
        return r
    return role


def start(prog: Program, *, seed: int = 0, explore: bool = False, entry: str = "main",
          budgets: Budgets = DEFAULT_BUDGETS, traffic: Any = None, out: Any = None,
          err: Any = None, test: str | None = None, test_main: Any = None) -> tuple[LiveRuntime, Interp]:
    """Start ``prog``'s ``entry`` on a LiveRuntime, as ``go --seed S`` runs it (``explore``: as its
    later ``--runs`` do). Raises KeyError for an unknown entry function."""
    rt = LiveRuntime(seed=seed, explore=explore)
    ip = Interp(prog, seed=seed, explore=explore, entry=entry, rt=rt, budgets=budgets, out=out, err=err,
                traffic=traffic)
    rt.ip = ip
    ip.site_role = _site_role(ip)
    rt.park_where = rt._where
    call = None
    if test is not None:
        from .gotest import test_call
        call = test_call(prog, ip, test, test_main)
    ip.start(call)
    return rt, ip
