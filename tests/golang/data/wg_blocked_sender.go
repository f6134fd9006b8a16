package main

import (
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

func collect(n int) {
	var wg sync.WaitGroup
	results := make(chan int)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results <- i * i
		}(i)
	}
	wg.Wait() // nobody receives until every worker is done
	close(results)
}

func main() {
	go collect(2)
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
