"""The verdict's fix for a program (explore.safe_search): the smallest capacity, set on every dial of the
channels its stranded goroutines wait on, at which the same run strands nothing; checked against ``go``."""

import io
import json
from pathlib import Path

import pytest

from visualizer.explore import SAFE_MOST, dials_for, safe_search
from visualizer.golang.cli import run_go
from visualizer.golang.live import GoProgram
from visualizer.golang.module import load_sources

EXAMPLES = Path(__file__).parents[2] / "visualizer" / "goplay" / "examples"


def _go(path: Path, dials: dict[str, int]) -> int:
    out = io.StringIO()
    assert run_go([str(path)], as_json=True, out=out, err=io.StringIO(), dials=dials) == 0
    return json.loads(out.getvalue())["per_run"][0]["leaked"]


@pytest.mark.parametrize("name, keys", [
    ("ncast", ["capacity:out:15"]),
    ("article", ["capacity:done:16", "capacity:quit:17"]),  # either alone still leaks
])
def test_the_smallest_capacity_found_is_the_first_at_which_go_strands_nothing(name, keys):
    path = EXAMPLES / f"{name}.go"
    program = GoProgram.of(load_sources([str(path)]))
    assert dials_for(program.dial_sites(), sorted({k.split(":")[1] for k in keys})) == keys
    runs = list(safe_search(program, keys))
    found, stranded = runs[-1]
    assert stranded == 0 and all(s > 0 for _v, s in runs[:-1]) and [v for v, _s in runs] == list(range(found + 1))
    assert found > 0 and _go(path, dict.fromkeys(keys, found)) == 0 and _go(path, dict.fromkeys(keys, found - 1)) > 0


def test_a_leak_no_buffer_stops_is_searched_to_the_end():
    """range over a channel nobody closes: the workers wait to receive, whatever the buffer."""
    path = EXAMPLES / "range_noclose.go"
    program = GoProgram.of(load_sources([str(path)]))
    keys = dials_for(program.dial_sites(), ["jobs"])
    runs = list(safe_search(program, keys))
    assert keys and [v for v, _s in runs] == list(range(SAFE_MOST + 1)) and all(s > 0 for _v, s in runs)
