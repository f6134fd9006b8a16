package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

func double() (r int) {
	defer func() { r *= 2 }()
	return 5
}

func wrap() (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("wrapped: %w", err)
		}
	}()
	return errors.New("boom")
}

func recovered() (n int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	panic("oops")
}

func main() {
	fmt.Println(double(), wrap())
	fmt.Println(recovered())
	// the deferred close tells the worker to stop only when the handler succeeded: a failed run
	// returns early with its named error set, and the worker waits on its channel for ever
	for _, fail := range []bool{false, true} {
		fmt.Println(run(fail))
	}
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}

func run(fail bool) (err error) {
	stop := make(chan struct{})
	go func() { <-stop }()
	defer func() {
		if err == nil {
			close(stop)
		}
	}()
	if fail {
		return errors.New("failed")
	}
	return nil
}
