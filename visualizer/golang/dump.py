"""Goroutine dumps in Go's own shape (runtime/traceback.go, runtime/pprof).

``pprof.Lookup("goroutineleak").WriteTo(w, 2)`` prints every goroutine as
``runtime.Stack(buf, true)`` does: the caller first, then the others in the
order of Go's ``allgs`` (a new goroutine reuses the slot of the last one that
exited), with ``(leaked)`` after the wait reason of each leaked one. The
frames of the runtime and the sync package that Go shows above a blocked
user frame are written as Go 1.27.3 writes them, under ``GOROOT``.
Argument words and PC offsets are not reproducible across builds: frames
print ``(...)`` for functions with parameters and ``+0x0``.
"""

from __future__ import annotations

import sys
from typing import Any

from ..core.runtime import PARKED, RUNNABLE, RUNNING, SLEEPING
from .leaks import find_leaks, goroutine_frames
from .panics import CHAN_REASONS, panic_value

GOROOT = "/usr/local/go"

_PPROF = [
    ("runtime/pprof.writeGoroutineStacks({0x0, 0x0})", "src/runtime/pprof/pprof.go:816"),
    ("runtime/pprof.writeGoroutineLeak({0x0, 0x0}, 0x2)", "src/runtime/pprof/pprof.go:803"),
    ("runtime/pprof.(*Profile).WriteTo(0x0?, {0x0?, 0x0?}, 0x0?)", "src/runtime/pprof/pprof.go:405"),
]
_PPROF_GOROUTINE = [
    ("runtime/pprof.writeGoroutineStacks({0x0, 0x0})", "src/runtime/pprof/pprof.go:816"),
    ("runtime/pprof.writeGoroutine({0x0?, 0x0?}, 0x0?)", "src/runtime/pprof/pprof.go:777"),
    ("runtime/pprof.(*Profile).WriteTo(0x0?, {0x0?, 0x0?}, 0x0?)", "src/runtime/pprof/pprof.go:405"),
]
_SYNC_FRAMES = {
    "sync.Mutex.Lock": [
        ("internal/sync.runtime_SemacquireMutex(0x0?, 0x0?, 0x0?)", "src/runtime/sema.go:95", True),
        ("internal/sync.(*Mutex).lockSlow(0x0)", "src/internal/sync/mutex.go:149", True),
        ("internal/sync.(*Mutex).Lock(...)", "src/internal/sync/mutex.go:70", False),
        ("sync.(*Mutex).Lock(...)", "src/sync/mutex.go:46", False),
    ],
    "sync.RWMutex.RLock": [
        ("sync.runtime_SemacquireRWMutexR(0x0?, 0x0?, 0x0?)", "src/runtime/sema.go:100", True),
        ("sync.(*RWMutex).RLock(...)", "src/sync/rwmutex.go:74", False),
    ],
    "sync.RWMutex.Lock": [
        ("sync.runtime_SemacquireRWMutex(0x0?, 0x0?, 0x0?)", "src/runtime/sema.go:105", True),
        ("sync.(*RWMutex).Lock(0x0?)", "src/sync/rwmutex.go:155", True),
    ],
    "sync.WaitGroup.Wait": [
        ("sync.runtime_SemacquireWaitGroup(0x0?, 0x0?)", "src/runtime/sema.go:114", True),
        ("sync.(*WaitGroup).Wait(0x0)", "src/sync/waitgroup.go:206", True),
    ],
    "sync.Cond.Wait": [
        ("sync.runtime_notifyListWait(0x0, 0x0)", "src/runtime/sema.go:617", True),
        ("sync.(*Cond).Wait(0x0?)", "src/sync/cond.go:71", True),
    ],
    "sleep": [
        ("time.Sleep(0x0)", "src/runtime/time.go:368", True),
    ],
}
# standard library functions written in Python whose frames Go shows (outermost first)
_STD_FRAMES = {
    "io_ReadFull": [("io.ReadFull", "src/io/io.go:354", True), ("io.ReadAtLeast", "src/io/io.go:335", True)],
    # GoOnce.Do calling the program's function: Go's stack shows the Once's fast and slow paths around it
    "Do": [("sync.(*Once).Do", "src/sync/once.go:69", True), ("sync.(*Once).doSlow", "src/sync/once.go:78", True)],
}
_RW_WRITER_MUTEX = ("sync.(*RWMutex).Lock(0x0?)", "src/sync/rwmutex.go:150", True)


