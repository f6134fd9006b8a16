"""What stranded goroutines cost: the Go model against real Go, the Python
measurement against tracemalloc."""

import gc
import json
import tracemalloc
from pathlib import Path

import pytest

from visualizer.core import memory, report
from visualizer.core.runtime import PARKED
from visualizer.core.scenario import Config

REALGO_MEMORY = json.loads((Path(__file__).parent / "data" / "realgo" / "memory.json").read_text())


def test_goroutine_bytes_within_five_percent_of_real_go():
    m = REALGO_MEMORY
    # how many goroutines real Go's run leaked, from our own simulation of the same handler (a few
    # requests of it, scaled to the run's count): real Go may fall a few short (timer jitter, see the
    # README), never more than 0.1%
    sample = 20
    cfg = Config(variant=m["variant"], checks=m["checks"], fail=tuple(m["fail"]), capacity_done=m["capacity_done"],
                 capacity_quit=m["capacity_quit"], delays_ms=tuple(m["delays_ms"]), requests=sample)
    leaked = report.simulate(cfg).stranded * m["requests"] // sample
    assert leaked > 50_000  # a real measurement, not a toy
    assert m["leaked_goroutines"] == pytest.approx(leaked, rel=1e-3)
    # real Go's bytes per leaked goroutine from its raw MemStats deltas, not from the file's own per-goroutine
    # figures (which the same program computed from them)
    stack = m["delta_stack_inuse_bytes"] / m["leaked_goroutines"]
    real = (m["delta_stack_inuse_bytes"] + m["delta_heap_inuse_bytes"]) / m["leaked_goroutines"]
    assert memory.GOROUTINE_BYTES == pytest.approx(real, rel=0.05)  # the model, built from Go's struct sizes
    assert memory.go_bytes(leaked) == pytest.approx(m["delta_stack_inuse_bytes"] + m["delta_heap_inuse_bytes"],
                                                    rel=0.05)  # the whole run's leak, modelled against measured
    assert memory.GO_MEASURED_BYTES_PER_LEAK == pytest.approx(real, rel=0.05)
    # the stack alone: a parked goroutine keeps at least its initial stack
    assert memory.STACK_MIN == pytest.approx(stack, rel=0.05)


def test_go_bytes_model():
    assert memory.channel_bytes(0) == memory.HCHAN_BYTES
    assert memory.channel_bytes(1) == memory.HCHAN_BYTES + 8
    assert memory.channel_bytes(9) == memory.HCHAN_BYTES + 16
    assert memory.go_bytes(0) == 0
    assert memory.go_bytes(3, (0, 9)) == 3 * memory.GOROUTINE_BYTES + 2 * memory.HCHAN_BYTES + 16


def _run_all_strand(requests):
    # check 0 fails first; the nine later checks all strand on done:
    # 223 requests -> 2007 stranded goroutines.
    return report.simulate(Config(checks=10, fail=(0,), requests=requests, rate=1000))


def test_python_bytes_measured_agree_with_tracemalloc():
    """Run a scenario in which everything strands, then release the
    stranded goroutines (``shutdown`` closes their coroutines and forgets
    them) and see how much memory tracemalloc gets back.

    The trace stays alive throughout, so its events are not in the
    difference: what comes back is exactly what the stranded goroutines kept
    alive (their records, coroutines and frames, sudogs, channels and
    requests), which is what ``py_bytes_stranded`` claims to measure. The
    run's total growth is checked too, so the release is not a sliver of it.
    """
    gc.collect()
    tracemalloc.start()
    try:
        gc.collect()
        base = tracemalloc.get_traced_memory()[0]
        rt = _run_all_strand(223)
        gc.collect()
        after_run = tracemalloc.get_traced_memory()[0]

        assert rt.stranded == 9 * 223
        assert rt.idle() and rt.panic is None
        assert all(g.state == PARKED and g.stranded for g in rt.goroutines.values())
        events = len(rt.trace.events)

        rt.shutdown()
        gc.collect()
        after_release = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()

    growth = after_run - base
    released = after_run - after_release
    measured = rt.py_bytes_stranded
    assert released > 0
    # what stays is the trace (events) and the runtime's small bookkeeping:
    # a few hundred bytes an event at most
    assert growth - released < 400 * events
    assert 0.5 * released <= measured <= 1.6 * released, (measured, released, growth)


def test_python_bytes_per_stranded_goroutine():
    rt = _run_all_strand(30)
    per = rt.py_bytes_stranded / rt.stranded
    assert 0 < per < 2700
    # measured bytes grow with the stranded count, roughly linearly
    rt2 = _run_all_strand(60)
    assert rt2.stranded == 2 * rt.stranded
    assert rt2.py_bytes_stranded == pytest.approx(2 * rt.py_bytes_stranded, rel=0.1)


def test_nothing_stranded_measures_nothing():
    rt = report.simulate(Config(variant="drain", checks=10, fail=(0,), requests=20))
    assert rt.stranded == 0 and rt.py_bytes_stranded == 0
    r = report.report(Config(variant="drain", checks=10, fail=(0,), requests=20), rt)
    assert r["go_bytes_modeled"] == 0 and r["python_bytes_measured"] == 0


def test_stranded_events_carry_the_measured_bytes():
    rt = _run_all_strand(20)
    ev = [e for e in rt.trace.events if e[1] == "stranded"]
    assert ev and ev[-1][-1] == rt.py_bytes_stranded
    assert all(a[-1] < b[-1] for a, b in zip(ev, ev[1:], strict=False))
