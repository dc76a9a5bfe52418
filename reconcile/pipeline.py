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
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import BinaryIO

from reconcile.align import (
    AlignedPair,
    Limits,
    ValuePair,
    align_claims,
    value_pairs,
)
from reconcile.clean import clean_article, is_story_sentence
from reconcile.compare import compare_pairs, merge_agreements
from reconcile.copies import CopyGroups, collapse_copies, expand_findings, verbatim_agreements
from reconcile.extract import extract_claims
from reconcile.load import Loaded, display_path, load_inputs
from reconcile.model import (
    Article,
    Claim,
    Evidence,
    Finding,
    FindingKind,
    InputWarning,
    Report,
    Settings,
    Skipped,
    Slot,
    article_rank,
)
from reconcile.quotes import compare_quotes
from reconcile.sameness import Vocabulary, story_vocabulary
from reconcile.sentences import split_sentences
from reconcile.workers import worker_pool

KIND_ORDER = (
    FindingKind.CONTRADICTION,
    FindingKind.UPDATE,
    FindingKind.AGREEMENT,
    FindingKind.QUOTE_DRIFT,
    FindingKind.SINGLE_SOURCE,
)


Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while a run goes on; ``total`` 0: unknown."""

_PATHS_NAMED = 3
"""An error about the paths given names this many of them (a list may hold thousands)."""
POOL_MIN_ARTICLES = 64
"""Below this many articles, starting worker processes costs more than it saves."""
MAX_AUTO_JOBS = 8


class InputError(Exception):
    """The input cannot be reconciled at all (no readable article, only one)."""

    def __init__(
        self,
        message: str,
        skipped: Sequence[Skipped] = (),
        warnings: Sequence[InputWarning] = (),
    ) -> None:
        super().__init__(message)
        self.skipped = tuple(skipped)
        self.warnings = tuple(warnings)


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
        paths = [os.fspath(i) for i in inputs]
        return reconcile_paths(paths, settings=settings, stdin=stdin, progress=progress)
    loaded = read_inputs(inputs, settings=settings, stdin=stdin, progress=progress)
    return reconcile_articles(
        loaded.articles,
        loaded.skipped,
        settings=settings,
        progress=progress,
        warnings=loaded.warnings,
    )


def read_inputs(
    inputs: Sequence[str | os.PathLike[str] | Article],
    *,
    settings: Settings,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> Loaded:
    """Files, folders and built articles, read and numbered ``a1``, ``a2``… in path order."""
    paths = [os.fspath(i) for i in inputs if not isinstance(i, Article)]
    given = [i for i in inputs if isinstance(i, Article)]
    if progress:
        progress("reading", 0, 0)
    loaded = (
        load_inputs(paths, stdin=stdin, default_date=settings.default_date)
        if paths
        else Loaded((), ())
    )
    undated = [dataclasses.replace(a, date=a.date or settings.default_date) for a in given]
    # The pipeline keys claims by ``a<n>`` ids in path order: number the mix anew.
    ordered = sorted([*loaded.articles, *undated], key=lambda a: a.path)
    articles = [dataclasses.replace(a, id=f"a{n}") for n, a in enumerate(ordered, start=1)]
    if not articles and paths:
        shown = ", ".join(display_path(p) for p in sorted(paths)[:_PATHS_NAMED])
        more = len(paths) - _PATHS_NAMED
        raise InputError(
            f"no readable article in {shown}" + (f" and {more} more" if more > 0 else ""),
            loaded.skipped,
            loaded.warnings,
        )
    return Loaded(tuple(articles), loaded.skipped, loaded.warnings)


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
        loaded = load_inputs(paths, stdin=stdin, default_date=settings.default_date)
    if not loaded.articles:
        shown = ", ".join(display_path(os.fspath(p)) for p in sorted(paths)[:_PATHS_NAMED])
        more = len(paths) - _PATHS_NAMED
        raise InputError(
            f"no readable article in {shown}" + (f" and {more} more" if more > 0 else ""),
            loaded.skipped,
            loaded.warnings,
        )
    return reconcile_articles(
        loaded.articles,
        loaded.skipped,
        settings=settings,
        timer=timer,
        progress=progress,
        warnings=loaded.warnings,
    )


def reconcile_articles(
    articles: Sequence[Article],
    skipped: Sequence[Skipped] = (),
    *,
    settings: Settings,
    timer: StageTimer | None = None,
    progress: Progress | None = None,
    warnings: Sequence[InputWarning] = (),
) -> Report:
    """Reconcile already loaded articles.  Raises InputError if fewer than two."""
    timer = timer or StageTimer()
    tell = progress or _quiet
    _check_enough(articles, skipped, warnings)
    independent, duplicates = _set_aside_copies(articles)
    if len(independent) < 2:
        raise InputError(
            "all articles are copies of one text: nothing to compare", skipped, warnings
        )
    claims, failed = _extract_all(independent, settings, timer, tell)
    if failed:
        # An article the extractor failed on is reported as skipped (with its copies,
        # which are the same text); the others go on.
        reasons = {article.id: reason for article, reason in failed}
        reasons.update(
            {copy: reasons[original] for copy, original in duplicates if original in reasons}
        )
        failed = [(a, reasons[a.id]) for a in articles if a.id in reasons]
        articles = [a for a in articles if a.id not in reasons]
        independent = [a for a in independent if a.id not in reasons]
        duplicates = tuple(pair for pair in duplicates if pair[1] not in reasons)
        skipped = sorted(
            (*skipped, *(Skipped(article.path, reason) for article, reason in failed)),
            key=lambda item: item.path,
        )
        _check_enough(independent, skipped, warnings)
    jobs = worker_count(settings, len(independent))
    story = _aligned(claims, settings, timer, tell, jobs)
    claims, groups = list(story.claims), story.groups
    tell("comparing", 0, 0)
    with timer.stage("compare"):
        findings = expand_findings(
            compare_pairs(
                story.pairs,
                story.values,
                independent,
                settings=settings,
                vocabulary=story.vocabulary,
                jobs=jobs,
            ),
            groups,
        )
        findings.extend(verbatim_agreements(groups))
        findings.extend(compare_quotes(claims, settings))
        findings = merge_agreements(findings)
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
        warnings=tuple(warnings),
        notes=_notes(story.limits),
    )


def _notes(limits: Limits) -> tuple[str, ...]:
    """What a user should know about how the run was bounded, in words."""
    if not limits.swept_keys:
        return ()
    return (
        f"{limits.swept_keys} groups of claims or values were too large to pair in full "
        f"(more than {limits.max_postings} sharing a name, word or value): pairs among them were "
        "chosen by wording, so some agreements or contradictions in them may be missed",
    )


def _check_enough(
    articles: Sequence[Article], skipped: Sequence[Skipped], warnings: Sequence[InputWarning]
) -> None:
    if not articles:
        raise InputError("no readable article", skipped, warnings)
    if len(articles) < 2:
        raise InputError(
            f"need at least two articles to compare, got one: {articles[0].path}",
            skipped,
            warnings,
        )


@dataclass(frozen=True, slots=True)
class Prepared:
    """A story read and aligned, ready for comparison (also what ``make train`` learns from)."""

    claims: tuple[Claim, ...]
    groups: CopyGroups
    pairs: tuple[AlignedPair, ...]
    values: tuple[ValuePair, ...]
    vocabulary: Vocabulary
    limits: Limits = field(default_factory=Limits)
    """Bounds alignment met (keys swept rather than paired in full)."""


def prepare(
    articles: Sequence[Article],
    *,
    settings: Settings,
    timer: StageTimer | None = None,
    progress: Progress | None = None,
) -> Prepared:
    """Claims of independent articles, collapsed copies, aligned pairs, the story's words.

    An article the extractor fails on is an error here (training must not lose a story
    quietly); ``reconcile_articles`` skips it instead.
    """
    timer = timer or StageTimer()
    tell = progress or _quiet
    claims, failed = _extract_all(articles, settings, timer, tell)
    if failed:
        article, reason = failed[0]
        raise RuntimeError(f"{article.path}: {reason}")
    return _aligned(claims, settings, timer, tell, worker_count(settings, len(articles)))


def _aligned(
    claims: Sequence[Claim],
    settings: Settings,
    timer: StageTimer,
    progress: Progress,
    jobs: int,
) -> Prepared:
    progress("aligning", 0, 0)
    limits = Limits(settings.max_postings)
    with timer.stage("align"):
        groups = collapse_copies(claims)
        pairs = align_claims(
            groups.representatives,
            settings=settings,
            counts=timer.counts,
            limits=limits,
            jobs=jobs,
        )
        values = value_pairs(
            groups.representatives, settings=settings, limits=limits, aligned=pairs
        )
        vocabulary = story_vocabulary(groups.representatives)
    return Prepared(tuple(claims), groups, pairs, tuple(values), vocabulary, limits)


# A failed article and why, in the words of a skipped file's reason.
_Failure = tuple[Article, str]


def _extract_all(
    articles: Sequence[Article], settings: Settings, timer: StageTimer, progress: Progress
) -> tuple[list[Claim], list[_Failure]]:
    """Claims of every article, in a pool of processes when there are many articles;
    and the articles the extractor failed on (a bug, reported rather than fatal)."""
    jobs = worker_count(settings, len(articles))
    total = len(articles)
    results: list[tuple[Claim, ...] | str] = []
    if jobs <= 1:
        for done, article in enumerate(articles, start=1):
            results.append(_guarded_claims(article, timer))
            progress("reading claims", done, total)
    else:
        with timer.stage("extract"), worker_pool(jobs) as pool:
            chunk = max(1, len(articles) // (jobs * 4))
            for done, found in enumerate(pool.imap(_claims_alone, articles, chunksize=chunk), 1):
                results.append(found)
                progress("reading claims", done, total)
    claims = [claim for result in results if isinstance(result, tuple) for claim in result]
    failed = [
        (article, result)
        for article, result in zip(articles, results, strict=True)
        if isinstance(result, str)
    ]
    return claims, failed


def worker_count(settings: Settings, articles: int) -> int:
    """Worker processes for a run of this many articles (``Settings.jobs``; 0: automatic)."""
    if settings.jobs:
        return settings.jobs
    return min(os.cpu_count() or 1, MAX_AUTO_JOBS) if articles >= POOL_MIN_ARTICLES else 1


def _quiet(stage: str, done: int, total: int) -> None:
    """The progress hook of a run nobody watches."""


def _claims_alone(article: Article) -> tuple[Claim, ...] | str:
    return _guarded_claims(article, StageTimer())


def _guarded_claims(article: Article, timer: StageTimer) -> tuple[Claim, ...] | str:
    """The article's claims, or why there are none: one bad article never loses the others."""
    try:
        return _claims_of(article, timer)
    except Exception as error:
        return f"internal error ({type(error).__name__}: {error}); please report it"


def _claims_of(article: Article, timer: StageTimer) -> tuple[Claim, ...]:
    with timer.stage("clean"):
        spans = clean_article(article)
    with timer.stage("sentences"):
        sentences = [s for s in split_sentences(article, spans) if is_story_sentence(s.text)]
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
