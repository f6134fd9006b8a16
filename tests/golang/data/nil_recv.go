package main

import (
	"os"
	"runtime/pprof"
	"time"
)

func start() {
	var ch chan string
	go func() {
		<-ch
	}()
}

func main() {
	start()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
