"""Run files: save a run, open it again later: same config, same trace, same
picture. Every way a file can be wrong gives one RunFileError that says what
is wrong, never another exception."""

import errno
import gzip
import hashlib
import json
import os
import random
import stat
from dataclasses import replace
from itertools import islice
from pathlib import Path

import pytest

from visualizer import __version__
from visualizer.core import runfile
from visualizer.core.report import simulate
from visualizer.core.runfile import FORMAT, VERSION, Recording, RunFileError, SavedProgram, load, save
from visualizer.core.scenario import Config
from visualizer.core.trace import Events, Folder, fold

CONFIGS = {
    "worked": Config(checks=10, fail=(1, 9)),
    "scripted-delays": Config(checks=4, fail=(), delays_ms=(7.5, 2.25, 30.0, 1.0), capacity_quit=1),
    "sequential-drawn": Config(checks=8, requests=30, fail_prob=0.3, bad_ip_share=0.3, seed=4),
    "concurrent": Config(checks=8, requests=60, concurrent=True, rate=2000, arrival="poisson",
                         fail_prob=0.3, bad_ip_share=0.3, jitter=0.5, capacity_done=1, seed=5),
    "buffered": Config(checks=6, capacity_done=5, capacity_quit=5, requests=20, concurrent=True,
                       rate=500.0, fail_prob=0.4, seed=2),
    "ctx": Config(variant="ctx", checks=6, requests=30, concurrent=True, rate=2000, seed=7),
    "closequit": Config(variant="closequit", checks=5, requests=25, concurrent=True, rate=3000,
                        fail_prob=0.3, seed=8),
    "drain": Config(variant="drain", checks=6, requests=30, concurrent=True, rate=2000, seed=6),
    # more than four chunks of events: the trace has compacted (marshalled) chunks
    "many-events": Config(checks=10, requests=600, concurrent=True, rate=1000.0, fail_prob=0.1, seed=3),
}


@pytest.fixture(scope="module")
def runs():
    return {name: simulate(cfg) for name, cfg in CONFIGS.items()}


@pytest.fixture(scope="module")
def good(runs, tmp_path_factory):
    """A valid saved run of a few hundred events, and its bytes."""
    path = tmp_path_factory.mktemp("good") / "run.leakviz"
    save(path, config=CONFIGS["concurrent"], events=runs["concurrent"].trace.events)
    return path, path.read_bytes()


@pytest.fixture(params=["whole", "small-steps"])
def steps(request, monkeypatch):
    """Read and decompress as usual, or a few bytes at a time, so that reads,
    decompressed steps and lines break at every kind of boundary."""
    if request.param == "small-steps":
        monkeypatch.setattr(runfile.read, "_READ", 61)
        monkeypatch.setattr(runfile.read, "_STEP", 97)
    return request.param


def content_lines(data: bytes) -> list[str]:
    text = gzip.decompress(data).decode()
    assert text.endswith("\n")
    return text[:-1].split("\n")


def rewrap(tmp_path, lines, *, name="edited.leakviz", end="\n") -> str:
    """A properly gzipped file of these lines: only the content is wrong."""
    path = tmp_path / name
    path.write_bytes(gzip.compress(("\n".join(lines) + end).encode(), mtime=0))
    return path


def reseal(lines: list[str]) -> list[str]:
    """``lines`` with the footer's record of the header made to match an edited header (version 2)."""
    footer = json.loads(lines[-1])
    footer["header"] = hashlib.sha256(lines[0].encode()).hexdigest()
    return lines[:-1] + [json.dumps(footer)]


def load_error(path) -> str:
    with pytest.raises(RunFileError) as info:
        load(path)
    msg = str(info.value)
    assert "\n" not in msg and msg.strip() == msg and len(msg) < 300, msg
    return msg


def assert_no_litter(folder, expected=()):
    assert sorted(os.listdir(folder)) == sorted(expected)


# -- the round trip --

@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_round_trip_gives_the_same_config_events_hash_and_picture(steps, runs, tmp_path, name):
    cfg = CONFIGS[name]
    rt = runs[name]
    events = rt.trace.events
    path = tmp_path / "run.leakviz"
    save(path, config=cfg, events=events)
    assert_no_litter(tmp_path, ["run.leakviz"])

    rec = load(path)
    assert isinstance(rec, Recording)
    assert rec.config == cfg
    assert rec.config.to_json() == cfg.to_json()
    assert type(rec.config.fail) is type(cfg.fail) and type(rec.config.delays_ms) is type(cfg.delays_ms)
    original = list(events)
    assert len(rec.events) == len(original)
    assert list(rec.events) == original
    assert list(map(repr, rec.events)) == list(map(repr, original))  # True stays True, not 1
    assert all(type(e) is tuple for e in rec.events)
    assert rec.sha256 == events.sha256() == rt.trace.sha256()
    again = Events()
    again.tail.extend(rec.events)
    assert again.sha256() == rec.sha256
    assert rec.saved_by == f"leakviz {__version__}"
    assert rec.events[0] == (0, "config", cfg.to_json())
    assert Folder().feed(rec.events).snapshot() == fold(rt.trace)
    if name == "many-events":
        assert len(events) > 4 * Events.CHUNK
        assert any(e[1] == "stranded" for e in rec.events)


