"""Package encoding/json over golang/gojson.py: Marshal, Unmarshal, Valid, Encoder and Decoder."""

from __future__ import annotations

from typing import Any

from .. import values as V
from ..gotypes import BOOL, BYTES, ERR
from .io import write_to
from .registry import package, std, std_type
from .strings import StringsReader

package("encoding/json", "json")
std_type("json.Encoder", ("ext", "json.Encoder"))
std_type("json.Decoder", ("ext", "json.Decoder"))
std_type("json.RawMessage", BYTES)
std_type("json.Marshaler", ("iface", ("MarshalJSON",)))


@std("json.Marshal", ("tuple", [BYTES, ERR]))
async def json_Marshal(h, v: Any) -> tuple:
    from ..gojson import JSONError, encode
    try:
        text = await encode(v)
    except JSONError as e:
        return None, V.GoError(str(e))
    h.alloc(len(text))
    return list(text.encode()), None


@std("json.MarshalIndent", ("tuple", [BYTES, ERR]))
async def json_MarshalIndent(h, v: Any, prefix: str, indent: str) -> tuple:
    from ..gojson import JSONError, encode
    from ..gojson import indent as lay_out
    try:
        text = lay_out(await encode(v), prefix, indent)
    except JSONError as e:
        return None, V.GoError(str(e))
    h.alloc(len(text))
    return list(text.encode()), None


@std("json.Valid", BOOL)
def json_Valid(h, data: Any) -> bool:
    from ..gojson import JSONError, parse
    try:
        parse(data)
    except JSONError:
        return False
    return True


@std("json.Unmarshal", ERR)
def json_Unmarshal(h, data: Any, ptr: Any, desc: tuple = ("any",)) -> Any:
    from ..gojson import JSONError, parse
    try:
        return json_into(h.ip.ns, parse(data), ptr, desc)
    except JSONError as e:
        return V.GoError(str(e))


@std("json.NewEncoder", ("ptr", ("ext", "json.Encoder")))
def json_NewEncoder(h, w: Any) -> JSONEncoder:
    return JSONEncoder(w)


@std("json.NewDecoder", ("ptr", ("ext", "json.Decoder")))
def json_NewDecoder(h, r: Any) -> JSONDecoder:
    return JSONDecoder(h.ip.ns, r, h.io_EOF)


def json_into(ns: dict, x: Any, ptr: Any, desc: tuple) -> Any:
    """Decode JSON value ``x`` into what ``ptr`` points at (a struct, or a variable, field or element);
    the error (None when it went in)."""
    from ..gojson import JSONError, decode
    if ptr is None:
        return V.GoError("json: Unmarshal(nil)")
    try:
        if isinstance(ptr, V.GoStruct):
            decode(x, desc if desc and desc[0] == "struct" else ("struct", type(ptr).__name__), ns, ptr)
            return None
        if not hasattr(ptr, "v"):
            return V.GoError(f"json: Unmarshal(non-pointer {V.type_name(ptr)})")
        ptr.v = decode(x, desc, ns, ptr.v if desc and desc[0] == "struct" else None)
    except JSONError as e:
        return V.GoError(str(e))
    return None


@V.go_api()
class JSONEncoder:
    """json.Encoder: each value as one line of JSON to its writer."""

    __slots__ = ("w", "prefix", "indent")
    _goname = "json.Encoder"

    def __init__(self, w: Any) -> None:
        self.w = w
        self.prefix = self.indent = ""

    async def Encode(self, v: Any) -> Any:
        """Write ``v`` as JSON and a newline; the error."""
        from ..gojson import JSONError, encode
        from ..gojson import indent as lay_out
        try:
            text = lay_out(await encode(v), self.prefix, self.indent)
        except JSONError as e:
            return V.GoError(str(e))
        await write_to(self.w, text + "\n")
        return None

    async def SetIndent(self, prefix: str, indent: str) -> None:
        """Lay the values out as MarshalIndent does."""
        self.prefix, self.indent = prefix, indent


@V.go_api()
class JSONDecoder:
    """json.Decoder over a strings.Reader or a request body: one JSON value per Decode."""

    __slots__ = ("ns", "r", "pending", "eof")
    _goname = "json.Decoder"

    def __init__(self, ns: dict, r: Any, eof: Any) -> None:
        self.ns = ns
        self.r = r
        self.eof = eof  # io.EOF: what Decode returns when the input is used up
        self.pending: str | None = None

    async def Decode(self, ptr: Any, desc: tuple = ("any",)) -> Any:
        """Decode the next JSON value into what ``ptr`` points at (``desc``: its type, from the compiler)."""
        import json as _json

        from ..gojson import JSONError, parse
        if self.pending is None:
            if self.r is None or not isinstance(self.r, StringsReader):
                return self.eof if self.r is None else V.GoError(
                    "leakviz: a json.Decoder reads a strings.Reader or a request body here")
            self.pending = self.r.rest()
        text = self.pending.lstrip()
        if not text:
            return self.eof
        try:
            x, end = _json.JSONDecoder().raw_decode(text)
        except _json.JSONDecodeError:
            try:
                parse(text)
            except JSONError as e:
                self.pending = ""
                return V.GoError(str(e))
            return V.GoError("unexpected EOF")
        self.pending = text[end:]
        return json_into(self.ns, x, ptr, desc)

    async def More(self) -> bool:
        """Whether another value follows."""
        if self.pending is None:
            self.pending = self.r.rest() if isinstance(self.r, StringsReader) else ""
        return bool(self.pending.strip())

