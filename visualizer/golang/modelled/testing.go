// Package testing as leakviz runs a package's tests: written for leakviz from
// the package's documented behaviour. Each test runs on its own goroutine, as
// go test's tRunner does; Fatal ends that goroutine with runtime.Goexit after
// its deferred calls; t.Run waits for its subtest.
package testing

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// TB is what T offers to helpers.
type TB interface {
	Error(args ...any)
	Errorf(format string, args ...any)
	Fatal(args ...any)
	Fatalf(format string, args ...any)
	Helper()
	Log(args ...any)
	Logf(format string, args ...any)
	Name() string
	Failed() bool
}

// T is a test's handle.
type T struct {
	name     string
	depth    int
	failed   bool
	skipped  bool
	finished bool
	cleanups []func()
	ctx      context.Context
	cancel   context.CancelFunc
	parent   *T
	subs     map[string]int // subtest names used so far: go test numbers repeats name#01, name#02
	reports  []string       // the finished subtests' result lines, printed under this test's own
	parallel bool
	signal   chan bool     // to the parent's Run: true when this test pauses in Parallel, false when done
	barrier  chan struct{} // closed when this test's own function has returned: its parallel subtests go on
	waiting  []*T          // its paused parallel subtests
	done     chan struct{}
}

// What go test -v's printer last named: a line from another test is headed "=== NAME  name".
var lastName string

// -parallel: how many parallel tests run at once (go test's default, GOMAXPROCS, is 1 in Go's own order).
var maxParallel, running, waitingParallel int
var startParallel = make(chan bool)

func waitParallel() {
	if running < maxParallel {
		running++
		return
	}
	waitingParallel++
	<-startParallel
}

func releaseParallel() {
	if waitingParallel == 0 {
		running--
		return
	}
	waitingParallel--
	startParallel <- true
}

func update(name, line string) {
	lastName = name
	fmt.Print(line)
}

// M is what TestMain receives.
type M struct {
	tests   []func(*T)
	names   []string
	verdict string
}

