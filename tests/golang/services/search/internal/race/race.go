// Package race asks several backends at once and keeps the first answer.
package race

import (
	"context"
	"time"
)

// Backend answers a query after its own latency.
type Backend[T any] struct {
	Name    string
	Latency time.Duration
	Answer  func(q string) T
}

// First returns the first answer, or ctx's error. The other backends' goroutines
// block on their send for ever: results has no buffer and nobody reads it again.
func First[T any](ctx context.Context, q string, backends []Backend[T]) (T, error) {
	results := make(chan T)
	for _, b := range backends {
		go func() {
			time.Sleep(b.Latency)
			results <- b.Answer(q)
		}()
	}
	select {
	case r := <-results:
		return r, nil
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// FirstSafe is First with a buffer for every backend: the late ones finish.
func FirstSafe[T any](ctx context.Context, q string, backends []Backend[T]) (T, error) {
	results := make(chan T, len(backends))
	for _, b := range backends {
		go func() {
			time.Sleep(b.Latency)
			results <- b.Answer(q)
		}()
	}
	select {
	case r := <-results:
		return r, nil
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}
