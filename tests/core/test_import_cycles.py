"""No import cycles in visualizer. (Qt-free packages are import-linter's contract in pyproject.toml,
which CI runs: .ci/run, lint-imports.)"""

import pytest


def test_no_module_imports_itself_back():
    """No import cycles, those hidden in functions included (grimp sees every import statement)."""
    grimp = pytest.importorskip("grimp")
    g = grimp.build_graph("visualizer", exclude_type_checking_imports=True)
    cycles = []
    for m in sorted(g.modules):
        for dep in g.find_modules_directly_imported_by(m):
            if dep != m and not dep.startswith(m + ".") and not m.startswith(dep + "."):
                back = g.find_shortest_chain(importer=dep, imported=m)
                if back:
                    cycles.append((m, *back))
    assert cycles == []
