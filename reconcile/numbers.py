"""Numbers as news writes them: digits, number words, hedges and ranges.

``parse_number("twelve") == 12``; ``find_quantities`` finds every number in a
text with its hedge ("about", "more than", "up to"), an optional range
("30 to 40"), and the words that follow it, which the extractor reads as a
unit or a counted noun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reconcile.model import Hedge

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a": 1, "an": 1,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
_DOZEN = {"dozen": 12, "half": 0.5}

_HEDGES: tuple[tuple[str, Hedge], ...] = (
    ("more than", Hedge.AT_LEAST),
    ("at least", Hedge.AT_LEAST),
    ("over", Hedge.AT_LEAST),
    ("upwards of", Hedge.AT_LEAST),
    ("in excess of", Hedge.AT_LEAST),
    ("up to", Hedge.AT_MOST),
    ("as many as", Hedge.AT_MOST),
    ("as much as", Hedge.AT_MOST),
    ("less than", Hedge.AT_MOST),
    ("fewer than", Hedge.AT_MOST),
    ("under", Hedge.AT_MOST),
    ("at most", Hedge.AT_MOST),
    ("no more than", Hedge.AT_MOST),
    ("nearly", Hedge.NEARLY),
    ("almost", Hedge.NEARLY),
    ("about", Hedge.APPROXIMATE),
    ("around", Hedge.APPROXIMATE),
    ("approximately", Hedge.APPROXIMATE),
    ("roughly", Hedge.APPROXIMATE),
    ("some", Hedge.APPROXIMATE),
    ("close to", Hedge.APPROXIMATE),
    ("an estimated", Hedge.APPROXIMATE),
    ("estimated", Hedge.APPROXIMATE),
    ("just over", Hedge.APPROXIMATE),
    ("just under", Hedge.NEARLY),
    ("barely", Hedge.APPROXIMATE),
)

_LONGEST_HEDGE = 2 + max(len(h) for h, _ in _HEDGES)
APPROXIMATE_MARGIN = 0.1
""""About 100" covers 90–110: the rounding such figures carry; "about 3,000" is not "some
2,500"."""
NEARLY_MARGIN = 0.1
""""Nearly 100" covers 90–100: a little below the figure, never above it ("nearly 40%"
is not "35%")."""

