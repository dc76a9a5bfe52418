"""One clause's text -> its typed facts: when, how much, which name, whose first.

Weekdays, dates, months, years and clock times (each with the event it dates);
measured values, read by ``reconcile.measures`` (counts, money, percentages,
distances, speeds, durations, ages, ranks, match minutes, scores); and, from the
clause's names, the towns and venues where it happened, designations ("Flight
JT 610") and a country's firsts.  Every fact keeps its exact offsets into the
article.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence

from reconcile.entities import Mention, MentionKind, Token, tokenize
from reconcile.lexicon import (
    FATE_AFTER_BE,
    FATE_VERBS,
    HELPING_VERBS,
    INCIDENT_VERBS,
    PREPOSITIONS,
    REPORTING_EVENTS,
    SPEECH_VERBS,
    VENUE_WORDS,
    moment_of,
    phrasal_event,
    says_it_happened,
)
from reconcile.measures import read_measures
from reconcile.model import Fact, Hedge, Measure, Sentence, Slot
from reconcile.numbers import parse_number
from reconcile.places import COUNTRY
from reconcile.words import noun_lemma, only_a_verb, verb_lemma, verb_tags

_DAYS = "|".join(calendar.day_name)

_MONTH_NAMES = [m for m in calendar.month_name if m]

_MONTH_ABBR = [m for m in calendar.month_abbr if m] + ["Sept"]

_MONTH = "|".join([*_MONTH_NAMES, *_MONTH_ABBR])

_MONTH_NUMBER = {
    **{name.lower(): i for i, name in enumerate(calendar.month_name) if name},
    **{abbr.lower(): i for i, abbr in enumerate(calendar.month_abbr) if abbr},
    "sept": 9,
}

_WEEKDAY = re.compile(rf"\b(?:{_DAYS}|(?i:yesterday|tomorrow))\b")
"""A weekday, or a day named from the day of publication (``lexicon.RELATIVE_DAYS``)."""


_DATE = re.compile(
    rf"\b(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\.?(?:,?\s+(?P<y2>\d{{4}}))?"
    r"|\b(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})\b"
)

_MONTH_ALONE = re.compile(rf"\b(?:{'|'.join(_MONTH_NAMES)})\b")

EARLIER_YEAR = "earlier"
"""The value of a year told only as before another ("the previous year", "two years
earlier"): it sets a clause in another year, but two such are not one year.  A year
counted back from the page's ("last year", "17 years ago") is given its number once the
page's date is known (``year_before_page``)."""

_FROM_THE_PAGE = re.compile(r"^(?:last\s+year|(?P<n>[\w-]+)\s+years?\s+ago)$", re.IGNORECASE)


def year_before_page(text: str, published: int) -> str | None:
    """The year a phrase counted back from the page's year names, else None.

    >>> year_before_page("last year", 2024), year_before_page("17 years ago", 2018)
    ('2023', '2001')
    >>> year_before_page("the previous year", 2024) is None
    True
    """
    found = _FROM_THE_PAGE.match(text.strip())
    if not found:
        return None
    back = parse_number(found.group("n")) if found.group("n") else 1
    return str(published - int(back)) if back and back == int(back) else None


_EARLIER_YEAR = re.compile(
    r"\b(?:last|previous)\s+year\b"
    r"|\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+years?\s+(?:earlier|before|ago)\b",
    re.IGNORECASE,
)

# A day that starts a span: "closed since Monday", "from Friday", "between Friday and".
_SPAN_FROM = re.compile(r"\b(?:since|from|between)\s+(?:last\s+|this\s+)?$", re.IGNORECASE)

# A record that a year measures this by: "the worst since 1987", "the first since 1998".
_RECORD_SINCE = re.compile(
    r"\b(?:[a-z]+est|first|most|worst|best|fewest|least)\b[^.;:]*\bsince\s+$", re.IGNORECASE
)
_RECORD_REACH = 60
"""Characters before a year searched for the record it measures ("the wettest … since")."""

_YEAR = re.compile(r"(?<![\w$.,-])(?:19|20)\d{2}(?![\w-]|,\d)")

_TIME = re.compile(
    r"\b(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>[ap])\.?\s?m\b\.?"
    r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b(?![:\d])",
    re.IGNORECASE,
)

# "said Sunday", "told reporters on Monday": the day of the telling, not of the event.
_REPORTED_ON = re.compile(
    r"\b(?:" + "|".join(sorted(SPEECH_VERBS)) + r")(?:\s+\w+){0,2}?\s+(?:on\s+)?$", re.IGNORECASE
)

# "the toll climbed to 85 on Friday": the day the figure changed, not the day of the event.
_FIGURE_CHANGED = re.compile(
    r"\b(?:rose|risen|climbed|increased|jumped|grew|reached|fell|dropped)\b(?:\s+\S+){0,4}?\s+"
    r"(?:on\s+|by\s+)?$",
    re.IGNORECASE,
)

# "Four more bodies were recovered on Friday, bringing the toll to 51": one step of a
# search that goes on day after day; its day dates the step, not the disaster.
_A_STEP = re.compile(
    r"\b(?:raising|bringing|pushing|taking|lifting)\b[^.;]{0,40}?\b(?:toll|total|tally|number)\b"
    r"|\bmore\s+(?:bodies|remains|victims|deaths|survivors)\b",
    re.IGNORECASE,
)

_MAX_FACTS_PER_SLOT = 12
"""A clause with more values of one kind is a list or table, not one claim: they are dropped."""


def clause_facts(clause: str, offset: int) -> tuple[Fact, ...]:
    """The typed facts of one clause, in text order; ``offset`` is where it starts."""
    facts: list[Fact] = []
    taken = bytearray(len(clause))  # characters already read as part of a fact

    def add(slot: Slot, value: str, start: int, end: int, **extra: object) -> None:
        facts.append(
            Fact(slot, value, clause[start:end], offset + start, offset + end, **extra)  # type: ignore[arg-type]
        )
        taken[start:end] = b"\x01" * (end - start)

    dates: list[tuple[str, re.Match[str]]] = []
    for match in _DATE.finditer(clause):
        month = match.group("m1") or match.group("m2") or match.group("m3")
        day = match.group("d1") or match.group("d2") or match.group("d3")
        year = match.group("y1") or match.group("y2") or match.group("y3")
        number = int(month) if month.isdigit() else _MONTH_NUMBER[month.lower()]
        if not 1 <= int(day) <= 31 or not 1 <= number <= 12:
            continue
        value = f"{year or '????'}-{number:02d}-{int(day):02d}"
        add(Slot.DATE, value, match.start(), match.end())
        dates.append((value, match))
    a_step = _A_STEP.search(clause) is not None
    weekdays = list(_WEEKDAY.finditer(clause))
    for match in weekdays:
        about = _dated(clause, match, a_step)
        add(
            Slot.DAY,
            match.group().lower(),
            match.start(),
            match.end(),
            measure=Measure(event=about),
        )
    if not weekdays and len(dates) == 1:
        # A full date names a weekday too ("on January 2" and "on Wednesday" may be two days):
        # its value stays the date until extract finds the weekday from the page's date.
        # Two dates ("from 2 May to 9 May") are a span or a list: neither is the day.
        for value, match in dates:
            about = _dated(clause, match, a_step)
            add(Slot.DAY, value, match.start(), match.end(), measure=Measure(event=about))
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
                measure=Measure(event=about),
                hedge=hedge,
                low=low,
                high=high,
            )
    for match in _YEAR.finditer(clause):
        if _overlaps(match.start(), match.end(), taken):
            continue
        if _RECORD_SINCE.search(clause, max(0, match.start() - _RECORD_REACH), match.start()):
            continue  # "the wettest since 1987": a yardstick, not when this happened
        add(Slot.YEAR, match.group(), match.start(), match.end())
    for match in _EARLIER_YEAR.finditer(clause):
        add(Slot.YEAR, EARLIER_YEAR, match.start(), match.end())  # "last year's fire"
    read_measures(clause, taken, add)
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


