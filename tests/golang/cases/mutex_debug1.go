package main

import (
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

type counter struct {
	mu sync.Mutex
	n  int
}

func (c *counter) inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func start() {
	c := &counter{}
	c.mu.Lock() // never unlocked
	for i := 0; i < 2; i++ {
		go c.inc()
	}
}

func main() {
	start()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 1)
}
