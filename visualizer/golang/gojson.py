"""encoding/json on the interpreter's values: Marshal as Go's encoder writes, Unmarshal into typed Go values.

A struct's JSON names come from its fields' tags (``json:"name,omitempty"``, ``json:"-"``), kept by the
compiler with the struct class as data (``_tags``), and its fields' types as descriptors (``_jtypes``)
so that decoding makes the Go values the fields hold: ints for ints, structs for structs, maps of any
for ``any``. Descriptors are tuples of strings: ("int",), ("float",), ("float32", Go name), ("string",), ("bool",), ("dur",),
("time",), ("any",), ("struct", class name), ("slice", d), ("array", n, d), ("map", key d, value d),
("ptr", d), ("other",).
"""

from __future__ import annotations

import base64
import json as _json
import math
from typing import Any

from . import values as V


class JSONError(Exception):
    """What Marshal or Unmarshal return as their error, in Go's words."""


def _tag(tag: str) -> tuple[str | None, bool, bool]:
    """A field's json tag: (name or None, omitempty, skipped)."""
    value = ""
    rest = tag
    while rest:
        rest = rest.strip()
        key, sep, rest = rest.partition(":")
        if not sep or not rest.startswith('"'):
            break
        end = rest.find('"', 1)
        while end > 0 and rest[end - 1] == "\\":
            end = rest.find('"', end + 1)
        if end < 0:
            break
        if key == "json":
            value = rest[1:end]
            break
        rest = rest[end + 1:]
    if value == "-":
        return None, False, True
    name, _, opts = value.partition(",")
    return (name or None), "omitempty" in opts.split(","), False


def _fields(obj: Any) -> list[tuple[str, str, bool, tuple | None]]:
    """The JSON fields of a struct value: (JSON name, attribute, omitempty, type descriptor), embedded
    structs' fields promoted (the outer name wins)."""
    cls = type(obj)
    out: list = []
    seen: set = set()
    tags = getattr(cls, "_tags", None) or ("",) * len(cls._fields)
    types = getattr(cls, "_jtypes", None) or (None,) * len(cls._fields)
    for attr, goname, tag, desc in zip(cls._fields, cls._gofields, tags, types, strict=False):
        name, omit, skip = _tag(tag)
        if skip:
            continue
        if attr in cls._embedded and name is None:
            inner = getattr(obj, attr, None)
            if isinstance(inner, V.GoStruct):
                for f in _fields(inner):
                    if f[0] not in seen:
                        out.append((f[0], (attr, f[1]), f[2], f[3]))
                        seen.add(f[0])
            continue
        if not goname[:1].isupper():
            continue  # unexported: encoding/json does not see it
        name = name or goname
        if name not in seen:
            out.append((name, attr, omit, desc))
            seen.add(name)
    return out


def _get(obj: Any, attr: Any) -> Any:
    if type(attr) is tuple:
        return _get(getattr(obj, attr[0]), attr[1])
    return getattr(obj, attr)


