"""Group a dump's goroutines the way a person asks about them.

A group is one blocking site (wait reason + the top frame of the program's own
code, file:line) and one creation site (the ``created by`` function and its
file:line), so goroutine ids and arguments never split a group. The runtime's
own goroutines and the goroutine that wrote the dump are left out.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from ..core import memory
from .parse import Frame, Goroutine, Parser, Problems, goroutines

# Go's standard library: a frame in one of these is not where the program
# itself blocks (sync.(*Mutex).Lock is how, main.f is where).
STD = frozenset("""archive bufio builtin bytes cmp compress container context crypto database debug embed encoding
errors expvar flag fmt go hash html image index internal io iter log maps math mime net os path plugin reflect regexp
runtime slices sort strconv strings structs sync syscall testing text time unicode unique unsafe vendor weak""".split())

# Frames that only the goroutine writing the dump has.
_DUMPER = ("runtime/pprof.writeGoroutineStacks", "runtime/pprof.writeGoroutine", "runtime.Stack",
           "runtime/debug.Stack", "runtime/pprof.runtime_goroutineProfileWithLabels",
           "runtime/pprof.writeRuntimeProfile", "runtime/pprof.writeGoroutineLeak",
           "runtime/pprof.runtime_goroutineLeakProfileWithLabels", "runtime/pprof.pprof_goroutineLeakProfileWithLabels")
_RUNTIME_CREATORS = ("runtime.", "internal/", "unique.", "weak.")


def package(function: str) -> str:
    """``net/http.(*conn).serve`` -> ``net/http``."""
    slash = function.rfind("/")
    dot = function.find(".", slash + 1)
    return function[:dot] if dot > 0 else function


def is_std(function: str) -> bool:
    """Whether a function belongs to Go's standard library."""
    return package(function).split("/", 1)[0] in STD


def user_frame(g: Goroutine) -> Frame | None:
    """The top frame of the program's own code (else the top frame)."""
    for f in g.frames:
        if not is_std(f.function):
            return f
    return g.frames[0] if g.frames else None


def is_runtime_own(g: Goroutine) -> bool:
    """The runtime's goroutines (GC workers, finalizers, idle Ms) and the
    one writing the dump: not the program's."""
    if g.id == 0:
        return True
    if any(f.function.startswith(_DUMPER) for f in g.frames[:8]):
        return True
    if g.created_by is not None:
        return g.created_by.function.startswith(_RUNTIME_CREATORS)
    return bool(g.frames) and all(f.function.startswith(("runtime.", "internal/")) for f in g.frames)


@dataclass(slots=True)
class Group:
    """Goroutines that block at one place and were made at one place."""

    wait_reason: str | None
    function: str
    file: str
    line: int
    created_by: str | None
    created_file: str | None
    created_line: int | None
    count: int = 0
    max_wait_minutes: int | None = None
    leaked: int = 0  # how many Go itself calls leaked (goroutineleak)
    locked: int = 0
    labels: set[str] = field(default_factory=set)
    sample: Goroutine | None = None  # one of them, for its whole stack
    variants: set = field(default_factory=set)  # distinct stacks merged here (up to MAX_VARIANTS)
    go_leaked: bool | None = None  # Go's goroutineleak profile names this site (None: not asked, or no profile)
    suspect: bool = False  # no profile to ask, and they have waited SUSPECT_MINUTES or more

    @property
    def key(self) -> tuple:
        """What goroutines must share to fall in one group: wait reason, blocking line and creation site."""
        return (self.wait_reason, self.file, self.line, self.created_by, self.created_file, self.created_line)

    @property
    def site(self) -> tuple[str, int]:
        """The blocking site alone: what live polling and verify compare."""
        return self.file, self.line

    def go_bytes(self) -> int:
        """Go's memory these goroutines hold, by leakviz's model (stack + heap)."""
        return memory.go_bytes(self.count)

    def as_json(self) -> dict:
        """The group as a JSON-ready dict (waits in minutes, as the dump gives them)."""
        return {"count": self.count, "wait_reason": self.wait_reason, "function": self.function, "file": self.file,
                "line": self.line, "created_by": self.created_by, "created_file": self.created_file,
                "created_line": self.created_line, "max_wait_minutes": self.max_wait_minutes,
                "leaked": self.go_leaked, "suspect": self.suspect, "stacks": self.stacks}

    @property
    def stacks(self) -> int:
        """How many distinct stacks (argument words, creator goroutines) this group merged; a tool that
        groups by exact stack, as panicparse does, would show that many groups."""
        return max(1, len(self.variants))