def test_the_same_run_saves_to_the_same_bytes(runs, tmp_path):
    cfg = CONFIGS["concurrent"]
    save(tmp_path / "a", config=cfg, events=runs["concurrent"].trace.events)
    save(tmp_path / "b", config=cfg, events=runs["concurrent"].trace.events)
    rec = load(tmp_path / "a")
    save(tmp_path / "c", config=rec.config, events=rec.events)  # a plain list
    assert (tmp_path / "a").read_bytes() == (tmp_path / "b").read_bytes() == (tmp_path / "c").read_bytes()


def test_save_overwrites_an_existing_run(runs, tmp_path):
    path = tmp_path / "run.leakviz"
    save(path, config=CONFIGS["worked"], events=runs["worked"].trace.events)
    path.chmod(0o640)
    save(path, config=CONFIGS["ctx"], events=runs["ctx"].trace.events)
    assert load(path).config == CONFIGS["ctx"]
    assert path.stat().st_mode & 0o777 == 0o640
    assert_no_litter(tmp_path, ["run.leakviz"])


def test_every_kind_of_field_round_trips_from_a_plain_list(tmp_path):
    events = [
        (0, "config", Config().to_json()),
        (1, "odd", 1.5, -0.0, 1e300, float("inf"), float("-inf"), None, True, False, 0, -7, 10**40),
        (2, "text", "", "中文 ✓", "tab\there \"quoted\" \\ back", "\x00\x1f", "\ud800 lone surrogate", "[{]}"),
        (3, "nest", (), ((),), (1, (2, (3, ("deep", None)))), ("done", "quit"), (True,)),
        (3, "go", 7, 0, "check", -1, -1),
        (4, "stranded", 7, 192, 12345),  # hashed without its last field
        (5, "nan", float("nan")),
        (6, "x"),
    ]
    path = tmp_path / "odd.leakviz"
    save(path, config=Config(), events=events)
    rec = load(path)
    assert list(map(repr, rec.events)) == list(map(repr, events))
    ev = Events()
    ev.tail.extend(events)
    assert rec.sha256 == ev.sha256()
    with_other_bytes = Events()
    with_other_bytes.tail.extend(events[:5] + [(4, "stranded", 7, 192, 99)] + events[6:])
    assert with_other_bytes.sha256() == rec.sha256


def test_an_empty_trace_round_trips(tmp_path):
    save(tmp_path / "empty.leakviz", config=Config(), events=[])
    rec = load(tmp_path / "empty.leakviz")
    assert list(rec.events) == [] and rec.config == Config()


def test_the_file_is_as_the_docstring_says(good):
    _path, data = good
    assert data[:2] == b"\x1f\x8b" and data[2] == 8  # gzip, deflate
    lines = content_lines(data)
    header = json.loads(lines[0])
    assert list(header) == ["format", "version", "saved_by", "run", "config", "events", "sha256"]
    assert header["format"] == FORMAT == "leakviz-run"
    assert header["version"] == VERSION == 2
    assert header["saved_by"] == f"leakviz {__version__}"
    assert header["run"] == "preset"
    assert header["config"] == json.loads(CONFIGS["concurrent"].to_json())
    assert len(lines) == header["events"] + 2
    assert json.loads(lines[-1]) == {"end": header["events"], "sha256": header["sha256"],
                                     "header": hashlib.sha256(lines[0].encode()).hexdigest()}
    for line in lines[1:-1]:
        assert line.startswith("[") and line.endswith("]")
        assert isinstance(json.loads(line), list)
    park = next(json.loads(x) for x in lines if x.startswith('[') and '"park"' in x)
    assert isinstance(park[4], list)


def test_a_file_recompressed_by_any_gzip_still_loads(good, tmp_path):
    _path, data = good
    path = tmp_path / "regzipped.leakviz"
    with open(path, "wb") as raw, gzip.GzipFile("some name.txt", "wb", 9, raw, mtime=1234567890) as f:
        f.write(gzip.decompress(data))
    assert path.read_bytes()[3] & 0x08  # the gzip header now holds a file name
    assert load(path).sha256 == load(good[0]).sha256


def test_load_accepts_str_and_pathlike(good):
    path, _ = good
    assert load(str(path)).config == load(path).config == CONFIGS["concurrent"]


# -- saving: refused, and atomic --

def _dropped_chunks_events(runs) -> Events:
    ev = Events()
    ev.max_chunks = 1
    ev.tail.extend(islice(iter(runs["many-events"].trace.events), 4 * Events.CHUNK))
    ev.compact(keep=0)
    assert ev.first > 0
    return ev


def test_save_refuses_a_run_whose_oldest_events_were_forgotten(runs, tmp_path):
    ev = _dropped_chunks_events(runs)
    with pytest.raises(RunFileError) as info:
        save(tmp_path / "run.leakviz", config=CONFIGS["many-events"], events=ev)
    msg = str(info.value)
    assert "forgotten" in msg and "cannot be saved whole" in msg and f"{ev.first:,}" in msg
    assert_no_litter(tmp_path)


def test_save_refuses_an_invalid_config(runs, tmp_path):
    with pytest.raises(RunFileError, match="checks must be between 1 and 256"):
        save(tmp_path / "run.leakviz", config=Config(checks=0), events=runs["worked"].trace.events)
    assert_no_litter(tmp_path)


