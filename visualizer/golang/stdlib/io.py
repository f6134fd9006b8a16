"""Package io: Reader and Writer, EOF, Discard, ReadAll and ReadFull over any Go Read method; the writer of
os.Stdout, os.Stderr and io.Discard (Writer), and how every package writes to an io.Writer (write_to)."""

from __future__ import annotations

from typing import Any

from .. import values as V
from ..gotypes import BYTES, ERR, INT
from .registry import package, std, std_type, value

package("io", "io")
std_type("io.Reader", ("iface", "io.Reader"))
std_type("io.Writer", ("iface", "io.Writer"))
value("io.EOF", ERR, lambda h: V.GoError("EOF"))
value("io.Discard", ("ext", "io.Writer"), lambda h: Writer(h.ip, 0))


@std("io.ReadAll", ("tuple", [BYTES, ERR]))
async def io_ReadAll(h, r: Any) -> tuple:
    """io.ReadAll: r.Read into 512-byte parts until an error; io.EOF is the good end (nil error)."""
    read = getattr(h.nn(r), V.go_attr("Read"))
    out: list = []
    while True:
        part = [0] * 512
        k, err = await read(part)
        if k:
            h.alloc(len(out) + k)
            out.extend(part[:k])
        if err is not None:
            return out, (None if err is h.io_EOF else err)


@std("io.ReadFull", ("tuple", [INT, ERR]))
async def io_ReadFull(h, r: Any, buf: Any) -> tuple:
    """io.ReadFull -> io.ReadAtLeast: calls r.Read until buf is full (Read may block)."""
    n = 0
    want = len(buf or [])
    read = getattr(h.nn(r), V.go_attr("Read"))  # a Go method: a user type's or the library's
    while n < want:
        part = buf[n:]  # slices do not share their array here: what Read fills is copied back
        k, err = await read(part)
        if k:
            buf[n:n + k] = part[:k]
        n += k
        if err is not None:
            if n >= want:
                return n, None
            return n, (V.GoError("unexpected EOF") if n > 0 and err is h.io_EOF else err)
    return n, None


async def write_to(w: Any, s: str) -> None:
    """Write ``s`` to the io.Writer ``w``: os.Stdout and the like, or a Go value with a Write method."""
    if isinstance(w, Writer):
        w.ip.write(w.fd, s)
        return
    if type(w) is V.PtrArg:  # fmt's arguments wrap struct pointers; the writer is one
        w = w.p
    write = getattr(w, "g_Write", None)
    if write is None:
        raise V.PanicValue(V.RuntimeErrorValue("invalid memory address or nil pointer dereference"),
                           "runtime error: invalid memory address or nil pointer dereference")
    r = write(list(s.encode()))
    if hasattr(r, "__await__"):
        await r


@V.go_api()
class Writer:
    """os.Stdout, os.Stderr, io.Discard."""

    _goname = "*os.File"

    def __init__(self, ip: Any, fd: int) -> None:
        self.ip = ip
        self.fd = fd

    async def Write(self, b: Any) -> tuple:
        if V.is_slice(b):
            self.ip.write_bytes(self.fd, bytes(b))
        else:
            self.ip.write(self.fd, str(b))
        return len(b), None

    async def WriteString(self, s: str) -> tuple:
        self.ip.write(self.fd, s)
        return len(s), None

    async def ReadFrom(self, r: Any) -> tuple:
        """io.ReaderFrom's ReadFrom (bufio's Writer hands over to it): r.Read until an error, each part
        written; how many bytes, and the error unless it is io.EOF."""
        read = getattr(r, V.go_attr("Read"))
        total = 0
        while True:
            part = [0] * 32768
            k, err = await read(part)
            if k:
                total += k
                self.ip.write_bytes(self.fd, bytes(part[:k]))
            if err is not None:
                return total, (None if err is self.ip.h.io_EOF else err)

