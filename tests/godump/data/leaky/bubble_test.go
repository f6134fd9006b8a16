//go:build go1.25 && bubble

package main

import (
	"os"
	"runtime/pprof"
	"testing"
	"testing/synctest"
)

// TestBubble dumps from inside a synctest bubble, where blocked goroutines
// are durably blocked and Go says so in their headers.
func TestBubble(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := make(chan int)
		go func() { <-c }()
		c2 := make(chan int)
		go func() { c2 <- 1 }()
		synctest.Wait()
		_ = pprof.Lookup("goroutine").WriteTo(os.Stdout, 2)
		close(c)
		<-c2
	})
}
