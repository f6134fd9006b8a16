package main

import (
	"cmp"
	"fmt"
	"iter"
	"maps"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"time"
)

type stock map[string]int

// evens yields the even numbers below n.
func evens(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i += 2 {
			if !yield(i) {
				return
			}
		}
	}
}

// publish sends the keys of m to out in order; it blocks for good once the reader is gone.
func publish(m map[string]int, out chan<- string) {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out <- k
	}
}

func main() {
	s := stock{"pear": 3, "fig": 0, "apple": 7, "kiwi": 2}
	fmt.Println(slices.Sorted(maps.Keys(s)))
	fmt.Println(slices.Sorted(maps.Values(s)))
	total := 0
	for _, n := range maps.All(s) {
		total += n
	}
	fmt.Println("total", total)

	c := maps.Clone(s)
	c["plum"] = 1
	fmt.Println(len(s), len(c), maps.Equal(s, c), maps.Clone(stock(nil)) == nil)
	maps.DeleteFunc(c, func(k string, n int) bool { return n == 0 || strings.HasPrefix(k, "p") })
	fmt.Println(c)
	maps.Copy(c, map[string]int{"fig": 9, "lime": 4})
	fmt.Println(c, maps.EqualFunc(c, c, func(a, b int) bool { return a == b }))

	up := maps.Collect(func(yield func(string, int) bool) {
		for k, v := range s {
			if !yield(strings.ToUpper(k), v*10) {
				return
			}
		}
	})
	fmt.Println(up)
	maps.Insert(up, maps.All(map[string]int{"FIG": -1}))
	fmt.Println(up["FIG"], len(up))

	xs := []string{"d", "a", "c", "b", "e"}
	for i, x := range slices.All(xs) {
		if i == 3 {
			break
		}
		fmt.Print(i, x, " ")
	}
	fmt.Println()
	for i, x := range slices.Backward(xs) {
		fmt.Print(i, x, " ")
	}
	fmt.Println()
	fmt.Println(slices.Collect(slices.Values(xs)), slices.Collect(evens(0)) == nil)
	fmt.Println(slices.AppendSeq([]int{-1}, evens(7)))
	fmt.Println(slices.SortedFunc(slices.Values(xs), func(a, b string) int { return cmp.Compare(b, a) }))
	for ch := range slices.Chunk([]int{1, 2, 3, 4, 5, 6, 7}, 3) {
		fmt.Println(ch, len(ch), cap(ch))
	}
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		slices.Chunk(xs, 0)
	}()

	out := make(chan string)
	go publish(map[string]int{"only": 1, "two": 2}, out)
	fmt.Println(len(<-out))
	time.Sleep(5 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
