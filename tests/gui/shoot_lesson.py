"""Test helper, not a test: every lesson step as PNGs, before and after its reveal, to look at.

    QT_QPA_PLATFORM=offscreen python -m tests.gui.shoot_lesson OUTDIR [--size 1024x768] [--lang zh_CN] [--present] [--go]

writes OUTDIR/step{k}-ask.png and OUTDIR/step{k}-answer.png (the answer with a
prediction made: the second choice, or the number 3).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--size", default="1024x768")
    ap.add_argument("--lang", default="en")
    ap.add_argument("--present", action="store_true")
    ap.add_argument("--go", action="store_true", help="the article's handler run from gateway.go")
    a = ap.parse_args(argv)
    from visualizer.gui.panels import parse_size
    from visualizer.gui.style import app_font_setup
    from visualizer.gui.window import MainWindow
    from visualizer.lesson import STEPS
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app_font_setup(app)
    w = MainWindow(speed=None, lang=a.lang, size=parse_size(a.size), present=a.present)
    if a.go:
        from visualizer.core.presets import PRESETS
        w.source.open_preset_from_go(PRESETS["unbuffered"])
    w.show()
    a.out.mkdir(parents=True, exist_ok=True)
    w.lesson.start()
    for k in range(len(STEPS)):
        if k:
            w.lesson.panel.btn_next.click()
        for _ in range(3):
            app.processEvents()
        w.files.save_png(a.out / f"step{k + 1}-ask.png")
        if STEPS[k].ask == "choice":
            w.lesson.panel.choices[1].setChecked(True)
        else:
            w.lesson.panel.answer.setText("3")
        w.lesson.panel.btn_reveal.click()
        for _ in range(3):
            app.processEvents()
        w.files.save_png(a.out / f"step{k + 1}-answer.png")
    w.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
