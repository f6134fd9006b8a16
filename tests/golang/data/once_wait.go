package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

// config loads once; the loader waits for a reply nobody sends, so the first caller is stuck inside
// Do and every later caller waits on the Once for ever.
type config struct {
	once  sync.Once
	reply chan string
	value string
}

func (c *config) load() {
	c.value = <-c.reply
}

func (c *config) get() string {
	c.once.Do(c.load)
	return c.value
}

func main() {
	c := &config{reply: make(chan string)}
	for i := 0; i < 3; i++ {
		go func() { fmt.Println(c.get()) }()
		time.Sleep(time.Millisecond)
	}
	c = nil
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
