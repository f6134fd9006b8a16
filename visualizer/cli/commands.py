"""The commands: the window (default), run, go, export, soak, bench."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .args import _max_live, config_from_args, display_error, parse_dials, runs_from_go, view_error


def _kib(n: int) -> str:
    return f"{n / 1024:,.1f} KiB" if n < 1 << 20 else f"{n / (1 << 20):,.2f} MiB"


def format_report(r: dict) -> str:
    """The human summary of a ``core.report.report`` dict, as ``leakviz run`` prints it (sizes in KiB, time in ms)."""
    by_ch = ", ".join(f"{k}: {v:,}" for k, v in r["stranded_by_channel"].items()) or "none"
    lines = [
        f"leakviz run: variant {r['variant']}, {r['checks']} checks, capacity done={r['capacity_done']} "
        f"quit={r['capacity_quit']}, {r['requests']:,} request(s)"
        f"{' overlapping' if r['concurrent'] else ' one after another'}, seed {r['seed']}",
        "  the handler ran            " + ("from Go (goplay/examples/gateway.go)" if r["source"] == "gateway.go"
                                             else "as its Python transcription"),
        f"  requests rejected early    {r['requests_rejected']:,}",
        f"  goroutines spawned         {r['tasks_spawned']:,} ({r['checks_spawned']:,} checks)",
        f"  stranded forever           {r['stranded']:,}  ({by_ch})",
    ]
    for site, n in r["parked_by_site"].items():
        head, at, where = site.rpartition("@")  # a Go source's "goSite:op:chans@file.go:51"
        if at:
            _role, op, chans = head.rsplit(":", 2)
            site = f"{where} ({op} on {chans})" if chans else f"{where} ({op})"
        lines.append(f"    {n:>10,}  parked at {site}")
    lines += [
        f"  Go memory they hold        {_kib(r['go_bytes_modeled'])}  (modelled, "
        f"{r['go_bytes_per_goroutine']:,} B a goroutine + channels)",
        f"  this process holds         {_kib(r['python_bytes_measured'])}  (measured)",
        f"  simulated time             {r['sim_time_ms']:,.3f} ms",
        f"  trace                      {r['events']:,} events, sha256 {r['trace_sha256']}",
    ]
    if r["panic"]:
        lines.append(f"  panic: {r['panic']}")
    if r["stopped_at_ceiling"]:
        lines.append(f"  verdict: stopped at the live-goroutine ceiling (--max-live) with {r['stranded']:,} "
                     "stranded so far; the counts are up to that moment.")
    elif r["stranded"] == 0:
        lines.append("  verdict: no goroutine leaked.")
    else:
        lines.append(f"  verdict: {r['stranded']:,} goroutine(s) leaked: they block on a send nobody will ever receive.")
    return "\n".join(lines)


def cmd_run(a: argparse.Namespace) -> int:
    """``leakviz run``: simulate the scenario headless and print the report (or JSON).

    Exit code 2 with one stderr line for an invalid config or an unwritable
    ``--save`` path (checked before the run), 1 if the simulated program
    panicked, else 0."""
    from ..core.atomic import target_of
    from ..core.report import simulate
    from ..core.scenario import ConfigError
    from ..core.session import default_max_live
    try:
        cfg = config_from_args(a)
        if a.save is not None:
            target_of(a.save)  # a path that cannot be written is refused before the run, not after
        max_live = _max_live(a.max_live) or default_max_live()
    except (ConfigError, ValueError) as e:
        print(f"leakviz run: error: {e}", file=sys.stderr)
        return 2
    from ..golang import gateway
    from ..golang.budget import BudgetExceeded
    go = None
    try:
        if runs_from_go(cfg, a):
            max_live = gateway.max_live(a.max_live, max_live)
            go = gateway.program(cfg)
    except ConfigError as e:
        print(f"leakviz run: error: {e}", file=sys.stderr)
        return 2
    try:
        rt = simulate(cfg, max_live=max_live) if go is None else gateway.simulate(cfg, max_live=max_live, prog=go)
    except BudgetExceeded as e:
        print(f"leakviz run: {e.line()}", file=sys.stderr)
        return 2
    try:
        return _report_run(a, cfg, rt, go, max_live)
    finally:
        rt.shutdown()


def _report_run(a: argparse.Namespace, cfg, rt, go, max_live: int) -> int:
    """``run``'s report, its save and its exit code, for a run made."""
    from ..core.report import ceiling_message, report
    from ..golang import gateway
    r = report(cfg, rt, max_live=max_live)
    if r["stopped_at_ceiling"]:
        print(f"leakviz run: {ceiling_message(max_live)}", file=sys.stderr)
    if a.save is not None:
        from ..core import runfile
        try:
            if go is None:
                runfile.save(a.save, config=cfg, events=rt.trace.events)
            else:  # as the window saves a preset run from Go: its source and options, run again on open
                from ..goplay.savefile import saved_program
                files, opts = gateway.source(cfg)
                opts.pop("dials")
                runfile.save(a.save, program=saved_program(files, opts, go, rt.trace.events, rt.now))
        except runfile.RunFileError as e:
            print(f"leakviz run: error: {e}", file=sys.stderr)
            return 2
    print(json.dumps(r, sort_keys=True) if a.json else format_report(r))
    return 1 if r["panic"] else 0


