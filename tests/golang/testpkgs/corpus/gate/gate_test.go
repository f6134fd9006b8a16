package gate

import (
	"errors"
	"testing"
)

var errLoad = errors.New("load failed")

// The loader fails, so the gate never opens and its waiter waits for ever.
func TestFailedLoadStrandsWaiterLeaks(t *testing.T) {
	g := New()
	done := make(chan struct{})
	go func() {
		g.Await()
		close(done)
	}()
	if err := g.OpenAfter(func() error { return errLoad }); !errors.Is(err, errLoad) {
		t.Fatalf("OpenAfter = %v, want errLoad", err)
	}
}

// Open signals one waiter: if both wait before it opens, the other stays.
func TestOpenSignalsOneSometimesLeaks(t *testing.T) {
	g := New()
	done := make(chan int, 2)
	for i := 0; i < 2; i++ {
		go func() {
			g.Await()
			done <- i
		}()
	}
	go g.Open()
	if i := <-done; i != 0 && i != 1 {
		t.Errorf("waiter %d", i)
	}
}

func TestOpenAllIsClean(t *testing.T) {
	g := New()
	done := make(chan int, 3)
	for i := 0; i < 3; i++ {
		go func() {
			g.Await()
			done <- i
		}()
	}
	go g.OpenAll()
	sum := 0
	for i := 0; i < 3; i++ {
		sum += <-done
	}
	if sum != 3 {
		t.Errorf("waiters' sum = %d, want 3", sum)
	}
}
