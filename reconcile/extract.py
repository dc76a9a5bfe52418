"""Sentences -> claims: who, what event, where, when, how long, how many, who said what.

A sentence is cut into clauses at coordinating joints outside quotations
("She visited Kenya on Saturday …, before heading for Kampala on Sunday"
is two claims: the day of one is not the day of the other).  Each clause
becomes a ``Claim`` with its typed facts; a clause with no subject of its own
takes the sentence's, and "He"/"She" takes the person the text was last about.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reconcile.entities import (
    Mention,
    MentionKind,
    NameBook,
    find_mentions,
    names_for,
    tokenize,
)
from reconcile.facts import (
    EARLIER_YEAR,
    clause_facts,
    fate_facts,
    first_facts,
    name_facts,
    year_before_page,
)
from reconcile.lexicon import (
    HEDGE_WORDS,
    LISTENER_VERBS,
    NEGATIONS,
    RELATIVE_DAYS,
    SPEECH_VERBS,
    event_of,
)
from reconcile.model import Article, Claim, Fact, Quote, Sentence, Slot

_WEEKDAY_NUMBER = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_PAST = re.compile(r"\b(?:was|were|had|did|last|ago|earlier|\w+ed)\b", re.IGNORECASE)
_QUOTE_PAIR = re.compile(r"“([^”]*)(?:”|$)|\"([^\"]*)(?:\"|$)")

# Clause joints, tried only outside quotations.
# Each alternative starts at the first blank of a run ((?<!\s)), so a run of a thousand
# blanks is tried once, not a thousand times.
_CLAUSE_BREAK = re.compile(
    r";\s+"
    r"|,\s+(?=(?:and|but|before|after|while|whereas|although|though|only|where)\b)"
    r"|(?<!\s)\s+and\s+then\s+"
    r"|(?<!\s)\s+(?=(?:before|after)\s+\w+ing\b)"
    r"|(?<!\s)\s+but\s+"
)

_WORD_START = re.compile(r"(?<!\S)\S")
_MIN_CLAUSE_WORDS = 3
_UNIT_BEFORE = re.compile(r"\b(?:second|minute|hour|day|week|month|year|moment)s?\s*$")

_SPEECH = re.compile(
    r"\b(?:according\s+to|" + "|".join(sorted(SPEECH_VERBS)) + r")\b", re.IGNORECASE
)
_FAR = 1 << 62
_SUBJECT_LOOK_BACK = 120
"""Characters before a name searched for a verb: a name after its verb is an object."""
_DIGIT = re.compile(r"\d")
_LANDMARK_BEFORE = re.compile(
    r"\b(?:(?:north|south)(?:-?(?:east|west))?|east|west|outside|(?:km|kilometres|kilometers|"
    r"miles|metres|meters)\)?(?:\s+\w+)?)\s+(?:of|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:of|in|at|on|near|from|to|into|by|with|for|over|under|during|through|across|"
    r"around|outside|inside|between|among|towards?|against|via|amid)\s+"
    r"(?:(?:the|a|an|its|their|his|her)\s+)?$",
    re.IGNORECASE,
)


@dataclass
class _Context:
    """What earlier sentences of the article tell the next one."""

    recent_subjects: list[str] = field(default_factory=list)
    last_speaker: str | None = None


def extract_claims(article: Article, sentences: Sequence[Sentence]) -> tuple[Claim, ...]:
    """All claims of an article's sentences, in order."""
    names, aliases = _learn_names(sentences)
    context = _Context()
    claims: list[Claim] = []
    for sentence in sentences:
        claims.extend(_claims_of(sentence, names, aliases, context, len(claims)))
    if article.date is not None:
        claims = [_with_dated_weekdays(claim, article.date) for claim in claims]
    else:  # "yesterday" of an undated page names no day
        claims = [_without_relative_days(claim) for claim in claims]
    return tuple(claims)


def _without_relative_days(claim: Claim) -> Claim:
    """Only named weekdays: "yesterday" and the weekday of "January 2" need a page date."""
    kept = tuple(
        f for f in claim.facts if not (f.slot is Slot.DAY and f.value not in _WEEKDAY_NUMBER)
    )
    return claim if len(kept) == len(claim.facts) else dataclasses.replace(claim, facts=kept)


