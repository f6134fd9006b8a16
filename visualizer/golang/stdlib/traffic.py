"""Package leakviz/traffic: the requests a simulated server serves (golang/traffic.py makes them), read by
the modelled net/http; Arrive and Done mark each request's lane in the run's events."""

from __future__ import annotations

from ..gotypes import INT, STR
from .registry import package, std

# the requests a simulated server serves (golang/traffic.py), read by the modelled net/http
package("leakviz/traffic", "traffic")


@std("traffic.Len", INT)
def traffic_Len(h) -> int:
    t = h.ip.traffic
    return 0 if t is None else len(t.requests)


@std("traffic.End", INT)
def traffic_End(h) -> int:
    t = h.ip.traffic
    return 0 if t is None else t.end_ns


@std("traffic.At", ("tuple", [INT, STR, STR, STR]))
def traffic_At(h, i: int) -> tuple:
    r = h.ip.traffic.requests[i]
    return r.at_ns, r.method, r.target, r.remote


@std("traffic.Header", ("slice", STR))
def traffic_Header(h, i: int) -> list:
    return [x for kv in h.ip.traffic.requests[i].headers for x in kv]


@std("traffic.Served")
def traffic_Served(h) -> None:
    h.ip.traffic_served = True


@std("traffic.Arrive")
def traffic_Arrive(h, i: int) -> None:
    """Request ``i`` arrives: a ``request`` event, and the goroutine started next serves it (its lane)."""
    r = h.ip.traffic.requests[i]
    h.ip.next_req = i
    h.rt.emit("request", i, r.remote.rsplit(":", 1)[0])


@std("traffic.Done")
def traffic_Done(h, i: int, code: int) -> None:
    """Request ``i``'s handler answered with ``code``: a ``return`` event (rejected from 400 on)."""
    h.rt.emit("return", i, "rejected" if code >= 400 else "accepted", code)

