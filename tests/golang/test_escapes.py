"""Untrusted Go is data: escape attempts through `go`, the window's recorder and saved runs create nothing.

Every program here tries to reach Python (a builtin, a dunder, the module's
globals, the interpreter's own objects) to create a file in the working
directory. Each must be refused before it runs (exit 2, one line with
file:line:col) or run as Go runs it, and never create the file or print a
Python traceback. The second half feeds random Go names and literals through
the compiler and checks that the generated module names only mangled Go names
and its own internals, with every string in the constant table.
"""

from __future__ import annotations

import ast
import io
import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from visualizer.golang.cli import run_go
from visualizer.golang.compile import compile_files
from visualizer.golang.errors import GoSourceError
from visualizer.goplay import savefile

OPEN = 'open("owned.txt", "w")'

# (name, body of main or whole file, what must happen: "refused" with this text, or "runs" printing this)
ESCAPES = [
    ("method value __func__", """
type T struct{}

func (T) M() {}

func main() {
	var t T
	m := t.M
	m.__func__.__globals__["__builtins__"]["open"]("owned.txt", "w")
}""", ("refused", "m.__func__ undefined (type func() has no field or method __func__)")),
    ("func value __globals__", """
func f() {}

func main() {
	g := f
	g.__globals__["__builtins__"]["open"]("owned.txt", "w")
}""", ("refused", "g.__globals__ undefined (type func() has no field or method __globals__)")),
    ("function name __globals__", """
func main() {
	main.__globals__["open"]("owned.txt", "w")
}""", ("refused", "undefined (type func() has no field or method __globals__)")),
    ("closure __code__", """
func main() {
	f := func(x int) int { return x }
	_ = f.__code__
}""", ("refused", "f.__code__ undefined (type func(int) int has no field or method __code__)")),
    ("string __class__", """
func main() {
	s := "x"
	s.__class__.__mro__[1].__subclasses__()
}""", ("refused", "s.__class__ undefined (type string has no field or method __class__)")),
    ("string method", """
func main() {
	s := "owned.txt"
	_ = s.format
}""", ("refused", "s.format undefined (type string has no field or method format)")),
    ("int __class__", """
func main() {
	x := 1
	_ = x.__class__
}""", ("refused", "x.__class__ undefined (type int has no field or method __class__)")),
    ("slice append method", """
func main() {
	xs := []int{1}
	xs.append(2)
}""", ("refused", "xs.append undefined (type []int has no field or method append)")),
    ("map __class__", """
func main() {
	m := map[string]int{}
	_ = m.__class__
}""", ("refused", "has no field or method __class__")),
    ("channel runtime", """
func main() {
	c := make(chan int)
	_ = c.rt
}""", ("refused", "c.rt undefined (type chan int has no field or method rt)")),
    ("struct __dict__", """
type T struct{ A int }

func main() {
	t := T{}
	_ = t.__dict__
}""", ("refused", "t.__dict__ undefined (type T has no field or method __dict__)")),
    ("struct pointer __class__", """
type T struct{ A int }

func main() {
	p := &T{}
	_ = p.__class__
}""", ("refused", "p.__class__ undefined (type *T has no field or method __class__)")),
    ("struct __init__", """
type T struct{}

func main() {
	var t T
	t.__init__()
}""", ("refused", "t.__init__ undefined")),
    ("any __class__", """
type T struct{}

func main() {
	var x any = T{}
	_ = x.__class__
}""", ("refused", "x.__class__ undefined (type any has no field or method __class__)")),
    ("error internals", """
import "errors"

func main() {
	err := errors.New("x")
	_ = err.msg
}""", ("refused", "err.msg undefined (type error has no field or method msg)")),
    ("interface method not declared", """
type I interface{ M() }

type T struct{}

func (T) M() {}

func main() {
	var i I = T{}
	_ = i.__class__
}""", ("refused", "i.__class__ undefined (type I has no field or method __class__)")),
    ("timer channel internals", """
import "time"

func main() {
	t := time.NewTimer(time.Second)
	_ = t.C.rt
}""", ("refused", "t.C.rt undefined (type chan time.Time has no field or method rt)")),
    ("method expression dunder", """
type T struct{}

func main() {
	_ = T.__init__
}""", ("refused", "T.__init__ undefined (type T has no method __init__)")),
    ("struct literal dunder key", """
type T struct{ A int }

func main() {
	_ = T{__class__: 1}
}""", ("refused", "unknown field")),
    ("call a string", """
func main() {
	s := "x"
	s()
}""", ("refused", "invalid operation: cannot call non-function s (value of type string)")),
    ("call a struct", """
type T struct{}

func main() {
	t := &T{}
	t()
}""", ("refused", "cannot call non-function t (value of type *T)")),
    ("builtin eval", """
func main() {
	eval("1")
}""", ("refused", "undefined: eval")),
    ("builtin open", f"""
func main() {{
	{OPEN}
}}""", ("refused", "undefined: open")),
    ("builtin __import__", """
func main() {
	__import__("os").system("touch owned.txt")
}""", ("refused", "undefined: __import__")),
    ("globals()", """
func main() {
	globals()["_h"]
}""", ("refused", "undefined: globals")),
    ("generated internals", """
func main() {
	_ = _h
}""", ("refused", "undefined: _h")),
    ("constant table", """
func main() {
	_ = _K
}""", ("refused", "undefined: _K")),
    ("go builtin", """
func main() {
	go open("owned.txt", "w")
}""", ("refused", "undefined: open")),
    ("defer exec", """
func main() {
	defer exec("x")
}""", ("refused", "undefined: exec")),
    ("constant shift blow-up", """
const big = 1 << 100000000

func main() {}""", ("refused", "constant shift overflow")),
    # Go names that are Python's: valid Go, they must work as Go names and reach nothing else
    ("Python names as Go variables", """
import "fmt"

func main() {
	__import__ := "imp"
	eval := 2
	__builtins__ := []int{3}
	open, exec, globals := 4, 5, 6
	fmt.Println(__import__, eval, __builtins__, open, exec, globals)
}""", ("runs", "imp 2 [3] 4 5 6\n")),
    ("dunder fields and methods", """
import "fmt"

type T struct {
	__dict__  int
	__class__ string
	_fields   int
	__slots__ bool
}

func (t *T) __getattr__() int { return t.__dict__ + 1 }
func (t T) __init__() string  { return t.__class__ }

func main() {
	t := &T{__dict__: 41, __class__: "c", _fields: 7, __slots__: true}
	fmt.Println(t.__getattr__(), t.__init__(), t._fields, t.__slots__)
	fmt.Printf("%+v\\n", *t)
}""", ("runs", "42 c 7 true\n{__dict__:41 __class__:c _fields:7 __slots__:true}\n")),
    ("Python names as Go functions and types", """
import "fmt"

type __class__ struct{ v int }

func __init__() int { return 1 }
func _ginit() int   { return 2 }
func INITS() int    { return 3 }

func main() {
	c := __class__{v: 4}
	fmt.Println(__init__(), _ginit(), INITS(), c.v)
}""", ("runs", "1 2 3 4\n")),
    ("package aliased as builtins", """
import __builtins__ "fmt"

func main() {
	__builtins__.Println("ok")
}""", ("runs", "ok\n")),
    ("package aliased as _h", """
import _h "fmt"

func main() {
	_h.Println("ok")
}""", ("runs", "ok\n")),
    ("labels named like Python", """
import "fmt"

func main() {
__builtins__:
	for i := 0; i < 3; i++ {
		for {
			if i == 1 {
				continue __builtins__
			}
			fmt.Println(i)
			break __builtins__
		}
	}
}""", ("runs", "0\n")),
    ("string literals that close Python strings", r'''
import "fmt"

func main() {
	fmt.Println("\"); open('owned.txt', 'w'); (\"")
	fmt.Println(`"""); open("owned.txt", "w"); ("""`)
	fmt.Println("\\\"{}{{}}\x00\u2028end")
	fmt.Println('\'', '"')
}''', ("runs", "\"); open('owned.txt', 'w'); (\"\n\"\"\"); open(\"owned.txt\", \"w\"); (\"\"\"\n"
                    "\\\"{}{{}}\x00\u2028end\n39 34\n")),
    ("string constants", r'''
import "fmt"

const s = "'); __import__('os').system('touch owned.txt'); ('"

func main() { fmt.Println(len(s)) }''', ("runs", "50\n")),
    ("Unicode names Python would fold", """
import "fmt"

func main() {
	ﬁle := 1
	file := 2
	ｘ := 3
	x := 4
	fmt.Println(ﬁle, file, ｘ, x)
}""", ("runs", "1 2 3 4\n")),
    ("os is simulated", """
import (
	"fmt"
	"os"
)

func main() {
	fmt.Println(os.Getenv("HOME") == "", len(os.Args))
	os.Exit(3)
}""", ("exit", 3)),
    ("recover cannot swallow the budget", """
func spin() {
	defer func() { recover() }()
	for {
	}
}

func main() {
	for {
		spin()
	}
}""", ("budget", "steps")),
    ("type switch on dunder interface", """
import "fmt"

type T struct{}

func main() {
	var x any = T{}
	if _, ok := x.(interface{ __call__() }); !ok {
		fmt.Println("no")
	}
}""", ("runs", "no\n")),
]


