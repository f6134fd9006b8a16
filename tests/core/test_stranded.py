"""Stranded detection is a fact about reachability (runtime.py docstring,
semantics.md rule 21), not about the article's scenario.

A parked goroutine is stranded when no goroutine that is still able to run
can reach a channel it is parked on. These tests build small programs of
different shapes and check both directions: what must be flagged, and what
must not be flagged (yet).
"""

import pytest

from visualizer.core import channel as chan
from visualizer.core import report, scenario
from visualizer.core.channel import Recv, Send, select
from visualizer.core.runtime import PARKED, Runtime
from visualizer.core.trace import fold

from .helpers import run


def stranded_events(rt):
    """``[(t, gid), ...]`` of every ``stranded`` event, in order."""
    return [(e[0], e[2]) for e in rt.trace.events if e[1] == "stranded"]


def gid_of(rt, role):
    gids = [e[2] for e in rt.trace.events if e[1] == "go" and e[4] == role]
    assert len(gids) == 1, (role, gids)
    return gids[0]


def resumed_after_stranding(rt):
    """gids that got an ``unpark``/``wake``/``exit`` after being stranded."""
    stranded = set()
    bad = set()
    for e in rt.trace.events:
        if e[1] == "stranded":
            stranded.add(e[2])
        elif e[1] in ("unpark", "wake", "exit", "panic") and e[2] in stranded:
            bad.add(e[2])
    return bad


def assert_no_parked_left_unflagged(rt):
    """At idle (and without a panic) every goroutine that has not exited is
    parked, and every parked one is stranded."""
    assert rt.idle()
    assert rt.panic is None
    for g in rt.goroutines.values():
        assert g.state == PARKED, g
        assert g.stranded, g
    assert rt.stranded == len(stranded_events(rt))


# -- (a) the article's scenario --

def test_article_scenario_strands_the_nine_late_checks_on_done():
    cfg = scenario.Config(checks=10, capacity_done=0, capacity_quit=0, fail=(0,))
    rt = report.simulate(cfg)
    ev = stranded_events(rt)
    assert len(ev) == 9
    checks = {e[2]: e[6] for e in rt.trace.events if e[1] == "go" and e[4] == "check"}
    assert sorted(checks[g] for _, g in ev) == list(range(1, 10))
    # a check still sleeping holds done and could run: nothing is stranded
    # until the last one (50 ms) has parked too; then all nine at once
    parked_at = {e[2]: e[0] for e in rt.trace.events if e[1] == "park"}
    for t, g in ev:
        assert parked_at[g] == (checks[g] + 1) * 5_000_000
        assert t == 50_000_000
    assert dict(fold(rt.trace).stranded_by_channel) == {"done": 9}
    assert_no_parked_left_unflagged(rt)


# -- (b) a pipeline whose consumer quits early --

@pytest.mark.parametrize("n,k,cap", [(5, 2, 0), (5, 0, 0), (6, 3, 1), (10, 1, 4)])
def test_pipeline_producer_is_stranded_once_when_consumer_quits(n, k, cap):
    sent = []

    async def producer(rt, out, n):
        for v in range(n):
            await out.send(v)
            sent.append(v)

    async def consumer(rt, inp, k):
        for _ in range(k):
            await rt.sleep(3)
            await inp.recv()

    async def main(rt):
        ch = rt.make_chan(cap, name="pipe")
        rt.go(producer(rt, ch, n), role="producer")
        rt.go(consumer(rt, ch, k), role="consumer")

    rt = run(main)
    producer_gid = gid_of(rt, "producer")
    assert stranded_events(rt) == [(3 * k, producer_gid)]
    assert sent == list(range(k + cap))
    assert list(rt.goroutines) == [producer_gid]
    assert fold(rt.trace).parked_by_site == (("producer:send:pipe", 1),)
    assert_no_parked_left_unflagged(rt)


