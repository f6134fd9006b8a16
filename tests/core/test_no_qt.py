"""The core never imports Qt: design.md's pure core, enforced."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import importlib, json, pkgutil, sys
import visualizer.core as core

names = sorted(m.name for m in pkgutil.iter_modules(core.__path__, "visualizer.core."))
for name in names:
    importlib.import_module(name)

from visualizer.core import report, scenario
cfg = scenario.Config(checks=3, fail=(0,), requests=2)
rt = report.simulate(cfg)
r = report.report(cfg, rt)

from visualizer.core.clock import Driver
import asyncio
rt2 = report.Runtime(seed=1)
scenario.start(rt2, cfg.validate())
asyncio.run(Driver(rt2, speed=None).run())

bad = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "qasync"))
print(json.dumps({"modules": names, "stranded": r["stranded"], "stranded2": rt2.stranded, "qt": bad}))
"""


def test_core_imports_and_runs_without_qt():
    p = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    expected = {"channel", "clock", "errors", "memory", "report", "runtime", "scenario", "trace"}
    assert expected <= {m.rsplit(".", 1)[1] for m in out["modules"]}
    assert out["stranded"] == out["stranded2"] == 2 * 2  # two requests, check 0 fails, checks 1-2 strand
    assert out["qt"] == []


def test_the_probe_would_see_qt_if_it_were_imported():
    """The check above can fail: importing qasync or PySide6 shows up."""
    probe = ("import sys, json\n"
             "try:\n    import qasync  # noqa: F401\nexcept Exception:\n    pass\n"
             "print(json.dumps(sorted(m for m in sys.modules "
             "if m.split('.')[0] in ('PySide6', 'shiboken6', 'qasync'))))")
    p = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout), "qasync should be installed in the venv and visible in sys.modules"


def test_the_import_contracts_hold_for_every_import_statement():
    """import-linter reads every import, those inside functions too (pyproject.toml's contracts)."""
    lint = Path(sys.executable).parent / "lint-imports"
    r = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert "core, the Go packages, goplay, lesson and explore are Qt-free KEPT" in r.stdout


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
