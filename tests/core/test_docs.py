"""Every public name under visualizer/ has a docstring, save an explicit, justified allowlist.

Public: a class, or a function or method defined at module level or in a class body (recursively), whose name
does not start with ``_``. Functions nested in functions are not public.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "visualizer"

# Qt's virtual methods, overridden in visualizer/gui: Qt documents what they do and when Qt calls them.
QT_OVERRIDES = frozenset({
    "changeEvent", "closeEvent", "dragEnterEvent", "dragMoveEvent", "dropEvent", "hasHeightForWidth",
    "heightForWidth", "minimumSizeHint", "mouseMoveEvent", "mousePressEvent", "paintEvent", "resizeEvent",
    "showEvent", "sizeHint",
})

# golang/compile.py: Compiler's tree-walking visitors, one per tree-sitter-go node type, named s_<statement type>
# and e_<expression type>; Compiler.stmt/expr dispatch to them and the Compiler docstring explains the pattern.
VISITOR_FILE = "visualizer/golang/compile.py"
VISITOR = re.compile(r"Compiler\.[se]_[a-z_]+")

# golang/stdlib/: a module-level function <package>_<Name> declared with @std("package.Name", ...) is Go's
# standard-library function package.Name (strings_Contains is strings.Contains), and a capitalised method of a class
# modelling a Go type (GoMutex.Lock, Context.Done, ...) is that Go method: both are documented by Go; the registry's
# docstring (golang/stdlib/registry.py) says so. values.py models the language's own (StrArg, GoError).
GO_LIBRARY_DIR = "visualizer/golang/stdlib/"
GO_LIBRARY_FILES = frozenset({"visualizer/golang/values.py"})
GO_FUNCTION = re.compile(r"[a-z0-9]+_[A-Z][A-Za-z0-9]*")
GO_TYPES = ("Writer|Time|GoMutex|GoRWMutex|GoWaitGroup|GoCond|GoOnce|SyncMap|Builder|AtomicInt|Timer|Context|Profile"
            "|StrArg|GoError")
GO_METHOD = re.compile(rf"(?:{GO_TYPES})\.[A-Z][A-Za-z0-9]*")


def public_defs(path: Path):
    """(qualname, node, is_method) of every public def/class of one module, classes searched recursively."""
    tree = ast.parse(path.read_text(encoding="utf-8"))

    def walk(node, prefix, in_class):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                if child.name.startswith("_"):
                    continue
                qual = prefix + child.name
                yield qual, child, in_class
                if isinstance(child, ast.ClassDef):
                    yield from walk(child, qual + ".", True)

    yield from walk(tree, "", False)


def _is_setter(node) -> bool:
    return any(isinstance(d, ast.Attribute) and d.attr in ("setter", "deleter") for d in node.decorator_list)


def allowed(rel: str, qual: str, node, is_method: bool, documented: set[str]) -> str | None:
    """Why an undocumented public name is acceptable, or None."""
    if is_method and _is_setter(node) and qual in documented:
        return "a property's setter shares its getter's docstring"
    if rel.startswith("visualizer/gui/") and is_method and node.name in QT_OVERRIDES:
        return "Qt override"
    if rel == VISITOR_FILE and VISITOR.fullmatch(qual):
        return "tree-walking visitor"
    go_library = rel in GO_LIBRARY_FILES or rel.startswith(GO_LIBRARY_DIR)
    if go_library and is_method and GO_METHOD.fullmatch(qual):
        return "Go's own library"
    if rel.startswith(GO_LIBRARY_DIR) and not is_method and GO_FUNCTION.fullmatch(qual) and _declared(node):
        return "Go's own library"
    return None


def _declared(node) -> bool:
    """Whether a function is in the standard library's registry: ``@std("pkg.Name", ...)``, or
    ``@helper("dur_String")`` (a Go method of time.Duration, durations being plain ints)."""
    return any(isinstance(d, ast.Call) and getattr(d.func, "id", "") in ("std", "helper") for d in node.decorator_list)


def undocumented(root: Path = PKG) -> list[str]:
    """'path:line qualname' of every public def/class under ``root`` without a docstring and not allowed."""
    out = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent).as_posix()
        defs = list(public_defs(path))
        documented = {q for q, n, _m in defs if ast.get_docstring(n) is not None and not _is_setter(n)}
        for qual, node, is_method in defs:
            if ast.get_docstring(node) is None and allowed(rel, qual, node, is_method, documented) is None:
                out.append(f"{rel}:{node.lineno} {qual}")
    return out


def test_every_public_name_has_a_docstring():
    missing = undocumented()
    assert missing == [], f"{len(missing)} public name(s) without a docstring:\n" + "\n".join(missing)


def test_every_allowed_qt_name_is_overridden_in_the_gui():
    # a name no longer overridden must leave the allowlist rather than excuse some future method
    used = {n.name for path in (PKG / "gui").rglob("*.py") for _q, n, m in public_defs(path) if m}
    assert sorted(QT_OVERRIDES - used) == []


def test_the_visitor_and_go_library_patterns_are_explained_where_they_live():
    classes = {q: n for q, n, _m in public_defs(ROOT / VISITOR_FILE)}
    doc = ast.get_docstring(classes["Compiler"]) or ""
    assert "s_" in doc and "e_" in doc
    files = sorted(GO_LIBRARY_FILES) + sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / GO_LIBRARY_DIR).glob("*.py"))
    defs = {q: n for f in files for q, n, _m in public_defs(ROOT / f)}
    registry = ast.get_docstring(ast.parse((ROOT / GO_LIBRARY_DIR / "registry.py").read_text(encoding="utf-8")))
    assert '@std("strings.Contains"' in registry and "strings_Contains" in registry
    # each class whose Go methods are excused says which Go type it is
    assert [t for t in GO_TYPES.split("|") if ast.get_docstring(defs[t]) is None] == []


def test_the_check_finds_what_it_must(tmp_path):
    pkg = tmp_path / "visualizer"
    (pkg / "gui").mkdir(parents=True)
    (pkg / "core").mkdir()
    (pkg / "gui" / "view.py").write_text(
        "class View:\n"
        '    """A view."""\n'
        "    def paintEvent(self, e):\n        pass\n"
        "    def set_snapshot(self, s):\n        pass\n"
        "    def _private(self):\n        pass\n")
    (pkg / "core" / "mod.py").write_text(
        "def run():\n    def nested():\n        pass\n"
        "class Box:\n"
        "    @property\n    def size(self):\n        return 1\n"
        "    @size.setter\n    def size(self, v):\n        pass\n"
        "    def paintEvent(self, e):\n        pass\n"
        "    class Inner:\n        def go(self):\n            pass\n")
    assert undocumented(pkg) == [
        "visualizer/core/mod.py:1 run",
        "visualizer/core/mod.py:4 Box",
        "visualizer/core/mod.py:6 Box.size",
        "visualizer/core/mod.py:9 Box.size",  # its getter has no docstring to share
        "visualizer/core/mod.py:11 Box.paintEvent",  # Qt's names are only Qt's in gui/
        "visualizer/core/mod.py:13 Box.Inner",
        "visualizer/core/mod.py:14 Box.Inner.go",
        "visualizer/gui/view.py:5 View.set_snapshot",
    ]
