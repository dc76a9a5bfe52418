"""The stages composed: articles in, a Report out.  The CLI calls only this module.

load -> clean -> sentences -> extract -> align -> compare -> Report

``run`` is the library's entry point (``reconcile.run``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import BinaryIO

from reconcile.align import AlignedPair, ValuePair, align_claims, value_pairs
from reconcile.clean import clean_article, is_story_sentence
from reconcile.compare import compare_pairs
from reconcile.copies import CopyGroups, collapse_copies, expand_findings, verbatim_agreements
from reconcile.extract import extract_claims
from reconcile.load import load_articles
from reconcile.model import (
    Article,
    Claim,
    Evidence,
    Finding,
    FindingKind,
    Report,
    Settings,
    Skipped,
    Slot,
    article_rank,
)
from reconcile.quotes import compare_quotes
from reconcile.sameness import Vocabulary, story_vocabulary
from reconcile.sentences import split_sentences

KIND_ORDER = (
    FindingKind.CONTRADICTION,
    FindingKind.UPDATE,
    FindingKind.AGREEMENT,
    FindingKind.QUOTE_DRIFT,
    FindingKind.SINGLE_SOURCE,
)


Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while a run goes on; ``total`` 0: unknown."""

POOL_MIN_ARTICLES = 64
"""Below this many articles, starting worker processes costs more than it saves."""
MAX_AUTO_JOBS = 8


class InputError(Exception):
    """The input cannot be reconciled at all (no readable article, only one)."""

    def __init__(self, message: str, skipped: Sequence[Skipped] = ()) -> None:
        super().__init__(message)
        self.skipped = tuple(skipped)


@dataclass
class StageTimer:
    """Wall seconds spent in each stage, for the benchmark."""

    seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started


