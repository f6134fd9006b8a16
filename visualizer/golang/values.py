"""Go values as the interpreter represents them, and fmt's formatting of them.

ints, floats, bools and strings are Python's; nil is ``None``; a slice is a
list when it spans its whole backing array, else a ``Slice`` (a window on the
list it shares with the slices it came from); arrays are lists; maps are dicts; a struct is an instance of a class made
from its declaration (``GoStruct``); a pointer to a struct is the struct
object itself, and assigning or passing a struct *value* copies it. A
variable whose address is taken lives in a ``Box``.

(About 820 lines: every kind of Go value and fmt's verbs over them, which must agree with each other.)
"""

from __future__ import annotations

import math
import re
import struct
from typing import Any


def py_name(prefix: str, name: str, k: int = 0) -> str:
    """The Python identifier for the Go name ``name`` in the namespace ``prefix`` (``k``-th of that name).

    Never a Python builtin, keyword, dunder or a name of the generated module's
    own (those start with ``_``): an ASCII identifier becomes ``prefix_name``
    (``prefixK_name``), anything else ``prefixx_<hex code points>`` (Python
    would fold Unicode names NFKC, making two Go names one). The character after
    the prefix ('_', a digit or 'x') keeps the three forms apart."""
    kk = str(k) if k else ""
    if name.isascii() and name.isidentifier():
        return f"{prefix}{kk}_{name}"
    return f"{prefix}x{kk}_" + "_".join(f"{ord(c):x}" for c in name)


def unmangle(py: str, prefix: str) -> str | None:
    """The Go name ``py_name(prefix, name, k)`` made ``py`` from, or None if ``py`` is not of that form."""
    if not py.startswith(prefix):
        return None
    rest = py[len(prefix):]
    hexed = rest.startswith("x")
    if hexed:
        rest = rest[1:]
    head, sep, body = rest.partition("_")
    if not sep or (head and not head.isdigit()):
        return None
    if not hexed:
        return body
    try:
        return "".join(chr(int(h, 16)) for h in body.split("_"))
    except ValueError:
        return None


def go_attr(name: str) -> str:
    """The Python attribute a Go field or method ``name`` lives in: ``g_name``, on user structs and library types alike.

    No Python attribute of a plain object starts with ``g_``, so a Go selector
    can reach a Go field or method and nothing else."""
    return py_name("g", name)


def go_api(*data: str):
    """Class decorator: expose a library type's Go methods (every attribute starting upper-case) and its Go fields
    ``data`` (instance attributes such as Timer.C) under their ``go_attr`` names."""
    def deco(cls: type) -> type:
        for klass in reversed(cls.__mro__):
            for name, val in list(vars(klass).items()):
                if name[:1].isupper() and callable(val):
                    setattr(cls, go_attr(name), val)
        for name in data:
            setattr(cls, go_attr(name), property(lambda self, n=name: getattr(self, n),
                                                 lambda self, v, n=name: setattr(self, n, v)))
        return cls
    return deco


class Box:
    """A variable whose address was taken: ``&x`` is the box, ``*p`` its ``v``."""

    __slots__ = ("v",)

    def __init__(self, v: Any) -> None:
        self.v = v


