// Command realgo produces ground truth for leakviz from the real Go runtime.
//
// For every case in a matrix it runs ONE simulated request through a handler
// variant (seed, ctx, closequit, drain) in a fresh child process, waits until
// every check goroutine has either finished or blocked for good, and counts the
// goroutines left behind, attributed by the source line they are blocked on
// (taken from the runtime/pprof goroutine profile, debug=1).
//
// Regenerate (from this directory, standard library only, no network):
//
//	GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod go run main.go > cases.json
//
// Lines marked "LEAKVIZ:<tag>" are read back from this file at run time to map
// blocked stack frames to "send on done" / "send on quit".
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// timeScale multiplies every delay: 5 ms steps in the matrix become 20 ms real
// steps, which keeps the finish order deterministic even with several child
// processes running at once. Delays are reported in the original (unscaled) ms.
var timeScale = flag.Int("scale", 4, "real delay = delay_ms * scale")
var parallel = flag.Int("j", 8, "number of child processes run at once")
var childCase = flag.String("child", "", "internal: run one case (JSON) and print the result")

// ---------------------------------------------------------------------------
// Instrumentation (does not change the handlers' semantics): each check
// goroutine carries a pprof label naming the channel it will send on, so that
// goroutines blocked inside a select (ctx, closequit) can be attributed too.

var labelCtx = map[bool]context.Context{
	false: pprof.WithLabels(context.Background(), pprof.Labels("ch", "done")),
	true:  pprof.WithLabels(context.Background(), pprof.Labels("ch", "quit")),
}

func tag(fails bool) { pprof.SetGoroutineLabels(labelCtx[fails]) }

// ---------------------------------------------------------------------------
// Handler variants. Each returns when the simulated request is answered.

// seed is the article's bug.
func seed(n, capDone, capQuit int, delay []time.Duration, fails []bool) {
	done := make(chan bool, capDone)
	quit := make(chan bool, capQuit)
	for i := 0; i < n; i++ {
		go func(i int) {
			tag(fails[i])
			time.Sleep(delay[i])
			if !fails[i] {
				done <- true // LEAKVIZ:send-done
			} else {
				quit <- true // LEAKVIZ:send-quit
			}
		}(i)
	}
	for i := 0; i < n; i++ {
		select {
		case <-done:
		case <-quit:
			return // reject on the first failing check
		}
	}
}

// ctxVariant cancels a context when the handler returns.
func ctxVariant(n, capDone, capQuit int, delay []time.Duration, fails []bool) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan bool, capDone)
	quit := make(chan bool, capQuit)
	for i := 0; i < n; i++ {
		go func(i int) {
			tag(fails[i])
			time.Sleep(delay[i])
			ch := done
			if fails[i] {
				ch = quit
			}
			select { // LEAKVIZ:select-send
			case ch <- true: // LEAKVIZ:select-send
			case <-ctx.Done(): // LEAKVIZ:select-send
			}
		}(i)
	}
	for i := 0; i < n; i++ {
		select {
		case <-done:
		case <-quit:
			return
		}
	}
}

// closequit closes a stop channel when the handler returns.
func closequit(n, capDone, capQuit int, delay []time.Duration, fails []bool) {
	stop := make(chan struct{})
	defer close(stop)
	done := make(chan bool, capDone)
	quit := make(chan bool, capQuit)
	for i := 0; i < n; i++ {
		go func(i int) {
			tag(fails[i])
			time.Sleep(delay[i])
			ch := done
			if fails[i] {
				ch = quit
			}
			select { // LEAKVIZ:select-send
			case ch <- true: // LEAKVIZ:select-send
			case <-stop: // LEAKVIZ:select-send
			}
		}(i)
	}
	for i := 0; i < n; i++ {
		select {
		case <-done:
		case <-quit:
			return
		}
	}
}

// drain is seed, but on the early return it hands the remaining receives to a
// drainer goroutine.
func drain(n, capDone, capQuit int, delay []time.Duration, fails []bool) {
	done := make(chan bool, capDone)
	quit := make(chan bool, capQuit)
	for i := 0; i < n; i++ {
		go func(i int) {
			tag(fails[i])
			time.Sleep(delay[i])
			if !fails[i] {
				done <- true // LEAKVIZ:send-done
			} else {
				quit <- true // LEAKVIZ:send-quit
			}
		}(i)
	}
	received := 0
	for i := 0; i < n; i++ {
		select {
		case <-done:
			received++
		case <-quit:
			received++
			go func(k int) {
				for j := 0; j < k; j++ {
					select { // LEAKVIZ:drain-recv
					case <-done:
					case <-quit:
					}
				}
			}(n - received)
			return
		}
	}
}

