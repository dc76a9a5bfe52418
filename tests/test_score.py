"""The scorer: what counts as finding a gold item, and as a true report."""

from __future__ import annotations

from pathlib import Path

from reconcile.score import format_table, score_report


def _claim(source: str, text: str) -> dict[str, str]:
    return {"source": f"story/{source}", "text": text}


def _report(*claims: dict[str, str]) -> dict[str, object]:
    finding = {"kind": "update", "slot": "count", "reason": "count changed", "claims": list(claims)}
    return {"findings": [finding]}


GOLD = {
    "contradictions": [
        {
            "slot": "count",
            "a": {"file": "a.txt", "span": "The toll rose to 23."},
            "b": {"file": "b.txt", "span": "The toll rose to 42."},
            "temporal_update": True,
            "group": "toll",
        },
        {
            "slot": "count",
            "a": {"file": "b.txt", "span": "The toll rose to 42."},
            "b": {"file": "c.txt", "span": "The toll rose to 63."},
            "temporal_update": True,
            "group": "toll",
        },
    ]
}


def test_a_claim_read_from_a_clutter_line_or_a_part_of_one_is_noise() -> None:
    gold = {"noise": {"a.txt": ["Like this story? Share it with your friends."]}}
    findings = _report(
        _claim("a.txt", "Share it with your friends."),  # a part of the line
        _claim("a.txt", "Yes."),  # too short to tell
        _claim("b.txt", "Share it with your friends."),  # another file
    )
    assert score_report(findings, gold).noise_claims == 1


def test_clutter_is_placed_in_its_file_not_found_in_any_sentence(tmp_path: Path) -> None:
    """A page cut off after "At least" makes that fragment clutter, not a sentence that
    opens with the same words; a dateline glued to a sentence is clutter in it."""
    text = "AGENCY (Wire) -- At least 12 died on Monday.\nAt least 40 were hurt.\nAt least\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    gold = {"noise": {"a.txt": ["AGENCY (Wire) --", "\nAt least\n"]}}

    def placed(line: int, column: int, words: str) -> dict[str, object]:
        return {"source": str(tmp_path / "a.txt"), "line": line, "column": column, "text": words}

    sentence = placed(2, 1, "At least 40 were hurt.")
    assert score_report(_report(sentence), gold).noise_claims == 0
    glued = placed(1, 1, "AGENCY (Wire) -- At least 12 died on Monday.")
    assert score_report(_report(glued, sentence), gold).noise_claims == 1
    # Read by text alone, where the file cannot be placed, the same sentence counted.
    unplaced = {"source": str(tmp_path / "b.txt"), "text": "At least 40 were hurt."}
    gold["noise"]["b.txt"] = ["At least"]
    assert score_report(_report(unplaced), gold).noise_claims == 1


def test_clutter_cut_off_mid_word_is_not_found_inside_a_longer_word(tmp_path: Path) -> None:
    """A page cut off after "The union s" does not make "The union said …" clutter."""
    text = "The union said 900 workers struck.\nShare this\nThe union s"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    gold = {"noise": {"a.txt": ["The union s"]}}
    sentence = {
        "source": str(tmp_path / "a.txt"),
        "line": 1,
        "column": 1,
        "text": "The union said 900 workers struck.",
    }
    assert score_report(_report(sentence), gold).noise_claims == 0
    cut = {"source": str(tmp_path / "a.txt"), "line": 3, "column": 1, "text": "The union s"}
    assert score_report(_report(cut), gold).noise_claims == 1


def test_a_clutter_line_is_found_where_it_stands_as_a_line(tmp_path: Path) -> None:
    """A page cut off after a name leaves the name as a clutter line: sentences naming
    that person elsewhere in the page are not clutter; the cut-off line itself is."""
    text = "Ruiz said the bridge would reopen.\nPhoto: the bridge.\nRuiz\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    gold = {"noise": {"a.txt": ["Ruiz"]}}

    def placed(line: int, words: str) -> dict[str, object]:
        return {"source": str(tmp_path / "a.txt"), "line": line, "column": 1, "text": words}

    assert (
        score_report(_report(placed(1, "Ruiz said the bridge would reopen.")), gold).noise_claims
        == 0
    )
    assert score_report(_report(placed(3, "Ruiz")), gold).noise_claims == 1


def test_a_lookalike_is_flagged_only_when_a_finding_sets_its_sentences_apart() -> None:
    """Two sentences giving one value, in digits or in words, stand on one side of a
    contradiction with a third: the finding does not set them against each other, so their
    look-alike is not flagged."""
    lookalike = {
        "slot": "count",
        "a": {"file": "a.txt", "span": "At least 12 died as thousands fled."},
        "b": {"file": "b.txt", "span": "At least 12 died as 9,000 fled."},
    }
    gold = {"must_not_contradict": [lookalike]}

    def finding(*claims: tuple[str, str, str]) -> dict[str, object]:
        listed = [{**_claim(source, text), "value": value} for source, text, value in claims]
        contradiction = {"kind": "contradiction", "slot": "count", "reason": "", "claims": listed}
        return {"findings": [contradiction]}

    one_side = finding(
        ("a.txt", "At least 12 died as thousands fled.", "at least twelve"),
        ("b.txt", "At least 12 died as 9,000 fled.", "At least 12 people"),
        ("c.txt", "Eleven died.", "Eleven"),
    )
    assert score_report(one_side, gold).lookalikes_flagged == 0
    apart = finding(
        ("a.txt", "At least 12 died as thousands fled.", "thousands"),
        ("b.txt", "At least 12 died as 9,000 fled.", "9,000"),
    )
    assert score_report(apart, gold).lookalikes_flagged == 1


def test_a_listed_pair_is_found_and_true() -> None:
    score = score_report(
        _report(_claim("a.txt", "The toll rose to 23."), _claim("b.txt", "The toll rose to 42.")),
        GOLD,
    )
    assert (score.contradictions_found, score.reported_true, score.false_alarms) == (1, 1, ())


def test_an_unlisted_pair_of_one_group_is_a_true_report_but_finds_no_item() -> None:
    score = score_report(
        _report(_claim("a.txt", "The toll rose to 23."), _claim("c.txt", "The toll rose to 63.")),
        GOLD,
    )
    assert (score.contradictions_found, score.reported_true, score.false_alarms) == (0, 1, ())


def test_a_pair_outside_every_group_is_a_false_alarm() -> None:
    score = score_report(
        _report(_claim("a.txt", "The toll rose to 23."), _claim("d.txt", "Ten boats sank.")),
        GOLD,
    )
    assert score.reported_true == 0
    assert len(score.false_alarms) == 1


def test_a_quotation_told_as_quote_drift_is_counted_apart_not_found() -> None:
    gold = {
        "contradictions": [
            {
                "slot": "quote",
                "a": {"file": "a.txt", "span": 'She said: "We will rebuild the town."'},
                "b": {"file": "b.txt", "span": 'She said: "We shall rebuild this town."'},
            }
        ]
    }
    drift = {
        "kind": "quote_drift",
        "slot": "quote",
        "reason": "worded differently",
        "claims": [
            _claim("a.txt", 'She said: "We will rebuild the town."'),
            _claim("b.txt", 'She said: "We shall rebuild this town."'),
        ],
    }
    score = score_report({"findings": [drift]}, gold)
    assert (score.contradictions_found, score.quotes_as_drift) == (0, 1)
    assert score_report({"findings": []}, gold).quotes_as_drift == 0
    assert "quote drift rather than contradiction: 1/1" in format_table([("story", score)])
