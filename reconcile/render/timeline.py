"""A small inline SVG chart of a running figure: its values by publication date and source.

Used by the HTML report for every updated figure ("84 dead" on the 18th, "202"
on the 19th).  Numbers are placed on a linear scale, a hedged value ("about
150", "between 30 and 40") as a bar over its range; values that are not
numbers (a day, a place) are placed one row per distinct value.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 440, 170
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 26, 40
MAX_DATE_LABELS = 6
SAME_DAY_GAP = 34


@dataclass(frozen=True, slots=True)
class Point:
    """One source's value of the figure."""

    date: dt.date | None
    source: str
    value: str
    """As written ("about 150 personnel")."""
    low: float | None = None
    high: float | None = None
    """Numeric range after hedging, when the value is a number."""


def timeline_svg(points: Sequence[Point], *, title: str) -> str:
    """An ``<svg class="timeline">`` element; dated points only (the caption counts the rest)."""
    dated = sorted((p for p in points if p.date is not None), key=lambda p: (p.date, p.source))
    undated = len(points) - len(dated)
    plot_bottom = HEIGHT - BOTTOM
    parts = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}"'
        f' width="{WIDTH}" height="{HEIGHT}" role="img">',
        f"<title>{escape(title)}</title>",
        f'<line class="axis" x1="{LEFT}" y1="{plot_bottom}" x2="{WIDTH - RIGHT}"'
        f' y2="{plot_bottom}"/>',
    ]
    if dated:
        xs = _x_positions([p.date for p in dated if p.date is not None])
        scale = _Scale.of(dated)
        ys = [scale.y(p) for p in dated]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
        parts.append(f'<polyline class="trend" points="{path}"/>')
        for y, label in scale.ticks():
            parts.append(
                f'<text class="tick" x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end">'
                f"{escape(label)}</text>"
            )
        for n, (point, x, y) in enumerate(zip(dated, xs, ys, strict=True)):
            # Points of one day stand side by side; their labels alternate above and below.
            parts += _mark(point, x, y, scale, below=_below(dated, n))
        parts += _date_labels(dated, xs)
    if undated:
        parts.append(
            f'<text class="note" x="{WIDTH - RIGHT}" y="{HEIGHT - 6}" text-anchor="end">'
            f"{undated} undated, not shown</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _x_positions(dates: Sequence[dt.date]) -> list[float]:
    """Across the plot by date; points of one day spread ``SAME_DAY_GAP`` apart."""
    first, last = dates[0], dates[-1]
    span = (last - first).days
    left, inner = LEFT + 30, WIDTH - LEFT - RIGHT - 60
    centres = [left + (inner * (d - first).days / span if span else inner / 2) for d in dates]
    count = {d: dates.count(d) for d in dates}
    seen: dict[dt.date, int] = {}
    xs = []
    for date, centre in zip(dates, centres, strict=True):
        n = seen[date] = seen.get(date, -1) + 1
        xs.append(centre + (n - (count[date] - 1) / 2) * SAME_DAY_GAP)
    return xs


def _below(points: Sequence[Point], n: int) -> bool:
    """Whether the label of point ``n`` goes below it (alternating within one day)."""
    run = 0
    while n - run > 0 and points[n - run - 1].date == points[n].date:
        run += 1
    return run % 2 == 1


_PLOT_TOP, _PLOT_BOTTOM = TOP + 14, HEIGHT - BOTTOM - 12


@dataclass(frozen=True, slots=True)
class _Scale:
    """Heights for values: linear between the least and most number, else one row per value."""

    least: float = 0.0
    most: float = 0.0
    rows: tuple[str, ...] = ()
    """Distinct non-numeric values, bottom row first; empty for a numeric scale."""

    @classmethod
    def of(cls, points: Sequence[Point]) -> _Scale:
        if not all(p.low is not None and math.isfinite(p.low) for p in points):
            return cls(rows=tuple(dict.fromkeys(p.value.casefold() for p in points)))
        ends = [v for p in points for v in (p.low, p.high) if v is not None and math.isfinite(v)]
        return cls(least=min(ends), most=max(ends))

    def height(self, value: float) -> float:
        if self.most == self.least:
            return (_PLOT_TOP + _PLOT_BOTTOM) / 2
        share = (value - self.least) / (self.most - self.least)
        return _PLOT_BOTTOM - (_PLOT_BOTTOM - _PLOT_TOP) * share

    def y(self, point: Point) -> float:
        if self.rows:
            step = (_PLOT_BOTTOM - _PLOT_TOP) / max(1, len(self.rows) - 1)
            return _PLOT_BOTTOM - step * self.rows.index(point.value.casefold())
        return self.height(_centre(point))

    def ticks(self) -> list[tuple[float, str]]:
        if self.rows:
            return []
        if self.most == self.least:
            return [(self.height(self.least), _number(self.least))]
        return [(self.height(v), _number(v)) for v in (self.least, self.most)]


def _centre(point: Point) -> float:
    assert point.low is not None
    if point.high is None or not math.isfinite(point.high):
        return point.low
    return (point.low + point.high) / 2


def _mark(point: Point, x: float, y: float, scale: _Scale, *, below: bool) -> list[str]:
    tip = f"{point.source}: {point.value}" + (f" ({point.date.isoformat()})" if point.date else "")
    parts = ['<g class="point">', f"<title>{escape(tip)}</title>"]
    low, high = point.low, point.high
    if (
        not scale.rows
        and low is not None
        and high is not None
        and math.isfinite(high)
        and high > low
    ):
        parts.append(
            f'<line class="range" x1="{x:.1f}" y1="{scale.height(high):.1f}" x2="{x:.1f}"'
            f' y2="{scale.height(low):.1f}"/>'
        )
    parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5"/>')
    parts.append(
        f'<text class="value" x="{x:.1f}" y="{y + 20 if below else y - 10:.1f}"'
        ' text-anchor="middle">'
        f"{escape(_short(point.value))}</text>"
    )
    parts.append("</g>")
    return parts


def _date_labels(points: Sequence[Point], xs: Sequence[float]) -> list[str]:
    """Each date once, under the middle of its points; first and last only when crowded."""
    spots: dict[str, list[float]] = {}
    for point, x in zip(points, xs, strict=True):
        assert point.date is not None
        spots.setdefault(point.date.isoformat(), []).append(x)
    labels = [(day, sum(x) / len(x)) for day, x in spots.items()]
    if len(labels) > MAX_DATE_LABELS:
        labels = [labels[0], labels[-1]]
    y = HEIGHT - BOTTOM + 16
    return [
        f'<text class="date" x="{x:.1f}" y="{y}" text-anchor="middle">{escape(day)}</text>'
        for day, x in labels
    ]


def _number(value: float) -> str:
    """A tick label: thousands grouped, no needless decimals.

    >>> _number(1500.0), _number(2.5), _number(84.0)
    ('1,500', '2.5', '84')
    """
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:g}"


def _short(text: str, most: int = 24) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"
