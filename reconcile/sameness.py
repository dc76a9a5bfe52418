"""The one home for "the same": do two values measure the same thing of the same referent?

Every comparison the tool makes rests on this judgement.  "36 pacemakers" and "41
pacemakers" measure one thing (and so contradict); "five pacemakers formed a line"
and "41 pacemakers" do not (a part is not the whole); "Monday" and "Tuesday" date
one trip when one says "visit" and the other "leave for", and two events when one
dates a funeral and the other a crash.

The judgement weighs named evidence (``features``): how close the measured nouns
and their verbs are (one lemma, one word family), how many of the
words around the two values the sources share (weighted by how rare each word is
in the story), whether the clauses have the same subject or disjoint participants,
how alike the clauses are worded, and how the two values relate.  A logistic model
turns the evidence into a probability; its weights are fitted on the labelled pairs
of the tuned stories by ``make train`` (``scripts/train_judge.py``, model card in
``docs/judge.md``) and shipped in ``data/judge.json``.  Thresholds on the
probability live in ``Settings``.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib.resources import files

from rapidfuzz import fuzz

from reconcile.entities import same_actor, tokenize
from reconcile.lexicon import (
    HEDGE_WORDS,
    INSTANCE_WORDS,
    KIN_NOUNS,
    LIGHT_VERBS,
    REPORTING_EVENTS,
    ROUND_NOUNS,
    STOPWORDS,
    counted_groups,
    incident_families,
    moment_of,
)
from reconcile.measures import MINUTES_PER
from reconcile.model import Claim, Fact, Hedge, Settings, Slot
from reconcile.places import place_for_key, places_compatible
from reconcile.words import lemma, relatedness

MOMENT_SLOTS = frozenset({Slot.DAY, Slot.DATE, Slot.TIME, Slot.MONTH})
"""Slots that date or time an event: the same measure means the same event."""

QUANTITY_SLOTS = frozenset(
    {
        Slot.COUNT,
        Slot.MONEY,
        Slot.PERCENT,
        Slot.DISTANCE,
        Slot.SPEED,
        Slot.DURATION,
        Slot.AGE,
        Slot.RANK,
        Slot.MINUTE,
        Slot.SCORE,
    }
)
"""Slots that state how much: the same measure means the same noun of the same referent."""

UNKNOWN = 0.5
"""Relatedness assumed when one side names no noun or verb: neither evidence for nor against."""

FEATURES = (
    "noun",
    "event",
    "cross",
    "context",
    "subject",
    "disjoint_actors",
    "places",
    "same_owner",
    "other_owner",
    "wording",
    "equal",
    "overlap",
    "close",
    "telling",
    "hedged",
    "only_ones",
    "lead",
    "moment",
    "same_source",
)
"""The named evidence, in the order the model's weights are listed."""


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """How telling each word of the story is: shared rare words tie two values together."""

    weights: dict[str, float]
    measure_counts: dict[tuple[str, Slot, str, str], int]
    """(article, slot, unit, measured word) -> how many values of it the article states."""
    tallies: dict[tuple[str, str], float] = field(default_factory=dict)
    """(article, fate) -> the highest count of people who met it, said of no narrower group."""
    _contexts: dict[tuple[str, ...], tuple[frozenset[str], float]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """A value's context -> its words and their summed weight, filled as pairs ask."""

    def weight(self, word: str) -> float:
        return self.weights.get(word, 1.0)

    def context_weight(self, context: tuple[str, ...]) -> tuple[frozenset[str], float]:
        """The distinct words of a value's context and their summed weight.

        Cached: a value meets hundreds of others in a large story.
        """
        found = self._contexts.get(context)
        if found is None:
            words = frozenset(context)
            found = self._contexts[context] = (words, sum(self.weight(w) for w in words))
        return found

    def headline_tally(self, article_id: str, fact: Fact) -> bool:
        """The fact is its article's highest count of a fate said of no narrower group: the
        article's toll so far, not a part of it ("12 of them children") or an earlier step."""
        toll = self.tallies.get((article_id, fact.measure.event))
        return _toll_like(fact) and toll == stated(fact)

    def only_one_in_article(self, article_id: str, fact: Fact) -> bool:
        """The article states no other value of this slot for this noun or verb."""
        return self.measure_counts.get(_measure_key(article_id, fact), 0) <= 1


def story_vocabulary(claims: Sequence[Claim]) -> Vocabulary:
    """Inverse claim frequencies of content lemmas over the story's claims."""
    counts: Counter[str] = Counter()
    for claim in claims:
        counts.update(content_lemmas(claim.text))
    total = max(1, len(claims))
    weights = {word: math.log((1 + total) / (1 + n)) + 1.0 for word, n in counts.items()}
    measures: Counter[tuple[str, Slot, str, str]] = Counter()
    for claim in claims:
        measures.update({_measure_key(claim.article_id, f) for f in claim.facts if family(f.slot)})
    tallies: dict[tuple[str, str], float] = {}
    for claim in claims:
        if claim.years:
            continue  # "the 1998 flood killed 212": another event's toll, as like as not
        for fact in claim.facts:
            value = stated(fact)
            if _toll_like(fact) and value:
                key = (claim.article_id, fact.measure.event)
                tallies[key] = max(tallies.get(key, value), value)
    return Vocabulary(weights, dict(measures), tallies)


def _toll_like(fact: Fact) -> bool:
    """A running count said of no narrower group and of the story's own time: a candidate
    for its article's toll (``Vocabulary.headline_tally``)."""
    return running(fact) and not fact.measure.noun and not fact.measure.period


def _measure_key(article_id: str, fact: Fact) -> tuple[str, Slot, str, str]:
    return (article_id, fact.slot, fact.measure.unit, fact.measure.noun or fact.measure.event)


def content_lemmas(text: str) -> frozenset[str]:
    """Lemmas of a text's content words: no function words, numbers or one-letter words."""
    return frozenset(
        lemma(t.text)
        for t in tokenize(text)
        if len(t.text) > 1 and t.text.lower() not in STOPWORDS and not t.text[0].isdigit()
    )


@dataclass(frozen=True, slots=True)
class Model:
    """A logistic model over ``FEATURES``."""

    weights: dict[str, float]
    """Feature -> weight; "bias" holds the intercept."""

    def probability(self, features: dict[str, float]) -> float:
        weights = self.weights
        z = weights.get("bias", 0.0) + sum(weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


HAND_WEIGHTS = {
    "bias": -4.0, "noun": 2.5, "event": 1.0, "cross": 1.0, "context": 3.0, "subject": 0.8,
    "disjoint_actors": -1.5, "places": 0.5, "same_owner": 1.0, "other_owner": -1.5,
    "wording": 2.0, "close": 0.8, "telling": 0.5, "hedged": -0.5, "only_ones": 0.5,
    "lead": 0.5, "moment": 0.0, "same_source": -1.0,
}  # fmt: skip
"""Weights set by hand before any fitting; used when no fitted model is shipped."""


@cache
def load_model() -> Model:
    """The fitted model shipped in ``data/judge.json``, else the hand-set weights."""
    resource = files("reconcile").joinpath("data/judge.json")
    if resource.is_file():
        return Model(json.loads(resource.read_text(encoding="utf-8"))["weights"])
    return Model(HAND_WEIGHTS)


def family(slot: Slot) -> str | None:
    if slot in QUANTITY_SLOTS:
        return "quantity"
    if slot in MOMENT_SLOTS:
        return "moment"
    return None


def features(
    fa: Fact,
    fb: Fact,
    a: Claim,
    b: Claim,
    vocabulary: Vocabulary,
    wording: float,
    settings: Settings,
    kinds: dict[str, float] | None = None,
) -> dict[str, float]:
    """The named evidence that ``fa`` (of claim ``a``) and ``fb`` measure the same thing;
    ``kinds`` is their ``kind_evidence`` when the caller has it already."""
    ma, mb = fa.measure, fb.measure
    return {
        **(kinds if kinds is not None else kind_evidence(fa, fb, a, b)),
        "context": _context_overlap(ma.context, mb.context, vocabulary),
        "disjoint_actors": 1.0 if _disjoint_actors(a, b) else 0.0,
        **_owners(ma.owner, mb.owner, tally=running(fa) and running(fb)),
        "wording": wording,
        **_value_relation(fa, fb, settings),
        "hedged": 1.0 if a.hedged or b.hedged else 0.0,
        "only_ones": 1.0
        if vocabulary.only_one_in_article(a.article_id, fa)
        and vocabulary.only_one_in_article(b.article_id, fb)
        else 0.0,
        "lead": 1.0 if max(a.sentence.index, b.sentence.index) < settings.lead_sentences else 0.0,
        "moment": 1.0 if fa.slot in MOMENT_SLOTS else 0.0,
        "same_source": 1.0 if a.article_id == b.article_id else 0.0,
    }


def kind_evidence(fa: Fact, fb: Fact, a: Claim, b: Claim) -> dict[str, float]:
    """The part of ``features`` that ``same_kind`` reads: the measured words, the subjects
    and the places of the two clauses."""
    ma, mb = fa.measure, fb.measure
    return {
        "noun": _noun_relatedness(fa, fb),
        "event": event_relatedness(ma.event, mb.event),
        "cross": _cross_relatedness(ma.noun, ma.event, mb.noun, mb.event),
        "subject": _subject_agreement(a, b),
        "places": 1.0 if _share_a_place(a, b) else 0.0,
    }


def _noun_relatedness(fa: Fact, fb: Fact) -> float:
    return _noun_relatedness_of(fa.slot, fa.measure.noun, fb.measure.noun)


def _noun_relatedness_of(slot: Slot, na: str, nb: str) -> float:
    if slot is Slot.COUNT and na and nb and counted_groups(na) & counted_groups(nb):
        return 1.0  # "personnel" and "rescuers" count one group
    return _word_relatedness(na, nb)


def _word_relatedness(a: str, b: str) -> float:
    if not a or not b:
        return UNKNOWN
    return relatedness(a, b)


def _cross_relatedness(noun_a: str, event_a: str, noun_b: str, event_b: str) -> float:
    """One side's noun against the other's verb: "a 90-minute meeting" ~ "met for 90 minutes"."""
    return max(
        relatedness(noun_a, event_b) if noun_a and event_b else 0.0,
        relatedness(event_a, noun_b) if event_a and noun_b else 0.0,
    )


_TRIP = frozenset({"travel", "depart", "arrive"})


def event_relatedness(a: str, b: str) -> float:
    """How close two verbs are as events: the same kind of event ("visit", "leave for"
    are one trip), else their relatedness as words.  Leaving and arriving are two
    moments, whatever their words share.
    """
    if not a or not b:
        return UNKNOWN
    if a == b:
        return 1.0
    kind_a, kind_b = moment_of(a), moment_of(b)
    if kind_a and kind_b and REPORTING_EVENTS.isdisjoint({kind_a, kind_b}):
        if {kind_a, kind_b} == {"depart", "arrive"}:
            return 0.0
        if kind_a == kind_b or {kind_a, kind_b} <= _TRIP:
            return 0.9
    return relatedness(a, b)


def _context_overlap(a: tuple[str, ...], b: tuple[str, ...], vocabulary: Vocabulary) -> float:
    """Share of the rarer-weighted context the two values have in common (0-1)."""
    (set_a, total_a), (set_b, total_b) = vocabulary.context_weight(a), vocabulary.context_weight(b)
    if not set_a or not set_b:
        return 0.0
    shared = sum(vocabulary.weight(w) for w in set_a & set_b)
    smaller = min(total_a, total_b)
    return shared / smaller if smaller else 0.0


def _subject_agreement(a: Claim, b: Claim) -> float:
    """1 when the clauses have one subject, -1 when their subjects differ, 0 when unknown."""
    if a.subject is None or b.subject is None:
        return 0.0
    return 1.0 if same_actor(a.subject, b.subject) else -1.0


def _disjoint_actors(a: Claim, b: Claim) -> bool:
    """Both clauses name people or organisations and none of them is shared."""
    if not a.actors or not b.actors:
        return False
    return not any(same_actor(x, y) for x in a.actors for y in b.actors)


def _owners(a: str, b: str, *, tally: bool = False) -> dict[str, float]:
    """Whether the names nearest the two values are one (same_owner) or two (other_owner).

    Only places own a ``tally`` of the dead, injured, missing or arrested ("47 died in
    Ruritania"): the person or body named beside one is its source ("the agency said").
    """
    if not a or not b or (tally and not (a.startswith("place:") and b.startswith("place:"))):
        return {"same_owner": 0.0, "other_owner": 0.0}
    if a.startswith("place:") and b.startswith("place:"):
        pa, pb = place_for_key(a), place_for_key(b)
        same = bool(pa and pb and places_compatible(pa, pb))
    else:
        same = same_actor(a, b)
    return {"same_owner": 1.0 if same else 0.0, "other_owner": 0.0 if same else 1.0}


def _share_a_place(a: Claim, b: Claim) -> bool:
    for x in a.places:
        px = place_for_key(x)
        if px and any((py := place_for_key(y)) and places_compatible(px, py) for y in b.places):
            return True
    return False


_IN_UNITS = frozenset({Slot.DAY, Slot.DATE, Slot.TIME})
"""Slots whose values are near or far in days or minutes, not in ratios."""


def _near_within(slot: Slot, settings: Settings) -> float:
    """How many days (or, for clock times, minutes) apart two values are "close"."""
    return settings.close_minutes if slot is Slot.TIME else settings.close_days


def far_apart(fa: Fact, fb: Fact, settings: Settings) -> bool:
    """The two figures differ by more than ``settings.misreport_ratio`` (days and times
    aside)."""
    if fa.slot in _IN_UNITS:
        return False
    va, vb = stated(fa), stated(fb)
    if va is None or vb is None:
        return False
    return _ratio(va, vb) > settings.misreport_ratio


def _ratio(va: float, vb: float) -> float:
    """How many times the larger figure is the smaller (sign aside); infinite from zero."""
    small, large = sorted((abs(va), abs(vb)))
    return large / small if small > 0 else math.inf


def stated(fact: Fact) -> float | None:
    """The number a value states, hedges aside: "at least 43" -> 43, "up to 12" -> 12."""
    if fact.low is None or fact.high is None:
        return None
    if fact.hedge is Hedge.AT_LEAST:
        return fact.low
    if fact.hedge is Hedge.AT_MOST or fact.low == 0:
        return fact.high
    return (fact.low + fact.high) / 2


def _value_relation(fa: Fact, fb: Fact, settings: Settings) -> dict[str, float]:
    equal = fa.value == fb.value
    overlap = not equal and compatible(fa, fb)
    close = False
    va, vb = stated(fa), stated(fb)
    if fa.slot is Slot.DAY and (va is None or vb is None):
        close = not equal  # weekdays of an undated article: all within a few days
    elif not equal and not overlap and va is not None and vb is not None:
        if fa.slot in _IN_UNITS:  # days and times are near in days or minutes, not ratios
            close = abs(va - vb) <= _near_within(fa.slot, settings)
        else:
            close = _ratio(va, vb) <= settings.close_ratio
    return {
        "equal": 1.0 if equal else 0.0,
        "overlap": 1.0 if overlap else 0.0,
        "close": 1.0 if close else 0.0,
        "telling": 1.0 if (telling(fa, settings) and telling(fb, settings)) else 0.0,
    }


def telling(fact: Fact, settings: Settings) -> bool:
    """A value rare enough to tie two claims: "189", "$6.3bn", "5.5", "6:20", not "two"."""
    if fact.slot in (Slot.TIME, Slot.DATE, Slot.DESIGNATION, Slot.FIRST, Slot.SCORE):
        return True
    if fact.slot in (Slot.MONEY, Slot.PERCENT, Slot.SPEED, Slot.DISTANCE):
        return True
    if fact.low is None or fact.high is None:
        return False
    if fact.low != fact.high:
        return True
    return fact.low >= settings.telling_min or not float(fact.low).is_integer()


RUNNING_FATES = frozenset({"die", "injure", "miss", "arrest", "rescue", "evacuate", "infect"})
"""Counts that grow as a story unfolds: the dead, injured, missing, arrested, rescued and
evacuated, and an outbreak's cases."""


def bounds_apart(fa: Fact, fb: Fact) -> bool:
    """Two bounds of one kind at different figures ("at least 26" and "at least 31"):
    both may hold, but neither corroborates the other, and a reader sees two figures."""
    va, vb = stated(fa), stated(fb)
    return (
        fa.hedge is fb.hedge
        and fa.hedge in (Hedge.AT_LEAST, Hedge.AT_MOST)
        and va is not None
        and vb is not None
        and va != vb
    )


def stated_apart(fa: Fact, fb: Fact, *, dated_apart: bool) -> bool:
    """Two statements of one figure that differ, though as bounds they would intersect.

    News hedges a figure it counts: "at least 43 dead" is the count so far, so "at least
    24" and "at least 43" (or "at least 37" and, a day later, "39") state two figures, not
    two bounds.  Two floors of a tally (the dead, not "at least 32 foreigners" among them)
    differ when the smaller is a counted number, not a round one ("more than 600" and
    "over 640" are one rounded figure); a running tally differs between articles of
    different dates whenever its stated number does.
    """
    va, vb = stated(fa), stated(fb)
    if va is None or vb is None or va == vb or not (running(fa) and running(fb)):
        return False
    if dated_apart:
        return True
    return (
        not fa.measure.noun
        and not fb.measure.noun
        and fa.hedge is fb.hedge
        and fa.hedge in (Hedge.AT_LEAST, Hedge.AT_MOST)
        and not _round(min(va, vb))
    )


def _round(value: float) -> bool:
    """A number people round to: 600, 1,000, 2.5 million; not 43, 640 or 2,501."""
    if value <= 0 or not float(value).is_integer() or value < 10:
        return False
    magnitude = 10 ** math.floor(math.log10(value))
    return value % magnitude == 0 or (magnitude >= 100 and value % (magnitude / 2) == 0)


def other_fates(fa: Fact, fb: Fact) -> bool:
    """Two counts of people who met two different fates ("27 missing", "27 injured"):
    two groups, whatever their numbers."""
    ea, eb = fa.measure.event, fb.measure.event
    return ea != eb and ea in RUNNING_FATES and eb in RUNNING_FATES


def running(fact: Fact) -> bool:
    """A running tally of a story: "at least 24 dead" today may be "at least 43" tomorrow."""
    return fact.slot is Slot.COUNT and fact.measure.event in RUNNING_FATES


def feared(fact: Fact, claim: Claim, settings: Settings) -> bool:
    """A running tally told as a fear or a forecast: a hedge word ("may", "expected")
    within ``settings.hedge_reach`` words of the figure ("may have drowned 600", "600 are
    feared dead").  A hedge elsewhere in the clause is about something else ("41 died in
    a blaze the inmates apparently started")."""
    if not running(fact) or not claim.hedged:
        return False
    offset = claim.sentence.start
    text = claim.sentence.text
    # A fear told in a clause of its own before the figure is about something else:
    # "dozens are feared trapped after 40 died" states 40.
    own = _PREVIOUS_PREDICATE.split(text[claim.start - offset : fact.start - offset])[-1]
    before = tokenize(own)[-settings.hedge_reach :]
    # A forecast joined on after the figure is about what comes next, not the figure:
    # "reached 12, and officials think it will rise" states 12.
    rest = _NEXT_PREDICATE.split(text[fact.end - offset : claim.end - offset], maxsplit=1)[0]
    after = tokenize(rest)[: settings.hedge_reach]
    return any(t.text.lower() in HEDGE_WORDS for t in (*before, *after))


_NEXT_PREDICATE = re.compile(r",|\b(?:and|but)\b")
_PREVIOUS_PREDICATE = re.compile(
    r",|\b(?:and|but|after|before|since|when|while|because|although|though)\b", re.IGNORECASE
)


def compatible(fa: Fact, fb: Fact) -> bool:
    """Whether two values of one measure can both be true (hedges and rounding allowed).

    A figure is as precise as it is written: "24 percent" may be 24.01, "$6.3bn" may be
    $6.33bn.
    """
    if None not in (fa.low, fa.high, fb.low, fb.high):
        if fa.low <= fb.high and fb.low <= fa.high:  # type: ignore[operator]
            # Two rough figures ("about 3,000", "some 2,500") are each a true count rounded:
            # one must fall within the other's margin, not merely the margins touch.
            return not (fa.hedge in _ROUGH and fb.hedge in _ROUGH) or (
                _within(named_figure(fa), fb) or _within(named_figure(fb), fa)
            )
        if fa.slot is Slot.DURATION:
            return _equal_in_coarser_unit(fa, fb)
        return fa.slot in ROUNDED_SLOTS and _equal_when_rounded(fa, fb)
    if fa.slot is Slot.DESIGNATION:
        return same_actor(fa.value, fb.value)  # "Airbus A320" names an "Airbus A320neo" loosely
    if fa.slot is Slot.DATE:
        ya, ma_da = fa.value[:4], fa.value[5:]
        yb, mb_db = fb.value[:4], fb.value[5:]
        return ma_da == mb_db and (ya == yb or "????" in (ya, yb))
    return fa.value == fb.value


_ROUGH = frozenset({Hedge.APPROXIMATE, Hedge.NEARLY})


def named_figure(fact: Fact) -> float | None:
    """The figure a value names: "nearly 100" and "about 100" name 100, "at least 43" 43."""
    if fact.low is not None and fact.high is not None:
        if fact.hedge is Hedge.NEARLY:
            return fact.high
        if fact.hedge is Hedge.APPROXIMATE:
            return (fact.low + fact.high) / 2
    return stated(fact)


def _within(figure: float | None, fact: Fact) -> bool:
    return figure is not None and fact.low <= figure <= fact.high  # type: ignore[operator]


ROUNDED_SLOTS = frozenset({Slot.PERCENT, Slot.MONEY, Slot.DISTANCE, Slot.SPEED})
"""Slots whose figures are written rounded to a few digits (counts and days are exact)."""


def _equal_when_rounded(fa: Fact, fb: Fact) -> bool:
    """The more precise figure, rounded as the other is written, is the other: 24.01 ~ 24."""
    da, db = _decimals(fa.text), _decimals(fb.text)
    if da == db or fa.low != fa.high or fb.low != fb.high:
        return False
    coarse, fine = (fa, fb) if da < db else (fb, fa)
    digits = _significant(coarse)
    if digits is None or fine.low is None or coarse.low is None:
        return False
    step = 10 ** (math.floor(math.log10(abs(coarse.low))) - digits + 1) if coarse.low else 0
    return bool(step) and abs(fine.low - coarse.low) <= step / 2 + 1e-9


_TIME_UNIT = re.compile(rf"({'|'.join(MINUTES_PER)})s?\b", re.IGNORECASE)


def _equal_in_coarser_unit(fa: Fact, fb: Fact) -> bool:
    """A duration told in a coarser unit stands for what rounds to it in that unit: "a
    three-year term" may be 38 months, not 44; "about three years" is hedged already."""
    if fa.low != fa.high or fb.low != fb.high or fa.low is None or fb.low is None:
        return False
    step_a, step_b = _written_step(fa.text), _written_step(fb.text)
    if step_a is None or step_b is None or step_a == step_b:
        return False
    return abs(fa.low - fb.low) <= max(step_a, step_b) / 2


def _written_step(text: str) -> float | None:
    """Minutes in the finest unit a duration is written to: "two years and six months" a
    month, "1.5 hours" six minutes."""
    units = [MINUTES_PER[unit.lower()] for unit in _TIME_UNIT.findall(text)]
    if not units:
        return None
    return min(units) / 10 ** _decimals(text)


def _decimals(text: str) -> int:
    digits = re.search(r"\d+(?:[.,]\d+)*", text)
    if not digits or "." not in digits.group():
        return 0
    return len(digits.group().rsplit(".", 1)[1])


def _significant(fact: Fact) -> int | None:
    """Significant digits the figure is written with: "6.3bn" 2, "24" 2, "$1.86" 3."""
    digits = re.search(r"\d+(?:[.,]\d+)*", fact.text)
    if not digits:
        return None
    return len(digits.group().replace(",", "").replace(".", "").lstrip("0")) or 1


def _day_of_a_date(fact: Fact) -> bool:
    """A weekday read from a full date ("January 2"), not written as one."""
    return fact.slot is Slot.DAY and any(c.isdigit() for c in fact.text)


def comparable(fa: Fact, fb: Fact) -> bool:
    """Whether two values are of one slot and unit, neither dating a telling."""
    if family(fa.slot) is None or fa.slot is not fb.slot:
        return False
    if fa.measure.unit and fb.measure.unit and fa.measure.unit != fb.measure.unit:
        return False  # euros and dollars, or minutes and metres, are never one figure
    if fa.measure.period != fb.measure.period:
        return False  # this quarter's revenue is not last year's
    if _day_of_a_date(fa) and _day_of_a_date(fb):
        return False  # two dates are compared as dates
    return "report" not in (fa.measure.event, fb.measure.event)


def same_kind(slot: Slot, evidence: dict[str, float], least: float) -> bool:
    """The two values count or time the same kind of thing, by their nouns or verbs.

    A clock time or a day often has no noun and a vague verb ("the blast came at 8:30");
    then the same subject or a shared place stands in.
    """
    if evidence["cross"] >= least:
        return True
    if evidence["noun"] >= least or evidence["event"] >= least:
        return evidence["noun"] != 0.0 or slot in MOMENT_SLOTS
    unknown = UNKNOWN in (evidence["noun"], evidence["event"]) and evidence["event"] != 0.0
    if slot in MOMENT_SLOTS:
        return unknown and (evidence["subject"] > 0 or evidence["places"] > 0)
    return unknown and evidence["noun"] == UNKNOWN and evidence["event"] == UNKNOWN


def conflict_evidence(
    fa: Fact, fb: Fact, a: Claim, b: Claim, settings: Settings
) -> dict[str, float] | None:
    """The ``kind_evidence`` of two differing values that ``judge`` could find one measure
    (the same kind of thing, by the words and parties of their clauses), else None.

    Most value pairs of a large story fail this, and it costs a fraction of the full
    judgement; the caller hands the evidence on to ``judge`` rather than weigh the same
    words twice.
    """
    if not comparable(fa, fb):
        return None
    if _elapsed_since_what(fa) or _elapsed_since_what(fb):
        return None
    kinds = kind_evidence(fa, fb, a, b)
    return kinds if same_kind(fa.slot, kinds, settings.same_kind) else None


def _elapsed_since_what(fact: Fact) -> bool:
    """A span "after" or "later" with no verb of its own: what it runs to is unsaid
    ("home again a week later", "on Friday, four days after the fall")."""
    return fact.measure.noun == "elapsed" and not fact.measure.event


def worth_judging(fa: Fact, fb: Fact, settings: Settings) -> bool:
    """Whether ``judge`` could find the two values one measure, or the same telling value.

    Decided from the values and their measured words alone, before the costlier evidence
    of their clauses: ``same_kind`` given the best subject and places the clauses could
    have.  A pair this rejects could only agree as two equal values of claims alignment
    kept (``align.value_pairs`` adds those itself), so a thousand articles' millions of value pairs
    mostly stop here.
    """
    if not comparable(fa, fb):
        return False
    if fa.value == fb.value and telling(fa, settings) and telling(fb, settings):
        return True
    ma, mb = fa.measure, fb.measure
    return _kindred_words(fa.slot, ma.noun, ma.event, mb.noun, mb.event, settings.same_kind)


@lru_cache(maxsize=1 << 16)
def _kindred_words(
    slot: Slot, noun_a: str, event_a: str, noun_b: str, event_b: str, least: float
) -> bool:
    # Cached: a story's values are measured by a few hundred words, met in millions of pairs.
    words = {
        "noun": _noun_relatedness_of(slot, noun_a, noun_b),
        "event": event_relatedness(event_a, event_b),
        "cross": _cross_relatedness(noun_a, event_a, noun_b, event_b),
    }
    if max(words.values()) >= least:
        return True
    return same_kind(slot, words | {"subject": 1.0, "places": 1.0}, least)


@dataclass(frozen=True, slots=True)
class Judgement:
    """Whether two values measure the same thing, decided once per pair of values."""

    probability: float
    """The fitted model's probability that they measure the same thing of one referent."""
    same_kind: bool
    """Their nouns or verbs name the same kind of thing (see ``same_kind``)."""
    telling_equal: bool
    """They state the same telling value ("189", "$6.3bn"): a coincidence is unlikely."""
    restated: bool
    """The two clauses say the same words but for the values: one statement, two values."""
    same_subject: bool
    """One subject does the same kind of thing, with near values and no other party named:
    "Anna Berg will visit Nairobi on Friday" and "Berg is to leave for Kenya on Saturday"."""

    one_per_report: bool = False
    """Each is the one such value of its report: its toll of one fate (its highest count
    of the dead, say, said of no narrower group: "63 people died" and "the landslide
    killed 71"), its one day or time of one event ("the barge sank on Monday", "the
    barge sank on Tuesday"), or one named person's age ("Ana Ruiz, 41", "Ruiz, 40")."""

    near: bool = True
    """The figures as stated are near each other, whatever their hedges: "more than 1.5%"
    is compatible with "32%" but says nothing about it (see ``near_enough``)."""

    strong_kind: bool = True
    """Their nouns, verbs or a noun and a verb are one word family (not only both unknown)."""

    other_things: bool = False
    """Counts of things the clauses name with unrelated nouns ("two sets", "two points"):
    however alike the clauses, the same number counts two things."""

    @property
    def may_agree(self) -> bool:
        """Equal or near values may be one fact: the same telling value, or the same kind
        of thing said of both (two bare percentages of a story say nothing alike)."""
        return self.near and (self.telling_equal or self.strong_kind or self.same_subject)

    @property
    def agreement_probability(self) -> float:
        """The probability, for two values that agree, that they state one fact.

        The model is fitted on differing values, of which few measure one thing; equal
        values far more often do.  Bayes' rule moves its odds by the ratio of the two
        prior odds (``AGREEMENT_LOG_ODDS``).
        """
        p = min(max(self.probability, 1e-9), 1 - 1e-9)
        return 1 / (1 + math.exp(-(math.log(p / (1 - p)) + AGREEMENT_LOG_ODDS)))


AGREEMENT_LOG_ODDS = 2.85
"""log(prior odds that two equal values state one fact / prior odds that two differing
values do): about log(1.5 / 0.087), the share of differing values of the tuned stories'
candidate pairs that gold keys list as one fact (8 %) against a rough 60 % for equal ones."""

NOT_COMPARABLE = Judgement(0.0, False, False, False, False)


def judge(
    fa: Fact,
    fb: Fact,
    a: Claim,
    b: Claim,
    vocabulary: Vocabulary,
    wording: float,
    settings: Settings,
    kinds: dict[str, float] | None = None,
) -> Judgement:
    """How likely the two values measure the same thing of the same referent (``kinds``:
    their ``kind_evidence``, if the caller has it)."""
    if not comparable(fa, fb):
        return NOT_COMPARABLE
    evidence = features(fa, fb, a, b, vocabulary, wording, settings, kinds)
    if evidence["equal"] or evidence["overlap"]:
        # The model is fitted on differing figures; for agreeing ones it is asked how it
        # would judge them if they differed a little.
        evidence = evidence | {"equal": 0.0, "overlap": 0.0, "close": 1.0}
    probability = load_model().probability(evidence)
    # Two referents, whatever the model says: values the text gives to two different
    # people or places ("Ana Ruiz, 41" and "Li Wei, 38"; a day or a time has no owner of
    # its own); one clause said of two different parties, moments included ("Ana Ruiz
    # will speak on Monday" and "Li Wei will speak on Tuesday"); or a clause singling out
    # an instance the other does not ("the second round began at 3pm").
    restated = wording >= settings.restated and _restated(fa, fb, a, b, settings)
    parties_differ = bool(evidence["disjoint_actors"] or evidence["subject"] < 0)
    twins = parties_differ and _restated(fa, fb, a, b, settings, names_blanked=True)
    another_referent = (
        (evidence["other_owner"] and fa.slot not in MOMENT_SLOTS)
        or twins
        or _instances(a) != _instances(b)
    )
    kind = same_kind(fa.slot, evidence, settings.same_kind) and not another_referent
    strong_kind = max(evidence["noun"], evidence["event"], evidence["cross"]) >= settings.same_kind
    return Judgement(
        probability,
        kind,
        fa.value == fb.value and telling(fa, settings) and telling(fb, settings),
        restated and not twins,
        kind and _same_subject(evidence, settings, _light_verb_alone(fa, fb, evidence, settings)),
        near=near_enough(fa, fb, settings),
        strong_kind=strong_kind,
        other_things=fa.slot is Slot.COUNT
        and bool(fa.measure.noun and fb.measure.noun)
        and not strong_kind,
        one_per_report=kind
        and (
            _one_tally(fa, fb, a, b, vocabulary, evidence)
            or _one_moment(fa, fb, evidence)
            or _one_age(fa, fb, evidence)
            or _one_span(fa, fb, evidence)
        ),
    )


def _one_moment(fa: Fact, fb: Fact, evidence: dict[str, float]) -> bool:
    """Each report's one day or time of one event named by one verb, said of no two
    parties (``Judgement.one_per_report``; evidence as ``features`` names it).  A light
    verb ("began", "took") names one event only when said of one subject."""
    return (
        fa.slot in MOMENT_SLOTS
        and bool(fa.measure.event)
        and fa.measure.event == fb.measure.event
        and bool(evidence["only_ones"])
        and evidence["subject"] >= (1 if fa.measure.event in LIGHT_VERBS else 0)
        and not evidence["disjoint_actors"]
        and not evidence["same_source"]
    )


def _one_span(fa: Fact, fb: Fact, evidence: dict[str, float]) -> bool:
    """Each report's one length of one named thing (``Judgement.one_per_report``): "a
    three-day festival" and "the four-day festival"."""
    ma, mb = fa.measure, fb.measure
    named = (ma.noun and ma.noun == mb.noun) or (
        ma.event and ma.event == mb.event and ma.event not in LIGHT_VERBS  # "was given two years"
    )
    return (
        fa.slot is Slot.DURATION
        and bool(named)
        and bool(evidence["only_ones"])
        and bool(evidence["close"])
        and evidence["subject"] >= 0
        and not evidence["disjoint_actors"]
        and not evidence["other_owner"]
        and not evidence["same_source"]
    )


def _one_age(fa: Fact, fb: Fact, evidence: dict[str, float]) -> bool:
    """One named person's age, told by two reports (``Judgement.one_per_report``): a person
    has one age at a time ("Ana Ruiz, 41," and "Ruiz, 40,")."""
    return (
        fa.slot is Slot.AGE
        and bool(evidence["same_owner"])
        and not fa.measure.owner.startswith("place:")  # a place has no age: two of its people
        and not {fa.measure.noun, fb.measure.noun} & KIN_NOUNS  # "Ana Ruiz's 18-year-old son"
        and not evidence["disjoint_actors"]
        and not evidence["same_source"]
    )


def _one_tally(
    fa: Fact, fb: Fact, a: Claim, b: Claim, vocabulary: Vocabulary, evidence: dict[str, float]
) -> bool:
    """Each report's toll of one fate (``Judgement.one_per_report``)."""
    return (
        fa.measure.event == fb.measure.event
        and vocabulary.headline_tally(a.article_id, fa)
        and vocabulary.headline_tally(b.article_id, fb)
        and not evidence["same_source"]
    )


def near_enough(fa: Fact, fb: Fact, settings: Settings) -> bool:
    """Whether two compatible figures are near enough, as stated, to corroborate each other."""
    va, vb = stated(fa), stated(fb)
    if va is None or vb is None:
        return True
    if fa.slot in _IN_UNITS:
        # Days, times and named values agree by being compatible: an exact time spans
        # only its rounding ("11pm" may be 10.58pm; see facts.CLOCK_MARGIN).
        return True
    return va == vb or _ratio(va, vb) <= settings.agreement_ratio


def _light_verb_alone(fa: Fact, fb: Fact, evidence: dict[str, float], settings: Settings) -> bool:
    """The two values share only a light verb ("was given five years of X", "gave her four
    years in Y") while a noun says what one of them measures: the verb names no event."""
    return (
        fa.measure.event in LIGHT_VERBS
        and fa.measure.event == fb.measure.event
        and bool(fa.measure.noun or fb.measure.noun)
        and max(evidence["noun"], evidence["cross"]) < settings.same_event
    )


def _same_subject(evidence: dict[str, float], settings: Settings, light_verb_alone: bool) -> bool:
    """The rule behind ``Judgement.same_subject`` (evidence as ``features`` names it)."""
    return (
        not light_verb_alone
        and evidence["subject"] > 0
        and max(evidence["noun"], evidence["event"], evidence["cross"]) >= settings.same_event
        and bool(evidence["close"] or evidence["equal"] or evidence["overlap"])
        and not (evidence["other_owner"] and not evidence["moment"])  # a day has no owner
        and not evidence["disjoint_actors"]
        and not evidence["same_source"]
    )


def _instances(claim: Claim) -> frozenset[str]:
    """The words of the clause that single out one instance of a recurring thing: the
    instance words, and "first" before a step of a contest ("won the first leg"; a
    hyphened "first-leg lead" is said of what came after it)."""
    return _instances_in(claim.text)


@lru_cache(maxsize=1 << 16)
def _instances_in(text: str) -> frozenset[str]:
    # Cached: judge asks for a clause's instances once per value pair it is in.
    found = {w for w in _normalised(text).split() if w in INSTANCE_WORDS}
    if any(m.group(1).lower() in ROUND_NOUNS for m in _FIRST_STEP.finditer(text)):
        found.add("first")
    return frozenset(found)


_FIRST_STEP = re.compile(r"\bfirst\s+([a-z]+)", re.IGNORECASE)


def _restated(
    fa: Fact, fb: Fact, a: Claim, b: Claim, settings: Settings, *, names_blanked: bool = False
) -> bool:
    """The clauses are one wording but for the two values (and, if ``names_blanked``,
    but for the names of the parties they speak of)."""
    rest_a = _normalised(_blanked(a, fa))
    rest_b = _normalised(_blanked(b, fb))
    if names_blanked:
        names = {w for actor in (*a.actors, *b.actors) for w in actor.split()}
        rest_a = " ".join(w for w in rest_a.split() if w not in names)
        rest_b = " ".join(w for w in rest_b.split() if w not in names)
    # Below the cut-off rapidfuzz stops early and says 0, which fails the test as the
    # exact ratio would (the cut-off sits a hair under it, so float rounding cannot
    # let a pair through that the plain test refuses).
    cutoff = settings.restated * 100 - 1e-6
    return fuzz.ratio(rest_a, rest_b, score_cutoff=cutoff) / 100 >= settings.restated


def _blanked(claim: Claim, fact: Fact) -> str:
    start, end = fact.start - claim.start, fact.end - claim.start
    text = claim.text
    return text[:start] + " " + text[end:]


def places_conflict(a: Claim, b: Claim) -> bool:
    """Both claims name places and none of them is compatible: different scenes."""
    if not a.places or not b.places:
        return False
    for x in a.places:
        px = place_for_key(x)
        if px and any((py := place_for_key(y)) and places_compatible(px, py) for y in b.places):
            return False
    return True


def incidents_conflict(a: Claim, b: Claim) -> bool:
    """Both claims name a kind of incident and no kind is shared: "the typhoon struck on
    Monday" and "the quake struck on Saturday" date two happenings."""
    families_a = _incidents(a.text)
    if not families_a:
        return False
    families_b = _incidents(b.text)
    return bool(families_b) and not families_a & families_b


@lru_cache(maxsize=1 << 16)
def _incidents(text: str) -> frozenset[str]:
    # Words in lower case only: "the Fire Service said" names a body, not a fire.
    return incident_families(frozenset(lemma(t.text) for t in tokenize(text) if t.text.islower()))


def clause_wording(a: Claim, b: Claim) -> float:
    """rapidfuzz token_set_ratio of the two clauses, 0-1."""
    return fuzz.token_set_ratio(_normalised(a.text), _normalised(b.text)) / 100


@lru_cache(maxsize=1 << 17)
def _normalised(text: str) -> str:
    # Cached: compare asks for the same clause's words once per value pair it is in,
    # millions of times in a story of a thousand articles.
    return " ".join("".join(ch.lower() if ch.isalnum() else " " for ch in text).split())
