"""Regenerate the Chinese translation: lupdate, fill from the table, lrelease.

    .venv/bin/python tools/i18n.py

1. ``pyside6-lupdate -no-obsolete`` over ``SOURCES`` (visualizer/gui/*.py and
   the examples' catalog) collects every tr() and QT_TRANSLATE_NOOP string into
   ``leakviz_zh_CN.ts`` (the file Qt Linguist edits);
2. every <translation> is filled from ``ZH`` in ``visualizer/gui/i18n/zh_CN.py``,
   the one table a translator reviews (read as data: nothing in it is run);
3. ``pyside6-lrelease`` compiles the .ts into the .qm the app loads.

Exits 1 naming how many strings the table lacks (the .ts is still written, those
strings stay unfinished). A development tool: not part of the installed package.
"""

from __future__ import annotations

import argparse
import ast
import html
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "visualizer" / "gui" / "i18n"
TABLE = I18N / "zh_CN.py"
TS = I18N / "leakviz_zh_CN.ts"
QM = I18N / "leakviz_zh_CN.qm"
# where tr() and QT_TRANSLATE_NOOP strings are: the GUI, and the shipped examples' titles and captions
SOURCES = [*sorted((ROOT / "visualizer" / "gui").glob("*.py")), ROOT / "visualizer" / "goplay" / "catalog.py"]

# a message: its source, an optional comment, then the translation to replace
_MESSAGE = re.compile(r"(<source>(.*?)</source>\s*(?:<comment>.*?</comment>\s*)?)<translation[^>]*>.*?</translation>",
                      re.S)


def load_table(path: Path = TABLE) -> dict[str, str]:
    """The ``ZH = {...}`` literal in ``path``, evaluated as a literal only."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in tree.body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["ZH"]:
            table = ast.literal_eval(node.value)
            if isinstance(table, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
                return table
    raise SystemExit(f"{path}: no ZH = {{source: translation, ...}} of strings")


def fill(ts_text: str, table: dict[str, str]) -> tuple[str, int]:
    """``ts_text`` with every message's translation taken from ``table``, and how many ``table`` lacks."""
    missing = 0

    def repl(m: re.Match) -> str:
        nonlocal missing
        zh = table.get(html.unescape(m.group(2)))
        if zh is None:
            missing += 1
            return m.group(0)
        return f"{m.group(1)}<translation>{html.escape(zh, quote=False)}</translation>"

    return _MESSAGE.sub(repl, ts_text), missing


def _qt_tool(name: str) -> str:
    return str(Path(sys.executable).parent / name)  # the venv's, beside this Python


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.split("\n", 1)[0]).parse_args(argv)
    sources = [str(p.relative_to(ROOT)) for p in SOURCES]
    ts, qm = str(TS.relative_to(ROOT)), str(QM.relative_to(ROOT))
    subprocess.run([_qt_tool("pyside6-lupdate"), "-no-obsolete", *sources, "-ts", ts], cwd=ROOT, check=True)
    text, missing = fill(TS.read_text(encoding="utf-8"), load_table())
    TS.write_text(text, encoding="utf-8")
    subprocess.run([_qt_tool("pyside6-lrelease"), ts, "-qm", qm], cwd=ROOT, check=True)
    if missing:
        print(f"{missing} strings have no translation in {TABLE.relative_to(ROOT)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
