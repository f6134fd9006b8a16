"""Read the goroutine dumps real Go writes, streaming and bounded.

Forms: ``/debug/pprof/goroutine?debug=2`` (and ``runtime.Stack``), a
SIGQUIT/panic traceback (``gp=… m=…`` headers, runtime goroutines, register
dumps around them), goleak's "found unexpected goroutines" (indented inside
``go test`` output, or as ``go test -json`` lines), ``?debug=1`` grouped
counts, and ``/debug/pprof/goroutineleak`` (Go 1.26+, ``(leaked)``).

The parser is a line-driven state machine over an iterator of byte lines. It
keeps no more than one goroutine at a time: callers fold what it yields.
Anything it cannot read is a :class:`Problem` with its line number; the
goroutine it interrupts is still yielded with the frames read so far, marked
``damaged``.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

MAX_LINE = 64 * 1024  # longer lines are cut: no Go dump line comes near this
MAX_FRAMES = 256  # Go itself stops at 100 and elides the rest
MAX_PROBLEMS_KEPT = 50
SNIFF_BYTES = 16 << 20  # give up on input with no goroutine in this much

_HEADER = re.compile(
    r"goroutine (\d+)(?: gp=0x[0-9a-f]+ m=(?:\d+|nil)(?: mp=0x[0-9a-f]+)?)? \[([^\]]*)\](?: \{(.*)\})?:$")
_FILE = re.compile(r"\t(.+?):(\d+)(?: \+0x[0-9a-f]+)?(?: fp=0x[0-9a-f]+ sp=0x[0-9a-f]+ pc=0x[0-9a-f]+)?$")
_CREATED = re.compile(r"created by (\S+)(?: in goroutine (\d+))?$")
_ELIDED = re.compile(r"\.\.\.(?:additional frames elided|\d+ frames elided)\.\.\.$")
_PROFILE = re.compile(r"(goroutine|goroutineleak) profile: total (\d+)$")
_RECORD = re.compile(r"(\d+) @(?: 0x[0-9a-f]+)*$")
_RECORD_FRAME = re.compile(r"#\t0x[0-9a-f]+\t(\S+?)(?:\+0x[0-9a-f]+)?\t+(.+):(\d+)$")
_GOLEAK = re.compile(r"\[?Goroutine (\d+) in state (.*), with (\S+) on top of the stack:$")
# what Go or go test prints right after a dump with no blank line between
_AFTER = ("panic: ", "fatal error: ", "--- PASS", "--- FAIL", "=== ", "PASS", "FAIL", "ok  \t", "exit status ")
_MINUTES = re.compile(r"(\d+) minutes$")


class DumpError(ValueError):
    """Input that holds no goroutine dump at all; the message is one line."""


@dataclass(slots=True)
class Frame:
    """One call in a stack: the function as Go names it, and where it is."""

    function: str
    file: str = ""
    line: int = 0


@dataclass(slots=True)
class Goroutine:
    """One goroutine, or for ``debug=1`` one record of ``count`` identical ones."""

    id: int | None
    wait_reason: str | None  # None where Go prints none (debug=1)
    frames: list[Frame] = field(default_factory=list)
    created_by: Frame | None = None
    minutes: int | None = 0  # None where Go prints no wait time (debug=1)
    locked: bool = False
    leaked: bool = False
    durable: bool = False
    labels: str | None = None
    elided: bool = False
    damaged: bool = False
    count: int = 1
    at_line: int = 0  # where its header is in the input
    variant: int = 0  # a hash of what differs between otherwise equal stacks: argument words, creator goroutine


@dataclass(slots=True)
class Problem:
    """What could not be read, and where (1-based line of the input)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class Problems:
    """Every problem counted; only the first few kept, so junk costs no memory."""

    def __init__(self) -> None:
        self.kept: list[Problem] = []
        self.total = 0

    def add(self, line: int, message: str) -> None:
        """Count a problem at dump line ``line``; only the first ``MAX_PROBLEMS_KEPT`` are kept in full."""
        self.total += 1
        if len(self.kept) < MAX_PROBLEMS_KEPT:
            self.kept.append(Problem(line, message))

    def summary(self) -> str:
        """One line: the first problem and how many more there were ("" if none)."""
        if not self.total:
            return ""
        more = f" (and {self.total - 1:,} more problem{'s' if self.total > 2 else ''})" if self.total > 1 else ""
        return f"{self.kept[0]}{more}"


