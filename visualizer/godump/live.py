"""Watch a live Go service's goroutines: poll its pprof endpoint, keep each
group's count over time, and flag the groups that only grow.

Every fetch has a bounded time-out (per socket operation and in all), a
service that stops answering is recorded as such, and the next poll that
gets an answer carries on with the same history.
"""

from __future__ import annotations

import base64
import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from dataclasses import dataclass, field

from ..core import memory
from .group import Summary, summarize
from .parse import DumpError

HISTORY = 720  # polls kept per group: an hour at the default 5 s
MAX_TRENDS = 10_000  # groups followed at once; past it, groups gone to zero are forgotten
MIN_POLLS = 3  # growth must be seen at least this many times to be called a leak
MAX_BODY = 1 << 30


class FetchError(OSError):
    """The service did not answer usably; the message is one line."""


class _Deadline:
    """A response body read line by line that gives up past a total time and size.

    It reads what the socket has (``read1``), never a whole line blindly, so a
    server that trickles one byte at a time meets the deadline too."""

    def __init__(self, resp, deadline: float, limit: int = MAX_BODY) -> None:
        self.resp, self.deadline, self.left = resp, deadline, limit
        self.buf = b""

    def readline(self, n: int = -1) -> bytes:
        while True:
            cut = self.buf.find(b"\n")
            if cut >= 0 or (n > 0 and len(self.buf) >= n):
                end = cut + 1 if cut >= 0 else n
                if n > 0:
                    end = min(end, n)
                line, self.buf = self.buf[:end], self.buf[end:]
                return line
            if time.monotonic() > self.deadline:
                raise FetchError("the service took too long to send its dump")
            if self.left <= 0:
                raise FetchError(f"the dump is larger than {MAX_BODY >> 20} MiB")
            sock = getattr(getattr(getattr(self.resp, "fp", None), "raw", None), "_sock", None)
            if sock is not None:  # no single read may outlast the deadline either
                sock.settimeout(max(0.05, self.deadline - time.monotonic()))
            try:
                chunk = self.resp.read1(min(65536, self.left))
            except TimeoutError:
                raise FetchError("the service took too long to send its dump") from None
            if not chunk:
                line, self.buf = self.buf, b""
                return line
            self.left -= len(chunk)
            self.buf += chunk


def shown(url: str) -> str:
    """``url`` as the user wrote it, with a password masked."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


class _SameSite(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to http or https on the same host and port."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if new.scheme not in ("http", "https") or (new.hostname, new.port) != (old.hostname, old.port):
            raise FetchError(f"{shown(req.full_url)} redirects to {shown(newurl)}: leakviz follows redirects only "
                             "within the same http(s) host")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_SameSite)


def _request(url: str) -> urllib.request.Request:
    """The request for ``url``; credentials in it go in an Authorization header, not the host name."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return urllib.request.Request(url)
    bare = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
    token = base64.b64encode(f"{urllib.parse.unquote(parts.username or '')}:"
                             f"{urllib.parse.unquote(parts.password or '')}".encode()).decode()
    return urllib.request.Request(bare, headers={"Authorization": f"Basic {token}"})


