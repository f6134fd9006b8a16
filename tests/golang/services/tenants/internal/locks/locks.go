// Package locks hands out one mutex per key.
package locks

import "sync"

// Keyed is a set of mutexes, one per key, made on first use.
type Keyed[K comparable] struct {
	mu    sync.Mutex
	locks map[K]*sync.Mutex
}

// For is the mutex of key.
func (k *Keyed[K]) For(key K) *sync.Mutex {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.locks == nil {
		k.locks = map[K]*sync.Mutex{}
	}
	m, ok := k.locks[key]
	if !ok {
		m = &sync.Mutex{}
		k.locks[key] = m
	}
	return m
}
