"""The bench's memory measure: a worker's memory counts, a page shared with it counts once."""

import multiprocessing
import os
import time

import pytest

from bench.memory import PeakPss

MIB = 1 << 20


def _hold(
    size: int, ready: "multiprocessing.synchronize.Event", done: "multiprocessing.synchronize.Event"
) -> None:
    block = bytearray(os.urandom(1)) * size  # pages of its own, written
    ready.set()
    done.wait(5)
    del block


@pytest.mark.skipif(not PeakPss().available, reason="no /proc/PID/smaps_rollup here")
def test_a_workers_own_memory_is_counted() -> None:
    context = multiprocessing.get_context("fork")
    ready, done = context.Event(), context.Event()
    with PeakPss(every=0.02) as before:
        pass
    with PeakPss(every=0.02) as peak:
        worker = context.Process(target=_hold, args=(96 * MIB, ready, done))
        worker.start()
        assert ready.wait(10)
        time.sleep(0.2)  # sampled several times while the worker holds its block
        done.set()
        worker.join()
    assert peak.mib is not None and before.mib is not None
    assert peak.mib - before.mib >= 80


@pytest.mark.skipif(not PeakPss().available, reason="no /proc/PID/smaps_rollup here")
def test_pages_a_forked_worker_shares_are_counted_once() -> None:
    """Upper bounds add a forked worker's whole resident set; the measure here does not."""
    inherited = bytearray(os.urandom(1)) * (128 * MIB)  # written before the fork: shared
    context = multiprocessing.get_context("fork")
    ready, done = context.Event(), context.Event()
    with PeakPss(every=0.02) as alone:
        pass
    with PeakPss(every=0.02) as peak:
        worker = context.Process(target=_hold, args=(1, ready, done))
        worker.start()
        assert ready.wait(10)
        time.sleep(0.2)
        done.set()
        worker.join()
    assert alone.mib is not None and peak.mib is not None
    assert peak.mib - alone.mib < 64  # not another 128 MiB for the worker's copy
    del inherited
