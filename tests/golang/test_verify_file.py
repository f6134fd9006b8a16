"""``verify FILE_OR_DIR``: the user's own program on real Go and on leakviz, compared (golang/verify.py).

The comparison itself is tested without Go; the runs on real Go skip (with the reason) where there is none,
as tests/godump/conftest.py decides.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from visualizer.__main__ import main
from visualizer.golang import verify as v

from ..godump.conftest import _no_go
from .helpers import DATA

BLOCKLIST = Path(__file__).parent / "services" / "blocklist"


@pytest.fixture(scope="module")
def go():
    from visualizer.godump.gobridge import BridgeError, find_go
    t = find_go()
    try:
        if t is None or not t.version():
            _no_go()
    except BridgeError:
        _no_go()
    return t


def _verify(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["verify", *args])
    cap = capsys.readouterr()
    return code, cap.out, cap.err


# -- without Go --

def test_the_comparison_names_each_site_that_differs_and_counts_leakviz_only_goroutines_apart():
    site = ("main.produce", "chan send", 10)
    only = ("main.announce.func1", "chan send", 12)
    real = v.Side("1\n", 0, Counter({site: 2}), Counter({only: 1}), {site: "p.go", only: "p.go"})
    ours = v.Side("1\n", 0, Counter({site: 3, only: 1}), files={site: "p.go", only: "p.go"})
    c = v.compare(real, ours, target="p.go", go_version="go1.27.3")
    assert not c.same
    assert c.differences == ["main.produce [chan send] p.go:10: real Go 2 leaked, leakviz 3"]
    assert len(c.leakviz_only) == 1 and "main.announce.func1 [chan send] p.go:12" in c.leakviz_only[0]
    text = c.format()
    assert "  differs: main.produce [chan send] p.go:10: real Go 2 leaked, leakviz 3" in text
    assert "DIFFERENT: 1 difference(s)" in text and "not counted as a difference" in text
    ours.leaked[site] = 2
    c = v.compare(real, ours, target="p.go", go_version="go1.27.3")
    assert c.same and {s["verdict"] for s in c.sites} == {"same", "leakviz only"}


def test_a_leakviz_leak_go_does_not_show_blocked_there_is_a_difference():
    site = ("main.f", "chan receive", 7)
    c = v.compare(v.Side("", 0), v.Side("", 0, Counter({site: 1})), target="p.go", go_version="go1.27.3")
    assert c.differences == ["main.f [chan receive] ?:7: real Go 0 leaked, leakviz 1"]


def test_stdout_and_exit_code_differences_are_one_line_each():
    c = v.compare(v.Side("a\nb\nc\n", 1), v.Side("a\nB\nc\n", 0), target="p.go", go_version="go1.27.3")
    assert c.differences == ["stdout differs at line 2 (3 line(s) from real Go, 3 from leakviz, 1 differ): "
                             "real Go 'b', leakviz 'B'", "exit code: real Go 1, leakviz 0"]


def test_a_program_that_exits_before_main_returns_is_one_unchecked_line():
    site = ("main.main.func1", "chan receive", 12)
    c = v.compare(v.Side("", 0, profile=False), v.Side("", 0, Counter({site: 1})), target="p.go",
                  go_version="go1.27.3")
    assert len(c.differences) == 1 and c.differences[0].startswith("leaks not checked: the program ended")
    assert "leakviz reports 1 leaked goroutine(s)" in c.differences[0]


def test_only_main_s_name_changes_in_the_copy_and_the_server_call_is_pointed_at_ours():
    src = (BLOCKLIST / "main.go").read_bytes()
    new, calls = v.rewrite(src, serve=True)
    assert calls == 1 and new.count(b"\n") == src.count(b"\n")
    assert b"func leakvizVerifyUserMain() {" in new and b"leakvizVerifyListenAndServe(\":8080\", mux)" in new
    assert v.rewrite(src, serve=False)[1] == 0


def test_a_handler_name_reaches_go_source_only_when_declared_with_the_handler_shape():
    main_go, serve_go = v.harness("handler", "items", ["items"])
    assert "leakvizVerifyServe(http.HandlerFunc(items))" in main_go and "httptest.NewRecorder()" in serve_go
    for bad in ("items)); os.Exit(0", "other"):
        with pytest.raises(v.VerifyError, match="no handler"):
            v.harness("handler", bad, ["items"])


def test_a_debug1_profile_keeps_counts_functions_and_lines_but_no_addresses():
    real = ("2 @ 0x47d82a 0x45bfb2\n#\t0x4de732\tmain.(*counter).inc+0x12\t\t\t/tmp/x/p.go:16\n"
            "#\t0x47e7c4\tsync.f+0x24\t/usr/lib/go/src/runtime/sema.go:95")
    ours = ("2 @ 0x480600\n#\t0x44e338\tmain.(*counter).inc+0x0\t\t\t\t/tmp/x/p.go:16\n"
            "#\t0x480600\tsync.f+0x0\t/usr/local/go/src/runtime/sema.go:95")
    assert v.normalise_debug1(real) == v.normalise_debug1(ours) == (
        "2 @ …\n#\tmain.(*counter).inc\t/tmp/x/p.go:16\n#\tsync.f\tGOROOT/src/runtime/sema.go:95")


@pytest.mark.parametrize("args,why", [
    (["--handler", "items"], "name its FILE_OR_DIR"),
    ([str(BLOCKLIST), "--serve", str(BLOCKLIST / "access.log"), "--requests", "5"], "--serve replays the log's"),
    ([str(BLOCKLIST), "--requests", "0"], "--requests must be 1 to"),
    ([str(DATA / "send.go"), "--preset", "unbuffered"], "it takes no FILE_OR_DIR"),
    ([str(DATA / "no_such.go")], "no such file or folder"),
    ([str(BLOCKLIST), "--handler", "nope"], "no handler 'nope'"),
])
def test_invalid_arguments_are_one_line_and_exit_2(capsys, args, why):
    code, out, err = _verify(capsys, *args)
    assert code == 2 and out == "" and err.count("\n") == 1 and why in err, err


def test_without_go_it_says_how_to_get_it(monkeypatch, capsys):
    monkeypatch.setenv("LEAKVIZ_GO", "/nonexistent/go")
    code, _out, err = _verify(capsys, str(DATA / "send.go"))
    assert code == 2 and err.count("\n") == 1 and "pip install leakviz[go]" in err


# -- on real Go --

@pytest.mark.slow
def test_a_program_both_agree_on_exits_0(go, capsys):
    code, out, _err = _verify(capsys, str(DATA / "mutex.go"))
    assert code == 0, out
    assert "verdict: the same: the same stdout, 2 leaked goroutine(s) at 1 site(s) on both sides." in out


@pytest.mark.slow
def test_a_leak_go_cannot_prove_is_leakviz_only_not_a_difference(go, capsys):
    code, out, _err = _verify(capsys, str(DATA / "captured_send.go"), "--json")
    doc = json.loads(out)
    assert code == 0 and doc["same"] and doc["stdout_lines_forgiven"] == 1
    assert [(s["function"], s["line"], s["real"], s["leakviz"], s["verdict"]) for s in doc["sites"]] == [
        ("main.announce.func1", 12, 0, 1, "leakviz only")]


@pytest.mark.slow
def test_a_disagreement_exits_1_with_the_site_that_differs(go, capsys, monkeypatch):
    """leakviz's side bent by one goroutine: the line names the site and both counts."""
    real_run = v.run_leakviz

    def one_more(prep, **kw):
        side = real_run(prep, **kw)
        side.leaked[("main.produce", "chan send", 10)] += 1
        return side

    monkeypatch.setattr(v, "run_leakviz", one_more)
    code, out, _err = _verify(capsys, str(DATA / "send.go"))
    assert code == 1
    assert "  differs: main.produce [chan send] send.go:10: real Go 1 leaked, leakviz 2" in out
    assert "verdict: DIFFERENT: 1 difference(s)" in out


