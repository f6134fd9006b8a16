"""The static types the compiler reasons with that the standard library's signatures name too
(golang/stdlib declares each function's result in them; compile.py infers with them)."""

from __future__ import annotations

INT = ("basic", "int")
STR = ("basic", "string")
BOOL = ("basic", "bool")
FLOAT = ("basic", "float64")
ERR = ("iface", "error")
ANY = ("iface", "any")
DUR = ("basic", "duration")  # an int that fmt prints as Go's time.Duration does


class SizedInt(tuple):
    """A sized integer type: equal to (and hashed as) INT wherever the translation asks "an integer?",
    and carrying its width, so that arithmetic on it wraps as Go's does."""

    def __new__(cls, name: str) -> SizedInt:
        t = super().__new__(cls, ("basic", "int"))
        t.kind = name
        return t


class Float32(tuple):
    """float32: equal to (and hashed as) FLOAT wherever the translation asks "a float?"; its values are
    rounded to float32 after each operation and keep their type (values.F32)."""

    def __new__(cls) -> Float32:
        t = super().__new__(cls, ("basic", "float64"))
        t.f32 = True
        return t


F32 = Float32()


def is_f32(t: object) -> bool:
    """Whether the static type ``t`` (after named types were followed) is float32."""
    return getattr(t, "f32", False)


# byte is uint8 and rune int32, as in Go; int and uint are 64 bits wide, as on amd64
WIDTH = {"int8": (8, True), "int16": (16, True), "int32": (32, True), "int64": (64, True), "int": (64, True),
         "uint8": (8, False), "uint16": (16, False), "uint32": (32, False), "uint64": (64, False),
         "uint": (64, False), "uintptr": (64, False)}
SIZED = {n: SizedInt(n) for n in WIDTH}
SIZED["byte"], SIZED["rune"] = SIZED["uint8"], SIZED["int32"]
BYTES = ("slice", SIZED["uint8"])  # what the library hands back as []byte: fmt prints it as bytes
