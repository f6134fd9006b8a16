"""golang.org/x/sync's errgroup and semaphore, modelled in Go of our own: programs that fan out with them run."""

from __future__ import annotations

import io
from pathlib import Path

from visualizer.golang.cli import run_go

from .helpers import few_turns, parse_dump

FANOUT = Path(__file__).parent / "modules" / "fanout" / "main.go"


def _run(path: Path, **kw) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_go([str(path)], out=out, err=err, **kw)
    return code, out.getvalue(), err.getvalue()


def test_errgroup_and_semaphore_fan_out_and_strand_as_documented():
    code, out, err = _run(FANOUT)
    assert code == 0, err
    # the first error stops the range; TryGo refuses past SetLimit(1); two of four Acquire(1) on a weight of 2 wait
    assert out.splitlines()[:3] == ["stopped at 1", "true false", "3"]
    leaked = sorted((g.frames[0][0], g.status, g.created_by) for g in parse_dump(out) if g.leaked)
    assert leaked == sorted([
        ("main.fetchAll.func1", "chan send", "golang.org/x/sync/errgroup.(*Group).Go"),
        ("main.fetchAll.func1", "chan send", "golang.org/x/sync/errgroup.(*Group).Go"),
        ("sync.runtime_SemacquireWaitGroup", "sync.WaitGroup.Wait", "main.fetchAll"),
        ("main.limited.func1", "chan send", "main.limited"),
        ("golang.org/x/sync/semaphore.(*Weighted).Acquire", "select", "main.limited"),
        ("golang.org/x/sync/semaphore.(*Weighted).Acquire", "select", "main.limited"),
    ])


def test_errgroup_wait_returns_the_first_error_and_cancels_the_context(tmp_path):
    p = tmp_path / "main.go"
    p.write_text('''package main

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"
)

func main() {
	g, ctx := errgroup.WithContext(context.Background())
	g.Go(func() error { return errors.New("first") })
	g.Go(func() error { <-ctx.Done(); return errors.New("second") })
	fmt.Println(g.Wait(), ctx.Err())
}
''')
    code, out, err = _run(p)
    assert (code, out) == (0, "first context canceled\n")
    assert few_turns(err, "leakviz: seed 0: 2 goroutines started, 0 leaked; {} ns simulated\n")


def test_a_module_leakviz_does_not_model_is_refused(tmp_path):
    p = tmp_path / "main.go"
    p.write_text('package main\n\nimport "golang.org/x/sync/singleflight"\n\nfunc main() { _ = singleflight.Group{} }\n')
    code, _out, err = _run(p)
    assert code == 2 and "cannot find module providing package golang.org/x/sync/singleflight" in err
