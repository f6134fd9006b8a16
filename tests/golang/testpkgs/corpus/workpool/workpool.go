// Package workpool runs jobs on a goroutine each and collects their errors on
// an unbuffered channel that a closer goroutine closes after wg.Wait.
package workpool

import "sync"

// beforeReport runs before job i reports: a test hook that the real-Go
// recording sets to widen the race; a no-op otherwise.
var beforeReport = func(job int) {}

// RunAll runs the jobs and returns the first error. It stops reading at that
// error, so the jobs still to report block on their send and the closer
// blocks in wg.Wait.
func RunAll(jobs []func() error) error {
	results := make(chan error)
	var wg sync.WaitGroup
	for i, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := job()
			beforeReport(i)
			results <- err
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	for err := range results {
		if err != nil {
			return err
		}
	}
	return nil
}
