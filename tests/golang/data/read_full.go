package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"
	"time"
)

type R struct{ left int }

func (r *R) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	p[0] = byte('a' + r.left)
	r.left--
	return 1, nil
}

func main() {
	buf := make([]byte, 3)
	n, err := io.ReadFull(&R{5}, buf)
	fmt.Println(n, err, string(buf))
	n, err = io.ReadFull(&R{2}, buf)
	fmt.Println(n, err)
	n, err = io.ReadFull(strings.NewReader("xyz!"), buf)
	fmt.Println(n, err, string(buf))
	fmt.Println(header())
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}

// header reads a two-byte header from a producer and leaves: the producer's next send waits for ever.
func header() string {
	feed := make(chan byte)
	go func() {
		for _, b := range []byte("abcdef") {
			feed <- b
		}
	}()
	head := make([]byte, 2)
	io.ReadFull(chanReader(feed), head)
	return string(head)
}

type chanReader chan byte

func (c chanReader) Read(p []byte) (int, error) {
	p[0] = <-c
	return 1, nil
}