MAX_RUNS = 10_000  # schedules one `go --runs` explores
MAX_JOBS = 256  # processes one `test --jobs` spreads its schedules over
MAX_UNTIL_S = 1_000_000  # simulated seconds (11.6 days); a program's simulated time is bounded by its budgets too


def cmd_go(a: argparse.Namespace) -> int:
    """``leakviz go``: run Go source files on the simulated runtime (golang/); exit 2 for an invalid ``--runs``/``--until``.

    ``--until`` is in simulated seconds."""
    from ..golang import sandbox
    from ..golang.budget import DEFAULT, Budgets
    from ..golang.cli import run_go
    if not 1 <= a.runs <= MAX_RUNS or (a.until is not None and not 0 <= a.until <= MAX_UNTIL_S):
        print(f"leakviz go: error: --runs must be 1 to {MAX_RUNS:,} and --until 0 to {MAX_UNTIL_S:,} simulated "
              "seconds", file=sys.stderr)
        return 2
    limits = {"--max-steps": a.max_steps, "--max-goroutines": a.max_goroutines, "--max-alloc": a.max_alloc,
              "--max-output": a.max_output, "--max-memory": a.max_memory, "--timeout": a.timeout}
    for flag, v in limits.items():
        if v is not None and not 0 < v <= (1 << 40):
            print(f"leakviz go: error: {flag} must be a positive number up to 2^40, got {v:g}", file=sys.stderr)
            return 2
    if not 1 <= a.requests <= 1_000_000 or not 0 < a.rate <= 1e9:
        print("leakviz go: error: --requests must be 1 to 1,000,000 and --rate above 0", file=sys.stderr)
        return 2
    env = {}
    for kv in a.env:
        k, sep, v = kv.partition("=")
        if not sep or not k or "\0" in kv:
            print(f"leakviz go: error: --env takes K=V, got {kv[:60]!r}", file=sys.stderr)
            return 2
        env[k] = v
    try:
        dials = parse_dials(a.dial)
    except ValueError as e:
        print(f"leakviz go: error: {e}", file=sys.stderr)
        return 2
    until = None if a.until is None else int(a.until * 1e9)
    if not sandbox.in_child():
        # the second wall: the program runs in a limited child process (golang/sandbox.py)
        args = [*a.paths, "--entry", a.entry, "--runs", str(a.runs), "--seed", str(a.seed)]
        if a.until is not None:
            args += ["--until", repr(a.until)]
        if a.json:
            args.append("--json")
        if a.detail:
            args.append("--detail")
        if a.handler is not None:
            args.append(f"--handler={a.handler}")
        args += ["--requests", str(a.requests), "--rate", repr(a.rate), f"--path={a.path}"]
        if a.serve is not None:
            args += [f"--serve={a.serve}", "--speed", repr(a.speed)]
        if a.sources is not None:
            args.append(f"--from={a.sources}")
        args += [f"--header={h}" for h in a.header]
        for k, v in env.items():
            args.append(f"--env={k}={v}")
        args += [f"--dial={k}={v}" for k, v in dials.items()]
        for flag, v in limits.items():
            if v is not None and flag not in ("--max-memory", "--timeout"):
                args += [flag, str(v)]
        return sandbox.run_child(args, memory_mb=a.max_memory or sandbox.DEFAULT_MEMORY_MB,
                                 timeout_s=a.timeout or sandbox.DEFAULT_TIMEOUT_S)
    budgets = Budgets(steps=a.max_steps or DEFAULT.steps, goroutines=a.max_goroutines or DEFAULT.goroutines,
                      alloc_bytes=(a.max_alloc << 20) if a.max_alloc else DEFAULT.alloc_bytes,
                      output_bytes=(a.max_output << 20) if a.max_output else DEFAULT.output_bytes)
    return sandbox.run_deep(run_go, a.paths, entry=a.entry, runs=a.runs, seed=a.seed, until_ns=until,
                            as_json=a.json, budgets=budgets, env=env, handler=a.handler, requests=a.requests,
                            rate=a.rate, sources=a.sources, path=a.path, headers=a.header, serve=a.serve,
                            speed=a.speed, detail=a.detail, dials=dials)


