"""Output formats, filters and ``--reference`` through the command line."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, SEEDS, run_cli, write_story

from reconcile.render import FORMATS

WIRE = {
    "one": "Source: Wire One\n\nThe foreign minister Anna Berg will visit Nairobi on Friday.\n"
    "Police said 12 people were injured in the blast in Lyon.\n",
    "two": "Source: Wire Two\n\nAnna Berg is expected to travel to Kenya on Saturday.\n"
    "Police said twelve people were injured in the blast in Lyon.\n",
}
AGREEING_DRAFT = (
    "Source: Draft\n\nPolice said 12 people were injured in the blast in Lyon.\n"
    "The mayor of Lyon visited the wounded in hospital.\n"
)
CONTRADICTING_DRAFT = "Source: Draft\n\nAnna Berg will travel to Kenya on Sunday.\n"


def findings(*args: str) -> list[dict[str, Any]]:
    result = run_cli(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    return found


@pytest.fixture
def wire(tmp_path: Path) -> Path:
    return write_story(tmp_path / "wire", **WIRE)


# --- every format --------------------------------------------------------------------------------


@pytest.mark.parametrize("output_format", sorted(FORMATS))
def test_every_format_is_deterministic_whatever_the_order(
    tmp_path: Path, output_format: str
) -> None:
    story = write_story(tmp_path / "s", **WIRE, three=AGREEING_DRAFT)
    files = sorted(str(p) for p in story.iterdir())
    forward = run_cli(*files, "--format", output_format)
    backward = run_cli(*reversed(files), "--format", output_format)
    assert forward.exit_code == 0, forward.stderr
    assert forward.stdout == backward.stdout
    assert forward.stdout.endswith("\n")
    assert forward.stderr == ""


def test_formats_on_the_seeds_report_the_contradiction() -> None:
    sarif = json.loads(run_cli(str(SEEDS), "--format", "sarif").stdout)
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]][:1] == ["contradiction/day"]
    rows = list(csv.DictReader(io.StringIO(run_cli(str(SEEDS), "--format", "csv").stdout)))
    assert {r["value"] for r in rows if r["kind"] == "contradiction"} == {"Monday", "Tuesday"}
    lines = run_cli(str(SEEDS), "--format", "jsonl").stdout.splitlines()
    assert json.loads(lines[-1])["summary"]["contradiction"] == 1
    markdown = run_cli(str(SEEDS), "--format", "markdown").stdout
    assert "### Contradictions (1)" in markdown and "**Monday**" in markdown
    github = run_cli(str(SEEDS), "--format", "github").stdout
    assert github.count("::error ") == 2
    html = run_cli(str(SEEDS), "--format", "html").stdout
    assert "<mark>Monday</mark>" in html and "<mark>Tuesday</mark>" in html


def test_html_shows_a_timeline_for_each_updated_figure() -> None:
    stories = sorted(p for p in CORPUS.iterdir() if (p / "gold.json").exists())
    for story in stories:
        updates = [f for f in findings(str(story)) if f["kind"] == "update"]
        if updates:
            html = run_cli(str(story), "--format", "html").stdout
            assert html.count('<svg class="timeline"') == len(updates)
            return
    pytest.skip("no story of the corpus has an updated figure today (see test_html.py)")


def test_compact_and_quiet(wire: Path) -> None:
    compact = run_cli(str(wire), "--format", "compact").stdout.splitlines()
    assert any(line.startswith("contradiction day") for line in compact)
    quiet = run_cli(str(wire), "-q").stdout
    assert quiet.startswith("Summary") and "1 contradiction" in quiet
    assert "Anna Berg" not in quiet


def test_quiet_with_a_machine_format_is_a_usage_error(wire: Path) -> None:
    result = run_cli(str(wire), "-q", "--format", "json")
    assert result.exit_code == 2
    assert "-q applies to the text and compact formats only" in result.stderr


def test_text_report_has_its_summary_last_and_ids_in_panels(wire: Path) -> None:
    document = json.loads(run_cli(str(wire), "--format", "json").stdout)
    ids = [s["id"] for s in document["sources"]]
    text = run_cli(str(wire)).stdout
    assert text.splitlines()[-7].startswith("Summary")
    assert all(f"{source_id}:3:1" in text for source_id in ids)


# --- stable ids ----------------------------------------------------------------------------------


def test_adding_a_file_changes_no_id(wire: Path) -> None:
    before = json.loads(run_cli(str(wire), "--format", "json").stdout)
    (wire / "zzz.txt").write_text(AGREEING_DRAFT.replace("Draft", "Late"), encoding="utf-8")
    (wire / "aaa.txt").write_text(AGREEING_DRAFT.replace("Draft", "Early"), encoding="utf-8")
    after = json.loads(run_cli(str(wire), "--format", "json").stdout)
    ids_before = {s["path"]: s["id"] for s in before["sources"]}
    ids_after = {s["path"]: s["id"] for s in after["sources"]}
    assert ids_before.items() <= ids_after.items()
    contradiction = [f["id"] for f in before["findings"] if f["kind"] == "contradiction"]
    assert contradiction
    assert set(contradiction) <= {f["id"] for f in after["findings"]}


# --- filters -------------------------------------------------------------------------------------


def test_kind_filter_is_repeatable_and_counts_what_it_hides(wire: Path) -> None:
    everything = findings(str(wire))
    result = run_cli(str(wire), "--kind", "contradiction", "--kind", "update", "--format", "json")
    document = json.loads(result.stdout)
    assert {f["kind"] for f in document["findings"]} == {"contradiction"}
    assert document["summary"]["hidden"] == len(everything) - len(document["findings"])


def test_slot_filter(wire: Path) -> None:
    assert {f["slot"] for f in findings(str(wire), "--slot", "count")} == {"count"}
    assert findings(str(wire), "--slot", "time") == []


def test_source_filter_takes_an_id_a_path_or_a_name(wire: Path) -> None:
    document = json.loads(run_cli(str(wire), "--format", "json").stdout)
    one = next(s for s in document["sources"] if s["name"] == "Wire One")
    for name in (one["id"], one["path"], "one.txt", "wire one"):
        kept = findings(str(wire), "--source", name)
        assert kept and all(any(c["source_id"] == one["id"] for c in f["claims"]) for f in kept)


def test_unknown_source_is_a_usage_error(wire: Path) -> None:
    result = run_cli(str(wire), "--source", "Reuters")
    assert result.exit_code == 2
    assert "no source matches 'Reuters'" in result.stderr


def test_min_confidence_applies_to_every_kind() -> None:
    agreements = [f["confidence"] for f in findings(str(SEEDS)) if f["kind"] == "agreement"]
    floor = sorted(agreements)[len(agreements) // 2]
    assert min(agreements) < floor
    kept = findings(str(SEEDS), "--min-confidence", str(floor))
    assert all(f["confidence"] >= floor for f in kept)
    kept_agreements = [f for f in kept if f["kind"] == "agreement"]
    assert 0 < len(kept_agreements) < len(agreements)


def test_fail_on_looks_at_the_filtered_findings(wire: Path) -> None:
    assert run_cli(str(wire), "--fail-on", "contradiction", "-q").exit_code == 1
    result = run_cli(str(wire), "--fail-on", "contradiction", "--kind", "agreement", "-q")
    assert result.exit_code == 0


# --- reference -----------------------------------------------------------------------------------


def test_reference_reports_only_what_involves_the_draft(tmp_path: Path, wire: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(AGREEING_DRAFT, encoding="utf-8")
    document = json.loads(run_cli(str(wire), "--reference", str(draft), "--format", "json").stdout)
    (reference,) = [s for s in document["sources"] if s["reference"]]
    assert reference["path"] == str(draft)
    assert document["findings"]
    for finding in document["findings"]:
        assert any(c["source_id"] == reference["id"] for c in finding["claims"])
    # The wires contradict each other, but not the draft: nothing to fail on.
    assert (
        run_cli(str(wire), "--reference", str(draft), "--fail-on", "contradiction").exit_code == 0
    )
    assert run_cli(str(wire), str(draft), "--fail-on", "contradiction").exit_code == 1


def test_reference_that_contradicts_the_wire_fails(tmp_path: Path, wire: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(CONTRADICTING_DRAFT, encoding="utf-8")
    result = run_cli(
        str(wire), "--reference", str(draft), "--fail-on", "contradiction", "--format", "github"
    )
    assert result.exit_code == 1
    assert f"::error file={draft}," in result.stdout


def test_reference_inside_a_given_folder_is_read_once(wire: Path) -> None:
    (wire / "draft.md").write_text(CONTRADICTING_DRAFT, encoding="utf-8")
    document = json.loads(
        run_cli(str(wire), "--reference", str(wire / "draft.md"), "--format", "json").stdout
    )
    assert document["summary"]["sources"] == 3
    assert sum(1 for s in document["sources"] if s["reference"]) == 1


# --- warnings and errors -------------------------------------------------------------------------


def test_several_stories_are_reconciled_apart() -> None:
    lion_air = CORPUS / "lion-air-jt610-2018-10"
    document = json.loads(run_cli(str(SEEDS), str(lion_air), "--format", "json").stdout)
    stories = document["stories"]
    assert len(stories) == 2
    paths = [sorted(s["path"] for s in story["sources"]) for story in stories]
    assert [len(p) for p in paths] == [4, 2]
    assert all("lion-air" in p for p in paths[0]) and all("seeds" in p for p in paths[1])
    assert all(s["why"].startswith("shares ") for story in stories for s in story["sources"])
    assert "Lion Air" in stories[0]["names"]
    by_story = {s["path"]: story["id"] for story in stories for s in story["sources"]}
    for finding in document["findings"]:
        assert {by_story[c["source"]] for c in finding["claims"]} == {finding["story"]}
    # Each story's findings are those of its folder alone.
    alone = json.loads(run_cli(str(SEEDS), "--format", "json").stdout)
    assert sorted(f["id"] for f in alone["findings"]) == sorted(
        f["id"] for f in document["findings"] if f["story"] == stories[1]["id"]
    )


def test_text_report_says_which_article_went_where() -> None:
    lion_air = CORPUS / "lion-air-jt610-2018-10"
    result = run_cli(str(SEEDS), str(lion_air), "--format", "compact")
    assert result.exit_code == 0
    assert "2 stories" in result.stdout and "Story 1 of 2: Lion Air" in result.stdout
    assert len(re.findall(r"\bshares\s", result.stdout)) == 6  # a line may wrap after it
    assert "tell 2 stories" in result.stderr


def test_one_story_keeps_them_together_and_warns() -> None:
    lion_air = CORPUS / "lion-air-jt610-2018-10"
    result = run_cli(str(SEEDS), str(lion_air), "-q", "--one-story")
    assert result.exit_code == 0
    assert "look like 2 separate stories" in result.stderr
    group_lines = [line for line in result.stderr.splitlines() if line.startswith("  ")]
    assert len(group_lines) == 2
    assert any("seeds/" in line for line in group_lines)
    assert any("lion-air" in line and "seeds/" not in line for line in group_lines)
    assert "warning" not in result.stdout
    document = json.loads(
        run_cli(str(SEEDS), str(lion_air), "--one-story", "--format", "json").stdout
    )
    assert "stories" not in document


def test_one_story_gets_no_warning() -> None:
    assert run_cli(str(CORPUS / "lion-air-jt610-2018-10"), "-q").stderr == ""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON (line 1"),
        ("[1, 2]", "the answer key must be a JSON object"),
        ('{"contradictions": {}}', '"contradictions" must be a list'),
        ('{"agreements": [{"slot": "day", "a": {"file": "x"}}]}', '"span" must be a string'),
    ],
)
def test_malformed_gold_is_one_line_and_exit_2(tmp_path: Path, text: str, message: str) -> None:
    story = write_story(tmp_path / "story", **WIRE)
    (story / "gold.json").write_text(text, encoding="utf-8")
    for args in (("score", str(story / "gold.json"), str(story)), ("eval", str(tmp_path))):
        result = run_cli(*args)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith("Error: ") and message in result.stderr
        assert "internal error" not in result.stderr
