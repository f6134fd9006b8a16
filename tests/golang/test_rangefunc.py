"""Range over functions (Go 1.23): what leakviz cannot do as Go does is refused in one line, before anything runs.

What it does run is compared with real Go 1.27.3 in tests/golang/data (rangefunc.go, rangefunc_nested.go)."""

from __future__ import annotations

from .helpers import run_leakviz

HEAD = 'package main\n\nimport (\n\t"fmt"\n\t"iter"\n)\n\nvar _ iter.Seq[int]\n\n' \
       "func two(yield func(int) bool) {\n\t_ = yield(1) && yield(2)\n}\n\n"  # lines 1-13


def _refusals(tmp_path, body: str) -> list[str]:
    p = tmp_path / "main.go"
    p.write_text(HEAD + "func main() {\n" + body + "}\n")
    code, out, err = run_leakviz(p)
    assert code == 2 and out == ""
    return [ln.replace(str(p.resolve()), "main.go") for ln in err.splitlines()]


def test_defer_in_a_loop_body_is_refused(tmp_path):
    got = _refusals(tmp_path, "\tfor x := range two {\n\t\tdefer fmt.Println(x)\n\t}\n")
    assert got == ["main.go:16:3: unsupported: defer in a range-over-func loop body (Go runs it when the "
                   "function around the loop returns)"]


def test_a_defer_in_a_func_literal_of_the_body_is_not(tmp_path):
    p = tmp_path / "main.go"
    p.write_text(HEAD + "func main() {\n\tfor x := range two {\n\t\tfunc() {\n\t\t\tdefer fmt.Println(x)\n"
                        "\t\t}()\n\t}\n}\n")
    assert run_leakviz(p)[:2] == (0, "1\n2\n")


def test_goto_out_of_a_loop_body_is_refused(tmp_path):
    got = _refusals(tmp_path, "\tfor x := range two {\n\t\tif x > 1 {\n\t\t\tgoto done\n\t\t}\n\t}\ndone:\n"
                              "\tfmt.Println()\n")
    assert got == ["main.go:17:4: unsupported: goto done out of a range-over-func loop body"]


def test_too_many_iteration_variables_and_a_func_that_is_no_iterator_in_gos_words(tmp_path):
    # what go vet (1.27.3) says for each on its own
    got = _refusals(tmp_path, "\tvar s iter.Seq[int] = two\n\tfor i, j := range s {\n\t\tfmt.Println(i, j)\n\t}\n"
                              "\tvar f func(int)\n\tfor x := range f {\n\t\tfmt.Println(x)\n\t}\n")
    assert got == ["main.go:16:9: range over s (variable of func type iter.Seq[int]) permits only one "
                   "iteration variable",
                   "main.go:20:17: cannot range over f (variable of type func(int)): func must be "
                   "func(yield func(...) bool): argument is not func"]


def test_iter_pull_is_refused_with_the_reason(tmp_path):
    got = _refusals(tmp_path, "\tnext, stop := iter.Pull(iter.Seq[int](two))\n\tfmt.Println(next, stop)\n")
    assert got == ["main.go:15:16: unsupported: iter.Pull (Go runs the iterator as a coroutine; leakviz has none)"]
