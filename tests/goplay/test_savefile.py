"""A saved Go run (.leakviz-go) is data: every hostile or damaged file is one line, nothing hangs or runs."""

from __future__ import annotations

import json
import os
import stat

import pytest

from visualizer.goplay import savefile

GOOD = {"leakviz_go": savefile.VERSION, "entry": "main", "seed": 0,
        "files": [{"path": "/x/main.go", "text": "package main\n\nfunc main() {}\n"}],
        "caps": [[0, 3, 7, 2]], "changes": [], "drive": None}


def _write(tmp_path, doc) -> str:
    p = tmp_path / "x.leakviz-go"
    p.write_text(doc if isinstance(doc, str) else json.dumps(doc))
    return str(p)


def test_a_good_file_reads_back(tmp_path):
    run = savefile.load(_write(tmp_path, GOOD))
    assert run.caps == {(0, 3, 7): 2} and run.entry == "main" and run.files[0][1].startswith(b"package main")


@pytest.mark.parametrize("change,says", [
    ({"caps": [[0, 3, 7, 2**31 + 1]]}, "a capacity must be a whole number from 0 to 2,147,483,648"),
    ({"caps": [[0, 3, 7, "9"]]}, "a capacity must be a whole number"),
    ({"entry": "main(); x"}, "the entry must be a Go identifier"),
    ({"drive": {"handler": "h, 1)\n\topen(\"x\")", "requests": 3, "rate": 10}}, "the handler must be a Go identifier"),
    ({"drive": {"handler": "h", "requests": 10**12, "rate": 10}}, "requests must be a whole number from 1"),
    ({"drive": {"handler": "h", "requests": 3, "rate": 1e300}}, "the request rate must be above 0"),
    ({"seed": 2**80}, "the seed must be a whole number"),
    ({"files": [{"path": 3, "text": "x"}]}, "each file needs a path and a text"),
    ({"leakviz_go": 999}, "made by a newer leakviz (version 999)"),
    ({"files": "nope"}, "a field is missing or of the wrong kind"),
])
def test_a_bad_field_is_one_line(tmp_path, change, says):
    with pytest.raises(savefile.SaveFileError) as ei:
        savefile.load(_write(tmp_path, {**GOOD, **change}))
    assert says in str(ei.value) and "\n" not in str(ei.value)


def test_deep_nesting_is_one_line(tmp_path):
    with pytest.raises(savefile.SaveFileError, match="it is not valid JSON"):
        savefile.load(_write(tmp_path, "[" * 100_000))


def test_a_fifo_or_a_device_is_refused_before_a_byte_is_read(tmp_path):
    fifo = tmp_path / "f.leakviz-go"
    os.mkfifo(fifo)
    with pytest.raises(savefile.SaveFileError, match="FIFO"):
        savefile.load(fifo)  # would wait for a writer for ever if it were opened for reading as a file
    zero = tmp_path / "z.leakviz-go"
    os.mknod(zero, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # our own /dev/zero, in the temporary folder
    with pytest.raises(savefile.SaveFileError, match="character device"):
        savefile.load(zero)


def test_a_file_too_large_is_refused(tmp_path):
    p = tmp_path / "big.leakviz-go"
    with open(p, "wb") as f:
        f.truncate(savefile.MAX_BYTES + 1)
    with pytest.raises(savefile.SaveFileError, match="more than the"):
        savefile.load(p)


# -- version 2: the main window's live runs --

GOOD2 = {"leakviz_go": savefile.PROGRAM_VERSION, "entry": "main", "seed": 0,
         "files": [{"path": "/x/main.go", "text": "package main\n\nfunc main() {\n\tc := make(chan int, 1)\n\t_ = c\n}\n"}],
         "service": {}, "dials": {"capacity:c:4": 3}, "changes": [[10, 5000, "capacity:c:4", 0]]}


def test_a_live_run_reads_back_and_a_version_1_file_becomes_one(tmp_path):
    run = savefile.load_program(_write(tmp_path, GOOD2))
    assert run.dials == {"capacity:c:4": 3} and run.changes == [(10, 5000, "capacity:c:4", 0)]
    old = {**GOOD, "files": GOOD2["files"], "caps": [[0, 4, 7, 2]], "changes": [[0, 4, 7, 900, 5]]}
    run = savefile.load_program(_write(tmp_path, old))
    assert run.dials == {"capacity:c:4": 2} and run.changes == [(-1, 900, "capacity:c:4", 5)]


@pytest.mark.parametrize("change,says", [
    ({"dials": {"capacity:c:4); import os": 1}}, "a dial must be named capacity:<variable>:<line>"),
    ({"dials": {"capacity:c:4": -1}}, "a capacity must be a whole number"),
    ({"changes": [[10, 5, "capacity:c:4", 2**40]]}, "a capacity must be a whole number"),
    ({"changes": [[-5, 5, "capacity:c:4", 1]]}, "a change's event must be a whole number"),
    ({"service": {"handler": "h()"}}, "the handler must be a Go identifier"),
    ({"service": {"shell": "rm -rf"}}, "the requests' settings are not ones leakviz knows"),
    ({"service": {"sources": "not a network"}}, "not a network"),
    ({"leakviz_go": 7}, "made by a newer leakviz (version 7)"),
])
def test_a_bad_field_of_a_live_run_is_one_line(tmp_path, change, says):
    with pytest.raises(savefile.SaveFileError) as ei:
        savefile.load_program(_write(tmp_path, {**GOOD2, **change}))
    assert says in str(ei.value) and "\n" not in str(ei.value)


def test_a_live_run_written_reads_back_the_same(tmp_path):
    run = savefile.load_program(_write(tmp_path, GOOD2))
    out = tmp_path / "again.leakviz-go"
    savefile.save_program(out, run)
    assert savefile.load_program(out) == run
