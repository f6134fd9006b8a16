"""What the window remembers between launches (QSettings), and the recent files.

Settings live in an INI file where Qt puts one for organisation and
application "leakviz" (``~/.config/leakviz/leakviz.ini`` on Linux), or at
the path in ``LEAKVIZ_SETTINGS`` (tests, kiosks). INI on every OS, so a
damaged file is detected the same way everywhere: a file Qt cannot parse,
or that is not UTF-8 text, is moved aside as ``*.corrupt`` with one warning
and the app starts clean. Every value is checked on reading; a bad one is
dropped with a warning, never a crash.

``Settings.memory()`` keeps values for one launch only (``--no-settings``,
screenshots, hidden export windows, tests).
"""

from __future__ import annotations

import json
import logging
import math
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

ORGANISATION = "leakviz"
APPLICATION = "leakviz"
ENV = "LEAKVIZ_SETTINGS"
ICON_NAME = "io.github.leakviz.leakviz"  # the freedesktop id: .desktop file, icon and AppStream metadata
VERSION = 1
MAX_BYTES = 1 << 20  # a settings file of ours is a few KiB


def brief(v: object, n: int = 80) -> str:
    """``repr(v)`` cut to ``n`` characters, for a warning that must stay one readable line."""
    r = repr(v)
    return r if len(r) <= n else r[:n] + f"… ({len(r):,} characters)"
MAX_RECENT = 10
log = logging.getLogger("leakviz")


def set_names(app: QCoreApplication) -> None:
    """Organisation and application names: where QSettings stores us, and the desktop file's name."""
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setDesktopFileName(ICON_NAME)


def default_path() -> Path:
    """The settings file: ``LEAKVIZ_SETTINGS`` if set, else Qt's place for this user."""
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    s = QSettings(QSettings.IniFormat, QSettings.UserScope, ORGANISATION, APPLICATION)
    return Path(s.fileName())