WEEKDAY_OF_DATE_REACH = 7
"""Days from publication within which a full date's weekday is kept as a day: a bare
weekday in news names a day of the week around publication, never one further off."""


def _weekday_of_date(value: str, published: dt.date) -> dt.date | None:
    """The day a full date ("????-01-02") names, its year (if unwritten) the one nearest the
    page's date; None if no weekday of the story can name it (see ``WEEKDAY_OF_DATE_REACH``)."""
    year, month, day = value.split("-")
    years = [int(year)] if year != "????" else [published.year + d for d in (-1, 0, 1)]
    found = []
    for number in years:
        try:
            found.append(dt.date(number, int(month), int(day)))
        except ValueError:  # "February 30"
            continue
    if not found:
        return None
    nearest = min(found, key=lambda date: abs((date - published).days))
    return nearest if abs((nearest - published).days) <= WEEKDAY_OF_DATE_REACH else None


def _with_dated_weekdays(claim: Claim, published: dt.date) -> Claim:
    """Pin each weekday to a calendar date, near the publication date, and each year
    counted back from the page's ("last year") to its number.

    News means the nearest such day: ahead for what "will" happen, back for what
    happened, else whichever is closer ("Monday" in a Sunday paper is tomorrow).
    The date is kept as an ordinal in ``low``/``high``, so two "Mondays" a week
    apart no longer agree.
    """
    facts = []
    for fact in claim.facts:
        if fact.slot is Slot.YEAR and fact.value == EARLIER_YEAR:
            year = year_before_page(fact.text, published.year)
            fact = fact if year is None else dataclasses.replace(fact, value=year)
        if fact.slot is Slot.DAY and fact.value not in _WEEKDAY_NUMBER:
            # "yesterday", or the weekday of a full date: that calendar day, if any
            date = (
                published + dt.timedelta(days=RELATIVE_DAYS[fact.value])
                if fact.value in RELATIVE_DAYS
                else _weekday_of_date(fact.value, published)
            )
            if date is None:
                continue
            value = calendar.day_name[date.weekday()].lower()
            ordinal = float(date.toordinal())
            fact = dataclasses.replace(fact, value=value, low=ordinal, high=ordinal)
        elif fact.slot is Slot.DAY:
            weekday = _WEEKDAY_NUMBER[fact.value]
            ahead = (weekday - published.weekday()) % 7
            behind = (published.weekday() - weekday) % 7
            if claim.hedged:
                delta = ahead
            elif _PAST.search(claim.text):
                delta = -behind
            else:
                delta = ahead if ahead <= behind else -behind
            day = (published + dt.timedelta(days=delta)).toordinal()
            fact = dataclasses.replace(fact, low=float(day), high=float(day))
        facts.append(fact)
    return dataclasses.replace(claim, facts=tuple(facts))


def _learn_names(sentences: Sequence[Sentence]) -> tuple[NameBook, dict[str, str]]:
    """First pass: which words this article capitalises, and its full person names."""
    capitalised: set[str] = set()
    for sentence in sentences:
        for token in tokenize(sentence.text)[1:]:
            if token.text[:1].isupper():
                capitalised.add(token.text)
    book = NameBook(capitalised=frozenset(capitalised))
    full_names: set[str] = set()
    for sentence in sentences:
        for mention in find_mentions(sentence.text, 0, sentence_start=True, names=book):
            if mention.kind is MentionKind.PERSON and " " in mention.key:
                full_names.add(mention.key)
    person_words = frozenset(w for name in full_names for w in name.split())
    # "Lee" -> "lee min ho" when exactly one full name of the article holds the word.
    holders: dict[str, set[str]] = {}
    for name in full_names:
        for word in name.split():
            holders.setdefault(word, set()).add(name)
    aliases = {w: next(iter(n)) for w, n in holders.items() if len(n) == 1}
    for name in full_names:
        aliases[name] = name
    return NameBook(capitalised=book.capitalised, person_words=person_words), aliases


