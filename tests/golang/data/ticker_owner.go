package main

import (
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

type flusher struct {
	mu   sync.Mutex
	buf  []int
	done chan bool
}

func (f *flusher) loop() {
	t := time.NewTicker(2 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			f.mu.Lock()
			f.buf = f.buf[:0]
			f.mu.Unlock()
		case <-f.done:
			return
		}
	}
}

func start() {
	f := &flusher{done: make(chan bool)}
	go f.loop()
	f.mu.Lock() // never unlocked: the next tick blocks the loop on the mutex
}

func main() {
	start()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
