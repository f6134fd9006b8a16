package main

import (
	"encoding/json"
	"log/slog"
	"net/http"
	_ "net/http/pprof"
	"os"
	"strings"
	"time"

	"example.com/search/internal/race"
)

type hit struct {
	Backend string `json:"backend"`
	Query   string `json:"query"`
	Score   int    `json:"score,omitempty"`
}

var backends = []race.Backend[hit]{
	{Name: "primary", Latency: 2 * time.Millisecond, Answer: func(q string) hit { return hit{"primary", q, len(q)} }},
	{Name: "replica", Latency: 5 * time.Millisecond, Answer: func(q string) hit { return hit{"replica", q, len(q)} }},
	{Name: "archive", Latency: 9 * time.Millisecond, Answer: func(q string) hit { return hit{"archive", q, 0} }},
}

var logger = slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
	ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	},
}))

func search(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	first := race.FirstSafe[hit]
	if strings.HasPrefix(r.URL.Path, "/v1/") {
		first = race.First[hit] // the old API still races without buffers
	}
	h, err := first(r.Context(), q, backends)
	if err != nil {
		http.Error(w, err.Error(), http.StatusGatewayTimeout)
		return
	}
	logger.Info("search", "path", r.URL.Path, "q", q, "backend", h.Backend)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(h)
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/search", search)
	mux.HandleFunc("GET /v2/search", search)
	logger.Info("listening", "addr", ":8080")
	if err := http.ListenAndServe(":8080", mux); err != nil {
		logger.Error("serve", "err", err)
	}
}
