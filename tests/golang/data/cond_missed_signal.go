package main

import (
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

type gate struct {
	mu   sync.Mutex
	cond *sync.Cond
}

func (g *gate) wait() {
	g.mu.Lock()
	g.cond.Wait() // no predicate: a signal sent before this is lost
	g.mu.Unlock()
}

func (g *gate) open() {
	g.mu.Lock()
	g.cond.Signal()
	g.mu.Unlock()
}

func start() {
	g := &gate{}
	g.cond = sync.NewCond(&g.mu)
	g.open()
	go g.wait()
}

func main() {
	start()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
