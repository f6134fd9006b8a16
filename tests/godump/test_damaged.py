"""Damaged input: read as far as it is valid, report the rest by line, bounded memory."""

from __future__ import annotations

import io
import random
import tracemalloc

import pytest

from visualizer.godump.group import summarize
from visualizer.godump.parse import SNIFF_BYTES, DumpError

from .helpers import data, expected

TOTAL = sum(n for _, n in expected().values())


def dump_lines(version: str = "go1.27") -> list[bytes]:
    return data(version, "debug2.txt").read_bytes().splitlines(keepends=True)


def test_truncated_after_a_function_line_names_the_last_line():
    lines = dump_lines()
    k = max(i for i, ln in enumerate(lines) if ln.startswith(b"main.stuckLocked"))
    s = summarize(io.BytesIO(b"".join(lines[: k + 1])))
    assert s.problems.total == 1
    p = s.problems.kept[0]
    assert p.line == k + 1 and "input ends inside goroutine" in p.message and "main.stuckLocked" in p.message
    # every goroutine before the cut, and the cut one with what it had
    before = sum(1 for ln in lines[: k + 1] if ln.startswith(b"goroutine ")) - 1  # less the dumper
    assert s.goroutines == before and s.damaged == 1


def test_truncated_mid_header():
    lines = dump_lines()
    k = max(i for i, ln in enumerate(lines) if ln.startswith(b"goroutine "))
    s = summarize(io.BytesIO(b"".join(lines[:k]) + lines[k][:14]))
    assert [p.line for p in s.problems.kept] == [k + 1]
    assert "damaged goroutine header" in s.problems.kept[0].message
    assert s.goroutines == TOTAL - 1


def test_garbage_inside_a_goroutine_is_reported_and_the_rest_still_read():
    lines = dump_lines()
    k = next(i for i, ln in enumerate(lines) if ln.startswith(b"main.stuckRecv")) + 2
    cut = lines[:k] + [b"%%% not go %%%\n"] + lines[k:]
    s = summarize(io.BytesIO(b"".join(cut)))
    assert s.problems.kept[0].line == k + 1
    assert s.goroutines == TOTAL  # the interrupted goroutine is kept, marked damaged
    assert s.damaged == 1


def test_binary_input_is_a_clear_error():
    rng = random.Random(14)
    junk = bytes(rng.randrange(256) for _ in range(200_000))
    with pytest.raises(DumpError, match="not a goroutine dump"):
        summarize(io.BytesIO(junk))


def test_binary_in_the_middle_is_reported_by_line():
    lines = dump_lines()
    k = len(lines) // 2
    while lines[k].strip():
        k += 1
    cut = lines[:k] + [b"\x00\xff\xfe binary\n"] + lines[k:]
    s = summarize(io.BytesIO(b"".join(cut)))
    assert [(p.line, p.message) for p in s.problems.kept] == [(k + 1, "binary data, not text")]
    assert s.goroutines == TOTAL


def test_crlf_line_endings():
    s = summarize(io.BytesIO(data("go1.19", "debug2.txt").read_bytes().replace(b"\n", b"\r\n")))
    assert s.goroutines == TOTAL and not s.problems.total


class Junk(io.RawIOBase):
    """``size`` bytes of junk made as read: nothing this big is ever in memory."""

    def __init__(self, size: int, line: bytes, head: bytes = b"") -> None:
        self.left, self.line, self.head = size, line, head

    def readable(self) -> bool:
        return True

    def readline(self, n: int = -1) -> bytes:
        if self.head:
            out, _, self.head = self.head.partition(b"\n")
            return out + b"\n"
        if self.left <= 0:
            return b""
        out = self.line[: min(len(self.line), self.left, n if n > 0 else len(self.line))]
        self.left -= len(out)
        return out


def peak(fn):
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_100_mb_of_junk_lines_stops_early_with_a_clear_error_in_bounded_memory():
    src = Junk(100 << 20, b"lorem ipsum dolor sit amet, not a goroutine at all\n")

    def run():
        with pytest.raises(DumpError, match="no goroutine in the first 16 MiB"):
            summarize(src)

    assert peak(run) < 8 << 20
    assert (100 << 20) - src.left < SNIFF_BYTES + (1 << 20)  # it stopped reading


def test_100_mb_line_without_a_newline_is_cut_in_bounded_memory():
    src = Junk(100 << 20, b"x" * (1 << 20))

    def run():
        with pytest.raises(DumpError):
            summarize(src)

    assert peak(run) < 8 << 20


def test_a_dump_then_junk_keeps_the_dump_and_counts_the_junk_in_bounded_memory():
    head = data("go1.27", "debug2.txt").read_bytes() + b"\n"  # the dump's last goroutine ends
    src = Junk(24 << 20, b"junk " * 20 + b"\n", head=head)
    out = {}

    def run():
        out["s"] = summarize(src)

    assert peak(run) < 16 << 20
    s = out["s"]
    assert s.goroutines == TOTAL
    first = head.count(b"\n") + 1  # the first junk line
    assert s.problems.kept[0].line == first and "not part of any goroutine" in s.problems.kept[0].message
    assert s.problems.total == -(-(24 << 20) // 101)  # every junk line, the last one cut short too


def test_crash_forms_without_frames_are_not_damage():
    text = (b"SIGQUIT: quit\nPC=0x46d1a1 m=0 sigcode=0\n\n"
            b"goroutine 7 gp=0xc000007c00 m=3 mp=0xc000100008 [running]:\n"
            b"\tgoroutine running on other thread; stack unavailable\n"
            b"created by main.main in goroutine 1\n\t/srv/main.go:12 +0x25\n\n"
            b"goroutine 9 [chan send, 3 minutes]:\nmain.worker(...)\n\t/srv/main.go:20\n"
            b"[originating from goroutine 1]:\nmain.main()\n\t/srv/main.go:13 +0x25\n\n"
            b"rax    0x0\nrbx    0x0\n")
    s = summarize(io.BytesIO(text))
    assert s.form == "traceback" and not s.problems.total
    g = {x.function: x for x in s.groups}
    assert g["main.worker"].line == 20 and g["main.worker"].max_wait_minutes == 3
    assert len(g["main.worker"].sample.frames) == 1  # the ancestor's frames are not where it blocks


def test_status_flags_in_gos_order():
    text = (b"goroutine 3 [chan send (nil chan) (leaked) (scan), 7 minutes, locked to thread]:\n"
            b"main.f()\n\t/srv/main.go:5 +0x1\n\n"
            b"goroutine 4 [chan receive (durable), synctest bubble 2]:\nmain.g()\n\t/srv/main.go:9 +0x1\n")
    s = summarize(io.BytesIO(text))
    g = {x.function: x for x in s.groups}
    f = g["main.f"]
    assert (f.wait_reason, f.leaked, f.locked, f.max_wait_minutes) == ("chan send (nil chan)", 1, 1, 7)
    assert g["main.g"].wait_reason == "chan receive" and g["main.g"].sample.durable
