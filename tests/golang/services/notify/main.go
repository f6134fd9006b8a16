package main

import (
	"fmt"
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"
	"strings"

	"example.com/notify/internal/fan"
)

type email struct{ addr string }

func (e email) Deliver(msg string) error {
	if !strings.Contains(e.addr, "@") {
		return fmt.Errorf("bad address %q", e.addr)
	}
	return nil
}

var subs = []fan.Subscriber[string]{email{"a@x"}, email{"b@x"}, email{"broken"}}

func notify(w http.ResponseWriter, r *http.Request) {
	mute := r.URL.Query().Get("mute")
	n := fan.Out(subs, func(i int) bool { return mute != "" && strings.Contains(mute, fmt.Sprint(i)) },
		r.URL.Query().Get("msg"))
	log.Printf("notify %q: %d sent", r.URL.Query().Get("msg"), n)
	fmt.Fprintf(w, "sent %d\n", n)
}

func main() {
	log.SetOutput(os.Stdout)
	log.SetFlags(log.Lmsgprefix)
	log.SetPrefix("notify: ")
	mux := http.NewServeMux()
	mux.HandleFunc("/notify", notify)
	log.Fatal(http.ListenAndServe(":8080", mux))
}
