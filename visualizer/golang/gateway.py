"""The article's presets as Go: the gateway (goplay/examples/gateway.go) sent the article's traffic.

A preset is a config of the native scenario; here it becomes a Go program: the handler of its variant
in gateway.go, its capacities as that handler's dials, and its requests drawn from the scenario's own
stream (core.scenario.draw), so that the Go run sees the requests the native run sees. Each request's
drawn fields travel as data (address, method, path, headers) and the checks, written in Go, read them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..core.scenario import Config, ConfigError
from ..goplay.catalog import HERE

GATEWAY = HERE / "gateway.go"
HANDLERS = {"seed": "handler", "ctx": "handlerCtx", "closequit": "handlerStop", "drain": "handlerDrain"}
CHECKS = 10  # gateway.go's checks, with the delays Config gives by default


def check(cfg: Config) -> Config:
    """``cfg`` if gateway.go can run it; else ConfigError with one line saying what the Go code fixes."""
    cfg = cfg.validate()
    if cfg.checks != CHECKS or cfg.delays_ms is not None or cfg.jitter:
        raise ConfigError(f"the gateway in Go has its {CHECKS} checks and their delays written in its code: "
                          "edit gateway.go to change them")
    if not cfg.concurrent and cfg.requests > 1:
        raise ConfigError("the gateway in Go serves requests as they arrive (concurrent): a client that waits "
                          "for each answer is the native scenario's")
    return cfg


@lru_cache(maxsize=4)
def _dial_sites(path: str, data: bytes) -> tuple[tuple[str, str, int], ...]:
    """(key, file, line) of every dial of the file: one compile per text, not one per question (start-up)."""
    from .compile import compile_files
    return tuple((k, p, line) for k, (p, line, _v) in compile_files([(path, data)]).dials.items())


def handler_dials(files: list[tuple[str, bytes]], variant: str) -> list[str]:
    """The dials of the channels ``variant``'s handler in gateway.go makes, in source order."""
    lines = files[0][1].decode().splitlines()
    start = next(n for n, line in enumerate(lines, 1) if line.startswith(f"func {HANDLERS[variant]}("))
    end = next(n for n, line in enumerate(lines, 1) if n > start and line == "}")
    return [k for k, path, line in _dial_sites(*files[0]) if path == files[0][0] and start < line < end]


def dial_keys(files: list[tuple[str, bytes]], variant: str) -> dict[str, str]:
    """The dial of ``variant``'s done and quit channels: {"done": key, "quit": key}."""
    by_var = {k.split(":")[1]: k for k in reversed(handler_dials(files, variant))}
    return {"done": by_var["done"], "quit": by_var["quit"]}


def dials(files: list[tuple[str, bytes]], variant: str, done: int, quit: int) -> dict[str, int]:
    """The dials of ``variant``'s handler in gateway.go set to the config's capacities."""
    keys = dial_keys(files, variant)
    return {keys["done"]: done, keys["quit"]: quit}


def source(cfg: Config) -> tuple[list[tuple[str, bytes]], dict]:
    """The files and go options (dials, handler, requests, rate, and the config as ``article``) a config
    runs as: what the window opens and what a run file keeps. Raises ConfigError as ``check`` does."""
    cfg = check(cfg)
    files = [(GATEWAY.name, GATEWAY.read_bytes())]  # its name, not where leakviz is installed
    return files, {"dials": dials(files, cfg.variant, cfg.capacity_done, cfg.capacity_quit),
                   "handler": HANDLERS[cfg.variant], "requests": min(cfg.requests, 1_000_000), "rate": cfg.rate,
                   "article": cfg}


def program(cfg: Config) -> Any:
    """The GoProgram a config runs as: what ``source`` gives, compiled, with its dials set, as the window
    opens it. Raises ConfigError for what the Go code fixes (checks, delays, a waiting client)."""
    from .live import GoProgram
    files, opts = source(cfg)
    dials_ = opts.pop("dials")
    p = GoProgram.of(files, **opts)
    p.dials.update(dials_)
    return p


# a run from Go stops at this many live goroutines at most: each holds about 5.5 KB of this process
# (measured: 645 MB at 100,000), so the ceiling stays well inside a live run's 1 GiB memory budget
MAX_LIVE = 120_000


def max_live(given: int | None, default: int) -> int:
    """The live-goroutine ceiling of a run from Go: ``given`` (--max-live) up to MAX_LIVE, else ``default``
    capped there. ConfigError, one line, for a ceiling given above it."""
    if given is not None and given > MAX_LIVE:
        raise ConfigError(f"--max-live above {MAX_LIVE:,} needs --native: a run from Go keeps within its "
                          "memory budget (about 5.5 KB a goroutine)")
    return min(given if given is not None else default, MAX_LIVE)


def simulate(cfg: Config, *, until: int | None = None, max_live: int | None = None, prog: Any = None) -> Any:
    """``core.report.simulate`` with the handler and its checks run from gateway.go (``prog``: the program
    ``program(cfg)`` already made): the runtime, run to the program's end, virtual time ``until`` or
    ``max_live`` goroutines alive. Raises ConfigError as ``program`` does."""
    rt, _ip = (prog if prog is not None else program(cfg)).start()
    rt.run(until=until, max_live=max_live)
    if not rt.idle():  # stopped early: Go's rule applied now, as the native run's reachability always is
        rt.check_leaks()
    return rt


def stranded_after(cfg: Config, t_ns: int) -> int:
    """``lesson.stranded_after`` from Go: how many goroutines ``cfg``'s run from gateway.go strands by
    ``t_ns`` (Go's leak rule, checked then), a headless run of its own."""
    rt, _ip = program(cfg).start()
    rt.run(until=t_ns)
    rt.check_leaks()
    n = rt.stranded
    rt.shutdown()
    return n


def classic(base: Config) -> list[tuple[str, Any]]:
    """The classic comparison (the article's bug | its fix | the idiomatic fix, core.compare.classic) from
    Go: each a GoProgram of gateway.go on ``base``'s requests."""
    from ..core.compare import classic as configs
    return [(name, program(cfg)) for name, cfg in configs(base)]
