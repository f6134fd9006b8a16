package main

import (
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

type watcher struct {
	mu     sync.Mutex
	events chan string
	seen   int
}

func (w *watcher) notify(e string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.events <- e // sends while holding the lock
}

func (w *watcher) consume() {
	for e := range w.events {
		w.mu.Lock() // needs the lock the sender holds
		w.seen++
		w.mu.Unlock()
		_ = e
	}
}

func start() {
	w := &watcher{events: make(chan string)}
	go w.consume()
	go w.notify("a")
	go w.notify("b")
}

func main() {
	start()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
