package main

import (
	"os"
	"runtime"
	"runtime/pprof"
)

// 300 requests, each with a reply nobody reads: how many repliers are blocked when the
// profile starts depends on Go's run queues (runnext, a 256-slot local queue that spills
// half to the global one, and the global queue checked every 61st schedule).
func request(done chan struct{}) {
	reply := make(chan int)
	go func() {
		reply <- 1
	}()
	select {
	case <-reply:
	case <-done:
	}
}

func main() {
	done := make(chan struct{})
	close(done)
	for i := 0; i < 300; i++ {
		go request(done)
	}
	runtime.Gosched()
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
