"""Claims -> pairs of claims from different sources that may be about the same thing.

Wording alone does not find them: "The minister will also visit Nairobi Monday" and
"She should fly out to Kenya on Tuesday" share almost no words.  So a
pair's score mixes three signals:

* wording: rapidfuzz's ``token_set_ratio`` of the two clauses;
* who and where: shared actors (by name key) and compatible places (a city
  matches its country);
* what: a shared event class (travel, meet, crash…), "say" excepted.

Only pairs that share at least one blocking key (an actor word, a country,
an event, a quotation's opening, a stated value) are scored at all, which keeps
the work close to linear in the number of claims.  A pair is kept when its score
passes ``Settings.align_threshold``, or when both claims state one telling name
("Airbus A320neo", "Kenya's first").

Values are paired apart (``value_pairs``): every two values of one slot and unit,
from any two sentences (of one article too, so an article can be found to
contradict itself); whether two of them measure the same thing is
``reconcile.sameness``'s judgement, made in compare.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import overload

from rapidfuzz import fuzz

from reconcile.entities import same_actor
from reconcile.lexicon import REPORTING_EVENTS, moment_of
from reconcile.model import Claim, Fact, Settings, Slot
from reconcile.places import place_for_key, places_compatible
from reconcile.sameness import family as slot_family
from reconcile.sameness import telling, worth_judging
from reconcile.words import family
from reconcile.workers import forked_map

WORDING_WEIGHT = 0.35
ENTITY_WEIGHT = 0.45
EVENT_WEIGHT = 0.20

TELLING_NAMES = frozenset({Slot.DESIGNATION, Slot.FIRST})
"""Values so particular that two claims stating one are worth comparing, whatever else."""


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


def align_claims(
    claims: Sequence[Claim],
    *,
    settings: Settings,
    counts: dict[str, int] | None = None,
    limits: Limits | None = None,
    jobs: int = 1,
) -> tuple[AlignedPair, ...]:
    """Scored pairs of claims from different articles, best first, above the threshold.

    ``counts``, if given, receives ``scored``: how many candidate pairs were scored.
    With ``jobs`` above one and many candidates, they are scored in forked workers.
    """
    candidates = candidate_pairs(claims, limits or Limits(settings.max_postings))
    if len(candidates) < PARALLEL_MIN_PAIRS:
        jobs = 1
    names = {c.id: _telling_names(c) for c in claims}
    shared = (candidates, names, settings.align_threshold)
    scores = forked_map(_scores_between, shared, len(candidates), jobs)
    pairs = [
        AlignedPair(*candidates[k], score, wording, shared, apart)
        for k, score, wording, shared, apart in scores
    ]
    pairs.sort(key=lambda p: (-p.score, p.a.id, p.b.id))
    if counts is not None:
        counts["scored"] = len(candidates)
    return tuple(pairs)


PARALLEL_MIN_PAIRS = 50_000
"""Below this many candidate pairs, forking workers to score them costs more than it saves."""

# A kept candidate as workers send it back: its position, then AlignedPair's numbers.
_Scored = tuple[int, float, float, int, bool]


def _scores_between(
    shared: tuple[Sequence[tuple[Claim, Claim]], dict[str, frozenset[str]], float],
    start: int,
    stop: int,
) -> list[_Scored]:
    """The candidates from ``start`` to ``stop`` that alignment keeps, scored."""
    candidates, names, threshold = shared
    kept = []
    for k in range(start, stop):
        a, b = candidates[k]
        telling = bool(names[a.id] & names[b.id])
        pair = score_pair(a, b, floor=0.0 if telling else threshold)
        if pair is not None and (pair.score >= threshold or telling):
            kept.append((k, pair.score, pair.wording, pair.shared_entities, pair.place_conflict))
    return kept


def candidate_pairs(
    claims: Sequence[Claim], limits: Limits | None = None
) -> list[tuple[Claim, Claim]]:
    """Pairs of claims from different articles that share a blocking key, in a stable order.

    A key shared by more than ``limits.max_postings`` claims ("actor:kim" in a thousand
    reports) is swept, not paired in full (see ``_swept``); ``limits`` counts such keys.
    """
    limits = limits or Limits()
    index: dict[str, list[int]] = defaultdict(list)
    for position, claim in enumerate(claims):
        for key in _blocking_keys(claim):
            index[key].append(position)
    texts = [_normalised(c) for c in claims]
    sources = [c.article_id for c in claims]
    count = len(claims)
    # A pair (i, j), i < j, is kept as the one number i * count + j: millions of pairs
    # take a third of the memory they would as tuples, and sort in the same order.
    seen: set[int] = set()
    for positions in index.values():
        if len(positions) > limits.max_postings:
            limits.swept_keys += 1
            candidates: Iterable[tuple[int, int]] = _swept(positions, texts, [""] * count)
        else:
            candidates = combinations(positions, 2)
        for i, j in candidates:
            if sources[i] != sources[j]:
                seen.add(i * count + j if i < j else j * count + i)
    return [(claims[k // count], claims[k % count]) for k in sorted(seen)]


@dataclass
class Limits:
    """The bound alignment pairs in full up to, and how often it met it and swept instead."""

    max_postings: int = Settings.__dataclass_fields__["max_postings"].default
    """See ``Settings.max_postings``."""
    swept_keys: int = 0
    """Blocking keys or value groups too large to pair in full, paired by sweeping."""


SWEEP_NEIGHBOURS = 3
"""In a swept posting, each item is paired with this many neighbours in each order of
wording (see ``_swept``)."""


def _swept(
    positions: Sequence[int], texts: Sequence[str], values: Sequence[str]
) -> set[tuple[int, int]]:
    """Pairs of a posting too long to pair in full, found in O(n log n).

    The items are sorted by their wording, as written and with its words sorted, and each
    is paired with its next few neighbours in both orders, whatever their values: a lone
    "Tuesday" among a thousand "Mondays" meets the sentence worded like it.  Items of one
    value are also sorted among themselves and paired with their neighbours, so agreeing
    items chain into one finding.
    """
    orders = [
        sorted(positions, key=lambda p: (texts[p], p)),
        sorted(positions, key=lambda p: (" ".join(sorted(texts[p].split())), p)),
    ]
    by_value: dict[str, list[int]] = defaultdict(list)
    for position in orders[0]:
        by_value[values[position]].append(position)
    orders.extend(by_value.values())
    pairs: set[tuple[int, int]] = set()
    for order in orders:
        for offset, first in enumerate(order):
            for second in order[offset + 1 : offset + 1 + SWEEP_NEIGHBOURS]:
                pairs.add((min(first, second), max(first, second)))
    return pairs


@overload
def score_pair(a: Claim, b: Claim) -> AlignedPair: ...
@overload
def score_pair(a: Claim, b: Claim, *, floor: float) -> AlignedPair | None: ...
def score_pair(a: Claim, b: Claim, *, floor: float = 0.0) -> AlignedPair | None:
    """The pair's alignment score; None if it cannot reach ``floor`` whatever its wording
    (names and events are cheaper to compare than words, and decide most pairs)."""
    actors = sum(1 for x in a.actors if any(same_actor(x, y) for y in b.actors))
    place_matches, place_conflict = _place_overlap(a, b)
    shared = actors + place_matches
    smaller = min(len(a.actors) + len(a.places), len(b.actors) + len(b.places))
    entity = min(1.0, shared / smaller) if smaller else 0.0
    event = 1.0 if shared_events(a, b) else 0.0
    known = ENTITY_WEIGHT * entity + EVENT_WEIGHT * event
    if known + WORDING_WEIGHT < floor:
        return None
    wording = fuzz.token_set_ratio(_normalised(a), _normalised(b)) / 100
    score = WORDING_WEIGHT * wording + known
    return AlignedPair(a, b, round(score, 4), wording, shared, place_conflict)


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
    return keys


def _telling_names(claim: Claim) -> frozenset[str]:
    return frozenset(f"{f.slot}:{f.value}" for f in claim.facts if f.slot in TELLING_NAMES)


@dataclass(frozen=True, slots=True)
class ValuePair:
    """Two values of one slot and unit, from two sentences: candidates to agree or differ."""

    a: Claim
    fact_a: Fact
    b: Claim
    fact_b: Fact


def value_pairs(
    claims: Sequence[Claim],
    *,
    settings: Settings,
    limits: Limits | None = None,
    aligned: Iterable[AlignedPair] = (),
) -> list[ValuePair]:
    """Every two values of one slot and unit, stated in different sentences, that could
    be found one measure (``sameness.worth_judging``) or that two aligned claims both state.

    Grouped first by slot and unit, so a percentage is never paired with a toll.  A
    group of at most ``settings.max_value_group`` values is paired in full: a story of a
    few articles has a few hundred values, and pairing them all misses nothing that
    wording or names would not have found.  Larger groups are paired only through a
    shared telling value or a sense of the measured noun or verb (as claims are, above).
    Either way, a pair whose measured words could never make it one measure is dropped
    here, before compare weighs the clauses: in a thousand articles, most pairs are.
    """
    groups: dict[tuple[object, str], list[tuple[Claim, Fact]]] = defaultdict(list)
    for claim in claims:
        for fact in claim.facts:
            if slot_family(fact.slot) is not None and fact.measure.event != "report":
                groups[(fact.slot, fact.measure.unit)].append((claim, fact))
    alike = _equal_values_of_aligned(aligned)
    pairs = []
    for members in groups.values():
        if len(members) <= settings.max_value_group:
            candidates: Iterable[tuple[int, int]] = combinations(range(len(members)), 2)
        else:
            candidates = _blocked(members, limits or Limits(settings.max_postings), settings)
        chosen = {
            (i, j)
            for i, j in candidates
            if members[i][0].sentence_key != members[j][0].sentence_key
            and worth_judging(members[i][1], members[j][1], settings)
        }
        if alike:
            chosen.update(_aligned_within(members, alike))
        for i, j in sorted(chosen):
            (ca, fa), (cb, fb) = members[i], members[j]
            pairs.append(ValuePair(ca, fa, cb, fb))
    return pairs


def _equal_values_of_aligned(pairs: Iterable[AlignedPair]) -> set[tuple[str, str, str]]:
    """(claim id, claim id, value) for each value two aligned claims of two articles both
    state: such values may agree whatever their measured words (see compare)."""
    found = set()
    for pair in pairs:
        if pair.a.article_id == pair.b.article_id:
            continue
        values = {f.value for f in pair.a.facts} & {f.value for f in pair.b.facts}
        for value in values:
            found.add((pair.a.id, pair.b.id, value))
            found.add((pair.b.id, pair.a.id, value))
    return found


def _aligned_within(
    members: Sequence[tuple[Claim, Fact]], alike: set[tuple[str, str, str]]
) -> Iterator[tuple[int, int]]:
    """Positions (i < j) in ``members`` of the values two aligned claims both state."""
    where: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, (claim, fact) in enumerate(members):
        where[(claim.id, fact.value)].append(position)
    for first, second, value in alike:
        for i in where.get((first, value), ()):
            for j in where.get((second, value), ()):
                if i < j:
                    yield i, j


def _blocked(
    members: Sequence[tuple[Claim, Fact]], limits: Limits, settings: Settings
) -> Iterator[tuple[int, int]]:
    """Pairs of values that share a telling value, a sense of their noun or verb, or (for a moment
    with no verb) the subject or a place of their claims: every pair the judgement could
    find to be one measure (see ``sameness.same_kind``)."""
    index: dict[str, list[int]] = defaultdict(list)
    for position, (claim, fact) in enumerate(members):
        keys = {f"value:{fact.value}"} if telling(fact, settings) else set()
        for word in (fact.measure.noun, fact.measure.event):
            if word:
                keys.update(family(word))
                kind = moment_of(word)
                if kind:  # "visit" and "leave for" are one trip (see sameness.event_relatedness)
                    keys.add(
                        "kind:trip" if kind in ("travel", "depart", "arrive") else f"kind:{kind}"
                    )
        if not fact.measure.event:
            keys.update(f"subject:{claim.subject}" for _ in (1,) if claim.subject)
            keys.update(f"place:{place}" for place in claim.places)
        for key in keys:
            index[key].append(position)
    texts = [_normalised(claim) for claim, _ in members]
    values = [fact.value for _, fact in members]
    count = len(members)
    seen: set[int] = set()  # (i, j) as i * count + j, as in candidate_pairs
    for positions in index.values():
        if len(positions) <= limits.max_postings:
            pairs: Iterable[tuple[int, int]] = combinations(positions, 2)
        else:
            limits.swept_keys += 1
            pairs = _swept(positions, texts, values)
        seen.update(i * count + j for i, j in pairs)
    return (divmod(k, count) for k in sorted(seen))


def _normalised(claim: Claim) -> str:
    return _normalised_text(claim.text)


@lru_cache(maxsize=1 << 16)
def _normalised_text(text: str) -> str:
    """Lower-case words and digits, one space between ("U.S.-led" -> "u s led"); cached,
    as blocking, scoring and value pairing each ask for every claim's."""
    return " ".join(_NOT_WORD.sub(" ", text).lower().split())


_NOT_WORD = re.compile(r"[\W_]+")