def _status(text: str, g: Goroutine) -> None:
    """``chan send (leaked), 5 minutes, locked to thread, synctest bubble 1``."""
    parts = text.split(", ")
    reason = parts[0]
    # Go appends these to the wait reason in this order: (leaked) (scan) (durable)
    for flag, attr in ((" (durable)", "durable"), (" (scan)", None), (" (leaked)", "leaked")):
        if reason.endswith(flag):
            reason = reason[: -len(flag)]
            if attr:
                setattr(g, attr, True)
    g.wait_reason = reason
    if g.leaked:
        g.minutes = None  # once its goroutineleak profile was asked, Go prints no wait for a leaked goroutine
    for p in parts[1:]:
        m = _MINUTES.match(p)
        if m:
            g.minutes = int(m.group(1))
        elif p == "locked to thread":
            g.locked = True


def _shorten(text: str, n: int = 60) -> str:
    text = text.strip()
    return text if len(text) <= n else text[: n - 1] + "…"


class LineReader:
    """``(number, text, problem)`` for each line of a binary stream; a line
    that is too long is cut and one that is not UTF-8 text is ``None``.
    ``consumed`` counts the bytes read so far."""

    def __init__(self, stream, max_line: int = MAX_LINE) -> None:
        self.stream, self.max_line, self.consumed = stream, max_line, 0

    def __iter__(self) -> Iterator[tuple[int, str | None, str | None]]:
        stream, max_line = self.stream, self.max_line
        n = 0
        while True:
            raw = stream.readline(max_line + 1)
            if not raw:
                return
            n += 1
            self.consumed += len(raw)
            problem = None
            if len(raw) > max_line and not raw.endswith(b"\n"):
                problem = f"line longer than {max_line // 1024} KiB (cut)"
                while True:  # skip the rest of it, a bounded piece at a time
                    rest = stream.readline(max_line)
                    self.consumed += len(rest)
                    if not rest or rest.endswith(b"\n"):
                        break
            if b"\x00" in raw:
                yield n, None, "binary data, not text"
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield n, None, "binary data, not text"
                continue
            yield n, text.rstrip("\r\n"), problem


