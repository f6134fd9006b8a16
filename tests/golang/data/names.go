package main

import (
	"os"
	"runtime/pprof"
	"time"
)

type T struct{ ch chan int }

func (t *T) ptr()  { t.ch <- 1 }
func (t T) value() { <-t.ch }

func outer() {
	ch := make(chan int)
	go func() {
		go func() {
			ch <- 1
		}()
		func() {
			go func() {
				<-make(chan bool)
			}()
		}()
	}()
	go func() {
		select {
		case <-ch:
		case <-make(chan int):
		}
	}()
	t := &T{ch: make(chan int)}
	go t.ptr()
	go T{ch: make(chan int)}.value()
	f := t.ptr
	go f()
}

func main() {
	outer()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
