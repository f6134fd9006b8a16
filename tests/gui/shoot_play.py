"""Test helper, not a test: 'play the scheduler' as PNGs, before and after a run, to look at.

    QT_QPA_PLATFORM=offscreen python -m tests.gui.shoot_play OUTDIR [--size 1024x768] [--lang zh_CN]
        [--preset unbuffered] [--fails 2,6] [--slots 1,2,3,...] [--guess 5]

writes OUTDIR/play-ask.png (the schedule chosen, the prediction typed) and OUTDIR/play-answer.png (after
the engine ran it), in presenter mode as the game opens.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import qasync
from PySide6.QtWidgets import QApplication


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--size", default="1024x768")
    ap.add_argument("--lang", default="en")
    ap.add_argument("--preset", default="unbuffered")
    ap.add_argument("--fails", default="3")
    ap.add_argument("--slots", default="")
    ap.add_argument("--guess", default="6")
    a = ap.parse_args(argv)
    from visualizer.gui.panels import parse_size
    from visualizer.gui.style import app_font_setup
    from visualizer.gui.window import MainWindow
    from visualizer.lesson.play import Schedule
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app_font_setup(app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    w = MainWindow(preset=a.preset, speed=0.5, lang=a.lang, size=parse_size(a.size))
    w.show()
    a.out.mkdir(parents=True, exist_ok=True)
    w.game.open()
    n = w.game.panel.schedule.checks
    fails = {int(x) for x in a.fails.split(",") if x}
    slots = tuple(int(x) for x in a.slots.split(",")) if a.slots else tuple(range(1, n + 1))
    w.game.choose(Schedule(tuple(i in fails for i in range(n)), slots))
    w.game.panel.guess.setText(a.guess)

    async def go() -> None:
        for _ in range(3):
            app.processEvents()
        w.files.save_png(a.out / "play-ask.png")
        w.game.panel.btn_run.click()
        while w.game.panel.outcome is None:
            await asyncio.sleep(0.02)
        for _ in range(3):
            app.processEvents()
        w.files.save_png(a.out / "play-answer.png")

    with loop:
        loop.run_until_complete(go())
        w.close()
        loop.run_until_complete(w.session.aclose())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
