"""The frozen views a fold produces: what the window, reports and exports read."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["BlockedLine", "ChannelView", "PrimView", "MemoryPoint", "RequestView", "SiteView", "Snapshot", "TaskView", "site_key"]


@dataclass(frozen=True, slots=True)
class TaskView:
    """One goroutine as a view draws it (the recent requests' goroutines)."""

    gid: int
    role: str
    req: int
    idx: int
    state: str  # runnable/sleeping/parked/stranded/finished/panicked
    op: str  # for parked: send/recv/select
    chans: tuple[str, ...]  # names of the channels parked on
    since: int  # time of the last state change
    until: int  # for sleeping: when it wakes
    via: str = ""  # the channel its last completed send or receive went through
    where: str = ""  # the source line it last blocked at ("file.go:12"; programs run from source)


@dataclass(frozen=True, slots=True)
class ChannelView:
    """One channel as a view draws it: capacity, buffered values, waiting queues."""

    cid: int
    name: str
    req: int
    cap: int
    len: int
    sendq: int
    recvq: int
    closed: bool


@dataclass(frozen=True, slots=True)
class RequestView:
    """One recent request: its handler, checks, helpers and channels, and what it stranded."""

    req: int
    arrived: int
    returned: int | None
    outcome: str  # "" while the handler runs, else accepted/rejected
    ip: str
    handler: TaskView | None
    checks: tuple[TaskView, ...]
    channels: tuple[ChannelView, ...]
    helpers: tuple[TaskView, ...]  # e.g. the drain goroutine
    stranded: int
    code: int = 0  # the status a program's handler answered with (0: the article's scenario)


@dataclass(frozen=True, slots=True)
class SiteView:
    """The goroutines one ``go`` statement started, outside any request: a program's lane."""

    role: str  # the go statement ("file.go:12"), or "main"
    counts: tuple[tuple[str, int], ...]  # state -> how many, finished included
    shown: tuple[TaskView, ...]  # the oldest few not finished

    @property
    def total(self) -> int:
        """Goroutines this site has started."""
        return sum(n for _, n in self.counts)

    def count(self, state: str) -> int:
        """How many of its goroutines are in ``state``."""
        return dict(self.counts).get(state, 0)


@dataclass(frozen=True, slots=True)
class PrimView:
    """A sync primitive goroutines wait on: what it is, who holds it (a Mutex) and how many wait."""

    cid: int
    kind: str  # the wait reason: sync.Mutex.Lock, sync.WaitGroup.Wait, ...
    waiting: int
    holder: int = 0  # gid of the goroutine holding it (0: none, or not a lock)
    holder_role: str = ""  # the go statement that started the holder ("main", "file.go:12")
    holder_state: str = ""  # its state now: running ... finished (a lock held by a finished goroutine)


@dataclass(frozen=True, slots=True)
class MemoryPoint:
    """One sample of the memory series: Go bytes (modelled), Python bytes (measured), goroutines."""

    t: int
    go_bytes: int
    py_bytes: int
    live: int
    stranded: int


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything a view shows at one moment, frozen: the fold of the events up to ``seq``."""

    t: int
    seq: int  # events folded
    requests: tuple[RequestView, ...]  # the most recent ones, oldest first
    requests_total: int
    requests_returned: int
    live: int  # goroutines not yet exited (stranded included)
    spawned: int
    by_state: tuple[tuple[str, int], ...]
    stranded: int
    stranded_by_channel: tuple[tuple[str, int], ...]
    parked_by_site: tuple[tuple[str, int], ...]  # "role:op:chan,chan" -> count, stranded included
    stranded_by_site: tuple[tuple[str, int], ...]
    go_bytes: int
    py_bytes: int
    memory: tuple[MemoryPoint, ...] = field(repr=False)
    panic: str | None
    panic_gid: int | None
    spawned_by_role: tuple[tuple[str, int], ...] = ()  # "check" -> goroutines started in that role
    returned_by_outcome: tuple[tuple[str, int], ...] = ()  # "rejected" -> requests the handler returned so
    # mid-run config changes: (event index, time, first request under it, config json), oldest first;
    # parked/stranded per (version, site) for goroutines of requests that arrived after change ``version``
    # (version 0, the run's start, is the total per site minus these)
    versions: tuple[tuple[int, int, int, str], ...] = ()
    parked_by_version: tuple[tuple[tuple[int, str], int], ...] = ()
    stranded_by_version: tuple[tuple[tuple[int, str], int], ...] = ()
    sites: tuple[SiteView, ...] = ()  # goroutines outside any request, by go statement, in order of first start
    channels: tuple[ChannelView, ...] = ()  # a program's channels: the newest few of each name, by name
    prims: tuple[PrimView, ...] = ()  # sync primitives goroutines wait on now, most waiters first
    # requests kept in detail however old, for the stage's follow mode: the first that returned while its
    # goroutines still ran (the leak's first victim), and any the viewer pinned; oldest first
    pinned: tuple[RequestView, ...] = ()
    first_early: int | None = None  # the request number of the first early return, if any yet

    def main_returned(self) -> bool:
        """A program's main goroutine has finished: in Go the program has ended, nothing more runs."""
        return any(s.role == "main" and s.count("finished") for s in self.sites)

    def never_continue(self, ended: bool) -> int:
        """How many goroutines can never continue: those stranded by Go's rule and, once the program has
        ended, every goroutine still blocked at a line (what it waits on may still be reachable, from a
        global say, so Go's profile does not report it, but nothing is left to release it)."""
        if not ended:
            return self.stranded
        return max(self.stranded, sum(b.blocked for b in self.blocked_lines()))

    def started(self) -> int:
        """Goroutines started by a go statement (a program's main goroutine is not), as ``go`` counts them."""
        return self.spawned - dict(self.spawned_by_role).get("main", 0)

    def state_count(self, state: str) -> int:
        """Number of goroutines in ``state`` at this snapshot (0 if none)."""
        return dict(self.by_state).get(state, 0)

    def blocked_lines(self) -> list[BlockedLine]:
        """Where goroutines of a program run from source are blocked: one entry per source line and
        operation, most stranded first (then most blocked). Empty for the article's scenario."""
        stranded = dict(self.stranded_by_site)
        out: dict[tuple[str, str, str], list[int]] = {}
        for key, n in self.parked_by_site:
            head, at, where = key.rpartition("@")
            if not at:
                continue
            _role, op, chans = head.rsplit(":", 2)
            got = out.setdefault((where, op, chans), [0, 0])
            got[0] += n
            got[1] += stranded.get(key, 0)
        lines = [BlockedLine(w, op, tuple(c for c in chans.split(",") if c), n, k)
                 for (w, op, chans), (n, k) in out.items()]
        return sorted(lines, key=lambda b: (-b.stranded, -b.blocked, b.where))


@dataclass(frozen=True, slots=True)
class BlockedLine:
    """Goroutines blocked at one source line: how many, and of those how many can never continue."""

    where: str  # "path/file.go:12"
    op: str  # send / recv / select / a sync wait
    chans: tuple[str, ...]  # the channels it waits on, by the source's names
    blocked: int  # stranded included
    stranded: int

    @property
    def path(self) -> str:
        """The file part of ``where``."""
        return self.where.rpartition(":")[0]

    @property
    def line(self) -> int:
        """The 1-based line of ``where`` (0 when it has none)."""
        tail = self.where.rpartition(":")[2]
        return int(tail) if tail.isdigit() else 0


def site_key(role: str, op: str, chans: tuple[str, ...]) -> str:
    """The code-line key of a parked goroutine, e.g. ``check:send:done``."""
    return f"{role}:{op}:{','.join(chans)}"
