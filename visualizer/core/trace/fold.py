"""Folding events into a Snapshot: ``Folder`` (incremental) and ``fold`` (pure).

``fold`` is a pure function of the events; ``Folder`` is its incremental form
(feed it new events, ask for a Snapshot) so a view drawing every frame never refolds.

(About 550 lines: the one fold, the article's requests and a program's go statements, channels and
sync primitives in a single pass over the events.)
"""

from __future__ import annotations

import copy
import time
from collections import Counter

from .. import memory
from .events import Event, Events, Trace
from .snapshot import ChannelView, MemoryPoint, PrimView, RequestView, SiteView, Snapshot, TaskView, site_key

__all__ = ["Folder", "fold"]


class _G:
    __slots__ = ("gid", "role", "req", "idx", "state", "op", "chans", "sends", "names", "since", "until", "via",
                 "version", "where", "site")

    def __init__(self, gid: int, role: str, req: int, idx: int, t: int) -> None:
        self.gid = gid
        self.role = role
        self.req = req
        self.idx = idx
        self.state = "runnable"
        self.op = ""
        self.chans: tuple[int, ...] = ()
        self.sends: tuple[bool, ...] = ()
        self.names: tuple[str, ...] = ()  # of the channels parked on, taken when it parked
        self.since = t
        self.until = 0
        self.via = ""
        self.version = 0  # the config change its request arrived under (0: the run's start)
        self.where = ""  # the source line it last blocked at (programs run from source)
        self.site = ""  # the site key of its last park (computed once per park: the fold's hot path)

    def view(self, names: dict[int, str]) -> TaskView:
        return TaskView(self.gid, self.role, self.req, self.idx, self.state, self.op,
                        self.names, self.since, self.until, self.via, self.where)


class _C:
    __slots__ = ("cid", "name", "cap", "req", "len", "sendq", "recvq", "closed")

    def __init__(self, cid: int, name: str, cap: int, req: int) -> None:
        self.cid = cid
        self.name = name
        self.cap = cap
        self.req = req
        self.len = 0
        self.sendq = 0
        self.recvq = 0
        self.closed = False


class _R:
    __slots__ = ("req", "arrived", "returned", "outcome", "ip", "gids", "cids", "stranded", "version", "code",
                 "next_idx")

    def __init__(self, req: int, t: int, ip: str) -> None:
        self.req = req
        self.arrived = t
        self.returned: int | None = None
        self.outcome = ""
        self.ip = ip
        self.gids: list[int] = []
        self.cids: list[int] = []
        self.stranded = 0
        self.version = 0
        self.code = 0  # the status a program's handler answered with (0: the article's, 403 or 200)
        self.next_idx = 0  # a program's request: the next goroutine's place among its checks


