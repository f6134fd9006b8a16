package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
)

// fetchAll fans out with an errgroup; each result goes on an unbuffered channel
// that nobody reads once the first error returns.
func fetchAll(ctx context.Context, ids []int) error {
	g, ctx := errgroup.WithContext(ctx)
	results := make(chan int)
	for _, id := range ids {
		g.Go(func() error {
			time.Sleep(time.Duration(id) * time.Millisecond)
			if id == 2 {
				return errors.New("id 2 failed")
			}
			results <- id
			return nil
		})
	}
	go func() {
		g.Wait()
		close(results)
	}()
	for r := range results {
		if r == 1 {
			return fmt.Errorf("stopped at %d", r)
		}
	}
	return g.Wait()
}

func limited() int {
	sem := semaphore.NewWeighted(2)
	ctx := context.Background()
	done := make(chan int)
	for i := 0; i < 4; i++ {
		go func() {
			sem.Acquire(ctx, 1)
			done <- i
		}()
	}
	return <-done
}

func main() {
	fmt.Println(fetchAll(context.Background(), []int{1, 2, 3, 4}))
	var g errgroup.Group
	g.SetLimit(1)
	fmt.Println(g.TryGo(func() error { time.Sleep(time.Second); return nil }), g.TryGo(func() error { return nil }))
	fmt.Println(limited())
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
