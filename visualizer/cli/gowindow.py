"""``leakviz FILE.go`` / ``python -m visualizer DIR``: a Go program (a test with ``--test``, a saved run:
``.leakviz-run`` or an older ``.leakviz-go``) live in the main window; with ``--compare OTHER``, beside
another in the compare window."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .args import _add_traffic_args, _add_view_args, _given, _Parser, display_error, parse_dials, view_error


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
    """The options of ``leakviz FILE.go``: the program's, then the window's that every source shares."""
    p = _Parser(prog="leakviz", description="Open a Go program in the window.")
    p.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    p.add_argument("--entry", default="main", metavar="FUNC", help="function run as the main goroutine")
    _add_traffic_args(p)
    p.add_argument("--test", metavar="TestName", help="run this test of the package in DIR as 'leakviz test' "
                   "runs it (with --seed: the schedule its report names)")
    p.add_argument("--compare", metavar="OTHER", help="another Go file (e.g. the fix) shown side by side")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="scheduler seed (default: 0)")
    _add_view_args(p.add_argument_group("window"))
    return p


def main(argv: list[str]) -> int:
    """Parse, check (one line on stderr and exit 2 when invalid) and open the window."""
    p = parser()
    a = p.parse_args(argv)
    a.given = _given(p, argv)
    for path in a.paths:
        if not Path(path).exists():
            print(f"leakviz: error: {path}: no such file or directory", file=sys.stderr)
            return 2
    if (why := view_error(a)) is not None:
        print(f"leakviz: error: {why}", file=sys.stderr)
        return 2
    if not 1 <= a.requests <= 100_000 or not 0.1 <= a.rate <= 100_000:
        print("leakviz: error: --requests must be 1 to 100000 and --rate 0.1 to 100000", file=sys.stderr)
        return 2
    if a.test is not None and (not re.fullmatch(r"Test\w{0,200}", a.test) or len(a.paths) != 1
                               or not Path(a.paths[0]).is_dir()):
        print("leakviz: error: --test takes one package folder and a test's name (TestXxx)", file=sys.stderr)
        return 2
    try:
        a.dials = parse_dials(a.dial)
    except ValueError as e:
        print(f"leakviz: error: {e}", file=sys.stderr)
        return 2
    if a.dials and a.compare is not None:
        print("leakviz: error: --dial names a line of one program: not with --compare", file=sys.stderr)
        return 2
    if a.serve is not None and not Path(a.serve).is_file():
        print(f"leakviz: error: --serve {a.serve}: no such file", file=sys.stderr)
        return 2
    if a.compare is not None and not Path(a.compare).exists():
        print(f"leakviz: error: {a.compare}: no such file or directory", file=sys.stderr)
        return 2
    saved = any(p.endswith((".leakviz-run", ".leakviz-go")) for p in a.paths)
    if saved and (len(a.paths) != 1 or a.test is not None):
        print("leakviz: error: a saved run opens on its own", file=sys.stderr)
        return 2
    if (why := display_error(a)) is not None:
        print(f"leakviz: error: {why}", file=sys.stderr)
        return 2
    if a.compare is not None:
        return _compare(a)
    return _saved(a) if saved else _live(a)


def _window(a: argparse.Namespace, **source) -> int:
    """The main window on ``source`` (a program, or a saved preset run as ``opened``) with the window's options."""
    from ..gui.app import run_window
    return run_window(preset="unbuffered", speed=a.speed, lang=a.lang,
                      screenshot=None if a.screenshot is None else Path(a.screenshot), sim_seconds=a.sim_seconds,
                      exit_after_first_frame=a.exit_after_first_frame, max_live=a.max_live,
                      close_after=a.close_after, size=a.size, zoom=a.zoom, present=a.present, play=a.play, lesson=a.lesson,
                      use_settings=not a.no_settings, given=frozenset(a.given | {"open_path"}), **source)


def _compare(a: argparse.Namespace) -> int:
    """Two Go programs side by side on one clock, same seed and requests, in the compare window."""
    from ..golang.errors import GoSourceError
    from ..golang.live import GoProgram
    from ..golang.module import load_sources
    from ..golang.traffic import TrafficError
    from ..goplay.http import NoHandler
    options = _service(a)
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
                       size=a.size, present=a.present)


def _saved(a: argparse.Namespace) -> int:
    """A saved run in the main window: a preset's to replay; a program's made again (its program or test,
    dials, changes and requests). A bad file, or a program that no longer compiles: one line, exit 2."""
    from ..goplay.savefile import SaveFileError, load_saved, run_options
    try:
        rec = load_saved(a.paths[0])
    except SaveFileError as e:
        print(f"leakviz: error: {e}", file=sys.stderr)
        return 2
    if rec.program is None:
        return _window(a, opened=(Path(a.paths[0]), rec))
    return _window(a, program=(rec.program.files, run_options(rec.program)))


def _live(a: argparse.Namespace) -> int:
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
    options = {"test": a.test, "seed": a.seed} if a.test is not None else _service(a)
    return _window(a, program=(files, {**options, "dials": a.dials}))


def _service(a: argparse.Namespace) -> dict:
    """``go``'s options for what the program is sent (GoProgram.of), as the command line gave them."""
    return {"entry": a.entry, "seed": a.seed, "handler": a.handler, "requests": a.requests, "rate": a.rate,
            "sources": a.sources, "path": a.path, "headers": a.header, "serve": a.serve}
