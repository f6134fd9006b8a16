// Fix over HTTP: each check's send also waits on the request's context, which
// net/http cancels when the handler returns, so a late check gives up.
package main

import (
	"net/http"
	"strings"
	"time"
)

func check(r *http.Request, i int) bool {
	time.Sleep(time.Duration(1+i%4) * time.Millisecond) // the check's work
	if i == 0 {
		return !strings.HasSuffix(r.RemoteAddr, "7") // bad_ip
	}
	return len(r.RemoteAddr)%(i+2) != 0
}

func handler(w http.ResponseWriter, r *http.Request) {
	n := 10
	done := make(chan bool)
	quit := make(chan bool)
	for i := 0; i < n; i++ {
		go func(i int) {
			ch := quit
			if check(r, i) {
				ch = done
			}
			select {
			case ch <- true:
			case <-r.Context().Done(): // the handler has returned: nobody will receive
			}
		}(i)
	}
	for i := 0; i < n; i++ {
		select {
		case <-done:
		case <-quit:
			http.Error(w, "rejected", http.StatusForbidden)
			return // the late checks see the context cancelled
		}
	}
	w.Write([]byte("accepted"))
}

func main() {
	http.HandleFunc("/", handler)
	http.ListenAndServe(":8080", nil)
}
