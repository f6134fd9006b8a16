"""One test per rule of shared/semantics.md (numbers in the names)."""

import pytest

from visualizer.core import channel as chan
from visualizer.core.channel import Recv, Send, select
from visualizer.core.errors import (
    CloseOfClosedChannel,
    CloseOfNilChannel,
    GoPanic,
    MakeChanSizeOutOfRange,
    SendOnClosedChannel,
)
from visualizer.core.runtime import PARKED, Runtime

from .helpers import run


def test_01_make_negative_capacity_panics():
    rt = Runtime()
    with pytest.raises(MakeChanSizeOutOfRange, match="^makechan: size out of range$"):
        rt.make_chan(-1)


def test_01_make_negative_inside_goroutine_is_a_program_panic():
    async def main(rt):
        rt.make_chan(-3)

    rt = run(main)
    assert rt.panic == (1, "makechan: size out of range")


def test_02_unbuffered_send_waits_for_a_receiver():
    log = []

    async def sender(rt, ch):
        log.append(("send start", rt.now))
        await ch.send("v")
        log.append(("send done", rt.now))

    async def main(rt):
        ch = rt.make_chan(0)
        rt.go(sender(rt, ch))
        await rt.sleep(10)
        log.append(("recv", rt.now))
        v, ok = await ch.recv()
        log.append(("got", v, ok))

    run(main)
    assert log == [("send start", 0), ("recv", 10), ("got", "v", True), ("send done", 10)]


def test_03_len_and_cap_including_nil():
    async def main(rt):
        ch = rt.make_chan(3)
        await ch.send(1)
        await ch.send(2)
        assert (chan.len_(ch), chan.cap(ch)) == (2, 3)
        assert (chan.len_(None), chan.cap(None)) == (0, 0)
        assert len(rt.make_chan(0)) == 0

    rt = run(main)
    assert rt.panic is None


@pytest.mark.parametrize("op", ["send", "recv"])
def test_04_09_nil_channel_blocks_forever(op):
    async def main(rt):
        if op == "send":
            await chan.send(rt, None, 1)
        else:
            await chan.recv(rt, None)
        raise AssertionError("unreachable")

    rt = run(main)
    assert rt.panic is None
    g = next(iter(rt.goroutines.values()))
    assert g.state == PARKED and g.stranded


def test_05_send_on_closed_panics():
    async def main(rt):
        ch = rt.make_chan(1)
        ch.close()
        await ch.send(1)

    rt = run(main)
    assert rt.panic == (1, "send on closed channel")


def test_06_send_goes_to_oldest_waiting_receiver_bypassing_buffer():
    got = []

    async def receiver(rt, ch, name):
        v, _ = await ch.recv()
        got.append((name, v))

    async def main(rt):
        ch = rt.make_chan(5)
        rt.go(receiver(rt, ch, "first"))
        rt.go(receiver(rt, ch, "second"))
        await rt.sleep(1)  # both receivers park, in spawn order
        await ch.send("a")
        assert len(ch) == 0  # handed over, not buffered
        await ch.send("b")
        await rt.sleep(1)

    run(main)
    assert got == [("first", "a"), ("second", "b")]


def test_07_buffered_send_does_not_block_until_full():
    async def main(rt):
        ch = rt.make_chan(2)
        await ch.send(1)
        await ch.send(2)
        assert len(ch) == 2 and rt.now == 0

    rt = run(main)
    assert rt.panic is None


def test_08_full_channel_parks_sender_in_fifo_queue():
    order = []

    async def sender(rt, ch, v):
        await ch.send(v)
        order.append(v)

    async def main(rt):
        ch = rt.make_chan(1)
        await ch.send(0)
        for v in (1, 2, 3):
            rt.go(sender(rt, ch, v))
        await rt.sleep(1)
        assert ch.stats().senders_waiting == 3
        got = [(await ch.recv())[0] for _ in range(4)]
        assert got == [0, 1, 2, 3]

    rt = run(main)
    assert rt.panic is None
    assert order == [1, 2, 3]


