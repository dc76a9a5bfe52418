"""Sentence splitting: offsets, abbreviations, quotations kept whole."""

from __future__ import annotations

import pytest

from reconcile.model import Span, make_article
from reconcile.sentences import split_sentences


def _split(text: str) -> list[str]:
    article = make_article(id="a1", path="x.txt", name="x", text=text)
    sentences = split_sentences(article, [Span(0, len(text))])
    for s in sentences:
        assert text[s.start : s.end] == s.text
    return [s.text for s in sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One fact. Another fact.", ["One fact.", "Another fact."]),
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("The U.S. Open ended. Fans left.", ["The U.S. Open ended.", "Fans left."]),
        (
            "It left at 6 a.m. local time. It landed.",
            ["It left at 6 a.m. local time.", "It landed."],
        ),
        ("John F. Kennedy spoke. Crowds cheered.", ["John F. Kennedy spoke.", "Crowds cheered."]),
        (
            '"I am pleased. We can eat now," Kim said. Lunch followed.',
            ['"I am pleased. We can eat now," Kim said.', "Lunch followed."],
        ),
        (
            "“It was good. Really good,” she said. “We will return.”",
            ["“It was good. Really good,” she said.", "“We will return.”"],
        ),
        ("Water 30 to 40m deep at 05 90' 361\" south. Divers searched.", None),
    ],
)
def test_split(text: str, expected: list[str] | None) -> None:
    result = _split(text)
    if expected is None:
        assert len(result) == 2  # an inch mark opens no quotation
    else:
        assert result == expected


def test_an_unclosed_quote_does_not_swallow_the_article() -> None:
    text = '"' + "Word after word goes on. " * 200
    assert len(_split(text)) > 100


def test_spans_cover_the_text_in_order() -> None:
    text = "First one. Second one! Third one? Fourth."
    article = make_article(id="a1", path="x.txt", name="x", text=text)
    sentences = split_sentences(article, [Span(0, len(text))])
    starts = [s.start for s in sentences]
    assert starts == sorted(starts)
    assert [s.index for s in sentences] == list(range(len(sentences)))
