"""Package time on the virtual clock (durations are plain ints of ns): Sleep, timers and tickers (each a
hidden helper goroutine sleeping on the clock), Now from the Go playground's epoch, Duration's methods (the
helper object's dur_*), Time and its Format."""

from __future__ import annotations

from typing import Any

from .. import values as V
from ..gotypes import BOOL, DUR, FLOAT, INT, STR
from .registry import const, helper, method_results, package, std, std_type

package("time", "time")
std_type("time.Duration", DUR)
std_type("time.Time", ("ext", "time.Time"), "_h.Time(None)")
std_type("time.Timer", ("ext", "time.Timer"))
std_type("time.Ticker", ("ext", "time.Ticker"))
_TIME = ("ext", "time.Time")
method_results("time.Time", {"Sub": DUR, "Add": _TIME, "Format": STR, "String": STR, "Unix": INT, "UnixNano": INT,
                             "UnixMilli": INT, "Before": BOOL, "After": BOOL, "Equal": BOOL, "IsZero": BOOL})
method_results("time.Timer", {"Stop": BOOL, "Reset": BOOL})
# Duration's methods (dur_* below: a Duration is a plain int)
method_results("time.Duration", {"String": STR, "Seconds": FLOAT, "Minutes": FLOAT, "Hours": FLOAT, "Milliseconds": INT,
                                 "Microseconds": INT, "Nanoseconds": INT, "Round": DUR, "Truncate": DUR, "Abs": DUR})
for _unit, _ns in (("Nanosecond", 1), ("Microsecond", 1000), ("Millisecond", 1_000_000), ("Second", 1_000_000_000),
                   ("Minute", 60_000_000_000), ("Hour", 3_600_000_000_000)):
    const(f"time.{_unit}", DUR, _ns)
for _layout, _text in (("RFC3339", "2006-01-02T15:04:05Z07:00"), ("RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00"),
                       ("DateTime", "2006-01-02 15:04:05"), ("DateOnly", "2006-01-02"), ("TimeOnly", "15:04:05"),
                       ("Kitchen", "3:04PM"), ("RFC1123", "Mon, 02 Jan 2006 15:04:05 MST"),
                       ("Stamp", "Jan _2 15:04:05"), ("StampMilli", "Jan _2 15:04:05.000")):
    const(f"time.{_layout}", STR, _text)


@std("time.Sleep", awaits=True)
def time_Sleep(h, d: int) -> Any:
    return h.rt.sleep(int(d))


@std("time.After", ("chan", _TIME))
def time_After(h, d: int) -> Any:
    return _timer_chan(h, d).C


@std("time.Tick", ("chan", _TIME))
def time_Tick(h, d: int) -> Any:
    return _timer_chan(h, d, True).C if d > 0 else None


@std("time.NewTimer", ("ptr", ("ext", "time.Timer")))
def time_NewTimer(h, d: int) -> Timer:
    return _timer_chan(h, d)


@std("time.NewTicker", ("ptr", ("ext", "time.Ticker")))
def time_NewTicker(h, d: int) -> Timer:
    if d <= 0:
        raise V.PanicValue(V.GoError("non-positive interval for NewTicker"), "non-positive interval for NewTicker")
    return _timer_chan(h, d, True)


@std("time.AfterFunc", ("ptr", ("ext", "time.Timer")))
def time_AfterFunc(h, d: int, f: Any) -> Timer:
    return _timer_chan(h, d, False, f)


@std("time.Now", _TIME)
def time_Now(h) -> Time:
    return Time(h.rt.now)


@std("time.Since", DUR)
def time_Since(h, t: Time) -> int:
    return h.rt.now - t.ns


@std("time.Until", DUR)
def time_Until(h, t: Time) -> int:
    return t.ns - h.rt.now


def _timer_chan(h, d: int, repeat: bool = False, fn: Any = None) -> Timer:
    t = Timer(h, None if fn is not None else h.rt.make_chan(1, zero=None), int(d), repeat, fn)
    t.start()
    return t


@helper("dur_String")
async def dur_String(h, d: int) -> str:
    return V.duration_string(d)


@helper("dur_Seconds")
async def dur_Seconds(h, d: int) -> float:
    return d / 1e9


@helper("dur_Minutes")
async def dur_Minutes(h, d: int) -> float:
    return d / 6e10


@helper("dur_Hours")
async def dur_Hours(h, d: int) -> float:
    return d / 3.6e12


@helper("dur_Milliseconds")
async def dur_Milliseconds(h, d: int) -> int:
    return int(d / 1_000_000)