class Folder:
    """Folds events into state incrementally; ``snapshot()`` freezes it.

    Only the ``keep`` most recent requests keep per-task detail; older ones
    fold away into counters, so memory and snapshot cost stay bounded by what
    a screen can show, not by the length of the run.
    """

    def __init__(self, *, keep: int = 12, memory_points: int = 2000, pins: set[int] | None = None) -> None:
        self.keep = keep
        self.memory_points = memory_points
        self.seq = 0
        self.t = 0
        self.gs: dict[int, _G] = {}  # goroutines not exited, and recent exited ones
        self.chans: dict[int, _C] = {}
        self.names: dict[int, str] = {}
        self.reqs: dict[int, _R] = {}  # recent requests, in arrival order (and the pinned ones)
        self.first_early: int | None = None  # the first request that returned while its goroutines still ran
        self.pins: set[int] = set() if pins is None else pins  # requests a viewer follows (shared with clones)
        self.requests_total = 0
        self.requests_returned = 0
        self.live = 0
        self.spawned = 0
        self.spawned_by_role: Counter[str] = Counter()
        self.returned_by_outcome: Counter[str] = Counter()
        self.by_state: Counter[str] = Counter()
        self.stranded = 0
        self.stranded_by_channel: Counter[str] = Counter()
        self.go_chan_bytes = 0  # Go bytes of channels that stranded goroutines keep alive
        self.parked_by_site: Counter[str] = Counter()
        self.stranded_by_site: Counter[str] = Counter()
        self.py_bytes = 0
        self.panic: str | None = None
        self.panic_gid: int | None = None
        self._mem: list[MemoryPoint] = []
        self._stride = 1  # keep every n-th memory point once the series is long
        self._mem_count = 0
        self.marks: list[tuple[int, str]] = []  # (event index, what) worth a mark on a timeline
        self.versions: list[tuple[int, int, int, str]] = []
        self.parked_by_version: Counter[tuple[int, str]] = Counter()
        self.stranded_by_version: Counter[tuple[int, str]] = Counter()
        # goroutines outside any request, by the role (a program's go statement) that started them:
        # counts by state, and the oldest few not finished as a sample to draw
        self.site_states: Counter[tuple[str, str]] = Counter()
        self.site_sample: dict[str, dict[int, _G]] = {}
        self.hidden: set[int] = set()  # the runtime's own helpers (timers): not the program's goroutines
        self.site_chans: dict[str, list[int]] = {}  # a program's channels by name: the newest few cids
        self.prim_wait: Counter[int] = Counter()  # sync primitive -> goroutines waiting on it
        self.prim_kind: dict[int, str] = {}
        self.prim_holder: dict[int, tuple[int, str]] = {}  # a held Mutex -> (gid, role) of its holder

    MAX_MARKS = 4000
    SAMPLE = 28  # goroutines a site keeps to draw (two rows of a lane); the rest are counted
    CHANS_PER_NAME = 2  # a program's channels of one name kept to draw (a per-request channel: the newest two)
    HIDDEN_ROLES = frozenset({"timer"})

    @property
    def version(self) -> int:
        """How many mid-run config changes have been folded."""
        return len(self.versions)

    def clone(self) -> Folder:
        """An independent copy (a checkpoint to fold on from)."""
        f = copy.copy(self)
        f.gs = {k: copy.copy(g) for k, g in self.gs.items()}
        f.chans = {k: copy.copy(c) for k, c in self.chans.items()}
        f.names = dict(self.names)
        f.reqs = {}
        for k, r in self.reqs.items():
            r2 = copy.copy(r)
            r2.gids = list(r.gids)
            r2.cids = list(r.cids)
            f.reqs[k] = r2
        for name in ("by_state", "stranded_by_channel", "parked_by_site", "stranded_by_site", "spawned_by_role",
                     "returned_by_outcome", "parked_by_version", "stranded_by_version"):
            setattr(f, name, Counter(getattr(self, name)))
        f.versions = list(self.versions)
        f.site_states = Counter(self.site_states)
        f.site_sample = {role: {gid: f.gs.get(gid) or copy.copy(g) for gid, g in d.items()}
                         for role, d in self.site_sample.items()}
        f.hidden = set(self.hidden)
        f.site_chans = {name: list(cids) for name, cids in self.site_chans.items()}
        f.prim_wait = Counter(self.prim_wait)
        f.prim_kind = dict(self.prim_kind)
        f.prim_holder = dict(self.prim_holder)
        f._mem = list(self._mem)
        f.marks = list(self.marks)
        return f

    def _mark(self, i: int, what: str) -> None:
        self.marks.append((i, what))
        if len(self.marks) > self.MAX_MARKS:  # keep the first stranded and panics; thin the returns
            keep = [m for m in self.marks if m[1] != "return"]
            rest = [m for m in self.marks if m[1] == "return"][::2]
            self.marks = sorted(keep + rest)

    # -- folding --

    def _set_state(self, g: _G, state: str, t: int) -> None:
        if g.state == "parked":
            self.parked_by_site[self._site(g)] -= 1
            if g.version:
                self.parked_by_version[(g.version, self._site(g))] -= 1
        self.by_state[g.state] -= 1
        if g.req == -1:
            self.site_states[(g.role, g.state)] -= 1
            self.site_states[(g.role, state)] += 1
        g.state = state
        g.since = t
        self.by_state[state] += 1
        if state == "parked":
            self.parked_by_site[self._site(g)] += 1
            if g.version:
                self.parked_by_version[(g.version, self._site(g))] += 1

    def _site(self, g: _G) -> str:
        return g.site

    def feed(self, events: Events | list[Event], upto: int | None = None, *,
             budget_s: float | None = None) -> Folder:
        """Fold ``events[self.seq:upto]``, or as many as ``budget_s`` seconds
        allow (a frame must not wait for a backlog; the next one goes on)."""
        end = len(events) if upto is None else min(upto, len(events))
        if budget_s is not None:
            deadline = time.perf_counter() + budget_s
            while self.seq < end:
                self.feed(events, min(end, self.seq + 512))
                if time.perf_counter() > deadline:
                    break
            return self
        gs = self.gs
        chans = self.chans
        for i in range(self.seq, end):
            e = events[i]
            t = e[0]
            k = e[1]
            if k == "park":
                g = gs.get(e[2])
                if g is None:  # a hidden helper
                    self._helper(e[2])
                    continue
                g.op = e[3]
                g.chans = e[4]
                g.sends = e[5]
                g.names = e[6]
                if g.op[:5] == "sync.":  # a sync primitive's queue: not a channel's
                    for c in g.chans:
                        self.prim_wait[c] += 1
                        self.prim_kind[c] = g.op
                if len(e) > 7:
                    g.where = e[7]
                    g.site = f"{site_key(g.role, g.op, g.names)}@{g.where}"
                else:
                    g.site = site_key(g.role, g.op, g.names)
                for c, is_send in zip(e[4], e[5], strict=False):
                    ch = chans.get(c)
                    if ch is not None:
                        if is_send:
                            ch.sendq += 1
                        else:
                            ch.recvq += 1
                self._set_state(g, "parked", t)
            elif k == "unpark" or k == "wake":
                g = gs.get(e[2])
                if g is None:
                    self._helper(e[2])
                    continue
                if g.state == "parked":
                    self._unqueue(g)
                    if k == "unpark":
                        g.via = self.names.get(e[3], "")
                self._set_state(g, "runnable", t)
            elif k == "sleep":
                g = gs.get(e[2])
                if g is None:
                    self._helper(e[2])
                    continue
                g.until = e[3]
                self._set_state(g, "sleeping", t)
            elif k == "send" or k == "recv" or k == "close":
                ch = chans.get(e[3])
                if ch is not None:
                    ch.len = e[-1]
                    if k == "close":
                        ch.closed = True
                    g = gs.get(e[2])
                    if g is not None:
                        g.via = ch.name
            elif k == "go":
                _, _, gid, _parent, role, req, idx = e
                if role in self.HIDDEN_ROLES:
                    self.hidden.add(gid)
                    continue
                g = _G(gid, role, req, idx, t)
                gs[gid] = g
                self.by_state["runnable"] += 1
                self.live += 1
                self.spawned += 1
                self.spawned_by_role[role] += 1
                r = self.reqs.get(req)
                if r is not None:
                    r.gids.append(gid)
                    g.version = r.version
                    if idx < 0 and role != "handler":  # a program's goroutine in a request: drawn as a check
                        g.idx = r.next_idx
                        r.next_idx += 1
                elif req >= 0:
                    g.version = len(self.versions)
                else:
                    self.site_states[(role, "runnable")] += 1
                    sample = self.site_sample.setdefault(role, {})
                    if len(sample) < self.SAMPLE:
                        sample[gid] = g
            elif k == "exit" or k == "panic":
                g = gs.get(e[2])
                if g is None:
                    self._helper(e[2])
                    if k == "panic":  # a helper's panic is the program's (a time.AfterFunc function)
                        self.panic = e[3]
                        self.panic_gid = e[2]
                        self._mark(i, "panic")
                    continue
                if g.state == "parked":
                    self._unqueue(g)
                self._set_state(g, "finished" if k == "exit" else "panicked", t)
                self.live -= 1
                if k == "panic":
                    self.panic = e[3]
                    self.panic_gid = e[2]
                    self._mark(i, "panic")
                if g.req not in self.reqs:
                    del gs[g.gid]
                if g.req == -1:
                    self.site_sample.get(g.role, {}).pop(g.gid, None)
            elif k == "stranded":
                g = gs.get(e[2])
                if g is None:
                    self._helper(e[2])
                    continue
                self.parked_by_site[self._site(g)] -= 1
                self.by_state["parked"] -= 1
                if g.req == -1:
                    self.site_states[(g.role, "parked")] -= 1
                    self.site_states[(g.role, "stranded")] += 1
                g.state = "stranded"
                self.by_state["stranded"] += 1
                self.parked_by_site[self._site(g)] += 1
                self.stranded_by_site[self._site(g)] += 1
                if g.version:  # parked_by_version already counts it: stranded stays parked
                    self.stranded_by_version[(g.version, self._site(g))] += 1
                if self.stranded == 0:
                    self._mark(i, "first stranded")
                self.stranded += 1
                for name in g.names:
                    self.stranded_by_channel[name] += 1
                self.go_chan_bytes = e[3]
                self.py_bytes = e[4]
                r = self.reqs.get(g.req)
                if r is not None:
                    r.stranded += 1
                else:
                    del gs[g.gid]  # its request is folded away and it never changes again
            elif k == "hold":
                holder = gs.get(e[3])
                self.prim_holder[e[2]] = (e[3], holder.role if holder is not None else "")
            elif k == "release":
                self.prim_holder.pop(e[2], None)
            elif k == "make":
                _, _, cid, name, cap, req = e
                chans[cid] = _C(cid, name, cap, req)
                self.names[cid] = name
                r = self.reqs.get(req)
                if r is not None:
                    r.cids.append(cid)
                elif req == -1 and name:  # a program's channel: the newest few of each name stay drawn
                    newest = self.site_chans.setdefault(name, [])
                    newest.append(cid)
                    if len(newest) > self.CHANS_PER_NAME:
                        old = newest.pop(0)
                        self.chans.pop(old, None)
                        self.names.pop(old, None)
            elif k == "request":
                _, _, req, ip = e[:4]
                self.reqs[req] = _R(req, t, ip)
                self.reqs[req].version = self.version
                self.requests_total += 1
                if len(self.reqs) > self.keep + len(self._kept()):
                    self._fold_away()
            elif k == "config" and self.requests_total:  # a mid-run change: later requests run under it
                self.versions.append((i, t, self.requests_total, e[2]))
                self._mark(i, "change")
            elif k == "config" and self.site_sample:  # a program's change (a dial): marked on the timeline
                self._mark(i, "change")
            elif k == "return":
                r = self.reqs.get(e[2])
                self.requests_returned += 1
                self.returned_by_outcome[e[3]] += 1
                if e[3] == "rejected":
                    self._mark(i, "return")
                if r is not None:
                    r.returned = t
                    r.outcome = e[3]
                    if len(e) > 4:
                        r.code = e[4]
                    if self.first_early is None and any(
                            (g := self.gs.get(gid)) is not None and g.role != "handler"
                            and g.state not in ("finished", "panicked") for gid in r.gids):
                        self.first_early = r.req
            self.t = t
            self._sample(t)
        self.seq = end
        return self

    def _helper(self, gid: int) -> None:
        if gid not in self.hidden:
            raise KeyError(f"goroutine {gid} was not started")

    _views_at = -1
    _views: tuple = ((), (), ())

    def _program_views(self) -> tuple:
        """A program's lanes, channels and waited-on primitives (the same until another event is folded: a
        paused or finished run's frames reuse them)."""
        if self._views_at == self.seq:
            return self._views
        names = self.names
        per_site: dict[str, list[tuple[str, int]]] = {}
        for (role, state), n in self.site_states.items():
            if n:
                per_site.setdefault(role, []).append((state, n))
        sites = tuple(SiteView(role, tuple(sorted(per_site.get(role, ()))),
                               tuple(g.view(names) for g in sample.values()))
                      for role, sample in self.site_sample.items())
        channels = tuple(ChannelView(c.cid, c.name, c.req, c.cap, c.len, c.sendq, c.recvq, c.closed)
                         for cids in self.site_chans.values() for c in map(self.chans.get, cids) if c is not None)
        prims = []
        for cid, n in sorted(self.prim_wait.items(), key=lambda kv: -kv[1])[:8]:
            gid, role = self.prim_holder.get(cid, (0, ""))
            holder = self.gs.get(gid)
            state = "" if not gid else holder.state if holder is not None else "finished"
            prims.append(PrimView(cid, self.prim_kind.get(cid, ""), n, gid, role, state))
        self._views_at, self._views = self.seq, (sites, channels, tuple(prims))
        return self._views

    def _unqueue(self, g: _G) -> None:
        if g.op[:5] == "sync.":
            for c in g.chans:
                self.prim_wait[c] -= 1
                if not self.prim_wait[c]:
                    del self.prim_wait[c]
            return
        for c, is_send in zip(g.chans, g.sends, strict=False):
            ch = self.chans.get(c)
            if ch is not None:
                if is_send:
                    ch.sendq -= 1
                else:
                    ch.recvq -= 1

    def _kept(self) -> set[int]:
        """Requests never folded away while present: the first early return and the pinned."""
        kept = {req for req in self.pins if req in self.reqs}
        if self.first_early is not None and self.first_early in self.reqs:
            kept.add(self.first_early)
        return kept

    def _fold_away(self) -> None:
        """Drop per-task detail of the oldest request not kept; keep its counters."""
        kept = self._kept()
        oldest = next((req for req in self.reqs if req not in kept), None)
        if oldest is None:
            return
        r = self.reqs.pop(oldest)
        for gid in r.gids:
            g = self.gs.get(gid)
            if g is not None and g.state in ("finished", "panicked", "stranded"):
                del self.gs[gid]  # a stranded goroutine never changes again
            elif g is not None:
                g.req = -2  # still running: tracked, but no longer drawn
        for cid in r.cids:
            self.chans.pop(cid, None)
            self.names.pop(cid, None)

    def _sample(self, t: int) -> None:
        if self._mem and self._mem[-1].t == t:
            self._mem[-1] = self._point(t)
            return
        self._mem_count += 1
        if self._mem_count % self._stride == 0 or not self._mem:
            self._mem.append(self._point(t))
            if len(self._mem) > self.memory_points:
                self._mem = self._mem[::2]
                self._stride *= 2

    def _point(self, t: int) -> MemoryPoint:
        return MemoryPoint(t, self.go_bytes(), self.py_bytes, self.live, self.stranded)

    def go_bytes(self) -> int:
        """Modelled Go bytes the stranded goroutines and the channels only they reach keep alive."""
        return memory.go_bytes(self.stranded) + self.go_chan_bytes

    # -- freezing --

    def snapshot(self, now: int | None = None) -> Snapshot:
        """Freeze the state. ``now`` is the runtime's clock, which may have
        moved past the last event."""
        names = self.names
        reqs = []
        kept = self._kept()
        # the recent ones are the newest ``keep``; a kept request older than those is shown only pinned
        recent = set(list(self.reqs)[-self.keep:])
        pinned = []
        for r in self.reqs.values():
            handler = None
            checks = []
            helpers = []
            for gid in r.gids:
                g = self.gs.get(gid)
                if g is None:
                    continue
                v = g.view(names)
                if g.role == "handler":
                    handler = v
                elif g.role == "check" or ".go:" in g.role:  # a program's goroutines of a request: its checks
                    checks.append(v)
                else:
                    helpers.append(v)
            cviews = []
            for cid in r.cids:
                c = self.chans.get(cid)
                if c is not None:
                    cviews.append(ChannelView(c.cid, c.name, c.req, c.cap, c.len,
                                              c.sendq, c.recvq, c.closed))
            view = RequestView(r.req, r.arrived, r.returned, r.outcome, r.ip, handler,
                               tuple(checks), tuple(cviews), tuple(helpers), r.stranded, r.code)
            if r.req in kept:
                pinned.append(view)
            if r.req in recent:
                reqs.append(view)
        sites, channels, prims = self._program_views()
        t = self.t if now is None else max(self.t, now)
        mem = list(self._mem)
        if not mem or mem[-1].t != t:
            mem.append(self._point(t))
        return Snapshot(
            t=t, seq=self.seq, requests=tuple(reqs),
            requests_total=self.requests_total, requests_returned=self.requests_returned,
            live=self.live, spawned=self.spawned,
            by_state=tuple(sorted((k, v) for k, v in self.by_state.items() if v)),
            stranded=self.stranded,
            stranded_by_channel=tuple(sorted((k, v) for k, v in self.stranded_by_channel.items() if v)),
            parked_by_site=tuple(sorted((k, v) for k, v in self.parked_by_site.items() if v)),
            stranded_by_site=tuple(sorted((k, v) for k, v in self.stranded_by_site.items() if v)),
            go_bytes=self.go_bytes(), py_bytes=self.py_bytes, memory=tuple(mem),
            panic=self.panic, panic_gid=self.panic_gid, versions=tuple(self.versions),
            parked_by_version=tuple(sorted((k, v) for k, v in self.parked_by_version.items() if v)),
            stranded_by_version=tuple(sorted((k, v) for k, v in self.stranded_by_version.items() if v)),
            spawned_by_role=tuple(sorted(self.spawned_by_role.items())), sites=sites, channels=channels,
            prims=prims, pinned=tuple(pinned), first_early=self.first_early,
            returned_by_outcome=tuple(sorted(self.returned_by_outcome.items())))


def fold(trace: Trace, upto: int | None = None, *, keep: int = 12) -> Snapshot:
    """The Snapshot after the first ``upto`` events of ``trace`` (all by default)."""
    return Folder(keep=keep).feed(trace.events, upto).snapshot()
