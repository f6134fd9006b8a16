"""The article's handler, its fixes, and the simulated requests that drive them.

Every handler here is a line-by-line transcription of the Go in ``GO_SOURCE``;
a check goroutine sleeps its delay, runs its check against the request, and
reports on ``done`` (passed) or ``quit`` (failed). The handler returns on the
first ``quit``. What happens to the checks still to report is the point.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass, field

from .channel import Channel, Recv, Send, select
from .runtime import Runtime, holds_no_channels

__all__ = ["ARRIVALS", "MAX_CHECKS", "MAX_RATE", "MAX_SEED", "MIN_RATE", "VARIANTS", "Config", "ConfigError", "Live",
           "Request", "draw", "go_source", "passes", "predicted_stranded", "requests_rng",
           "safe_capacities", "start", "update"]

VARIANTS = ("seed", "ctx", "closequit", "drain")
ARRIVALS = ("fixed", "poisson")
MAX_CHECKS = 256
MAX_REQUESTS = 10_000_000
MIN_RATE, MAX_RATE = 0.001, 1_000_000.0  # requests per simulated second
MAX_SEED = 2**31 - 1  # one range everywhere: command line, run files and the seed box (a Qt int)

BAD_IPS = tuple(f"203.0.113.{i}" for i in range(1, 33))  # TEST-NET-3, documentation range


class ConfigError(ValueError):
    """An invalid configuration; the message is one line for the user."""


@holds_no_channels
@dataclass(frozen=True)
class Config:
    """Everything that determines a run. Same Config, same trace."""

    variant: str = "seed"
    checks: int = 10
    capacity_done: int = 0
    capacity_quit: int = 0
    requests: int = 1
    concurrent: bool = False
    rate: float = 100.0  # requests per simulated second
    arrival: str = "fixed"
    fail: tuple[int, ...] | None = None  # scripted failing checks, for every request
    fail_prob: float = 0.1  # drawn: chance each check other than bad_ip fails
    bad_ip_share: float = 0.2  # drawn: share of requests from a blocked IP
    delays_ms: tuple[float, ...] | None = None  # default: check i takes (i+1)*5 ms
    jitter: float = 0.0  # each delay drawn from delay * U(1-jitter, 1+jitter)
    seed: int = 1

    def validate(self) -> Config:
        """Return self if every field is in range; otherwise raise ConfigError with a one-line message."""
        if type(self.seed) is not int or not 0 <= self.seed <= MAX_SEED:
            raise ConfigError(f"seed must be a whole number between 0 and {MAX_SEED}, got {self.seed!r}")
        if self.variant not in VARIANTS:
            raise ConfigError(f"unknown variant {self.variant!r} (choose from {', '.join(VARIANTS)})")
        if not 1 <= self.checks <= MAX_CHECKS:
            raise ConfigError(f"checks must be between 1 and {MAX_CHECKS}, got {self.checks}")
        for name in ("capacity_done", "capacity_quit"):
            c = getattr(self, name)
            if c < 0:
                raise ConfigError(f"{name.replace('_', ' ')} must be 0 or more, got {c}")
            if c > 1_000_000:
                raise ConfigError(f"{name.replace('_', ' ')} must be at most 1000000, got {c}")
        if not 1 <= self.requests <= MAX_REQUESTS:
            raise ConfigError(f"requests must be between 1 and {MAX_REQUESTS}, got {self.requests}")
        if not MIN_RATE <= self.rate <= MAX_RATE:
            raise ConfigError(f"rate must be between {MIN_RATE:g} and {MAX_RATE:g} requests per second, "
                              f"got {self.rate:g}")
        if self.arrival not in ARRIVALS:
            raise ConfigError(f"unknown arrival {self.arrival!r} (choose from {', '.join(ARRIVALS)})")
        if self.fail is not None:
            for i in self.fail:
                if not 0 <= i < self.checks:
                    raise ConfigError(f"failing check index {i} is out of range 0..{self.checks - 1}")
        for name in ("fail_prob", "bad_ip_share", "jitter"):
            p = getattr(self, name)
            if not 0 <= p <= 1:
                raise ConfigError(f"{name.replace('_', ' ')} must be between 0 and 1, got {p}")
        if self.delays_ms is not None:
            if len(self.delays_ms) != self.checks:
                raise ConfigError(f"delays lists {len(self.delays_ms)} values for {self.checks} checks")
            for d in self.delays_ms:
                if not 0 <= d <= 3_600_000:
                    raise ConfigError(f"each delay must be between 0 and 3600000 ms, got {d:g}")
        return self

    def delays_ns(self) -> list[int]:
        """Each check's delay in ns of virtual time (default: check ``i`` takes ``(i + 1) * 5`` ms)."""
        ms = self.delays_ms if self.delays_ms is not None else [(i + 1) * 5 for i in range(self.checks)]
        return [round(d * 1_000_000) for d in ms]

    def to_json(self) -> str:
        """The config as canonical JSON (sorted keys), as saved in run files."""
        return json.dumps(asdict(self), sort_keys=True)


