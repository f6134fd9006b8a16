package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime/pprof"
	"strings"
	"time"
)

type Order struct {
	ID    int      `json:"id"`
	Items []string `json:"items"`
	Note  string   `json:"note,omitempty"`
}

type Reply struct {
	ID     int    `json:"id"`
	Status string `json:"status"`
	Count  int    `json:"count"`
}

// price asks a slow pricing service for each item; the handler answers after the first price
// or after 1 ms, and the other lookups stay blocked on their send for ever.
func price(item string, out chan<- int) {
	time.Sleep(2 * time.Millisecond)
	out <- len(item)
}

func orders(w http.ResponseWriter, r *http.Request) {
	var o Order
	if err := json.NewDecoder(r.Body).Decode(&o); err != nil {
		http.Error(w, "bad order: "+err.Error(), http.StatusBadRequest)
		return
	}
	prices := make(chan int)
	for _, it := range o.Items {
		go price(it, prices)
	}
	status := "priced"
	select {
	case <-prices:
	case <-time.After(time.Millisecond):
		status = "timeout"
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(Reply{ID: o.ID, Status: status, Count: len(o.Items)})
}

func main() {
	for _, body := range []string{`{"id": 1, "items": ["a", "bb", "ccc"]}`, `{"id": 2}`, `{"id": "x"}`, `nope`} {
		rec := httptest.NewRecorder()
		orders(rec, httptest.NewRequest("POST", "/orders", strings.NewReader(body)))
		fmt.Print(rec.Code, " ", rec.Header().Get("Content-Type"), " ", rec.Body.String())
	}
	out, _ := json.MarshalIndent(Order{ID: 3, Items: []string{"<x>"}}, "", "\t")
	fmt.Println(string(out))
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
