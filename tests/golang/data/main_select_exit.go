package main

import (
	"os"
	"runtime"
	"runtime/pprof"
)

func main() {
	jobs := make(chan string)
	go func() {
		for j := range jobs { // nobody sends or closes: leaked
			_ = j
		}
	}()
	go func() {
		runtime.Gosched()
		pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
		os.Exit(0) // main never returns on its own
	}()
	select {} // main parked for good: analysed, never reported
}
