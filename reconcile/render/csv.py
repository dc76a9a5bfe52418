"""Report -> CSV for spreadsheets (``--format csv``): one row per claim of a finding.

A finding with three sources is three rows sharing a ``finding_id``.  Line and
column are where the claim's sentence starts, as in the JSON.
"""

from __future__ import annotations

import csv
import io

from reconcile.model import Report
from reconcile.render.view import View
from reconcile.render.words import confidence_label

COLUMNS = (
    "finding_id",
    "kind",
    "slot",
    "confidence",
    "confidence_label",
    "headline",
    "source_id",
    "source",
    "path",
    "line",
    "column",
    "value",
    "sentence",
)


def render_csv(report: Report) -> str:
    """A header row, then the rows; ``\\n`` line ends, fields quoted only where needed."""
    view = View.of(report)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for item in view.items:
        finding = item.finding
        for side in view.sides(finding):
            writer.writerow(
                (
                    item.id,
                    finding.kind.value,
                    finding.slot.value,
                    f"{finding.confidence:.2f}",
                    confidence_label(finding.confidence),
                    item.headline,
                    side.source_id,
                    side.article.name,
                    side.article.path,
                    side.line,
                    side.column,
                    _one_line(side.evidence.value),
                    _one_line(side.evidence.claim.sentence.text),
                )
            )
    return buffer.getvalue()


def _one_line(text: str) -> str:
    # A sentence may span lines in its file; one spreadsheet cell reads best on one.
    return " ".join(text.split())
