"""Live polling: growth flagged with rate and memory in an hour, down and back up, Go's own confirmation."""

from __future__ import annotations

import http.server
import subprocess
import threading
import time
import urllib.request

import pytest

from visualizer.core import memory
from visualizer.godump.live import Watch, fetch

BLOCK = ("goroutine {id} [chan send]:\nmain.handler.func1()\n\t/srv/main.go:31 +0x7a\n"
         "created by main.handler in goroutine 7\n\t/srv/main.go:27 +0x1c5\n\n")
STEADY = "goroutine {id} [select]:\nmain.worker()\n\t/srv/main.go:40 +0x10\ncreated by main.main\n\t/srv/main.go:12 +0x20\n\n"


class Fake:
    """A service whose leak grows by ``step`` goroutines per dump, with a steady pool of 2 beside it."""

    def __init__(self, step: int = 5, port: int = 0) -> None:
        self.n, self.step, self.leak_profile = 0, step, True
        fake = self

        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if "goroutineleak" in self.path:
                    if not fake.leak_profile:
                        self.send_error(404, "Unknown profile")
                        return
                    body = (f"goroutineleak profile: total {fake.n}\n{fake.n} @ 0x1 0x2\n"
                            "#\t0x1\tmain.handler.func1+0x7a\t/srv/main.go:31\n\n")
                else:
                    fake.n += fake.step
                    body = "".join(BLOCK.format(id=100 + i) for i in range(fake.n))
                    body += "".join(STEADY.format(id=10 + i) for i in range(2))
                self.send_response(200)
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *a):
                pass

        self.srv = http.server.ThreadingHTTPServer(("127.0.0.1", port), H)
        self.port = self.srv.server_address[1]
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/debug/pprof/goroutine?debug=2"

    def stop(self) -> None:
        self.srv.shutdown()
        self.srv.server_close()


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def fake():
    f = Fake()
    yield f
    f.stop()


def test_growth_is_flagged_with_rate_and_memory_in_an_hour(fake):
    clock = Clock()
    w = Watch(fake.url, timeout=5, clock=clock)
    for _ in range(2):
        assert w.poll().error is None
        clock.t += 5
    assert w.leaking() == []  # two polls are not yet a trend
    w.poll()
    [t] = w.leaking()
    assert t.key[1:3] == ("/srv/main.go", 31) and t.count == 15
    assert t.rate == pytest.approx(1.0)  # 5 more every 5 s
    assert t.in_an_hour() == (15 + 3600, memory.go_bytes(15 + 3600))
    steady = [x for x in w.trends.values() if x.key[2] == 40]
    assert steady and not steady[0].leaking
    assert t.confirmed  # the service's goroutineleak profile names line 31


def test_no_goroutineleak_profile_means_no_confirmation_and_no_more_asking(fake):
    fake.leak_profile = False
    clock = Clock()
    w = Watch(fake.url, timeout=5, clock=clock)
    for _ in range(3):
        w.poll()
        clock.t += 5
    [t] = w.leaking()
    assert not t.confirmed and w._leak_url is None


def test_a_service_that_stops_answering_is_shown_and_polling_resumes():
    f = Fake()
    clock = Clock()
    w = Watch(f.url, timeout=2, clock=clock)
    for _ in range(3):
        w.poll()
        clock.t += 5
    port = f.port
    f.stop()
    p = w.poll()
    assert p.error is not None and "cannot reach" in p.error and not w.up
    clock.t += 5
    back = Fake(port=port)
    back.n = 15
    try:
        p = w.poll()
        assert p.error is None and w.up
        [t] = w.leaking()
        assert [c for _, c in t.counts] == [5, 10, 15, 20]  # the history carried on across the outage
    finally:
        back.stop()


def test_a_service_that_never_answers_times_out():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(1)  # accepts the connection, never answers
    try:
        w = Watch(f"http://127.0.0.1:{s.getsockname()[1]}/debug/pprof/goroutine?debug=2", timeout=0.5)
        p = w.poll()
        assert p.error is not None and not w.up
    finally:
        s.close()


# -- a real Go service of our own (tests/godump/data/leaky) --

def _serve(binary):
    proc = subprocess.Popen([str(binary), "-serve", "127.0.0.1:0"], stdout=subprocess.PIPE, text=True)
    addr = proc.stdout.readline().strip()
    assert addr.startswith("127.0.0.1:"), addr
    return proc, f"http://{addr}"


def _wait_for(cond, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


def test_live_polling_of_a_real_leaking_go_service(leaky):
    binary, version = leaky
    proc, base = _serve(binary)
    try:
        url = f"{base}/debug/pprof/goroutine?debug=2"
        clock = Clock()
        w = Watch(url, timeout=10, clock=clock)

        def stranded() -> int:
            return sum(g.count for g in fetch(url).groups if g.function == "main.handler.func1"
                       and g.wait_reason == "chan send")

        for k in range(1, 5):
            for _ in range(2):  # bounded: 2 requests of 4 checks a round, each strands 3
                try:
                    urllib.request.urlopen(f"{base}/leak?checks=4", timeout=10).read()
                except urllib.error.HTTPError as e:
                    assert e.code == 403
            _wait_for(lambda k=k: stranded() == 6 * k)
            assert w.poll().error is None
            clock.t += 5
        [t] = [x for x in w.leaking() if x.key[0] == "chan send"]
        assert t.count == 24 and t.rate == pytest.approx(6 / 5)
        assert t.confirmed == (version >= "go1.26")  # goroutineleak: only newer Go has it
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()


def test_one_read_of_a_real_service_gives_go_s_verdict_per_group(leaky):
    """`dump URL` asks the service's goroutineleak profile too: each group is marked as Go marks it."""
    from visualizer.godump.cli import read
    binary, version = leaky
    proc, base = _serve(binary)
    try:
        for _ in range(2):
            try:
                urllib.request.urlopen(f"{base}/leak?checks=4", timeout=10).read()
            except urllib.error.HTTPError as e:
                assert e.code == 403
        url = f"{base}/debug/pprof/goroutine?debug=2"
        _wait_for(lambda: sum(g.count for g in fetch(url).groups if g.function == "main.handler.func1") == 6)
        s = read(url)
        leaked = {(g.function, g.wait_reason) for g in s.groups if g.go_leaked}
        if version >= "go1.26":
            assert s.verdict == "goroutineleak"
            # exactly what Go's own profile reports, asked directly
            go_sites = {(g.file, g.line) for g in fetch(f"{base}/debug/pprof/goroutineleak?debug=1").groups}
            assert {(g.file, g.line) for g in s.groups if g.go_leaked} == go_sites
            assert ("main.handler.func1", "chan send") in leaked
            assert all(g.go_leaked is not None for g in s.groups)
        else:
            assert s.verdict == "suspects" and not leaked  # no profile: waits judge (none 10 minutes old here)
            assert all(g.go_leaked is None and not g.suspect for g in s.groups)
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()


def test_a_group_that_never_shrinks_is_noted_apart_from_one_that_only_grows(fake):
    clock = Clock()
    w = Watch(fake.url, timeout=5, clock=clock)
    for _ in range(4):
        assert w.poll().error is None
        clock.t += 5
    [grows] = w.leaking()
    [flat] = w.never_finishing()  # the steady pool of 2: never seen finishing, not growing
    assert grows.key[0] == "chan send" and flat.key[0] == "select" and flat.count == 2
    assert not flat.leaking
