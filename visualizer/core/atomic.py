"""Writing a file so that a crash never leaves half of it under the real name.

Every file leakviz writes (run files, CSV, JSON, PNG, GIF) goes through
``atomic_write``: the data goes to a temporary file in the target's folder,
which then replaces the target in one ``os.replace``. What that must not do:

* rename over something that is not a regular file: as root, a rename over
  ``/dev/null`` replaces the device for the whole machine. A device, FIFO or
  socket is refused, with what it is;
* replace a symlink with a file: the link is followed and its target written;
* read ``out/`` (a trailing slash) as a file named ``out``;
* refuse a name near the 255-byte limit because of the temporary name's
  suffix: the temporary name is short and fixed in length;
* leave the temporary file behind when the process is stopped mid-write:
  ``exit_on_sigterm`` turns SIGTERM into ``SystemExit``, which runs the
  cleanup below like any other exception.

Errors come out as ``WriteError`` (a ``ValueError``) with one line naming the path.
"""

from __future__ import annotations

import errno
import os
import secrets
import signal
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

__all__ = ["ReadError", "WriteError", "atomic_write", "describe_os_error", "exit_on_sigterm", "file_kind",
           "open_regular", "os_reason", "read_regular", "show_path", "target_of"]


class WriteError(ValueError):
    """A file that could not be written; the message is one line for the user,
    ``why`` the reason alone (for callers that say it their own way).

    ``WriteError(path, why)`` says "could not write PATH: WHY";
    ``WriteError(message)`` says the message as it is."""

    def __init__(self, *args: Any) -> None:
        if len(args) == 2:
            path, why = args
            msg = f"could not write {show_path(path)}: {why}" if path is not None else f"could not write: {why}"
        else:
            (msg,) = args
            why = msg
        super().__init__(msg)
        self.why = why


def show_path(path: Any) -> str:
    """``path`` for a one-line message: control characters (a newline in a
    file name) are escaped, so the message stays one line."""
    try:
        s = os.fsdecode(os.fspath(path))
    except TypeError:
        s = str(path)
    return s if s.isprintable() else repr(s)[1:-1]


def describe_os_error(exc: OSError, path: str | os.PathLike[str]) -> str:
    """``exc`` as one line a user understands, naming ``path``."""
    return f"could not write {show_path(path)}: {os_reason(exc, path)}"


def os_reason(exc: OSError, path: str | os.PathLike[str]) -> str:
    """Why writing ``path`` failed with ``exc``, in a few words on one line."""
    folder = os.path.dirname(os.path.abspath(os.fspath(path)))
    code = exc.errno
    if code == errno.ENOENT and not os.path.isdir(folder):
        why = f"the folder {show_path(folder)} does not exist"
    elif code in (errno.EACCES, errno.EPERM):
        why = "permission denied"
    elif code == errno.EISDIR:
        why = "it is a folder"
    elif code == errno.ENOTDIR:
        why = f"a part of {show_path(folder)} is not a folder"
    elif code == errno.ENOSPC:
        why = "no space left on the device"
    elif code == errno.EROFS:
        why = "the file system is read-only"
    elif code == errno.ENAMETOOLONG:
        why = "the name is too long"
    else:
        why = (exc.strerror or str(exc) or type(exc).__name__).rstrip(".").lower()
    return " ".join(why.split())


def file_kind(mode: int) -> str:
    """What a file that is not a regular file or a folder is (``st_mode``), for a message."""
    for test, what in ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return what
    return "not a regular file"


class ReadError(ValueError):
    """A file that could not be read as asked; the message is one line for the user."""


