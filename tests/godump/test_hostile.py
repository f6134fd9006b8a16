"""Hostile or unlucky inputs to `dump`: each ends in its time with one line, never a traceback or a hang."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
import time

import pytest

from visualizer.godump.cli import format_table, read
from visualizer.godump.live import FetchError, Watch, fetch, shown
from visualizer.godump.parse import DumpError

from .test_live import BLOCK


class RawServer:
    """A TCP server that answers every connection with ``answer(conn)``, for answers no HTTP server would give."""

    def __init__(self, answer) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.answer = answer
        self.port = self.sock.getsockname()[1]
        self.done = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.done.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn) -> None:
        try:
            conn.recv(65536)
            self.answer(conn, self.done)
        except OSError:
            pass
        finally:
            conn.close()

    def url(self, path: str = "/debug/pprof/goroutine?debug=2") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.done.set()
        self.sock.close()


def _send(data: bytes):
    return lambda conn, done: conn.sendall(data)


def _trickle(conn, done) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n")
    body = BLOCK.format(id=1).encode() * 1000
    for b in body:
        if done.is_set():
            return
        conn.sendall(bytes([b]))
        time.sleep(0.5)


HOSTILE = [
    ("bad status line", _send(b"SSH-2.0-OpenSSH_9.2\r\n\r\n"), "does not answer as an HTTP server"),
    ("200 KB header", _send(b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n"),
     "does not answer as an HTTP server"),
    ("too many headers", _send(b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(200)) + b"\r\n"),
     "does not answer as an HTTP server"),
    ("redirect to another host", _send(b"HTTP/1.1 302 Found\r\nLocation: http://192.0.2.1/x\r\nContent-Length: 0\r\n\r\n"),
     "leakviz follows redirects only within the same http(s) host"),
    ("redirect to ftp", _send(b"HTTP/1.1 302 Found\r\nLocation: ftp://127.0.0.1/x\r\nContent-Length: 0\r\n\r\n"),
     "leakviz follows redirects only within the same http(s) host"),
]


@pytest.mark.parametrize("name,answer,says", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_bad_answer_is_one_line_and_watch_polls_on(name, answer, says):
    srv = RawServer(answer)
    try:
        with pytest.raises(FetchError) as ei:
            fetch(srv.url(), timeout=2)
        assert says in str(ei.value) and "\n" not in str(ei.value)
        w = Watch(srv.url(), timeout=2)
        p = w.poll()  # --watch records it and goes on
        assert p.error is not None and says in p.error
    finally:
        srv.close()


def test_a_trickling_server_meets_the_total_deadline():
    srv = RawServer(_trickle)
    try:
        t0 = time.monotonic()
        with pytest.raises(FetchError, match="took too long"):
            fetch(srv.url(), timeout=0.5)  # 3 x 0.5 s in all; the body would take 38 minutes
        assert time.monotonic() - t0 < 60  # generous: the point is that it ends, not how fast
    finally:
        srv.close()


def test_credentials_in_the_url_are_sent_as_a_header_and_never_shown():
    got = {}

    def answer(conn, done):
        pass

    class Srv(RawServer):
        def _one(self, conn):
            try:
                got["request"] = conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: " + str(len(BLOCK.format(id=1))).encode()
                             + b"\r\n\r\n" + BLOCK.format(id=1).encode())
            finally:
                conn.close()
    srv = Srv(answer)
    try:
        url = f"http://alice:s3cret@127.0.0.1:{srv.port}/debug/pprof/goroutine?debug=2"
        s = fetch(url, timeout=5)
        assert s.goroutines == 1
        assert b"Authorization: Basic YWxpY2U6czNjcmV0" in got["request"]
        assert shown(url) == f"http://alice:***@127.0.0.1:{srv.port}/debug/pprof/goroutine?debug=2"
    finally:
        srv.close()
    with pytest.raises(FetchError) as ei:
        fetch("http://bob:hunter2@127.0.0.1:1/debug/pprof/goroutine?debug=2", timeout=1)
    assert "hunter2" not in str(ei.value) and "bob:***@127.0.0.1:1" in str(ei.value)


def test_fifos_and_devices_are_refused_before_a_byte_is_read(tmp_path):
    fifo = tmp_path / "dump.txt"
    os.mkfifo(fifo)
    with pytest.raises(DumpError, match="FIFO"):
        read(str(fifo))
    zero = tmp_path / "zero"
    os.mknod(zero, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # our own /dev/zero
    with pytest.raises(DumpError, match="character device"):
        read(str(zero))


def test_src_with_a_fifo_named_like_go_source_does_not_hang(tmp_path):
    dump = tmp_path / "dump.txt"
    dump.write_text(BLOCK.format(id=1))
    src = tmp_path / "src"
    src.mkdir()
    os.mkfifo(src / "main.go")
    r = subprocess.run([sys.executable, "-m", "visualizer", "dump", str(dump), "--src", str(src)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "main.handler.func1 main.go:31" in r.stdout and "Traceback" not in r.stderr


def test_the_table_of_a_dump_with_an_other_group_prints(tmp_path):
    """Past MAX_GROUPS groups, goroutines fold into "(other)", which has no file: the table printed Path(None)."""
    from visualizer.godump.group import MAX_GROUPS
    dump = tmp_path / "many.txt"
    with open(dump, "w") as f:
        for i in range(MAX_GROUPS + 5):
            f.write(f"goroutine {i + 1} [chan send]:\nmain.f{i}()\n\t/srv/main.go:{i + 1} +0x1\n\n")
    s = read(str(dump))
    text = format_table(s)
    assert text.splitlines()[0] == (f"goroutine dump (debug=2): {MAX_GROUPS + 5:,} goroutine(s) in "
                                    f"{MAX_GROUPS + 1:,} group(s)")
    [other] = [ln for ln in text.splitlines() if "(other)" in ln]
    assert other.split()[0] == "5"


def test_export_go_never_overwrites_a_users_program_unless_forced(tmp_path):
    from visualizer.__main__ import main
    out = tmp_path / "prog"
    out.mkdir()
    (out / "main.go").write_text("package main // mine\n")
    assert main(["export", "go", "--preset", "unbuffered", "--out", str(out), "--requests", "5"]) == 2
    assert (out / "main.go").read_text() == "package main // mine\n"
    assert main(["export", "go", "--preset", "unbuffered", "--out", str(out), "--requests", "5", "--force"]) == 0
    assert "func handler" in (out / "main.go").read_text()


def test_export_go_refuses_a_fifo_in_the_way_without_waiting(tmp_path, capsys):
    from visualizer.__main__ import main
    out = tmp_path / "prog"
    out.mkdir()
    os.mkfifo(out / "go.mod")
    assert main(["export", "go", "--preset", "unbuffered", "--out", str(out), "--requests", "5", "--force"]) == 2
    err = capsys.readouterr().err
    assert err.strip().endswith("is a FIFO (named pipe): leakviz writes only regular files") and err.count("\n") == 1


def test_a_go_that_hangs_leaves_no_process_behind(tmp_path):
    """verify's go build is killed with everything it started when it passes its time."""
    from visualizer.godump.gobridge import BridgeError, GoTool, _run_go
    fake = tmp_path / "go"
    marker = tmp_path / "child.pid"
    fake.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {marker}\nwait\n")
    fake.chmod(0o755)
    with pytest.raises(BridgeError, match="took longer than 1 s"):
        _run_go(GoTool(str(fake)), ["build"], tmp_path, timeout=1)
    pid = int(marker.read_text())
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        with open(f"/proc/{pid}/stat") as f:  # a zombie waiting for init counts as gone
            if f.read().split()[2] == "Z":
                break
        time.sleep(0.05)
    else:
        raise AssertionError("the go process's child is still running")
