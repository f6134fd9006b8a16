package pool_test

import (
	"fmt"
	"os"
	"testing"

	"example.com/pool"
)

var setUp bool

func TestMain(m *testing.M) {
	setUp = true
	fmt.Println("pool tests: set up")
	os.Exit(m.Run())
}

func TestAllIsClean(t *testing.T) {
	if !setUp {
		t.Fatal("TestMain did not run first")
	}
	if got := pool.New(3).All([]int{1, 2, 3, 4}); got != 30 {
		t.Errorf("All = %d, want 30", got)
	}
}

func TestFirstLeaksTheOtherWorkers(t *testing.T) {
	p := pool.New(2)
	if got := p.First([]int{2, 2, 2}); got != 4 {
		t.Errorf("First = %d, want 4", got)
	}
}
