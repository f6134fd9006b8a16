package main

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	_ "net/http/pprof"
	"os"
	"strconv"

	"example.com/tenants/internal/locks"
)

var (
	quota   = map[string]int{}
	tenants locks.Keyed[string]
	logger  = slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: dropTime}))
)

var errOverQuota = errors.New("over quota")

func dropTime(_ []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

func spend(tenant string, n int) error {
	mu := tenants.For(tenant)
	mu.Lock()
	if quota[tenant]+n > 10 {
		return errOverQuota // the bug: the tenant's mutex stays locked
	}
	quota[tenant] += n
	mu.Unlock()
	return nil
}

func charge(w http.ResponseWriter, r *http.Request) {
	tenant := r.PathValue("tenant")
	n, err := strconv.Atoi(r.URL.Query().Get("n"))
	if err != nil {
		http.Error(w, "bad n", http.StatusBadRequest)
		return
	}
	if err := spend(tenant, n); err != nil {
		logger.Warn("refused", "tenant", tenant, "n", n, "err", err)
		http.Error(w, err.Error(), http.StatusPaymentRequired)
		return
	}
	logger.Info("charged", "tenant", tenant, "total", quota[tenant])
	json.NewEncoder(w).Encode(map[string]int{tenant: quota[tenant]})
}

func main() {
	http.HandleFunc("POST /tenants/{tenant}/charge", charge)
	if err := http.ListenAndServe(":8080", nil); err != nil {
		logger.Error("serve", "err", err.Error())
	}
}
