// Package fanout asks several shards at once through a small errgroup-like
// Group whose first error cancels the others; answers go out on an unbuffered
// channel that the caller stops reading at the first error.
package fanout

import (
	"context"
	"sync"
)

// beforeAnswer runs before shard i sends its answer: a test hook that the
// real-Go recording sets to widen the race; a no-op otherwise.
var beforeAnswer = func(shard int) {}

// Group runs functions on goroutines; the first error cancels its context.
type Group struct {
	wg     sync.WaitGroup
	mu     sync.Mutex
	err    error
	cancel context.CancelFunc
}

// WithContext returns a Group and the context its first error cancels.
func WithContext(ctx context.Context) (*Group, context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	return &Group{cancel: cancel}, ctx
}

// Go runs f on a goroutine of its own.
func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.mu.Lock()
			if g.err == nil {
				g.err = err
				g.cancel()
			}
			g.mu.Unlock()
		}
	}()
}

// Err is the first error so far.
func (g *Group) Err() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.err
}

// Wait waits for every function and returns the first error.
func (g *Group) Wait() error {
	g.wg.Wait()
	g.cancel()
	return g.Err()
}

// Shard answers a query or fails.
type Shard func(ctx context.Context) (string, error)

// Query asks every shard and returns the answers, or the first error. On an
// error it returns at once, and a shard that answers after it blocks on its
// send: the send does not watch ctx.
func Query(ctx context.Context, shards []Shard) ([]string, error) {
	g, ctx := WithContext(ctx)
	answers := make(chan string)
	for i, shard := range shards {
		g.Go(func() error {
			s, err := shard(ctx)
			if err != nil {
				return err
			}
			beforeAnswer(i)
			answers <- s
			return nil
		})
	}
	var got []string
	for range shards {
		select {
		case s := <-answers:
			got = append(got, s)
		case <-ctx.Done():
			return got, g.Err()
		}
	}
	return got, g.Wait()
}
