"""Random Go programs on random channels: the invariants of semantics.md
rule 16 after every goroutine step, and, at the end, no value lost or
duplicated, per-sender FIFO, determinism and sound stranded detection."""

from __future__ import annotations

from collections import Counter, defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from visualizer.core import channel as chan
from visualizer.core.channel import Recv, Send, select
from visualizer.core.errors import GoPanic
from visualizer.core.runtime import PARKED, Runtime

GO_MESSAGES = {"send on closed channel", "close of closed channel", "close of nil channel"}

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- programs --
#
# An op is one of
#   ("send", c)          ch[c] <- value
#   ("recv", c)          <-ch[c]
#   ("select", cases, default)   cases: (("send"|"recv", c), ...), c == -1 is a nil channel
#   ("sleep", ns)
#   ("close", c)         close(ch[c]) (c == -1: close(nil))
#   ("sendch", c, d)     ch[c] <- (value, ch[d]): a channel travels as a value
#
# A worker starts knowing only some of the channels its ops name (``known``);
# it learns the others by receiving them, as a Go goroutine would. An op on a
# channel it does not know is skipped; a select case on one is left out.

def _op(n_ch, closing):
    ch = st.integers(0, n_ch - 1)
    maybe_nil = st.integers(-1, n_ch - 1)
    ops = [
        st.tuples(st.just("send"), ch),
        st.tuples(st.just("recv"), ch),
        st.tuples(st.just("select"),
                  st.lists(st.tuples(st.sampled_from(("send", "recv")), maybe_nil), max_size=3).map(tuple),
                  st.booleans()),
        st.tuples(st.just("sleep"), st.integers(0, 3)),
        st.tuples(st.just("sendch"), ch, ch),
    ]
    if closing:
        ops.append(st.tuples(st.just("close"), maybe_nil))
    return st.one_of(*ops)


@st.composite
def programs(draw, *, panics: bool):
    n_ch = draw(st.integers(1, 3))
    caps = draw(st.lists(st.integers(0, 3), min_size=n_ch, max_size=n_ch))
    n_g = draw(st.integers(2, 4))
    progs = [draw(st.lists(_op(n_ch, panics), max_size=8)) for _ in range(n_g)]
    if not panics:
        progs = _designate_closer(draw, n_ch, progs)
    known = [draw(st.sets(st.integers(0, n_ch - 1))) | {-1} for _ in range(n_g)]
    seed = draw(st.integers(0, 2 ** 16))
    return caps, [(ops, k) for ops, k in zip(progs, known, strict=True)], seed


def _designate_closer(draw, n_ch, progs):
    """Goroutine 0 owns the closable channels: it is their only sender and
    closes each once; after the close it only receives from it. Nobody else
    sends on them, so no panic is expected."""
    closable = set(draw(st.sets(st.integers(0, n_ch - 1), max_size=n_ch)))

    def no_send(op, banned):
        kind = op[0]
        if kind in ("send", "sendch") and op[1] in banned:
            return ("recv", op[1])
        if kind == "select":
            cases = tuple(("recv", c) if k == "send" and c in banned else (k, c) for k, c in op[1])
            return ("select", cases, op[2])
        return op

    out = [[no_send(op, closable) for op in p] for p in progs[1:]]
    closer = list(progs[0])
    for c in sorted(closable):
        at = draw(st.integers(0, len(closer)))
        closer.insert(at, ("close", c))
    fixed = []
    closed = set()
    for op in closer:
        if op[0] == "close":
            closed.add(op[1])
            fixed.append(op)
        else:
            fixed.append(no_send(op, closed))
    return [fixed, *out]


# -- running them --

class Log:
    def __init__(self):
        self.sent = defaultdict(list)  # cid -> [(w, k)] sends that completed
        self.recvd = defaultdict(list)  # cid -> [(receiver, (w, k))] values received (ok)
        self.attempt = {}  # worker -> the op it is inside


def plain(v):
    """A logged value without channels in it (the log must not make anybody
    hold a channel): ``(w, k)`` or ``(w, k, "c2")``."""
    return v if len(v) == 2 else (v[0], v[1], v[2].name)


