// Package pool maps a function over items with a few workers.
package pool

type result[R any] struct {
	i   int
	r   R
	err error
}

// Map runs f over items on workers goroutines and stops at the first error.
// Stopping early is the bug: the workers still running block on their send,
// and the feeder blocks on jobs, because nobody reads either channel again.
func Map[T, R any](items []T, workers int, f func(T) (R, error)) ([]R, error) {
	jobs := make(chan int)
	results := make(chan result[R])
	go func() {
		for i := range items {
			jobs <- i
		}
		close(jobs)
	}()
	for w := 0; w < workers; w++ {
		go func() {
			for i := range jobs {
				r, err := f(items[i])
				results <- result[R]{i, r, err}
			}
		}()
	}
	out := make([]R, len(items))
	for range items {
		res := <-results
		if res.err != nil {
			return nil, res.err
		}
		out[res.i] = res.r
	}
	return out, nil
}
