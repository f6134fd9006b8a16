package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

func lookup(id int) (string, error) {
	result := make(chan string)
	go func() {
		result <- fmt.Sprint("user-", id)
	}()
	if id < 0 {
		return "", errors.New("bad id")
	}
	return <-result, nil
}

func main() {
	_, err := lookup(-1)
	fmt.Println("err:", err)
	v, _ := lookup(7)
	fmt.Println(v)
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
