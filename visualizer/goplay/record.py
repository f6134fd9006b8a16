"""Run a Go program through the front end and keep frames of its state for the stage.

The run is the one ``python -m visualizer go`` makes (same Interp, seed and
leak rule); this module only watches it: after goroutine steps and timer
firings it folds the runtime's state into a ``Frame``. The window replays the
frames (play, step, rewind, timeline) instead of re-running anything, so every
frame is a fact the run went through. The last frame marks what Go's
goroutineleak rule finds leaked, which is what the command line reports.
"""

from __future__ import annotations

import weakref
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..core.runtime import FINISHED, PANICKED, PARKED, RUNNABLE, RUNNING, SLEEPING
from ..golang.budget import BudgetExceeded
from ..golang.compile import compile_files
from ..golang.dump import go_frames, status_of
from ..golang.errors import GoSourceError
from ..golang.interp import MAIN_GOID, Interp, RunResult
from ..golang.leaks import find_leaks
from .http import PRELUDE_PATH as HIDDEN_FILE
from .http import Drive, shim, traffic_of
from .sites import ChanSite, find_sites, rewrite, rewrite_scheduled

# modelled packages whose channels are leakviz's plumbing, not the program's (errgroup's and the
# semaphore's are the program's: it chose them)
PLUMBING = ("/leakviz-modelled/testing/", "/leakviz-modelled/net/http/")
SAMPLE = 40  # goroutines drawn per lane; the rest are counted
MAX_FRAMES = 1500
LEAK_CHECK_MAX = 3000  # above this many goroutines, leaks are marked by the runtime's reachability alone
STATES = ("running", "runnable", "sleeping", "blocked", "stranded", "finished")


@dataclass(frozen=True)
class G:
    """One goroutine as drawn: its state, wait reason and the Go line it is at."""

    goid: int
    state: str
    reason: str
    file: str
    line: int


@dataclass(frozen=True)
class Lane:
    """Goroutines started by one ``go`` statement (or main), in order of creation."""

    key: str  # "file:line" of the go statement; "main" for the entry goroutine
    func: str  # the Go function the goroutines run
    counts: dict  # state -> how many
    shown: tuple  # up to SAMPLE goroutines that are not finished, oldest first

    @property
    def total(self) -> int:
        """Goroutines this lane has started, whatever their state."""
        return sum(self.counts.values())


@dataclass(frozen=True)
class Chan:
    """One channel: name, make site, buffer and the goroutines queued to send and to receive."""

    name: str
    site: str
    cap: int
    len: int
    sendq: tuple  # goids, first few
    nsend: int
    recvq: tuple
    nrecv: int
    closed: bool


@dataclass(frozen=True)
class Prim:
    """A sync primitive some goroutine waits on: kind, holder/count, waiting queue."""

    kind: str
    state: str  # "locked", "unlocked", "count 3", ...
    waiters: tuple
    nwait: int
    holder: int = 0  # goid of the goroutine holding the lock (0: none, or not a lock)


@dataclass(frozen=True)
class Pile:
    """Stranded goroutines blocked at one site."""

    reason: str
    file: str
    line: int
    count: int


@dataclass(frozen=True)
class Handoff:
    """A goroutine woke another since the last frame: a value through a channel, or a sync wake-up."""

    src: int  # goid of the waker
    dst: int  # goid of the goroutine it made runnable
    via: str  # the channel's name, or the primitive's kind


@dataclass(frozen=True)
class Frame:
    """The program at one moment of simulated time."""

    t_ns: int
    lanes: tuple
    chans: tuple
    prims: tuple
    piles: tuple
    started: int
    live: int
    blocked: int
    stranded: int
    final: bool = False
    handoffs: tuple = ()


@dataclass
class GoRun:
    """A recorded run, or the reason the source cannot run (``error``)."""

    files: list  # (path, source) as shown: the capacities now on the dials edited in
    sites: list  # ChanSite of the original source
    compiled: list = field(default_factory=list)  # (path, source) as compiled and run
    frames: list = field(default_factory=list)
    result: RunResult | None = None
    error: GoSourceError | None = None
    failure: str = ""  # a gap in the interpreter, in one line

    @property
    def last(self) -> Frame | None:
        """The run's final frame, or None before the first."""
        return self.frames[-1] if self.frames else None


