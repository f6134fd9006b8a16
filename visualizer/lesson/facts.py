"""What a trace says, read event by event: the lesson's narration comes from here, never from canned text.

Generic over the event kinds any run writes (``go``, ``make``, ``park``, ``send``,
``unpark``, ``exit``, ``stranded``) and the handler's ``return`` (the article's
scenario and the Go interpreter's HTTP handlers both write it). A request's
goroutines are the ones whose ``go`` event names that request: the first is its
handler, the rest (started by the request's own goroutines) its workers. No
role names are read: a Go program's handler and its goroutines count the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class G:
    """One goroutine as the trace tells it (indexes are event indexes)."""

    gid: int
    parent: int
    req: int
    idx: int
    exit_i: int | None = None
    stranded_i: int | None = None
    wait_i: int | None = None  # its first park with a send among its cases
    wait_on: tuple[str, ...] = ()  # the channels it waits to send on then
    sends: list[tuple[int, str, str]] = field(default_factory=list)  # (index, channel name, direct|buffer)

    def over(self, i: int) -> bool:
        """Finished or stranded by event ``i``: its fate is known."""
        return any(x is not None and x <= i for x in (self.exit_i, self.stranded_i))


@dataclass
class Req:
    """One request: its handler, its workers, and when the handler returned."""

    req: int
    handler: int
    workers: list[int] = field(default_factory=list)
    members: set[int] = field(default_factory=set)  # handler and workers: who may start a worker
    return_i: int | None = None
    return_t: int = 0
    outcome: str = ""
    code: int | None = None
    last_take: tuple[int, int] | None = None  # (event index, channel id) of the handler's last receive


class Facts:
    """The trace read so far (``feed`` it the events as the run makes them)."""

    def __init__(self) -> None:
        self.n = 0  # events read
        self.gs: dict[int, G] = {}
        self.reqs: dict[int, Req] = {}
        self.chans: dict[int, str] = {}
        self.returns: dict[int, int] = {}  # event index of a handler's return -> its request

    def feed(self, events, upto: int) -> None:
        """Read events ``self.n .. upto - 1``."""
        for i in range(self.n, upto):
            self._read(i, events[i])
        self.n = max(self.n, upto)

    def _read(self, i: int, e: tuple) -> None:
        kind = e[1]
        if kind == "go":
            gid, parent, _role, req, idx = e[2:7]
            self.gs[gid] = G(gid, parent, req, idx)
            r = self.reqs.get(req)
            if req < 0:
                return
            if r is None or parent not in r.members:
                self.reqs[req] = Req(req, gid, members={gid})  # started from outside the request: its handler
            else:
                if idx < 0:  # a Go program's goroutine: the k-th the request started (gateway.go's check k)
                    self.gs[gid].idx = len(r.workers)
                r.workers.append(gid)
                r.members.add(gid)
        elif kind == "make":
            self.chans[e[2]] = e[3]
        elif kind == "park":
            g = self.gs.get(e[2])
            if g is not None and g.wait_i is None and any(e[5]):
                g.wait_i = i
                g.wait_on = tuple(n for n, s in zip(e[6], e[5], strict=False) if s)
        elif kind == "send":
            g = self.gs.get(e[2])
            if g is not None:
                g.sends.append((i, self.chans.get(e[3], "?"), e[4]))
        elif kind in ("unpark", "recv"):
            r = self._handled_by(e[2])
            if r is not None and r.return_i is None:
                r.last_take = (i, e[3])
        elif kind == "exit":
            if e[2] in self.gs:
                self.gs[e[2]].exit_i = i
        elif kind == "stranded":
            if e[2] in self.gs:
                self.gs[e[2]].stranded_i = i
        elif kind == "return":
            r = self.reqs.get(e[2])
            if r is not None and r.return_i is None:
                r.return_i, r.return_t, r.outcome = i, e[0], e[3]
                self.returns[i] = r.req
                r.code = e[4] if len(e) > 4 else (403 if e[3] == "rejected" else 200)

    def _handled_by(self, gid: int) -> Req | None:
        g = self.gs.get(gid)
        r = self.reqs.get(g.req) if g is not None else None
        return r if r is not None and r.handler == gid else None

    # -- questions the lesson asks of the trace --

    def working_at(self, req: int, i: int) -> list[G]:
        """The request's workers still going (neither finished nor stranded) at event ``i``."""
        r = self.reqs[req]
        return [self.gs[w] for w in r.workers if not self.gs[w].over(i)]

    def early_return(self, i: int) -> Req | None:
        """The request whose handler returns at event ``i`` while some of its workers are still going."""
        req = self.returns.get(i)
        return None if req is None or not self.working_at(req, i) else self.reqs[req]

    def returned_before(self, g: G, i: int) -> bool:
        """Had ``g``'s handler (its request's, or its parent when it has no request) returned before event ``i``?"""
        r = self.reqs.get(g.req)
        if r is not None:
            return r.return_i is not None and r.return_i < i
        parent = self.gs.get(g.parent)
        return parent is not None and parent.exit_i is not None and parent.exit_i < i

    def doomed(self, g: G) -> bool:
        """It waits to send after its handler returned: nobody is left to receive."""
        return g.wait_i is not None and self.returned_before(g, g.wait_i)

    def settled(self, req: int, i: int) -> bool:
        """The handler has returned and each of its workers has finished or is stranded, by event ``i``."""
        r = self.reqs.get(req)
        return r is not None and r.return_i is not None and r.return_i <= i and not self.working_at(req, i)

    def late(self, req: int) -> list[G]:
        """Workers still going when the handler returned."""
        r = self.reqs[req]
        return [self.gs[w] for w in r.workers if not self.gs[w].over(r.return_i)]

    def last_value(self, req: int) -> tuple[str, G | None]:
        """The channel of the handler's last receive before it returned, and the worker that sent it (the
        last send on that channel before then), if there was one."""
        r = self.reqs[req]
        if r.last_take is None:
            return "", None
        i, cid = r.last_take
        name = self.chans.get(cid, "?")
        sender = None
        for w in r.workers:
            for j, ch, _how in self.gs[w].sends:
                if ch == name and j <= i and (sender is None or j > sender[0]):
                    sender = (j, self.gs[w])
        return name, None if sender is None else sender[1]
