// Package async runs a function on a goroutine of its own.
package async

// Go starts f and returns where its result will arrive. The channel has no
// buffer: a caller that stops waiting leaves f's goroutine blocked on the send.
func Go[T any](f func() T) <-chan T {
	ch := make(chan T)
	go func() { ch <- f() }()
	return ch
}
