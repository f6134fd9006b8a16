package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"sync"
)

func main() {
	var gets []func() int
	for i := 0; i < 3; i++ {
		var x int
		set := func() { x = i * 10 } // set and get share this iteration's x
		get := func() int { return x }
		set()
		gets = append(gets, get)
	}
	for _, g := range gets {
		fmt.Print(g(), " ")
	}
	fmt.Println()

	var incs []func()
	for i := 0; i < 3; i++ {
		incs = append(incs, func() { i += 100 }) // changes this iteration's i only
		if i == 1 {
			incs[1]()
			fmt.Println("i in body after the closure ran:", i)
		}
	}
	var wg sync.WaitGroup
	results := make([]string, 3)
	for k, name := range []string{"a", "b", "c"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[k] = fmt.Sprint(name, k)
		}()
	}
	wg.Wait()
	fmt.Println(results)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