def run(
    inputs: Sequence[str | os.PathLike[str] | Article],
    settings: Settings | None = None,
    *,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> Report:
    """Reconcile files, folders (read recursively) and already built articles.

    ``"-"`` among the inputs reads one article from ``stdin``.  Articles are
    numbered in path order, whatever the order of ``inputs``.  Raises
    ``InputError`` when fewer than two readable, distinct articles remain.
    """
    settings = settings or Settings()
    if not any(isinstance(i, Article) for i in inputs):
        paths = [os.fspath(i) for i in inputs if not isinstance(i, Article)]
        return reconcile_paths(paths, settings=settings, stdin=stdin, progress=progress)
    articles, skipped = load_inputs(inputs, settings=settings, stdin=stdin, progress=progress)
    return reconcile_articles(articles, skipped, settings=settings, progress=progress)


def load_inputs(
    inputs: Sequence[str | os.PathLike[str] | Article],
    *,
    settings: Settings,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> tuple[list[Article], tuple[Skipped, ...]]:
    """Files, folders and built articles -> articles numbered ``a1``, ``a2``… in path order."""
    paths = [os.fspath(i) for i in inputs if not isinstance(i, Article)]
    given = [i for i in inputs if isinstance(i, Article)]
    if progress:
        progress("reading", 0, 0)
    loaded, skipped = (
        load_articles(paths, stdin=stdin, default_date=settings.default_date) if paths else ((), ())
    )
    undated = [dataclasses.replace(a, date=a.date or settings.default_date) for a in given]
    # The pipeline keys claims by ``a<n>`` ids in path order: number the mix anew.
    ordered = sorted([*loaded, *undated], key=lambda a: a.path)
    articles = [dataclasses.replace(a, id=f"a{n}") for n, a in enumerate(ordered, start=1)]
    return articles, skipped


def reconcile_paths(
    paths: Sequence[str],
    *,
    settings: Settings,
    stdin: BinaryIO | None = None,
    timer: StageTimer | None = None,
    progress: Progress | None = None,
) -> Report:
    """Load the given files and folders and reconcile them."""
    timer = timer or StageTimer()
    if progress:
        progress("reading", 0, 0)
    with timer.stage("load"):
        articles, skipped = load_articles(paths, stdin=stdin, default_date=settings.default_date)
    return reconcile_articles(articles, skipped, settings=settings, timer=timer, progress=progress)


def reconcile_articles(
    articles: Sequence[Article],
    skipped: Sequence[Skipped] = (),
    *,
    settings: Settings,
    timer: StageTimer | None = None,
    progress: Progress | None = None,
) -> Report:
    """Reconcile already loaded articles.  Raises InputError if fewer than two."""
    timer = timer or StageTimer()
    tell = progress or _quiet
    if not articles:
        raise InputError("no readable article", skipped)
    if len(articles) < 2:
        raise InputError(
            f"need at least two articles to compare, got one: {articles[0].path}", skipped
        )
    independent, duplicates = _set_aside_copies(articles)
    if len(independent) < 2:
        raise InputError("all articles are copies of one text: nothing to compare", skipped)
    story = prepare(independent, settings=settings, timer=timer, progress=tell)
    claims, groups = story.claims, story.groups
    tell("comparing", 0, 0)
    with timer.stage("compare"):
        findings = expand_findings(
            compare_pairs(
                story.pairs,
                story.values,
                independent,
                settings=settings,
                vocabulary=story.vocabulary,
            ),
            groups,
        )
        findings.extend(verbatim_agreements(groups))
        findings.extend(compare_quotes(claims))
        findings.extend(_single_source(claims, findings))
    pairs = story.pairs
    timer.counts.update(
        articles=len(articles),
        sentences=len({c.sentence_key for c in claims}),
        claims=len(claims),
        pairs=len(pairs),
    )
    return Report(
        articles=tuple(articles),
        skipped=tuple(skipped),
        findings=tuple(sorted(findings, key=finding_order)),
        claims_count=len(claims),
        duplicates=duplicates,
    )


@dataclass(frozen=True, slots=True)
class Prepared:
    """A story read and aligned, ready for comparison (also what ``make train`` learns from)."""

    claims: tuple[Claim, ...]
    groups: CopyGroups
    pairs: tuple[AlignedPair, ...]
    values: tuple[ValuePair, ...]
    vocabulary: Vocabulary


def prepare(
    articles: Sequence[Article],
    *,
    settings: Settings,
    timer: StageTimer | None = None,
    progress: Progress | None = None,
) -> Prepared:
    """Claims of independent articles, collapsed copies, aligned pairs, the story's words."""
    timer = timer or StageTimer()
    tell = progress or _quiet
    claims = _extract_all(articles, settings, timer, tell)
    tell("aligning", 0, 0)
    with timer.stage("align"):
        groups = collapse_copies(claims)
        pairs = align_claims(groups.representatives, settings=settings, counts=timer.counts)
        values = value_pairs(groups.representatives, settings=settings)
        vocabulary = story_vocabulary(groups.representatives)
    return Prepared(tuple(claims), groups, pairs, tuple(values), vocabulary)


def _extract_all(
    articles: Sequence[Article], settings: Settings, timer: StageTimer, progress: Progress
) -> list[Claim]:
    """Claims of every article, in a process pool when there are many articles."""
    jobs = settings.jobs or (
        min(os.cpu_count() or 1, MAX_AUTO_JOBS) if len(articles) >= POOL_MIN_ARTICLES else 1
    )
    total = len(articles)
    claims: list[Claim] = []
    if jobs <= 1:
        for done, article in enumerate(articles, start=1):
            claims.extend(_claims_of(article, timer))
            progress("reading claims", done, total)
        return claims
    with timer.stage("extract"), ProcessPoolExecutor(max_workers=jobs) as pool:
        chunk = max(1, len(articles) // (jobs * 4))
        results = pool.map(_claims_alone, articles, chunksize=chunk)
        for done, found in enumerate(results, start=1):
            claims.extend(found)
            progress("reading claims", done, total)
        return claims


def _quiet(stage: str, done: int, total: int) -> None:
    """The progress hook of a run nobody watches."""


def _claims_alone(article: Article) -> tuple[Claim, ...]:
    return _claims_of(article, StageTimer())


def _claims_of(article: Article, timer: StageTimer) -> tuple[Claim, ...]:
    with timer.stage("clean"):
        spans = clean_article(article)
    with timer.stage("sentences"):
        sentences = [
            s
            for s in split_sentences(article, spans)
            if is_story_sentence(s.text, cut_off=s.cut_off)
        ]
    with timer.stage("extract"):
        return extract_claims(article, sentences)


def _set_aside_copies(
    articles: Sequence[Article],
) -> tuple[list[Article], tuple[tuple[str, str], ...]]:
    """Keep the first of identical texts: a copy is not an independent source."""
    seen: dict[str, Article] = {}
    kept: list[Article] = []
    copies: list[tuple[str, str]] = []
    for article in articles:
        body = " ".join(article.text[article.body_start :].split())
        digest = hashlib.sha256(body.encode()).hexdigest()
        if digest in seen:
            copies.append((article.id, seen[digest].id))
        else:
            seen[digest] = article
            kept.append(article)
    return kept, tuple(copies)


def _single_source(claims: Sequence[Claim], findings: Sequence[Finding]) -> list[Finding]:
    """One finding per sentence that no other source speaks to."""
    covered = {e.claim.sentence_key for f in findings for e in f.evidence}
    result = []
    reported: set[str] = set()
    for claim in claims:
        key = claim.sentence_key
        if key in covered or key in reported:
            continue
        reported.add(key)
        result.append(
            Finding(
                kind=FindingKind.SINGLE_SOURCE,
                slot=Slot.EVENT,
                confidence=1.0,
                reason="no other source reports this",
                evidence=(Evidence(claim, claim.sentence.text),),
            )
        )
    return result


def finding_order(finding: Finding) -> tuple[object, ...]:
    """Stable order: kind; then the best-supported, surest findings; then position."""
    return (
        KIND_ORDER.index(finding.kind),
        -len({e.claim.article_id for e in finding.evidence}),
        -finding.confidence,
        tuple((article_rank(e.claim.article_id), e.claim.start) for e in finding.evidence),
        finding.slot.value,
        finding.reason,
    )
