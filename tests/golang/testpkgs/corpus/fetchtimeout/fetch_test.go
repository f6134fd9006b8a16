package fetchtimeout

import (
	"context"
	"errors"
	"testing"
)

// The context has ended before Fetch starts: Fetch returns at once and its
// call blocks on the send nobody will receive.
func TestFetchAfterCancelLeaks(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Fetch(ctx, func() int { return 1 }); !errors.Is(err, context.Canceled) {
		t.Fatalf("Fetch = %v, want context.Canceled", err)
	}
}

// A cancel races the call: if the cancel runs first, the call is abandoned.
func TestFetchRacingCancelSometimesLeaks(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go cancel()
	v, err := Fetch(ctx, func() int { return 7 })
	if err == nil && v != 7 {
		t.Errorf("Fetch = %d, want 7", v)
	}
}

func TestFetchBufferedIsClean(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	go cancel()
	if v, err := FetchBuffered(ctx, func() int { return 3 }); err == nil && v != 3 {
		t.Errorf("FetchBuffered = %d, want 3", v)
	}
	cancel()
	if _, err := FetchBuffered(ctx, func() int { return 4 }); !errors.Is(err, context.Canceled) {
		t.Errorf("FetchBuffered = %v, want context.Canceled", err)
	}
}
