"""The shipped sameness judge is what its training script makes of the tuned stories.

A model shipped without the script that reproduces it cannot be reviewed: when a feature
changes meaning, ``make train`` must be rerun and the new weights committed with it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("sklearn")  # a dev dependency: present wherever ``make test`` runs


def test_shipped_weights_are_the_training_scripts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    monkeypatch.chdir(ROOT)
    import train_judge

    rows = [
        row
        for root in train_judge.TUNED_ROOTS
        for folder in train_judge.story_folders(root)
        for row in train_judge.rows_of(folder)
    ]
    shipped = json.loads(train_judge.MODEL.read_text(encoding="utf-8"))
    assert shipped["features"] == list(train_judge.FEATURES)
    fitted = train_judge.fit(rows)
    assert fitted.keys() == shipped["weights"].keys()
    for name, weight in fitted.items():
        # Rounded to four places on writing; a solver's last digit may differ by platform.
        assert weight == pytest.approx(shipped["weights"][name], abs=2e-3), name
    sys.modules.pop("train_judge", None)


def test_the_cheap_check_before_judging_never_rejects_what_the_judge_accepts() -> None:
    """Compare skips the full judgement of two differing values that ``conflict_evidence``
    rejects; that is only sound while every pair the judge calls one kind passes it."""
    from reconcile.load import load_articles
    from reconcile.model import Settings
    from reconcile.pipeline import prepare
    from reconcile.sameness import clause_wording, conflict_evidence, judge

    articles, _ = load_articles([str(ROOT / "seeds")])
    settings = Settings()
    story = prepare(articles, settings=settings)
    judged_one_kind = 0
    for value in story.values:
        a, fa, b, fb = value.a, value.fact_a, value.b, value.fact_b
        judgement = judge(fa, fb, a, b, story.vocabulary, clause_wording(a, b), settings)
        if judgement.same_kind:
            judged_one_kind += 1
            assert conflict_evidence(fa, fb, a, b, settings) is not None, (fa.text, fb.text)
    assert judged_one_kind > 10  # the check was put to the test
