// Package errgroup as leakviz models golang.org/x/sync/errgroup: written for
// leakviz from the package's documented behaviour, so that a program that
// fans out with a Group runs (and strands) on the simulated runtime as it
// would with the real module.
package errgroup

import (
	"context"
	"fmt"
	"sync"
)

// A Group runs goroutines and collects the first error any of them returns.
type Group struct {
	wg     sync.WaitGroup
	once   sync.Once
	err    error
	stop   func()
	limit  chan struct{}
}

// WithContext returns a Group and a context cancelled when a goroutine of the
// group first returns an error, or when Wait returns.
func WithContext(ctx context.Context) (*Group, context.Context) {
	inner, cancel := context.WithCancel(ctx)
	return &Group{stop: cancel}, inner
}

func (g *Group) release() {
	if g.limit != nil {
		<-g.limit
	}
	g.wg.Done()
}

func (g *Group) fail(err error) {
	g.once.Do(func() {
		g.err = err
		if g.stop != nil {
			g.stop()
		}
	})
}

// Go runs f on a new goroutine, waiting first for room when SetLimit set a limit.
func (g *Group) Go(f func() error) {
	if g.limit != nil {
		g.limit <- struct{}{}
	}
	g.wg.Add(1)
	go func() {
		defer g.release()
		if err := f(); err != nil {
			g.fail(err)
		}
	}()
}

// TryGo runs f on a new goroutine only if the limit leaves room, and says whether it did.
func (g *Group) TryGo(f func() error) bool {
	if g.limit != nil {
		select {
		case g.limit <- struct{}{}:
		default:
			return false
		}
	}
	g.wg.Add(1)
	go func() {
		defer g.release()
		if err := f(); err != nil {
			g.fail(err)
		}
	}()
	return true
}

// Wait blocks until every goroutine of the group has returned, then returns the first error.
func (g *Group) Wait() error {
	g.wg.Wait()
	if g.stop != nil {
		g.stop()
	}
	return g.err
}

// SetLimit caps the goroutines of the group running at once (negative: no cap).
func (g *Group) SetLimit(n int) {
	if n < 0 {
		g.limit = nil
		return
	}
	if g.limit != nil && len(g.limit) != 0 {
		panic(fmt.Errorf("errgroup: modify limit while %v goroutines in the group are still active", len(g.limit)))
	}
	g.limit = make(chan struct{}, n)
}
