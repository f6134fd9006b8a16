"""Go source (package main) -> one Python module of ``async def`` functions.

Each Go function becomes a coroutine function, so a goroutine is a coroutine
the core runtime steps and every blocking operation is an ``await`` of a core
primitive. Go's block scopes, per-iteration loop variables (Go 1.22),
``defer``/``recover``, labelled ``break``/``continue`` and struct value
semantics are translated here; what the translation cannot honour is refused
with its position before anything runs (``GoSourceError``).

The module carries two tables for the traceback: ``FUNCS`` maps each Python
function name to its Go name as the compiler spells it (``main.F``,
``main.(*T).M``, ``main.F.func1``, ``main.F.func1.2``), and ``LINES`` maps
each generated Python line to the Go file, line and statement it came from.

(About 4,300 lines: one method per Go construct, all reading the same scopes and static types. The
standard library's signatures are not here: golang/stdlib declares them with their implementations.)
"""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import tree_sitter
import tree_sitter_go

from . import stdlib
from .errors import GoSourceError
from .gotypes import ANY, BOOL, DUR, ERR, F32, FLOAT, INT, SIZED, STR, SizedInt, is_f32  # noqa: F401  (importable from here)
from .gotypes import WIDTH as _WIDTH
from .values import F32 as F32value
from .values import go_attr, py_name, unmangle

_LANG = tree_sitter.Language(tree_sitter_go.language())

# packages the interpreter provides: import path -> name; their members: STD (name -> (is the call awaited, static
# result type)), STD_VALUES and STD_TYPES (name -> static type); all declared with their implementations in golang/stdlib
PACKAGES: dict[str, str] = dict(stdlib.PACKAGES)
STD, STD_VALUES, STD_TYPES = stdlib.tables()
STD_FLOAT_PARAMS = stdlib.registry.float_params()  # name -> the positions of its float64 parameters

# what the packages modelled in Go of our own (gomod.MODELLED) leave out on purpose, and why
NOT_MODELLED = {"iter.Pull": "Go runs the iterator as a coroutine; leakviz has none",
                "iter.Pull2": "Go runs the iterator as a coroutine; leakviz has none"}

# packages a service imports only for their side effects (import _ "net/http/pprof"): accepted, nothing to run
BLANK_OK = {"net/http/pprof", "expvar"}

BASIC_INTS = {"int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
              "uintptr", "byte", "rune"}


# the zero values of the library's types (where not nil) and what their methods give, where it matters
EXT_ZERO = dict(stdlib.ZEROS)
EXT_RESULTS = {k: t for k, t in stdlib.METHOD_RESULTS.items() if k[0] != "time.Duration"}
DUR_RESULTS = {m: t for (typ, m), t in stdlib.METHOD_RESULTS.items() if typ == "time.Duration"}

def int_kind(t: Any) -> str | None:
    """The sized integer type ``t`` is (after named types were followed), or None."""
    return getattr(t, "kind", None)


def wrapped(src: str, kind: str | None) -> str:
    """Python source for ``src`` reduced to integer type ``kind``'s width, as Go's arithmetic wraps. Plain
    int is left to the callers: ``checked`` for its sums and differences, int64's mask for products."""
    if kind is None or kind == "int":
        return src
    bits, signed = _WIDTH[kind]
    mask = (1 << bits) - 1
    if signed:
        half = 1 << (bits - 1)
        return f"((({src}) + {half:#x} & {mask:#x}) - {half:#x})"
    return f"(({src}) & {mask:#x})"


def checked(src: str, kind: str | None, side: str = "") -> str:
    """A sum or difference of 64-bit integers (``kind`` None is plain int): every loop counter pays for it,
    so the range is only compared (``side`` "hi" or "lo" where the other bound cannot be crossed, as for
    ``i++``) and the value wrapped only when it is out. ``_w`` is a scratch local, read right after it is set."""
    bits, signed = _WIDTH[kind or "int"]
    lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
    cond = {"hi": f"(_w := {src}) <= {hi:#x}", "lo": f"{lo:#x} <= (_w := {src})"}.get(
        side, f"{lo:#x} <= (_w := {src}) <= {hi:#x}")
    return f"(_w if {cond} else _h.w64(_w))" if kind in (None, "int", "int64") else \
        f"(_w if {cond} else {wrapped('_w', kind)})"


def _nonneg_literal(src: str) -> bool:
    return src.isdigit() or (src.startswith("0x") and src[2:].isalnum())
BASIC = BASIC_INTS | {"float32", "float64", "string", "bool", "error", "any", "complex128"}
BUILTINS = {"len", "cap", "append", "make", "new", "delete", "close", "panic", "recover", "print", "println",
            "copy", "min", "max", "clear"}

STATEMENTS = {
    "expression_statement", "short_var_declaration", "assignment_statement", "inc_statement", "dec_statement",
    "return_statement", "if_statement", "for_statement", "expression_switch_statement", "type_switch_statement",
    "select_statement", "go_statement", "defer_statement", "send_statement", "labeled_statement",
    "break_statement", "continue_statement", "empty_statement", "block", "var_declaration", "const_declaration",
    "type_declaration", "goto_statement",
}

_FUNC_NODES = ("function_declaration", "method_declaration", "func_literal")
WIDE = ("int", "int64", "uint", "uint64", "uintptr")  # sized kinds whose + and - are ``checked``, not masked

# what may be an integer constant where a float goes (compile.const_float)
_INT_CONST_NODES = ("int_literal", "rune_literal", "identifier", "parenthesized_expression", "binary_expression",
                    "unary_expression", "iota", "call_expression", "selector_expression")
_FLOAT_OPS = ("+", "-", "*", "/", "==", "!=", "<", ">", "<=", ">=")
_CONST_NODES = ("float_literal", "int_literal", "identifier", "parenthesized_expression", "binary_expression",
                "unary_expression")


@dataclass
class Var:
    """A name in scope: a Go local, global, function, type, constant or imported package, and its Python name.

    ``boxed`` locals live in a ``_Box`` (their address is taken, or a closure
    captures them in a loop); ``value`` is a constant's Python literal."""

    name: str
    py: str
    kind: str  # local, global, func, type, const, pkg
    type: Any = None
    fn: Any = None  # the FuncCtx that declared a local
    loop: int = 0  # loop depth at declaration
    boxed: bool = False
    value: Any = None  # a constant's Python literal
    key: str = ""  # a type's key in Compiler.named (its name, qualified by its import path outside main)
    exact: Any = None  # a float constant's exact value (Fraction): Go's constant arithmetic does not round


@dataclass
class Pkg:
    """One package of the program: its import path, name, files, package-level scope and imports."""

    path: str
    name: str
    idx: int
    files: list = field(default_factory=list)  # file indices
    scope: dict = field(default_factory=dict)
    imports: dict = field(default_factory=dict)  # alias -> a std package's short name, or a Pkg of the module
    main: bool = False

    @property
    def goprefix(self) -> str:
        """How Go's tracebacks qualify this package's names: ``main.`` or the full import path."""
        return "main." if self.name == "main" else self.path + "."

    @property
    def gp(self) -> str:
        """What tells this package's Python names from another's (nothing for main)."""
        return "" if self.main else f"p{self.idx}"


@dataclass
class FuncCtx:
    """The function being compiled: its Go and Python names, enclosing function, results and what its body needs.

    ``boxed``/``captured`` are the Go names whose address is taken / used in
    func literals; ``jumps`` the breakable constructs, innermost last."""

    goname: str
    py: str
    parent: FuncCtx | None
    top: Any  # the FuncCtx of the outermost function (for unique names)
    results: list = field(default_factory=list)
    named: list = field(default_factory=list)  # pynames of named results
    has_defer: bool = False
    nlit: int = 0
    loop: int = 0
    free: set = field(default_factory=set)  # Vars of enclosing functions used here
    assigned_outer: set = field(default_factory=set)
    globals_assigned: set = field(default_factory=set)
    counter: dict = field(default_factory=dict)
    boxed: set = field(default_factory=set)  # Go names whose address is taken somewhere in the function
    captured: set = field(default_factory=set)  # Go names used inside the function's func literals
    jumps: list = field(default_factory=list)  # breakable constructs, innermost last
    ntmp: int = 0
    nrange: int = 0  # range-over-func bodies made so far (Go names them F-range1, F-range2...)
    rf: Any = None  # a range-over-func loop body: the RangeBody it belongs to


@dataclass
class RangeBody:
    """What a range-over-func loop body (a nested ``async def`` the iterator calls as yield) needs to leave its
    loop: ``state`` is 0 while the loop runs, 1 once the body returned false, 2 after the loop, 3 once a panic
    left the body; ``exit`` says why the body returned false (None: break; ("r", values): return;
    ("j", cid, kind): a jump further out)."""

    loop: Any  # the Construct of the range loop, in the enclosing function's jumps
    state: str
    exit: str
    exits: set = field(default_factory=set)  # the ("j", cid, kind) exits and ("r",) the body takes


@dataclass
class Construct:
    """A loop, switch or select that ``break``/``continue`` (optionally labelled) can target."""

    kind: str  # loop, switch, select, goto (a block holding labels that goto targets)
    label: str | None
    cid: int
    needs_check: bool = False
    targets: dict = field(default_factory=dict)  # a goto block's labels -> the segment each starts


class Program:
    """Compiled Go: Python source, its code object and the traceback tables."""

    def __init__(self, source: str, funcs: dict, lines: dict, files: list[str], nodes: list,
                 decls: dict, trees: list, consts: tuple = ()) -> None:
        self.source = source
        self.consts = consts  # _K: the program's strings, floats and names, as data
        self.code = compile(source, "<go>", "exec")
        self.funcs = funcs  # py name -> (goname, file index, decl line, has params)
        self.lines = lines  # py line -> (file index, go line, node index)
        self.files = files
        self.nodes = nodes
        self.decls = decls  # go function name -> py name (for --entry)
        self._trees = trees  # keep the syntax trees alive for the nodes


def method_py(tname: str, mname: str) -> str:
    """The Python function of Go method ``tname.mname`` (the length keeps ``a_b.c`` and ``a.b_c`` apart)."""
    tp = py_name("", tname)
    return f"M{len(tp)}{tp}_{go_attr(mname)}"


MAX_SOURCE_BYTES = 4 << 20  # one .go file; the largest of our test programs is under 10 KB
MAX_PACKAGE_BYTES = 16 << 20  # every file of a program together


def load_files(paths: list[str]) -> list[tuple[str, bytes]]:
    """FILE_OR_DIR... -> [(path, source)], a directory giving its .go files (not tests).

    Reads regular files only, each at most MAX_SOURCE_BYTES, all together at most
    MAX_PACKAGE_BYTES, and valid UTF-8 as Go requires; anything else (a FIFO, a
    device, a symlink loop, a binary file) is a GoSourceError in one line."""
    from ..core.atomic import ReadError, read_regular, show_path
    out: list[tuple[str, bytes]] = []
    total = 0
    for p in paths:
        path = Path(p)
        try:
            is_dir = path.is_dir()
            if is_dir:
                files = sorted(f for f in path.glob("*.go") if not f.name.endswith("_test.go"))
                if not files:
                    raise GoSourceError(str(path), 1, 1, "no .go files in this directory")
            else:
                files = [path]
            for f in files:
                try:
                    src = read_regular(f, MAX_SOURCE_BYTES, "Go source file")
                except ReadError as e:
                    if not is_dir and not os.path.lexists(f):
                        raise GoSourceError(str(path), 1, 1, "no such file or directory") from None
                    name = show_path(str(f))
                    msg = str(e).removeprefix(f"{name}: ").removeprefix(f"{name} ")
                    raise GoSourceError(str(f), 1, 1, "it " + msg if msg.startswith("is ") else msg) from None
                total += len(src)
                if total > MAX_PACKAGE_BYTES:
                    raise GoSourceError(str(f), 1, 1, f"the program's files pass {MAX_PACKAGE_BYTES >> 20} MiB "
                                                      "of Go source, more than leakviz reads")
                _check_utf8(str(f), src)
                out.append((os.path.abspath(f), src))
        except (OSError, RuntimeError) as e:  # a folder that cannot be listed, a symlink loop
            raise GoSourceError(str(path), 1, 1, f"cannot read it: {getattr(e, 'strerror', None) or e}") from None
    return out


def _check_utf8(path: str, src: bytes) -> None:
    """Go source is UTF-8 without NUL bytes: refuse it at the first byte that is not, in Go's words."""
    try:
        text = src.decode("utf-8")
    except UnicodeDecodeError as e:
        line = src.count(b"\n", 0, e.start) + 1
        col = e.start - (src.rfind(b"\n", 0, e.start) + 1) + 1
        raise GoSourceError(path, line, col, "illegal UTF-8 encoding") from None
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise GoSourceError(path, line, nul - (text.rfind("\n", 0, nul) + 1) + 1, "invalid NUL character")