def _string(s: str) -> str:
    """A JSON string as Go's encoder writes it: <, > and & escaped as \\u003c..., as HTML-safe."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or ch in "<>&" or o in (0x2028, 0x2029):
            out.append(f"\\u{o:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _float(f: float) -> str:
    if math.isnan(f) or math.isinf(f):
        raise JSONError(f"json: unsupported value: {V.fmt_float(f)}")
    a = abs(f)
    if f == int(f) and a < 1e21:
        return str(int(f))
    if a != 0 and (a < 1e-6 or a >= 1e21):
        s = repr(f)
        mant, _, exp = s.partition("e")
        e = int(exp)
        return f"{mant}e{'-' if e < 0 else '+'}{abs(e):02d}"
    return repr(f)


async def encode(v: Any, depth: int = 0, desc: tuple | None = None) -> str:
    """``v`` as compact JSON (``desc``: its static type where known: a []byte is base64, as Go writes it).
    Raises JSONError."""
    if depth > 1000:
        raise JSONError("json: unsupported value: encountered a cycle")
    if v is None:
        return "null"
    t = type(v)
    if desc == ("bytes",) and V.is_slice(v):
        return '"' + base64.b64encode(bytes(v)).decode() + '"'
    if t is bool:
        return "true" if v else "false"
    if t is int:
        return str(v)
    if t is float:
        return _float(v)
    if t is V.F32:
        return _float(V.shortest32(v))  # a float32 in its own shortest form, as encoding/json writes it
    if t is str:
        return _string(v)
    if t is V.DurArg:
        return str(v.d)
    if t is V.StrArg:
        return await encode(v.v, depth + 1)
    m = getattr(v, V.go_attr("MarshalJSON"), None)
    if m is not None:
        got, err = await m()
        if err is not None:
            why = await getattr(err, V.go_attr("Error"))()
            raise JSONError(f"json: error calling MarshalJSON for type {V.type_name(v)}: {why}")
        return bytes(got or []).decode(errors="replace")
    if t is V.MethodsArg:  # a named number or string in an interface: its value
        return await encode(v.v, depth + 1)
    if getattr(t, "_goname", None) == "time.Time":
        return _string(await v.Format("2006-01-02T15:04:05.999999999Z07:00"))
    if t is list or t is V.Slice:
        return "[" + ",".join([await encode(x, depth + 1) for x in v]) + "]"
    if t is dict:
        keys = sorted(v, key=lambda k: str(k.d if type(k) is V.DurArg else k))
        parts = []
        for k in keys:
            ks = k if type(k) is str else str(k.v if type(k) is V.StrArg else k)
            parts.append(_string(ks) + ":" + await encode(v[k], depth + 1))
        return "{" + ",".join(parts) + "}"
    if isinstance(v, V.GoStruct):
        parts = []
        for name, attr, omit, desc in _fields(v):
            x = _get(v, attr)
            if omit and (x is None or x is False or x == 0 or x == "" or (type(x) in (list, dict, V.Slice) and not x)):
                continue
            parts.append(_string(name) + ":" + await encode(x, depth + 1, desc))
        return "{" + ",".join(parts) + "}"
    if hasattr(v, V.go_attr("Error")):
        return "{}"  # an error value: no exported fields
    if hasattr(v, "sendq") or callable(v):
        raise JSONError(f"json: unsupported type: {V.type_name(v)}")
    return "{}"


def indent(compact: str, prefix: str, ind: str) -> str:
    """``compact`` JSON laid out as MarshalIndent (json.Indent) does: the strings and numbers as they are."""
    if not ind and not prefix:
        return compact
    out: list[str] = []
    level = 0
    in_str = esc = False
    n = len(compact)
    i = 0
    while i < n:
        c = compact[i]
        if in_str:
            out.append(c)
            if esc:
                esc = False
            elif c == "\\":
                esc = True
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
            out.append(c)
        elif c in "{[":
            if i + 1 < n and compact[i + 1] in "}]":  # an empty object or array stays {} or []
                out.append(c + compact[i + 1])
                i += 1
            else:
                level += 1
                out.append(c + "\n" + prefix + ind * level)
        elif c in "}]":
            level -= 1
            out.append("\n" + prefix + ind * level + c)
        elif c == ",":
            out.append(",\n" + prefix + ind * level)
        elif c == ":":
            out.append(": ")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def _kind(x: Any) -> str:
    if x is None:
        return "null"
    return {bool: "bool", int: "number", float: "number", str: "string", list: "array", dict: "object"}[type(x)]


def _as_any(x: Any) -> Any:
    """A decoded JSON value as ``any`` holds it: numbers float64, objects map[string]any, arrays []any."""
    if type(x) is int:
        return float(x)
    if type(x) is list:
        return [_as_any(e) for e in x]
    if type(x) is dict:
        return {k: _as_any(e) for k, e in x.items()}
    return x


def _gotype(desc: tuple | None) -> str:
    if desc is None:
        return "interface {}"
    k = desc[0]
    if k in ("int", "string", "bool"):
        return k
    if k == "float":
        return "float64"
    if k == "float32":
        return desc[1]
    if k == "slice":
        return "[]" + _gotype(desc[1])
    if k == "bytes":
        return "[]uint8"
    if k == "map":
        return f"map[{_gotype(desc[1])}]{_gotype(desc[2])}"
    if k == "ptr":
        return "*" + _gotype(desc[1])
    if k == "struct":
        return desc[2] if len(desc) > 2 else "struct"
    return "interface {}"


def decode(x: Any, desc: tuple | None, ns: dict, into: Any = None, where: str = "") -> Any:
    """The Go value of type ``desc`` for JSON value ``x`` (``into``: the struct to fill). Raises JSONError."""
    if desc is None or desc[0] in ("any", "other"):
        return _as_any(x)
    k = desc[0]
    if x is None:
        return into if k == "struct" else None if k in ("slice", "map", "ptr") else {"int": 0, "float": 0.0,
                                                                                      "string": "", "bool": False,
                                                                                      "dur": 0,
                                                                                      "float32": V.f32(0)}.get(k)
    bad = JSONError(f"json: cannot unmarshal {_kind(x)} into Go {'struct field ' + where if where else 'value'} "
                    f"of type {_gotype(desc)}")
    if k == "bytes":  # a []byte is a base64 string, as Go writes it
        if type(x) is not str:
            raise bad
        try:
            return list(base64.b64decode(x, validate=True))
        except ValueError:
            raise JSONError("illegal base64 data at input byte 0") from None
    if k in ("int", "dur"):
        if type(x) is int:
            return x
        if type(x) is float and x == int(x):
            return int(x)
        raise bad
    if k == "float":
        if type(x) in (int, float) and type(x) is not bool:
            return float(x)
        raise bad
    if k == "float32":
        if type(x) not in (int, float):
            raise bad
        v = V.f32(x)
        if math.isinf(v):  # past float32's range: Go's error quotes the number (here as Python reads it)
            num = repr(x).replace("e+", "e")
            raise JSONError(f"json: cannot unmarshal number {num} into Go "
                            f"{'struct field ' + where if where else 'value'} of type {_gotype(desc)}")
        return v
    if k == "string":
        if type(x) is str:
            return x
        raise bad
    if k == "bool":
        if type(x) is bool:
            return x
        raise bad
    if k == "slice":
        if type(x) is not list:
            raise bad
        return [decode(e, desc[1], ns) for e in x]
    if k == "map":
        if type(x) is not dict:
            raise bad
        keyk = desc[1][0] if desc[1] else "string"
        out = {}
        for key, e in x.items():
            kk: Any = key
            if keyk == "int":
                try:
                    kk = int(key)
                except ValueError:
                    raise JSONError(f"json: cannot unmarshal number {key} into Go value of type int") from None
            out[kk] = decode(e, desc[2], ns)
        return out
    if k == "ptr":
        inner = desc[1]
        if inner and inner[0] == "struct":
            return decode(x, inner, ns)
        return V.Box(decode(x, inner, ns))
    if k == "struct":
        if type(x) is not dict:
            raise bad
        obj = into if into is not None else ns[desc[1]]()
        fields = _fields(obj)
        by_name = {f[0]: f for f in fields}
        folded = {f[0].lower(): f for f in fields}
        for key, e in x.items():
            f = by_name.get(key) or folded.get(key.lower())
            if f is None:
                continue
            name, attr, _omit, fdesc = f
            target = obj
            while type(attr) is tuple:
                target, attr = getattr(target, attr[0]), attr[1]
            cur = getattr(target, attr)
            val = decode(e, fdesc, ns, cur if fdesc and fdesc[0] == "struct" else None,
                         f"{type(obj)._goname.rsplit('.', 1)[-1]}.{name}")
            object.__setattr__(target, attr, val)
        return obj
    return _as_any(x)


def parse(data: Any) -> Any:
    """The JSON text of ``data`` (a []byte or a string), parsed; JSONError in Go's words when it is not JSON."""
    text = bytes(data).decode("utf-8", "replace") if V.is_slice(data) else (data or "")
    if not text.strip():
        raise JSONError("unexpected end of JSON input")
    try:
        return _json.loads(text, parse_constant=_reject)
    except _json.JSONDecodeError as e:
        if e.pos >= len(text.rstrip()):
            raise JSONError("unexpected end of JSON input") from None
        ch = text[e.pos]
        lit = {"n": "null", "t": "true", "f": "false"}.get(ch)
        if lit is not None and e.msg.startswith("Expecting value"):  # Go's scanner reads a literal's letters
            got = text[e.pos:e.pos + len(lit)]
            j = next((j for j in range(1, len(lit)) if j >= len(got) or got[j] != lit[j]), None)
            if j is not None and j < len(got):
                raise JSONError(f"invalid character {_quote_char(got[j])} in literal {lit} "
                                f"(expecting {_quote_char(lit[j])})") from None
        what = "looking for beginning of value" if e.msg.startswith("Expecting value") else \
            "after top-level value" if e.msg.startswith("Extra data") else "in string literal" \
            if "string" in e.msg else "looking for beginning of object key string" \
            if "property name" in e.msg else "after object key:value pair" if "delimiter" in e.msg else \
            "looking for beginning of value"
        raise JSONError(f"invalid character {_quote_char(ch)} {what}") from None


def _reject(name: str) -> Any:
    raise _json.JSONDecodeError("Expecting value", name, 0)


def _quote_char(ch: str) -> str:
    if ch == "'":
        return "'\\''"
    if ch == '"':
        return "'\"'"
    return f"'{ch}'" if ch.isprintable() else f"'\\x{ord(ch):02x}'"
