"""Report -> JSON Lines (``--format jsonl``): one finding per line, then one summary line.

For pipelines that stream: ``reconcile … --format jsonl | grep '"contradiction"'``.
Each line is a complete JSON object with a ``type`` of ``finding`` or ``summary``;
a finding line has the fields of a finding in ``--format json``.
"""

from __future__ import annotations

import json
from typing import Any

from reconcile.model import Report
from reconcile.render.json import (
    SCHEMA_VERSION,
    finding_json,
    sources_json,
    stories_json,
    tool_info,
)
from reconcile.render.view import View


def render_jsonl(report: Report) -> str:
    """Newline-terminated lines, keys sorted, in the report's reading order."""
    view = View.of(report)
    lines = [_line({"type": "finding", **finding_json(view, item)}) for item in view.items]
    summary: dict[str, Any] = {
        "type": "summary",
        "schema_version": SCHEMA_VERSION,
        "tool": tool_info(),
        "sources": sources_json(view),
        "summary": view.counts(),
    }
    if report.stories:
        summary["stories"] = stories_json(view)
    lines.append(_line(summary))
    return "".join(lines)


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n"
