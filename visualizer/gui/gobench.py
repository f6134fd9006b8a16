"""``bench``: whole main-window frames while a Go program runs live in it (the same targets as the presets')."""

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
    """Open each program in the main window at 1280x800, run it live to its end, then time whole frames
    (fold what is new, refresh every view, paint the window) as the frame timer makes them."""
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from ..goplay.catalog import HERE
    from .window import MainWindow

    app = QApplication.instance() or QApplication([])
    progs = [("article.go", [(str(HERE / "article.go"), (HERE / "article.go").read_bytes())])]
    progs += [(f"{n:,} goroutines over 20 go sites", [(f"many{n}.go", many_goroutines(n).encode())]) for n in counts]
    out = {}
    for name, files in progs:
        win = MainWindow(speed=None, lang="en", size=(1280, 800), from_go=False)
        win.timer.stop()  # frames are made here, one after another
        t0 = time.perf_counter()
        why = win.source.open_program(files)
        if why:
            raise RuntimeError(why)
        win.session.rt.run()
        run_s = time.perf_counter() - t0
        win.session.snapshot()
        win.show()
        app.processEvents()
        img = QImage(win.width(), win.height(), QImage.Format_ARGB32_Premultiplied)
        times = []
        for _ in range(frames + 3):
            t1 = time.perf_counter()
            win.refresh()
            win.stage.update()
            win.render(img)
            times.append((time.perf_counter() - t1) * 1000)
        times = times[3:]
        out[name] = {"stranded": win.snap.stranded, "run_s": run_s, "median_ms": statistics.median(times),
                     "p95_ms": sorted(times)[max(0, int(len(times) * 0.95) - 1)]}
        win.close()
        app.processEvents()
    return out


def rows(res: dict[str, Any], targets: dict[str, Any]) -> list[tuple]:
    """Table rows for ``bench``: the same frame targets as the presets' stage."""
    out = []
    for name, v in res.items():
        target = targets["frame_p95_ms_10k"] if v["stranded"] <= 20_000 else targets["frame_p95_ms_100k"]
        judged = v["stranded"] >= 10_000 or name == "article.go"
        out.append((f"window frame, Go program live: {name} ({v['stranded']:,} stranded): median / p95",
                    f"{v['median_ms']:.1f} / {v['p95_ms']:.1f} ms", f"p95 <= {target:g} ms" if judged else "",
                    v["p95_ms"] <= target if judged else None))
        out.append(("  running it to its end (compile included)", f"{v['run_s']:.2f} s", "", None))
    return out
