package main

import (
	"log"
	"net/http"
	"strings"
	"time"
)

// audit records a blocked client's request; nobody reads the channel after the first.
func audit(ch chan string, r *http.Request) { ch <- r.RemoteAddr }

func items(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.RemoteAddr, "203.0.113.") {
		ch := make(chan string)
		go audit(ch, r)
		select {
		case <-ch:
		case <-time.After(time.Millisecond):
		}
		go audit(ch, r) // a second audit nobody waits for
		http.Error(w, "blocked", http.StatusForbidden)
		return
	}
	w.Write([]byte("ok " + r.PathValue("id")))
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", items)
	log.Fatal(http.ListenAndServe(":8080", mux))
}
