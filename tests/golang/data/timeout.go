package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

func slow(out chan int) {
	time.Sleep(50 * time.Millisecond)
	out <- 1
}

func query() (int, bool) {
	out := make(chan int)
	go slow(out)
	select {
	case v := <-out:
		return v, true
	case <-time.After(10 * time.Millisecond):
		return 0, false
	}
}

func main() {
	v, ok := query()
	fmt.Println(v, ok)
	time.Sleep(100 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
