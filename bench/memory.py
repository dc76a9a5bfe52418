"""Peak memory of a run and its worker processes, pages they share counted once.

``ru_maxrss`` gives each process's own peak, and summing the workers' counts every page a
forked worker shares with its parent once per process: an upper bound.  The proportional
set size (Linux's ``Pss``) splits each shared page between the processes mapping it, so
the sum over a process and its descendants is the memory the run holds.  It is sampled
from ``/proc`` while the run goes on; on systems without it the peak is None.
"""

from __future__ import annotations

import os
import threading
from types import TracebackType

SAMPLE_SECONDS = 0.1
"""How often the process tree is sampled: a peak shorter than this may be missed."""


class PeakPss:
    """``with PeakPss() as peak: …``, then ``peak.mib``: the largest total PSS seen."""

    def __init__(self, every: float = SAMPLE_SECONDS) -> None:
        self.every = every
        self.kib = 0
        self.available = os.path.exists(f"/proc/{os.getpid()}/smaps_rollup")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    @property
    def mib(self) -> float | None:
        return self.kib / 1024 if self.available else None

    def __enter__(self) -> PeakPss:
        if self.available:
            self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.available:
            self._stop.set()
            self._thread.join()
            self._take()  # the last moment too

    def _sample(self) -> None:
        while not self._stop.is_set():
            self._take()
            self._stop.wait(self.every)

    def _take(self) -> None:
        self.kib = max(self.kib, sum(_pss_kib(pid) for pid in _tree(os.getpid())))


def _tree(pid: int) -> list[int]:
    """The process and its descendants (``/proc/PID/task/*/children``)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as stream:
                    todo.extend(int(child) for child in stream.read().split())
            except OSError:
                continue
    return found


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as stream:
            for line in stream:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0
