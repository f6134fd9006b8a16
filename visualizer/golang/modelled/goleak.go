// Package goleak as leakviz models go.uber.org/goleak for `leakviz test`:
// written for leakviz from the package's documented API. leakviz checks every
// test for leaked goroutines itself, on every schedule it explores; what these
// calls add is what their options ignore, which leakviz ignores too.
package goleak

import "testing"

// TestingT is what VerifyNone reports to.
type TestingT interface {
	Error(args ...any)
}

// Option changes what a verification ignores.
type Option interface{}

type option struct{ kind, what string }

// IgnoreCurrent ignores the goroutines running when it is called: here, only the test's own.
func IgnoreCurrent() Option { return option{"", "current"} }

// IgnoreTopFunction ignores goroutines whose stack starts in f.
func IgnoreTopFunction(f string) Option { return option{"top", f} }

// IgnoreAnyFunction ignores goroutines with f anywhere in their stack.
func IgnoreAnyFunction(f string) Option { return option{"any", f} }

// What the options given to VerifyNone, Find and VerifyTestMain ignore: "top:F" (a goroutine whose
// innermost function is F) and "any:F" (F anywhere in its stack). leakviz reads it after each test.
var ignored []string

func note(options []Option) {
	for _, o := range options {
		if op, ok := o.(option); ok && op.kind != "" {
			ignored = append(ignored, op.kind+":"+op.what)
		}
	}
}

// VerifyNone: leakviz verifies every test after it ends, minus what the options ignore.
func VerifyNone(t TestingT, options ...Option) { note(options) }

// Find reports no error: leakviz finds the leaks itself.
func Find(options ...Option) error {
	note(options)
	return nil
}

// VerifyTestMain runs the tests; leakviz verifies each one.
func VerifyTestMain(m *testing.M, options ...Option) {
	note(options)
	m.Run()
}
