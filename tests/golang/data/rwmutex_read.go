package main

import (
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

type cache struct {
	mu   sync.RWMutex
	data map[string]int
}

func (c *cache) get(k string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.data[k]
}

func start() {
	c := &cache{data: map[string]int{"a": 1}}
	c.mu.Lock() // a writer that never finishes
	go c.get("a")
}

func main() {
	start()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
