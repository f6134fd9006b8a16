package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/pprof"
	"strings"
	"sync"
	"time"
)

var errShutdown = errors.New("shutting down")

var builders = sync.Pool{New: func() any { return new(strings.Builder) }}

// watch waits for ctx to be done; on a context detached with WithoutCancel that never happens.
func watch(ctx context.Context, name string) {
	<-ctx.Done()
	fmt.Println(name, "done:", context.Cause(ctx))
}

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	stop := context.AfterFunc(ctx, func() { fmt.Println("cleanup after", context.Cause(ctx)) })
	go watch(ctx, "request")
	go watch(context.WithoutCancel(ctx), "audit") // detached: never done
	child, cancelChild := context.WithCancel(ctx)
	defer cancelChild()
	time.Sleep(time.Millisecond)
	cancel(errShutdown)
	time.Sleep(time.Millisecond)
	fmt.Println(ctx.Err(), context.Cause(ctx), context.Cause(child), errors.Is(context.Cause(child), errShutdown), stop())
	tctx, tcancel := context.WithTimeoutCause(context.Background(), time.Millisecond, errors.New("too slow"))
	defer tcancel()
	<-tctx.Done()
	fmt.Println(tctx.Err(), context.Cause(tctx))
	b := builders.Get().(*strings.Builder)
	b.WriteString("pooled")
	fmt.Println(b.String())
	builders.Put(b)
	time.Sleep(10 * time.Millisecond)
	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 2)
}
