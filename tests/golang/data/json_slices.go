package main

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

type T struct {
	Xs   []int    `json:"xs"`
	Tags []string `json:"tags,omitempty"`
	Raw  []byte   `json:"raw"`
}

// encodeAll marshals each value on its own goroutine; the caller keeps only the first result.
func encodeAll(vs []T) []byte {
	out := make(chan []byte)
	for _, v := range vs {
		go func(v T) {
			b, _ := json.Marshal(v)
			out <- b
		}(v)
	}
	return <-out
}

func main() {
	xs := make([]int, 0, 10)
	xs = append(xs, 1, 2)
	all := []string{"a", "b", "c"}
	t := T{Xs: xs, Tags: all[1:], Raw: []byte("hi")[0:1]}
	b, err := json.Marshal(t)
	fmt.Println(string(b), err)
	var u T
	err = json.Unmarshal(b[0:len(b)], &u)
	fmt.Println(u.Xs, u.Tags, string(u.Raw), err)
	e := all[:0]
	b, _ = json.Marshal(map[string]any{"e": e, "s": xs[:1]})
	fmt.Println(string(b))
	fmt.Println(len(encodeAll([]T{{Xs: []int{1}}, {Raw: []byte("x")}})) > 0)
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
