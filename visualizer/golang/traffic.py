"""The requests a simulated server serves: made up (--requests, --rate, --from, --path, --header) or replayed
from an access log (Common or Combined Log Format).

Everything here is data handed to the simulated net/http (golang/modelled/http.go reads it through the
``leakviz/traffic`` package the interpreter provides); nothing of it becomes code.
"""

from __future__ import annotations

import ipaddress
import random
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..core import scenario

MAX_REQUESTS = 1_000_000
MAX_LOG_BYTES = 512 << 20
MAX_HEADERS = 64
SETTLE_NS = 200_000_000  # after the last request, what was started gets this long before the run ends


class TrafficError(ValueError):
    """Traffic that cannot be served: one line saying why (and where, for a log)."""


@dataclass(frozen=True)
class Request:
    """One request: when it arrives (ns after the first), from where, and what it asks."""

    at_ns: int
    remote: str  # "address:port", as http.Request.RemoteAddr
    method: str
    target: str  # path and query, as the request line has it
    headers: tuple = ()  # (name, value) pairs


@dataclass(frozen=True)
class Traffic:
    """The requests, in arrival order, and when serving them ends (before the settle time)."""

    requests: tuple
    end_ns: int


def default_address(i: int) -> str:
    """The i-th made-up client: 10.0.x.y, a port each."""
    return f"10.0.{i // 250 % 256}.{i % 250 + 1}:{40000 + i % 20000}"


def parse_sources(spec: str) -> list[tuple[object, float]]:
    """``--from CIDR[=SHARE],...``: the networks clients come from and their shares of the requests (a
    network without a share splits what the others leave). Raises TrafficError."""
    out: list[tuple[object, float | None]] = []
    for part in spec.split(","):
        cidr, eq, share = part.strip().partition("=")
        try:
            net = ipaddress.ip_network(cidr.strip(), strict=False)
        except ValueError:
            raise TrafficError(f"--from: {cidr.strip()[:60]!r} is not a network (CIDR, e.g. 203.0.113.0/24)") \
                from None
        value = None
        if eq:
            try:
                value = float(share.strip().rstrip("%"))
            except ValueError:
                raise TrafficError(f"--from: the share of {cidr.strip()} must be a number") from None
            if not 0 < value <= 100:
                raise TrafficError(f"--from: the share of {cidr.strip()} must be above 0 and at most 100")
        out.append((net, value))
    given = sum(v for _n, v in out if v is not None)
    unset = [n for n, v in out if v is None]
    if given > 100.0001:
        raise TrafficError(f"--from: the shares add up to {given:g}, more than 100")
    rest = max(0.0, 100 - given) / len(unset) if unset else 0.0
    return [(n, v if v is not None else rest) for n, v in out]


def _address(net: object, k: int, i: int) -> str:
    """The k-th client address of ``net`` (its hosts in turn), with a port."""
    size = net.num_addresses  # type: ignore[attr-defined]
    hosts = size - 2 if size > 2 and net.version == 4 else size  # type: ignore[attr-defined]
    first = 1 if hosts != size else 0
    addr = net.network_address + first + k % max(1, hosts)  # type: ignore[attr-defined]
    host = f"[{addr}]" if net.version == 6 else str(addr)  # type: ignore[attr-defined]
    return f"{host}:{40000 + i % 20000}"


def _headers(items: list[str]) -> tuple:
    out = []
    for h in items:
        name, sep, value = h.partition(":")
        if not sep or not re.fullmatch(r"[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}", name.strip()) or "\n" in value \
                or "\r" in value or "\0" in value:
            raise TrafficError(f"--header takes 'Name: value', got {h[:60]!r}")
        out.append((name.strip(), value.strip()))
    if len(out) > MAX_HEADERS:
        raise TrafficError(f"at most {MAX_HEADERS} --header")
    return tuple(out)


def made_up(requests: int, rate: float, *, sources: str | None = None, path: str = "/",
            headers: list[str] | None = None, method: str = "GET") -> Traffic:
    """``requests`` requests, ``rate`` a second, from ``sources`` (default: 10.0.x.y) for ``path``.
    Raises TrafficError."""
    if not 1 <= requests <= MAX_REQUESTS or not 0 < rate <= 1e9:
        raise TrafficError(f"--requests must be 1 to {MAX_REQUESTS:,} and --rate above 0")
    if not path.startswith("/") or any(c in path for c in " \r\n\0") or len(path) > 2000:
        raise TrafficError(f"--path must start with / and hold no spaces, got {path[:60]!r}")
    hs = _headers(headers or [])
    nets = parse_sources(sources) if sources else None
    gap = int(1e9 / rate)
    out = []
    given = [0] * len(nets or ())
    for i in range(requests):
        if nets is None:
            remote = default_address(i)
        else:
            # each network gets its share, interleaved: the one furthest behind its share goes next
            j = max(range(len(nets)), key=lambda n: nets[n][1] * (i + 1) / 100 - given[n])
            remote = _address(nets[j][0], given[j], i)
            given[j] += 1
        out.append(Request(i * gap, remote, method, path, hs))
    return Traffic(tuple(out), requests * gap)


