// Package goleak as leakviz models go.uber.org/goleak for `leakviz test`:
// written for leakviz from the package's documented API. leakviz checks every
// test for leaked goroutines itself, on every schedule it explores, so these
// calls only have to compile and return.
package goleak

import "testing"

// TestingT is what VerifyNone reports to.
type TestingT interface {
	Error(args ...any)
}

// Option changes what a verification ignores.
type Option interface{}

type option struct{ what string }

// IgnoreCurrent ignores the goroutines running when it is called.
func IgnoreCurrent() Option { return option{"current"} }

// IgnoreTopFunction ignores goroutines whose stack starts in f.
func IgnoreTopFunction(f string) Option { return option{f} }

// IgnoreAnyFunction ignores goroutines with f anywhere in their stack.
func IgnoreAnyFunction(f string) Option { return option{f} }

// VerifyNone: leakviz verifies every test after it ends.
func VerifyNone(t TestingT, options ...Option) {}

// Find reports no error: leakviz finds the leaks itself.
func Find(options ...Option) error { return nil }

// VerifyTestMain runs the tests; leakviz verifies each one.
func VerifyTestMain(m *testing.M, options ...Option) { m.Run() }
