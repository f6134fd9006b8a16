package workpool

import (
	"errors"
	"testing"
)

var errJob = errors.New("job failed")

func ok() error   { return nil }
func fail() error { return errJob }

// The first job to report fails: the others and the closer are stranded.
func TestFirstJobFailsLeaks(t *testing.T) {
	if err := RunAll([]func() error{fail, ok, ok}); !errors.Is(err, errJob) {
		t.Fatalf("RunAll = %v, want errJob", err)
	}
}

// The last job fails: in Go's order everyone has reported by then; in
// another order the failure comes first.
func TestLastJobFailsSometimesLeaks(t *testing.T) {
	if err := RunAll([]func() error{ok, ok, fail}); !errors.Is(err, errJob) {
		t.Fatalf("RunAll = %v, want errJob", err)
	}
}

func TestAllJobsSucceedIsClean(t *testing.T) {
	if err := RunAll([]func() error{ok, ok, ok}); err != nil {
		t.Fatalf("RunAll = %v", err)
	}
}
