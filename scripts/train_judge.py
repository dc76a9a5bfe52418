"""Fit the sameness judge (``make train``) on the labelled pairs of the tuned stories.

For every story we tune on (never the held-out ones), the pipeline reads and aligns the
articles as it does at run time; every two values of one slot in an aligned pair become
a row of named features (``reconcile.sameness.FEATURES``).  A row is labelled:

* 1 (the same measure of the same referent) when its two sentences and values are a
  gold contradiction or agreement of the story's answer key;
* 0 when they are a gold look-alike whose values differ, or when their values differ
  and the pair is in no gold item (answer keys list every disagreement they know of);
* left out otherwise: a pair of equal values in no gold item (keys list agreements
  only in part), or a sentence of a gold item with another value of it.

One logistic regression (a feature says whether the values are moments or quantities)
is fitted with scikit-learn, deterministically, on the rows whose values differ: it
answers "these two different figures: one measure reported two ways, or two measures?".
(Equal values need no such answer; compare asks the same model how it would judge them
were they close.) the weights go to ``reconcile/data/judge.json`` and
the figures to ``docs/judge.md``.  ``--report`` prints, for a range of thresholds, the
precision and recall of contradiction and agreement decisions in leave-one-story-out
cross-validation, so the thresholds in ``Settings`` are chosen on stories the weights
did not see.

Usage: python scripts/train_judge.py [--report] [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from reconcile.compare import _years_apart
from reconcile.load import load_articles
from reconcile.model import Claim, Fact, Settings
from reconcile.pipeline import _set_aside_copies, prepare
from reconcile.sameness import (
    FEATURES,
    clause_wording,
    compatible,
    family,
    features,
    places_conflict,
    same_kind,
    stated_apart,
)
from reconcile.score import load_gold, story_folders

ROOT = Path(__file__).resolve().parent.parent
TUNED_ROOTS = ("seeds", "tests/corpus", "tests/written")
MODEL = ROOT / "reconcile" / "data" / "judge.json"
CARD = ROOT / "docs" / "judge.md"
SETTINGS = Settings()
"""The shipped thresholds: some features (``close_ratio``, ``lead_sentences``) read them."""
REGULARISATION = 1.0
"""scikit-learn's C: the default; the features are few and on one scale."""


@dataclass(frozen=True)
class Row:
    story: str
    family: str
    features: dict[str, float]
    label: int
    conflict: bool
    """The two values are incompatible (a contradiction if the measure is the same)."""
    note: str


def rows_of(folder: Path) -> list[Row]:
    gold = load_gold(folder / "gold.json")
    articles, _ = load_articles([str(folder)])
    articles, _ = _set_aside_copies(articles)
    files = {a.id: os.path.basename(a.path) for a in articles}
    dates = {a.id: a.date for a in articles}
    story = prepare(articles, settings=SETTINGS)
    items = [
        (item, 1) for key in ("contradictions", "agreements") for item in gold.get(key, [])
    ] + [(item, 0) for item in gold.get("must_not_contradict", [])]
    items += _group_items(gold.get("contradictions", []))
    rows = []
    for value in story.values:
        a, fa, b, fb = value.a, value.fact_a, value.b, value.fact_b
        if places_conflict(a, b) or _years_apart(a, b, dates):
            continue  # never compared for a conflict (see compare.py): nothing to learn
        differ = not compatible(fa, fb) or stated_apart(
            fa, fb, dated_apart=_dated_apart(a, b, dates)
        )
        if fa.text.lower() == fb.text.lower() and differ:
            continue  # "Sunday" a week apart: never compared (see compare.py)
        evidence = features(fa, fb, a, b, story.vocabulary, clause_wording(a, b), SETTINGS)
        if not same_kind(fa.slot, evidence, SETTINGS.same_kind):
            continue  # never judged the same measure at run time
        label = _label(a, fa, b, fb, items, files, differ)
        if label is None:
            continue
        rows.append(
            Row(
                folder.name,
                family(fa.slot) or "",
                evidence,
                label,
                not compatible(fa, fb)
                or stated_apart(fa, fb, dated_apart=_dated_apart(a, b, dates)),
                f"{fa.slot}: {fa.text!r} vs {fb.text!r}",
            )
        )
    return rows