def cmd_window(a: argparse.Namespace) -> int:
    """Open the window (no command given): validate every option first, so bad input is one stderr line and exit 2.

    Loads ``--open`` before any window; refuses to start without a display
    unless taking a screenshot (which then runs offscreen). Returns the
    window's exit code."""
    if (why := view_error(a)) is not None:
        print(f"leakviz: error: {why}", file=sys.stderr)
        return 2
    for flag, given in (("--interpret", a.interpret), ("--native", a.native)):
        if given and a.open_path is not None:
            print(f"leakviz: error: {flag} chooses how a preset runs: not with --open (a saved run says its source)",
                  file=sys.stderr)
            return 2
    if a.scheduler and (a.lesson or a.interpret or a.open_path is not None):
        print("leakviz: error: --scheduler plays the article's handler: not with --lesson, --interpret or --open",
              file=sys.stderr)
        return 2
    recording = program = saved_at = None
    if a.open_path is not None:  # read once, here: a bad file is one line, before any window
        from ..goplay.savefile import SaveFileError, load_saved, run_options
        try:
            recording = load_saved(a.open_path)
        except SaveFileError as e:
            print(f"leakviz: error: {e}", file=sys.stderr)
            return 2
        if recording.program is not None:  # run again: what no longer compiles is one line and exit 2
            saved_at = (a.open_path, (recording.program.ran or {}).get("t_ns") or 0)  # and on to its moment
            program, recording = (recording.program.files, run_options(recording.program)), None
    if (why := display_error(a)) is not None:
        print(f"leakviz: error: {why}", file=sys.stderr)
        return 2
    from ..gui.app import run_window
    return run_window(preset=a.preset, speed=a.speed, lang=a.lang, screenshot=a.screenshot,
                      sim_seconds=a.sim_seconds, exit_after_first_frame=a.exit_after_first_frame,
                      max_live=a.max_live, close_after=a.close_after, compare=a.compare,
                      opened=None if recording is None else (a.open_path, recording), size=a.size,
                      zoom=a.zoom, present=a.present, play=a.play, explore=a.explore, lesson=a.lesson,
                      scheduler=a.scheduler,
                      use_settings=not a.no_settings, given=frozenset(getattr(a, "given", ())),
                      from_go=not a.native, program=program, saved_at=saved_at)


def cmd_soak(a: argparse.Namespace) -> int:
    """``leakviz soak``: check the ranges of ``--minutes``, ``--rate``, ``--max-live`` and ``--cycles`` (exit 2), then run ``soak.main``."""
    from ..core.scenario import MAX_RATE, MIN_RATE
    if not 0 < a.minutes <= 24 * 60:
        print(f"leakviz soak: error: --minutes must be between 0 and 1440, got {a.minutes:g}", file=sys.stderr)
        return 2
    if not MIN_RATE <= a.rate <= MAX_RATE:
        print(f"leakviz soak: error: --rate must be between {MIN_RATE:g} and {MAX_RATE:g}, got {a.rate:g}",
              file=sys.stderr)
        return 2
    if not 1_000 <= a.max_live <= 50_000_000:
        print(f"leakviz soak: error: --max-live must be between 1000 and 50000000, got {a.max_live}",
              file=sys.stderr)
        return 2
    if a.cycles is not None and not 1 <= a.cycles <= 1_000_000:
        print(f"leakviz soak: error: --cycles must be between 1 and 1000000, got {a.cycles}", file=sys.stderr)
        return 2
    from .. import soak
    return soak.main(a.minutes, a.rate, a.max_live, a.json, a.cycles)


