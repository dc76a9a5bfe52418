"""How many injected contradictions a report finds, and what else it calls a contradiction.

Every contradiction or update finding is put in one class:

* ``injected``: one of its claims is a sentence whose value the generator
  changed, and the finding is about that value (same slot, the new value
  cited).  The injected change counts as found when another claim of the
  finding is the same real sentence with its original value, in another
  article.
* ``organic``: every value the finding cites is a real value of a real
  sentence.  The real articles disagree with each other too, and copies of
  them carry those disagreements.  ``organic_known`` are those the real articles themselves
  produce (``reference_contradictions``); the rest, ``organic_new``, come from
  sentences read in a new context (a borrowed run, a dropped or swapped
  neighbour changes who "he" is).
* ``false``: anything else (a claim whose sentence the manifest does not
  know: the pipeline cut the generated text differently).

Precision is ``injected / (injected + false)``: organic findings are neither
right nor wrong about the injected changes, so they are counted apart.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.generate import INJECTED_FILE, MANIFEST_FILE, Material
from reconcile.load import load_articles
from reconcile.model import FindingKind, Report, Settings, make_article
from reconcile.pipeline import reconcile_articles

CONTRADICTING = (FindingKind.CONTRADICTION, FindingKind.UPDATE)
COMPARED = ("day", "count", "duration")
"""Injected slots the pipeline compares; a changed place is counted apart (see the README)."""


@dataclass
class Score:
    injected: int = 0
    """Injected changes of the compared slots."""
    found: int = 0
    places: int = 0
    places_found: int = 0
    findings: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            ("injected", "organic_known", "organic_new", "false"), 0
        )
    )
    missed: list[str] = field(default_factory=list)
    unaligned: int = 0
    """Missed changes whose sentence align never paired with an original copy (the rest
    were paired, and compare judged them no contradiction)."""

    @property
    def recall(self) -> float:
        return self.found / self.injected if self.injected else 1.0

    @property
    def precision(self) -> float:
        judged = self.findings["injected"] + self.findings["false"]
        return self.findings["injected"] / judged if judged else 1.0


Sides = tuple[str, str, str, str]
"""An aligned pair as (article id, sentence text) of each claim."""


def score_report(
    report: Report,
    folder: Path,
    reference: set[frozenset[int]],
    aligned: set[Sides] | None = None,
) -> Score:
    """Recall of the injected changes written in ``folder`` and the classes of the findings.

    ``aligned`` holds the aligned pairs that involve a changed sentence, to
    tell a change align never paired from one compare let pass.
    """
    injections = json.loads((folder / INJECTED_FILE).read_text(encoding="utf-8"))["injected"]
    manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    lines: dict[tuple[str, str], tuple[int, int | None]] = {
        (name, text): (origin, injection)
        for name, entries in manifest["articles"].items()
        for origin, text, injection in entries
    }
    files = {a.id: Path(a.path).name for a in report.articles}
    score = Score()
    found: set[int] = set()
    for finding in report.findings:
        if finding.kind not in CONTRADICTING:
            continue
        members = []
        for evidence in finding.evidence:
            name = files[evidence.claim.article_id]
            origin, injection = lines.get((name, evidence.claim.sentence.text), (-1, None))
            members.append((name, origin, injection, evidence.value))
        about_change = [
            injection
            for _, _, injection, value in members
            if injection is not None
            and injections[injection]["new"] in value
            and injections[injection]["slot"] in (finding.slot.value, "place")
        ]
        if about_change:
            score.findings["injected"] += 1
            for injection in about_change:
                record = injections[injection]
                home = record["article"]
                kept = manifest["articles"][home]
                origin = next(o for o, _, i in kept if i == injection)
                if any(n != home and o == origin and i is None for n, o, i, _ in members):
                    found.add(injection)
        elif all(origin >= 0 for _, origin, _, _ in members):
            # Every value the finding cites is real (a sentence changed elsewhere still
            # states this one as written).
            origins = {origin for _, origin, _, _ in members}
            known = any(frozenset(pair) in reference for pair in _pairs(origins))
            score.findings["organic_known" if known else "organic_new"] += 1
        else:
            score.findings["false"] += 1
    # Align sees one representative per clause repeated word for word, so a changed
    # sentence and its partners are matched by their words, whichever copy was aligned.
    partners: dict[str, set[str]] = {}
    for _, text_a, _, text_b in aligned or ():
        partners.setdefault(text_a, set()).add(text_b)
        partners.setdefault(text_b, set()).add(text_a)
    unchanged = {
        text: origin for (_, text), (origin, injection) in lines.items() if injection is None
    }
    for number, record in enumerate(injections):
        hit = number in found
        if record["slot"] in COMPARED:
            score.injected += 1
            score.found += hit
            if not hit:
                score.missed.append(f"{record['article']}: {record['old']} -> {record['new']}")
                origin = lines[(record["article"], record["changed"])][0]
                if not any(
                    unchanged.get(partner) == origin
                    for partner in partners.get(record["changed"], ())
                ):
                    score.unaligned += 1
        else:
            score.places += 1
            score.places_found += hit
    return score


def reference_contradictions(material: Material, root: Path) -> set[frozenset[int]]:
    """Pairs of real sentences (origin numbers) the real articles contradict each other with.

    Each real article is read twice, as two sources, so a real article that
    contradicts itself counts too: copies of it do.  (The second reading ends
    in a line the cleaner drops, or the pipeline would set it aside as a copy.)
    """
    origins = {text: number for number, text in enumerate(material.origins)}
    loaded, _ = load_articles([str(root / s.path) for s in material.sources])
    articles = [
        make_article(
            id=f"a{number}",
            path=f"{article.path}#{reading}",
            name=article.name,
            text=article.text + ("\n\nAdvertisement\n" if reading else ""),
            date=article.date,
            body_start=article.body_start,
        )
        for number, (reading, article) in enumerate(
            [(reading, article) for reading in (0, 1) for article in loaded], start=1
        )
    ]
    report = reconcile_articles(articles, settings=Settings())
    pairs: set[frozenset[int]] = set()
    for finding in report.findings:
        if finding.kind in CONTRADICTING:
            numbers = {origins.get(e.claim.sentence.text, -1) for e in finding.evidence}
            pairs.update(frozenset(pair) for pair in _pairs(numbers - {-1}))
    return pairs


def _pairs(numbers: set[int]) -> Sequence[tuple[int, int]]:
    ordered = sorted(numbers)
    return [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]


def score_independent(report: Report, folder: Path, aligned: set[Sides] | None = None) -> Score:
    """Recall and precision of the injected changes of an independent-text corpus.

    Every contradiction or update finding is put in one class:

    * ``injected``: about an injected change (its new value cited, the same slot); the
      change counts as found when another article's copy of the same sentence of the same
      world, unchanged, is in the finding too.
    * ``organic``: every sentence cited is a real sentence as its world tells it, all of
      one world: the real articles disagree with each other, or a sentence read in a new
      context (after a borrowed run) does.
    * ``across``: sentences of different worlds, and no two of them from different worlds
      both name someone (a made-up name, which no two worlds share): nothing in the text
      sets them apart ("The plane crashed 13 minutes after take-off" in one world,
      "22 minutes" in another), so the text does contradict itself.
    * ``false``: anything else: two worlds' sentences that each name someone of their own
      world, or a sentence the manifest does not know.

    Precision is ``injected / (injected + false)``; organic and across findings are
    counted apart.
    """
    injections = json.loads((folder / INJECTED_FILE).read_text(encoding="utf-8"))["injected"]
    manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    named: list[bool] = manifest["named"]
    lines: dict[tuple[str, str], tuple[int, int, int | None]] = {
        (name, text): (origin, entry["world"], injection)
        for name, entry in manifest["articles"].items()
        for origin, text, injection in entry["lines"]
    }
    files = {a.id: Path(a.path).name for a in report.articles}
    score = Score(findings=dict.fromkeys(("injected", "organic", "across", "false"), 0))
    found: set[int] = set()
    for finding in report.findings:
        if finding.kind not in CONTRADICTING:
            continue
        members = []
        for evidence in finding.evidence:
            name = files[evidence.claim.article_id]
            origin, world, injection = lines.get(
                (name, evidence.claim.sentence.text), (-1, -1, None)
            )
            members.append((name, origin, world, injection, evidence.value))
        about_change = [
            injection
            for _, _, _, injection, value in members
            if injection is not None
            and injections[injection]["new"] in value
            and injections[injection]["slot"] == finding.slot.value
        ]
        if about_change:
            score.findings["injected"] += 1
            for injection in about_change:
                home = injections[injection]["article"]
                origin, world, _ = lines[(home, injections[injection]["changed"])]
                if any(
                    n != home and (o, w, i) == (origin, world, None) for n, o, w, i, _ in members
                ):
                    found.add(injection)
        elif any(origin < 0 for _, origin, _, _, _ in members):
            score.findings["false"] += 1
        elif len({world for _, _, world, _, _ in members}) == 1:
            score.findings["organic"] += 1
        else:
            naming = {(w, o) for _, o, w, _, _ in members if named[o]}
            apart = len({w for w, _ in naming}) >= 2
            score.findings["false" if apart else "across"] += 1
    partners: dict[str, set[str]] = {}
    for _, text_a, _, text_b in aligned or ():
        partners.setdefault(text_a, set()).add(text_b)
        partners.setdefault(text_b, set()).add(text_a)
    unchanged: dict[str, set[tuple[int, int]]] = {}
    for (_, text), (origin, world, injection) in lines.items():
        if injection is None:
            unchanged.setdefault(text, set()).add((origin, world))
    for number, record in enumerate(injections):
        score.injected += 1
        if number in found:
            score.found += 1
            continue
        score.missed.append(
            f"{record['article']}: {record['slot']} {record['old']} -> {record['new']}"
        )
        origin, world, _ = lines[(record["article"], record["changed"])]
        if not any(
            (origin, world) in unchanged.get(partner, ())
            for partner in partners.get(record["changed"], ())
        ):
            score.unaligned += 1
    return score
