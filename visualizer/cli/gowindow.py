"""``leakviz FILE.go`` / ``python -m visualizer DIR``: a Go program (a test with ``--test``, a saved run:
``.leakviz-run`` or an older ``.leakviz-go``) live in the main window; with ``--compare OTHER``, beside
another in the compare window."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from .args import screenshot_error, window_size


def is_go_target(token: str) -> bool:
    """A .go file, a saved run, or a folder holding .go files: what the window opens as a Go program."""
    p = Path(token)
    return token.endswith((".go", ".leakviz-run", ".leakviz-go")) or (p.is_dir() and any(p.glob("*.go")))


def wants_go_window(argv: list[str], commands: set[str]) -> bool:
    """The first word that is neither an option nor an option's value names Go source rather than a command."""
    if any(t == "--open" or t.startswith("--open=") for t in argv):
        return False  # the main window's option: its file is a saved run, whatever its name
    takes_value = {o for act in parser()._actions if act.nargs != 0 for o in act.option_strings}
    skip = False
    for t in argv:
        if skip:
            skip = False
            continue
        if t.startswith("-"):
            skip = t in takes_value  # --seed 3: the 3 is the option's
            continue
        return t not in commands and is_go_target(t)
    return False


def parser() -> argparse.ArgumentParser:
    """The options of ``leakviz FILE.go`` (the Go window), apart from the main parser's commands."""
    p = argparse.ArgumentParser(prog="leakviz", description="Open a Go program in the window.")
    p.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    p.add_argument("--entry", default="main", metavar="FUNC", help="function run as the main goroutine")
    p.add_argument("--handler", metavar="NAME", help="the HTTP handler to drive with simulated requests "
                   "(default: the first func(w http.ResponseWriter, r *http.Request) in a file importing net/http)")
    p.add_argument("--requests", type=int, default=50, metavar="N", help="simulated requests to a handler")
    p.add_argument("--rate", type=float, default=100.0, metavar="PER_S", help="requests per simulated second")
    p.add_argument("--test", metavar="TestName", help="run this test of the package in DIR as 'leakviz test' "
                   "runs it (with --seed: the schedule its report names)")
    p.add_argument("--compare", metavar="OTHER", help="another Go file (e.g. the fix) shown side by side")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="scheduler seed (default: 0)")
    p.add_argument("--speed", type=float, default=0.05, metavar="X", help="simulated seconds per second")
    p.add_argument("--lang", choices=["en", "zh_CN"], help="interface language (default: the system's)")
    p.add_argument("--screenshot", type=str, metavar="PNG", help="save the window after --sim-seconds and exit")
    p.add_argument("--sim-seconds", type=float, default=5.0, metavar="S",
                   help="with --screenshot: the simulated moment shown (default: 5, or the end of the run)")
    p.add_argument("--size", metavar="WxH", help="window size, e.g. 1024x768")
    p.add_argument("--present", action="store_true", help="presenter mode: no side panel, bigger text (F5)")
    return p


def main(argv: list[str]) -> int:
    """Parse, check (one line on stderr and exit 2 when invalid) and open the window."""
    a = parser().parse_args(argv)
    for path in a.paths:
        if not Path(path).exists():
            print(f"leakviz: error: {path}: no such file or directory", file=sys.stderr)
            return 2
    try:
        size = window_size(a.size)
    except ValueError as e:
        print(f"leakviz: error: {e}", file=sys.stderr)
        return 2
    if (why := screenshot_error(a.screenshot, a.sim_seconds)) is not None:
        print(f"leakviz: error: {why}", file=sys.stderr)
        return 2
    if not 1 <= a.requests <= 100_000 or not 0.1 <= a.rate <= 100_000:
        print("leakviz: error: --requests must be 1 to 100000 and --rate 0.1 to 100000", file=sys.stderr)
        return 2
    if not 0 < a.speed <= 1000:
        print(f"leakviz: error: --speed must be between 0 and 1000, got {a.speed:g}", file=sys.stderr)
        return 2
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                 or os.environ.get("QT_QPA_PLATFORM")):
        if a.screenshot is None:
            print("leakviz: error: no display to open the window on (set DISPLAY, run under xvfb-run, "
                  "or use 'leakviz go' for the headless report)", file=sys.stderr)
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if a.test is not None and (not re.fullmatch(r"Test\w{0,200}", a.test) or len(a.paths) != 1
                               or not Path(a.paths[0]).is_dir()):
        print("leakviz: error: --test takes one package folder and a test's name (TestXxx)", file=sys.stderr)
        return 2
    if a.compare is not None:
        if not Path(a.compare).exists():
            print(f"leakviz: error: {a.compare}: no such file or directory", file=sys.stderr)
            return 2
        return _compare(a, size)
    if any(p.endswith((".leakviz-run", ".leakviz-go")) for p in a.paths):
        if len(a.paths) != 1 or a.test is not None:
            print("leakviz: error: a saved run opens on its own", file=sys.stderr)
            return 2
        return _saved(a, size)
    return _live(a, size)


