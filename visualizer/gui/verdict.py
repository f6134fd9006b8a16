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


def program_verdict(snap, ended: bool = False) -> str:
    """What a program's run shows so far, in words: where goroutines can never continue (Go's leak rule,
    the lines from ``Snapshot.blocked_lines``), or that none is stranded; once the run has ``ended``,
    also the goroutines still blocked that Go's rule does not count."""
    translate = QCoreApplication.translate
    if snap is None:
        return ""
    lines = [b for b in snap.blocked_lines() if b.stranded]
    if not lines:
        if snap.live == 0 and snap.spawned:
            return translate("Verdict", "<b>Nothing stranded.</b> Every goroutine finished.")
        still = [b for b in snap.blocked_lines() if b.blocked > b.stranded]
        if ended and still:
            where = "; ".join(translate("Verdict", "{n} at <code>{where}</code> ({what})").format(
                n=f"{b.blocked - b.stranded:,}", where=b.where.rsplit("/", 1)[-1], what=blocked_on(b.op, b.chans))
                for b in still[:3])
            return translate("Verdict", "<b>Nothing stranded by Go's rule.</b> When the program ended, goroutines "
                                        "were still blocked: {where}. Go's goroutine leak profile does not report "
                                        "them: what they wait on is still reachable (from a global variable, "
                                        "say), even if nothing will ever release it.").format(where=where)
        return translate("Verdict", "<b>Nothing stranded so far.</b> A goroutine is stranded when it is blocked "
                                    "and nothing that can still run could ever wake it: Go's goroutine leak "
                                    "rule.")
    parts = []
    for b in lines[:3]:
        what = blocked_on(b.op, b.chans)
        parts.append(translate("Verdict", "{n} at <code>{where}</code> ({what})").format(
            n=f"{b.stranded:,}", where=b.where.rsplit("/", 1)[-1], what=what))
    more = sum(b.stranded for b in lines[3:])
    if more:
        parts.append(translate("Verdict", "{n} elsewhere").format(n=f"{more:,}"))
    if snap.stranded == 1:
        return translate("Verdict", "<b>Leaks.</b> 1 goroutine can never continue: {where}. Nothing can wake "
                                    "it: in Go it stays until the process exits.").format(where="; ".join(parts))
    return translate("Verdict", "<b>Leaks.</b> {n} goroutines can never continue: {where}. Nothing can wake "
                                "them: in Go they stay until the process exits.").format(
        n=f"{snap.stranded:,}", where="; ".join(parts))


def blocked_on(op: str, chans: tuple[str, ...]) -> str:
    """What a goroutine blocked at a line waits for, in words: "send on done", "receive from a nil
    channel", or the sync operation ("sync.Mutex.Lock") as Go names it."""
    translate = QCoreApplication.translate
    named = [c for c in chans if c]
    op = {"chan send (nil chan)": "send", "chan receive (nil chan)": "recv"}.get(op, op)  # Go's wait reasons
    if op == "select (no cases)":
        return translate("Verdict", "select {} with no cases")
    if op in ("send", "recv", "select") and not named:
        return translate("Verdict", "{op} on a nil channel").format(
            op={"send": translate("Verdict", "send"), "recv": translate("Verdict", "receive"),
                "select": "select"}[op])
    ops = {"send": translate("Verdict", "send on {c}"), "recv": translate("Verdict", "receive from {c}"),
           "select": translate("Verdict", "select on {c}")}
    return ops[op].format(c=", ".join(named)) if op in ops else op
