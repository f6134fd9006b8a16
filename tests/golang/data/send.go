package main

import (
	"os"
	"runtime/pprof"
	"time"
)

func produce(ch chan int) {
	ch <- 42
}

func start() {
	ch := make(chan int)
	go produce(ch)
}

func main() {
	start()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
