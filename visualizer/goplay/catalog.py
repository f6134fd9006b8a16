"""The shipped Go examples (our own programs): what each shows and the file of its fix.

Titles and captions are English; the window translates them with Qt
(context "Examples"), from the one table in gui/i18n/zh_CN.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent / "examples"


@dataclass(frozen=True)
class Example:
    """One example: its file, what it shows (English; the window translates it) and the file of its fix,
    if it is a bug."""

    file: str
    title: str
    caption: str
    fix: str = ""

    @property
    def path(self) -> Path:
        """Where the example's Go file is, inside the installed package."""
        return HERE / self.file


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """``text`` itself: the name marks it for lupdate (this module never imports Qt)."""
    return text


EXAMPLES = [
    Example("article.go", QT_TRANSLATE_NOOP("Examples", "The article's handler"),
        QT_TRANSLATE_NOOP("Examples", "The first failing check returns early; every check that finishes later "
                                      "blocks on done or quit for ever."), "article_buffered.go"),
    Example("article_http.go", QT_TRANSLATE_NOOP("Examples", "The article's handler over HTTP"),
        QT_TRANSLATE_NOOP("Examples", "func(w http.ResponseWriter, r *http.Request): leakviz sends it requests at "
                                      "the chosen rate; main is not run."), "article_http_ctx.go"),
    Example("article_http_ctx.go", QT_TRANSLATE_NOOP("Examples", "Fix over HTTP: select on r.Context().Done()"),
        QT_TRANSLATE_NOOP("Examples", "Each send also waits on the request's context, which net/http cancels when "
                                      "the handler returns.")),
    Example("article_buffered.go", QT_TRANSLATE_NOOP("Examples", "Fix: buffered channels"),
        QT_TRANSLATE_NOOP("Examples", "Room for every check in done and quit: a send never waits.")),
    Example("article_ctx.go", QT_TRANSLATE_NOOP("Examples", "Fix: select on ctx.Done()"),
        QT_TRANSLATE_NOOP("Examples", "Each send also waits on ctx.Done(), which the handler cancels when it "
                                      "returns.")),
    Example("article_drain.go", QT_TRANSLATE_NOOP("Examples", "Fix: drain the rest"),
        QT_TRANSLATE_NOOP("Examples", "On the early return a goroutine receives every result still to come.")),
    Example("range_noclose.go", QT_TRANSLATE_NOOP("Examples", "No close: range waits for ever"),
        QT_TRANSLATE_NOOP("Examples", "The consumer ranges over jobs; the producer never closes it."),
        "range_noclose_fix.go"),
    Example("range_noclose_fix.go", QT_TRANSLATE_NOOP("Examples", "Fix: close when done"),
        QT_TRANSLATE_NOOP("Examples", "The producer closes jobs after the last one; each range ends.")),
    Example("contract.go", QT_TRANSLATE_NOOP("Examples", "Method contract: Stop not called"),
        QT_TRANSLATE_NOOP("Examples", "A Poller must be stopped; callers that forget leave its loop blocked."),
        "contract_fix.go"),
    Example("contract_fix.go", QT_TRANSLATE_NOOP("Examples", "Fix: defer p.Stop()"),
        QT_TRANSLATE_NOOP("Examples", "Every caller keeps the contract.")),
    Example("double_send.go", QT_TRANSLATE_NOOP("Examples", "Double send"),
        QT_TRANSLATE_NOOP("Examples", "On an error the worker sends twice; the caller receives once."),
        "double_send_fix.go"),
    Example("double_send_fix.go", QT_TRANSLATE_NOOP("Examples", "Fix: return after the error"),
        QT_TRANSLATE_NOOP("Examples", "Every path sends exactly once.")),
    Example("early_return.go", QT_TRANSLATE_NOOP("Examples", "Early return"),
        QT_TRANSLATE_NOOP("Examples", "The caller returns on a bad input before receiving the worker's answer."),
        "early_return_fix.go"),
    Example("early_return_fix.go", QT_TRANSLATE_NOOP("Examples", "Fix: one slot of buffer"),
        QT_TRANSLATE_NOOP("Examples", "The worker's one send always completes.")),
    Example("lock_exit.go", QT_TRANSLATE_NOOP("Examples", "A lock never released"),
        QT_TRANSLATE_NOOP("Examples", "A writer returns early holding a global lock; every later reader blocks for "
                                      "ever, yet Go's leak profile reports none: the lock is still reachable."),
        "lock_exit_fix.go"),
    Example("lock_exit_fix.go", QT_TRANSLATE_NOOP("Examples", "Fix: defer mu.Unlock()"),
        QT_TRANSLATE_NOOP("Examples", "Every return releases the lock.")),
    Example("ncast.go", QT_TRANSLATE_NOOP("Examples", "N-cast: first answer wins"),
        QT_TRANSLATE_NOOP("Examples", "Ask N replicas, take the first answer; the other N-1 wait to send for ever."),
        "ncast_fix.go"),
    Example("ncast_fix.go", QT_TRANSLATE_NOOP("Examples", "Fix: room for every answer"),
        QT_TRANSLATE_NOOP("Examples", "A buffer of N lets the late replicas finish.")),
    Example("timeout.go", QT_TRANSLATE_NOOP("Examples", "Timeout"),
        QT_TRANSLATE_NOOP("Examples", "The caller stops waiting after 3 ms; a slow worker then waits to send for "
                                      "ever."), "timeout_fix.go"),
    Example("timeout_fix.go", QT_TRANSLATE_NOOP("Examples", "Fix: buffered result"),
        QT_TRANSLATE_NOOP("Examples", "A late worker's send lands in the buffer.")),
]


def by_file(name: str) -> Example | None:
    """The example whose file is called ``name`` (a base name), if any."""
    base = Path(name).name
    return next((e for e in EXAMPLES if e.file == base and Path(name).resolve().parent == HERE.resolve()), None)
