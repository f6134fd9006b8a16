package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	ch := make(chan int)
	for i := 0; i < 2; i++ {
		wg.Go(func() {
			ch <- i
		})
	}
	fmt.Println(<-ch)
	time.AfterFunc(time.Millisecond, func() {
		select {}
	})
	time.Sleep(5 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