class Settings:
    """Typed, validated access to the remembered settings."""

    def __init__(self, path: str | os.PathLike[str] | None) -> None:
        self.path = None if path is None else Path(path)
        self.warning: str | None = None
        self._mem: dict[str, object] = {}
        self._qs: QSettings | None = None
        if self.path is not None:
            self._qs = self._open(self.path)

    @classmethod
    def open(cls) -> Settings:
        """The user's settings (``LEAKVIZ_SETTINGS`` or Qt's place)."""
        return cls(default_path())

    @classmethod
    def memory(cls) -> Settings:
        """Settings that start empty and are forgotten at exit."""
        return cls(None)

    def _open(self, path: Path) -> QSettings | None:
        if path.exists() and not path.is_file():  # a folder, a device: not ours to move aside or write
            self.warning = f"settings path {path} is not a file: settings are not remembered this time"
            log.warning("%s", self.warning)
            return None
        problem = None
        try:
            data = b""
            if path.is_file():
                if path.stat().st_size > MAX_BYTES:
                    raise ValueError(f"it is larger than {MAX_BYTES >> 10:,} KiB")
                data = path.read_bytes()
            data.decode("utf-8")
            if b"\0" in data:
                problem = "it is not text"
        except ValueError as e:
            if not isinstance(e, UnicodeDecodeError):
                problem = str(e)
            else:
                problem = "it is not UTF-8 text"
        except OSError as e:
            problem = e.strerror or str(e)
        qs = None
        if problem is None:
            qs = QSettings(str(path), QSettings.IniFormat)
            if qs.status() != QSettings.NoError:
                problem = "Qt cannot parse it"
            elif data and qs.value("meta/version") is None:
                problem = "it has no leakviz version"
            elif data:
                try:
                    version = int(str(qs.value("meta/version")))
                except ValueError:
                    version = None
                if version is None:
                    problem = f"its version is not a number: {brief(qs.value('meta/version'))}"
                elif version > VERSION:  # a newer leakviz's: keep it for that one, change nothing
                    self.warning = (f"settings file {path} was written by a newer leakviz (version {version}); "
                                    "it is left as it is and nothing is remembered this time")
                    log.warning("%s", self.warning)
                    return None
        if problem is None:
            return qs
        del qs
        aside = path.with_name(path.name + ".corrupt")
        try:
            os.replace(path, aside)
            kept = f"kept as {aside}"
        except OSError:
            kept = "left as it is"
        self.warning = f"settings file {path} ignored ({problem}), starting with defaults; {kept}"
        log.warning("%s", self.warning)
        return QSettings(str(path), QSettings.IniFormat)

    # -- raw --

    def _get(self, key: str):
        if self._qs is None:
            return self._mem.get(key)
        return self._qs.value(key)

    def _set(self, key: str, value) -> None:
        if self._qs is None:
            self._mem[key] = value
        else:
            self._qs.setValue(key, value)

    def _drop(self, key: str, why: str) -> None:
        log.warning("settings: ignoring %s (%s)", brief(key), why)
        if self._qs is not None:
            self._qs.remove(key)
        else:
            self._mem.pop(key, None)

    def sync(self) -> None:
        """Write to disk now (Qt also does at exit)."""
        if self._qs is not None:
            self._set("meta/version", VERSION)
            self._qs.sync()
            if self._qs.status() == QSettings.AccessError:
                log.warning("could not write the settings to %s", self.path)

    # -- typed values --

    def text(self, key: str, allowed=None) -> str | None:
        """The string stored at ``key``, or None if absent or not one of ``allowed``; an invalid value is dropped."""
        v = self._get(key)
        if v is None:
            return None
        if not isinstance(v, str) or (allowed is not None and v not in allowed):
            self._drop(key, f"unexpected value {brief(v)}")
            return None
        return v

    def number(self, key: str, lo: float, hi: float) -> float | None:
        """The number stored at ``key`` if finite and within ``lo``..``hi``, else None; an invalid value is dropped."""
        v = self._get(key)
        if v is None:
            return None
        try:
            f = float(v)
        except (TypeError, ValueError):
            f = math.nan
        if not (math.isfinite(f) and lo <= f <= hi):
            self._drop(key, f"not a number from {lo:g} to {hi:g}: {brief(v)}")
            return None
        return f

    def flag(self, key: str) -> bool | None:
        """The boolean stored at ``key`` (also "true"/"false"/"1"/"0"), else None; an invalid value is dropped."""
        v = self._get(key)
        if v is None:
            return None
        if isinstance(v, bool):
            return v
        if str(v).lower() in ("true", "1"):
            return True
        if str(v).lower() in ("false", "0"):
            return False
        self._drop(key, f"not true or false: {brief(v)}")
        return None

    def blob(self, key: str) -> QByteArray | None:
        """The binary data stored at ``key`` (e.g. window geometry), else None; an invalid value is dropped."""
        v = self._get(key)
        if v is None:
            return None
        if not isinstance(v, QByteArray | bytes):
            self._drop(key, "not binary data")
            return None
        return QByteArray(v)

    def speed(self) -> tuple[bool, float | None]:
        """(remembered?, speed): speed None is "max"."""
        if self._get("run/speed") == "max":
            return True, None
        v = self.number("run/speed", 1e-6, 1000)
        return v is not None, v

    def set_speed(self, speed: float | None) -> None:
        """Remember the speed (None is stored as "max")."""
        self._set("run/speed", "max" if speed is None else float(speed))

    def set(self, key: str, value) -> None:
        """Remember ``value`` (str, bool, float, bytes) under ``key``."""
        self._set(key, value)

    # -- folders --

    def folder(self, kind: str) -> str:
        """The folder last used to open or save a ``kind`` of file, if it still exists."""
        f = self.text(f"folders/{kind}")
        return f if f and Path(f).is_dir() else ""

    def remember_folder(self, kind: str, path: str | os.PathLike[str]) -> None:
        """Remember the folder of ``path`` as the last one used for ``kind`` of file."""
        self._set(f"folders/{kind}", str(Path(path).parent))

    # -- recent files --

    def recent(self) -> list[str]:
        """Recent files, newest first, those that still exist (the rest are forgotten)."""
        raw = self._get("recent/files")
        if raw is None:
            return []
        try:
            items = json.loads(raw) if isinstance(raw, str) else None
        except ValueError:
            items = None
        if not isinstance(items, list) or not all(isinstance(p, str) for p in items):
            self._drop("recent/files", "not a list of paths")
            return []
        kept = [p for p in items if Path(p).is_file()][:MAX_RECENT]
        if kept != items:
            self._set("recent/files", json.dumps(kept))
        return kept

    def add_recent(self, path: str | os.PathLike[str]) -> None:
        """Put ``path`` (made absolute) first in the recent files, without duplicates, keeping ``MAX_RECENT``."""
        p = str(Path(path).absolute())
        items = [p] + [q for q in self.recent() if q != p]
        self._set("recent/files", json.dumps(items[:MAX_RECENT]))

    def clear_recent(self) -> None:
        """Forget every recent file."""
        self._set("recent/files", json.dumps([]))


def launch_options(settings: Settings, given: set[str] | frozenset[str], *, preset: str, speed: float | None,
                   lang: str | None, zoom: float, present: bool, opened=None) -> dict:
    """What the window opens with: a command-line flag that was given wins
    (``given``: argparse dests), else what was remembered, else the flag's
    default. The last saved run shown comes back if it still opens; else the
    last preset. Returns MainWindow's keyword arguments plus ``opened``."""
    from ..core.presets import PRESETS
    from ..goplay.savefile import SaveFileError, load_saved
    from .i18n import LANGUAGES

    out = {"preset": preset, "speed": speed, "lang": lang, "zoom_factor": zoom, "present": present,
           "opened": opened}
    if "lang" not in given:
        out["lang"] = settings.text("ui/lang", LANGUAGES) or lang
    if "speed" not in given:
        known, v = settings.speed()
        if known:
            out["speed"] = v
    if "zoom" not in given:
        v = settings.number("ui/zoom", 0.6, 3.0)
        out["zoom_factor"] = zoom if v is None else v
    if "present" not in given:
        v = settings.flag("ui/present")
        out["present"] = present if v is None else v
    if "preset" not in given and "open_path" not in given:
        f = settings.text("run/file")
        if f:
            try:
                out["opened"] = (Path(f), load_saved(f))
            except SaveFileError as e:
                log.warning("not reopening the last run: %s", e)
        if out["opened"] is None:
            out["preset"] = settings.text("run/preset", PRESETS) or preset
    return out
