package main

import (
	"context"
	"os"
	"runtime/pprof"
	"time"
)

func wait(ch chan int) {
	select {
	case <-ch:
	case <-time.After(time.Hour):
	}
}

func waitTimer(ch chan int) {
	t := time.NewTimer(time.Hour)
	select {
	case <-ch:
	case <-t.C:
	}
}

func waitCtx(ch chan int) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

func sleeper(ch chan int) {
	time.Sleep(time.Hour)
	ch <- 1
}

func main() {
	go wait(make(chan int))
	go waitTimer(make(chan int))
	go waitCtx(make(chan int))
	go sleeper(make(chan int))
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
