"""A Go module with packages: `go DIR` loads what main imports from the module, names it as Go does."""

from __future__ import annotations

import io
from pathlib import Path

from visualizer.golang.cli import run_go

from .helpers import few_turns, normalise, parse_dump

SVC = Path(__file__).parent / "modules" / "svc"


def test_a_module_package_runs_and_its_leak_is_named_by_import_path():
    out, err = io.StringIO(), io.StringIO()
    assert run_go([str(SVC / "cmd" / "server")], out=out, err=err) == 0, err.getvalue()
    want = (SVC.parent / "svc.go127.out").read_text()  # what real Go 1.27.3 printed (go run ./cmd/server)
    got = out.getvalue()
    # the same output and the same dump: every goroutine, status, function, file and creator, as Go printed them
    assert normalise(got, str(SVC)) == normalise(want, str(SVC)).replace(
        "/work/main/tests/golang/modules/svc", "@FILE@")
    leaked = [g for g in parse_dump(got) if g.leaked]
    assert [(g.frames[0][0], g.created_by) for g in leaked] == [
        ("example.com/svc/internal/checks.FirstFailure[...].func1",
         "example.com/svc/internal/checks.FirstFailure[...]")]


def _module(tmp_path, files: dict[str, str]) -> Path:
    (tmp_path / "go.mod").write_text("module example.com/m\n\ngo 1.27\n")
    for name, text in files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return tmp_path


def _run(path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_go([str(path)], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_unexported_names_of_another_package_are_refused(tmp_path):
    d = _module(tmp_path, {"lib/lib.go": "package lib\n\nfunc helper() int { return 1 }\n",
                           "main.go": 'package main\n\nimport "example.com/m/lib"\n\nfunc main() { lib.helper() }\n'})
    code, _out, err = _run(d)
    assert code == 2 and err == f"{d / 'main.go'}:5:15: name helper not exported by package lib\n"


def test_a_third_party_module_is_refused_in_one_line(tmp_path):
    d = _module(tmp_path, {"main.go": 'package main\n\nimport "github.com/x/y"\n\nfunc main() { y.Z() }\n'})
    code, _out, err = _run(d)
    assert code == 2
    assert err == (f"{d / 'main.go'}:3:8: cannot find module providing package github.com/x/y: leakviz runs the "
                   "standard library, this module's own packages and golang.org/x/sync's errgroup and semaphore\n")


def test_an_import_cycle_is_refused(tmp_path):
    d = _module(tmp_path, {"a/a.go": 'package a\n\nimport "example.com/m/b"\n\nfunc A() { b.B() }\n',
                           "b/b.go": 'package b\n\nimport "example.com/m/a"\n\nfunc B() { a.A() }\n',
                           "main.go": 'package main\n\nimport "example.com/m/a"\n\nfunc main() { a.A() }\n'})
    code, _out, err = _run(d)
    assert code == 2 and err.endswith(": import cycle not allowed\n")


def test_packages_initialise_before_main_and_keep_their_own_names(tmp_path):
    d = _module(tmp_path, {
        "conf/conf.go": 'package conf\n\nvar Name = "conf"\n\nfunc Get() string { return Name }\n',
        "main.go": 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/m/conf"\n)\n\nvar Name = "main"\n\n'
                   'func Get() string { return "main:" + conf.Get() }\n\nfunc main() {\n\tconf.Name = "set"\n'
                   '\tfmt.Println(Name, Get())\n}\n'})
    code, out, err = _run(d)
    assert (code, out) == (0, "main main:set\n")
    assert few_turns(err, "leakviz: seed 0: 0 goroutines started, 0 leaked; {} ns simulated\n")
