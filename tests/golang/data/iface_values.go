package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

func logf(format string, args ...any) { fmt.Printf(format+"\n", args...) }

func kind(v any) string {
	switch x := v.(type) {
	case time.Duration:
		return "duration " + (x * 2).String()
	case Celsius:
		return fmt.Sprint("celsius ", float64(x)+1)
	case int:
		return fmt.Sprint("int ", x+1)
	}
	return "other"
}

func main() {
	d := 1500 * time.Millisecond
	logf("took %v, temp %v, n %d", d, Celsius(21.5), 3)
	fmt.Println(kind(d), kind(Celsius(1)), kind(4), kind("s"))
	var x any = 2 * time.Second
	if dd, ok := x.(time.Duration); ok {
		fmt.Println(dd + time.Second)
	}
	// a result sent as an interface: the reader gives up after 1 ms, the sender is left blocked
	results := make(chan any)
	go func() {
		time.Sleep(2 * time.Millisecond)
		results <- 3 * time.Millisecond
	}()
	select {
	case r := <-results:
		fmt.Println("got", r)
	case <-time.After(time.Millisecond):
		fmt.Println("gave up after", time.Millisecond)
	}
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