var variants = map[string]func(n, capDone, capQuit int, delay []time.Duration, fails []bool){
	"seed":      seed,
	"ctx":       ctxVariant,
	"closequit": closequit,
	"drain":     drain,
}

// ---------------------------------------------------------------------------

type Case struct {
	Variant      string `json:"variant"`
	Checks       int    `json:"checks"`
	CapDone      int    `json:"capacity_done"`
	CapQuit      int    `json:"capacity_quit"`
	Fail         []int  `json:"fail"`
	DelaysMs     []int  `json:"delays_ms"`
	StrandedDone int    `json:"stranded_done"`
	StrandedQuit int    `json:"stranded_quit"`
	StrandedOthr int    `json:"stranded_other"`
}

func buildMatrix() []Case {
	var cases []Case
	scripted := []int{50, 10, 40, 20, 30, 5, 45, 15, 35, 25}
	for _, v := range []string{"seed", "ctx", "closequit", "drain"} {
		for _, n := range []int{1, 3, 10} {
			caps := dedupPairs([][2]int{{0, 0}, {1, 1}, {2, 0}, {0, 2}, {3, 3}, {n, n}})
			all := make([]int, n)
			for i := range all {
				all[i] = i
			}
			fsets := [][]int{{}, {0}}
			if n >= 2 {
				fsets = append(fsets, []int{1, n - 1})
			}
			fsets = append(fsets, []int{n - 1}, all)
			if n >= 3 {
				fsets = append(fsets, []int{0, 2})
			}
			fsets = dedupSets(fsets)
			def := make([]int, n)
			for i := range def {
				def[i] = (i + 1) * 5
			}
			for _, c := range caps {
				for _, f := range fsets {
					cases = append(cases, Case{Variant: v, Checks: n, CapDone: c[0], CapQuit: c[1], Fail: f, DelaysMs: def})
				}
				if n == 10 {
					for _, f := range [][]int{{1, 9}, {3}} {
						cases = append(cases, Case{Variant: v, Checks: n, CapDone: c[0], CapQuit: c[1], Fail: f, DelaysMs: scripted})
					}
				}
			}
		}
	}
	return cases
}

