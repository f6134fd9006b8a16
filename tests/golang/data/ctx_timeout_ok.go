package main

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

func worker(ctx context.Context, wg *sync.WaitGroup, id int) {
	defer wg.Done()
	select {
	case <-ctx.Done():
		fmt.Println("worker", id, "stopped:", ctx.Err())
	case <-time.After(time.Duration(id) * 20 * time.Millisecond):
		fmt.Println("worker", id, "finished")
	}
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	var wg sync.WaitGroup
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go worker(ctx, &wg, i)
	}
	wg.Wait()
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
