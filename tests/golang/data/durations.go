package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

func main() {
	d := 1500 * time.Millisecond
	fmt.Println(d, time.Second, 2*time.Minute+3*time.Second, time.Duration(0), 250*time.Microsecond, 42*time.Nanosecond, time.Hour)
	fmt.Printf("%v %s %d\n", d, d, d)
	start := time.Now()
	time.Sleep(20 * time.Millisecond)
	fmt.Println(time.Since(start) >= 20*time.Millisecond)
	fmt.Println(3.14, 2.0, 1e6, 1e21, 0.0001, 0.00001, 123456789.0, float64(7)/2, 1.0/3)
	fmt.Printf("%.3f %6.2f|%g %e\n", 3.14159, 2.5, 0.5, 1234.5678)
	var f float64 = 10
	fmt.Println(f/4, int(f)/4, -7/2, -7%3)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
