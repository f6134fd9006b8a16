"""The README's commands stay true to what CI runs."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def apt_packages(text: str) -> list[set[str]]:
    found = []
    for m in re.finditer(r"apt-get install -y(?: -qq)?(?: --no-install-recommends)?((?:\s+\\?\s*[a-z0-9][a-z0-9.+-]*)+)",
                         text):
        found.append({p for p in m.group(1).replace("\\", " ").split() if p})
    return found


def test_readme_and_ci_install_the_same_system_packages():
    readme = apt_packages((ROOT / "README.md").read_text())
    ci = apt_packages((ROOT / ".ci" / "run").read_text())
    assert len(readme) == 2 and len(ci) == 1
    assert readme[0] == readme[1] == ci[0]


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert ".venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest" in readme
    assert ".venv/bin/pip install -q -e '.[test]'" in ci and ".venv/bin/python -m pytest" in ci
