"""Score a JSON report against a hand-made answer key (``gold.json``).

A gold item is found when one finding of the right kind has, for each side of
the item, a claim from that side's file whose sentence contains the side's
span or is contained in it.  See the README ("Answer keys") for the format.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reconcile.numbers import find_quantities

_CONTRADICTION_KINDS = frozenset({"contradiction", "update"})
_AGREEMENT_KINDS = frozenset({"agreement", "quote_drift"})


@dataclass(frozen=True, slots=True)
class Score:
    """Counts behind the accuracy figures of one story (or several, added up)."""

    contradictions: int = 0
    contradictions_found: int = 0
    reported_contradictions: int = 0
    reported_true: int = 0
    agreements: int = 0
    agreements_found: int = 0
    lookalikes: int = 0
    lookalikes_flagged: int = 0
    noise_claims: int = 0
    by_slot: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    """slot -> (gold contradictions, found)."""
    quotes_as_drift: int = 0
    """Gold contradictions of a quotation's wording not found as a contradiction but
    reported, on the same two sentences, as quote drift (its own kind of finding, so not
    counted as found)."""
    missed: tuple[str, ...] = ()
    false_alarms: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        return (
            self.reported_true / self.reported_contradictions
            if self.reported_contradictions
            else 1.0
        )

    @property
    def recall(self) -> float:
        return self.contradictions_found / self.contradictions if self.contradictions else 1.0

    @property
    def agreement_recall(self) -> float:
        return self.agreements_found / self.agreements if self.agreements else 1.0

    def __add__(self, other: Score) -> Score:
        slots = dict(self.by_slot)
        for slot, (total, found) in other.by_slot.items():
            old_total, old_found = slots.get(slot, (0, 0))
            slots[slot] = (old_total + total, old_found + found)
        return Score(
            contradictions=self.contradictions + other.contradictions,
            contradictions_found=self.contradictions_found + other.contradictions_found,
            reported_contradictions=self.reported_contradictions + other.reported_contradictions,
            reported_true=self.reported_true + other.reported_true,
            agreements=self.agreements + other.agreements,
            agreements_found=self.agreements_found + other.agreements_found,
            lookalikes=self.lookalikes + other.lookalikes,
            lookalikes_flagged=self.lookalikes_flagged + other.lookalikes_flagged,
            noise_claims=self.noise_claims + other.noise_claims,
            by_slot=slots,
            quotes_as_drift=self.quotes_as_drift + other.quotes_as_drift,
            missed=self.missed + other.missed,
            false_alarms=self.false_alarms + other.false_alarms,
        )


def load_gold(path: str | os.PathLike[str]) -> dict[str, Any]:
    with open(path, encoding="utf-8") as stream:
        gold: dict[str, Any] = json.load(stream)
    return gold


def score_report(report: Mapping[str, Any], gold: Mapping[str, Any]) -> Score:
    """Compare a JSON report (as parsed) with an answer key (as parsed)."""
    findings = report["findings"]
    contradictions = [f for f in findings if f["kind"] in _CONTRADICTION_KINDS]
    by_slot: dict[str, tuple[int, int]] = {}
    found_count = 0
    quotes_as_drift = 0
    missed = []
    for item in gold.get("contradictions", []):
        kinds = _CONTRADICTION_KINDS if item.get("temporal_update") else {"contradiction"}
        found = _found(item, findings, kinds)
        found_count += found
        if not found and item["slot"] == "quote":
            quotes_as_drift += _found(item, findings, {"quote_drift"})
        total, hits = by_slot.get(item["slot"], (0, 0))
        by_slot[item["slot"]] = (total + 1, hits + found)
        if not found:
            missed.append(f"contradiction {item['slot']}: {item.get('subject', '')}")
    true_reports = 0
    false_alarms = []
    groups = _group_sides(gold.get("contradictions", []))
    for finding in contradictions:
        if any(_matches(item, finding) for item in gold.get("contradictions", [])) or any(
            _matches_two(sides, finding) for sides in groups
        ):
            true_reports += 1
        else:
            false_alarms.append(f"{finding['kind']} {finding['slot']}: {finding['reason']}")
    agreements = gold.get("agreements", [])
    agreement_hits = 0
    for item in agreements:
        if _found(item, findings, _AGREEMENT_KINDS):
            agreement_hits += 1
        else:
            missed.append(f"agreement {item['slot']}: {item.get('subject', '')}")
    # A key may list one sentence pair both as a look-alike (in one respect) and as a
    # contradiction (in another): reporting it is then right, and counts as found above.
    conflicting = [_pair_of(item) for item in gold.get("contradictions", [])]
    lookalikes = [
        item for item in gold.get("must_not_contradict", []) if _pair_of(item) not in conflicting
    ]
    flagged = sum(
        1
        for item in lookalikes
        if any(
            f["kind"] in _CONTRADICTION_KINDS and _matches(item, f, apart=True) for f in findings
        )
    )
    return Score(
        contradictions=len(gold.get("contradictions", [])),
        contradictions_found=found_count,
        reported_contradictions=len(contradictions),
        reported_true=true_reports,
        agreements=len(agreements),
        agreements_found=agreement_hits,
        lookalikes=len(lookalikes),
        lookalikes_flagged=flagged,
        noise_claims=_noise_claims(findings, gold.get("noise", {})),
        by_slot=by_slot,
        quotes_as_drift=quotes_as_drift,
        missed=tuple(missed),
        false_alarms=tuple(false_alarms),
    )


def _pair_of(item: Mapping[str, Any]) -> frozenset[tuple[str, str]]:
    return frozenset((side["file"], _plain(side["span"])) for side in (item["a"], item["b"]))


def _found(
    item: Mapping[str, Any], findings: Iterable[Mapping[str, Any]], kinds: Iterable[str]
) -> bool:
    kinds = set(kinds)
    return any(f["kind"] in kinds and _matches(item, f) for f in findings)


def _matches(item: Mapping[str, Any], finding: Mapping[str, Any], *, apart: bool = False) -> bool:
    """Whether the finding cites the item's two sentences; with ``apart``, as two sides of
    it: two claims stating one value ("at least 12", "at least 12 people") stand on one
    side, so a look-alike between them is not flagged."""
    claims = finding["claims"]
    return any(
        _covers(first, item["a"])
        and _covers(second, item["b"])
        and not (apart and _value_key(first) == _value_key(second))
        for i, first in enumerate(claims)
        for j, second in enumerate(claims)
        if i != j
    )


def _value_key(claim: Mapping[str, Any]) -> str:
    """The figures a claim's value states, in digits ("four" and "at least 4 people": "4"),
    else its words."""
    value = str(claim.get("value") or claim["text"]).lower()
    figures = [f"{q.low:g}" for q in find_quantities(value)]
    return " ".join(figures) if figures else " ".join(value.split())


def _group_sides(items: Iterable[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """The sentences of each ``group``: items that tell one running figure ("rescuer-count").

    A key lists some pairs of a group; any two of its sentences from two sources conflict.
    """
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for item in items:
        if item.get("group"):
            groups.setdefault(item["group"], []).extend((item["a"], item["b"]))
    return list(groups.values())


def _matches_two(sides: Sequence[Mapping[str, Any]], finding: Mapping[str, Any]) -> bool:
    covered = [
        (claim["source"], index)
        for claim in finding["claims"]
        for index, side in enumerate(sides)
        if _covers(claim, side)
    ]
    return any(
        source_a != source_b and sides[i]["span"] != sides[j]["span"]
        for source_a, i in covered
        for source_b, j in covered
    )


def _covers(claim: Mapping[str, Any], side: Mapping[str, Any]) -> bool:
    if os.path.basename(claim["source"]) != side["file"]:
        return False
    text, span = _plain(claim["text"]), _plain(side["span"])
    return span in text or text in span


def _plain(text: str) -> str:
    return " ".join(text.split())


def _noise_claims(findings: Sequence[Mapping[str, Any]], noise: Mapping[str, Any]) -> int:
    """Claims read from page clutter: a claim holding a noise line, or a part of one (a
    clutter line split into sentences, a clause of a truncated last sentence).

    Where the claim's file can be read, by position: the clutter as it stands in the file
    must lie inside the claim, or the claim inside it.  A page cut off after "The" does not
    make every sentence opening with that word clutter.  Otherwise, by text alone.
    """
    files: dict[str, tuple[str, list[int]] | None] = {}
    count = 0
    for finding in findings:
        for claim in finding["claims"]:
            spans = noise.get(os.path.basename(claim["source"]), [])
            if not isinstance(spans, list) or not spans:
                continue
            where = _claim_range(claim, files)
            if where is None:
                count += any(_from_noise(claim["text"], s) for s in spans)
            else:
                count += any(_clutter_at(*where, s) for s in spans)
    return count


NOISE_PART_WORDS = 3
"""Words a claim needs before it counts as clutter for lying inside a noise line, when it
cannot be placed in its file (a short one, "He said.", may be anywhere)."""


def _from_noise(claim: str, span: str) -> bool:
    claim, span = _plain(claim), _plain(span)
    return span in claim or (len(claim.split()) >= NOISE_PART_WORDS and claim in span)


def _claim_range(
    claim: Mapping[str, Any], files: dict[str, tuple[str, list[int]] | None]
) -> tuple[str, int, int] | None:
    """The claim's file text and where the claim stands in it, if the file reads back so
    (``files`` keeps each file read, with where its lines start)."""
    path = claim["source"]
    if path not in files:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            files[path] = None
        else:
            starts = [0] + [at + 1 for at, char in enumerate(text) if char == "\n"]
            files[path] = (text, starts)
    found = files[path]
    if found is None or not 1 <= claim.get("line", 0) <= len(found[1]) or "column" not in claim:
        return None
    text, starts = found
    start = starts[claim["line"] - 1] + claim["column"] - 1
    end = start + len(claim["text"])
    return (text, start, end) if text[start:end] == claim["text"] else None


def _clutter_at(text: str, start: int, end: int, span: str) -> bool:
    """Whether the noise ``span``, where it stands in ``text``, lies inside [start, end)
    or holds it; a span not found in the text is compared by text alone."""
    if span not in text:
        return _from_noise(text[start:end], span)
    places = []
    found = text.find(span)
    while found >= 0:
        first = found + len(span) - len(span.lstrip())
        last = found + len(span.rstrip())
        if _whole_words_at(text, first, last):
            places.append((first, last))
        found = text.find(span, found + 1)
    # A clutter line is a line of the page: where it stands as one, its words elsewhere are
    # not it (a page cut off after a name does not make every sentence naming them clutter).
    lines = [(first, last) for first, last in places if _whole_line_at(text, first, last)]
    return any(
        (start <= first and last <= end) or (first <= start and end <= last)
        for first, last in lines or places
    )


def _whole_line_at(text: str, first: int, last: int) -> bool:
    before = text[:first].rstrip(" \t")
    after = text[last:].lstrip(" \t")
    return (not before or before.endswith("\n")) and (not after or after.startswith(("\n", "\r")))


def _whole_words_at(text: str, first: int, last: int) -> bool:
    """Whether text[first:last] neither starts nor ends inside a word: a page cut off
    after "The union s" is not found in "The union said", further up."""
    cut_start = first > 0 and text[first - 1].isalnum() and text[first].isalnum()
    cut_end = last < len(text) and text[last - 1].isalnum() and text[last].isalnum()
    return not cut_start and not cut_end


def findings_digest(report: Mapping[str, Any]) -> str:
    """A JSON report as short text lines, one block per finding, for golden files.

    Paths are shown by file name and sentences cut to a readable width, so that a change of
    behaviour reads as a small diff in review.
    """
    lines = []
    for finding in report["findings"]:
        places = [
            f"{os.path.basename(c['source'])}:{c['line']}:{c['column']}" for c in finding["claims"]
        ]
        if finding["kind"] == "single_source":
            lines.append(f"single_source {places[0]}")
            continue
        lines.append(
            f"{finding['kind']} {finding['slot']} {finding['confidence']:.2f} | {finding['reason']}"
        )
        for place, claim in zip(places, finding["claims"], strict=True):
            text = " ".join(claim["text"].split())
            text = text if len(text) <= _DIGEST_WIDTH else text[: _DIGEST_WIDTH - 1] + "…"
            lines.append(f"  {place} [{claim['value'][:40]}] {text}")
    return "\n".join(lines) + "\n"


_DIGEST_WIDTH = 100


def story_folders(root: str | os.PathLike[str]) -> list[Path]:
    """Folders under ``root`` (itself included) that hold a ``gold.json``, sorted."""
    base = Path(root)
    return sorted(p.parent for p in base.rglob("gold.json"))


def report_of(folder: str | os.PathLike[str]) -> dict[str, Any]:
    """Reconcile a story folder with default settings; the JSON report, parsed."""
    from reconcile.model import Settings
    from reconcile.pipeline import reconcile_paths
    from reconcile.render import render_json

    report: dict[str, Any] = json.loads(
        render_json(reconcile_paths([str(folder)], settings=Settings()))
    )
    return report


def score_folder(
    folder: str | os.PathLike[str], gold_path: str | os.PathLike[str] | None = None
) -> Score:
    """Reconcile a story folder and score it against its ``gold.json``."""
    gold = load_gold(gold_path or Path(folder) / "gold.json")
    return score_report(report_of(folder), gold)


def format_table(rows: Sequence[tuple[str, Score]]) -> str:
    """A plain-text accuracy table, one row per story and a total row."""
    header = (
        f"{'story':<28} {'contra P':>8} {'contra R':>8} {'found':>7} "
        f"{'agree R':>8} {'found':>7} {'lookalike':>9} {'noise':>5}"
    )
    lines = [header, "-" * len(header)]
    total = Score()
    for name, score in rows:
        total = total + score
        lines.append(_row(name, score))
    if len(rows) > 1:
        lines.append("-" * len(header))
        lines.append(_row("all", total))
    slots = ", ".join(
        f"{slot} {found}/{count}" for slot, (count, found) in sorted(total.by_slot.items())
    )
    if slots:
        lines.append(f"contradiction recall by slot: {slots}")
    if total.quotes_as_drift:
        lines.append(
            f"quotations reported as quote drift rather than contradiction: "
            f"{total.quotes_as_drift}/{total.by_slot['quote'][0]}"
        )
    return "\n".join(lines) + "\n"


def _row(name: str, score: Score) -> str:
    return (
        f"{name[:28]:<28} {score.precision:>8.2f} {score.recall:>8.2f} "
        f"{score.contradictions_found:>3}/{score.contradictions:<3} "
        f"{score.agreement_recall:>8.2f} {score.agreements_found:>3}/{score.agreements:<3} "
        f"{score.lookalikes_flagged:>4}/{score.lookalikes:<4} {score.noise_claims:>5}"
    )
