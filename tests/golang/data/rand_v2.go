package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime/pprof"
	"slices"
	"time"
)

// replica answers after id*10ms and a random jitter of up to 5ms: replica 0 is always first.
func replica(id int, out chan<- int) {
	time.Sleep(time.Duration(id)*10*time.Millisecond + rand.N(5*time.Millisecond))
	out <- id
}

// fastest asks three replicas and takes the first answer; the other two wait for good.
func fastest() int {
	out := make(chan int)
	for id := range 3 {
		go replica(id, out)
	}
	return <-out
}

func main() {
	// a seeded PCG gives the numbers Go gives
	r := rand.New(rand.NewPCG(7, 11))
	fmt.Println(r.IntN(100), r.Int64N(1<<40), r.Uint32(), r.Float64(), r.Perm(6))
	words := []string{"a", "b", "c", "d", "e"}
	r.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
	fmt.Println(words, r.Int(), r.Uint64(), r.Int32N(9))
	p := rand.NewPCG(1, 2)
	fmt.Println(p.Uint64())

	// the top-level functions are seeded at random in Go: only what holds for every seed is printed
	n := rand.IntN(10)
	d := rand.N(3 * time.Second)
	perm := rand.Perm(5)
	slices.Sort(perm)
	f := rand.Float64()
	xs := []int{1, 2, 3, 4}
	rand.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
	slices.Sort(xs)
	fmt.Println(n >= 0 && n < 10, d >= 0 && d < 3*time.Second, perm, f >= 0 && f < 1, xs,
		rand.Int64N(5) < 5, rand.Uint32() >= 0, rand.Int() >= 0)
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		rand.IntN(0)
	}()

	fmt.Println(fastest())
	time.Sleep(50 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
