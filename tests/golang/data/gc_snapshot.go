package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

func main() {
	a := make(chan int)
	go func() { <-a }()
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
	fmt.Println("--")
	b := make(chan int)
	go func() { <-b }()
	go func() {}()
	go func() { select {} }()
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
	a <- 1
	b <- 1
}