@pytest.mark.parametrize("bad,words", [
    ((3, "x", [1, 2]), "event 2 cannot be saved: it holds a list"),
    ((3, "x", {"a": 1}), "event 2 cannot be saved: it holds a dict"),
    ((3, "x", (1, {2})), "event 2 cannot be saved: it holds a set"),
    ([3, "x"], "event 2 is not a (time, kind, ...) tuple"),
    ((3,), "event 2 is not a (time, kind, ...) tuple"),
    ((True, "x"), "event 2 is not a (time, kind, ...) tuple"),
])
def test_save_refuses_events_that_would_not_load_back_the_same(tmp_path, bad, words):
    events = [(0, "config", "{}"), (1, "ok", 1), bad, (4, "ok", 2)]
    with pytest.raises(RunFileError) as info:
        save(tmp_path / "run.leakviz", config=Config(), events=events)
    assert words in str(info.value)
    assert_no_litter(tmp_path)


class _FailingEvents(Events):
    """A trace whose iteration dies part-way, as a full disk would during a save."""

    def __init__(self, events, fail_after, exc, folder):
        super().__init__()
        self.tail.extend(events)
        self.fail_after = fail_after
        self.exc = exc
        self.folder = folder
        self.seen_while_writing = None

    def __iter__(self):
        yield from islice(super().__iter__(), self.fail_after)
        self.seen_while_writing = sorted(os.listdir(self.folder))
        raise self.exc


@pytest.mark.parametrize("exc,raised", [
    (OSError(errno.ENOSPC, "No space left on device"), RunFileError),
    (RuntimeError("the process is dying"), RuntimeError),
    (KeyboardInterrupt(), KeyboardInterrupt),
])
def test_a_save_that_fails_mid_write_leaves_nothing_under_the_real_name(runs, tmp_path, exc, raised):
    events = list(runs["many-events"].trace.events)
    ev = _FailingEvents(events, 3 * runfile.format._BATCH + 17, exc, tmp_path)
    with pytest.raises(raised) as info:
        save(tmp_path / "run.leakviz", config=CONFIGS["many-events"], events=ev)
    if raised is RunFileError:
        assert "cannot save" in str(info.value) and "no space left" in str(info.value)
    # while it wrote, the data went to a temporary file, not to the real name
    assert len(ev.seen_while_writing) == 1 and ev.seen_while_writing[0] != "run.leakviz"
    assert ev.seen_while_writing[0].endswith(".tmp")
    assert_no_litter(tmp_path)


def test_a_failed_save_keeps_the_previous_file_intact(runs, tmp_path):
    path = tmp_path / "run.leakviz"
    save(path, config=CONFIGS["worked"], events=runs["worked"].trace.events)
    before = path.read_bytes()
    ev = _FailingEvents(list(runs["many-events"].trace.events), 2 * runfile.format._BATCH,
                        OSError(errno.EIO, "Input/output error"), tmp_path)
    with pytest.raises(RunFileError, match="input/output error"):
        save(path, config=CONFIGS["many-events"], events=ev)
    assert path.read_bytes() == before
    assert load(path).config == CONFIGS["worked"]
    assert_no_litter(tmp_path, ["run.leakviz"])


@pytest.mark.parametrize("where", ["replace", "fsync"])
def test_a_save_that_fails_before_the_rename_leaves_no_litter(runs, tmp_path, monkeypatch, where):
    def fail(*_a, **_k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, where, fail)
    with pytest.raises(RunFileError, match="cannot save .*run.leakviz: permission denied"):
        save(tmp_path / "run.leakviz", config=CONFIGS["worked"], events=runs["worked"].trace.events)
    monkeypatch.undo()
    assert_no_litter(tmp_path)


def test_save_into_a_folder_that_does_not_exist_or_onto_a_folder(runs, tmp_path):
    ev = runs["worked"].trace.events
    with pytest.raises(RunFileError, match="cannot save .*run.leakviz: the folder .*nope does not exist"):
        save(tmp_path / "nope" / "run.leakviz", config=CONFIGS["worked"], events=ev)
    (tmp_path / "dir").mkdir()
    with pytest.raises(RunFileError, match="it is a folder"):
        save(tmp_path / "dir", config=CONFIGS["worked"], events=ev)
    assert_no_litter(tmp_path, ["dir"])
    assert_no_litter(tmp_path / "dir")


# -- loading what is not there, or not a run --

def test_load_a_missing_file(tmp_path):
    assert "no such file" in load_error(tmp_path / "missing.leakviz")


def test_load_a_folder(tmp_path):
    msg = load_error(tmp_path)
    assert "is a folder" in msg and "not a leakviz run" in msg


def test_load_an_unreadable_file(good, monkeypatch):
    def deny(*_a, **_k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", deny)
    msg = load_error(good[0])
    assert "cannot read" in msg and "permission denied" in msg


def test_load_a_file_whose_reading_fails_part_way(good, monkeypatch):
    real_open = open

    class Flaky:
        def __init__(self, f):
            self.f = f
            self.reads = 0

        def read(self, n):
            self.reads += 1
            if self.reads > 1:
                raise OSError(errno.EIO, "Input/output error")
            return self.f.read(100)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

    from visualizer.core import atomic  # where run files (and every reader's files) are opened
    monkeypatch.setattr(atomic, "open", lambda p, mode: Flaky(real_open(p, mode)), raising=False)
    msg = load_error(good[0])
    assert "cannot read" in msg and "input/output error" in msg


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND"
       b"\xaeB`\x82")


