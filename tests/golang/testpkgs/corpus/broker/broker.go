// Package broker hands messages to subscribers over unbuffered channels,
// holding its lock while it sends; a subscription ends when its context does.
package broker

import (
	"context"
	"sync"
)

// beforeUnsubscribe runs when a subscription's context has ended, before it
// is removed: a test hook that the real-Go recording sets to widen the race;
// a no-op otherwise.
var beforeUnsubscribe = func() {}

// Broker fans messages out to its subscribers.
type Broker struct {
	mu   sync.Mutex
	subs map[int]chan string
	next int
}

// New returns a broker without subscribers.
func New() *Broker {
	return &Broker{subs: map[int]chan string{}}
}

// Subscribe registers a subscriber until ctx ends.
func (b *Broker) Subscribe(ctx context.Context) <-chan string {
	ch := make(chan string)
	b.mu.Lock()
	id := b.next
	b.next++
	b.subs[id] = ch
	b.mu.Unlock()
	go func() {
		<-ctx.Done()
		beforeUnsubscribe()
		b.mu.Lock()
		delete(b.subs, id)
		b.mu.Unlock()
	}()
	return ch
}

// Publish sends msg to every subscriber, holding the lock: a subscriber that
// has stopped reading blocks it, and the unsubscribe waits for the lock.
func (b *Broker) Publish(msg string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, ch := range b.subs {
		ch <- msg
	}
}
