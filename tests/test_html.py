"""The HTML report: one self-contained page, parsed and checked; then drawn by Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from report_fixture import build_report

from reconcile.model import Report
from reconcile.render import render_html

ROOT = Path(__file__).resolve().parent.parent


class Page(HTMLParser):
    """Collects what the tests look at: tags, attributes, marked text, findings, charts."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.marks: list[str] = []
        self.stack: list[str] = []
        self.finding: str | None = None
        self.marks_by_finding: dict[str, list[str]] = {}
        self.charts: dict[str, int] = {}
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag in ("article", "li") and "finding" in attributes.get("class", "").split():
            self.finding = attributes.get("id") or attributes["class"]
            self.marks_by_finding[self.finding] = []
        if tag == "svg" and self.finding:
            self.charts[self.finding] = 0
        if tag == "circle" and self.finding in self.charts:
            self.charts[self.finding] += 1
        if tag not in ("input", "meta", "line", "circle", "polyline", "br"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        if tag == "article":
            self.finding = None

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "mark":
            self.marks.append(data)
            if self.finding:
                self.marks_by_finding[self.finding].append(data)


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report()


@pytest.fixture(scope="module")
def page(report: Report) -> Page:
    return Page(render_html(report))


def test_self_contained(report: Report) -> None:
    text = render_html(report)
    page = Page(text)
    assert not [tag for tag, _ in page.tags if tag in ("script", "link", "img", "iframe")]
    for _, attributes in page.tags:
        for name in ("src", "href"):
            assert attributes.get(name, "#").startswith("#"), attributes
    assert "@import" not in text and "url(" not in text
    assert text.startswith("<!DOCTYPE html>") and text.endswith("</html>\n")


def test_differing_values_are_highlighted_in_each_sentence(report: Report, page: Page) -> None:
    ids = {
        (f.kind.value, f.slot.value): f"f-{finding_id}"
        for f, finding_id in zip(report.findings, report.finding_ids(), strict=True)
    }
    assert page.marks_by_finding[ids["contradiction", "day"]] == ["Tuesday", "Monday"]
    # An updated figure's sentences stand in order of publication.
    assert page.marks_by_finding[ids["update", "count"]] == ["about 25 people", "40 people"]
    assert page.marks_by_finding[ids["agreement", "count"]] == ["12 people", "twelve people"]
    # A drifted quotation: only the words the other wording lacks.
    assert page.marks_by_finding[ids["quote_drift", "quote"]] == ["each", "every single"]


def test_every_update_has_a_timeline_with_a_point_per_source(report: Report, page: Page) -> None:
    (update,) = [
        (finding_id, f)
        for finding_id, f in zip(report.finding_ids(), report.findings, strict=True)
        if f.kind.value == "update"
    ]
    assert page.charts == {f"f-{update[0]}": len(update[1].evidence)}
    text = render_html(report)
    chart = re.search(r'<svg class="timeline".*?</svg>', text)
    assert chart is not None
    assert "2024-03-04" in chart.group() and "2024-03-05" in chart.group()
    assert "about 25 people" in chart.group()


def test_filters_are_inputs_that_css_reads_without_script(report: Report, page: Page) -> None:
    inputs = {a["id"]: a["type"] for tag, a in page.tags if tag == "input"}
    assert inputs["k-contradiction"] == "checkbox"
    assert inputs["s-day"] == "checkbox"
    assert inputs["src-all"] == "radio"
    labels = {a["for"] for tag, a in page.tags if tag == "label"}
    assert set(inputs) <= labels
    text = render_html(report)
    assert "#k-contradiction:not(:checked) ~ main .kind-contradiction { display: none; }" in text
    assert "#s-day:not(:checked) ~ main .slot-day { display: none; }" in text
    ap = report.source_ids()["a2"]
    assert f"#src-{ap}:checked ~ main .finding:not(.src-{ap}) {{ display: none; }}" in text


def test_findings_carry_the_classes_the_filters_use(report: Report, page: Page) -> None:
    classes = [a["class"].split() for tag, a in page.tags if tag == "article"]
    ids = report.source_ids()
    assert classes[0][:3] == ["finding", "kind-contradiction", "slot-day"]
    assert {f"src-{ids['a2']}", f"src-{ids['a3']}"} == set(classes[0][3:])


def test_per_source_table_counts_claims_by_kind(report: Report) -> None:
    text = render_html(report)
    row = re.search(rf'<tr id="source-{report.source_ids()["a1"]}">.*?</tr>', text)
    assert row is not None
    # The draft: contradicted once, alone once, nothing else.
    numbers = re.findall(r'<td class="n">(\d+)</td>', row.group())
    assert numbers == ["0", "1", "0", "0", "1"]


def test_text_is_escaped(page: Page, report: Report) -> None:
    text = render_html(report)
    assert "The storm | hit *hard* near the [old] port." in text
    html_tags = {tag for tag, _ in page.tags}
    assert "old" not in html_tags


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_chromium_draws_the_page(tmp_path: Path, report: Report) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshot.py"), str(page)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    png = page.with_suffix(".png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1280, 2200)
    assert len(png) > 20_000  # a blank page compresses to a few kilobytes


def test_a_section_emptied_by_the_filters_hides_its_heading(report: Report) -> None:
    text = render_html(report)
    # The only quote drift is about a quotation: unchecking "quote" empties its section.
    assert "#s-quote:not(:checked) ~ main section.kind-quote_drift { display: none; }" in text
    # Both contradictions (day, negation) must be unchecked to empty theirs.
    chain = "#s-day:not(:checked) ~ #s-negation:not(:checked) ~ main section.kind-contradiction"
    assert chain in text
    draft = report.source_ids()["a1"]
    assert f"#src-{draft}:checked ~ main section.kind-quote_drift {{ display: none; }}" in text
