"""Saved runs of Go programs: one run file opens as the same run; older .leakviz-go files still open; every
hostile or damaged file is one line, and nothing in it runs but the Go program, in the simulation."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from visualizer.core import runfile
from visualizer.core.presets import PRESETS
from visualizer.core.report import report, simulate
from visualizer.core.trace.events import _canon
from visualizer.golang.live import GoProgram
from visualizer.goplay import savefile

EXAMPLES = Path(__file__).parents[2] / "visualizer" / "goplay" / "examples"
SAVED = Path(__file__).parents[1] / "core" / "data" / "saved"  # made by main before the one format (README)
HTTP = [("article_http.go", (EXAMPLES / "article_http.go").read_bytes())]


def run_again(p: runfile.SavedProgram, until: int | None = None):
    """``p`` made again as the window makes it (savefile.run_options), run headless: (runtime, program)."""
    opts = savefile.run_options(p)
    dials, changes = opts.pop("dials"), opts.pop("changes")
    prog = GoProgram.of(p.files, **opts)
    prog.dials.update(dials)
    prog.changes = list(changes)
    rt, _ip = prog.start()
    rt.run(until=until)
    return rt, prog


def prefix_sha(events, n: int) -> str:
    return hashlib.sha256("".join(_canon(e) + "\n" for e in events[:n]).encode()).hexdigest()


def live_run(until_ns: int = 120_000_000):
    """A handler's run as the window makes one: 9 requests, a dial set before it starts and one changed
    mid-run, paused at ``until_ns``."""
    service = {"handler": "handler", "requests": 9, "rate": 100.0, "entry": "main", "seed": 0}
    prog = GoProgram.of(HTTP, **{k: v for k, v in service.items()})
    prog.dials["capacity:quit:22"] = 1
    rt, ip = prog.start()
    rt.run(until=50_000_000)
    prog.change(ip, "capacity:done:21", 10)
    rt.run(until=until_ns)
    return rt, prog, service


# -- the one format, both ways --

def test_a_program_run_saved_opens_as_the_same_run(tmp_path):
    rt, prog, service = live_run()
    path = tmp_path / "run.leakviz-run"
    runfile.save(path, program=savefile.saved_program(HTTP, service, prog, rt.trace.events, rt.now))
    rec = savefile.load_saved(path)
    assert rec.config is None and len(rec.events) == 0 and rec.program.dials == {"capacity:quit:22": 1}
    n = rec.program.ran["events"]
    assert n == len(rt.trace.events) > 0 and rec.program.ran["t_ns"] == rt.now
    again, _ = run_again(rec.program, until=rec.program.ran["t_ns"])
    assert prefix_sha(list(again.trace.events), n) == rec.program.ran["sha256"]  # the same run so far
    rt.run()  # both on to the end: the same counts, the same trace
    again.run()
    assert again.stranded == rt.stranded > 0
    assert len(again.goroutines) == len(rt.goroutines)
    assert again.trace.sha256() == rt.trace.sha256()


def test_a_preset_run_saved_opens_as_the_same_run(tmp_path):
    from visualizer.core.trace import Folder
    cfg = replace(PRESETS["unbuffered"], requests=15)
    rt = simulate(cfg)
    path = tmp_path / "run.leakviz-run"
    runfile.save(path, config=cfg, events=rt.trace.events)
    rec = savefile.load_saved(path)
    assert rec.program is None and rec.config == cfg and rec.sha256 == rt.trace.sha256()
    mid = len(rt.trace.events) // 2  # advanced part way with the timeline, and to the end
    for upto in (mid, len(rt.trace.events)):
        a, b = Folder().feed(rec.events, upto).snapshot(), Folder().feed(rt.trace.events, upto).snapshot()
        assert (a.stranded, a.live, a.t) == (b.stranded, b.live, b.t)
    with pytest.raises(runfile.RunFileError, match="holds a preset's run, not a Go program's"):
        savefile.load_program(path)


# -- older files, made by main before the one format --

def test_an_old_main_window_go_run_opens_as_the_run_it_saved():
    p = savefile.load_program(SAVED / "program-v2.leakviz-go")
    assert p.dials == {"capacity:quit:22": 1} and p.changes == [(334, 50_000_000, "capacity:done:21", 10)]
    again, _ = run_again(p)
    rt, _prog, _ = live_run(until_ns=None)  # what the saver did, done again today
    assert again.trace.sha256() == rt.trace.sha256() and again.stranded == rt.stranded > 0


def test_an_old_preset_from_go_opens_with_its_requests():
    p = savefile.load_program(SAVED / "gateway-v2.leakviz-go")
    cfg = p.service["article"]
    assert cfg.requests == 30 and p.service["handler"] == "handler"
    again, _ = run_again(p)
    assert again.stranded == report(cfg, simulate(cfg))["stranded"] > 0  # the Go code leaks as the model does


def test_an_old_recorded_window_run_finds_its_dials_by_their_make_sites():
    p = savefile.load_program(SAVED / "program-v1.leakviz-go")
    assert p.dials == {"capacity:out:15": 1} and p.changes == [(-1, 5_000_000, "capacity:out:15", 0)]
    again, _ = run_again(p)
    files = p.files
    roomy, _ = run_again(replace(p, changes=[]))  # the capacity 1 kept all the time: no worker is stuck
    tight, _ = run_again(replace(p, dials={}, changes=[]))  # unbuffered all the time: every late worker is
    assert roomy.stranded == 0 < again.stranded < tight.stranded, (roomy.stranded, again.stranded, tight.stranded)
    assert files[0][0] == "timeout.go"


def test_an_old_recorded_window_drive_opens_as_its_requests():
    p = savefile.load_program(SAVED / "drive-v1.leakviz-go")
    assert p.service == {"handler": "handler", "requests": 7, "rate": 50.0, "path": "/", "speed": 1.0}
    again, _ = run_again(p)
    fresh = GoProgram.of(HTTP, handler="handler", requests=7, rate=50.0)
    rt, _ip = fresh.start()
    rt.run()
    assert again.trace.sha256() == rt.trace.sha256() and again.stranded > 0


# -- bad files: one line each, before anything runs --

def _json(tmp_path, doc, name="x.leakviz-go") -> Path:
    p = tmp_path / name
    p.write_text(doc if isinstance(doc, str) else json.dumps(doc))
    return p


def error_of(path) -> str:
    with pytest.raises(savefile.SaveFileError) as ei:
        savefile.load_saved(path)
    msg = str(ei.value)
    assert "\n" not in msg and len(msg) < 300, msg
    return msg


@pytest.fixture
def saved(tmp_path) -> Path:
    rt, prog, service = live_run()
    path = tmp_path / "good.leakviz-run"
    runfile.save(path, program=savefile.saved_program(HTTP, service, prog, rt.trace.events, rt.now))
    return path


def test_a_cut_file_is_truncated(saved, tmp_path):
    data = saved.read_bytes()
    for n in (10, len(data) // 2, len(data) - 9):
        (tmp_path / "cut.leakviz-run").write_bytes(data[:n])
        assert "the file is truncated" in error_of(tmp_path / "cut.leakviz-run")


def test_a_changed_source_is_damaged_and_never_runs(saved, tmp_path):
    lines = gzip.decompress(saved.read_bytes()).decode().split("\n")
    lines[0] = lines[0].replace("done <- true", "panic(1)")
    assert "panic(1)" in lines[0]
    bad = tmp_path / "bad.leakviz-run"
    bad.write_bytes(gzip.compress("\n".join(lines).encode()))
    assert "the file is damaged: its header does not match" in error_of(bad)


@pytest.mark.parametrize("version,says", [(3, "made by a newer leakviz (format version 3)"),
                                          (0, "its version must be a positive integer")])
def test_a_wrong_version_is_one_line(saved, tmp_path, version, says):
    lines = gzip.decompress(saved.read_bytes()).decode().split("\n")
    head = json.loads(lines[0])
    head["version"] = version
    bad = tmp_path / "v.leakviz-run"
    bad.write_bytes(gzip.compress("\n".join([json.dumps(head)] + lines[1:]).encode()))
    assert says in error_of(bad)


def test_what_is_not_a_run_is_one_line(tmp_path):
    assert "it is not gzip-compressed" in error_of(_json(tmp_path, "\x89PNG not a run", "p.leakviz-run"))
    assert "the file is empty" in error_of(_json(tmp_path, "", "e.leakviz-run"))
    assert "it is not valid JSON" in error_of(_json(tmp_path, "{" * 100_000))
    assert "not a saved leakviz run" in error_of(_json(tmp_path, {"some": "json"}))


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    old = tmp_path / "big.leakviz-go"
    with open(old, "wb") as f:
        f.write(b"{")
        f.truncate(savefile.MAX_BYTES + 1)
    assert "more than the" in error_of(old)
    bomb = tmp_path / "bomb.leakviz-run"  # 200 MiB of one byte in a file of about 200 KB
    z = gzip.compress(b'{"format": "leakviz-run", "version": 2, ' + b" " * (200 << 20), compresslevel=9)
    bomb.write_bytes(z)
    assert "it inflates to more than 50 times its size" in error_of(bomb)


def test_a_fifo_or_a_device_is_refused_before_a_byte_is_read(tmp_path):
    fifo = tmp_path / "f.leakviz-run"
    os.mkfifo(fifo)
    assert "FIFO" in error_of(fifo)  # would wait for a writer for ever if it were opened for reading as a file
    zero = tmp_path / "z.leakviz-go"
    os.mknod(zero, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # our own /dev/zero, in the temporary folder
    assert "character device" in error_of(zero)


V1 = {"leakviz_go": savefile.VERSION, "entry": "main", "seed": 0,
      "files": [{"path": "/x/main.go", "text": "package main\n\nfunc main() {}\n"}],
      "caps": [[0, 3, 7, 2]], "changes": [], "drive": None}


@pytest.mark.parametrize("change,says", [
    ({"caps": [[0, 3, 7, 2**31 + 1]]}, "a capacity must be a whole number from 0 to 2,147,483,648"),
    ({"caps": [[0, 3, 7, "9"]]}, "a capacity must be a whole number"),
    ({"entry": "main(); x"}, "the entry must be a Go identifier"),
    ({"drive": {"handler": "h, 1)\n\topen(\"x\")", "requests": 3, "rate": 10}}, "the handler must be a Go identifier"),
    ({"drive": {"handler": "h", "requests": 10**12, "rate": 10}}, "requests must be a whole number from 1"),
    ({"drive": {"handler": "h", "requests": 3, "rate": 1e300}}, "the request rate must be above 0"),
    ({"drive": {"handler": "h", "requests": 3, "rate": 1, "from": "not a network"}}, "not a network"),
    ({"seed": 2**80}, "the seed must be a whole number"),
    ({"files": [{"path": 3, "text": "x"}]}, "each file needs a path and a text"),
    ({"files": []}, "holds no Go files"),
    ({"leakviz_go": 999}, "made by a newer leakviz (version 999)"),
    ({"files": "nope"}, "its files must be a list"),
    ({"caps": "nope"}, "its dials must be a list of 4-number rows"),
    ({"changes": [[0, 3, 7, 1]]}, "its changes must be a list of 5-number rows"),
    ({"drive": {"requests": 3}}, "a field is missing or of the wrong kind"),
])
def test_a_bad_field_of_an_old_recorded_run_is_one_line(tmp_path, change, says):
    assert says in error_of(_json(tmp_path, {**V1, **change}))


V2 = {"leakviz_go": savefile.PROGRAM_VERSION, "entry": "main", "seed": 0,
      "files": [{"path": "/x/main.go", "text": "package main\n\nfunc main() {\n\tc := make(chan int, 1)\n\t_ = c\n}\n"}],
      "service": {}, "dials": {"capacity:c:4": 3}, "changes": [[10, 5000, "capacity:c:4", 0]]}


@pytest.mark.parametrize("change,says", [
    ({"dials": {"capacity:c:4); import os": 1}}, "a dial must be named capacity:<variable>:<line>"),
    ({"dials": {"capacity:c:4": -1}}, "a capacity must be a whole number"),
    ({"changes": [[10, 5, "capacity:c:4", 2**40]]}, "a capacity must be a whole number"),
    ({"changes": [[-5, 5, "capacity:c:4", 1]]}, "a change's event must be a whole number"),
    ({"service": {"handler": "h()"}}, "the handler must be a Go identifier"),
    ({"service": {"shell": "rm -rf"}}, "the requests' settings are not ones leakviz knows"),
    ({"service": {"sources": "not a network"}}, "not a network"),
    ({"service": {"article": {"checks": 12, "variant": "seed"}}}, "gateway.go"),
    ({"leakviz_go": 7}, "made by a newer leakviz (version 7)"),
])
def test_a_bad_field_of_an_old_live_run_is_one_line(tmp_path, change, says):
    assert says in error_of(_json(tmp_path, {**V2, **change}))


def test_an_old_live_run_reads_back_and_saves_as_the_one_format(tmp_path):
    p = savefile.load_program(_json(tmp_path, V2))
    assert p.dials == {"capacity:c:4": 3} and p.changes == [(10, 5000, "capacity:c:4", 0)]
    out = tmp_path / "again.leakviz-run"
    runfile.save(out, program=p)
    assert savefile.load_program(out) == p
