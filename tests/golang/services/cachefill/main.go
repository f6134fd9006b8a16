package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	_ "net/http/pprof"
	"os"
	"strings"
	"time"

	"example.com/cachefill/internal/flight"
)

var (
	group  flight.Group[string, string]
	logger = slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	errMissing = errors.New("no such user")
)

func fetch(user string) (string, error) {
	// the slow backend every cache sits in front of: a longer name takes longer, so that requests
	// arriving together finish in one order (in real Go too, whatever the machine's load)
	time.Sleep(time.Duration(20+10*len(user)) * time.Millisecond)
	if strings.HasPrefix(user, "ghost") {
		return "", fmt.Errorf("fetch %s: %w", user, errMissing)
	}
	return strings.ToUpper(user), nil
}

func profile(w http.ResponseWriter, r *http.Request) {
	user := r.PathValue("user")
	name, err := group.Do(user, fetch)
	if err != nil {
		logger.Warn("profile", "user", user, "err", err, "missing", errors.Is(err, errMissing))
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	logger.Info("profile", "user", user, "name", name)
	fmt.Fprintf(w, "%s\n", name)
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /users/{user}", profile)
	logger.Error("serve", "err", http.ListenAndServe(":8080", mux))
}