class Parser:
    """Feed lines with :meth:`feed`, end with :meth:`close`; both return the
    goroutines completed by that line. ``form`` names what was read."""

    def __init__(self, problems: Problems | None = None) -> None:
        self.problems = problems if problems is not None else Problems()
        self.form: str | None = None
        self.declared_total: int | None = None
        self.seen = 0  # goroutines (debug=1: summed counts) yielded
        self._g: Goroutine | None = None
        self._pending: Frame | None = None  # a function line awaiting its file line
        self._want_created_file = False
        self._ancestors = False  # inside "[originating from goroutine N]:" frames
        self._unavailable = False
        self._goleak_entry = False  # the goroutine was started by goleak's entry line (no header yet)
        self._last = 0
        self._pure = None  # input that starts with a goroutine: a pprof dump, nothing else in it

    # -- shared --

    def _emit(self, out: list[Goroutine]) -> None:
        g = self._g
        if g is None:
            return
        if self._pending is not None:
            g.frames.append(self._pending)
            self._pending = None
        if not g.frames and g.id is None and not g.damaged:
            # a debug=1 record whose stack is all runtime frames, which pprof leaves out (a goroutine just
            # made or exiting, at runtime.goexit): the runtime's own, as its traceback would say
            g.frames.append(Frame("runtime.goexit"))
        if not g.frames and not g.damaged and not self._unavailable:
            g.damaged = True
            self.problems.add(g.at_line, f"goroutine {g.id} has no stack")
        self._g = None
        self._want_created_file = False
        self._ancestors = False
        self._unavailable = False
        self.seen += g.count
        out.append(g)

    def _damage(self, n: int, message: str, out: list[Goroutine]) -> None:
        self.problems.add(n, message)
        if self._g is not None:
            self._g.damaged = True
            self._emit(out)

    def feed(self, n: int, text: str | None, problem: str | None = None) -> list[Goroutine]:
        """Read line ``n``; ``text`` None for a line that is not text."""
        out: list[Goroutine] = []
        self._last = n
        if problem is not None:
            self._damage(n, problem, out)
        if text is None:
            return out
        if self.form is None:
            stripped = text.strip()
            if not stripped:
                return out
            m = _PROFILE.match(stripped)
            if m:
                self.form = "debug=1" if m.group(1) == "goroutine" else "goroutineleak debug=1"
                self.declared_total = int(m.group(2))
                return out
        if self.form is not None and self.form.endswith("debug=1"):
            self._feed_grouped(n, text, out)
        else:
            self._feed_text(n, text, out)
        return out

    def close(self) -> list[Goroutine]:
        """End of input: finish (or report as truncated) the goroutine in hand."""
        out: list[Goroutine] = []
        g = self._g
        if g is not None:
            if self._pending is not None or self._want_created_file:
                what = self._pending.function if self._pending is not None else g.created_by.function
                self._damage(self._last, f"input ends inside goroutine {g.id}: no file:line for {what}", out)
            else:
                self._emit(out)
        if self.declared_total is not None and self.seen != self.declared_total:
            self.problems.add(self._last, f"the dump says {self.declared_total:,} goroutines; "
                              f"{self.seen:,} were readable (truncated?)")
        return out

    # -- debug=2 and tracebacks (also inside goleak and go test output) --

    def _start(self, n: int, m: re.Match, out: list[Goroutine]) -> None:
        g = self._g
        if g is not None and self._goleak_entry and not g.frames and g.id == int(m.group(1)):
            self._g = None  # goleak before 1.3 printed Go's own header under its entry line: one goroutine
        self._goleak_entry = False
        self._emit(out)
        if self.form is None:
            self.form = "debug=2"
        g = Goroutine(id=int(m.group(1)), wait_reason=None, at_line=n, labels=m.group(3))
        _status(m.group(2), g)
        self._g = g

    def _start_goleak(self, n: int, m: re.Match, out: list[Goroutine]) -> None:
        """goleak's entry line, ``Goroutine N in state S, with F on top of the stack:``; from goleak 1.3 on
        the frames follow it directly (no ``goroutine N [S]:`` header)."""
        self._emit(out)
        g = Goroutine(id=int(m.group(1)), wait_reason=None, at_line=n)
        _status(m.group(2), g)
        self._g = g
        self._goleak_entry = True

    def _feed_text(self, n: int, text: str, out: list[Goroutine]) -> None:
        line = text.lstrip(" ")  # goleak's lines come indented by go test
        if self._pure is None and line.strip() and not line.startswith("goroutine "):
            self._pure = False
        g = self._g
        if line.startswith("goroutine "):
            m = _HEADER.match(line)
            if m:
                if self._pure is None:
                    self._pure = True
                self._start(n, m, out)
                return
            if g is not None or not _PROFILE.match(line):
                self._damage(n, f"damaged goroutine header: {_shorten(line)!r}", out)
            return
        if g is None:
            # what surrounds the goroutines: panic text, registers, test output;
            # a bare pprof dump has no such thing
            if self._pure and line.strip():
                self.problems.add(n, f"not part of any goroutine: {_shorten(line)!r}")
                return
            if "found unexpected goroutines" in line:
                if self.form is None or not self.form.startswith("goleak"):  # once: every test says it
                    self.form = "goleak" if self.form in (None, "debug=2") else f"goleak ({self.form})"
                return
            gm = _GOLEAK.match(line.lstrip("["))
            if gm and self.form is not None and self.form.startswith("goleak"):
                self._start_goleak(n, gm, out)
            elif line.startswith(("panic: ", "SIGQUIT: ", "fatal error: ")) and self.form in (None, "debug=2"):
                self.form = "traceback"
            return
        if self._pending is not None or self._want_created_file:
            fm = _FILE.match(line)
            if fm:
                if self._pending is not None:
                    f = self._pending
                    f.file, f.line = fm.group(1), int(fm.group(2))
                    if not self._ancestors and len(g.frames) < MAX_FRAMES:
                        g.frames.append(f)
                    elif not self._ancestors:
                        g.elided = True
                    self._pending = None
                else:
                    g.created_by.file, g.created_by.line = fm.group(1), int(fm.group(2))
                    self._want_created_file = False
                return
            what = self._pending.function if self._pending is not None else g.created_by.function
            self._pending = None
            self._damage(n, f"expected the file:line of {what}, got {_shorten(line)!r}", out)
            return
        if not line.strip() or line.startswith(_AFTER):
            self._emit(out)
            return
        if line.startswith("created by "):
            m = _CREATED.match(line)
            if m:
                if not self._ancestors:
                    g.created_by = Frame(m.group(1))
                    g.variant = hash((g.variant, m.group(2)))
                    self._want_created_file = True
                return
        elif _ELIDED.match(line):
            g.elided = True
            return
        elif line.strip() == "goroutine running on other thread; stack unavailable":
            self._unavailable = True  # a crash caught it on another M: Go has no frames for it
            return
        elif line.startswith("[originating from goroutine"):
            self._ancestors = True  # GODEBUG=tracebackancestors: not where it blocks
            return
        elif line == "]":
            self._emit(out)  # goleak closes its list
            return
        elif _GOLEAK.match(line.lstrip("[")):
            self._start_goleak(n, _GOLEAK.match(line.lstrip("[")), out)  # goleak's next entry
            return
        elif line.endswith(")") and "(" in line and not line.startswith("\t"):
            cut = line.rindex("(")
            self._pending = Frame(line[:cut])
            g.variant = hash((g.variant, line[cut:]))  # the argument words: panicparse splits on them
            return
        self._damage(n, f"expected a stack frame, got {_shorten(line)!r}", out)

    # -- debug=1: "N @ addrs", "# labels: {…}", "#\taddr\tfunc+off\tfile:line" --

    def _feed_grouped(self, n: int, text: str, out: list[Goroutine]) -> None:
        if not text.strip():
            self._emit(out)
            return
        if text.startswith("#\t"):
            m = _RECORD_FRAME.match(text)
            if self._g is None or m is None:
                self._damage(n, f"damaged frame line: {_shorten(text)!r}", out)
                return
            if len(self._g.frames) < MAX_FRAMES:
                self._g.frames.append(Frame(m.group(1), m.group(2), int(m.group(3))))
            return
        if text.startswith("# labels: ") and self._g is not None:
            self._g.labels = text[len("# labels: "):].strip().strip("{}")
            return
        m = _RECORD.match(text)
        if m:
            self._emit(out)
            self._g = Goroutine(id=None, wait_reason=None, minutes=None, count=int(m.group(1)), at_line=n,
                                leaked=self.form.startswith("goroutineleak"))
            return
        self._damage(n, f"expected a goroutine record, got {_shorten(text)!r}", out)


