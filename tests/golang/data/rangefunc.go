package main

import (
	"fmt"
	"iter"
	"os"
	"runtime/pprof"
	"time"
)

// upTo yields 0, 1, ... n-1 and stops when the loop body says so.
func upTo(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

// ages yields name, age pairs in a fixed order.
func ages(yield func(string, int) bool) {
	_ = yield("ann", 31) && yield("bob", 17) && yield("cy", 45)
}

// thrice calls yield three times, ignoring what it says: Go panics at the second call after a break.
func thrice(yield func() bool) {
	yield()
	yield()
	yield()
}

// stream sends each value it yields to a watcher too, on an unbuffered channel.
func stream(watch chan<- int, n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				watch <- i // nobody watches after the caller broke out: this goroutine leaks
				return
			}
		}
	}
}

func firstOver(limit int) (name string, age int) {
	defer func() { name = "<" + name + ">" }()
	for n, a := range ages {
		if a > limit {
			return n, a
		}
	}
	return "none", 0
}

func find(target int) int {
	for i := range upTo(10) {
		for j := range upTo(10) {
			if i*j == target {
				return i*100 + j
			}
		}
	}
	return -1
}

func safely(f func()) {
	defer func() { fmt.Println("recovered:", recover()) }()
	f()
}

var saved func(int) bool

func keep(yield func(int) bool) {
	saved = yield
	yield(1)
}

func stopEarly(watch chan int) {
	for x := range stream(watch, 5) {
		if x == 2 {
			break
		}
	}
}

// produce hands each value to a consumer that takes only the first: the loop body blocks for good.
func produce(out chan<- int) {
	for x := range upTo(3) {
		out <- x
	}
}

// guarded swallows a panic of the loop body: Go panics when the loop ends.
func guarded(yield func(int) bool) {
	defer func() { fmt.Println("iterator recovered:", recover()) }()
	yield(1)
}

// stubborn swallows a panic of the loop body and calls yield again: Go panics there.
func stubborn(yield func(int) bool) {
	func() {
		defer func() { recover() }()
		yield(1)
	}()
	yield(2)
}

// careful's deferred call runs while a panic of the loop body passes through it.
func careful(yield func(int) bool) {
	defer fmt.Println("careful's defer")
	yield(1)
}

func main() {
	sum := 0
	for x := range upTo(5) {
		if x == 1 {
			continue
		}
		if x == 4 {
			break
		}
		sum += x
	}
	fmt.Println("sum", sum)

	for n, a := range ages {
		switch {
		case a < 18:
			fmt.Println(n, "minor")
			continue
		}
		fmt.Println(n, a)
	}
	count := 0
	for range thrice {
		count++
	}
	fmt.Println("count", count)

	fmt.Println(firstOver(40))
	fmt.Println(firstOver(50))
	fmt.Println(find(12), find(97))

outer:
	for i := 0; i < 3; i++ {
		for x := range upTo(4) {
			if x > i {
				continue outer
			}
			if i == 2 {
				break outer
			}
			fmt.Println("pair", i, x)
		}
	}

	var last int
	for last = range upTo(3) {
	}
	fmt.Println("last", last)

	// a body that blocks: each value goes through a goroutine and comes back
	results := make(chan int)
	for x := range upTo(3) {
		go func() {
			time.Sleep(time.Duration(3-x) * time.Millisecond)
			results <- x * x
		}()
		fmt.Println("got", <-results)
	}

	safely(func() {
		for range thrice {
			break
		}
	})
	safely(func() {
		for x := range keep {
			fmt.Println("kept", x)
		}
		saved(2)
	})

	safely(func() {
		for x := range careful {
			panic(fmt.Sprint("boom ", x))
		}
	})
	safely(func() {
		for x := range guarded {
			panic(fmt.Sprint("bang ", x))
		}
		fmt.Println("not reached")
	})
	safely(func() {
		for x := range stubborn {
			fmt.Println("body", x)
			panic("again")
		}
	})

	go stopEarly(make(chan int))
	out := make(chan int)
	go produce(out)
	fmt.Println("first", <-out)
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
