package main

import (
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

type registry struct {
	mu    sync.Mutex
	items map[string]int
}

func (r *registry) has(k string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.items[k]
	return ok
}

func (r *registry) add(k string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.has(k) { // locks r.mu again
		r.items[k] = 1
	}
}

func start() {
	r := &registry{items: map[string]int{}}
	go r.add("x")
}

func main() {
	start()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
