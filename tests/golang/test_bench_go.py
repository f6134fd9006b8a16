"""The Go front end's bench lines run and compare like with like (the numbers are judged by bench, not here)."""

from visualizer.golang import bench


def test_go_bench_lines():
    res = bench.run(quick=True)
    i, e = res["interpret"], res["explore"]
    assert i["stranded_native"] == i["stranded_interpreted"] > 0
    assert i["native_s"] > 0 and i["interpreted_s"] > 0
    assert e["runs"] == 100 and e["exit_code"] == 0 and 55 <= e["lines"] <= 65
    lv = res["live"]
    assert lv["goroutines"] == 10_000 and lv["stranded_live"] == lv["stranded_go"] == 9_999
    assert 0 < lv["first_frame_s"] <= lv["end_s"]
    names = [r[0] for r in bench.rows(res)]
    assert len(names) == 3 and "interpreted" in names[0] and "100 schedules" in names[1]
    assert "10,000 goroutines: first frame" in names[2]
