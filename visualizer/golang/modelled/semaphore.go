// Package semaphore as leakviz models golang.org/x/sync/semaphore: written for
// leakviz from the package's documented behaviour (a weighted semaphore whose
// waiters are served in order), so that a program bounding its fan-out with it
// runs on the simulated runtime as it would with the real module.
package semaphore

import (
	"context"
	"sync"
)

type waiter struct {
	n     int64
	ready chan struct{}
}

// Weighted is a semaphore of a fixed total weight.
type Weighted struct {
	size    int64
	cur     int64
	mu      sync.Mutex
	waiters []*waiter
}

// NewWeighted returns a semaphore of total weight n.
func NewWeighted(n int64) *Weighted {
	return &Weighted{size: n}
}

// Acquire takes weight n, waiting for it (in order) until ctx is done.
func (s *Weighted) Acquire(ctx context.Context, n int64) error {
	done := ctx.Done()
	s.mu.Lock()
	select {
	case <-done:
		s.mu.Unlock()
		return ctx.Err()
	default:
	}
	if s.size-s.cur >= n && len(s.waiters) == 0 {
		s.cur += n
		s.mu.Unlock()
		return nil
	}
	if n > s.size {
		s.mu.Unlock()
		<-done // can never be satisfied: wait for the context
		return ctx.Err()
	}
	w := &waiter{n: n, ready: make(chan struct{})}
	s.waiters = append(s.waiters, w)
	s.mu.Unlock()
	select {
	case <-done:
		s.mu.Lock()
		select {
		case <-w.ready: // acquired just now: give it back
			s.cur -= n
			s.wake()
		default:
			for i, x := range s.waiters {
				if x == w {
					s.waiters = append(s.waiters[:i], s.waiters[i+1:]...)
					break
				}
			}
			s.wake()
		}
		s.mu.Unlock()
		return ctx.Err()
	case <-w.ready:
		return nil
	}
}

// TryAcquire takes weight n if it is free now, and says whether it did.
func (s *Weighted) TryAcquire(n int64) bool {
	s.mu.Lock()
	ok := s.size-s.cur >= n && len(s.waiters) == 0
	if ok {
		s.cur += n
	}
	s.mu.Unlock()
	return ok
}

// Release gives weight n back and wakes the waiters it makes room for.
func (s *Weighted) Release(n int64) {
	s.mu.Lock()
	s.cur -= n
	if s.cur < 0 {
		s.mu.Unlock()
		panic("semaphore: released more than held")
	}
	s.wake()
	s.mu.Unlock()
}

func (s *Weighted) wake() {
	for len(s.waiters) > 0 {
		w := s.waiters[0]
		if s.size-s.cur < w.n {
			break
		}
		s.cur += w.n
		s.waiters = s.waiters[1:]
		close(w.ready)
	}
}