def test_08_parked_sender_panics_when_channel_closed():
    async def sender(rt, ch):
        await ch.send(1)

    async def main(rt):
        ch = rt.make_chan(0)
        rt.go(sender(rt, ch))
        await rt.sleep(1)
        ch.close()
        await rt.sleep(1)

    rt = run(main)
    assert rt.panic == (2, "send on closed channel")


def test_10_unbuffered_receive_takes_oldest_sender():
    async def sender(rt, ch, v):
        await ch.send(v)

    async def main(rt):
        ch = rt.make_chan(0)
        for v in "xyz":
            rt.go(sender(rt, ch, v))
        await rt.sleep(1)
        assert [(await ch.recv())[0] for _ in range(3)] == ["x", "y", "z"]

    assert run(main).panic is None


def test_10_buffered_receive_with_waiting_sender_moves_its_value_to_the_tail():
    done = []

    async def sender(rt, ch):
        await ch.send("late")
        done.append(rt.now)

    async def main(rt):
        ch = rt.make_chan(2)
        await ch.send("a")
        await ch.send("b")
        rt.go(sender(rt, ch))
        await rt.sleep(5)
        v, ok = await ch.recv()
        assert (v, ok) == ("a", True)
        assert list(ch.buf) == ["b", "late"] and ch.stats().senders_waiting == 0
        await rt.sleep(1)

    assert run(main).panic is None
    assert done == [5]


def test_11_receive_takes_buffer_head():
    async def main(rt):
        ch = rt.make_chan(3)
        for v in (1, 2, 3):
            await ch.send(v)
        assert [(await ch.recv())[0] for _ in range(3)] == [1, 2, 3]

    assert run(main).panic is None


def test_12_closed_channel_drains_then_gives_zero_false():
    async def main(rt):
        ch = rt.make_chan(2, zero=0)
        await ch.send(7)
        await ch.send(8)
        ch.close()
        assert await ch.recv() == (7, True)
        assert await ch.recv() == (8, True)
        assert await ch.recv() == (0, False)
        assert await ch.recv() == (0, False)

    assert run(main).panic is None


def test_13_receiver_parks_until_a_sender_comes():
    async def main(rt):
        ch = rt.make_chan(0)

        async def later(rt, ch):
            await rt.sleep(30)
            await ch.send("hi")

        rt.go(later(rt, ch))
        assert await ch.recv() == ("hi", True)
        assert rt.now == 30

    assert run(main).panic is None


def test_14_close_nil_and_close_closed_panic():
    with pytest.raises(CloseOfNilChannel, match="^close of nil channel$"):
        chan.close(None)

    async def main(rt):
        ch = rt.make_chan(0)
        ch.close()
        chan.close(ch)

    rt = run(main)
    assert rt.panic == (1, "close of closed channel")
    assert issubclass(CloseOfClosedChannel, GoPanic) and issubclass(SendOnClosedChannel, GoPanic)


def test_15_close_wakes_all_receivers_with_zero_false():
    got = []

    async def receiver(rt, ch):
        got.append(await ch.recv())

    async def main(rt):
        ch = rt.make_chan(0, zero=False)
        for _ in range(3):
            rt.go(receiver(rt, ch))
        await rt.sleep(1)
        ch.close()
        await rt.sleep(1)

    assert run(main).panic is None
    assert got == [(False, False)] * 3


def test_17_select_drops_nil_cases_and_empty_select_blocks_forever():
    async def main(rt):
        ch = rt.make_chan(1)
        await ch.send(5)
        i, v, ok = await select(rt, Recv(None), Send(None, 1), Recv(ch))
        assert (i, v, ok) == (2, 5, True)
        await select(rt)  # select {}

    rt = run(main)
    assert rt.panic is None
    assert rt.stranded == 1


def test_18_select_chooses_ready_cases_uniformly():
    counts = [0, 0, 0]

    async def main(rt):
        chans = [rt.make_chan(1) for _ in range(3)]
        for _ in range(3000):
            for c in chans:
                if not len(c):
                    await c.send(1)
            i, _, _ = await select(rt, *(Recv(c) for c in chans))
            counts[i] += 1

    run(main, seed=7)
    # binomial(3000, 1/3): sd 26; 5 sd either side
    assert all(870 < c < 1130 for c in counts), counts


