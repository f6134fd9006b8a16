// Command leaky strands goroutines on purpose so that leakviz's tests read
// what real Go prints about them: every blocking kind the parser must know,
// a labelled goroutine, one locked to its thread, an inlined frame, and a
// call chain deep enough for Go to elide frames.
//
//	leaky -serve 127.0.0.1:0       serve /leak and net/http/pprof, print the address
//	leaky -dump 2                  strand, then print the goroutine profile (debug=1 or 2)
//	leaky -dump leak2              the same from the goroutineleak profile (Go 1.26+)
//	leaky -crash panic|sigquit     strand, then die printing a traceback
//	leaky -wait 61s ...            wait before dumping, so waits show in minutes
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"sync"
	"syscall"
	"time"
)

var (
	sink  = make(chan int)      // nobody ever receives
	never = make(chan struct{}) // nobody ever closes
	mu    sync.Mutex            // main holds it
	wg    sync.WaitGroup        // counts goroutines still starting
)

func stuckSend(i int) { sink <- i }

func stuckRecv() { <-never }

func stuckSelect(a chan int) {
	select {
	case <-a:
	case sink <- 1:
	}
}

func stuckNil() {
	var c chan int
	c <- 1
}

func stuckLock() { mu.Lock() }

func stuckLocked() {
	runtime.LockOSThread()
	<-never
}

func stuckLabeled() {
	pprof.Do(context.Background(), pprof.Labels("handler", "check", "req id", "7"), func(context.Context) {
		<-never
	})
}

// wait is small enough to inline: its frame shows without a +0x offset.
func wait(c chan struct{}) { <-c }

func stuckInlined() { wait(never) }

func deep(n int) int {
	if n == 0 {
		<-never
		return 0
	}
	return deep(n-1) + 1
}

// handler is the article's bug: the checks that finish after the early
// return block on their sends forever.
func handler(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.URL.Query().Get("checks"))
	if n <= 0 || n > 100 {
		n = 3
	}
	done, returned := make(chan bool), make(chan struct{}) // returned: closed once the handler has returned
	quit := make(chan bool); defer close(returned)
	for i := 0; i < n; i++ {
		go func(i int) {
			if i != 0 { <-returned } // finish after the early return, whatever the machine's load
			if i != 0 {
				done <- true
			} else {
				quit <- true
			}
		}(i)
	}
	for i := 0; i < n; i++ {
		select {
		case <-done:
		case <-quit:
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
	}
	fmt.Fprintln(w, "ok")
}

// strandLocal leaks the article's way: the channel is local, so once this
// returns only the blocked goroutines can reach it and Go 1.26+'s leak
// detector calls them leaked.
func strandLocal(spawn func(func())) {
	done := make(chan bool)
	for i := 0; i < 2; i++ {
		spawn(func() { done <- true })
	}
}

func strand() {
	mu.Lock()
	spawn := func(f func()) {
		wg.Add(1)
		go func() { wg.Done(); f() }()
	}
	for i := 0; i < 3; i++ {
		i := i
		spawn(func() { stuckSend(i) })
	}
	spawn(stuckRecv)
	spawn(func() { stuckSelect(make(chan int)) })
	spawn(stuckNil)
	spawn(stuckLock)
	spawn(stuckLocked)
	spawn(stuckLabeled)
	spawn(stuckInlined)
	spawn(func() { deep(120) })
	strandLocal(spawn)
	extra()
	wg.Wait()
	// Let every goroutine reach its blocking point: they are runnable for a
	// moment after wg.Done.
	for i := 0; i < 100; i++ {
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
}

func main() {
	serve := flag.String("serve", "", "serve on this address")
	dump := flag.String("dump", "", "print the goroutine profile at debug 1 or 2 (leak1, leak2: goroutineleak)")
	crash := flag.String("crash", "", "die with a traceback: panic or sigquit")
	wait := flag.Duration("wait", 0, "wait this long before dumping")
	flag.Parse()
	if *serve != "" {
		http.HandleFunc("/leak", handler)
		ln, err := net.Listen("tcp", *serve)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(ln.Addr().String())
		fmt.Fprintln(os.Stderr, http.Serve(ln, nil))
		os.Exit(1)
	}
	strand()
	if *wait > 0 {
		// A GC stamps a blocked goroutine's wait start with the previous
		// GC's time: the first one has none, so it takes two.
		runtime.GC()
		runtime.GC()
		time.Sleep(*wait)
	}
	switch *dump {
	case "1", "2":
		d, _ := strconv.Atoi(*dump)
		_ = pprof.Lookup("goroutine").WriteTo(os.Stdout, d)
		return
	case "leak1", "leak2":
		p := pprof.Lookup("goroutineleak")
		if p == nil {
			fmt.Fprintln(os.Stderr, "no goroutineleak profile in", runtime.Version())
			os.Exit(3)
		}
		_ = p.WriteTo(os.Stdout, int((*dump)[4]-'0'))
		return
	}
	switch *crash {
	case "panic":
		go func() { panic("leaky: giving up") }()
		select {}
	case "sigquit":
		_ = syscall.Kill(os.Getpid(), syscall.SIGQUIT)
		select {}
	}
	fmt.Fprintln(os.Stderr, "say -dump or -crash")
	os.Exit(2)
}
