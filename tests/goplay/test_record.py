"""The Qt-free model under the Go window: make(chan) sites, recorded frames, the HTTP shim."""

from __future__ import annotations

import io
import json

import pytest

from visualizer.golang.cli import load_program, run_go
from visualizer.golang.errors import GoSourceError
from visualizer.goplay.catalog import EXAMPLES
from visualizer.goplay.http import Drive, handlers
from visualizer.goplay.record import record
from visualizer.goplay.sites import find_sites, rewrite

SRC = b"""package main

type pair struct{ a, b chan int }

func main() {
	done := make(chan bool)
	var q = make(chan string, 4)
	p := pair{a: make(chan int, 1 << 2), b: make(chan int, 2)}
	_, _, _ = done, q, p
}
"""


def test_every_make_chan_is_a_site_named_by_what_it_is_assigned_to():
    sites = find_sites([("m.go", SRC)])
    assert [(s.name, s.line, s.capacity, s.cap_text) for s in sites] == [
        ("done", 6, 0, ""), ("q", 7, 4, "4"), ("a", 8, None, "1 << 2"), ("b", 8, 2, "2")]  # not a literal: None


def test_rewrite_puts_the_constant_in_place_and_keeps_every_line():
    sites = find_sites([("m.go", SRC)])
    caps = {sites[0].key: 3, sites[2].key: 7}
    out = rewrite([("m.go", SRC)], caps)[0][1].decode().splitlines()
    assert out[5] == "\tdone := make(chan bool, 3)"
    assert out[7] == "\tp := pair{a: make(chan int, 7), b: make(chan int, 2)}"
    again = find_sites([("m.go", "\n".join(out).encode())])
    assert [s.line for s in again] == [s.line for s in sites]  # the dials' keys come from the original source
    assert [s.capacity for s in again] == [3, 4, 7, 2]


def _cli(path) -> dict:
    out = io.StringIO()
    run_go([str(path)], as_json=True, out=out, err=io.StringIO())
    return json.loads(out.getvalue())


@pytest.mark.parametrize("name", ["ncast.go", "early_return.go"])
def test_every_value_handed_to_main_is_recorded_with_its_channel(name):
    ex = next(e for e in EXAMPLES if e.file == name)
    run = record([(str(ex.path), ex.path.read_bytes())])
    to_main = [h for f in run.frames for h in f.handoffs if h.dst == 1]
    # main receives one answer per call from the channel named out, each sent by a goroutine of its own
    calls = len([ln for ln in ex.path.read_text().splitlines() if "<-out" in ln])
    assert calls == 1
    assert to_main and {h.via for h in to_main} == {"out"}
    assert all(h.src != 1 for h in to_main)


def test_the_http_shim_keeps_the_users_line_and_column_for_errors(tmp_path):
    src = (b'package main\n\nimport (\n\t"net/http"\n)\n\nfunc h(w http.ResponseWriter, r *http.Request) {\n'
           b'\tvar c complex128\n\t_ = c\n\thttp.Error(w, "x", http.StatusForbidden)\n}\n')
    files = [(str(tmp_path / "h.go"), src)]
    assert handlers(files) == ["h"]
    plain = tmp_path / "plain.go"
    # the same lines without net/http: the front end's own report on them is the reference
    plain.write_bytes(src.replace(b'\t"net/http"\n', b"\n").replace(b"w http.ResponseWriter, r *http.Request", b"w, r any")
                      .replace(b'\thttp.Error(w, "x", http.StatusForbidden)\n', b"\n"))
    with pytest.raises(GoSourceError) as want:
        load_program([str(plain)])
    run = record(files, drive=Drive("h", 3, 100))
    assert run.error is not None
    assert (run.error.line, run.error.col, run.error.msg) == (want.value.line, want.value.col, want.value.msg)


def test_a_driven_handler_runs_as_the_command_line_runs_the_shimmed_package(tmp_path):
    ex = next(e for e in EXAMPLES if e.file == "article_http.go")
    drive = Drive("handler", 12, 50)
    out = io.StringIO()
    assert run_go([str(ex.path)], handler="handler", requests=12, rate=50, as_json=True, out=out,
                  err=io.StringIO()) == 0
    rep = json.loads(out.getvalue())
    run = record([(str(ex.path), ex.path.read_bytes())], drive=drive)
    assert run.last.stranded == rep["leaked_count"] > 0


HELD = b"""package main

import (
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	mu.Lock()
	go func() { mu.Lock() }()
	time.Sleep(time.Millisecond)
	mu.Lock()
}
"""


def test_a_locked_mutex_shows_who_holds_it_and_who_waits():
    run = record([("held.go", HELD)])
    shown = [pr for fr in run.frames for pr in fr.prims if pr.nwait]
    assert shown, "no frame shows the mutex with a waiter"
    first, last = shown[0], shown[-1]
    assert (first.state, first.holder, first.waiters) == ("locked", 1, (7,))  # main (1) holds; main.func1 waits
    assert (last.holder, sorted(last.waiters)) == (1, [1, 7])  # main then waits on the lock it holds itself
