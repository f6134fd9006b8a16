package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

type registry struct {
	mu    sync.RWMutex
	names map[int]string
}

func (r *registry) name(id int) string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.names[id]
}

func (r *registry) describe(id int) string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	runtime.Gosched() // a writer arrives here
	return "id=" + r.name(id) // recursive RLock waits behind the writer
}

func (r *registry) rename(id int, s string) {
	r.mu.Lock()
	r.names[id] = s
	r.mu.Unlock()
}

func start() {
	r := &registry{names: map[int]string{1: "a"}}
	go r.describe(1)
	runtime.Gosched() // describe takes the read lock
	go r.rename(1, "b")
}

func main() {
	start()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
