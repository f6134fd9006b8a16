package web

import (
	"net/http"
	"time"
)

func lookup(id string) string {
	time.Sleep(5 * time.Millisecond)
	return "item " + id
}

// Item answers with the item, or 504 after 1 ms; the lookup that finishes later is left blocked.
func Item(w http.ResponseWriter, r *http.Request) {
	ch := make(chan string)
	go func() { ch <- lookup(r.PathValue("id")) }()
	select {
	case s := <-ch:
		w.Write([]byte(s))
	case <-time.After(time.Millisecond):
		http.Error(w, "slow", http.StatusGatewayTimeout)
	}
}

func Routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", Item)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("home")) })
	return mux
}
