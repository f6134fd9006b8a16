package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

func worker(jobs <-chan int, done chan<- int) {
	sum := 0
	for j := range jobs {
		sum += j
	}
	done <- sum
}

func run() {
	jobs := make(chan int, 3)
	done := make(chan int)
	go worker(jobs, done)
	for i := 1; i <= 3; i++ {
		jobs <- i
	}
	// forgot close(jobs): the worker never leaves its range loop
	fmt.Println("submitted")
}

func main() {
	run()
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
