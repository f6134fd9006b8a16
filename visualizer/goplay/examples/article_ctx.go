// Fix 2: every send also waits on ctx.Done(), which cancel closes on return.
package main

import (
	"context"
	"fmt"
	"time"
)

func check(req, i int) bool {
	time.Sleep(time.Duration(1+(req*7+i*3)%5) * time.Millisecond)
	return (req+i)%4 != 0
}

func handler(req, n int) string {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan bool)
	quit := make(chan bool)
	for i := 0; i < n; i++ {
		go func(i int) {
			ch := done
			if !check(req, i) {
				ch = quit
			}
			select {
			case ch <- true:
			case <-ctx.Done(): // nobody listens any more
			}
		}(i)
	}
	for i := 0; i < n; i++ {
		select {
		case <-done:
		case <-quit:
			return "rejected"
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
