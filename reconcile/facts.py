"""One clause's text -> its typed facts: when, how long, how many, which name, whose first.

Weekdays, dates, months, years and clock times (each with the event it dates);
durations and counts with what they measure ("a 90-minute luncheon" is not the
"two-hour meeting"; "12 people were killed" counts the dead); lengths in metres;
game scores; and, from the clause's names, the towns and venues where it
happened, designations ("Flight JT 610") and a country's firsts.  Every fact
keeps its exact offsets into the article.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence

from reconcile.entities import Mention, MentionKind, tokenize
from reconcile.lexicon import (
    PHRASE_ENDERS,
    REPORTING_EVENTS,
    SPEECH_VERBS,
    STOPWORDS,
    VENUE_WORDS,
    event_of,
    is_people,
    moment_of,
    state_of_people,
    stem,
)
from reconcile.model import Fact, Hedge, Sentence, Slot
from reconcile.numbers import HEDGE_PATTERN, Quantity, bounds, find_quantities, hedge_before
from reconcile.places import COUNTRY

_DAYS = "|".join(calendar.day_name)

_MONTH_NAMES = [m for m in calendar.month_name if m]

_MONTH_ABBR = [m for m in calendar.month_abbr if m] + ["Sept"]

_MONTH = "|".join([*_MONTH_NAMES, *_MONTH_ABBR])

_MONTH_NUMBER = {
    **{name.lower(): i for i, name in enumerate(calendar.month_name) if name},
    **{abbr.lower(): i for i, abbr in enumerate(calendar.month_abbr) if abbr},
    "sept": 9,
}

_WEEKDAY = re.compile(rf"\b(?:{_DAYS})\b")

_DATE = re.compile(
    rf"\b(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\.?(?:,?\s+(?P<y2>\d{{4}}))?"
    r"|\b(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})\b"
)

_MONTH_ALONE = re.compile(rf"\b(?:{'|'.join(_MONTH_NAMES)})\b")

_EARLIER_YEAR = re.compile(
    r"\b(?:last|previous)\s+year\b"
    r"|\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+years?\s+(?:earlier|before|ago)\b",
    re.IGNORECASE,
)

_YEAR = re.compile(r"(?<![\w$.,-])(?:19|20)\d{2}(?![\w-]|,\d)")

_TIME = re.compile(
    r"\b(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>[ap])\.?\s?m\b\.?"
    r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b(?![:\d])",
    re.IGNORECASE,
)

_TIME_UNITS = {
    "second": 1 / 60,
    "minute": 1,
    "hour": 60,
    "day": 1440,
    "week": 10080,
    "month": 43800,
    "year": 525600,
}

_DURATION_AFTER = re.compile(
    r"^(?:[\s-]+)(?P<unit>second|minute|hour|day|week|month|year)(?P<plural>s)?(?P<rest>[\w-]*)",
    re.IGNORECASE,
)

_LENGTH_UNITS = {
    "m": 1.0, "metre": 1.0, "meter": 1.0, "metres": 1.0, "meters": 1.0,
    "km": 1000.0, "kilometre": 1000.0, "kilometer": 1000.0, "kilometres": 1000.0,
    "kilometers": 1000.0, "ft": 0.3048, "foot": 0.3048, "feet": 0.3048,
    "mile": 1609.34, "miles": 1609.34, "yard": 0.9144, "yards": 0.9144,
    "cm": 0.01, "mm": 0.001,
}  # fmt: skip

# A figure named before its number: "the death toll rose to 247", "put the toll at 120",
# "a magnitude of 6.2", "measuring 5.5".  Searched in a bounded window before the number.
_FIGURE_BEFORE = re.compile(
    r"(?:\b(?P<toll>(?:death\s+)?toll|number\s+of\s+(?:the\s+)?"
    r"(?:dead|deaths|fatalities|victims|people\s+(?:killed|dead|who\s+died)))\b"
    r"[^.;:\d]{0,100}?\b(?:at|to|of|reached|hit|topped|passed|is|was|stood\s+at)"
    r"|\bmagnitude(?:\s+of)?|\bmeasur(?:ing|ed)(?:\s+at)?(?:\s+magnitude)?)"
    rf"(?:\s+(?:{HEDGE_PATTERN}))?\s+$",
    re.IGNORECASE,
)

_FIGURE_LOOK_BACK = 160
# "a crowd of about 69,000", "a town of 27,000": a number of people, named before it.
_PEOPLE_OF = re.compile(
    r"\b(?:crowd|audience|town|city|village|community|population)\s+of\s+"
    rf"(?:(?:{HEDGE_PATTERN})\s+)?$",
    re.IGNORECASE,
)

_AGE_AT = re.compile(r"(?:^|[,;]\s*)(?:[Aa]t|[Aa]ged)\s+$|\baged\s+$")

_AGE_AFTER = re.compile(r"\s*(?:,|$)|\s+(?:is|was|became|has|had)\b")

# "the quake killed 120 people": what happened to them, said before the number.
_STATE_BEFORE = re.compile(
    rf"\b(?P<state>killed|injured|wounded|hurt)\s+(?:(?:{HEDGE_PATTERN})\s+)?$",
    re.IGNORECASE,
)

# What happened to the people counted: "12 people were killed", "15 people still unaccounted".
_STATE_AFTER = re.compile(
    r"\s+(?:(?:were|was|are|is|have|has|had|been|being|still|later|reportedly|confirmed|"
    r"feared|believed|left|remain|remained)\s+){0,3}(?P<state>[a-z]+)",
    re.IGNORECASE,
)

_NOUN_AFTER = re.compile(r"^\s+(?P<words>(?:[a-z][a-z-]*\s+){0,1}[a-z][a-z-]*)")

# "said Sunday", "told reporters on Monday": the day of the telling, not of the event.
_REPORTED_ON = re.compile(
    r"\b(?:" + "|".join(sorted(SPEECH_VERBS)) + r")(?:\s+\w+){0,2}?\s+(?:on\s+)?$", re.IGNORECASE
)

# "the toll rose to 247 on Thursday": the day the figure changed, not the day of the event.
_FIGURE_CHANGED = re.compile(
    r"\b(?:rose|risen|climbed|increased|jumped|grew|reached|fell|dropped)\b(?:\s+\S+){0,4}?\s+"
    r"(?:on\s+|by\s+)?$",
    re.IGNORECASE,
)

# "Seven more bodies were found on Thursday, bringing the toll to 63": one step of a
# search that goes on day after day; its day dates the step, not the disaster.
_A_STEP = re.compile(
    r"\b(?:raising|bringing|pushing|taking|lifting)\b[^.;]{0,40}?\b(?:toll|total|tally|number)\b"
    r"|\bmore\s+(?:bodies|remains|victims|deaths|survivors)\b",
    re.IGNORECASE,
)

_NAME_BEFORE = re.compile(r"\b(?P<word>[A-Z][\w-]*|No\.)\s*$")

_GAME_SCORE = re.compile(r"(?<![\w.-])\d{1,2}-\d{1,2}-?(?:,\s*\d{1,2}-\d{1,2}){0,4}(?![\w-])")

_RESULT_WORD = re.compile(
    r"\b(?:won|wins?|beat|beats|defeated|lost|loses|led|leads|trailed|drew|victory|score[ds]?)"
    r"(?:\s+\S+){0,3}\s*$",
    re.IGNORECASE,
)

_MAX_FACTS_PER_SLOT = 12
"""A clause with more values of one kind is a list or table, not one claim: they are dropped."""

_ELAPSED = frozenset({"after", "afterwards", "afterward", "later", "earlier", "before", "ago"})


def clause_facts(clause: str, offset: int, events: tuple[str, ...]) -> tuple[Fact, ...]:
    """The typed facts of one clause, in text order; ``offset`` is where it starts.

    ``events`` are the clause's event classes: a duration or time with no noun of its own
    measures the clause's event.
    """
    facts: list[Fact] = []
    taken = bytearray(len(clause))  # characters already read as part of a fact

    def add(slot: Slot, value: str, start: int, end: int, **extra: object) -> None:
        facts.append(
            Fact(slot, value, clause[start:end], offset + start, offset + end, **extra)  # type: ignore[arg-type]
        )
        taken[start:end] = b"\x01" * (end - start)

    for match in _DATE.finditer(clause):
        month = match.group("m1") or match.group("m2") or match.group("m3")
        day = match.group("d1") or match.group("d2") or match.group("d3")
        year = match.group("y1") or match.group("y2") or match.group("y3")
        number = int(month) if month.isdigit() else _MONTH_NUMBER[month.lower()]
        if not 1 <= int(day) <= 31 or not 1 <= number <= 12:
            continue
        value = f"{year or '????'}-{number:02d}-{int(day):02d}"
        add(Slot.DATE, value, match.start(), match.end())
    a_step = _A_STEP.search(clause) is not None
    for match in _WEEKDAY.finditer(clause):
        before = _before(clause, match.start())
        if a_step or _REPORTED_ON.search(before) or _FIGURE_CHANGED.search(before):
            about = "report"
        else:  # what the day dates: "approved on Sunday", "left on Tuesday", "arrived Sunday"
            about = _nearest_event_before(
                clause, match.start(), particles=True
            ) or _next_event_after(clause, match.end())
        add(Slot.DAY, match.group().lower(), match.start(), match.end(), about=about)
    for match in _MONTH_ALONE.finditer(clause):
        if _overlaps(match.start(), match.end(), taken):
            continue
        if match.group() == "May" and not clause[max(0, match.start() - 3) : match.start()].strip():
            continue  # "May" opening a clause is more often the verb
        add(Slot.MONTH, match.group().lower(), match.start(), match.end())
    for match in _TIME.finditer(clause):
        if _overlaps(match.start(), match.end(), taken):
            continue
        value = _clock(match)
        if value:
            about = _nearest_event_before(clause, match.start())
            hedge, low, high = _clock_range(value, _before(clause, match.start()))
            add(
                Slot.TIME,
                value,
                match.start(),
                match.end(),
                about=about,
                hedge=hedge,
                low=low,
                high=high,
            )
    for match in _YEAR.finditer(clause):
        if not _overlaps(match.start(), match.end(), taken):
            add(Slot.YEAR, match.group(), match.start(), match.end())
    for match in _EARLIER_YEAR.finditer(clause):
        add(Slot.YEAR, "earlier", match.start(), match.end())  # "last year's fire"
    for match in _GAME_SCORE.finditer(clause):
        sets = re.findall(r"\d{1,2}-\d{1,2}", match.group())
        if len(sets) > 1 or _RESULT_WORD.search(_before(clause, match.start())):
            add(Slot.COUNT, ",".join(sets), match.start(), match.end(), about="score")
    for quantity in find_quantities(clause):
        if _overlaps(quantity.start, quantity.end, taken):
            continue
        fact = _measure(clause, quantity, events)
        if fact is not None:
            slot, value, end, about, low, high = fact
            a, b = bounds(low, high, quantity.hedge)
            add(slot, value, quantity.start, end, hedge=quantity.hedge, low=a, high=b, about=about)
    for match in re.finditer(r"\b(?:an|one|half an)\s+hour\b|\bhour-long\b", clause, re.IGNORECASE):
        if not _overlaps(match.start(), match.end(), taken):
            minutes = 30.0 if match.group().lower().startswith("half") else 60.0
            about = _duration_about(clause, match.end(), events)
            hedge = hedge_before(_before(clause, match.start()))  # "about an hour"
            low, high = bounds(minutes, minutes, hedge)
            add(
                Slot.DURATION,
                f"{minutes:g}",
                match.start(),
                match.end(),
                hedge=hedge,
                low=low,
                high=high,
                about=about,
            )
    per_slot: dict[Slot, int] = {}
    for fact in facts:
        per_slot[fact.slot] = per_slot.get(fact.slot, 0) + 1
    kept = [f for f in facts if per_slot[f.slot] <= _MAX_FACTS_PER_SLOT]
    kept.sort(key=lambda f: (f.start, f.slot))
    return tuple(kept)


def name_facts(sentence: Sentence, mentions: Sequence[Mention]) -> tuple[Fact, ...]:
    """Named towns and venues (where it happened) and designations (which plane, which flight)."""
    facts = []
    for mention in mentions:
        is_town = (
            mention.kind is MentionKind.PLACE and mention.place and mention.place.kind == "city"
        )
        is_venue = (
            mention.kind is MentionKind.ORGANISATION and mention.key.split()[-1] in VENUE_WORDS
        )
        slot = (
            Slot.PLACE
            if is_town or (is_venue and " " in mention.key)
            else Slot.DESIGNATION
            if mention.kind is MentionKind.DESIGNATION
            else None
        )
        if slot is not None:
            text = sentence.text[mention.start - sentence.start : mention.end - sentence.start]
            facts.append(Fact(slot, mention.key, text, mention.start, mention.end))
    return tuple(facts)


_FIRST = re.compile(r"\bfirst\b", re.IGNORECASE)

_NEXT_WORD = re.compile(r"\s+([\w'’-]+)")

_WORDS_AFTER_FIRST = 6
"""How far after "first" a country may stand: "the first woman in history from Kenya"."""

_WORDS_BEFORE_DEMONYM = 2
"""At most this many words between "first" and a demonym: "the first ever female Kenyan"."""


def first_facts(
    sentence: Sentence, start: int, end: int, mentions: Sequence[Mention]
) -> tuple[Fact, ...]:
    """A first for a country: "Kenya's first", "the first Kenyan", "the first woman from Kenya".

    A record worth checking across sources, and one no other fact carries.
    """
    text, base = sentence.text, sentence.start
    # Countries by where their names start and end, so each "first" looks only at its
    # neighbours: a clause of thousands of names stays linear.
    starting: dict[int, Mention] = {}
    ending: dict[int, Mention] = {}
    for m in mentions:
        if (
            m.kind in (MentionKind.PLACE, MentionKind.DEMONYM)
            and m.place
            and m.place.kind == COUNTRY
        ):
            starting[m.start - base] = m
            ending[m.end - base] = m
    facts = []
    for match in _FIRST.finditer(text, start, end):
        country = _owner_of(text, match.start(), ending) or _country_after(
            text, match.end(), starting
        )
        if country is None:
            continue
        span_start = min(match.start(), country.start - base)
        span_end = max(match.end(), country.end - base)
        value = f"first:{country.place.countries[0]}"  # type: ignore[union-attr]
        facts.append(
            Fact(Slot.FIRST, value, text[span_start:span_end], base + span_start, base + span_end)
        )
    return tuple(facts)


def _owner_of(text: str, first_at: int, ending: dict[int, Mention]) -> Mention | None:
    """The country whose "first" this is: "Kenya's first"."""
    gap = first_at
    while gap > 0 and text[gap - 1].isspace():
        gap -= 1
    if gap == first_at or text[gap - 2 : gap] not in ("'s", "’s"):
        return None
    return ending.get(gap) or ending.get(gap - 2)


def _country_after(text: str, first_end: int, starting: dict[int, Mention]) -> Mention | None:
    """A demonym or "from <country>" just after "first": "the first Kenyan", "… from Kenya"."""
    position = first_end
    after_from = False
    for index in range(_WORDS_AFTER_FIRST):
        word = _NEXT_WORD.match(text, position)
        if word is None:
            return None
        found = starting.get(word.start(1))
        if found is not None:
            if found.kind is MentionKind.DEMONYM and index <= _WORDS_BEFORE_DEMONYM:
                return found
            if found.kind is MentionKind.PLACE and after_from:
                return found
        after_from = word.group(1).lower() == "from"
        position = word.end()
    return None


def _overlaps(start: int, end: int, taken: bytearray) -> bool:
    return any(taken[start:end])


def _clock(match: re.Match[str]) -> str | None:
    if match.group("h24") is not None:
        return f"{int(match.group('h24')):02d}:{match.group('m24')}"
    hour = int(match.group("h"))
    if not 1 <= hour <= 12:
        return None
    minute = int(match.group("m") or 0)
    if match.group("ampm").lower() == "p" and hour != 12:
        hour += 12
    elif match.group("ampm").lower() == "a" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


_CLOCK_HEDGE = re.compile(
    r"\b(?P<word>about|around|approximately|roughly|shortly|just|soon)(?:\s+(?P<side>after|before))?\s+"
    r"(?:at\s+)?$",
    re.IGNORECASE,
)

CLOCK_MARGIN = 5
"""Minutes either side of a time stated exactly: "6:30" and "6:33" are one moment, rounded."""

CLOCK_HEDGED_MARGIN = 20
"""Minutes a hedge opens: "about 6:30" is 6:10-6:50, "shortly after 6:30" 6:30-6:50."""


def _clock_range(value: str, before: str) -> tuple[Hedge, float, float]:
    """The hedge of a clock time and the minutes of the day it may denote."""
    minutes = float(int(value[:2]) * 60 + int(value[3:]))
    hedge = _CLOCK_HEDGE.search(before)
    if hedge is None:
        return Hedge.EXACT, minutes - CLOCK_MARGIN, minutes + CLOCK_MARGIN
    side = (hedge.group("side") or "").lower()
    if side == "after":
        return Hedge.AT_LEAST, minutes, minutes + CLOCK_HEDGED_MARGIN
    if side == "before":
        return Hedge.AT_MOST, minutes - CLOCK_HEDGED_MARGIN, minutes
    return Hedge.APPROXIMATE, minutes - CLOCK_HEDGED_MARGIN, minutes + CLOCK_HEDGED_MARGIN


def _next_event_after(clause: str, position: int) -> str:
    """The event the next few words name: "on Monday approved" dates an approval."""
    for token in tokenize(clause[position : position + _LOOK_BACK])[:_WORDS_TO_VERB]:
        event = moment_of(token.text.lower())
        if event and event not in REPORTING_EVENTS:
            return event
    return ""


_WORDS_TO_VERB = 3
"""How far after a day its verb may stand: "on Monday formally approved"."""


def _nearest_event_before(clause: str, position: int, *, particles: bool = False) -> str:
    """The event (or travel phase) the nearest verb before ``position`` names, else "".

    With ``particles``, "flew out of Lyon" is a departure, not just travel.
    """
    tokens = tokenize(_before(clause, position))
    for index in range(len(tokens) - 1, -1, -1):
        event = moment_of(tokens[index].text.lower())
        if not event or event in REPORTING_EVENTS:
            continue
        following = tokens[index + 1].text.lower() if index + 1 < len(tokens) else ""
        if particles and event == "travel" and following in ("out", "off"):
            return "depart"
        return event
    return ""


def _measure(
    clause: str, quantity: Quantity, events: tuple[str, ...]
) -> tuple[Slot, str, int, str, float, float] | None:
    """(slot, value, end, about, low, high) for a number, or None if it counts nothing."""
    after = clause[quantity.end :]
    low, high = quantity.low, quantity.high
    if 1900 <= low <= 2099 and low == int(low):
        return None  # a year, read elsewhere
    if quantity.text.lower() == "half":
        return None  # "the second half", "half of them": no figure ("half an hour" is read apart)
    name = _NAME_BEFORE.search(_before(clause, quantity.start))
    if quantity.text[-1:].isdigit() and name and name.group("word").lower() not in STOPWORDS:
        return None  # part of a name or code: "Boeing 737", "MAX 8", "Apollo 11" (not "All 189")
    # Searched in the clause itself: "^" must be the clause's start, not a window's.
    age_at = _AGE_AT.search(clause, max(0, quantity.start - 12), quantity.start)
    if age_at and _AGE_AFTER.match(after):
        return Slot.COUNT, _number(low, high), quantity.end, "age", low, high  # "At 39, she…"
    duration = _DURATION_AFTER.match(after)
    if duration:
        unit = duration.group("unit").lower()
        rest = duration.group("rest").lower()
        end = quantity.end + duration.end()
        if rest.startswith("-old"):
            return Slot.COUNT, _number(low, high), end, "age", low, high
        minutes = _TIME_UNITS[unit]
        about = _duration_about(clause, end, events)
        value = _number(low * minutes, high * minutes)
        return Slot.DURATION, value, end, about, low * minutes, high * minutes
    unit = quantity.unit
    unit_match = re.match(r"^[\s-]*(?:nautical\s+)?([a-z]+)\b", after)
    if not unit and unit_match and unit_match.group(1) in _LENGTH_UNITS:
        unit = unit_match.group(1)
        end = quantity.end + unit_match.end()
    else:
        end = quantity.end
    if unit in _LENGTH_UNITS:
        if "nautical" in after[: end - quantity.end]:
            return None  # distances at sea: a different measure from depths and heights
        scale = _LENGTH_UNITS[unit]
        return (
            Slot.COUNT,
            _number(low * scale, high * scale),
            end,
            "length",
            low * scale,
            high * scale,
        )
    if unit == "%":
        return Slot.COUNT, _number(low, high), end, "percent", low, high
    named = _FIGURE_BEFORE.search(
        clause, max(0, quantity.start - _FIGURE_LOOK_BACK), quantity.start
    )
    if named and not unit:
        # "the death toll rose to 247", "a magnitude of 6.2": the figure is named before.
        about = stem("dead") if named.group("toll") else "magnitude"
        return Slot.COUNT, _number(low, high), quantity.end, about, low, high
    noun = _NOUN_AFTER.match(after)
    bare = not noun or _ends_phrase(noun.group("words").split()[0])
    if bare and _PEOPLE_OF.search(clause, max(0, quantity.start - _LOOK_BACK), quantity.start):
        return Slot.COUNT, _number(low, high), quantity.end, stem("people"), low, high
    if not noun or after[:1] == "-":
        return None
    words = noun.group("words").split()
    if _ends_phrase(words[0]) or words[0] in _ELAPSED:
        return None  # "one of them", "13 after", a bare number
    end = quantity.end + noun.end()
    if len(words) > 1 and (
        _ends_phrase(words[1]) or event_of(words[1]) or words[1].endswith(("ly", "ed"))
    ):  # "189 people aboard", "12 people died", "99 people remained": the noun is one word
        end -= len(after[: noun.end()]) - len(
            after[: noun.end()].rstrip()[: -len(words[1])].rstrip()
        )
        words = words[:1]
    about = " ".join(stem(w) for w in words)
    if is_people(about):
        after_noun = _STATE_AFTER.match(clause, end)
        before_number = _STATE_BEFORE.search(_before(clause, quantity.start))
        states = [m.group("state") for m in (after_noun, before_number) if m]
        about = next((g for s in states if (g := state_of_people(s))), about)
    return Slot.COUNT, _number(low, high), end, about, low, high


def _ends_phrase(word: str) -> bool:
    return word in STOPWORDS or word in PHRASE_ENDERS


def _duration_about(clause: str, end: int, events: tuple[str, ...]) -> str:
    """What a duration measures: the noun it qualifies, time elapsed, or the clause's event."""
    following = re.match(r"^[\s-]*(?:long\s+)?([a-z]+)", clause[end:])
    if following:
        word = following.group(1).lower()
        if word in _ELAPSED:
            return "elapsed"
        if clause[end : end + 1] in "- " and event_of(word):
            event = event_of(word)
            if event and event not in REPORTING_EVENTS:
                return event
    content = [e for e in events if e not in REPORTING_EVENTS]
    return content[0] if content else ""


def _number(low: float, high: float) -> str:
    return f"{low:g}" if low == high else f"{low:g}-{high:g}"


_LOOK_BACK = 60
"""Characters before a value that may say what it is ("rose to", "said on", "about")."""


def _before(text: str, position: int) -> str:
    return text[max(0, position - _LOOK_BACK) : position]