@holds_no_channels
@dataclass(slots=True)
class Request:
    """What the checks read. Fields are drawn so that the chosen checks fail."""

    id: int
    ip: str
    method: str
    path: str
    user_agent: str
    token: str
    referer: str
    body_bytes: int
    country: str
    signature: str
    recent_requests: int
    blocked_rules: frozenset[int] = field(default_factory=frozenset)


def passes(i: int, r: Request) -> bool:
    """Check ``i`` of the gateway, as the Go code's ``checks[i](r)``."""
    if i == 0:
        return r.ip not in BAD_IPS
    if i == 1:
        return r.recent_requests <= 100
    if i == 2:
        return "bot" not in r.user_agent.lower()
    if i == 3:
        return r.token.startswith("tok_")
    if i == 4:
        return not r.referer.endswith(".spam")
    if i == 5:
        return r.body_bytes <= 1 << 20
    if i == 6:
        return not r.path.startswith("/admin")
    if i == 7:
        return r.method in ("GET", "POST", "HEAD")
    if i == 8:
        return r.country != "ZZ"
    if i == 9:
        return r.signature == "valid"
    return i not in r.blocked_rules


def make_request(k: int, failing: set[int], rng: random.Random) -> Request:
    """A request on which exactly the checks in ``failing`` fail."""
    ip = (rng.choice(BAD_IPS) if 0 in failing
          else f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}")
    return Request(
        id=k, ip=ip,
        method="TRACE" if 7 in failing else rng.choice(("GET", "POST")),
        path="/admin/export" if 6 in failing else rng.choice(("/", "/api/orders", "/login")),
        user_agent="EvilBot/1.0" if 2 in failing else "Mozilla/5.0",
        token="expired" if 3 in failing else f"tok_{rng.randrange(1 << 30):08x}",
        referer="http://cheap.spam" if 4 in failing else "https://example.com/",
        body_bytes=(2 << 20) if 5 in failing else rng.randrange(4096),
        country="ZZ" if 8 in failing else rng.choice(("CN", "DE", "US", "BR")),
        signature="forged" if 9 in failing else "valid",
        recent_requests=500 if 1 in failing else rng.randrange(50),
        blocked_rules=frozenset(i for i in failing if i >= 10),
    )


# -- the Go source each variant transcribes; "// @site" tags a line where
#    goroutines park, with the key trace.site_key gives them --