def open_regular(path: str | os.PathLike[str], what: str, note: str = "") -> tuple[IO[bytes], os.stat_result]:
    """Open ``path`` for reading, binary, if it is a regular file: (the file, its stat).

    Never waits: it is opened non-blocking (a FIFO would wait for a writer) and
    checked with fstat before a byte is read; a folder, a FIFO, a device or a
    socket is a ReadError in one line (``what`` the file should have been,
    ``note`` added after a refusal of its kind)."""
    raw = os.fspath(path)
    name = show_path(raw)
    try:
        fd = os.open(raw, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise ReadError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise ReadError(f"{name} is a folder, not a {what}") from None
    except OSError as e:
        raise ReadError(f"{name}: cannot read it: {os_reason(e, raw)}") from None
    except (TypeError, ValueError) as e:  # an embedded NUL
        raise ReadError(f"{name}: cannot read it: {e}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):  # where opening a folder succeeds
            raise ReadError(f"{name} is a folder, not a {what}")
        if not stat.S_ISREG(st.st_mode):
            raise ReadError(f"{name} is {file_kind(st.st_mode)}, not a {what}{note}")
    except BaseException:
        os.close(fd)
        raise
    return open(fd, "rb"), st


def read_regular(path: str | os.PathLike[str], limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Never waits and never reads without end: what ``open_regular`` refuses is
    refused, and so is a file larger than ``limit``; ReadError says which."""
    raw = os.fspath(path)
    name = show_path(raw)
    f, st = open_regular(raw, what, ": leakviz reads only regular files")
    with f:
        if st.st_size > limit:
            raise ReadError(f"{name} is {st.st_size:,} bytes, more than the {limit:,} a {what} may be")
        try:
            data = f.read(limit + 1)
        except OSError as e:
            raise ReadError(f"{name}: cannot read it: {os_reason(e, raw)}") from None
    if len(data) > limit:
        raise ReadError(f"{name} grew past the {limit:,} bytes a {what} may be while it was read")
    return data


def target_of(path: str | os.PathLike[str]) -> str:
    """The regular file that writing ``path`` would create or replace (links
    followed), or ``WriteError`` saying why there is none."""
    raw = os.fspath(path)
    if not raw:
        raise WriteError(None, "no file name given")
    if os.fsdecode(raw).endswith(os.sep) or (os.altsep and os.fsdecode(raw).endswith(os.altsep)):
        raise WriteError(raw, "it ends with a slash, so it names a folder, not a file")
    real = os.path.realpath(raw)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        folder = os.path.dirname(real)
        if not os.path.isdir(folder):
            raise WriteError(raw, f"the folder {show_path(folder)} does not exist") from None
        return real
    except OSError as exc:
        raise WriteError(raw, os_reason(exc, raw)) from None
    if stat.S_ISDIR(st.st_mode):
        raise WriteError(raw, "it is a folder")
    if not stat.S_ISREG(st.st_mode):
        raise WriteError(raw, f"it is {file_kind(st.st_mode)}, and leakviz writes only regular files")
    return real


def _fsync_folder(folder: str) -> None:
    """Make the rename itself durable (POSIX; elsewhere there is nothing to do)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


@contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "wb", **open_kw: Any) -> Iterator[IO]:
    """Open a temporary file next to ``path``'s target for writing; on a clean
    exit it replaces the target (keeping an existing file's permissions), on
    any exception (``SystemExit`` from SIGTERM included) it is removed.
    OSErrors, the body's too, come out as ``WriteError``."""
    raw = os.fspath(path)
    real = target_of(raw)
    folder = os.path.dirname(real)
    tmp = None
    for _ in range(100):
        # short and fixed in length: a target name near the 255-byte limit still fits
        candidate = os.path.join(folder, f".leakviz-{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(candidate, _FLAGS, 0o666)  # O_EXCL: never someone else's file; the umask applies
        except FileExistsError:
            continue
        except OSError as exc:
            raise WriteError(raw, os_reason(exc, raw)) from exc
        tmp = candidate
        break
    if tmp is None:
        raise WriteError(raw, "could not create a temporary file next to it")
    done = False
    try:
        try:
            os.chmod(fd, stat.S_IMODE(os.stat(real).st_mode))
        except (OSError, NotImplementedError):
            pass  # a new file: the umask's mode
        with os.fdopen(fd, mode, **open_kw) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, real)
        done = True
        _fsync_folder(folder)
    except OSError as exc:
        raise WriteError(raw, os_reason(exc, raw)) from exc
    finally:
        if not done:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def exit_on_sigterm() -> None:
    """From now on SIGTERM raises ``SystemExit(143)`` in the main thread, so
    ``finally`` blocks (a half-written temporary file's removal) run as they
    would for Ctrl+C; the exit code is the shell's for a SIGTERM."""
    def _term(_sig: int, _frame: Any) -> None:
        sys.exit(128 + signal.SIGTERM)
    signal.signal(signal.SIGTERM, _term)
