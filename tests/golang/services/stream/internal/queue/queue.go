// Package queue produces items on a channel as they are read.
package queue

import "time"

// Produce sends each item in turn, pausing between them. The consumer must read
// to the end: one that stops early leaves the producer blocked on its next send.
func Produce[T any](items []T, every time.Duration) <-chan T {
	out := make(chan T)
	go func() {
		defer close(out)
		for _, it := range items {
			time.Sleep(every)
			out <- it
		}
	}()
	return out
}

// Take reads at most n items, then stops reading.
func Take[T any](in <-chan T, n int) []T {
	var got []T
	for it := range in {
		got = append(got, it)
		if len(got) == n {
			break
		}
	}
	return got
}
