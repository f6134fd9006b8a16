"""Package context: Background, the With* derivations (a deadline is a Timer on the virtual clock),
Cause and AfterFunc; Context is every context value."""

from __future__ import annotations

from typing import Any

from .. import values as V
from ..gotypes import ERR
from .registry import package, std, std_type, value
from .time import Time, Timer

package("context", "context")
std_type("context.Context", ("iface", "context.Context"))
std_type("context.CancelFunc", ("func",))
std_type("context.CancelCauseFunc", ("func",))
value("context.Canceled", ERR, lambda h: V.GoError("context canceled"))
value("context.DeadlineExceeded", ERR, lambda h: V.GoError("context deadline exceeded"))
_CTX = ("iface", "context.Context")
_WITH = ("tuple", [_CTX, ("func",)])  # a derived context and its cancel function


@std("context.Background", _CTX)
def context_Background(h) -> Context:
    return BACKGROUND


@std("context.TODO", _CTX)
def context_TODO(h) -> Context:
    return BACKGROUND


@std("context.WithCancel", _WITH)
def context_WithCancel(h, parent: Context) -> tuple:
    c = Context(h, parent)
    return c, c.cancel_func(h.context_Canceled)


@std("context.WithTimeout", _WITH)
def context_WithTimeout(h, parent: Context, d: int) -> tuple:
    return h.context_WithDeadline(parent, Time(h.rt.now + int(d)))


@std("context.WithDeadline", _WITH)
def context_WithDeadline(h, parent: Context, t: Time) -> tuple:
    c = Context(h, parent)
    c.deadline = t.ns
    if t.ns <= h.rt.now:
        c.cancel(h.context_DeadlineExceeded)
    else:
        c.timer = Timer(h, None, t.ns - h.rt.now, False, None, ctx=c)
        c.timer.start()
    return c, c.cancel_func(h.context_Canceled)


@std("context.WithValue", _CTX)
def context_WithValue(h, parent: Context, k: Any, v: Any) -> Context:
    c = Context(h, parent, share=True)
    c.values = (k, v)
    return c


@std("context.WithCancelCause", _WITH)
def context_WithCancelCause(h, parent: Context) -> tuple:
    """WithCancel whose cancel function takes the cause context.Cause then reports."""
    c = Context(h, parent)

    async def cancel(cause: Any) -> None:
        c.cancel(h.context_Canceled, cause)
    return c, cancel


@std("context.WithTimeoutCause", _WITH)
def context_WithTimeoutCause(h, parent: Context, d: int, cause: Any) -> tuple:
    return h.context_WithDeadlineCause(parent, Time(h.rt.now + int(d)), cause)


@std("context.WithDeadlineCause", _WITH)
def context_WithDeadlineCause(h, parent: Context, t: Time, cause: Any) -> tuple:
    c, cancel = h.context_WithDeadline(parent, t)
    c.timeout_cause = cause
    if c.err is h.context_DeadlineExceeded and cause is not None:
        c.cause = cause  # the deadline had passed already
    return c, cancel


@std("context.WithoutCancel", _CTX)
def context_WithoutCancel(h, parent: Context) -> Context:
    """A context with the parent's values that is never done: no Done channel, no deadline, no error."""
    c = Context(None, parent)
    c.kind = "context.WithoutCancel"
    return c


@std("context.AfterFunc", ("func",))
def context_AfterFunc(h, ctx: Context, f: Any) -> Any:
    """Run ``f`` on a goroutine of its own once ``ctx`` is done; the stop function it returns cancels
    that, saying whether it did."""
    return ctx.after(h, f)


@std("context.Cause", ERR)
def context_Cause(h, c: Context) -> Any:
    """Why ``c`` was cancelled: the cause given to a CancelCauseFunc or a ...Cause deadline, else its
    error; nil while it is not done."""
    while c is not None and c.share:
        c = c.parent
    return None if c is None or c.err is None else c.cause