# wait reasons no goroutine can ever end: Go's words for a nil channel's operations and select {}
NEVER = frozenset({"chan send (nil chan)", "chan receive (nil chan)", "select (no cases)"})

MAX_VARIANTS = 10_000  # distinct stacks counted per group; past it the count says "at least"
MAX_GROUPS = 100_000  # past this, goroutines fold into one "(other)" group: memory stays bounded


@dataclass
class Summary:
    """A dump, grouped: what ``dump`` prints and the window shows."""

    form: str
    goroutines: int
    dropped: int  # runtime's own and the dumper
    groups: list[Group]
    problems: Problems
    damaged: int = 0
    verdict: str = ""  # "goroutineleak": Go's profile judged every group; "suspects": waits judged them

    def as_json(self) -> dict:
        """The summary as a JSON-ready dict: the goroutine count, the two leak facts and every group."""
        return {"goroutines": self.goroutines, "verdict": self.verdict or None, **self.leak_facts(),
                "groups": [g.as_json() for g in self.groups]}

    def leak_facts(self) -> dict:
        """The two facts leakviz shows for every run, as far as a dump can tell them: how many Go's
        goroutineleak profile reports (None when the dump is not that profile), and how many can never
        continue for certain (on a nil channel or in an empty select; whether the others can, depends on
        what still reaches the channel or lock they wait on, which a dump does not show)."""
        profile = "goroutineleak" in self.form or any(g.leaked for g in self.groups)
        certain = sum(g.count for g in self.groups if g.wait_reason in NEVER)
        return {"go_reports_leaked": sum(g.leaked for g in self.groups) if profile else None,
                "never_continue_certain": certain}

    def go_bytes(self) -> int:
        """Modelled Go bytes these goroutines hold (stacks and records only; channels are not in a dump)."""
        return memory.go_bytes(self.goroutines)


def summarize(stream, keep_runtime: bool = False) -> Summary:
    """Parse a binary stream and group it. Raises ``parse.DumpError`` when it
    holds no goroutine dump at all; smaller damage lands in ``problems``."""
    problems = Problems()
    parser = Parser(problems)
    groups: dict[tuple, Group] = {}
    total = dropped = damaged = 0
    for g in goroutines(stream, problems, parser):
        if not keep_runtime and is_runtime_own(g):
            dropped += g.count
            continue
        total += g.count
        damaged += g.damaged
        top = user_frame(g)
        c = g.created_by
        key = (g.wait_reason, top.file if top else "", top.line if top else 0,
               c.function if c else None, c.file if c else None, c.line if c else None)
        grp = groups.get(key)
        if grp is None:
            if len(groups) >= MAX_GROUPS:
                key = (None, "", 0, "(other)", None, None)
                grp = groups.get(key)
            if grp is None:
                grp = Group(key[0], top.function if top else "(no stack)", key[1], key[2], key[3], key[4], key[5],
                            sample=g)
                groups[key] = grp
        grp.count += g.count
        if len(grp.variants) < MAX_VARIANTS:
            grp.variants.add(g.variant)
        if g.minutes is not None:
            grp.max_wait_minutes = max(grp.max_wait_minutes or 0, g.minutes)
        grp.leaked += g.count if g.leaked else 0
        grp.locked += g.count if g.locked else 0
        if g.labels and len(grp.labels) < 8:
            grp.labels.add(g.labels)
    ordered = sorted(groups.values(), key=lambda x: (-x.count, x.file, x.line, x.created_by or ""))
    return Summary(parser.form or "unknown", total, dropped, ordered, problems, damaged)


def summarize_bytes(data: bytes, keep_runtime: bool = False) -> Summary:
    """:func:`summarize` over bytes in memory."""
    return summarize(io.BytesIO(data), keep_runtime)
