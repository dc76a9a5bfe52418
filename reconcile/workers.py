"""Worker processes that stop cleanly with their parent (extraction, value judging, stories)."""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.pool
import signal
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}

Shared = TypeVar("Shared")
Result = TypeVar("Result")


@contextmanager
def worker_pool(jobs: int, *, fork: bool = False) -> Iterator[multiprocessing.pool.Pool]:
    """Workers that leave Ctrl-C and SIGTERM to the parent, which stops them at once.

    Ctrl-C reaches every process of the terminal's group; a worker acting on it would
    print a traceback, and a parent waiting for busy workers would hang.  The signals
    are held while the workers start, so none arrives before a worker has set itself to
    ignore Ctrl-C; held ones reach the parent right after.  Leaving the block (an
    interrupt included) terminates the workers.

    ``fork``: the workers are forked copies of this process, so they see the data it
    holds without receiving it pickled (callers check ``can_fork()`` first).
    """
    try:
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    except (AttributeError, ValueError):  # no signal masks on this platform
        held = None
    try:
        context = multiprocessing.get_context("fork" if fork else None)
        pool = context.Pool(processes=jobs, initializer=_quiet_worker, initargs=(held,))
        with pool:
            if held is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, held)
                held = None
            yield pool
    finally:
        if held is not None:  # the pool failed to start
            signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _quiet_worker(mask: set[signal.Signals] | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the workers
    # The parent may have made SIGTERM raise; a worker told to stop just stops.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if mask is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def can_fork() -> bool:
    """Whether this platform can fork workers (not Windows; macOS can but defaults not to)."""
    return "fork" in multiprocessing.get_all_start_methods()


# What forked workers run: (work, shared), set just before the fork so the workers inherit
# it instead of receiving it pickled.
_FORKED: tuple[Callable[..., Any], Any] | None = None


def forked_map(
    work: Callable[[Shared, int, int], list[Result]], shared: Shared, count: int, jobs: int
) -> list[Result]:
    """``work(shared, start, stop)`` over slices of ``range(count)``, results in order.

    In ``jobs`` forked workers when there is more than one and the platform can fork:
    they see ``shared`` (claims, pairs, settings) as this process holds it, and only the
    results, which should be small, travel back.  Otherwise in this process.
    """
    global _FORKED
    if jobs <= 1 or count < 2 or not can_fork():
        return work(shared, 0, count)
    size = -(-count // (jobs * 4))  # a few slices a worker, so one slow slice waits less
    slices = [(start, min(start + size, count)) for start in range(0, count, size)]
    _FORKED = (work, shared)
    # Objects alive now are left out of the workers' garbage collections: a collection
    # would touch every one of them and so copy, page by page, all the memory they share.
    gc.freeze()
    try:
        with worker_pool(jobs, fork=True) as pool:
            parts = pool.map(_forked_slice, slices, chunksize=1)
    finally:
        _FORKED = None
        gc.unfreeze()
    return [result for part in parts for result in part]


def _forked_slice(bounds: tuple[int, int]) -> list[Any]:
    assert _FORKED is not None, "set by forked_map before the fork"
    work, shared = _FORKED
    return work(shared, *bounds)


def forked_each(
    work: Callable[[Shared, int], Result], shared: Shared, items: Iterable[int], jobs: int
) -> Iterator[tuple[int, Result]]:
    """``(k, work(shared, k))`` for each ``k`` of ``items``, as each is done.

    Like ``forked_map`` but one item at a time, handed out in the order given (largest
    first, say, so that no worker is left with a long item at the end); the results come
    back in the order they finish, each with its item.  In this process, in order, when
    ``jobs`` is one or the platform cannot fork.
    """
    global _FORKED
    items = list(items)
    if jobs <= 1 or len(items) < 2 or not can_fork():
        for k in items:
            yield k, work(shared, k)
        return
    _FORKED = (work, shared)
    gc.freeze()  # see forked_map
    try:
        with worker_pool(jobs, fork=True) as pool:
            yield from pool.imap_unordered(_forked_item, items, chunksize=1)
    finally:
        _FORKED = None
        gc.unfreeze()


def _forked_item(k: int) -> tuple[int, Any]:
    assert _FORKED is not None, "set by forked_each before the fork"
    work, shared = _FORKED
    return k, work(shared, k)
