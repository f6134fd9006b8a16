import atexit
import os
import shutil
import tempfile

import pytest

# Tests never need a display; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Never the user's remembered settings, not even in an app process started
# with an environment copied at import time (see the fixture for each test).
_SETTINGS_DIR = tempfile.mkdtemp(prefix="leakviz-test-settings-")
atexit.register(shutil.rmtree, _SETTINGS_DIR, ignore_errors=True)
os.environ["LEAKVIZ_SETTINGS"] = os.path.join(_SETTINGS_DIR, "leakviz.ini")


@pytest.fixture(autouse=True)
def _own_settings(monkeypatch, tmp_path_factory):
    """Every test, and every app it starts, gets its own empty settings file: never the user's."""
    monkeypatch.setenv("LEAKVIZ_SETTINGS", str(tmp_path_factory.mktemp("settings") / "leakviz.ini"))