async def worker(rt, w, ops, chans, log):
    """``chans`` maps index -> channel for the channels this worker starts
    with (-1 is nil); it learns more by receiving them."""
    k = 0
    for op in ops:
        kind = op[0]
        if kind in ("send", "recv", "close", "sendch") and op[1] not in chans:
            continue  # a channel this goroutine does not know (yet)
        if kind == "sendch" and op[2] not in chans:
            continue
        log.attempt[w] = op
        if kind in ("send", "sendch"):
            ch = chans[op[1]]
            v = (w, k) if kind == "send" else (w, k, chans[op[2]])
            k += 1
            await ch.send(v)
            log.sent[ch.cid].append(plain(v))
        elif kind == "recv":
            ch = chans[op[1]]
            v, ok = await ch.recv()
            if ok:
                log.recvd[ch.cid].append((w, plain(v)))
                if len(v) == 3:
                    chans[int(v[2].name[1:])] = v[2]
        elif kind == "select":
            cases = []
            for ck, c in op[1]:
                if c not in chans:
                    continue
                ch = chans[c]
                if ck == "send":
                    cases.append(Send(ch, (w, k)))
                    k += 1
                else:
                    cases.append(Recv(ch))
            log.attempt[w] = ("select", tuple((("send" if type(c) is Send else "recv"),
                                               -1 if c.ch is None else int(c.ch.name[1:])) for c in cases), op[2])
            i, v, ok = await select(rt, *cases, default=op[2])
            if i >= 0:
                case = cases[i]
                if type(case) is Send:
                    log.sent[case.ch.cid].append(plain(case.value))
                elif ok:
                    log.recvd[case.ch.cid].append((w, plain(v)))
                    if len(v) == 3:
                        chans[int(v[2].name[1:])] = v[2]
        elif kind == "sleep":
            await rt.sleep(op[1])
        elif kind == "close":
            chan.close(chans[op[1]])


def build(caps, progs, seed):
    rt = Runtime(seed=seed)
    log = Log()
    channels = []

    async def main(rt):
        for c in caps:
            channels.append(rt.make_chan(c, name=f"c{len(channels)}"))
        for w, (ops, known) in enumerate(progs):
            mine = {c: (channels[c] if c >= 0 else None) for c in known}
            rt.go(worker(rt, w, ops, mine, log), role=f"w{w}")

    rt.go(main(rt), role="main")
    return rt, log, channels


def check_channel_invariants(ch):
    """semantics.md rule 16 (and Go's one exception)."""
    buf, sendq, recvq = ch.buf, ch.sendq, ch.recvq
    assert len(buf) <= ch.cap, ch
    if sendq and recvq:
        gs = {s.g for s in sendq} | {s.g for s in recvq}
        assert ch.cap == 0 and len(gs) == 1, f"{ch}: both queues busy: {sendq} / {recvq}"
    if buf:
        assert not recvq, ch
    if len(buf) < ch.cap:
        assert not sendq, ch
    for s in (*sendq, *recvq):
        assert s.g.state == PARKED, (ch, s.g)


def step_all(rt, channels):
    steps = 0
    while rt.step():
        steps += 1
        for ch in channels:
            check_channel_invariants(ch)
        assert steps < 100_000
    assert rt.idle()
    return steps


def check_stranded_sound_and_complete(rt):
    if rt.panic is None:
        for g in rt.goroutines.values():
            assert g.state == PARKED and g.stranded, g
    stranded_at = {}
    for i, e in enumerate(rt.trace.events):
        if e[1] == "stranded":
            assert e[2] not in stranded_at, "stranded twice"
            stranded_at[e[2]] = i
        elif e[1] in ("unpark", "wake", "exit", "panic") and e[2] in stranded_at:
            raise AssertionError(f"goroutine {e[2]} resumed ({e}) after it was stranded")
        elif e[1] in ("send", "recv", "close", "sleep", "park", "go") and e[2] in stranded_at:
            raise AssertionError(f"goroutine {e[2]} acted ({e}) after it was stranded")
    assert rt.stranded == len(stranded_at)


def check_values(log, channels):
    """No value lost or delivered twice; per-sender FIFO per channel."""
    for ch in channels:
        sent = Counter(log.sent[ch.cid])
        got = [v for _, v in log.recvd[ch.cid]]
        left = [plain(v) for v in ch.buf]
        assert max(sent.values(), default=1) == 1  # the program's values are unique
        assert Counter(got) + Counter(left) == sent, ch
        by_receiver = defaultdict(list)
        for r, v in log.recvd[ch.cid]:
            by_receiver[r].append(v)
        for seq in by_receiver.values():
            for sender in {v[0] for v in seq}:
                mine = [v[1] for v in seq if v[0] == sender]
                assert mine == sorted(mine), (ch, sender, mine)
        for sender in {v[0] for v in left}:
            mine = [v[1] for v in left if v[0] == sender]
            assert mine == sorted(mine)
            taken = [v[1] for v in got if v[0] == sender]
            assert not taken or max(taken) < min(mine), "FIFO: a later value overtook a buffered one"


@SETTINGS
@given(programs(panics=False))
def test_random_programs_without_panics(prog):
    caps, progs, seed = prog
    rt, log, channels = build(caps, progs, seed)
    step_all(rt, channels)
    assert rt.panic is None, rt.panic
    check_values(log, channels)
    check_stranded_sound_and_complete(rt)

    # the same program and seed: the same trace, byte for byte
    rt2, log2, channels2 = build(caps, progs, seed)
    rt2.run()
    assert rt2.trace.sha256() == rt.trace.sha256()
    assert nonempty(log2.sent) == nonempty(log.sent) and nonempty(log2.recvd) == nonempty(log.recvd)
    rt.shutdown()
    rt2.shutdown()


