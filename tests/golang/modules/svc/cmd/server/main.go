package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"example.com/svc/internal/checks"
)

func main() {
	err := checks.FirstFailure([]int{1, 2, 3, 4}, func(i int) string { return fmt.Sprint("c", i) },
		func(name string) checks.Result { return checks.Result{Name: name, OK: name != "c1"} })
	fmt.Println(err, err == checks.ErrFailed, checks.Result{Name: "x", OK: true})
	checks.Calls = 10
	fmt.Println(checks.Calls)
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
