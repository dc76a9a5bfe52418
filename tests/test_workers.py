"""Work split across forked worker processes gives what one process gives, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, SEEDS, run_cli

from reconcile import align, compare
from reconcile.workers import can_fork, forked_each, forked_map

needs_fork = pytest.mark.skipif(not can_fork(), reason="this platform cannot fork workers")


def _squares(shared: list[int], start: int, stop: int) -> list[int]:
    return [shared[i] ** 2 for i in range(start, stop)]


@needs_fork
@pytest.mark.parametrize("count", [0, 1, 2, 7, 100])
def test_forked_map_keeps_the_order_of_one_process(count: int) -> None:
    numbers = list(range(count))
    assert forked_map(_squares, numbers, count, jobs=2) == _squares(numbers, 0, count)


def _square(shared: list[int], k: int) -> int:
    return shared[k] ** 2


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("count", [0, 1, 2, 9])
def test_forked_each_gives_every_item_its_own_result(jobs: int, count: int) -> None:
    if jobs > 1 and not can_fork():
        pytest.skip("this platform cannot fork workers")
    numbers = list(range(10, 10 + count))
    order = sorted(range(count), reverse=True)  # handed out in the order given
    done = list(forked_each(_square, numbers, order, jobs))
    assert sorted(k for k, _ in done) == list(range(count))
    assert all(result == numbers[k] ** 2 for k, result in done)
    if jobs == 1:
        assert [k for k, _ in done] == order


@needs_fork
@pytest.mark.parametrize(
    "story", [SEEDS, CORPUS / "sri-lanka-easter-bombings-2019-04"], ids=lambda p: p.name
)
def test_two_workers_report_what_one_process_reports(
    story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every stage that can use workers uses them here (small stories normally would not)."""
    alone = run_cli(str(story), "--format", "json", "--jobs", "1")
    monkeypatch.setattr(align, "PARALLEL_MIN_PAIRS", 0)
    monkeypatch.setattr(compare, "PARALLEL_MIN_VALUES", 0)
    calls: list[int] = []
    real = forked_map

    def counted(work, shared, count, jobs):  # type: ignore[no-untyped-def]
        calls.append(jobs)
        return real(work, shared, count, jobs)

    monkeypatch.setattr(align, "forked_map", counted)
    monkeypatch.setattr(compare, "forked_map", counted)
    together = run_cli(str(story), "--format", "json", "--jobs", "2")
    assert together.exit_code == alone.exit_code == 0
    assert calls == [2, 2]  # alignment and value judging both forked
    assert together.stdout == alone.stdout
