package broker

import (
	"context"
	"testing"
)

// A publisher already on its way when a subscriber gives up at once: in Go's
// order the publisher reaches the subscription before the unsubscribe does,
// blocks on the send holding the lock, and the unsubscribe waits for the lock.
func TestPublishBeforeUnsubscribeLeaks(t *testing.T) {
	b := New()
	go b.Publish("early")
	ctx, cancel := context.WithCancel(context.Background())
	b.Subscribe(ctx)
	cancel()
}

// The subscriber gives up before publishing starts: in Go's order the
// unsubscribe runs first; if the publisher locks first, both are stuck.
func TestPublishAfterCancelSometimesLeaks(t *testing.T) {
	b := New()
	ctx, cancel := context.WithCancel(context.Background())
	b.Subscribe(ctx)
	cancel()
	go b.Publish("late")
}

func TestSubscribeReceiveIsClean(t *testing.T) {
	b := New()
	ctx, cancel := context.WithCancel(context.Background())
	ch := b.Subscribe(ctx)
	go b.Publish("hello")
	if got := <-ch; got != "hello" {
		t.Errorf("got %q, want hello", got)
	}
	cancel()
}
