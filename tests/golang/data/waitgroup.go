package main

import (
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

func start() {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
	}()
	go func() {
		wg.Wait() // the second Done never comes
	}()
}

func main() {
	start()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
