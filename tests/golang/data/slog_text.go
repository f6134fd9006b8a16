package main

import (
	"errors"
	"log/slog"
	"os"
	"runtime/pprof"
	"time"
)

// noTime drops the time attribute, so that what is printed does not depend on the clock.
func noTime(groups []string, a slog.Attr) slog.Attr {
	if a.Key == "time" {
		return slog.Attr{}
	}
	return a
}

func fetch(lg *slog.Logger, id int, out chan<- string) {
	time.Sleep(2 * time.Millisecond)
	lg.Debug("fetched", "id", id)
	out <- "item"
}

func main() {
	lg := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{Level: slog.LevelDebug, ReplaceAttr: noTime}))
	lg = lg.With("svc", "api")
	lg.Info("starting", "port", 8080, "debug", false, "took", 1500*time.Millisecond)
	lg.Warn("slow", slog.Group("req", "id", 7, "path", "/items/7"), "note", "needs quoting")
	lg.Error("failed", "err", errors.New("boom"), "empty", "")
	js := slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: noTime}))
	js.Info("req", "status", 200, "ok", true, "q", `a"b`, "wait", 3*time.Millisecond)
	js.Debug("hidden")
	js.WithGroup("http").Info("done", "code", 201)

	out := make(chan string)
	go fetch(lg, 1, out)
	select {
	case v := <-out:
		lg.Info("got", "v", v)
	case <-time.After(time.Millisecond):
		lg.Warn("timeout", "after", time.Millisecond)
	}
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
