package par

import (
	"testing"
)

func TestSeq(t *testing.T) {
	for _, n := range []string{"a", "b"} {
		t.Run(n, func(t *testing.T) { t.Log("in", n) })
	}
}

func TestPar(t *testing.T) {
	t.Log("parent start")
	for _, n := range []string{"a", "b", "c"} {
		t.Run(n, func(t *testing.T) {
			t.Parallel()
			t.Log("in", n)
		})
	}
	t.Log("parent end")
}