class GoStruct:
    """Base of the classes generated for Go struct types."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()  # the Python attributes (go_attr names), in declaration order
    _gofields: tuple[str, ...] = ()  # the same fields' Go names (what %+v prints)
    _embedded: tuple[str, ...] = ()
    _goname = "struct"
    _fmtspecs: tuple | None = None  # per field, how fmt sees its static type (``fmt_wrap``), if any needs it

    def __getattr__(self, name: str) -> Any:
        # promoted fields and methods of embedded fields, depth first as Go resolves them
        for e in type(self)._embedded:
            inner = object.__getattribute__(self, e)
            if inner is not None:
                try:
                    return getattr(inner, name)
                except AttributeError:
                    pass
        raise AttributeError(name)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return False
        return all(getattr(self, f) == getattr(other, f) for f in self._fields)

    def __hash__(self) -> int:
        return hash(tuple(_hashable(getattr(self, f)) for f in self._fields))


def _hashable(v: Any) -> Any:
    return tuple(v) if type(v) is list or type(v) is Slice else v


def copy_value(v: Any) -> Any:
    """Copy a struct value (Go's assignment of a struct copies every field)."""
    if isinstance(v, GoStruct):
        new = object.__new__(type(v))
        targs = getattr(v, "_targs", None)  # a generic struct's type arguments travel with its value
        if targs is not None:
            object.__setattr__(new, "_targs", targs)
        for f in v._fields:
            x = getattr(v, f)
            if f in v._byvalue:
                x = copy_value(x)
            object.__setattr__(new, f, x)
        return new
    if type(v) is list:  # arrays
        return [copy_value(x) for x in v]
    cp = getattr(v, "go_copy", None)
    if cp is not None:
        return cp()
    return v


# Go's malloc size classes up to 32 KiB (runtime/sizeclasses.go): append's new capacity is rounded up to
# one, so cap() after a growing append is what Go prints
_SIZE_CLASSES = (8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352,
                 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304,
                 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880,
                 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768)


def grown_cap(old_cap: int, need: int, esize: int) -> int:
    """The capacity Go's append gives a slice of ``old_cap`` that must hold ``need`` elements of ``esize``
    bytes: double while small, then grow by a quarter plus 192, rounded up to the allocator's size."""
    if need > 2 * old_cap:
        cap = need
    elif old_cap < 256:
        cap = 2 * old_cap
    else:
        cap = old_cap
        while cap < need:
            cap += (cap + 768) >> 2
    if esize <= 0:
        return cap
    size = cap * esize
    if size <= 32768:
        size = next(c for c in _SIZE_CLASSES if c >= size)
    else:
        size = -(-size // 8192) * 8192
    return size // esize


class Slice:
    """A slice that does not span its whole backing array: elements [off, off+n) of the list ``arr``, with
    room up to off+cap. Writes go to ``arr``, so the slices cut from one array see each other's writes,
    and an append within capacity fills the array in place, as in Go. ``zero`` makes an element's zero
    value for capacity that is not yet used (None: nil)."""

    __slots__ = ("arr", "off", "n", "cap", "zero")

    def __init__(self, arr: list, off: int, n: int, cap: int, zero: Any = None) -> None:
        self.arr, self.off, self.n, self.cap, self.zero = arr, off, n, cap, zero

    def __len__(self) -> int:
        return self.n

    def __iter__(self) -> Any:
        arr, off = self.arr, self.off
        for k in range(self.n):
            yield arr[off + k]

    def __getitem__(self, i: Any) -> Any:
        if type(i) is slice:  # Python-side reads (the library's code): a copy
            return self.arr[self.off:self.off + self.n][i]
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        return self.arr[self.off + i]

    def __setitem__(self, i: Any, v: Any) -> None:
        if type(i) is slice:  # the library writing a run of elements in place (copy, Read, sort)
            lo, hi, step = i.indices(self.n)
            v = list(v)
            if step != 1 or len(v) != hi - lo:
                raise ValueError("a slice's length cannot change in place")
            self.arr[self.off + lo:self.off + hi] = v
            return
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        self.arr[self.off + i] = v

    def __eq__(self, other: object) -> bool:
        if type(other) is Slice or type(other) is list:
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def sort(self, key: Any = None, reverse: bool = False) -> None:
        """Sort the window in place (sort.Ints, slices.Sort): the shared array sees it."""
        self[:] = sorted(self, key=key, reverse=reverse)

    def reverse(self) -> None:
        """Reverse the window in place (slices.Reverse)."""
        self[:] = self[::-1]

    def __repr__(self) -> str:
        return f"Slice({list(self)!r}, cap={self.cap})"


class SizedType:
    """A sized integer type handed to a generic function as a type argument: called, its zero value."""

    __slots__ = ("mask", "half")

    def __init__(self, bits: int, signed: bool) -> None:
        self.mask = (1 << bits) - 1
        self.half = 1 << (bits - 1) if signed else 0

    def __call__(self) -> int:
        return 0

    def wrap(self, v: Any) -> Any:
        """``v`` reduced to this type's width, as Go's arithmetic wraps (a non-int unchanged)."""
        if type(v) is not int:
            return v
        return ((v + self.half) & self.mask) - self.half


def is_slice(x: Any) -> bool:
    """Whether ``x`` is a slice or array value (a list or a window on one)."""
    return type(x) is list or type(x) is Slice


class PtrArg:
    """A pointer to a struct handed to fmt: printed ``&{...}`` (the compiler knows it is a pointer)."""

    __slots__ = ("p",)

    def __init__(self, p: Any) -> None:
        self.p = p


class NilPtr:
    """A nil ``*T`` (T a struct) held by an interface: the interface is not nil (``err != nil`` holds, Go's
    typed nil), a type assertion to ``*T`` gives nil back, and T's methods run with a nil receiver."""

    __slots__ = ("cls",)

    def __init__(self, cls: type) -> None:
        self.cls = cls

    def __getattr__(self, name: str) -> Any:
        m = getattr(self.cls, name) if name.startswith("g_") else None
        if m is None or not callable(m) or isinstance(m, type):  # a field, or not Go's: as a nil *T has none
            raise AttributeError(name)
        return lambda *args: m(None, *args)

    def __eq__(self, other: Any) -> bool:
        return type(other) is NilPtr and other.cls is self.cls

    def __hash__(self) -> int:
        return hash(self.cls)


class FuncWithMethods:
    """A func value converted to a named func type with methods (http.HandlerFunc(f)): called as f is,
    with the type's methods as its ``g_`` attributes (the only names a Go selector reaches)."""

    def __init__(self, f: Any, methods: list) -> None:
        self.f = f
        self.go_entry = getattr(f, "go_entry", f)
        for attr, bound in methods:
            setattr(self, attr, bound)

    def __call__(self, *args: Any) -> Any:
        return self.f(*args)


class MethodsArg:
    """A value of a named non-struct type (a chan, map, slice, int... with methods) handed to an interface:
    the value, its type's key, and the type's methods bound to it as ``g_`` attributes, as Go's interface
    value carries them; ``v.(T)`` gives the value back."""

    def __init__(self, v: Any, t: str, methods: list, goname: str = "") -> None:
        self.v = v
        self.t = t
        self.goname = goname or t  # what %T prints: main.T
        for attr, bound in methods:
            setattr(self, attr, bound)

    def __eq__(self, other: Any) -> bool:
        return self.v == (other.v if type(other) is MethodsArg else other)

    def __hash__(self) -> int:
        return hash(_hashable(self.v))


@go_api()
class StrArg:
    """A value of a named non-struct type with a String or Error method, handed to fmt."""

    __slots__ = ("m", "v", "t")

    def __init__(self, m: Any, v: Any, t: str | None = None) -> None:
        self.m = m
        self.v = v
        self.t = t  # the named type's key: what a type switch or assertion on it matches

    async def String(self) -> str:
        return await self.m(self.v)

    def __eq__(self, other: Any) -> bool:
        return self.v == (other.v if type(other) is StrArg else other)

    def __hash__(self) -> int:
        return hash(self.v)


class DurArg:
    """A time.Duration handed to fmt: printed as Duration.String does (1.5s, 100ms, 1h0m0s)."""

    __slots__ = ("d",)

    def __init__(self, d: int) -> None:
        self.d = d

    def __eq__(self, other: Any) -> bool:  # an interface holding a Duration compares by value
        return self.d == (other.d if type(other) is DurArg else other)

    def __hash__(self) -> int:
        return hash(self.d)


class TypedArg:
    """A value handed to a fmt call whose format has %T, with its static type's Go spelling."""

    __slots__ = ("v", "t")

    def __init__(self, v: Any, t: str) -> None:
        self.v, self.t = v, t


class BytesArg:
    """A []byte handed to fmt: %s, %q and %x read it as bytes, %v prints its numbers."""

    __slots__ = ("b",)

    def __init__(self, b: Any) -> None:
        self.b = b


def duration_string(d: int) -> str:
    """A duration in ns formatted as Go's ``time.Duration.String`` does: "1.5s", "2m0s", "1h2m3s", "250ms"."""
    if d == 0:
        return "0s"
    neg = d < 0
    u = -d if neg else d
    if u < 1_000_000_000:
        for unit, size in (("ns", 1), ("µs", 1_000), ("ms", 1_000_000)):
            if u < size * 1000:
                s = _frac(u, size) + unit
                break
    else:
        h, rem = divmod(u, 3_600_000_000_000)
        m, rem = divmod(rem, 60_000_000_000)
        s = _frac(rem, 1_000_000_000) + "s"
        if h:
            s = f"{h}h{m}m" + s
        elif m:
            s = f"{m}m" + s
    return "-" + s if neg else s


def _frac(v: int, size: int) -> str:
    whole, frac = divmod(v, size)
    if not frac:
        return str(whole)
    digits = str(frac).rjust(len(str(size)) - 1, "0").rstrip("0")
    return f"{whole}.{digits}"


@go_api()
class GoError:
    """``errors.New``/``fmt.Errorf`` values."""

    __slots__ = ("msg", "wrapped")

    def __init__(self, msg: str, wrapped: Any = None) -> None:
        self.msg = msg
        self.wrapped = wrapped

    async def Error(self) -> str:
        return self.msg

    def __repr__(self) -> str:
        return f"<error {self.msg!r}>"


class PanicValue(Exception):
    """``panic(v)`` in interpreted Go: carries the Go value (not a GoPanic: those are the runtime's own)."""

    def __init__(self, value: Any, text: str) -> None:
        super().__init__(text)
        self.value = value


class RuntimeErrorValue(GoError):
    """A runtime.Error (index out of range, nil map write, ...)."""

    __slots__ = ()

    def __init__(self, msg: str, prefix: str = "runtime error: ") -> None:
        super().__init__(prefix + msg)  # a failed type assertion's error has no prefix


# -- fmt --

_F32 = struct.Struct("f")


class F32(float):
    """A float32: a float rounded to float32's precision that keeps its type (fmt's %v and %T, type switches).
    Arithmetic on it gives a plain float: the compiler rounds each result back with ``f32``."""
    __slots__ = ()


def f32(v: Any) -> F32:
    """``v`` rounded to the nearest float32 (±Inf past its range, as Go's conversion of a variable gives)."""
    try:
        return F32(_F32.unpack(_F32.pack(v))[0])
    except OverflowError:
        return F32(math.copysign(math.inf, v))


def shortest32(f: float) -> float:
    """The float64 of the shortest decimal that reads back as the float32 ``f`` (strconv's 32-bit shortest):
    its repr is that decimal."""
    if f != f or math.isinf(f) or f == 0:
        return float(f)
    for digits in range(1, 10):
        g = float(f"{f:.{digits}g}")
        if _F32.unpack(_F32.pack(g))[0] == f:
            return g
    return float(f)


def fmt_float(f: float, verb: str = "v", prec: int = -1) -> str:
    """A float64 as Go's fmt prints it for ``verb`` (shortest repr for %v/%g, Go's exponent form, +Inf/NaN);
    a float32's shortest form has the digits that tell it from its neighbouring float32s."""
    if type(f) is F32 and verb in ("v", "g") and prec < 0:
        f = shortest32(f)
    if math.isinf(f):
        return "+Inf" if f > 0 else "-Inf"
    if f != f:
        return "NaN"
    if verb in ("v", "g") and prec < 0:
        r = repr(float(f))
        if "e" in r or "E" in r:
            mant, _, ex = r.partition("e")
            digits = mant.replace("-", "").replace(".", "").lstrip("0") or "0"
            exp = int(ex) + (len(mant.split(".")[0].lstrip("-")) - 1)
            digits = digits.rstrip("0") or "0"
        else:
            if f == 0:
                return "-0" if math.copysign(1, f) < 0 else "0"
            ip, _, fp = r.lstrip("-").partition(".")
            fp = fp.rstrip("0")
            allds = (ip + fp).lstrip("0")
            lead = len(ip.lstrip("0")) if ip.strip("0") else -(len(fp) - len(fp.lstrip("0")))
            exp = lead - 1
            digits = allds.rstrip("0") or "0"
        sign = "-" if f < 0 else ""
        if exp < -4 or exp >= 6:  # strconv's %g with the shortest digits decides at precision 6
            m = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
            return f"{sign}{m}e{'-' if exp < 0 else '+'}{abs(exp):02d}"
        s = repr(abs(float(f)))
        if s.endswith(".0"):
            s = s[:-2]
        if "e" in s:
            s = f"{abs(f):.{max(0, len(digits) - exp - 1)}f}"
        return sign + s
    if verb == "f" or verb == "F":
        return f"{f:.{6 if prec < 0 else prec}f}"
    if verb == "e":
        return f"{f:.{6 if prec < 0 else prec}e}"
    return f"{f:.{prec}g}" if prec >= 0 else f"{f:g}"


def quote(s: str) -> str:
    """Go's ``%q`` of a string: double-quoted with Go's escapes."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\x{o:02x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


async def fmt_value(v: Any, verb: str = "v", plus: bool = False, top: bool = True) -> str:
    """Go's fmt of one value for ``verb`` (``plus`` for %+v): calls its Error or String method as fmt does.

    Awaitable, because those methods are Go code."""
    if type(v) is TypedArg:
        v = v.v
    if type(v) is MethodsArg:  # fmt prints a named type's value as its underlying value (no String method)
        v = v.v
    if type(v) is DurArg:
        return duration_string(v.d)
    if type(v) is BytesArg:
        v = v.b
    if type(v) is PtrArg:
        v = v.p
        if isinstance(v, GoStruct) and not hasattr(v, "g_Error") and not hasattr(v, "g_String"):
            return "&" + await fmt_value(v, verb, plus, top)
    if v is None:
        return "<nil>" if verb in ("v", "s") or not top else "%!" + verb + "(<nil>)"
    t = type(v)
    if t is bool:
        return "true" if v else "false"
    if t is int:
        return str(v)
    if t is float or t is F32:
        return fmt_float(v)
    if t is str:
        return v
    if t is GoError or t is RuntimeErrorValue:
        return v.msg
    if t is NilPtr:  # its Error or String method runs on the nil receiver; where that panics, fmt says <nil>
        m = getattr(v, "g_Error", None) or getattr(v, "g_String", None)
        try:
            return "<nil>" if m is None else await _call_str(m)
        except PanicValue:
            return "<nil>"
    m = getattr(v, "g_Error", None)
    if callable(m):
        return await _call_str(m)
    m = getattr(v, "g_String", None)
    if callable(m) and not isinstance(v, type):
        return await _call_str(m)
    if t is list or t is tuple or t is Slice:
        parts = [await fmt_value(x, verb, plus, False) for x in v]
        return "[" + " ".join(parts) + "]"
    if t is dict:
        items = []
        for k in sorted(v, key=_sort_key):
            items.append(await fmt_value(k, verb, plus, False) + ":" + await fmt_value(v[k], verb, plus, False))
        return "map[" + " ".join(items) + "]"
    if isinstance(v, GoStruct):
        parts = []
        specs = v._fmtspecs or (None,) * len(v._fields)
        for f, goname, spec in zip(v._fields, v._gofields, specs, strict=True):
            s = await fmt_value(fmt_wrap(getattr(v, f), spec), verb, plus, False)
            parts.append(f"{goname}:{s}" if plus else s)
        return "{" + " ".join(parts) + "}"
    if t is Box:
        return "0xc000" + format(id(v) & 0xFFFFFF, "06x")
    if callable(v) or hasattr(v, "cid"):
        return "0xc000" + format(id(v) & 0xFFFFFF, "06x")
    fv = getattr(v, "go_format", None)
    if fv is not None:
        return fv()
    return str(v)


def _sort_key(k: Any) -> Any:
    t = type(k)
    if t is DurArg:
        k = k.d
    elif t is StrArg or t is MethodsArg:  # fmt sorts a map by its keys' values, not their String
        k = k.v
    return (0, k) if isinstance(k, (int, float)) else (1, str(k))


def fmt_wrap(v: Any, spec: Any) -> Any:
    """``v`` as fmt must see it, by its static type's ``spec`` (compile.py's fmt_spec): "D" a duration,
    ("S", String or Error method, type key) a named type printed through its method, ("L", spec) a slice
    or array (its elements' spec, or None), ("M", key spec, value spec) a map. A struct's fields say theirs
    (``GoStruct._fmtspecs``). A nil slice or map is an empty one; any other nil stays nil."""
    if spec is None:
        return v
    if v is None:  # a nil slice or map still has its type: fmt prints [] and map[]
        return [] if spec[0] == "L" else {} if spec[0] == "M" else None
    if spec == "D":
        return DurArg(v) if type(v) is int else v
    kind = spec[0]
    if kind == "S":
        return v if type(v) in (StrArg, MethodsArg) else StrArg(spec[1], v, spec[2])
    if kind == "L":
        return v if spec[1] is None else [fmt_wrap(x, spec[1]) for x in v]
    if kind == "M":
        return v if spec[1] is None and spec[2] is None else \
            {fmt_wrap(k, spec[1]): fmt_wrap(x, spec[2]) for k, x in v.items()}
    return v


async def _call_str(m: Any) -> str:
    r = m()
    if hasattr(r, "__await__"):
        r = await r
    return r


def plain(a: Any) -> Any:
    """The value itself of what the compiler wrapped for fmt (a struct pointer, a typed or byte argument)."""
    t = type(a)
    if t is PtrArg:
        return a.p
    if t is TypedArg:
        return plain(a.v)
    if t is BytesArg:
        return a.b
    return a


_VERB = re.compile(r"%[+\-# 0]*(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])")


def verb_args(fmt: str, verb: str) -> list[int]:
    """The indexes of the arguments ``fmt``'s ``verb`` verbs format (a * width or precision takes one too)."""
    out, k = [], 0
    for m in _VERB.finditer(fmt):
        if m.group(3) == "%":
            continue
        k += (m.group(1) == "*") + (m.group(2) == "*")
        if m.group(3) == verb:
            out.append(k)
        k += 1
    return out


async def sprintf(fmt: str, args: list[Any]) -> str:
    """Go's ``fmt.Sprintf(fmt, args...)``, including Go's %!verb(...) and %!(EXTRA ...) error texts. Awaitable."""
    out = []
    i = 0
    n = len(fmt)
    ai = 0
    while i < n:
        c = fmt[i]
        if c != "%":
            j = fmt.find("%", i)
            if j < 0:
                j = n
            out.append(fmt[i:j])
            i = j
            continue
        i += 1
        flags = ""
        while i < n and fmt[i] in "+-# 0":
            flags += fmt[i]
            i += 1
        width = ""
        bad_star = False
        if i < n and fmt[i] == "*":  # the width is the next argument, an int
            i += 1
            if ai < len(args) and type(args[ai]) is int:
                width = str(abs(args[ai]))
                if args[ai] < 0:
                    flags += "-"
            else:
                bad_star = True
            ai += 1
        while i < n and fmt[i].isdigit():
            width += fmt[i]
            i += 1
        prec = -1
        if i < n and fmt[i] == ".":
            i += 1
            p = ""
            if i < n and fmt[i] == "*":
                i += 1
                if ai < len(args) and type(args[ai]) is int and args[ai] >= 0:
                    p = str(args[ai])
                else:
                    bad_star = True
                ai += 1
            while i < n and fmt[i].isdigit():
                p += fmt[i]
                i += 1
            prec = int(p or 0)
        if bad_star:
            out.append("%!(BADWIDTH)")
        if i >= n:
            out.append("%!(NOVERB)")
            break
        verb = fmt[i]
        i += 1
        if verb == "%":
            out.append("%")
            continue
        if ai >= len(args):
            out.append(f"%!{verb}(MISSING)")
            continue
        a = args[ai]
        ai += 1
        out.append(await _fmt_one(a, verb, flags, prec, int(width or 0)))
    if ai < len(args):
        extra = []
        for a in args[ai:]:
            extra.append(f"{type_name(a)}={await fmt_value(a)}")
        out.append("%!(EXTRA " + ", ".join(extra) + ")")
    return "".join(out)


def _pad(s: str, w: int, flags: str, verb: str) -> str:
    if len(s) >= w:
        return s
    if "-" in flags:
        return s.ljust(w)
    if "0" in flags and verb in "dxXobfeEgGFs":
        sign = s[:1] if s[:1] in "+-" and verb != "s" else ""  # zeros go after the sign
        return sign + s[len(sign):].rjust(w - len(sign), "0")
    return s.rjust(w)


async def _fmt_one(a: Any, verb: str, flags: str, prec: int, width: int = 0) -> str:
    """One argument for one verb, padded to ``width``; a slice's or map's elements each get the verb
    and the width, as Go's fmt does."""
    if type(a) is TypedArg:
        if verb == "T":
            return _pad(a.t, width, flags, verb)
        a = a.v
    if type(a) is MethodsArg:
        if verb == "T":
            return _pad(a.goname, width, flags, verb)
        a = a.v
    t = type(a)
    each = verb not in "vspT" or (width and verb in "vs")
    if (t is list or t is Slice) and each:
        return "[" + " ".join([await _fmt_one(x, verb, flags, prec, width) for x in a]) + "]"
    if t is dict and each:
        items = [await _fmt_one(k, verb, flags, prec, width) + ":" + await _fmt_one(a[k], verb, flags, prec, width)
                 for k in sorted(a, key=_sort_key)]
        return "map[" + " ".join(items) + "]"
    return _pad(await _fmt_scalar(a, verb, flags, prec), width, flags, verb)


async def _fmt_scalar(a: Any, verb: str, flags: str, prec: int) -> str:
    if type(a) is BytesArg:
        if verb == "T":
            return "[]uint8"
        if verb in "sqxX":  # Go reads a []byte as a string for these verbs
            a = bytes(a.b or ()).decode(errors="replace") if verb in "sq" else bytes(a.b or ())
            if type(a) is bytes:
                return a.hex().upper() if verb == "X" else a.hex()
        else:
            a = a.b
    if type(a) is int and verb == "U":
        return f"U+{a:04X}"
    if type(a) in (list, Slice, dict) and verb not in "vspT":
        return await _fmt_one(a, verb, flags, prec)
    if type(a) is PtrArg and verb not in "vs":
        a = a.p
    if type(a) is DurArg and verb not in "vs":
        a = a.d
    if type(a) is StrArg and verb not in "vsq":
        a = a.v
    t = type(a)
    if verb in "vsw":
        if (t is float or t is F32) and prec >= 0 and verb == "v":
            return fmt_float(a, "g", prec)
        s = await fmt_value(a, "v", "+" in flags)
        if verb == "s" and t in (int, bool):
            return f"%!s({type_name(a)}={s})"
        return s[:prec] if prec >= 0 and t is str else s
    if verb == "d":
        if t is int or t is bool:
            s = str(int(a))
            return ("+" + s) if "+" in flags and a >= 0 else s
        if t is list or t is Slice:
            return "[" + " ".join(str(x) for x in a) + "]"
        return f"%!d({type_name(a)}={await fmt_value(a)})"
    if verb in "fFeEgG":
        if t in (int, float, F32):
            if t is int and not isinstance(a, bool):
                return f"%!{verb}(int={a})"
            return fmt_float(a if t is F32 else float(a), verb.lower(), prec)
        return f"%!{verb}({type_name(a)}={await fmt_value(a)})"
    if verb == "q":
        if t is int:
            return "'" + chr(a) + "'"
        return quote(await fmt_value(a))
    if verb in "xX":
        if t is int:
            s = format(a, "x")
        elif t is str:
            s = a.encode().hex()
        else:
            s = (await fmt_value(a)).encode().hex()
        return s.upper() if verb == "X" else s
    if verb == "t":
        return "true" if a is True else ("false" if a is False else f"%!t({type_name(a)}={await fmt_value(a)})")
    if verb == "c":
        return chr(a) if t is int else f"%!c({type_name(a)}={await fmt_value(a)})"
    if verb == "T":
        return type_name(a)
    if verb == "p":
        return "0xc000" + format(id(a) & 0xFFFFFF, "06x")
    if verb == "b" and t is int:
        return format(a, "b")
    if verb == "o" and t is int:
        return format(a, "o")
    return f"%!{verb}({type_name(a)}={await fmt_value(a)})"


def type_name(a: Any) -> str:
    """The Go type name of a value as ``%T`` prints it (e.g. "int", "*errors.errorString", a struct type's Go name)."""
    if type(a) is TypedArg:
        return a.t
    if type(a) is DurArg:
        return "time.Duration"
    if type(a) is PtrArg:
        return "*" + type_name(a.p)
    if type(a) is BytesArg:
        return "[]uint8"
    if type(a) is MethodsArg:
        return a.goname
    if type(a) is NilPtr:
        return "*" + a.cls._goname
    t = type(a)
    if a is None:
        return "<nil>"
    if t is bool:
        return "bool"
    if t is int:
        return "int"
    if t is float:
        return "float64"
    if t is F32:
        return "float32"
    if t is str:
        return "string"
    if t is GoError:
        return "*errors.errorString"
    if isinstance(a, GoStruct):
        return a._goname
    if t is list or t is Slice:
        return "[]interface {}"
    if t is dict:
        return "map[string]interface {}"
    return getattr(t, "_goname", t.__name__)


async def sprint(args: list[Any], spaces: bool) -> str:
    """Go's ``fmt.Sprint`` (``spaces`` False: spaces only between non-strings) or ``Sprintln`` (always). Awaitable."""
    parts = []
    prev_str = True
    for k, a in enumerate(args):
        s = await fmt_value(a)
        is_str = type(a) is str
        if k > 0 and (spaces or (not is_str and not prev_str)):
            parts.append(" ")
        parts.append(s)
        prev_str = is_str
    return "".join(parts)
