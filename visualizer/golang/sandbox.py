"""The second wall: ``leakviz go`` interprets the program in a child process with resource limits.

The first wall is the compiler (no Go name reaches Python) and the budgets
(budget.py). Should either ever have a hole, this one makes it cost a child
process, not the user's machine: the child has an address-space limit, a
CPU-time limit and no core dumps, the parent a wall-clock deadline, and
whatever ends the child (a limit, a signal, Ctrl+C or SIGTERM to leakviz) is
reported in one line. The child runs the interpreter on a thread with a large
stack so that deep recursion, which Go allows up to 1 GB of stack, runs as
Go runs it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

CHILD_ENV = "LEAKVIZ_GO_CHILD"
STACK_BYTES = 512 << 20  # the interpreter thread's stack: ~500,000 nested Go calls
RECURSION = 300_000  # Python frames; below what the stack holds, so deep recursion is Go's stack overflow
DEFAULT_MEMORY_MB = 1024
DEFAULT_TIMEOUT_S = 300.0


def in_child() -> bool:
    """Whether this process is the sandboxed child."""
    return os.environ.get(CHILD_ENV) == "1"


def limits(memory_mb: int, cpu_s: float):
    """The child's resource limits, applied between fork and exec."""
    def apply() -> None:  # runs in the child between fork and exec
        import resource
        room = (memory_mb << 20) + STACK_BYTES + (256 << 20)  # + the interpreter and its libraries
        resource.setrlimit(resource.RLIMIT_AS, (room, room))
        cpu = int(cpu_s) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def child_argv(module: str, args: list[str]) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of a sandboxed child running ``python -m module ARGS``.

    -P: never import from the working directory (a folder handed over with the Go
    files could hold a module named like ours); this package is found where the
    parent found it."""
    env = dict(os.environ)
    env[CHILD_ENV] = "1"
    here = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = here + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return [sys.executable, "-P", "-m", module, *args], env


def stopped(code: int) -> str:
    """One line saying what ended a child that a signal ended (``code`` < 0, as Popen reports it)."""
    sig = -code
    why = {signal.SIGXCPU: "it used up its CPU time", signal.SIGKILL: "it was killed",
           signal.SIGSEGV: "it crashed (segmentation fault)"}.get(sig, "a signal")
    name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
    return f"the program's process was stopped: {why} ({name})"


def run_child(args: list[str], *, memory_mb: int = DEFAULT_MEMORY_MB, timeout_s: float = DEFAULT_TIMEOUT_S,
              err: Any = None, command: str = "go") -> int:
    """Run ``python -m visualizer COMMAND ARGS`` in a limited child (its output goes straight to ours); its
    exit code. ``args`` are passed as an argument list, never through a shell."""
    err = err or sys.stderr
    argv, env = child_argv("visualizer", [command, *args])
    sys.stdout.flush()
    p = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, preexec_fn=limits(memory_mb, timeout_s),
                         start_new_session=True)
    old = None
    if threading.current_thread() is threading.main_thread():
        def on_term(_sig: int, _frame: Any) -> None:
            raise KeyboardInterrupt
        old = signal.signal(signal.SIGTERM, on_term)
    try:
        try:
            code = p.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            kill(p)
            err.write(f"leakviz {command}: stopped: the program ran past its wall-clock limit ({timeout_s:g} s); "
                      "--timeout raises it\n")
            return 2
        except KeyboardInterrupt:
            kill(p)
            err.write(f"leakviz {command}: interrupted\n")
            return 130
    finally:
        if old is not None:
            signal.signal(signal.SIGTERM, old)
    if code < 0:
        err.write(f"leakviz {command}: {stopped(code)}\n")
        return 2
    return code


def capture_child(args: list[str], *, memory_mb: int = DEFAULT_MEMORY_MB, timeout_s: float = DEFAULT_TIMEOUT_S,
                  err: Any = None, command: str = "test") -> tuple[int, str]:
    """``run_child`` with the child's output kept: (exit code, what it printed). Safe from any thread; a child
    still running when this thread is interrupted is killed."""
    err = err or sys.stderr
    argv, env = child_argv("visualizer", [command, *args])
    p = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         preexec_fn=limits(memory_mb, timeout_s), start_new_session=True)
    with _LOCK:
        _LIVE.add(p)
    try:
        out, child_err = p.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        kill(p)
        err.write(f"leakviz {command}: stopped: the program ran past its wall-clock limit ({timeout_s:g} s); "
                  "--timeout raises it\n")
        return 2, ""
    except BaseException:
        kill(p)
        raise
    finally:
        with _LOCK:
            _LIVE.discard(p)
    err.write(child_err.decode("utf-8", "replace"))
    if p.returncode < 0:
        err.write(f"leakviz {command}: {stopped(p.returncode)}\n")
        return 2, ""
    return p.returncode, out.decode("utf-8", "replace")


_LIVE: set = set()  # children capture_child is waiting for, on any thread
_LOCK = threading.Lock()


def kill_all() -> None:
    """End every child capture_child is waiting for (Ctrl+C while shards run on threads)."""
    with _LOCK:
        live = list(_LIVE)
    for p in live:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def kill(p: subprocess.Popen) -> None:
    """End the child ``p`` and everything it started (its own session), and reap it (closing its pipes)."""
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    p.communicate()


def run_deep(fn, *args: Any, **kw: Any) -> Any:
    """``fn(*args, **kw)`` on a thread with a large stack and a high recursion limit (the child only)."""
    sys.setrecursionlimit(RECURSION)
    threading.stack_size(STACK_BYTES)
    box: dict = {}

    def body() -> None:
        try:
            box["result"] = fn(*args, **kw)
        except BaseException as e:  # handed to the caller's thread as it is
            box["error"] = e

    t = threading.Thread(target=body, name="go-interpreter", daemon=True)
    t.start()
    while t.is_alive():
        t.join(0.2)  # wakes for Ctrl+C and SIGTERM
    if "error" in box:
        raise box["error"]
    return box["result"]