def test_pipeline_producer_not_stranded_while_the_consumer_still_works():
    async def producer(rt, out):
        for v in range(10):
            await out.send(v)

    async def consumer(rt, inp):
        for _ in range(3):
            await inp.recv()
            await rt.sleep(100)

    async def main(rt):
        ch = rt.make_chan(0, name="pipe")
        rt.go(producer(rt, ch), role="producer")
        rt.go(consumer(rt, ch), role="consumer")

    rt = Runtime()
    rt.go(main(rt), role="main")
    rt.run(until=250)
    assert rt.stranded == 0
    rt.run()
    assert stranded_events(rt) == [(300, gid_of(rt, "producer"))]


# -- (c) a receiver nobody will ever send to --

def test_receiver_on_a_channel_nobody_sends_to_or_closes_is_stranded():
    async def receiver(rt, ch):
        await ch.recv()

    async def main(rt):
        ch = rt.make_chan(0, name="orphan")
        rt.go(receiver(rt, ch), role="receiver")
        await rt.sleep(7)  # the spawner lives a while, then returns

    rt = Runtime()
    rt.go(main(rt), role="main")
    rt.run(until=5)
    assert rt.stranded == 0  # main holds the channel and can still run
    rt.run()
    assert stranded_events(rt) == [(7, gid_of(rt, "receiver"))]
    assert_no_parked_left_unflagged(rt)


# -- negatives: a live holder keeps parked goroutines alive --

def test_receiver_not_stranded_while_a_sleeping_holder_lives():
    async def receiver(rt, ch):
        await ch.recv()

    async def sleeper(rt, ch):
        await rt.sleep(100)  # holds ch, but never uses it

    async def main(rt):
        ch = rt.make_chan(0, name="c")
        rt.go(receiver(rt, ch), role="receiver")
        rt.go(sleeper(rt, ch), role="sleeper")

    rt = Runtime()
    rt.go(main(rt), role="main")
    rt.run(until=99)
    assert rt.stranded == 0
    g = rt.goroutines[gid_of(rt, "receiver")]
    assert g.state == PARKED and not g.stranded
    rt.run()
    assert stranded_events(rt) == [(100, g.gid)]


def test_chain_is_alive_while_its_last_holder_lives_and_stranded_after():
    async def a(rt, x):
        await x.recv()

    async def b(rt, x, y):
        await y.recv()  # holds x: if it were woken it could send on x
        await x.send(1)

    async def c(rt, y):
        await rt.sleep(50)

    async def main(rt):
        x = rt.make_chan(0, name="x")
        y = rt.make_chan(0, name="y")
        rt.go(a(rt, x), role="A")
        rt.go(b(rt, x, y), role="B")
        rt.go(c(rt, y), role="C")

    rt = Runtime()
    rt.go(main(rt), role="main")
    rt.run(until=49)
    assert rt.stranded == 0
    assert all(not g.stranded for g in rt.goroutines.values())
    rt.run()
    assert sorted(stranded_events(rt)) == sorted([(50, gid_of(rt, "A")), (50, gid_of(rt, "B"))])
    assert_no_parked_left_unflagged(rt)


def test_chain_that_is_woken_is_never_stranded():
    got = []

    async def a(rt, x):
        got.append(await x.recv())

    async def b(rt, x, y):
        await y.recv()
        await x.send("from B")

    async def c(rt, y):
        await rt.sleep(50)
        await y.send("go")

    async def main(rt):
        x = rt.make_chan(0, name="x")
        y = rt.make_chan(0, name="y")
        rt.go(a(rt, x))
        rt.go(b(rt, x, y))
        rt.go(c(rt, y))

    rt = run(main)
    assert got == [("from B", True)]
    assert rt.stranded == 0 and not rt.goroutines


def test_select_with_one_live_channel_is_not_stranded():
    async def chooser(rt, dead, live):
        await select(rt, Recv(dead), Recv(live))

    async def holder(rt, live):
        await rt.sleep(40)

    async def main(rt):
        dead = rt.make_chan(0, name="dead")
        live = rt.make_chan(1, name="live")
        rt.go(chooser(rt, dead, live), role="chooser")
        rt.go(holder(rt, live), role="holder")

    rt = Runtime()
    rt.go(main(rt), role="main")
    rt.run(until=39)
    assert rt.stranded == 0
    rt.run()
    assert stranded_events(rt) == [(40, gid_of(rt, "chooser"))]


