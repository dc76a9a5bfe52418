"""The gazetteer: names, demonyms, containment, and the shipped table itself."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reconcile import places
from reconcile.entities import NameBook, find_mentions, names_for
from reconcile.places import (
    Place,
    capital_of,
    country_of_demonym,
    longest_place_at,
    lookup_place,
    normalise_name,
    place_for_key,
    place_within,
    places_compatible,
)


def place(name: str) -> Place:
    found = lookup_place(name)
    assert found is not None, name
    return found


def test_city_lies_within_its_country() -> None:
    beijing, china = place("Beijing"), place("China")
    assert beijing.kind == "city" and china.kind == "country"
    assert beijing.countries == ("CN",)
    assert place_within(beijing, china)
    assert not place_within(china, beijing)
    assert places_compatible(beijing, china) and places_compatible(china, beijing)


def test_capital_speaks_for_its_country() -> None:
    pyongyang = place("Pyongyang")
    assert pyongyang.capital_of == ("KP",)
    assert places_compatible(pyongyang, place("North Korea"))
    assert not places_compatible(pyongyang, place("South Korea"))


def test_small_city_is_known() -> None:
    osan = place("Osan")
    assert osan.countries == ("KR",)
    assert osan.capital_of == ()


@pytest.mark.parametrize(("a", "b"), [("Tokyo", "China"), ("Tokyo", "Osaka"), ("Japan", "China")])
def test_different_places_are_incompatible(a: str, b: str) -> None:
    assert not places_compatible(place(a), place(b))


def test_same_place_is_compatible_and_within_itself() -> None:
    tokyo = place("Tokyo")
    assert place_within(tokyo, tokyo)
    assert places_compatible(place("Japan"), place("Japan"))


def test_shared_city_name_lies_in_every_country() -> None:
    washington = place("Washington")
    assert {"US", "GB"} <= set(washington.countries)
    assert washington.countries == tuple(sorted(washington.countries))
    assert washington.capital_of == ("US",)
    assert places_compatible(washington, place("United States"))
    assert place("Washington D.C.").countries == ("US",)


@pytest.mark.parametrize(
    "spellings",
    [
        ("Pangkalpinang", "Pangkal Pinang", "Pangkal-Pinang", "PANGKALPINANG"),
        ("São Paulo", "Sao Paulo"),
        ("Kyiv", "Kiev"),
        ("Saint Petersburg", "St. Petersburg", "St Petersburg"),
        ("U.S.", "US", "USA", "U.S.A.", "United States", "the United States", "America"),
        ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom"),
        ("DPRK", "North Korea", "Democratic People's Republic of Korea"),
        ("ROK", "South Korea"),
        ("UAE", "United Arab Emirates"),
    ],
)
def test_spellings_of_one_place(spellings: tuple[str, ...]) -> None:
    found = {place(name) for name in spellings}
    assert len(found) == 1, found


def test_keys() -> None:
    assert place("U.S.").key == "place:country:US"
    assert place("Beijing").key == "place:city:beijing"
    assert place("Pangkal Pinang").key == "place:city:pangkalpinang"


def test_a_country_wins_over_its_city_state() -> None:
    assert place("Singapore").kind == "country"
    assert place("Singapore").countries == ("SG",)


def test_leading_article() -> None:
    assert place("the Netherlands") == place("Netherlands")
    assert place("The Hague").countries == ("NL",)  # part of the name: kept


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Japanese", "JP"),
        ("North Korean", "KP"),
        ("North Koreans", "KP"),
        ("South Korean", "KR"),
        ("Indonesian", "ID"),
        ("Americans", "US"),
        ("American", "US"),
        ("British", "GB"),
        ("Welsh", "GB"),
        ("French", "FR"),
        ("Dutch", "NL"),
        ("Swiss", "CH"),
        ("Filipino", "PH"),
        ("Greek", "GR"),
        ("Thai", "TH"),
        ("Turkish", "TR"),
        ("German", "DE"),
        ("Spanish", "ES"),
        ("Irish", "IE"),
        ("Israeli", "IL"),
        ("Pakistani", "PK"),
        ("Iraqi", "IQ"),
        ("Iranian", "IR"),
        ("Saudi", "SA"),
        ("Emirati", "AE"),
        ("Vietnamese", "VN"),
        ("Chinese", "CN"),
        ("Russian", "RU"),
        ("Ukrainian", "UA"),
        ("Indian", "IN"),
        ("Brazilian", "BR"),
        ("Mexican", "MX"),
        ("Canadian", "CA"),
        ("Australian", "AU"),
        ("Malaysian", "MY"),
        ("Singaporean", "SG"),
        ("Portuguese", "PT"),
        ("Polish", "PL"),
        ("Swedish", "SE"),
        ("Norwegian", "NO"),
        ("Danish", "DK"),
        ("Finnish", "FI"),
        ("Egyptian", "EG"),
        ("Syrian", "SY"),
        ("Afghan", "AF"),
        ("Nigerian", "NG"),
        ("Nigerien", "NE"),
        ("Dominican", "DO"),
        ("Belgian", "BE"),
    ],
)
def test_demonym(word: str, code: str) -> None:
    country = country_of_demonym(word)
    assert country is not None, word
    assert country.kind == "country"
    assert country.countries == (code,)


@pytest.mark.parametrize("word", ["Korean", "Koreans", "Bulgari", "Chinaese", "Laos"])
def test_not_a_demonym(word: str) -> None:
    assert country_of_demonym(word) is None


def test_demonym_is_not_a_place_name() -> None:
    assert lookup_place("Japanese") is None


@pytest.mark.parametrize(
    "word",
    [
        "Of", "Nice", "Reading", "Mobile", "Split", "Bath", "Best", "Surprise", "Most",
        "Police", "Male", "Ita", "Kim", "Sale", "March", "May", "Van", "Korea",
        "Zzyzxqv", "", "the",
    ],
)  # fmt: skip
def test_words_and_unknown_names_are_not_places(word: str) -> None:
    assert lookup_place(word) is None


def test_longest_place_at() -> None:
    words = ["talks", "in", "Pangkal", "Pinang", "with", "South", "Korean", "officials"]
    assert longest_place_at(words, 0) is None
    found = longest_place_at(words, 2)
    assert found == (place("Pangkalpinang"), 2)
    found = longest_place_at(words, 5)
    assert found is not None and found[0].countries == ("KR",) and found[1] == 2
    assert longest_place_at(words, len(words)) is None


def test_longest_place_at_prefers_the_longer_name() -> None:
    assert longest_place_at(["North", "Korea"], 0) == (place("North Korea"), 2)
    assert longest_place_at(["United", "Arab", "Emirates"], 0) == (place("UAE"), 3)
    assert longest_place_at(["United", "Arab", "Emirates"], 0, max_words=2) is None


@pytest.mark.parametrize("name", ["Beijing", "China", "Kiev", "Washington", "U.S."])
def test_place_for_key_round_trip(name: str) -> None:
    assert place_for_key(place(name).key) == place(name)


@pytest.mark.parametrize("key", ["place:country:ZZ", "place:city:zzyzxqv", "beijing", ""])
def test_place_for_unknown_key(key: str) -> None:
    assert place_for_key(key) is None


def test_normalise_name() -> None:
    assert normalise_name("Łódź") == "lodz"
    assert normalise_name("U.S.") == normalise_name("US") == "us"
    assert normalise_name("Nuku’alofa") == normalise_name("Nuku'alofa")


NAMES = ["Washington", "Paris", "St Petersburg", "Tripoli", "Singapore", "Kiev", "U.S.", "Macao"]


def test_lookup_does_not_depend_on_table_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = [lookup_place(name) for name in NAMES]
    lines = places.TABLE.read_text(encoding="utf-8").splitlines(keepends=True)
    shuffled = lines[:]
    random.Random(7).shuffle(shuffled)
    assert shuffled != lines
    path = tmp_path / "places.tsv"
    path.write_text("".join(shuffled), encoding="utf-8")
    monkeypatch.setattr(places, "TABLE", path)
    places._gazetteer.cache_clear()
    try:
        assert [lookup_place(name) for name in NAMES] == expected
        assert all(found is not None for found in expected)
    finally:
        places._gazetteer.cache_clear()  # the next test loads the shipped table again


def test_table_is_sorted_ascii_and_small() -> None:
    text = places.TABLE.read_text(encoding="utf-8")
    header, *rows = text.splitlines()
    assert header.startswith("# name\tkind\tcountry\tdisplay")
    names = []
    for row in rows:
        name, kind, country, _ = row.split("\t")
        assert name.isascii() and kind in {"country", "alias", "city", "capital", "demonym"}
        assert len(country) == 2 and country.isupper()
        names.append(name.casefold())
    assert names == sorted(names)
    assert len(text.encode()) < 1_500_000


def test_capital_of_a_country_with_one_capital() -> None:
    assert capital_of(lookup_place("Kenya")) == lookup_place("Nairobi")
    assert capital_of(lookup_place("Nairobi")) is None  # a city has no capital
    # Spellings of one capital ("Kiev", "Kyiv") are still one capital.
    assert capital_of(lookup_place("Ukraine")) == lookup_place("Kyiv")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They flew back to the Kenyan capital.", ["Kenyan capital"]),
        ("They flew back to Kenya's capital on Monday.", ["Kenya's capital"]),
        ("They landed in the Kenyan capital city at noon.", ["Kenyan capital"]),
        # Not the city: capital as money, or no capital named.
        ("The Kenyan capital markets fell sharply.", []),
        ("The Kenyan team flew home.", []),
    ],
)
def test_the_capital_of_a_country_is_read_as_its_city(text: str, expected: list[str]) -> None:
    mentions = find_mentions(text, 0, sentence_start=True, names=NameBook())
    nairobi = lookup_place("Nairobi")
    assert [text[m.start : m.end] for m in mentions if m.place == nairobi] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Across Chile, Peru and Bolivia, the rains have killed 30.", ["CL", "PE", "BO"]),
        ("In Peru the toll rose to 12.", ["PE"]),
        ("Within Lima itself, three died.", ["PE"]),
    ],
)
def test_a_preposition_opening_a_sentence_is_not_part_of_the_place_after_it(
    text: str, expected: list[str]
) -> None:
    mentions = find_mentions(text, 0, sentence_start=True, names=NameBook())
    assert [m.place.countries[0] for m in mentions if m.place is not None] == expected
    assert not [m for m in mentions if m.kind.name == "PERSON"]


def test_a_preposition_opening_a_sentence_is_not_part_of_the_name_after_it() -> None:
    text = "After Ana Ruiz left, the talks ended."
    mentions = find_mentions(text, 0, sentence_start=True, names=NameBook())
    assert [(m.kind.name, m.key) for m in mentions] == [("PERSON", "ana ruiz")]


@pytest.mark.parametrize(
    "text",
    [
        "Florence said the ward in Florence would stay open.",
        "The ward in Florence would stay open, officials said.",
        "Nightingale's ward would stay open.",
    ],
)
def test_names_for_a_text_read_it_as_the_whole_name_book_does(text: str) -> None:
    # An article about "Florence Nightingale": "Florence" is her name there, not the city.
    book = NameBook(
        capitalised=frozenset({"Florence", "Nightingale"}),
        person_words=frozenset({"florence", "nightingale"}),
    )
    trimmed = names_for(text, book)
    assert find_mentions(text, 0, sentence_start=True, names=trimmed) == find_mentions(
        text, 0, sentence_start=True, names=book
    )
    assert trimmed == book  # each text holds one of her names' words


def test_names_for_a_text_without_a_person_word_drop_the_person_words() -> None:
    book = NameBook(capitalised=frozenset({"Florence"}), person_words=frozenset({"florence"}))
    text = "The ward in Pisa would stay open, officials said."
    trimmed = names_for(text, book)
    assert trimmed == NameBook(capitalised=book.capitalised)
    assert find_mentions(text, 0, sentence_start=True, names=trimmed) == find_mentions(
        text, 0, sentence_start=True, names=book
    )
