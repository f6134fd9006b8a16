package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"
)

// parseAll parses in the background and hands back each result; the caller stops at the first error.
func parseAll(fields []string, out chan<- int64) {
	for _, f := range fields {
		n, err := strconv.ParseInt(f, 0, 16)
		if err != nil {
			n = -1
		}
		out <- n
	}
	close(out)
}

// firstBad stops reading at the first field that does not parse: parseAll stays blocked on its send.
func firstBad(fields []string) int {
	out := make(chan int64)
	go parseAll(fields, out)
	i := 0
	for n := range out {
		if n < 0 {
			return i
		}
		i++
	}
	return -1
}

func main() {
	for _, s := range []string{"42", "-0x1f", "0b101", "0o17", "017", "1_000", "_1", "+7", " 3", "", "99999", "-32769"} {
		n, err := strconv.ParseInt(s, 0, 16)
		fmt.Println(s, n, err)
	}
	for _, s := range []string{"255", "256", "-1", "ff"} {
		n, err := strconv.ParseUint(s, 10, 8)
		fmt.Println(s, n, err)
	}
	u, err := strconv.ParseUint("ff", 16, 64)
	fmt.Println(u, err, strconv.FormatUint(u, 2), strconv.FormatUint(18446744073709551615, 36))
	_, err = strconv.ParseInt("1", 1, 64)
	fmt.Println(err)
	s := "héllo, wörld"
	fmt.Println(strings.Index(s, "wö"), strings.LastIndex(s, "l"), strings.IndexByte(s, 'w'), strings.LastIndexByte(s, 'o'))
	fmt.Println(firstBad([]string{"1", "x", "3"}))
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
