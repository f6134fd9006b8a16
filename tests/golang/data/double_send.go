package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

func fetch(out chan<- error) {
	err := errors.New("partial")
	if err != nil {
		out <- err // no return: falls through to the second send
	}
	out <- nil
}

func call() error {
	out := make(chan error)
	go fetch(out)
	return <-out
}

func main() {
	fmt.Println(call())
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
