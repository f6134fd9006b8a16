package main

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime/pprof"
	"strings"
	"time"
)

type Base struct {
	ID int `json:"id"`
}

type Item struct {
	Base
	Name    string            `json:"name"`
	Price   float64           `json:"price,omitempty"`
	Tags    []string          `json:"tags"`
	Meta    map[string]int    `json:"meta,omitempty"`
	secret  string
	Skip    string `json:"-"`
	Wait    time.Duration `json:"wait"`
	Child   *Item         `json:"child,omitempty"`
	Note    string
}

func main() {
	it := Item{Base: Base{7}, Name: "a<b>&c", Price: 2.5, Tags: []string{"x"}, secret: "s", Skip: "k", Wait: 1500 * time.Millisecond, Note: "n"}
	b, err := json.Marshal(it)
	fmt.Println(string(b), err)
	b, _ = json.MarshalIndent(map[string]any{"b": 1, "a": []int{1, 2}, "c": nil}, "", "  ")
	fmt.Println(string(b))
	var back Item
	err = json.Unmarshal([]byte(`{"id": 9, "name": "z", "tags": ["p","q"], "meta": {"k": 3}, "child": {"name": "kid"}, "NOTE": "N", "unknown": 1}`), &back)
	fmt.Println(err, back.ID, back.Name, back.Tags, back.Meta["k"], back.Child.Name, back.Note)
	var m map[string]any
	fmt.Println(json.Unmarshal([]byte(`{"n": 1, "s": [true, null]}`), &m), m)
	var bad Item
	fmt.Println(json.Unmarshal([]byte(`{"id": "x"}`), &bad))
	fmt.Println(json.Unmarshal([]byte(`{"id": 1`), &bad))
	fmt.Println(json.Unmarshal([]byte(`x`), &bad))
	enc := json.NewEncoder(os.Stdout)
	enc.Encode([]Base{{1}, {2}})
	dec := json.NewDecoder(strings.NewReader(`{"id": 5} {"id": 6}`))
	for {
		var x Base
		if err := dec.Decode(&x); err != nil {
			fmt.Println("end:", err)
			break
		}
		fmt.Println("decoded", x.ID)
	}
	var n int
	fmt.Println(json.Unmarshal([]byte("42"), &n), n, json.Valid([]byte("{}")), json.Valid([]byte("{")))
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