@pytest.mark.parametrize("data", [
    PNG,
    bytes(random.Random(1).randrange(256) for _ in range(5000)),
    b"just some text\n",
    b"\x1f",  # one byte: not even the gzip magic
    b'{"format": "leakviz-run", "version": 1}\n',  # the content, not compressed
], ids=["png", "random", "text", "one-byte", "uncompressed"])
def test_load_what_is_not_gzip(tmp_path, data):
    path = tmp_path / "x.leakviz"
    path.write_bytes(data)
    msg = load_error(path)
    assert "not a leakviz run file" in msg and "gzip" in msg


def test_load_an_empty_file(tmp_path):
    (tmp_path / "empty.leakviz").write_bytes(b"")
    msg = load_error(tmp_path / "empty.leakviz")
    assert "empty" in msg and "not a leakviz run" in msg


@pytest.mark.parametrize("content", [
    b"",
    b"hello\n",
    b"[1, 2, 3]\n",
    b'{"format": "something-else", "version": 1}\n',
    b'{"some": "json"}\n[0, "go"]\n',
    b"\x89PNG\r\n\x1a\n",
    b'{"format": "leakviz-run"' + b" " * (2 << 20),  # a header line with no end
], ids=["nothing", "text", "array", "other-format", "other-json", "png", "endless"])
def test_load_gzip_that_is_not_a_run(tmp_path, content, monkeypatch):
    monkeypatch.setattr(runfile.read, "_MAX_HEADER", 1 << 20)  # a program's header may be 64 MiB: not here
    path = tmp_path / "x.leakviz"
    path.write_bytes(gzip.compress(content))
    msg = load_error(path)
    assert "not a leakviz run file" in msg
    if content.endswith(b"  "):
        assert "far too long" in msg  # it stops reading, rather than hold it all


def test_load_a_run_from_a_newer_leakviz(good, tmp_path):
    lines = content_lines(good[1])
    header = json.loads(lines[0])
    header["version"] = 3
    header["new_thing"] = {"we": "cannot know"}
    msg = load_error(rewrap(tmp_path, [json.dumps(header)] + lines[1:]))
    assert "made by a newer leakviz (format version 3); this one reads versions 1 to 2" in msg


@pytest.mark.parametrize("edit,words", [
    (lambda h: h.update(version="1"), "version must be a positive integer"),
    (lambda h: h.update(version=0), "version must be a positive integer"),
    (lambda h: h.update(version=True), "version must be a positive integer"),
    (lambda h: h.pop("version"), "version must be a positive integer"),
    (lambda h: h.pop("config"), "it has no 'config'"),
    (lambda h: h.pop("events"), "it has no 'events'"),
    (lambda h: h.pop("saved_by"), "it has no 'saved_by'"),
    (lambda h: h.update(events=-1), "'events' must be a count"),
    (lambda h: h.update(events="12"), "'events' must be a count"),
    (lambda h: h.update(sha256="abc"), "'sha256' must be 64 lowercase hex digits"),
    (lambda h: h.update(sha256=h["sha256"].upper()), "'sha256' must be 64 lowercase hex digits"),
    (lambda h: h.update(saved_by=3), "'saved_by' must be text"),
    (lambda h: h.update(config=[1, 2]), "its config is not a JSON object"),
])
def test_load_a_malformed_header(good, tmp_path, edit, words):
    lines = content_lines(good[1])
    header = json.loads(lines[0])
    edit(header)
    msg = load_error(rewrap(tmp_path, [json.dumps(header)] + lines[1:]))
    assert "header is malformed" in msg and words in msg, msg


def test_load_a_header_that_is_not_json(good, tmp_path):
    lines = content_lines(good[1])
    msg = load_error(rewrap(tmp_path, [lines[0][:-1]] + lines[1:]))
    assert "header is malformed" in msg and "not valid JSON" in msg


@pytest.mark.parametrize("change,words", [
    ({"variant": "nope"}, "its config is invalid: unknown variant 'nope'"),
    ({"checks": 0}, "its config is invalid: checks must be between 1 and 256, got 0"),
    ({"fail": [99]}, "its config is invalid: failing check index 99 is out of range 0..7"),
    ({"fail_prob": 1.5}, "its config is invalid: fail prob must be between 0 and 1, got 1.5"),
    ({"delays_ms": [1.0, 2.0]}, "its config is invalid: delays lists 2 values for 8 checks"),
    ({"checks": "ten"}, "its config is invalid: checks must be a whole number"),
    ({"checks": 8.0}, "its config is invalid: checks must be a whole number"),
    ({"concurrent": 1}, "its config is invalid: concurrent must be true or false"),
    ({"rate": "fast"}, "its config is invalid: rate must be a number"),
    ({"fail": "1,9"}, "its config is invalid: fail must be null or a list of whole numbers"),
    ({"delays_ms": [1, "x"]}, "its config is invalid: delays_ms must be null or a list of numbers"),
    ({"speed": 3}, "its config has an unknown setting 'speed'"),
    ({"seed": 4294967296}, "its config is invalid: seed must be a whole number between 0 and 2147483647"),
])
def test_load_a_config_that_is_not_valid(good, tmp_path, change, words):
    lines = content_lines(good[1])
    header = json.loads(lines[0])
    header["config"].update(change)
    msg = load_error(rewrap(tmp_path, [json.dumps(header)] + lines[1:]))
    assert words in msg, msg


