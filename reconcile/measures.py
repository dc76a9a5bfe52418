"""What a number in a clause measures: its kind, its unit, and what it is of.

A number alone says little: "36" may be pacemakers, seconds, dollars or an age.
This module reads, for each number of a clause, the slot it fills (count, money,
percent, distance, speed, duration, age, rank, match minute, score), its value in
one unit ("200 nautical miles" and "230 miles" both in metres, "$6.3bn" in
dollars), and a ``Measure``: the noun it counts or qualifies, the verb it belongs
to, and the lemmas of the words around it.  Deciding whether two values measure
the same thing is ``reconcile.sameness``'s job; this module only reads.

The unit words, ordinals and currency names below are data about English, not
about any story.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from reconcile.entities import tokenize
from reconcile.lexicon import (
    FIGURE_NOUNS,
    GENERIC_PEOPLE,
    HELPING_VERBS,
    PHRASE_ENDERS,
    REPORTING_EVENTS,
    STOPWORDS,
    event_of,
    fate_of,
    phrasal_event,
)
from reconcile.model import Hedge, Measure, Slot
from reconcile.numbers import (
    FROM_BEFORE,
    HEDGE_PATTERN,
    Quantity,
    bounds,
    find_quantities,
    hedge_before,
    parse_number,
)
from reconcile.words import can_be_past, lemma, noun_lemma, only_a_verb, verb_lemma, verb_tags

# --- units, as data -----------------------------------------------------------------------------

MINUTES_PER = {
    "second": 1 / 60,
    "minute": 1,
    "hour": 60,
    "day": 1440,
    "week": 10080,
    "month": 43800,
    "year": 525600,
    "decade": 5256000,
}

METRES_PER = {
    "m": 1.0, "metre": 1.0, "meter": 1.0, "metres": 1.0, "meters": 1.0,
    "km": 1000.0, "kilometre": 1000.0, "kilometer": 1000.0, "kilometres": 1000.0,
    "kilometers": 1000.0, "ft": 0.3048, "foot": 0.3048, "feet": 0.3048,
    "mile": 1609.34, "miles": 1609.34, "yard": 0.9144, "yards": 0.9144,
    "cm": 0.01, "mm": 0.001, "nautical mile": 1852.0, "nautical miles": 1852.0,
    "light year": 9.4607e15, "light years": 9.4607e15,
}  # fmt: skip

KMH_PER = {"mph": 1.609, "kph": 1.0, "kmh": 1.0, "km/h": 1.0, "knots": 1.852, "knot": 1.852}

# Currency signs and names -> one code, so "$5bn" and "5 billion dollars" compare.
CURRENCY_CODES = {
    "$": "usd", "us$": "usd", "dollar": "usd", "dollars": "usd", "a$": "aud", "c$": "cad",
    "hk$": "hkd", "nz$": "nzd", "s$": "sgd", "£": "gbp", "pound": "gbp", "pounds": "gbp",
    "sterling": "gbp", "€": "eur", "euro": "eur", "euros": "eur", "¥": "jpy", "yen": "jpy",
    "yuan": "cny", "renminbi": "cny", "₹": "inr", "rs": "inr", "rupee": "inr", "rupees": "inr",
    "cent": "cent", "cents": "cent",
}  # fmt: skip

# A scale written against an amount: "$6.3bn", "£2.4m", "$40k".
SCALE_SUFFIXES = {"bn": 1e9, "b": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12}

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "twentieth": 20,
}  # fmt: skip

# --- patterns -----------------------------------------------------------------------------------

_PERCENT_AFTER = re.compile(r"^\s*(?:percent|per\s*cent|pc)\b", re.IGNORECASE)
_POINTS_AFTER = re.compile(r"^\s*(?:percentage\s+)?points?\b", re.IGNORECASE)
_SPEED_AFTER = re.compile(
    r"^[\s-]*(?P<unit>mph|km/h|kph|kmh|knots?"
    r"|(?P<miles>miles?|kilomet(?:re|er)s?)[\s-]+(?:an|per|a)[\s-]+hour)\b",
    re.IGNORECASE,
)
_CURRENCY_AFTER = re.compile(
    r"^\s*(?P<name>dollars?|euros?|pounds?\s+sterling|pounds?|yen|yuan|renminbi|rupees?|cents?)\b",
    re.IGNORECASE,
)
_DURATION_AFTER = re.compile(
    r"^(?:[\s-]+)(?P<unit>second|minute|hour|day|week|month|year|decade)(?P<plural>s)?(?P<rest>[\w-]*)",
    re.IGNORECASE,
)
# The smaller part of a duration told in two units: "3 hours 12 minutes", "two years and
# six months".  The words of the number are checked by ``parse_number``.
_DURATION_PART = re.compile(
    r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+)(?P<n>\d+(?:\.\d+)?|[a-z]+(?:-[a-z]+)?)[\s-]+"
    r"(?P<unit>second|minute|hour|day|week|month)s?\b",
    re.IGNORECASE,
)
_LENGTH_AFTER = re.compile(
    r"^[\s-]*\(?(?P<unit>nautical\s+miles?|light[\s-]years?|[a-z]+)\b(?!-old)", re.IGNORECASE
)
_AN_HOUR = re.compile(r"\b(?:an|one|half an)\s+hour\b|\bhour-long\b", re.IGNORECASE)
# A longer span with no number, told as a length: "for a week", "nearly a month", "a
# year-long"; not a rate ("twice a week") or a moment ("a year ago", "a day after").
_A_SPAN = re.compile(
    r"\b(?:a|one)\s+(?P<unit>day|week|month|year|decade)(?:-long\b|\b(?!\s+(?:ago|after|before|earlier|later)))",
    re.IGNORECASE,
)
_SPAN_LEAD = re.compile(r"\b(?:for|lasted|lasting|spent|took)\s+$", re.IGNORECASE)

# A figure named before its number: "the death toll rose to 247", "the number killed
# stood at 85", "a magnitude of 4.9".  Searched in a bounded window before the number.
_FIGURE_BEFORE = re.compile(
    # "the toll of injured workers" counts the injured, a bare toll the dead
    r"(?:\b(?P<toll>(?:death\s+)?toll(?:\s+of\s+(?:the\s+)?(?P<toll_of>injured|wounded|hurt))?"
    r"|number\s+(?:of\s+(?:the\s+)?)?"
    # "the number of people said to have died", "the number of reported dead"
    r"(?:(?:people|persons)\s+(?:[a-z]+\s+){0,3}?|(?:confirmed|reported|known)\s+)?"
    r"(?P<fate>dead|deaths|fatalities|victims|killed|died|injured|wounded|hurt|injuries"
    r"|missing|arrested))\b"
    r"(?:[^.;:\d]|(?<=\s)\d{1,2}(?=,)){0,140}?"  # a date's day may come between: "on May 3, to"
    r"(?:\bfrom\s+[\d,.]+\s+)?\b(?:at|to|of|from|reached|hit|topped|passed|is|was"
    r"|stood\s+at)"
    r"|\bmagnitude(?:\s+of)?|\bmeasur(?:ing|ed)(?:\s+at)?(?:\s+magnitude)?)"
    rf"(?:\s+(?:{HEDGE_PATTERN}))?\s+$",
    re.IGNORECASE,
)
_FIGURE_LOOK_BACK = 200
_FATE_NOUN = {"die": "death", "injure": "injury", "miss": "missing", "arrest": "arrest"}
"""The noun of a tally named before its number ("the number of injured stood at 126")."""

# "a crowd of some 40,000", "a city of 2 million": a number of people, named before it.
_PEOPLE_OF = re.compile(
    r"\b(?P<whole>crowd|audience|town|city|village|community|population|home)\s+(?:of|to\s+)?\s*"
    rf"(?:(?:{HEDGE_PATTERN})\s+)?$",
    re.IGNORECASE,
)
_ONE_OF_THE_MOST = re.compile(
    r"\s+of\s+(?:the|its|their|his|her|our|my|your|this|that|(?-i:[A-Z])[\w.-]*['’]s)"
    r"\s+(?:[a-z]+est|most|best|worst)\b",
    re.IGNORECASE,
)
_AGE_AT = re.compile(r"(?:^|[,;]\s*)(?:[Aa]t|[Aa]ged)\s+$|\baged\s+$")
# "aged 4 and 10" (two ages), "aged between 9 and 14" (one range): ages, whatever follows.
_AGED_PAIR = re.compile(r"\b[Aa]ged\s+(?:(?P<between>between)\s+)?(?:\d{1,3}\s+and\s+)?$")
_AND_UPPER = re.compile(r"\s+and\s+(?P<upper>\d{1,3})\b")
_AGE_AFTER = re.compile(r"\s*(?:,|$)|\s+(?:is|was|became|has|had)\b")
# "Ana Ruiz, 41, a nurse": a number set off by commas right after a name is an age.
_AGE_BETWEEN_COMMAS = re.compile(r"[A-Z][\w'’-]+,\s+$")
_AGE_CLOSES = re.compile(r"^,|^\s+(?:and|who|was|is|had|has)\b")

_NOUN_AFTER = re.compile(r"^\s+(?P<words>(?:[a-z][a-z-]*\s+){0,2}[a-z][a-z-]*)")
_NAME_BEFORE = re.compile(r"\b(?P<word>[A-Z][\w-]*|No\.)\s*$")
_ADDRESS_AFTER = re.compile(
    r"^\s+(?:[A-Z][\w'’-]+\s+){1,3}(?:Street|Road|Avenue|Lane|Boulevard|Drive|Square)\b"
)

# "the second-largest city", "the fourth biggest", "third most populous".
_RANK = re.compile(
    r"\b(?P<ordinal>" + "|".join(ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))"
    r"(?:[\s-]+(?P<superlative>most\s+[a-z]+|[a-z]+est))\b",
    re.IGNORECASE,
)
# "in the 61st minute", "a 55th-minute header", "61'".
_MINUTE = re.compile(
    r"\b(?P<n>\d{1,3})(?:st|nd|rd|th)[\s-]+minute\b|\b(?P<m>\d{1,3})\s?(?:'|′|’)(?=[\s,.;)])",
    re.IGNORECASE,
)
_GAME_SCORE = re.compile(r"(?<![\w.-])\d{1,3}-\d{1,3}-?(?:,\s*\d{1,2}-\d{1,2}){0,4}(?![\w-])")
_RESULT_WORD = re.compile(
    r"\b(?:won|wins?|beat|beats|defeated|lost|loses|led|leads|trailed|drew|victory|score[ds]?"
    r"|passed|rejected|approved|voted|margin)(?:\s+\S+){0,3}\s*$",
    re.IGNORECASE,
)
_RESULT_NOUN_AFTER = re.compile(
    r"^[\s-]*(?:vote|votes|win|victory|defeat|loss|lead|margin|scoreline|decision|split|majority)\b",
    re.IGNORECASE,
)

# A value set in an earlier period by the words right by it: "$6.8bn in the same period
# last year", "up from 20% a year earlier".
_EARLIER_PERIOD = re.compile(
    r"\b(?:last|previous|prior)\s+(?:year|quarter|month|season|week)\b"
    r"|\b(?:a|one|two|three)\s+(?:years?|quarters?|months?)\s+(?:earlier|before|ago)\b"
    r"|\byear[\s-]+(?:ago|earlier)\b",
    re.IGNORECASE,
)
_PERIOD_REACH = 50
"""Characters after a value searched for words of another period, up to the next comma."""
_EARLIER_BEFORE = re.compile(r"\b(?:last|previous|prior)\s+(?:year|quarter|month)['’]s\s+$", re.I)
_PHRASE_STOP = re.compile(r"[,;:()]|\d")
# A figure that counts what was added, not the total: "12 new cases", "9 more deaths than
# on Monday".  ("16 more remain missing" and "another 18 died in the hills" count other
# people, not an increase.)
_INCREMENT_AFTER = re.compile(r"\s+(?:new\b|more\s+(?:[a-z]+\s+){0,2}than\b)", re.IGNORECASE)
# The rest of a group beside someone named with it: "rescued the captain along with 14
# others" counts 14 of 15, never the group's whole tally.
_WITH_BEFORE = re.compile(r"\bwith\s+$", re.IGNORECASE)
_WITH_REACH = 8  # characters before the number: "with " and spacing, never the whole clause


def _in_earlier_period(clause: str, start: int, end: int) -> bool:
    """Words right by the value set it in an earlier period: "$6.8bn a year earlier",
    "last year's $6.8bn" (not a "last year" in another phrase of the clause), or the first
    step of a change: "the toll rose from 31 to 58"."""
    if _EARLIER_BEFORE.search(clause, max(0, start - 30), start):
        return True
    if FROM_BEFORE.search(clause, max(0, start - 10), start) and _TO_AFTER.match(clause, end):
        return True
    stop = _PHRASE_STOP.search(clause, end, end + _PERIOD_REACH)
    found = _EARLIER_PERIOD.search(clause, end, stop.start() if stop else end + _PERIOD_REACH)
    # "up 12% from last year": last year is what the figure is measured against.
    return found is not None and not _COMPARED_WITH.search(clause, end, found.start())


_TO_AFTER = re.compile(
    r"\s+(?:\w+\s+)?to\s+(?:(?:about|around|nearly|almost|over|at\s+least)\s+)?[$£€¥₹]?\d"
)
_COMPARED_WITH = re.compile(r"\b(?:from|than|since|over|versus|vs|compared\s+with|on)\s+$", re.I)


# "Tottenham 0-2 Liverpool": a tally between two names is a result.
_NAME_END = re.compile(r"\b[A-Z][\w'’-]+\s+$")
_NAME_START = re.compile(r"^\s+[A-Z][\w'’-]+")

_ELAPSED = frozenset({"after", "afterwards", "afterward", "later", "earlier", "before", "ago"})
_CONTEXT_WINDOW = 8
"""Words either side of a value read as its context."""
_VERB_LOOK_BACK = 6
"""Words before a value searched for the verb it belongs to ("were killed … 12")."""
_NOUN_LOOK_BACK = 4
"""Words before a value searched for the noun it qualifies ("revenue came to $6.3bn")."""
_LOOK_BACK = 60
"""Characters before a value that may say what it is ("rose to", "about")."""

_UNIT_WORDS = frozenset(
    {*METRES_PER, *KMH_PER, *CURRENCY_CODES, *SCALE_SUFFIXES, "percent", "cent", "per",
     "hour", "hours", "minute", "minutes", "second", "seconds", "day", "days", "week", "weeks",
     "month", "months", "year", "years", "decade", "decades", "million", "billion", "trillion",
     "thousand", "hundred", "nautical", "old"}
)  # fmt: skip
_VERB_GROUP = HELPING_VERBS | {"to", "since", "now", "already", "also", "not"}
"""Words between a count and its verb: "nine people have since been moved"."""


@dataclass(frozen=True, slots=True)
class _Reading:
    """What one number measures, before it becomes a Fact."""

    slot: Slot
    low: float
    high: float
    end: int
    unit: str = ""
    noun: str = ""
    event: str = ""
    hedge: Hedge | None = None
    value: str | None = None
    bare: bool = False
    """A number with no noun of its own ("won 202"): kept only if a noun or verb is near."""


def read_measures(
    clause: str,
    taken: bytearray,
    add: Callable[..., None],
) -> None:
    """Read every measured value of ``clause`` and ``add`` it as a fact.

    ``taken`` marks characters already read as another fact (a date, a clock time);
    ``add(slot, value, start, end, **fields)`` records a fact and marks its span taken.
    """
    words = _Words(clause)
    for match in _GAME_SCORE.finditer(clause):
        if _free(match.start(), match.end(), taken):
            _read_score(clause, match, words, add)
    for match in _MINUTE.finditer(clause):
        if _free(match.start(), match.end(), taken):
            minute = float(match.group("n") or match.group("m"))
            measure = words.measure(match.start(), match.end(), noun="minute")
            add(Slot.MINUTE, f"{minute:g}", match.start(), match.end(), low=minute, high=minute,
                measure=measure)  # fmt: skip
    for match in _RANK.finditer(clause):
        if _free(match.start(), match.end(), taken):
            _read_rank(clause, match, words, add)
    for quantity in find_quantities(clause):
        if not _free(quantity.start, quantity.end, taken):
            continue
        reading = _read_quantity(clause, quantity)
        if reading is None:
            continue
        hedge = reading.hedge or quantity.hedge
        low, high = bounds(reading.low, reading.high, hedge)
        value = reading.value or _number(reading.low, reading.high)
        measure = words.measure(
            quantity.start, reading.end, noun=reading.noun, event=reading.event, unit=reading.unit
        )
        if reading.bare and not (measure.noun or measure.event):
            # "said 12 others were rescued": what befell them may be all it says; "the
            # 1990s", "page 12" say nothing countable.
            fate = words.fate_after(reading.end)
            if not fate:
                continue
            measure = dataclasses.replace(measure, event=fate)
        if _in_earlier_period(clause, quantity.start, reading.end):
            measure = dataclasses.replace(measure, period="earlier")
        elif _INCREMENT_AFTER.match(clause, quantity.end):
            measure = dataclasses.replace(measure, period="added")
        elif _OTHERS.match(clause, quantity.end) and _WITH_BEFORE.search(
            clause, max(0, quantity.start - _WITH_REACH), quantity.start
        ):
            measure = dataclasses.replace(measure, period="others")
        if reading.slot is Slot.COUNT:
            if not measure.event or verb_lemma(measure.event) in FIGURE_VERBS:
                # "stood at 31 people detained": the participle names what befell them.
                measure = dataclasses.replace(
                    measure, event=words.participle_after(reading.end) or measure.event
                )
            if not fate_of(measure.noun) and not fate_of(measure.event):
                measure = dataclasses.replace(
                    measure, event=words.fate_after(reading.end) or measure.event
                )
            measure = _people_counted(measure)
        add(reading.slot, value, quantity.start, reading.end, hedge=hedge, low=low, high=high,
            measure=measure)  # fmt: skip
    for match in _AN_HOUR.finditer(clause):
        if _free(match.start(), match.end(), taken):
            minutes = 30.0 if match.group().lower().startswith("half") else 60.0
            hedge = hedge_before(_before(clause, match.start()))  # "about an hour"
            _add_span(clause, match, minutes, hedge, words, add)
    for match in _A_SPAN.finditer(clause):
        before = _before(clause, match.start())
        hedge = hedge_before(before)
        told_as_length = hedge is not Hedge.EXACT or _SPAN_LEAD.search(before)
        if _free(match.start(), match.end(), taken) and (
            told_as_length or match.group().endswith("-long")
        ):
            minutes = MINUTES_PER[match.group("unit").lower()]
            _add_span(clause, match, minutes, hedge, words, add)


def _add_span(
    clause: str,
    match: re.Match[str],
    minutes: float,
    hedge: Hedge,
    words: _Words,
    add: Callable[..., None],
) -> None:
    """A length of time written without a number ("an hour", "for a week")."""
    low, high = bounds(minutes, minutes, hedge)
    measure = words.measure(
        match.start(), match.end(), noun=_duration_noun(clause, match.end()), unit="min"
    )
    add(Slot.DURATION, f"{minutes:g}", match.start(), match.end(), hedge=hedge, low=low,
        high=high, measure=measure)  # fmt: skip


# --- one number ---------------------------------------------------------------------------------


def _smaller_part(after: str, minutes: float) -> tuple[float, int, float] | None:
    """(minutes, characters, minutes in its unit) of a duration's smaller unit told right
    after it: one duration in several units ("4 hours 10 minutes" is 250 minutes)."""
    part = _DURATION_PART.match(after)
    if part is None:
        return None
    count = parse_number(part.group("n"))
    unit = MINUTES_PER[part.group("unit").lower()]
    if count is None or unit >= minutes:
        return None
    return count * unit, part.end(), unit


def _read_quantity(clause: str, quantity: Quantity) -> _Reading | None:
    after = clause[quantity.end :]
    low, high = quantity.low, quantity.high
    if _YEAR_LIKE.fullmatch(quantity.text) and not quantity.currency and not quantity.unit:
        return None  # a year, read elsewhere ("2,000" and "more than 2000" are counts)
    if quantity.text.lower().endswith("half"):
        return None  # "the second half", "half of them": no figure ("half an hour" is read apart)
    if quantity.text.lower() == "one" and _ONE_OF_THE_MOST.match(after):
        return None  # "one of the largest ships": a rank among many, not a count of one
    if quantity.text.lower() == "one" and _ONE_ANOTHER.match(after):
        return None  # "hugged one another", "one by one": no count
    if quantity.text.lower() == "one" and _NO_BEFORE.search(
        clause, max(0, quantity.start - 5), quantity.start
    ):
        return None  # "no one was hurt": nobody, not one person
    name = _NAME_BEFORE.search(_before(clause, quantity.start))
    if (
        quantity.text[-1:].isdigit()
        and not quantity.currency
        and name
        and (name.group("word").lower() not in STOPWORDS or name.group("word") == "No")
    ):
        return None  # part of a name or code: "Boeing 737", "Apollo 11", "No 10" (not "All 189")
    if quantity.text[-1:].isdigit() and _ADDRESS_AFTER.match(after):
        return None  # a house number: "outside 12 Harbour Street"
    money = _money(quantity, after, _rate_noun(clause, quantity.end))
    if money is not None:
        return money
    if quantity.unit == "%" or _PERCENT_AFTER.match(after):
        end = quantity.end + (m.end() if (m := _PERCENT_AFTER.match(after)) else 0)
        return _Reading(Slot.PERCENT, low, high, end, unit="%", noun=_rate_noun(clause, end))
    speed = _SPEED_AFTER.match(after)
    if speed or quantity.unit in KMH_PER:
        unit = (speed.group("unit") if speed else quantity.unit).lower()
        scale = 1.609 if unit.startswith("mile") else 1.0 if unit.startswith("kilo") else None
        scale = scale or KMH_PER.get(unit, KMH_PER.get(unit.rstrip("s"), 1.0))
        end = quantity.end + (speed.end() if speed else 0)
        return _Reading(Slot.SPEED, low * scale, high * scale, end, unit="km/h")
    # Searched in the clause itself: "^" must be the clause's start, not a window's.
    if _AGE_AT.search(clause, max(0, quantity.start - 12), quantity.start) and _AGE_AFTER.match(
        after
    ):
        return _Reading(Slot.AGE, low, high, quantity.end, unit="year")  # "At 39, she…"
    aged = _AGED_PAIR.search(clause, max(0, quantity.start - 24), quantity.start)
    if aged and high <= 120:
        upper = _AND_UPPER.match(after) if aged.group("between") else None
        if upper and low < int(upper.group("upper")) <= 120:
            end = quantity.end + upper.end()
            return _Reading(Slot.AGE, low, float(upper.group("upper")), end, unit="year")
        return _Reading(Slot.AGE, low, high, quantity.end, unit="year")
    if (
        _AGE_BETWEEN_COMMAS.search(clause, max(0, quantity.start - 40), quantity.start)
        and _AGE_CLOSES.match(after)
        and 1 <= low <= 110
        and low == high
        and quantity.text.isdigit()
    ):
        return _Reading(Slot.AGE, low, high, quantity.end, unit="year")  # "Ana Ruiz, 41, …"
    duration = _DURATION_AFTER.match(after)
    if duration:
        unit = duration.group("unit").lower()
        rest = duration.group("rest").lower()
        end = quantity.end + duration.end()
        if rest.startswith("-old") or after[duration.end() :].startswith(" old"):
            end += 4 if after[duration.end() :].startswith(" old") else 0
            noun = _noun_after(clause, end)
            return _Reading(Slot.AGE, low, high, end, unit="year", noun=noun)
        minutes = MINUTES_PER[unit]
        low, high = low * minutes, high * minutes
        while part := _smaller_part(clause[end:], minutes):
            extra, length, minutes = part
            low, high, end = low + extra, high + extra, end + length
        return _Reading(Slot.DURATION, low, high, end, unit="min", noun=_duration_noun(clause, end))
    length = _length(quantity, after)
    if length is not None:
        return length
    named = _FIGURE_BEFORE.search(
        clause, max(0, quantity.start - _FIGURE_LOOK_BACK), quantity.start
    )
    if named and not quantity.unit:
        # "the death toll climbed to 85", "a magnitude of 4.9": the figure is named before.
        if named.group("toll"):
            fate = fate_of(lemma(named.group("fate") or named.group("toll_of") or "")) or "die"
            return _Reading(Slot.COUNT, low, high, quantity.end, noun=_FATE_NOUN[fate], event=fate)
        return _Reading(Slot.COUNT, low, high, quantity.end, noun="magnitude")
    if quantity.unit or quantity.currency:
        return None
    compound = _COMPOUND_NOUN.match(after)
    if compound and compound.group("noun") not in _UNIT_WORDS:
        # "a 13-story tower", "the 543-member house": the noun is joined to the number.
        head = compound.group("noun")
        return _Reading(
            Slot.COUNT, low, high, quantity.end + compound.end(), noun=noun_lemma(head) or head
        )
    others = _OTHERS.match(after)
    if others:  # "12 others were rescued": people, counted by what befell them
        return _Reading(Slot.COUNT, low, high, quantity.end + others.end(), bare=True)
    acronym = _ACRONYM_PLURAL.match(after)
    if acronym:  # "412 MPs"
        head = acronym.group("noun").lower()
        return _Reading(Slot.COUNT, low, high, quantity.end + acronym.end(), noun=head)
    noun = _NOUN_AFTER.match(after)
    bare = not noun or _ends_phrase(noun.group("words").split()[0])
    people_of = _PEOPLE_OF.search(clause, max(0, quantity.start - _LOOK_BACK), quantity.start)
    if bare and people_of:  # "a crowd of 69,000": the crowd is what is counted
        return _Reading(Slot.COUNT, low, high, quantity.end, noun=_crowd_or_population(people_of))
    part_of = _PART_OF.match(after)
    if part_of:  # "eight of their teammates": a count of teammates
        head = part_of.group("noun")
        if fate_of(lemma(head)):
            return None  # "six of the wounded": a part of a tally, neither it nor a group
        return _Reading(Slot.COUNT, low, high, quantity.end, noun=noun_lemma(head) or head)
    if after[:1] == "-":
        return None
    counted = _COUNTED_BEFORE.search(clause, max(0, quantity.start - _LOOK_BACK), quantity.start)
    if bare and counted:  # "put the number of arrests at 45": not a clock time
        head = counted.group("noun").lower()
        return _Reading(Slot.COUNT, low, high, quantity.end, noun=noun_lemma(head) or head)
    partitive = _PARTITIVE.match(after)
    if bare and partitive and low >= 2:
        # "nine of whom have since died", "14 of them in custody": a count of what befell them.
        rest = after[partitive.end() :]
        state = _IN_STATE.match(rest) or _WERE_NOUN.match(rest)
        if state:  # "14 of them in custody", "eleven of them were teachers"
            head = state.group("noun").lower()
            return _Reading(Slot.COUNT, low, high, quantity.end, noun=noun_lemma(head) or head)
        fate = next(
            filter(None, (fate_of(lemma(w)) for w in _WORD.findall(rest)[:_FATE_WORDS])), ""
        )
        if fate:
            return _Reading(
                Slot.COUNT, low, high, quantity.end, noun=_FATE_NOUN.get(fate, ""), event=fate
            )
    if bare and (partitive or _CLOCK_BEFORE.search(_before(clause, quantity.start))):
        return None  # "one of them", "she arrived at 9": no count
    if bare:
        # "Labour won 202", "killing seven", "the toll rose to 290": a number standing
        # alone counts what the clause's verb or a noun before it names; the measure is
        # read from those (see _Words.measure), and a number with neither is dropped.
        if not noun or noun.group("words").split()[0] not in _ELAPSED:
            return _Reading(Slot.COUNT, low, high, quantity.end, bare=True)
        return None
    # The noun phrase runs to the first word that ends it: "189 people aboard", "12 people
    # died", "40 cars fell", "eight armed police officers were": its last word is its head.
    words = list(_WORD_AT.finditer(after, 0, noun.end()))  # type: ignore[union-attr]
    if words[0][0] in _ELAPSED:
        return None  # "13 after"
    size = next((n for n in range(1, len(words)) if _ends_noun_phrase(words[n][0])), len(words))
    end = quantity.end + words[size - 1].end()
    head = noun_lemma(words[size - 1][0]) or lemma(words[size - 1][0])
    if people_of and head in GENERIC_PEOPLE:
        head = _crowd_or_population(people_of)  # "a port of 2 million people": its people
    return _Reading(Slot.COUNT, low, high, end, noun=head)


_WORD_AT = re.compile(r"[a-z][a-z-]*")


def _ends_noun_phrase(word: str) -> bool:
    return bool(
        _ends_phrase(word)
        or event_of(word)
        or word.endswith(("ly", "ed"))
        or can_be_past(word)
        or only_a_verb(word)
    )


def _crowd_or_population(found: re.Match[str]) -> str:
    """What a number of people named by a place or a gathering counts: "a town of 18,000",
    "home to 2 million" count a population; "a crowd of 69,000" a crowd."""
    whole = found.group("whole").lower()
    return whole if whole in ("crowd", "audience") else "population"


_ACRONYM_PLURAL = re.compile(r"^\s+(?P<noun>[A-Z]{2,5})s\b")
_OTHERS = re.compile(r"\s+others\b")
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_NO_BEFORE = re.compile(r"\bno\s+$", re.IGNORECASE)
_ONE_ANOTHER = re.compile(r"^\s+(?:another|after\s+another|by\s+one)\b", re.IGNORECASE)
_PARTITIVE = re.compile(r"^\s+of\s+(?:them|us|you|those|these|which|whom)\b", re.IGNORECASE)
_CLOCK_BEFORE = re.compile(r"\b(?:at|by|until|till|before|after)\s+$", re.IGNORECASE)
# Where the people of a partitive are: "14 of them (still) in custody".
_IN_STATE = re.compile(r"^,?\s+(?:still\s+|now\s+)?in\s+(?P<noun>[a-z]{4,})\b")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?", re.IGNORECASE)
_WERE_NOUN = re.compile(r"^\s+(?:were|are)\s+(?P<noun>[a-z]{3,}s|children|women|men)\b")
_FATE_WORDS = 4
"""Words after a partitive ("nine of whom have since died") searched for what befell them."""
# What a figure named before its number counts: "put the number of arrests at 45".
_COUNTED_BEFORE = re.compile(
    rf"\b(?:{'|'.join(sorted(FIGURE_NOUNS))})\s+of\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?"
    r"(?P<noun>[a-z]{3,}s|people)\b[^.;:\d]{0,100}?\bat\s+$",
    re.IGNORECASE,
)
_COMPOUND_NOUN = re.compile(r"^-(?P<noun>[a-z]{3,})\b(?!-)")
_PART_OF = re.compile(
    r"^\s+of\s+(?:the|their|his|her|its|our|those|these)\s+(?:[a-z]+\s+)?(?P<noun>[a-z]{3,}s|[a-z]{3,}ed|dead|missing)\b"
)


# Pounds of a thing that is no money are a weight: "800 pounds of grain", not "2 million
# pounds of public money".
_WEIGHT_OF = re.compile(
    r"^\s*pounds?\s+of\s+(?!(?:the\s+)?(?:public|taxpayers?['’]?|state|government|investment"
    r"|funding|money|cash|aid|debt|savings|spending|revenue|profits?|losses)\b)",
    re.IGNORECASE,
)


def _money(quantity: Quantity, after: str, noun_after: str) -> _Reading | None:
    """An amount of money in one currency's units: "$6.3bn", "US$1.86", "5 billion euros"."""
    currency = CURRENCY_CODES.get(quantity.currency.lower())
    end = quantity.end
    named = _CURRENCY_AFTER.match(after)
    if currency is None and named and _WEIGHT_OF.match(after):
        return None  # "a ton is 2,000 pounds of steel": a weight, no price
    if currency is None and named:
        currency = CURRENCY_CODES.get(named.group("name").lower().split()[0])
        end += named.end()
    if currency is None:
        return None
    scale = SCALE_SUFFIXES.get(quantity.unit, 1.0) if quantity.unit else 1.0
    if quantity.unit and quantity.unit not in SCALE_SUFFIXES:
        return None  # "$5 km" makes no sense: not money
    low, high = quantity.low * scale, quantity.high * scale
    if currency == "cent":
        currency, low, high = "usd", low / 100, high / 100
    noun = noun_after or _head_noun(after[end - quantity.end :])
    return _Reading(Slot.MONEY, low, high, end, unit=currency, value=_number(low, high), noun=noun)


