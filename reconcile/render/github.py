"""Report -> GitHub Actions workflow commands (``--format github``).

Each contradiction becomes an ``::error`` annotation and each quote drift a
``::warning`` at every sentence involved, each updated figure a ``::notice``; a
plain summary line follows.  Agreements and single-source claims are not
problems and are not annotated.  Locations point at the value itself where it
has one, so the annotation sits on the word that differs.
"""

from __future__ import annotations

from reconcile.model import FindingKind, Report
from reconcile.render.view import View
from reconcile.render.words import KIND_NOUNS, confidence_text, kind_count

MAX_OTHERS = 3
"""Other sentences of a finding named in each annotation; the rest are counted."""

LEVELS = {
    FindingKind.CONTRADICTION: "error",
    FindingKind.QUOTE_DRIFT: "warning",
    FindingKind.UPDATE: "notice",
}


def render_github(report: Report) -> str:
    view = View.of(report)
    lines = []
    for item in view.items:
        level = LEVELS.get(item.finding.kind)
        if level is None:
            continue
        sides = view.sides(item.finding)
        noun = KIND_NOUNS[item.finding.kind][0]
        title = f"{noun[:1].upper()}{noun[1:]} ({item.finding.slot.value})"
        for side in sides:
            others = [other.location for other in sides if other is not side]
            if len(others) > MAX_OTHERS:  # wire copy run by a thousand outlets
                others = [*others[:MAX_OTHERS], f"and {len(others) - MAX_OTHERS} more"]
            message = (
                f"{item.headline} [confidence {confidence_text(item.finding.confidence)}; "
                f"finding {item.id}]" + (f" Also: {', '.join(others)}" if others else "")
            )
            properties = ",".join(
                f"{key}={_property(value)}"
                for key, value in (
                    ("file", side.article.path),
                    ("line", str(side.value_line)),
                    ("col", str(side.value_column)),
                    ("title", title),
                )
            )
            lines.append(f"::{level} {properties}::{_data(message)}")
    counts = ", ".join(
        kind_count(kind, report.count(kind))
        for kind in (FindingKind.CONTRADICTION, FindingKind.UPDATE, FindingKind.QUOTE_DRIFT)
    )
    lines.append(f"reconcile: {counts} in {len(report.articles)} sources")
    return "\n".join(lines) + "\n"


def _data(text: str) -> str:
    """Escaped as the runner expects a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escaped as the runner expects a property value (``:`` and ``,`` also end one)."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")
