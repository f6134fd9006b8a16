// Package checks runs checks concurrently; FirstFailure returns at the first
// failure, and the checks that finish after it block for ever on their send.
package checks

import "context"

// FirstFailure reports the first failing check, or -1.
func FirstFailure(results []bool) int {
	ch := make(chan int)
	for i, ok := range results {
		go func() {
			if ok {
				ch <- -1
			} else {
				ch <- i
			}
		}()
	}
	for range results {
		if i := <-ch; i >= 0 {
			return i
		}
	}
	return -1
}

// Sum adds what the workers send; it waits for all of them.
func Sum(n int) int {
	ch := make(chan int, n)
	for i := 0; i < n; i++ {
		go func() { ch <- i }()
	}
	s := 0
	for i := 0; i < n; i++ {
		s += <-ch
	}
	return s
}

// Race sends its result unless the context is cancelled first; the caller
// cancels as soon as it has one answer. Whether the loser leaks depends on
// which goroutine runs first.
func Race(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		select {
		case ch <- 1:
		case <-ctx.Done():
		}
	}()
	go func() { ch <- 2 }()
	return <-ch
}
