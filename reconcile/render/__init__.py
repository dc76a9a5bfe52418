"""Report -> what a person or a program reads, one module per output format.

Every renderer takes a ``Report`` and returns text; none prints.
``render_report`` picks one by its ``--format`` name:

>>> sorted(FORMATS)
['compact', 'csv', 'github', 'html', 'json', 'jsonl', 'markdown', 'sarif', 'text']
"""

from __future__ import annotations

from collections.abc import Callable

from reconcile.model import Report
from reconcile.render.csv import render_csv
from reconcile.render.github import render_github
from reconcile.render.html import render_html
from reconcile.render.json import SCHEMA_VERSION, render_json, tool_version
from reconcile.render.jsonl import render_jsonl
from reconcile.render.markdown import render_markdown
from reconcile.render.sarif import render_sarif
from reconcile.render.text import render_compact, render_summary, render_terminal, render_text

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "render_compact",
    "render_csv",
    "render_github",
    "render_html",
    "render_json",
    "render_jsonl",
    "render_markdown",
    "render_report",
    "render_sarif",
    "render_summary",
    "render_terminal",
    "render_text",
    "tool_version",
]

FORMATS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "compact": render_compact,
    "json": render_json,
    "jsonl": render_jsonl,
    "csv": render_csv,
    "markdown": render_markdown,
    "html": render_html,
    "github": render_github,
    "sarif": render_sarif,
}
"""``--format`` name -> renderer, each callable with the report alone."""

TERMINAL_FORMATS = frozenset({"text", "compact"})
"""Formats drawn for a terminal: they take ``width``, ``color`` and ``show_single_source``."""


def render_report(
    report: Report,
    output_format: str = "text",
    *,
    width: int = 80,
    color: bool = False,
    show_single_source: bool = False,
) -> str:
    """``report`` in the named format; the terminal options apply to ``text`` and ``compact``."""
    if output_format not in FORMATS:
        raise ValueError(f"unknown format {output_format!r}; choose from {', '.join(FORMATS)}")
    if output_format == "text":
        return render_text(report, width=width, color=color, show_single_source=show_single_source)
    if output_format == "compact":
        return render_compact(
            report, width=width, color=color, show_single_source=show_single_source
        )
    return FORMATS[output_format](report)
