"""The Go front end's bench lines run and compare like with like (the numbers are judged by bench, not here)."""

import pytest

from visualizer.golang import bench


def test_go_bench_lines():
    res = bench.run(quick=True)
    i, e, lv = res["interpret"], res["explore"], res["live"]
    assert i["stranded_native"] == i["stranded_interpreted"] > 0  # the same work, leak included
    assert i["ratio"] == pytest.approx(i["interpreted_s"] / i["native_s"])
    assert e["runs"] == 100 and e["exit_code"] == 0
    assert lv["goroutines"] == 10_000 and lv["stranded_live"] == lv["stranded_go"] == 9_999
    assert 0 < lv["first_frame_s"] <= lv["end_s"]
    # each row says what was measured, against which target, and whether it was met, from these numbers
    t = bench.TARGETS
    table = {what: (measured, target, met) for what, measured, target, met in bench.rows(res)}
    assert table == {
        f"Go handler interpreted / native ({i['requests']:,} req)":
            (f"{i['interpreted_s']:.2f} / {i['native_s']:.2f} s = {i['ratio']:.1f}x",
             f"<= {t['interpret_ratio']:g}x", i["ratio"] <= t["interpret_ratio"]),
        f"{e['lines']}-line Go program, 100 schedules":
            (f"{e['seconds']:.2f} s", f"< {t['explore_100_s']:g} s", e["seconds"] < t["explore_100_s"]),
        "Go program live, 10,000 goroutines: first frame":
            (f"{lv['first_frame_s']:.2f} s (end {lv['end_s']:.1f} s, 9,999 stranded, go: 9,999)",
             f"<= {t['live_first_frame_s']:g} s", lv["first_frame_s"] <= t["live_first_frame_s"]),
    }