def test_a_config_setting_left_out_takes_its_default(good, tmp_path):
    lines = content_lines(good[1])
    header = json.loads(lines[0])
    del header["config"]["jitter"]  # as a file from before the setting existed would
    rec = load(rewrap(tmp_path, reseal([json.dumps(header)] + lines[1:])))
    assert rec.config.jitter == Config().jitter
    assert rec.sha256 == header["sha256"]


# -- malformed, truncated, damaged --

@pytest.mark.parametrize("line,words", [
    ("not json", "it is not a JSON array"),
    ("", "it is not a JSON array"),
    (' [0,"go"]', "it is not a JSON array"),
    ('[0,"go"', "invalid JSON"),
    ('[0,"go"] ', "there is text after its JSON array"),
    ('[0,"go"],[1,"go"]', "there is text after its JSON array"),
    ('["0","go"]', "an event starts with an integer time and a kind"),
    ('[true,"go"]', "an event starts with an integer time and a kind"),
    ("[0]", "an event starts with an integer time and a kind"),
    ("[0,1]", "an event starts with an integer time and a kind"),
    ("[]", "an event starts with an integer time and a kind"),
    ('[0,"go",{"a":1}]', "it holds a JSON object"),
    ('[0,"go",[1,{"a":1}]]', "it holds a JSON object"),
    ('[0,"go",[[[{}]]]]', "it holds a JSON object"),
    ("[" * 100_000 + "]" * 100_000, "nests too deep"),
    ('{"a": 1}', 'the last line must be {"end": N, "sha256": "...", "header": "..."}'),
    ('{"end": 1', "its last line is not valid JSON"),
])
def test_load_a_malformed_event_line(steps, good, tmp_path, line, words):
    lines = content_lines(good[1])
    lines[2] = line
    msg = load_error(rewrap(tmp_path, lines))
    assert "line 3 is malformed" in msg and words in msg, msg


def test_truncating_the_file_anywhere_says_truncated(steps, good, tmp_path):
    _path, data = good
    offsets = sorted({2, 3, 9, 10, 11, len(data) - 9, len(data) - 8, len(data) - 1}
                     | set(random.Random(3).sample(range(12, len(data) - 9), 12)))
    assert len(offsets) == 20
    for k in offsets:
        path = tmp_path / f"cut{k}.leakviz"
        path.write_bytes(data[:k])
        msg = load_error(path)
        assert "truncated" in msg, (k, msg)
    (tmp_path / "cut0").write_bytes(data[:0])
    assert "empty" in load_error(tmp_path / "cut0")
    (tmp_path / "cut1").write_bytes(data[:1])
    assert "not gzip-compressed" in load_error(tmp_path / "cut1")


def test_content_cut_short_says_truncated(steps, good, tmp_path):
    lines = content_lines(good[1])
    n = len(lines) - 2
    msg = load_error(rewrap(tmp_path, lines[:-1], name="a"))
    assert "truncated" in msg and f"after {n:,} of {n:,} events" in msg and "closing line" in msg
    msg = load_error(rewrap(tmp_path, lines[:40], name="b"))
    assert "truncated" in msg and f"after 39 of {n:,} events" in msg
    msg = load_error(rewrap(tmp_path, lines[:40] + [lines[40][:7]], name="c", end=""))
    assert "truncated" in msg and "in the middle of line 41" in msg
    msg = load_error(rewrap(tmp_path, lines, name="d", end=""))  # even the final newline counts
    assert "truncated" in msg
    msg = load_error(rewrap(tmp_path, lines[:1], name="e"))
    assert "truncated" in msg and f"after 0 of {n:,} events" in msg


def test_the_wrong_event_count_says_damaged(good, tmp_path):
    lines = content_lines(good[1])
    n = len(lines) - 2
    msg = load_error(rewrap(tmp_path, lines[:5] + lines[6:], name="a"))
    assert "damaged" in msg and f"holds {n - 1:,} events but its header says {n:,}" in msg
    msg = load_error(rewrap(tmp_path, lines[:5] + lines[5:-1] * 1 + [lines[5], lines[-1]], name="b"))
    assert "damaged" in msg and f"holds more events than the {n:,} its header says" in msg


def test_an_altered_event_says_damaged(good, tmp_path):
    lines = content_lines(good[1])
    # an event whose time can move on by 1 ns and stay in order: only the hash can tell
    i = next(i for i in range(10, len(lines) - 2) if json.loads(lines[i + 1])[0] > json.loads(lines[i])[0] + 1)
    ev = json.loads(lines[i])
    ev[0] += 1
    lines[i] = json.dumps(ev, separators=(",", ":"))
    msg = load_error(rewrap(tmp_path, lines))
    assert "damaged" in msg and "do not match their sha256" in msg


def test_swapped_events_say_damaged(good, tmp_path):
    lines = content_lines(good[1])
    lines[10], lines[11] = lines[11], lines[10]
    assert lines[10] != lines[11]
    assert "do not match their sha256" in load_error(rewrap(tmp_path, lines))


