// Fix: defer the unlock, so every return releases the lock.
package main

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

var (
	mu    sync.Mutex
	stock = map[string]int{}
)

func restock(item string, n int) error {
	mu.Lock()
	defer mu.Unlock()
	if n < 0 {
		return errors.New("negative restock")
	}
	stock[item] += n
	return nil
}

func count(item string, out chan<- int) {
	mu.Lock()
	defer mu.Unlock()
	out <- stock[item]
}

func main() {
	fmt.Println(restock("apples", 5))
	fmt.Println(restock("pears", -1))
	out := make(chan int, 4)
	for i := 0; i < 4; i++ {
		go count("apples", out)
	}
	time.Sleep(5 * time.Millisecond)
	fmt.Println("counted:", len(out))
}