GO_SOURCE = {
    "seed": """\
func handler(w http.ResponseWriter, r *http.Request) {
    done := make(chan bool, {capacity_done})
    quit := make(chan bool, {capacity_quit})
    for i := 0; i < {checks}; i++ {
        go func(i int) {
            time.Sleep(delay[i]) // the check's work
            if checks[i](r) {
                done <- true // @site check:send:done
            } else {
                quit <- true // @site check:send:quit
            }
        }(i)
    }
    for i := 0; i < {checks}; i++ {
        select { // @site handler:select:done,quit
        case <-done:
        case <-quit:
            http.Error(w, "forbidden", 403)
            return // early return: who receives the rest?
        }
    }
    w.Write([]byte("ok"))
}""",
    "ctx": """\
func handler(w http.ResponseWriter, r *http.Request) {
    ctx, cancel := context.WithCancel(r.Context())
    defer cancel() // closes ctx.Done() on every return
    done := make(chan bool, {capacity_done})
    quit := make(chan bool, {capacity_quit})
    for i := 0; i < {checks}; i++ {
        go func(i int) {
            time.Sleep(delay[i]) // the check's work
            ch := done
            if !checks[i](r) {
                ch = quit
            }
            select { // @site check:select:done,ctx.Done() check:select:quit,ctx.Done()
            case ch <- true:
            case <-ctx.Done(): // nobody listens any more
            }
        }(i)
    }
    for i := 0; i < {checks}; i++ {
        select { // @site handler:select:done,quit
        case <-done:
        case <-quit:
            http.Error(w, "forbidden", 403)
            return
        }
    }
    w.Write([]byte("ok"))
}""",
    "closequit": """\
func handler(w http.ResponseWriter, r *http.Request) {
    stop := make(chan struct{})
    defer close(stop) // every return tells the checks to stop
    done := make(chan bool, {capacity_done})
    quit := make(chan bool, {capacity_quit})
    for i := 0; i < {checks}; i++ {
        go func(i int) {
            time.Sleep(delay[i]) // the check's work
            ch := done
            if !checks[i](r) {
                ch = quit
            }
            select { // @site check:select:done,stop check:select:quit,stop
            case ch <- true:
            case <-stop:
            }
        }(i)
    }
    for i := 0; i < {checks}; i++ {
        select { // @site handler:select:done,quit
        case <-done:
        case <-quit:
            http.Error(w, "forbidden", 403)
            return
        }
    }
    w.Write([]byte("ok"))
}""",
    "drain": """\
func handler(w http.ResponseWriter, r *http.Request) {
    done := make(chan bool, {capacity_done})
    quit := make(chan bool, {capacity_quit})
    for i := 0; i < {checks}; i++ {
        go func(i int) {
            time.Sleep(delay[i]) // the check's work
            if checks[i](r) {
                done <- true // @site check:send:done
            } else {
                quit <- true // @site check:send:quit
            }
        }(i)
    }
    for i := 0; i < {checks}; i++ {
        select { // @site handler:select:done,quit
        case <-done:
        case <-quit:
            go func(rest int) { // receive what is still to come
                for ; rest > 0; rest-- {
                    select { // @site drain:select:done,quit
                    case <-done:
                    case <-quit:
                    }
                }
            }({checks} - i - 1)
            http.Error(w, "forbidden", 403)
            return
        }
    }
    w.Write([]byte("ok"))
}""",
}


def go_source(cfg: Config) -> list[tuple[str, tuple[str, ...]]]:
    """The running variant's Go code with the user's numbers written in, as
    ``(line, site keys)`` pairs; site keys match ``Snapshot.parked_by_site``."""
    out = []
    for line in GO_SOURCE[cfg.variant].splitlines():
        code, _, tag = line.partition(" // @site ")
        text = (code.replace("{capacity_done}", str(cfg.capacity_done))
                .replace("{capacity_quit}", str(cfg.capacity_quit))
                .replace("{checks}", str(cfg.checks)))
        out.append((text, tuple(tag.split()) if tag else ()))
    return out


# -- the goroutines --

