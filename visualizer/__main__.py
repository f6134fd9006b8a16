"""Command line: the window (default), ``run`` (headless), ``bench``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad value in one line and exits 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _int_list(text: str) -> tuple[int, ...]:
    text = text.strip()
    if not text:
        return ()
    try:
        return tuple(int(p) for p in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated integers like 0,9; got {text!r}") from None


def _float_list(text: str) -> tuple[float, ...]:
    try:
        vals = tuple(float(p) for p in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated numbers like 5,10,15; got {text!r}") from None
    if any(v != v or v in (float("inf"), float("-inf")) for v in vals):
        raise argparse.ArgumentTypeError(f"delays must be finite numbers; got {text!r}")
    return vals


def _finite(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if v != v or v in (float("inf"), float("-inf")):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {text!r}")
    return v


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a size like 960x600, got {text!r}") from None
    if not (320 <= w <= 3840 and 240 <= h <= 2400):
        raise argparse.ArgumentTypeError(f"size must be between 320x240 and 3840x2400, got {text!r}")
    return w, h


def _add_scenario_args(p: argparse.ArgumentParser) -> None:
    from .core.scenario import ARRIVALS, VARIANTS
    g = p.add_argument_group("scenario")
    g.add_argument("--variant", default="seed", choices=VARIANTS,
                   help="handler: seed = the article's code; ctx = sends select on ctx.Done(); "
                        "closequit = sends select on a stop channel closed on return; "
                        "drain = a goroutine receives the rest (default: seed)")
    g.add_argument("--checks", type=int, default=10, metavar="N", help="check goroutines per request (default: 10)")
    g.add_argument("--capacity", type=int, metavar="C", help="capacity of both done and quit")
    g.add_argument("--capacity-done", type=int, metavar="C", help="capacity of done (default: 0, the bug)")
    g.add_argument("--capacity-quit", type=int, metavar="C", help="capacity of quit (default: 0, the bug)")
    g.add_argument("--requests", type=int, default=1, metavar="R", help="requests to simulate (default: 1)")
    g.add_argument("--concurrent", action="store_true",
                   help="requests arrive at --rate regardless of responses (default: one client, one at a time)")
    g.add_argument("--rate", type=_finite, default=100.0, metavar="PER_S",
                   help="requests per simulated second (default: 100)")
    g.add_argument("--arrival", default="fixed", choices=ARRIVALS, help="gaps between requests (default: fixed)")
    f = g.add_mutually_exclusive_group()
    f.add_argument("--fail", type=_int_list, metavar="LIST",
                   help="0-based indices of the checks that fail on every request, e.g. 0,9 (exact)")
    f.add_argument("--fail-prob", type=_finite, metavar="P",
                   help="drawn: chance that each check other than bad_ip fails (default: 0.1)")
    g.add_argument("--bad-ip-share", type=_finite, metavar="P",
                   help="drawn: share of requests from a blocked IP, failing check 0 (default: 0.2)")
    g.add_argument("--delays", type=_float_list, metavar="LIST",
                   help="per-check delays in ms, e.g. 50,10,40 (default: check i takes (i+1)*5 ms)")
    g.add_argument("--jitter", type=_finite, default=0.0, metavar="J",
                   help="draw each delay from delay*U(1-J, 1+J) (default: 0, exact)")
    g.add_argument("--seed", type=int, default=1, metavar="S", help="seed for requests and select (default: 1)")


# scenario flag dest -> the Config fields it sets
_SCENARIO_FIELDS = {"variant": ("variant",), "checks": ("checks",), "capacity": ("capacity_done", "capacity_quit"),
                    "capacity_done": ("capacity_done",), "capacity_quit": ("capacity_quit",),
                    "requests": ("requests",), "concurrent": ("concurrent",), "rate": ("rate",),
                    "arrival": ("arrival",), "fail": ("fail",), "fail_prob": ("fail_prob",),
                    "bad_ip_share": ("bad_ip_share",), "delays": ("delays_ms",), "jitter": ("jitter",),
                    "seed": ("seed",)}


def config_from_args(a: argparse.Namespace, base=None, given: set[str] | None = None):
    """The Config the scenario flags describe. With ``base`` (a preset), only
    the flags in ``given`` (those on the command line) change it."""
    from dataclasses import replace

    from .core.scenario import Config
    cap_done = a.capacity_done if a.capacity_done is not None else (a.capacity if a.capacity is not None else 0)
    cap_quit = a.capacity_quit if a.capacity_quit is not None else (a.capacity if a.capacity is not None else 0)
    kw = {}
    if a.fail_prob is not None:
        kw["fail_prob"] = a.fail_prob
    if a.bad_ip_share is not None:
        if a.fail is not None:
            raise ValueError("--bad-ip-share draws failures; it cannot be combined with --fail")
        kw["bad_ip_share"] = a.bad_ip_share
    cfg = Config(variant=a.variant, checks=a.checks, capacity_done=cap_done, capacity_quit=cap_quit,
                 requests=a.requests, concurrent=a.concurrent, rate=a.rate, arrival=a.arrival,
                 fail=a.fail, delays_ms=a.delays, jitter=a.jitter, seed=a.seed, **kw)
    if base is None:
        return cfg.validate()
    changes = {f: getattr(cfg, f) for dest in (given or ()) for f in _SCENARIO_FIELDS.get(dest, ())}
    if "fail" in changes:  # scripted failures replace the preset's drawn ones, and the other way round
        changes.setdefault("fail_prob", 0.0)
        changes.setdefault("bad_ip_share", 0.0)
    elif "fail_prob" in changes or "bad_ip_share" in changes:
        changes["fail"] = None
    return replace(base, **changes).validate()


def _given(parser: argparse.ArgumentParser, argv: Sequence[str]) -> set[str]:
    """The dests of the options written on the command line (not defaults)."""
    by_flag = {}
    for action in parser._actions:
        for flag in action.option_strings:
            by_flag[flag] = action.dest
    found = set()
    for tok in argv:
        if tok == "--":
            break
        if tok.startswith("-"):
            flag = tok.split("=", 1)[0]
            if flag in by_flag:
                found.add(by_flag[flag])
    return found


def _kib(n: int) -> str:
    return f"{n / 1024:,.1f} KiB" if n < 1 << 20 else f"{n / (1 << 20):,.2f} MiB"


def format_report(r: dict) -> str:
    by_ch = ", ".join(f"{k}: {v:,}" for k, v in r["stranded_by_channel"].items()) or "none"
    lines = [
        f"leakviz run: variant {r['variant']}, {r['checks']} checks, capacity done={r['capacity_done']} "
        f"quit={r['capacity_quit']}, {r['requests']:,} request(s)"
        f"{' overlapping' if r['concurrent'] else ' one after another'}, seed {r['seed']}",
        f"  requests rejected early    {r['requests_rejected']:,}",
        f"  goroutines spawned         {r['tasks_spawned']:,} ({r['checks_spawned']:,} checks)",
        f"  stranded forever           {r['stranded']:,}  ({by_ch})",
    ]
    for site, n in r["parked_by_site"].items():
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
    from .core.atomic import target_of
    from .core.report import ceiling_message, report, simulate
    from .core.scenario import ConfigError
    from .core.session import default_max_live
    try:
        cfg = config_from_args(a)
        if a.save is not None:
            target_of(a.save)  # a path that cannot be written is refused before the run, not after
        max_live = _max_live(a.max_live) or default_max_live()
    except (ConfigError, ValueError) as e:
        print(f"leakviz run: error: {e}", file=sys.stderr)
        return 2
    if getattr(a, "interpret", False):
        from .golang.article import simulate_interpreted
        rt = simulate_interpreted(cfg)
    else:
        rt = simulate(cfg, max_live=max_live)
    r = report(cfg, rt, max_live=max_live)
    if r["stopped_at_ceiling"]:
        print(f"leakviz run: {ceiling_message(max_live)}", file=sys.stderr)
    if a.save is not None:
        from .core import runfile
        try:
            runfile.save(a.save, config=cfg, events=rt.trace.events)
        except runfile.RunFileError as e:
            print(f"leakviz run: error: {e}", file=sys.stderr)
            return 2
    print(json.dumps(r, sort_keys=True) if a.json else format_report(r))
    return 1 if r["panic"] else 0


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="leakviz", description="See how channel capacity, blocking sends and early "
                "returns strand goroutines and hold memory. With no command, opens the window.")
    _add_window_args(p)
    sub = p.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    r = sub.add_parser("run", help="run the article's scenario headless and report what leaked",
                       description="Run the article's HTTP-check scenario on the simulated Go runtime "
                       "as fast as possible and report the goroutines left blocked forever.",
                       epilog="examples:\n  leakviz run --checks 10 --capacity 0 --fail 0\n"
                       "  leakviz run --checks 10 --capacity 0 --fail 1,9 --json\n"
                       "  leakviz run --requests 20000 --concurrent --rate 1000 --fail-prob 0.1",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_scenario_args(r)
    r.add_argument("--json", action="store_true", help="print one JSON object instead of a summary")
    r.add_argument("--max-live", type=int, metavar="N",
                   help="stop at this many live simulated goroutines (default: from this machine's memory)")
    r.add_argument("--save", type=str, metavar="FILE",  # str: Path() would drop a trailing slash
                   help="also save the run (config and every event) to open in the window: leakviz --open FILE")
    r.add_argument("--interpret", action="store_true",
                   help="run the handler from its Go source through the Go front end instead of the Python "
                        "transcription")
    r.set_defaults(func=cmd_run)
    e = sub.add_parser("export", help="write the metrics (CSV), the report (JSON), a frame (PNG), a "
                       "stretch of the run (animated GIF, or MP4/WebM video for slides) or a runnable Go program (go)",
                       description="Run a scenario (the flags of 'run', or --preset) and write one export, "
                       "so a handout can be scripted.",
                       epilog="examples:\n  leakviz export csv --out leak.csv --requests 200 --concurrent\n"
                       "  leakviz export gif --preset unbuffered --from 0 --sim-seconds 2 --fps 10 --speed 0.5 "
                       "--out leak.gif\n"
                       "  leakviz export mp4 --preset unbuffered --sim-seconds 2.5 --size 1920x1080 --out leak.mp4",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    e.add_argument("kind", choices=["csv", "json", "png", "gif", "mp4", "webm", "go"],
                   help="what to write (go: a runnable Go program of the handler and config, in the folder --out)")
    e.add_argument("--out", type=str, required=True, metavar="PATH",  # str: Path() would drop a trailing slash
                   help="the file (go: folder) to write")
    _add_scenario_args(e)
    from .core.presets import PRESETS
    e.add_argument("--preset", choices=list(PRESETS), help="start from a window preset instead of the flags")
    e.add_argument("--sim-seconds", type=_finite, metavar="S",
                   help="simulated seconds to run (png: the moment shown; gif/video: where it ends). "
                        "Default: the whole run, or 3 s for a preset")
    e.add_argument("--from", dest="start", type=_finite, default=0.0, metavar="S",
                   help="gif/video: simulated second to start at (default: 0)")
    e.add_argument("--fps", type=_finite, help="gif/video: frames per second (default: 10 for a GIF, 30 for video)")
    e.add_argument("--speed", type=_finite, default=0.25, metavar="X",
                   help="gif/video: simulated seconds per second of animation (default: 0.25)")
    e.add_argument("--lang", choices=["en", "zh_CN"], default="en", help="png/gif/video: interface language")
    e.add_argument("--size", type=_size, default=(1280, 800), metavar="WxH",
                   help="png/gif/video: image size in pixels (default: 1280x800)")
    e.set_defaults(func=cmd_export)
    b = sub.add_parser("bench", help="measure engine throughput, frame time, loop lag, memory and start-up",
                       description="Measure, in one run, what leakviz must reach on this machine and print "
                       "a table (or JSON) with each target.")
    b.add_argument("--quick", action="store_true", help="smaller sizes, under a minute (CI proves it works)")
    b.add_argument("--json", action="store_true", help="print JSON instead of a table")
    b.set_defaults(func=cmd_bench)
    s = sub.add_parser("soak", help="run the bug for a long time headless and print the app's own memory",
                       description="Run the bug preset headless at full speed through the window's session "
                       "(engine, fold, bounded trace), reset at the live-goroutine ceiling, and print resident "
                       "memory over time: the leak grows, the app must not.")
    s.add_argument("--minutes", type=_finite, default=5.0, metavar="M", help="how long (default: 5)")
    s.add_argument("--rate", type=_finite, default=1000.0, metavar="PER_S",
                   help="requests per simulated second (default: 1000)")
    s.add_argument("--max-live", type=int, default=300_000, metavar="N",
                   help="live-goroutine ceiling at which each cycle resets (default: 300000)")
    s.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    s.set_defaults(func=cmd_soak)
    from .cli.godump import add_commands
    add_commands(sub)
    g = sub.add_parser("go", help="run Go source (package main) on the simulated runtime and report its leaks",
                       description="Interpret package main from FILE_OR_DIR... on the simulated runtime: the "
                       "program's output on stdout as Go prints it, leakviz's summary on stderr.")
    g.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    g.add_argument("--entry", default="main", metavar="FUNC", help="function to run as the main goroutine")
    g.add_argument("--runs", type=int, default=1, metavar="N",
                   help="explore N schedules (the first in Go's order, the others seeded random)")
    g.add_argument("--seed", type=int, default=0, metavar="S", help="seed of the first run (default: 0)")
    g.add_argument("--until", type=_finite, default=None, metavar="SECONDS",
                   help="stop at this simulated time (default: when nothing can run)")
    g.add_argument("--json", action="store_true", help="print the leaks as JSON")
    g.set_defaults(func=cmd_go)
    return p


def cmd_go(a: argparse.Namespace) -> int:
    from .golang.cli import run_go
    if a.runs < 1 or (a.until is not None and a.until < 0):
        print("leakviz go: error: --runs must be at least 1 and --until not negative", file=sys.stderr)
        return 2
    until = None if a.until is None else int(a.until * 1e9)
    return run_go(a.paths, entry=a.entry, runs=a.runs, seed=a.seed, until_ns=until, as_json=a.json)


def _speed(text: str) -> float | None:
    if text == "max":
        return None
    v = _finite(text)
    if not 0 < v <= 1000:
        raise argparse.ArgumentTypeError(f"speed must be between 0 and 1000 (or max), got {text!r}")
    return v


def _add_window_args(p: argparse.ArgumentParser) -> None:
    from .core.presets import DEFAULT_PRESET, PRESETS
    g = p.add_argument_group("window")
    g.add_argument("--preset", default=DEFAULT_PRESET, choices=list(PRESETS),
                   help=f"scenario to open on (default: {DEFAULT_PRESET}, the article's bug)")
    g.add_argument("--speed", type=_speed, default=0.05, metavar="X",
                   help="simulated seconds per wall second, or max (default: 0.05, slow motion)")
    g.add_argument("--lang", choices=["en", "zh_CN"], help="interface language (default: the system's)")
    g.add_argument("--screenshot", type=str, metavar="PNG",
                   help="run --sim-seconds as fast as frames render, save the window as PNG, exit")
    g.add_argument("--sim-seconds", type=_finite, default=5.0, metavar="S",
                   help="simulated seconds to run before --screenshot (default: 5)")
    g.add_argument("--max-live", type=int, metavar="N",
                   help="pause at this many live simulated goroutines (default: from this machine's memory)")
    g.add_argument("--open", dest="open_path", type=Path, metavar="FILE",
                   help="open a saved run (File > Save this run, or 'run --save')")
    g.add_argument("--compare", action="store_true",
                   help="open the classic comparison instead: unbuffered | buffered | context, side by side "
                        "on the same requests (--preset chooses the request stream)")
    g.add_argument("--size", metavar="WxH", help="window size in screen pixels, e.g. 1024x768 (also the "
                   "--screenshot PNG's size; default: what fits the screen)")
    g.add_argument("--zoom", type=_finite, default=1.0, metavar="F", help="scale every font (0.6 to 3; default 1)")
    g.add_argument("--present", action="store_true",
                   help="presenter mode: controls hidden, big code, legend on screen (F5 in the window)")
    g.add_argument("--play", action="store_true", help="start playing at once (default: open paused)")
    g.add_argument("--explore", action="store_true",
                   help="also open the capacity explorer (with --screenshot: a PNG of the explorer)")
    g.add_argument("--lesson", action="store_true", help="start the guided lesson (Help menu, F1), paused")
    g.add_argument("--exit-after-first-frame", action="store_true", help=argparse.SUPPRESS)
    g.add_argument("--close-after", type=_finite, metavar="S", help=argparse.SUPPRESS)  # lifecycle tests


def _max_live(n: int | None) -> int | None:
    if n is not None and not 100 <= n <= 50_000_000:
        raise ValueError(f"--max-live must be between 100 and 50000000, got {n}")
    return n


def cmd_window(a: argparse.Namespace) -> int:
    try:
        _max_live(a.max_live)
    except ValueError as e:
        print(f"leakviz: error: {e}", file=sys.stderr)
        return 2
    size = None
    if a.size is not None:
        from .gui.window import parse_size
        try:
            size = parse_size(a.size)
        except ValueError as e:
            print(f"leakviz: error: --size: {e}", file=sys.stderr)
            return 2
    if not 0.6 <= a.zoom <= 3:
        print(f"leakviz: error: --zoom must be between 0.6 and 3, got {a.zoom:g}", file=sys.stderr)
        return 2
    recording = None
    if a.open_path is not None:  # read once, here: a bad file is one line, before any window
        from .core import runfile
        try:
            recording = runfile.load(a.open_path)
        except runfile.RunFileError as e:
            print(f"leakviz: error: {e}", file=sys.stderr)
            return 2
    if a.screenshot is not None:
        from .core.atomic import WriteError, target_of
        try:
            target_of(a.screenshot)
        except WriteError as e:
            print(f"leakviz: error: screenshot: {e}", file=sys.stderr)
            return 2
        if not 0 < a.sim_seconds <= 3600:
            print(f"leakviz: error: --sim-seconds must be between 0 and 3600, got {a.sim_seconds:g}",
                  file=sys.stderr)
            return 2
    import os
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                 or os.environ.get("QT_QPA_PLATFORM")):
        if a.screenshot is None and not a.exit_after_first_frame:
            print("leakviz: error: no display to open the window on (set DISPLAY, run under xvfb-run, "
                  "or use 'leakviz run' for the headless report)", file=sys.stderr)
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    from .gui.app import run_window
    return run_window(preset=a.preset, speed=a.speed, lang=a.lang, screenshot=a.screenshot,
                      sim_seconds=a.sim_seconds, exit_after_first_frame=a.exit_after_first_frame,
                      max_live=a.max_live, close_after=a.close_after, compare=a.compare,
                      opened=None if recording is None else (a.open_path, recording), size=size,
                      zoom=a.zoom, present=a.present, play=a.play, explore=a.explore, lesson=a.lesson)


def cmd_soak(a: argparse.Namespace) -> int:
    from .core.scenario import MAX_RATE, MIN_RATE
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
    from . import soak
    return soak.main(a.minutes, a.rate, a.max_live, a.json)


def cmd_export(a: argparse.Namespace) -> int:
    import os

    from .core.scenario import ConfigError
    def fail(msg: str) -> int:
        print(f"leakviz export: error: {msg}", file=sys.stderr)
        return 2
    try:
        if a.preset is not None:  # the preset, changed by the scenario flags given
            from .core.presets import PRESETS
            cfg = config_from_args(a, base=PRESETS[a.preset], given=a.given)
        else:
            cfg = config_from_args(a)
    except (ConfigError, ValueError) as e:
        return fail(str(e))
    if a.kind == "go":
        from .cli.godump import export_go
        a.out = Path(a.out)  # a folder: a trailing slash is welcome here
        return export_go(cfg, a)
    seconds = a.sim_seconds if a.sim_seconds is not None else (3.0 if a.preset else None)
    if seconds is not None and not 0 <= seconds <= 3600:
        return fail(f"--sim-seconds must be between 0 and 3600, got {seconds:g}")
    from .core.atomic import WriteError, show_path, target_of
    try:
        target_of(a.out)
    except WriteError as e:
        return fail(str(e))
    shown = show_path(a.out)
    from .core import export
    if a.kind in ("csv", "json"):
        from .core.report import ceiling_hit, ceiling_message, report, simulate
        from .core.session import default_max_live
        max_live = default_max_live()
        rt = simulate(cfg, until=None if seconds is None else int(seconds * 1e9), max_live=max_live)
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
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from .gui import export as gexport
    _app = QApplication.instance() or QApplication([])
    from .gui import i18n
    i18n.install(a.lang)
    try:
        if a.kind == "png":
            img = next(gexport.frames_of_run(cfg, start_ns=int(seconds * 1e9), end_ns=int(seconds * 1e9),
                                             fps=1.0, speed=1.0, lang=a.lang, size=a.size))
            with export.atomic_file(a.out) as f:
                from PySide6.QtCore import QBuffer, QByteArray, QIODevice
                data = QByteArray()
                buf = QBuffer(data)
                buf.open(QIODevice.WriteOnly)
                img.save(buf, "PNG")
                f.write(bytes(data))
            print(f"wrote {shown}")
        else:
            frames = gexport.frames_of_run(cfg, start_ns=int(a.start * 1e9), end_ns=int(seconds * 1e9),
                                           fps=fps, speed=a.speed, lang=a.lang, size=a.size)
            def progress(i: int) -> None:
                print(f"\rframe {i}/{frames_n}", end="", file=sys.stderr, flush=True)
            n = gexport.write_frames(gexport.writer_for(a.out, a.kind, fps=fps), frames, progress=progress)
            print(file=sys.stderr)
            print(f"wrote {n} frames to {shown}")
    except export.ExportError as e:
        return fail(str(e))
    return 0


def cmd_bench(a: argparse.Namespace) -> int:
    from . import bench
    return bench.main(quick=a.quick, as_json=a.json)


def main(argv: Sequence[str] | None = None) -> int:
    p = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    from .cli.gowindow import wants_go_window
    if wants_go_window(argv, set(p._subparsers._group_actions[0].choices)):  # leakviz FILE.go: the Go window
        from .cli.gowindow import main as go_window
        return go_window(argv)
    a = p.parse_args(argv)
    if a.command is not None:
        at = argv.index(a.command)
        early = [t for t in argv[:at] if t.startswith("-")]
        if early:  # a window option before a command would be silently dropped: say so instead
            print(f"leakviz: error: {early[0].split('=', 1)[0]} is an option of the window, not of "
                  f"'{a.command}'; a command's options come after its name (see leakviz {a.command} --help)",
                  file=sys.stderr)
            return 2
        sub = p._subparsers._group_actions[0].choices[a.command]
        a.given = _given(sub, argv[at + 1:])
    if a.command is not None:  # the window closes itself on SIGTERM (gui/app.py)
        from .core.atomic import exit_on_sigterm
        exit_on_sigterm()
    try:
        if a.command is None:
            return cmd_window(a)
        return a.func(a)
    except BrokenPipeError:  # e.g. piped into head: not an error worth a traceback
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