def _claims_of(
    sentence: Sentence,
    names: NameBook,
    aliases: dict[str, str],
    context: _Context,
    first_index: int,
) -> list[Claim]:
    text = sentence.text
    base = sentence.start
    quotes_spans = _quote_spans(text)
    mentions = find_mentions(text, base, sentence_start=True, names=names_for(text, names))
    mentions = [_alias(m, aliases) for m in mentions]
    outside = [m for m in mentions if not _inside(m.start - base, m.end - base, quotes_spans)]
    sentence_names = _names(outside)
    masked = _mask(text, quotes_spans)
    clauses = _clauses(text, quotes_spans)
    first_clause_end = clauses[0][1]
    sentence_subject = _first_actor(
        [m for m in outside if m.start - base < first_clause_end],
        context,
        text=masked,
        base=base,
        exclude=sentence_names,
        earlier_subject=None,
    )
    speaker = _speaker(masked, base, outside, context, sentence_subject, sentence_names)
    quotes = tuple(
        Quote(text=text[a:b], start=base + a, end=base + b, speaker=speaker)
        for a, b in quotes_spans
        if b > a
    )
    claims: list[Claim] = []
    # Mentions and quotations are in text order: each clause takes its slice by bisection,
    # so a sentence of thousands of clauses stays linear.
    mention_starts = [m.start - base for m in outside]
    quote_starts = [q.start - base for q in quotes]
    quote_ends = [q.end - base for q in quotes]
    for clause_start, clause_end in clauses:
        clause_mentions = outside[
            bisect.bisect_left(mention_starts, clause_start) : bisect.bisect_left(
                mention_starts, clause_end
            )
        ]
        clause_quotes = quotes[
            bisect.bisect_right(quote_ends, clause_start) : bisect.bisect_left(
                quote_starts, clause_end
            )
        ]
        if clause_start == 0:
            subject = sentence_subject
        else:
            subject = (
                _first_actor(
                    clause_mentions,
                    context,
                    text=masked,
                    base=base,
                    start=clause_start,
                    exclude=sentence_names,
                    earlier_subject=sentence_subject,
                )
                or sentence_subject
            )
        claims.append(
            _claim(
                sentence,
                clause_start,
                clause_end,
                subject=subject,
                mentions=clause_mentions,
                quotes=clause_quotes,
                quotes_spans=quotes_spans,
                claim_id=f"{sentence.article_id}c{first_index + len(claims) + 1}",
            )
        )
    # A place, or a designation ("flight jt 610"), may be a subject but is never "he" or "she".
    if (
        sentence_subject
        and not sentence_subject.startswith("place:")
        and not _DIGIT.search(sentence_subject)
    ):
        context.recent_subjects.append(sentence_subject)
    if quotes:
        context.last_speaker = speaker
    elif not quotes_spans:
        context.last_speaker = None
    return claims


def _claim(
    sentence: Sentence,
    start: int,
    end: int,
    *,
    subject: str | None,
    mentions: list[Mention],
    quotes: tuple[Quote, ...],
    quotes_spans: list[tuple[int, int]],
    claim_id: str,
) -> Claim:
    text = sentence.text
    base = sentence.start
    clause = text[start:end]
    # "100 km northeast of Rome" locates by a landmark; Rome is not where it happened.
    mentions = [
        m
        for m in mentions
        if not (
            m.kind is MentionKind.PLACE
            and _LANDMARK_BEFORE.search(text, max(0, m.start - base - 40), m.start - base)
        )
    ]
    actors: list[str] = [subject] if subject and not subject.startswith("place:") else []
    for mention in mentions:
        if (
            mention.kind in (MentionKind.PERSON, MentionKind.ORGANISATION, MentionKind.DESIGNATION)
            and mention.key not in actors
        ):
            actors.append(mention.key)
    places = tuple(dict.fromkeys(m.key for m in mentions if m.kind is MentionKind.PLACE))
    tokens = tokenize(clause)
    plain = [
        t.text.lower() for t in tokens if not _inside(start + t.start, start + t.end, quotes_spans)
    ]
    # "Search and Rescue Agency" names an agency, not a rescue.
    in_name = bytearray(len(clause))
    for m in mentions:
        a, b = max(0, m.start - base - start), min(len(clause), m.end - base - start)
        in_name[a:b] = b"\x01" * max(0, b - a)
    events = tuple(
        dict.fromkeys(
            e
            for t in tokens
            if not in_name[t.start]
            and not _inside(start + t.start, start + t.end, quotes_spans)
            and (e := event_of(t.text.lower()))
        )
    )
    facts = (
        _with_owners(clause_facts(clause, base + start), mentions)
        + name_facts(sentence, mentions)
        + first_facts(sentence, start, end, mentions)
        + fate_facts(sentence, start, end, mentions)
    )
    return Claim(
        id=claim_id,
        article_id=sentence.article_id,
        sentence=sentence,
        start=base + start,
        end=base + end,
        subject=subject,
        actors=tuple(actors),
        places=places,
        events=events,
        facts=facts,
        quotes=quotes,
        negated=any(w in NEGATIONS or w.endswith("n't") for w in plain),
        hedged=any(w in HEDGE_WORDS for w in plain),
    )


