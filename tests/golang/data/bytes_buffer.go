package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"time"
)

// render builds a report in the background; the caller gives up waiting after a millisecond.
func render(out chan *bytes.Buffer) {
	var b bytes.Buffer
	time.Sleep(5 * time.Millisecond)
	b.WriteString("report")
	out <- &b
}

func report() string {
	out := make(chan *bytes.Buffer)
	go render(out)
	select {
	case b := <-out:
		return b.String()
	case <-time.After(time.Millisecond):
		return "timeout"
	}
}

func main() {
	var b bytes.Buffer
	b.WriteString("hello ")
	b.Write([]byte("world"))
	b.WriteByte('!')
	b.WriteRune('é')
	fmt.Fprintf(&b, " %d", 42)
	fmt.Println(b.String(), b.Len())
	p := make([]byte, 5)
	n, err := b.Read(p)
	fmt.Println(n, err, string(p), b.String())
	rest, _ := io.ReadAll(&b)
	fmt.Println(string(rest), b.Len())
	_, err = b.Read(p)
	fmt.Println(err)
	x := []byte("  Go Leaks  ")
	fmt.Println(string(bytes.TrimSpace(x)), bytes.Contains(x, []byte("Leak")), bytes.Equal([]byte("a"), []byte("a")), bytes.Index(x, []byte("L")))
	fmt.Println(len(bytes.Split([]byte("a,b,c"), []byte(","))), string(bytes.Join([][]byte{[]byte("x"), []byte("y")}, []byte("-"))))
	nb := bytes.NewBufferString("abc")
	nb.Truncate(2)
	fmt.Println(nb.String(), bytes.HasPrefix(x, []byte("  G")), string(bytes.ToUpper([]byte("up"))))
	fmt.Println(report())
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
