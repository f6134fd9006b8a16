"""Traffic a simulated server serves: made up (--requests, --rate, --from, --path, --header) or an access log's."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from visualizer.golang.cli import run_go
from visualizer.golang.interp import SCHED_NS
from visualizer.golang.traffic import TrafficError, access_log, made_up, parse_sources

BLOCKLIST = Path(__file__).parent / "services" / "blocklist"


def test_common_and_combined_lines_are_read_in_time_order_and_the_rest_is_counted(tmp_path):
    log = tmp_path / "access.log"
    log.write_text(
        '2001:db8::1 - - [03/Dec/2026:10:00:02 +0000] "GET /b HTTP/1.1" 200 1\n'
        '192.0.2.5 - alice [03/Dec/2026:10:00:00 +0000] "GET /a?q=1 HTTP/1.1" 200 1 "https://x/" "curl/8"\n'
        "\n"
        "garbage\n"
        '192.0.2.6 - - [03/Dec/2026:11:00:00 +0100] "-" 400 0\n'
        'web.example - - [03/Dec/2026:10:00:01 +0000] "POST http://h/c HTTP/1.0" 201 -\n')
    t, skipped = access_log(str(log), speed=2)
    assert skipped == 2  # "garbage" and the request line "-"
    assert [(r.at_ns, r.method, r.target) for r in t.requests] == [(0, "GET", "/a?q=1"), (500_000_000, "POST", "/c"),
                                                                   (1_000_000_000, "GET", "/b")]
    assert t.requests[0].remote.startswith("192.0.2.5:") and t.requests[2].remote.startswith("[2001:db8::1]:")
    assert t.requests[0].headers == (("Referer", "https://x/"), ("User-Agent", "curl/8"))
    assert t.end_ns == 1_000_000_000


@pytest.mark.parametrize("text,why", [("", "it is empty"), ("not a log\n", "line 1 is not Common or Combined")])
def test_a_log_without_requests_is_one_line(tmp_path, text, why):
    log = tmp_path / "a.log"
    log.write_text(text)
    with pytest.raises(TrafficError, match=why):
        access_log(str(log))


def test_a_fifo_is_not_read_as_a_log(tmp_path):
    import os
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(TrafficError, match="not a regular file|FIFO"):
        access_log(str(fifo))


def test_made_up_clients_come_from_each_network_in_its_share():
    t = made_up(40, 100, sources="203.0.113.0/24=25,10.0.0.0/8", path="/items/9", headers=["X-Id: 7"])
    blocked = [r for r in t.requests if r.remote.startswith("203.0.113.")]
    assert len(blocked) == 10 and len({r.remote.split(":")[0] for r in blocked}) == 10
    assert all(r.remote.startswith(("203.0.113.", "10.")) for r in t.requests)
    assert t.requests[1].at_ns == 10_000_000 and t.end_ns == 400_000_000
    assert t.requests[0].target == "/items/9" and t.requests[0].headers == (("X-Id", "7"),)
    assert [r.remote for r in made_up(2, 1).requests] == ["10.0.0.1:40000", "10.0.0.2:40001"]


@pytest.mark.parametrize("spec,why", [("nonsense", "is not a network"), ("10.0.0.0/8=0", "above 0"),
                                      ("10.0.0.0/8=80,192.0.2.0/24=30", "more than 100"),
                                      ("10.0.0.0/8=x", "must be a number")])
def test_bad_sources_are_one_line(spec, why):
    with pytest.raises(TrafficError, match=why):
        parse_sources(spec)


def _go(*args) -> tuple[int, dict, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_go([str(BLOCKLIST)], as_json=True, out=out, err=err, **dict(args))
    return code, json.loads(out.getvalue()) if out.getvalue() else {}, err.getvalue()


def test_an_access_log_is_replayed_through_the_server_main_starts():
    """Two of the log's requests come from the blocked network: each leaves one audit goroutine blocked."""
    code, rep, err = _go(("serve", str(BLOCKLIST / "access.log")))
    assert code == 0 and "1 line(s) that are not requests were skipped" in err
    assert rep["leaked_count"] == 2 and {lk["function"] for lk in rep["leaked"]} == {"main.audit"}
    # the log's pacing, then settling, and the goroutines' turns on the clock
    assert 2_200_000_000 < rep["per_run"][0]["simulated_ns"] < 2_200_000_000 + 1000 * SCHED_NS


def test_made_up_traffic_reaches_the_leaking_branch_only_from_the_network_asked_for():
    code, rep, _err = _go(("requests", 20), ("sources", "203.0.113.0/24=25,10.0.0.0/8"))
    assert code == 0 and rep["leaked_count"] == 5
    code, rep, _err = _go(("requests", 20))
    assert code == 0 and rep["leaked_count"] == 0  # 10.0.x.y: never blocked


def test_serve_says_so_when_main_never_starts_a_server(tmp_path):
    (tmp_path / "main.go").write_text('package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n')
    out, err = io.StringIO(), io.StringIO()
    assert run_go([str(tmp_path)], serve=str(BLOCKLIST / "access.log"), out=out, err=err) == 0
    assert out.getvalue() == "hi\n" and "never started a server" in err.getvalue()


def test_bad_traffic_options_are_one_line_on_the_command_line(tmp_path):
    for args, why in ((["--from", "x"], "--from: 'x' is not a network"), (["--path", "nope"], "--path must start"),
                      (["--header", "bad"], "--header takes 'Name: value'"),
                      (["--serve", str(tmp_path / "none.log")], "none.log")):
        r = subprocess.run([sys.executable, "-m", "visualizer", "go", str(BLOCKLIST), *args], capture_output=True,
                           text=True, timeout=120)
        assert r.returncode == 2 and r.stderr.count("\n") == 1 and why in r.stderr, r.stderr
