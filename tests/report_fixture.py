"""A report built by hand, record by record: what the renderers are tested on.

Built without the pipeline, so the renderers' golden files change only when
rendering changes, not when extraction or comparison learns something new.
Three sources (two wire stories of different dates and an undated draft) and
one finding of every kind: a day contradiction, a denial, an updated count, an
agreement, a drifted quotation and a claim only the draft makes.
"""

from __future__ import annotations

import datetime as dt

from reconcile.model import (
    Article,
    Claim,
    Evidence,
    Fact,
    Finding,
    FindingKind,
    Hedge,
    Report,
    Sentence,
    Slot,
    make_article,
)

REUTERS = make_article(
    id="a3",
    path="wire/reuters.txt",
    name="Reuters",
    date=dt.date(2024, 3, 4),
    text=(
        "Source: Reuters\n"
        "Date: 2024-03-04\n"
        "\n"
        "The minister Anna Berg will visit Nairobi on Monday, her office said.\n"
        "Police said 12 people were injured when the bridge fell.\n"
        "Officials said about 25 people were missing on Monday night.\n"
        '"We will rebuild every single home," the mayor said.\n'
    ),
)
AP = make_article(
    id="a2",
    path="wire/ap.txt",
    name="AP",
    date=dt.date(2024, 3, 5),
    text=(
        "Source: AP\n"
        "Date: 2024-03-05\n"
        "\n"
        "Anna Berg is expected to travel to Kenya on Tuesday.\n"
        "Police said twelve people were injured.\n"
        "By Tuesday, 40 people were missing, officials said.\n"
        '"We will rebuild each home," the mayor told reporters.\n'
        "The minister did not meet the rebel leaders.\n"
    ),
)
DRAFT = make_article(
    id="a1",
    path="drafts/draft.md",
    name="draft.md",
    text=(
        "The minister met the rebel leaders on Sunday.\n"
        "The storm | hit *hard* near the [old] port.\n"
    ),
)
ARTICLES = (DRAFT, AP, REUTERS)


def _sentence(article: Article, text: str) -> Sentence:
    start = article.text.index(text)
    index = article.text[:start].count("\n")
    return Sentence(article.id, index, start, start + len(text), text)


def _evidence(
    article: Article,
    sentence_text: str,
    value: str | None = None,
    *,
    slot: Slot = Slot.EVENT,
    low: float | None = None,
    high: float | None = None,
    negated: bool = False,
) -> Evidence:
    sentence = _sentence(article, sentence_text)
    claim_id = f"{article.id}c{sentence.index}"
    if value is None:
        claim = Claim(claim_id, article.id, sentence, sentence.start, sentence.end, negated=negated)
        return Evidence(claim, "denies" if negated else "states")
    start = sentence.start + sentence_text.index(value)
    fact = Fact(slot, value.lower(), value, start, start + len(value), Hedge.EXACT, low, high)
    claim = Claim(claim_id, article.id, sentence, sentence.start, sentence.end, facts=(fact,))
    return Evidence(claim, value, start, start + len(value))


def build_report() -> Report:
    day = Finding(
        FindingKind.CONTRADICTION,
        Slot.DAY,
        0.77,
        "day differs: Monday vs Tuesday",
        (
            _evidence(
                AP, "Anna Berg is expected to travel to Kenya on Tuesday.", "Tuesday", slot=Slot.DAY
            ),
            _evidence(
                REUTERS,
                "The minister Anna Berg will visit Nairobi on Monday, her office said.",
                "Monday",
                slot=Slot.DAY,
            ),
        ),
    )
    denial = Finding(
        FindingKind.CONTRADICTION,
        Slot.NEGATION,
        0.66,
        "one source denies what the other states",
        (
            _evidence(DRAFT, "The minister met the rebel leaders on Sunday."),
            _evidence(AP, "The minister did not meet the rebel leaders.", negated=True),
        ),
    )
    missing = Finding(
        FindingKind.UPDATE,
        Slot.COUNT,
        0.9,
        "count changed: about 25 people (Reuters, 2024-03-04) -> 40 people (AP, 2024-03-05)",
        (
            _evidence(
                AP,
                "By Tuesday, 40 people were missing, officials said.",
                "40 people",
                slot=Slot.COUNT,
                low=40,
                high=40,
            ),
            _evidence(
                REUTERS,
                "Officials said about 25 people were missing on Monday night.",
                "about 25 people",
                slot=Slot.COUNT,
                low=20,
                high=30,
            ),
        ),
    )
    injured = Finding(
        FindingKind.AGREEMENT,
        Slot.COUNT,
        0.93,
        "2 sources agree on count: 12 people",
        (
            _evidence(
                REUTERS,
                "Police said 12 people were injured when the bridge fell.",
                "12 people",
                slot=Slot.COUNT,
                low=12,
                high=12,
            ),
            _evidence(
                AP, "Police said twelve people were injured.", "twelve people", slot=Slot.COUNT
            ),
        ),
    )
    quote = Finding(
        FindingKind.QUOTE_DRIFT,
        Slot.QUOTE,
        0.95,
        "2 sources quote it, worded differently: 'each' -> 'every single'",
        (
            _evidence(
                AP,
                '"We will rebuild each home," the mayor told reporters.',
                "We will rebuild each home,",
                slot=Slot.QUOTE,
            ),
            _evidence(
                REUTERS,
                '"We will rebuild every single home," the mayor said.',
                "We will rebuild every single home,",
                slot=Slot.QUOTE,
            ),
        ),
    )
    storm = _sentence(DRAFT, "The storm | hit *hard* near the [old] port.")
    alone = Finding(
        FindingKind.SINGLE_SOURCE,
        Slot.EVENT,
        1.0,
        "no other source reports this",
        (Evidence(Claim("a1c1", "a1", storm, storm.start, storm.end), storm.text),),
    )
    return Report(
        articles=ARTICLES,
        skipped=(),
        findings=(day, denial, missing, injured, quote, alone),
        claims_count=11,
    )
