// Package gate holds goroutines until a gate opens, with a condition variable.
package gate

import "sync"

// beforeOpen runs as Open starts: a test hook that the real-Go recording sets
// to widen the race; a no-op otherwise.
var beforeOpen = func() {}

// Gate is shut until opened.
type Gate struct {
	mu   sync.Mutex
	cond *sync.Cond
	open bool
}

// New returns a shut gate.
func New() *Gate {
	g := &Gate{}
	g.cond = sync.NewCond(&g.mu)
	return g
}

// Await blocks until the gate is open.
func (g *Gate) Await() {
	g.mu.Lock()
	for !g.open {
		g.cond.Wait()
	}
	g.mu.Unlock()
}

// Open opens the gate but wakes only one waiter (it should broadcast).
func (g *Gate) Open() {
	beforeOpen()
	g.mu.Lock()
	g.open = true
	g.mu.Unlock()
	g.cond.Signal()
}

// OpenAll opens the gate and wakes every waiter.
func (g *Gate) OpenAll() {
	g.mu.Lock()
	g.open = true
	g.mu.Unlock()
	g.cond.Broadcast()
}

// OpenAfter runs load and opens the gate if it succeeds; on a failure it
// returns the error and leaves the gate shut, its waiters never woken.
func (g *Gate) OpenAfter(load func() error) error {
	if err := load(); err != nil {
		return err
	}
	g.OpenAll()
	return nil
}