_HEAD_WORD = re.compile(r"^[ -](?P<word>[a-z]{3,})\b(?!-)")


def _head_noun(after: str) -> str:
    """The noun an amount stands before, which names it: "a $2 million fine", "a $40bn
    deal" -> "fine", "deal".  A word that is a past or present verb form ("$2 million
    raised", "$5bn goes to") names what happened to the money, not what it is."""
    found = _HEAD_WORD.match(after)
    if not found:
        return ""
    word = found.group("word")
    if word in STOPWORDS or word in _UNIT_WORDS or verb_tags(word) & {"VBD", "VBN", "VBZ", "VBG"}:
        return ""
    return noun_lemma(word) or ""


def _length(quantity: Quantity, after: str) -> _Reading | None:
    unit = quantity.unit if quantity.unit in METRES_PER else ""
    end = quantity.end
    if not unit:
        written = _LENGTH_AFTER.match(after)
        name = " ".join(written.group("unit").lower().replace("-", " ").split()) if written else ""
        if name not in METRES_PER:
            return None
        unit, end = name, quantity.end + written.end()  # type: ignore[union-attr]
    scale = METRES_PER[unit]
    return _Reading(Slot.DISTANCE, quantity.low * scale, quantity.high * scale, end, unit="m")


def _read_rank(clause: str, match: re.Match[str], words: _Words, add: Callable[..., None]) -> None:
    ordinal = match.group("ordinal").lower()
    rank = ORDINALS.get(ordinal) or int(re.sub(r"\D", "", ordinal))
    superlative = match.group("superlative").lower().split()[-1]
    if not superlative.endswith("est") and not match.group("superlative").lower().startswith(
        "most"
    ):
        return
    if superlative in ("best", "least", "most", "latest", "earliest", "west", "test", "rest"):
        return  # "the second best", "at least": not a ranking by size
    noun = _noun_after(clause, match.end())
    measure = words.measure(match.start(), match.end(), noun=noun, event=lemma(superlative))
    add(Slot.RANK, str(rank), match.start(), match.end(), low=float(rank), high=float(rank),
        measure=measure)  # fmt: skip


