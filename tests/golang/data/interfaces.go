package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
)

type Reader interface {
	Read() (string, error)
}

type ReadCloser interface {
	Reader
	Close() error
}

type file struct {
	lines []string
	pos   int
	mu    *sync.Mutex
}

func (f *file) Read() (string, error) {
	if f.pos >= len(f.lines) {
		return "", errors.New("EOF")
	}
	f.pos++
	return f.lines[f.pos-1], nil
}

func (f *file) Close() error { return nil }

type pair struct {
	k string
	v int
}

func divmod(a, b int) (int, int) { return a / b, a % b }

func show(q, r int) string { return fmt.Sprintf("q=%d r=%d", q, r) }

func counter() (func() int, func()) {
	n := 0
	return func() int { return n }, func() { n++ }
}

func apply(fs ...func(int) int) func(int) int {
	return func(x int) int {
		for _, f := range fs {
			x = f(x)
		}
		return x
	}
}

func main() {
	var rc ReadCloser = &file{lines: []string{"a", "b"}, mu: &sync.Mutex{}}
	for {
		l, err := rc.Read()
		if err != nil {
			fmt.Println("stop:", err)
			break
		}
		fmt.Println("line", l)
	}
	fmt.Println(show(divmod(17, 5)))
	get, inc := counter()
	inc()
	inc()
	fmt.Println(get())
	f := apply(func(x int) int { return x * 2 }, func(x int) int { return x + 3 })
	fmt.Println(f(5))
	ps := []pair{{"b", 2}, {"a", 1}, {"c", 3}}
	sort.Slice(ps, func(i, j int) bool { return ps[i].k < ps[j].k })
	fmt.Println(ps)
	a := []int{1, 2, 3}
	a[0], a[2] = a[2], a[0]
	b := make([]int, 2)
	n := copy(b, a)
	fmt.Println(a, b, n, len(a[1:]), a[:2])
	words := strings.Fields(" the quick  brown fox ")
	fmt.Println(len(words), strings.Join(words, "_"), strings.Split("a,b,c", ","))
	anon := []struct {
		name string
		age  int
	}{{"x", 1}, {"y", 2}}
	for _, p := range anon {
		fmt.Print(p.name, p.age, " ")
	}
	fmt.Println()
	var sb strings.Builder
	sb.WriteString("hi")
	fmt.Println(sb.String())
	m := map[string][]int{}
	m["a"] = append(m["a"], 1, 2)
	fmt.Println(m, len(m["zz"]))
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