def _fate_pattern() -> re.Pattern[str]:
    """ "was shot dead", "…, the mayor, is in a stable condition", "died".  The longest
    phrase is tried first, and before an adverb is skipped: "fatally wounded" is a death,
    not "wounded"."""
    be = {
        fate: "|".join(
            re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True)
        )
        for fate, phrases in FATE_AFTER_BE.items()
    }
    verbs = "|".join(FATE_VERBS)
    return re.compile(
        r"(?P<aside>\s*,(?:[^,;]{1,60},){1,2})?\s+(?:"
        r"(?:was|were|is|has\s+been|had\s+been|have\s+been)\s+(?:now\s+|later\s+)?"
        r"(?P<adverb>\w+ly\s+)??[\"“]?(?:"
        + "|".join(f"(?P<{fate}>{alternatives})" for fate, alternatives in be.items())
        + rf")|(?P<verb>{verbs}))\b",
        re.IGNORECASE,
    )


_FATE = _fate_pattern()
_UNSURE_ADVERBS = frozenset({"reportedly", "possibly", "allegedly", "apparently", "probably"})


def fate_facts(
    sentence: Sentence, start: int, end: int, mentions: Sequence[Mention]
) -> tuple[Fact, ...]:
    """What befell a person named right before it: "Ana Ruiz, 40, was wounded", "Ruiz died".

    Said of the name itself (after it, or after an aside set off by commas), never of
    someone else in the clause: "Ruiz's son was killed" is not Ruiz's fate.
    """
    text, base = sentence.text, sentence.start
    facts = []
    for mention in mentions:
        if mention.kind is not MentionKind.PERSON:
            continue
        found = _FATE.match(text, mention.end - base, end)
        if found is None or (found["adverb"] or "").strip().lower() in _UNSURE_ADVERBS:
            continue
        verb = found["verb"]
        fate = FATE_VERBS[verb.lower()] if verb else next(f for f in FATE_AFTER_BE if found[f])
        said = "verb" if verb else fate  # the group that holds the words
        whose = Measure(owner=mention.key)
        at, to = base + found.start(said), base + found.end(said)
        facts.append(Fact(Slot.FATE, fate, found[said], at, to, measure=whose))
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


