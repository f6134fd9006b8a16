package main

import (
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

type store struct {
	mu sync.RWMutex
	v  int
}

func (s *store) set(v int) {
	s.mu.Lock()
	s.v = v
	s.mu.Unlock()
}

func start() {
	s := &store{}
	s.mu.RLock() // a reader that forgets RUnlock
	go s.set(1)
	go s.set(2)
}

func main() {
	start()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