def status_of(ip: Any, g: Any) -> str:
    """A goroutine's status as a Go traceback prints it: "running", "runnable", "sleep", Go's wait reason, "dead"."""
    if g is None:
        return "dead"
    if g is ip.rt.current:
        return "running"
    if g.state == RUNNABLE:
        return "runnable"
    if g.state == RUNNING:
        return "running"
    if g.state == SLEEPING:
        return "sleep"
    if g.state == PARKED:
        return CHAN_REASONS.get(g.op, g.op)
    return g.state


def go_frames(ip: Any, g: Any, current_frame: Any) -> list[tuple[str, str, int, bool]]:
    """(Go function name, file, line, has parameters) innermost first."""
    out = []
    prog = ip.prog
    frames = goroutine_frames(g, current_frame, with_locals=False) if g is not None else []
    for k, (name, line, _loc) in enumerate(frames):
        info = prog.funcs.get(name)
        if info is None:
            for fn, loc, hp in _STD_FRAMES.get(name, ()):
                file, _, ln = loc.rpartition(":")
                if fn == "sync.(*Once).doSlow" and not any(prog.funcs.get(n) for n, _l, _x in frames[k + 1:]):
                    ln = "74"  # not in the program's function yet: waiting on the Once's mutex
                out.append((fn, f"{GOROOT}/{file}", int(ln), hp))
            continue
        li = prog.lines.get(line)
        if li is None:
            fi, gl = info[1], info[2]
        else:
            fi, gl = li[0], li[1]
        out.append((info[0], prog.files[fi], gl, info[3]))
    if not out and g is not None:
        inf = ip.info.get(g.gid)
        fn = getattr(inf.fn, "go_entry", inf.fn) if inf is not None else None
        fn = getattr(fn, "__func__", fn)
        name = getattr(fn, "__name__", "")
        info = prog.funcs.get(name)
        if info is not None:
            out.append((info[0], prog.files[info[1]], info[2], info[3]))
    out.reverse()
    return out


def _fmt_frame(name: str, has_params: bool) -> str:
    if "[...].func" in name:
        has_params = False  # a closure in generic code is called through its dictionary: Go prints no arguments
    return f"{name}({'...' if has_params else ''})"


def goroutine_text(ip: Any, g: Any, leaked: bool, current_frame: Any = None, pprof: list | None = None,
                   status: str | None = None) -> str:
    """One goroutine's block of a Go traceback (debug=2): header, frames with Go's library frames, "created by".

    ``leaked`` adds " (leaked)" to the header; ``current_frame`` is the Python
    frame to start from for the running goroutine."""
    inf = ip.info[g.gid]
    st = status or status_of(ip, g)
    lines = [f"goroutine {inf.goid} [{st}{' (leaked)' if leaked else ''}]:"]
    for fn, loc in pprof or []:
        lines.append(fn)
        lines.append(f"\t{GOROOT}/{loc} +0x0")
    extra = _SYNC_FRAMES.get(st, [])
    if st == "sync.Mutex.Lock" and g.waiting and type(g.waiting) is list and \
            type(g.waiting[0].ch).__name__ == "GoMutex" and _is_rw_writer(g):
        extra = extra + [_RW_WRITER_MUTEX]
    for fn, loc, off in extra:
        lines.append(fn)
        lines.append(f"\t{GOROOT}/{loc}" + (" +0x0" if off else ""))
    for name, file, line, has_params in go_frames(ip, g, current_frame):
        lines.append(_fmt_frame(name, has_params))
        lines.append(f"\t{file}:{line} +0x0")
    for fn, loc in inf.extra.get("bottom", ()):  # e.g. sync.(*WaitGroup).Go.func1 under the user's function
        lines.append(fn)
        lines.append(f"\t{GOROOT}/{loc} +0x0")
    if inf.goid != 1:
        lines.extend(created_by(ip, inf))
    return "\n".join(lines) + "\n"


