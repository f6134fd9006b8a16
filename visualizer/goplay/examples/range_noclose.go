// No close: the consumer ranges over jobs, the producer never closes it.
package main

import (
	"fmt"
	"time"
)

func consume(jobs chan int, id int) {
	for j := range jobs { // waits for a close that never comes
		time.Sleep(time.Duration(j%3+1) * time.Millisecond)
	}
	fmt.Println("consumer", id, "done")
}

func main() {
	for batch := 0; batch < 8; batch++ {
		jobs := make(chan int, 2)
		go consume(jobs, batch)
		for j := 0; j < 5; j++ {
			jobs <- j
		}
		time.Sleep(5 * time.Millisecond)
	}
}