// log prints s as go test -v does: indented, after the file:line of the test's call (the caller of
// Log, Error, Fatal...: skip counts log and the method; a Helper's caller is not looked for), headed
// with the test's name when the line before was another test's.
func (t *T) log(s string) {
	where := ""
	if _, file, line, ok := runtime.Caller(2); ok {
		where = file[strings.LastIndex(file, "/")+1:] + ":" + strconv.Itoa(line) + ": "
	}
	if lastName != t.name {
		update(t.name, "=== NAME  "+t.name+"\n")
	}
	fmt.Print("    " + where + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n        ") + "\n")
}

// Name is the test's name, subtests included ("TestX/case").
func (t *T) Name() string { return t.name }

// Failed says whether the test has failed.
func (t *T) Failed() bool { return t.failed }

// Helper does nothing here: leakviz prints no file:line for log lines.
func (t *T) Helper() {}

// Parallel pauses a subtest until its parent's function has returned; then it runs alongside its
// paused siblings, -parallel at a time. A top-level test runs alone here (each is checked on its own).
func (t *T) Parallel() {
	if t.parallel {
		panic("testing: t.Parallel called multiple times")
	}
	t.parallel = true
	if t.parent == nil {
		return
	}
	update(t.name, "=== PAUSE "+t.name+"\n")
	t.signal <- true
	<-t.parent.barrier
	waitParallel()
	update(t.name, "=== CONT  "+t.name+"\n")
}

// Log records a line.
func (t *T) Log(args ...any) { t.log(fmt.Sprintln(args...)) }

// Logf records a formatted line.
func (t *T) Logf(format string, args ...any) { t.log(fmt.Sprintf(format, args...)) }

// Error marks the test failed and records a line.
func (t *T) Error(args ...any) {
	t.failed = true
	t.log(fmt.Sprintln(args...))
}

// Errorf marks the test failed and records a formatted line.
func (t *T) Errorf(format string, args ...any) {
	t.failed = true
	t.log(fmt.Sprintf(format, args...))
}

// Fail marks the test failed.
func (t *T) Fail() { t.failed = true }

// FailNow marks the test failed and ends its goroutine.
func (t *T) FailNow() {
	t.failed = true
	runtime.Goexit()
}

// Fatal is Error then FailNow.
func (t *T) Fatal(args ...any) {
	t.Error(args...)
	runtime.Goexit()
}

// Fatalf is Errorf then FailNow.
func (t *T) Fatalf(format string, args ...any) {
	t.Errorf(format, args...)
	runtime.Goexit()
}

// Skip records a line and ends the test as skipped.
func (t *T) Skip(args ...any) {
	t.skipped = true
	t.log(fmt.Sprintln(args...))
	runtime.Goexit()
}

// SkipNow ends the test as skipped.
func (t *T) SkipNow() {
	t.skipped = true
	runtime.Goexit()
}

// Skipf records a formatted line and ends the test as skipped.
func (t *T) Skipf(format string, args ...any) {
	t.skipped = true
	t.log(fmt.Sprintf(format, args...))
	runtime.Goexit()
}

// Skipped says whether the test was skipped.
func (t *T) Skipped() bool { return t.skipped }

// Cleanup registers f to run when the test ends, last registered first.
func (t *T) Cleanup(f func()) { t.cleanups = append(t.cleanups, f) }

// Context is cancelled just before the test's cleanups run.
func (t *T) Context() context.Context { return t.ctx }

// TempDir returns a folder name; the simulated program has no files to put in it.
func (t *T) TempDir() string { return "/tmp/" + strings.ReplaceAll(t.name, "/", "_") }

// Setenv sets an environment variable of the simulated program for the rest of the test and restores
// it when the test ends; as in Go, not in a parallel test.
func (t *T) Setenv(key, value string) {
	if t.parallel {
		panic("testing: test using t.Setenv or t.Chdir can not use t.Parallel")
	}
	prev, had := os.LookupEnv(key)
	if err := os.Setenv(key, value); err != nil {
		t.Fatalf("cannot set environment variable: %v", err)
	}
	t.Cleanup(func() {
		if had {
			os.Setenv(key, prev)
		} else {
			os.Unsetenv(key)
		}
	})
}

func (t *T) end() {
	t.cancel()
	for i := len(t.cleanups) - 1; i >= 0; i-- {
		t.cleanups[i]()
	}
	t.finished = true
}

func newT(name string, depth int, parent *T) *T {
	ctx, cancel := context.WithCancel(context.Background())
	return &T{name: name, depth: depth, ctx: ctx, cancel: cancel, parent: parent, signal: make(chan bool, 1),
		barrier: make(chan struct{}), done: make(chan struct{})}
}

// report gives the test's result line, its subtests' under it: printed for a top-level test, handed to
// the parent for a subtest (go test -v prints a subtest's result under its parent's).
func (t *T) report() {
	pad := strings.Repeat("    ", t.depth)
	verdict := "PASS"
	if t.failed {
		verdict = "FAIL"
	} else if t.skipped {
		verdict = "SKIP"
	}
	lines := append([]string{pad + "--- " + verdict + ": " + t.name + " (0.00s)\n"}, t.reports...)
	if t.parent != nil {
		t.parent.reports = append(t.parent.reports, lines...)
		return
	}
	update(t.name, strings.Join(lines, ""))
}

// Run runs f as a subtest named name on its own goroutine and waits for it; it reports whether it passed.
func (t *T) Run(name string, f func(t *T)) bool {
	base := strings.ReplaceAll(name, " ", "_")
	if t.subs == nil {
		t.subs = map[string]int{}
	}
	n := t.subs[base]
	t.subs[base] = n + 1
	if n > 0 {
		base = fmt.Sprintf("%s#%02d", base, n)
	}
	sub := newT(t.name+"/"+base, t.depth+1, t)
	update(sub.name, "=== RUN   "+sub.name+"\n")
	go tRunner(sub, f)
	if <-sub.signal { // it paused in Parallel: it runs once this function has returned
		t.waiting = append(t.waiting, sub)
		return true
	}
	return !sub.failed
}

func tRunner(t *T, f func(*T)) {
	defer func() {
		// a panicking test fails, and its panic ends the run after the report, as go test does
		// (recover gives nil while Fatal or Skip end the goroutine with Goexit)
		err := recover()
		if err != nil {
			t.failed = true
		}
		// the paused parallel subtests run now, and this test waits for them
		close(t.barrier)
		for _, sub := range t.waiting {
			<-sub.done
		}
		t.end()
		for _, sub := range t.waiting {
			if sub.failed {
				t.failed = true
			}
		}
		if t.parallel && t.parent != nil {
			releaseParallel()
		}
		if t.failed && t.parent != nil {
			t.parent.failed = true
		}
		t.report()
		if err != nil {
			panic(err)
		}
		close(t.done)
		t.signal <- false
	}()
	f(t)
}

// Verdict runs test f named name the way go test does and returns "pass", "fail" or "skip"
// (leakviz's driver; parallel is -parallel).
func Verdict(name string, f func(*T), parallel int) string {
	maxParallel = parallel
	t := newT(name, 0, nil)
	update(name, "=== RUN   "+name+"\n")
	go tRunner(t, f)
	<-t.done
	if t.failed {
		return "fail"
	}
	if t.skipped {
		return "skip"
	}
	return "pass"
}

// Run runs the package's tests (from TestMain) and returns the exit code.
func (m *M) Run() int {
	code := 0
	for i, f := range m.tests {
		v := Verdict(m.names[i], f, maxParallel)
		if m.verdict != "fail" {
			m.verdict = v
		}
		if v == "fail" {
			code = 1
		}
	}
	return code
}

// MainVerdict runs test f named name through the package's TestMain, as go test
// does, with only that test in m, so that what it leaks is its own (leakviz's
// driver). It returns "" when TestMain never calls m.Run.
func MainVerdict(name string, f func(*T), main func(*M), parallel int) string {
	maxParallel = parallel
	m := &M{tests: []func(*T){f}, names: []string{name}}
	main(m)
	return m.verdict
}

// Short reports whether -short was given: never, here.
func Short() bool { return false }

// Verbose reports whether -v was given: always, here.
func Verbose() bool { return true }

