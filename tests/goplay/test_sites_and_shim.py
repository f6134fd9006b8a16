"""make(chan) sites of a version 1 save, the HTTP shim's positions, a driven handler and a held lock, on the live path."""

from __future__ import annotations

import io
import json

import pytest

from visualizer.core.trace import Folder
from visualizer.golang.cli import load_program, run_go
from visualizer.golang.errors import GoSourceError
from visualizer.golang.live import GoProgram
from visualizer.goplay.catalog import EXAMPLES
from visualizer.goplay.http import handlers
from visualizer.goplay.sites import find_sites

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


def test_a_site_names_the_dial_the_compiler_gives_the_same_make():
    dials = GoProgram([("m.go", SRC)]).dial_sites()
    assert {f"capacity:{st.name}:{st.line}" for st in find_sites([("m.go", SRC)])} == set(dials)


def _cli(path) -> dict:
    out = io.StringIO()
    run_go([str(path)], as_json=True, out=out, err=io.StringIO())
    return json.loads(out.getvalue())


@pytest.mark.parametrize("name", ["ncast.go", "early_return.go"])
def test_every_value_handed_to_main_comes_through_its_channel(name):
    ex = next(e for e in EXAMPLES if e.file == name)
    rt, _ip = GoProgram([(str(ex.path), ex.path.read_bytes())]).start()
    rt.run()
    main = next(e[2] for e in rt.trace.events if e[1] == "go")
    vias = {e[3] for e in rt.trace.events if e[1] == "unpark" and e[2] == main}
    names = {e[2]: e[3] for e in rt.trace.events if e[1] == "make"}
    # main receives one answer per call from the channel named out, each sent by a goroutine of its own
    assert vias and {names[c] for c in vias} == {"out"}


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
    with pytest.raises(GoSourceError) as got:
        GoProgram.of(files, handler="h", requests=3)
    assert (got.value.line, got.value.col, got.value.msg) == (want.value.line, want.value.col, want.value.msg)


def test_a_driven_handler_runs_as_the_command_line_runs_the_shimmed_package(tmp_path):
    ex = next(e for e in EXAMPLES if e.file == "article_http.go")
    out = io.StringIO()
    assert run_go([str(ex.path)], handler="handler", requests=12, rate=50, as_json=True, out=out,
                  err=io.StringIO()) == 0
    rep = json.loads(out.getvalue())
    rt, _ip = GoProgram.of([(str(ex.path), ex.path.read_bytes())], handler="handler", requests=12, rate=50).start()
    rt.run()
    assert rt.stranded == rep["leaked_count"] > 0


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
    rt, _ip = GoProgram([("held.go", HELD)]).start()
    rt.run(until=500_000)  # main holds the lock; main.func1 waits on it
    first = Folder().feed(rt.trace.events).snapshot().prims
    rt.run()
    last = Folder().feed(rt.trace.events).snapshot().prims
    assert [(p.kind, p.waiting, p.holder_role) for p in first] == [("sync.Mutex.Lock", 1, "main")]
    assert [(p.waiting, p.holder_role) for p in last] == [(2, "main")]  # then main waits on its own lock
