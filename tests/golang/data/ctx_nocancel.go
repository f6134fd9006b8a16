package main

import (
	"context"
	"os"
	"runtime/pprof"
	"time"
)

func watch(ctx context.Context, updates chan int) {
	for {
		select {
		case <-ctx.Done():
			return
		case u := <-updates:
			_ = u
		}
	}
}

func start() {
	ctx, cancel := context.WithCancel(context.Background())
	_ = cancel // never called
	go watch(ctx, make(chan int))
}

func main() {
	start()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
