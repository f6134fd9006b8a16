package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

// fnv32a is the 32-bit FNV-1a hash: it relies on uint32 multiplication wrapping.
func fnv32a(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

type shard struct{ ch chan string }

func main() {
	var a uint8 = 250
	a += 10
	var b int8 = 127
	b++
	var c uint16 = 0
	c--
	d := int32(-2147483648)
	d = -d
	var e uint64 = 1 << 63
	e *= 2
	x := 300
	f := uint8(x)
	g := int8(200 + x - x)
	var h int64 = 9223372036854775807
	h++
	fmt.Println(a, b, c, d, e, f, g, h, fnv32a("leak"), fnv32a("goroutine")%4)

	// the request's shard is chosen by its hash: only shard 1's worker is ever started, so a request
	// hashed elsewhere blocks for ever
	shards := make([]shard, 4)
	for i := range shards {
		shards[i] = shard{make(chan string)}
	}
	go func() {
		for s := range shards[1].ch {
			_ = s
		}
	}()
	for _, key := range []string{"leak", "goroutine", "chan"} {
		sh := shards[fnv32a(key)%4]
		go func() { sh.ch <- key }()
	}
	one, big := uint32(1), uint16(65535)
	fmt.Println(^uint8(a), ^int8(b), -one, big*big, ^one)
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
