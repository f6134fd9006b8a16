// Method contract: a Poller must be stopped; callers that forget leave its loop running.
package main

import "time"

type Poller struct {
	stop  chan struct{}
	ticks chan int
}

func NewPoller() *Poller {
	p := &Poller{stop: make(chan struct{}), ticks: make(chan int)}
	go p.loop()
	return p
}

func (p *Poller) loop() {
	n := 0
	for {
		select {
		case p.ticks <- n: // blocks once nobody reads ticks
			n++
		case <-p.stop:
			return
		}
	}
}

// Stop must be called when the poller is no longer needed.
func (p *Poller) Stop() { close(p.stop) }

func use(k int) int {
	p := NewPoller()
	sum := 0
	for i := 0; i < k; i++ {
		sum += <-p.ticks
	}
	return sum // forgot p.Stop()
}

func main() {
	for k := 1; k <= 10; k++ {
		use(k)
		time.Sleep(time.Millisecond)
	}
}
