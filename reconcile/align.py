"""Claims -> pairs of claims from different sources that may be about the same thing.

Wording alone does not find them: "The minister will also visit Nairobi Monday" and
"She is expected to leave for Kenya on Tuesday" share almost no words.  So a
pair's score mixes three signals:

* wording: rapidfuzz's ``token_set_ratio`` of the two clauses;
* who and where: shared actors (by name key) and compatible places (a city
  matches its country);
* what: a shared event class (travel, meet, crash…), "say" excepted.

Two claims stating the same telling figure ("189 people"), or counting the same
group of people ("150 personnel", "250 rescuers"), get a bonus.
Only pairs that share at least one blocking key (an actor word, a country,
an event, a quotation's opening, a stated value) are scored at all, which
keeps the work close to linear in the number of claims.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

from reconcile.entities import same_actor
from reconcile.lexicon import REPORTING_EVENTS, counted_groups, loosely_same_thing_counted
from reconcile.model import Claim, Fact, Settings, Slot
from reconcile.places import place_for_key, places_compatible

WORDING_WEIGHT = 0.35
ENTITY_WEIGHT = 0.45
EVENT_WEIGHT = 0.20
SPECIFIC_VALUE_BONUS = 0.25
"""Added when two claims state the same telling figure or count the same group of people."""
SPECIFIC_MIN_VALUE = 10
"""Whole numbers below this ("two sides", "three men") are too common to tie claims together."""

GROUP_MIN_VALUE = {"dead": 1}
"""A death toll is the figure a disaster story tracks: even "three dead" ties two claims."""

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
    same_figure: bool = False
    """Both state the same telling figure (see ``share_specific_value``)."""
    same_group: bool = False
    """Both count one group of people (see ``count_same_group``)."""


def align_claims(
    claims: Sequence[Claim], *, settings: Settings, counts: dict[str, int] | None = None
) -> tuple[AlignedPair, ...]:
    """Scored pairs of claims from different articles, best first, above the threshold.

    ``counts``, if given, receives ``scored``: how many candidate pairs were scored.
    """
    texts = {c.id: _normalised(c) for c in claims}
    pairs = []
    candidates = candidate_pairs(claims)
    for a, b in candidates:
        pair = score_pair(a, b, texts[a.id], texts[b.id])
        if pair.score >= settings.align_threshold:
            pairs.append(pair)
    pairs.sort(key=lambda p: (-p.score, p.a.id, p.b.id))
    if counts is not None:
        counts["scored"] = len(candidates)
    return tuple(pairs)


def candidate_pairs(claims: Sequence[Claim]) -> list[tuple[Claim, Claim]]:
    """Pairs of claims from different articles that share a blocking key, in a stable order."""
    index: dict[str, list[int]] = defaultdict(list)
    for position, claim in enumerate(claims):
        for key in _blocking_keys(claim):
            index[key].append(position)
    seen: set[tuple[int, int]] = set()
    for positions in index.values():
        if len(positions) > MAX_POSTINGS:
            continue
        for i, j in combinations(positions, 2):
            if claims[i].article_id != claims[j].article_id:
                seen.add((i, j) if i < j else (j, i))
    return [(claims[i], claims[j]) for i, j in sorted(seen)]


def score_pair(
    a: Claim, b: Claim, text_a: str | None = None, text_b: str | None = None
) -> AlignedPair:
    wording = fuzz.token_set_ratio(text_a or _normalised(a), text_b or _normalised(b)) / 100
    actors = sum(1 for x in a.actors if any(same_actor(x, y) for y in b.actors))
    place_matches, place_conflict = _place_overlap(a, b)
    shared = actors + place_matches
    smaller = min(len(a.actors) + len(a.places), len(b.actors) + len(b.places))
    entity = min(1.0, shared / smaller) if smaller else 0.0
    event = 1.0 if shared_events(a, b) else 0.0
    score = WORDING_WEIGHT * wording + ENTITY_WEIGHT * entity + EVENT_WEIGHT * event
    same_figure, same_group = share_specific_value(a, b), count_same_group(a, b)
    if same_figure or same_group:
        score = min(1.0, score + SPECIFIC_VALUE_BONUS)
    return AlignedPair(
        a, b, round(score, 4), wording, shared, place_conflict, same_figure, same_group
    )


def share_specific_value(a: Claim, b: Claim) -> bool:
    """Both claims state the same telling figure: "189 people", "30 to 40 m", "6:20"."""
    return any(
        _same_about(fa, fb) and _specific(fa) and _specific(fb) and _same_figure(fa, fb)
        for fa in a.facts
        for fb in b.facts
        if fa.slot is fb.slot
    )


def count_same_group(a: Claim, b: Claim) -> bool:
    """Both claims give a sizeable count of one group of people ("250 rescuers")."""
    groups_a = _groups_counted(a)
    return bool(groups_a) and bool(groups_a & _groups_counted(b))


def _groups_counted(claim: Claim) -> frozenset[str]:
    return frozenset(
        group
        for fact in claim.facts_of(Slot.COUNT)
        for group in counted_groups(fact.about)
        if (fact.low or 0) >= GROUP_MIN_VALUE.get(group, SPECIFIC_MIN_VALUE)
    )


def _same_about(fa: Fact, fb: Fact) -> bool:
    if fa.slot is Slot.COUNT:
        return loosely_same_thing_counted(fa.about, fb.about)  # "189 people" = "189 passengers"
    if fa.slot is Slot.TIME:
        return not fa.about or not fb.about or fa.about == fb.about  # "gave way at 1:30"
    return fa.about == fb.about


def _same_figure(fa: Fact, fb: Fact) -> bool:
    if fa.value == fb.value:
        return True
    # A length converted from other units rarely matches digit for digit:
    # "around 100 to 115 feet" is "up to 35 meters".
    return (
        fa.about == "length"
        and None not in (fa.low, fa.high, fb.low, fb.high)
        and fa.low <= fb.high  # type: ignore[operator]
        and fb.low <= fa.high  # type: ignore[operator]
    )


def _specific(fact: Fact) -> bool:
    if fact.slot in (Slot.TIME, Slot.DATE, Slot.DESIGNATION, Slot.FIRST) or fact.about == "score":
        return True  # a game score ("6-2, 6-4") has no single number but is as telling
    if fact.slot not in (Slot.COUNT, Slot.DURATION) or fact.low is None or fact.high is None:
        return False
    return fact.low != fact.high or telling_number(fact.low)


def telling_number(value: float) -> bool:
    """A number rare enough to tie two claims: "189", and "5.5" (a magnitude), not "two"."""
    return value >= SPECIFIC_MIN_VALUE or not value.is_integer()


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
    keys.update(f"group:{group}" for group in _groups_counted(claim))
    # Lengths come in different units, so their values rarely match as written.
    keys.update("measure:length" for f in claim.facts if f.about == "length")
    return keys


def _normalised(claim: Claim) -> str:
    return " ".join("".join(ch.lower() if ch.isalnum() else " " for ch in claim.text).split())
