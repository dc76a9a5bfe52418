"""Report -> what the user reads: a rich terminal report, or versioned JSON.

Renderers return text or renderables and never print: the CLI decides where
output goes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from reconcile.model import Article, Evidence, Finding, FindingKind, Report

PRETTY_MAX_FINDINGS = 2000
SCHEMA_VERSION = "1.1"
"""Bumped on any change to the JSON layout; minor for additions, major for changes."""

_HEADINGS = {
    FindingKind.CONTRADICTION: ("Contradictions", "bold red"),
    FindingKind.UPDATE: ("Updated figures", "bold yellow"),
    FindingKind.AGREEMENT: ("Agreements", "bold green"),
    FindingKind.QUOTE_DRIFT: ("Quote drift", "bold magenta"),
    FindingKind.SINGLE_SOURCE: ("Single-source claims", "bold blue"),
}


def tool_version() -> str:
    try:
        return version("reconcile")
    except PackageNotFoundError:  # running from a source tree without install
        return "0+unknown"


# --- JSON ---------------------------------------------------------------------------------------


def render_json(report: Report) -> str:
    """The report as deterministic JSON text, newline-terminated."""
    articles = {a.id: a for a in report.articles}
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "reconcile", "version": tool_version()},
        "sources": [_source_json(a) for a in report.articles]
        + [
            {"path": s.path, "status": "skipped", "reason": s.reason}
            for s in report.skipped
            if s.warn
        ],
        "duplicates": [
            {"source": articles[copy].path, "copy_of": articles[original].path}
            for copy, original in report.duplicates
        ],
        "findings": [
            _finding_json(f"f{n}", finding, articles)
            for n, finding in enumerate(report.findings, start=1)
        ],
        "summary": summary(report),
    }
    # Indented for small reports, which people read; compact above that, where the
    # indenting encoder (pure Python) would cost seconds and the reader is a program.
    indent = 2 if len(report.findings) <= PRETTY_MAX_FINDINGS else None
    return json.dumps(document, indent=indent, sort_keys=True, ensure_ascii=False) + "\n"


def summary(report: Report) -> dict[str, int]:
    counts = {kind.value: report.count(kind) for kind in FindingKind}
    counts.update(
        sources=len(report.articles),
        skipped=sum(1 for s in report.skipped if s.warn),
        claims=report.claims_count,
    )
    return counts


def _source_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "path": article.path,
        "name": article.name,
        "date": article.date.isoformat() if article.date else None,
        "status": "ok",
    }


def _finding_json(
    finding_id: str, finding: Finding, articles: dict[str, Article]
) -> dict[str, Any]:
    return {
        "id": finding_id,
        "kind": finding.kind.value,
        "slot": finding.slot.value,
        "confidence": finding.confidence,
        "reason": finding.reason,
        "claims": [_evidence_json(e, articles[e.claim.article_id]) for e in finding.evidence],
    }


def _evidence_json(evidence: Evidence, article: Article) -> dict[str, Any]:
    sentence = evidence.claim.sentence
    line, column = article.position(sentence.start)
    item: dict[str, Any] = {
        "source": article.path,
        "source_id": article.id,
        "text": sentence.text,
        "line": line,
        "column": column,
        "value": evidence.value,
    }
    if evidence.value_start is not None:
        value_line, value_column = article.position(evidence.value_start)
        item["value_line"], item["value_column"] = value_line, value_column
    return item


# --- terminal -----------------------------------------------------------------------------------


def render_terminal(report: Report, *, show_single_source: bool = False) -> Iterator[Any]:
    """Rich renderables, summary first, contradictions before everything else."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    articles = {a.id: a for a in report.articles}
    counts = summary(report)
    yield Text.assemble(
        ("reconcile ", "bold"),
        f"{_plural(counts['sources'], 'source')}, {_plural(counts['claims'], 'claim')}: ",
        (
            _plural(counts["contradiction"], "contradiction"),
            "red" if counts["contradiction"] else "",
        ),
        ", ",
        (_plural(counts["update"], "update"), "yellow" if counts["update"] else ""),
        f", {_plural(counts['agreement'], 'agreement')}, "
        f"{_plural(counts['quote_drift'], 'quote drift')}, "
        f"{_plural(counts['single_source'], 'single-source claim')}",
    )
    for article in report.articles:
        dated = f", {article.date.isoformat()}" if article.date else ""
        yield Text(f"  {article.id}  {article.name}{dated}  ({article.path})", style="dim")
    for copy, original in report.duplicates:
        yield Text(
            f"note: {articles[copy].path} is an identical copy of {articles[original].path};"
            " counted once",
            style="yellow",
        )
    for kind, (heading, style) in _HEADINGS.items():
        findings = [f for f in report.findings if f.kind is kind]
        if not findings or (kind is FindingKind.SINGLE_SOURCE and not show_single_source):
            continue
        yield Rule(Text(f"{heading} ({len(findings)})", style=style), align="left")
        for finding in findings:
            sides = [_side(e, articles[e.claim.article_id], kind) for e in finding.evidence]
            grid = Table.grid(expand=True, padding=(0, 2))
            columns = 2 if len(sides) == 2 else 1
            for _ in range(columns):
                grid.add_column(ratio=1)
            if columns == 2:
                grid.add_row(*sides)
            else:
                for side in sides:
                    grid.add_row(side)
            title = Text.assemble(
                (finding.slot.value, "bold"), f" · confidence {finding.confidence:.2f}"
            )
            reason = Text(finding.reason, style="bold")
            yield Panel(Group(reason, grid), title=title, title_align="left", border_style=style)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _side(evidence: Evidence, article: Article, kind: FindingKind) -> Any:
    from rich.text import Text

    line, column = article.position(evidence.claim.sentence.start)
    sentence = evidence.claim.sentence
    text = Text(sentence.text)
    if evidence.value_start is not None and evidence.value_end is not None:
        highlight = (
            "bold red" if kind in (FindingKind.CONTRADICTION, FindingKind.UPDATE) else "bold"
        )
        text.stylize(
            highlight, evidence.value_start - sentence.start, evidence.value_end - sentence.start
        )
    where = f"{article.path}:{line}:{column}"
    if article.name != os.path.basename(article.path):
        where = f"{article.name} · {where}"
    header = Text(where, style="dim")
    return Text("\n").join([header, text])
