// Package pipeline reads items that a producer goroutine emits on an
// unbuffered channel; a reader that returns early strands the producer.
package pipeline

import "errors"

// ErrEmpty is the complaint about an empty item.
var ErrEmpty = errors.New("empty item")

// beforeEmit runs before the producer sends item i: a test hook that the
// real-Go recording sets to widen the race; a no-op otherwise.
var beforeEmit = func(i int) {}

// emit sends each item on an unbuffered channel, then closes it.
func emit(items []string) <-chan string {
	out := make(chan string)
	go func() {
		for i, s := range items {
			beforeEmit(i)
			out <- s
		}
		close(out)
	}()
	return out
}

// Validate reads the items and returns ErrEmpty at the first empty one,
// without draining the rest.
func Validate(items []string) error {
	for s := range emit(items) {
		if s == "" {
			return ErrEmpty
		}
	}
	return nil
}

// Collect gathers the items while an auditor goroutine checks them alongside;
// it returns at the auditor's first complaint, even if items are still coming.
func Collect(items []string, check func(string) error) ([]string, error) {
	complaints := make(chan error, 1)
	go func() {
		for _, s := range items {
			if err := check(s); err != nil {
				complaints <- err
				return
			}
		}
	}()
	out := emit(items)
	var got []string
	for {
		select {
		case s, ok := <-out:
			if !ok {
				return got, nil
			}
			got = append(got, s)
		case err := <-complaints:
			return got, err
		}
	}
}
