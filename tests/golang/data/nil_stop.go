package main

import (
	"os"
	"runtime/pprof"
	"time"
)

type server struct {
	stopc chan struct{}
	reqc  chan int
}

func (s *server) run() {
	for {
		select {
		case <-s.stopc: // stopc was never made: this case never fires
			return
		case r := <-s.reqc:
			_ = r
		}
	}
}

func main() {
	s := &server{reqc: make(chan int)}
	go s.run()
	s.reqc <- 1
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