def _src(body: str) -> bytes:
    return ("package main\n" + body + "\n").encode()


def _created(tmp_path, keep: set) -> list:
    return sorted(p.name for p in tmp_path.iterdir() if p.name not in keep)


@pytest.mark.parametrize("name,body,want", ESCAPES, ids=[e[0] for e in ESCAPES])
def test_go_command_creates_nothing(tmp_path, monkeypatch, name, body, want):
    from visualizer.golang.budget import Budgets
    monkeypatch.chdir(tmp_path)
    f = tmp_path / "prog.go"
    f.write_bytes(_src(body))
    out, err = io.StringIO(), io.StringIO()
    code = run_go([str(f)], out=out, err=err, budgets=Budgets(steps=2_000_000))
    kind, what = want
    assert _created(tmp_path, {"prog.go"}) == []
    assert "Traceback" not in err.getvalue() + out.getvalue()
    if kind == "refused":
        assert code == 2
        first = err.getvalue().splitlines()[0]
        assert first.startswith(f"{f}:") and what in first, first
    elif kind == "runs":
        assert code == 0, err.getvalue()
        assert out.getvalue() == what
    elif kind == "exit":
        assert code == what
    else:
        assert code == 2 and f"budget of 2,000,000 {what}" in err.getvalue()


HANDLER = b"""package main

import (
	"fmt"
	"net/http"
)

func h(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintln(w, "hi")
}
"""

