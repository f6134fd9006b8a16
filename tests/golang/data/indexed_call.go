// fs[i](x) and go fs[i](x): Go's grammar reads them as conversions to a generic type.
package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

func main() {
	fs := []func(int) int{func(x int) int { return x + 1 }, func(x int) int { return x * 2 }}
	m := map[string]func(int) int{"neg": func(x int) int { return -x }}
	k := "neg"
	for i := range fs {
		fmt.Println(fs[i](10))
	}
	fmt.Println(m[k](3))
	var wg sync.WaitGroup
	out := make([]int, 2)
	ws := []func(int){func(x int) { out[0] = x; wg.Done() }, func(x int) { out[1] = -x; wg.Done() }}
	for i := range ws {
		wg.Add(1)
		go ws[i](7)
	}
	wg.Wait()
	fmt.Println(out)
	ch := make(chan int)
	senders := []func(int){func(x int) { ch <- x }}
	go senders[0](1) // nobody receives: leaked at the send
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
