package main

import (
	"os"
	"runtime/pprof"
	"time"
)

func start() {
	var ch chan int
	go func() {
		ch <- 1
	}()
}

func main() {
	start()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
