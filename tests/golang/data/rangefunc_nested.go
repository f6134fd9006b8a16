package main

import (
	"fmt"
	"iter"
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

func grid(rows, cols int) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		for r := range rows {
			for c := range cols {
				if !yield(r, c) {
					return
				}
			}
		}
	}
}

func letters(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, r := range s {
			if !yield(string(r)) {
				fmt.Println("  letters stopped at", string(r))
				return
			}
		}
		fmt.Println("  letters done")
	}
}

// deepest returns from inside two nested loop bodies, through both iterators.
func deepest(word string) (at string, err error) {
	for r, c := range grid(3, 3) {
		for l := range letters(word) {
			if r == 1 && l == "b" {
				return fmt.Sprint(r, c, l), nil
			}
		}
	}
	return "", fmt.Errorf("no b in %q", word)
}

// worker hands out jobs until its loop body returns; its reader takes only one.
func worker(jobs chan<- string) {
	for r, c := range grid(5, 5) {
		if r+c > 1 {
			return
		}
		jobs <- fmt.Sprint(r, c)
	}
}

type set struct{ items []int }

// All is an iterator a method hands back.
func (s *set) All() iter.Seq[int] {
	return func(yield func(int) bool) {
		for _, x := range s.items {
			if !yield(x) {
				return
			}
		}
	}
}

// Each is itself an iterator: ranged over as a method value.
func (s *set) Each(yield func(int) bool) {
	for _, x := range s.items {
		if !yield(x) {
			return
		}
	}
}

type stepper interface{ Each(yield func(int) bool) }

// filter is a generic iterator adapter.
func filter[V any](seq iter.Seq[V], keep func(V) bool) iter.Seq[V] {
	return func(yield func(V) bool) {
		for v := range seq {
			if keep(v) && !yield(v) {
				return
			}
		}
	}
}

func methods() {
	s := &set{[]int{1, 2, 3, 4}}
	var st stepper = s
	for x := range s.Each {
		for y := range st.Each {
			if y > x {
				break
			}
			fmt.Print(x*10+y, " ")
		}
	}
	fmt.Println()
	for x := range filter(s.All(), func(v int) bool { return v%2 == 0 }) {
		fmt.Println("even", x)
	}
	for x := range func(yield func(int) bool) { yield(42) } {
		fmt.Println("literal", x)
	}
}

func main() {
	methods()
	fmt.Println(deepest("abc"))
	fmt.Println(deepest("xyz"))

	// continue and break of the outer range-over-func loop from the inner one's body
rows:
	for r, c := range grid(3, 2) {
		for l := range letters("pq") {
			if c == 1 {
				continue rows
			}
			if r == 2 {
				break rows
			}
			fmt.Println("cell", r, c, l)
		}
	}

	// a switch and a select inside a body: their own break stays inside
	ch := make(chan int, 1)
	total := 0
	for r, c := range grid(2, 2) {
		switch {
		case r == c:
			break
		default:
			total += 10
		}
		select {
		case ch <- r + c:
			total++
		default:
			break
		}
		total += <-ch
	}
	fmt.Println("total", total)

	// goroutines started in the body of a loop nested in a classic for: each sees its own i and l
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := map[string]bool{}
	for i := 0; i < 2; i++ {
		for l := range letters("mn") {
			wg.Add(1)
			go func() {
				defer wg.Done()
				mu.Lock()
				seen[fmt.Sprint(i, l)] = true
				mu.Unlock()
			}()
		}
	}
	wg.Wait()
	fmt.Println(len(seen), seen["0m"], seen["1n"])

	// a worker whose loop body waits on a channel nobody feeds once it returns early
	jobs := make(chan string)
	go worker(jobs)
	fmt.Println("job", <-jobs)
	time.Sleep(5 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