def _http(req: Any, at_ns: int) -> Request:
    """A drawn request of the article's scenario as an HTTP request: its fields as address, method, path and
    headers, which gateway.go's checks read."""
    headers = (("User-Agent", req.user_agent), ("X-Token", req.token), ("Referer", req.referer),
               ("Content-Length", str(req.body_bytes)), ("X-Country", req.country),
               ("X-Signature", req.signature), ("X-Recent-Requests", str(req.recent_requests)))
    return Request(at_ns, f"{req.ip}:{40000 + req.id % 20000}", req.method, req.path, headers)


class _Drawn:
    """The requests of a config, drawn as they are asked for (a preset's run has a million)."""

    def __init__(self, cfg: Any) -> None:
        self.cfg = cfg
        self.rng: random.Random = scenario.requests_rng(cfg)
        self.made: list[Request] = []
        self.next_at = 0

    def __len__(self) -> int:
        return self.cfg.requests

    def __getitem__(self, i: int) -> Request:
        if not 0 <= i < self.cfg.requests:
            raise IndexError(i)
        while len(self.made) <= i:
            req, _delays, gap = scenario.draw(self.cfg, len(self.made), self.rng)
            self.made.append(_http(req, self.next_at))
            self.next_at += gap
        return self.made[i]


class ArticleTraffic:
    """``Traffic``'s shape for a config's requests: the server ends its run with the last one."""

    def __init__(self, cfg: Any) -> None:
        self.requests = _Drawn(cfg)

    @property
    def end_ns(self) -> int:
        """When the last request has arrived (asked once the server has sent them all)."""
        d = self.requests
        return d[len(d) - 1].at_ns



# host ident authuser [day/Mon/year:hh:mm:ss zone] "request" status bytes ["referer" "user-agent"]
_LINE = re.compile(r'(\S+) \S+ \S+ \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}|-) (\d+|-)'
                   r'(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?')
_METHOD = re.compile(r"[A-Z]{1,20}\Z")


def access_log(path: str, *, speed: float = 1.0) -> tuple[Traffic, int]:
    """The requests of an access log, at its own pacing divided by ``speed``; and how many lines were not
    requests (blank, malformed, or a request line that is not METHOD TARGET PROTO). Raises TrafficError."""
    from ..core.atomic import ReadError, read_regular
    if not 0 < speed <= 1e9:
        raise TrafficError("--speed must be above 0")
    try:
        raw = read_regular(path, MAX_LOG_BYTES, "access log")
    except ReadError as e:
        raise TrafficError(str(e)) from None
    text = raw.decode("utf-8", "replace")
    rows = []
    skipped = 0
    first_bad = 0
    for n, line in enumerate(text.splitlines(), 1):
        m = _LINE.match(line.strip())
        parts = m.group(3).split(" ") if m else []
        if m is None or len(parts) != 3 or not _METHOD.match(parts[0]) or not parts[1].startswith(("/", "http")):
            if line.strip():
                skipped += 1
                first_bad = first_bad or n
            continue
        try:
            when = datetime.strptime(m.group(2), "%d/%b/%Y:%H:%M:%S %z")
        except ValueError:
            skipped += 1
            first_bad = first_bad or n
            continue
        target = parts[1]
        if target.startswith("http"):  # an absolute-form target: the path is what the server routes
            target = "/" + target.split("://", 1)[-1].partition("/")[2]
        host = m.group(1)
        headers = []
        if m.group(6) not in (None, "-", ""):
            headers.append(("Referer", m.group(6)))
        if m.group(7) not in (None, "-", ""):
            headers.append(("User-Agent", m.group(7)))
        rows.append((when.timestamp(), host, parts[0], target, tuple(headers)))
        if len(rows) > MAX_REQUESTS:
            raise TrafficError(f"{path}: more than {MAX_REQUESTS:,} requests")
    if not rows:
        where = f": line {first_bad} is not Common or Combined Log Format" if first_bad else ": it is empty"
        raise TrafficError(f"{path}: no requests{where}")
    rows.sort(key=lambda r: r[0])  # servers write a line when a request ends: the log is nearly in order
    t0 = rows[0][0]
    out = []
    for i, (ts, host, method, target, headers) in enumerate(rows):
        try:
            ip = ipaddress.ip_address(host)
            addr = f"[{ip}]" if ip.version == 6 else str(ip)
        except ValueError:
            addr = host[:255]  # a logged host name
        out.append(Request(int((ts - t0) * 1e9 / speed), f"{addr}:{40000 + i % 20000}", method, target, headers))
    return Traffic(tuple(out), out[-1].at_ns), skipped

