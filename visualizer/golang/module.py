"""A Go module's packages: what ``go DIR`` loads besides the folder's own files.

``go.mod`` names the module; a package imported as ``MODULE/sub/dir`` is the
folder ``sub/dir`` under the module's root. Loading follows the main
package's imports through the module (the standard library is the
interpreter's, third-party modules are refused by the compiler with one line).
"""

from __future__ import annotations

from pathlib import Path

from .compile import load_files
from .errors import GoSourceError
from .gomod import imports_of, module_of


def load_sources(paths: list[str]) -> list[tuple[str, bytes]]:
    """The files of ``paths`` (as load_files reads them) plus every package of their module they import,
    transitively; the given files first. Raises GoSourceError for an imported folder that is not there."""
    return with_packages(load_files(paths))


def with_packages(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """``files`` plus every package of their module they import, transitively (they first)."""
    mod = module_of(files)
    if mod is None:
        return files
    modpath, root = mod
    seen_dirs = {str(Path(p).parent) for p, _ in files}
    todo = list(files)
    while todo:
        path, src = todo.pop()
        for imp in imports_of(src):
            if imp != modpath and not imp.startswith(modpath + "/"):
                continue
            d = Path(root, imp[len(modpath):].lstrip("/"))
            if str(d) in seen_dirs:
                continue
            seen_dirs.add(str(d))
            if not d.is_dir():
                raise GoSourceError(path, 1, 1, f"package {imp} is not in module {modpath} ({d} does not exist)")
            more = load_files([str(d)])
            files.extend(more)
            todo.extend(more)
    return files