def _json_lines(lines: Iterable[tuple[int, str | None, str | None]],
               first: tuple[int, str, str | None]) -> Iterator[tuple[int, str | None, str | None]]:
    """``go test -json``: the text lines of its "output" events, numbered by
    the JSON line they came in."""
    buf = ""
    start = first[0]

    def events():
        yield first
        yield from lines

    for n, text, problem in events():
        if text is None or problem is not None:
            yield n, text, problem
            continue
        if not text.strip():
            continue
        try:
            ev = json.loads(text)
        except ValueError:
            yield n, None, f"not a go test -json line: {_shorten(text)!r}"
            continue
        if not isinstance(ev, dict) or ev.get("Action") != "output" or not isinstance(ev.get("Output"), str):
            continue
        if not buf:
            start = n
        buf += ev["Output"]
        while "\n" in buf:
            one, buf = buf.split("\n", 1)
            yield start, one, None
            start = n
        if len(buf) > MAX_LINE:
            yield start, buf[:MAX_LINE], f"line longer than {MAX_LINE // 1024} KiB (cut)"
            buf = ""
    if buf:
        yield start, buf, None


def goroutines(stream, problems: Problems, parser: Parser | None = None) -> Iterator[Goroutine]:
    """Every goroutine in a binary stream, as it is read. Raises
    :class:`DumpError` when the input holds no goroutine dump at all."""
    parser = parser if parser is not None else Parser(problems)
    reader = LineReader(stream)
    lines = iter(reader)
    found = 0
    for item in lines:
        n, text, problem = item
        if text is not None and text.strip():
            if text.lstrip().startswith('{"') and '"Action"' in text:
                parser.form = "go test -json"
                lines = _json_lines(lines, item)
                break
            lines = itertools.chain((item,), lines)
            break
        parser.feed(n, text, problem)
        if reader.consumed > SNIFF_BYTES:
            raise DumpError(f"not a goroutine dump: nothing but blank or binary lines in the first "
                            f"{SNIFF_BYTES >> 20} MiB")
    feed = parser.feed
    for n, text, problem in lines:
        out = feed(n, text, problem)
        if out:
            found += len(out)
            yield from out
        elif not found and reader.consumed > SNIFF_BYTES and parser._g is None:
            raise DumpError(f"not a goroutine dump: no goroutine in the first {SNIFF_BYTES >> 20} MiB"
                            + (f" ({problems.kept[0]})" if problems.kept else ""))
    for g in parser.close():
        found += 1
        yield g
    if not found:
        raise DumpError("not a goroutine dump: no goroutine found"
                        + (f" ({problems.kept[0]})" if problems.kept else ""))

