"""The Go front end's bench lines run and compare like with like (the numbers are judged by bench, not here)."""

from visualizer.golang import bench


def test_go_bench_lines():
    res = bench.run(quick=True)
    i, e = res["interpret"], res["explore"]
    assert i["stranded_native"] == i["stranded_interpreted"] > 0
    assert i["native_s"] > 0 and i["interpreted_s"] > 0
    assert e["runs"] == 100 and e["exit_code"] == 0 and 55 <= e["lines"] <= 65
    names = [r[0] for r in bench.rows(res)]
    assert len(names) == 2 and "interpreted" in names[0] and "100 schedules" in names[1]
