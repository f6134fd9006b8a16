"""HTTP handler files: a handler ``func(w http.ResponseWriter, r *http.Request)`` driven by simulated requests.

net/http is the package leakviz models in Go (golang/modelled/http.go): a
server starts one goroutine per simulated request, as net/http does, and
cancels the request's context when the handler returns. A service whose main
starts a server (ListenAndServe), or a file of handlers without main, is
driven here: ``main`` is not run, the entry is a small Go file that serves the
chosen handler the chosen number of requests at the chosen rate. A main that
starts no server (one that calls its handlers through httptest) runs as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import tree_sitter
import tree_sitter_go

_LANG = tree_sitter.Language(tree_sitter_go.language())
PRELUDE_PATH = "leakviz_http.go"
ENTRY = "leakviz_main"


@dataclass(frozen=True)
class Drive:
    """The traffic a program serves: which handler to call ("" runs main, whose server serves it), how
    many made-up requests, how many per simulated second, from which networks, for which path; or the
    access log replayed instead (golang/traffic.py)."""

    handler: str
    requests: int = 50
    rate: float = 100.0
    sources: str | None = None  # --from CIDR[=SHARE],...
    path: str = "/"
    serve: str | None = None  # an access log
    speed: float = 1.0


def handlers(files: list[tuple[str, bytes]]) -> list[str]:
    """Names of the functions shaped ``func(w http.ResponseWriter, r *http.Request)``, in source order."""
    parser = tree_sitter.Parser(_LANG)
    out = []
    for _path, src in files:
        root = parser.parse(src).root_node
        for n in root.named_children:
            if n.type != "function_declaration":
                continue
            params = n.child_by_field_name("parameters")
            types = []
            for pd in params.named_children if params is not None else []:
                t = pd.child_by_field_name("type")
                names = [c for c in pd.named_children if c.type == "identifier"]
                types += [t.text.decode() if t is not None else ""] * max(1, len(names))
            if types == ["http.ResponseWriter", "*http.Request"] and n.child_by_field_name("result") is None:
                out.append(n.child_by_field_name("name").text.decode())
    return out


def imports_http(files: list[tuple[str, bytes]]) -> bool:
    """Whether any file imports net/http."""
    return any(b'"net/http"' in src for _p, src in files)


def drivable(files: list[tuple[str, bytes]]) -> list[str]:
    """The handlers to drive with simulated requests: ``handlers(files)`` when the package imports net/http
    and has no main or a main that starts a server; else none (main runs as it is)."""
    if not imports_http(files):
        return []
    found = handlers(files)
    if not found:
        return []
    parser = tree_sitter.Parser(_LANG)
    for _path, src in files:
        for n in parser.parse(src).root_node.named_children:
            if n.type == "function_declaration" and n.child_by_field_name("name").text == b"main":
                body = n.child_by_field_name("body")
                return found if body is not None and b"ListenAndServe" in body.text else []
    return found


def shim(files: list[tuple[str, bytes]], drive: Drive) -> tuple[list[tuple[str, bytes]], str]:
    """``files`` plus the entry file that serves ``drive.handler`` the simulated requests; and the entry's name.

    Raises ValueError unless ``drive.handler`` names one of ``handlers(files)``."""
    # the handler's name goes into the entry's Go source: only a declared handler of the right shape
    if drive.handler not in handlers(files):
        raise ValueError(f"no handler {drive.handler[:60]!r}: it must be a function "
                         "func(w http.ResponseWriter, r *http.Request) in this package")
    # the requests themselves are data the interpreter hands the server (traffic_of), not code
    entry = (f'package main\n\nimport "net/http"\n\nfunc {ENTRY}() {{\n'
             f"\t(&http.Server{{Handler: http.HandlerFunc({drive.handler})}}).Serve()\n}}\n")
    return list(files) + [(PRELUDE_PATH, entry.encode())], ENTRY


def traffic_of(drive: Drive):
    """The requests ``drive`` asks for: its access log's, or made up (golang/traffic.py). Raises TrafficError."""
    from ..golang.traffic import access_log, made_up
    if drive.serve is not None:
        return access_log(drive.serve, speed=drive.speed)[0]
    return made_up(drive.requests, drive.rate, sources=drive.sources, path=drive.path)


def main_serves(files: list[tuple[str, bytes]]) -> bool:
    """Whether the package's main starts a server (calls ListenAndServe)."""
    parser = tree_sitter.Parser(_LANG)
    for _path, src in files:
        for n in parser.parse(src).root_node.named_children:
            if n.type == "function_declaration" and n.child_by_field_name("name").text == b"main":
                body = n.child_by_field_name("body")
                return body is not None and b"ListenAndServe" in body.text
    return False


class NoHandler(ValueError):
    """A handler named on the command line that the package does not have."""


def service(files: list[tuple[str, bytes]], *, entry: str = "main", handler: str | None = None, requests: int = 50,
            rate: float = 100.0, sources: str | None = None, path: str = "/", headers: list[str] | None = None,
            serve: str | None = None, speed: float = 1.0,
            article: Any = None) -> tuple[list[tuple[str, bytes]], str, Any, int]:
    """What runs and what it is sent: ``(files, entry, traffic, log lines skipped)``.

    A service (an HTTP handler with no main, or ``handler``) is driven through a generated entry by
    ``requests`` made-up requests at ``rate`` a second; a main that starts a server is sent them (or,
    with ``serve``, an access log's requests). Raises NoHandler, TrafficError (OSError for a log that
    cannot be read). ``article``: a preset's Config, whose requests (golang/gateway.py) are sent instead."""
    from ..golang.traffic import access_log, made_up
    found = (drivable(files) if serve is None else []) if handler is None else handlers(files)
    if handler is not None and handler not in found:
        raise NoHandler(f"no handler {handler[:60]!r}: it must be a function "
                        "func(w http.ResponseWriter, r *http.Request) in this package")
    traffic = None
    skipped = 0
    if article is not None:
        from ..golang.traffic import ArticleTraffic
        traffic = ArticleTraffic(article)
    elif serve is not None:
        traffic, skipped = access_log(serve, speed=speed)
    elif found or sources is not None or path != "/" or headers:
        traffic = made_up(requests, rate, sources=sources, path=path, headers=headers)
    if found:
        files, entry = shim(files, Drive(handler or found[0], requests, rate))
    return files, entry, traffic, skipped