class Compiler:
    """Parses Go files with tree-sitter-go and translates them into one Python module (see the module docstring).

    Raises GoSourceError (file, line, column, message) for a syntax error at
    construction, and from ``compile`` for anything it cannot translate.
    Statements and expressions are visited by node type: ``stmt`` dispatches
    a tree-sitter-go statement of type ``T`` to ``s_T(node, depth)``, which
    emits Python lines at indentation ``depth``; ``expr`` dispatches an
    expression of type ``T`` to ``e_T(node)``, which returns Python source.
    Static types are tuples such as ``("basic", "string")``,
    ``("named", "T")``, ``("ptr", t)``, ``("slice", t)``; None means unknown."""

    def __init__(self, files: list[tuple[str, bytes]], module: tuple[str, str] | None = None,
                 tests: bool = False) -> None:
        self.module = module  # (module path, root folder) when the files are packages of a Go module
        self.tests = tests  # the first file's package is under test: any name, its _test.go files included
        self.parser = tree_sitter.Parser(_LANG)
        self.files = [f for f, _ in files]
        self.trees = []
        for path, src in files:
            tree = self.parser.parse(src)
            self.trees.append(tree)
            self._check_syntax(path, tree.root_node)
        self.out: list[str] = []
        self.lines: dict[int, tuple[int, int, int]] = {}
        self.funcs: dict[str, tuple[str, int, int, bool]] = {}
        self.nodes: list = []
        self.node_ids: dict[int, int] = {}
        self.cur = (0, 0, 0)
        self.fileidx = 0
        self.scopes: list[dict[str, Var]] = [{}]
        self.fn: FuncCtx | None = None
        self.named: dict[str, Any] = {}  # user type name -> underlying static type
        self.local_types: dict[str, tuple[str, str]] = {}  # key of a type declared in a function -> (name, %T's)
        self.nlocal_types = 0
        self.structs: dict[str, dict] = {}  # class name -> {fields: {name: type}, embedded: [..]}
        self.fmt_tail: list[str] = []  # each struct class's _fmtspecs, set once every method is defined
        self.methods: dict[str, dict[str, Any]] = {}  # type name -> method -> (ptr recv, results)
        self.imports: dict[str, str] = {}
        self.refused: dict[str, str] = {}  # alias -> import path of the imports refused
        self.nanon = 0
        self.ncid = 0
        self.bounded_update = None  # the ``i++`` of the loop being translated, when it cannot overflow
        self.iota: int | None = None
        self.decls: dict[str, str] = {}
        self.class_defs: list[str] = []
        self.glob_closures = 0
        self.nclosures = 0
        self.declared: dict = {}  # package-level name (or ("method", T, M)) -> where it was declared
        self.generics: dict[str, dict] = {}  # generic function (Python name) -> type parameters, parameter types
        self.pkg_by_path: dict[str, Pkg] = {}
        self.iface_sigs: dict[tuple, dict[str, Any]] = {}  # interface type -> method -> its func type
        self.pkg_decls: dict[tuple[str, str], str] = {}  # (import path, function) -> Python name, every package
        self.pkg_vars: dict[tuple[str, str], str] = {}  # (import path, package-level var) -> Python name
        self.file_pkg: dict[int, Pkg] = {}
        self.pkg: Pkg = Pkg("main", "main", 0, main=True)
        self.generic_types: dict[str, list[str]] = {}  # generic type -> its type parameters
        self.consts: list = []  # the module's _K: every string and float the program holds, as data
        self.dials: dict[str, tuple[str, int, str]] = {}  # dial key -> (file, line, variable)
        self.errors: list[GoSourceError] = []  # refusals so far: compile() lists them all at the end
        self.muted: list[tuple] = []  # (file, from, to): the stretches whose refusals are not listed
        self.const_ids: dict = {}

    # -- errors --

    def all_errors(self, also: GoSourceError | None = None) -> GoSourceError:
        """The refusals noted so far (and ``also``), in source order, as one GoSourceError listing them."""
        order = {f: i for i, f in enumerate(self.files)}
        errs = sorted({(e.path, e.line, e.col, e.msg): e for e in [*self.errors, *([also] if also else [])]
                       if not self._of_refused(e.msg) and not self._muted(e)}.values(),
                      key=lambda e: (order.get(e.path, len(order)), e.line, e.col))
        first = errs[0]
        first.more = errs[1:]
        return first

    def _muted(self, e: GoSourceError) -> bool:
        """Whether ``e`` follows a refused local type in that type's block (see _declare_after_error)."""
        return any(e.path == path and (a[0] + 1, a[1] + 1) <= (e.line, e.col) <= (b[0] + 1, b[1] + 1)
                   for path, a, b in self.muted)

    def _of_refused(self, msg: str) -> bool:
        """Whether ``msg`` is about a use of a package whose import was refused (said once, at the import)."""
        for alias, path in self.refused.items():
            if msg == f"undefined: {alias}" or msg.startswith((f"undefined: {alias}.", f"unsupported: {path}.",
                                                               f"unsupported: {alias}.")):
                return True
        return False

    def err(self, node, msg: str) -> GoSourceError:
        """A GoSourceError at ``node``'s position (1-based line and column) in the current file, to raise."""
        r, c = node.start_point
        return GoSourceError(self.files[self.fileidx], r + 1, c + 1, msg)

    def pos(self, node) -> str:
        """``file:line:col`` of ``node`` in the current file."""
        r, c = node.start_point
        return f"{self.files[self.fileidx]}:{r + 1}:{c + 1}"

    def unique(self, name: str, node) -> None:
        """Declare package-level ``name`` at ``node``; Go's error if the package already declares it."""
        if name == "_":
            return
        other = self.declared.get((self.pkg.idx, name))
        if other is not None:
            raise self.err(node, f"{name} redeclared in this block (other declaration of {name} at {other})")
        self.declared[(self.pkg.idx, name)] = self.pos(node)

    def _check_syntax(self, path: str, root) -> None:
        stack = [root]
        while stack:
            n = stack.pop()
            if n.type == "ERROR" or n.is_missing:
                r, c = n.start_point
                raise GoSourceError(path, r + 1, c + 1, "syntax error" + (
                    f": unexpected {n.text.decode()[:20]!r}" if n.type == "ERROR" and n.text else ""))
            if n.has_error:
                stack.extend(n.children)

    # -- emission --

    def dial_key(self, e, name: str) -> str:
        """The dial of the program's ``make(chan T, n)`` at ``e``: ``capacity:<variable>:<line>``, its value
        looked up as the channel is made, so a dial changes a run without recompiling ("" inside the packages
        leakviz models: their channels are not the program's to tune)."""
        path = self.files[self.cur[0]] if 0 <= self.cur[0] < len(self.files) else ""
        if path.startswith("/leakviz-modelled/"):
            return ""
        line = e.start_point[0] + 1
        key = f"capacity:{name or 'chan'}:{line}"
        self.dials.setdefault(key, (path, line, name or "chan"))
        return key

    def k(self, value: Any) -> str:
        """``_K[i]``: the program's constant ``value`` (a string, float, name or type spec) as data, never as source."""
        key = (type(value), value)
        i = self.const_ids.get(key)
        if i is None:
            i = self.const_ids[key] = len(self.consts)
            self.consts.append(value)
        return f"_K[{i}]"

    def lit(self, v: Any) -> str:
        """Python source for a Go constant: ints and bools as literals, everything else from the constant table."""
        if type(v) is bool:
            return "True" if v else "False"
        if type(v) is int:
            if v.bit_length() > MAX_CONST_BITS:
                raise GoSourceError(self.files[self.fileidx], self.cur[1] or 1, 1, "constant overflow")
            return repr(v)
        return self.k(v)

    def emit(self, depth: int, text: str) -> None:
        """Append one Python line at indentation ``depth``, mapped to the current Go statement for tracebacks."""
        self.out.append("    " * depth + text)
        self.lines[len(self.out)] = self.cur

    def set_stmt(self, node) -> None:
        """Make ``node`` the Go statement that the lines emitted next come from."""
        nid = self.node_ids.get(node.id)
        if nid is None:
            nid = len(self.nodes)
            self.nodes.append(node)
            self.node_ids[node.id] = nid
        self.cur = (self.fileidx, node.start_point[0] + 1, nid)

    def tmp(self) -> str:
        """A fresh temporary Python name in the current function."""
        self.fn.ntmp += 1
        return f"_t{self.fn.ntmp}"

    # -- scopes --

    def lookup(self, name: str) -> Var | None:
        """The innermost Var named ``name`` in scope, or None."""
        for s in reversed(self.scopes):
            v = s.get(name)
            if v is not None:
                return v
        return None

    def declare(self, name: str, typ: Any, node=None) -> Var:
        """Declare a Go local in the innermost scope, with a Python name unique in its outermost function.

        Decides whether it lives in a box (address taken, or captured by a closure
        inside a loop: Go 1.22's per-iteration variables). ``_`` declares nothing."""
        if name == "_":
            return Var("_", "_", "local", typ, self.fn)
        top = self.fn.top
        k = top.counter.get(name, 0)
        top.counter[name] = k + 1
        py = py_name("v", name, k)
        # A variable declared in a loop and captured by a closure lives in a box: each iteration's
        # declaration makes a new one, and the closures made in that iteration share it (Go 1.22).
        boxed = (name in self.fn.boxed and not self.is_struct_value(typ)) or (
            self.fn.loop > 0 and name in self.fn.captured)
        v = Var(name, py, "local", typ, self.fn, self.fn.loop, boxed=boxed)
        self.scopes[-1][name] = v
        return v

    def ref(self, v: Var) -> str:
        """The Python expression reading variable ``v`` (boxes read through)."""
        if v.kind == "local" and v.fn is not self.fn:
            f = self.fn
            while f is not None and f is not v.fn:
                f.free.add(v.py)
                f = f.parent
        return v.py + ".v" if v.boxed else v.py

    def mark_assign(self, v: Var) -> None:
        """Note an assignment to ``v`` from this function, so the Python function declares it nonlocal or global."""
        if v.kind == "local" and v.fn is not self.fn and not v.boxed:
            self.fn.assigned_outer.add(v.py)
            self.ref(v)
        elif v.kind == "global" and not v.boxed:
            self.fn.globals_assigned.add(v.py)

    # -- types --

    def resolve_type(self, node) -> Any:
        """The static type of a type expression node; raises GoSourceError for unsupported types (complex, generics...)."""
        t = node.type
        if t == "type_identifier":
            name = node.text.decode()
            if name in BASIC:
                if name in ("error",):
                    return ERR
                if name == "any":
                    return ANY
                if name in BASIC_INTS:
                    return SIZED[name]
                if name in ("float32", "float64"):
                    return F32 if name == "float32" else FLOAT
                if name == "complex128":
                    raise self.err(node, "unsupported type complex128")
                return ("basic", name)
            v = self.lookup(name)
            if v is not None and v.kind == "tparam":
                return v.type
            if v is not None and v.kind == "type":
                return self.type_var(v, name)
            raise self.err(node, f"undefined: {name}")
        if t == "qualified_type":
            m = self.member(node)
            if m is not None:
                if m.kind != "type":
                    raise self.err(node, f"{node.text.decode()} is not a type")
                return ("named", m.key)
            pkg = node.child_by_field_name("package").text.decode()
            name = node.child_by_field_name("name").text.decode()
            key = f"{self.imports.get(pkg, pkg)}.{name}"
            if key not in STD_TYPES:
                raise self.err(node, f"unsupported: {pkg}.{name}")
            return STD_TYPES[key]
        if t == "pointer_type":
            return ("ptr", self.resolve_type(node.named_children[0]))
        if t == "slice_type":
            return ("slice", self.resolve_type(node.child_by_field_name("element")))
        if t == "array_type":
            ln = node.child_by_field_name("length")
            n = self.const_int(ln)
            return ("array", n, self.resolve_type(node.child_by_field_name("element")))
        if t == "implicit_length_array_type":
            return ("slice", self.resolve_type(node.child_by_field_name("element")))
        if t == "map_type":
            return ("map", self.resolve_type(node.child_by_field_name("key")),
                    self.resolve_type(node.child_by_field_name("value")))
        if t == "channel_type":
            return ("chan", self.resolve_type(node.child_by_field_name("value")))
        if t == "function_type":
            return ("func", self.result_types(node.child_by_field_name("result")), _sig(node),
                    self.param_types_or_none(node))
        if t == "interface_type":
            methods: list = [c.child_by_field_name("name").text.decode() for c in node.named_children
                             if c.type == "method_elem"]
            if any(c.type not in ("method_elem", "comment") for c in node.named_children):
                methods.append(None)  # embeds other interfaces: its method set is not all listed
            it = ("iface", tuple(methods))
            sigs = self.iface_sigs.setdefault(it, {})
            for c in node.named_children:
                if c.type == "method_elem":
                    # what calling the method gives: w.Header().Set(...) dispatches on Header's methods
                    sigs.setdefault(c.child_by_field_name("name").text.decode(),
                                    ("func", self.result_types(c.child_by_field_name("result")), _sig(c),
                                     self.param_types_or_none(c)))
            return it
        if t == "struct_type":
            cls = f"S_anon{self.nanon}"
            self.nanon += 1
            self.define_struct(cls, "struct {...}", node)
            return ("struct", cls)
        if t == "parenthesized_type":
            return self.resolve_type(node.named_children[0])
        if t == "unary_expression" and node.child_by_field_name("operator").type == "*":
            return ("ptr", self.resolve_type(_type_node(node.child_by_field_name("operand"))))  # G[*T]
        if t in ("selector_expression", "index_expression", "parenthesized_expression"):
            raise self.err(node, f"unsupported type argument {node.text.decode()[:40]}")
        if t == "generic_type":
            base = node.child_by_field_name("type")
            bt = self.resolve_type(base)
            name = bt[1] if bt is not None and bt[0] == "named" else base.text.decode()
            if name not in self.generic_types:
                raise self.err(base, f"{name} is not a generic type")
            targs = tuple(self.resolve_type(_type_node(te)) for te in
                          node.child_by_field_name("type_arguments").named_children)
            if len(targs) != len(self.generic_types[name]):
                raise self.err(node, f"wrong number of type arguments for {name}: have {len(targs)}, "
                                     f"want {len(self.generic_types[name])}")
            return ("named", name, targs)
        raise self.err(node, f"unsupported type syntax ({t})")

    def type_var(self, v: Var, name: str) -> Any:
        """The static type a type name ``v`` stands for: a named type, or what a local alias names."""
        return v.type if v.type is not None else ("named", v.key or name)

    # -- generics: type parameters are erased; each carries a zero-value factory at run time --

    def tparam_scope(self, plist, descs) -> list[str]:
        """Open a scope declaring the type parameters of ``plist`` (a type_parameter_list), the i-th with the
        run-time zero factory ``descs(i)`` (a Python expression); returns their names in order."""
        names = []
        for decl in plist.named_children if plist is not None else []:
            if decl.type != "type_parameter_declaration":
                continue
            names.extend(c.text.decode() for c in decl.children_by_field_name("name"))
        self.scopes.append({})
        for i, name in enumerate(names):
            self.scopes[-1][name] = Var(name, "", "tparam", ("tparam", name, descs(i)))
        return names

    def desc(self, t: Any) -> str:
        """Python source of the zero-value factory a type argument ``t`` passes at run time."""
        if t is None:
            return "_h.nozero"
        if t[0] == "tparam":
            return t[2]
        kind = int_kind(self.under(t))
        if kind is not None and kind != "int":  # the body's arithmetic on T wraps at this width
            bits, signed = _WIDTH[kind]
            return f"_h.sized({bits}, {signed})"
        return f"(lambda: {self.zero(t)})"

    def subst(self, t: Any, binds: dict) -> Any:
        """``t`` with type parameters replaced by ``binds`` (name -> type; unknown ones by None)."""
        if t is None or not isinstance(t, tuple):
            return t
        if t[0] == "tparam":
            return binds.get(t[1])
        if t[0] in ("slice", "chan", "ptr"):
            return (t[0], self.subst(t[1], binds))
        if t[0] == "map":
            return ("map", self.subst(t[1], binds), self.subst(t[2], binds))
        if t[0] == "array":
            return ("array", t[1], self.subst(t[2], binds))
        if t[0] == "named" and len(t) > 2:
            return ("named", t[1], tuple(self.subst(a, binds) for a in t[2]))
        if t[0] == "func" and len(t) > 3 and t[3] is not None:
            return ("func", [self.subst(r, binds) for r in t[1]], t[2], [self.subst(p, binds) for p in t[3]])
        if t[0] == "func" and len(t) > 1:
            return ("func", [self.subst(r, binds) for r in t[1]]) + tuple(t[2:])
        if t[0] == "tuple":
            return ("tuple", [self.subst(r, binds) for r in t[1]])
        return t

    def unify(self, p: Any, a: Any, binds: dict) -> None:
        """Infer type arguments: bind the type parameters in parameter type ``p`` from argument type ``a``."""
        if p is None or a is None or not isinstance(p, tuple) or not isinstance(a, tuple):
            return
        if p[0] == "tparam":
            binds.setdefault(p[1], a)
            return
        if p[0] != a[0]:
            u = self.under(a)
            if u is not None and u is not a and u[0] == p[0]:
                self.unify(p, u, binds)
            return
        if p[0] in ("slice", "chan", "ptr"):
            self.unify(p[1], a[1], binds)
        elif p[0] == "map":
            self.unify(p[1], a[1], binds)
            self.unify(p[2], a[2], binds)
        elif p[0] == "array":
            self.unify(p[2], a[2], binds)
        elif p[0] == "named" and len(p) > 2 and len(a) > 2 and p[1] == a[1]:
            for x, y in zip(p[2], a[2], strict=False):
                self.unify(x, y, binds)
        elif p[0] == "func" and len(p) > 1 and len(a) > 1:
            for x, y in zip(p[1], a[1], strict=False):
                self.unify(x, y, binds)

    def type_args(self, name: str, explicit: list, args: list) -> dict:
        """The type arguments of a call of generic function ``name``: explicit ones first, the rest inferred."""
        g = self.generics[name]
        if len(explicit) > len(g["tparams"]):
            raise self.err(explicit[0].parent, f"got {len(explicit)} type arguments but {g['name']} has "
                                               f"{len(g['tparams'])} type parameters")
        binds = {}
        for tp, node in zip(g["tparams"], explicit, strict=False):
            binds[tp] = self.resolve_type(_type_node(node))
        ptypes = g["params"]
        for i, a in enumerate(args):
            if a.type == "variadic_argument":
                if ptypes:
                    self.unify(ptypes[-1], self.type_of(a.named_children[0]), binds)
                continue
            if i < len(ptypes):
                pt = ptypes[i]
                if g["variadic"] and i >= len(ptypes) - 1:
                    pt = ptypes[-1][1]
                self.unify(pt, self.type_of(a), binds)
            elif g["variadic"] and ptypes:
                self.unify(ptypes[-1][1], self.type_of(a), binds)
        return binds

    def generic_callee(self, fnode, call=None) -> tuple[str, list] | None:
        """(generic function name, explicit type-argument nodes) when ``fnode`` (a call's function, or a
        ``G[T](x)`` read as a conversion) names a generic function of the package, else None."""
        targs: list = []
        if call is not None and call.child_by_field_name("type_arguments") is not None:
            targs = list(call.child_by_field_name("type_arguments").named_children)
        if fnode.type == "index_expression":
            targs = [fnode.child_by_field_name("index")]
            fnode = fnode.child_by_field_name("operand")
        elif fnode.type in ("generic_type", "type_instantiation_expression"):
            kids = fnode.named_children
            if fnode.type == "generic_type":
                targs = list(fnode.child_by_field_name("type_arguments").named_children)
            else:
                targs = kids[1:]
            fnode = kids[0]
        if fnode.type in ("selector_expression", "qualified_type"):
            v = self.member(fnode)
        elif fnode.type in ("identifier", "type_identifier"):
            v = self.lookup(fnode.text.decode())
        else:
            return None
        if v is None or v.kind != "func" or v.py not in self.generics:
            return None
        return v.py, targs, v

    def generic_descs(self, name: str, explicit: list, args: list) -> list[str]:
        """The zero factories passed ahead of the arguments of a call of generic function ``name``."""
        binds = self.type_args(name, explicit, args)
        return [self.desc(binds.get(tp)) for tp in self.generics[name]["tparams"]]

    def generic_args(self, name: str, explicit: list, args: list) -> list[str]:
        """The zero factories and the arguments of a call of generic function ``name``: an argument whose
        parameter is a float once the type arguments are known is one (``Twice[float64](3)`` hands it 3.0)."""
        g = self.generics[name]
        binds, ptypes = self.type_args(name, explicit, args), g["params"]
        floats: list[bool | str] = []
        for i in range(len(args)):
            pt = ptypes[i] if i < len(ptypes) else None
            if g["variadic"] and ptypes and i >= len(ptypes) - 1:
                pt = ptypes[-1][1] if ptypes[-1] is not None and ptypes[-1][0] == "slice" else None
            u = self.under(self.subst(pt, binds))
            floats.append(("float32" if is_f32(u) else "float64") if u == FLOAT else False)
        return self.generic_descs(name, explicit, args) + self.call_args(args, None, floats)

    def result_types(self, node) -> list:
        """The static types of a function's results (one per name in a named result list)."""
        if node is None:
            return []
        if node.type == "parameter_list":
            out = []
            for p in node.named_children:
                names = p.children_by_field_name("name")
                typ = self.resolve_type(p.child_by_field_name("type"))
                out.extend([typ] * max(1, len(names)))
            return out
        return [self.resolve_type(node)]

    def under(self, t: Any) -> Any:
        """The underlying type of ``t``, following named types (None if unknown)."""
        seen = 0
        while t is not None and t[0] == "named" and seen < 20:
            t = self.named.get(t[1])
            seen += 1
        return t

    def struct_of(self, t: Any) -> str | None:
        """The class of a struct type or a pointer to one."""
        u = self.under(t)
        if u is not None and u[0] == "ptr":
            u = self.under(u[1])
        if u is not None and u[0] == "struct":
            return u[1]
        return None

    def is_struct_value(self, t: Any) -> bool:
        """Whether values of ``t`` are copied on assignment: structs, arrays, and library types like sync.Mutex."""
        u = self.under(t)
        return u is not None and (u[0] in ("struct", "array") or (u[0] == "ext" and u[1] in EXT_ZERO))

    def zero(self, t: Any) -> str:
        """Python source for the zero value of ``t`` ("None" when unknown or nil-able)."""
        if t is not None and t[0] == "tparam":
            return f"{t[2]}()"
        if t is not None and t[0] == "named" and len(t) > 2 and self.struct_of(t) is not None:
            return f"{self.struct_of(t)}(_targs=({''.join(self.desc(a) + ', ' for a in t[2])}))"
        u = self.under(t)
        if u is None:
            return "None"
        k = u[0]
        if k == "basic":
            if is_f32(u):
                return "_h.f32(0.0)"
            return {"string": "''", "bool": "False", "float64": "0.0"}.get(u[1], "0")
        if k == "struct":
            return f"{u[1]}()"
        if k == "array":
            return f"[{self.zero(u[2])} for _ in range({u[1]})]"
        if k == "ext":
            return EXT_ZERO.get(u[1], "None")
        return "None"

    def elem_size(self, t: Any, depth: int = 0) -> int:
        """Bytes one value of ``t`` takes on amd64 (append's growth rounds to the allocator's size classes
        by it); 8 when unknown."""
        u = self.under(t)
        if u is None or depth > 8:
            return 8
        k = u[0]
        if k == "basic":
            kind = int_kind(u)
            if kind is not None:
                return _WIDTH[kind][0] // 8
            return {"string": 16, "bool": 1, "float32": 4, "error": 16, "any": 16, "complex128": 16}.get(u[1], 8)
        if k == "iface":
            return 16
        if k == "slice":
            return 24
        if k == "array":
            return u[1] * self.elem_size(u[2], depth + 1) if type(u[1]) is int else 8
        if k == "struct":
            size = align = 0
            for ft in self.structs.get(u[1], {}).get("fields", {}).values():
                fs = self.elem_size(ft, depth + 1)
                a = min(8, fs) if fs in (1, 2, 4) else 8
                size = -(-size // a) * a + fs
                align = max(align, a)
            return -(-size // align) * align if align else 0
        return 8

    def jdesc(self, t: Any, depth: int = 0) -> tuple:
        """A type as encoding/json decodes into it (golang/gojson.py's descriptors), as data."""
        if depth > 8:
            return ("other",)
        u = self.under(t)
        if u is None or t is None:
            return ("any",)
        if u == DUR:
            return ("dur",)
        if u == INT:
            return ("int",)
        if is_f32(u):  # rounded to float32 as it is decoded; its Go name for the errors
            return ("float32", self.go_type_name(t) or "float32")
        if u == FLOAT:
            return ("float",)
        if u == STR:
            return ("string",)
        if u == BOOL:
            return ("bool",)
        k = u[0]
        if k == "struct":
            return ("struct", u[1], self.structs.get(u[1], {}).get("goname", "struct").rsplit(".", 1)[-1])
        if k == "slice":
            if int_kind(self.under(u[1])) == "uint8":
                return ("bytes",)  # base64 in JSON, as Go writes a []byte
            return ("slice", self.jdesc(u[1], depth + 1))
        if k == "array":
            return ("slice", self.jdesc(u[2], depth + 1))
        if k == "map":
            return ("map", self.jdesc(u[1], depth + 1), self.jdesc(u[2], depth + 1))
        if k == "ptr":
            return ("ptr", self.jdesc(u[1], depth + 1))
        if k == "ext" and u[1] == "time.Time":
            return ("time",)
        if k == "iface":
            return ("any",)
        return ("other",)

    def define_struct(self, cls: str, goname: str, node, tparams: list | None = None, tname: str = "") -> None:
        """Record struct type ``goname`` (Python class ``cls``): its fields in order, their types, the embedded ones."""
        fields: dict[str, Any] = {}
        embedded: list[str] = []
        order: list[str] = []
        tags: list[str] = []  # each field's tag (json:"name,omitempty"), as data for encoding/json
        fl = node.named_children[0] if node.named_children else None
        for fd in (fl.named_children if fl is not None else []):
            if fd.type != "field_declaration":
                continue
            names = fd.children_by_field_name("name")
            tnode = fd.child_by_field_name("type")
            typ = self.resolve_type(tnode)
            tag_node = fd.child_by_field_name("tag")
            tag = self.string_lit(tag_node) if tag_node is not None else ""
            tags.extend([tag] * max(1, len(names)))
            if not names:
                base = tnode.named_children[0] if tnode.type == "pointer_type" else tnode
                if base.type == "qualified_type":
                    base = base.child_by_field_name("name")
                if base.type == "generic_type":
                    base = base.child_by_field_name("type")
                fname = go_attr(base.text.decode())
                embedded.append(fname)
                fields[fname] = typ
                order.append(fname)
            for n in names:
                fname = go_attr(n.text.decode())
                fields[fname] = typ
                order.append(fname)
        gonames = [go_name_of_attr(f) for f in order]
        self.structs[cls] = {"fields": fields, "embedded": embedded, "order": order, "goname": goname,
                             "gonames": gonames, "tparams": tparams, "tname": tname, "tags": tags}

    def emit_struct_classes(self) -> None:
        """Emit a ``_GoStruct`` subclass for every struct type, with zero-valued fields by default."""
        for cls, info in self.structs.items():
            order = info["order"]
            byval = [f for f in order if self.is_struct_value(info["fields"][f])]
            generic = info.get("tparams") is not None
            lines = [f"class {cls}(_GoStruct):",
                     f"    __slots__ = {tuple(order) + (('_targs',) if generic else ())!r}",
                     f"    _fields = {tuple(order)!r}",
                     f"    _embedded = {tuple(info['embedded'])!r}",
                     f"    _byvalue = frozenset({tuple(byval)!r})",
                     f"    _gofields = {self.k(tuple(info['gonames']))}",
                     f"    _tags = {self.k(tuple(info['tags']))}",
                     f"    _jtypes = {self.k(tuple(self.jdesc(info['fields'][f]) for f in order))}",
                     f"    _goname = {self.k(info['goname'])}",
                     f"    def __init__(self{''.join(', ' + f + '=_NO' for f in order)}"
                     f"{', _targs=()' if generic else ''}):"]
            if generic:  # the type arguments' zero factories, for the fields and methods that need them
                lines.append("        object.__setattr__(self, '_targs', _targs)")
            for f in order:
                lines.append(f"        object.__setattr__(self, {f!r}, {self.zero(info['fields'][f])} if {f} is _NO else {f})")
            if not order:
                lines.append("        pass")
            for ln in lines:
                self.out.append(ln)
            specs = [self.fmt_spec(info["fields"][f]) for f in order]
            if any(sp is not None for sp in specs):  # after the methods it names (finish: the tail)
                self.fmt_tail.append(f"{cls}._fmtspecs = ({''.join((sp or 'None') + ', ' for sp in specs)})")

    def fmt_spec(self, t, depth: int = 0) -> str | None:
        """Python source of how fmt must see a value of static type ``t`` (values.fmt_wrap): a duration, a
        named type with a String or Error method, or a slice, array or map holding them; None when fmt
        prints the plain value as it is (a struct's fields say their own)."""
        if t is None or depth > 8:
            return None
        u = self.under(t)
        if u == DUR:
            return "'D'"
        plain = self._plain_named(t)
        if plain is not None and t[0] != "ptr":
            ms = self.methods.get(plain, {})
            m = "Error" if "Error" in ms else "String" if "String" in ms else None
            if m is not None:
                return f"('S', {method_py(plain, m)}, {self.k(plain)})"
        if u is not None and u[0] in ("slice", "array"):  # a slice's spec also says nil is [] there
            inner = self.fmt_spec(u[1] if u[0] == "slice" else u[2], depth + 1)
            return None if inner is None and u[0] == "array" else f"('L', {inner})"
        if u is not None and u[0] == "map":
            return f"('M', {self.fmt_spec(u[1], depth + 1)}, {self.fmt_spec(u[2], depth + 1)})"
        return None

    def field_path(self, cls: str, name: str, depth: int = 0) -> tuple[list[str], Any] | None:
        """How to reach field ``name`` of struct class ``cls``: (field names through embedded structs, its type).

        None if there is no such field, or a method of that name shadows it."""
        info = self.structs.get(cls)
        if info is None or depth > 5:
            return None
        if name in info["fields"]:
            return [name], info["fields"][name]
        if name in {go_attr(m) for m in self.methods.get(info["tname"], {})}:
            return None
        for e in info["embedded"]:
            sub = self.struct_of(info["fields"][e])
            if sub is not None:
                r = self.field_path(sub, name, depth + 1)
                if r is not None:
                    return [e] + r[0], r[1]
        return None

    # -- constants --

    def const_int(self, node) -> int:
        """The constant integer ``node`` stands for; raises GoSourceError otherwise."""
        v = self.const_value(node)
        if not isinstance(v, int):
            raise self.err(node, "array length must be a constant integer")
        return v

    def const_value(self, node) -> Any:
        """The Python value of a constant expression (literals, iota, constants, constant arithmetic).

        Raises GoSourceError for what is not constant."""
        t = node.type
        if t == "int_literal":
            return _parse_int(node.text.decode())
        if t == "float_literal":
            return float(node.text.decode().replace("_", ""))
        if t in ("interpreted_string_literal", "raw_string_literal"):
            return self.string_lit(node)
        if t == "rune_literal":
            return _parse_rune(node.text.decode())
        if t == "iota":
            if self.iota is None:
                raise self.err(node, "cannot use iota outside constant declaration")
            return self.iota
        if t in ("true", "false"):
            return t == "true"
        if t == "identifier":
            v = self.lookup(node.text.decode())
            if v is not None and v.kind == "const":
                return v.value
            raise self.err(node, f"not a constant: {node.text.decode()}")
        if t == "parenthesized_expression":
            return self.const_value(node.named_children[0])
        if t == "selector_expression":
            m = self.member(node)
            if m is not None and m.kind == "const":  # pkg.Rate of a package of the module
                return m.value
            key = self.std_key(node)
            consts = {"time.Nanosecond": 1, "time.Microsecond": 1000, "time.Millisecond": 1_000_000,
                      "time.Second": 1_000_000_000, "time.Minute": 60_000_000_000, "time.Hour": 3_600_000_000_000}
            if key in consts:
                return consts[key]
        if t == "call_expression":
            fn = node.child_by_field_name("function")
            args = node.child_by_field_name("arguments").named_children
            if len(args) == 1:
                conv = fn.text.decode()
                v = self.const_value(args[0])
                if conv in self.named and self.under(self.named[conv]) == FLOAT:
                    return self.typed_const(v, self.named[conv], node)  # celsius(20) is the float 20.0
                if conv in BASIC_INTS or conv in ("time.Duration",) or (conv in self.named):
                    return int(v) if not isinstance(v, str) else v
                if conv in ("float64", "float32"):
                    return float(v)
                if conv == "string":
                    return v
        if t == "binary_expression":
            a = self.const_value(node.child_by_field_name("left"))
            b = self.const_value(node.child_by_field_name("right"))
            op = node.child_by_field_name("operator").type
            if op == "/" and isinstance(a, int) and isinstance(b, int):
                return int(a / b)
            if op == "%" and isinstance(a, int):
                return a - b * int(a / b)
            ops = {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b,
                   "<<": lambda: a << b, ">>": lambda: a >> b, "&": lambda: a & b, "|": lambda: a | b,
                   "^": lambda: a ^ b, "&^": lambda: a & ~b, "==": lambda: a == b, "!=": lambda: a != b,
                   "<": lambda: a < b, ">": lambda: a > b, "<=": lambda: a <= b, ">=": lambda: a >= b,
                   "&&": lambda: a and b, "||": lambda: a or b}
            if op in ("+", "-", "*", "/") and float in (type(a), type(b)) and bool not in (type(a), type(b)):
                exact = self.exact_of(node)  # Go's constant arithmetic is exact: 0.1 + 0.2 is 0.3
                if exact is not None:
                    return float(exact)
            if op in ("<<", ">>") and isinstance(b, int) and b > MAX_CONST_BITS:
                raise self.err(node, "constant shift overflow")
            if op in ops:
                v = ops[op]()
                if type(v) is int and v.bit_length() > MAX_CONST_BITS:
                    raise self.err(node, "constant overflow")
                if type(v) is str and len(v) > MAX_CONST_STRING:
                    raise self.err(node, "constant string too long")
                return v
        if t == "unary_expression":
            a = self.const_value(node.child_by_field_name("operand"))
            op = node.child_by_field_name("operator").type
            if op == "^" and type(a) is int:  # a typed unsigned constant complements within its width
                kind = int_kind(self.under(self.type_of(node.child_by_field_name("operand"))))
                if kind is not None and not _WIDTH.get(kind, (0, True))[1]:
                    return a ^ ((1 << _WIDTH[kind][0]) - 1)
            return {"-": lambda: -a, "+": lambda: a, "!": lambda: not a, "^": lambda: ~a}[op]()
        raise self.err(node, "not a constant expression")

    def typed_const(self, v: Any, typ: Any, node) -> Any:
        """The value of a constant declared with type ``typ`` (None: untyped) from the constant ``v``:
        ``const c float64 = 3`` is the float 3.0 (fmt prints 1e+08 for 100000000 of it, %T float64)."""
        u = self.under(typ)
        if u == FLOAT and type(v) is int:
            try:
                return _round_f32(v) if is_f32(u) else float(v)
            except OverflowError:
                raise self.err(node, f"cannot use {node.text.decode()} (untyped int constant) as "
                                     f"{'float32' if is_f32(u) else 'float64'} value (overflows)") from None
        return v

    def exact_of(self, node) -> Fraction | None:
        """The exact value of a float constant expression (literals, constants, + - * / and parentheses),
        or None when ``node`` is not one; an int constant's division stays an integer division."""
        got = self._exact(node)
        return got[0] if got is not None and got[1] else None

    def _exact(self, node) -> tuple[Fraction, bool] | None:
        """(value, whether it is a float constant) of a constant arithmetic expression, else None."""
        t = node.type
        try:
            if t == "float_literal":
                return Fraction(node.text.decode().replace("_", "")), True
            if t == "int_literal":
                return Fraction(_parse_int(node.text.decode())), False
        except ValueError:  # a hex float or an odd literal: not folded here
            return None
        if t == "parenthesized_expression":
            return self._exact(node.named_children[0])
        if t == "identifier":
            v = self.lookup(node.text.decode())
            if v is None or v.kind != "const" or type(v.value) not in (int, float):
                return None
            if v.exact is not None:
                return v.exact, True
            return (Fraction(v.value), False) if type(v.value) is int else (Fraction(repr(v.value)), True)
        if t == "unary_expression" and node.child_by_field_name("operator").type in ("-", "+"):
            x = self._exact(node.child_by_field_name("operand"))
            if x is None:
                return None
            return (-x[0] if node.child_by_field_name("operator").type == "-" else x[0]), x[1]
        if t == "binary_expression":
            op = node.child_by_field_name("operator").type
            a, b = self._exact(node.child_by_field_name("left")), self._exact(node.child_by_field_name("right"))
            if a is None or b is None or op not in ("+", "-", "*", "/"):
                return None
            isfloat = a[1] or b[1]
            if op == "/":
                if b[0] == 0:
                    return None
                q = a[0] / b[0]
                return (q if isfloat else Fraction(int(q))), isfloat  # 7 / 2 is 3 between int constants
            return {"+": a[0] + b[0], "-": a[0] - b[0], "*": a[0] * b[0]}[op], isfloat
        return None

    def string_lit(self, node) -> str:
        """The value of a Go string literal (raw or interpreted); raises GoSourceError for one it cannot read."""
        text = node.text.decode()
        if node.type == "raw_string_literal":
            return text[1:-1].replace("\r", "")
        try:
            value = ast.literal_eval(text)
        except (SyntaxError, ValueError):
            raise self.err(node, "unsupported string literal") from None
        if type(value) is not str:
            raise self.err(node, "unsupported string literal")
        if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            raise self.err(node, "escape is invalid Unicode code point")
        return value

    def std_key(self, node) -> str | None:
        """``pkg.Name`` for an imported package, else None."""
        if node.type != "selector_expression":
            return None
        op = node.child_by_field_name("operand")
        if op.type != "identifier":
            return None
        name = op.text.decode()
        if name not in self.imports or self.lookup(name) is not None and self.lookup(name).kind != "pkg":
            return None
        if isinstance(self.imports[name], Pkg):
            return None
        return f"{self.imports[name]}.{node.child_by_field_name('field').text.decode()}"

    # -- the program --

    def compile(self) -> Program:
        """Translate every file (package main only) into a Program: the Python module and its traceback tables.

        Raises GoSourceError for the first construct it cannot translate."""
        decls = []  # (fileidx, node), dependencies' packages first
        for pkg in self.packages():
            for fi in pkg.files:
                self.enter(fi)
                for n in self.trees[fi].root_node.named_children:
                    if n.type == "import_declaration":
                        self.do_imports(n)
                    elif n.type not in ("comment", "package_clause"):
                        decls.append((fi, n))
            for alias in pkg.imports:
                pkg.scope[alias] = Var(alias, alias, "pkg")
        # types first (they may refer to each other), then functions' signatures, globals
        for fi, n in decls:
            glob = self.enter(fi)
            if n.type == "type_declaration":
                for spec in n.named_children:
                    if spec.type == "type_alias":
                        name = spec.child_by_field_name("name").text.decode()
                        self.unique(name, spec.child_by_field_name("name"))
                        glob[name] = Var(name, name, "type", key=self.tkey(name))
                        self.named[self.tkey(name)] = None
                    elif spec.type == "type_spec":
                        name = spec.child_by_field_name("name").text.decode()
                        tps = spec.child_by_field_name("type_parameters")
                        if tps is not None:
                            self.generic_types[self.tkey(name)] = [c.text.decode() for d in tps.named_children
                                                                   for c in d.children_by_field_name("name")]
                        self.unique(name, spec.child_by_field_name("name"))
                        glob[name] = Var(name, self.gpy("T", name), "type", key=self.tkey(name))
                        self.named[self.tkey(name)] = None
        for fi, n in decls:
            glob = self.enter(fi)
            if n.type == "type_declaration":
                for spec in n.named_children:
                    if spec.type not in ("type_spec", "type_alias"):
                        continue
                    name = spec.child_by_field_name("name").text.decode()
                    tnode = spec.child_by_field_name("type")
                    tps = spec.child_by_field_name("type_parameters") if spec.type == "type_spec" else None
                    struct = tnode.type == "struct_type"
                    names = self.tparam_scope(tps, (lambda i: f"_targs[{i}]") if struct else (lambda i: "_h.nozero"))
                    try:
                        if struct:
                            self.define_struct(self.gpy("T", name), f"{self.pkg.name}.{name}", tnode,
                                               names if tps is not None else None, self.tkey(name))
                            self.named[self.tkey(name)] = ("struct", self.gpy("T", name))
                        else:
                            self.named[self.tkey(name)] = self.resolve_type(tnode)
                    finally:
                        self.scopes.pop()
        for fi, n in decls:
            glob = self.enter(fi)
            if n.type == "function_declaration":
                name = n.child_by_field_name("name").text.decode()
                tps = n.child_by_field_name("type_parameters")
                names = self.tparam_scope(tps, lambda i: f"_ty{i}")
                try:
                    res = self.result_types(n.child_by_field_name("result"))
                    ptypes = self.param_types_or_none(n)
                    if tps is not None:
                        ptypes, variadic = self.param_types(n.child_by_field_name("parameters"))
                        self.generics[self.gpy("F", name)] = {"tparams": names, "params": ptypes,
                                                              "variadic": variadic, "name": name}
                finally:
                    self.scopes.pop()
                if name == "init":
                    continue
                self.unique(name, n.child_by_field_name("name"))
                glob[name] = Var(name, self.gpy("F", name), "func", ("func", res, _sig(n), ptypes))
            elif n.type == "method_declaration":
                recv = n.child_by_field_name("receiver").named_children[0]
                ptr, tname, rtps = _receiver(recv.child_by_field_name("type"))
                if self.tkey(tname) not in self.named:
                    raise self.err(recv.child_by_field_name("type"), f"undefined: {tname}")
                tname = self.tkey(tname)
                mname = n.child_by_field_name("name").text.decode()
                self.scopes.append({tp: Var(tp, "", "tparam", ("tparam", tp, "_h.nozero")) for tp in rtps})
                try:
                    res = self.result_types(n.child_by_field_name("result"))
                    ptypes = self.param_types_or_none(n)
                finally:
                    self.scopes.pop()
                key = ("method", tname, mname)
                if key in self.declared:
                    raise self.err(n.child_by_field_name("name"),
                                   f"method {tname}.{mname} already declared at {self.declared[key]}")
                self.declared[key] = self.pos(n.child_by_field_name("name"))
                self.methods.setdefault(tname, {})[mname] = (ptr, res, _sig(n), rtps, ptypes)
        self.cur = (0, 0, 0)
        tail: list[str] = []
        # globals and constants in order (package-level initialisation order is source order here)
        init_fns = []
        self.gnames: list[str] = []
        gfn = FuncCtx("main.init", "_ginit", None, None)
        gfn.top = gfn
        saved_out, saved_lines = self.out, self.lines
        self.out, self.lines = [], {}
        for fi, n in decls:
            glob = self.enter(fi)
            if n.type in ("var_declaration", "const_declaration"):
                self.fn = gfn
                self.global_decl(n)
        ginit = [(t, self.lines.get(i + 1, self.cur)) for i, t in enumerate(self.out)]
        self.out, self.lines = saved_out, saved_lines
        self.out.append("async def _ginit():")
        if self.gnames:
            self.out.append(f"    global {', '.join(self.gnames)}")
        self.out_lines(ginit, 0)
        self.out.append("    pass")
        self.funcs["_ginit"] = ("main.init", 0, 1, False)
        self.fn = None
        for fi, n in decls:
            try:
                self.declaration(fi, n, init_fns, tail)
            except GoSourceError as e:  # noted; the next declaration is translated, to list every refusal
                self.errors.append(e)
                if len(self.errors) > MAX_ERRORS:
                    raise _TooMany() from None
                del self.scopes[1:]
                self.fn = None
        if self.errors:
            raise self.all_errors()
        # struct classes last: anonymous struct types are met inside function bodies
        self.emit_struct_classes()
        return self.finish(tail, init_fns)

    def declaration(self, fi: int, n, init_fns: list, tail: list) -> None:
        """Translate the top-level function or method declaration ``n`` of file ``fi``."""
        self.enter(fi)
        if n.type == "function_declaration":
            name = n.child_by_field_name("name").text.decode()
            if name == "init":
                py = f"F_init_{len(init_fns)}"
                self.function(n, f"{self.pkg.goprefix}init.{len(init_fns)}", py, None)
                init_fns.append(py)
            else:
                py = self.gpy("F", name)
                gen = "[...]" if py in self.generics else ""  # Go's traceback name of any instance
                self.function(n, f"{self.pkg.goprefix}{name}{gen}", py, None)
                self.pkg_decls[(self.pkg.path, name)] = py
                if self.pkg.main:
                    self.decls[name] = py
        elif n.type == "method_declaration":
            recv = n.child_by_field_name("receiver").named_children[0]
            ptr, tname, rtps = _receiver(recv.child_by_field_name("type"))
            mname = n.child_by_field_name("name").text.decode()
            shown = tname + ("[...]" if rtps else "")
            pre = self.pkg.goprefix
            goname = f"{pre}(*{shown}).{mname}" if ptr else f"{pre}{shown}.{mname}"
            tname = self.tkey(tname)
            py = method_py(tname, mname)
            self.function(n, goname, py, (recv, tname, ptr, rtps))
            if self.named[tname] is not None and self.named[tname][0] == "struct":
                tail.append(f"{self.named[tname][1]}.{go_attr(mname)} = {py}")
        elif n.type in ("var_declaration", "const_declaration", "type_declaration"):
            return
        else:
            raise self.err(n, f"unsupported top-level declaration ({n.type})")

    def finish(self, tail: list, init_fns: list) -> Program:
        """The translated module and its tables, once every declaration is in."""
        self.out.extend(tail)
        self.out.extend(self.fmt_tail)
        self.out.append(f"INITS = [{', '.join(init_fns)}]")
        src = "\n".join(self.out) + "\n"
        prog = Program(src, self.funcs, self.lines, self.files, self.nodes, self.decls, self.trees,
                       tuple(self.consts))
        prog.pkg_decls = self.pkg_decls
        prog.dials = self.dials
        prog.pkg_vars = self.pkg_vars
        prog.test_paths = getattr(self, "test_paths", [])
        return prog

    def do_imports(self, n) -> None:
        """Record an import declaration's packages under their names; raises GoSourceError for unsupported packages."""
        specs = [c for c in n.named_children if c.type in ("import_spec", "import_spec_list")]
        flat = []
        for s in specs:
            flat.extend(s.named_children if s.type == "import_spec_list" else [s])
        for s in flat:
            if s.type != "import_spec":
                continue
            path = self.string_lit(s.child_by_field_name("path"))
            name = s.child_by_field_name("name")
            if path in BLANK_OK and name is not None and name.text == b"_":
                continue  # imported for its side effect only (the pprof handlers): nothing to run here
            own = self.pkg_by_path.get(path)
            alias = name.text.decode() if name is not None else (own.name if own else _package_name(path))
            if own is None and path not in PACKAGES:
                # noted, and the next import read: every refusal is listed at once; the uses of the
                # refused package's names are not listed again (see all_errors)
                if self.module is not None and (path == self.module[0] or path.startswith(self.module[0] + "/")):
                    why = f"package {path} is not in this module's files"
                elif "." in path.split("/", 1)[0]:
                    why = (f"cannot find module providing package {path}: leakviz runs the standard "
                           "library, this module's own packages and golang.org/x/sync's errgroup and semaphore")
                else:
                    why = f"unsupported import {path!r}"
                self.errors.append(self.err(s, why))
                self.refused[alias] = path
                self.imports[alias] = path
                continue
            if alias == "_":
                continue
            self.imports[alias] = own if own is not None else PACKAGES[path]

    # -- packages --

    def packages(self) -> list[Pkg]:
        """Group the files into packages (one per folder in a module, else one), dependencies first, main last.

        Raises GoSourceError for a missing or mixed package clause, no package main, or an import cycle."""
        clauses = []
        for fi, tree in enumerate(self.trees):
            self.fileidx = fi
            pc = next((n for n in tree.root_node.named_children if n.type == "package_clause"), None)
            if pc is None:
                raise GoSourceError(self.files[fi], 1, 1, "expected 'package main'")
            clauses.append((pc, pc.named_children[0].text.decode()))
        from .gomod import MODELLED_ROOT
        by_dir: dict[str, Pkg] = {}
        first = str(Path(self.files[0]).parent) if self.files else ""
        xtest = None  # go test's external test package (package X_test beside package X), if any
        for fi, path in enumerate(self.files):
            modelled = path.startswith(MODELLED_ROOT + "/")
            # a file of ours with no folder (the HTTP prelude) belongs to the first file's package
            d = (str(Path(path).parent) if Path(path).is_absolute() else first) if self.module is not None \
                or modelled else ""
            if (self.tests and by_dir and fi and str(Path(path).parent) == first and path.endswith("_test.go")
                    and clauses[fi][1] == clauses[0][1] + "_test"):
                if xtest is None:
                    under = next(iter(by_dir.values()))
                    path_of = under.name if self.module is None else under.path
                    xtest = Pkg(path_of + "_test", clauses[fi][1], len(by_dir) + 1000)
                xtest.files.append(fi)
                continue
            pkg = by_dir.get(d)
            if pkg is None:
                imp = "main"
                if modelled:
                    imp = str(Path(path).parent)[len(MODELLED_ROOT) + 1:]
                elif self.module is not None:
                    try:
                        rel = Path(d).relative_to(self.module[1]).as_posix()
                    except ValueError:
                        rel = Path(d).name
                    imp = self.module[0] if rel in ("", ".") else f"{self.module[0]}/{rel}"
                pkg = by_dir[d] = Pkg(imp, clauses[fi][1], len(by_dir))
            elif clauses[fi][1] != pkg.name:
                self.fileidx = fi
                raise self.err(clauses[fi][0], f"found packages {pkg.name} and {clauses[fi][1]} in one folder")
            pkg.files.append(fi)
        pkgs = list(by_dir.values())
        mains = [p for p in pkgs if p.name == "main"]
        if self.tests and pkgs:  # go test: the package under test is the root, whatever its name
            mains = [pkgs[0]]
            if self.module is None:
                pkgs[0].path = pkgs[0].name
            if xtest is not None:
                xtest.idx = len(pkgs)
                pkgs.append(xtest)
        elif self.module is None and pkgs and pkgs[0].name != "main":
            self.fileidx = 0
            raise self.err(clauses[0][0], f"package {pkgs[0].name}: only package main can run")
        if len(mains) != 1:
            self.fileidx = 0
            raise self.err(clauses[0][0], "no package main to run" if not mains else "more than one package main")
        mains[0].main = True
        # an external test package imports the package under test by its path
        self.pkg_by_path = {p.path: p for p in pkgs if not p.main or xtest is not None}
        deps: dict[int, list[Pkg]] = {}
        for p in pkgs:
            deps[p.idx] = []
            for fi in p.files:
                for n in self.trees[fi].root_node.named_children:
                    if n.type == "import_declaration":
                        for spec in _import_specs(n):
                            dep = self.pkg_by_path.get(spec.child_by_field_name("path").text.decode().strip('"`'))
                            if dep is not None:
                                deps[p.idx].append((dep, fi, spec))
        order: list[Pkg] = []
        state: dict[int, int] = {}

        def visit(p: Pkg) -> None:
            state[p.idx] = 1
            for dep, fi, spec in deps[p.idx]:
                if state.get(dep.idx) == 1:
                    self.fileidx = fi
                    raise self.err(spec, "import cycle not allowed")
                if dep.idx not in state:
                    visit(dep)
            state[p.idx] = 2
            order.append(p)
        visit(mains[0])
        if xtest is not None and xtest.idx not in state:
            visit(xtest)
        self.test_paths = [mains[0].path] + ([xtest.path] if xtest is not None else [])
        for fi in range(len(self.files)):
            self.file_pkg[fi] = next(p for p in pkgs if fi in p.files)
        return order

    def enter(self, fi: int) -> dict:
        """Compile file ``fi`` from here on: its package's scope and imports. Returns that scope."""
        self.fileidx = fi
        self.pkg = self.file_pkg[fi]
        self.scopes[0] = self.pkg.scope
        self.imports = self.pkg.imports
        return self.pkg.scope

    def gpy(self, prefix: str, name: str) -> str:
        """The Python name of package-level ``name`` of the current package."""
        return py_name(prefix + self.pkg.gp, name)

    def shown_type(self, key: str) -> str:
        """A named type's key as %T and the runtime spell it: qualified by its package's name
        (``units.Celsius``), not its import path (which tracebacks use for functions)."""
        path, dot, name = key.rpartition(".")
        if not dot:
            return "main." + key
        pkg = getattr(self, "pkg_by_path", {}).get(path)
        return f"{pkg.name}.{name}" if pkg is not None else key

    def tkey(self, name: str) -> str:
        """The key of the current package's type ``name`` in ``named``, ``methods`` and ``generic_types``."""
        return name if self.pkg.main else f"{self.pkg.path}.{name}"

    def member(self, node) -> Var | None:
        """``pkg.Name`` where pkg is a package of this module: the exported declaration it names, else None."""
        if node.type not in ("selector_expression", "qualified_type"):
            return None
        op = node.child_by_field_name("operand" if node.type == "selector_expression" else "package")
        if op is None or op.type not in ("identifier", "package_identifier"):
            return None
        alias = op.text.decode()
        pkg = self.imports.get(alias)
        v = self.lookup(alias)
        if not isinstance(pkg, Pkg) or v is None or v.kind != "pkg":
            return None
        name = node.child_by_field_name("field" if node.type == "selector_expression" else "name").text.decode()
        got = pkg.scope.get(name)
        if got is None and f"{pkg.path}.{name}" in NOT_MODELLED:
            raise self.err(node, f"unsupported: {pkg.path}.{name} ({NOT_MODELLED[f'{pkg.path}.{name}']})")
        if got is None or got.kind == "pkg":
            raise self.err(node, f"undefined: {alias}.{name}")
        if not name[:1].isupper():
            raise self.err(node, f"name {name} not exported by package {pkg.name}")
        return got

    def global_decl(self, n) -> None:
        """Package-level var and const declarations; vars initialise in ``_ginit`` on goroutine 1."""
        glob = self.scopes[0]
        is_const = n.type == "const_declaration"
        specs = []
        for c in n.named_children:
            if c.type in ("var_spec_list",):
                specs.extend(x for x in c.named_children if x.type == "var_spec")
            elif c.type in ("var_spec", "const_spec"):
                specs.append(c)
        self.set_stmt(n)
        self.depth = 1
        last_vals = None
        last_type = None
        for i, spec in enumerate(specs):
            names = spec.children_by_field_name("name")
            tnode = spec.child_by_field_name("type")
            vals = spec.child_by_field_name("value")
            if is_const:
                self.iota = i
                if vals is None:
                    vals, tnode = last_vals, last_type
                last_vals, last_type = vals, tnode
                for k, nm in enumerate(names):
                    ctyp = self.resolve_type(tnode) if tnode is not None else None
                    v = self.typed_const(self.const_value(vals.named_children[k]), ctyp, vals.named_children[k])
                    self.unique(nm.text.decode(), nm)
                    glob[nm.text.decode()] = Var(nm.text.decode(), self.gpy("G", nm.text.decode()), "const",
                                                  ctyp if ctyp is not None else
                                                  _const_type(v), value=v, exact=self.exact_of(vals.named_children[k]))
                self.iota = None
                continue
            typ = self.resolve_type(tnode) if tnode is not None else None
            exprs = vals.named_children if vals is not None else []
            gvars = []
            for k, nm in enumerate(names):
                name = nm.text.decode()
                t = typ or (self.type_of(exprs[k]) if k < len(exprs) and len(exprs) == len(names) else None)
                var = Var(name, self.gpy("G", name) if name != "_" else "_", "global", t)
                self.pkg_vars[(self.pkg.path, name)] = var.py
                gvars.append(var)
                if name != "_":
                    self.unique(name, nm)
                    glob[name] = var
                    self.gnames.append(var.py)
            if exprs and len(exprs) == len(names):
                for k, var in enumerate(gvars):
                    self.emit(1, f"{var.py} = {self.expr_as(exprs[k], typ)}")
            elif exprs:
                self.emit(1, f"{', '.join(v.py for v in gvars)} = {self.expr(exprs[0])}")
            else:
                for var in gvars:
                    self.emit(1, f"{var.py} = {self.zero(typ)}")

    # -- functions --

    def function(self, n, goname: str, py: str, recv) -> None:
        """Translate a function or method declaration ``n`` into ``async def py``, Go name ``goname``.

        ``recv`` is (receiver node, type name, is pointer) for a method, else None."""
        fn = FuncCtx(goname, py, None, None)
        fn.top = fn
        self.fn = fn
        self.set_stmt(n)
        body = n.child_by_field_name("body")
        if body is None:
            raise self.err(n, "function without a body")
        fn.boxed = _addressed(body)
        fn.captured = _captured(body)
        tps = n.child_by_field_name("type_parameters")
        lead = [f"_ty{i}" for i in range(len(self.tparam_scope(tps, lambda i: f"_ty{i}")))]
        params = []
        if recv is not None:
            rnode, tname, ptr, rtps = recv
            rname = rnode.child_by_field_name("name")
            rn = rname.text.decode() if rname is not None else "_"
            if rtps and rn == "_":
                rn = "#recv"  # not a Go name: the methods of a generic type reach their type arguments through it
            base = ("named", tname) if not rtps else ("named", tname, tuple(("tparam", tp, "") for tp in rtps))
            v = self.declare(rn, ("ptr", base) if ptr else base)
            params.append((v, False))
            for i, tp in enumerate(rtps):  # the receiver carries its type arguments' zero factories
                self.scopes[-1][tp] = Var(tp, "", "tparam", ("tparam", tp, f"{self.ref(v)}._targs[{i}]"))
            if rtps:
                v.type = ("named", tname, tuple(self.scopes[-1][tp].type for tp in rtps))
                if ptr:
                    v.type = ("ptr", v.type)
        params.extend(self.params(n.child_by_field_name("parameters")))
        self.funcs[py] = (goname, self.fileidx, n.start_point[0] + 1, len(params) > 0)
        lines = self.func_body(n, params, recv is not None and not recv[2])
        self.out.append(f"async def {py}({', '.join(lead + self.param_sig(params))}):")
        self.out_lines(lines, 1)
        self.scopes.pop()
        self.fn = None

    def param_types(self, plist) -> tuple[list, bool]:
        """The static types of a parameter list, one per parameter (a variadic one as its slice), and whether
        the last is variadic."""
        out: list = []
        variadic = False
        for p in plist.named_children if plist is not None else []:
            if p.type not in ("parameter_declaration", "variadic_parameter_declaration"):
                continue
            typ = self.resolve_type(p.child_by_field_name("type"))
            if p.type == "variadic_parameter_declaration":
                typ = ("slice", typ)
                variadic = True
            out.extend([typ] * max(1, len(p.children_by_field_name("name"))))
        return out, variadic

    def param_types_or_none(self, n) -> list | None:
        """The parameter types of function (type or literal) node ``n``, as ``param_types`` gives them, or None
        when one cannot be resolved (the error is reported where the function is compiled)."""
        try:
            return self.param_types(n.child_by_field_name("parameters"))[0]
        except GoSourceError:
            return None

    def param_sig(self, params) -> list[str]:
        """The Python parameter list for ``params`` ((Var, variadic) pairs); blank names get placeholders."""
        return [("*" if variadic else "") + (v.py if v.name != "_" else f"_p{k}") for k, (v, variadic) in
                enumerate(params)]

    def out_lines(self, lines: list[tuple[str, tuple]], depth: int) -> None:
        """Append already-made (text, Go position) lines at indentation ``depth``."""
        for text, cur in lines:
            self.out.append("    " * depth + text)
            self.lines[len(self.out)] = cur

    def params(self, plist) -> list[tuple[Var, bool]]:
        """Declare the parameters of a parameter list: (Var, is variadic) pairs; unnamed ones get placeholders."""
        out = []
        if plist is None:
            return out
        k = 0
        for p in plist.named_children:
            if p.type not in ("parameter_declaration", "variadic_parameter_declaration"):
                continue
            variadic = p.type == "variadic_parameter_declaration"
            typ = self.resolve_type(p.child_by_field_name("type"))
            if variadic:
                typ = ("slice", typ)
            names = p.children_by_field_name("name")
            if not names:
                v = self.declare(f"#p{k}", typ)  # not a Go identifier: the body cannot name it
                k += 1
                out.append((v, variadic))
            for nm in names:
                out.append((self.declare(nm.text.decode(), typ), variadic))
        return out

    def func_body(self, n, params, value_recv: bool) -> list[tuple[str, tuple]]:
        """Translate a function's body into (text, line-info) pairs, indented from 0."""
        fn = self.fn
        saved_out, saved_lines = self.out, self.lines
        self.out, self.lines = [], {}
        res = n.child_by_field_name("result")
        fn.results = self.result_types(res)
        prologue = []
        if res is not None and res.type == "parameter_list":
            for p in res.named_children:
                typ = self.resolve_type(p.child_by_field_name("type"))
                for nm in p.children_by_field_name("name"):
                    v = self.declare(nm.text.decode(), typ)
                    fn.named.append(v)
                    prologue.append(f"{v.py} = {self.box_wrap(v, self.zero(typ))}")
        for v, variadic in params:
            if variadic:
                prologue.append(f"{v.py} = list({v.py})")
            if v.boxed:
                prologue.append(f"{v.py} = _Box({v.py})")
        if value_recv and params[0][0].py != "_":  # an unnamed or blank receiver is never read
            v = params[0][0]
            prologue.append(f"{v.py} = _h.copy({v.py})")
        body = n.child_by_field_name("body")
        has_defer = _has_defer(body)
        fn.has_defer = has_defer
        self.block(body, 0, new_scope=False)
        if not self.out or not self.out[-1].startswith("return"):
            self.emit(0, self.return_named())
        body_lines = [(t, self.lines.get(i + 1, self.cur)) for i, t in enumerate(self.out)]
        self.out, self.lines = saved_out, saved_lines
        cur = (self.fileidx, n.start_point[0] + 1, self.cur[2])
        head = []
        decl = []
        if fn.assigned_outer:
            decl.append(f"nonlocal {', '.join(sorted(fn.assigned_outer))}")
        if fn.globals_assigned:
            decl.append(f"global {', '.join(sorted(fn.globals_assigned))}")
        head.extend((d, cur) for d in decl)
        head.extend((p, cur) for p in prologue)
        head.append(("_jmp = None", cur))
        if has_defer:
            head.append(("_d = []", cur))
            head.append(("_pr = _h.PanicState()", cur))
            head.append(("try:", cur))
            # while the deferred calls run, the frame's own variables are dead (node -1): only what the
            # deferred closures captured keeps anything alive, as in Go
            dead = (cur[0], body.end_point[0] + 1, -1)  # Go shows deferreturn at the closing brace
            tail = [("except BaseException as _e:", dead), ("    _pr.catch(_e)", dead), ("finally:", dead),
                    ("    if not _pr.closing:", dead), ("        await _h.run_defers(_d, _pr)", dead)]
            if fn.named:  # the deferred calls may change the named results: the function returns them after
                tail.append(("        " + self.return_named(), dead))
            tail.append((self.return_named(), dead))
            body_lines = [("    " + t, c) for t, c in body_lines]
            return head + [("    " + t, c) for t, c in [("pass", cur)]] + body_lines + tail
        return head + body_lines

    def box_wrap(self, v: Var, e: str) -> str:
        """``e`` wrapped in a ``_Box`` if ``v`` lives in one."""
        return f"_Box({e})" if v.boxed else e

    def return_named(self) -> str:
        """The Python ``return`` for a bare Go ``return``: the named results, or the zero values."""
        fn = self.fn
        if fn.named:
            vals = [self.ref(v) for v in fn.named]
            return "return " + (vals[0] if len(vals) == 1 else "(" + ", ".join(vals) + ")")
        if len(fn.results) == 1:
            return f"return {self.zero(fn.results[0])}"
        if fn.results:
            return "return (" + ", ".join(self.zero(t) for t in fn.results) + ")"
        return "return"

    def func_literal(self, n) -> str:
        """Translate a func literal into a nested ``async def`` (Go's name ``F.func1``...); returns its Python name."""
        parent = self.fn
        d = self.depth
        if parent.py == "_ginit":
            self.glob_closures += 1
            goname = f"main.glob..func{self.glob_closures}"
        else:
            parent.nlit += 1
            goname = f"{parent.goname}.func{parent.nlit}" if parent.parent is None else f"{parent.goname}.{parent.nlit}"
        self.nclosures += 1
        py = f"L{self.nclosures}"
        fn = FuncCtx(goname, py, parent, parent.top)
        fn.boxed = _addressed(n.child_by_field_name("body"))
        fn.captured = _captured(n.child_by_field_name("body"))
        saved_scopes = len(self.scopes)
        self.fn = fn
        self.scopes.append({})
        params = self.params(n.child_by_field_name("parameters"))
        self.funcs[py] = (goname, self.fileidx, n.start_point[0] + 1, len(params) > 0)
        saved_cur = self.cur
        lines = self.func_body(n, params, False)
        self.cur = saved_cur
        del self.scopes[saved_scopes:]
        self.fn = parent
        # per-iteration variables of loops around the literal: a factory gives each its own cells
        owners = [parent]  # a range-over-func body runs within its function's iteration: theirs count too
        while owners[-1].rf is not None:
            owners.append(owners[-1].parent)
        fresh = sorted(v.py for s in self.scopes for v in s.values()
                       if v.kind == "local" and any(v.fn is o for o in owners) and v.loop > 0 and v.py in fn.free)
        for name in fn.free:
            if name in fn.assigned_outer or any(name == v.py for s in self.scopes for v in s.values()
                                                  if v.fn is parent):
                pass
        self.depth = d
        if fresh:
            mk = f"_mk_{py}"
            self.emit(d, f"def {mk}({', '.join(fresh)}):")
            self.emit(d + 1, f"async def {py}({', '.join(self.param_sig(params))}):")
            self.out_lines(lines, d + 2)
            self.emit(d + 1, f"return {py}")
            return f"{mk}({', '.join(fresh)})"
        self.emit(d, f"async def {py}({', '.join(self.param_sig(params))}):")
        self.out_lines(lines, d + 1)
        return py

    # -- statements --

    depth = 0

    def block(self, node, depth: int, new_scope: bool = True) -> None:
        """Translate a block's statements at indentation ``depth`` (in a new scope unless ``new_scope`` is False)."""
        if new_scope:
            self.scopes.append({})
        start = len(self.out)
        stmts = node.named_children
        if node.type == "block":
            stmts = []
            for c in node.named_children:
                if c.type == "statement_list":
                    stmts.extend(c.named_children)
                else:
                    stmts.append(c)
        stmts = [s for s in stmts if s.type != "comment"]
        gotos = _goto_labels(node)
        cuts = [i for i, s in enumerate(stmts) if s.type == "labeled_statement" and
                s.child_by_field_name("label").text.decode() in gotos]
        if cuts:
            self.goto_block(stmts, cuts, depth)
        else:
            for s in stmts:
                self.stmt(s, depth)
        if len(self.out) == start:
            self.emit(depth, "pass")
        if new_scope:
            self.scopes.pop()

    def goto_block(self, stmts: list, cuts: list[int], d: int) -> None:
        """A block with labels that ``goto`` targets: its statements cut at those labels into segments run
        in turn inside a loop; ``goto L`` sets where to start and restarts the loop, which then skips
        the segments before L's. (Go allows a goto only to a label of its own or an enclosing block.)"""
        c = self.push_construct("goto", None)
        bounds = ([0] if cuts[0] else []) + cuts + [len(stmts)]
        first = 1 if cuts[0] else 0
        for k, i in enumerate(cuts):
            c.targets[stmts[i].child_by_field_name("label").text.decode()] = k + first
        at = f"_g{c.cid}"
        self.emit(d, f"{at} = 0")
        self.emit(d, "while True:")
        self.emit(d + 1, _SPIN)
        for k in range(len(bounds) - 1):
            self.emit(d + 1, f"if {at} <= {k}:")
            start = len(self.out)
            for s in stmts[bounds[k]:bounds[k + 1]]:
                self.stmt(s, d + 2)
            if len(self.out) == start:
                self.emit(d + 2, "pass")
        self.emit(d + 1, "break")
        self.pop_construct(c, d)

    def s_goto_statement(self, s, d):
        label = s.named_children[0].text.decode()
        js = self.fn.jumps
        target = next((c for c in reversed(js) if label in c.targets), None)
        if target is None and self.fn.rf is not None:
            raise self.err(s, f"unsupported: goto {label} out of a range-over-func loop body")
        if target is None:
            raise self.err(s, f"goto {label} jumps into a block or to a label not defined")
        self.emit(d, f"_g{target.cid} = {target.targets[label]}")
        if target is js[-1]:
            self.emit(d, "continue")
            return
        self.emit(d, f"_jmp = ({target.cid}, 'c')")
        self.emit(d, "break")
        js[-1].needs_check = True

    def stmts(self, nodes, depth: int) -> None:
        """Translate a statement list at indentation ``depth``; emits ``pass`` when nothing came out."""
        start = len(self.out)
        for s in nodes:
            if s.type == "comment":
                continue
            if s.type == "statement_list":
                self.stmts(s.named_children, depth)
            else:
                self.stmt(s, depth)
        if len(self.out) == start:
            self.emit(depth, "pass")

    def stmt(self, s, d: int) -> None:
        """Translate one statement by dispatching to ``s_<node type>``. A statement that cannot be translated
        is noted (GoSourceError) and the next one is tried, so that every refusal is listed at once."""
        self.set_stmt(s)
        self.depth = d
        t = s.type
        nscopes = len(self.scopes)
        try:
            if t not in STATEMENTS:
                raise self.err(s, f"unsupported statement ({t.replace('_', ' ')})")
            getattr(self, "s_" + t)(s, d)
        except GoSourceError as e:
            self.errors.append(e)
            if len(self.errors) > MAX_ERRORS:
                raise _TooMany() from None
            del self.scopes[nscopes:]
            self._declare_after_error(s)
            self.emit(d, "pass")

    def _declare_after_error(self, s) -> None:
        """The names a refused ``x := ...`` or ``var x`` would have declared, of unknown type: what follows
        is checked without an ``undefined: x`` for each use."""
        names = []
        if s.type == "short_var_declaration":
            left = s.child_by_field_name("left")
            names = [c for c in (left.named_children if left is not None else []) if c.type == "identifier"]
        elif s.type == "var_declaration":
            names = [c for spec in s.named_children for c in spec.children_by_field_name("name")]
        elif s.type == "type_declaration" and s.parent is not None:
            # the uses of a refused type would each be refused again: the rest of its block is not listed
            self.muted.append((self.files[self.fileidx], s.end_point, s.parent.end_point))
        for n in names:
            name = n.text.decode()
            if name != "_" and name not in self.scopes[-1]:
                try:
                    self.declare(name, None)
                except GoSourceError:
                    pass

    def s_empty_statement(self, s, d):
        pass

    def s_block(self, s, d):
        self.emit(d, "if True:")
        self.block(s, d + 1)

    def s_expression_statement(self, s, d):
        e = s.named_children[0]
        self.emit(d, self.expr(e, stmt=True))

    def s_type_declaration(self, s, d):
        """Types declared in a function: each a named type of its own (a key no other type has, a struct class of
        its own), in scope from its name on (``type node struct{ next *node }``), printed ``main.T`` as Go does."""
        if any(v.kind == "tparam" for sc in self.scopes for v in sc.values()):
            raise self.err(s, "unsupported: type declarations inside generic functions")
        for spec in s.named_children:
            if spec.type not in ("type_spec", "type_alias"):
                continue
            nm = spec.child_by_field_name("name")
            name = nm.text.decode()
            if spec.type == "type_spec" and spec.child_by_field_name("type_parameters") is not None:
                raise self.err(spec, "unsupported: generic type declarations inside functions")
            tnode = spec.child_by_field_name("type")
            if spec.type == "type_alias":  # the same type under another name, from the declaration's end
                typ = self.resolve_type(tnode)
                self.local_name(nm)
                self.scopes[-1][name] = Var(name, "", "type", typ)
                continue
            self.nlocal_types += 1
            key = f"{name}#{self.nlocal_types}"  # no "." and not a Go name: no package type has it
            self.local_name(nm)
            self.scopes[-1][name] = Var(name, "", "type", key=key)
            self.local_types[key] = (name, f"{self.pkg.name}.{name}")
            self.named[key] = None
            if tnode.type == "struct_type":
                cls = py_name("TL", name, self.nlocal_types)
                self.define_struct(cls, self.local_types[key][1], tnode, None, key)
                self.named[key] = ("struct", cls)
            else:
                self.named[key] = self.resolve_type(tnode)

    def local_name(self, nm) -> None:
        """Go's error for a second declaration of ``nm`` in the same block."""
        name = nm.text.decode()
        other = self.scopes[-1].get(name)
        if name != "_" and other is not None and other.kind in ("local", "type", "const"):
            raise self.err(nm, f"{name} redeclared in this block")

    def s_const_declaration(self, s, d):
        for spec in [c for c in s.named_children if c.type == "const_spec"]:
            for i, nm in enumerate(spec.children_by_field_name("name")):
                vals = spec.child_by_field_name("value")
                if vals is None:
                    raise self.err(spec, "unsupported: implicit constant repetition inside functions")
                tnode = spec.child_by_field_name("type")
                ctyp = self.resolve_type(tnode) if tnode is not None else None
                v = self.typed_const(self.const_value(vals.named_children[i]), ctyp, vals.named_children[i])
                self.scopes[-1][nm.text.decode()] = Var(nm.text.decode(), "", "const",
                                                        ctyp if ctyp is not None else _const_type(v), value=v,
                                                        exact=self.exact_of(vals.named_children[i]))

    def s_var_declaration(self, s, d):
        specs = []
        for c in s.named_children:
            if c.type == "var_spec_list":
                specs.extend(x for x in c.named_children if x.type == "var_spec")
            elif c.type == "var_spec":
                specs.append(c)
        for spec in specs:
            names = spec.children_by_field_name("name")
            for nm in names:
                other = self.scopes[-1].get(nm.text.decode())
                if other is not None and nm.text != b"_" and other.kind == "local":
                    raise self.err(nm, f"{nm.text.decode()} redeclared in this block")
            tnode = spec.child_by_field_name("type")
            typ = self.resolve_type(tnode) if tnode is not None else None
            vals = spec.child_by_field_name("value")
            exprs = vals.named_children if vals is not None else []
            if exprs and len(exprs) == len(names):
                rhs = []
                for nm, e in zip(names, exprs, strict=True):  # a make(chan) is named by its variable
                    self.chan_name = nm.text.decode()
                    try:
                        rhs.append(self.expr_as(e, typ))
                    finally:
                        self.chan_name = ""
                types = [typ or self.type_of(e) for e in exprs]
            elif exprs:
                rhs = None
                multi = self.expr(exprs[0])
                types = self.tuple_types(exprs[0], len(names))
            else:
                rhs = [self.zero(typ)] * len(names)
                types = [typ] * len(names)
            vs = [self.declare(nm.text.decode(), types[i] if types else typ) for i, nm in enumerate(names)]
            if rhs is None:
                tmps = [self.tmp() for _ in vs]
                self.emit(d, f"{', '.join(tmps)} = {multi}")
                rhs = tmps
            for v, r in zip(vs, rhs, strict=True):
                if v.name == "_":
                    self.emit(d, f"_ = {r}")
                else:
                    self.emit(d, f"{v.py} = {self.box_wrap(v, r)}")

    def tuple_types(self, e, n: int) -> list:
        """The static types of a multi-value expression's ``n`` results (None for each when unknown)."""
        t = self.type_of(e)
        if t is not None and t[0] == "tuple" and len(t[1]) == n:
            return list(t[1])
        return [None] * n

    def s_short_var_declaration(self, s, d):
        left = s.child_by_field_name("left").named_children
        right = s.child_by_field_name("right").named_children
        if left and all(n.type == "identifier" and (n.text == b"_" or n.text.decode() in self.scopes[-1])
                        for n in left):
            op = next((c for c in s.children if c.type == ":="), s)
            raise self.err(op, "no new variables on left side of :=")
        self.assign_or_define(left, right, d, define=True)

    def assign_or_define(self, left, right, d, define: bool, node=None) -> None:
        """Translate ``left = right`` or ``left := right`` (``define``), including the two-value forms.

        Handles ``v, ok`` of map index, receive and type assertion, and
        multi-value calls."""
        if len(right) == 1 and len(left) > 1:
            r = right[0]
            rt = r.type
            if rt == "index_expression":
                e = self.index2(r)
                types = [self.type_of(r), BOOL]
            elif rt == "unary_expression" and r.child_by_field_name("operator").type == "<-":
                e = f"(await _h.recv({self.expr(r.child_by_field_name('operand'))}))"
                ct = self.under(self.type_of(r.child_by_field_name("operand")))
                types = [ct[1] if ct is not None and ct[0] == "chan" else None, BOOL]
            elif rt == "type_assertion_expression":
                e = self.assert2(r)
                types = [self.resolve_type(r.child_by_field_name("type")), BOOL]
            else:
                e = self.expr(r)
                types = self.tuple_types(r, len(left))
            targets = [self.target(lv, types[i], define) for i, lv in enumerate(left)]
            if all(t[1] is None for t in targets):
                self.emit(d, f"{', '.join(t[0] for t in targets)} = {e}")
            else:
                tmps = [self.tmp() for _ in left]
                self.emit(d, f"{', '.join(tmps)} = {e}")
                for (tg, setter), tv in zip(targets, tmps, strict=True):
                    self.emit(d, setter(tv) if setter else f"{tg} = {tv}")
            return
        if len(left) != len(right):
            raise self.err(left[0], "assignment mismatch")
        stores: list = [None] * len(left)
        if len(left) > 1 and not define:
            # Go evaluates the operands of the left's index expressions and indirections first, then the
            # right, then assigns left to right: i, s[i] = 1, 2 sets the s[i] of the old i
            for i, lv in enumerate(left):
                inner = lv
                while inner.type == "parenthesized_expression":
                    inner = inner.named_children[0]
                if inner.type in ("index_expression", "selector_expression"):
                    stores[i] = self.update_target(inner, d)[1]
        # a channel made straight into a variable carries the variable's name (the window's lanes)
        self.naming = [lv.text.decode() if lv.type == "identifier" else "" for lv in left]
        try:
            vals = [self._named_value(r, i) for i, r in enumerate(right)]
        finally:
            self.naming = None
        types = [self.type_of(r) for r in right]
        if not define:  # x = 3 where x is a float64 or float32: the constant is one
            for i, lv in enumerate(left):
                if lv.type != "identifier" or lv.text != b"_":
                    c = self.const_float(right[i], self.under(self.type_of(lv)))
                    if c is not None:
                        vals[i] = c
        if len(left) == 1:
            if not define:  # x = d where x is an interface: the duration keeps its type there
                lt = self.under(self.type_of(left[0]))
                if lt is not None and lt[0] == "iface":
                    vals[0] = self.expr_as(right[0], lt)
            tg, setter = self.target(left[0], types[0], define)
            self.emit(d, setter(vals[0]) if setter else f"{tg} = {vals[0]}")
            return
        tmps = [self.tmp() for _ in left]
        self.emit(d, f"{', '.join(tmps)} = {', '.join(vals)}")
        for i, lv in enumerate(left):
            if stores[i] is not None:
                self.emit(d, stores[i](tmps[i]))
                continue
            tg, setter = self.target(lv, types[i], define)
            self.emit(d, setter(tmps[i]) if setter else f"{tg} = {tmps[i]}")

    naming: list | None = None
    chan_name = ""

    def _named_value(self, r, i: int) -> str:
        self.chan_name = self.naming[i] if self.naming and i < len(self.naming) else ""
        try:
            return self.expr_value(r)
        finally:
            self.chan_name = ""

    def target(self, lv, typ, define: bool):
        """(python target, None) or (None, setter(value) -> statement)."""
        if lv.type == "identifier":
            name = lv.text.decode()
            if name == "_":
                return "_", None
            if define:
                v = self.scopes[-1].get(name)
                if v is None or v.kind != "local":
                    v = self.declare(name, typ)
                    if v.boxed:
                        return None, lambda val, v=v: f"{v.py} = _Box({val})"
                    return v.py, None
            else:
                v = self.lookup(name)
                if v is None:
                    raise self.err(lv, f"undefined: {name}")
                if v.kind not in ("local", "global"):
                    raise self.err(lv, f"cannot assign to {name}")
            self.mark_assign(v)
            return self.ref(v), None
        if lv.type == "selector_expression":
            m = self.member(lv)
            if m is not None:  # pkg.Var = x
                if m.kind != "global":
                    raise self.err(lv, f"cannot assign to {lv.text.decode()}")
                self.mark_assign(m)
                return self.ref(m), None
            op = lv.child_by_field_name("operand")
            fname = go_attr(lv.child_by_field_name("field").text.decode())
            obj = self.expr(op)
            cls = self.struct_of(self.type_of(op))
            if cls is not None:
                p = self.field_path(cls, fname)
                if p is not None:
                    return f"_nn({obj}).{'.'.join(p[0])}", None
            return f"_nn({obj}).{fname}", None
        if lv.type == "index_expression":
            obj = self.expr(lv.child_by_field_name("operand"))
            idx = self.index_src(lv.child_by_field_name("operand"), lv.child_by_field_name("index"))
            return None, lambda val: f"_h.setidx({obj}, {idx}, {val})"
        if lv.type == "unary_expression" and lv.child_by_field_name("operator").type == "*":
            p = self.expr(lv.child_by_field_name("operand"))
            return None, lambda val: f"_h.store({p}, {val})"
        if lv.type == "parenthesized_expression":
            return self.target(lv.named_children[0], typ, define)
        raise self.err(lv, "unsupported assignment target")

    def s_assignment_statement(self, s, d):
        left = s.child_by_field_name("left").named_children
        right = s.child_by_field_name("right").named_children
        op = s.child_by_field_name("operator").type
        if op == "=":
            self.assign_or_define(left, right, d, define=False)
            return
        binop = op[:-1]
        lv = left[0]
        cur, store = self.update_target(lv, d)
        self.emit(d, store(self.binop(binop, cur, self.expr(right[0]), self.type_of(lv), self.type_of(right[0]))))

    def update_target(self, lv, d):
        """``x op= y`` and ``x++`` read and write ``x`` once each: the operand and index of ``m[f()]`` (or
        ``p().f``) are evaluated once, into temporaries, as Go evaluates them. Returns (read, store(value))."""
        while lv.type == "parenthesized_expression":
            lv = lv.named_children[0]
        if lv.type == "index_expression":
            on = lv.child_by_field_name("operand")
            o, i = self.tmp(), self.tmp()
            self.emit(d, f"{o} = {self.expr(on)}")
            self.emit(d, f"{i} = {self.index_src(on, lv.child_by_field_name('index'))}")
            t = self.under(self.type_of(on))
            cur = f"_h.mapget({o}, {i}, lambda: {self.zero(t[2])})" if t is not None and t[0] == "map" else \
                f"_h.index({o}, {i})"
            return cur, lambda val: f"_h.setidx({o}, {i}, {val})"
        if lv.type == "selector_expression" and self.std_key(lv) is None:
            on = lv.child_by_field_name("operand")
            cls = self.struct_of(self.type_of(on))
            p = self.field_path(cls, go_attr(lv.child_by_field_name("field").text.decode())) if cls else None
            if p is not None and on.type != "identifier":
                o = self.tmp()
                self.emit(d, f"{o} = _nn({self.expr(on)})")
                ref = f"{o}.{'.'.join(p[0])}"
                return ref, lambda val: f"{ref} = {val}"
        cur = self.expr(lv)
        tg, setter = self.target(lv, None, False)
        return cur, (setter if setter else lambda val: f"{tg} = {val}")

    def s_inc_statement(self, s, d, delta="+ 1"):
        lv = s.named_children[0]
        cur, store = self.update_target(lv, d)
        t = self.under(self.type_of(lv))
        if t is not None and t[0] == "tparam":
            self.emit(d, store(f"_h.twrap({t[2]}, {cur} {delta})"))
            return
        if is_f32(t):
            self.emit(d, store(f"_h.f32({cur} {delta})"))
            return
        kind = int_kind(t)
        if (kind in WIDE or (kind is None and t == INT)) and s is not self.bounded_update:
            self.emit(d, store(checked(f"{cur} {delta}", kind, "hi" if delta[0] == "+" else "lo")))
            return
        self.emit(d, store(wrapped(f"{cur} {delta}", kind)))

    def s_dec_statement(self, s, d):
        self.s_inc_statement(s, d, "- 1")

    def s_return_statement(self, s, d):
        el = s.named_children[0] if s.named_children else None
        fn = self.fn
        if fn.rf is not None:  # in a range-over-func body: the loop's function returns, after the iterator
            vals = []
            if el is not None:
                exprs = el.named_children
                results = fn.results if len(fn.results) == len(exprs) else [None] * len(exprs)
                vals = [self.expr_as(e, t) for e, t in zip(exprs, results, strict=True)]
            fn.rf.exits.add(("r",))
            if not vals:
                self.emit(d, f"{fn.rf.exit} = ('r',)")
            else:
                self.emit(d, f"{fn.rf.exit} = ('r', {vals[0] if len(vals) == 1 else '(' + ', '.join(vals) + ')'})")
            self.emit(d, f"{fn.rf.state} = 1")
            self.emit(d, "return False")
            return
        if el is None:
            self.emit(d, self.return_named())
            return
        exprs = el.named_children
        results = fn.results if len(fn.results) == len(exprs) else [None] * len(exprs)
        vals = [self.expr_as(e, t) for e, t in zip(exprs, results, strict=True)]
        if fn.named and fn.has_defer and len(vals) == len(fn.named):
            # return x sets the named results first; the deferred calls run after and may change them
            self.emit(d, f"{', '.join(self.ref(v) for v in fn.named)} = {', '.join(vals)}")
            self.emit(d, self.return_named())
            return
        if len(vals) == 1:
            self.emit(d, f"return {vals[0]}")
        else:
            self.emit(d, f"return ({', '.join(vals)})")
        del fn

    def s_if_statement(self, s, d, kw="if"):
        init = s.child_by_field_name("initializer")
        self.scopes.append({})
        if init is not None:
            if kw == "elif":
                raise self.err(init, "unsupported: else if with an initializer")
            self.stmt(init, d)
            self.set_stmt(s)
        cond = self.expr(s.child_by_field_name("condition"))
        self.emit(d, f"{kw} {cond}:")
        self.block(s.child_by_field_name("consequence"), d + 1)
        alt = s.child_by_field_name("alternative")
        if alt is not None:
            if alt.type == "if_statement" and alt.child_by_field_name("initializer") is None:
                self.set_stmt(alt)
                self.s_if_statement(alt, d, "elif")
            else:
                self.emit(d, "else:")
                if alt.type == "if_statement":
                    self.stmt(alt, d + 1)
                else:
                    self.block(alt, d + 1)
        self.scopes.pop()

    # -- loops and jumps --

    def push_construct(self, kind: str, label: str | None) -> Construct:
        """Open a breakable construct (``kind`` loop, switch or select, with an optional label) in this function."""
        self.ncid += 1
        c = Construct(kind, label, self.ncid)
        self.fn.jumps.append(c)
        return c

    def pop_construct(self, c: Construct, d: int) -> None:
        """After an inner construct: finish a jump that crossed it."""
        self.fn.jumps.pop()
        if not c.needs_check:
            return
        parents = [p for p in self.fn.jumps]
        self.emit(d, "if _jmp is not None:")
        if not parents:
            self.emit(d + 1, "_jmp = None")
            return
        p = parents[-1]
        self.emit(d + 1, f"if _jmp[0] == {p.cid}:")
        self.emit(d + 2, "_k = _jmp[1]; _jmp = None")
        self.emit(d + 2, "if _k == 'c': continue")
        self.emit(d + 2, "break")
        self.emit(d + 1, "break")
        p.needs_check = True

    def jump(self, s, d: int, kind: str) -> None:
        """Translate ``break`` (``kind`` "b") or ``continue`` ("c"), labelled or not, out of nested constructs.

        Raises GoSourceError when there is no construct to target."""
        label = s.named_children[0].text.decode() if s.named_children else None
        target = None
        for c in self.constructs_out():
            if c.kind == "goto":  # not a construct break or continue name
                continue
            if label is not None:
                if c.label == label:
                    target = c
                    break
            elif kind == "b" or c.kind == "loop":
                target = c
                break
        if target is None:
            raise self.err(s, f"{'break' if kind == 'b' else 'continue'} is not in a loop, switch, or select")
        if kind == "c" and target.kind != "loop":
            raise self.err(s, "invalid continue label")
        self.leave(target, kind, d)

    def s_break_statement(self, s, d):
        self.jump(s, d, "b")

    def s_continue_statement(self, s, d):
        self.jump(s, d, "c")

    def s_labeled_statement(self, s, d):
        label = s.child_by_field_name("label").text.decode()
        inner = [c for c in s.named_children if c.type != "label_name"]
        if not inner:
            return
        st = inner[0]
        if st.type in ("for_statement", "expression_switch_statement", "type_switch_statement", "select_statement"):
            self.set_stmt(st)
            getattr(self, "s_" + st.type)(st, d, label)
        else:
            self.stmt(st, d)

    def s_for_statement(self, s, d, label=None):
        body = s.child_by_field_name("body")
        clause = [c for c in s.named_children if c.type in ("for_clause", "range_clause")]
        self.scopes.append({})
        self.fn.loop += 1
        c = None
        if not clause:
            cond = [c for c in s.named_children if c.type not in ("block", "comment")]
            c = self.push_construct("loop", label)
            if cond:
                self.emit(d, f"while {self.expr(cond[0])}:")
            else:
                self.emit(d, "while True:")
            self.emit(d + 1, _SPIN)
            self.block(body, d + 1)
        elif clause[0].type == "for_clause":
            fc = clause[0]
            init = fc.child_by_field_name("initializer")
            cond = fc.child_by_field_name("condition")
            upd = fc.child_by_field_name("update")
            if init is not None:
                self.stmt(init, d)
                self.set_stmt(s)
            per_iter = [v for v in self.scopes[-1].values() if v.boxed and v.kind == "local"]
            c = self.push_construct("loop", label)
            if upd is not None:
                first = self.tmp()
                self.emit(d, f"{first} = True")
                self.emit(d, "while True:")
                self.emit(d + 1, _SPIN)
                self.emit(d + 1, f"if not {first}:")
                for v in per_iter:  # Go 1.22: the next iteration's variable starts as a copy
                    self.emit(d + 2, f"{v.py} = _Box({v.py}.v)")
                self.bounded_update = upd if _bounded_counter(init, cond, upd, body) else None
                self.stmt(upd, d + 2)
                self.bounded_update = None
                self.set_stmt(s)
                self.emit(d + 1, f"{first} = False")
                if cond is not None:
                    self.emit(d + 1, f"if not ({self.expr(cond)}): break")
            else:
                self.emit(d, f"while {self.expr(cond) if cond is not None else 'True'}:")
                self.emit(d + 1, _SPIN)
            self.block(body, d + 1)
        else:
            rc = clause[0]
            left = rc.child_by_field_name("left")
            right = rc.child_by_field_name("right")
            define = any(ch.type == ":=" for ch in rc.children)
            if self.yield_types(self.type_of(right)) is not None:
                c = self.range_func(s, d, label, rc)
                self.fn.loop -= 1
                self.scopes.pop()
                self.pop_construct(c, d)
                return
            rtype = self.under(self.type_of(right))
            if rtype is not None and rtype[0] == "func":
                raise self.err(right, f"cannot range over {right.text.decode()} (variable of type "
                                      f"{self.type_str(self.type_of(right))}): {self.not_iterator(rtype)}")
            rexpr = self.expr(right)
            lv = left.named_children if left is not None else []
            kind = rtype[0] if rtype is not None else None
            if kind == "basic" and rtype[1] == "int" or right.type == "int_literal":
                kind = "int"
            elif kind == "basic" and rtype[1] == "string":
                kind = "string"
            c = self.push_construct("loop", label)
            if kind == "chan":
                it = self.tmp()
                self.emit(d, f"{it} = {rexpr}")
                self.emit(d, "while True:")
                self.emit(d + 1, f"_rv, _rok = await _h.recv({it})")
                self.emit(d + 1, "if not _rok: break")
                if lv:
                    tg, setter = self.target(lv[0], rtype[1], define)
                    self.emit(d + 1, setter("_rv") if setter else f"{tg} = _rv")
            else:
                if kind == "int":
                    src = f"range({rexpr})"
                    types = [INT]
                elif kind == "map":
                    src = f"_h.map_items({rexpr})"
                    types = [rtype[1], rtype[2]]
                elif kind == "string":
                    src = f"_h.str_items({rexpr})"
                    types = [INT, INT]
                elif kind in ("slice", "array"):
                    if kind == "array" and len(lv) > 1:  # ranging over an array ranges over a copy of it
                        rexpr = f"list({rexpr})"
                    src = f"enumerate({rexpr} or ())" if len(lv) > 1 else f"range(len({rexpr} or ()))"
                    types = [INT, rtype[-1]]
                else:
                    src = f"_h.range_any({rexpr}, {len(lv)})"
                    types = [None, None]
                    kind = "any"
                if kind in ("int",) or (kind in ("slice", "array") and len(lv) <= 1):
                    lv = lv[:1]
                loop = "async for" if kind == "any" else "for"  # a channel, maybe: receiving awaits
                if not lv:
                    self.emit(d, f"{loop} _ in {src}:")
                    self.emit(d + 1, _SPIN)
                elif len(lv) == 1 and kind != "map":
                    tg, setter = self.target(lv[0], types[0], define)
                    if setter is None:
                        self.emit(d, f"{loop} {tg} in {src}:")
                    else:
                        self.emit(d, f"{loop} _rk in {src}:")
                        self.emit(d + 1, setter("_rk"))
                    self.emit(d + 1, _SPIN)
                else:
                    if len(lv) == 1:
                        src = f"_h.map_keys({rexpr})"
                    targets = [self.target(x, types[i], define) for i, x in enumerate(lv)]
                    if all(t[1] is None for t in targets):
                        self.emit(d, f"{loop} {', '.join(t[0] for t in targets)} in {src}:")
                        self.emit(d + 1, _SPIN)
                    else:
                        tmps = [f"_rk{i}" for i in range(len(lv))]
                        self.emit(d, f"{loop} {', '.join(tmps)} in {src}:")
                        for (tg, setter), tv in zip(targets, tmps, strict=True):
                            self.emit(d + 1, setter(tv) if setter else f"{tg} = {tv}")
                        self.emit(d + 1, _SPIN)
                    if kind in ("slice", "array") and len(lv) > 1 and self.is_struct_value(rtype[-1]):
                        t1 = targets[1][0]
                        if t1 and t1 != "_":
                            self.emit(d + 1, f"{t1} = _h.copy({t1})")
            self.block(body, d + 1)
        self.fn.loop -= 1
        self.scopes.pop()
        self.pop_construct(c, d)

    def yield_types(self, t: Any) -> list | None:
        """The parameter types of the yield function an iterator of type ``t`` takes (``func(yield func(K, V)
        bool)``: [K, V]), or None when ``t`` is not one."""
        seen = 0
        while t is not None and t[0] == "named" and seen < 20:
            binds = dict(zip(self.generic_types.get(t[1], []), t[2], strict=False)) if len(t) > 2 else {}
            t = self.subst(self.named.get(t[1]), binds)
            seen += 1
        if t is None or t[0] != "func" or len(t) < 4 or t[3] is None or t[1] or len(t[3]) != 1:
            return None
        y = self.under(t[3][0])
        if y is None or y[0] != "func" or len(y) < 4 or y[3] is None or len(y[3]) > 2 or \
                [self.under(r) for r in y[1]] != [BOOL]:
            return None
        return list(y[3])

    def not_iterator(self, t: Any) -> str:
        """Why a function of type ``t`` cannot be ranged over, in Go's words."""
        u = self.under(t)
        must = "func must be func(yield func(...) bool)"
        if u is None or len(u) < 4 or u[3] is None:
            return must
        if len(u[3]) != 1:
            return f"{must}: wrong argument count"
        if u[1]:
            return f"{must}: wrong result count"
        y = self.under(u[3][0])
        if y is None or y[0] != "func":
            return f"{must}: argument is not func"
        if len(y) > 3 and y[3] is not None and len(y[3]) > 2:
            return f"{must}: yield func has too many parameters"
        return f"{must}: yield func does not return bool"

    def range_func(self, s, d: int, label: str | None, rc) -> Construct:
        """``for k, v := range seq`` over an iterator function (Go 1.23): the body becomes a nested ``async def``
        (Go's F-rangeN) that seq calls as yield; it returns False to stop. A return or a jump out of the body
        is noted in the loop's exit variable and finished after seq returns (RangeBody)."""
        right = rc.child_by_field_name("right")
        left = rc.child_by_field_name("left")
        body = s.child_by_field_name("body")
        define = any(ch.type == ":=" for ch in rc.children)
        lv = left.named_children if left is not None else []
        ptypes = self.yield_types(self.type_of(right))
        if len(lv) > len(ptypes):
            rt = self.type_of(right)
            var = right.type == "identifier" and getattr(self.lookup(right.text.decode()), "kind", "") in ("local", "global")
            what = (f"{'variable' if var else 'value'} of "
                    f"{'func type' if rt[0] == 'named' else 'type'} {self.type_str(rt)}")
            raise self.err(lv[len(ptypes)], f"range over {right.text.decode()} ({what}) permits only "
                                            f"{['no', 'one', 'two'][len(ptypes)]} iteration "
                                            f"variable{'' if len(ptypes) == 1 else 's'}")
        for n in _own_nodes(body):
            if n.type == "defer_statement":
                raise self.err(n, "unsupported: defer in a range-over-func loop body (Go runs it when the "
                                  "function around the loop returns)")
        seq = self.expr(right)
        parent = self.fn
        c = self.push_construct("loop", label)
        parent.nrange += 1
        self.nclosures += 1
        py = f"L{self.nclosures}"
        rb = RangeBody(c, f"_rs{c.cid}", f"_rf{c.cid}")
        fn = FuncCtx(f"{parent.goname}-range{parent.nrange}", py, parent, parent.top)
        fn.rf = rb
        fn.results = parent.results
        fn.boxed = _addressed(body)
        fn.captured = _captured(body)
        fn.assigned_outer |= {rb.state, rb.exit}
        # Go inlines a loop body into its iterator whenever it can: its frames then print as F-range1(...)
        self.funcs[py] = (fn.goname, self.fileidx, s.start_point[0] + 1, True)
        self.fn = fn
        self.scopes.append({})
        saved_out, saved_lines, saved_cur = self.out, self.lines, self.cur
        self.out, self.lines = [], {}
        params = []
        for i, t in enumerate(ptypes):
            x = lv[i] if i < len(lv) else None
            if define and x is not None and x.type == "identifier":
                v = self.declare(x.text.decode(), t)
                params.append(v.py if v.name != "_" else f"_p{i}")
                if v.boxed:
                    self.emit(0, f"{v.py} = _Box({v.py})")
            else:
                params.append(f"_p{i}")
                if x is not None and x.text != b"_":
                    tg, setter = self.target(x, t, False)
                    self.emit(0, setter(f"_p{i}") if setter else f"{tg} = _p{i}")
        self.block(body, 0)
        if not self.out or not self.out[-1].startswith("return"):
            self.emit(0, "return True")
        lines = [(t, self.lines.get(i + 1, self.cur)) for i, t in enumerate(self.out)]
        self.out, self.lines, self.cur = saved_out, saved_lines, saved_cur
        self.scopes.pop()
        self.fn = parent
        self.depth = d
        head = [f"nonlocal {', '.join(sorted(fn.assigned_outer))}"]
        if fn.globals_assigned:
            head.append(f"global {', '.join(sorted(fn.globals_assigned))}")
        head += ["_jmp = None", f"if {rb.state}: _h.range_continued({rb.state})", "try:"]
        # a panic leaving the body marks the loop (3): the iterator may not call yield again, nor swallow it
        tail = ["except BaseException:", f"    {rb.state} = 3", "    raise"]
        self.emit(d, f"async def {py}({', '.join(params)}):")
        self.out_lines([(h, self.cur) for h in head] + [("    " + t, c) for t, c in lines] +
                       [(t, self.cur) for t in tail], d + 1)
        # the loop in a one-shot while, so that a jump out of the body leaves through pop_construct
        self.emit(d, "while True:")
        self.emit(d + 1, f"{rb.state}, {rb.exit} = 0, None")
        self.emit(d + 1, f"await ({seq})({py})")
        self.emit(d + 1, f"if {rb.state} == 3: _h.range_continued(4)")
        self.emit(d + 1, f"{rb.state} = 2")
        for ex in sorted(rb.exits):
            if ex[0] == "r":
                self.emit(d + 1, f"if {rb.exit} is not None and {rb.exit}[0] == 'r':")
                self.leave_return(rb.exit, d + 2)
            else:
                self.emit(d + 1, f"if {rb.exit} == {ex!r}:")
                target = next(k for k in self.constructs_out() if k.cid == ex[1])
                self.leave(target, ex[2], d + 2)
        self.emit(d + 1, "break")
        return c

    def constructs_out(self) -> list:
        """The constructs a jump from here can target, innermost first, through range-over-func bodies."""
        out = []
        f = self.fn
        while f is not None:
            out.extend(reversed(f.jumps))
            if f.rf is None:
                break
            f = f.parent
        return out

    def leave(self, target: Construct, kind: str, d: int) -> None:
        """Emit a ``break`` (``kind`` "b") or ``continue`` ("c") of construct ``target``."""
        js = self.fn.jumps
        if js and target is js[-1]:
            self.emit(d, "break" if kind == "b" else "continue")
            return
        if target in js:
            self.emit(d, f"_jmp = ({target.cid}, {kind!r})")
            self.emit(d, "break")
            js[-1].needs_check = True
            return
        rb = self.fn.rf
        if target is rb.loop and kind == "c":
            self.emit(d, "return True")
            return
        if target is not rb.loop:
            rb.exits.add(("j", target.cid, kind))
            self.emit(d, f"{rb.exit} = ('j', {target.cid}, {kind!r})")
        self.emit(d, f"{rb.state} = 1")
        self.emit(d, "return False")

    def leave_return(self, values: str, d: int) -> None:
        """Return from the function around range-over-func loops, with what their body noted in ``values``
        (("r", None) for a bare return, ("r", (results...)) otherwise)."""
        rb = self.fn.rf
        if rb is not None:  # still inside an outer loop's body: hand it on
            rb.exits.add(("r",))
            self.emit(d, f"{rb.exit} = {values}; {rb.state} = 1")
            self.emit(d, "return False")
            return
        fn = self.fn
        self.emit(d, f"if len({values}) == 1:")
        self.emit(d + 1, self.return_named())
        if fn.named and fn.has_defer:
            self.emit(d, f"{', '.join(self.ref(v) for v in fn.named)} = {values}[1]")
            self.emit(d, self.return_named())
        else:
            self.emit(d, f"return {values}[1]")

    def s_expression_switch_statement(self, s, d, label=None):
        self.scopes.append({})
        init = s.child_by_field_name("initializer")
        if init is not None:
            self.stmt(init, d)
            self.set_stmt(s)
        val = s.child_by_field_name("value")
        sv = None
        st = self.under(self.type_of(val)) if val is not None else None  # a float tag: case 3 is a float
        if val is not None:
            sv = self.tmp()
            self.emit(d, f"{sv} = {self.expr(val)}")
        c = self.push_construct("switch", label)
        cases = [x for x in s.named_children if x.type in ("expression_case", "default_case")]
        if any(_falls_through(x) for x in cases):
            self.switch_falling(cases, sv, d, st)
            self.scopes.pop()
            self.pop_construct(c, d)
            return
        self.emit(d, "for _ in _ONCE:")
        kw = "if"
        default = None
        for case in cases:
            if case.type == "default_case":
                default = case
                continue
            self.set_stmt(case)
            conds = []
            for e in case.child_by_field_name("value").named_children:
                conds.append(f"{sv} == {self.case_value(e, st)}" if sv is not None else f"({self.expr(e)})")
            self.emit(d + 1, f"{kw} {' or '.join(conds)}:")
            kw = "elif"
            self.case_body(case, d + 2)
        if default is not None:
            self.set_stmt(default)
            if kw == "if":
                self.emit(d + 1, "if True:")
            else:
                self.emit(d + 1, "else:")
            self.case_body(default, d + 2)
        elif kw == "if":
            self.emit(d + 1, "pass")
        self.scopes.pop()
        self.pop_construct(c, d)

    def case_value(self, e, st) -> str:
        """A case's value compared with a switch tag of underlying type ``st``: a constant is a float there."""
        return (self.const_float(e, st) if st == FLOAT else None) or self.expr(e)

    def switch_falling(self, cases, sv, d, st=None) -> None:
        """A switch with ``fallthrough``: choose the case first (Go's order: the cases top to bottom, default
        last), then run the bodies in source order from the chosen one, each falling into the next on request."""
        pick = self.tmp()
        kw = "if"
        for i, case in enumerate(cases):
            if case.type == "default_case":
                continue
            self.set_stmt(case)
            conds = [f"{sv} == {self.case_value(e, st)}" if sv is not None else f"({self.expr(e)})"
                     for e in case.child_by_field_name("value").named_children]
            self.emit(d, f"{kw} {' or '.join(conds)}:")
            self.emit(d + 1, f"{pick} = {i}")
            kw = "elif"
        dflt = next((i for i, c in enumerate(cases) if c.type == "default_case"), -1)
        self.emit(d, f"{'else' if kw == 'elif' else 'if True'}:")
        self.emit(d + 1, f"{pick} = {dflt}")
        self.emit(d, "for _ in _ONCE:")
        for i, case in enumerate(cases):
            self.set_stmt(case)
            self.emit(d + 1, f"if {pick} == {i}:")
            if self.case_body(case, d + 2, fall=i + 1 < len(cases)):
                self.emit(d + 2, f"{pick} = {i + 1}")

    def case_body(self, case, d, fall: bool = False) -> bool:
        """Translate a switch case's statements in their own scope; whether it ends in ``fallthrough``.

        ``fall``: a fallthrough is allowed here (not in the final case, nor in a type switch)."""
        body = [x for x in case.named_children if x.type == "statement_list"]
        stmts = list(body[0].named_children) if body else []
        stmts += [x for x in case.named_children if x.type == "fallthrough_statement"]
        falls = False
        for k, st in enumerate(stmts):
            if st.type == "fallthrough_statement":
                if k != len(stmts) - 1 or case.parent.type == "type_switch_statement":
                    raise self.err(st, "fallthrough statement out of place")
                if not fall:
                    raise self.err(st, "cannot fallthrough final case in switch")
                falls = True
        self.scopes.append({})
        if falls:
            stmts = stmts[:-1]
        if stmts:
            self.stmts(stmts, d)
        else:
            self.emit(d, "pass")
        self.scopes.pop()
        return falls

    def s_type_switch_statement(self, s, d, label=None):
        self.scopes.append({})
        init = s.child_by_field_name("initializer")
        if init is not None:
            self.stmt(init, d)
            self.set_stmt(s)
        alias = s.child_by_field_name("alias")
        val = s.child_by_field_name("value")
        sv = self.tmp()
        self.emit(d, f"{sv} = {self.expr(val)}")
        c = self.push_construct("switch", label)
        self.emit(d, "for _ in _ONCE:")
        kw = "if"
        default = None
        for case in [x for x in s.named_children if x.type in ("type_case", "default_case")]:
            if case.type == "default_case":
                default = case
                continue
            self.set_stmt(case)
            types = [t for t in case.children_by_field_name("type") if t.is_named]  # not the commas between
            specs = [self.type_spec(t) for t in types]
            self.emit(d + 1, f"{kw} {' or '.join(f'_h.is_type({sv}, {sp})' for sp in specs)}:")
            kw = "elif"
            self.scopes.append({})
            if alias is not None:
                single = len(types) == 1 and types[0].text != b"nil"
                v = self.declare(alias.named_children[0].text.decode(),
                                 self.resolve_type(types[0]) if single else None)
                # case T binds the plain value; an interface case, or several types, the interface's
                self.emit(d + 2, f"{v.py} = {self.box_wrap(v, f'_h.unwrap({sv}, {specs[0]})' if single else sv)}")
            self.case_body(case, d + 2)
            self.scopes.pop()
        if default is not None:
            self.set_stmt(default)
            self.emit(d + 1, "if True:" if kw == "if" else "else:")
            self.scopes.append({})
            if alias is not None:
                v = self.declare(alias.named_children[0].text.decode(), None)
                self.emit(d + 2, f"{v.py} = {sv}")
            self.case_body(default, d + 2)
            self.scopes.pop()
        elif kw == "if":
            self.emit(d + 1, "pass")
        self.scopes.pop()
        self.pop_construct(c, d)

    def type_spec(self, t) -> str:
        """The runtime type spec (Python source) of a type node, as ``Helpers.is_type`` takes it; "None" for nil."""
        if t.type == "nil" or t.text == b"nil":
            return "None"
        typ = self.resolve_type(t)
        return self.spec_of(typ)

    def spec_of(self, typ) -> str:
        """The runtime type spec (Python source) of a static type, as ``Helpers.is_type`` takes it."""
        u = typ
        if u[0] == "named":
            under = self.under(u)
            if under is not None and under[0] == "struct":
                return under[1]
            if under is not None and under[0] == "iface":
                return self.k(_iface_spec(under[1]))
            return self.k(("named", u[1], under[0] if under else None,
                           under[1] if under and under[0] == "basic" else None, self.go_type_name(u) or u[1]))
        if u[0] == "ptr":
            return self.spec_of(u[1])
        if u[0] == "iface":
            return self.k(_iface_spec(u[1]))
        if u[0] == "basic":
            return self.k("float32" if is_f32(u) else u[1])
        if u[0] == "ext":  # a library type: time.Time, sync.Mutex...
            return self.k(("ext", u[1]))
        return self.k((u[0],))

    def s_select_statement(self, s, d, label=None):
        cases = [x for x in s.named_children if x.type in ("communication_case", "default_case")]
        specs = []
        has_default = False
        comm = []
        for case in cases:
            if case.type == "default_case":
                has_default = True
                continue
            cm = case.child_by_field_name("communication")
            comm.append((case, cm))
            if cm.type == "send_statement":
                ct = self.under(self.type_of(cm.child_by_field_name("channel")))
                specs.append(f"_h.Send({self.expr(cm.child_by_field_name('channel'))}, "
                             f"{self.expr_as(cm.child_by_field_name('value'), ct[1] if ct and ct[0] == 'chan' else None)})")
            else:
                r = cm.child_by_field_name("right") if cm.type == "receive_statement" else cm
                if r.type == "expression_statement":
                    r = r.named_children[0]
                while r.type == "parenthesized_expression":
                    r = r.named_children[0]
                if r.type != "unary_expression" or r.child_by_field_name("operator").type != "<-":
                    raise self.err(r, "select case must be receive, send or assign recv")
                specs.append(f"_h.Recv({self.expr(r.child_by_field_name('operand'))})")
        sel = self.tmp()
        if not specs and not has_default:
            self.emit(d, "await _h.block('select (no cases)')")
            return
        if len(specs) == 1 and not has_default:
            # the compiler turns a one-case select into the plain operation (its wait reason, and its line:
            # the case's, as Go's tracebacks show it)
            self.set_stmt(comm[0][1])
            sp = specs[0]
            if sp.startswith("_h.Recv("):
                self.emit(d, f"{sel} = (0, *(await _h.recv({sp[len('_h.Recv('):-1]})))")
            else:
                self.emit(d, f"await _h.send({sp[len('_h.Send('):-1]})")
                self.emit(d, f"{sel} = (0, None, True)")
        else:
            self.emit(d, f"{sel} = await _h.select([{', '.join(specs)}], {has_default})")
        c = self.push_construct("select", label)
        self.emit(d, "for _ in _ONCE:")
        kw = "if"
        for i, (case, cm) in enumerate(comm):
            self.set_stmt(case)
            self.emit(d + 1, f"{kw} {sel}[0] == {i}:")
            kw = "elif"
            self.scopes.append({})
            if cm.type == "receive_statement":
                left = cm.child_by_field_name("left")
                if left is not None:
                    define = any(ch.type == ":=" for ch in cm.children)
                    r = cm.child_by_field_name("right")
                    while r.type == "parenthesized_expression":
                        r = r.named_children[0]
                    ct = self.under(self.type_of(r.child_by_field_name("operand")))
                    et = ct[1] if ct is not None and ct[0] == "chan" else None
                    for k, lv in enumerate(left.named_children):
                        tg, setter = self.target(lv, et if k == 0 else BOOL, define)
                        val = f"{sel}[{k + 1}]"
                        self.emit(d + 2, setter(val) if setter else f"{tg} = {val}")
            self.case_body(case, d + 2)
            self.scopes.pop()
        for case in cases:
            if case.type == "default_case":
                self.set_stmt(case)
                self.emit(d + 1, "else:" if kw == "elif" else "if True:")
                kw = "elif"
                self.case_body(case, d + 2)
        self.pop_construct(c, d)

    def s_send_statement(self, s, d):
        ct = self.under(self.type_of(s.child_by_field_name("channel")))
        ch = self.expr(s.child_by_field_name("channel"))
        v = self.expr_as(s.child_by_field_name("value"), ct[1] if ct is not None and ct[0] == "chan" else None)
        self.emit(d, f"await _h.send({ch}, {v})")

    def call_parts(self, call) -> tuple[str, list[str]]:
        """A call's function value and its evaluated arguments, for go and defer."""
        if call.type == "type_conversion_expression":  # go G[T](x): a generic call read as a conversion
            g = self.generic_callee(call.child_by_field_name("type"))
            if g is not None:
                args = [call.child_by_field_name("operand")]
                return g[0], self.generic_args(g[0], g[1], args)
            ic = self.indexed_callee(call.child_by_field_name("type"))
            if ic is not None:  # go fs[i](x)
                return self.indexed_fn(ic), self.call_args([call.child_by_field_name("operand")], None)
        if call.type != "call_expression":
            raise self.err(call, "expression in go/defer must be a function call")
        fnode = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments").named_children
        while fnode.type == "parenthesized_expression":
            fnode = fnode.named_children[0]
        g = self.generic_callee(fnode, call)
        if g is not None:
            return g[0], self.generic_args(g[0], g[1], args)
        if fnode.type == "identifier" and fnode.text.decode() in BUILTINS and self.lookup(fnode.text.decode()) is None:
            name = fnode.text.decode()
            if name not in ("close", "panic", "print", "println", "delete", "recover"):
                raise self.err(fnode, f"unsupported: go/defer {name}")
            return f"_h.builtin_{name}", [self.expr_value(a) for a in args]
        key = self.std_key(fnode)
        if key is not None:
            if key not in STD:
                raise self.err(fnode, f"unsupported: {fnode.text.decode()}")
            return f"_h.{key.replace('.', '_')}", self.call_args(args, key) + self.json_target(key, args)
        return self.expr(fnode), self.call_args(args, None, self.iface_params(fnode, len(args)))

    def json_target(self, key: str | None, args) -> list[str]:
        """json.Unmarshal(data, &v) also takes what v is, as data: the decoder makes Go values of that type;
        errors.As(err, &target) takes the type the target holds, to match the chain's errors against."""
        if key == "errors.As" and len(args) == 2:
            t = self.under(self.type_of(args[1]))
            if t is None or t[0] != "ptr" or t[1] is None:
                raise self.err(args[1], "second argument to errors.As must be a non-nil pointer to either a type "
                                        "that implements error, or to any interface type")
            return [self.spec_of(t[1]) if self.under(t[1])[0] != "ptr" else self.spec_of(self.under(t[1])[1])]
        if key != "json.Unmarshal" or len(args) != 2:
            return []
        t = self.under(self.type_of(args[1]))
        return [self.k(self.jdesc(t[1] if t is not None and t[0] == "ptr" else None))]

    def iface_params(self, fnode, n: int) -> list[bool | str]:
        """For each of ``n`` arguments, whether the callee's parameter there is an interface (``any``,
        ``...any``, ``error``, a named interface): what a duration or a named type handed to it must keep;
        "float32" or "float64" where it is a float (a constant handed to it is one, rounded to float32)."""
        ft = self.under(self.type_of(fnode))
        if ft is None or ft[0] != "func" or len(ft) < 3 or type(ft[2]) is not str or "(" not in ft[2]:
            return []
        sig = ft[2]
        inner = sig[sig.index("(") + 1:]
        depth, cur, params = 0, "", []
        for ch in inner:
            if ch in "([{":
                depth += 1
            elif ch in ")]}":
                if depth == 0:
                    break
                depth -= 1
            if ch == "," and depth == 0:
                params.append(cur.strip())
                cur = ""
            else:
                cur += ch
        if cur.strip():
            params.append(cur.strip())

        def is_iface(text: str) -> bool | str:
            text = text.removeprefix("...")
            v = self.lookup(text) if text.isidentifier() else None
            if text in ("float32", "float64") and (v is None or v.kind != "type"):
                return text
            if text in ("any", "error") or text.startswith("interface"):
                return True
            u = self.under(self.type_var(v, text)) if v is not None and v.kind == "type" else None
            if u == FLOAT:
                return "float32" if is_f32(u) else "float64"  # a named float type: a constant argument is one
            return u is not None and u[0] == "iface"
        flags = [is_iface(p) for p in params]
        if params and params[-1].startswith("...") and flags:
            flags += [flags[-1]] * max(0, n - len(flags))
        return flags[:n]

    def call_args(self, args, key, ifaces: list | None = None) -> list[str]:
        """Python source for call arguments; for ``fmt`` calls, and where the callee's parameter is an
        interface, it wraps what keeps its Go type there: struct pointers (for fmt), named types with
        String/Error methods and durations, so that fmt prints them as Go does; a variadic ``x...`` is
        spread."""
        if len(args) == 1 and args[0].type == "call_expression":
            t = self.type_of(args[0])
            if t is not None and t[0] == "tuple":  # f(g()) passes g's results as f's arguments
                return [f"*{self.expr(args[0])}"]
        out = []
        # fmt and the log functions that format like it: what they print keeps its Go type
        printing = key is not None and key.startswith(("fmt.", "log.Print", "log.Fatal", "log.Panic"))
        floats = STD_FLOAT_PARAMS.get(key, ()) if key is not None else ()
        for i, a in enumerate(args):
            to_iface = printing or bool(ifaces and i < len(ifaces) and ifaces[i] is True)
            u = self.under(self.type_of(a)) if to_iface and a.type != "variadic_argument" else None
            named = self._plain_named(self.type_of(a)) if u is not None else None
            if named is not None and {"String", "Error"} & set(self.methods.get(named, {})):
                u = None  # a named slice or map with a String method (net.IP) prints through it: below
            if u is not None and u[0] in ("slice", "map") and a.type != "nil":
                # a nil slice or map keeps its type in an interface: fmt prints [] and map[], not <nil>
                x = f"_h.or_empty({self.expr_value(a)}, {'[]' if u[0] == 'slice' else '{}'})"
                if u[0] == "slice" and int_kind(self.under(u[1])) == "uint8" and printing:
                    x = f"_h.BytesArg({x})"  # fmt's %s, %q and %x read a []byte as bytes
                elif printing and (spec := self.fmt_spec(self.type_of(a))) not in (None, "('L', None)",
                                                                                  "('M', None, None)"):
                    x = f"_h.fmt_wrap({x}, {spec})"  # []time.Duration prints [1ms 2s], []Level their names
                out.append(x)
                continue
            if a.type == "variadic_argument":
                out.append(f"*({self.expr(a.named_children[0])} or ())")
            elif printing and self._is_struct_ptr(a):
                out.append(f"_h.PtrArg({self.expr(a)})")  # fmt prints a pointer to a struct as &{...}
            elif to_iface and self._plain_named(self.type_of(a)) is not None and \
                    {"String", "Error"} & set(self.methods.get(self._plain_named(self.type_of(a)), {})):
                t = self._plain_named(self.type_of(a))
                m = "Error" if "Error" in self.methods[t] else "String"
                out.append(f"_h.StrArg({method_py(t, m)}, {self.expr(a)}, {self.k(t)})")
            elif to_iface and self.under(self.type_of(a)) == DUR:
                out.append(f"_h.DurArg({self.expr(a)})")
            elif to_iface and not printing and a.type != "unary_expression" and \
                    (cls := self._struct_ptr_class(self.type_of(a))) is not None:  # a nil *T: the iface is not nil
                out.append(f"_h.ptr_in_iface({self.expr_value(a)}, {cls})")
            elif (to_iface or (key is not None and not printing)) and \
                    self._methods_arg(a, to_iface) is not None:
                # a library function takes interfaces there (io.ReadFull's io.Reader, sort.Sort's Interface)
                out.append(self._methods_arg(a, to_iface))
            elif ifaces and i < len(ifaces) and ifaces[i] in ("float32", "float64") and a.type != "variadic_argument":
                out.append(self.expr_as(a, F32 if ifaces[i] == "float32" else FLOAT))
            elif i in floats and a.type != "variadic_argument":  # math.Max(3, x): the constant is a float64
                out.append(self.expr_as(a, FLOAT))
            elif printing and a.type != "variadic_argument" and \
                    (spec := self.fmt_spec(self.type_of(a))) is not None:  # an array of durations, say
                out.append(f"_h.fmt_wrap({self.expr_value(a)}, {spec})")
            else:
                out.append(self.expr_value(a))
        if key in ("fmt.Printf", "fmt.Sprintf", "fmt.Errorf", "fmt.Fprintf", "log.Printf", "log.Fatalf",
                   "log.Panicf") and args and \
                b"%T" in args[0 if key != "fmt.Fprintf" else min(1, len(args) - 1)].text:
            first = 2 if key == "fmt.Fprintf" else 1
            for i, a in enumerate(args):  # %T prints the static type where the value cannot tell it
                name = self.go_type_name(self.type_of(a)) if a.type != "variadic_argument" and i >= first else None
                if a.type == "rune_literal":
                    name = "int32"  # an untyped rune constant is a rune in an interface
                if name is not None:
                    out[i] = f"_h.TypedArg({out[i]}, {self.k(name)})"
        return self.calls_first(args, out)

    def go_type_name(self, t: Any, depth: int = 0) -> str | None:
        """A concrete static type as %T spells it (``int8``, ``[]int``, ``map[string]bool``, ``*main.P``);
        None for an interface (%T prints the dynamic type then) or what cannot be spelled here."""
        if t is None or depth > 6:
            return None
        k = t[0]
        if k == "basic":
            kind = int_kind(t)
            if kind is not None:
                return kind
            if is_f32(t):
                return "float32"
            return {"duration": "time.Duration", "int": "int", "float64": "float64", "string": "string",
                    "bool": "bool"}.get(t[1])
        if k == "named":
            u = self.under(t)
            if u is not None and u[0] == "iface":
                return None
            cls = self.struct_of(t)
            if cls is not None and cls in self.structs and (len(t) < 3):
                return self.structs[cls]["goname"]
            if t[1] in self.local_types:
                return self.local_types[t[1]][1]
            return None if len(t) > 2 else self.shown_type(t[1])
        if k == "struct":
            return self.structs[t[1]]["goname"] if t[1] in self.structs else None
        inner = [self.go_type_name(x, depth + 1) for x in ((t[1],) if k in ("ptr", "slice", "chan") else
                                                           (t[2],) if k == "array" else
                                                           (t[1], t[2]) if k == "map" else ())]
        if not inner or None in inner:
            return None if k != "ext" else t[1]
        if k == "ptr":
            return "*" + inner[0]
        if k == "slice":
            return "[]" + inner[0]
        if k == "chan":
            return "chan " + inner[0]
        if k == "array":
            return f"[{t[1]}]{inner[0]}"
        return f"map[{inner[0]}]{inner[1]}"

    def calls_first(self, nodes, parts: list[str]) -> list[str]:
        """Go evaluates the calls and receives among a call's arguments first, left to right, and reads plain
        variables after them (``Println(n, f())`` prints the n that f left). When an argument list mixes the
        two, the calls go into temporaries first: one starred argument ``*(t1 := ..., (..., t1, ...))[-1]``."""
        def is_call(n) -> bool:
            while n.type == "parenthesized_expression":
                n = n.named_children[0]
            return n.type == "call_expression" or (
                n.type == "unary_expression" and n.child_by_field_name("operator").type == "<-")
        calls = [i for i, n in enumerate(nodes) if n.type != "variadic_argument" and is_call(n)]
        reads = [i for i, n in enumerate(nodes) if i not in calls and n.type not in _LITERALS]
        if not calls or not reads or self.fn is None:
            return parts
        early = []
        for i in calls:
            t = self.tmp()
            early.append(f"({t} := {parts[i]})")
            parts[i] = t
        return [f"*({', '.join(early)}, ({''.join(p + ', ' for p in parts)}))[-1]"]

    def _is_struct_ptr(self, a) -> bool:
        u = self.under(self.type_of(a))
        return u is not None and u[0] == "ptr" and self.struct_of(u[1]) is not None

    def s_go_statement(self, s, d):
        call = s.named_children[0]
        f, args = self.call_parts(call)
        self.emit(d, f"_h.go({f}, ({''.join(a + ', ' for a in args)}), {self.k(self.fn.goname)}, {self.cur[0]}, "
                     f"{self.cur[1]})")

    def s_defer_statement(self, s, d):
        call = s.named_children[0]
        f, args = self.call_parts(call)
        self.emit(d, f"_d.append(({f}, ({''.join(a + ', ' for a in args)})))")

    # -- expressions --

    def _methods_arg(self, e, keep: bool = False) -> str | None:
        """Python source for ``e``, a named non-struct value with methods (no String: StrArg has those), into an
        interface; None when ``e`` is not one. ``keep``: the target is an interface of the program's (any, not
        a library's parameter), where a named number, string or bool without methods keeps its type too (%T
        prints main.T, a type switch tells it from its underlying type)."""
        t = self.type_of(e)
        plain = self._plain_named(t)
        if plain is None or (t is not None and t[0] == "ptr") or \
                "String" in self.methods.get(plain, {}) or "Error" in self.methods.get(plain, {}):
            return None
        u = self.under(t)
        if not self.methods.get(plain) and not (keep and u is not None and u[0] == "basic" and u != DUR):
            return None
        if u is not None and u[0] == "func":
            return None  # a named func type's value already carries its methods (with_methods)
        ms = "".join(f"({go_attr(m)!r}, {method_py(plain, m)}), " for m in sorted(self.methods.get(plain, {})))
        goname = self.go_type_name(("named", plain)) or plain
        return f"_h.methods_arg({self.expr(e)}, {self.k(plain)}, ({ms}), {self.k(goname)})"

    def expr_as(self, e, target) -> str:
        """``e`` as a value of static type ``target``: into an interface, a duration or a named type's value
        with a String method keeps its type (fmt prints it as Go does, a type switch tells it from int)."""
        u = self.under(target)
        if u == FLOAT:
            c = self.const_float(e, u)
            if c is not None:
                return c
        if is_f32(u) and not is_f32(self.under(self.type_of(e))):
            return f"_h.f32({self.expr(e)})"  # an untyped constant becomes the nearest float32
        if u is not None and u[0] == "iface" and e.type != "nil":
            t = self.type_of(e)
            if self.under(t) == DUR:
                return f"_h.DurArg({self.expr(e)})"
            plain = self._plain_named(t)
            if plain is not None and "String" in self.methods.get(plain, {}) and (t is None or t[0] != "ptr"):
                return f"_h.StrArg({method_py(plain, 'String')}, {self.expr(e)}, {self.k(plain)})"
            wrapped_src = self._methods_arg(e, True)
            if wrapped_src is not None:
                return wrapped_src
            cls = self._struct_ptr_class(t)
            if cls is not None and e.type != "unary_expression":  # &T{...} is never nil
                return f"_h.ptr_in_iface({self.expr_value(e)}, {cls})"
        return self.expr_value(e)

    def _struct_ptr_class(self, t) -> str | None:
        """The struct class (Python name) when ``t`` is ``*T`` of the program's struct type T, else None."""
        if t is None or t[0] != "ptr":
            return None
        u = self.under(t[1])
        return u[1] if u is not None and u[0] == "struct" and type(u[1]) is str else None

    def const_float(self, e, u) -> str | None:
        """Python source for ``e`` where a float goes (``u``: float64 or float32, the target's underlying
        type) when ``e`` is an integer constant (``3``, ``'a'``, ``1 << 40``, ``n`` of ``const n = 5``), else
        None. Go converts an untyped constant to the type its context needs: it is a float from the start,
        so fmt prints 1e+08 and %T float64, a type switch and json see a float. A literal: free at run time."""
        if u != FLOAT or e.type not in _INT_CONST_NODES:
            return None
        try:
            v = self.const_value(e)
        except GoSourceError:
            return None
        if type(v) is not int:
            return None
        name = "float32" if is_f32(u) else "float64"
        try:
            if is_f32(u):
                return self.k(_round_f32(v))
            return f"({float(v)!r})" if v < 0 else repr(float(v))
        except OverflowError:
            raise self.err(e, f"cannot use {e.text.decode()} (untyped int constant) as {name} value "
                              f"(overflows)") from None

    def expr_value(self, e) -> str:
        """An expression used as a value that is copied (assignment, argument, send)."""
        x = self.expr(e)
        if e.type in ("identifier", "selector_expression", "index_expression") or (
                e.type == "unary_expression" and e.child_by_field_name("operator").type == "*"):
            if self.is_struct_value(self.type_of(e)):
                return f"_h.copy({x})"
        return x

    def expr(self, e, stmt: bool = False) -> str:
        """Translate an expression by dispatching to ``e_<node type>``; raises GoSourceError for unsupported ones."""
        t = e.type
        m = getattr(self, "e_" + t, None)
        if m is None:
            raise self.err(e, f"unsupported expression ({t.replace('_', ' ')})")
        return m(e)

    def e_parenthesized_expression(self, e):
        return f"({self.expr(e.named_children[0])})"

    def e_identifier(self, e):
        name = e.text.decode()
        v = self.lookup(name)
        if v is None:
            if name in ("true", "false"):
                return "True" if name == "true" else "False"
            raise self.err(e, f"undefined: {name}")
        return self.value_of(v, e)

    def value_of(self, v: Var, e) -> str:
        """Python source reading the declaration ``v`` that expression ``e`` names."""
        name = e.text.decode()
        if v.kind == "const":
            return self.lit(v.value)
        if v.kind == "type":
            raise self.err(e, f"{name} (type) is not an expression")
        if v.kind == "pkg":
            raise self.err(e, f"use of package {name} without selector")
        if v.kind in ("local", "global"):
            return self.ref(v)
        return v.py

    def e_true(self, e):
        return "True"

    def e_false(self, e):
        return "False"

    def e_nil(self, e):
        return "None"

    def e_iota(self, e):
        return self.lit(self.const_value(e))

    def e_int_literal(self, e):
        return self.lit(_parse_int(e.text.decode()))

    def e_float_literal(self, e):
        return self.lit(float(e.text.decode().replace("_", "")))

    def e_rune_literal(self, e):
        return self.lit(_parse_rune(e.text.decode()))

    def e_interpreted_string_literal(self, e):
        return self.lit(self.string_lit(e))

    e_raw_string_literal = e_interpreted_string_literal

    def e_func_literal(self, e):
        return self.func_literal(e)

    def binop(self, op: str, a: str, b: str, ta, tb) -> str:
        """Python source for ``a op b`` with Go's semantics for the static types (integer division, %, &^,
        sized integers wrapping at their width)."""
        ua, ub = self.under(ta), self.under(tb)
        if (is_f32(ua) or is_f32(ub)) and op in ("+", "-", "*", "/"):
            # float32 arithmetic rounds each result; a constant operand is the nearest float32 first
            a, b = (a, f"_h.f32({b})") if not is_f32(ub) else (f"_h.f32({a})", b) if not is_f32(ua) else (a, b)
            return f"_h.f32({self._binop(op, a, b, ua, ub)})"
        kind = int_kind(ua) if op not in ("<<", ">>") else int_kind(ua)
        kind = kind or (int_kind(ub) if op not in ("<<", ">>") else None)
        if op in ("+", "-") and (kind in WIDE or (kind is None and ua == INT and ub == INT)):
            side = ("hi" if op == "+" else "lo") if _nonneg_literal(b) else ""
            return checked(self._binop(op, a, b, ua, ub), kind, side)
        if kind is not None and kind != "int" and op in ("+", "-", "*", "<<", "/", "&^", "^", "|", "&", "%", ">>"):
            return wrapped(self._binop(op, a, b, ua, ub), kind)
        if op in ("*", "<<") and (ua == INT or (ub == INT and op == "*")) and FLOAT not in (ua, ub):
            # plain int wraps at 64 bits where it overflows in practice (hashes multiply and shift); a
            # sum past 2**63 comes back into range at the next product, as arithmetic mod 2**64 does
            if ua == INT and (ub == INT or op == "<<"):
                return wrapped(self._binop(op, a, b, ua, ub), "int64")
            return f"_h.w64({self._binop(op, a, b, ua, ub)})"
        tp = ua if ua is not None and ua[0] == "tparam" else ub if ub is not None and ub[0] == "tparam" else None
        if tp is not None and op in ("+", "-", "*", "<<", "&^", "^", "|", "&", "%", ">>"):
            return f"_h.twrap({tp[2]}, {self._binop(op, a, b, ua, ub)})"  # T may be a sized integer
        if op == "+" and STR in (ua, ub):  # a string that doubles in a loop is an allocation like any other
            return f"_h.cat({a}, {b})"
        return self._binop(op, a, b, ua, ub)

    def _binop(self, op: str, a: str, b: str, ua, ub) -> str:
        ints = (ua == INT or ub == INT) and FLOAT not in (ua, ub)
        if op == "/":
            if ints:
                return f"_h.idiv({a}, {b})"
            if ua == FLOAT or ub == FLOAT:
                return f"_h.fdiv({a}, {b})"
            return f"_h.div({a}, {b})"
        if op == "%":
            return f"_h.imod({a}, {b})"
        if op == "&^":
            return f"({a} & ~{b})"
        if op == "+" and (ua is None and ub is None):
            return f"({a} + {b})"
        return f"({a} {op} {b})"

    def e_binary_expression(self, e):
        op = e.child_by_field_name("operator").type
        ln, rn = e.child_by_field_name("left"), e.child_by_field_name("right")
        if op in ("+", "-", "*", "/") and all(n.type in _CONST_NODES for n in (ln, rn)) and \
                (b"." in e.text or ln.type == "identifier" or rn.type == "identifier"):
            try:
                v = self.const_value(e)  # folded exactly, as Go's untyped constant arithmetic is
            except GoSourceError:
                v = None
            if type(v) is float:
                return self.lit(v)
        if op in ("==", "!=") and (ln.type == "nil" or rn.type == "nil"):
            other = rn if ln.type == "nil" else ln
            return f"({self.expr(other)} {'is' if op == '==' else 'is not'} None)"
        a, b = self.expr(ln), self.expr(rn)
        if op in _FLOAT_OPS:  # x + 3, x == 9007199254740993: the constant is a float64 first, as Go converts it
            ua, ub = self.under(self.type_of(ln)), self.under(self.type_of(rn))
            if ua == FLOAT and not is_f32(ua) and ub != FLOAT:
                b = self.const_float(rn, ua) or b
            elif ub == FLOAT and not is_f32(ub) and ua != FLOAT:
                a = self.const_float(ln, ub) or a
        if op == "&&":
            return f"({a} and {b})"
        if op == "||":
            return f"({a} or {b})"
        if op in ("==", "!="):
            ta, tb = self.under(self.type_of(ln)), self.under(self.type_of(rn))
            if (ta is not None and ta[0] in ("ptr", "chan", "func", "map")) or (
                    tb is not None and tb[0] in ("ptr", "chan", "func", "map")):
                return f"({a} {'is' if op == '==' else 'is not'} {b})"
            a, b = self.f32_sides(ln, rn, a, b)
            return f"({a} {op} {b})"
        if op in ("<", ">", "<=", ">="):
            a, b = self.f32_sides(ln, rn, a, b)
            return f"({a} {op} {b})"
        return self.binop(op, a, b, self.type_of(ln), self.type_of(rn))

    def f32_sides(self, ln, rn, a: str, b: str) -> tuple[str, str]:
        """A constant compared with a float32 is the nearest float32 first, as Go converts it."""
        fa, fb = is_f32(self.under(self.type_of(ln))), is_f32(self.under(self.type_of(rn)))
        if fa and not fb:
            b = f"_h.f32({b})"
        elif fb and not fa:
            a = f"_h.f32({a})"
        return a, b

    def e_unary_expression(self, e):
        op = e.child_by_field_name("operator").type
        x = e.child_by_field_name("operand")
        if op == "<-":
            return f"(await _h.recv({self.expr(x)}))[0]"
        if op == "&":
            while x.type == "parenthesized_expression":
                x = x.named_children[0]
            if x.type == "composite_literal":
                return self.expr(x)
            if x.type == "identifier":
                v = self.lookup(x.text.decode())
                if v is not None and v.kind in ("local", "global"):
                    if self.is_struct_value(v.type):
                        return self.ref(v)
                    if v.boxed:
                        self.ref(v)
                        return v.py
                    if v.kind == "global":
                        return f"_h.GlobalRef(_G, {v.py!r})"
                raise self.err(x, "unsupported: address of this variable")
            if x.type == "selector_expression":
                if self.is_struct_value(self.type_of(x)):
                    return self.expr(x)
                obj = self.expr(x.child_by_field_name("operand"))
                f = go_attr(x.child_by_field_name("field").text.decode())
                return f"_h.FieldRef({obj}, {f!r})"
            if x.type == "index_expression":
                if self.is_struct_value(self.type_of(x)):
                    return self.expr(x)
                return (f"_h.IndexRef({self.expr(x.child_by_field_name('operand'))}, "
                        f"{self.expr(x.child_by_field_name('index'))})")
            raise self.err(x, "unsupported: address of this expression")
        if op == "*":
            t = self.under(self.type_of(x))
            if t is not None and t[0] == "ptr" and self.is_struct_value(t[1]):
                return f"_nn({self.expr(x)})"
            if x.type in ("identifier", "parenthesized_expression") and self.lookup(x.text.decode().strip("()")) \
                    and self.lookup(x.text.decode().strip("()")).kind == "type":
                raise self.err(x, "unsupported: pointer type in expression")
            return f"_h.load({self.expr(x)})"
        if op == "-" and self.exact_of(e) == 0:
            return "0.0"  # Go's constant arithmetic is exact: the constant -0.0 is zero, not IEEE's -0
        a = self.expr(x)
        if op == "!":
            return f"(not {a})"
        kind = int_kind(self.under(self.type_of(x)))  # -int32(MinInt32) and ^uint8(1) wrap at the width
        if op == "^":
            return wrapped(f"~{a}", kind)
        if op == "-" and is_f32(self.under(self.type_of(x))):
            return f"_h.f32(-{a})"
        if op == "-" and x.type != "int_literal" and (kind in WIDE or (kind is None and self.under(self.type_of(x)) == INT)):
            return checked(f"-{a}", kind)  # -MinInt64 is MinInt64
        return wrapped(f"{op}{a}", kind) if op == "-" else f"({op}{a})"

    def e_selector_expression(self, e):
        m = self.member(e)
        if m is not None:  # pkg.Name of a package of this module
            return self.value_of(m, e)
        key = self.std_key(e)
        if key is not None:
            if key in STD_VALUES:
                return f"_h.{key.replace('.', '_')}"
            if key in STD:
                return f"_h.{key.replace('.', '_')}"
            raise self.err(e, f"unsupported: {e.text.decode()}")
        op = e.child_by_field_name("operand")
        raw = e.child_by_field_name("field").text.decode()
        fname = go_attr(raw)
        if op.type == "parenthesized_expression" and op.named_children[0].type == "unary_expression" and \
                op.named_children[0].child_by_field_name("operator").type == "*":
            inner = op.named_children[0].child_by_field_name("operand")
            if inner.type == "identifier" and self.lookup(inner.text.decode()) is not None and \
                    self.lookup(inner.text.decode()).kind == "type":
                return self.method_expr(inner, raw, e)
        if op.type == "identifier" and self.lookup(op.text.decode()) is not None and \
                self.lookup(op.text.decode()).kind == "type":
            return self.method_expr(op, raw, e)
        obj = self.expr(op)
        optype = self.type_of(op)
        cls = self.struct_of(optype)
        if cls is not None:
            p = self.field_path(cls, fname)
            if p is not None:
                return f"_nn({obj}).{'.'.join(p[0])}"
        plain = self._plain_named(optype)
        if plain is not None and raw in self.methods.get(plain, {}):
            # a method of a named non-struct type: values stay plain, so dispatch is static
            return f"_h.bind({method_py(plain, raw)}, {obj})"
        if self.under(optype) == DUR and raw in DUR_RESULTS:  # time.Duration's methods on a plain int
            return f"_h.bind(_h.dur_{raw}, {obj})"
        self.check_selector(e, optype, raw)
        if cls is not None and self._value_method_bound_early(e, cls, raw):
            # v.M as a value, or deferred (defer v.M()): Go copies the receiver now, not when M runs
            return f"_h.copy(_nn({obj})).{fname}"
        return f"_nn({obj}).{fname}"

    def _value_method_bound_early(self, e, cls: str, raw: str) -> bool:
        """Whether ``e`` (x.M, M a value-receiver method of struct class ``cls``) binds its receiver before the
        call runs: a method value, or the function of a ``defer`` or ``go`` statement."""
        m = self.methods.get(self.structs[cls]["tname"], {}).get(raw)
        if m is None or m[0]:  # not a method, or a pointer receiver: the receiver is shared anyway
            return False
        parent = e.parent
        while parent is not None and parent.type == "parenthesized_expression":
            parent = parent.parent
        called = parent is not None and parent.type == "call_expression" and \
            parent.child_by_field_name("function").id == e.id
        if not called:
            return True
        up = parent.parent
        return up is not None and up.type in ("defer_statement", "go_statement")

    def method_expr(self, tnode, raw: str, e) -> str:
        """``T.M`` or ``(*T).M``: the method as a function taking the receiver first; refused unless T has M."""
        shown = tnode.text.decode()
        tname = self.lookup(shown).key or shown
        if raw not in self.methods.get(tname, {}):
            raise self.err(e, f"{e.text.decode()} undefined (type {shown} has no method {raw})")
        return method_py(tname, raw)

    def check_selector(self, e, optype, raw: str) -> None:
        """Refuse ``x.raw`` when x's Go type is known and has no field or method ``raw``, in Go's words.

        What passes here is looked up at run time under its ``g_`` name only, so
        an unknown type can still reach nothing but Go fields and methods."""
        u = self.under(optype)
        if u is not None and u[0] == "ptr":
            base = self.under(u[1])
            if base is not None and base[0] == "ptr":
                u = base  # **T has no fields or methods
            elif base is not None and base[0] in ("struct", "iface", "ext"):
                u = base
        if u is None:
            return
        k = u[0]
        if k == "iface":
            names = u[1]
            if names == "any" or (type(names) is tuple and None not in names and raw not in names) or (
                    names == "error" and raw != "Error"):
                raise self.err(e, f"{e.text.decode()} undefined (type {self.type_str(optype)} has no field or "
                                  f"method {raw})")
            return
        if k == "ext":
            return  # library types: their Go methods are checked at run time (go_api)
        if k == "struct" and self.has_member(u[1], raw):
            return
        if k == "basic" and u[1] == "duration" or (k == "named" and self.named.get(u[1]) is None):
            return
        raise self.err(e, f"{e.text.decode()} undefined (type {self.type_str(optype)} has no field or method {raw})")

    def has_member(self, cls: str, raw: str, depth: int = 0) -> bool:
        """Whether struct class ``cls`` has a field or method ``raw``, its own or promoted from an embedded field."""
        info = self.structs.get(cls)
        if info is None or depth > 8:
            return True  # cannot tell: the run-time lookup decides, under the g_ name
        if go_attr(raw) in info["fields"] or raw in self.methods.get(info["tname"], {}):
            return True
        for e in info["embedded"]:
            t = info["fields"][e]
            u = self.under(t)
            if u is not None and u[0] == "ptr":
                u = self.under(u[1])
            if u is None or u[0] in ("ext", "iface"):
                return True
            if u[0] == "struct" and self.has_member(u[1], raw, depth + 1):
                return True
            name = t[1] if t[0] == "named" else (t[1][1] if t[0] == "ptr" and t[1][0] == "named" else None)
            if name is not None and raw in self.methods.get(name, {}):
                return True
        return False

    def type_str(self, t) -> str:
        """A static type as Go's error messages spell it (``int``, ``*T``, ``[]string``, ``func()``)."""
        if t is None:
            return "invalid type"
        k = t[0]
        if k == "basic":
            return {"duration": "time.Duration"}.get(t[1], t[1])
        if k == "named":
            return self.local_types.get(t[1], (t[1],))[0] + (
                "[" + ", ".join(self.type_str(a) for a in t[2]) + "]" if len(t) > 2 else "")
        if k == "ptr":
            return "*" + self.type_str(t[1])
        if k == "slice":
            return "[]" + self.type_str(t[1])
        if k == "array":
            return f"[{t[1]}]" + self.type_str(t[2])
        if k == "map":
            return f"map[{self.type_str(t[1])}]{self.type_str(t[2])}"
        if k == "chan":
            return "chan " + self.type_str(t[1])
        if k == "func":
            if len(t) > 2 and t[2] is not None:
                return t[2]
            res = t[1] if len(t) > 1 and t[1] else []
            return "func(...)" + ("" if not res else " " + self.type_str(res[0]) if len(res) == 1 else
                                  " (" + ", ".join(self.type_str(r) for r in res) + ")")
        if k == "iface":
            return t[1] if type(t[1]) is str else "interface{...}"
        if k == "struct":
            return self.structs[t[1]]["goname"] if t[1] in self.structs else "struct{...}"
        if k == "ext":
            return t[1]
        return k

    def _plain_named(self, t) -> str | None:
        if t is not None and t[0] == "ptr":
            t = t[1]
        if t is not None and t[0] == "named" and self.named.get(t[1]) is not None and \
                self.named[t[1]][0] != "struct":
            return t[1]
        return None

    def index2(self, e) -> str:
        """Python source for ``v, ok := m[k]``."""
        obj = e.child_by_field_name("operand")
        t = self.under(self.type_of(obj))
        z = self.zero(t[2]) if t is not None and t[0] == "map" else "None"
        return f"_h.mapget2({self.expr(obj)}, {self.index_src(obj, e.child_by_field_name('index'))}, lambda: {z})"

    def index_src(self, obj, idx) -> str:
        """Python source for the index ``idx`` of ``obj``: a constant key of a map with float keys is a float."""
        t = self.under(self.type_of(obj))
        if t is not None and t[0] == "map" and self.under(t[1]) == FLOAT:
            c = self.const_float(idx, self.under(t[1]))
            if c is not None:
                return c
        return self.expr(idx)

    def e_index_expression(self, e):
        obj = e.child_by_field_name("operand")
        if self.generic_callee(e) is not None:  # G[int] as a value
            return self.e_type_instantiation_expression(e)
        t = self.under(self.type_of(obj))
        idx = self.index_src(obj, e.child_by_field_name("index"))
        if t is not None and t[0] == "map":
            return f"_h.mapget({self.expr(obj)}, {idx}, lambda: {self.zero(t[2])})"
        return f"_h.index({self.expr(obj)}, {idx})"

    def e_slice_expression(self, e):
        obj = self.expr(e.child_by_field_name("operand"))
        lo = e.child_by_field_name("start")
        hi = e.child_by_field_name("end")
        mx = e.child_by_field_name("capacity")
        tail = f", {self.expr(mx)}" if mx else ""
        return f"_h.slice({obj}, {self.expr(lo) if lo else 'None'}, {self.expr(hi) if hi else 'None'}{tail})"

    def e_type_assertion_expression(self, e):
        x = self.expr(e.child_by_field_name("operand"))
        tnode = e.child_by_field_name("type")
        spec = self.type_spec(tnode)
        if tnode.type == "pointer_type" or tnode.text.startswith(b"*"):  # Go names the pointer type it wanted
            name = self.go_type_name(self.resolve_type(tnode))
            if name is not None:
                return f"_h.assert_({x}, {spec}, {self.k(name)})"
        return f"_h.assert_({x}, {spec})"

    def assert2(self, e) -> str:
        """Python source for ``v, ok := x.(T)``."""
        x = self.expr(e.child_by_field_name("operand"))
        typ = self.resolve_type(e.child_by_field_name("type"))
        return f"_h.assert2({x}, {self.type_spec(e.child_by_field_name('type'))}, lambda: {self.zero(typ)})"

    def e_type_instantiation_expression(self, e):
        """``G[int, string]`` as a value: the generic function with its type arguments bound."""
        g = self.generic_callee(e)
        if g is None:
            raise self.err(e, f"{e.text.decode()} is not a generic function")
        return f"_h.inst({g[0]}, ({''.join(d + ', ' for d in self.generic_descs(g[0], g[1], []))}))"

    def indexed_callee(self, typ) -> tuple[Any, Any] | None:
        """(value, index) when ``typ``, a conversion's type, is ``fs[i]`` with ``fs`` and ``i`` values:
        the call ``fs[i](x)``, which Go's grammar reads as a conversion to a generic type."""
        if typ.type != "generic_type":
            return None
        base = typ.child_by_field_name("type")
        targs = typ.child_by_field_name("type_arguments").named_children
        if base.type != "type_identifier" or len(targs) != 1:
            return None
        v = self.lookup(base.text.decode())
        if v is None or v.kind == "type" or self.generic_callee(typ) is not None:
            return None
        idx = targs[0].named_children[0] if targs[0].type == "type_elem" and targs[0].named_children else targs[0]
        if idx.type != "type_identifier" or self.lookup(idx.text.decode()) is None:
            return None
        return base, idx

    def indexed_fn(self, ic: tuple[Any, Any]) -> str:
        """Python source for the function value ``fs[i]`` of ``indexed_callee``."""
        t = self.under(self.type_of(ic[0]))
        fs, i = self.e_identifier(ic[0]), self.e_identifier(ic[1])
        return f"_h.mapget({fs}, {i}, lambda: None)" if t is not None and t[0] == "map" else f"_h.index({fs}, {i})"

    def e_type_conversion_expression(self, e):
        g = self.generic_callee(e.child_by_field_name("type"))
        if g is not None:  # G[T](x): a call of a generic function, which Go's grammar reads as a conversion
            args = [e.child_by_field_name("operand")]
            argv = self.generic_args(g[0], g[1], args)
            return f"(await {g[0]}({', '.join(argv)}))"
        ic = self.indexed_callee(e.child_by_field_name("type"))
        if ic is not None:
            argv = self.call_args([e.child_by_field_name("operand")], None)
            return f"(await {self.indexed_fn(ic)}({', '.join(argv)}))"
        typ = self.resolve_type(e.child_by_field_name("type"))
        return self.convert(typ, self.expr(e.child_by_field_name("operand")), e.child_by_field_name("operand"))

    def convert(self, typ, x: str, arg=None) -> str:
        """Python source for the conversion ``T(x)`` (string, integer, float, []byte, []rune; others unchanged);
        ``arg``: the operand's node, when its type decides (string of a []rune)."""
        u = self.under(typ)
        src = self.under(self.type_of(arg)) if arg is not None else None
        if u == STR:
            if src is not None and src[0] == "slice" and int_kind(src[1]) == "int32":
                return f"_h.runes_to_string({x})"
            return f"_h.to_string({x})"
        if u is not None and u[0] == "slice" and int_kind(u[1]) == "int32" and src == STR:
            return f"_h.to_runes({x})"  # []rune(s): the code points, not the bytes
        if u == INT:
            if int_kind(u) in (None, "int") and src is not None and int_kind(src) in ("uint", "uint64", "uintptr"):
                return wrapped(f"int({x})", "int64")  # int(^uint64(0)) is -1
            return wrapped(f"int({x})", int_kind(u))  # uint8(300) is 44, int8(200) is -56
        if u == DUR:
            return f"int({x})"
        if u == FLOAT:
            return f"_h.f32({x})" if is_f32(u) else f"float({x})"
        if u is not None and u[0] == "slice" and u[1] == INT:
            return f"_h.to_bytes({x})"
        plain = self._plain_named(typ) if typ is not None and typ[0] == "named" else None
        if u is not None and u[0] == "func" and plain is not None and self.methods.get(plain):
            ms = ", ".join(f"({go_attr(m)!r}, {method_py(plain, m)})" for m in sorted(self.methods[plain]))
            return f"_h.with_methods({x}, ({ms},))"
        return x

    def composite(self, typ, body) -> str:
        """Python source for a composite literal of type ``typ`` (struct, slice, array or map).

        Raises GoSourceError for an unknown field or an unsupported type."""
        u = self.under(typ)
        elems = [c for c in body.named_children if c.type in ("literal_element", "keyed_element")]
        if u is None:
            raise self.err(body, "unsupported composite literal")
        if u[0] == "struct":
            cls = u[1]
            info = self.structs[cls]
            targs = f"_targs=({''.join(self.desc(a) + ', ' for a in typ[2])})" if typ[0] == "named" and \
                len(typ) > 2 else None
            binds = self.targ_binds(typ, info.get("tparams"))  # Pair[float64]{1, 2}: its fields are float64

            def fld(t: Any) -> Any:
                return self.subst(t, binds) if binds else t
            if elems and elems[0].type == "keyed_element":
                parts = []
                for kv in elems:
                    raw = kv.named_children[0].text.decode()
                    k = go_attr(raw)
                    if k not in info["fields"]:
                        raise self.err(kv, f"unknown field {raw} in struct literal of type {self.type_str(typ)}")
                    saved, self.chan_name = self.chan_name, raw  # a make(chan) in a field is named by it
                    try:
                        parts.append(f"{k}={self.elem(kv.named_children[1], fld(info['fields'][k]))}")
                    finally:
                        self.chan_name = saved
                return f"{cls}({', '.join(parts + ([targs] if targs else []))})"
            if len(elems) > len(info["order"]):
                raise self.err(body, f"too many values in struct literal of type {self.type_str(typ)}")
            vals = [self.elem(el, fld(info["fields"][info["order"][i]])) for i, el in enumerate(elems)]
            return f"{cls}({', '.join(vals + ([targs] if targs else []))})"
        if u[0] in ("slice", "array"):
            et = u[-1]
            if elems and elems[0].type == "keyed_element":
                raise self.err(body, "unsupported: indexed slice literal")
            vals = [self.elem(el, et) for el in elems]
            if u[0] == "array" and len(vals) < u[1]:
                return f"[{', '.join(vals)}] + [{self.zero(et)} for _ in range({u[1] - len(vals)})]"
            return f"[{', '.join(vals)}]"
        if u[0] == "map":
            parts = []
            for kv in elems:
                if kv.type != "keyed_element":
                    raise self.err(kv, "missing key in map literal")
                parts.append(f"{self.elem(kv.named_children[0], u[1])}: {self.elem(kv.named_children[1], u[2])}")
            return "{" + ", ".join(parts) + "}"
        if u[0] == "ext" and u[1] in EXT_ZERO:
            if u[1] == "sync.Cond" and elems:
                kv = elems[0]
                return f"_h.Cond({self.expr(kv.named_children[-1].named_children[0])})"
            if u[1] == "sync.Pool" and elems:  # sync.Pool{New: f}
                kv = elems[0]
                if kv.type != "keyed_element" or kv.named_children[0].text.strip() != b"New":
                    raise self.err(kv, "unknown field in struct literal of type sync.Pool")
                return f"_h.Pool({self.expr(kv.named_children[-1].named_children[0])})"
            return EXT_ZERO[u[1]]
        raise self.err(body, "unsupported composite literal")

    def elem(self, el, typ) -> str:
        """Python source for one element of a composite literal (a nested literal takes the element type)."""
        inner = el.named_children[0] if el.type == "literal_element" else el
        if inner.type == "literal_value":
            t = typ
            u = self.under(t)
            if u is not None and u[0] == "ptr":
                t = u[1]
            return self.composite(t, inner)
        return self.expr_as(inner, typ)

    def e_composite_literal(self, e):
        tnode = e.child_by_field_name("type")
        typ = self.resolve_type(tnode)
        return self.composite(typ, e.child_by_field_name("body"))

    def e_call_expression(self, e):
        fnode = e.child_by_field_name("function")
        argl = e.child_by_field_name("arguments")
        args = argl.named_children
        while fnode.type == "parenthesized_expression":
            fnode = fnode.named_children[0]
        if fnode.type == "identifier":
            name = fnode.text.decode()
            v = self.lookup(name)
            if v is None and name in BUILTINS:
                return self.builtin(name, args, e)
            if v is None and name in BASIC:
                return self.convert(self.resolve_type(fnode_as_type(fnode)), self.expr(args[0]), args[0])
            if v is not None and v.kind == "type":
                x = self.expr_value(args[0])
                return self.convert(self.type_var(v, name), x)
        if fnode.type in ("slice_type", "array_type", "map_type", "pointer_type", "channel_type", "function_type",
                          "qualified_type", "interface_type"):
            return self.convert(self.resolve_type(fnode), self.expr(args[0]), args[0])
        if fnode.type == "unary_expression" and fnode.child_by_field_name("operator").type == "*":
            inner = fnode.child_by_field_name("operand")
            if inner.type == "identifier" and (inner.text.decode() in BASIC or (
                    self.lookup(inner.text.decode()) is not None and self.lookup(inner.text.decode()).kind == "type")):
                return self.expr(args[0])  # (*T)(p): the same pointer
        m = self.member(fnode) if fnode.type == "selector_expression" else None
        if m is not None and m.kind == "type":  # pkg.T(x)
            return self.convert(("named", m.key), self.expr_value(args[0]))
        key = self.std_key(fnode)
        if key is not None:
            if key in STD_TYPES:
                return self.convert(STD_TYPES[key], self.expr(args[0]))
            if key not in STD:
                raise self.err(fnode, f"unsupported: {fnode.text.decode()}")
            if key == "randv2.New" and args and self.type_of(args[0]) not in (None, ("ptr", ("ext", "randv2.PCG"))):
                raise self.err(args[0], "unsupported: rand.New with a source other than a *rand.PCG")
            is_async = STD[key][0]
            call = f"_h.{key.replace('.', '_')}({', '.join(self.call_args(args, key) + self.json_target(key, args))})"
            return f"(await {call})" if is_async else call
        g = self.generic_callee(fnode, e)
        if g is not None:
            argv = self.generic_args(g[0], g[1], args)
            return f"(await {g[0]}({', '.join(argv)}))"
        ft = self.under(self.type_of(fnode))
        if ft is not None and ft[0] in ("basic", "slice", "map", "chan", "array", "struct", "ptr"):
            raise self.err(fnode, f"invalid operation: cannot call non-function {fnode.text.decode()} "
                                  f"(value of type {self.type_str(self.type_of(fnode))})")
        f = self.expr(fnode)
        if len(args) == 1 and args[0].type == "call_expression":
            t = self.type_of(args[0])
            if t is not None and t[0] == "tuple":  # f(g()) passes g's results as f's arguments
                return f"(await {f}(*{self.expr(args[0])}))"
        argv = self.call_args(args, None, self.iface_params(fnode, len(args)))
        if fnode.type == "selector_expression" and fnode.child_by_field_name("field").text == b"Decode" and \
                len(args) == 1 and self.under(self.type_of(fnode.child_by_field_name("operand"))) in (
                    ("ptr", ("ext", "json.Decoder")), ("ext", "json.Decoder")):
            t = self.under(self.type_of(args[0]))  # what the decoder makes: the pointee's type, as data
            argv.append(self.k(self.jdesc(t[1] if t is not None and t[0] == "ptr" else None)))
        return f"(await {f}({', '.join(argv)}))"

    def builtin(self, name: str, args, e) -> str:
        """Python source for a call of the builtin ``name`` (len, append, make, new...) with argument nodes ``args``."""
        if name == "len":
            return f"_h.len_({self.expr(args[0])})"
        if name == "cap":
            return f"_h.cap({self.expr(args[0])})"
        if name == "append":
            st = self.under(self.type_of(args[0]))
            et = st[1] if st is not None and st[0] == "slice" else None
            elem = self.k((self.elem_size(et), None)) if et is None else f"({self.elem_size(et)}, lambda: {self.zero(et)})"
            if len(args) == 2 and args[1].type == "variadic_argument":
                return f"_h.extend({self.expr(args[0])}, {elem}, {self.expr(args[1].named_children[0])})"
            vals = [self.expr_as(a, et) if self.under(et) == FLOAT else self.expr_value(a) for a in args[1:]]
            return f"_h.append({self.expr(args[0])}, {elem}{''.join(', ' + v for v in vals)})"
        if name == "make":
            typ = self.resolve_type(args[0])
            u = self.under(typ)
            if u[0] == "chan":
                name = self.chan_name
                n = self.expr(args[1]) if len(args) > 1 else "0"
                dial = self.dial_key(e, name)
                tail = (", " + self.k(name) if name or dial else "") + (", " + self.k(dial) if dial else "")
                return f"_h.make_chan({n}, {self.zero(u[1])}{tail})"
            if u[0] == "map":
                return "{}"
            if u[0] == "slice":
                n = self.expr(args[1]) if len(args) > 1 else "0"
                cap = f", {self.expr(args[2])}" if len(args) > 2 else ""
                # a call, not a comprehension: n may hold a hoisted call (calls_first), which Python does not
                # allow in a comprehension's iterable
                return f"_h.make_slice({n}, lambda: {self.zero(u[1])}{cap})"
            raise self.err(args[0], "cannot make this type")
        if name == "new":
            typ = self.resolve_type(args[0])
            if self.is_struct_value(typ):
                return self.zero(typ)
            return f"_Box({self.zero(typ)})"
        if name == "delete":
            return f"_h.delete({self.expr(args[0])}, {self.index_src(args[0], args[1])})"
        if name == "close":
            return f"_h.builtin_close({self.expr(args[0])})"
        if name == "panic":
            return f"_h.builtin_panic({self.expr_value(args[0])})"
        if name == "recover":
            return "_h.builtin_recover()"
        if name in ("print", "println"):
            return f"_h.builtin_{name}({', '.join(self.expr(a) for a in args)})"
        if name == "copy":
            return f"_h.copy_slice({self.expr(args[0])}, {self.expr(args[1])})"
        if name in ("min", "max"):
            ft = next((u for u in (self.under(self.type_of(a)) for a in args) if u == FLOAT), None)
            return f"{name}({', '.join((self.const_float(a, ft) if ft else None) or self.expr(a) for a in args)})"
        if name == "clear":
            return f"_h.clear({self.expr(args[0])})"
        raise self.err(e, f"unsupported builtin {name}")

    # -- static types, best effort --

    def type_of(self, e) -> Any:
        """The static type of expression ``e``, or None when it cannot be told."""
        try:
            return self._type_of(e)
        except GoSourceError:
            return None

    def _type_of(self, e) -> Any:
        t = e.type
        if t == "identifier":
            v = self.lookup(e.text.decode())
            return v.type if v is not None else None
        if t == "int_literal":
            return INT
        if t == "float_literal":
            return FLOAT
        if t in ("interpreted_string_literal", "raw_string_literal"):
            return STR
        if t == "rune_literal":
            return INT
        if t in ("true", "false"):
            return BOOL
        if t == "parenthesized_expression":
            return self.type_of(e.named_children[0])
        if t == "composite_literal":
            return self.resolve_type(e.child_by_field_name("type"))
        if t == "func_literal":
            return ("func", self.result_types(e.child_by_field_name("result")), _sig(e), self.param_types_or_none(e))
        if t == "unary_expression":
            op = e.child_by_field_name("operator").type
            x = e.child_by_field_name("operand")
            if op == "&":
                return ("ptr", self.type_of(x))
            if op == "*":
                u = self.under(self.type_of(x))
                return u[1] if u is not None and u[0] == "ptr" else None
            if op == "<-":
                u = self.under(self.type_of(x))
                return u[1] if u is not None and u[0] == "chan" else None
            if op == "!":
                return BOOL
            return self.type_of(x)
        if t == "binary_expression":
            op = e.child_by_field_name("operator").type
            if op in ("==", "!=", "<", ">", "<=", ">=", "&&", "||"):
                return BOOL
            a = self.type_of(e.child_by_field_name("left"))
            b = self.type_of(e.child_by_field_name("right"))
            if is_f32(self.under(a)) or is_f32(self.under(b)):
                return a if is_f32(self.under(a)) else b
            if FLOAT in (self.under(a), self.under(b)):
                return FLOAT
            if DUR in (self.under(a), self.under(b)) and op in ("*", "+", "-", "/", "%"):
                return DUR
            return a or b
        if t == "selector_expression":
            m = self.member(e)
            if m is not None:
                return None if m.kind == "type" else m.type
            key = self.std_key(e)
            if key is not None:
                return STD_VALUES.get(key)
            op = e.child_by_field_name("operand")
            ot = self.type_of(op)
            raw = e.child_by_field_name("field").text.decode()
            fname = go_attr(raw)
            if raw == "C" and ot in (("ptr", ("ext", "time.Timer")), ("ptr", ("ext", "time.Ticker"))):
                return ("chan", ("ext", "time.Time"))
            cls = self.struct_of(ot)
            if cls is not None:
                binds = self.targ_binds(ot, self.structs[cls].get("tparams"))
                p = self.field_path(cls, fname)
                if p is not None:
                    return self.subst(p[1], binds)
                tname = self.structs[cls]["tname"]
                m = self.methods.get(tname, {}).get(raw)
                if m is not None:
                    return self.subst(("func", m[1], m[2], m[4]), self.targ_binds(ot, m[3]))
            plain = self._plain_named(ot)
            if plain is not None and raw in self.methods.get(plain, {}):
                m = self.methods[plain][raw]
                return ("func", m[1], m[2], m[4])
            u = self.under(ot)
            if u is not None and u[0] == "iface":
                return self.iface_sigs.get(u, {}).get(raw)
            if u == DUR and raw in DUR_RESULTS:
                return ("func", [DUR_RESULTS[raw]], "")
            if u is not None and u[0] == "ptr":
                u = u[1]
            if u is not None and u[0] == "ext" and (u[1], raw) in EXT_RESULTS:
                return ("func", [EXT_RESULTS[(u[1], raw)]], "")
            return None
        if t == "index_expression":
            u = self.under(self.type_of(e.child_by_field_name("operand")))
            if u is None:
                return None
            if u[0] == "map":
                return u[2]
            if u[0] in ("slice", "array"):
                return u[-1]
            if u == STR:
                return INT
            return None
        if t == "slice_expression":
            return self.type_of(e.child_by_field_name("operand"))
        if t == "type_assertion_expression":
            return self.resolve_type(e.child_by_field_name("type"))
        if t == "type_conversion_expression":
            g = self.generic_callee(e.child_by_field_name("type"))
            if g is not None:
                binds = self.type_args(g[0], g[1], [e.child_by_field_name("operand")])
                return self.subst(self._result(g[2].type), binds)
            ic = self.indexed_callee(e.child_by_field_name("type"))
            if ic is not None:
                u = self.under(self.type_of(ic[0]))
                return self._result(u[-1]) if u is not None and u[0] in ("slice", "array", "map") else None
            return self.resolve_type(e.child_by_field_name("type"))
        if t == "call_expression":
            fnode = e.child_by_field_name("function")
            args = e.child_by_field_name("arguments").named_children
            while fnode.type == "parenthesized_expression":
                fnode = fnode.named_children[0]
            g = self.generic_callee(fnode, e)
            if g is not None:
                binds = self.type_args(g[0], g[1], args)
                return self.subst(self._result(g[2].type), binds)
            if fnode.type == "identifier":
                name = fnode.text.decode()
                v = self.lookup(name)
                if v is None:
                    if name in ("make", "new") and args:
                        typ = self.resolve_type(args[0])
                        return typ if name == "make" else ("ptr", typ)
                    if name in ("len", "cap"):
                        return INT
                    if name == "append" and args:
                        return self.type_of(args[0])
                    if name in BASIC:
                        return self.resolve_type(fnode_as_type(fnode))
                    return None
                if v.kind == "type":
                    return self.type_var(v, name)
                return self._result(v.type)
            if fnode.type in ("slice_type", "map_type", "pointer_type", "qualified_type"):
                return self.resolve_type(fnode)
            key = self.std_key(fnode)
            if key is not None:
                if key in STD_TYPES:
                    return STD_TYPES[key]
                if key == "randv2.N" and args:  # generic: it gives what it is given (a Duration, say)
                    return self.type_of(args[0])
                return STD.get(key, (False, None))[1]
            return self._result(self.type_of(fnode))
        return None

    def targ_binds(self, t: Any, names: list | None) -> dict:
        """Type parameter name -> type argument, for a value of instantiated generic type ``t`` (or a pointer)."""
        if t is not None and t[0] == "ptr":
            t = t[1]
        if not names or t is None or t[0] != "named" or len(t) < 3:
            return {}
        return dict(zip(names, t[2], strict=False))

    def _result(self, ft) -> Any:
        u = self.under(ft)
        if u is None or u[0] != "func" or len(u) < 2:
            return None
        res = u[1]
        if len(res) == 1:
            return res[0]
        if len(res) > 1:
            return ("tuple", res)
        return None


# a loop that never blocks is preempted now and then, as Go's sysmon does after 10 ms
_SPIN = "if _h.spin(): await _h.preempt()"


def _sig(n) -> str:
    """A function's type as Go's messages spell it: ``func(int, ...string) (int, error)``."""
    def types(plist, variadic_ok=True) -> list[str]:
        out = []
        for p in plist.named_children if plist is not None else []:
            t = p.child_by_field_name("type")
            if t is None:
                continue
            text = " ".join(t.text.decode().split())
            if p.type == "variadic_parameter_declaration":
                text = "..." + text
            out += [text] * max(1, len(p.children_by_field_name("name")))
        return out
    ps = types(n.child_by_field_name("parameters"))
    r = n.child_by_field_name("result")
    res = "" if r is None else (" " + " ".join(r.text.decode().split()) if r.type != "parameter_list" else
                                " (" + ", ".join(types(r)) + ")" if len(types(r)) != 1 else " " + types(r)[0])
    return f"func({', '.join(ps)}){res}"


def _iface_spec(names: Any) -> tuple:
    """The run-time spec of an interface: its methods' ``g_`` attributes (or its name: error, any, context.Context)."""
    if type(names) is tuple:
        return ("iface",) + tuple(go_attr(n) if type(n) is str else n for n in names)
    return ("iface", names)


def go_name_of_attr(attr: str) -> str:
    """The Go name ``go_attr`` made ``attr`` from (for what fmt prints)."""
    return unmangle(attr, "g") or attr


class _TooMany(Exception):
    """More refusals than are worth listing: stop translating."""


MAX_ERRORS = 10  # go build lists 10 errors, then "too many errors"
MAX_CONST_STRING = 1 << 20
MAX_CONST_BITS = 512  # Go's untyped constants keep at least 256 bits; more is an overflow here


def fnode_as_type(n):
    """An identifier node seen as a type name node (for conversions like ``int(x)``)."""
    return _FakeType(n)


class _FakeType:
    """An identifier used as a type name (``int(x)``)."""

    type = "type_identifier"

    def __init__(self, n) -> None:
        self.text = n.text
        self.start_point = n.start_point


def _round_f32(v: int) -> F32value:
    """The integer ``v`` rounded once to the nearest float32 (ties to even), as Go converts a constant; raises
    OverflowError past float32's range. (Through a float64 first, a 54-bit or wider integer would round twice.)"""
    n = abs(v).bit_length()
    m = abs(v)
    if n > 24:
        shift = n - 24
        q, r = divmod(m, 1 << shift)
        half = 1 << (shift - 1)
        if r > half or (r == half and q & 1):
            q += 1
        m = q << shift
    if m > 2**128 - 2**104:  # rounded past MaxFloat32
        raise OverflowError
    return F32value(float(m) if v >= 0 else -float(m))


def _const_type(v: Any) -> Any:
    if isinstance(v, bool):
        return BOOL
    if isinstance(v, int):
        return INT
    if isinstance(v, float):
        return FLOAT
    return STR


def _parse_int(text: str) -> int:
    t = text.replace("_", "").lower()
    if len(t) > 1 and t[0] == "0" and t[1].isdigit():
        return int(t[1:], 8)
    return int(t, 0)


def _parse_rune(text: str) -> int:
    try:
        return ord(ast.literal_eval(text))
    except (SyntaxError, ValueError, TypeError):
        return ord(text[1])


_LITERALS = {"int_literal", "float_literal", "rune_literal", "interpreted_string_literal", "raw_string_literal",
             "true", "false", "nil", "func_literal"}


def _falls_through(case) -> bool:
    body = [x for x in case.named_children if x.type == "statement_list"]
    stmts = list(body[0].named_children) if body else []
    return any(x.type == "fallthrough_statement" for x in stmts + list(case.named_children))


def _package_name(path: str) -> str:
    """The name a standard package is used by: its last element, or the one before a major version (v2)."""
    parts = path.split("/")
    if len(parts) > 1 and parts[-1][:1] == "v" and parts[-1][1:].isdigit():
        return parts[-2]
    return parts[-1]


def _import_specs(n) -> list:
    """The import_spec nodes of an import declaration."""
    out = []
    for c in n.named_children:
        out.extend(c.named_children if c.type == "import_spec_list" else [c])
    return [c for c in out if c.type == "import_spec"]


def _type_node(n):
    """A type argument's type node (``Sum[int]`` parses its argument as an expression)."""
    if n.type == "type_elem" and n.named_children:
        return n.named_children[0]
    if n.type == "identifier":
        return _FakeType(n)
    return n


def _receiver(rt) -> tuple[bool, str, list[str]]:
    """A method receiver's type node -> (is pointer, type name, the type parameter names it declares)."""
    ptr = rt.type == "pointer_type"
    base = rt.named_children[0] if ptr else rt
    while base.type == "parenthesized_type":
        base = base.named_children[0]
    if base.type == "generic_type":
        names = [te.text.decode() for te in base.child_by_field_name("type_arguments").named_children]
        return ptr, base.child_by_field_name("type").text.decode(), names
    return ptr, base.text.decode(), []


def _walk(node):
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(n.children)


def _bounded_counter(init, cond, upd, body) -> bool:
    """``for i := a; i < n; i++`` (or ``i > n; i--``) where nothing but the update writes
    ``i``: i+1 stays within n's type, so the update needs no range check (the commonest loop pays nothing)."""
    if init is None or cond is None or upd.type not in ("inc_statement", "dec_statement") or \
            cond.type != "binary_expression" or init.type != "short_var_declaration":
        return False
    v = upd.named_children[0]
    name = v.text
    if v.type != "identifier" or not any(n.type == "identifier" and n.text == name
                                         for n in init.child_by_field_name("left").named_children):
        return False  # declared by the loop: no closure from before it can write it
    op = cond.child_by_field_name("operator").type
    left, right = cond.child_by_field_name("left"), cond.child_by_field_name("right")
    if right.type == "identifier" and right.text == name:
        op = {"<": ">", ">": "<"}.get(op, op)
    elif not (left.type == "identifier" and left.text == name):
        return False
    # i >= 0; i-- is left checked: for a uint it is always true, and i wraps
    ok = op == ("<" if upd.type == "inc_statement" else ">")
    return ok and not _writes(body, name) and not _writes(cond, name)


def _writes(node, name: bytes) -> bool:
    """Whether ``node`` may write the variable ``name``: assigns, declares, steps or addresses it, calls a method
    on it, or mentions it in a func literal."""
    def direct(n) -> bool:
        while n.type == "parenthesized_expression" and n.named_children:
            n = n.named_children[0]
        return n.type == "identifier" and n.text == name
    for n in _walk(node):
        t = n.type
        if t in ("assignment_statement", "short_var_declaration", "range_clause"):
            left = n.child_by_field_name("left")
            if left is not None and any(direct(x) for x in ([left] + left.named_children)):
                return True
        elif t in ("inc_statement", "dec_statement"):
            if direct(n.named_children[0]):
                return True
        elif t == "unary_expression" and n.child_by_field_name("operator").type == "&":
            if direct(n.child_by_field_name("operand")):
                return True
        elif t == "selector_expression":
            if direct(n.child_by_field_name("operand")):
                return True
        elif t == "func_literal" and any(m.type == "identifier" and m.text == name for m in _walk(n)):
            return True
    return False


def _addressed(body) -> set[str]:
    """Go names whose address is taken with & in ``body`` (they live in boxes)."""
    out = set()
    if body is None:
        return out
    for n in _walk(body):
        if n.type == "unary_expression" and n.child_by_field_name("operator").type == "&":
            x = n.child_by_field_name("operand")
            if x.type == "identifier":
                out.add(x.text.decode())
    return out


def _captured(body) -> set[str]:
    """Go names used inside the func literals nested in ``body``."""
    out: set[str] = set()
    if body is None:
        return out
    for n in _walk(body):
        if n.type == "func_literal":
            for m in _walk(n):
                if m.type == "identifier":
                    out.add(m.text.decode())
    return out


def _has_defer(body) -> bool:
    for n in _walk(body):
        if n.type == "defer_statement":
            return True
        if n.type == "func_literal" and n is not body:
            continue
    return any(n.type == "defer_statement" for n in _own_nodes(body))


def _own_nodes(body):
    stack = [body]
    while stack:
        n = stack.pop()
        yield n
        for c in n.children:
            if c.type != "func_literal":
                stack.append(c)


def compile_files(files: list[tuple[str, bytes]], tests: bool = False) -> Program:
    """Parse, check and translate the files of package main and the packages of its module they import
    (``tests``: the first file's package, whatever its name, with its tests, for ``leakviz test``)."""
    from .gomod import module_of, with_modelled
    c = Compiler(with_modelled(files), module_of(files), tests)
    try:
        return c.compile()
    except _TooMany:
        raise c.all_errors() from None
    except GoSourceError as e:
        if c.errors:
            raise c.all_errors(e) from None
        raise
    except (RecursionError, SyntaxError, KeyError, IndexError, TypeError, ValueError, AttributeError) as e:
        if c.errors:  # a follow-on of an earlier refusal: those are what to show
            raise c.all_errors() from None
        # a construct the translation does not handle: say where, never a traceback
        fi, line, nid = c.cur
        col = c.nodes[nid].start_point[1] + 1 if c.nodes and 0 <= nid < len(c.nodes) else 1
        raise GoSourceError(c.files[fi] if c.files else "?", max(line, 1), col,
                            f"unsupported Go here ({type(e).__name__}: {e})") from None


def _goto_labels(block) -> set[str]:
    """The labels ``goto`` statements name in the function around ``block`` (not in nested func literals)."""
    fn = block
    while fn is not None and fn.type not in _FUNC_NODES:
        fn = fn.parent
    if fn is None or b"goto" not in fn.text:
        return set()
    out: set[str] = set()
    todo = [fn]
    while todo:
        n = todo.pop()
        for ch in n.named_children:
            if ch.type == "goto_statement" and ch.named_children:
                out.add(ch.named_children[0].text.decode())
            elif ch.type != "func_literal":
                todo.append(ch)
    return out
