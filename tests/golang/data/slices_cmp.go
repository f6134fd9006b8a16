package main

import (
	"cmp"
	"fmt"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"time"
)

type user struct {
	Name string
	Age  int
}

// firstAdult hands back the first adult it finds; the search goes on after the caller has its answer.
func firstAdult(us []user) string {
	found := make(chan string)
	for _, u := range us {
		go func() {
			if u.Age >= 18 {
				found <- u.Name
			}
		}()
	}
	return <-found
}

func main() {
	xs := []int{5, 2, 9, 1, 5, 6, 3, 8, 7, 4, 0, 11, 15, 13, 12, 14}
	slices.Sort(xs)
	fmt.Println(xs, slices.IsSorted(xs), slices.Contains(xs, 9), slices.Index(xs, 13), slices.Max(xs), slices.Min(xs))
	i, ok := slices.BinarySearch(xs, 10)
	fmt.Println(i, ok)
	names := []string{"bob", "Al", "carol", "al"}
	slices.SortFunc(names, func(a, b string) int { return cmp.Compare(strings.ToLower(a), strings.ToLower(b)) })
	fmt.Println(names)
	us := []user{{"a", 30}, {"b", 20}, {"c", 30}, {"d", 10}}
	slices.SortStableFunc(us, func(a, b user) int { return cmp.Compare(a.Age, b.Age) })
	fmt.Println(us)
	ys := slices.Clone(xs[:4])
	ys = slices.Insert(ys, 1, 100, 200)
	ys = slices.Delete(ys, 0, 2)
	fmt.Println(ys, len(ys), slices.Equal(ys, []int{200, 1, 2, 3}))
	fmt.Println(slices.Compact([]int{1, 1, 2, 2, 2, 3, 1}), cmp.Compare(2, 1), cmp.Less("a", "b"), cmp.Or("", "x"))
	slices.Reverse(ys)
	fmt.Println(ys, slices.IndexFunc(ys, func(v int) bool { return v > 2 }))
	fmt.Println(len(firstAdult(us)))
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
