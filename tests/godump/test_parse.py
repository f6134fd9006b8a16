"""Every dump form, as real Go 1.19 and 1.27 printed it (tests/godump/data, made by data/gen.sh)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from visualizer.godump.group import summarize
from visualizer.godump.parse import Parser, Problems, goroutines

from .helpers import FILE, GOPATH_FILE, VERSIONS, data, expected, line_of, spawn_line

# form file -> whether it holds exactly the program's stranded goroutines
EXACT = ["debug2.txt", "debug1.txt", "goleak.txt", "goleak.json", "debug2-minutes.txt"]
TRACEBACKS = ["panic.txt", "panic-system.txt", "sigquit.txt"]


def load(version: str, name: str):
    with data(version, name).open("rb") as f:
        return summarize(f)


def by_line(s) -> dict[int, int]:
    out: dict[int, int] = {}
    for g in s.groups:
        if g.file in (FILE, GOPATH_FILE):
            out[g.line] = out.get(g.line, 0) + g.count
    return out


def records_by_site(text: str) -> tuple[Counter, int]:
    """Counted straight from a debug=2 dump's text, without the parser: (line, wait reason) of each
    goroutine's innermost frame in the program's own file -> goroutines, and how many records the
    dump holds."""
    sites: Counter = Counter()
    records = [r for r in text.split("\n\n") if r.startswith("goroutine ")]
    for r in records:
        reason = re.match(r"goroutine \d+ \[([^\],]+)", r).group(1)
        frames = re.findall(r"^\t(\S+):(\d+)", r, re.M)
        if frames[0][0].startswith("runtime/pprof/"):
            continue  # the dumper itself (main writing the profile)
        sites[next(int(ln) for f, ln in frames if f == FILE), reason] += 1
    return sites, len(records)


@pytest.mark.parametrize("version", ["go1.19", "go1.21", "go1.27"])
def test_each_toolchains_dump_groups_as_its_own_records_count(version):
    assert data(version, "VERSION").read_text().startswith(f"go version {version}.")
    text = data(version, "debug2.txt").read_text()
    sites, records = records_by_site(text)
    s = load(version, "debug2.txt")
    assert {(g.line, g.wait_reason): g.count for g in s.groups} == dict(sites)
    assert s.goroutines == sum(sites.values()) and s.goroutines + s.dropped == records
    assert len(sites) > 1 and max(sites.values()) > 1  # several sites, one of several goroutines


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", EXACT)
def test_exact_forms_find_every_stranded_goroutine_at_its_line(version, name):
    s = load(version, name)
    want = expected()
    assert by_line(s) == {ln: n for ln, (_, n) in want.items()}
    assert s.goroutines == sum(n for _, n in want.values())
    assert not s.problems.total
    for g in s.groups:
        assert g.function.replace("leaky.", "main.", 1) == want[g.line][0]  # goleak's run is GOPATH package leaky


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", TRACEBACKS)
def test_tracebacks_hold_the_same_plus_main_and_drop_the_runtime(version, name):
    s = load(version, name)
    got = by_line(s)
    for ln, (_, n) in expected().items():
        assert got[ln] == n
    mains = [g for g in s.groups if g.function == "main.main"]
    assert len(mains) == 1 and mains[0].count == 1  # main itself (in select {}, or still sending SIGQUIT)
    if "panic" in name:
        assert mains[0].line == line_of("select {}", after='case "panic":')
    assert not any(g.function.startswith("runtime.") for g in s.groups)
    assert s.form == "traceback" and not s.problems.total


@pytest.mark.parametrize("version", VERSIONS)
def test_system_traceback_has_gp_headers_and_runtime_goroutines_that_are_dropped(version):
    text = data(version, "panic-system.txt").read_text()
    assert (" gp=0x" in text and " m=" in text) == (version >= "go1.22")  # headers Go 1.22 added
    s = load(version, "panic-system.txt")
    kept = summarize(data(version, "panic-system.txt").open("rb"), keep_runtime=True)
    assert s.dropped >= 3  # GC workers, finalizers, ...
    assert kept.goroutines == s.goroutines + s.dropped
    assert any(g.created_by and g.created_by.startswith("runtime.") for g in kept.groups)


@pytest.mark.parametrize("version", VERSIONS)
def test_created_by_is_the_spawn_site_with_or_without_in_goroutine(version):
    s = load(version, "debug2.txt")
    text = data(version, "debug2.txt").read_text()
    assert ("created by main.strand.func1 in goroutine" in text) == (version >= "go1.21")
    for g in s.groups:
        assert (g.created_by, g.created_file, g.created_line) == ("main.strand.func1", FILE, spawn_line())


@pytest.mark.parametrize("version", VERSIONS)
def test_wait_reasons_as_go_names_them(version):
    s = load(version, "debug2.txt")
    reasons = {g.function: g.wait_reason for g in s.groups}
    assert reasons["main.stuckSend"] == "chan send"
    assert reasons["main.stuckRecv"] == "chan receive"
    assert reasons["main.stuckSelect"] == "select"
    assert reasons["main.stuckNil"] == "chan send (nil chan)"
    assert reasons["main.stuckLock"] == ("semacquire" if version < "go1.20" else "sync.Mutex.Lock")


@pytest.mark.parametrize("version", VERSIONS)
def test_locked_to_thread_inlined_and_elided(version):
    s = load(version, "debug2.txt")
    g = {g.function: g for g in s.groups}
    assert g["main.stuckLocked"].locked == 1 and g["main.stuckRecv"].locked == 0
    assert not g["main.stuckRecv"].sample.elided
    # Go 1.19 elides past 100 frames only in crash tracebacks; later Go in every dump
    deep = g["main.deep"] if version >= "go1.21" else {
        x.function: x for x in load(version, "sigquit.txt").groups}["main.deep"]
    assert deep.sample.elided
    text = data(version, "debug2.txt").read_text()
    wait_line = line_of("func wait(c chan struct{}) { <-c }")
    assert f"\t{FILE}:{wait_line}\n" in text  # inlined: Go prints no +0x offset
    assert g["main.wait"].sample.frames[0].line == wait_line


@pytest.mark.parametrize("version", VERSIONS)
def test_minutes(version):
    path = data(version, "debug2-minutes.txt")
    if "minutes]" not in path.read_text():
        pytest.skip("this dump was taken before a GC stamped the waits")
    s = load(version, "debug2-minutes.txt")
    assert all(g.max_wait_minutes >= 1 for g in s.groups)
    assert all(g.max_wait_minutes == 0 for g in load(version, "debug2.txt").groups)


def test_labels_in_debug2_headers():
    s = load("go1.27", "debug2-labels.txt")
    g = {g.function: g for g in s.groups}
    assert g["main.stuckLabeled.func1"].labels == {'handler: check, "req id": 7'}
    assert not g["main.stuckRecv"].labels
    assert by_line(s) == {ln: n for ln, (_, n) in expected().items()}


@pytest.mark.parametrize("version", VERSIONS)
def test_debug1_counts_labels_and_no_wait_reason(version):
    s = load(version, "debug1.txt")
    assert s.form == "debug=1"
    g = {g.function: g for g in s.groups}
    assert g["main.stuckSend"].count == 3
    assert all(x.wait_reason is None and x.max_wait_minutes is None and x.created_by is None for x in s.groups)
    assert any("handler" in lab for lab in g["main.stuckLabeled.func1"].labels)
    js = s.as_json()
    assert js["goroutines"] == 13 and all(x["wait_reason"] is None for x in js["groups"])


def test_goroutineleak_marks_only_the_unreachable_as_leaked():
    s = load("go1.27", "goroutineleak2.txt")
    leaked = {g.function: g.leaked for g in s.groups}
    # the local channel and the nil channel: nothing else can ever reach them
    assert leaked["main.strandLocal.func1"] == 2 and leaked["main.stuckNil"] == 1
    assert sum(leaked.values()) == 3
    assert "(leaked)" in data("go1.27", "goroutineleak2.txt").read_text()
    one = load("go1.27", "goroutineleak1.txt")
    assert one.form == "goroutineleak debug=1"
    assert {g.function: g.count for g in one.groups} == {"main.strandLocal.func1": 2, "main.stuckNil": 1}
    assert all(g.leaked == g.count for g in one.groups)


def test_durable_in_a_synctest_bubble():
    s = load("go1.27", "bubble.txt")
    durable = [g for g in s.groups if g.sample.durable]
    assert {g.wait_reason for g in durable} >= {"chan receive", "chan send"}
    assert not s.problems.total


@pytest.mark.parametrize("version", VERSIONS)
def test_goleak_plain_and_json_agree(version):
    plain, js = load(version, "goleak.txt"), load(version, "goleak.json")
    assert plain.form == "goleak" and js.form == "goleak (go test -json)"
    assert plain.as_json() == js.as_json()
    # goleak's package is named by its GOPATH path here, not main
    assert all(g.function.startswith("leaky.") for g in plain.groups)


def test_json_lines_are_numbered_by_their_json_line():
    path = data("go1.27", "goleak.json")
    lines = path.read_bytes().splitlines(keepends=True)
    k = next(i for i, ln in enumerate(lines) if b"goroutine " in ln and b"[chan send]" in ln)
    cut = b"".join(lines[:k + 1]) + b'{"Action":"output","Output":"        main.f(\\n"}\n' + b"".join(lines[k + 1:])
    import io
    problems = Problems()
    list(goroutines(io.BytesIO(cut), problems, Parser(problems)))
    assert problems.total >= 1
    assert any(p.line == k + 2 for p in problems.kept)


def test_json_output_shape_is_exactly_the_issues():
    js = load("go1.27", "debug2.txt").as_json()
    assert set(js) == {"goroutines", "verdict", "groups", "go_reports_leaked", "never_continue_certain"}
    assert all(set(g) == {"count", "wait_reason", "function", "file", "line", "created_by", "created_file",
                          "created_line", "max_wait_minutes", "leaked", "suspect", "stacks"} for g in js["groups"])
    assert js["verdict"] is None  # a file: nobody asked Go's goroutineleak profile
    json.dumps(js)


def test_a_group_says_how_many_distinct_stacks_it_merged():
    """panicparse splits goroutines that differ only in argument words or creator goroutine; leakviz merges them
    and says how many it merged."""
    from visualizer.godump.group import summarize_bytes
    dump = "".join(
        f"goroutine {10 + i} [chan send]:\nmain.worker({hex(0xc000010000 + 16 * (i % 3))})\n\t/s/main.go:9 +0x1\n"
        f"created by main.start in goroutine {1 + i % 2}\n\t/s/main.go:5 +0x2\n\n" for i in range(12))
    s = summarize_bytes(dump.encode())
    [g] = s.groups
    assert g.count == 12 and g.stacks == 6  # 3 argument words x 2 creators


GOLEAK13 = Path(__file__).parent / "data" / "goleak-1.3"


@pytest.mark.parametrize("name,form", [("goleak.txt", "goleak"), ("goleak.json", "goleak (go test -json)")])
def test_goleak_1_3_output_reads_whole_with_one_clean_title(name, form):
    """goleak 1.3 prints `Goroutine N in state S, with F on top of the stack:` and no Go header (real output,
    go test with goleak 1.3 on Go 1.27.3, a service of ours with seven leaking endpoints)."""
    from visualizer.godump.group import summarize_bytes
    data = (GOLEAK13 / name).read_bytes()
    s = summarize_bytes(data)
    assert s.form == form and s.problems.total == 0
    entries = len(re.findall(rb"Goroutine \d+ in state", data))
    assert s.goroutines == entries == 101
    by: dict = {}
    for g in s.groups:
        by[g.wait_reason] = by.get(g.wait_reason, 0) + g.count
    # what goleak said of each, counted from its own entry lines
    assert by == {"chan receive": 20, "chan send": 29, "select": 20, "sync.Mutex.Lock": 7, "sync.WaitGroup.Wait": 25}
    assert len(s.groups) == 8


def test_a_debug1_record_of_runtime_frames_only_is_the_runtime_s_own():
    """pprof's debug=1 leaves runtime frames out: a goroutine just started or exiting has a record with no
    frame line at all (seen live 4 reads in 5); it is the runtime's own, not damage."""
    from visualizer.godump.group import summarize_bytes
    dump = (b"goroutine profile: total 3\n"
            b"1 @ 0x4751e1\n\n"
            b"2 @ 0x43e9ae 0x40a9a5 0x4751e1\n"
            b"#\t0x40a9a4\tmain.worker+0x44\t/s/main.go:12\n\n")
    s = summarize_bytes(dump)
    assert s.problems.total == 0 and s.goroutines == 2 and s.dropped == 1


def test_a_live_debug1_read_from_real_go_has_no_problem_line():
    """Recorded from our leaky service on Go 1.27.3 (?debug=1 while requests were served): it holds a record
    whose only frame pprof leaves out (`1 @ 0x493161`), which used to be 'goroutine None has no stack'."""
    from visualizer.godump.group import summarize_bytes
    data = (Path(__file__).parent / "data" / "go1.27" / "debug1-live.txt").read_bytes()
    assert re.search(rb"^1 @ 0x[0-9a-f]+\n\n", data, re.M)
    s = summarize_bytes(data)
    assert s.problems.total == 0 and s.form == "debug=1"
    assert s.goroutines + s.dropped == 12  # "goroutine profile: total 12"
    assert [(g.function, g.count) for g in s.groups][0] == ("main.handler.func1", 9)