CRAFTED_HANDLERS = [
    'h, 1, 1, 1)\n\topen("owned.txt", "w")\n\tleakviz_serve(h',
    'func(w http_ResponseWriter, r *http_Request) { open("owned.txt", "w") }',
    "h\x00",
    "__import__",
    "leakviz_main",
    "main",
]


def test_the_real_handler_still_runs(tmp_path):
    from visualizer.golang.live import GoProgram
    rt, ip = GoProgram.of([(str(tmp_path / "h.go"), HANDLER)], handler="h", requests=3).start()
    rt.run()
    assert rt.panic is None and "".join(ip.out_parts) == ""  # fmt.Fprintln(w, ...) writes to the response


def _save(tmp_path, handler: str):
    doc = {"leakviz_go": savefile.VERSION, "entry": "main", "seed": 0,
           "files": [{"path": str(tmp_path / "h.go"), "text": HANDLER.decode()}], "caps": [], "changes": [],
           "drive": {"handler": handler, "requests": 3, "rate": 100.0}}
    p = tmp_path / "x.leakviz-go"
    p.write_text(json.dumps(doc))
    return p


@pytest.mark.parametrize("handler", CRAFTED_HANDLERS[:3])
def test_a_save_file_whose_handler_is_code_is_refused_when_read(tmp_path, monkeypatch, handler):
    """A .leakviz-go file whose drive names code instead of a handler: refused by the reader, one line."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(savefile.SaveFileError, match="the handler must be a Go identifier"):
        savefile.load_saved(_save(tmp_path, handler))
    assert _created(tmp_path, {"x.leakviz-go"}) == []


@pytest.mark.parametrize("handler", CRAFTED_HANDLERS[3:])
def test_a_save_file_whose_handler_is_not_one_runs_nothing(tmp_path, monkeypatch, handler):
    """An identifier that is not a declared handler passes the reader and is refused before anything runs."""
    from visualizer.golang.live import GoProgram
    from visualizer.goplay.http import NoHandler
    monkeypatch.chdir(tmp_path)
    saved = savefile.load_program(_save(tmp_path, handler))
    with pytest.raises(NoHandler, match="no handler"):
        GoProgram.of(saved.files, entry=saved.entry, seed=saved.seed, **saved.service)
    assert _created(tmp_path, {"x.leakviz-go"}) == []


@pytest.mark.parametrize("argv", [
    ["--entry", 'main(); open("owned.txt", "w"); (main']],
)
def test_crafted_names_on_the_command_line(tmp_path, argv):
    f = tmp_path / 'x"); open("owned.txt", "w"); #.go'
    f.write_bytes(_src("func main() {}"))
    r = subprocess.run([sys.executable, "-m", "visualizer", "go", str(f), *argv], cwd=tmp_path,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "no function" in r.stderr and "Traceback" not in r.stderr
    assert _created(tmp_path, {f.name}) == []


def test_command_line_runs_in_a_child_that_never_imports_the_working_directory(tmp_path):
    """A folder handed over with the Go files may hold a package named like leakviz's: the child must not load it."""
    (tmp_path / "visualizer").mkdir()
    (tmp_path / "visualizer" / "__init__.py").write_text("")
    (tmp_path / "visualizer" / "__main__.py").write_text('open("owned.txt", "w")\n')
    (tmp_path / "prog.go").write_bytes(_src('import "fmt"\n\nfunc main() { fmt.Println("ran") }'))
    out = subprocess.run([sys.executable, "-P", "-c", "import sys; from visualizer.golang.sandbox import run_child; "
                          "sys.exit(run_child(['prog.go']))"], cwd=tmp_path, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "ran\n"
    assert not (tmp_path / "owned.txt").exists()


# -- the generated module names nothing but mangled Go names and its own internals --

INTERNAL = {"_h", "_nn", "_K", "_G", "_Box", "_GoStruct", "_NO", "_ONCE", "_d", "_pr", "_e", "_jmp", "_k", "_rv", "_rok", "_w",
            "_rk", "_", "INITS", "object", "int", "float", "range", "len", "enumerate", "min", "max", "list",
            "frozenset", "True", "False", "None", "self",
            # a struct class's body (emit_struct_classes)
            "__slots__", "_fields", "_gofields", "_embedded", "_byvalue", "_goname", "__init__", "_tags", "_jtypes"}
MANGLED = ("v", "G", "F", "T", "M", "L", "S_anon", "_t", "_p", "_mk_", "_rk", "_ginit", "g")


def _names_ok(src: str) -> list[str]:
    bad = []
    tree = ast.parse(src)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            n = node.id
            if n not in INTERNAL and not (n[:1] in "vGFTMLg" and len(n) > 1 and (n[1] in "_x" or n[1].isdigit())) \
                    and not n.startswith(("_t", "_p", "_mk_L", "_rk", "_ginit", "S_anon")):
                bad.append(n)
        elif isinstance(node, ast.Attribute):
            a = node.attr
            base = node.value
            if isinstance(base, ast.Name) and base.id in ("_h", "object"):
                continue  # the helpers' own API: only the compiler's whitelist reaches it
            if not (a.startswith(("g_", "gx_")) or a == "v"):  # v: a box's value
                bad.append("." + a)
        elif isinstance(node, ast.Constant) and type(node.value) is str:
            bad.append(repr(node.value)) if not (node.value.startswith(("g_", "gx_", "G_", "Gx_", "v", "T_"))
                                                  or node.value in ("c", "b", "")) else None
        elif isinstance(node, (ast.Import, ast.ImportFrom, ast.Global)) and not isinstance(node, ast.Global):
            bad.append("import")
    return bad


GO_KEYWORDS = {"break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for",
               "func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select",
               "struct", "switch", "type", "var"}
PREDECLARED = {"true", "false", "nil", "iota", "int", "string", "bool", "any", "error", "len", "cap", "append",
               "make", "new", "panic", "print", "println", "copy", "delete", "close", "recover", "min", "max",
               "clear", "float64", "byte", "rune"}

_ident = st.from_regex(r"\A[A-Za-z_ﬁｘΩé][A-Za-z0-9_ﬁｘΩé]{0,10}\Z", fullmatch=True).filter(
    lambda s: s != "_" and s not in GO_KEYWORDS and s not in PREDECLARED and s != "main")
# a Go interpreted string literal: JSON's escapes are Go's (quotes, backslashes, control characters as \uXXXX)
_literal = st.text(max_size=20).map(lambda s: json.dumps(s, ensure_ascii=False))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=_ident, b=_ident, lit=_literal)
def test_generated_code_names_only_mangled_names(a, b, lit):
    if a == b:
        b = b + "2"
    # the names the program derives must all differ (a="A", b="A1" would redeclare A1: invalid Go)
    assume(len({a, b, a + "0", a + "1", a + "2", b + "2", b + "3"}) == 7)
    src = f"""package main

type {a} struct {{
	{b} string
}}

func (x *{a}) {b}2() string {{ return x.{b} }}

func {b}3({a}0 int) int {{ return {a}0 + 1 }}

func main() {{
	{b} := &{a}{{{b}: {lit}}}
	var {a}1 any = {b}
	_ = {a}1
	_ = {b}.{b}2()
	_ = {b}3(1)
	for {a}2 := range 3 {{
		_ = {a}2
	}}
}}
"""
    try:
        prog = compile_files([("p.go", src.encode())])
    except GoSourceError as e:
        pytest.fail(f"valid Go refused: {e}\n{src}")
    assert _names_ok(prog.source) == [], prog.source
    assert json.loads(lit) in prog.consts  # the literal is data in the table, not source text


