package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"example.com/stream/internal/queue"
)

type event struct {
	ID   int    `json:"id"`
	Kind string `json:"kind"`
}

var (
	loadOnce sync.Once
	events   []event
)

const feed = `[{"id":1,"kind":"push"},{"id":2,"kind":"merge"},{"id":3,"kind":"deploy"},{"id":4,"kind":"alert"}]`

func load() {
	if err := json.NewDecoder(strings.NewReader(feed)).Decode(&events); err != nil {
		log.Fatal(err)
	}
}

func tail(w http.ResponseWriter, r *http.Request) {
	loadOnce.Do(load)
	n, err := strconv.Atoi(r.URL.Query().Get("n"))
	if err != nil || n < 1 {
		n = len(events)
	}
	got := queue.Take(queue.Produce(events, time.Millisecond), n)
	kinds := make([]string, 0, len(got))
	for _, e := range got {
		kinds = append(kinds, e.Kind)
	}
	log.Printf("tail n=%d: %s", n, strings.Join(kinds, ","))
	fmt.Fprintln(w, len(got))
}

func main() {
	log.SetOutput(os.Stdout)
	log.SetFlags(0)
	http.HandleFunc("/events/tail", tail)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