def _compare(a: argparse.Namespace, size: tuple[int, int] | None) -> int:
    """Two Go programs side by side on one clock, same seed and requests, in the compare window."""
    from ..golang.errors import GoSourceError
    from ..golang.live import GoProgram
    from ..golang.module import load_sources
    from ..golang.traffic import TrafficError
    from ..goplay.http import NoHandler
    options = {"entry": a.entry, "seed": a.seed, "handler": a.handler, "requests": a.requests, "rate": a.rate}
    variants = []
    for paths in (a.paths, [a.compare]):
        try:
            variants.append((paths[0].rstrip("/").rsplit("/", 1)[-1], GoProgram.of(load_sources(paths), **options)))
        except GoSourceError as e:
            print(f"leakviz: error: {e.lines()[0]}", file=sys.stderr)
            return 2
        except (OSError, NoHandler, TrafficError) as e:
            print(f"leakviz: error: {e}", file=sys.stderr)
            return 2
    from ..gui.app import run_compare
    return run_compare(variants, speed=a.speed, lang=a.lang,
                       screenshot=None if a.screenshot is None else Path(a.screenshot), sim_seconds=a.sim_seconds,
                       size=size)


def _saved(a: argparse.Namespace, size: tuple[int, int] | None) -> int:
    """A saved run in the main window: a preset's to replay; a program's made again (its program or test,
    dials, changes and requests). A bad file, or a program that no longer compiles: one line, exit 2."""
    from ..goplay.savefile import SaveFileError, load_saved, run_options
    try:
        rec = load_saved(a.paths[0])
    except SaveFileError as e:
        print(f"leakviz: error: {e}", file=sys.stderr)
        return 2
    from ..gui.app import run_window
    shot = None if a.screenshot is None else Path(a.screenshot)
    if rec.program is None:
        return run_window(preset="unbuffered", speed=a.speed, lang=a.lang, screenshot=shot,
                          sim_seconds=a.sim_seconds, size=size, present=a.present, opened=(Path(a.paths[0]), rec))
    return run_window(preset="unbuffered", speed=a.speed, lang=a.lang, screenshot=shot, sim_seconds=a.sim_seconds,
                      size=size, present=a.present, program=(rec.program.files, run_options(rec.program)))


def _live(a: argparse.Namespace, size: tuple[int, int] | None) -> int:
    """The program run live in the main window (docs/architecture.md)."""
    from ..golang.errors import GoSourceError
    from ..golang.gotest import test_files
    from ..golang.module import load_sources
    try:
        files = test_files(a.paths[0]) if a.test is not None else load_sources(a.paths)
    except GoSourceError as e:
        print(f"leakviz: error: {e.lines()[0]}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"leakviz: error: {e}", file=sys.stderr)
        return 2
    from ..gui.app import run_window
    options = {"test": a.test, "seed": a.seed} if a.test is not None else \
        {"entry": a.entry, "seed": a.seed, "handler": a.handler, "requests": a.requests, "rate": a.rate}
    return run_window(preset="unbuffered", speed=a.speed, lang=a.lang,
                      screenshot=None if a.screenshot is None else Path(a.screenshot), sim_seconds=a.sim_seconds,
                      size=size, present=a.present, program=(files, options))
