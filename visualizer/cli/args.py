"""Argument types and groups shared by the commands, and the config they describe."""

from __future__ import annotations

import argparse
import os
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


def _speed(text: str) -> float | None:
    if text == "max":
        return None
    v = _finite(text)
    if not 0 < v <= 1000:
        raise argparse.ArgumentTypeError(f"speed must be between 0 and 1000 (or max), got {text!r}")
    return v


def _add_scenario_args(p: argparse.ArgumentParser) -> None:
    from ..core.scenario import ARRIVALS, VARIANTS
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


def _add_view_args(g) -> None:
    """The window's options for every source: a preset, a saved run or a Go program (``leakviz FILE.go``)."""
    g.add_argument("--speed", type=_speed, default=0.05, metavar="X",
                   help="simulated seconds per wall second, or max (default: 0.05, slow motion)")
    g.add_argument("--lang", choices=["en", "zh_CN"], help="interface language (default: the system's)")
    g.add_argument("--screenshot", type=str, metavar="PNG",
                   help="run --sim-seconds as fast as frames render, save the window as PNG, exit")
    g.add_argument("--sim-seconds", type=_finite, default=5.0, metavar="S",
                   help="simulated seconds to run before --screenshot (default: 5)")
    g.add_argument("--max-live", type=int, metavar="N",
                   help="pause at this many live simulated goroutines (default: from this machine's memory)")
    g.add_argument("--size", metavar="WxH", help="window size in screen pixels, e.g. 1024x768 (also the "
                   "--screenshot PNG's size; default: what fits the screen)")
    g.add_argument("--zoom", type=_finite, default=1.0, metavar="F", help="scale every font (0.6 to 3; default 1)")
    g.add_argument("--present", action="store_true",
                   help="presenter mode: controls hidden, big code, legend on screen (F5 in the window)")
    g.add_argument("--play", action="store_true", help="start playing at once (default: open paused)")
    g.add_argument("--lesson", action="store_true",
                   help="start the guided lesson (Help menu, F1), paused: the article's, or a Go program's own")
    g.add_argument("--no-settings", action="store_true",
                   help="start clean: neither read nor write the remembered settings and recent files")
    g.add_argument("--exit-after-first-frame", action="store_true", help=argparse.SUPPRESS)
    g.add_argument("--close-after", type=_finite, metavar="S", help=argparse.SUPPRESS)  # lifecycle tests


def _add_traffic_args(p) -> None:
    """What a Go program's handler or server is sent, for ``go`` and for ``leakviz FILE.go`` alike."""
    p.add_argument("--handler", default=None, metavar="NAME",
                   help="the HTTP handler to drive (default: the first func(http.ResponseWriter, *http.Request))")
    p.add_argument("--requests", type=int, default=50, metavar="N", help="simulated requests to a handler (default: 50)")
    p.add_argument("--rate", type=_finite, default=100.0, metavar="PER_S",
                   help="requests per simulated second to a handler (default: 100)")
    p.add_argument("--serve", default=None, metavar="ACCESS_LOG",
                   help="run main and replay this access log (Common or Combined Log Format) through the server "
                   "it starts (or through --handler), at the log's own pacing")
    p.add_argument("--from", dest="sources", default=None, metavar="CIDR[=SHARE],...",
                   help="made-up requests come from these networks, each with its share in %% "
                   "(default: 10.0.x.y)")
    p.add_argument("--path", default="/", metavar="PATH", help="made-up requests ask for PATH?QUERY (default: /)")
    p.add_argument("--header", action="append", default=[], metavar="'NAME: VALUE'",
                   help="a header of every made-up request (repeatable)")
    p.add_argument("--dial", action="append", default=[], metavar="capacity:VAR:LINE=N",
                   help="run the make(chan T, n) of VAR at LINE with capacity N instead (repeatable; the "
                   "window's dials)")


def parse_dials(given: list[str]) -> dict[str, int]:
    """``--dial capacity:VAR:LINE=N``, repeated, as a dict; ValueError with one line for a bad one."""
    dials = {}
    for kv in given:
        k, sep, v = kv.rpartition("=")
        if not sep or not k.startswith("capacity:") or not v.isdigit() or int(v) > 1_000_000:
            raise ValueError(f"--dial takes capacity:VAR:LINE=N with N from 0 to 1,000,000, got {kv[:60]!r}")
        dials[k] = int(v)
    return dials


