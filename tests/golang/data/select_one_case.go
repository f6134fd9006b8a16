package main

import (
	"os"
	"runtime/pprof"
	"time"
)

func wait(stop chan struct{}) {
	select {
	case <-stop:
	}
}

func main() {
	go wait(make(chan struct{}))
	time.Sleep(time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