@pytest.mark.slow
def test_a_program_that_does_not_build_exits_2_with_go_s_first_error(go, capsys, tmp_path):
    (tmp_path / "bad.go").write_text("package main\n\nfunc main() {\n\tx := 1\n}\n")
    code, out, err = _verify(capsys, str(tmp_path / "bad.go"))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "does not build with real Go: ./bad.go:4:2: declared and not used: x" in err


@pytest.mark.slow
def test_an_access_log_is_replayed_on_both_sides(go, capsys):
    code, out, _err = _verify(capsys, str(BLOCKLIST), "--serve", str(BLOCKLIST / "access.log"), "--json")
    doc = json.loads(out)
    assert code == 0 and doc["same"] and doc["mode"] == "serve"
    assert [(s["function"], s["wait_reason"], s["line"], s["real"]) for s in doc["sites"]] == [
        ("main.audit", "chan send", 11, 2)]


@pytest.mark.slow
def test_made_up_requests_reach_the_handler_on_both_sides(go, capsys):
    code, out, _err = _verify(capsys, str(BLOCKLIST), "--handler", "items", "--requests", "20", "--rate", "200",
                              "--from", "203.0.113.0/24=25,10.0.0.0/8")
    assert code == 0, out
    assert "(handler)" in out and "5 leaked goroutine(s) at 1 site(s) on both sides" in out


@pytest.mark.slow
def test_os_exit_before_main_returns_is_reported_as_unchecked(go, capsys):
    code, out, _err = _verify(capsys, str(DATA / "main_select_exit.go"))
    assert code == 1 and "differs: leaks not checked: the program ended (exit 0) before main returned" in out


@pytest.mark.slow
def test_a_module_s_command_is_built_in_a_copy_of_its_module(go, capsys):
    code, out, _err = _verify(capsys, str(Path(__file__).parent / "modules" / "svc" / "cmd" / "server"))
    assert code == 0 and "1 leaked goroutine(s) at 1 site(s) on both sides" in out, out