@V.go_api()
class Context:
    """context.Context: Background (never done: Done() is nil), WithCancel/Timeout/Deadline/Value."""

    _goname = "*context.cancelCtx"

    def __init__(self, h: Any, parent: Context | None, share: bool = False) -> None:
        self.h = h
        self.parent = parent
        self.children: list[Context] = []
        self.err: Any = None
        self.deadline: int | None = None
        self.timer: Timer | None = None
        self.values: tuple | None = None
        self.done: Any = None
        self.cause: Any = None
        self.timeout_cause: Any = None
        self.afters: list = []  # what context.AfterFunc runs when this is cancelled
        self.kind = "context.Background" if h is None else "context.WithCancel"
        if share and parent is not None:
            self.done = parent.done
            self.deadline = parent.deadline
        elif h is not None:
            self.done = h.rt.make_chan(0, zero=None, name="ctx.Done()")
            if parent is not None and parent.done is not None:  # Background's Done() is nil: nothing to follow
                if parent.err is not None:
                    self.cancel(parent.err, parent.cause)
                else:
                    parent.children.append(self)
        self.share = share

    def cancel(self, err: Any, cause: Any = None) -> None:
        """Cancel with ``err`` (and ``cause``, else ``err``; a deadline's own cause if it has one): close Done,
        cancel every child with the same, run what AfterFunc registered, leave the parent, stop the timer.

        A second cancel, or cancelling a context that shares its parent's Done, does nothing."""
        if self.share:
            return
        if self.err is not None:
            return
        self.err = err
        if cause is None and self.timeout_cause is not None and err is self.h.context_DeadlineExceeded:
            cause = self.timeout_cause
        self.cause = err if cause is None else cause
        if self.done is not None:
            self.h.rt.close(self.done)
        for c in self.children:
            c.cancel(err, self.cause)
        afters, self.afters = self.afters, []
        for f in afters:
            g = self.h.ip.spawn(f, (), "context.AfterFunc", -1, 0)
            self.h.ip.info[g.gid].extra["created_at"] = "src/context/context.go:345"
        self.children = []
        if self.parent is not None and self in self.parent.children:
            self.parent.children.remove(self)
        if self.timer is not None:
            self.timer.active = False
            self.timer.gen += 1
            self.timer.drop_helper()

    def cancel_func(self, err: Any) -> Any:
        """The ``CancelFunc`` Go's WithCancel/WithTimeout return: a Go function that cancels with ``err``."""
        ctx = self

        async def cancel() -> None:
            ctx.cancel(err)
        return cancel

    async def Done(self) -> Any:
        return self.done

    async def Err(self) -> Any:
        if self.share and self.parent is not None:
            return await self.parent.Err()
        return self.err

    async def Value(self, k: Any) -> Any:
        c: Context | None = self
        while c is not None:
            if c.values is not None and c.values[0] == k:
                return c.values[1]
            c = c.parent
        return None

    async def Deadline(self) -> tuple:
        return (Time(self.deadline), True) if self.deadline is not None else (Time(0), False)

    def after(self, h: Any, f: Any) -> Any:
        """context.AfterFunc(self, f): ``f`` runs on its own goroutine once this is done (at once if it is)."""
        if self.h is None and self.parent is None or self.kind == "context.WithoutCancel":
            async def never() -> bool:  # Background and WithoutCancel are never done: f never runs
                return True
            return never
        owner = self
        while owner.share and owner.parent is not None:
            owner = owner.parent
        if owner.err is not None:
            g = h.ip.spawn(f, (), "context.AfterFunc", -1, 0)
            h.ip.info[g.gid].extra["created_at"] = "src/context/context.go:345"
        else:
            owner.afters.append(f)

        async def stop() -> bool:
            if f in owner.afters:
                owner.afters.remove(f)
                return True
            return False
        return stop

    def go_format(self) -> str:
        """How fmt prints the context: "context.Background", "context.WithCancel"..."""
        return self.kind



BACKGROUND = Context(None, None)