def _dated(clause: str, match: re.Match[str], a_step: bool) -> str:
    """What a day dates: "Sunday's vote", "approved on Sunday", "arrived Sunday"; "report"
    for the day a figure was given or changed; "begin" for "shut since Monday"."""
    before = _before(clause, match.start())
    if a_step or _REPORTED_ON.search(before) or _FIGURE_CHANGED.search(before):
        return "report"
    if _SPAN_FROM.search(before):
        return "begin"  # when it began, not when it was shut
    return (
        _owned_event(clause, match.end())
        or _nearest_event_before(clause, match.start(), particles=True)
        or _next_event_after(clause, match.end())
    )


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

CLOCK_MARGIN = 2
"""Minutes either side of a time stated exactly on a multiple of five ("6:30" may be a
rounded 6:32); a time off those marks ("6:33") is as precise as it is written."""

CLOCK_HEDGED_MARGIN = 20
"""Minutes a hedge opens: "about 6:30" is 6:10-6:50, "shortly after 6:30" 6:30-6:50."""


def _clock_range(value: str, before: str) -> tuple[Hedge, float, float]:
    """The hedge of a clock time and the minutes of the day it may denote."""
    minutes = float(int(value[:2]) * 60 + int(value[3:]))
    hedge = _CLOCK_HEDGE.search(before)
    if hedge is None:
        margin = CLOCK_MARGIN if minutes % 5 == 0 else 0
        return Hedge.EXACT, minutes - margin, minutes + margin
    side = (hedge.group("side") or "").lower()
    if side == "after":
        return Hedge.AT_LEAST, minutes, minutes + CLOCK_HEDGED_MARGIN
    if side == "before":
        return Hedge.AT_MOST, minutes - CLOCK_HEDGED_MARGIN, minutes
    return Hedge.APPROXIMATE, minutes - CLOCK_HEDGED_MARGIN, minutes + CLOCK_HEDGED_MARGIN