def test_a_footer_that_disagrees_with_the_header_says_damaged(good, tmp_path):
    lines = content_lines(good[1])
    footer = json.loads(lines[-1])
    msg = load_error(rewrap(tmp_path, lines[:-1] + [json.dumps({**footer, "end": footer["end"] + 1})], name="a"))
    assert "damaged" in msg and "disagree" in msg
    msg = load_error(rewrap(tmp_path, lines[:-1] + [json.dumps({**footer, "sha256": "0" * 64})], name="b"))
    assert "damaged" in msg and "disagree" in msg


def test_data_after_the_end_says_damaged(steps, good, tmp_path):
    lines = content_lines(good[1])
    assert "data after its last line" in load_error(rewrap(tmp_path, lines + [lines[5]], name="a"))
    assert "data after its last line" in load_error(rewrap(tmp_path, lines + [""], name="b"))
    assert "data after its last line" in load_error(rewrap(tmp_path, lines + ["x"], name="c", end=""))
    path = tmp_path / "d"
    path.write_bytes(good[1] + b"trailing junk")
    assert "damaged" in load_error(path) and "data after its end" in load_error(path)
    path.write_bytes(good[1] + good[1])  # two gzip members
    assert "data after its end" in load_error(path)


def test_text_that_is_not_utf8_says_damaged(steps, good, tmp_path):
    text = gzip.decompress(good[1])
    lines = text.split(b"\n")
    lines[7] = lines[7].replace(b'"', b'"\xff', 1)
    path = tmp_path / "x"
    path.write_bytes(gzip.compress(b"\n".join(lines)))
    msg = load_error(path)
    assert "damaged" in msg and "line 8 is not valid UTF-8" in msg


def test_flipped_bytes_say_damaged(steps, good, tmp_path):
    _path, data = good
    # bytes 4-9 of a gzip header (time, flags for the compressor, OS) carry no
    # data and are not checked; everything else is
    offsets = sorted({0, 1, 2, 3, 10, 11, 12, len(data) - 8, len(data) - 5, len(data) - 1}
                     | set(random.Random(5).sample(range(13, len(data) - 12), 20)))
    for k in offsets:
        flipped = bytearray(data)
        flipped[k] ^= 0xFF
        path = tmp_path / f"flip{k}"
        path.write_bytes(bytes(flipped))
        msg = load_error(path)
        if k < 2:
            assert "not gzip-compressed" in msg, (k, msg)
        else:
            assert "damaged" in msg or "truncated" in msg, (k, msg)


def test_a_damaged_or_cut_stream_is_named_before_the_garbled_text_it_gives(steps, good, tmp_path):
    """Text garbled by a damaged gzip stream reads as a malformed line; the
    real cause, the damage, is what the message must say."""
    lines = content_lines(good[1])
    lines[2] = "garbled"
    data = rewrap(tmp_path, lines).read_bytes()
    assert "line 3 is malformed" in load_error(tmp_path / "edited.leakviz")  # the stream itself is fine
    path = tmp_path / "crc"
    path.write_bytes(data[:-8] + bytes([data[-8] ^ 1]) + data[-7:])  # the stored CRC-32
    msg = load_error(path)
    assert "damaged" in msg and "corrupt" in msg and "malformed" not in msg, msg
    path.write_bytes(data[:-3])
    msg = load_error(path)
    assert "truncated" in msg and "malformed" not in msg, msg


def test_changed_characters_in_the_content_never_load(good, tmp_path):
    """Any single character changed in an event line is caught: by the JSON,
    the line's shape, or the hash (the measured bytes of a ``stranded`` event,
    which the hash leaves out, are left alone here)."""
    lines = content_lines(good[1])
    rng = random.Random(11)
    candidates = [i for i in range(1, len(lines) - 1) if '"stranded"' not in lines[i]]
    alphabet = '0123456789[]{},:"\\ -.eEtrufalsn\x00é'
    tried = 0
    while tried < 40:
        i = rng.choice(candidates)
        line = lines[i]
        k = rng.randrange(len(line))
        c = rng.choice(alphabet)
        if c == line[k]:
            continue
        tried += 1
        edited = list(lines)
        edited[i] = line[:k] + c + line[k + 1:]
        load_error(rewrap(tmp_path, edited, name=f"m{tried}"))


def test_garbage_of_every_shape_gives_a_run_file_error(steps, tmp_path):
    rng = random.Random(2)
    blobs = []
    for n in (2, 3, 10, 100, 5000):
        blobs.append(bytes(rng.randrange(256) for _ in range(n)))
        blobs.append(b"\x1f\x8b" + bytes(rng.randrange(256) for _ in range(n)))
        blobs.append(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(rng.randrange(256) for _ in range(n)))
        blobs.append(gzip.compress(bytes(rng.randrange(256) for _ in range(n))))
        blobs.append(gzip.compress(b"{" + bytes(rng.randrange(32, 127) for _ in range(n)) + b"\n"))
    for i, blob in enumerate(blobs):
        path = tmp_path / f"g{i}"
        path.write_bytes(blob)
        load_error(path)


# -- adversarial files (issue: reliability round two) --

