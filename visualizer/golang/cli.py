"""``python -m visualizer go FILE_OR_DIR... [--entry F] [--runs N] [--seed S] [--until T] [--json]``."""

from __future__ import annotations

import json
import sys
from typing import Any

from .budget import DEFAULT as DEFAULT_BUDGETS
from .budget import BudgetExceeded, Budgets
from .compile import compile_files
from .errors import GoSourceError
from .interp import Interp
from .module import load_sources


def load_program(paths: list[str]):
    """Compile the files of one package main (GoSourceError on unsupported or invalid Go)."""
    return compile_files(load_sources(paths))


MAX_SITES = 8  # blocking sites the summary line names; the rest are counted


def by_site(leaked: list[dict]) -> str:
    """The leaks summarised per blocking site, biggest first, bounded whatever their number:
    ``7 main.lookup.func1 [chan send] f.go:14`` for one goroutine, ``61 × main.h.func1 [...] f.go:26 (goroutines
    9, 10, 11, …)`` for many."""
    sites: dict[tuple, list[int]] = {}
    for lk in leaked:
        sites.setdefault((lk["function"], lk["wait_reason"], lk["file"], lk["line"]), []).append(lk["goroutine"])
    order = sorted(sites.items(), key=lambda kv: -len(kv[1]))
    parts = []
    for (fn, reason, file, line), ids in order[:MAX_SITES]:
        if len(ids) == 1:
            parts.append(f"{ids[0]} {fn} [{reason}] {file}:{line}")
        else:
            shown = ", ".join(map(str, ids[:3])) + (", …" if len(ids) > 3 else "")
            parts.append(f"{len(ids)} × {fn} [{reason}] {file}:{line} (goroutines {shown})")
    if len(order) > MAX_SITES:
        parts.append(f"and {sum(len(v) for _, v in order[MAX_SITES:]):,} more at {len(order) - MAX_SITES:,} "
                     "other sites")
    return ", ".join(parts)