def test_a_failed_assertion_to_a_dunder_interface_names_it_as_go_does(tmp_path):
    p = tmp_path / "a.go"
    p.write_bytes(_src('import "fmt"\n\nfunc main() {\n\tdefer func() { fmt.Println(recover()) }()\n'
                       "\tvar x any = 1\n\t_ = x.(interface{ __class__() })\n}"))
    out = io.StringIO()
    assert run_go([str(p)], out=out, err=io.StringIO()) == 0
    assert out.getvalue() == "interface conversion: interface {} is int, not interface { __class__() }\n"


def test_named_values_into_interfaces_carry_their_type_as_data():
    """StrArg and methods_arg name the value's type: from the constant table, never as a literal in the source."""
    src = """package main

import "fmt"

type Cel float64

func (c Cel) String() string { return "c" }

type Pipe chan int

func (p Pipe) Len() int { return len(p) }

type Lener interface{ Len() int }

func show(v any)      { fmt.Println(v) }
func size(l Lener) int { return l.Len() }

func main() {
	show(Cel(1))
	fmt.Println(size(Pipe(make(chan int, 2))))
}
"""
    prog = compile_files([("p.go", src.encode())])
    assert _names_ok(prog.source) == [], prog.source
    assert "Cel" in prog.consts and "Pipe" in prog.consts


