"""Every threshold of the judgement lives in ``Settings`` and is read from there.

Each case moves one threshold to an extreme and checks that the findings change: on the
corpus stories, or on a short invented pair where those stories never reach the rule.  A
setting that a stage ignored (a module constant left behind) would leave them unchanged.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import pytest

from reconcile.model import Settings, make_article
from reconcile.pipeline import reconcile_articles, reconcile_paths
from reconcile.render import render_json

ROOT = Path(__file__).resolve().parent.parent
STORIES = [ROOT / "seeds", *sorted(p for p in (ROOT / "tests" / "corpus").iterdir() if p.is_dir())]
LEAD = "Officials gave details of the day in a statement to reporters."

# An invented pair for the rules the corpus stories do not reach.
RESTATED_TOLL = (
    "The fire destroyed 40 homes in Ashford on Monday, officials said.",
    "The fire destroyed 52 homes in Ashford on Monday, officials said.",
)
DENIAL = (
    "Mayor Tom Reyes did not sign the new budget agreement with the union.",
    "On Friday Mayor Tom Reyes signed the budget agreement with the union, aides said.",
)
QUOTED_IN_PART = (
    '"We will rebuild every home lost to the storm, and we will not rest until the last'
    ' family is back," Mayor Tom Reyes said on Monday.',
    '"We will rebuild every house lost to the storm," a city hall aide said.',
)
QUOTED_IN_PART_BY_ONE_SPEAKER = (
    '"This firm has been an honour of a lifetime," Ana Ruiz said in a statement.',
    '"Running this firm has been the honour of my lifetime, and I thank every colleague I'
    ' had along the way, from the first day to the last," Ana Ruiz said.',
)

HEDGE_ELSEWHERE = (
    "The toll: 41 dead in the blaze at the prison that the inmates apparently started.",
    "The fire at the prison in Lyon has killed 44 people, officials said.",
)

CASES = [
    ("same_kind", 1.01, None),
    ("same_event", 0.0, None),
    ("restated", 0.0, None),
    ("close_ratio", 150.0, None),
    ("misreport_ratio", 1.1, RESTATED_TOLL),
    ("agreement_ratio", 0.0, None),
    ("telling_min", 0, None),
    ("lead_sentences", 0, None),
    ("agreement_min_score", 1.01, None),
    ("event_agreement_min_score", 1.01, None),
    ("event_one_name_score", 1.01, None),
    ("event_one_name_wording", 1.01, None),
    ("event_many_names_wording", 1.01, None),
    ("related_wording", 1.01, None),
    ("similar_wording", 1.01, None),
    ("related_nouns", 1.01, None),
    ("rule_confidence", 0.0, None),
    ("negation_same_wording", 0.0, None),
    ("denied_predicate_words", 0, None),
    ("denied_predicate_covered", 1.01, DENIAL),
    ("hedge_reach", 100, HEDGE_ELSEWHERE),
    ("quote_drift", 0.0, None),
    ("quote_contained", 0.0, None),
    ("quote_contained_wording", 1.01, QUOTED_IN_PART),
    ("quote_contained_by_one_speaker", 1.01, QUOTED_IN_PART_BY_ONE_SPEAKER),
]


def _findings(settings: Settings, pair: tuple[str, str] | None) -> list[str]:
    if pair is None:
        return [render_json(reconcile_paths([str(s)], settings=settings)) for s in STORIES]
    articles = [
        make_article(id=f"a{i}", path=f"{i}.txt", name=str(i), text=f"{LEAD}\n\n{text}\n")
        for i, text in enumerate(pair, 1)
    ]
    return [render_json(reconcile_articles(articles, settings=settings))]


@pytest.mark.parametrize(("name", "extreme", "pair"), CASES, ids=[c[0] for c in CASES])
def test_each_threshold_reaches_the_stage_that_uses_it(
    name: str, extreme: float, pair: tuple[str, str] | None
) -> None:
    moved = dataclasses.replace(Settings(), **{name: extreme})
    assert _findings(moved, pair) != _default_findings(pair)


@functools.cache
def _default_findings(pair: tuple[str, str] | None) -> list[str]:
    """Made once per story set: every case compares against the same default run."""
    return _findings(Settings(), pair)


@pytest.mark.parametrize("name", ["close_days", "close_minutes", "close_ratio"])
def test_what_counts_as_close_is_read_from_settings(name: str) -> None:
    """How near two days, times or figures are "close" is a feature of the fitted judge."""
    from reconcile.load import load_articles
    from reconcile.pipeline import prepare
    from reconcile.sameness import clause_wording, features

    default = Settings()
    moved = dataclasses.replace(default, **{name: 0.0})
    changed = 0
    for story in STORIES:
        articles, _ = load_articles([str(story)])
        prepared = prepare(articles, settings=default)
        for value in prepared.values:
            a, fa, b, fb = value.a, value.fact_a, value.b, value.fact_b
            wording = clause_wording(a, b)
            before = features(fa, fb, a, b, prepared.vocabulary, wording, default)
            after = features(fa, fb, a, b, prepared.vocabulary, wording, moved)
            changed += before["close"] != after["close"]
        if changed:
            break
    assert changed


def test_every_threshold_of_the_judgement_is_put_to_the_test() -> None:
    """A threshold added to Settings needs a case here, unless it bounds the run (jobs,
    group sizes) or has tests of its own (the alignment and confidence cut-offs)."""
    elsewhere = {"default_date", "jobs", "max_value_group", "max_postings", "align_threshold"}
    elsewhere |= {"min_confidence", "agreement_threshold", "contradiction_threshold"}
    elsewhere |= {"within_source_threshold", "event_shared_words", "close_days", "close_minutes"}
    tested = {name for name, _, _ in CASES}
    assert {f.name for f in dataclasses.fields(Settings)} - elsewhere == tested
