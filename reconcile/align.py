"""Claims -> pairs of claims from different sources that may be about the same thing.

Wording alone does not find them: "The minister will also visit Nairobi Monday" and
"She is expected to leave for Kenya on Tuesday" share almost no words.  So a
pair's score mixes three signals:

* wording: rapidfuzz's ``token_set_ratio`` of the two clauses;
* who and where: shared actors (by name key) and compatible places (a city
  matches its country);
* what: a shared event class (travel, meet, crash…), "say" excepted.

Only pairs that share at least one blocking key (an actor word, a country,
an event, a quotation's opening, a stated value, a measured noun) are scored at
all, which keeps the work close to linear in the number of claims.  A pair is
kept when its score passes ``Settings.align_threshold`` or when the two claims
state values of one slot about one noun or verb ("36 pacemakers", "41
pacemakers"): whether those measure the same thing is ``reconcile.sameness``'s
judgement, made in compare.  Two claims of one article are kept only in the
second case, so an article can be found to contradict itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

from reconcile.entities import same_actor
from reconcile.lexicon import REPORTING_EVENTS
from reconcile.model import Claim, Settings
from reconcile.places import place_for_key, places_compatible
from reconcile.sameness import family

WORDING_WEIGHT = 0.35
ENTITY_WEIGHT = 0.45
EVENT_WEIGHT = 0.20

MAX_POSTINGS = 400
"""A key shared by more claims than this says little about any two of them; skipped."""


@dataclass(frozen=True, slots=True)
class AlignedPair:
    a: Claim
    b: Claim
    score: float
    wording: float
    """rapidfuzz token_set_ratio of the clauses, 0–1."""
    shared_entities: int
    place_conflict: bool
    """Both claims name places and none of them is compatible: different scenes."""
    shares_measure: bool = False
    """Both state a value of one slot about one noun or verb (see ``_measure_keys``)."""


def align_claims(
    claims: Sequence[Claim], *, settings: Settings, counts: dict[str, int] | None = None
) -> tuple[AlignedPair, ...]:
    """Scored pairs of claims from different articles, best first, above the threshold.

    ``counts``, if given, receives ``scored``: how many candidate pairs were scored.
    """
    texts = {c.id: _normalised(c) for c in claims}
    measures = {c.id: _measure_keys(c) for c in claims}
    pairs = []
    candidates = candidate_pairs(claims)
    for a, b in candidates:
        shares_measure = bool(measures[a.id] & measures[b.id])
        if a.article_id == b.article_id and not shares_measure:
            continue
        pair = score_pair(a, b, texts[a.id], texts[b.id], shares_measure=shares_measure)
        if pair.score >= settings.align_threshold or shares_measure:
            pairs.append(pair)
    pairs.sort(key=lambda p: (-p.score, p.a.id, p.b.id))
    if counts is not None:
        counts["scored"] = len(candidates)
    return tuple(pairs)


def candidate_pairs(claims: Sequence[Claim]) -> list[tuple[Claim, Claim]]:
    """Pairs of claims that share a blocking key, in a stable order.

    Claims of one article pair only through a measured noun or verb (see ``_measure_keys``).
    """
    index: dict[str, list[int]] = defaultdict(list)
    for position, claim in enumerate(claims):
        for key in _blocking_keys(claim):
            index[key].append(position)
    seen: set[tuple[int, int]] = set()
    for key, positions in index.items():
        if len(positions) > MAX_POSTINGS:
            continue
        within_article = key.startswith("measure:")
        for i, j in combinations(positions, 2):
            if within_article or claims[i].article_id != claims[j].article_id:
                seen.add((i, j) if i < j else (j, i))
    return [(claims[i], claims[j]) for i, j in sorted(seen)]


def score_pair(
    a: Claim,
    b: Claim,
    text_a: str | None = None,
    text_b: str | None = None,
    *,
    shares_measure: bool = False,
) -> AlignedPair:
    wording = fuzz.token_set_ratio(text_a or _normalised(a), text_b or _normalised(b)) / 100
    actors = sum(1 for x in a.actors if any(same_actor(x, y) for y in b.actors))
    place_matches, place_conflict = _place_overlap(a, b)
    shared = actors + place_matches
    smaller = min(len(a.actors) + len(a.places), len(b.actors) + len(b.places))
    entity = min(1.0, shared / smaller) if smaller else 0.0
    event = 1.0 if shared_events(a, b) else 0.0
    score = WORDING_WEIGHT * wording + ENTITY_WEIGHT * entity + EVENT_WEIGHT * event
    return AlignedPair(a, b, round(score, 4), wording, shared, place_conflict, shares_measure)


def shared_events(a: Claim, b: Claim) -> tuple[str, ...]:
    """Event classes both claims name, reporting verbs excepted."""
    return tuple(e for e in a.events if e in b.events and e not in REPORTING_EVENTS)


def _place_overlap(a: Claim, b: Claim) -> tuple[int, bool]:
    if not a.places or not b.places:
        return 0, False
    matches = 0
    for x in a.places:
        px = place_for_key(x)
        if px and any((py := place_for_key(y)) and places_compatible(px, py) for y in b.places):
            matches += 1
    return matches, matches == 0


def _blocking_keys(claim: Claim) -> set[str]:
    keys = {f"actor:{word}" for actor in claim.actors for word in actor.split()}
    for key in claim.places:
        place = place_for_key(key)
        keys.update(f"country:{c}" for c in (place.countries if place else ()))
    keys.update(f"event:{e}" for e in claim.events if e not in REPORTING_EVENTS)
    keys.update(f"quote:{q.text[:12].lower()}" for q in claim.quotes)
    keys.update(f"value:{f.slot}:{f.value}" for f in claim.facts)
    keys.update(_measure_keys(claim))
    return keys


def _measure_keys(claim: Claim) -> set[str]:
    """One key per value and the noun or verb it measures: "measure:count:pacemaker"."""
    keys = set()
    for fact in claim.facts:
        if family(fact.slot) is None or fact.measure.event == "report":
            continue
        for word in (fact.measure.noun, fact.measure.event):
            if word:
                keys.add(f"measure:{fact.slot}:{word}")
    return keys


def _normalised(claim: Claim) -> str:
    return " ".join("".join(ch.lower() if ch.isalnum() else " " for ch in claim.text).split())