def _dated_apart(a: Claim, b: Claim, dates: dict) -> bool:
    return dates.get(a.article_id) != dates.get(b.article_id)


def _group_items(contradictions: list[dict]) -> list[tuple[dict, int]]:
    """Every two sides of one ``group`` (one running figure) as a positive item, as the
    scorer reads them: a key may list only some pairs of a group and mean them all."""
    sides: dict[str, list[tuple[dict, str]]] = defaultdict(list)
    for item in contradictions:
        if item.get("group") and len(item.get("values") or []) == 2:
            sides[item["group"]] += [(item["a"], item["values"][0]), (item["b"], item["values"][1])]
    items = []
    for members in sides.values():
        for i, (side_a, value_a) in enumerate(members):
            for side_b, value_b in members[i + 1 :]:
                if side_a["file"] != side_b["file"] and side_a["span"] != side_b["span"]:
                    items.append(({"a": side_a, "b": side_b, "values": [value_a, value_b]}, 1))
    return items


def _label(
    a: Claim,
    fa: Fact,
    b: Claim,
    fb: Fact,
    items: list[tuple[dict, int]],
    files: dict[str, str],
    differ: bool,
) -> int | None:
    in_gold = False
    for item, label in items:
        for x, fx, y, fy in ((a, fa, b, fb), (b, fb, a, fa)):
            if _covers(x, item["a"], files) and _covers(y, item["b"], files):
                in_gold = True
                values = item.get("values") or []
                if len(values) == 2 and _names(fx, values[0]) and _names(fy, values[1]):
                    if label == 0 and not differ:
                        return None
                    return label
    if in_gold or not differ:
        return None  # answer keys list agreements only in part: an unlisted one is unknown
    return 0


def _covers(claim: Claim, side: dict, files: dict[str, str]) -> bool:
    if files.get(claim.article_id) != side["file"]:
        return False
    text, span = " ".join(claim.sentence.text.split()), " ".join(side["span"].split())
    return span in text or text in span


def _names(fact: Fact, value: str) -> bool:
    """Whether a gold value ("as much as 2.8 per cent") is the fact ("2.8 per cent")."""
    written, wanted = fact.text.lower(), value.lower()
    if written in wanted or wanted in written:
        return True
    digits = re.findall(r"\d+(?:[.,]\d+)?", written)
    return bool(digits) and all(d in wanted for d in digits)


def fit(rows: list[Row]) -> dict[str, float]:
    from sklearn.linear_model import LogisticRegression

    chosen = [r for r in rows if r.conflict]
    model = LogisticRegression(C=REGULARISATION, max_iter=1000)
    model.fit([[r.features[f] for f in FEATURES] for r in chosen], [r.label for r in chosen])
    return {"bias": round(float(model.intercept_[0]), 4)} | {
        f: round(float(w), 4) for f, w in zip(FEATURES, model.coef_[0], strict=True)
    }


def _probability(weights: dict[str, float], row: Row) -> float:
    """The fitted model's probability for one row (as ``sameness.Model`` computes it)."""
    import math

    z = weights.get("bias", 0.0) + sum(weights.get(k, 0.0) * v for k, v in row.features.items())
    return 1 / (1 + math.exp(-z))


def cross_validate(rows: list[Row]) -> list[tuple[Row, float]]:
    """Each story's rows scored by a model fitted on every other story."""
    by_story: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_story[row.story].append(row)
    scored = []
    for story, own in sorted(by_story.items()):
        weights = fit([r for r in rows if r.story != story])
        scored.extend((row, _probability(weights, row)) for row in own)
    return scored


def report(scored: list[tuple[Row, float]]) -> str:
    lines = [
        "| decision | threshold | reported | true | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for conflict, name in ((True, "contradiction"), (False, "agreement")):
        chosen = [(r, p) for r, p in scored if r.conflict == conflict]
        positives = sum(r.label for r, _ in chosen)
        for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95):
            hits = [(r, p) for r, p in chosen if p >= threshold]
            true = sum(r.label for r, _ in hits)
            precision = true / len(hits) if hits else 1.0
            recall = true / positives if positives else 1.0
            lines.append(
                f"| {name} | {threshold:.2f} | {len(hits)} | {true} | {precision:.2f} | "
                f"{recall:.2f} ({true}/{positives}) |"
            )
    return "\n".join(lines)


