package fanout

import (
	"context"
	"errors"
	"testing"
)

var errDown = errors.New("shard down")

func up(name string) Shard {
	return func(ctx context.Context) (string, error) { return name, nil }
}

func down(ctx context.Context) (string, error) { return "", errDown }

// The failing shard runs before one that answers: that answer is stranded.
func TestEarlyFailureLeaks(t *testing.T) {
	if _, err := Query(context.Background(), []Shard{down, up("b"), up("c")}); !errors.Is(err, errDown) {
		t.Fatalf("Query = %v, want errDown", err)
	}
}

// In Go's order the failing shard runs last; in another order it strands
// the shards that have not answered yet.
func TestLateFailureSometimesLeaks(t *testing.T) {
	got, err := Query(context.Background(), []Shard{up("a"), down, up("c")})
	if !errors.Is(err, errDown) {
		t.Fatalf("Query = %q, %v, want errDown", got, err)
	}
}

func TestAllShardsUpIsClean(t *testing.T) {
	got, err := Query(context.Background(), []Shard{up("a"), up("b"), up("c")})
	if err != nil || len(got) != 3 {
		t.Fatalf("Query = %q, %v", got, err)
	}
}
