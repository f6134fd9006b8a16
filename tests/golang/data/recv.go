package main

import (
	"os"
	"runtime/pprof"
	"time"
)

type consumer struct {
	in chan int
}

func (c *consumer) run() {
	v := <-c.in
	_ = v
}

func start() {
	c := &consumer{in: make(chan int)}
	go c.run()
}

func main() {
	start()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