@pytest.mark.parametrize("name,body,want", ESCAPES, ids=[e[0] for e in ESCAPES])
def test_the_windows_live_run_creates_nothing(tmp_path, monkeypatch, name, body, want):
    """The window's path: the program compiled for a Session and run live in the window's own process."""
    import asyncio
    from dataclasses import replace

    from visualizer.core.session import Session
    from visualizer.golang.live import LIVE_BUDGETS, GoProgram
    monkeypatch.chdir(tmp_path)
    files = [(str(tmp_path / "prog.go"), _src(body))]
    try:
        program = GoProgram.of(files)
    except GoSourceError as e:
        assert want[0] == "refused" and want[1] in e.msg, e.msg
        assert _created(tmp_path, set()) == []
        return
    assert want[0] != "refused", f"compiled: {name}"
    program.budgets = replace(LIVE_BUDGETS, steps=2_000_000)
    s = Session(program=program, speed=None)
    errors = []
    s.on_error = errors.append

    async def drive() -> None:
        s.play()
        while not s.finished and not errors:
            await asyncio.sleep(0.01)
        await s.aclose()
    asyncio.run(drive())
    assert _created(tmp_path, set()) == []
    if want[0] == "runs":
        assert errors == [] and "".join(s.live.out_parts) == want[1]
    elif want[0] == "budget":
        assert len(errors) == 1 and errors[0].what == want[1]


@pytest.mark.parametrize("handler", CRAFTED_HANDLERS)
def test_a_crafted_handler_is_refused_by_the_windows_path(tmp_path, monkeypatch, handler):
    from visualizer.golang.live import GoProgram
    from visualizer.goplay.http import NoHandler
    monkeypatch.chdir(tmp_path)
    with pytest.raises(NoHandler, match="no handler"):
        GoProgram.of([(str(tmp_path / "h.go"), HANDLER)], handler=handler)
    assert _created(tmp_path, set()) == []


@pytest.mark.parametrize("handler", CRAFTED_HANDLERS[:3])
def test_a_live_save_file_whose_handler_is_code_is_refused_when_read(tmp_path, handler):
    doc = {"leakviz_go": savefile.PROGRAM_VERSION, "files": [{"path": str(tmp_path / "h.go"),
                                                               "text": HANDLER.decode()}],
           "service": {"handler": handler}}
    p = tmp_path / "x.leakviz-go"
    p.write_text(json.dumps(doc))
    with pytest.raises(savefile.SaveFileError, match="the handler must be a Go identifier"):
        savefile.load_program(p)
