"""Each story with an answer key is a regression test that pins its scores.

The floors are today's measured scores: a change may raise them, never lower them.
Contradiction precision, look-alikes and noise are held at their targets outright.
"""

from __future__ import annotations

import pytest
from conftest import CORPUS, SEEDS, WRITTEN

from reconcile.score import score_folder

# story folder -> (contradictions found, agreements found) at least
FLOORS = {
    SEEDS: (1, 13),
    CORPUS / "lion-air-jt610-2018-10": (3, 8),
    CORPUS / "us-open-final-2018-09": (0, 12),
    # Written for testing, blind to the code (see tests/written/README.md).
    WRITTEN / "amatrice-earthquake-2016-08": (4, 8),
    WRITTEN / "costa-concordia-2012-01": (2, 8),
    WRITTEN / "french-election-2017-05": (2, 6),
}


@pytest.mark.parametrize("folder", sorted(FLOORS), ids=lambda p: p.name)
def test_story_scores_hold(folder) -> None:
    score = score_folder(folder)
    contradictions, agreements = FLOORS[folder]
    assert score.precision == 1.0, score.false_alarms
    assert score.lookalikes_flagged == 0
    assert score.noise_claims == 0
    assert score.contradictions_found >= contradictions, score.missed
    assert score.agreements_found >= agreements, score.missed
