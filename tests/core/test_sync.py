"""core/sync.py: Go's Mutex, RWMutex, WaitGroup and Cond on the runtime, and their stranded goroutines."""

from __future__ import annotations

import pytest

from visualizer.core.errors import GoPanic
from visualizer.core.runtime import FINISHED, PARKED, Runtime
from visualizer.core.sync import Cond, FatalError, Mutex, RWMutex, WaitGroup


def test_mutex_serialises_and_wakes_in_order():
    rt = Runtime()
    m = Mutex(rt)
    log = []

    async def worker(k):
        await m.lock()
        log.append(("in", k))
        await rt.sleep(10)
        log.append(("out", k))
        m.unlock()

    for k in range(3):
        rt.go(worker(k))
    rt.run()
    assert log == [("in", 0), ("out", 0), ("in", 1), ("out", 1), ("in", 2), ("out", 2)]
    assert rt.stranded == 0 and not m.locked


def test_double_lock_strands_and_parks_with_gos_reason():
    rt = Runtime()

    async def twice():
        m = Mutex(rt)
        await m.lock()
        await m.lock()

    g = rt.go(twice())
    rt.run()
    assert g.state == PARKED and g.op == "sync.Mutex.Lock"
    assert g.stranded and rt.stranded == 1


def test_abba_strands_both():
    rt = Runtime()
    a, b = Mutex(rt), Mutex(rt)

    async def take(x, y):
        await x.lock()
        await rt.sleep(1)
        await y.lock()

    g1 = rt.go(take(a, b))
    g2 = rt.go(take(b, a))
    rt.run()
    assert g1.stranded and g2.stranded and rt.stranded == 2


def test_held_by_a_live_goroutine_is_not_stranded():
    rt = Runtime()
    m = Mutex(rt)

    async def holder():
        await m.lock()
        await rt.sleep(1_000)
        m.unlock()

    async def waiter():
        await m.lock()

    rt.go(holder())
    w = rt.go(waiter())
    rt.run(until=500)
    assert w.state == PARKED and not w.stranded
    rt.run()
    assert w.state == FINISHED


def test_unlock_of_unlocked_mutex_is_fatal():
    with pytest.raises(FatalError):
        Mutex(Runtime()).unlock()


def test_rwmutex_writer_waits_for_readers_and_blocks_new_readers():
    rt = Runtime()
    rw = RWMutex(rt)
    log = []

    async def reader(k, hold):
        await rw.rlock()
        log.append(("r", k))
        await rt.sleep(hold)
        rw.runlock()

    async def writer():
        await rw.lock()
        log.append(("w",))
        await rt.sleep(5)
        rw.unlock()

    rt.go(reader(1, 10))
    rt.go(writer())
    rt.go(reader(2, 1))  # arrives after the writer announced itself: waits for it
    rt.run()
    assert log == [("r", 1), ("w",), ("r", 2)]


def test_rwmutex_forgotten_runlock_strands_the_writer():
    rt = Runtime()

    async def main():
        rw = RWMutex(rt)
        await rw.rlock()

        async def writer():
            await rw.lock()
        rt.go(writer())

    rt.go(main())
    rt.run()
    parked = [g for g in rt.goroutines.values() if g.state == PARKED]
    assert [g.op for g in parked] == ["sync.RWMutex.Lock"] and parked[0].stranded


def test_waitgroup():
    rt = Runtime()
    wg = WaitGroup(rt)
    log = []

    async def work(k):
        await rt.sleep(k)
        log.append(k)
        wg.done()

    async def main():
        for k in (3, 1, 2):
            wg.add(1)
            rt.go(work(k))
        await wg.wait()
        log.append("waited")

    rt.go(main())
    rt.run()
    assert log == [1, 2, 3, "waited"]
    with pytest.raises(GoPanic, match="negative WaitGroup counter"):
        WaitGroup(rt).add(-1)


def test_waitgroup_short_one_done_strands_the_waiter():
    rt = Runtime()

    async def main():
        wg = WaitGroup(rt)
        wg.add(2)
        wg.done()
        await wg.wait()

    g = rt.go(main())
    rt.run()
    assert g.op == "sync.WaitGroup.Wait" and g.stranded


def test_cond_signal_and_broadcast():
    rt = Runtime()
    m = Mutex(rt)
    c = Cond(rt, m)
    ready = []
    woke = []

    async def waiter(k):
        await m.lock()
        while not ready:
            await c.wait()
        woke.append(k)
        m.unlock()

    async def main():
        for k in range(3):
            rt.go(waiter(k))
        await rt.sleep(1)
        await m.lock()
        ready.append(True)
        c.signal()
        m.unlock()
        await rt.sleep(1)
        c.broadcast()

    rt.go(main())
    rt.run()
    assert woke == [0, 1, 2] and rt.stranded == 0


def test_cond_without_signal_strands():
    rt = Runtime()

    async def main():
        m = Mutex(rt)
        c = Cond(rt, m)
        await m.lock()
        await c.wait()

    g = rt.go(main())
    rt.run()
    assert g.op == "sync.Cond.Wait" and g.stranded
