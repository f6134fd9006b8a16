"""Package strings: its functions on Python strings (offsets in UTF-8 bytes, as Go's), Reader and Builder."""

from __future__ import annotations

from typing import Any

from .. import values as V
from ..gotypes import BOOL, INT, STR
from .registry import helper, package, std, std_type

package("strings", "strings")
std_type("strings.Builder", ("ext", "strings.Builder"), "_h.Builder()")
std_type("strings.Reader", ("ext", "strings.Reader"))


@std("strings.NewReader", ("ptr", ("ext", "strings.Reader")))
def strings_NewReader(h, text: str) -> StringsReader:
    return StringsReader(text, h.io_EOF)


@std("strings.Contains", BOOL)
def strings_Contains(h, s: str, sub: str) -> bool:
    return sub in s


@std("strings.Split", ("slice", STR))
def strings_Split(h, s: str, sep: str) -> list:
    return list(s) if sep == "" else s.split(sep)


@std("strings.Join", STR)
def strings_Join(h, xs: list, sep: str) -> str:
    return sep.join(xs or [])


@std("strings.TrimPrefix", STR)
def strings_TrimPrefix(h, s: str, p: str) -> str:
    return s.removeprefix(p)


@std("strings.TrimSuffix", STR)
def strings_TrimSuffix(h, s: str, p: str) -> str:
    return s.removesuffix(p)


@std("strings.ReplaceAll", STR)
def strings_ReplaceAll(h, s: str, a: str, b: str) -> str:
    return s.replace(a, b)


@std("strings.HasPrefix", BOOL)
def strings_HasPrefix(h, s: str, p: str) -> bool:
    return s.startswith(p)


@std("strings.HasSuffix", BOOL)
def strings_HasSuffix(h, s: str, p: str) -> bool:
    return s.endswith(p)


@std("strings.Repeat", STR)
def strings_Repeat(h, s: str, n: int) -> str:
    if n < 0:
        raise V.PanicValue("strings: negative Repeat count", "strings: negative Repeat count")
    h.alloc(len(s) * n // 8)
    return s * n


@std("strings.ToUpper", STR)
def strings_ToUpper(h, s: str) -> str:
    return s.upper()


@std("strings.ToLower", STR)
def strings_ToLower(h, s: str) -> str:
    return s.lower()


@std("strings.TrimSpace", STR)
def strings_TrimSpace(h, s: str) -> str:
    return s.strip()


@std("strings.Fields", ("slice", STR))
def strings_Fields(h, s: str) -> list:
    return s.split()


@std("strings.Index", INT)
def strings_Index(h, s: str, sub: str) -> int:
    """strings.Index: a byte offset, as Go's (not a code point's)."""
    return s.encode().find(sub.encode())


@std("strings.Cut", ("tuple", [STR, STR, BOOL]))
def strings_Cut(h, s: str, sep: str) -> tuple:
    before, found, after = s.partition(sep)
    return (before, after, True) if found or sep == "" else (s, "", False)


@std("strings.CutPrefix", ("tuple", [STR, BOOL]))
def strings_CutPrefix(h, s: str, p: str) -> tuple:
    return (s[len(p):], True) if s.startswith(p) else (s, False)


@std("strings.CutSuffix", ("tuple", [STR, BOOL]))
def strings_CutSuffix(h, s: str, p: str) -> tuple:
    return (s[:len(s) - len(p)], True) if s.endswith(p) else (s, False)


@std("strings.ContainsAny", BOOL)
def strings_ContainsAny(h, s: str, chars: str) -> bool:
    return any(c in s for c in chars)


@std("strings.ContainsRune", BOOL)
def strings_ContainsRune(h, s: str, r: int) -> bool:
    return chr(r) in s


@std("strings.IndexByte", INT)
def strings_IndexByte(h, s: str, c: int) -> int:
    return s.encode().find(bytes([c & 0xFF]))


@std("strings.LastIndexByte", INT)
def strings_LastIndexByte(h, s: str, c: int) -> int:
    return s.encode().rfind(bytes([c & 0xFF]))


@std("strings.SplitN", ("slice", STR))
def strings_SplitN(h, s: str, sep: str, n: int) -> list | None:
    if n == 0:
        return None
    if sep == "":
        xs = list(s)
        return xs if n < 0 or n >= len(xs) else xs[:n - 1] + ["".join(xs[n - 1:])]
    return s.split(sep) if n < 0 else s.split(sep, n - 1)


@std("strings.TrimLeft", STR)
def strings_TrimLeft(h, s: str, cut: str) -> str:
    return s.lstrip(cut) if cut else s


@std("strings.TrimRight", STR)
def strings_TrimRight(h, s: str, cut: str) -> str:
    return s.rstrip(cut) if cut else s


@std("strings.Count", INT)
def strings_Count(h, s: str, sub: str) -> int:
    return s.count(sub) if sub else len(s) + 1


@std("strings.LastIndex", INT)
def strings_LastIndex(h, s: str, sub: str) -> int:
    return s.encode().rfind(sub.encode())


@std("strings.Title", STR)
def strings_Title(h, s: str) -> str:
    return s.title()


@std("strings.EqualFold", BOOL)
def strings_EqualFold(h, a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


@std("strings.Trim", STR)
def strings_Trim(h, s: str, cut: str) -> str:
    return s.strip(cut)


@std("strings.Compare", INT)
def strings_Compare(h, a: str, b: str) -> int:
    return (a > b) - (a < b)  # code point order is UTF-8's byte order


@helper("Builder")
def new_builder(h) -> Builder:
    """An empty ``strings.Builder`` (its zero value)."""
    return Builder()


@V.go_api()
class StringsReader:
    """strings.Reader: reads a string."""

    __slots__ = ("s", "i", "eof")
    _goname = "strings.Reader"

    def __init__(self, s: str, eof: Any) -> None:
        self.s = s.encode()
        self.i = 0
        self.eof = eof

    def rest(self) -> str:
        """What is left to read, all of it (the JSON decoder's read)."""
        text = self.s[self.i:].decode(errors="replace")
        self.i = len(self.s)
        return text

    async def Read(self, p: Any) -> tuple:
        """io.Reader's Read: up to len(p) bytes into p."""
        if self.i >= len(self.s):
            return 0, self.eof
        n = min(len(p or ()), len(self.s) - self.i)
        p[:n] = list(self.s[self.i:self.i + n])
        self.i += n
        return n, None

    async def Len(self) -> int:
        """The bytes not read yet."""
        return len(self.s) - self.i


@V.go_api()
class Builder:
    """strings.Builder."""

    __slots__ = ("parts",)
    _goname = "strings.Builder"

    def __init__(self) -> None:
        self.parts: list[str] = []

    async def WriteString(self, s: str) -> tuple:
        self.parts.append(s)
        return len(s), None

    async def WriteByte(self, b: int) -> None:
        self.parts.append(chr(b))

    async def WriteRune(self, r: int) -> tuple:
        self.parts.append(chr(r))
        return 1, None

    async def String(self) -> str:
        return "".join(self.parts)

    async def Len(self) -> int:
        return len("".join(self.parts).encode())

    async def Reset(self) -> None:
        self.parts = []

    async def Write(self, b: Any) -> tuple:
        self.parts.append(bytes(b).decode(errors="replace"))
        return len(b), None

