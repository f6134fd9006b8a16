package main

import (
	"os"
	"runtime/pprof"
	"time"
)

func wait(a, b chan int) {
	select {
	case <-a:
	case b <- 1:
	}
}

func start() {
	go wait(make(chan int), make(chan int))
}

func main() {
	start()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
