package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/pprof"
	"sort"
	"strings"
)

type Shape interface {
	Area() int
	Name() string
}

type Rect struct {
	W, H int
}

func (r Rect) Area() int     { return r.W * r.H }
func (r Rect) Name() string  { return "rect" }
func (r *Rect) Scale(k int)  { r.W *= k; r.H *= k }

type Square struct {
	Rect
	label string
}

func (s Square) Name() string { return "square " + s.label }

const (
	Low = iota
	Mid
	High
)

var ErrEmpty = errors.New("empty")

func divide(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	q = a / b
	return q, nil
}

func sum(xs ...int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

func classify(n int) string {
	switch {
	case n < 0:
		return "neg"
	case n == 0:
		return "zero"
	}
	return "pos"
}

func describe(v any) string {
	switch x := v.(type) {
	case int:
		return fmt.Sprintf("int %d", x)
	case string:
		return "string " + x
	case error:
		return "error " + x.Error()
	case nil:
		return "nil"
	default:
		return "other"
	}
}

func main() {
	r := Rect{2, 3}
	r2 := r
	r2.W = 10
	fmt.Println(r, r2, r.Area(), r2.Area())
	p := &r
	p.Scale(2)
	fmt.Println(r.W, r.H)
	s := Square{Rect{1, 1}, "one"}
	shapes := []Shape{r, s}
	for i, sh := range shapes {
		fmt.Printf("%d: %s %d\n", i, sh.Name(), sh.Area())
	}
	fmt.Println(Low, Mid, High)
	q, err := divide(7, 2)
	fmt.Println(q, err)
	q, err = divide(1, 0)
	fmt.Println(q, err)
	fmt.Println(sum(), sum(1, 2, 3), sum([]int{4, 5}...))
	fmt.Println(classify(-3), classify(0), classify(9))
	fmt.Println(describe(1), describe("x"), describe(ErrEmpty), describe(nil), describe(2.5))
	m := map[string]int{"b": 2, "a": 1}
	m["c"] = 3
	delete(m, "b")
	keys := []string{}
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Println(strings.Join(keys, ","), len(m), m)
	v, ok := m["zz"]
	fmt.Println(v, ok)
	var funcs []func() int
	for i := 0; i < 3; i++ {
		funcs = append(funcs, func() int { return i * i })
	}
	for _, f := range funcs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
outer:
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			if j == 2 {
				continue outer
			}
			if i == 2 {
				break outer
			}
			fmt.Print(i, j, ";")
		}
	}
	fmt.Println()
	counter := 0
	inc := func() { counter++ }
	inc()
	inc()
	fmt.Println("counter", counter)
	fmt.Printf("%v %+v %q %5d|%-4s|%x %t %.2f\n", r, r, "hi", 42, "ab", 255, true, 3.14159)
	var np *Rect
	fmt.Println(np == nil, errors.Is(fmt.Errorf("wrap: %w", ErrEmpty), ErrEmpty))
	for i := range 3 {
		fmt.Print(i)
	}
	fmt.Println()
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
