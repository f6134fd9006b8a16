package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

type server struct {
	mu      sync.Mutex
	reqs    chan string
	results chan string
	wg      sync.WaitGroup
}

func (s *server) handle(id int) {
	defer s.wg.Done()
	select {
	case r := <-s.reqs:
		s.results <- fmt.Sprintf("%d:%s", id, r)
	case <-time.After(time.Second):
	}
}

func start() {
	s := &server{reqs: make(chan string), results: make(chan string)}
	for i := 0; i < 3; i++ {
		s.wg.Add(1)
		go s.handle(i)
	}
	s.reqs <- "a"
	go func() {
		s.wg.Wait()
		close(s.results)
	}()
	s.mu.Lock()
	go func() {
		s.mu.Lock()
	}()
}

func main() {
	start()
	runtime.Gosched()
	time.Sleep(2 * time.Second)
	fmt.Println("goroutines:", runtime.NumGoroutine())
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
