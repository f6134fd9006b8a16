"""Metrics over time, CSV and JSON exports: the numbers are the fold's, the files are whole or absent."""

import csv
import json
import os

import pytest

from visualizer.core import report
from visualizer.core.export import METRICS_COLUMNS, ExportError, metrics_rows, write_csv, write_json
from visualizer.core.scenario import Config
from visualizer.core.trace import fold

CFG = Config(checks=10, fail=(0,), requests=5, rate=100.0)


@pytest.fixture(scope="module")
def run_():
    return report.simulate(CFG)


@pytest.fixture(scope="module")
def rows(run_):
    return metrics_rows(run_.trace)


def test_last_row_is_the_end_of_the_run(run_, rows):
    snap = fold(run_.trace)
    last = rows[-1]
    assert last["stranded"] == run_.stranded == 5 * 9  # check 0 fails, checks 1..9 strand, per request
    assert last["stranded_done"] == dict(snap.stranded_by_channel)["done"]
    assert last["stranded_quit"] == dict(snap.stranded_by_channel).get("quit", 0)
    assert last["stranded_other"] == 0
    assert last["go_bytes_modeled"] == snap.go_bytes
    assert last["python_bytes_measured"] == snap.py_bytes
    assert last["requests"] == last["requests_returned"] == 5
    assert last["live_goroutines"] == snap.live
    assert last["t_s"] == run_.trace.events[-1][0] / 1e9


def test_samples_are_evenly_spaced_and_metrics_only_grow(rows):
    assert list(rows[0]) == list(METRICS_COLUMNS)
    assert 190 <= len(rows) <= 201
    ts = [r["t_s"] for r in rows]
    assert ts[0] == 0.0
    assert all(a < b for a, b in zip(ts, ts[1:], strict=False))
    gaps = [b - a for a, b in zip(ts[:-2], ts[1:-1], strict=False)]  # the last gap may be shorter
    assert max(gaps) - min(gaps) < 1e-9
    for col in ("go_bytes_modeled", "stranded", "requests", "requests_returned"):
        vals = [r[col] for r in rows]
        assert vals == sorted(vals), col
    assert rows[0]["stranded"] == 0 and rows[-1]["stranded"] > 0


def test_a_given_step_and_the_samples_fold_in_between(run_):
    rows = metrics_rows(run_.trace.events, step_ns=10_000_000)
    end = run_.trace.events[-1][0]
    assert [round(r["t_s"] * 1e9) for r in rows] == [*range(0, end, 10_000_000), end]
    # a sample in the middle agrees with folding the events up to its time
    mid = rows[len(rows) // 2]
    upto = sum(1 for e in run_.trace.events if e[0] <= round(mid["t_s"] * 1e9))
    snap = fold(run_.trace, upto)
    assert (mid["stranded"], mid["live_goroutines"], mid["requests"]) == (snap.stranded, snap.live,
                                                                         snap.requests_total)
    with pytest.raises(ValueError):
        metrics_rows(run_.trace, step_ns=0)


def test_empty_and_one_event_traces():
    assert metrics_rows([]) == []
    one = metrics_rows([(0, "config", "{}")])
    assert len(one) == 1 and one[0]["t_s"] == 0.0 and one[0]["stranded"] == 0
    late = metrics_rows([(5_000, "config", "{}")])  # the run still starts at 0
    assert late[0]["t_s"] == 0.0 and late[-1]["t_s"] == 5e-6 and 190 <= len(late) <= 201


def test_csv_round_trips(tmp_path, rows):
    p = tmp_path / "metrics.csv"
    assert write_csv(p, rows) == len(rows)
    with open(p, newline="") as f:
        got = list(csv.reader(f))
    assert got[0] == list(METRICS_COLUMNS)
    assert len(got) == len(rows) + 1
    assert [float(x) for x in got[-1]] == [float(rows[-1][c]) for c in METRICS_COLUMNS]
    assert os.listdir(tmp_path) == ["metrics.csv"]  # no temp file left


def test_csv_of_no_rows_has_the_header(tmp_path):
    p = tmp_path / "empty.csv"
    write_csv(p, [])
    assert p.read_text().splitlines() == [",".join(METRICS_COLUMNS)]


def test_json_report_round_trips(tmp_path, run_):
    r = report.report(CFG, run_)
    p = tmp_path / "report.json"
    p.write_text("old")
    write_json(p, r)
    assert json.loads(p.read_text()) == r
    assert os.listdir(tmp_path) == ["report.json"]


def test_missing_folder_is_one_readable_line(tmp_path, rows):
    p = tmp_path / "nope" / "m.csv"
    with pytest.raises(ExportError) as ei:
        write_csv(p, rows)
    msg = str(ei.value)
    assert "\n" not in msg and str(p) in msg and "does not exist" in msg
    assert "Errno" not in msg


def test_a_folder_as_path_is_refused_and_kept(tmp_path):
    with pytest.raises(ExportError, match="is a folder"):
        write_json(tmp_path, {"a": 1})
    assert tmp_path.is_dir() and os.listdir(tmp_path) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_permission_denied(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="permission denied"):
            write_json(ro / "r.json", {})
    finally:
        ro.chmod(0o700)


def test_permission_denied_as_the_os_says_it(tmp_path, monkeypatch):
    """The same error for root, who may write anywhere: os.open fails as it would for a user."""
    import errno

    def denied(path, *a, **k):
        raise PermissionError(errno.EACCES, "Permission denied", path)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(ExportError) as ei:
        write_csv(tmp_path / "m.csv", [])
    monkeypatch.undo()
    assert str(ei.value) == f"could not write {tmp_path / 'm.csv'}: permission denied"
    assert os.listdir(tmp_path) == []


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path):
    p = tmp_path / "m.csv"
    p.write_text("old\n")
    with pytest.raises(ValueError):  # a bad row: csv refuses an unknown column mid-write
        write_csv(p, [{"a": 1}, {"b": 2}])
    assert p.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["m.csv"]
