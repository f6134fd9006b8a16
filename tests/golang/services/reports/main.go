package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	_ "net/http/pprof"
	"os"
	"strconv"
	"time"

	"example.com/reports/internal/async"
)

type report struct {
	Rows  int           `json:"rows"`
	Took  time.Duration `json:"took_ns"`
	Title string        `json:"title"`
}

var logger = slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
	ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	},
}))

func build(rows int) report {
	took := time.Duration(rows) * time.Millisecond
	time.Sleep(took)
	return report{Rows: rows, Took: took, Title: fmt.Sprintf("report of %d rows", rows)}
}

func generate(w http.ResponseWriter, r *http.Request) {
	rows, _ := strconv.Atoi(r.URL.Query().Get("rows"))
	ctx, cancel := context.WithTimeout(r.Context(), 20*time.Millisecond)
	defer cancel()
	select {
	case rep := <-async.Go(func() report { return build(rows) }):
		logger.Info("report", "rows", rep.Rows, "took", rep.Took)
		json.NewEncoder(w).Encode(rep)
	case <-ctx.Done():
		err := ctx.Err()
		logger.Warn("gave up", "rows", rows, "deadline", errors.Is(err, context.DeadlineExceeded))
		http.Error(w, err.Error(), http.StatusGatewayTimeout)
	}
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /reports", generate)
	srv := &http.Server{Addr: ":8080", Handler: mux}
	logger.Info("up")
	if err := srv.ListenAndServe(); err != nil {
		logger.Error("down", "err", err)
	}
}