# "a" and "an" count only before a scale ("a dozen"); alone they are articles.
_NUMBER_WORD = "|".join(
    sorted((w for w in [*_UNITS, *_TENS, *_SCALES, *_DOZEN] if w not in ("a", "an")), key=len)[::-1]
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_ONE_NUMBER = (
    rf"(?:(?:{_DIGITS})(?:\s+(?:hundred|thousand|million|billion|trillion))?"
    r"|(?:an?\s+(?:hundred|thousand|million|billion|trillion|dozen))"
    rf"|(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+)?(?:{_NUMBER_WORD}))*))"
)
_GLUED_UNIT = r"km|m|cm|mm|kg|g|ft|mph|kph|kmh|%|bn|mn|tn|k|b"
# A currency written before the amount: "$5", "US$1.86", "£2.4m", "Rs 500".
_CURRENCY = r"(?:US|A|C|HK|NZ|S)\$|\$|£|€|¥|₹|Rs\.?\s?"
# Any hedge, as a regular-expression alternation: "more than", "about", "up to"…
HEDGE_PATTERN = "|".join(
    h.replace(" ", r"\s+") for h in sorted({h for h, _ in _HEDGES}, key=len, reverse=True)
)
QUANTITY = re.compile(
    rf"""(?<![\w.,:$£€¥₹-])
    (?:(?P<hedge>{HEDGE_PATTERN})\s+)?
    (?P<currency>{_CURRENCY})?
    (?P<low>{_ONE_NUMBER})(?P<unit1>{_GLUED_UNIT})?
    (?:\s*(?:to|-|–|\s or)\s*(?P<high>{_ONE_NUMBER})(?P<unit2>{_GLUED_UNIT})?)?
    (?![\w:]|[.,]\d)""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    text: str
    low: float
    high: float
    hedge: Hedge
    unit: str = ""
    """A unit written against the digits ("40m", "6.3bn"), else empty."""
    currency: str = ""
    """A currency sign written before the amount ("$", "US$", "£"), else empty."""


def parse_number(text: str) -> float | None:
    """Value of a number written in digits or words, or None.

    >>> parse_number("twelve"), parse_number("1,200"), parse_number("two hundred and five")
    (12, 1200.0, 205)
    >>> parse_number("2.5 million")
    2500000.0
    """
    words = text.lower().replace("-", " ").replace(",", "").split()
    if not words:
        return None
    try:
        first = float(words[0])
    except ValueError:
        return _parse_words(words)
    if len(words) == 1:
        return first
    if len(words) == 2 and words[1] in _SCALES:
        return first * _SCALES[words[1]]
    return None


def _parse_words(words: list[str]) -> float | None:
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _DOZEN:
            current = (current or 1) * _DOZEN[word]
        elif word in _SCALES:
            current = (current or 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    if not seen:
        return None
    value = total + current
    return int(value) if value == int(value) else value


def find_quantities(text: str) -> list[Quantity]:
    """Every stated number in ``text`` with its hedge and range."""
    found = []
    for match in QUANTITY.finditer(text):
        low_text = match.group("low")
        if low_text.lower() in ("a", "an"):
            continue  # the article, not the number; "an hour" is read by the caller
        low = parse_number(low_text)
        if low is None or (_bare_b(match) and not match.group("currency")):
            continue  # "$2B" is two billion dollars; "Gate 2B" is no figure
        high_text = match.group("high")
        high = parse_number(high_text) if high_text else None
        hedge = _hedge_of(match.group("hedge"))
        if high is not None and _is_change(text, match, low, high):
            # "rose from 31 to 58", "cut from 410 to 388": two figures, not a range.
            found.extend(_two_figures(match, float(low), float(high), hedge))
            continue
        if high_text and (high is None or high < low):
            # "6-2" is a score and "one and two" two numbers, not a range.
            continue
        found.append(
            Quantity(
                start=match.start(),
                end=match.end(),
                text=match.group(),
                low=float(low),
                high=float(high if high is not None else low),
                hedge=hedge,
                unit=(match.group("unit2") or match.group("unit1") or "").lower(),
                currency=(match.group("currency") or "").strip().rstrip("."),
            )
        )
    return found


def _bare_b(match: re.Match[str]) -> bool:
    return "b" in ((match.group("unit1") or "").lower(), (match.group("unit2") or "").lower())


_TO = re.compile(r"\s*to\s*$", re.IGNORECASE)
FROM_BEFORE = re.compile(r"\b(?P<verb>\w+\s+)?from\s+$", re.IGNORECASE)
"""\"from\" right before a figure: the first step of a change ("rose from 31 to 58"),
unless a verb of spread comes before it (``SPREAD_VERBS``: "ages ranging from 3 to 9")."""

SPREAD_VERBS = frozenset(
    {"range", "ranges", "ranged", "ranging", "vary", "varies", "varied", "varying"}
)
"""Verbs before "from X to Y" that make it one range of values, not a change."""


def _is_change(text: str, match: re.Match[str], low: float, high: float) -> bool:
    """A figure and the figure it became, joined by "to": after "from", or falling."""
    if not _TO.match(text[_first_end(match) : match.start("high")]):
        return False
    if high < low:
        return True
    before = FROM_BEFORE.search(text, max(0, match.start() - 20), match.start())
    return bool(before) and (before.group("verb") or "").strip().lower() not in SPREAD_VERBS


def _first_end(match: re.Match[str]) -> int:
    """Where the first number of a two-number match ends, its glued unit included."""
    return match.end("unit1") if match.group("unit1") else match.end("low")


def _two_figures(match: re.Match[str], low: float, high: float, hedge: Hedge) -> list[Quantity]:
    first_end = _first_end(match)
    currency = (match.group("currency") or "").strip().rstrip(".")
    return [
        Quantity(
            start=match.start(),
            end=first_end,
            text=match.string[match.start() : first_end],
            low=low,
            high=low,
            hedge=hedge,
            unit=(match.group("unit1") or "").lower(),
            currency=currency,
        ),
        Quantity(
            start=match.start("high"),
            end=match.end(),
            text=match.string[match.start("high") : match.end()],
            low=high,
            high=high,
            hedge=Hedge.EXACT,
            unit=(match.group("unit2") or match.group("unit1") or "").lower(),
            currency=currency,
        ),
    ]


def bounds(low: float, high: float, hedge: Hedge) -> tuple[float, float]:
    """The interval a hedged value admits.

    >>> bounds(100, 100, Hedge.APPROXIMATE)
    (90.0, 110.00000000000001)
    >>> bounds(100, 100, Hedge.NEARLY)
    (90.0, 100)
    >>> bounds(30, 30, Hedge.AT_LEAST)
    (30, inf)
    """
    if hedge is Hedge.APPROXIMATE:
        return low * (1 - APPROXIMATE_MARGIN), high * (1 + APPROXIMATE_MARGIN)
    if hedge is Hedge.NEARLY:
        return low * (1 - NEARLY_MARGIN), high
    if hedge is Hedge.AT_LEAST:
        return low, float("inf")
    if hedge is Hedge.AT_MOST:
        return 0.0, high
    return low, high


_HEDGE_BEFORE = re.compile(rf"(?<![\w-])(?P<hedge>{HEDGE_PATTERN})\s+$", re.IGNORECASE)


def hedge_before(text: str) -> Hedge:
    """The hedge ``text`` ends with, for a quantity written after it.

    >>> hedge_before("conceded about "), hedge_before("lasted ")
    (<Hedge.APPROXIMATE: 'approximate'>, <Hedge.EXACT: 'exact'>)
    """
    found = _HEDGE_BEFORE.search(text[-_LONGEST_HEDGE:])
    return _hedge_of(found.group("hedge")) if found else Hedge.EXACT


def _hedge_of(word: str | None) -> Hedge:
    if not word:
        return Hedge.EXACT
    key = " ".join(word.lower().split())
    return next((hedge for text, hedge in _HEDGES if text == key), Hedge.EXACT)