async def check_send(rt: Runtime, req: Request, i: int, delay: int,
                     done: Channel, quit: Channel) -> None:
    """``seed`` and ``drain``: a plain send on done or quit."""
    await rt.sleep(delay)
    ok = passes(i, req)
    rt._emit_event((rt.now, "verdict", req.id, i, ok))  # rt.annotate, inlined: a hot path
    if ok:
        await done.send(True)
    else:
        await quit.send(True)


async def check_select(rt: Runtime, req: Request, i: int, delay: int,
                       done: Channel, quit: Channel, stop: Channel) -> None:
    """``ctx`` and ``closequit``: the send also selects on a stop signal."""
    await rt.sleep(delay)
    ok = passes(i, req)
    rt.annotate("verdict", req.id, i, ok)
    await select(rt, Send(done if ok else quit, True), Recv(stop))


async def drain(rt: Runtime, done: Channel, quit: Channel, rest: int) -> None:
    """The "drain" fix: receive the ``rest`` results still due on ``done``/``quit`` so no check stays blocked.

    Blocks (select on both channels) until all ``rest`` have arrived."""
    for _ in range(rest):
        await select(rt, Recv(done), Recv(quit))


async def handler(rt: Runtime, req: Request, cfg: Config, delays: list[int],
                  resp: Channel | None) -> None:
    """The request handler goroutine: start one check goroutine per check, wait for the verdict.

    Blocks in a select on ``done``/``quit`` until every check passed or one
    failed; returns early on the first failure, which is what leaves the
    remaining checks blocked (the leak) unless the variant drains or closes a
    stop channel. Then it sends True on ``resp`` if given (blocking until it is
    received)."""
    n = cfg.checks
    variant = cfg.variant
    stop = None
    if variant == "ctx":
        stop = rt.make_chan(0, name="ctx.Done()", req=req.id)
    elif variant == "closequit":
        stop = rt.make_chan(0, name="stop", req=req.id)
    done = rt.make_chan(cfg.capacity_done, name="done", zero=False, req=req.id)
    quit = rt.make_chan(cfg.capacity_quit, name="quit", zero=False, req=req.id)
    for i in range(n):
        if stop is None:
            coro = check_send(rt, req, i, delays[i], done, quit)
        else:
            coro = check_select(rt, req, i, delays[i], done, quit, stop)
        rt.go(coro, role="check", req=req.id, idx=i)
    outcome = "accepted"
    for i in range(n):
        case, _, _ = await select(rt, Recv(done), Recv(quit))
        if case == 1:
            outcome = "rejected"
            if variant == "drain":
                rt.go(drain(rt, done, quit, n - i - 1), role="drain", req=req.id)
            break
    # what Go's defers do on every return (written out: a ``finally`` would
    # also run when an abandoned simulation is closed)
    rt.annotate("return", req.id, outcome)
    if stop is not None:
        stop.close()
    if resp is not None:
        await resp.send(True)


@holds_no_channels
class Live:
    """The config the server reads for each new request. The window swaps it
    mid-run (capacity, variant, rate, ...): requests already in flight keep
    the config they started with, as a redeployed server's would."""

    __slots__ = ("cfg", "handler")

    def __init__(self, cfg: Config, handler=None) -> None:
        self.cfg = cfg
        self.handler = handler or globals()["handler"]  # another handler of the same signature (run --interpret)


def requests_rng(cfg: Config) -> random.Random:
    """The one stream every request of a run is drawn from: seeded by ``cfg.seed`` alone, so every variant
    (and the article's handler run from Go, golang/gateway.py) sees the same requests."""
    return random.Random(f"leakviz/{cfg.seed}/requests")


