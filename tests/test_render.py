"""Renderers on a report built by hand: golden files, and what each format promises.

Golden files hold the exact output for the report of ``report_fixture``; a
change in rendering shows as a diff a reviewer reads.  After a deliberate
change, rewrite them with ``REGENERATE_GOLDEN=1 pytest tests/test_render.py``.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from report_fixture import build_report

import reconcile.render.json as json_format
from reconcile.model import Report
from reconcile.render import (
    render_compact,
    render_csv,
    render_github,
    render_jsonl,
    render_markdown,
    render_text,
)
from reconcile.render.markdown import MAX_CHARS
from reconcile.render.words import Lexicon, confidence_label, headline

GOLDEN = Path(__file__).parent / "golden"

CASES: dict[str, Callable[[Report], str]] = {
    "text-80.txt": lambda r: render_text(r, width=80),
    "text-120.txt": lambda r: render_text(r, width=120, show_single_source=True),
    "compact-80.txt": lambda r: render_compact(r, width=80, show_single_source=True),
    "report.md": render_markdown,
    "report.csv": render_csv,
    "report.jsonl": render_jsonl,
    "github.txt": render_github,
}


@pytest.fixture
def report(monkeypatch: pytest.MonkeyPatch) -> Report:
    # The version is in the JSON Lines summary; golden files must not change with it.
    monkeypatch.setattr(json_format, "tool_version", lambda: "0.0.0")
    return build_report()


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(report: Report, name: str) -> None:
    rendered = CASES[name](report)
    path = GOLDEN / name
    if os.environ.get("REGENERATE_GOLDEN"):
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [80, 120])
def test_text_fits_its_width_and_never_cuts_a_location(report: Report, width: int) -> None:
    text = render_text(report, width=width, show_single_source=True)
    assert max(len(line) for line in text.splitlines()) <= width
    for where in ("a064:4:1", "e261:4:1", "e16f:1:1", "a064:8:1", "e261:6:1", "a064:6:1"):
        assert where in text


def test_text_ends_with_the_summary_after_the_findings(report: Report) -> None:
    lines = render_text(report).splitlines()
    summary = next(n for n, line in enumerate(lines) if line.startswith("Summary"))
    assert summary > max(n for n, line in enumerate(lines) if "╰" in line)
    assert "  2 contradictions — see above" in lines[summary:]


def test_compact_is_one_line_per_finding(report: Report) -> None:
    lines = render_compact(report, show_single_source=False).splitlines()
    kinds = [line.split()[0] for line in lines if line.split()[0] in {"contradiction", "update"}]
    assert kinds == ["contradiction", "contradiction", "update"]
    assert sum(1 for line in lines if "↔" in line) == 5


def test_styled_text_has_colour_and_plain_text_has_none(report: Report) -> None:
    assert "\x1b[" in render_text(report, color=True)
    assert "\x1b[" not in render_text(report, color=False)


# --- words ---------------------------------------------------------------------------------------


def test_headlines_say_who_differs_on_what(report: Report) -> None:
    lexicon = Lexicon.of(report)
    lines = [headline(f, lexicon) for f in report.findings]
    assert lines == [
        "AP and Reuters differ on the day: Tuesday vs Monday",
        "AP denies what draft reports",
        "A number changed as the story developed: about 25 people (Reuters, 2024-03-04) "
        "→ 40 people (AP, 2024-03-05)",
        "Reuters and AP agree on a number: 12 people",
        "AP and Reuters quote it in different words: 'each' → 'every single'",
        "Only draft reports this",
    ]


def test_no_headline_names_an_internal_class(report: Report) -> None:
    lexicon = Lexicon.of(report)
    for finding in report.findings:
        text = headline(finding, lexicon)
        assert "(travel)" not in text and "_" not in text and "differs:" not in text


@pytest.mark.parametrize(
    ("confidence", "label"), [(1.0, "high"), (0.85, "high"), (0.84, "medium"), (0.5, "low")]
)
def test_confidence_label(confidence: float, label: str) -> None:
    assert confidence_label(confidence) == label


# --- markdown ------------------------------------------------------------------------------------


def test_markdown_escapes_what_would_break_a_table(report: Report) -> None:
    text = render_markdown(report)
    assert "| **AP** `a064:4:1`<br>Anna Berg is expected to travel to Kenya on **Tuesday**." in text


def test_markdown_is_cut_at_a_whole_row_with_a_note(report: Report) -> None:
    full = render_markdown(report)
    short = render_markdown(report, limit=1600)
    assert len(full) > 1600 >= len(short)
    assert "> **Truncated:**" in short and "not listed" in short
    rows = [line for line in short.splitlines() if line.startswith("| `")]
    assert all(row in full for row in rows)  # no row cut in half


def test_markdown_of_a_huge_report_fits_in_a_comment(report: Report) -> None:
    huge = dataclasses.replace(report, findings=report.findings * 500)
    text = render_markdown(huge)
    assert len(text) <= MAX_CHARS < 65_536
    assert text.endswith("writes them all.\n")


# --- csv, jsonl, github --------------------------------------------------------------------------


def test_csv_has_a_row_per_claim_of_a_finding(report: Report) -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(report))))
    assert len(rows) == sum(len(f.evidence) for f in report.findings)
    day = [r for r in rows if r["slot"] == "day"]
    assert [(r["source"], r["line"], r["column"], r["value"]) for r in day] == [
        ("AP", "4", "1", "Tuesday"),
        ("Reuters", "4", "1", "Monday"),
    ]
    assert len({r["finding_id"] for r in day}) == 1


def test_jsonl_is_findings_then_a_summary(report: Report) -> None:
    records = [json.loads(line) for line in render_jsonl(report).splitlines()]
    assert [r["type"] for r in records] == ["finding"] * 6 + ["summary"]
    assert records[-1]["summary"]["contradiction"] == 2
    assert {r["id"] for r in records[:-1]} == set(report.finding_ids())


def test_github_annotates_problems_only(report: Report) -> None:
    lines = render_github(report).splitlines()
    levels = [line.split()[0] for line in lines if line.startswith("::")]
    assert levels.count("::error") == 4  # two contradictions, two sentences each
    assert levels.count("::warning") == 2
    assert levels.count("::notice") == 2
    assert not any("agree on" in line for line in lines)


def test_github_escapes_property_and_message_text() -> None:
    from reconcile.render.github import _data, _property

    assert _property("a:b,c%") == "a%3Ab%2Cc%25"
    assert _data("50%\nnext") == "50%25%0Anext"


def test_every_kind_has_a_heading_in_the_text(report: Report) -> None:
    text = render_text(report, show_single_source=True)
    for heading in ("Contradictions (2)", "Updated figures (1)", "Quote drift (1)"):
        assert heading in text
    assert "Single-source claims (1)" in text
    assert "Single-source claims" not in render_text(report, show_single_source=False)


def test_many_findings_of_a_kind_get_a_line_each_after_the_panels(report: Report) -> None:
    from reconcile.render.text import MAX_PANELS

    many = dataclasses.replace(report, findings=report.findings[:1] * (MAX_PANELS + 7))
    text = render_text(many)
    assert text.count("╰") == MAX_PANELS
    assert "… and 7 more, a line each:" in text
    assert text.count("contradiction day ") == 7