func dedupPairs(in [][2]int) [][2]int {
	seen := map[[2]int]bool{}
	var out [][2]int
	for _, p := range in {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

func dedupSets(in [][]int) [][]int {
	seen := map[string]bool{}
	var out [][]int
	for _, s := range in {
		k := fmt.Sprint(s)
		if !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

// ---------------------------------------------------------------------------
// Child: run one case and count what is left.

func lineTags() (string, map[int]string) {
	_, file, _, _ := runtime.Caller(0)
	src, err := os.ReadFile(file)
	if err != nil {
		fail("read own source %s: %v", file, err)
	}
	tags := map[int]string{}
	for i, l := range strings.Split(string(src), "\n") {
		if j := strings.Index(l, "// LEAKVIZ:"); j >= 0 && !strings.Contains(l, "\"") {
			tags[i+1] = strings.TrimSpace(l[j+len("// LEAKVIZ:"):])
		}
	}
	return file, tags
}

func runChild(c *Case) {
	file, tags := lineTags()
	n := c.Checks
	delay := make([]time.Duration, n)
	maxD := time.Duration(0)
	for i, ms := range c.DelaysMs {
		delay[i] = time.Duration(ms**timeScale) * time.Millisecond
		if delay[i] > maxD {
			maxD = delay[i]
		}
	}
	fails := make([]bool, n)
	for _, i := range c.Fail {
		fails[i] = true
	}

	base := runtime.NumGoroutine()
	variants[c.Variant](n, c.CapDone, c.CapQuit, delay, fails)
	// Let every check finish its sleep and either exit or block for good.
	time.Sleep(2*maxD + 200*time.Millisecond)
	left := runtime.NumGoroutine() - base

	var buf bytes.Buffer
	pprof.Lookup("goroutine").WriteTo(&buf, 1)
	var d, q, o int
	sc := bufio.NewScanner(&buf)
	type rec struct {
		count  int
		label  string
		frames [][2]string // func, file:line
	}
	var recs []rec
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.Contains(l, " @ 0x"):
			cnt, _ := strconv.Atoi(strings.Fields(l)[0])
			recs = append(recs, rec{count: cnt})
		case strings.HasPrefix(l, "# labels:") && len(recs) > 0:
			recs[len(recs)-1].label = l
		case strings.HasPrefix(l, "#\t") && len(recs) > 0:
			f := strings.Fields(l[1:])
			if len(f) >= 3 {
				fn := f[1][:strings.LastIndex(f[1], "+")]
				recs[len(recs)-1].frames = append(recs[len(recs)-1].frames, [2]string{fn, f[2]})
			}
		}
	}
	for _, r := range recs {
		isSelf := false
		for _, fr := range r.frames {
			if strings.HasPrefix(fr[0], "runtime/pprof.") {
				isSelf = true
			}
		}
		if isSelf {
			continue // the main goroutine writing this profile
		}
		kind := "other"
		for _, fr := range r.frames {
			k := strings.LastIndex(fr[1], ":")
			if fr[1][:k] != file {
				continue
			}
			line, _ := strconv.Atoi(fr[1][k+1:])
			switch tags[line] {
			case "send-done":
				kind = "done"
			case "send-quit":
				kind = "quit"
			case "select-send":
				if strings.Contains(r.label, `"ch":"done"`) {
					kind = "done"
				} else if strings.Contains(r.label, `"ch":"quit"`) {
					kind = "quit"
				}
			}
			// Cross-check the line attribution against the label.
			if (kind == "done" && !strings.Contains(r.label, `"ch":"done"`)) ||
				(kind == "quit" && !strings.Contains(r.label, `"ch":"quit"`)) {
				fail("line/label mismatch: %+v", r)
			}
			break // innermost frame in this file decides
		}
		switch kind {
		case "done":
			d += r.count
		case "quit":
			q += r.count
		default:
			o += r.count
		}
	}
	if d+q+o != left {
		fail("profile count %d+%d+%d != NumGoroutine delta %d\n%s", d, q, o, left, buf.String())
	}
	c.StrandedDone, c.StrandedQuit, c.StrandedOthr = d, q, o
	out, _ := json.Marshal(c)
	os.Stdout.Write(out)
}

func fail(f string, a ...interface{}) {
	fmt.Fprintf(os.Stderr, "realgo: "+f+"\n", a...)
	os.Exit(1)
}

// ---------------------------------------------------------------------------
// Parent: run every case in its own child process, print cases.json.

func main() {
	flag.Parse()
	if *childCase != "" {
		var c Case
		if err := json.Unmarshal([]byte(*childCase), &c); err != nil {
			fail("bad case: %v", err)
		}
		runChild(&c)
		return
	}
	exe, err := os.Executable()
	if err != nil {
		fail("%v", err)
	}
	cases := buildMatrix()
	results := make([]Case, len(cases))
	sem := make(chan struct{}, *parallel)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []string
	for idx := range cases {
		wg.Add(1)
		sem <- struct{}{}
		go func(idx int) {
			defer wg.Done()
			defer func() { <-sem }()
			in, _ := json.Marshal(cases[idx])
			cmd := exec.Command(exe, "-scale", strconv.Itoa(*timeScale), "-child", string(in))
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err == nil {
				err = json.Unmarshal(out, &results[idx])
			}
			if err != nil {
				mu.Lock()
				errs = append(errs, fmt.Sprintf("case %s: %v %s", in, err, stderr.String()))
				mu.Unlock()
			}
		}(idx)
	}
	wg.Wait()
	if len(errs) > 0 {
		sort.Strings(errs)
		fail("%d failed cases:\n%s", len(errs), strings.Join(errs, "\n"))
	}
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintf(w, "{\n  \"go_version\": %q,\n", runtime.Version())
	fmt.Fprintf(w, "  \"generated_by\": %q,\n", "go run main.go (in tests/core/data/realgo)")
	fmt.Fprintf(w, "  \"time_scale\": %d,\n", *timeScale)
	fmt.Fprintf(w, "  \"cases\": [\n")
	for i, r := range results {
		b, _ := json.Marshal(r)
		sep := ","
		if i == len(results)-1 {
			sep = ""
		}
		fmt.Fprintf(w, "    %s%s\n", b, sep)
	}
	fmt.Fprintf(w, "  ]\n}\n")
	w.Flush()
}
