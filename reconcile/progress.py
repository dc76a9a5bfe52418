"""A progress bar on standard error for runs long enough to wonder about.

Shown only when standard error is a terminal, and only once a run has taken
``DELAY`` seconds: a quick run prints nothing extra, and a piped or logged run
never gets control characters.  The bar is transient; it leaves no line behind.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from reconcile.pipeline import Progress

DELAY = 2.0
"""Seconds before the bar appears."""


class _Bar:
    def __init__(self, delay: float, console: Any) -> None:
        self.started = time.monotonic()
        self.delay = delay
        self.console = console
        self.progress: Any = None
        self.task: Any = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.progress is None:
            if time.monotonic() - self.started < self.delay:
                return
            self._start()
        self.progress.update(self.task, description=stage, completed=done, total=total or None)

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=self.console or Console(stderr=True),
            transient=True,
        )
        self.progress.start()
        self.task = self.progress.add_task("", total=None)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@contextmanager
def progress_on_stderr(
    *, enabled: bool, delay: float = DELAY, console: Any = None
) -> Iterator[Progress | None]:
    """A ``progress`` hook for ``reconcile.run``, or None when not ``enabled``.

    ``console`` (a ``rich.console.Console``) replaces standard error, for tests.
    """
    if not enabled:
        yield None
        return
    bar = _Bar(delay, console)
    try:
        yield bar
    finally:
        bar.close()
