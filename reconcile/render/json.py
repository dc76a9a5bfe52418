"""Report -> versioned, deterministic JSON for programs (``--format json``)."""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from reconcile.model import Article, FindingKind, Report
from reconcile.render.view import Item, Side, View
from reconcile.render.words import confidence_label

PRETTY_MAX_FINDINGS = 2000
SCHEMA_VERSION = "2.4"
"""Bumped on any change to the JSON layout; minor for additions, major for changes.

2.4: the ``fate`` slot (what befell a named person, dead or alive).

2.3: an agreement whose sources state compatible but different values ("303 seats", "over
300 seats") lists each in ``values``, as first written.

2.2: an agreement that stands for others on the same sentences lists them in ``also``
(slot, what it measures, the value as the first source writes it).

2.1: when the articles tell several stories, ``stories`` lists them (which article went
where and why) and each finding names its ``story``.

2.0: finding and source ids are short hashes (stable when files are added), not
``f1``/``a1``; findings gained ``headline`` and ``confidence_label``; the summary
``hidden``; a source ``reference``.
"""


def tool_version() -> str:
    try:
        return version("reconcile")
    except PackageNotFoundError:  # running from a source tree without install
        return "0+unknown"


def render_json(report: Report) -> str:
    """The report as deterministic JSON text, newline-terminated."""
    view = View.of(report)
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": tool_info(),
        "sources": sources_json(view),
        "duplicates": [
            {"source": view.articles[copy].path, "copy_of": view.articles[original].path}
            for copy, original in report.duplicates
        ],
        "findings": [finding_json(view, item) for item in view.items],
        "summary": view.counts(),
        "notes": list(report.notes),
    }
    if report.stories:
        document["stories"] = stories_json(view)
    # Indented for small reports, which people read; compact above that, where the
    # indenting encoder (pure Python) would cost seconds and the reader is a program.
    indent = 2 if len(report.findings) <= PRETTY_MAX_FINDINGS else None
    return json.dumps(document, indent=indent, sort_keys=True, ensure_ascii=False) + "\n"


def tool_info() -> dict[str, str]:
    return {"name": "reconcile", "version": tool_version()}


def sources_json(view: View) -> list[dict[str, Any]]:
    """Every article read, then every input skipped with a warning."""
    return [_source_json(view, a) for a in view.report.articles] + [
        {"path": s.path, "status": "skipped", "reason": s.reason}
        for s in view.report.skipped
        if s.warn
    ]


def _source_json(view: View, article: Article) -> dict[str, Any]:
    return {
        "id": view.source_ids[article.id],
        "path": article.path,
        "name": article.name,
        "date": article.date.isoformat() if article.date else None,
        "status": "ok",
        "reference": view.is_reference(article),
    }


def stories_json(view: View) -> list[dict[str, Any]]:
    """Each story: its id, telling names, articles with why each is there, and counts."""
    report = view.report
    result = []
    parts = report.story_parts()
    for story in report.stories:
        part = parts[story.id]
        counts = {kind.value: part.count(kind) for kind in FindingKind}
        counts.update(sources=len(story.articles), claims=story.claims_count)
        result.append(
            {
                "id": story.id,
                "names": list(story.names),
                "reconciled": not story.note,
                "note": story.note,
                "sources": [
                    {
                        "id": view.source_ids[article],
                        "path": view.articles[article].path,
                        "why": why,
                    }
                    for article, why in zip(story.articles, story.reasons, strict=True)
                ],
                "summary": counts,
            }
        )
    return result


def finding_json(view: View, item: Item) -> dict[str, Any]:
    finding = item.finding
    extra: dict[str, Any] = {}
    if view.stories:
        extra["story"] = view.stories[finding.evidence[0].claim.article_id].id
    if finding.values:
        extra["values"] = list(finding.values)
    if finding.merged:
        extra["also"] = [
            {"slot": other.slot.value, "what": other.what, "value": other.evidence[0].value}
            for other in finding.merged
        ]
    return {
        **extra,
        "id": item.id,
        "kind": finding.kind.value,
        "slot": finding.slot.value,
        "confidence": finding.confidence,
        "confidence_label": confidence_label(finding.confidence),
        "headline": item.headline,
        "reason": finding.reason,
        "claims": [_side_json(side) for side in view.sides(finding)],
    }


def _side_json(side: Side) -> dict[str, Any]:
    item: dict[str, Any] = {
        "source": side.article.path,
        "source_id": side.source_id,
        "text": side.evidence.claim.sentence.text,
        "line": side.line,
        "column": side.column,
        "value": side.evidence.value,
    }
    if side.evidence.value_start is not None:
        item["value_line"], item["value_column"] = side.value_line, side.value_column
    return item
