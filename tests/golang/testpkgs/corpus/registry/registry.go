// Package registry is a map behind a read-write lock, with a change watcher
// that is called while the write lock is still held.
package registry

import "sync"

// whileExporting runs between Export's two read locks: a test hook that the
// real-Go recording sets to widen the race; a no-op otherwise.
var whileExporting = func() {}

// Registry maps names to numbers.
type Registry struct {
	mu       sync.RWMutex
	vals     map[string]int
	onChange func(key string)
}

// New returns an empty registry.
func New() *Registry {
	return &Registry{vals: map[string]int{}}
}

// OnChange sets the function Set calls after each change.
func (r *Registry) OnChange(f func(key string)) {
	r.mu.Lock()
	r.onChange = f
	r.mu.Unlock()
}

// Set stores v under key and calls the watcher, still holding the write lock:
// a watcher that reads the registry back locks it again and never returns.
func (r *Registry) Set(key string, v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.vals[key] = v
	if r.onChange != nil {
		r.onChange(key)
	}
}

// Get returns the value under key.
func (r *Registry) Get(key string) int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.vals[key]
}

// Len counts the keys.
func (r *Registry) Len() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.vals)
}

// Export hands every key to sink under the read lock, then counts the keys
// with Len, which takes the read lock again: a writer that queues up in
// between waits for the first read lock, and the second waits for the writer.
func (r *Registry) Export(sink chan<- string) int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for k := range r.vals {
		sink <- k
	}
	whileExporting()
	return r.Len()
}
