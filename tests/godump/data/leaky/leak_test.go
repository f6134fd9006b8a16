//go:build goleak

package main

import (
	"testing"

	"go.uber.org/goleak"
)

// TestLeaks fails on purpose: goleak reports the goroutines strand() leaves.
func TestLeaks(t *testing.T) {
	defer goleak.VerifyNone(t)
	strand()
}