def _read_score(clause: str, match: re.Match[str], words: _Words, add: Callable[..., None]) -> None:
    sets = re.findall(r"\d{1,3}-\d{1,3}", match.group())
    before = _before(clause, match.start())
    after = clause[match.end() :]
    between_names = _NAME_END.search(before) and _NAME_START.match(after)
    if len(sets) == 1 and not (
        _RESULT_WORD.search(before) or _RESULT_NOUN_AFTER.match(after) or between_names
    ):
        return
    # "Spurs 0-2 Liverpool" and "Liverpool won 2-0" state one result: the larger tally first.
    value = ",".join("-".join(sorted(s.split("-"), key=int, reverse=True)) for s in sets)
    measure = words.measure(match.start(), match.end(), noun="score")
    add(Slot.SCORE, value, match.start(), match.end(), measure=measure)


# --- the words around a value -------------------------------------------------------------------


class _Words:
    """A clause's tokens with their lemmas, read once, for every value's context."""

    def __init__(self, clause: str) -> None:
        self.clause = clause
        self.tokens = tokenize(clause)
        self.lemmas = [lemma(t.text) for t in self.tokens]
        self.lowered = [t.text.lower() for t in self.tokens]
        self._starts = [t.start for t in self.tokens]
        self._ends = [t.end for t in self.tokens]

    def measure(
        self, start: int, end: int, *, noun: str = "", event: str = "", unit: str = ""
    ) -> Measure:
        # Bisection, not a scan: a clause of thousands of figures stays linear.
        first = bisect.bisect_right(self._ends, start)
        last = bisect.bisect_left(self._starts, end)
        noun = noun or self._noun_before(first)
        event = event or self._verb_near(first, last, noun)
        return Measure(
            unit=unit, noun=noun, event=event, context=self._context(first, last, noun, event)
        )

    def fate_after(self, end: int) -> str:
        """What befell the people just counted, said right after them, in the same phrase:
        "31 people are still unaccounted for"."""
        last = self._past_aside(end, bisect.bisect_left(self._starts, end))
        for index in range(last, min(len(self.tokens), last + _FATE_REACH)):
            word = self.lowered[index]
            if word in _PHRASE_BREAKS or word in ("or", "nor"):
                return ""
            fate = fate_of(self.lemmas[index])
            if fate:
                return fate
        return ""

    def participle_after(self, end: int) -> str:
        """The event of a past participle right after ``end``: "31 people detained"."""
        index = bisect.bisect_left(self._starts, end)
        if index >= len(self.tokens) or self.clause[end : self._starts[index]].strip():
            return ""
        word = self.lowered[index]
        tags = verb_tags(word)  # a regular participle is listed as its past tense
        if word in HELPING_VERBS:
            return ""  # "nine people had to be moved": what befell them comes later
        if not self.tokens[index].text.islower() or not tags & {"VBD", "VBN"}:
            return ""
        if noun_lemma(word) and "VBN" not in tags:
            return ""
        return verb_lemma(word) or ""

    def _past_aside(self, end: int, index: int) -> int:
        """The first token after an aside set off by commas right after ``end`` ("18 people,
        two pilots among them, were hurt"), else ``index`` (the first token after ``end``)."""
        if index >= len(self.tokens) or "," not in self.clause[end : self._starts[index]]:
            return index
        for after in range(index + 1, min(len(self.tokens), index + 1 + _ASIDE_WORDS)):
            if "," in self.clause[self._ends[after - 1] : self._starts[after]]:
                return after
            if self.lowered[after] in _PHRASE_BREAKS:
                break
        return index

    def _content(self, index: int) -> bool:
        word = self.lowered[index]
        return (
            word not in STOPWORDS
            and word not in _UNIT_WORDS
            and word not in HELPING_VERBS
            and not any(ch.isdigit() for ch in word)
            and len(word) > 1
        )

    def _context(self, first: int, last: int, noun: str, event: str) -> tuple[str, ...]:
        order = []
        for distance in range(1, _CONTEXT_WINDOW + 1):
            for index in (first - distance, last - 1 + distance):
                if 0 <= index < len(self.tokens) and self._content(index):
                    order.append(self.lemmas[index])
        return tuple(dict.fromkeys(w for w in (noun, event, *order) if w))

    def _noun_before(self, first: int) -> str:
        """The noun a figure qualifies, said before it: "a majority of 80", or the subject
        of a verb of quantity: "Shares in the firm fell 2.8%", "revenue came to $6.3bn".

        Any other verb between them ends the search ("the boat capsized, killing seven"
        does not count boats).  A capitalised word inside the clause is a name, whose
        figure it is (its owner), not what it measures.
        """
        for index in range(first - 1, max(-1, first - 1 - _NOUN_LOOK_BACK), -1):
            word = self.lowered[index]
            if verb_lemma(word) in FIGURE_VERBS and (
                only_a_verb(word) or verb_tags(word) & {"VBD", "VBZ"}
            ):
                return self._subject_before(index)
            if self._is_verb(index):
                return ""
            found = self._common_noun(index)
            if found:
                return found
        return ""

    def _number_at(self, index: int) -> bool:
        return index < len(self.tokens) and parse_number(self.lowered[index]) is not None

    def _is_verb(self, index: int) -> bool:
        word = self.lowered[index]
        return only_a_verb(word) or bool(verb_tags(word) & {"VBD", "VBG"} and not noun_lemma(word))

    def _common_noun(self, index: int) -> str:
        """The noun lemma of a content word that is no name, else ""."""
        word = self.lowered[index]
        if not self._content(index) or "VBG" in verb_tags(word):
            return ""
        if not self.tokens[index].text.islower() and index > 0:
            return ""  # a name inside the clause (the first word is capitalised anyway)
        found = noun_lemma(word)
        return found if found and not verb_tags(word) & {"VBD", "VBN"} else ""

    def _subject_before(self, verb: int) -> str:
        """The head of the phrase before a verb: its first noun ("Shares in the firm"), or
        what a figure noun counts ("the number of arrests": arrests)."""
        start = verb
        while start > 0 and self.lowered[start - 1] not in _PHRASE_BREAKS:
            start -= 1
        head = ""
        for index in range(start, verb):
            found = self._common_noun(index)
            if not found:
                continue
            if head:  # the noun after "the number of"
                return found
            if found not in FIGURE_NOUNS or index + 1 >= verb or self.lowered[index + 1] != "of":
                return found
            head = found
        return head

    def _breaks_after(self, index: int) -> bool:
        """Whether a phrase ends right after token ``index`` ("and", a comma)."""
        if self.lowered[index] in _PHRASE_BREAKS:
            return True
        following = self._starts[index + 1] if index + 1 < len(self.tokens) else len(self.clause)
        return bool(_PHRASE_STOP_MARK.search(self.clause, self._ends[index], following))

    def _lives_follow(self, index: int) -> bool:
        following = self.lowered[index + 1 : index + 3]
        return "lives" in following or "life" in following

    def _phrasal(self, index: int) -> str:
        """The event a verb names with the particle right after it ("took off": depart)."""
        if index + 1 >= len(self.tokens):
            return ""
        verb = verb_lemma(self.lowered[index])
        return (phrasal_event(verb, self.lowered[index + 1]) or "") if verb else ""

    def _verb_near(self, first: int, last: int, noun: str = "") -> str:
        """The verb a value belongs to: the nearest before it in its phrase, else one just
        after ("over 90 dead and 20,000 homeless": the 20,000 are not the dead).  The
        value's own noun after it is no verb ("a $2 million fine")."""
        before = []
        for index in range(first - 1, max(-1, first - 1 - _VERB_LOOK_BACK), -1):
            if self._breaks_after(index):
                break
            before.append(index)
        # "nine had to be moved": the helping verbs right after a value lead to its verb.
        start = last
        while start < len(self.tokens) and self.lowered[start] in _VERB_GROUP:
            start += 1
        after = []
        for index in range(start, min(len(self.tokens), start + 3)):
            if self.lowered[index] in ("and", "or") and self._number_at(index + 1):
                break  # "nine rebounds and five assists": the assists are another figure's
            after.append(index)
        candidates = [*before, *after]
        for index in candidates:
            word = self.lowered[index]
            if word in HELPING_VERBS or word in STOPWORDS or not self.tokens[index].text.islower():
                continue
            if index == last and noun and noun_lemma(word) == noun:
                continue
            if verb_lemma(word) in _LIVES_ENDED and self._lives_follow(index):
                # "lost their lives", "claimed 12 lives": read before the reporting verbs
                # are passed over, since "claimed" may also mean "said"
                return "die"
            event = event_of(word)
            if event in REPORTING_EVENTS:
                continue
            phrasal = self._phrasal(index)
            if phrasal:
                return phrasal
            # "per share", "the cut": a bare form that can be a noun is taken for a verb only
            # when the event lexicon knows it; an inflected one ("shared") is a verb.
            inflected = verb_tags(word) & {"VBD", "VBN", "VBG", "VBZ"}
            if (event or only_a_verb(word) or inflected) and (
                not noun_lemma(word) or event or verb_tags(word) & {"VBD", "VBN"}
            ):
                return verb_lemma(word) or word
        return ""


