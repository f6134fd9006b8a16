package registry

import "testing"

// The watcher reads the registry back from inside Set: the background Set
// blocks on its own lock.
func TestWatcherReadingBackLeaks(t *testing.T) {
	r := New()
	r.Set("x", 5)
	if got := r.Get("x"); got != 5 {
		t.Fatalf("Get = %d, want 5", got)
	}
	seen := make(chan int, 1)
	r.OnChange(func(key string) { seen <- r.Get(key) })
	go r.Set("a", 1)
}

// A writer that arrives while Export waits on its sink deadlocks Export and
// itself; if it comes before or after, all is well.
func TestExportRacingSetSometimesLeaks(t *testing.T) {
	r := New()
	r.Set("a", 1)
	sink := make(chan string)
	go func() {
		for range sink {
		}
	}()
	go func() {
		if n := r.Export(sink); n < 1 {
			t.Errorf("Export = %d", n)
		}
		close(sink)
	}()
	go r.Set("b", 2)
}

func TestSetGetExportIsClean(t *testing.T) {
	r := New()
	r.Set("a", 1)
	r.Set("b", 2)
	sink := make(chan string)
	done := make(chan int)
	go func() {
		n := 0
		for range sink {
			n++
		}
		done <- n
	}()
	if n := r.Export(sink); n != 2 {
		t.Errorf("Export = %d, want 2", n)
	}
	close(sink)
	if n := <-done; n != 2 {
		t.Errorf("sink got %d keys, want 2", n)
	}
}
