package checks

import (
	"context"
	"testing"
)

func TestFirstFailureLeaks(t *testing.T) {
	if got := FirstFailure([]bool{true, false, true, true}); got != 1 {
		t.Fatalf("FirstFailure = %d, want 1", got)
	}
}

func TestSumIsClean(t *testing.T) {
	for _, n := range []int{1, 3, 5} {
		t.Run("n", func(t *testing.T) {
			want := n * (n - 1) / 2
			if got := Sum(n); got != want {
				t.Errorf("Sum(%d) = %d, want %d", n, got, want)
			}
		})
	}
}

func TestRaceSometimesLeaks(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if got := Race(ctx); got != 1 && got != 2 {
		t.Errorf("Race = %d", got)
	}
}

func TestFailsPlainly(t *testing.T) {
	t.Log("about to fail")
	t.Error("this test fails on purpose")
}