def _with_owners(facts: tuple[Fact, ...], mentions: Sequence[Mention]) -> tuple[Fact, ...]:
    """Each value with the name nearest to it in its clause: whose figure it is.

    "the Greens won 12 seats" and "the Liberals' 40 seats" count seats of two parties; the
    name nearest a value, before it if any stands within reach, says whose it is.
    """
    owners = [
        m
        for m in mentions
        if m.kind
        in (
            MentionKind.PERSON,
            MentionKind.ORGANISATION,
            MentionKind.PLACE,
            MentionKind.DESIGNATION,
        )
    ]
    if not owners:
        return facts
    result = []
    for fact in facts:
        before = [m for m in owners if m.end <= fact.start and fact.start - m.end <= _OWNER_REACH]
        after = [m for m in owners if m.start >= fact.end and m.start - fact.end <= _OWNER_REACH]
        owner = before[-1] if before else after[0] if after else None
        if fact.slot is Slot.AGE and after and after[0].start - fact.end <= 1:
            owner = after[0]  # "the 41-year-old Ana Ruiz": the age of the name it stands before
        if owner is not None:
            measure = dataclasses.replace(fact.measure, owner=owner.key)
            fact = dataclasses.replace(fact, measure=measure)
        result.append(fact)
    return tuple(result)


_OWNER_REACH = 60
"""Characters between a value and a name that may be its owner's."""


# --- who --------------------------------------------------------------------------------------


def _alias(mention: Mention, aliases: dict[str, str]) -> Mention:
    if mention.kind is not MentionKind.PERSON or mention.key not in aliases:
        return mention
    return Mention(
        mention.kind, aliases[mention.key], mention.start, mention.end, titled=mention.titled
    )


def _names(mentions: Sequence[Mention]) -> set[str]:
    return {m.key for m in mentions if m.kind in (MentionKind.PERSON, MentionKind.ORGANISATION)}


def _first_actor(
    mentions: Sequence[Mention],
    context: _Context,
    *,
    text: str,
    base: int,
    start: int = 0,
    exclude: set[str],
    earlier_subject: str | None,
) -> str | None:
    """The clause's subject: its first name, or the person a leading pronoun stands for.

    A name after a verb is an object ("An official who accompanied Berg
    said…"), unless a comma closes an opening phrase before it ("After the
    talks ended, Berg flew…").  A pronoun takes the subject of an earlier
    clause of the same sentence, else the latest subject of earlier sentences
    that this sentence does not name ("She then met Lee": "She" is not Lee).
    """
    for mention in mentions:
        position = mention.start - base
        lead_start = max(start, position - _SUBJECT_LOOK_BACK, text.rfind(",", start, position) + 1)
        if _has_verb(text[lead_start:position]):
            continue
        if _PREPOSITION_BEFORE.search(text, max(start, position - 30), position):
            continue  # "in the Bois de Boulogne, she said": no subject after a preposition
        if mention.kind in (MentionKind.PERSON, MentionKind.ORGANISATION, MentionKind.DESIGNATION):
            return mention.key
        if mention.kind is MentionKind.PRONOUN:
            return earlier_subject or _resolve_pronoun(context, exclude)
        if mention.kind is MentionKind.PLACE:
            if _names_the_office_of(mention, mentions):
                continue  # "US President Anna Berg": the place qualifies her title
            return None  # "Nairobi insists…": a place as subject, kept among places
    return None


