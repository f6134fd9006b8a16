"""Bench lines for real-Go dumps: parse + group a big debug=2 dump, and one
live poll of the same size over loopback HTTP."""

from __future__ import annotations

import http.server
import io
import threading
import time
from typing import Any

from .group import summarize
from .live import Watch

# The shapes of goroutine Go prints for the article's leak and a server
# around it: (wait reason, frames (function, file:line, offset), created by)
_SHAPES = [
    ("chan send", [("main.handler.func1(0x{i:x})", "/srv/gateway/main.go:31", "+0x7a")],
     ("main.handler in goroutine {p}", "/srv/gateway/main.go:27 +0x1c5")),
    ("chan send", [("main.handler.func1(0x{i:x})", "/srv/gateway/main.go:33", "+0x9e")],
     ("main.handler in goroutine {p}", "/srv/gateway/main.go:27 +0x1c5")),
    ("select", [("main.handler(...)", "/srv/gateway/main.go:38", ""),
                ("net/http.HandlerFunc.ServeHTTP(0xc000{i:06x}, {{0x9d8e40, 0xc0001ea0e0}}, 0xc0002d2000)",
                 "/usr/local/go/src/net/http/server.go:2294", "+0x29")],
     ("net/http.(*Server).Serve in goroutine 1", "/usr/local/go/src/net/http/server.go:3454 +0x485")),
    ("IO wait, 12 minutes", [("internal/poll.runtime_pollWait(0x7f1c2c0f{i:04x}, 0x72)",
                              "/usr/local/go/src/runtime/netpoll.go:351", "+0x85"),
                             ("net/http.(*conn).serve(0xc0001{i:05x}, {{0x9d9a38, 0xc0001b6000}})",
                              "/usr/local/go/src/net/http/server.go:2102", "+0x625")],
     ("net/http.(*Server).Serve in goroutine 1", "/usr/local/go/src/net/http/server.go:3454 +0x485")),
]


def synthetic_dump(n: int) -> bytes:
    """A debug=2 dump of ``n`` goroutines in Go 1.27's format, mostly the leak."""
    out = io.StringIO()
    out.write("goroutine 1 [running]:\nruntime/pprof.writeGoroutineStacks({0x9d3e20, 0xc000012345})\n"
              "\t/usr/local/go/src/runtime/pprof/pprof.go:816 +0x69\n\n")
    for i in range(n):
        reason, frames, (made, where) = _SHAPES[0 if i % 10 < 6 else 1 if i % 10 < 8 else 2 + i % 2]
        out.write(f"goroutine {i + 10} [{reason}]:\n")
        for f, loc, off in frames:
            out.write(f"{f.format(i=i)}\n\t{loc}{' ' + off if off else ''}\n")
        out.write(f"created by {made.format(p=i // 10 + 5)}\n\t{where}\n\n")
    return out.getvalue().encode()


def bench_parse(n: int) -> dict[str, Any]:
    """Seconds to parse and group a synthetic debug=2 dump of ``n`` goroutines; raises RuntimeError on a miscount."""
    data = synthetic_dump(n)
    t0 = time.perf_counter()
    s = summarize(io.BytesIO(data))
    dt = time.perf_counter() - t0
    if s.goroutines != n:
        raise RuntimeError(f"parsed {s.goroutines} goroutines of {n}")
    return {"goroutines": n, "bytes": len(data), "groups": len(s.groups), "parse_group_s": dt}


def bench_poll(n: int) -> dict[str, Any]:
    """One :class:`Watch` poll of an ``n``-goroutine dump served on loopback."""
    body = synthetic_dump(n)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # http.server's name
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        w = Watch(f"http://127.0.0.1:{srv.server_address[1]}/debug/pprof/goroutine?debug=2", timeout=30)
        t0 = time.perf_counter()
        p = w.poll()
        dt = time.perf_counter() - t0
    finally:
        srv.shutdown()
        srv.server_close()
    if p.error or p.summary.goroutines != n:
        raise RuntimeError(f"poll failed: {p.error}")
    return {"goroutines": n, "bytes": len(body), "poll_s": dt}
