"""Which findings a report shows: by kind, slot, source, confidence, or a reference draft.

Applied to a finished report, after the pipeline: selecting never changes what
is found, only what is shown (and what ``--fail-on`` looks at).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass

from reconcile.model import Article, Finding, FindingKind, Report, Slot


class SelectionError(ValueError):
    """A ``--source`` or ``--reference`` that names no article of the report."""


@dataclass(frozen=True, slots=True)
class Selection:
    """What to keep; an empty set keeps everything of its kind."""

    kinds: frozenset[FindingKind] = frozenset()
    slots: frozenset[Slot] = frozenset()
    sources: tuple[str, ...] = ()
    """Keep findings with evidence from any of these: a short source id, a path, a file
    name or a source name (case aside)."""
    min_confidence: float = 0.0
    """Keep findings at least this sure, whatever their kind."""
    reference: str | None = None
    """Path of a draft checked against the others: keep only findings that involve it."""

    @property
    def is_empty(self) -> bool:
        return self == Selection()


def select_findings(report: Report, selection: Selection) -> Report:
    """``report`` with only the selected findings; ``hidden`` counts the others."""
    if selection.is_empty:
        return report
    ids = report.source_ids()
    wanted: set[str] | None = None
    if selection.sources:
        wanted = set()
        for name in selection.sources:
            matches = {a.id for a in report.articles if _names(a, name, ids[a.id])}
            if not matches:
                known = ", ".join(f"{ids[a.id]} ({a.path})" for a in report.articles)
                raise SelectionError(f"no source matches {name!r}; the sources are: {known}")
            wanted |= matches
    reference = None
    if selection.reference is not None:
        reference = find_article(report.articles, selection.reference)
        if reference is None:
            raise SelectionError(f"the reference {selection.reference} is not among the articles")

    def keep(finding: Finding) -> bool:
        sources = {e.claim.article_id for e in finding.evidence}
        return (
            (not selection.kinds or finding.kind in selection.kinds)
            and (not selection.slots or finding.slot in selection.slots)
            and finding.confidence >= selection.min_confidence
            and (wanted is None or bool(sources & wanted))
            and (reference is None or reference.id in sources)
        )

    kept = tuple(f for f in report.findings if keep(f))
    return dataclasses.replace(
        report,
        findings=kept,
        hidden=report.hidden + len(report.findings) - len(kept),
        reference=reference.id if reference else report.reference,
    )


def find_article(articles: Sequence[Article], path: str) -> Article | None:
    """The article read from ``path``, however the path was spelled."""
    wanted = os.path.normpath(path)
    for article in articles:
        if os.path.normpath(article.path) == wanted:
            return article
    for article in articles:
        try:
            if os.path.samefile(article.path, path):
                return article
        except OSError:  # standard input, or a file gone since
            continue
    return None


def _names(article: Article, name: str, short_id: str) -> bool:
    folded = name.casefold()
    return (
        name == short_id
        or os.path.normpath(name) == os.path.normpath(article.path)
        or name == os.path.basename(article.path)
        or folded == article.name.casefold()
    )
