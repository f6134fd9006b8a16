package main

// x op= y and x++ evaluate the operand and index of x once: m[next()]++ calls next once.

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

var calls int

func next() int {
	calls++
	return calls % 2
}

type counter struct{ n int }

var counters = []*counter{{}, {}}

func pick() *counter {
	calls++
	return counters[calls%2]
}

func strand(n int) {
	ch := make(chan int)
	for i := 0; i < n; i++ {
		go func(c chan int, v int) { c <- v }(ch, i)
	}
}

func main() {
	m := map[int]int{}
	m[next()]++
	m[next()] += 10
	xs := []int{0, 0, 0}
	xs[next()] -= 5
	pick().n += 3
	pick().n++
	fmt.Println(calls, m, xs, counters[0].n, counters[1].n)
	strand(m[0]) // one stranded sender per count: evaluating twice would strand another number
	time.Sleep(time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
