"""Loading a run: streamed, checked line by line, compacted as it goes, bounded in memory."""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from typing import Any

from ..atomic import ReadError, open_regular, show_path
from ..scenario import Config
from ..trace import Event, Events
from .format import (
    _ALLOWANCE,
    _CHECK_REST,
    _COMMON,
    _GZIP_MAGIC,
    _MAX_HEADER,
    _MAX_LINE,
    _MAX_RATIO,
    _READ,
    _SHA_RE,
    _STEP,
    FORMAT,
    VERSION,
    Recording,
    RunFileError,
    _Bad,
    _check_shapes,
    _gc_paused,
    _hash_update,
    _thaw,
    _why,
    config_of,
)
from .program import SavedProgram, program_of

__all__ = ["load"]


class _Reader:
    """Streams a run file: decompresses, splits lines, parses and hashes as it goes."""

    def __init__(self, f: Any, name: str) -> None:
        self.f = f
        self.name = name
        self.header: dict[str, Any] | None = None
        self.config: Config | None = None
        self.program: SavedProgram | None = None
        self.header_sha = ""  # sha256 of the header line, which a version 2 footer records
        self.footer: dict[str, Any] | None = None
        self.events = Events()  # compacted as it grows: memory stays near the loaded run's own size
        self.hash = hashlib.sha256()
        self.scan = json.JSONDecoder().scan_once
        self.live: set[int] = set()  # goroutines started and not ended, for the shape check
        self.t = 0
        self.inflated = 0
        self.max_inflated = _MAX_HEADER  # decompressed bytes allowed, set from the file's size

    def err(self, what: str) -> RunFileError:
        return RunFileError(f"{self.name}: {what}")

    def read_bytes(self) -> bytes:
        try:
            return self.f.read(_READ)
        except OSError as e:
            raise self.err(f"cannot read it: {_why(e)}") from e

    # -- the layers: bytes, lines, values --

    def run(self) -> Recording:
        data = self.read_bytes()
        if not data:
            raise self.err("the file is empty, not a leakviz run")
        if not data.startswith(_GZIP_MAGIC):
            raise self.err("not a leakviz run file (it is not gzip-compressed)")
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)  # gzip only
        pending = b""
        while True:
            out = self.inflate(d, data)
            data = d.unconsumed_tail
            if out:
                try:
                    pending = self.take(pending + out)
                except RunFileError:
                    # garbled text may only be the symptom of a damaged or cut
                    # gzip stream: if so, say that instead
                    self.check_rest(d, data)
                    raise
            if d.eof:
                if d.unused_data or self.read_bytes():
                    raise self.err("the file is damaged: there is data after its end")
                break
            if not data and not out:
                data = self.read_bytes()
                if not data:
                    raise self.err("the file is truncated: its compressed data ends early")
        return self.finish(pending)

    def inflate(self, d: Any, data: bytes) -> bytes:
        try:
            out = d.decompress(data, _STEP)
        except zlib.error as e:
            raise self.err(f"the file is damaged: its compressed data is corrupt ({_zmsg(e)})") from None
        self.inflated += len(out)
        if self.inflated > self.max_inflated:
            raise self.err(f"not a leakviz run file: it inflates to more than {_MAX_RATIO} times its size "
                           "(a run file compresses far less than that)")
        return out

    def check_rest(self, d: Any, data: bytes) -> None:
        """Decompress the rest (up to a limit), only to find damage or an early end."""
        budget = _CHECK_REST
        while budget > 0 and not d.eof:
            out = self.inflate(d, data)
            budget -= len(out)
            data = d.unconsumed_tail
            if not data and not out and not d.eof:
                data = self.read_bytes()
                if not data:
                    raise self.err("the file is truncated: its compressed data ends early")

    def take(self, buf: bytes) -> bytes:
        """Handle the complete lines in ``buf``; return the rest."""
        if self.header is None and buf[:1] != b"{":
            raise self.err("not a leakviz run file (it does not start with a run header)")
        cut = buf.rfind(b"\n") + 1
        rest = buf[cut:]
        if cut:
            try:
                text = buf[:cut].decode()
            except UnicodeDecodeError as e:
                line = 1 + len(self.events) + buf.count(b"\n", 0, e.start) + (self.header is not None)
                raise self.err(f"the file is damaged: line {line:,} is not valid UTF-8") from None
            self.lines(text)
        if self.header is None and len(rest) > _MAX_HEADER:
            raise self.err("not a leakviz run file (its first line is far too long for a run header)")
        if len(rest) > _MAX_LINE:
            raise self.err(f"line {2 + len(self.events):,} is malformed: it is far too long")
        if rest and self.footer is not None:
            raise self.err("the file is damaged: there is data after its last line")
        return rest

    def lines(self, s: str) -> None:
        """Handle ``s``: whole lines, each ending with a newline."""
        pos = 0
        if self.header is None:
            pos = s.index("\n") + 1
            self.read_header(s[:pos - 1])
        n = len(s)
        if self.footer is not None:
            if pos < n:
                raise self.err("the file is damaged: there is data after its last line")
            return
        chunk: list[Event] = []
        append = chunk.append
        scan = self.scan
        get = _COMMON.get
        find = s.find
        try:
            while pos < n:
                c = s[pos]
                if c == "[":
                    o, end = scan(s, pos)
                    if s[end] != "\n":
                        raise _Bad("there is text after its JSON array")
                    # fast paths; an array or object where they expect none is
                    # unhashable (TypeError) and takes the general one
                    try:
                        if find("[", pos + 1, end) < 0:  # flat: numbers, strings, true/false/null
                            e = tuple(map(get, o, o))
                        else:  # fields that are flat arrays, as a park event's
                            e = tuple([tuple(map(get, x, x)) if type(x) is list else get(x, x) for x in o])
                    except TypeError:
                        e = _thaw(o)
                    if len(e) < 2 or type(e[0]) is not int or type(e[1]) is not str:
                        raise _Bad("an event starts with an integer time and a kind")
                    append(e)
                    pos = end + 1
                elif c == "{":
                    nl = s.index("\n", pos)
                    self.read_footer(s[pos:nl])
                    pos = nl + 1
                    if pos < n:
                        raise self.err("the file is damaged: there is data after its last line")
                else:
                    raise _Bad("it is not a JSON array")
            if len(self.events) + len(chunk) > self.header["events"]:
                raise self.err(f"the file is damaged: it holds more events than the {self.header['events']:,} "
                               "its header says")
            self.t = _check_shapes(chunk, self.live, self.t)
        except (_Bad, ValueError, StopIteration, RecursionError) as e:
            if isinstance(e, RunFileError):
                raise
            if isinstance(e, _Bad) and e.at is not None:  # a whole event that has the wrong shape
                raise self.err(f"line {2 + len(self.events) + e.at:,} is malformed: {e}") from None
            if isinstance(e, json.JSONDecodeError):
                why = f"invalid JSON: {e.msg}"
            elif isinstance(e, StopIteration):
                why = "invalid JSON"
            elif isinstance(e, RecursionError):
                why = "it nests too deep"
            else:
                why = str(e) or "invalid JSON"
            line = 2 + len(self.events) + len(chunk)
            raise self.err(f"line {line:,} is malformed: {why}") from None
        _hash_update(self.hash, chunk)
        self.events.tail.extend(chunk)
        self.events.compact()

    def read_header(self, line: str) -> None:
        name = self.name
        try:
            h = json.loads(line)
        except (ValueError, RecursionError):
            if FORMAT not in line:
                raise self.err("not a leakviz run file (its first line is not a run header)") from None
            raise self.err("the header is malformed: it is not valid JSON") from None
        if type(h) is not dict or h.get("format") != FORMAT:
            raise self.err("not a leakviz run file (its header does not say \"format\": \"leakviz-run\")")
        v = h.get("version")
        if type(v) is not int or v < 1:
            raise self.err(f"the header is malformed: its version must be a positive integer, got {json.dumps(v)[:20]}")
        if v > VERSION:
            raise self.err(f"made by a newer leakviz (format version {v}); this one reads versions 1 to {VERSION}")
        run = h.get("run") if v >= 2 else "preset"
        if run not in ("preset", "program"):
            raise self.err('the header is malformed: its "run" must be "preset" or "program"')
        runs = ("config", lambda x: x is not None, "the run's config") if run == "preset" else \
            ("program", lambda x: type(x) is dict, "the program as a JSON object")
        for key, ok, what in (("saved_by", lambda x: type(x) is str, "text"),
                              ("events", lambda x: type(x) is int and x >= 0, "a count (0 or more)"),
                              ("sha256", _is_sha, "64 lowercase hex digits"), runs):
            if key not in h:
                raise self.err(f"the header is malformed: it has no {key!r}")
            if not ok(h[key]):
                raise self.err(f"the header is malformed: its {key!r} must be {what}")
        if run == "program":
            if h["events"]:
                raise self.err("the header is malformed: a program's run holds no events (opening it runs it)")
            self.program = program_of(h["program"], name)
        else:
            self.config = config_of(h["config"], name)
        self.header = h
        self.header_sha = hashlib.sha256(line.encode()).hexdigest()

    def read_footer(self, line: str) -> None:
        try:
            ft = json.loads(line)
        except (ValueError, RecursionError):
            raise _Bad("its last line is not valid JSON") from None
        keys = {"end", "sha256"} if self.header["version"] == 1 else {"end", "sha256", "header"}
        if (type(ft) is not dict or set(ft) != keys or type(ft["end"]) is not int
                or not _is_sha(ft["sha256"]) or not _is_sha(ft.get("header", "0" * 64))):
            raise _Bad('the last line must be {"end": N, "sha256": "..."' + (', "header": "..."}' if len(keys) > 2
                                                                            else "}"))
        self.footer = ft

    def finish(self, rest: bytes) -> Recording:
        h = self.header
        if h is None:
            if rest:
                raise self.err("not a leakviz run file (it holds no complete run header)")
            raise self.err("not a leakviz run file (its gzip content is empty)")
        n = h["events"]
        got = len(self.events)
        if rest:
            raise self.err(f"the file is truncated: it ends in the middle of line {got + 2:,}")
        if self.footer is None:
            raise self.err(f"the file is truncated: it ends after {got:,} of {n:,} events, "
                           f"without its closing line")
        if self.footer["end"] != n or self.footer["sha256"] != h["sha256"]:
            raise self.err("the file is damaged: its header and its closing line disagree")
        if got != n:
            raise self.err(f"the file is damaged: it holds {got:,} events but its header says {n:,}")
        if "header" in self.footer and self.footer["header"] != self.header_sha:
            raise self.err("the file is damaged: its header does not match the sha256 its closing line records")
        sha = self.hash.hexdigest()
        if sha != h["sha256"]:
            raise self.err(f"the file is damaged: its events do not match their sha256 "
                           f"(recorded {h['sha256'][:12]}…, computed {sha[:12]}…)")
        return Recording(config=self.config, events=self.events, sha256=sha, saved_by=h["saved_by"],
                         program=self.program)


def _is_sha(x: Any) -> bool:
    return type(x) is str and _SHA_RE.fullmatch(x) is not None


def _zmsg(e: zlib.error) -> str:
    msg = str(e)
    return msg.split(": ", 1)[1] if ": " in msg else msg


def load(path: str | os.PathLike) -> Recording:
    """Read a run file written by ``save`` (version 2) or by an older leakviz (version 1). Raises
    RunFileError (one line) for anything that is not a complete, intact run file."""
    path = os.fspath(path)
    name = show_path(path)
    try:
        f, st = open_regular(path, "leakviz run file")
    except ReadError as e:
        raise RunFileError(str(e)) from None
    with f, _gc_paused():
        reader = _Reader(f, name)
        reader.max_inflated = _ALLOWANCE + _MAX_RATIO * st.st_size
        return reader.run()