def _hashed_file(tmp_path, events, *, name="shaped.leakviz", header_events=None):
    """A file with a right hash, count and gzip: only the events' shapes can be wrong."""
    ev = Events()
    ev.tail.extend(events)
    sha = ev.sha256()
    n = len(events) if header_events is None else header_events
    head = {"format": "leakviz-run", "version": 1, "saved_by": "test", "config": json.loads(Config().to_json()),
            "events": n, "sha256": sha}
    lines = [json.dumps(head)] + [json.dumps(list(e), separators=(",", ":")) for e in events]
    lines.append(json.dumps({"end": n, "sha256": sha}))
    return rewrap(tmp_path, lines, name=name)


@pytest.mark.parametrize(("events", "words"), [
    ([(0, "go")], "line 2 is malformed: a go event is"),
    ([(0, "go", 1, 0, "main", -1, -1), (0, "park", 1, "send")], "line 3 is malformed: a park event is"),
    ([(0, "go", 1, 0, "main", -1, -1), (0, "park", 1, "send", (1, 2), (True,), ("a",))], "park event is"),
    ([(0, "park", 9, "send", (1,), (True,), ("done",))], "goroutine 9 was not started"),
    ([(0, "go", 1, 0, "main", -1, -1), (0, "exit", 1), (0, "wake", 1)], "line 4 is malformed: goroutine 1"),
    ([(0, "go", 1, 0, "main", -1, -1), (0, "go", 1, 0, "main", -1, -1)], "goroutine 1 is started twice"),
    ([(5, "config", "{}"), (4, "config", "{}")], "before the event before it"),
    ([(0, "make", "1", "done", 0, -1)], "a make event is"),
    ([(0, "stranded", 1, 2)], "a stranded event is"),
])
def test_misshapen_events_with_a_valid_hash_are_refused_while_reading(tmp_path, events, words):
    msg = load_error(_hashed_file(tmp_path, events))
    assert words in msg


def test_every_refused_shape_is_one_the_fold_cannot_take(tmp_path):
    """Why the shapes are checked: the fold dies on what they refuse."""
    from visualizer.core.trace import Folder
    for events in ([(0, "go")], [(0, "park", 9, "send", (1,), (True,), ("done",))]):
        with pytest.raises((ValueError, KeyError, IndexError)):
            Folder().feed(events)


def test_save_refuses_what_load_would_refuse(tmp_path):
    with pytest.raises(RunFileError, match="cannot save .*event 1 goroutine 4 was not started"):
        save(tmp_path / "x.leakviz", config=Config(), events=[(0, "config", "{}"), (1, "wake", 4)])
    assert_no_litter(tmp_path)


def test_more_events_than_the_header_says_stops_reading_early(tmp_path, monkeypatch):
    """An 87 KB file of 5,000,000 events under a header that says 1 used to
    load them all (450 MB) before refusing; now it stops at the first batch."""
    events = [(0, "config", "{}")] + [(0, "x", i) for i in range(300_000)]
    seen = []
    real = runfile.read._check_shapes
    monkeypatch.setattr(runfile.read, "_check_shapes", lambda ev, live, t: (seen.append(len(ev)), real(ev, live, t))[1])
    msg = load_error(_hashed_file(tmp_path, events, header_events=1))
    assert "holds more events than the 1 its header says" in msg
    assert sum(seen) == 0  # refused before a single event's shape was even checked


def test_a_gzip_bomb_is_refused_before_it_fills_memory(tmp_path):
    head = {"format": "leakviz-run", "version": 1, "saved_by": "test", "config": {}, "events": 10**9,
            "sha256": "0" * 64}
    path = tmp_path / "bomb.leakviz"
    with gzip.open(path, "wb", compresslevel=6) as f:
        f.write((json.dumps(head) + "\n").encode())
        line = b'[0,"x"]\n' * 100_000
        for _ in range(250):  # 200 MB of lines, a file of a few hundred KB
            f.write(line)
    assert path.stat().st_size < 2 << 20
    msg = load_error(path)
    assert "inflates to more than 50 times its size" in msg


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.leakviz"
    os.mkfifo(fifo)
    msg = load_error(fifo)  # before the fix, this never returned
    assert "is a FIFO (named pipe), not a leakviz run file" in msg


def test_a_device_node_is_refused(tmp_path):
    node = tmp_path / "null"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # our own /dev/null, in a temp folder
    msg = load_error(node)
    assert "is a character device, not a leakviz run file" in msg


def test_a_loaded_run_is_compacted_as_it_is_read(runs, tmp_path):
    """Peak memory: the events never sit all at once as tuples."""
    path = tmp_path / "big.leakviz"
    save(path, config=CONFIGS["many-events"], events=runs["many-events"].trace.events)
    rec = load(path)
    assert len(rec.events) > 3 * Events.CHUNK
    assert isinstance(rec.events, Events)
    assert len(rec.events.tail) <= 2 * Events.CHUNK
    assert rec.events.sha256() == runs["many-events"].trace.sha256()


# -- version 2: a Go program's run, the header's own hash; version 1 still read --

SAVED = Path(__file__).parent / "data" / "saved"  # files main wrote before version 2 (see its README)


def test_a_version_1_file_made_by_an_older_leakviz_opens_as_the_same_run():
    rec = load(SAVED / "preset-v1.leakviz-run")
    assert rec.program is None and rec.saved_by == "leakviz 0.1.0"
    rt = simulate(rec.config)  # the same config run today: the very trace the file holds
    assert rec.config.requests == 12 and len(rec.events) == len(rt.trace.events)
    assert rec.sha256 == rt.trace.sha256()
    assert Folder().feed(rec.events).snapshot().stranded == Folder().feed(rt.trace.events).snapshot().stranded > 0