def fetch(url: str, timeout: float = 10.0) -> Summary:
    """Fetch a dump from a URL and group it, within ``timeout`` seconds per
    socket operation and ``3 * timeout`` in all."""
    scheme = urllib.parse.urlsplit(url).scheme
    name = shown(url)
    if scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs can be polled, got {name!r}")
    try:
        with _OPENER.open(_request(url), timeout=timeout) as resp:
            return summarize(_Deadline(resp, time.monotonic() + 3 * timeout))
    except urllib.error.HTTPError as e:
        raise FetchError(f"{name} answered HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        raise FetchError(f"cannot reach {name}: {e.reason}") from None
    except (TimeoutError, ConnectionError) as e:
        raise FetchError(f"cannot reach {name}: {e or type(e).__name__}") from None
    except http.client.HTTPException as e:  # a bad status line, a header too long, too many headers
        why = type(e).__name__ if not str(e) else str(e).splitlines()[0][:120]
        raise FetchError(f"{name} does not answer as an HTTP server: {why}") from None
    except DumpError as e:
        hint = "" if ("debug=1" in url or "debug=2" in url) else " (pprof answers in text only with ?debug=1 or ?debug=2)"
        raise FetchError(f"{name}: {e}{hint}") from None
    except OSError as e:
        if isinstance(e, FetchError):
            raise
        raise FetchError(f"cannot reach {name}: {e}") from None
    except ValueError as e:  # a URL urllib cannot use (a bad port, a control character)
        raise FetchError(f"cannot use the URL {name}: {e}") from None


SUSPECT_MINUTES = 10  # without Go's verdict, a group waiting this long is called a suspect


def judge(url: str, s: Summary, timeout: float = 10.0) -> Summary:
    """Mark each group of ``s`` (read from ``url``) leaked or not by Go's goroutineleak profile, where the
    service serves it; else mark the groups that have waited SUSPECT_MINUTES or more as suspects."""
    leak = leak_url(url)
    sites = None
    if leak is not None:
        try:
            sites = {(g.file, g.line) for g in fetch(leak, timeout).groups}
        except FetchError:
            sites = None  # an older Go (no such profile), or it did not answer: judge by waits instead
    for g in s.groups:
        if sites is not None:
            g.go_leaked = (g.file, g.line) in sites
        else:
            g.suspect = (g.max_wait_minutes or 0) >= SUSPECT_MINUTES
    s.verdict = "goroutineleak" if sites is not None else "suspects"
    return s


def leak_url(url: str) -> str | None:
    """The service's ``goroutineleak`` profile beside its goroutine profile."""
    parts = urllib.parse.urlsplit(url)
    if not parts.path.endswith("/goroutine"):
        return None
    return urllib.parse.urlunsplit(parts._replace(path=parts.path + "leak", query="debug=1"))


@dataclass
class Poll:
    """One look at the service: its grouped dump, or why there is none."""

    at: float  # seconds since the watch started
    summary: Summary | None
    error: str | None = None


@dataclass
class Trend:
    """A group over time; ``leaking`` when it only grew over enough polls."""

    key: tuple
    label: str  # wait reason and file:line, for a person
    counts: deque = field(default_factory=lambda: deque(maxlen=HISTORY))  # (at, count)
    confirmed: bool = False  # Go's goroutineleak profile names its site

    @property
    def count(self) -> int:
        """The goroutine count of the latest poll (0 before any)."""
        return self.counts[-1][1] if self.counts else 0

    @property
    def leaking(self) -> bool:
        """True when the last (up to 12) counts never fell and rose overall, over at least ``MIN_POLLS`` polls."""
        pts = list(self.counts)[-12:]
        if len(pts) < MIN_POLLS:
            return False
        return all(b[1] >= a[1] for a, b in zip(pts, pts[1:], strict=False)) and pts[-1][1] > pts[0][1]

    @property
    def never_finishing(self) -> bool:
        """True when, over every poll kept (at least ``MIN_POLLS``), the group was never smaller than before
        and is not empty: its goroutines were never seen finishing. A note, not a leak: a fixed pool looks
        the same, but so does a loop nobody stops (a ticker's)."""
        pts = list(self.counts)
        return (len(pts) >= MIN_POLLS and pts[-1][1] > 0
                and all(b[1] >= a[1] for a, b in zip(pts, pts[1:], strict=False)))

    @property
    def rate(self) -> float:
        """Goroutines a second, over the polls that showed growth."""
        pts = list(self.counts)[-12:]
        dt = pts[-1][0] - pts[0][0] if len(pts) > 1 else 0.0
        return (pts[-1][1] - pts[0][1]) / dt if dt > 0 else 0.0

    def in_an_hour(self) -> tuple[int, int]:
        """Goroutines and Go bytes this group will hold an hour from now at its rate."""
        n = self.count + max(0, round(self.rate * 3600))
        return n, memory.go_bytes(n)


class Watch:
    """Polls a URL. Call :meth:`poll` every ``interval`` seconds (the caller
    owns the clock: the command line sleeps, the window uses a timer)."""

    def __init__(self, url: str, timeout: float = 5.0, clock=time.monotonic) -> None:
        self.url = url
        self.timeout = timeout
        self.clock = clock
        self.t0 = clock()
        self.trends: dict[tuple, Trend] = {}
        self.polls: deque[Poll] = deque(maxlen=HISTORY)
        self._leak_url = leak_url(url)

    @property
    def up(self) -> bool:
        """True when the latest poll reached the endpoint."""
        return bool(self.polls) and self.polls[-1].error is None

    def poll(self) -> Poll:
        """One fetch; never raises for a service that is down or answers junk."""
        at = self.clock() - self.t0
        try:
            s = fetch(self.url, self.timeout)
        except FetchError as e:
            p = Poll(at, None, str(e))
            self.polls.append(p)
            return p
        seen = set()
        for g in s.groups:
            t = self.trends.get(g.key)
            if t is None:
                t = self.trends[g.key] = Trend(g.key, f"{g.wait_reason or '?'} at {g.file}:{g.line}")
            t.counts.append((at, g.count))
            seen.add(g.key)
        for k, t in self.trends.items():
            if k not in seen:
                t.counts.append((at, 0))
        if len(self.trends) > MAX_TRENDS:
            for k in [k for k, t in self.trends.items() if k not in seen]:
                del self.trends[k]
        self._confirm()
        p = Poll(at, s)
        self.polls.append(p)
        return p

    def _confirm(self) -> None:
        """Ask Go (1.26+) which sites it proves leaked; stop asking if it cannot."""
        if self._leak_url is None or not any(t.leaking for t in self.trends.values()):
            return
        try:
            leaks = fetch(self._leak_url, self.timeout)
        except FetchError as e:
            if "HTTP 404" in str(e) or "HTTP 400" in str(e):
                self._leak_url = None  # an older Go: no such profile
            return
        sites = {(g.file, g.line) for g in leaks.groups}
        for t in self.trends.values():
            t.confirmed = (t.key[1], t.key[2]) in sites

    def leaking(self) -> list[Trend]:
        """The groups that only grew, fastest first."""
        return sorted((t for t in self.trends.values() if t.leaking), key=lambda t: -t.rate)

    def never_finishing(self) -> list[Trend]:
        """The groups never seen finishing that are not growing (growing ones are in ``leaking``), biggest first."""
        return sorted((t for t in self.trends.values() if t.never_finishing and not t.leaking),
                      key=lambda t: -t.count)
