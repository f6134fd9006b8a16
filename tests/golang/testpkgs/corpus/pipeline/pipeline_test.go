package pipeline

import (
	"errors"
	"testing"
)

func nonEmpty(s string) error {
	if s == "" {
		return ErrEmpty
	}
	return nil
}

// Validate stops at "" and the producer blocks on sending "c".
func TestValidateStopsEarlyLeaks(t *testing.T) {
	if err := Validate([]string{"a", "", "c"}); !errors.Is(err, ErrEmpty) {
		t.Fatalf("Validate = %v, want ErrEmpty", err)
	}
}

// Whether the auditor complains before the producer has sent everything
// depends on which goroutine runs first.
func TestCollectWithAuditorSometimesLeaks(t *testing.T) {
	items := []string{"a", "", "c"}
	got, err := Collect(items, nonEmpty)
	if err == nil && len(got) != len(items) {
		t.Errorf("Collect = %q without an error", got)
	}
	if err != nil && !errors.Is(err, ErrEmpty) {
		t.Errorf("Collect error = %v", err)
	}
}

func TestValidateAllGoodIsClean(t *testing.T) {
	if err := Validate([]string{"a", "b", "c"}); err != nil {
		t.Fatalf("Validate = %v", err)
	}
	got, err := Collect([]string{"x", "y"}, nonEmpty)
	if err != nil || len(got) != 2 {
		t.Errorf("Collect = %q, %v", got, err)
	}
}
