package main

import (
	"os"
	"runtime/pprof"
	"time"
)

func forever() {
	select {}
}

func main() {
	go forever()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
