"""Who and where: names of people, organisations and places in a sentence.

Names are runs of capitalised words.  A run is split at weekday and month
names and stripped of leading titles ("US Secretary of State Anna Berg" ->
place US + person Anna Berg); what is left is a place if the gazetteer
knows it (``reconcile.places``), an organisation if it ends in an
organisation word ("Kenya Times"), otherwise a person.

Within an article a short mention is merged with the full name it abbreviates
("Lee", "Chairman Lee" -> "lee min ho"); across articles names match when
one's words are a subset of the other's (see ``same_actor``).
"""

from __future__ import annotations

import calendar
import dataclasses
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from reconcile.lexicon import (
    ORGANISATION_WORDS,
    PREPOSITIONS,
    PRONOUNS,
    STOPWORDS,
    TIME_ZONES,
    TITLES,
)
from reconcile.places import (
    COUNTRY,
    Place,
    capital_of,
    country_of_demonym,
    fold_ascii,
    longest_place_at,
    lookup_place,
)

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:['’][^\W_]+)*(?:-(?![A-Z])[^\W_]+)*")
_CONNECTORS = frozenset({"of", "de", "del", "la", "le", "al", "bin", "van", "von", "da", "du"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "his", "her"})
_CALENDAR_WORDS = frozenset(
    w.lower() for w in (*calendar.day_name, *calendar.month_name, *calendar.month_abbr, "Sept") if w
)
_POSSESSIVE = re.compile(r"['’`]s$")
_AND_GAP = re.compile(r"\s+(?:and|&)\s+")


class MentionKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"
    DEMONYM = "demonym"
    PRONOUN = "pronoun"
    DESIGNATION = "designation"
    """A name with a number in it: a model, a flight, a route ("Airbus A320", "Route 66")."""


@dataclass(frozen=True, slots=True)
class Mention:
    kind: MentionKind
    key: str
    """Canonical key: lower-case words for names, a place key for places."""
    start: int
    end: int
    place: Place | None = None
    titled: bool = False
    """Preceded by a title ("President Berg"): certainly a person or office holder."""


class Token(NamedTuple):
    """A word and its offsets (a tuple: tokens are made by the million)."""

    text: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True, slots=True)
class NameBook:
    """What one article teaches about its own names, gathered in a first pass."""

    capitalised: frozenset[str] = frozenset()
    """Words seen capitalised inside a sentence (so not merely sentence openers)."""
    person_words: frozenset[str] = frozenset()
    """Words of multi-word person names ("florence", "nightingale"): never read as places."""


