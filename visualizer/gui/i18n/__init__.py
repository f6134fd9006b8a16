"""Translations: Qt's machinery (tr, QTranslator, .ts sources compiled to .qm).

Regenerate after changing visible strings or zh_CN.py's table (lupdate, fill
the .ts from the table, lrelease):
    .venv/bin/python tools/i18n.py
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
_HERE = Path(__file__).parent
_installed: QTranslator | None = None
_current = "en"


def current() -> str:
    """The language the interface is in now."""
    return _current


def install(code: str) -> str:
    """Switch the application's language; returns the code in effect."""
    global _installed, _current
    app = QCoreApplication.instance()
    if code not in LANGUAGES:
        code = "en"
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    if code != "en":
        t = QTranslator(app)
        if t.load(str(_HERE / f"leakviz_{code}.qm")):
            app.installTranslator(t)
            _installed = t
        else:
            code = "en"
    _current = code
    return code