def _card(rows: list[Row], weights: dict[str, float], figures: str) -> str:
    """The model card: what the judge is, what it learnt from, how well it does."""
    stories = sorted({r.story for r in rows})
    conflicts = [r for r in rows if r.conflict]
    positives = sum(r.label for r in conflicts)
    weight_rows = "\n".join(
        f"| {name} | {weights.get(name, 0.0):+.3f} |" for name in ("bias", *FEATURES)
    )
    return f"""# The sameness judge: model card

*Written by `make train` (`scripts/train_judge.py`); do not edit by hand.*

**What it decides.** Given two differing values of one slot and unit from two sentences
(say "36 pacemakers" and "41 pacemakers"), the probability that they measure the same
thing of the same referent, so that their difference is a contradiction (see
`reconcile/sameness.py`).  Compare reports a contradiction when one of three rules holds
(a clause restated with another value; one subject doing one thing with a near value; each
report's one toll of a fate, one day or time of an event, or one named person's age), the
probability setting its
confidence; on the judge's word
alone only when it passes `Settings.contradiction_threshold`, which by default (1.0) it
never does: at 0.7 its own contradictions on held-out stories were right two times in
four.  Equal values it judges for agreements (`Settings.agreement_threshold`).

**Model.** Logistic regression (scikit-learn, C = {REGULARISATION}), {len(FEATURES)} named
features, weights below; no randomness.  Shipped as `reconcile/data/judge.json`; run time
needs no scikit-learn (a dot product and a sigmoid).

**Data.** The {len(stories)} tuned stories (`seeds`, `tests/corpus`, `tests/written`; never
`tests/heldout`): every pair of differing values of one slot and unit whose nouns or verbs
name the same kind of thing.  {len(conflicts)} pairs, {positives} of them listed by the answer
keys as one fact reported two ways (positives); the rest negatives, a few of them wrongly
so (the keys are not complete).

**Features** (`reconcile.sameness.features`) and weights:

| feature | weight |
|---|---:|
{weight_rows}

**Held-out style figures.** Leave-one-story-out: each story's pairs scored by a model
fitted on the other stories.  Pairs, not findings (a finding chains pairs); precision is
against the answer keys, whose gaps make it a lower bound.

{figures}

**Limits.** The features see words near the values, names and verbs; they do not parse.
Parts of a group ("some 3 million blank ballots" inside "4 million blank or spoiled"),
two events of one kind in one story (a quake and its aftershock), and tallies of two
places stay hard.  Stories held out from training are scored in the README, not here.
"""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="print cross-validated figures")
    parser.add_argument("--write", action="store_true", help="write judge.json and the card")
    parser.add_argument("--show", type=int, default=0, help="print N of the likeliest negatives")
    options = parser.parse_args(argv)
    os.chdir(ROOT)
    rows = [
        row for root in TUNED_ROOTS for folder in story_folders(root) for row in rows_of(folder)
    ]
    counts = {
        kind: (
            sum(1 for r in rows if r.family == kind and r.label),
            sum(1 for r in rows if r.family == kind),
        )
        for kind in ("quantity", "moment")
    }
    print(f"rows: {len(rows)}; positives/all by family: {counts}", file=sys.stderr)
    weights = fit(rows)
    print(json.dumps(weights, indent=1), file=sys.stderr)
    scored = cross_validate(rows)
    figures = report(scored)
    if options.report:
        print(figures)
    if options.show:
        negatives = sorted(((p, r) for r, p in scored if not r.label), key=lambda x: -x[0])
        for p, r in negatives[: options.show]:
            print(f"{p:.2f} {r.story[:20]} {r.note}")
        positives = sorted(((p, r) for r, p in scored if r.label), key=lambda x: x[0])
        for p, r in positives[: options.show]:
            shown = " ".join(f"{k}={v:g}" for k, v in r.features.items() if v)
            print(f"+{p:.2f} {r.story[:20]} {r.note} | {shown}")
    if options.write:
        MODEL.write_text(
            json.dumps({"features": list(FEATURES), "weights": weights}, indent=1, sort_keys=True)
            + "\n",
            encoding="utf-8",
        )
        CARD.write_text(_card(rows, weights, figures), encoding="utf-8")
        print(f"wrote {MODEL} and {CARD}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
