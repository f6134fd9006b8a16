"""HTTP handler files: a handler ``func(w http.ResponseWriter, r *http.Request)`` driven by simulated requests.

The front end has no net/http, and a handler needs no sockets: the file's
``http.X`` names are renamed ``http_X`` (same length, so every line:column the
front end reports stays the user's) and resolved by a small package-main
prelude written in Go (``PRELUDE``): ResponseWriter, Request (RemoteAddr, URL,
Header, Context cancelled when the handler returns, as net/http does),
http.Error and the status constants. ``main`` is not run: the entry is a
generated loop that starts one goroutine per request, as net/http does, at
the chosen rate.
"""

from __future__ import annotations

from dataclasses import dataclass

import tree_sitter
import tree_sitter_go

_LANG = tree_sitter.Language(tree_sitter_go.language())
PRELUDE_PATH = "leakviz_http.go"
ENTRY = "leakviz_main"

PRELUDE = """package main

import (
	"context"
	"strconv"
	"time"
)

// net/http as leakviz drives a handler: simulated requests, no sockets.

type http_Header map[string][]string

func (h http_Header) Get(k string) string {
	if v := h[k]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func (h http_Header) Set(k, v string) { h[k] = []string{v} }
func (h http_Header) Add(k, v string) { h[k] = append(h[k], v) }

type http_Values map[string][]string

func (v http_Values) Get(k string) string {
	if x := v[k]; len(x) > 0 {
		return x[0]
	}
	return ""
}

type http_URL struct {
	Path     string
	RawQuery string
	query    http_Values
}

func (u *http_URL) Query() http_Values { return u.query }
func (u *http_URL) String() string     { return u.Path }

type http_ResponseWriter interface {
	Header() http_Header
	Write(b []byte) (int, error)
	WriteHeader(code int)
}

type http_Request struct {
	Method     string
	RemoteAddr string
	URL        *http_URL
	Header     http_Header
	ctx        context.Context
}

func (r *http_Request) Context() context.Context { return r.ctx }

type http_HandlerFunc func(http_ResponseWriter, *http_Request)

type leakviz_response struct {
	header http_Header
	code   int
	n      int
}

func (w *leakviz_response) Header() http_Header { return w.header }
func (w *leakviz_response) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
}
func (w *leakviz_response) Write(b []byte) (int, error) {
	w.WriteHeader(200)
	w.n += len(b)
	return len(b), nil
}

func http_Error(w http_ResponseWriter, msg string, code int) {
	w.WriteHeader(code)
	w.Write([]byte(msg + "\\n"))
}

const (
	http_StatusOK                  = 200
	http_StatusCreated             = 201
	http_StatusAccepted            = 202
	http_StatusNoContent           = 204
	http_StatusBadRequest          = 400
	http_StatusUnauthorized        = 401
	http_StatusForbidden           = 403
	http_StatusNotFound            = 404
	http_StatusRequestTimeout      = 408
	http_StatusTooManyRequests     = 429
	http_StatusInternalServerError = 500
	http_StatusBadGateway          = 502
	http_StatusServiceUnavailable  = 503
	http_StatusGatewayTimeout      = 504
	http_MethodGet                 = "GET"
	http_MethodPost                = "POST"
)

func http_HandleFunc(pattern string, f func(http_ResponseWriter, *http_Request)) {}
func http_ListenAndServe(addr string, h any) error                                { select {} }

func leakviz_serve(h func(http_ResponseWriter, *http_Request), requests int, gap time.Duration, settle time.Duration) {
	for i := 0; i < requests; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		addr := "10.0." + strconv.Itoa(i/250%256) + "." + strconv.Itoa(i%250+1) + ":" + strconv.Itoa(40000+i%20000)
		r := &http_Request{Method: "GET", RemoteAddr: addr, URL: &http_URL{Path: "/", query: http_Values{}},
			Header: http_Header{}, ctx: ctx}
		go func() { // net/http serves each request on its own goroutine
			h(&leakviz_response{header: http_Header{}}, r)
			cancel() // the request's context ends when the handler returns
		}()
		time.Sleep(gap)
	}
	time.Sleep(settle)
}
"""


@dataclass(frozen=True)
class Drive:
    """Which handler to call, how many requests and how many per simulated second."""

    handler: str
    requests: int = 50
    rate: float = 100.0


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


def shim(files: list[tuple[str, bytes]], drive: Drive) -> tuple[list[tuple[str, bytes]], str]:
    """``files`` with net/http replaced by the prelude, plus the prelude; and the entry function to run.

    Raises ValueError unless ``drive.handler`` names one of ``handlers(files)``."""
    parser = tree_sitter.Parser(_LANG)
    out = []
    for path, src in files:
        tree = parser.parse(src)
        edits: list[tuple[int, int, bytes]] = []
        stack = [tree.root_node]
        while stack:
            n = stack.pop()
            if n.type == "import_spec" and n.text.endswith(b'"net/http"'):
                single = n.parent is not None and n.parent.type == "import_declaration"
                repl = b"()" if single else b""
                edits.append((n.start_byte, n.end_byte, repl.ljust(n.end_byte - n.start_byte)))
                continue
            if n.type in ("package_identifier", "identifier") and n.text == b"http":
                nxt = n.next_sibling
                if nxt is not None and nxt.type == ".":
                    edits.append((nxt.start_byte, nxt.end_byte, b"_"))
            stack.extend(n.children)
        for s, e, b in sorted(edits, reverse=True):
            src = src[:s] + b + src[e:]
        out.append((path, src))
    # the handler's name goes into the entry's Go source: only a declared handler of the right shape
    if drive.handler not in handlers(files):
        raise ValueError(f"no handler {drive.handler[:60]!r}: it must be a function "
                         "func(w http.ResponseWriter, r *http.Request) in this package")
    gap_ns = int(1e9 / max(0.001, drive.rate))
    entry = (f"\nfunc {ENTRY}() {{\n\tleakviz_serve({drive.handler}, {int(drive.requests)}, "
             f"time.Duration({gap_ns}), 200*time.Millisecond)\n}}\n")
    out.append((PRELUDE_PATH, (PRELUDE + entry).encode()))
    return out, ENTRY
