"""go.mod and the packages it brings: which module a file belongs to, and the third-party packages leakviz
models in Go of its own (golang/modelled/). Used by the compiler; reading a module's folders is module.py's."""

from __future__ import annotations

import re
from pathlib import Path

import tree_sitter
import tree_sitter_go

_LANG = tree_sitter.Language(tree_sitter_go.language())
MAX_GOMOD = 1 << 20
_MODULE = re.compile(r"^\s*module\s+(\"[^\"]+\"|\S+)", re.M)


def find_module(start: Path) -> tuple[str, str] | None:
    """(module path, root folder) of the go.mod at or above folder ``start``, or None outside a module."""
    try:
        d = start.resolve()
    except (OSError, RuntimeError):
        return None
    for folder in (d, *d.parents):
        mod = folder / "go.mod"
        try:
            if not mod.is_file():
                continue
            with mod.open("rb") as f:
                text = f.read(MAX_GOMOD).decode(errors="replace")
        except OSError:
            return None
        m = _MODULE.search(text)
        return (m.group(1).strip('"'), str(folder)) if m else None
    return None


def module_of(files: list[tuple[str, bytes]]) -> tuple[str, str] | None:
    """The module the first file's folder belongs to (None for files not on this disk or outside a module)."""
    if not files or not Path(files[0][0]).is_absolute():
        return None
    return find_module(Path(files[0][0]).parent)


# third-party packages leakviz models in Go of its own (golang/modelled/), because services fan out with them
MODELLED = {"golang.org/x/sync/errgroup": "errgroup.go", "golang.org/x/sync/semaphore": "semaphore.go",
            "testing": "testing.go", "go.uber.org/goleak": "goleak.go", "net/http": "http.go",
            "net/http/httptest": "httptest.go", "log/slog": "slog.go", "net": "net.go",
            "cmp": "cmp.go", "slices": "slices.go", "bytes": "bytes.go", "iter": "iter.go", "maps": "maps.go",
            "bufio": "bufio.go"}
MODELLED_ROOT = "/leakviz-modelled"  # where their files say they are (no such folder is read)


def with_modelled(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """``files`` plus the source of each modelled package they import (transitively)."""
    out = list(files)
    have = set()
    todo = list(files)
    while todo:
        _path, src = todo.pop()
        for imp in imports_of(src):
            name = MODELLED.get(imp)
            if name is None or imp in have:
                continue
            have.add(imp)
            extra = (f"{MODELLED_ROOT}/{imp}/{name}", (Path(__file__).parent / "modelled" / name).read_bytes())
            out.append(extra)
            todo.append(extra)
    return out


def imports_of(src: bytes) -> list[str]:
    """The import paths a Go file's source declares."""
    root = tree_sitter.Parser(_LANG).parse(src).root_node
    out = []
    for n in root.named_children:
        if n.type != "import_declaration":
            continue
        for c in n.named_children:
            for spec in (c.named_children if c.type == "import_spec_list" else [c]):
                if spec.type == "import_spec":
                    out.append(spec.child_by_field_name("path").text.decode().strip('"`'))
    return out


def func_span(src: bytes, name: str) -> tuple[int, int] | None:
    """0-based lines [start, end) of top-level function ``name`` in a Go file, its doc comment included;
    None if the file declares no such function (the code panel then shows the whole file)."""
    root = tree_sitter.Parser(_LANG).parse(src).root_node
    kids = root.named_children
    for k, n in enumerate(kids):
        if n.type != "function_declaration":
            continue
        ident = n.child_by_field_name("name")
        if ident is None or ident.text.decode() != name:
            continue
        start = n.start_point[0]
        j = k - 1
        while j >= 0 and kids[j].type == "comment" and kids[j].end_point[0] == start - 1:  # its doc comment
            start = kids[j].start_point[0]
            j -= 1
        return start, n.end_point[0] + 1
    return None
