"""tools/i18n.py: the .ts is filled from zh_CN.py's table, read as data."""

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
i18n = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(i18n)

TS = """<message>
    <location filename="../a.py" line="1"/>
    <source>Save &amp; quit</source>
    <translation type="unfinished"></translation>
</message>
<message>
    <source>Open</source>
    <comment>a menu</comment>
    <translation>old</translation>
</message>
<message>
    <source>Not in the table</source>
    <translation type="unfinished"></translation>
</message>
"""


def test_fill_takes_each_translation_from_the_table_and_counts_what_it_lacks():
    text, missing = i18n.fill(TS, {"Save & quit": "保存并退出 <b>&</b>", "Open": "打开"})
    assert missing == 1
    assert "<source>Save &amp; quit</source>\n    <translation>保存并退出 &lt;b&gt;&amp;&lt;/b&gt;</translation>" in text
    assert "<comment>a menu</comment>\n    <translation>打开</translation>" in text
    assert "<source>Not in the table</source>\n    <translation type=\"unfinished\"></translation>" in text


def test_the_committed_ts_is_what_the_table_fills_in():
    """An edit to zh_CN.py that was not regenerated into the .ts (and .qm) fails here."""
    committed = i18n.TS.read_text(encoding="utf-8")
    blank = re.sub(r"<translation[^>]*>.*?</translation>", '<translation type="unfinished"></translation>',
                   committed, flags=re.S)
    filled, missing = i18n.fill(blank, i18n.load_table())
    assert missing == 0
    assert filled == committed


@pytest.mark.parametrize("body", ["ZH = dict(a='b')\n", "ZH = {'a': open('x').read()}\n", "ZH = {'a': 1}\n",
                                  "OTHER = {'a': 'b'}\n"])
def test_the_table_is_read_as_a_literal_and_nothing_else(tmp_path, body):
    p = tmp_path / "zh.py"
    p.write_text(body, encoding="utf-8")
    with pytest.raises((SystemExit, ValueError)):
        i18n.load_table(p)
