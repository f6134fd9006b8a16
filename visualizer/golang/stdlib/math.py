"""Package math: the few functions and constants programs here use."""

from __future__ import annotations

from ..gotypes import FLOAT, INT
from .registry import const, package, std

package("math", "math")
const("math.MaxInt64", INT, 2**63 - 1)
const("math.MaxInt32", INT, 2**31 - 1)
const("math.MaxInt", INT, 2**63 - 1)


@std("math.Max", FLOAT)
def math_Max(h, a: float, b: float) -> float:
    return max(a, b)


@std("math.Min", FLOAT)
def math_Min(h, a: float, b: float) -> float:
    return min(a, b)


@std("math.Abs", FLOAT)
def math_Abs(h, a: float) -> float:
    return abs(a)


@std("math.Sqrt", FLOAT)
def math_Sqrt(h, a: float) -> float:
    return a ** 0.5

