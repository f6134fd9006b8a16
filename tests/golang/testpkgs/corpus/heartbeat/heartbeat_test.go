package heartbeat

import (
	"testing"
	"time"
)

const every = 10 * time.Millisecond

// A third beat ticks while Sample works on the first two.
func TestSlowSamplerLeaks(t *testing.T) {
	if got := Sample(every, 2, every*3/2); len(got) != 2 || got[0] != 1 || got[1] != 2 {
		t.Fatalf("Sample = %v, want [1 2]", got)
	}
}

// The deadline falls on the third tick: whichever the scheduler serves first
// decides whether the third beat is sent to nobody (a heartbeat held up on
// its way sends fewer beats in time).
func TestDeadlineOnATickSometimesLeaks(t *testing.T) {
	if n := Count(every, 3*every); n < 1 || n > 3 {
		t.Errorf("Count = %d, want 1 to 3", n)
	}
}

// The deadline falls between ticks.
func TestDeadlineBetweenTicksIsClean(t *testing.T) {
	if n := Count(every, 3*every+every/2); n != 3 {
		t.Errorf("Count = %d, want 3", n)
	}
}