_RATE_NOUN = re.compile(r"^\s+(?:a|an|per|in|of)\s+(?P<noun>[a-z]+)\b")


def _rate_noun(clause: str, end: int) -> str:
    """What an amount or share is of, said after it: "$1.91 a share", "$6.3bn in revenue"."""
    found = _RATE_NOUN.match(clause[end : end + 40])
    if not found:
        return ""
    word = found.group("noun")
    if word in STOPWORDS or word in _UNIT_WORDS:
        return ""
    return noun_lemma(word) or ""


def _noun_after(clause: str, end: int) -> str:
    """The noun right after a value, in the same phrase: "a 9-year-old boy" -> "boy".

    A capitalised word is a name or a demonym, never the noun: "a 9-year-old Ruritanian
    boy" -> "boy", "the 41-year-old Ana Ruiz" -> ""."""
    phrase = re.split(r"[,;:()]", clause[end : end + 40], maxsplit=1)[0]
    for token in tokenize(phrase)[:3]:
        word = token.text.lower()
        if word in STOPWORDS or word in _UNIT_WORDS or token.text[:1].isupper():
            continue
        return noun_lemma(word) or lemma(word)
    return ""


def _duration_noun(clause: str, end: int) -> str:
    """What a duration measures when a noun follows it: "a 90-minute luncheon"."""
    following = re.match(r"^[\s-]*(?:long\s+)?([a-z]+)", clause[end:])
    if not following:
        return ""
    word = following.group(1).lower()
    if word in _ELAPSED:
        return "elapsed"
    if word in STOPWORDS:
        return ""
    return noun_lemma(word) or verb_lemma(word) or ""  # an adverb ("already") names nothing


