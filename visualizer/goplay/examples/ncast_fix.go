// Fix: room for every replica's answer, so the late ones finish too.
package main

import (
	"fmt"
	"time"
)

func ask(replica, q int, out chan int) {
	time.Sleep(time.Duration((replica*5+q)%7+1) * time.Millisecond)
	out <- replica
}

func first(q, n int) int {
	out := make(chan int, n)
	for r := 0; r < n; r++ {
		go ask(r, q, out)
	}
	return <-out
}

func main() {
	for q := 0; q < 10; q++ {
		fmt.Println(q, first(q, 5))
	}
	time.Sleep(20 * time.Millisecond)
}
