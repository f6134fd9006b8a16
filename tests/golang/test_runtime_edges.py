"""Corners the Go project's leak corpus (GoKer) showed: unsafe.Pointer as a number, and goroutines that spin
while timers are due."""

from __future__ import annotations

import io
import json

from visualizer.golang.cli import run_go


def _json(tmp_path, src: str, **kw) -> tuple[int, dict, str]:
    (tmp_path / "main.go").write_text(src)
    out, err = io.StringIO(), io.StringIO()
    code = run_go([str(tmp_path)], as_json=True, out=out, err=err, **kw)
    return code, json.loads(out.getvalue()) if out.getvalue() else {}, err.getvalue()


UNSAFE = """package main

import (
	"fmt"
	"unsafe"
)

type R struct{ id int }

func main() {
	rs := []*R{{1}, {2}, {3}, {4}}
	seen := map[uintptr]bool{}
	for _, r := range rs {
		seen[uintptr(unsafe.Pointer(r))%97] = true
	}
	a, b := uintptr(unsafe.Pointer(rs[0])), uintptr(unsafe.Pointer(rs[0]))
	fmt.Println(a == b, a != uintptr(unsafe.Pointer(rs[1])), a%16, len(seen) > 1, unsafe.Sizeof(a))
}
"""


def test_unsafe_pointer_is_a_stable_address_and_nothing_more(tmp_path):
    (tmp_path / "main.go").write_text(UNSAFE)
    outs = []
    for _ in range(2):
        out = io.StringIO()
        assert run_go([str(tmp_path)], out=out, err=io.StringIO()) == 0
        outs.append(out.getvalue())
    assert outs[0] == "true true 0 true 8\n" and outs[0] == outs[1]  # the same addresses on every run


SPIN = """package main

import (
	"fmt"
	"time"
)

func main() {
	done := make(chan int, 20)
	for w := 0; w < 20; w++ {
		go func() {
			ch := make(chan int, 1)
			for i := 0; i < 20000; i++ {
				select {
				case ch <- i:
				default:
					<-ch
				}
			}
			done <- w
		}()
	}
	select {
	case <-time.After(time.Millisecond):
		fmt.Println("timer first")
	case <-done:
		fmt.Println("a worker first")
	}
	for i := 0; i < 19; i++ {
		<-done
	}
}
"""


def test_goroutines_preempted_while_a_timer_is_due_run_on(tmp_path):
    """A spinning goroutine is preempted and the due timer fires from inside it: it was a crash
    ('channel operations must run inside a goroutine') and every schedule ended in a panic."""
    code, rep, err = _json(tmp_path, SPIN, runs=3)
    assert code == 0, err
    assert [r["panicked"] for r in rep["per_run"]] == [False, False, False]


LOCK_ORDER = """package main

import (
	"fmt"
	"sync"
	"time"
)

// cache hands out its one item under the write lock and takes it back under the read lock: a
// goroutine that holds the item and waits for the read lock, behind a writer waiting for the item,
// never gets it
type cache struct {
	sync.RWMutex
	item sync.Mutex
}

func (c *cache) acquire() {
	c.Lock()
	c.item.Lock()
	c.Unlock()
}

func (c *cache) release() {
	c.RLock()
	c.item.Unlock()
	c.RUnlock()
}

func main() {
	c := &cache{}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				c.acquire()
				c.release()
			}
		}()
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		fmt.Println("done")
	case <-time.After(time.Second):
		fmt.Println("stuck")
	}
}
"""


def test_explored_schedules_let_others_in_between_an_unlock_and_the_next_lock(tmp_path, monkeypatch):
    """With one simulated core a goroutine's Unlock then RLock never let a waiting writer in between: Go's
    order finishes. Explored schedules give the others a turn before a lock now and then, as other cores
    would, and find the deadlock (GoKer's Hugo3251 has this shape; this program is our own)."""
    code, doc, _err = _json(tmp_path, LOCK_ORDER, runs=10)
    assert code == 0 and doc["per_run"][0]["leaked"] == 0
    leaky = {lk["seed"] for lk in doc["leaked"] if lk["function"] == "main.(*cache).release" and lk["line"] == 24}
    assert leaky and 0 not in leaky
    assert {lk["line"] for lk in doc["leaked"] if lk["seed"] == min(leaky)} >= {19, 24}
    from visualizer.golang.interp import GoRuntime
    monkeypatch.setattr(GoRuntime, "SYNC_TURN", 0.0)
    _code, doc, _err = _json(tmp_path, LOCK_ORDER, runs=10)
    assert doc["leaked_count"] == 0


YIELD = """package main

import (
	"fmt"
	"runtime"
)

func main() {
	ran := 0
	for i := 0; i < 30; i++ {
		go func() { ran++ }()
	}
	runtime.Gosched()
	fmt.Println(ran)
}
"""


def test_explored_schedules_keep_a_yielded_goroutine_on_the_global_queue(tmp_path):
    """runtime.Gosched puts the caller on the global queue, which Go's scheduler looks at once in 61
    schedules or when nothing else can run. Explored schedules draw it that way too: main, yielding after
    starting 30 goroutines, mostly finds them all done (a draw over every runnable goroutine let it back
    after about half of them, and GoKer's Cockroach2448 kept ten times Go's goroutines spinning)."""
    from visualizer.golang.compile import compile_files
    from visualizer.golang.interp import Interp

    prog = compile_files([("main.go", YIELD.encode())])
    seen = []
    for seed in range(13):
        ip = Interp(prog, seed=seed, explore=seed > 0)
        try:
            seen.append(int(ip.run().stdout))
        finally:
            ip.shutdown()
    assert seen[0] == 30  # Go's order: every goroutine runs before main's turn comes back
    explored = seen[1:]
    assert sum(n == 30 for n in explored) >= 6, explored  # a draw over all of them: 1 in 12 seeds
    assert len(set(explored)) > 1  # still a seeded draw, not Go's order again


MANY = """package main

import (
	"sync"
	"time"
)

type box struct {
	mu sync.Mutex
	c  chan int
}

func main() {
	for i := 0; i < 300; i++ {
		b := &box{c: make(chan int)}
		go func() { b.mu.Lock(); b.c <- 1 }() // leaks, holding its box
	}
	time.Sleep(time.Millisecond)
}
"""


def test_a_shut_down_run_leaves_little_for_the_cyclic_collector():
    """After shutdown refcounting frees a run's goroutines and values: what a run leaves for the cyclic
    collector does not grow with its goroutines (each run of GoKer's Moby27782 left half a million
    objects to the next run's full collections)."""
    import gc

    from visualizer.golang.compile import compile_files
    from visualizer.golang.interp import Interp

    prog = compile_files([("main.go", MANY.encode())])
    gc.collect()
    ip = Interp(prog)
    r = ip.run()
    ip.shutdown()
    assert r.leaked and len(r.leaked) == 300
    del ip, r
    left = gc.collect()
    assert left < 300, left  # the run's own few (the Interp, its helpers and runtime), not per goroutine
