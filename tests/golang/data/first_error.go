package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

func fetchAll(urls []string) error {
	errc := make(chan error)
	for _, u := range urls {
		go func(u string) {
			time.Sleep(time.Duration(len(u)) * time.Millisecond)
			if u == "bad" {
				errc <- errors.New("fetch " + u)
				return
			}
			errc <- nil
		}(u)
	}
	for range urls {
		if err := <-errc; err != nil {
			return err // the remaining senders block forever
		}
	}
	return nil
}

func main() {
	fmt.Println(fetchAll([]string{"bad", "good", "longer"}))
	time.Sleep(20 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