def test_18_select_default_runs_when_nothing_ready_and_enqueues_nothing():
    async def main(rt):
        ch = rt.make_chan(0)
        assert await select(rt, Recv(ch), Send(ch, 1), default=True) == (-1, None, False)
        assert (ch.stats().senders_waiting, ch.stats().receivers_waiting) == (0, 0)

    assert run(main).panic is None


def test_19_select_parks_on_all_and_first_peer_wins_others_dequeued():
    result = []

    async def chooser(rt, a, b):
        result.append(await select(rt, Recv(a), Recv(b)))

    async def main(rt):
        a, b = rt.make_chan(0), rt.make_chan(0)
        rt.go(chooser(rt, a, b))
        await rt.sleep(1)
        assert a.stats().receivers_waiting == 1 and b.stats().receivers_waiting == 1
        await b.send("B")
        assert a.stats().receivers_waiting == b.stats().receivers_waiting == 0  # removed from a's queue at once
        i, _, _ = await select(rt, Send(a, "A"), default=True)
        assert i == -1  # nobody is waiting on a any more

    assert run(main).panic is None
    assert result == [(1, "B", True)]


def test_20_select_recv_on_closed_is_ready_and_send_on_closed_panics():
    async def main(rt):
        c = rt.make_chan(0, zero="z")
        c.close()
        assert await select(rt, Recv(c)) == (0, "z", False)
        await select(rt, Send(c, 1))

    rt = run(main)
    assert rt.panic == (1, "send on closed channel")


def test_20_select_parked_send_panics_when_closed():
    async def chooser(rt, c):
        await select(rt, Send(c, 1))

    async def main(rt):
        c = rt.make_chan(0)
        rt.go(chooser(rt, c))
        await rt.sleep(1)
        c.close()
        await rt.sleep(1)

    assert run(main).panic == (2, "send on closed channel")


def test_16_invariants_hold_through_a_busy_exchange():
    seen = []

    def check(ch):
        assert not (ch.sendq and ch.recvq)
        assert not (ch.buf and ch.recvq)
        assert len(ch.buf) == ch.cap or not ch.sendq
        assert len(ch.buf) <= ch.cap

    async def producer(rt, ch, base):
        for k in range(50):
            await ch.send(base + k)
            check(ch)
            if k % 7 == 0:
                await rt.sleep(k % 3)

    async def consumer(rt, ch, n):
        for _ in range(n):
            v, ok = await ch.recv()
            check(ch)
            seen.append(v)
            if v % 5 == 0:
                await rt.sleep(1)

    async def main(rt):
        ch = rt.make_chan(3)
        for p in range(4):
            rt.go(producer(rt, ch, p * 1000))
        rt.go(consumer(rt, ch, 200))  # one consumer: its order is the channel's

    assert run(main, seed=3).panic is None
    assert sorted(seen) == sorted(p * 1000 + k for p in range(4) for k in range(50))
    for p in range(4):  # FIFO per producer
        mine = [v for v in seen if v // 1000 == p]
        assert mine == sorted(mine)


def test_foreign_awaitable_is_a_panic_not_a_hang():
    import asyncio

    async def main(rt):
        await asyncio.sleep(0)

    rt = run(main)
    assert rt.panic is not None and "only leakviz primitives" in rt.panic[1]


def test_stats_is_a_frozen_snapshot_of_the_channel():
    import dataclasses

    rt = Runtime()
    ch = rt.make_chan(2, name="jobs")

    async def sender():
        for v in range(3):
            await ch.send(v)

    rt.go(sender())
    rt.run()
    st = ch.stats()
    assert (st.name, st.cap, st.len, st.senders_waiting, st.receivers_waiting, st.closed) == ("jobs", 2, 2, 1, 0, False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        st.len = 0
    rt.shutdown()
