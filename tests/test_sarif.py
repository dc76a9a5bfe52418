"""The SARIF log, validated against the published SARIF 2.1.0 schema shipped in tests/data."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest
from report_fixture import build_report

from reconcile.model import Report
from reconcile.render import render_sarif

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def log() -> dict:
    return json.loads(render_sarif(build_report()))


def test_valid_against_the_schema(log: dict) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.Draft4Validator(schema).validate(log)


def test_the_schema_check_catches_a_broken_log(log: dict) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(broken)


def test_a_result_per_problem_with_rule_ids_per_slot(log: dict) -> None:
    run = log["runs"][0]
    rule_ids = [r["ruleId"] for r in run["results"]]
    assert rule_ids == [
        "contradiction/day",
        "contradiction/negation",
        "update/count",
        "quote_drift/quote",
    ]
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert [r["level"] for r in run["results"]] == ["error", "error", "note", "warning"]


def test_fingerprints_are_the_stable_finding_ids(log: dict) -> None:
    report = build_report()
    ids = dict(zip(report.findings, report.finding_ids(), strict=True))
    expected = [ids[f] for f in report.findings if f.kind.value != "agreement"][:4]
    got = [r["partialFingerprints"]["reconcileFindingId/v1"] for r in log["runs"][0]["results"]]
    assert sorted(got) == sorted(expected)


def test_locations_point_at_the_value(log: dict) -> None:
    day = log["runs"][0]["results"][0]
    region = day["locations"][0]["physicalLocation"]["region"]
    assert day["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "wire/ap.txt"
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (4, 45, 52)
    related = day["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "wire/reuters.txt"


def test_the_reference_draft_is_the_primary_location() -> None:
    report: Report = dataclasses.replace(build_report(), reference="a1")
    log = json.loads(render_sarif(report))
    negation = next(r for r in log["runs"][0]["results"] if r["ruleId"].endswith("negation"))
    uri = negation["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "drafts/draft.md"
