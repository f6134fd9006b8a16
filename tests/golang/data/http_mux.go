package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime/pprof"
	"strings"
	"time"
)

// item answers with the item unless its lookup takes longer than 1 ms; a late lookup is left blocked.
func item(w http.ResponseWriter, r *http.Request) {
	ch := make(chan string)
	go func() {
		time.Sleep(2 * time.Millisecond)
		ch <- r.PathValue("id")
	}()
	select {
	case id := <-ch:
		w.Write([]byte("item " + id))
	case <-time.After(time.Millisecond):
		http.Error(w, "timeout", http.StatusGatewayTimeout)
	}
}

type logged struct{ next http.Handler }

func (l logged) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("x-served-by", "logged")
	l.next.ServeHTTP(w, r)
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", item)
	mux.Handle("/static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("file " + strings.TrimPrefix(r.URL.Path, "/static/")))
	}))
	mux.HandleFunc("POST /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
	})
	var h http.Handler = logged{mux}
	for _, t := range []string{"GET /items/7", "POST /items/8", "GET /static/a/b.css", "GET /nothing", "DELETE /items/9"} {
		method, target, _ := strings.Cut(t, " ")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
		fmt.Println(t, rec.Code, rec.Header().Get("X-Served-By"), strings.TrimSpace(rec.Body.String()))
	}
	q, _ := http.NewRequest("GET", "/search?q=go&lang=en&q=leaks", nil)
	fmt.Println(q.URL.Query()["q"], q.FormValue("lang"), http.StatusText(http.StatusGatewayTimeout))
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
