"""Package os: Exit, the program's own environment (empty, or what --env gave), Stdout, Stderr and Args."""

from __future__ import annotations

from typing import Any

from .. import values as V
from ..gotypes import BOOL, ERR, STR
from ..panics import OsExit
from .io import Writer
from .registry import package, std, std_type, value

package("os", "os")
std_type("os.File", ("ext", "os.File"))
value("os.Stdout", ("ext", "os.File"), lambda h: Writer(h.ip, 1))
value("os.Stderr", ("ext", "os.File"), lambda h: Writer(h.ip, 2))
value("os.Args", ("slice", STR), lambda h: ["/tmp/go-build/exe/main"])


@std("os.Exit")
def os_Exit(h, code: int) -> None:
    raise OsExit(code)


@std("os.Setenv", ERR)
def os_Setenv(h, k: str, v: str) -> Any:
    if k == "" or "=" in k or "\x00" in k or "\x00" in v:
        return V.GoError("setenv: invalid argument")
    h.ip.env[k] = v  # the simulated program's environment only
    return None


@std("os.Unsetenv", ERR)
def os_Unsetenv(h, k: str) -> Any:
    h.ip.env.pop(k, None)
    return None


@std("os.LookupEnv", ("tuple", [STR, BOOL]))
def os_LookupEnv(h, k: str) -> tuple:
    return (h.ip.env[k], True) if k in h.ip.env else ("", False)


@std("os.Getenv", STR)
def os_Getenv(h, k: str) -> str:
    return h.ip.env.get(k, "")  # the program's own environment: empty, or what --env gave

