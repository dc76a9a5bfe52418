"""The product's first acceptance test: the seed story against its answer key."""

from __future__ import annotations

from typing import Any

from conftest import SEEDS

from reconcile.score import load_gold, score_report

GOLD = load_gold(SEEDS / "gold.json")


def test_the_weekday_contradiction_is_reported(seeds_report: dict[str, Any]) -> None:
    (item,) = GOLD["contradictions"]
    matches = [
        f
        for f in seeds_report["findings"]
        if f["kind"] == "contradiction"
        and any(item["a"]["span"] in c["text"] for c in f["claims"])
        and any(item["b"]["span"] in c["text"] for c in f["claims"])
    ]
    assert len(matches) == 1
    finding = matches[0]
    assert finding["slot"] == "day"
    assert sorted(c["value"] for c in finding["claims"]) == ["Monday", "Tuesday"]
    assert all(c["line"] >= 1 and c["column"] >= 1 for c in finding["claims"])


def test_no_other_contradiction_and_no_lookalike(seeds_report: dict[str, Any]) -> None:
    score = score_report(seeds_report, GOLD)
    assert score.reported_contradictions == 1, score.false_alarms
    assert score.lookalikes_flagged == 0


def test_most_gold_agreements_are_found(seeds_report: dict[str, Any]) -> None:
    score = score_report(seeds_report, GOLD)
    assert score.agreements_found >= 11, score.missed


def test_no_finding_quotes_page_noise(seeds_report: dict[str, Any]) -> None:
    assert score_report(seeds_report, GOLD).noise_claims == 0


def test_evidence_points_at_the_sentence_in_the_file(seeds_report: dict[str, Any]) -> None:
    for finding in seeds_report["findings"]:
        for claim in finding["claims"]:
            lines = (SEEDS.parent / claim["source"]).read_text(encoding="utf-8").split("\n")
            line = lines[claim["line"] - 1]
            column = claim["column"] - 1
            assert line[column:].startswith(claim["text"].split("\n")[0][:40])