@helper("dur_Microseconds")
async def dur_Microseconds(h, d: int) -> int:
    return int(d / 1_000)


@helper("dur_Nanoseconds")
async def dur_Nanoseconds(h, d: int) -> int:
    return d


@helper("dur_Truncate")
async def dur_Truncate(h, d: int, m: int) -> int:
    return d if m <= 0 else d - int(d - d // m * m if d >= 0 else -((-d) % m))


@helper("dur_Round")
async def dur_Round(h, d: int, m: int) -> int:
    if m <= 0:
        return d
    r = abs(d) % m
    q = abs(d) - r + (m if r + r >= m else 0)
    return q if d >= 0 else -q


@helper("dur_Abs")
async def dur_Abs(h, d: int) -> int:
    return abs(d)


@helper("Time")
def new_time(h, ns: int | None) -> Time:
    """A ``time.Time`` at ``ns`` of virtual time; None is the zero Time (year 1)."""
    return Time(ZERO_TIME_NS if ns is None else ns)


# The simulated clock starts where the Go playground's does: 2009-11-10 23:00:00 UTC (log prints it too)
EPOCH_NS = 1_257_894_000 * 1_000_000_000
ZERO_TIME_NS = -62_135_596_800 * 1_000_000_000 - EPOCH_NS  # time.Time{}: January 1, year 1, 00:00:00 UTC

_LAYOUT_TOKENS = ("January", "Monday", "2006", "Z07:00", "-07:00", "Z0700", "-0700", ".000000000", ".999999999",
                  ".000000", ".999999", ".000", ".999", "Jan", "Mon", "MST", "Z07", "-07", "_2", "01", "02", "03",
                  "04", "05", "06", "15", "PM", "pm", "1", "2", "3", "4", "5")


def _utc(ns: int):
    import datetime
    return datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(microseconds=ns // 1000)


def go_time_format(ns: int, layout: str) -> str:
    """``ns`` (since the Unix epoch, UTC) as Go's Time.Format spells it with ``layout`` (its reference time
    Mon Jan 2 15:04:05 MST 2006)."""
    t = _utc(ns)
    frac = ns % 1_000_000_000
    out = []
    i = 0
    while i < len(layout):
        tok = next((k for k in _LAYOUT_TOKENS if layout.startswith(k, i)), None)
        if tok is None:
            out.append(layout[i])
            i += 1
            continue
        i += len(tok)
        if tok == "2006":
            out.append(f"{t.year:04d}")
        elif tok == "06":
            out.append(f"{t.year % 100:02d}")
        elif tok == "January":
            out.append(t.strftime("%B"))
        elif tok == "Jan":
            out.append(t.strftime("%b"))
        elif tok == "01":
            out.append(f"{t.month:02d}")
        elif tok == "1":
            out.append(str(t.month))
        elif tok == "Monday":
            out.append(t.strftime("%A"))
        elif tok == "Mon":
            out.append(t.strftime("%a"))
        elif tok == "02":
            out.append(f"{t.day:02d}")
        elif tok == "_2":
            out.append(f"{t.day:2d}")
        elif tok == "2":
            out.append(str(t.day))
        elif tok == "15":
            out.append(f"{t.hour:02d}")
        elif tok in ("03", "3"):
            h = t.hour % 12 or 12
            out.append(f"{h:02d}" if tok == "03" else str(h))
        elif tok in ("04", "4"):
            out.append(f"{t.minute:02d}" if tok == "04" else str(t.minute))
        elif tok in ("05", "5"):
            out.append(f"{t.second:02d}" if tok == "05" else str(t.second))
        elif tok in ("PM", "pm"):
            out.append(("PM" if t.hour >= 12 else "AM") if tok == "PM" else ("pm" if t.hour >= 12 else "am"))
        elif tok in ("Z07:00", "Z0700", "Z07"):
            out.append("Z")
        elif tok in ("-07:00", "-0700", "-07"):
            out.append({"-07:00": "+00:00", "-0700": "+0000", "-07": "+00"}[tok])
        elif tok == "MST":
            out.append("UTC")
        elif tok.startswith(".0"):
            digits = len(tok) - 1
            out.append("." + f"{frac:09d}"[:digits])
        elif tok.startswith(".9"):
            digits = f"{frac:09d}"[:len(tok) - 1].rstrip("0")
            out.append("." + digits if digits else "")
    return "".join(out)


@V.go_api()
class Time:
    """time.Time on the virtual clock."""

    __slots__ = ("ns",)
    _goname = "time.Time"

    def __init__(self, ns: int) -> None:
        self.ns = ns

    async def Sub(self, o: Time) -> int:
        return self.ns - o.ns

    async def Add(self, d: int) -> Time:
        return Time(self.ns + d)

    async def After(self, o: Time) -> bool:
        return self.ns > o.ns

    async def Before(self, o: Time) -> bool:
        return self.ns < o.ns

    async def UnixNano(self) -> int:
        return EPOCH_NS + self.ns

    async def UnixMilli(self) -> int:
        return (EPOCH_NS + self.ns) // 1_000_000

    async def Unix(self) -> int:
        return (EPOCH_NS + self.ns) // 1_000_000_000

    async def IsZero(self) -> bool:
        return self.ns == ZERO_TIME_NS

    async def Equal(self, o: Time) -> bool:
        return self.ns == o.ns

    async def Format(self, layout: str) -> str:
        return go_time_format(EPOCH_NS + self.ns, layout)

    async def String(self) -> str:
        return go_time_format(EPOCH_NS + self.ns, "2006-01-02 15:04:05.999999999 -0700 MST")

    async def Year(self) -> int:
        return _utc(EPOCH_NS + self.ns).year

    async def Hour(self) -> int:
        return _utc(EPOCH_NS + self.ns).hour

    async def Minute(self) -> int:
        return _utc(EPOCH_NS + self.ns).minute

    async def Second(self) -> int:
        return _utc(EPOCH_NS + self.ns).second

    def go_copy(self) -> Time:
        """Times are immutable: a copy is the same object."""
        return self


@V.go_api("C")
class Timer:
    """time.Timer / time.Ticker / time.After / AfterFunc / a context's deadline.

    A hidden helper goroutine sleeps on the virtual clock and then sends on
    ``C`` (buffered, 1), calls ``fn`` in a new goroutine, or cancels ``ctx``.
    ``Stop`` marks it stopped: the helper then does nothing, and the leak
    check no longer counts what it refers to as reachable."""

    _goname = "*time.Timer"

    def __init__(self, h: Any, C: Any, d: int, repeat: bool, fn: Any, ctx: Any = None) -> None:
        self.h = h
        self.C = C
        self.d = max(0, d)
        self.repeat = repeat
        self.fn = fn
        self.ctx = ctx
        self.gen = 0
        self.active = False
        self.helper: Any = None  # the hidden goroutine sleeping until the timer fires

    def start(self) -> None:
        """(Re)arm the timer: a new hidden helper goroutine sleeps ``d`` ns of virtual time; earlier helpers are void."""
        self.drop_helper()
        self.gen += 1
        self.active = True
        self.helper = self.h.ip.spawn_hidden(self._run(self.gen))

    def drop_helper(self) -> None:
        """The timer was stopped or reset: its sleeping helper would wake only to return, so it goes now."""
        if self.helper is not None:
            self.h.rt.drop_sleeper(self.helper)
            self.helper = None

    async def _run(self, gen: int) -> None:
        rt = self.h.rt
        while True:
            await rt.sleep(self.d) if self.d > 0 else None
            if gen != self.gen or not self.active:
                return
            if self.ctx is not None:
                self.active = False
                self.ctx.cancel(self.h.context_DeadlineExceeded)
                return
            if self.fn is not None:
                self.active = False
                g = self.h.ip.spawn(self.fn, (), "time.goFunc", -1, 182)
                self.h.ip.info[g.gid].creator = 0  # started by the timer, outside any goroutine
                self.h.ip.info[g.gid].extra["created_at"] = "src/time/sleep.go:182"
                return
            if len(self.C.buf) < self.C.cap:  # a ticker drops ticks nobody took
                await self.C.send(Time(rt.now))
            elif self.repeat:
                # its tick still waits in C: until it is taken every tick is dropped, so the ticker sleeps
                # until then rather than wake the clock for nothing (a 1 ns ticker nobody reads)
                self.C.on_take = lambda gen=gen: self._rearm(gen)
                return
            if not self.repeat:
                self.active = False
                return

    def _rearm(self, gen: int) -> None:
        """A waiting ticker's tick was taken: it ticks again a period from now (unless stopped or reset since)."""
        if gen == self.gen and self.active:
            self.start()

    async def Stop(self) -> bool:
        was = self.active
        self.active = False
        self.gen += 1
        self.drop_helper()
        return was

    async def Reset(self, d: int) -> bool:
        was = self.active
        self.d = max(0, int(d))
        self.start()
        return was

