// Package fetchtimeout runs a slow call on its own goroutine and gives up when
// the context ends first. The result channel is unbuffered, so a call whose
// caller has given up blocks for ever on its send.
package fetchtimeout

import "context"

// beforeResult runs between the call and the send of its result: a test hook
// that the real-Go recording sets to widen the race; a no-op otherwise.
var beforeResult = func() {}

// Fetch returns call's result, or ctx's error if ctx ends first.
func Fetch(ctx context.Context, call func() int) (int, error) {
	ch := make(chan int)
	go func() {
		v := call()
		beforeResult()
		ch <- v
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// FetchBuffered is Fetch with room for the result: an abandoned call still ends.
func FetchBuffered(ctx context.Context, call func() int) (int, error) {
	ch := make(chan int, 1)
	go func() {
		v := call()
		beforeResult()
		ch <- v
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
