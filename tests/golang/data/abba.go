package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

type account struct {
	mu      sync.Mutex
	balance int
}

func transfer(from, to *account, n int) {
	from.mu.Lock()
	runtime.Gosched()
	to.mu.Lock()
	from.balance -= n
	to.balance += n
	to.mu.Unlock()
	from.mu.Unlock()
}

func start() {
	a, b := &account{balance: 10}, &account{balance: 10}
	go transfer(a, b, 1)
	go transfer(b, a, 2)
}

func main() {
	start()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
