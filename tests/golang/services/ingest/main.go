package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"
	"strconv"
	"strings"

	"example.com/ingest/internal/pool"
)

var errNegative = errors.New("negative reading")

type reading struct {
	Value  int    `json:"value"`
	Sensor string `json:"sensor"`
}

func parse(s string) (reading, error) {
	n, err := strconv.Atoi(s)
	if err != nil {
		return reading{}, fmt.Errorf("item %q: %w", s, err)
	}
	if n < 0 {
		return reading{}, fmt.Errorf("item %d: %w", n, errNegative)
	}
	return reading{Value: n, Sensor: "s" + s}, nil
}

func ingest(w http.ResponseWriter, r *http.Request) {
	raw := strings.Split(r.URL.Query().Get("items"), ",")
	rs, err := pool.Map(raw, 2, parse)
	if errors.Is(err, errNegative) {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	body, _ := json.Marshal(map[string]any{"count": len(rs), "readings": rs})
	log.Printf("ingest %s: %s", r.RemoteAddr, body)
	w.Write(body)
}

func main() {
	log.SetFlags(0)
	log.SetOutput(os.Stdout)
	http.HandleFunc("POST /ingest", ingest)
	log.Fatal(http.ListenAndServe(":8080", nil))
}
