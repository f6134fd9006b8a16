// The article's handler: checks run in goroutines, the first failing check
// returns early, and nobody receives the results still to come.
package main

import (
	"fmt"
	"time"
)

func check(req, i int) bool {
	time.Sleep(time.Duration(1+(req*7+i*3)%5) * time.Millisecond) // the check's work
	return (req+i)%4 != 0
}

func handler(req, n int) string {
	done := make(chan bool)
	quit := make(chan bool)
	for i := 0; i < n; i++ {
		go func(i int) {
			if check(req, i) {
				done <- true
			} else {
				quit <- true
			}
		}(i)
	}
	for i := 0; i < n; i++ {
		select {
		case <-done:
		case <-quit:
			return "rejected" // early return: who receives the rest?
		}
	}
	return "accepted"
}

func main() {
	for req := 0; req < 20; req++ { // a request every 10 ms
		fmt.Println(req, handler(req, 6))
		time.Sleep(10 * time.Millisecond)
	}
}