def test_select_completed_through_its_live_channel_is_never_stranded():
    got = []

    async def chooser(rt, dead, live):
        got.append(await select(rt, Recv(dead), Send(live, "v")))

    async def taker(rt, live):
        await rt.sleep(40)
        await live.recv()

    async def main(rt):
        dead = rt.make_chan(0, name="dead")
        live = rt.make_chan(0, name="live")
        rt.go(chooser(rt, dead, live))
        rt.go(taker(rt, live))

    rt = run(main)
    assert got == [(1, None, True)]
    assert rt.stranded == 0


@pytest.mark.parametrize("op", ["nil send", "nil recv", "select {}", "select of nil cases"])
def test_blocking_forever_is_stranded_immediately(op):
    async def stuck(rt):
        if op == "nil send":
            await chan.send(rt, None, 1)
        elif op == "nil recv":
            await chan.recv(rt, None)
        elif op == "select {}":
            await select(rt)
        else:
            await select(rt, Recv(None), Send(None, 1))

    async def main(rt):
        rt.go(stuck(rt), role="stuck")
        await rt.sleep(1000)  # the program is far from over

    rt = Runtime()
    rt.go(main(rt), role="main")
    rt.run(until=1)
    assert stranded_events(rt) == [(0, gid_of(rt, "stuck"))]
    rt.run()
    assert rt.stranded == 1


# -- channels that travel as values are still reachable --
#
# The runtime docstring promises Go's meaning (rule 21: "blocked on channels
# that no runnable goroutine can reach"). A goroutine that holds a channel as
# a value it received, or deep inside an argument, can reach it.

def _assert_stranded_only_if_never_resumed(rt):
    assert not resumed_after_stranding(rt), (
        "a goroutine flagged stranded was resumed later: "
        f"{stranded_events(rt)} / {[e for e in rt.trace.events if e[1] == 'unpark']}")


def test_channel_received_over_a_channel_keeps_its_waiter_alive():
    got = []

    async def waiter(rt, z):
        got.append(await z.recv())

    async def courier(rt, ch):
        z, _ = await ch.recv()  # now holds z, as a Go goroutine's stack would
        await rt.sleep(100)
        await z.send("hello")

    async def main(rt):
        z = rt.make_chan(0, name="z")
        ch = rt.make_chan(1, name="ch")
        rt.go(waiter(rt, z))
        rt.go(courier(rt, ch))
        await ch.send(z)

    rt = run(main)
    assert got == [("hello", True)]
    _assert_stranded_only_if_never_resumed(rt)
    assert rt.stranded == 0


def test_channel_waiting_in_a_buffer_keeps_its_waiter_alive():
    got = []

    async def waiter(rt, z):
        got.append(await z.recv())

    async def courier(rt, ch):
        await rt.sleep(100)
        z, _ = await ch.recv()
        await z.send("x")

    async def main(rt):
        z = rt.make_chan(0, name="z")
        ch = rt.make_chan(1, name="ch")
        await ch.send(z)  # z sits in ch's buffer
        rt.go(waiter(rt, z))
        rt.go(courier(rt, ch))

    rt = run(main)
    assert got == [("x", True)]
    _assert_stranded_only_if_never_resumed(rt)
    assert rt.stranded == 0


def test_channel_nested_deep_in_an_argument_keeps_its_waiter_alive():
    got = []

    async def waiter(rt, z):
        got.append(await z.recv())

    async def sender(rt, box):
        await rt.sleep(100)
        await box["pipes"][0][0].send("hi")

    async def main(rt):
        z = rt.make_chan(0, name="z")
        rt.go(waiter(rt, z))
        rt.go(sender(rt, {"pipes": [[z]]}))

    rt = run(main)
    assert got == [("hi", True)]
    _assert_stranded_only_if_never_resumed(rt)
    assert rt.stranded == 0


