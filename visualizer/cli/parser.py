"""The command line's parser: every command and its options."""

from __future__ import annotations

import argparse

from .args import _add_scenario_args, _add_source_args, _add_traffic_args, _add_window_args, _finite, _Parser, _size
from .commands import cmd_bench, cmd_export, cmd_go, cmd_run, cmd_soak, cmd_test


def build_parser() -> argparse.ArgumentParser:
    """The ``leakviz`` argument parser: the window's options and every subcommand with its handler as ``func``."""
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
    _add_source_args(r)
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
    e.add_argument("--force", action="store_true", help="go: replace main.go, main_test.go and go.mod already in --out")
    _add_scenario_args(e)
    from ..core.presets import PRESETS
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
    _add_source_args(e)
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
    s.add_argument("--cycles", type=int, default=None, metavar="N",
                   help="stop after N cycles, if that comes before --minutes (default: no limit)")
    s.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    s.set_defaults(func=cmd_soak)
    from .godump import add_commands
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
    g.add_argument("--detail", action="store_true", help=argparse.SUPPRESS)  # --json: each run's output, all leaks
    _add_traffic_args(g)
    g.add_argument("--speed", type=_finite, default=1.0, metavar="X",
                   help="with --serve: replay X times faster than the log's pacing (default: 1)")
    g.add_argument("--env", action="append", default=[], metavar="K=V",
                   help="a variable of the program's environment (repeatable; default: none, whatever "
                   "leakviz's own environment holds)")
    b = g.add_argument_group("budgets", "what one run may use before it is stopped with one line (README: "
                             "Security model)")
    b.add_argument("--max-steps", type=int, default=None, metavar="N",
                   help="loop iterations and goroutine switches (default: 200,000,000)")
    b.add_argument("--max-goroutines", type=int, default=None, metavar="N",
                   help="live goroutines at once (default: 250,000)")
    b.add_argument("--max-alloc", type=int, default=None, metavar="MB",
                   help="MiB in one make, append or strings.Repeat (default: 1024)")
    b.add_argument("--max-output", type=int, default=None, metavar="MB", help="MiB of output kept (default: 16)")
    b.add_argument("--max-memory", type=int, default=None, metavar="MB",
                   help="MiB of memory for the interpreting process (default: 1024)")
    b.add_argument("--timeout", type=_finite, default=None, metavar="SECONDS",
                   help="wall-clock seconds before the run is stopped (default: 300)")
    g.set_defaults(func=cmd_go)
    t = sub.add_parser("test", help="run a package's Go tests on explored schedules and fail on every leak",
                       description="Run the TestXxx functions of the package in DIR (its _test.go files) on the "
                       "simulated runtime, once in Go's order and then on seeded schedules; after each test, the "
                       "goroutines left that can never continue are its leaks. Output as go test -v prints it.")
    t.add_argument("folder", metavar="DIR")
    t.add_argument("--run", default=None, metavar="REGEX", help="only the tests whose name matches")
    t.add_argument("--runs", type=int, default=10, metavar="N", help="schedules a test (default: 10)")
    t.add_argument("--seed", type=int, default=0, metavar="S", help="seed of the first schedule (default: 0)")
    t.add_argument("--json", action="store_true", help="print the results as JSON")
    t.add_argument("--junit", default=None, metavar="FILE", help="also write JUnit XML for CI")
    t.add_argument("--max-steps", type=int, default=None, metavar="N", help="budget a schedule (see go)")
    t.add_argument("--max-memory", type=int, default=None, metavar="MB", help="memory of the test process")
    t.add_argument("--timeout", type=_finite, default=None, metavar="SECONDS",
                   help="wall-clock seconds for the whole run (default: 300)")
    t.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="processes the schedules are spread over (default: this machine's cores)")
    t.add_argument("--dask", default=None, metavar="ADDRESS",
                   help="run the schedules on the Dask cluster at ADDRESS (pip install 'leakviz[dist]'), "
                   "--jobs shards; its workers must see DIR at the same path")
    t.set_defaults(func=cmd_test)
    p.commands = dict(sub.choices)  # name -> its parser, for the entry point (argparse keeps them private)
    return p