_AUXILIARIES = frozenset("is was are were has have had will would said says told".split())


def _names_the_office_of(place: Mention, mentions: Sequence[Mention]) -> bool:
    """The place opens a titled name: "US President Anna Berg", "Kenyan Foreign Minister …"."""
    return any(
        m.titled and 0 <= m.start - place.end <= _TITLE_GAP
        for m in mentions
        if m.kind is MentionKind.PERSON
    )


_TITLE_GAP = 40
"""Characters of title words that may stand between a place and the name it qualifies."""


def _has_verb(text: str) -> bool:
    for token in tokenize(text):
        word = token.text.lower()
        if word in _AUXILIARIES or (len(word) > 4 and word.endswith("ed")):
            return True
        if event_of(word):
            return True
    return False


def _resolve_pronoun(context: _Context, exclude: set[str]) -> str | None:
    """The most recent subject not named again in the clause ("She … met with Lee")."""
    for candidate in reversed(context.recent_subjects[-4:]):
        if candidate not in exclude:
            return candidate
    return None


def _speaker(
    masked: str,
    base: int,
    outside: Sequence[Mention],
    context: _Context,
    sentence_subject: str | None,
    sentence_names: set[str],
) -> str | None:
    """Who the sentence says spoke its quotations, if it says.

    ``masked`` is the sentence with its quotations blanked.  The speaker is the
    name right after a speech verb ("said Latif", "according to Aji"; not after
    "told", whose object listened), else the sentence's subject if it comes before
    the verb, else a pronoun right before it ("he said").  A sentence that is all
    quotation carries on the previous sentence's speaker.
    """
    if not masked.strip(' "“”,.;:!?—-'):
        return context.last_speaker
    people = (MentionKind.PERSON, MentionKind.ORGANISATION, MentionKind.PRONOUN)
    candidates = [m for m in outside if m.kind in people]
    # The first few speech verbs decide; more would only cost time on pathological input.
    for verb in itertools.islice(_SPEECH.finditer(masked), 3):
        after = [m for m in candidates if 0 <= (m.start - base) - verb.end() <= 4]
        if after and verb.group().lower() not in LISTENER_VERBS:
            return _who(after[0], sentence_subject, context, sentence_names)
        before = [m for m in candidates if m.end - base <= verb.start()]
        if sentence_subject and before and before[0].key == sentence_subject:
            return sentence_subject
        if (
            before
            and before[-1].kind is MentionKind.PRONOUN
            and verb.start() - (before[-1].end - base) <= 2
        ):
            return _who(before[-1], sentence_subject, context, sentence_names)
        if sentence_subject and before:
            return sentence_subject
    return None


def _who(
    mention: Mention, sentence_subject: str | None, context: _Context, sentence_names: set[str]
) -> str | None:
    if mention.kind is MentionKind.PRONOUN:
        return sentence_subject or _resolve_pronoun(context, sentence_names)
    return mention.key


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with quoted words blanked, offsets unchanged."""
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


# --- clauses and quotations --------------------------------------------------------------------


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each quotation of a sentence."""
    spans = []
    for match in _QUOTE_PAIR.finditer(text):
        group = 1 if match.group(1) is not None else 2
        spans.append((match.start(group), match.end(group)))
    return spans


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) lies within one of ``spans`` (sorted, disjoint): O(log n)."""
    index = bisect.bisect_right(spans, (start, _FAR)) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]


def _clauses(text: str, quotes_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    # A clause needs a few words: "Just weeks | after taking office, …" is one clause.
    word_starts = [m.start() for m in _WORD_START.finditer(text)]
    cuts = [0]
    for match in _CLAUSE_BREAK.finditer(text):
        words = bisect.bisect_left(word_starts, match.start()) - bisect.bisect_left(
            word_starts, cuts[-1]
        )
        if (
            not _inside(match.start(), match.end(), quotes_spans)
            and words >= _MIN_CLAUSE_WORDS
            # "20 minutes | after the polls closed" is one measure, not two clauses.
            and not _UNIT_BEFORE.search(text, max(0, match.start() - 12), match.start())
        ):
            cuts.append(match.end())
    cuts.append(len(text))
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


# --- when, how long, how many ------------------------------------------------------------------