def cmd_export(a: argparse.Namespace) -> int:
    """``leakviz export``: simulate and write one export (csv, json, png, gif, mp4, webm or a Go program folder).

    Every invalid option, unwritable path or ExportError is one stderr line
    and exit 2; pictures and videos render through an offscreen window."""
    import os

    from ..core.scenario import ConfigError
    def fail(msg: str) -> int:
        print(f"leakviz export: error: {msg}", file=sys.stderr)
        return 2
    try:
        if a.preset is not None:  # the preset, changed by the scenario flags given
            from ..core.presets import PRESETS
            cfg = config_from_args(a, base=PRESETS[a.preset], given=a.given)
        else:
            cfg = config_from_args(a)
    except (ConfigError, ValueError) as e:
        return fail(str(e))
    if a.kind == "go":
        from .godump import export_go
        a.out = Path(a.out)  # a folder: a trailing slash is welcome here
        return export_go(cfg, a)
    seconds = a.sim_seconds if a.sim_seconds is not None else (3.0 if a.preset else None)
    if seconds is not None and not 0 <= seconds <= 3600:
        return fail(f"--sim-seconds must be between 0 and 3600, got {seconds:g}")
    from ..core.atomic import WriteError, show_path, target_of
    try:
        target_of(a.out)
    except WriteError as e:
        return fail(str(e))
    shown = show_path(a.out)
    from ..core import export
    if a.kind in ("csv", "json"):
        from ..core.report import ceiling_hit, ceiling_message, report, simulate
        from ..core.session import default_max_live
        from ..golang import gateway
        max_live = default_max_live()
        until = None if seconds is None else int(seconds * 1e9)
        try:
            from_go = runs_from_go(cfg, a)
            if from_go:
                max_live = gateway.max_live(None, max_live)
        except ConfigError as e:
            return fail(str(e))
        from ..golang.budget import BudgetExceeded
        try:
            rt = (gateway.simulate if from_go else simulate)(cfg, until=until, max_live=max_live)
        except BudgetExceeded as e:
            return fail(e.line())
        if ceiling_hit(rt, max_live):
            print(f"leakviz export: {ceiling_message(max_live)}", file=sys.stderr)
        try:
            if a.kind == "csv":
                n = export.write_csv(a.out, export.metrics_rows(rt.trace.events))
                print(f"wrote {n} rows to {shown}")
            else:
                export.write_json(a.out, report(cfg, rt, max_live=max_live))
                print(f"wrote the report to {shown}")
        except export.ExportError as e:
            return fail(str(e))
        finally:
            rt.shutdown()
        return 0
    if seconds is None:
        return fail(f"{a.kind} needs --sim-seconds (or --preset): which moment to draw")
    moving = a.kind in ("gif", "mp4", "webm")
    lo, hi = export.GIF_FPS if a.kind == "gif" else export.VIDEO_FPS
    fps = a.fps if a.fps is not None else (10.0 if a.kind == "gif" else 30.0)
    if moving and not (lo <= fps <= hi and 0 < a.speed <= 1000 and 0 <= a.start < seconds):
        return fail(f"{a.kind} needs {lo:g} <= --fps <= {hi:g}, 0 < --speed <= 1000 and 0 <= --from < --sim-seconds")
    if a.kind in ("mp4", "webm") and (a.size[0] % 2 or a.size[1] % 2):
        return fail(f"a video needs an even width and height, got {a.size[0]}x{a.size[1]}")
    most = 2000 if a.kind == "gif" else 18_000
    frames_f = (seconds - a.start) / a.speed * fps + 1 if moving else 1.0
    if not frames_f <= most:  # also a float that overflowed to inf
        return fail(f"that is {frames_f:,.0f} frames; at most {most:,} (lower --fps, raise --speed or shorten "
                    "the stretch)")
    frames_n = int(frames_f)
    try:  # what the app shows: the handler from Go, when gateway.go runs this config
        from_go = runs_from_go(cfg, a)
    except ConfigError as e:
        return fail(str(e))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ..gui import export as gexport
    from ..gui.window import MainWindow
    _app = QApplication.instance()
    if _app is None:  # the app's own font, as the window it draws has it
        from ..gui.style import app_font_setup
        _app = QApplication([])
        app_font_setup(_app)
    from ..gui import i18n
    i18n.install(a.lang)
    try:
        if a.kind == "png":
            img = next(gexport.frames_of_run(cfg, window_class=MainWindow, start_ns=int(seconds * 1e9),
                                             end_ns=int(seconds * 1e9), fps=1.0, speed=1.0, lang=a.lang, size=a.size,
                                             from_go=from_go))
            with export.atomic_file(a.out) as f:
                from PySide6.QtCore import QBuffer, QByteArray, QIODevice
                data = QByteArray()
                buf = QBuffer(data)
                buf.open(QIODevice.WriteOnly)
                img.save(buf, "PNG")
                f.write(bytes(data))
            print(f"wrote {shown}")
        else:
            frames = gexport.frames_of_run(cfg, window_class=MainWindow, start_ns=int(a.start * 1e9),
                                           end_ns=int(seconds * 1e9), fps=fps, speed=a.speed, lang=a.lang, size=a.size,
                                           from_go=from_go)
            def progress(i: int) -> None:
                print(f"\rframe {i}/{frames_n}", end="", file=sys.stderr, flush=True)
            n = gexport.write_frames(gexport.writer_for(a.out, a.kind, fps=fps), frames, progress=progress)
            print(file=sys.stderr)
            print(f"wrote {n} frames to {shown}")
    except export.ExportError as e:
        return fail(str(e))
    return 0


