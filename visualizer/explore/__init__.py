"""The capacity explorer's numbers: the engine run over a grid of channel capacities.

Qt-free, beside core: each cell is a headless ``run`` (``core.report``) of the
current handler and failure pattern with those capacities, so the explorer
shows what the engine does, never a formula.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..core.report import report, simulate
from ..core.scenario import Config, safe_capacities

EXPLORE_REQUESTS = 60  # enough requests that a leak shows in every failure pattern, quick enough for a grid


@dataclass(frozen=True, slots=True)
class Cell:
    """One run: stranded goroutines per request, and Go bytes they would hold after an hour at its rate."""

    capacity_done: int
    capacity_quit: int
    stranded: int
    requests: int
    per_request: float
    bytes_per_hour: float
    cannot_leak: bool  # the engine's rule says these capacities can never leak here


def axis(checks: int, most: int = 11) -> list[int]:
    """Capacities to try for one channel: 0 up to ``checks`` (every one needs at most checks-1), at most ``most``."""
    top = max(1, checks)
    if top + 1 <= most:
        return list(range(top + 1))
    return sorted({round(k * top / (most - 1)) for k in range(most)})


def run_config(cfg: Config, capacity_done: int, capacity_quit: int, requests: int = EXPLORE_REQUESTS) -> Config:
    """The config one cell runs: ``cfg``'s handler, traffic and failure pattern with these capacities."""
    return replace(cfg, capacity_done=capacity_done, capacity_quit=capacity_quit, requests=requests).validate()


def cell(cfg: Config, capacity_done: int, capacity_quit: int, requests: int = EXPLORE_REQUESTS) -> Cell:
    """Run the engine for one cell."""
    c = run_config(cfg, capacity_done, capacity_quit, requests)
    rt = simulate(c)
    r = report(c, rt)
    rt.shutdown()
    seconds = max(r["sim_time_ms"] / 1000, 1e-9)
    return Cell(capacity_done, capacity_quit, r["stranded"], requests, r["stranded"] / requests,
                r["go_bytes_modeled"] / seconds * 3600, cannot_leak(c))


def cannot_leak(cfg: Config) -> bool:
    """The article's rule: a fixed handler, or capacities at least what its checks can send after a return."""
    need_d, need_q = safe_capacities(cfg)
    return cfg.variant in ("ctx", "closequit", "drain") or (cfg.capacity_done >= need_d and cfg.capacity_quit >= need_q)


def cells(cfg: Config, requests: int = EXPLORE_REQUESTS):
    """Every cell of the grid, row by row (quit capacity down, done capacity across), one at a time."""
    for q in axis(cfg.checks):
        for d in axis(cfg.checks):
            yield cell(cfg, d, q, requests)


# -- a Go program's explorer: any two of its dials (capacity:<variable>:<line>) --

def dial_axis(current: int, most: int = 11) -> list[int]:
    """Capacities to try for one of a program's dials: 0 to 10, and the one set now if it is beyond."""
    return sorted(set(range(most)) | {current})


def _traffic(program, requests: int):
    from ..golang.traffic import ArticleTraffic
    t = program.traffic
    if isinstance(t, ArticleTraffic) and t.requests.cfg.requests > requests:  # a preset's million: cut
        return ArticleTraffic(replace(t.requests.cfg, requests=requests))
    return t


def program_requests(program, requests: int = EXPLORE_REQUESTS) -> int | None:
    """How many requests each of a program's cells serves (None: it serves none, main runs to its return)."""
    t = _traffic(program, requests)
    return None if t is None else len(t.requests)


def program_cell(program, values: dict[str, int], requests: int = EXPLORE_REQUESTS,
                 article: tuple[Config, dict[str, str]] | None = None) -> Cell:
    """Run ``program`` (a golang.live.GoProgram, as the window opened it) headless to its end with these
    dials: the Go rule's stranded count, per request when it serves requests (a preset's traffic is cut
    to ``requests``), and the Go memory they hold (after an hour at its rate, when it serves requests).
    ``capacity_done``/``capacity_quit`` hold the first two dials' values. ``article``: the preset run from
    gateway.go and its dials {"done": key, "quit": key}, whose rule says which capacities cannot leak."""
    from ..core.trace import fold
    from ..golang.live import GoProgram
    traffic = _traffic(program, requests)
    run = GoProgram(program.files, entry=program.entry, seed=program.seed, explore=program.explore,
                    budgets=program.budgets, traffic=traffic, test=program.test,
                    dials={**program.start_dials, **values}, prog=program.compiled(), _main=program._main)
    rt, _ip = run.start()
    try:
        rt.run()
        snap = fold(rt.trace)
    finally:
        rt.shutdown()
    served = traffic is not None
    n = len(traffic.requests) if served else 1
    held = snap.go_bytes / max(snap.t / 1e9, 1e-9) * 3600 if served else snap.go_bytes
    first = list(values.values()) + [0, 0]
    safe = False
    if article is not None:
        cfg, keys = article
        safe = cannot_leak(replace(cfg, capacity_done=values.get(keys["done"], cfg.capacity_done),
                                   capacity_quit=values.get(keys["quit"], cfg.capacity_quit)))
    return Cell(first[0], first[1], snap.stranded, n, snap.stranded / n, held, safe)


# -- the verdict's fix: the smallest buffer that strands nothing --

SAFE_MOST = 10  # capacities tried per dial: a fix that needs more than ten slots is not a buffer's to make
SAFE_SPAWNED = 3_000  # a run that started more goroutines is searched no further: each try runs it whole


def safe_search(program, keys: list[str], most: int = SAFE_MOST, requests: int = EXPLORE_REQUESTS):
    """``keys`` (a program's dials) all set to 0, 1, ... ``most`` together, the others as they are now, the
    program run headless as the explorer runs a cell: yields (capacity, stranded) per run, and stops at the
    first run that strands nothing. Together, because a fix may need every channel buffered (the article's
    done and quit: either alone still leaks). The caller reads one run at a time (the window, between frames)."""
    for value in range(most + 1):
        c = program_cell(program, {**program.dials, **dict.fromkeys(keys, value)}, requests)
        yield value, c.stranded
        if c.stranded == 0:
            return


def dials_for(sites: dict[str, tuple[str, int, str]], chans: list[str], most: int = 4) -> list[str]:
    """The dials worth a search: those making a channel the stranded goroutines wait on, by its name (at
    most ``most``, in source order)."""
    return [key for key, (_file, _line, var) in sites.items() if var in chans][:most]
