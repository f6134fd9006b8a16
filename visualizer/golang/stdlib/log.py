"""Package log: the standard logger, to stderr (or its set output), stamped with the virtual clock from
the Go playground's epoch."""

from __future__ import annotations

import sys
from typing import Any

from .. import values as V
from ..gotypes import INT, STR
from ..panics import OsExit
from .io import write_to
from .registry import const, package, setup, std

package("log", "log")
for _k, _flag in enumerate(("Ldate", "Ltime", "Lmicroseconds", "Llongfile", "Lshortfile", "LUTC", "Lmsgprefix")):
    const(f"log.{_flag}", INT, 1 << _k)
const("log.LstdFlags", INT, 3)


@setup
def _standard_logger(h) -> None:
    h.log_flags, h.log_prefix, h.log_out = 3, "", None  # the standard logger's settings


async def _log(h, text: str) -> str:
    """One line of the standard logger: prefix, date and time from its flags (on the virtual clock,
    from the playground's epoch), file:line of the caller, to its output (stderr unless set)."""
    import datetime
    flags, head = h.log_flags, ""
    if flags & 7:
        t = datetime.datetime(2009, 11, 10, 23, 0, 0) + datetime.timedelta(microseconds=h.rt.now // 1000)
        if flags & 1:
            head += t.strftime("%Y/%m/%d ")
        if flags & 6:
            head += t.strftime("%H:%M:%S") + (f".{t.microsecond:06d}" if flags & 4 else "") + " "
    if flags & 24:
        from ..dump import go_frames
        frames = go_frames(h.ip, h.rt.current, sys._getframe(2))
        f, line = (frames[0][1], frames[0][2]) if frames else ("???", 0)
        head += f"{f.rsplit('/', 1)[-1] if flags & 16 else f}:{line}: "
    line = head + h.log_prefix + text if flags & 64 else h.log_prefix + head + text
    line = line if line.endswith("\n") else line + "\n"
    if h.log_out is None:
        h.ip.write(2, line)
    else:
        await write_to(h.log_out, line)
    return text


@std("log.SetFlags")
def log_SetFlags(h, flags: int) -> None:
    h.log_flags = flags


@std("log.SetPrefix")
def log_SetPrefix(h, prefix: str) -> None:
    h.log_prefix = prefix


@std("log.SetOutput")
def log_SetOutput(h, w: Any) -> None:
    h.log_out = w


@std("log.Flags", INT)
def log_Flags(h) -> int:
    return h.log_flags


@std("log.Prefix", STR)
def log_Prefix(h) -> str:
    return h.log_prefix


@std("log.Writer", ("iface", "io.Writer"))
def log_Writer(h) -> Any:
    return h.log_out if h.log_out is not None else h.os_Stderr


@std("log.Println")
async def log_Println(h, *args: Any) -> None:
    await _log(h, await V.sprint(list(args), True))


@std("log.Print")
async def log_Print(h, *args: Any) -> None:
    await _log(h, await V.sprint(list(args), False))


@std("log.Printf")
async def log_Printf(h, f: str, *args: Any) -> None:
    await _log(h, await V.sprintf(f, list(args)))


@std("log.Fatal")
async def log_Fatal(h, *args: Any) -> None:
    await _log(h, await V.sprint(list(args), False))
    raise OsExit(1)


@std("log.Fatalln")
async def log_Fatalln(h, *args: Any) -> None:
    await _log(h, await V.sprint(list(args), True))
    raise OsExit(1)


@std("log.Fatalf")
async def log_Fatalf(h, f: str, *args: Any) -> None:
    await _log(h, await V.sprintf(f, list(args)))
    raise OsExit(1)


@std("log.Panic")
async def log_Panic(h, *args: Any) -> None:
    s = await _log(h, await V.sprint(list(args), False))
    raise V.PanicValue(s, s)


@std("log.Panicf")
async def log_Panicf(h, f: str, *args: Any) -> None:
    s = await _log(h, await V.sprintf(f, list(args)))
    raise V.PanicValue(s, s)

