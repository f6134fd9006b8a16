package main

import (
	"os"
	"runtime/pprof"
	"time"
)

func announce(name string) {
	ch := make(chan string)
	go func() {
		ch <- name
	}()
}

func main() {
	announce("gopher")
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