def created_by(ip: Any, inf: Any) -> list[str]:
    """The two ``created by`` lines; a creator outside any goroutine (a timer's goFunc) has no number."""
    head = f"created by {inf.creator_fn}" + (f" in goroutine {inf.creator}" if inf.creator else "")
    where = inf.extra.get("created_at") or f"{ip.prog.files[inf.file] if inf.file >= 0 else '?'}:{inf.line}"
    if not where.startswith("/"):
        where = f"{GOROOT}/{where}"
    return [head, f"\t{where} +0x0"]


def _is_rw_writer(g: Any) -> bool:
    c = g.coro
    while c is not None:
        code = getattr(c, "cr_code", None)
        if code is None:
            break
        if code.co_qualname.endswith("RWMutex.lock"):
            return True
        c = c.cr_await
    return False


def write_profile(ip: Any, name: str, debug: int, frame: Any, blocked: set | None = None) -> str:
    """What ``pprof.Lookup(name).WriteTo(w, debug)`` writes; ``blocked``: the goroutines blocked when
    the leak GC started (the only candidates)."""
    rt = ip.rt
    cur = rt.current
    leaked = find_leaks(ip, frame, blocked) if name == "goroutineleak" else set()
    users = [ip.slots[s] for s in range(len(ip.slots)) if ip.slots[s] is not None and ip.slots[s] >= 0]
    if debug >= 2:
        parts = [goroutine_text(ip, cur, False, frame, _PPROF if name == "goroutineleak" else _PPROF_GOROUTINE)]
        for gid in users:
            if gid == cur.gid:
                continue
            g = rt.goroutines.get(gid)
            if g is None:
                continue
            parts.append(goroutine_text(ip, g, gid in leaked))
        return "\n".join(parts)
    # debug 0/1: the counted profile, stacks grouped (debug 0 is protobuf in Go: write the debug=1 text)
    groups: dict[tuple, int] = {}
    chosen = [gid for gid in users if (gid in leaked if name == "goroutineleak" else True)]
    for gid in chosen:
        g = rt.goroutines.get(gid)
        fr = [(_strip_args(f), GOROOT + "/" + loc.rsplit(":", 1)[0], int(loc.rsplit(":", 1)[1]))
              for f, loc, _ in _SYNC_FRAMES.get(status_of(ip, g), [])]
        fr += [(f[0], f[1], f[2]) for f in go_frames(ip, g, frame if g is cur else None)]
        key = tuple(fr)
        groups[key] = groups.get(key, 0) + 1
    out = [f"{name} profile: total {len(chosen)}"]
    for key, n in sorted(groups.items(), key=lambda kv: -kv[1]):
        pcs = [_pc(fn, ln) for fn, _f, ln in key] + [_pc("runtime.goexit", 0)]
        out.append(f"{n} @ " + " ".join(pcs))
        out.extend(_tabwrite([["#", _pc(fn, ln), f"{fn}+0x0", f"{fl}:{ln}"] for fn, fl, ln in key]))
        out.append("")
    return "\n".join(out) + "\n"


def _strip_args(f: str) -> str:
    """``sync.(*Mutex).Lock(...)`` -> ``sync.(*Mutex).Lock``."""
    depth = 0
    for i in range(len(f) - 1, -1, -1):
        if f[i] == ")":
            depth += 1
        elif f[i] == "(":
            depth -= 1
            if depth == 0:
                return f[:i]
    return f


def _pc(fn: str, line: int) -> str:
    """A stand-in program counter, stable for a function and line (Go's are addresses in the binary)."""
    import zlib
    return f"0x{0x400000 + zlib.crc32(f'{fn}:{line}'.encode()) % 0x0FFFFF:x}"