def cmd_bench(a: argparse.Namespace) -> int:
    """``leakviz bench``: delegate to ``bench.main``."""
    from .. import bench
    return bench.main(quick=a.quick, as_json=a.json)


def cmd_test(a: argparse.Namespace) -> int:
    """``leakviz test DIR``: a package's Go tests on explored schedules (golang/gotest.py), in a limited child."""
    from ..golang import sandbox
    from ..golang.budget import DEFAULT, Budgets
    from ..golang.gotest import run_test_command
    if not 1 <= a.runs <= MAX_RUNS:
        print(f"leakviz test: error: --runs must be 1 to {MAX_RUNS:,}", file=sys.stderr)
        return 2
    for flag, v in {"--max-steps": a.max_steps, "--max-memory": a.max_memory, "--timeout": a.timeout}.items():
        if v is not None and not 0 < v <= (1 << 40):
            print(f"leakviz test: error: {flag} must be a positive number up to 2^40, got {v:g}", file=sys.stderr)
            return 2
    jobs = a.jobs if a.jobs is not None else (os.cpu_count() or 1)
    if not 1 <= jobs <= MAX_JOBS:
        print(f"leakviz test: error: --jobs must be 1 to {MAX_JOBS}", file=sys.stderr)
        return 2
    if not sandbox.in_child() and (a.dask is not None or (jobs > 1 and a.runs > 1)):
        from ..golang import gotest
        sh = gotest.shards(a.folder, a.run, a.runs, a.seed, jobs, max_steps=a.max_steps, memory_mb=a.max_memory,
                           timeout_s=a.timeout)
        try:
            results, root = gotest.run_on_dask(sh, a.dask) if a.dask is not None else gotest.run_sharded(sh, jobs)
        except gotest.ShardError as e:
            print(str(e), file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print("leakviz test: interrupted", file=sys.stderr)
            return 130
        return gotest.emit(results, root, folder=a.folder, runs=a.runs, as_json_out=a.json, junit_path=a.junit,
                           out=sys.stdout, err=sys.stderr)
    if not sandbox.in_child():
        args = [a.folder, "--runs", str(a.runs), "--seed", str(a.seed)]
        if a.run is not None:
            args.append(f"--run={a.run}")
        if a.json:
            args.append("--json")
        if a.junit is not None:
            args.append(f"--junit={a.junit}")
        if a.max_steps is not None:
            args += ["--max-steps", str(a.max_steps)]
        return sandbox.run_child(args, memory_mb=a.max_memory or sandbox.DEFAULT_MEMORY_MB,
                                 timeout_s=a.timeout or sandbox.DEFAULT_TIMEOUT_S, command="test")
    budgets = Budgets(steps=a.max_steps or DEFAULT.steps)
    return sandbox.run_deep(run_test_command, a.folder, pattern=a.run, runs=a.runs, seed=a.seed,
                            as_json_out=a.json, junit_path=a.junit, budgets=budgets)
