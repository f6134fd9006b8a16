"""``bench``: frame times of the generic Go stage (gui/gostage.py) on recorded Go programs."""

from __future__ import annotations

import statistics
import time
from typing import Any


def many_goroutines(n: int, sites: int = 20) -> str:
    """Package main starting ``n`` goroutines over ``sites`` go statements; all but 100 strand on one channel."""
    per = n // sites
    lines = ["package main", "", 'import "time"', "", "func main() {", "\tch := make(chan int)"]
    for k in range(sites):
        lines += [f"\tfor i := 0; i < {per}; i++ {{",
                  f"\t\tgo func() {{ time.Sleep(time.Duration(i%7+1) * time.Millisecond); ch <- {k} }}()", "\t}"]
    lines += ["\tfor i := 0; i < 100; i++ {", "\t\t<-ch", "\t}", "\ttime.Sleep(50 * time.Millisecond)", "}", ""]
    return "\n".join(lines)


def bench_go_frames(counts: list[int], frames: int) -> dict[str, Any]:
    """Record each program, then time seek + paint of the Go window's stage at 1280x800 over its frames."""
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from ..goplay.catalog import HERE
    from ..goplay.record import record
    from .gostage import GoStage

    app = QApplication.instance() or QApplication([])
    progs = [("article.go", [(str(HERE / "article.go"), (HERE / "article.go").read_bytes())])]
    progs += [(f"{n:,} goroutines over 20 go sites", [(f"many{n}.go", many_goroutines(n).encode())]) for n in counts]
    out = {}
    for name, files in progs:
        t0 = time.perf_counter()
        run = record(files)
        rec_s = time.perf_counter() - t0
        stage = GoStage()
        stage.resize(1280, 800)
        img = QImage(1280, 800, QImage.Format_ARGB32_Premultiplied)
        times = []
        seq = run.frames[-(frames + 3):] if len(run.frames) >= frames + 3 else (run.frames * (frames + 3))[:frames + 3]
        for fr in seq:
            t1 = time.perf_counter()
            stage.set_frame(fr)
            stage.render(img)
            times.append((time.perf_counter() - t1) * 1000)
        times = times[3:]
        out[name] = {"stranded": run.last.stranded, "record_s": rec_s, "median_ms": statistics.median(times),
                     "p95_ms": sorted(times)[max(0, int(len(times) * 0.95) - 1)]}
        app.processEvents()
    return out


def rows(res: dict[str, Any], targets: dict[str, Any]) -> list[tuple]:
    """Table rows for ``bench``: the same frame targets as the built-in stage."""
    out = []
    for name, v in res.items():
        target = targets["frame_p95_ms_10k"] if v["stranded"] <= 20_000 else targets["frame_p95_ms_100k"]
        judged = v["stranded"] >= 10_000 or name == "article.go"
        out.append((f"Go stage frame, {name} ({v['stranded']:,} stranded): median / p95",
                    f"{v['median_ms']:.1f} / {v['p95_ms']:.1f} ms", f"p95 <= {target:g} ms" if judged else "",
                    v["p95_ms"] <= target if judged else None))
        out.append(("  recording it (the whole run)", f"{v['record_s']:.2f} s", "", None))
    return out
