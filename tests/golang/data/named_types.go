package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

type State int

const (
	Idle State = iota
	Busy
)

func (s State) String() string {
	switch s {
	case Idle:
		return "idle"
	case Busy:
		return "busy"
	}
	return "unknown"
}

type Celsius float64

func (c Celsius) Fahrenheit() float64 { return float64(c)*9/5 + 32 }

type Handler func(int) int

func (h Handler) Twice(x int) int { return h(h(x)) }

func main() {
	s := Busy
	fmt.Println(s, Idle, s.String(), State(7))
	fmt.Printf("%v %s %d\n", s, s, s)
	c := Celsius(100)
	fmt.Println(c.Fahrenheit())
	h := Handler(func(x int) int { return x + 1 })
	fmt.Println(h.Twice(3))
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