def test_channel_handed_straight_to_a_parked_receiver_keeps_its_waiter_alive():
    got = []

    async def waiter(rt, z):
        got.append(await z.recv())

    async def courier(rt, ch):
        z, _ = await ch.recv()  # parked here when main sends: a direct hand-off
        await rt.sleep(100)
        await z.send("direct")

    async def main(rt):
        z = rt.make_chan(0, name="z")
        ch = rt.make_chan(0, name="ch")
        rt.go(waiter(rt, z))
        rt.go(courier(rt, ch))
        await rt.sleep(1)
        await ch.send(z)

    rt = run(main)
    assert got == [("direct", True)]
    _assert_stranded_only_if_never_resumed(rt)
    assert rt.stranded == 0


def test_channel_left_in_an_unreachable_buffer_strands_its_waiter():
    async def waiter(rt, z):
        await z.recv()

    async def main(rt):
        z = rt.make_chan(0, name="z")
        ch = rt.make_chan(1, name="ch")
        rt.go(waiter(rt, z), role="waiter")
        await ch.send(z)  # z is only in ch's buffer, and nobody will read ch
        await rt.sleep(10)

    rt = run(main)
    assert stranded_events(rt) == [(10, gid_of(rt, "waiter"))]
    assert_no_parked_left_unflagged(rt)


def test_closure_captured_channel_keeps_its_waiter_alive():
    got = []

    async def main(rt):
        z = rt.make_chan(0, name="z")

        async def sender():
            await rt.sleep(50)
            await z.send(1)

        async def receiver():
            got.append(await z.recv())

        rt.go(receiver())
        rt.go(sender())

    rt = run(main)
    assert got == [(1, True)]
    _assert_stranded_only_if_never_resumed(rt)
    assert rt.stranded == 0


# -- at the end of any run, no parked goroutine is left unflagged --

@pytest.mark.parametrize("cfg", [
    scenario.Config(checks=10, fail=(0,)),
    scenario.Config(checks=10, fail=(1, 9), capacity_done=2),
    scenario.Config(checks=7, requests=40, fail_prob=0.3, bad_ip_share=0.3, seed=3),
    scenario.Config(checks=7, requests=60, concurrent=True, rate=3000, arrival="poisson",
                    fail_prob=0.3, bad_ip_share=0.3, jitter=0.5, seed=4),
    scenario.Config(variant="drain", checks=7, requests=40, concurrent=True, rate=3000, seed=5),
    scenario.Config(variant="ctx", checks=5, requests=40, concurrent=True, rate=3000, seed=6),
], ids=["seed-fail0", "seed-fail19", "seed-drawn", "seed-concurrent", "drain", "ctx"])
def test_every_goroutine_parked_at_idle_is_stranded(cfg):
    rt = report.simulate(cfg)
    assert_no_parked_left_unflagged(rt)
    assert len(rt.goroutines) == rt.stranded
    _assert_stranded_only_if_never_resumed(rt)
    # each goroutine is stranded at most once
    gids = [g for _, g in stranded_events(rt)]
    assert len(gids) == len(set(gids))


def test_a_mixed_program_leaves_nothing_parked_unflagged():
    async def ping(rt, a, b, n):
        for _ in range(n):
            await a.send(1)
            await b.recv()

    async def pong(rt, a, b, n):
        for _ in range(n):
            await a.recv()
            await rt.sleep(2)
            await b.send(1)

    async def main(rt):
        for n, m in ((3, 3), (4, 2), (2, 5)):
            a, b = rt.make_chan(0), rt.make_chan(1)
            rt.go(ping(rt, a, b, n))
            rt.go(pong(rt, a, b, m))
        rt.go(forever(rt))

    async def forever(rt):
        await select(rt)

    rt = run(main)
    assert rt.stranded == 3  # (4, 2): ping stuck on a; (2, 5): pong stuck on a; select {}
    assert_no_parked_left_unflagged(rt)
    _assert_stranded_only_if_never_resumed(rt)
