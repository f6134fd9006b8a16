"""Package math: its constants and the functions services use, with Go's special cases (±Inf, NaN,
signed zeros) where Python's math raises or differs (round half to even, sqrt of a negative)."""

from __future__ import annotations

import math
import struct

from ..gotypes import BOOL, FLOAT, INT, SIZED
from .registry import const, package, std

package("math", "math")
const("math.MaxInt64", INT, 2**63 - 1)
const("math.MaxInt32", INT, 2**31 - 1)
const("math.MaxInt16", INT, 2**15 - 1)
const("math.MaxInt8", INT, 2**7 - 1)
const("math.MaxInt", INT, 2**63 - 1)
const("math.MinInt64", INT, -2**63)
const("math.MinInt32", INT, -2**31)
const("math.MinInt16", INT, -2**15)
const("math.MinInt8", INT, -2**7)
const("math.MinInt", INT, -2**63)
const("math.MaxUint8", INT, 2**8 - 1)
const("math.MaxUint16", INT, 2**16 - 1)
const("math.MaxUint32", INT, 2**32 - 1)
const("math.MaxFloat64", FLOAT, 1.7976931348623157e308)
const("math.SmallestNonzeroFloat64", FLOAT, 5e-324)
const("math.MaxFloat32", FLOAT, 3.4028234663852886e38)
const("math.SmallestNonzeroFloat32", FLOAT, 1.401298464324817e-45)
const("math.Pi", FLOAT, math.pi)
const("math.E", FLOAT, math.e)
const("math.Sqrt2", FLOAT, math.sqrt(2))
const("math.Ln2", FLOAT, math.log(2))

_INF = math.inf


@std("math.Inf", FLOAT)
def math_Inf(h, sign: int) -> float:
    return _INF if sign >= 0 else -_INF


@std("math.NaN", FLOAT)
def math_NaN(h) -> float:
    return math.nan


@std("math.IsNaN", BOOL)
def math_IsNaN(h, f: float) -> bool:
    return f != f


@std("math.IsInf", BOOL)
def math_IsInf(h, f: float, sign: int) -> bool:
    return (sign >= 0 and f == _INF) or (sign <= 0 and f == -_INF)


@std("math.Max", FLOAT)
def math_Max(h, a: float, b: float) -> float:
    if a == _INF or b == _INF:
        return _INF
    if a != a or b != b:
        return math.nan
    if a == 0 and b == 0:  # +0 beats -0
        return b if math.copysign(1, a) < 0 else a
    return a if a > b else b


@std("math.Min", FLOAT)
def math_Min(h, a: float, b: float) -> float:
    if a == -_INF or b == -_INF:
        return -_INF
    if a != a or b != b:
        return math.nan
    if a == 0 and b == 0:  # -0 beats +0
        return a if math.copysign(1, a) < 0 else b
    return a if a < b else b


@std("math.Abs", FLOAT)
def math_Abs(h, a: float) -> float:
    return math.fabs(a)


@std("math.Sqrt", FLOAT)
def math_Sqrt(h, a: float) -> float:
    return math.sqrt(a) if a >= 0 else math.nan  # NaN in, NaN out (a >= 0 is false)


def _whole(f: float, fn) -> float:
    """floor, ceil or trunc as a float64: ±Inf, NaN and ±0 stay as they are."""
    f = float(f)
    if f != f or f in (_INF, -_INF) or f == 0:
        return f
    return math.copysign(float(fn(f)), f)


@std("math.Floor", FLOAT)
def math_Floor(h, f: float) -> float:
    return _whole(f, math.floor)


@std("math.Ceil", FLOAT)
def math_Ceil(h, f: float) -> float:
    return _whole(f, math.ceil)


@std("math.Trunc", FLOAT)
def math_Trunc(h, f: float) -> float:
    return _whole(f, math.trunc)


@std("math.Round", FLOAT)
def math_Round(h, f: float) -> float:
    """Half away from zero (Python's round() goes to even), exact: no f+0.5 that rounds on its own."""
    f = float(f)
    if f != f or f in (_INF, -_INF) or abs(f) >= 2.0**52:
        return f
    t = math.trunc(f)
    if abs(f - t) >= 0.5:
        t += 1 if f > 0 else -1
    return math.copysign(float(t), f)


@std("math.Pow", FLOAT)
def math_Pow(h, x: float, y: float) -> float:
    if y == 0:
        return 1.0
    if x == 0 and y < 0:  # Go: ±Inf (the sign of x for an odd integer y)
        odd = y == math.floor(y) and math.fmod(y, 2) != 0
        return math.copysign(_INF, x) if odd else _INF
    try:
        return math.pow(x, y)
    except OverflowError:
        odd = y == math.floor(y) and math.fmod(y, 2) != 0
        return -_INF if x < 0 and odd else _INF
    except ValueError:  # a negative x to a fractional y
        return math.nan


def _log(x: float, fn) -> float:
    if x == 0:
        return -_INF
    if x < 0 or x != x:
        return math.nan
    return fn(x)


@std("math.Log", FLOAT)
def math_Log(h, x: float) -> float:
    return _log(x, math.log)


@std("math.Log2", FLOAT)
def math_Log2(h, x: float) -> float:
    return _log(x, math.log2)


@std("math.Log10", FLOAT)
def math_Log10(h, x: float) -> float:
    return _log(x, math.log10)


@std("math.Exp", FLOAT)
def math_Exp(h, x: float) -> float:
    try:
        return math.exp(x)
    except OverflowError:
        return _INF


@std("math.Mod", FLOAT)
def math_Mod(h, x: float, y: float) -> float:
    try:
        return math.fmod(x, y)  # the sign of x, as Go's
    except ValueError:  # y == 0 or x infinite
        return math.nan


@std("math.Hypot", FLOAT)
def math_Hypot(h, p: float, q: float) -> float:
    return math.hypot(p, q)


@std("math.Signbit", BOOL)
def math_Signbit(h, x: float) -> bool:
    return math.copysign(1, x) < 0


@std("math.Copysign", FLOAT)
def math_Copysign(h, f: float, sign: float) -> float:
    return math.copysign(f, sign)


@std("math.Float64bits", SIZED["uint64"])
def math_Float64bits(h, f: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", f))[0]


@std("math.Float64frombits", FLOAT)
def math_Float64frombits(h, b: int) -> float:
    return struct.unpack("<d", struct.pack("<Q", b & (2**64 - 1)))[0]
