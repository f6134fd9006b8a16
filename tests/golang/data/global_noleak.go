package main

import (
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

var (
	events = make(chan int)
	mu     sync.Mutex
)

func listen() {
	for e := range events {
		_ = e
	}
}

func main() {
	go listen()
	mu.Lock()
	go func() {
		mu.Lock()
	}()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
