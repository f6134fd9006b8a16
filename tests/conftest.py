import os

import pytest

# Tests never need a display; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _own_settings(monkeypatch, tmp_path_factory):
    """Every test, and every app it starts, gets its own empty settings file: never the user's."""
    monkeypatch.setenv("LEAKVIZ_SETTINGS", str(tmp_path_factory.mktemp("settings") / "leakviz.ini"))
