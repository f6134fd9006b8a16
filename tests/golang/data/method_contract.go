package main

import (
	"os"
	"runtime/pprof"
	"time"
)

// Poller's contract: call Stop when done with it.
type Poller struct {
	stop chan struct{}
	tick chan int
}

func NewPoller() *Poller {
	p := &Poller{stop: make(chan struct{}), tick: make(chan int)}
	go p.loop()
	return p
}

func (p *Poller) loop() {
	for {
		select {
		case <-p.stop:
			return
		case p.tick <- 1:
		}
	}
}

func (p *Poller) Stop() { close(p.stop) }

func use() {
	p := NewPoller()
	<-p.tick
	// the caller forgets p.Stop()
}

func main() {
	use()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
