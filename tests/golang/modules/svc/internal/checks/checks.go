package checks

import (
	"errors"
	"time"
)

var ErrFailed = errors.New("check failed")

var Calls int

type Result struct {
	Name string
	OK   bool
}

type Check func(name string) Result

// FirstFailure runs every check concurrently and returns at the first failure:
// the checks that finish later block on their send for ever.
func FirstFailure[T any](items []T, name func(T) string, run Check) error {
	results := make(chan Result)
	for _, it := range items {
		go func() {
			time.Sleep(time.Millisecond)
			results <- run(name(it))
		}()
	}
	for range items {
		if r := <-results; !r.OK {
			return ErrFailed
		}
	}
	return nil
}

func (r Result) String() string {
	Calls++
	if r.OK {
		return r.Name + ": ok"
	}
	return r.Name + ": failed"
}
