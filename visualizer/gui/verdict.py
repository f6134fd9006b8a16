"""The verdict in words: core decides (``core.verdict``), this says it, translated."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.scenario import Config
from ..core.verdict import verdict


def verdict_text(cfg: Config) -> str:
    """The core's verdict (``core.verdict``), in one sentence a student understands."""
    v = verdict(cfg)
    translate = QCoreApplication.translate
    if v.reason == "select":
        return translate(
            "Verdict", "<b>Cannot leak.</b> Every send also waits on <code>{s}</code>, which the handler closes "
            "when it returns, so a check with nobody to receive its result gives up instead of "
            "blocking forever, whatever the capacities.").format(s=v.signal)
    if v.reason == "drain":
        return translate(
            "Verdict", "<b>Cannot leak.</b> When the handler returns early, a drain goroutine receives every "
            "result still to come, so every send completes.")
    if v.reason == "room":
        return translate(
            "Verdict", "<b>Cannot leak.</b> done holds {cd} and quit holds {cq}: room for every check that "
            "finishes after the handler has stopped listening (it needs at most {nd} and {nq}).").format(
            cd=v.capacity_done, cq=v.capacity_quit, nd=v.need_done, nq=v.need_quit)
    if v.reason == "unbuffered":
        return translate(
            "Verdict", "<b>Leaks.</b> The channels have no buffer, so a send waits for a receiver. After the "
            "first failing check the handler returns and nobody receives any more: every check that "
            "finishes later blocks forever. The smallest capacities that cannot leak here: "
            "done {nd}, quit {nq}.").format(nd=v.need_done, nq=v.need_quit)
    return translate(
        "Verdict", "<b>Leaks.</b> After the first failing check the handler returns and nobody receives any "
        "more: later checks fill the buffers (done holds {cd}, quit holds {cq}) and every one after that "
        "blocks forever. The smallest capacities that cannot leak here: done {nd}, quit {nq}.").format(
        cd=v.capacity_done, cq=v.capacity_quit, nd=v.need_done, nq=v.need_quit)