def _tabwrite(rows: list[list[str]], tabwidth: int = 8, padding: int = 1) -> list[str]:
    """text/tabwriter with padchar '\\t' (as pprof uses it): each column padded with tabs to a tab stop."""
    if not rows:
        return []
    ncol = max(len(r) for r in rows)
    widths = []
    for c in range(ncol - 1):
        w = max((len(r[c]) for r in rows if len(r) > c + 1), default=0) + padding
        widths.append(-(-w // tabwidth) * tabwidth)
    lines = []
    for r in rows:
        parts = []
        for c, cell in enumerate(r):
            if c < len(r) - 1:
                parts.append(cell + "\t" * max(1, -(-(widths[c] - len(cell)) // tabwidth)))
            else:
                parts.append(cell)
        lines.append("".join(parts))
    return lines


MAX_FRAMES = 100  # runtime/traceback.go: tracebackInnerFrames + tracebackOuterFrames


def panic_text(ip: Any, gid: int) -> str:
    """Go's message for an unrecovered panic, with the panicking goroutine's trace."""
    exc = ip.rt.exc.get(gid)
    msg = ip.rt.panic[1]
    if exc is not None:
        from . import values as V
        pv = panic_value(exc)
        if isinstance(exc, V.PanicValue) and exc.args and exc.args[0]:
            msg = exc.args[0]
        elif isinstance(pv, V.RuntimeErrorValue):
            msg = pv.msg + ("\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]"
                            if "nil pointer" in pv.msg else "")
        else:
            msg = _panic_repr(ip, pv)
        if type(exc).__name__ == "FatalError":
            text = str(exc) + "\n"
            return text
    inf = ip.info.get(gid)
    head = [f"panic: {msg}", ""]
    if isinstance(exc, RecursionError):  # Go's stacks grow to 1 GB, then the runtime gives up
        head = ["runtime: goroutine stack exceeds 1000000000-byte limit", "fatal error: stack overflow", ""]
    elif isinstance(exc, MemoryError):
        head = ["fatal error: runtime: out of memory", ""]
    lines = head + [f"goroutine {inf.goid if inf else 0} [running]:"]
    tb = exc.__traceback__ if exc is not None else None
    frames = []
    while tb is not None:
        name = tb.tb_frame.f_code.co_name
        info = ip.prog.funcs.get(name)
        if info is not None:
            li = ip.prog.lines.get(tb.tb_lineno)
            frames.append((info[0], ip.prog.files[li[0] if li else info[1]], li[1] if li else info[2], info[3]))
        tb = tb.tb_next
    frames.reverse()
    for name, file, line, hp in frames[:MAX_FRAMES]:
        lines.append(_fmt_frame(name, hp))
        lines.append(f"\t{file}:{line} +0x0")
    if len(frames) > MAX_FRAMES:
        lines.append("...additional frames elided...")
    if inf is not None and inf.goid != 1:
        lines.extend(created_by(ip, inf))
    return "\n".join(lines) + "\n"


def _panic_repr(ip: Any, v: Any) -> str:
    from . import values as V
    if type(v) is str:
        return v
    if isinstance(v, V.GoError):
        return v.msg
    if type(v) is int:
        return f"{v}"
    if v is None:
        return "panic called with nil argument (use runtime.PanicNilError)"
    if hasattr(v, "Error"):
        return f"main.{type(v).__name__.removeprefix('T_')}{{...}}"
    return f"{v!r}"


def deadlock_text(ip: Any) -> str:
    """``fatal error: all goroutines are asleep - deadlock!`` and the goroutines, as Go prints them."""
    rt = ip.rt
    parts = ["fatal error: all goroutines are asleep - deadlock!\n"]
    for s in ip.slots:
        if s is None:
            continue
        g = rt.goroutines.get(s)
        if g is None:
            continue
        parts.append(goroutine_text(ip, g, False))
    return "\n".join(parts)


def current() -> Any:
    """The caller's Python frame (to start a traceback of the running goroutine from)."""
    return sys._getframe(1)
