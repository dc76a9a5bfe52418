"""False alarms and recall on the FNC-1 test set (headline vs article body).

Each of the 25,413 pairs is reconciled as two articles: the headline (as a
one-sentence article) and the body.  Prints, per stance label, the share of
pairs on which reconcile reports a contradiction, and the time taken.

    python scripts/eval_fnc1.py [--data ../shared/eval/pairs/fnc-1] [--limit N] [--jobs N]

The data is read where it lies; it is not copied into the project.
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import os
import sys
import time
from collections import Counter
from pathlib import Path

from reconcile.model import FindingKind, Settings, make_article
from reconcile.pipeline import InputError, reconcile_articles

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "pairs" / "fnc-1"
TARGETS = {"unrelated": 0.01, "agree": 0.03}
"""Largest acceptable share of pairs with a reported contradiction."""

_BODIES: dict[str, str] = {}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pairs")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    stances_path = args.data / "competition_test_stances.csv"
    bodies_path = args.data / "competition_test_bodies.csv"
    if not stances_path.exists():
        print(f"Error: FNC-1 data not found in {args.data}", file=sys.stderr)
        return 2
    csv.field_size_limit(sys.maxsize)
    with open(bodies_path, encoding="utf-8", newline="") as stream:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(stream)}
    with open(stances_path, encoding="utf-8", newline="") as stream:
        rows = [(r["Headline"], r["Body ID"], r["Stance"]) for r in csv.DictReader(stream)]
    if args.limit:
        rows = rows[: args.limit]
    started = time.perf_counter()
    with multiprocessing.Pool(args.jobs, initializer=_init, initargs=(bodies,)) as pool:
        results = pool.map(_contradicts, rows, chunksize=64)
    elapsed = time.perf_counter() - started
    totals = Counter(stance for _, _, stance in rows)
    flagged = Counter(stance for (_, _, stance), hit in zip(rows, results, strict=True) if hit)
    print(f"FNC-1: {len(rows)} pairs in {elapsed:.1f} s ({args.jobs} workers)")
    print(f"{'stance':<10} {'pairs':>6} {'contradiction reported':>23}  target")
    ok = True
    for stance in ("unrelated", "discuss", "agree", "disagree"):
        share = flagged[stance] / totals[stance] if totals[stance] else 0.0
        target = TARGETS.get(stance)
        verdict = ""
        if target is not None:
            verdict = f"<= {target:.0%} {'ok' if share <= target else 'MISSED'}"
            ok = ok and share <= target
        elif stance == "disagree":
            verdict = "(recall)"
        counts = f"{totals[stance]:>6} {flagged[stance]:>8} = {share:>7.2%}"
        print(f"{stance:<10} {counts}       {verdict}")
    return 0 if ok else 1


def _init(bodies: dict[str, str]) -> None:
    _BODIES.update(bodies)


def _contradicts(row: tuple[str, str, str]) -> bool:
    headline, body_id, _ = row
    headline = headline.strip()
    if headline and headline[-1] not in ".!?\"'”’":
        headline += "."  # a headline is a claim; give it the end mark cleaning looks for
    articles = [
        make_article(id="a1", path="headline.txt", name="headline", text=headline + "\n"),
        make_article(id="a2", path="body.txt", name="body", text=_BODIES[body_id]),
    ]
    try:
        report = reconcile_articles(articles, settings=Settings())
    except InputError:
        return False
    return any(f.kind is FindingKind.CONTRADICTION for f in report.findings)


if __name__ == "__main__":
    raise SystemExit(main())
