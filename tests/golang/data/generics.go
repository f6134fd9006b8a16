package main

// Generic functions and types: inference, explicit instantiation, zero values of
// type parameters, methods of generic types, and goroutines started in generic code.

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

type Number interface {
	~int | ~int64 | ~float64
}

type Celsius int

func add[T Number](a, b T) T { return a + b }

func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s = add(s, x)
	}
	return s
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Zero[T any]() T {
	var z T
	return z
}

type Point struct{ X, Y int }

type Stack[T any] struct {
	items []T
}

func (s *Stack[T]) Push(x T) { s.items = append(s.items, x) }

func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	x := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return x, true
}

type Pair[K, V comparable] struct {
	Key K
	Val V
}

func (p Pair[K, V]) Swap() Pair[V, K] { return Pair[V, K]{Key: p.Val, Val: p.Key} }

type Cache[K comparable, V any] struct {
	m map[K]V
}

func (c *Cache[K, V]) Get(k K) V { return c.m[k] }

// FirstOf asks every source and keeps the first answer: the other senders strand.
func FirstOf[T any](sources []T, ask func(T) T) T {
	ch := make(chan T)
	for _, s := range sources {
		go func() { ch <- ask(s) }()
	}
	return <-ch
}

// Produce sends n values on a channel nobody drains past the first.
func Produce[T any](v T, n int) <-chan T {
	out := make(chan T)
	go func(c chan<- T) {
		for i := 0; i < n; i++ {
			c <- v
		}
	}(out)
	return out
}

func main() {
	fmt.Println(Sum(1, 2, 3), Sum(1.5, 2.0), Sum[Celsius](10, 20))
	toStr := Map[int, string]
	fmt.Println(toStr([]int{1, 2}, func(i int) string { return fmt.Sprint(i * 10) }))
	fmt.Printf("%q %v %v %+v\n", Zero[string](), Zero[int](), Zero[*Point]() == nil, Zero[Point]())
	s := &Stack[string]{}
	s.Push("a")
	s.Push("b")
	v, ok := s.Pop()
	fmt.Println(v, ok, len(s.items))
	var ints Stack[int]
	n, ok := ints.Pop()
	fmt.Println(n, ok)
	p := Pair[string, int]{Key: "k", Val: 1}
	fmt.Printf("%+v %+v\n", p, p.Swap())
	c := &Cache[string, float64]{m: map[string]float64{"pi": 3.14}}
	fmt.Println(c.Get("pi"), c.Get("e"))
	fmt.Println(FirstOf([]int{1, 2, 3}, func(x int) int { return x * 2 }))
	fmt.Println(<-Produce("tick", 3))
	time.Sleep(time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
