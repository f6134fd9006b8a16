"""math/rand/v2 for interpreted Go: the PCG source and the Rand methods built on a stream of uint64s.

PCG is the documented PCG-DXSM generator (128-bit LCG state, DXSM output), so
``rand.New(rand.NewPCG(s1, s2))`` gives the numbers real Go gives for the same
seeds. Go seeds its top-level functions at random on every run; leakviz seeds
them from its own run seed instead, so runs repeat (their numbers differ from
any one Go run's, by design, as for math/rand unseeded).
"""

from __future__ import annotations

from typing import Any

from .. import values as V
from ..gotypes import FLOAT, INT, SIZED
from .registry import method_results, package, setup, std, std_type

M64 = (1 << 64) - 1
_MUL = 0x2360ED051FC65DA44385DF649FCCF645  # the 128-bit LCG multiplier of PCG-DXSM
_INC = 0x5851F42D4C957F2D14057B7EF767814F
_CHEAP = 0xDA942042E4DD58B5  # DXSM's 64-bit multiplier


def _invalid(what: str) -> None:
    raise V.PanicValue(V.GoError(f"invalid argument to {what}"), f"invalid argument to {what}")


@V.go_api()
class PCG:
    """``*rand.PCG``: its state is the two seeds as one 128-bit number."""

    def __init__(self, seed1: int, seed2: int) -> None:
        self.state = ((seed1 & M64) << 64) | (seed2 & M64)

    def next(self) -> int:
        """Step the LCG and mix its state into 64 output bits."""
        self.state = (self.state * _MUL + _INC) & ((1 << 128) - 1)
        hi, lo = self.state >> 64, self.state & M64
        hi ^= hi >> 32
        hi = (hi * _CHEAP) & M64
        hi ^= hi >> 48
        return (hi * (lo | 1)) & M64

    async def Uint64(self) -> int:
        """Go's PCG.Uint64: the next number."""
        return self.next()

    async def Seed(self, seed1: int, seed2: int) -> None:
        """Go's PCG.Seed: start over from these seeds."""
        self.__init__(seed1, seed2)


class Gen:
    """The package's functions over one PCG: what the top-level functions and a ``*rand.Rand`` both do."""

    def __init__(self, src: PCG) -> None:
        self.src = src

    def uint64n(self, n: int) -> int:
        """Uniform in [0, n): a power of two masks; otherwise the high word of a 128-bit product, rejecting
        the few low words that would bias it (Lemire's method)."""
        n &= M64
        if n & (n - 1) == 0:
            return self.src.next() & (n - 1)
        x = self.src.next() * n
        if x & M64 < n:
            thresh = (-n & M64) % n
            while x & M64 < thresh:
                x = self.src.next() * n
        return x >> 64

    def bounded(self, n: int, what: str) -> int:
        """Go's IntN, Int64N, Int32N, UintN, Uint32N, Uint64N and N (named ``what``): uniform in [0, n),
        a panic for n <= 0."""
        if n <= 0:
            _invalid(what)
        return self.uint64n(n)

    def Int(self) -> int:
        """A non-negative int (63 random bits); Int64 is the same."""
        return self.src.next() & (M64 >> 1)

    Int64 = Int

    def Int32(self) -> int:
        """A non-negative int32 (the top 31 bits)."""
        return self.src.next() >> 33

    def Uint32(self) -> int:
        """The top 32 bits of the next number."""
        return self.src.next() >> 32

    def Uint64(self) -> int:
        """The next number."""
        return self.src.next()

    def Float64(self) -> float:
        """Uniform in [0, 1): 53 random bits over 2**53."""
        return (self.src.next() & ((1 << 53) - 1)) / (1 << 53)

    def Perm(self, n: int) -> list:
        """0..n-1 shuffled as Shuffle shuffles."""
        if n < 0:
            raise V.PanicValue(V.RuntimeErrorValue("makeslice: len out of range"),
                               "runtime error: makeslice: len out of range")
        p = list(range(n))
        for i in range(n - 1, 0, -1):
            j = self.uint64n(i + 1)
            p[i], p[j] = p[j], p[i]
        return p

    async def Shuffle(self, n: int, swap: Any) -> None:
        """Fisher-Yates from the last element down, calling the Go function ``swap(i, j)``."""
        if n < 0:
            _invalid("Shuffle")
        for i in range(n - 1, 0, -1):
            await swap(i, self.uint64n(i + 1))


def _method(name: str) -> Any:
    async def m(self: Rand, *args: Any) -> Any:
        return getattr(self.gen, name)(*args)
    m.__name__ = name
    return m


class Rand:
    """``*rand.Rand`` over a ``*rand.PCG`` (the compiler refuses other sources): Gen's functions as methods."""

    def __init__(self, src: PCG) -> None:
        self.gen = Gen(src)

    async def Shuffle(self, n: int, swap: Any) -> None:
        """Gen.Shuffle."""
        await self.gen.Shuffle(n, swap)


_BOUNDED = ("IntN", "Int64N", "Int32N", "UintN", "Uint32N", "Uint64N", "N")
for _name in ("Int", "Int64", "Int32", "Uint32", "Uint64", "Float64", "Perm"):
    setattr(Rand, _name, _method(_name))
for _name in _BOUNDED:
    setattr(Gen, _name, lambda self, n, _w=_name: self.bounded(n, _w))
    if _name != "N":  # N is a top-level function only
        setattr(Rand, _name, _method(_name))
Rand = V.go_api()(Rand)


package("math/rand/v2", "randv2")
std_type("randv2.Rand", ("ext", "randv2.Rand"))
std_type("randv2.PCG", ("ext", "randv2.PCG"))
std("randv2.New", ("ptr", ("ext", "randv2.Rand")))(Rand)  # classes: _h.randv2_New(src) is Rand(src)
std("randv2.NewPCG", ("ptr", ("ext", "randv2.PCG")))(PCG)
# the top-level functions, and the same as methods of *rand.Rand; rand.N's result is its argument's type
RESULTS = {"IntN": INT, "Int": INT, "Int64N": SIZED["int64"], "Int64": SIZED["int64"], "Int32N": SIZED["int32"],
           "Int32": SIZED["int32"], "UintN": SIZED["uint"], "Uint32N": SIZED["uint32"], "Uint32": SIZED["uint32"],
           "Uint64N": SIZED["uint64"], "Uint64": SIZED["uint64"], "Float64": FLOAT, "Perm": ("slice", INT)}
method_results("randv2.Rand", RESULTS)
method_results("randv2.PCG", {"Uint64": SIZED["uint64"]})


@setup
def _top_level(h) -> None:
    h.rng2 = None  # made on first use


def _gen(h: Any) -> Gen:
    """The top-level functions' generator: seeded from the run's seed (Go seeds it at random)."""
    if h.rng2 is None:
        h.rng2 = Gen(PCG(h.ip.seed, 0))
    return h.rng2


def _top(name: str) -> Any:
    def top(h: Any, *args: Any) -> Any:
        return getattr(_gen(h), name)(*args)
    top.__name__ = top.__qualname__ = f"randv2_{name}"
    return top


for _name, _t in RESULTS.items():
    std(f"randv2.{_name}", _t)(_top(_name))
std("randv2.N")(_top("N"))
std("randv2.Shuffle", awaits=True)(_top("Shuffle"))  # it calls the program's swap function
