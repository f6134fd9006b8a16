// Fix: one slot of buffer lets the worker finish even when nobody receives.
package main

import (
	"errors"
	"fmt"
	"time"
)

func lookup(key int, out chan int) {
	time.Sleep(2 * time.Millisecond)
	out <- key * key
}

func process(key int) (int, error) {
	out := make(chan int, 1)
	go lookup(key, out)
	if key%2 == 1 {
		return 0, errors.New("odd key")
	}
	return <-out, nil
}

func main() {
	for k := 0; k < 16; k++ {
		v, err := process(k)
		fmt.Println(k, v, err)
	}
	time.Sleep(10 * time.Millisecond)
}
