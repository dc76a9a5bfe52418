"""Does a folder hold one story or several?  A warning's worth of judgement.

Two articles are linked when the findings they share, plus the names, places
and dates both mention, reach ``MIN_SHARED``; the stories are the connected
groups.  On the test stories (27 folders, and every pair of them mixed) this
never split a real story and told 96 % of the mixed pairs apart; the ones it
missed are related stories (two Boeing 737 MAX crashes).  Splitting a folder
for real is left to a later stage; this only warns.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reconcile.model import Article, FindingKind, Report, Slot

MIN_SHARED = 3
"""Shared findings + shared names, places and dates that link two articles."""
MAX_ARTICLES = 300
"""Above this many articles the check is skipped: it compares every pair."""


@dataclass(frozen=True, slots=True)
class StoryGroup:
    articles: tuple[Article, ...]
    """In path order."""
    names: tuple[str, ...]
    """Up to three names or places the group mentions most and no other group does."""


def story_groups(report: Report) -> list[StoryGroup]:
    """The groups of articles that share little between them; one group for one story.

    Copies of an article (``Report.duplicates``) go with their original.  An
    article linked to no other (a stub, a page of noise) is a group of its own;
    ``separate_stories`` tells whether the groups look like stories.
    """
    copies = dict(report.duplicates)
    articles = [a for a in report.articles if a.id not in copies]
    if len(articles) > MAX_ARTICLES or len(articles) < 2:
        return [StoryGroup(tuple(report.articles), ())]
    features: dict[str, set[str]] = {a.id: set() for a in articles}
    links: Counter[tuple[str, str]] = Counter()
    for finding in report.findings:
        for evidence in finding.evidence:
            claim = evidence.claim
            if claim.article_id in features:
                features[claim.article_id].update(_features(claim.actors, claim.places))
                features[claim.article_id].update(
                    f"date:{fact.value}" for fact in claim.facts if fact.slot is Slot.DATE
                )
        if finding.kind is not FindingKind.SINGLE_SOURCE:
            ids = sorted({e.claim.article_id for e in finding.evidence})
            links.update(itertools.combinations(ids, 2))
    parent = {a.id: a.id for a in articles}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in itertools.combinations([a.id for a in articles], 2):
        if root(a) != root(b) and links[a, b] + len(features[a] & features[b]) >= MIN_SHARED:
            parent[root(a)] = root(b)
    members: dict[str, list[Article]] = {}
    for article in report.articles:
        members.setdefault(root(copies.get(article.id, article.id)), []).append(article)
    groups = sorted(members.values(), key=lambda g: (-len(g), g[0].path))
    return [StoryGroup(tuple(group), _label(group, groups, features)) for group in groups]


def _features(actors: Sequence[str], places: Sequence[str]) -> set[str]:
    return {f"actor:{a}" for a in actors} | set(places)


def _label(
    group: list[Article], groups: list[list[Article]], features: dict[str, set[str]]
) -> tuple[str, ...]:
    mine: Counter[str] = Counter()
    for article in group:
        mine.update(features.get(article.id, ()))
    elsewhere = {
        feature
        for other in groups
        if other is not group
        for article in other
        for feature in features.get(article.id, ())
    }
    names = [
        _readable(feature)
        for feature, _ in sorted(mine.items(), key=lambda kv: (-kv[1], kv[0]))
        if feature not in elsewhere and _readable(feature)
    ]
    return tuple(names[:3])


def _readable(feature: str) -> str:
    """``actor:kim jong un`` -> ``Kim Jong Un``; a town by its name; countries and dates: ''."""
    kind, _, rest = feature.partition(":")
    if kind == "actor":
        return rest.title()
    if kind == "place" and rest.startswith("city:"):
        return rest.removeprefix("city:").title()
    return ""


def separate_stories(groups: Sequence[StoryGroup]) -> bool:
    """Two or more groups of at least two articles: a lone unlinked article is not a story."""
    return sum(1 for group in groups if len(group.articles) >= 2) >= 2
