package main

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"
)

type Key struct {
	host string
	port int
}

type Node struct {
	name     string
	children []*Node
	parent   *Node
}

type Animal interface{ Sound() string }
type Dog struct{ name string }
type Cat struct{ name string }

func (d *Dog) Sound() string { return d.name + " woof" }
func (c Cat) Sound() string  { return c.name + " meow" }

type Cache struct {
	sync.RWMutex
	items map[Key]string
	cond  *sync.Cond
	ready bool
}

func NewCache() *Cache {
	c := &Cache{items: make(map[Key]string)}
	c.cond = sync.NewCond(&c.RWMutex)
	return c
}

func (c *Cache) Put(k Key, v string) {
	c.Lock()
	c.items[k] = v
	c.ready = true
	c.cond.Broadcast()
	c.Unlock()
}

func (c *Cache) WaitReady() int {
	c.Lock()
	for !c.ready {
		c.cond.Wait()
	}
	n := len(c.items)
	c.Unlock()
	return n
}

func walk(n *Node, depth int, visit func(*Node, int)) {
	visit(n, depth)
	for _, ch := range n.children {
		walk(ch, depth+1, visit)
	}
}

func producer(ctx context.Context, out chan<- int) {
	defer close(out)
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			return
		case out <- i:
			time.Sleep(time.Millisecond)
		}
	}
}

func main() {
	c := NewCache()
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println("ready with", c.WaitReady())
		}()
	}
	c.Put(Key{"a", 1}, "x")
	c.Put(Key{"a", 1}, "y")
	c.Put(Key{"b", 2}, "z")
	wg.Wait()
	c.RLock()
	fmt.Println(c.items[Key{"a", 1}], len(c.items))
	c.RUnlock()

	animals := []Animal{&Dog{"rex"}, Cat{"tom"}}
	for _, a := range animals {
		switch v := a.(type) {
		case *Dog:
			fmt.Println("dog", v.name, v.Sound())
		case Cat:
			fmt.Println("cat", v.name, a.Sound())
		}
	}
	if d, ok := animals[0].(*Dog); ok {
		fmt.Println("is dog", d.name)
	}
	root := &Node{name: "root"}
	for i := 0; i < 2; i++ {
		child := &Node{name: "c" + strconv.Itoa(i), parent: root}
		root.children = append(root.children, child)
		child.children = append(child.children, &Node{name: child.name + ".leaf", parent: child})
	}
	var names []string
	walk(root, 0, func(n *Node, d int) {
		names = append(names, strings.Repeat("-", d)+n.name)
	})
	fmt.Println(strings.Join(names, " "))
	s := "héllo"
	for i, r := range s {
		if r == 'l' {
			fmt.Print(i, " ")
		}
	}
	fmt.Println(len(s), strings.ToUpper(s), strings.Contains(s, "ll"))
	n, err := strconv.Atoi("12x")
	fmt.Println(n, err)
	x := 1
	if x := 2; x > 1 {
		fmt.Println("inner", x)
	} else if y := x * 2; y > 0 {
		fmt.Println(y)
	}
	fmt.Println("outer", x)
	ctx, cancel := context.WithCancel(context.Background())
	out := make(chan int)
	go producer(ctx, out)
	total := 0
	for v := range out {
		total += v
		if v == 4 {
			cancel()
			break
		}
	}
	fmt.Println("total", total)
	time.Sleep(10 * time.Millisecond)
	fmt.Printf("%v %+v %d%%\n", &Key{"h", 8}, Key{"h", 9}, 50)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
