"""Integer + and - (and ++, --, +=, -=) wrap at the type's width as Go's do, plain int included.

Each case prints a label and a value; the expected value is the exact result reduced to the type's width
(two's complement, as the Go spec defines it), computed here in Python, and the whole program is also run
on real Go when it is installed.
"""

from __future__ import annotations

import pytest

from .test_differential import real_go, run_leakviz, run_real_go  # noqa: F401  (real_go is a fixture)

MAX64, MIN64 = (1 << 63) - 1, -(1 << 63)
WIDTH = {"int": (64, True), "int64": (64, True), "int32": (32, True), "uint8": (8, False), "uint64": (64, False),
         "uint": (64, False)}


def wrap(v: int, typ: str) -> int:
    bits, signed = WIDTH[typ]
    v &= (1 << bits) - 1
    return v - (1 << bits) if signed and v >> (bits - 1) else v


def top(typ: str) -> int:
    bits, signed = WIDTH[typ]
    return (1 << (bits - 1)) - 1 if signed else (1 << bits) - 1


def bottom(typ: str) -> int:
    bits, signed = WIDTH[typ]
    return -(1 << (bits - 1)) if signed else 0


def cases() -> list[tuple[str, str, int]]:
    """(label, Go statements printing ``label value``, the value Go prints)."""
    out = []
    for typ in WIDTH:
        hi, lo = top(typ), bottom(typ)
        def add(label: str, body: str, want: int, typ: str = typ) -> None:
            out.append((f"{typ}_{label}", body.replace("T", typ), want))
        add("inc", f"x := T({hi})\n\tx++", wrap(hi + 1, typ))
        add("dec", f"x := T({lo})\n\tx--", wrap(lo - 1, typ))
        add("plus", f"x := T({hi})\n\ty := T(id(3))\n\tx = x + y", wrap(hi + 3, typ))
        add("minus", f"x := T({lo})\n\ty := T(id(3))\n\tx = x - y", wrap(lo - 3, typ))
        add("plus_eq", f"x := T({hi - 1})\n\tx += T(id(5))", wrap(hi + 4, typ))
        add("minus_eq", f"x := T({lo + 1})\n\tx -= 5", wrap(lo - 4, typ))
        add("big_sum", f"x := T({hi})\n\tx = x + x + 1", wrap(2 * hi + 1, typ))  # all ones: -1 or max
        add("back_in_range", f"x := T({hi})\n\tx++\n\tx--", hi)
        add("field", f"s := &S_T{{T({hi})}}\n\ts.v += 2\n\tx := s.v", wrap(hi + 2, typ))
        add("slice_elem", f"a := []T{{T({lo})}}\n\ta[0]--\n\tx := a[0]", wrap(lo - 1, typ))
    # a uint below 0
    out.append(("uint64_below_zero", "var x uint64 = 3\n\tx -= 5", (1 << 64) - 2))
    out.append(("uint8_below_zero", "var x uint8\n\tx--", 255))
    # a uint64 past MaxInt64 converted to int
    out.append(("int_of_uint64", "u := uint64(id(-1) + 1)\n\tu--\n\tx := int(u)", -1))
    out.append(("int_of_uint", f"u := uint(id({MAX64}))\n\tu++\n\tx := int(u)", MIN64))
    # -MinInt64 is MinInt64
    out.append(("int_neg_min", f"y := id({MIN64})\n\tx := -y", MIN64))
    # a loop whose body writes its counter: the i++ after it must still wrap
    out.append(("loop_body_writes", "n := 0\n\tx := 0\n\tfor i := 0; i < 3; i++ {\n\t\tn++\n"
                f"\t\tif n == 1 {{\n\t\t\ti = {MAX64}\n\t\t}}\n\t\tif n == 3 {{\n\t\t\tx = i\n\t\t\tbreak\n\t\t}}\n\t}}",
                MIN64 + 1))
    # ... and one whose closure writes it (Go 1.22: the next iteration starts from the closure's write)
    out.append(("loop_closure_writes", "k, x := 0, 0\n\tfor i := 0; i < 3; i++ {\n\t\tset := func() { i = "
                f"{MAX64} }}\n\t\tk++\n\t\tif k == 1 {{\n\t\t\tset()\n\t\t}}\n\t\tif k == 2 {{\n\t\t\tx = i\n"
                "\t\t\tbreak\n\t\t}\n\t}", MIN64))
    # a counting loop that stays in range (its update is left unchecked): the sum wraps
    out.append(("loop_sum", f"x := 0\n\tfor i := 0; i < 4; i++ {{\n\t\tx += {MAX64 // 2}\n\t}}",
                wrap(4 * (MAX64 // 2), "int")))
    out.append(("loop_down", f"x := 0\n\tfor i := 3; i > 0; i-- {{\n\t\tx -= {MAX64 // 2} + i\n\t}}",
                wrap(-3 * (MAX64 // 2) - 6, "int")))
    return out


CASES = cases()


def program() -> str:
    funcs = "".join(f"func c{k}() {{\n\t{body}\n\tfmt.Println({label!r}, x)\n}}\n\n".replace("'", '"')
                    for k, (label, body, _) in enumerate(CASES))
    calls = "".join(f"\tc{k}()\n" for k in range(len(CASES)))
    types = "".join(f"type S_{t} struct{{ v {t} }}\n\n" for t in WIDTH)
    return f'package main\n\nimport "fmt"\n\nfunc id(v int) int {{ return v }}\n\n{types}{funcs}func main() {{\n{calls}}}\n'


def expected() -> str:
    return "".join(f"{label} {want}\n" for label, _, want in CASES)


def test_sums_wrap_as_the_spec_says(tmp_path):
    out, err, code = run_leakviz(program(), tmp_path)
    assert code == 0, err
    for got, want in zip(out.splitlines(), expected().splitlines(), strict=True):
        assert got == want


def test_go_prints_the_same(real_go, tmp_path):  # noqa: F811  (the fixture)
    go_out, go_err, go_code = run_real_go(real_go, program())
    assert go_code == 0, go_err
    assert go_out == expected()


@pytest.mark.parametrize("src, unchecked", [
    ("for i := 0; i < n; i++ {\n\t\ts += i\n\t}", True),
    ("for i := n; i > 0; i-- {\n\t\ts += i\n\t}", True),
    ("for i := 0; i <= n; i++ {\n\t\ts += i\n\t}", False),  # n may be MaxInt
    ("for i := 0; i < n; i++ {\n\t\ti += 0\n\t}", False),
    ("for i := 0; i < n; i++ {\n\t\tp := &i\n\t\t_ = p\n\t}", False),
    ("i := 0\n\tfor ; i < n; i++ {\n\t}", False),  # declared before the loop: a closure may write it
])
def test_which_loop_updates_are_checked(src, unchecked):
    """The update of a counting loop bounded by its condition is left unchecked (it costs every iteration);
    any other is checked."""
    from visualizer.golang.compile import compile_files
    go = f"package main\n\nfunc main() {{\n\tn, s := 5, 0\n\t{src}\n\t_ = s\n}}\n"
    py = compile_files([("main.go", go.encode())]).source
    update = [ln.strip() for ln in py.splitlines() if ln.strip().startswith("v_i = ") and "v_i" in ln.split("=", 1)[1]]
    assert update, py
    assert (update[0] in ("v_i = v_i + 1", "v_i = v_i - 1")) == unchecked, update
