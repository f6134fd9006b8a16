"""Command line: the window (default), ``run``, ``go``, ``export``, ``bench``, ``soak``, the Go bridge.

The parser and the commands live in ``visualizer/cli/``; this is the entry point.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from .cli.args import _given
from .cli.commands import cmd_window
from .cli.parser import build_parser


def main(argv: Sequence[str] | None = None) -> int:
    """The ``leakviz`` entry point: parse ``argv`` (default ``sys.argv[1:]``), run the command or open the window.

    Returns the exit code: 2 (one line on stderr) for a window option given
    before a command, 130 on Ctrl-C, 0 when stdout is a closed pipe."""
    p = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    from .cli.gowindow import wants_go_window
    if wants_go_window(argv, set(p.commands)):  # leakviz FILE.go: the Go window
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
        sub = p.commands[a.command]
        a.given = _given(sub, argv[at + 1:])
    else:  # the window: flags given win over remembered settings
        a.given = _given(p, argv)
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
