"""Report -> SARIF 2.1.0 (``--format sarif``), for code-scanning dashboards.

One result per contradiction (level ``error``), quote drift (``warning``) and
updated figure (``note``); agreements and single-source claims are not
problems and are left out.  Rule ids name kind and slot (``contradiction/day``).
A result's first location is its first sentence (the reference draft's, when
there is one), the others are related locations.  ``partialFingerprints``
carries the finding's stable id, so a dashboard tracks one finding across runs.
Columns count Unicode code points, as everywhere in reconcile.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

from reconcile.model import Finding, FindingKind, Report, Slot
from reconcile.render.json import tool_version
from reconcile.render.view import Side, View
from reconcile.render.words import KIND_NOUNS, confidence_label, slot_phrase

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "reconcileFindingId/v1"

LEVELS = {
    FindingKind.CONTRADICTION: "error",
    FindingKind.QUOTE_DRIFT: "warning",
    FindingKind.UPDATE: "note",
}
_RULE_TEXT = {
    FindingKind.CONTRADICTION: "Sources differ on {phrase}",
    FindingKind.QUOTE_DRIFT: "Sources quote the same words differently",
    FindingKind.UPDATE: "{phrase_cap} changed between articles of different dates",
}
_RULE_HELP = {
    FindingKind.CONTRADICTION: "Check which source is right before repeating either value.",
    FindingKind.QUOTE_DRIFT: "Quote the words as the speaker said them; compare the sources.",
    FindingKind.UPDATE: "A running figure: use the newest source's value, and say when.",
}


def render_sarif(report: Report) -> str:
    """A SARIF log with one run, as deterministic JSON text."""
    view = View.of(report)
    items = [item for item in view.items if item.finding.kind in LEVELS]
    rule_keys = sorted({(item.finding.kind, item.finding.slot) for item in items})
    rule_index = {key: n for n, key in enumerate(rule_keys)}
    results = []
    for item in items:
        finding = item.finding
        sides = _reference_first(view, view.sides(finding))
        results.append(
            {
                "ruleId": rule_id(finding),
                "ruleIndex": rule_index[(finding.kind, finding.slot)],
                "level": LEVELS[finding.kind],
                "message": {"text": item.headline},
                "locations": [_location(sides[0])],
                "relatedLocations": [
                    {**_location(side), "id": n} for n, side in enumerate(sides[1:], start=1)
                ],
                "partialFingerprints": {FINGERPRINT: item.id},
                "properties": {
                    "confidence": finding.confidence,
                    "confidenceLabel": confidence_label(finding.confidence),
                    "findingId": item.id,
                    "kind": finding.kind.value,
                },
            }
        )
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "reconcile",
                        "version": tool_version(),
                        "rules": [_rule(kind, slot) for kind, slot in rule_keys],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "artifacts": [
                    {"location": {"uri": artifact_uri(a.path)}, "description": {"text": a.name}}
                    for a in report.articles
                ],
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def rule_id(finding: Finding) -> str:
    """``contradiction/day``, ``quote_drift/quote``, ``update/count``."""
    return f"{finding.kind.value}/{finding.slot.value}"


def _rule(kind: FindingKind, slot: Slot) -> dict[str, Any]:
    phrase = slot_phrase(slot)
    text = _RULE_TEXT[kind].format(phrase=phrase, phrase_cap=phrase[:1].upper() + phrase[1:])
    return {
        "id": f"{kind.value}/{slot.value}",
        "name": "".join(part.title() for part in f"{kind.value}_{slot.value}".split("_")),
        "shortDescription": {"text": text},
        "fullDescription": {"text": f"{text} ({KIND_NOUNS[kind][0]}, slot '{slot.value}')."},
        "help": {"text": _RULE_HELP[kind]},
        "defaultConfiguration": {"level": LEVELS[kind]},
    }


def _reference_first(view: View, sides: list[Side]) -> list[Side]:
    """The reference draft's sentences first: that is the file a reviewer changes."""
    return sorted(sides, key=lambda side: not view.is_reference(side.article))


def _location(side: Side) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": side.value_line,
        "startColumn": side.value_column,
        "snippet": {"text": side.evidence.claim.sentence.text},
    }
    if side.evidence.value_start is not None and side.evidence.value_end is not None:
        end_line, end_column = side.article.position(side.evidence.value_end)
        if end_line == side.value_line:
            region["endColumn"] = end_column
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(side.article.path)},
            "region": region,
        },
        "message": {"text": f"{side.article.name}: {side.evidence.value}"},
    }


def artifact_uri(path: str) -> str:
    """A path as a URI reference: relative paths stay relative, with ``/`` separators.

    >>> artifact_uri("wire copy/ap.txt"), artifact_uri("/tmp/a.txt")
    ('wire%20copy/ap.txt', 'file:///tmp/a.txt')
    """
    posix = path.replace(os.sep, "/")
    if os.path.isabs(path):
        return "file://" + quote(posix if posix.startswith("/") else "/" + posix)
    return quote(posix)