def nonempty(d):
    return {k: v for k, v in d.items() if v}


@SETTINGS
@given(programs(panics=True))
def test_random_programs_where_panics_are_allowed(prog):
    caps, progs, seed = prog
    rt, log, channels = build(caps, progs, seed)
    step_all(rt, channels)
    if rt.panic is not None:
        gid, msg = rt.panic
        assert msg in GO_MESSAGES, msg
        # the message fits what the panicking goroutine was doing
        role = next(e[4] for e in rt.trace.events if e[1] == "go" and e[2] == gid)
        op = log.attempt[int(role[1:])]
        if msg == "close of nil channel":
            assert op == ("close", -1)
        elif msg == "close of closed channel":
            assert op[0] == "close" and op[1] >= 0 and channels[op[1]].closed
        else:
            if op[0] in ("send", "sendch"):
                assert channels[op[1]].closed
            else:
                assert op[0] == "select"
                assert any(k == "send" and c >= 0 and channels[c].closed for k, c in op[1])
        # nothing runs after the panic: the program is over
        at = next(i for i, e in enumerate(rt.trace.events) if e[1] == "panic")
        assert not [e for e in rt.trace.events[at + 1:] if e[1] != "stranded"]
    check_stranded_sound_and_complete(rt)
    rt2, _, _ = build(caps, progs, seed)
    rt2.run()
    assert rt2.trace.sha256() == rt.trace.sha256()
    assert rt2.panic == rt.panic
    rt.shutdown()
    rt2.shutdown()


def test_the_property_checker_can_fail():
    """A checker that passes everything proves nothing: a lost value must be seen."""
    rt, log, channels = build([1], [([("send", 0)], {0}), ([("recv", 0)], {0})], 0)
    step_all(rt, channels)
    check_values(log, channels)
    log.recvd[channels[0].cid].clear()  # pretend the value vanished
    try:
        check_values(log, channels)
    except AssertionError:
        pass
    else:
        raise AssertionError("check_values missed a lost value")


def test_select_on_both_ends_of_one_unbuffered_channel():
    """Go's one exception to rule 16: one goroutine parked on both queues of
    an unbuffered channel in one select. It must not pair with itself."""
    got = []

    async def both(rt, ch):
        got.append(await select(rt, Send(ch, "mine"), Recv(ch)))

    async def peer(rt, ch):
        await rt.sleep(5)
        got.append(await ch.recv())

    rt = Runtime(seed=1)
    channels = []

    async def main(rt):
        ch = rt.make_chan(0)
        channels.append(ch)
        rt.go(both(rt, ch))
        rt.go(peer(rt, ch))

    rt.go(main(rt))
    both_busy = 0
    while rt.step():
        ch = channels[0] if channels else None
        if ch is not None:
            check_channel_invariants(ch)
            both_busy += bool(ch.sendq and ch.recvq)
    assert both_busy > 0  # the exception really happened
    assert got == [("mine", True), (0, None, True)]
    assert rt.stranded == 0 and not rt.goroutines


def test_go_panic_messages_are_gos():
    for exc in GoPanic.__subclasses__():
        assert str(exc()) in GO_MESSAGES | {"makechan: size out of range"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs(panics=False))
def test_traces_do_not_depend_on_where_objects_live(prog):
    """Identity-hashed sets iterate in address order: nothing that emits
    events may depend on it. Keeping every earlier run alive puts each new
    run's channels at other addresses; the trace must not change."""
    caps, progs, seed = prog
    runs = []
    for _ in range(12):
        rt, _, _ = build(caps, progs, seed)
        rt.run()
        runs.append(rt)
    assert len({rt.trace.sha256() for rt in runs}) == 1
    for rt in runs:
        rt.shutdown()


def test_stranded_order_follows_channels_not_addresses():
    """A goroutine holding two channels exits, leaving a parked sender on
    each: the two are stranded in the order the channels were made, however
    the channels happen to lie in memory (it used to follow a set's order)."""
    def build():
        rt = Runtime(seed=1)

        async def sender(ch):
            await ch.send(1)

        async def holder(a, b):
            await rt.sleep(10)

        async def main():
            a = rt.make_chan(0, name="a")
            b = rt.make_chan(0, name="b")
            rt.go(sender(a), role="on a")
            rt.go(sender(b), role="on b")
            rt.go(holder(b, a))

        rt.go(main())
        rt.run()
        return rt

    keep, orders = [], set()
    for i in range(200):
        keep.append([bytearray(i % 13 * 40) for _ in range(i % 7)])  # move later channels elsewhere
        rt = build()
        keep.append(rt)
        roles = {e[2]: e[4] for e in rt.trace.events if e[1] == "go"}
        orders.add(tuple(roles[e[2]] for e in rt.trace.events if e[1] == "stranded"))
    assert orders == {("on a", "on b")}