def run_go(paths: list[str], *, entry: str = "main", runs: int = 1, seed: int = 0, until_ns: int | None = None,
           as_json: bool = False, out: Any = None, err: Any = None, budgets: Budgets = DEFAULT_BUDGETS,
           env: dict[str, str] | None = None, handler: str | None = None, requests: int = 50,
           rate: float = 100.0, sources: str | None = None, path: str = "/", headers: list[str] | None = None,
           serve: str | None = None, speed: float = 1.0, detail: bool = False,
           dials: dict[str, int] | None = None) -> int:
    """Run the program ``runs`` times; print as the real binary would, summary on stderr. Returns the exit code.

    A service (an HTTP handler with no main, or a main that starts a server; or ``handler``) is driven
    by ``requests`` made-up requests at ``rate`` a second from ``sources`` for ``path`` with ``headers``,
    as the window drives it; its main is not run. With ``serve`` (an access log), main runs and its
    server replays the log's requests (through ``handler`` alone when given). With ``as_json`` and ``detail``,
    each run also carries its stdout, stderr and every leaked goroutine (what ``verify FILE`` compares)."""
    from ..goplay.http import NoHandler, service
    from .traffic import TrafficError
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        files = load_sources(paths)
        files, entry, traffic, skipped = service(files, entry=entry, handler=handler, requests=requests, rate=rate,
                                                 sources=sources, path=path, headers=headers, serve=serve,
                                                 speed=speed)
        if skipped:
            err.write(f"leakviz go: {serve}: {skipped:,} line(s) that are not requests were skipped\n")
        prog = compile_files(files)
    except NoHandler as e:
        err.write(f"go: {e}\n")
        return 2
    except TrafficError as e:
        err.write(f"leakviz go: error: {e}\n")
        return 2
    except GoSourceError as e:
        err.write("".join(line + "\n" for line in e.lines()))  # every refusal, as go build lists them
        return 2
    except OSError as e:
        err.write(f"go: {e}\n")
        return 2
    if entry not in prog.decls:
        err.write(f"go: no function {entry!r} in package main\n")
        return 2
    unknown = sorted(set(dials or {}) - set(prog.dials))
    if unknown:
        err.write(f"leakviz go: error: no dial {unknown[0][:80]!r}: this program's are "
                  f"{', '.join(prog.dials) or 'none (it makes no channel)'}\n")
        return 2
    results = []
    code = 0
    for k in range(runs):
        s = seed + k
        try:
            ip = Interp(prog, seed=s, explore=k > 0, entry=entry, out=None if as_json else out,
                        err=None if as_json else err, budgets=budgets, env=env, traffic=traffic)
            ip.dials.update(dials or {})
            try:
                r = ip.run(until_ns)
            finally:
                ip.shutdown()
            if serve is not None and not ip.traffic_served and k == 0:
                err.write("leakviz go: the program never started a server (http.ListenAndServe or Serve): "
                          "the access log was not replayed\n")
        except RecursionError:
            err.write("runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow\n")
            return 2
        except BudgetExceeded as e:
            err.write(f"leakviz go: {e.line()}\n")
            return 2
        except MemoryError:
            err.write("leakviz go: stopped: the program ran out of its memory budget; --max-memory raises it\n")
            return 2
        except Exception as e:  # a gap in the interpreter: one line, never a traceback
            err.write(f"leakviz go: cannot run this program ({type(e).__name__}: {e})\n")
            return 2
        results.append(r)
        if r.exit_code and not code:
            code = r.exit_code
    if as_json:
        leaks = []
        seen = set()
        for r in results:
            for lk in r.leaked:
                key = (lk["function"], lk["wait_reason"], lk["file"], lk["line"])
                if key not in seen:
                    seen.add(key)
                    leaks.append(lk)
        doc = {"runs": len(results), "leaked": leaks,
               "per_run": [{"seed": r.seed, "goroutines_started": r.started, "leaked": len(r.leaked),
                            "never_continue": len(r.leaked) + len(r.blocked),
                            "blocked_not_reported": r.blocked,
                            "simulated_ns": r.sim_ns, "exit_code": r.exit_code, "deadlock": r.deadlock,
                            "panicked": r.panicked, "note": r.note,
                            **({"stdout": r.stdout, "stderr": r.stderr, "leaks": r.leaked} if detail else {})}
                           for r in results],
               "goroutines_started": sum(r.started for r in results),
               "leaked_count": sum(len(r.leaked) for r in results),
               # the second fact: Go's profile and what can never continue differ by what is still reachable
               "never_continue_count": sum(len(r.leaked) + len(r.blocked) for r in results),
               "simulated_ns": sum(r.sim_ns for r in results)}
        out.write(json.dumps(doc, indent=2) + "\n")
        return code
    for r in results:
        if r.note:
            err.write(f"leakviz: seed {r.seed}: {r.note}\n")
        if len(results) == 1:
            err.write(f"leakviz: seed {r.seed}: {r.started} goroutines started, {len(r.leaked)} leaked"
                      f"{': ' + by_site(r.leaked) if r.leaked else ''}; {r.sim_ns} ns simulated\n")
            if r.blocked:
                err.write(f"leakviz: seed {r.seed}: {len(r.leaked) + len(r.blocked)} can never continue: "
                          f"{len(r.blocked)} more blocked when the program ended that Go's profile does not "
                          f"report, as what they wait on is still reachable: {by_site(r.blocked)}\n")
    if len(results) > 1:
        err.write(across_runs(results) + "\n")
    return code


def across_runs(results: list) -> str:
    """Several schedules in a few lines: how many leaked, and per blocking site the seeds that showed it."""
    sites: dict[tuple, dict[int, int]] = {}
    for r in results:
        for lk in r.leaked:
            per = sites.setdefault((lk["function"], lk["wait_reason"], lk["file"], lk["line"]), {})
            per[r.seed] = per.get(r.seed, 0) + 1
    leaky = sum(1 for r in results if r.leaked)
    lines = [f"leakviz: {len(results)} schedules (seeds {results[0].seed} to {results[-1].seed}): "
             f"{leaky} leaked" + (":" if sites else ".")]
    order = sorted(sites.items(), key=lambda kv: -len(kv[1]))
    for (fn, reason, file, line), per in order[:MAX_SITES]:
        seeds = sorted(per)
        shown = ", ".join(map(str, seeds[:5])) + (", …" if len(seeds) > 5 else "")
        lines.append(f"  {fn} [{reason}] {file}:{line}: in {len(seeds)} schedule(s), up to {max(per.values())} "
                     f"goroutine(s); seeds {shown}")
    if len(order) > MAX_SITES:
        lines.append(f"  and {len(order) - MAX_SITES} other site(s)")
    return "\n".join(lines)
