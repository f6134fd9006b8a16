"""Package strconv: integers to text and back, with Go's errors."""

from __future__ import annotations

from .. import values as V
from ..gotypes import ERR, INT, SIZED, STR
from .registry import package, std

package("strconv", "strconv")


@std("strconv.Itoa", STR)
def strconv_Itoa(h, n: int) -> str:
    return str(n)


@std("strconv.Atoi", ("tuple", [INT, ERR]))
def strconv_Atoi(h, s: str) -> tuple:
    try:
        return int(s, 10), None
    except ValueError:
        return 0, V.GoError(f'strconv.Atoi: parsing "{s}": invalid syntax')


@std("strconv.Quote", STR)
def strconv_Quote(h, s: str) -> str:
    return V.quote(s)


@std("strconv.FormatInt", STR)
def strconv_FormatInt(h, n: int, base: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    neg, n, out = n < 0, abs(n), ""
    while n:
        n, r = divmod(n, base)
        out = digits[r] + out
    return "-" + out if neg else out


@std("strconv.ParseInt", ("tuple", [INT, ERR]))
def strconv_ParseInt(h, s: str, base: int, bits: int) -> tuple:
    return _parse_int("ParseInt", s, base, bits or 64, True)


@std("strconv.ParseUint", ("tuple", [SIZED["uint64"], ERR]))
def strconv_ParseUint(h, s: str, base: int, bits: int) -> tuple:
    return _parse_int("ParseUint", s, base, bits or 64, False)


@std("strconv.FormatUint", STR)
def strconv_FormatUint(h, n: int, base: int) -> str:
    return h.strconv_FormatInt(n & 0xFFFFFFFFFFFFFFFF, base)


def _parse_int(fn: str, s: str, base: int, bits: int, signed: bool) -> tuple:
    """strconv.ParseInt and ParseUint as Go reads: a sign (ParseInt only), with base 0 a 0x/0o/0b/0 prefix
    and underscores between digits; Go's syntax and range errors, the range error with the bound."""
    def fail(why: str, v: int = 0) -> tuple:
        return v, V.GoError(f"strconv.{fn}: parsing {V.quote(s)}: {why}")
    body, neg = s, False
    if signed and body[:1] in ("+", "-"):
        neg, body = body[0] == "-", body[1:]
    if not 2 <= base <= 36 and base != 0:
        return 0, V.GoError(f"strconv.{fn}: parsing {V.quote(s)}: invalid base {base}")
    if base == 0:
        base, low = 10, body.lower()
        for pre, b in (("0x", 16), ("0o", 8), ("0b", 2)):
            if low.startswith(pre) and len(body) > 2:
                base, body = b, body[2:]
                break
        else:
            if len(body) > 1 and body[0] == "0":
                base, body = 8, body[1:]
        if "_" in body:
            if body.startswith("_") or body.endswith("_") or "__" in body:
                return fail("invalid syntax")
            body = body.replace("_", "")
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"[:base]
    if not body or any(c not in digits for c in body.lower()):
        return fail("invalid syntax")
    n = int(body, base)
    if signed:
        lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
        n = -n if neg else n
        if n > hi:
            return fail("value out of range", hi)
        if n < lo:
            return fail("value out of range", lo)
        return n, None
    if n > (1 << bits) - 1:
        return fail("value out of range", (1 << bits) - 1)
    return n, None