def test_an_edited_header_says_damaged(good, tmp_path):
    lines = content_lines(good[1])
    header = json.loads(lines[0])
    header["config"]["seed"] += 1  # still a valid config: only the footer's hash of the header can tell
    msg = load_error(rewrap(tmp_path, [json.dumps(header)] + lines[1:]))
    assert msg.endswith("the file is damaged: its header does not match the sha256 its closing line records")


def test_a_version_2_footer_on_a_version_1_header_is_malformed(good, tmp_path):
    lines = content_lines(good[1])
    header = json.loads(lines[0])
    header["version"] = 1
    msg = load_error(rewrap(tmp_path, [json.dumps(header)] + lines[1:]))
    assert 'the last line must be {"end": N, "sha256": "..."}' in msg


def _program(**change) -> SavedProgram:
    p = SavedProgram([("m.go", "package main\n\n// ünïcode\nfunc main() { c := make(chan int)\n_ = c }\n".encode())],
                     {"handler": "h", "requests": 9, "rate": 100.0, "path": "/x"}, "main", 7,
                     {"capacity:c:4": 2}, [(120, 5_000_000, "capacity:c:4", 0)], None,
                     {"events": 300, "t_ns": 9_000_000, "sha256": "ab" * 32})
    return replace(p, **change)


def test_a_program_run_round_trips_as_data(tmp_path):
    path = tmp_path / "p.leakviz-run"
    save(path, program=_program())
    rec = load(path)
    assert rec.program == _program() and rec.config is None and len(rec.events) == 0
    lines = content_lines(path.read_bytes())
    header = json.loads(lines[0])
    assert len(lines) == 2 and header["run"] == "program" and header["events"] == 0 and "config" not in header
    assert header["program"]["files"] == [{"path": "m.go", "text": _program().files[0][1].decode()}]


@pytest.mark.parametrize("edit,words", [
    (lambda h: h.update(events=1), "a program's run holds no events"),
    (lambda h: h.update(run="movie"), 'its "run" must be "preset" or "program"'),
    (lambda h: h.pop("run"), 'its "run" must be "preset" or "program"'),
    (lambda h: h.pop("program"), "it has no 'program'"),
    (lambda h: h["program"].update(files=[]), "holds no Go files"),
    (lambda h: h["program"].update(files=[{"path": "m.go"}]), "each file needs a path and a text"),
    (lambda h: h["program"].update(files=[{"path": "m.go", "text": "x" * (5 << 20)}]), "larger than 4 MiB"),
    (lambda h: h["program"].update(entry="main(); os.Exit(1)"), "the entry must be a Go identifier"),
    (lambda h: h["program"]["service"].update(handler="h, 1)\n\topen(\"x\")"), "the handler must be a Go identifier"),
    (lambda h: h["program"]["service"].update(requests=10**9), "requests must be a whole number from 1"),
    (lambda h: h["program"]["service"].update(shell="rm -rf"), "the requests' settings are not ones leakviz knows"),
    (lambda h: h["program"]["service"].update(article={"checks": 0}), "its config is invalid"),
    (lambda h: h["program"].update(dials={"os.Exit": 1}), "a dial must be named capacity:<variable>:<line>"),
    (lambda h: h["program"].update(dials={"capacity:c:4": 2**40}), "a capacity must be a whole number"),
    (lambda h: h["program"].update(changes=[[1, 2, "capacity:c:4"]]), "a change is [event, time, dial, capacity]"),
    (lambda h: h["program"].update(seed=2**80), "the seed must be a whole number"),
    (lambda h: h["program"].update(ran={"events": 1}), "what it ran must be"),
    (lambda h: h["program"].update(files="nope"), "its files must be a list"),
])
def test_a_bad_program_is_one_line(tmp_path, edit, words):
    path = tmp_path / "p.leakviz-run"
    save(path, program=_program())
    lines = content_lines(path.read_bytes())
    header = json.loads(lines[0])
    edit(header)
    msg = load_error(rewrap(tmp_path, reseal([json.dumps(header)] + lines[1:])))
    assert words in msg, msg


def test_a_changed_source_says_damaged(tmp_path):
    path = tmp_path / "p.leakviz-run"
    save(path, program=_program())
    lines = content_lines(path.read_bytes())
    lines[0] = lines[0].replace("make(chan int)", "make(chan int, 1)")  # the program now runs otherwise
    assert "damaged: its header does not match" in load_error(rewrap(tmp_path, lines))


@pytest.mark.parametrize("change,words", [
    ({"files": []}, "holds no Go files"),
    ({"dials": {"nope": 1}}, "a dial must be named"),
    ({"entry": "1x"}, "the entry must be a Go identifier"),
])
def test_save_refuses_a_program_load_would_refuse(tmp_path, change, words):
    with pytest.raises(RunFileError, match=words) as info:
        save(tmp_path / "p.leakviz-run", program=_program(**change))
    assert str(info.value).startswith(f"cannot save {tmp_path / 'p.leakviz-run'}")
    assert_no_litter(tmp_path)