@functools.lru_cache(maxsize=16384)
def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Words of ``text`` with offsets shifted by ``offset``.

    Cached: wire copy repeats the same sentences across hundreds of articles.
    """
    return tuple(
        Token(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)
    )


def name_key(words: Iterable[str]) -> str:
    """Canonical key of a name: "Lee Min-ho", "Lee Min Ho" -> "lee min ho"; "Élysée" -> "elysee"."""
    parts = []
    for word in words:
        word = _POSSESSIVE.sub("", fold_ascii(word))
        parts.extend(p for p in re.split(r"[-'’.]", word.lower()) if p)
    return " ".join(parts)


def same_actor(a: str, b: str) -> bool:
    """Whether two name keys can denote the same actor ("lee" ~ "lee min ho")."""
    if a == b:
        return True
    if a.startswith("place:") or b.startswith("place:"):
        return False
    wa, wb = _words(a), _words(b)
    return wa <= wb or wb <= wa


@functools.lru_cache(maxsize=1 << 16)
def _words(key: str) -> frozenset[str]:
    # Cached: alignment asks of the same few thousand names millions of times.
    return frozenset(key.split())


def names_for(text: str, names: NameBook) -> NameBook:
    """``names`` as far as ``text`` can use them: without the person words when no word of
    the text is one (only ``_names_a_person`` reads them, word by word), so mentions the
    text already yielded with the capitalised words alone come from the cache."""
    if names.person_words and not any(
        part in names.person_words for token in tokenize(text) for part in _key_parts(token.text)
    ):
        return NameBook(capitalised=names.capitalised)
    return names


@functools.lru_cache(maxsize=1 << 16)
def _key_parts(word: str) -> tuple[str, ...]:
    return tuple(name_key((word,)).split())


def find_mentions(
    text: str, offset: int, *, sentence_start: bool, names: NameBook
) -> list[Mention]:
    """Names, places and subject pronouns in ``text`` (offsets shifted by ``offset``).

    A sentence's first word is taken as a name only if the article also
    capitalises it inside a sentence ("Hours after…" is not a name).
    """
    found = _mentions(text, sentence_start, names)
    if not offset:
        return list(found)
    return [dataclasses.replace(m, start=m.start + offset, end=m.end + offset) for m in found]


@functools.lru_cache(maxsize=16384)
def _mentions(text: str, sentence_start: bool, names: NameBook) -> tuple[Mention, ...]:
    # Cached on the sentence and the article's names: copies of a sentence cost once.
    offset = 0
    tokens = tokenize(text, offset)
    mentions: list[Mention] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        lowered = token.text.lower()
        if lowered in PRONOUNS:
            mentions.append(Mention(MentionKind.PRONOUN, lowered, token.start, token.end))
            index += 1
            continue
        if not token.capitalised:
            index += 1
            continue
        run_end = _run_end(tokens, index, text, offset)
        run = tokens[index:run_end]
        at_start = index == 0 and sentence_start
        found = _classify_run(run, at_start=at_start, names=names)
        capital = _capital_named(found, text, tokens[run_end : run_end + 2])
        if capital is not None:
            found[-1] = capital
            run_end += 1
        mentions.extend(found)
        index = run_end
    return tuple(_joined_organisations(mentions, text))


def _joined_organisations(mentions: list[Mention], text: str) -> list[Mention]:
    """ "Search and Rescue Agency", "Harbour Gas and Power Co.": one organisation.

    A name, "and", then an organisation's name are one body; "Berg and Lind" stay two.
    """
    joined: list[Mention] = []
    for mention in mentions:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and mention.kind is MentionKind.ORGANISATION
            and previous.kind in (MentionKind.PERSON, MentionKind.ORGANISATION)
            and _AND_GAP.fullmatch(text, previous.end, mention.start)
        ):
            key = name_key(text[previous.start : mention.end].replace("&", " and ").split())
            joined[-1] = Mention(MentionKind.ORGANISATION, key, previous.start, mention.end)
            continue
        joined.append(mention)
    return joined


def _capital_named(found: list[Mention], text: str, following: Sequence[Token]) -> Mention | None:
    """The city "the Kenyan capital" or "Kenya's capital" names (Nairobi), if that follows."""
    if not found or not following or following[0].text != "capital":
        return None
    mention = found[-1]
    country = mention.place
    if country is None or country.kind != COUNTRY or text[mention.end : following[0].start] != " ":
        return None
    if mention.kind is MentionKind.PLACE and not _POSSESSIVE.search(
        text[mention.end - 2 : mention.end]
    ):
        return None  # "Kenya capital" is not a phrase; "Kenya's capital" is
    after = following[1].text if len(following) > 1 else ""
    if after[:1].islower() and after not in STOPWORDS and after != "city":
        return None  # "the Kenyan capital markets"
    city = capital_of(country)
    if city is None:
        return None
    return Mention(MentionKind.PLACE, city.key, mention.start, following[0].end, place=city)


def _run_end(tokens: Sequence[Token], index: int, text: str, offset: int) -> int:
    """End (exclusive) of the run of capitalised tokens starting at ``index``."""
    end = index + 1
    while end < len(tokens):
        gap = text[tokens[end - 1].end - offset : tokens[end].start - offset]
        if gap.strip():
            break
        token = tokens[end]
        following = tokens[end + 1].text if end + 1 < len(tokens) else ""
        if token.capitalised or _is_code(tokens[end - 1].text, token.text, following):
            end += 1
        elif (
            token.text in _CONNECTORS
            and end + 1 < len(tokens)
            and tokens[end + 1].capitalised
            and not text[token.end - offset : tokens[end + 1].start - offset].strip()
        ):
            end += 2
        else:
            break
    return end


def _is_code(previous: str, token: str, following: str) -> bool:
    """A number inside a name: "JT 610", "MAX 8", and "737" in "Airbus 737 MAX"."""
    if not token.isdigit():
        return False
    if previous.isupper() and len(previous) >= 2:
        return True
    # Between two name words only: "Reuters 20 people" keeps its count.
    return following[:1].isupper() and previous.lower() not in STOPWORDS


def _classify_run(run: Sequence[Token], *, at_start: bool, names: NameBook) -> list[Mention]:
    mentions: list[Mention] = []
    for piece_index, piece in enumerate(_split_at_calendar_words(run)):
        mentions.extend(_classify_piece(piece, at_start=at_start and piece_index == 0, names=names))
    return mentions


def _split_at_calendar_words(run: Sequence[Token]) -> list[list[Token]]:
    pieces: list[list[Token]] = [[]]
    for token in run:
        if _POSSESSIVE.sub("", token.text).lower().rstrip(".") in _CALENDAR_WORDS:
            pieces.append([])  # "Tuesday", "Tuesday's collapse": a day, never a name
        else:
            pieces[-1].append(token)
    return [p for p in pieces if p]


def _classify_piece(piece: Sequence[Token], *, at_start: bool, names: NameBook) -> list[Mention]:
    words = [_POSSESSIVE.sub("", t.text) for t in piece]
    mentions: list[Mention] = []
    position = 0
    titled = False
    # An organisation named after a place is one name: "U.S. Open", "Bank of England".
    is_organisation = len(words) > 1 and _names_organisation(words)
    # Leading determiners, places, demonyms and titles: "the US Secretary of State".
    while position < len(words):
        lowered = words[position].lower()
        if lowered in _DETERMINERS or lowered in _CONNECTORS:
            position += 1
            continue
        if at_start and position == 0 and lowered in PREPOSITIONS and not words[0].isupper():
            position += 1  # "In Lima, ...", "After Ruiz left, ...": capitalised as an opener
            continue
        found = longest_place_at(words, position)
        if (
            is_organisation
            and found is not None
            and lookup_place(" ".join(words[position : position + found[1]]))
        ):
            break  # keep "Kenya" in "Kenya Airways", strip "Kenyan" off "Kenyan Red Cross"
        if (
            found is not None
            and not _names_a_person(words[position : position + found[1]], names)
            and not _starts_a_name(found[0], words, position + found[1])
        ):
            place, taken = found
            phrase = " ".join(words[position : position + taken])
            kind = (
                MentionKind.DEMONYM
                if lookup_place(phrase) is None and country_of_demonym(phrase) is not None
                else MentionKind.PLACE
            )
            mentions.append(
                Mention(
                    kind,
                    place.key,
                    piece[position].start,
                    piece[position + taken - 1].end,
                    place=place,
                )
            )
            position += taken
            continue
        if lowered in TITLES:
            titled = True
            position += 1
            continue
        break
    rest = piece[position:]
    if not rest:
        return mentions
    rest_words = words[position:]
    first = rest_words[0]
    if (
        at_start
        and position == 0
        and len(rest) == 1
        and (first.lower() in STOPWORDS or first not in names.capitalised)
    ):
        return mentions  # a capitalised sentence opener, not a name
    if len(rest) == 1 and (first.lower() in STOPWORDS | TITLES or first in TIME_ZONES):
        return mentions
    if any(ch.isdigit() for word in rest_words for ch in word):
        if not any(ch.isalpha() for word in rest_words for ch in word):
            return mentions  # a bare number left over ("August 25" split at the month)
        # A capitalised function word beside a name with a number is no part of it: "How
        # Flight 12 was lost", "Both A320s", "the B5 No. 2" keep "Flight 12", "A320s", "B5".
        while len(rest) > 1 and rest_words[0].lower() in STOPWORDS:
            rest, rest_words = rest[1:], rest_words[1:]
        while len(rest) > 1 and rest_words[-1].lower() in STOPWORDS:
            rest, rest_words = rest[:-1], rest_words[:-1]
        kind = MentionKind.DESIGNATION
    elif _names_organisation(rest_words) or all(w.isupper() for w in rest_words):
        kind = MentionKind.ORGANISATION
    else:
        kind = MentionKind.PERSON
    mentions.append(Mention(kind, name_key(rest_words), rest[0].start, rest[-1].end, titled=titled))
    return mentions


def _names_organisation(words: Sequence[str]) -> bool:
    """Ends in an organisation word, or has one before "of": "Bank of England"."""
    lowered = [w.lower() for w in words]
    if lowered[-1] in ORGANISATION_WORDS:
        return True
    return any(
        word == "of" and index > 0 and lowered[index - 1] in ORGANISATION_WORDS
        for index, word in enumerate(lowered)
    )


def _starts_a_name(place: Place, words: Sequence[str], after: int) -> bool:
    """A town name followed by more name words is a person's name: "Florence Nightingale".

    Countries keep their reading ("US Secretary …" is checked for titles first).
    """
    if place.kind == "country" or after >= len(words):
        return False
    following = words[after].lower()
    return following not in TITLES and following not in ORGANISATION_WORDS


def _names_a_person(words: Sequence[str], names: NameBook) -> bool:
    """A place name that is part of a person's name in this article.

    "Florence" is a city, but in an article about "Florence Nightingale" it is her name.
    """
    return all(word in names.person_words for word in name_key(words).split())