# Verbs that say what a figure came to: their subject is what the figure measures.
FIGURE_VERBS = frozenset(
    "be come reach rise fall total stand hit grow climb drop increase decrease amount jump "
    "slip plunge soar top surge tumble sink slide gain lose ease edge dip".split()
)
# Verbs that end lives when lives are their object: "lost their lives", "claimed 12 lives".
_LIVES_ENDED = frozenset({"lose", "claim", "take", "cost"})
_LIVES_LOST = _LIVES_ENDED | {"leave", "die", ""}
"""The events of a count of lives that count the dead: "40 lives lost", "left 12 lives"."""
_PHRASE_STOP_MARK = re.compile(r"[,;:()—–]")
_PHRASE_BREAKS = frozenset({",", ";", "and", "but", "while", "as", "after", "before", "when"})

_ASIDE_WORDS = 5
"""Words of an aside between a count and what befell the people ("two pilots among them")."""

_FATE_REACH = 5
"""Words after a count searched for what befell the people ("15 still unaccounted for")."""


def _people_counted(measure: Measure) -> Measure:
    """A count of people is a count of what befell them: "killed 12 people", "12 deaths"
    and "the death toll" all count the dead; "people" alone names no group; lives lost,
    claimed or left are deaths ("40 lives lost"), lives saved are not."""
    if measure.noun == "life" and measure.event in _LIVES_LOST:
        return dataclasses.replace(measure, noun="", event="die")
    fate = fate_of(measure.noun) or fate_of(measure.event)
    noun = "" if measure.noun in GENERIC_PEOPLE or fate_of(measure.noun) else measure.noun
    if fate is None and noun == measure.noun:
        return measure
    return dataclasses.replace(measure, noun=noun, event=fate or measure.event)


def _free(start: int, end: int, taken: bytearray) -> bool:
    return not any(taken[start:end])


def _ends_phrase(word: str) -> bool:
    return word in STOPWORDS or word in PHRASE_ENDERS


def _number(low: float, high: float) -> str:
    return f"{low:g}" if low == high else f"{low:g}-{high:g}"


def _before(text: str, position: int) -> str:
    return text[max(0, position - _LOOK_BACK) : position]
