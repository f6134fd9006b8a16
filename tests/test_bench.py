"""`bench --quick` runs end to end (CI proves the benchmark works; it does not judge the numbers)."""

import io
import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def _go_leaked(example: str) -> int:
    from visualizer.golang.cli import run_go
    from visualizer.goplay.catalog import HERE
    out = io.StringIO()
    run_go([str(HERE / example)], as_json=True, out=out, err=io.StringIO())
    return json.loads(out.getvalue())["leaked_count"]


def test_bench_quick_measures_everything():
    """Once, and with no traceback (the engine was once left pending when the lag probe's loop stopped)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-m", "visualizer", "bench", "--quick", "--json"], env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr[-2000:]
    res = json.loads(r.stdout)
    e = res["engine"]
    assert e["checks"] == 20_000 and e["checks_per_s"] > 0 and e["baseline_checks_per_s"] > 0
    assert e["stranded"] == e["baseline_stranded"] > 0  # the baseline did the same work, leak included
    assert {v["stranded"] for v in res["frames"].values()} >= {1_008, 10_008, 100_008}
    assert all(0 < v["median_ms"] <= v["p95_ms"] for v in res["frames"].values())
    assert res["lag"]["samples"] > 10 and res["lag"]["stranded"] > 0
    assert res["lag_go"]["samples"] > 10 and res["lag_go"]["stranded"] > 0  # a Go program ran live meanwhile
    assert res["lag_preset_go"]["samples"] > 10 and res["lag_preset_go"]["stranded"] > 0  # the preset from Go too
    assert res["presenter_go"]["stranded"] == res["presenter"]["stranded"] > 0  # the same run, from Go
    go = res["go_stage"]
    assert go["article.go"]["stranded"] == _go_leaked("article.go")  # what go --json says the file strands
    assert all(0 < v["median_ms"] <= v["p95_ms"] for v in go.values())
    assert res["memory"]["stranded"] >= 20_000 and res["memory"]["rss_bytes_per_stranded"] > 0
    assert res["startup"]["median_s"] > 0  # measured; its target lives in bench, not here
    assert res["seek"]["events"] > 100_000 and 0 < res["seek"]["median_ms"] <= res["seek"]["max_ms"]
    assert res["dump"]["parse"]["goroutines"] == 10_000 and res["dump"]["parse"]["parse_group_s"] > 0
    assert res["dump"]["poll"]["goroutines"] == 10_000 and res["dump"]["poll"]["poll_s"] > 0
    assert "Task was destroyed" not in r.stderr and "Traceback" not in r.stderr