def _add_window_args(p: argparse.ArgumentParser) -> None:
    from ..core.presets import DEFAULT_PRESET, PRESETS
    g = p.add_argument_group("window")
    g.add_argument("--preset", default=DEFAULT_PRESET, choices=list(PRESETS),
                   help=f"scenario to open on (default: {DEFAULT_PRESET}, the article's bug)")
    _add_view_args(g)
    g.add_argument("--open", dest="open_path", type=Path, metavar="FILE",
                   help="open a saved run (File > Save this run, or 'run --save')")
    g.add_argument("--compare", action="store_true",
                   help="open the classic comparison instead: unbuffered | buffered | context, side by side "
                        "on the same requests (--preset chooses the request stream)")
    g.add_argument("--explore", action="store_true",
                   help="also open the capacity explorer (with --screenshot: a PNG of the explorer)")
    g.add_argument("--scheduler", action="store_true",
                   help="open 'play the scheduler' (View menu, F2): choose how one request's checks end and when, "
                        "predict, run")
    _add_source_args(g)


def _add_source_args(p: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """--interpret / --native: how the article's handler runs, the same for the window, run and export."""
    src = p.add_mutually_exclusive_group()
    src.add_argument("--interpret", action="store_true",
                     help="run the handler from Go (goplay/examples/gateway.go: its handler, checks and dials, sent "
                          "the scenario's requests): the default whenever gateway.go can run the scenario; with "
                          "this flag, what it cannot run is an error")
    src.add_argument("--native", action="store_true",
                     help="run the Python transcription of the handler (the bench's baseline, about 3.7x faster) "
                          "instead of gateway.go")


def runs_from_go(cfg, a: argparse.Namespace) -> bool:
    """Whether ``cfg`` runs from gateway.go: by default when gateway.go can run it (else the transcription
    does, which takes any number of checks and delays); never with --native; with --interpret what gateway.go
    cannot run raises ConfigError (one line saying what the Go code fixes)."""
    from ..core.scenario import ConfigError
    from ..golang import gateway
    if getattr(a, "native", False):
        return False
    try:
        gateway.check(cfg)
    except ConfigError:
        if getattr(a, "interpret", False):
            raise
        return False
    return True


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

    from ..core.scenario import Config
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


def _max_live(n: int | None) -> int | None:
    if n is not None and not 100 <= n <= 50_000_000:
        raise ValueError(f"--max-live must be between 100 and 50000000, got {n}")
    return n


def screenshot_error(path: str | None, sim_seconds: float) -> str | None:
    """Why ``--screenshot PATH --sim-seconds S`` cannot be done, in one line, or None when it can."""
    if path is None:
        return None
    from ..core.atomic import WriteError, target_of
    try:
        target_of(path)
    except WriteError as e:
        return f"screenshot: {e}"
    if not 0 < sim_seconds <= 3600:
        return f"--sim-seconds must be between 0 and 3600, got {sim_seconds:g}"
    return None


def window_size(text: str | None) -> tuple[int, int] | None:
    """``--size WxH`` as (width, height), or None when not given; ValueError with one line when invalid."""
    if text is None:
        return None
    from ..gui.panels import parse_size  # its bounds are the window's minimum size
    try:
        return parse_size(text)
    except ValueError as e:
        raise ValueError(f"--size: {e}") from None


def view_error(a: argparse.Namespace) -> str | None:
    """Why the window options in ``a`` (``_add_view_args``) are invalid, in one line, or None; sets ``a.size``
    to (width, height)."""
    try:
        _max_live(a.max_live)
        a.size = window_size(a.size)
    except ValueError as e:
        return str(e)
    if not 0.6 <= a.zoom <= 3:
        return f"--zoom must be between 0.6 and 3, got {a.zoom:g}"
    return screenshot_error(a.screenshot, a.sim_seconds)


def display_error(a: argparse.Namespace) -> str | None:
    """Why no window can open here, in one line, or None; a screenshot with no display runs offscreen."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                                                 or os.environ.get("QT_QPA_PLATFORM")):
        if a.screenshot is None and not a.exit_after_first_frame:
            return ("no display to open the window on (set DISPLAY, run under xvfb-run, or use 'leakviz run' "
                    "or 'leakviz go' for the headless report)")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    return None
