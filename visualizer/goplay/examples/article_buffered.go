// Fix 1: give each channel room for every check, so a send never waits.
package main

import (
	"fmt"
	"time"
)

func check(req, i int) bool {
	time.Sleep(time.Duration(1+(req*7+i*3)%5) * time.Millisecond)
	return (req+i)%4 != 0
}

func handler(req, n int) string {
	done := make(chan bool, n)
	quit := make(chan bool, n)
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
			return "rejected" // the rest land in the buffers
		}
	}
	return "accepted"
}

func main() {
	for req := 0; req < 20; req++ {
		fmt.Println(req, handler(req, 6))
		time.Sleep(10 * time.Millisecond)
	}
}
