// Fix: return after sending the error; every path sends exactly once.
package main

import (
	"errors"
	"fmt"
	"time"
)

type result struct {
	v   int
	err error
}

func fetch(id int, out chan result) {
	time.Sleep(time.Duration(id%4+1) * time.Millisecond)
	if id%3 == 0 {
		out <- result{err: errors.New("not found")}
		return
	}
	out <- result{v: id * 10}
}

func get(id int) (int, error) {
	out := make(chan result)
	go fetch(id, out)
	r := <-out
	return r.v, r.err
}

func main() {
	for id := 0; id < 12; id++ {
		v, err := get(id)
		fmt.Println(id, v, err)
	}
}
