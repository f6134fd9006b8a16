"""``leakviz dump``: table, --json, --src, stdin, URL, and one-line errors."""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading

import pytest

from visualizer.__main__ import main

from .helpers import DATA, FILE, data, expected, line_of


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_is_the_issues_shape_with_top_user_frames(capsys):
    code, out, err = run(capsys, "dump", str(data("go1.27", "debug2.txt")), "--json")
    assert code == 0 and err == ""
    js = json.loads(out)
    assert js["goroutines"] == sum(n for _, n in expected().values())
    got = {(g["file"], g["line"]): g["count"] for g in js["groups"]}
    assert got == {(FILE, ln): n for ln, (_, n) in expected().items()}
    send = next(g for g in js["groups"] if g["function"] == "main.stuckSend")
    assert send["wait_reason"] == "chan send" and send["max_wait_minutes"] == 0
    assert send["created_by"] == "main.strand.func1" and send["created_file"] == FILE


def test_dump_says_both_leak_facts_as_far_as_a_dump_tells_them(capsys):
    """Go's profile's count where the dump is that profile; what can never continue for certain (a nil
    channel) in any dump; the table says both."""
    code, out, _err = run(capsys, "dump", str(data("go1.27", "debug2.txt")), "--json")
    js = json.loads(out)
    nil_ops = sum(g["count"] for g in js["groups"] if g["wait_reason"] in ("chan send (nil chan)",
                                                                           "chan receive (nil chan)"))
    assert nil_ops >= 1 and js["never_continue_certain"] == nil_ops and js["go_reports_leaked"] is None
    code, out, _err = run(capsys, "dump", str(data("go1.27", "goroutineleak1.txt")), "--json")
    js = json.loads(out)
    assert code == 0 and js["go_reports_leaked"] == sum(g["count"] for g in js["groups"]) == 3
    code, out, _err = run(capsys, "dump", str(data("go1.27", "debug2.txt")))
    assert "Go's goroutineleak profile: not in this dump" in out
    assert f"Can never continue for certain: {nil_ops:,} " in out


def test_table_with_src_shows_the_blocking_line(capsys):
    code, out, _ = run(capsys, "dump", str(data("go1.19", "debug2-minutes.txt")), "--src", str(DATA / "leaky"))
    assert code == 0
    assert "func stuckSend(i int) { sink <- i }" in out
    assert f"{line_of('func stuckSend(i int) { sink <- i }'):>6} | func stuckSend" in out
    assert "Go memory they hold" in out and "1 min" in out


def test_stdin():
    r = subprocess.run([sys.executable, "-m", "visualizer", "dump", "-", "--json"],
                       input=data("go1.27", "goroutineleak1.txt").read_bytes(), capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr
    js = json.loads(r.stdout)
    assert js["goroutines"] == 3 and {g["wait_reason"] for g in js["groups"]} == {None}


@pytest.mark.parametrize("argv, says", [
    (["dump", "/nonexistent/dump.txt"], "no such file"),
    (["dump", str(DATA)], "is a folder"),
    (["dump", str(DATA / "leaky" / "go.mod")], "not a goroutine dump"),
    (["dump", "ftp://127.0.0.1/x"], "no such file"),
    (["dump", str(DATA / "go1.27" / "debug2.txt"), "--src", "/nonexistent"], "is not a folder"),
    (["dump", str(DATA / "go1.27" / "debug2.txt"), "--watch"], "--watch needs a URL"),
    (["dump", "http://127.0.0.1:9/x", "--timeout", "0"], "--timeout must be"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, argv, says):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and says in err and "Traceback" not in err


def test_damaged_dump_prints_what_it_read_and_says_where_it_broke(capsys, tmp_path):
    lines = data("go1.27", "debug2.txt").read_bytes().splitlines(keepends=True)
    p = tmp_path / "cut.txt"
    p.write_bytes(b"".join(lines[:60]))
    code, out, err = run(capsys, "dump", str(p))
    assert code == 2
    assert "main.stuckSend" in out and "line 60:" in out
    assert err.count("\n") == 1 and "damaged dump: line 60:" in err


@pytest.fixture
def server():
    body = {"data": data("go1.27", "debug2.txt").read_bytes(), "status": 200}

    class H(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(body["status"])
            self.end_headers()
            self.wfile.write(body["data"])

        def log_message(self, *a):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/debug/pprof/goroutine?debug=2", body
    srv.shutdown()
    srv.server_close()


def test_url(capsys, server):
    url, _ = server
    code, out, _ = run(capsys, "dump", url, "--json")
    assert code == 0 and json.loads(out)["goroutines"] == sum(n for _, n in expected().values())


def test_url_errors_are_one_line(capsys, server):
    url, body = server
    body["status"] = 404
    code, _, err = run(capsys, "dump", url)
    assert code == 2 and "HTTP 404" in err and err.count("\n") == 1
    code, _, err = run(capsys, "dump", "http://127.0.0.1:9/debug/pprof/goroutine?debug=2", "--timeout", "2")
    assert code == 2 and "cannot reach" in err and err.count("\n") == 1
