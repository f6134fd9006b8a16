"""The import contracts (pyproject.toml: the core and the Go packages never import Qt) and no import cycles,
checked by the README's test command itself."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_import_contracts_hold_for_every_import_statement():
    """import-linter reads every import, those inside functions too (pyproject.toml's contracts)."""
    lint = Path(sys.executable).parent / "lint-imports"
    r = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert "core, the Go packages, goplay, lesson and explore are Qt-free KEPT" in r.stdout


def test_no_module_imports_itself_back():
    """No import cycles, those hidden in functions included (grimp sees every import statement)."""
    import grimp  # import-linter's graph, installed with the test extras
    g = grimp.build_graph("visualizer", exclude_type_checking_imports=True)
    cycles = []
    for m in sorted(g.modules):
        for dep in g.find_modules_directly_imported_by(m):
            if dep != m and not dep.startswith(m + ".") and not m.startswith(dep + "."):
                back = g.find_shortest_chain(importer=dep, imported=m)
                if back:
                    cycles.append((m, *back))
    assert cycles == []
