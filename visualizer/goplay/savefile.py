"""A saved Go run (``.leakviz-go``): the source text and every choice, so opening it runs the same program again.

The run is deterministic (seeded scheduler, virtual clock), so the file keeps
what decides it rather than its frames: the files' text, the dialled
capacities, the entry or the HTTP drive, and the seed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .http import Drive

SUFFIX = ".leakviz-go"
VERSION = 1


class SaveFileError(Exception):
    """The file is not a saved Go run leakviz can open (one line, for the user)."""


@dataclass
class SavedRun:
    """What a ``.leakviz-go`` file holds."""

    files: list  # (path, bytes)
    caps: dict  # ChanSite.key -> capacity
    entry: str = "main"
    seed: int = 0
    drive: Drive | None = None
    schedule: dict | None = None  # key -> [(t_ns, capacity)]: changes made during the run


def save(path: str | Path, run: SavedRun) -> None:
    """Write ``run`` to ``path`` (atomically)."""
    from ..core.atomic import WriteError, atomic_write
    doc = {"leakviz_go": VERSION, "entry": run.entry, "seed": run.seed,
           "files": [{"path": p, "text": src.decode(errors="replace")} for p, src in run.files],
           "caps": [[*k, v] for k, v in sorted(run.caps.items())],
           "changes": [[*k, t, v] for k, cs in sorted((run.schedule or {}).items()) for t, v in cs],
           "drive": None if run.drive is None else {"handler": run.drive.handler, "requests": run.drive.requests,
                                                     "rate": run.drive.rate}}
    try:
        with atomic_write(path, "w", encoding="utf-8") as f:
            f.write(json.dumps(doc, indent=1, ensure_ascii=False))
    except (WriteError, OSError) as e:
        raise SaveFileError(str(e)) from None


def load(path: str | Path) -> SavedRun:
    """Read a saved Go run; SaveFileError when it is not one."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(doc, dict) or doc.get("leakviz_go") != VERSION:
            raise SaveFileError(f"{path}: not a saved leakviz Go run (version {VERSION})")
        files = [(str(f["path"]), str(f["text"]).encode()) for f in doc["files"]]
        if not files:
            raise SaveFileError(f"{path}: holds no Go files")
        caps = {(int(a), int(b), int(c)): int(n) for a, b, c, n in doc.get("caps", [])}
        d = doc.get("drive")
        drive = None if d is None else Drive(str(d["handler"]), int(d["requests"]), float(d["rate"]))
        schedule: dict = {}
        for a, b, c, t, v in doc.get("changes", []):
            schedule.setdefault((int(a), int(b), int(c)), []).append((int(t), int(v)))
        return SavedRun(files, caps, str(doc.get("entry", "main")), int(doc.get("seed", 0)), drive,
                        {k: sorted(v) for k, v in schedule.items()})
    except SaveFileError:
        raise
    except OSError as e:
        raise SaveFileError(f"{path}: {e.strerror or e}") from None
    except (ValueError, KeyError, TypeError) as e:
        raise SaveFileError(f"{path}: not a saved leakviz Go run ({type(e).__name__}: {e})") from None
