"""Numbers in words and digits, hedges and ranges."""

from __future__ import annotations

import pytest

from reconcile.model import Hedge
from reconcile.numbers import bounds, find_quantities, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("twelve", 12),
        ("12", 12),
        ("1,200", 1200),
        ("twenty-five", 25),
        ("one hundred and five", 105),
        ("2.5 million", 2_500_000),
        ("a dozen", 12),
        ("banana", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("met for about two hours", [(2, 2, Hedge.APPROXIMATE)]),
        ("more than 30 people", [(30, 30, Hedge.AT_LEAST)]),
        ("up to 35 meters", [(35, 35, Hedge.AT_MOST)]),
        ("about 30 to 40m deep", [(30, 40, Hedge.APPROXIMATE)]),
        ("a two-hour meeting", [(2, 2, Hedge.EXACT)]),
        # A figure and the figure it became: two figures, not a range.
        ("the toll rose from 84 to 202", [(84, 84, Hedge.EXACT), (202, 202, Hedge.EXACT)]),
        ("it was cut from 359 to 253", [(359, 359, Hedge.EXACT), (253, 253, Hedge.EXACT)]),
        # ... unless a verb of spread makes it one range of values.
        ("fares ranging from 12 to 40 euros", [(12, 40, Hedge.EXACT)]),
        ("a $2B fine", [(2, 2, Hedge.EXACT)]),
        ("from Gate 2B", []),
        ("won 6-2, 6-4", []),
        ("flight JT-610 left at 6:20", []),
        ("a very nice day", []),
    ],
)
def test_find_quantities(text: str, found: list[tuple[float, float, Hedge]]) -> None:
    assert [(q.low, q.high, q.hedge) for q in find_quantities(text)] == found


def test_hedges_widen_bounds() -> None:
    assert bounds(150, 150, Hedge.APPROXIMATE) == pytest.approx((135, 165))
    assert bounds(150, 150, Hedge.NEARLY) == pytest.approx((135, 150))
    assert bounds(30, 30, Hedge.AT_LEAST)[1] == float("inf")
    assert bounds(31, 31, Hedge.EXACT) == (31, 31)
