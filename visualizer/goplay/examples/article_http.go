// The article's handler as an HTTP handler: leakviz sends it simulated
// requests at the chosen rate; main (ListenAndServe) is not run.
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
			if check(r, i) {
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
			http.Error(w, "rejected", http.StatusForbidden)
			return // early return: who receives the rest?
		}
	}
	w.Write([]byte("accepted"))
}

func main() {
	http.HandleFunc("/", handler)
	http.ListenAndServe(":8080", nil)
}
