package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"sync/atomic"
	"time"
)

var flag int32

func main() {
	go func() {
		time.Sleep(time.Millisecond)
		atomic.StoreInt32(&flag, 1)
	}()
	n := 0
	for atomic.LoadInt32(&flag) == 0 {
		n++
	}
	fmt.Println("spun", n > 0)
	tick := time.NewTicker(time.Millisecond)
	go func() {
		for range tick.C {
		}
	}()
	go func() {
		defer func() {
			r := recover()
			fmt.Println("recovered:", r)
		}()
		var m map[string]int
		m["x"] = 1
	}()
	time.Sleep(5 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
