package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

func first(replicas []string) string {
	c := make(chan string)
	for _, r := range replicas {
		go func() {
			c <- "answer from " + r
		}()
	}
	return <-c
}

func main() {
	fmt.Println(first([]string{"a", "b", "c"}))
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
