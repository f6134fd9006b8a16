// Fix: a buffered result lets a late worker finish after the caller has timed out.
package main

import (
	"fmt"
	"time"
)

func work(job int, out chan string) {
	time.Sleep(time.Duration(job%6+1) * time.Millisecond)
	out <- fmt.Sprint("job ", job)
}

func call(job int) string {
	out := make(chan string, 1)
	go work(job, out)
	select {
	case s := <-out:
		return s
	case <-time.After(3 * time.Millisecond):
		return "timeout"
	}
}

func main() {
	for job := 0; job < 12; job++ {
		fmt.Println(call(job))
	}
	time.Sleep(10 * time.Millisecond)
}