class _Watcher:
    def __init__(self, ip: Interp) -> None:
        self.ip = ip
        self.chans: list[tuple[str, str, Any]] = []  # (name, site, weakref)
        self.lane_of: dict[int, str] = {}
        self.lane_func: dict[str, str] = {}
        self.lanes: dict[str, list[int]] = {}  # lane -> gids in creation order
        self.finished: Counter = Counter()
        self.gone: set[int] = set()
        self.stranded_at: dict[int, tuple] = {}
        self.frames: list[Frame] = []
        self.steps = 0
        self.since = 0
        self.last_g = None
        self.leaked: set[int] = set()
        self.ran = False
        self.site_names: dict[tuple[int, int], list[str]] = {}
        self.chan_names: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self.handoffs: list[Handoff] = []
        self.made: dict[tuple[int, int], int] = {}

    # -- hooks --

    def watch(self) -> None:
        ip, rt = self.ip, self.ip.rt
        run_one, fire, make_chan, spawn, ready = rt._run_one, rt.fire_timers, rt.make_chan, ip.spawn, rt.goready

        def _ready(g, value, via=None) -> None:
            cur = rt.current
            if cur is not None and cur is not g and len(self.handoffs) < 64:
                a, b = ip.info.get(cur.gid), ip.info.get(g.gid)
                if a is not None and b is not None and not a.hidden and not b.hidden:
                    name = (self.chan_names.get(via, "") if via is not None and hasattr(via, "sendq") else "") \
                        or getattr(via, "_goname", "") or "chan"
                    self.handoffs.append(Handoff(a.goid, b.goid, name))
            ready(g, value, via)

        def _run_one(g) -> None:
            run_one(g)
            self.last_g = g
            self.ran = True
            self.steps += 1
            self.since += 1
            if self.since >= max(1, self.live() // 25):
                self.snap()

        def fire_timers() -> int:
            if self.ran:
                self.ran = False
                if self.live() <= LEAK_CHECK_MAX:  # Go's leak rule as time moves on, as a GC would run
                    self.leaked |= find_leaks(ip, None)
                self.snap()
            return fire()

        def _make_chan(cap: int, **kw) -> Any:
            ch = make_chan(cap, **kw)
            file, line = ip.go_line_of(_caller())
            path = ip.prog.files[file] if 0 <= file < len(ip.prog.files) else "?"
            if path.startswith(PLUMBING):  # the testing driver's and the HTTP server's own channels
                return ch
            names = self.site_names.get((file, line))
            name = kw.get("name") or ""
            if names:  # the source's name; several makes on one line run left to right
                k = self.made[(file, line)] = self.made.get((file, line), -1) + 1
                name = names[k % len(names)]
            self.chans.append((name, f"{_base(path)}:{line}", weakref.ref(ch)))
            self.chan_names[ch] = name
            return ch

        def _spawn(fn, args, creator_fn, file, line, goid=None):
            g = spawn(fn, args, creator_fn, file, line, goid)
            if goid == MAIN_GOID:
                key = "main"
            else:
                path = ip.prog.files[file] if 0 <= file < len(ip.prog.files) else "?"
                key = f"{_base(path)}:{line}"
            self.lane_of[g.gid] = key
            self.lanes.setdefault(key, []).append(g.gid)
            return g

        rt._run_one = _run_one
        rt.goready = _ready  # the engine API's goready (runtime.py)
        rt.fire_timers = fire_timers
        rt.make_chan = _make_chan
        ip.spawn = _spawn

    def live(self) -> int:
        return len(self.ip.rt.goroutines)

    # -- folding --

    def _g(self, g, state: str) -> G:
        frames = go_frames(self.ip, g, None) if state not in ("runnable", "running") else []
        top = frames[0] if frames else ("", "", 0, False)
        reason = status_of(self.ip, g) if state != "stranded" or g.state == PARKED else "leaked"
        if state == "running":
            reason = "running"
        return G(self.ip.info[g.gid].goid, state, reason, _base(top[1]), top[2])

    def _state(self, g) -> str:
        if g.state == FINISHED or g.state == PANICKED:
            return "finished"
        if g.gid in self.leaked or (g.stranded and g.state == PARKED):
            return "stranded"
        if g.state == PARKED:
            return "blocked"
        if g.state == SLEEPING:
            return "sleeping"
        if g is self.last_g and g.state in (RUNNABLE, RUNNING):
            return "running"
        return "runnable"

    def snap(self, final: bool = False) -> None:
        self.since = 0
        ip, rt = self.ip, self.ip.rt
        gs = rt.goroutines
        lanes = []
        piles: Counter = Counter()
        blocked = stranded = live = 0
        prims: dict[int, list] = {}
        for key, gids in self.lanes.items():
            counts: Counter = Counter()
            shown = []
            keep = []
            for gid in gids:
                g = gs.get(gid)
                inf = ip.info.get(gid)
                if g is None or inf is None or inf.hidden:
                    self.finished[key] += 1
                    continue
                st = self._state(g)
                if st == "finished":
                    self.finished[key] += 1
                    continue
                keep.append(gid)
                counts[st] += 1
                live += 1
                if st == "stranded":
                    stranded += 1
                    at = self.stranded_at.get(gid)
                    if at is None:
                        d = self._g(g, st)
                        at = self.stranded_at[gid] = (d.reason, d.file, d.line)
                    piles[at] += 1
                elif st == "blocked":
                    blocked += 1
                if st in ("blocked", "stranded"):
                    for w in (g.waiting if isinstance(g.waiting, (list, tuple)) else (g.waiting,)):
                        prim = getattr(w, "ch", None)
                        if prim is not None and hasattr(prim, "waitq"):
                            prims.setdefault(id(prim), [prim, []])[1].append(ip.info[gid].goid)
                if len(shown) < SAMPLE:
                    shown.append(self._g(g, st))
            self.lanes[key] = keep
            if self.finished[key]:
                counts["finished"] = self.finished[key]
            if key not in self.lane_func and gids:
                self.lane_func[key] = self._func(gids[0])
            lanes.append(Lane(key, self.lane_func.get(key, "?"), dict(counts), tuple(shown)))
        chans = []
        for name, site, ref in self.chans:
            ch = ref()
            if ch is None or site.startswith(HIDDEN_FILE):  # the HTTP prelude's own channels are not the program's
                continue
            chans.append(Chan(name, site, ch.cap, len(ch.buf), tuple(self._goids(ch.sendq, 6)), len(ch.sendq),
                              tuple(self._goids(ch.recvq, 6)), len(ch.recvq), ch.closed))
        # the newest channels of each site, busiest first: thousands of per-request channels fold to a few
        by_site: dict[str, list] = {}
        for c in chans:
            by_site.setdefault((c.name, c.site), []).append(c)
        picked = []
        for cs in by_site.values():
            cs = sorted(cs[-50:], key=lambda c: -(c.nsend + c.nrecv + c.len))[:2]
            picked.extend(cs)
        pr = tuple(Prim(getattr(p, "_goname", type(p).__name__), _prim_state(p), tuple(ws[:6]), len(ws),
                        self._holder(p)) for p, ws in prims.values())
        pl = tuple(Pile(r, f, ln, n) for (r, f, ln), n in sorted(piles.items(), key=lambda kv: -kv[1]))
        started = sum(len(v) for v in self.lanes.values()) + sum(self.finished.values())
        frame = Frame(rt.now, tuple(lanes), tuple(picked), pr, pl, started, live, blocked, stranded, final,
                      tuple(self.handoffs[-12:]))
        self.handoffs = []
        self.frames.append(frame)
        if len(self.frames) > MAX_FRAMES:  # keep every other frame: the timeline stays whole, coarser
            self.frames[:] = self.frames[::2]

    def _holder(self, prim: Any) -> int:
        """The goid holding ``prim`` (a Mutex, or an RWMutex's writer), 0 when none."""
        m = prim.w if getattr(prim, "writer", False) else prim
        g = getattr(m, "holder", None)
        info = self.ip.info.get(g.gid) if g is not None else None
        return info.goid if info is not None else 0

    def _goids(self, q, n: int) -> list[int]:
        out = []
        for sd in q:
            inf = self.ip.info.get(sd.g.gid) if hasattr(sd, "g") else None
            if inf is not None:
                out.append(inf.goid)
            if len(out) >= n:
                break
        return out

    def _func(self, gid: int) -> str:
        inf = self.ip.info.get(gid)
        fn = getattr(inf.fn, "go_entry", inf.fn) if inf is not None else None
        fn = getattr(fn, "__func__", fn)
        info = self.ip.prog.funcs.get(getattr(fn, "__name__", ""))
        return info[0] if info is not None else "main.main"


def _prim_state(p: Any) -> str:
    if hasattr(p, "count"):
        return f"count {p.count}"
    if getattr(p, "locked", False):
        return "locked"
    return ""


def _caller():
    import sys
    return sys._getframe(2)


def _base(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def record(files: list[tuple[str, bytes]], *, caps: dict | None = None, entry: str = "main", seed: int = 0,
           until_ns: int | None = None, drive: Drive | None = None, schedule: dict | None = None,
           test: str | None = None) -> GoRun:
    """Compile ``files`` with ``caps`` edited in and run ``entry`` once, keeping frames; with ``drive``,
    call that HTTP handler once per simulated request instead (``main`` is not run); with ``test``, run that
    test of the package as ``leakviz test`` runs it with this seed (``files`` hold its _test.go files)."""
    try:
        sites: list[ChanSite] = find_sites(files)
        shown = dict(caps or {})
        for k, changes in (schedule or {}).items():
            if changes:
                shown[k] = changes[-1][1]
        gr = GoRun(rewrite(files, shown), sites)
        compiled = rewrite_scheduled(files, caps or {}, schedule or {})
        traffic = None
        if drive is not None:
            try:
                traffic = traffic_of(drive)
                if drive.handler:  # else main runs, and the server it starts serves the traffic
                    compiled, entry = shim(compiled, drive)
            except ValueError as e:  # TrafficError is one
                return GoRun(list(files), [], error=GoSourceError(files[0][0] if files else "?", 1, 1, str(e)))
        gr.compiled = compiled
        prog = compile_files(compiled, tests=test is not None)
    except GoSourceError as e:
        return GoRun(list(files), [], error=e)
    call = None
    if test is not None:
        from ..golang import gotest
        ip = Interp(prog, seed=seed, explore=seed != 0)  # as leakviz test runs a schedule: seed 0 is Go's order
        try:
            call = gotest.test_call(prog, ip, test, gotest.has_test_main(compiled))
        except KeyError:
            ip.shutdown()
            gr.error = GoSourceError(files[0][0] if files else "?", 1, 1, f"no test {test[:60]!r} in this package")
            return gr
    elif entry not in prog.decls:
        gr.error = GoSourceError(files[0][0] if files else "?", 1, 1, f"no function {entry!r} in package main")
        return gr
    else:
        ip = Interp(prog, seed=seed, entry=entry, traffic=traffic)
    w = _Watcher(ip)
    for st in sites:
        w.site_names.setdefault((st.file, st.line), []).append(st.name)
    w.watch()
    try:
        try:
            gr.result = ip.run(until_ns, call=call)
        finally:
            w.leaked = set(ip.leaks_at_end)
            w.last_g = None
            w.snap(final=True)
            ip.shutdown()
    except RecursionError:
        gr.failure = "goroutine stack exceeds 1000000000-byte limit"
    except BudgetExceeded as e:  # the program's loop, goroutines, allocation or output went past its budget
        gr.failure = e.line()
    except Exception as e:  # a gap in the interpreter: one line, the window stays up
        gr.failure = f"cannot run this program ({type(e).__name__}: {e})"
    gr.frames = w.frames
    return gr