def _owned_event(clause: str, position: int) -> str:
    """The event a day owns, said right after it: "Sunday's vote", "Sunday's deadly blast"."""
    owned = _POSSESSIVE_EVENT.match(clause, position)
    words = owned.group("words").split() if owned else ()
    return next(filter(None, map(_event_lemma, words)), "")


def _next_event_after(clause: str, position: int) -> str:
    """The verb the next few words name: "on Monday approved" dates an approval."""
    for token in tokenize(clause[position : position + _LOOK_BACK])[:_WORDS_TO_VERB]:
        event = _event_lemma(token.text.lower()) if token.text.islower() else ""
        if event:
            return event
    return ""


def _event_lemma(word: str) -> str:
    """The lemma of a word that names an event a day or time can date, else "".

    Words of the event lexicon count, and any other verb form that cannot be a noun
    ("exploded", "resigned"); reporting verbs ("said") and helping verbs do not.
    """
    kind = moment_of(word)
    if kind in REPORTING_EVENTS or word in HELPING_VERBS or word in SPEECH_VERBS:
        return ""
    if word in PREPOSITIONS:
        return ""  # "during", "following": read as participles, they name no event
    if kind:
        return verb_lemma(word) or noun_lemma(word) or word
    if only_a_verb(word) and verb_tags(word) & {"VBD", "VBN", "VBG", "VBZ"}:
        return verb_lemma(word) or word
    return ""


_POSSESSIVE_EVENT = re.compile(r"['’]s\s+(?P<words>[a-z]+(?:\s+[a-z]+)?)\b")
"""A day that owns what follows it, one word between at most: "Sunday's deadly blast"."""

_WORDS_TO_VERB = 3
"""How far after a day its verb may stand: "on Monday formally approved"."""


def _nearest_event_before(clause: str, position: int, *, particles: bool = False) -> str:
    """The lemma of the nearest verb before ``position`` that names an event, else "".

    With ``particles``, "flew out of Lyon" is a departure, not just travel.
    """
    tokens = tokenize(_before(clause, position))
    for index in range(len(tokens) - 1, -1, -1):
        event = _event_lemma(tokens[index].text.lower()) if tokens[index].text.islower() else ""
        if not event:
            continue
        following = tokens[index + 1].text.lower() if index + 1 < len(tokens) else ""
        phrasal = phrasal_event(event, following)
        if phrasal:
            return phrasal  # "took off": a departure
        if says_it_happened(event, following):
            return _incident_before(tokens, index)  # "the vote took place": the vote, if named
        if particles and moment_of(event) == "travel" and following in ("out", "off"):
            return "depart"
        if event in INCIDENT_VERBS:
            return _incident_before(tokens, index) or event
        return event
    return ""


_INCIDENT_REACH = 3
"""Words before an incident verb where the incident may stand: "a blast that struck"."""


def _incident_before(tokens: Sequence[Token], verb: int) -> str:
    """The incident named just before its verb: "the explosion that struck" -> explosion."""
    for index in range(verb - 1, max(-1, verb - 1 - _INCIDENT_REACH), -1):
        word = tokens[index].text.lower()
        event = _event_lemma(word) if tokens[index].text.islower() else ""
        if event and event not in INCIDENT_VERBS:
            return event
    return ""


_LOOK_BACK = 60
"""Characters before a value that may say what it is ("rose to", "said on", "about")."""


def _before(text: str, position: int) -> str:
    return text[max(0, position - _LOOK_BACK) : position]
