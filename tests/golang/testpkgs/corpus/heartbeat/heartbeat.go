// Package heartbeat listens to a ticker-driven heartbeat goroutine whose send
// is not guarded by its stop channel.
package heartbeat

import "time"

// onTick runs when beat n has ticked, before it is sent: a test hook that the
// real-Go recording sets to widen the race; a no-op otherwise.
var onTick = func(n int) {}

// beat sends n on beats at the n-th tick until stop is closed. A tick taken
// just as the listener leaves blocks the send for ever.
func beat(every time.Duration, beats chan<- int, stop <-chan struct{}) {
	t := time.NewTicker(every)
	defer t.Stop()
	for n := 1; ; n++ {
		select {
		case <-t.C:
			onTick(n)
			beats <- n
		case <-stop:
			return
		}
	}
}

// Count counts the beats until the deadline, then stops the heartbeat.
func Count(every, until time.Duration) int {
	beats := make(chan int)
	stop := make(chan struct{})
	go beat(every, beats, stop)
	deadline := time.After(until)
	n := 0
	for {
		select {
		case <-beats:
			n++
		case <-deadline:
			close(stop)
			return n
		}
	}
}

// Sample takes n beats, works on them for a while, then stops the heartbeat:
// a tick during the work is sent to nobody.
func Sample(every time.Duration, n int, work time.Duration) []int {
	beats := make(chan int)
	stop := make(chan struct{})
	go beat(every, beats, stop)
	var got []int
	for len(got) < n {
		got = append(got, <-beats)
	}
	time.Sleep(work)
	close(stop)
	return got
}
