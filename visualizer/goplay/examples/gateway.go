// The article's gateway: every request runs its checks, each in its own
// goroutine, and the handler answers 403 on the first check that fails.
// handler is the article's code; the other three are its fixes. The window's
// presets run this file with the article's traffic (a share of clients from a
// blocked network, and requests that fail a check now and then).
package main

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// delay[i] is how long check i works.
var delay = []time.Duration{
	5 * time.Millisecond, 10 * time.Millisecond, 15 * time.Millisecond, 20 * time.Millisecond,
	25 * time.Millisecond, 30 * time.Millisecond, 35 * time.Millisecond, 40 * time.Millisecond,
	45 * time.Millisecond, 50 * time.Millisecond,
}

// checks[i](r) says whether r passes check i.
var checks = []func(*http.Request) bool{
	func(r *http.Request) bool { return !strings.HasPrefix(r.RemoteAddr, "203.0.113.") }, // a blocked network
	func(r *http.Request) bool { return number(r, "X-Recent-Requests") <= 100 },          // rate limit
	func(r *http.Request) bool { return !strings.Contains(strings.ToLower(r.UserAgent()), "bot") },
	func(r *http.Request) bool { return strings.HasPrefix(r.Header.Get("X-Token"), "tok_") },
	func(r *http.Request) bool { return !strings.HasSuffix(r.Header.Get("Referer"), ".spam") },
	func(r *http.Request) bool { return number(r, "Content-Length") <= 1<<20 },
	func(r *http.Request) bool { return !strings.HasPrefix(r.URL.Path, "/admin") },
	func(r *http.Request) bool { return r.Method == "GET" || r.Method == "POST" || r.Method == "HEAD" },
	func(r *http.Request) bool { return r.Header.Get("X-Country") != "ZZ" },
	func(r *http.Request) bool { return r.Header.Get("X-Signature") == "valid" },
}

func number(r *http.Request, header string) int {
	n, _ := strconv.Atoi(r.Header.Get(header))
	return n
}

// handler is the article's: nobody receives what the checks still send after
// the first failure.
func handler(w http.ResponseWriter, r *http.Request) {
	done := make(chan bool)
	quit := make(chan bool)
	for i := 0; i < len(checks); i++ {
		go func(i int) {
			time.Sleep(delay[i]) // the check's work
			if checks[i](r) {
				done <- true
			} else {
				quit <- true
			}
		}(i)
	}
	for i := 0; i < len(checks); i++ {
		select {
		case <-done:
		case <-quit:
			http.Error(w, "forbidden", 403)
			return // early return: who receives the rest?
		}
	}
	w.Write([]byte("ok"))
}

// handlerCtx is the idiomatic fix: every check also selects on the request's
// context, which ends when the handler returns.
func handlerCtx(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel() // closes ctx.Done() on every return
	done := make(chan bool)
	quit := make(chan bool)
	for i := 0; i < len(checks); i++ {
		go func(i int) {
			time.Sleep(delay[i]) // the check's work
			ch := done
			if !checks[i](r) {
				ch = quit
			}
			select {
			case ch <- true:
			case <-ctx.Done(): // nobody listens any more
			}
		}(i)
	}
	for i := 0; i < len(checks); i++ {
		select {
		case <-done:
		case <-quit:
			http.Error(w, "forbidden", 403)
			return
		}
	}
	w.Write([]byte("ok"))
}

// handlerStop closes a channel of its own on every return instead.
func handlerStop(w http.ResponseWriter, r *http.Request) {
	stop := make(chan struct{})
	defer close(stop) // every return tells the checks to stop
	done := make(chan bool)
	quit := make(chan bool)
	for i := 0; i < len(checks); i++ {
		go func(i int) {
			time.Sleep(delay[i]) // the check's work
			ch := done
			if !checks[i](r) {
				ch = quit
			}
			select {
			case ch <- true:
			case <-stop:
			}
		}(i)
	}
	for i := 0; i < len(checks); i++ {
		select {
		case <-done:
		case <-quit:
			http.Error(w, "forbidden", 403)
			return
		}
	}
	w.Write([]byte("ok"))
}

// handlerDrain leaves a goroutine behind that receives what is still to come.
func handlerDrain(w http.ResponseWriter, r *http.Request) {
	done := make(chan bool)
	quit := make(chan bool)
	for i := 0; i < len(checks); i++ {
		go func(i int) {
			time.Sleep(delay[i]) // the check's work
			if checks[i](r) {
				done <- true
			} else {
				quit <- true
			}
		}(i)
	}
	for i := 0; i < len(checks); i++ {
		select {
		case <-done:
		case <-quit:
			go func(rest int) { // receive what is still to come
				for ; rest > 0; rest-- {
					select {
					case <-done:
					case <-quit:
					}
				}
			}(len(checks) - i - 1)
			http.Error(w, "forbidden", 403)
			return
		}
	}
	w.Write([]byte("ok"))
}

func main() {
	http.HandleFunc("/", handler)
	http.ListenAndServe(":8080", nil)
}
