"""godump sits beside core and, like it, never imports Qt."""

import json
import subprocess
import sys

PROBE = r"""
import importlib, json, pkgutil, sys
import visualizer.godump as pkg
names = sorted(m.name for m in pkgutil.iter_modules(pkg.__path__, "visualizer.godump."))
for name in names:
    importlib.import_module(name)
from visualizer.godump.group import summarize_bytes
s = summarize_bytes(b"goroutine 5 [chan send]:\nmain.f()\n\t/x/main.go:3 +0x1\n")
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "qasync"))
print(json.dumps({"modules": names, "goroutines": s.goroutines, "qt": bad}))
"""


def test_godump_imports_no_qt():
    r = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    res = json.loads(r.stdout)
    assert "visualizer.godump.parse" in res["modules"] and "visualizer.godump.gobridge" in res["modules"]
    assert res["goroutines"] == 1 and res["qt"] == []
