"""Normalising text (NFC, invisible characters out) and mapping offsets back to the file."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile import normalise
from reconcile.normalise import INVISIBLE, normalise_text

# Characters whose handling is hard: combining marks (of several classes), precomposed
# letters, Hangul jamo and syllables, a character NFC splits in two (U+0958), Indic vowel
# signs that compose although their class is 0, and every kind of invisible character.
_HARD = list(
    "ab \nAe\u0301\u0327\u0316\u0308é\u1100\u1161\u11a8\uac00\u0958\u0b47\u0b3e\u09c7\u09be"
    "\u200b\u200d\u00ad\u202e\u2066\ufeff\x1b\x07\x1f\t"
)
hard_text = st.lists(st.sampled_from(_HARD), max_size=24).map("".join)


@pytest.mark.skipif(
    unicodedata.unidata_version != "14.0.0",
    reason="the tables are written for Unicode 14 (Python 3.11); check them on an update",
)
def test_the_tables_match_this_pythons_unicode_database() -> None:
    invisible, removable, composing = set(), set(), set()
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if INVISIBLE.match(char):
            invisible.add(char)
        category = unicodedata.category(char)
        if category == "Cf" or (category == "Cc" and not char.isspace()):
            removable.add(char)
        decomposition = unicodedata.decomposition(char)
        if decomposition and not decomposition.startswith("<"):
            parts = decomposition.split()
            second = chr(int(parts[-1], 16))
            # A pair that NFC composes, whose second character has combining class 0.
            if (
                len(parts) == 2
                and not unicodedata.combining(second)
                and unicodedata.is_normalized("NFC", char)
            ):
                composing.add(second)
    assert invisible == removable
    hangul = {chr(c) for c in (*range(0x1161, 0x1176), *range(0x11A8, 0x11C3))}
    assert composing | hangul == normalise._COMPOSES_WITH_PREVIOUS


@settings(derandomize=True, max_examples=1000, deadline=None, database=None)
@given(hard_text)
def test_the_text_is_nfc_without_invisible_characters(text: str) -> None:
    expected = unicodedata.normalize("NFC", INVISIBLE.sub("", text))
    assert normalise_text(text)[0] == expected


@settings(derandomize=True, max_examples=1000, deadline=None, database=None)
@given(hard_text)
def test_offsets_map_back_to_the_source(text: str) -> None:
    normal, source_map = normalise_text(text)
    for offset in range(len(normal) + 1):
        if offset == 0 or normal[offset - 1] in " \n":  # where words and lines start
            source = source_map.to_source(offset)
            assert normalise_text(text[source:])[0] == normal[offset:]
    for source in range(len(text) + 1):
        if source == 0 or text[source - 1] == "\n":
            assert source_map.from_source(source) == len(normalise_text(text[:source])[0])


@pytest.mark.parametrize(
    "text",
    ["plain ASCII", "curly “quotes” and an em dash —", "Zürich, 東京", "tab\tand\nnewline"],
)
def test_text_that_needs_nothing_is_returned_as_it_is(text: str) -> None:
    normal, source_map = normalise_text(text)
    assert normal is text
    assert len(source_map.normalised) == 0