def draw(cfg: Config, k: int, rng: random.Random) -> tuple[Request, list[int], int]:
    """Request ``k``: its fields (so that the drawn checks fail), its checks' delays, and the gap in ns
    before the next request."""
    n = cfg.checks
    if cfg.fail is not None:
        failing = set(cfg.fail)
    else:
        failing = {i for i in range(1, n) if rng.random() < cfg.fail_prob}
        if rng.random() < cfg.bad_ip_share:
            failing.add(0)
    req = make_request(k, failing, rng)
    delays = cfg.delays_ns()
    if cfg.jitter:
        j = cfg.jitter
        delays = [max(0, round(d * rng.uniform(1 - j, 1 + j))) for d in delays]
    gap_ns = 1e9 / cfg.rate  # at most 1e12: the rate is bounded
    gap = round(rng.expovariate(1.0) * gap_ns) if cfg.arrival == "poisson" else round(gap_ns)
    return req, delays, gap


async def serve(rt: Runtime, live: Live) -> None:
    """The server: requests arrive and each gets a handler goroutine.

    Concurrent: arrivals at the chosen rate regardless of responses (open
    loop). Otherwise one client waits for each response before the gap to its
    next request. Fields, failures, delays and gaps come from one stream
    seeded by ``cfg.seed`` alone, so every variant sees the same requests.
    """
    cfg = live.cfg
    rng = requests_rng(cfg)
    resp = None
    k = 0
    while k < live.cfg.requests:
        cfg = live.cfg
        if resp is None and not cfg.concurrent:
            resp = rt.make_chan(1, name="response")
        req, delays, gap = draw(cfg, k, rng)
        rt.annotate("request", k, req.ip)
        rt.go(live.handler(rt, req, cfg, delays, None if cfg.concurrent else resp), role="handler", req=k)
        if not cfg.concurrent:
            await resp.recv()
        k += 1
        if k < live.cfg.requests:
            await rt.sleep(gap)


def start(rt: Runtime, cfg: Config, handler=None) -> Live:
    """Record the config as the trace's first event and start the server
    (with ``handler`` instead of the transcription, e.g. the Go interpreted)."""
    rt.annotate("config", cfg.to_json())
    live = Live(cfg, handler)
    rt.go(serve(rt, live), role="server")
    return live


def update(rt: Runtime, live: Live, cfg: Config) -> None:
    """Change the config for the requests that arrive from now on."""
    live.cfg = cfg.validate()
    rt.annotate("config", cfg.to_json())


def predicted_stranded(cfg: Config) -> dict[str, int]:
    """The leak rule, for one request with scripted failures and distinct
    finishing times: the handler takes values in finishing order up to and
    including the first failure; of the checks that finish after that, sends
    on ``done`` beyond its capacity and on ``quit`` beyond its capacity are
    stranded. ``ctx``, ``closequit`` and ``drain`` never strand."""
    fails = set(cfg.fail or ())
    if cfg.variant != "seed" or not fails:
        return {"done": 0, "quit": 0}
    order = sorted(range(cfg.checks), key=lambda i: (cfg.delays_ns()[i], i))
    first = next(k for k, i in enumerate(order) if i in fails)
    after = order[first + 1:]
    d = sum(1 for i in after if i not in fails)
    q = sum(1 for i in after if i in fails)
    return {"done": max(0, d - cfg.capacity_done), "quit": max(0, q - cfg.capacity_quit)}


def safe_capacities(cfg: Config) -> tuple[int, int]:
    """The smallest (done, quit) capacities with which ``seed`` cannot leak.

    Scripted failures: exactly what the late checks need (ties in finishing
    time counted against us). Drawn failures: any check may fail first and all
    others may then report on the same channel, so N-1 each.
    """
    n = cfg.checks
    if cfg.fail is None:
        return (n - 1, n - 1) if n > 1 else (0, 0)
    fails = set(cfg.fail)
    if not fails:
        return (0, 0)
    delays = cfg.delays_ns()
    t_first = min(delays[i] for i in fails)
    late = [i for i in range(n) if delays[i] >= t_first]
    # at a tie the failing check may be taken first: everything else at or after it is late
    firsts = [i for i in fails if delays[i] == t_first]
    d = sum(1 for i in late if i not in fails)
    q = sum(1 for i in late if i in fails) - (1 if firsts else 0)
    return d, max(0, q)
