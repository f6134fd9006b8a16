"""Package math/rand: Intn, Int, Float64, Seed on a Python generator seeded from the run's seed (Go's
top-level source is seeded at random: runs here repeat, their numbers are not any one Go run's)."""

from __future__ import annotations

import random

from .. import values as V
from ..gotypes import FLOAT, INT
from .registry import package, setup, std

package("math/rand", "rand")


@setup
def _source(h) -> None:
    h.rng = random.Random(h.ip.seed)


@std("rand.Intn", INT)
@std("rand.Int63n", INT)
@std("rand.Int31n", INT)
def rand_Intn(h, n: int) -> int:
    if n <= 0:
        raise V.PanicValue(V.GoError("invalid argument to Intn"), "invalid argument to Intn")
    return h.rng.randrange(n)


@std("rand.Int", INT)
@std("rand.Int63", INT)
def rand_Int(h) -> int:
    return h.rng.getrandbits(63)


@std("rand.Seed")
def rand_Seed(h, s: int) -> None:
    h.rng.seed(s)


@std("rand.Float64", FLOAT)
def rand_Float64(h) -> float:
    return h.rng.random()
