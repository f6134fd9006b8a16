"""Package fmt: printing to the program's stdout, to a string, or to an io.Writer (values.py formats)."""

from __future__ import annotations

from typing import Any

from .. import values as V
from ..gotypes import ERR, STR
from .io import write_to
from .registry import package, std

package("fmt", "fmt")


@std("fmt.Println")
async def fmt_Println(h, *args: Any) -> None:
    h.ip.write(1, await V.sprint(list(args), True) + "\n")


@std("fmt.Print")
async def fmt_Print(h, *args: Any) -> None:
    h.ip.write(1, await V.sprint(list(args), False))


@std("fmt.Printf")
async def fmt_Printf(h, f: str, *args: Any) -> None:
    h.ip.write(1, await V.sprintf(f, list(args)))


@std("fmt.Sprintf", STR)
async def fmt_Sprintf(h, f: str, *args: Any) -> str:
    return await V.sprintf(f, list(args))


@std("fmt.Sprint", STR)
async def fmt_Sprint(h, *args: Any) -> str:
    return await V.sprint(list(args), False)


@std("fmt.Sprintln", STR)
async def fmt_Sprintln(h, *args: Any) -> str:
    return await V.sprint(list(args), True) + "\n"


@std("fmt.Errorf", ERR)
async def fmt_Errorf(h, f: str, *args: Any) -> V.GoError:
    """fmt.Errorf: the arguments of its %w verbs are what the error wraps (one, or several as Go 1.20's)."""
    ws = tuple(V.plain(args[i]) for i in V.verb_args(f, "w") if i < len(args) and args[i] is not None)
    return V.GoError(await V.sprintf(f, list(args)), ws[0] if len(ws) == 1 else ws or None)


@std("fmt.Fprintf")
async def fmt_Fprintf(h, w: Any, f: str, *args: Any) -> None:
    await write_to(w, await V.sprintf(f, list(args)))


@std("fmt.Fprintln")
async def fmt_Fprintln(h, w: Any, *args: Any) -> None:
    await write_to(w, await V.sprint(list(args), True) + "\n")


@std("fmt.Fprint")
async def fmt_Fprint(h, w: Any, *args: Any) -> None:
    await write_to(w, await V.sprint(list(args), False))

