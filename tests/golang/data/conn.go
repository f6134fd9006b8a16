package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

type Transport interface {
	Send(msg string) error
	Close()
}

type conn struct {
	mu       sync.Mutex
	closed   bool
	outbox   chan string
	handlers []func(string)
	stats    struct{ sent, dropped int }
}

var _ Transport = (*conn)(nil)

var errClosed = errors.New("conn closed")

func newConn(buf int) *conn {
	return &conn{outbox: make(chan string, buf)}
}

func (c *conn) Send(msg string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return errClosed
	}
	select {
	case c.outbox <- msg:
		c.stats.sent++
	default:
		c.stats.dropped++
	}
	return nil
}

func (c *conn) Close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
}

func (c *conn) OnMessage(h func(string)) { c.handlers = append(c.handlers, h) }

type kind int

const (
	_ kind = iota
	kindA
	kindB
)

func (c *conn) pump(stop <-chan struct{}, wg *sync.WaitGroup) {
	defer wg.Done()
	for {
		select {
		case m, ok := <-c.outbox:
			if !ok {
				return
			}
			for _, h := range c.handlers {
				h(m)
			}
		case <-stop:
			return
		}
	}
}

func split(xs []int) (evens, odds []int) {
	for _, x := range xs {
		switch r := x % 2; r {
		case 0:
			evens = append(evens, x)
		default:
			odds = append(odds, x)
		}
	}
	return
}

type matrix [2][2]int

func main() {
	c := newConn(2)
	var got []string
	c.OnMessage(func(s string) { got = append(got, "h1:"+s) })
	c.OnMessage(func(s string) { got = append(got, "h2:"+s) })
	stop := make(chan struct{})
	wg := new(sync.WaitGroup)
	wg.Add(1)
	go c.pump(stop, wg)
	for i := 0; i < 4; i++ {
		if err := c.Send(fmt.Sprintf("m%d", i)); err != nil {
			fmt.Println("send:", err)
		}
	}
	fmt.Println("len", len(c.outbox), "cap", cap(c.outbox), c.stats)
	runtime.Gosched()
	close(stop)
	wg.Wait()
	fmt.Println(got, c.stats.sent, c.stats.dropped)
	c.Close()
	fmt.Println(c.Send("late") == errClosed, kindA, kindB)
	e, o := split([]int{1, 2, 3, 4, 5})
	fmt.Println(e, o, len(e)+len(o))
	var m matrix
	m[1][0] = 7
	m2 := m
	m2[0][0] = 1
	fmt.Println(m, m2)
	chans := make([]chan int, 3)
	for i := range chans {
		chans[i] = make(chan int, 1)
		chans[i] <- i * 10
	}
	sum := 0
	for _, ch := range chans {
		sum += <-ch
	}
	fmt.Println("sum", sum)
	results := make(chan chan int)
	go func() {
		inner := <-results
		inner <- 99
	}()
	reply := make(chan int)
	results <- reply
	fmt.Println(<-reply)
	var once sync.Once
	for i := 0; i < 3; i++ {
		once.Do(func() { fmt.Println("once", i) })
	}
	t := time.NewTimer(time.Hour)
	if !t.Stop() {
		<-t.C
	}
	leak := make(chan int)
	go func() { leak <- 1 }()
	time.Sleep(time.Millisecond)
	fmt.Println("goroutines", runtime.NumGoroutine())
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
	if len(got) > 100 {
		os.Exit(3)
	}
}
