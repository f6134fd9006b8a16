"""math/rand/v2: a seeded PCG is compared with real Go in tests/golang/data/rand_v2.go; here what Go leaves random."""

from __future__ import annotations

from .helpers import run_leakviz

PROG = '''package main

import (
	"fmt"
	"math/rand/v2"
	"time"
)

func main() {
	fmt.Println(rand.IntN(1000), rand.N(time.Hour), rand.Perm(4), rand.Uint64())
}
'''


def test_top_level_functions_repeat_for_a_seed_and_change_with_it(tmp_path):
    p = tmp_path / "main.go"
    p.write_text(PROG)
    runs = [run_leakviz(p, seed=s)[1] for s in (0, 0, 1)]
    assert runs[0] == runs[1]  # Go seeds them at random on every run; leakviz from its run seed
    assert runs[0] != runs[2]
    n, d, _ = runs[2].split(" ", 2)
    assert 0 <= int(n) < 1000 and d.endswith("s")  # rand.N(time.Hour) is a Duration, printed as one


def test_a_source_other_than_pcg_is_refused(tmp_path):
    p = tmp_path / "main.go"
    p.write_text('package main\n\nimport "math/rand/v2"\n\ntype zero struct{}\n\n'
                 "func (zero) Uint64() uint64 { return 0 }\n\n"
                 "func main() {\n\tprintln(rand.New(zero{}).IntN(3))\n}\n")
    code, out, err = run_leakviz(p)
    assert (code, out) == (2, "")
    assert err == f"{p.resolve()}:10:19: unsupported: rand.New with a source other than a *rand.PCG\n"
