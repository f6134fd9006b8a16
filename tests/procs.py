"""Helpers for tests that drive the app as a process."""

import subprocess
import threading


def watchdog(p: subprocess.Popen, seconds: float = 300) -> None:
    """Kill ``p`` if it is still running after ``seconds``: a readline that
    waits for a line the child never prints then fails instead of hanging."""
    t = threading.Timer(seconds, lambda: p.poll() is None and p.kill())
    t.daemon = True
    t.start()
