"""The godump subcommands for ``python -m visualizer``: ``dump``, ``verify``
(``export go`` rides on ``export``'s parser); __main__ only delegates here."""

from __future__ import annotations

import argparse
from pathlib import Path


def _finite(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if v != v or v in (float("inf"), float("-inf")):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {text!r}")
    return v


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
    d.set_defaults(func=_dump)


def _dump(a: argparse.Namespace) -> int:
    from .cli import cmd_dump
    return cmd_dump(a.source, a.src, a.json, a.watch, a.every, a.polls, a.timeout)
