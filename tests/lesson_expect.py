"""What the lesson should say, worked out from a trace's events by plain loops, apart from visualizer.lesson.

A request's goroutines are those whose ``go`` event names it; its handler is the one started from
outside the request, its workers the ones the request's goroutines started. Each function returns event
indexes and counts the tests compare with what the lesson stopped at and said.
"""

from __future__ import annotations


class Trace:
    def __init__(self, events) -> None:
        self.ev = list(events)
        self.go = {e[2]: e for e in self.ev if e[1] == "go"}  # gid -> (t, "go", gid, parent, role, req, idx)
        for req in {e[5] for e in self.go.values() if e[5] >= 0}:  # from Go: idx -1, a worker is numbered by its start
            for k, g in enumerate(sorted(self.workers(req))):
                if self.go[g][6] < 0:
                    self.go[g] = (*self.go[g][:6], k)
        self.ret = {}  # req -> index of its handler's return
        self.exit = {}
        self.stranded = {}
        self.sends: dict[int, list[tuple[int, str]]] = {}  # gid -> [(index, direct|buffer)]
        for i, e in enumerate(self.ev):
            if e[1] == "send":
                self.sends.setdefault(e[2], []).append((i, e[4]))
            if e[1] == "return":
                self.ret.setdefault(e[2], i)
            elif e[1] == "exit":
                self.exit[e[2]] = i
            elif e[1] == "stranded":
                self.stranded[e[2]] = i

    def req_of(self, gid: int) -> int:
        return self.go[gid][5] if gid in self.go else -1

    def workers(self, req: int) -> list[int]:
        return [g for g, e in self.go.items() if e[5] == req and self.req_of(e[3]) == req]

    def end(self, gid: int) -> float:
        """The index at which the goroutine finished or was found stranded (inf: neither yet)."""
        return min(self.exit.get(gid, float("inf")), self.stranded.get(gid, float("inf")))

    def late(self, req: int) -> list[int]:
        """Workers neither finished nor stranded when the handler returned."""
        return [g for g in self.workers(req) if self.end(g) > self.ret[req]]

    def first_early_return(self) -> tuple[int, int] | None:
        """(index, request) of the earliest return with workers still going."""
        for req, i in sorted(self.ret.items(), key=lambda kv: kv[1]):
            if self.late(req):
                return i, req
        return None

    def first_send_wait(self) -> tuple[int, int] | None:
        """(index, gid) of the first park with a send among its cases."""
        return next(((i, e[2]) for i, e in enumerate(self.ev) if e[1] == "park" and any(e[5])), None)

    def doomed(self, gid: int, at: int) -> bool:
        """Did its handler return before it waited (at event ``at``)?"""
        req = self.req_of(gid)
        return req in self.ret and self.ret[req] < at

    def settled_at(self, req: int) -> int:
        """The event index at which the request's return and every late worker's end have happened."""
        return max([self.ret[req], *(self.end(g) for g in self.late(req))])

    def buffered_after_return(self, req: int) -> int:
        """Sends into a buffer by the request's late workers after the return."""
        return sum(1 for g in self.late(req) for i, how in self.sends.get(g, []) if how == "buffer"
                   and i > self.ret[req])

    def stranded_by(self, t_ns: int) -> int:
        return sum(1 for e in self.ev if e[1] == "stranded" and e[0] <= t_ns)

    def gave_up(self) -> int:
        """Late workers of any request that finished without sending after their handler returned."""
        n = 0
        for req, r in self.ret.items():
            for g in self.late(req):
                sent = any(i > r for i, _how in self.sends.get(g, []))
                n += g in self.exit and not sent
        return n


def ms(t_ns: int) -> str:
    return f"{t_ns / 1e6:,.3f}".rstrip("0").rstrip(".")
