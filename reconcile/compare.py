"""Aligned pairs -> findings: contradictions, updates and agreements.

The rule of the stage is *agree loosely, contradict strictly*.  For every two values
of one slot in an aligned pair, ``reconcile.sameness`` gives the probability that
they measure the same thing of the same referent.  Compatible values (hedges and
rounding allowed) agree when that probability passes the agreement threshold;
incompatible values contradict only when it passes the far higher contradiction
threshold, each side states one value for that measure, and nothing sets the two
claims apart (other years, other scenes).  A running figure (a count) that differs
between articles of different dates is an update, not an error.  Denials are
compared apart; findings that share a value or a measure chain across sources.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from reconcile.align import TELLING_NAMES, AlignedPair, ValuePair, shared_events
from reconcile.entities import same_actor, tokenize
from reconcile.facts import EARLIER_YEAR
from reconcile.lexicon import (
    EARLIER_WORDS,
    RELATIVE_DAYS,
    REPORTING_EVENTS,
    STOPWORDS,
    TITLES,
    event_of,
    stem,
)
from reconcile.model import (
    Article,
    Claim,
    Evidence,
    Fact,
    Finding,
    FindingKind,
    Hedge,
    Settings,
    Slot,
    article_rank,
)
from reconcile.places import lookup_place, place_for_key, places_compatible
from reconcile.sameness import (
    MOMENT_SLOTS,
    Vocabulary,
    bounds_apart,
    clause_wording,
    compatible,
    conflict_evidence,
    far_apart,
    feared,
    incidents_conflict,
    judge,
    named_figure,
    other_fates,
    places_conflict,
    running,
    stated,
    stated_apart,
)
from reconcile.sameness import family as slot_family
from reconcile.words import as_noun, gerund, lemma, plural, relatedness, verb_lemma
from reconcile.workers import forked_map

_CORROBORATE_ONLY = (Slot.YEAR, Slot.PLACE, Slot.DESIGNATION, Slot.FIRST)
"""Slots that only corroborate: two years, places, planes or records are a sign of two events."""


@dataclass(frozen=True, slots=True)
class _Link:
    """Two claims tied by a verdict; links with the same key chain into one finding."""

    kind: FindingKind
    key: tuple[object, ...]
    a: Claim
    fact_a: Fact | None
    b: Claim
    fact_b: Fact | None
    confidence: float


def compare_pairs(
    pairs: Sequence[AlignedPair],
    values: Sequence[ValuePair],
    articles: Sequence[Article],
    *,
    settings: Settings,
    vocabulary: Vocabulary,
    jobs: int = 1,
) -> list[Finding]:
    """Findings from aligned claims and paired values, each merged across every source.

    With ``jobs`` above one and many values, the values are judged in that many forked
    worker processes (see ``_value_verdicts``); the findings are the same either way.
    """
    dates = {a.id: a.date for a in articles}
    names = {a.id: a.name for a in articles}
    links: list[_Link] = []
    decided: set[frozenset[str]] = set()
    relations = _Relations(dates, pairs)
    for value, verdict in zip(
        values, _value_verdicts(values, relations, settings, vocabulary, jobs), strict=True
    ):
        if verdict is None:
            continue
        decided.add(frozenset((value.a.id, value.b.id)))
        a, fa, b, fb = value.a, value.fact_a, value.b, value.fact_b
        if verdict.swapped:
            a, fa, b, fb = b, fb, a, fa
        links.append(_Link(verdict.kind, verdict.key, a, fa, b, fb, verdict.confidence))
    same_events: list[AlignedPair] = []
    for pair in pairs:
        a, b = _ordered(pair.a, pair.b)
        found = _corroborate(a, b, pair, links, settings) or frozenset((a.id, b.id)) in decided
        links.extend(_fate_links(a, b, dates, settings))
        negation = _negation_conflict(a, b, pair, settings)
        if negation is not None and negation >= settings.min_confidence:
            key = (Slot.NEGATION, a.sentence_key, b.sentence_key)
            links.append(_Link(FindingKind.CONTRADICTION, key, a, None, b, None, negation))
        elif (
            not found
            and _same_event_strongly(a, b, pair, settings)
            and not relations.of(a, b)[1]  # two places, two years: two happenings
            and not _values_differ(a, b)
        ):
            same_events.append(pair)
    for pair in _mutual_best(same_events):
        # Keyed by the pair itself: "the same event" is not a value to chain on.
        a, b = _ordered(pair.a, pair.b)
        key = (Slot.EVENT, a.sentence_key, b.sentence_key)
        confidence = _alignment_confidence(pair, a, b)
        links.append(_Link(FindingKind.AGREEMENT, key, a, None, b, None, confidence))
    return [
        _finding(kind, key, members, confidence, dates, names)
        for kind, key, members, confidence in _chain(links)
    ]


RELATIONS_CACHED = 1 << 16
"""Claim pairs whose relation is kept for reuse at most (see ``_Relations``)."""


class _Relations:
    """What two claims share, computed once per claim pair however many values they hold.

    The cache starts afresh past ``RELATIONS_CACHED`` pairs: values of one claim pair come
    near each other, and a thousand articles make millions of pairs, most met only once.
    """

    def __init__(self, dates: dict[str, dt.date | None], pairs: Sequence[AlignedPair]) -> None:
        self.dates = dates
        self._cache: dict[tuple[str, str], tuple[float, bool]] = {}
        self._aligned = {frozenset((p.a.id, p.b.id)): p for p in pairs}

    def aligned(self, a: Claim, b: Claim) -> AlignedPair | None:
        """The two claims as alignment scored them, if it kept them."""
        return self._aligned.get(frozenset((a.id, b.id)))

    def of(self, a: Claim, b: Claim) -> tuple[float, bool]:
        """(wording similarity, whether anything sets the claims apart for a conflict)."""
        key = (a.id, b.id)
        found = self._cache.get(key)
        if found is None:
            apart = (
                places_conflict(a, b) or _years_apart(a, b, self.dates) or incidents_conflict(a, b)
            )
            if len(self._cache) >= RELATIONS_CACHED:
                self._cache.clear()
            found = self._cache[key] = (clause_wording(a, b), apart)
        return found


def _corroborate(
    a: Claim, b: Claim, pair: AlignedPair, links: list[_Link], settings: Settings
) -> bool:
    """Years, places, designations and firsts that agree: only ever corroboration."""
    found = False
    for fa in a.facts:
        if fa.slot not in _CORROBORATE_ONLY or fa.value == EARLIER_YEAR:
            continue
        for fb in b.facts:
            if (
                fb.slot is fa.slot
                and compatible(fa, fb)
                and _agreeable(fa.slot, a, b, pair, settings)
            ):
                key = (fa.slot, fa.value)
                confidence = _alignment_confidence(pair, a, b)
                links.append(_Link(FindingKind.AGREEMENT, key, a, fa, b, fb, confidence))
                found = True
    return found


@dataclass(frozen=True, slots=True)
class _Verdict:
    """What two values were found to be: small, so a worker process can send it back."""

    kind: FindingKind
    key: tuple[object, ...]
    swapped: bool
    """The value pair's b comes first in reading order (the link names it as a)."""
    confidence: float


PARALLEL_MIN_VALUES = 20_000
"""Below this many value pairs, forking workers to judge them costs more than it saves."""


def _value_verdicts(
    values: Sequence[ValuePair],
    relations: _Relations,
    settings: Settings,
    vocabulary: Vocabulary,
    jobs: int,
) -> list[_Verdict | None]:
    """A verdict (or None) per value pair, in order; in forked workers when it pays."""
    shared = (values, relations, settings, vocabulary)
    return forked_map(
        _verdicts_between, shared, len(values), jobs if len(values) >= PARALLEL_MIN_VALUES else 1
    )


def _verdicts_between(
    shared: tuple[Sequence[ValuePair], _Relations, Settings, Vocabulary], start: int, stop: int
) -> list[_Verdict | None]:
    values, relations, settings, vocabulary = shared
    return [_compare_values(v, relations, settings, vocabulary) for v in values[start:stop]]


def _compare_values(
    value: ValuePair,
    relations: _Relations,
    settings: Settings,
    vocabulary: Vocabulary,
) -> _Verdict | None:
    """Whether two values agree or contradict (or neither: None)."""
    a, fa, b, fb = value.a, value.fact_a, value.b, value.fact_b
    swapped = (b.article_id, b.start) < (a.article_id, a.start)
    if swapped:
        a, fa, b, fb = b, fb, a, fa
    dated_apart = relations.dates.get(a.article_id) != relations.dates.get(b.article_id)
    # A later page's smaller figure that the earlier one's allows ("31", then "more than
    # 30"; "about 75", then "around 74") is the count told rounded or hedged: a running
    # tally does not fall.
    agreeing = compatible(fa, fb) and (
        _falls(fa, fb, a, b, relations.dates) or not stated_apart(fa, fb, dated_apart=dated_apart)
    )
    # The cheap reasons to decide nothing come before the clauses are weighed.
    if agreeing and (a.article_id == b.article_id or other_fates(fa, fb) or bounds_apart(fa, fb)):
        return None  # an article repeating itself, two groups, two floors corroborate nothing
    if not agreeing and (
        fa.text.lower() == fb.text.lower()  # "Monday" a week apart: can't tell
        # "yesterday" counts from a page's date, often the date it was last updated: it
        # may corroborate a day, never contradict one
        or fa.text.lower() in RELATIVE_DAYS
        or fb.text.lower() in RELATIVE_DAYS
        or feared(fa, a, settings)  # "may have drowned 600": a fear
        or feared(fb, b, settings)
        or _ambiguous(fa, a, fb, settings)
        or _ambiguous(fb, b, fa, settings)
    ):
        return None
    kinds = None if agreeing else conflict_evidence(fa, fb, a, b, settings)
    if not agreeing and kinds is None:
        return None  # two kinds of thing: no conflict, whatever the rest of the evidence
    wording, apart = relations.of(a, b)
    if not agreeing and apart:
        return None  # two places or two years: two events
    judgement = judge(fa, fb, a, b, vocabulary, wording, settings, kinds)
    probability = judgement.probability
    if agreeing:
        agreement = judgement.agreement_probability
        aligned = relations.aligned(a, b)
        if (judgement.may_agree and agreement >= settings.agreement_threshold) or (
            not judgement.other_things and _aligned_alike(aligned, fa, fb, settings)
        ):
            if aligned is not None:
                agreement = max(agreement, _alignment_confidence(aligned, a, b))
            key = (fa.slot, fa.value)
            return _Verdict(FindingKind.AGREEMENT, key, swapped, round(agreement, 2))
        return None
    threshold = (
        settings.within_source_threshold
        if a.article_id == b.article_id
        else settings.contradiction_threshold
    )
    surely_same = (
        judgement.restated
        or judgement.same_subject
        or judgement.one_per_report
        or probability >= max(threshold, settings.min_confidence)
    )
    if not judgement.same_kind or not surely_same:
        return None
    # A running tally from articles of different dates was likely updated, not wrong.
    kind = _contradiction_kind(fa, fb, a, b, relations.dates)
    if far_apart(fa, fb, settings) and (
        kind is FindingKind.CONTRADICTION or _falls(fa, fb, a, b, relations.dates)
    ):
        return None  # a part and its whole; a running tally rises that far, never falls
    # Figures of two named days are two occasions, unless they are steps of one tally.
    on_other_days = fa.slot not in MOMENT_SLOTS and not running(fa) and _on_other_days(a, b)
    if kind is FindingKind.CONTRADICTION and on_other_days:
        return None
    # The steps of one running figure chain into one update, whatever their values
    # ("23 -> 42 -> 63"); a contradiction is one pair of values.
    key: tuple[object, ...] = (fa.slot, _measured(fa))
    if kind is FindingKind.CONTRADICTION:
        key += tuple(sorted({fa.value, fb.value}))
    confidence = probability
    if judgement.restated or judgement.same_subject or judgement.one_per_report:
        confidence = max(probability, settings.rule_confidence)
    return _Verdict(kind, key, swapped, round(confidence, 2))


def _aligned_alike(pair: AlignedPair | None, fa: Fact, fb: Fact, settings: Settings) -> bool:
    """The same value in two claims alignment found alike and sharing a name: "in July"
    in two sentences about the minister's last trip abroad.  A day or a time is
    only the same fact when the two sentences are about one subject: many things of one
    story happen on its Monday."""
    if pair is None or fa.value != fb.value:
        return False
    if pair.shared_entities == 0:
        return pair.wording >= settings.similar_wording and bool(shared_events(pair.a, pair.b))
    if fa.slot in MOMENT_SLOTS and pair.shared_entities < 2:
        return pair.score >= settings.agreement_min_score and _subjects_match(pair.a, pair.b)
    return pair.score >= settings.agreement_min_score


def _measured(fact: Fact) -> str:
    return fact.measure.noun or fact.measure.event


def _ambiguous(fact: Fact, claim: Claim, other: Fact, settings: Settings) -> bool:
    """The claim gives another value of this measure that the other source's value may be
    meant against, not this one: it is that value ("rose from 16 to 17" against "16").
    Two values of one clause that the other source's value matches nowhere still conflict
    with it."""
    siblings = [
        sibling
        for sibling in claim.facts
        if sibling is not fact
        and sibling.slot is fact.slot
        and sibling.measure.period == fact.measure.period  # "from 31 to 58": one is past
        and not _someone_elses_age(fact, sibling)
        and _one_thing(sibling.measure.noun, fact.measure.noun, settings)
        and _one_thing(sibling.measure.event, fact.measure.event, settings)
    ]
    return any(compatible(sibling, other) for sibling in siblings)


def _someone_elses_age(fact: Fact, other: Fact) -> bool:
    """An age given with its person's name ("Ana Ruiz, 41") is that person's: another age
    in the clause, of no one or of someone else ("the 67-year-old"), is not a second one."""
    return (
        fact.slot is Slot.AGE
        and bool(fact.measure.owner)
        and not fact.measure.owner.startswith("place:")
        and not (other.measure.owner and same_actor(other.measure.owner, fact.measure.owner))
    )


def _one_thing(a: str, b: str, settings: Settings) -> bool:
    return not a or not b or relatedness(a, b) >= settings.related_nouns


def _chain(
    links: Sequence[_Link],
) -> list[tuple[FindingKind, tuple[object, ...], list[tuple[Claim, Fact | None]], float]]:
    """Connected groups of claims per (kind, key): "189 people" said by four sources is one."""
    parent: dict[tuple[object, ...], tuple[object, ...]] = {}

    def root(node: tuple[object, ...]) -> tuple[object, ...]:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    members: dict[tuple[object, ...], tuple[Claim, Fact | None]] = {}
    for link in links:
        members.setdefault((link.kind, link.key, link.a.sentence_key), (link.a, link.fact_a))
        members.setdefault((link.kind, link.key, link.b.sentence_key), (link.b, link.fact_b))
    # Each group's exactly stated figures, one per value (a thousand sources of one figure
    # are one): where two agreeing links would chain "48" and "46" through "nearly 50", the
    # surer link (then the one of nearer figures) joins first and the other is left out.
    exact: dict[tuple[object, ...], dict[str, Fact]] = {
        node: {fact.value: fact} if fact is not None and _exact_figure(fact) else {}
        for node, (_, fact) in members.items()
    }
    for link in sorted(links, key=_link_order):
        node_a = (link.kind, link.key, link.a.sentence_key)
        node_b = (link.kind, link.key, link.b.sentence_key)
        root_a, root_b = root(node_a), root(node_b)
        if root_a == root_b:
            continue
        if link.kind is FindingKind.AGREEMENT and _figures_conflict(exact[root_a], exact[root_b]):
            continue  # two exact figures that differ are no one fact, however they chain
        top, other = min(root_a, root_b), max(root_a, root_b)  # type: ignore[type-var]
        parent[other] = top
        exact[top] |= exact.pop(other)
    confidence: dict[tuple[object, ...], float] = defaultdict(float)
    for link in links:
        top = root((link.kind, link.key, link.a.sentence_key))
        confidence[top] = max(confidence[top], link.confidence)
    groups: dict[tuple[object, ...], list[tuple[Claim, Fact | None]]] = defaultdict(list)
    for node, member in members.items():
        groups[root(node)].append(member)
    chained = []
    for top, group in groups.items():
        group.sort(key=lambda cf: (article_rank(cf[0].article_id), cf[0].start))
        kind, key = top[0], top[1]
        within_one_source = len({claim.article_id for claim, _ in group}) == 1
        if within_one_source and kind is FindingKind.AGREEMENT:
            continue  # an article repeating itself corroborates nothing
        chained.append((kind, key, group, round(confidence[top], 2)))  # type: ignore[arg-type]
    return chained


_EXACT_FIGURE_SLOTS = frozenset({Slot.COUNT, Slot.PERCENT, Slot.MONEY, Slot.AGE})
"""Slots whose unhedged figures are exact: two that differ cannot both be one agreed fact."""


def _link_order(link: _Link) -> tuple[float, float, str, str]:
    """Surest first, then nearest in figure ("nearly 40%" joins "39.5%" before "37%"), then
    by sentence, so that the groups do not depend on the order the links came in."""
    gap = 0.0
    if link.fact_a is not None and link.fact_b is not None:
        va, vb = named_figure(link.fact_a), named_figure(link.fact_b)
        if va is not None and vb is not None and max(abs(va), abs(vb)) > 0:
            gap = abs(va - vb) / max(abs(va), abs(vb))
    return (-link.confidence, gap, link.a.sentence_key, link.b.sentence_key)


def _exact_figure(fact: Fact) -> bool:
    return fact.slot in _EXACT_FIGURE_SLOTS and fact.hedge is Hedge.EXACT


def _figures_conflict(these: dict[str, Fact], those: dict[str, Fact]) -> bool:
    return any(
        a.value != b.value and not compatible(a, b) for a in these.values() for b in those.values()
    )


def _finding(
    kind: FindingKind,
    key: tuple[object, ...],
    members: list[tuple[Claim, Fact | None]],
    confidence: float,
    dates: dict[str, dt.date | None],
    names: dict[str, str],
) -> Finding:
    slot: Slot = key[0]  # type: ignore[assignment]
    sources = len({claim.article_id for claim, _ in members})
    facts = [fact for _, fact in members if fact is not None]
    values = _first_written(facts) if kind is FindingKind.AGREEMENT else ()
    if kind is FindingKind.AGREEMENT:
        if values and slot is Slot.DESIGNATION:
            # One name written fuller or shorter ("Airbus A320", "A320"): the reason names
            # the form written most often; the finding's values keep every form.
            reason = f"{sources} sources agree on {describe(facts[0])}: {_commonest(facts)}"
        elif values:
            # Compatible values chained ("303 seats", "over 300 seats"): name each, so
            # the reason does not call every member's figure the first one's.
            clusters = _value_clusters(members, names)
            reason = f"{sources} sources agree on {describe(facts[0])}: {clusters}"
        elif facts:
            reason = f"{sources} sources agree on {describe(facts[0])}: {facts[0].text}"
        else:
            reason = f"{sources} sources report the same thing in other words"
    elif slot is Slot.NEGATION:
        denier = next(claim for claim, _ in members if claim.negated)
        reason = f"{names[denier.article_id]} denies what another source states"
    elif kind is FindingKind.UPDATE:
        dated = sorted(
            (str(dates[claim.article_id]), stated(fact) or 0.0, names[claim.article_id], fact.text)
            for claim, fact in members
            if fact
        )
        steps = " -> ".join(f"{text} ({name}, {day})" for day, _, name, text in dated)
        newest = [name for day, _, name, _ in dated if day == dated[-1][0]]
        last = (
            f"{dated[-1][2]} is newest"
            if len(set(newest)) == 1
            else f"of the newest, {dated[-1][2]} gives the highest"
        )
        reason = f"{describe(facts[0])} changed: {steps}; {last}"
    else:
        within = len({claim.article_id for claim, _ in members}) == 1
        lead = "one source contradicts itself on" if within else "sources differ on"
        reason = f"{lead} {describe(facts[0])}: {_value_clusters(members, names)}"
    evidence = tuple(
        _evidence(claim, fact)
        if fact is not None or kind is FindingKind.AGREEMENT
        else Evidence(claim, "denies" if claim.negated else "states")
        for claim, fact in members
    )
    what = describe(facts[0]) if facts else ""
    return Finding(
        kind=kind,
        slot=slot,
        confidence=confidence,
        reason=reason,
        evidence=evidence,
        what=what,
        values=values,
    )


def _commonest(facts: list[Fact]) -> str:
    """The value ``facts`` state most often, as first written (ties: the shortest, then the
    first written)."""
    counts = Counter(fact.value for fact in facts)
    first: dict[str, str] = {}
    for fact in facts:
        first.setdefault(fact.value, fact.text)
    # min keeps the first of equals, and ``first`` is in the order values were written.
    value = min(first, key=lambda v: (-counts[v], len(first[v])))
    return first[value]


def _first_written(facts: list[Fact]) -> tuple[str, ...]:
    """Each value of ``facts`` as first written, if they state more than one, else ()."""
    first: dict[str, str] = {}
    for fact in facts:
        first.setdefault(fact.value, fact.text)
    return tuple(first.values()) if len(first) > 1 else ()


def merge_agreements(findings: Sequence[Finding]) -> list[Finding]:
    """Agreements on one set of sentences as one finding: "2 sources agree on the day:
    Friday; on the time: 07:15" rather than a finding a value.  The most confident
    one leads (its slot and values); the others add their reasons."""
    merged: list[Finding] = []
    on_sentences: dict[frozenset[str], list[Finding]] = {}
    for finding in findings:
        if finding.kind is FindingKind.AGREEMENT:
            key = frozenset(item.claim.sentence_key for item in finding.evidence)
            on_sentences.setdefault(key, []).append(finding)
        else:
            merged.append(finding)
    for group in on_sentences.values():
        lead, *others = sorted(group, key=lambda f: (-f.confidence, f.slot.value, f.reason))
        if others:
            reasons = "; ".join(_AGREE_PREFIX.sub("", f.reason) for f in others)
            lead = dataclasses.replace(
                lead, reason=f"{lead.reason}; {reasons}", merged=tuple(others)
            )
        merged.append(lead)
    return merged


_AGREE_PREFIX = re.compile(r"^\d+ sources (?=agree on |quote |state |report )(?:agree )?")


NAMED_SOURCES = 3
"""Sources named for one value before they are only counted ("Monday: 412 sources")."""


def _value_clusters(members: list[tuple[Claim, Fact | None]], names: dict[str, str]) -> str:
    """Each value with the sources that state it: "A says Monday; B says Tuesday", or, when
    many agree on each, "Monday: 412 sources; Tuesday: 37 sources"."""
    backers: dict[str, list[str]] = {}
    shown: dict[str, str] = {}  # one value written two ways ("6.20am", "6:20 a.m.") is one
    for claim, fact in members:
        if fact is not None:
            sources = backers.setdefault(shown.setdefault(fact.value, fact.text), [])
            if names[claim.article_id] not in sources:
                sources.append(names[claim.article_id])
    if all(len(sources) <= NAMED_SOURCES for sources in backers.values()):
        return "; ".join(
            f"{' and '.join(sources)} {'says' if len(sources) == 1 else 'say'} {value}"
            for value, sources in backers.items()
        )
    ranked = sorted(backers.items(), key=lambda item: -len(item[1]))
    return "; ".join(
        f"{value}: {len(sources)} source{'' if len(sources) == 1 else 's'}"
        for value, sources in ranked
    )


def describe(fact: Fact) -> str:
    """What a value measures, in words a reader expects: "the number of pacemakers".

    >>> from reconcile.model import Measure
    >>> describe(Fact(Slot.COUNT, "36", "36", 0, 2, measure=Measure(noun="pacemaker")))
    'the number of pacemakers'
    >>> describe(Fact(Slot.DAY, "monday", "Monday", 0, 6, measure=Measure(event="visit")))
    'the day of visiting'
    >>> describe(Fact(Slot.COUNT, "12", "12 badly", 0, 8, measure=Measure(noun="badly")))
    'the count'
    """
    noun, event = fact.measure.noun, fact.measure.event
    noun = (as_noun(noun) or "") if noun else ""  # "badly", "confirmed": the slot alone
    slot = fact.slot
    if slot is Slot.COUNT:
        if noun in _FIGURE_NOUNS:
            return f"the {noun}"
        if noun:
            return f"the number of {plural(noun)}"
        return _FATE_WORDS.get(event, "the count")
    if slot in (Slot.DAY, Slot.DATE, Slot.TIME, Slot.MONTH):
        what = {Slot.DAY: "day", Slot.DATE: "date", Slot.TIME: "time", Slot.MONTH: "month"}[slot]
        return f"the {what} of {_happening(event)}" if event else f"the {what}"
    if slot is Slot.DURATION:
        return f"how long the {noun} lasted" if noun and noun != "elapsed" else "the duration"
    if slot is Slot.AGE:
        return f"the age of the {noun}" if noun else "the age"
    if slot is Slot.FATE:
        return f"what befell {fact.measure.owner.title()}"
    label = {
        Slot.FIRST: "first for a country",
        Slot.DESIGNATION: "name and number",
        Slot.MONEY: "amount",
        Slot.PERCENT: "percentage",
        Slot.DISTANCE: "distance",
        Slot.SPEED: "speed",
        Slot.RANK: "rank",
        Slot.MINUTE: "minute",
        Slot.SCORE: "score",
    }.get(slot, slot.value)
    return (
        f"the {label} ({noun})"
        if noun and noun not in (label, "score", "minute")
        else f"the {label}"
    )


# Nouns that name a figure themselves: "the magnitude", not "the number of magnitudes".
_FIGURE_NOUNS = frozenset({"magnitude"})

_FATE_WORDS = {
    "die": "the death toll",
    "injure": "the number injured",
    "miss": "the number missing",
    "arrest": "the number arrested",
    "rescue": "the number rescued",
    "evacuate": "the number evacuated",
    "infect": "the number of cases",
}


def _happening(event: str) -> str:
    """An event lemma as words: "the ceremony", "leaving" ("the day of leaving")."""
    if verb_lemma(event) is None:
        return f"the {event}"
    return gerund(event)


def _contradiction_kind(
    fa: Fact, fb: Fact, a: Claim, b: Claim, dates: dict[str, dt.date | None]
) -> FindingKind:
    """A running figure from articles of different dates was likely updated, not wrong;
    so were two floors of one ("at least 36 dead", "at least 40 dead"), whatever the
    dates: each is the count so far, and a day's reports give several."""
    if not running(fa):
        return FindingKind.CONTRADICTION
    date_a, date_b = dates.get(a.article_id), dates.get(b.article_id)
    if date_a and date_b and date_a != date_b:
        return FindingKind.UPDATE
    if fa.hedge is Hedge.AT_LEAST and fb.hedge is Hedge.AT_LEAST:
        return FindingKind.UPDATE
    return FindingKind.CONTRADICTION


def _falls(fa: Fact, fb: Fact, a: Claim, b: Claim, dates: dict[str, dt.date | None]) -> bool:
    """The later article's figure is the smaller (undated: no)."""
    date_a, date_b = dates.get(a.article_id), dates.get(b.article_id)
    va, vb = stated(fa), stated(fb)
    if not (date_a and date_b) or date_a == date_b or va is None or vb is None:
        return False
    return vb < va if date_b > date_a else va < vb


def _mutual_best(pairs: Sequence[AlignedPair]) -> list[AlignedPair]:
    """Pairs in which each claim is the other's best match in the other's article.

    A story told around one meeting has many sentences about "the meeting";
    only the closest counterpart of each is a corroboration worth listing.
    """
    best: dict[tuple[str, str], float] = {}
    for pair in pairs:
        for mine, other in ((pair.a, pair.b), (pair.b, pair.a)):
            key = (mine.sentence_key, other.article_id)
            best[key] = max(best.get(key, 0.0), pair.score)
    return [
        p
        for p in pairs
        if p.score >= best[(p.a.sentence_key, p.b.article_id)]
        and p.score >= best[(p.b.sentence_key, p.a.article_id)]
    ]


def _agreeable(slot: Slot, a: Claim, b: Claim, pair: AlignedPair, settings: Settings) -> bool:
    """Enough in common that the same place, name or year is the same fact, not a coincidence."""
    if slot in TELLING_NAMES:  # a plane's model or a country's first is rarely a coincidence
        return pair.shared_entities > 0 or pair.wording >= settings.related_wording
    if pair.shared_entities == 0:
        return pair.wording >= settings.similar_wording and bool(shared_events(a, b))
    if slot is Slot.PLACE:
        # One shared town in a story set there proves little; two (a route), or a
        # named venue, do.
        towns = {f.value for f in a.facts_of(Slot.PLACE)} & {
            f.value for f in b.facts_of(Slot.PLACE)
        }
        venues = {v for v in towns if not v.startswith("place:")}
        if len(towns) >= 2:
            return True
        if pair.score < settings.agreement_min_score:
            return False
        return bool(venues) or (_subjects_match(a, b) and bool(shared_events(a, b)))
    return pair.score >= settings.agreement_min_score


def _years_apart(a: Claim, b: Claim, dates: dict[str, dt.date | None]) -> bool:
    """One claim is set in a year the other is not: "the 1998 flood killed 212 people".

    A year stated on one side only is background unless it is the other report's own year
    (unknown when the article is undated: then it is taken as background too).
    """
    years_a, years_b = a.years, b.years
    if years_a and years_b:
        return not years_a & years_b
    for years, other in ((years_a, b), (years_b, a)):
        published = dates.get(other.article_id)
        if years and (published is None or str(published.year) not in years):
            return True
    return False


def _on_other_days(a: Claim, b: Claim) -> bool:
    """Each claim names its day, and no day is the same: "12 were found on Friday" and "9
    were found on Sunday" count two occasions, so their figures are not one measure."""
    for slot in (Slot.DAY, Slot.DATE):
        days_a = {f.value for f in a.facts_of(slot)}
        days_b = {f.value for f in b.facts_of(slot)}
        if days_a and days_b and not days_a & days_b:
            return True
    return False


def _same_event_strongly(a: Claim, b: Claim, pair: AlignedPair, settings: Settings) -> bool:
    """Two sources report the same happening, though no typed value ties them.

    One topic (the subject, or a place opening the clause: "Kenya has asked…" and
    "Nairobi insists…"), and the same kind of (non-reporting) event among shared names;
    or one named subject in like words among three shared names.  Two sentences that
    share a speaker or a setting but not their topic ("the peso collapsed", "Macri won 32
    percent") report two things.
    """
    if a.negated != b.negated or a.article_id == b.article_id or not _one_topic(a, b):
        return False
    if len(_shared_predicate_words(a, b)) < settings.event_shared_words:
        return False  # names alone ("Ana Ruiz said…", "Ana Ruiz was named…") are no one event
    shared = pair.shared_entities
    if shared_events(a, b):
        return (shared >= 2 and pair.score >= settings.event_agreement_min_score) or (
            shared >= 1
            and pair.wording >= settings.event_one_name_wording
            and pair.score >= settings.event_one_name_score
        )
    return shared >= 3 and pair.wording >= settings.event_many_names_wording


def _values_differ(a: Claim, b: Claim) -> bool:
    """The two clauses state values of one slot, and none of one side's is compatible with
    any of the other's ("12 were found", "at least 40 were found"): whatever else they
    share, they do not state one fact."""
    slots = {f.slot for f in a.facts if slot_family(f.slot) or f.slot is Slot.FATE}
    slots &= {f.slot for f in b.facts}
    return any(
        not any(
            fa.value == fb.value or compatible(fa, fb)  # one weekday, whichever week
            for fa in a.facts_of(slot)
            for fb in b.facts_of(slot)
        )
        for slot in slots
    )


def _shared_predicate_words(a: Claim, b: Claim) -> frozenset[str]:
    """The content words both clauses use, by word family ("met" and "a meeting" are one),
    names (capitalised words) aside, and the kinds of event both name."""
    return frozenset(_predicate_words(a.text) & _predicate_words(b.text)) | set(shared_events(a, b))


@lru_cache(maxsize=1 << 16)
def _predicate_words(text: str) -> frozenset[str]:
    # Cached: a claim meets hundreds of aligned partners in a large story.
    return frozenset(
        verb_lemma(token.text) or lemma(token.text)
        for token in tokenize(text)
        if len(token.text) > 1
        and token.text.islower()
        and token.text not in STOPWORDS
        and not token.text[0].isdigit()
    )


def _one_topic(a: Claim, b: Claim) -> bool:
    topic_a, topic_b = _topic(a), _topic(b)
    if topic_a is None or topic_b is None:
        return False
    place_a, place_b = place_for_key(topic_a), place_for_key(topic_b)
    if place_a is not None and place_b is not None:
        return places_compatible(place_a, place_b)
    return same_actor(topic_a, topic_b)


_OPENING_WORDS = 3
"""Words at a clause's start searched for the place that is its topic."""


def _topic(claim: Claim) -> str | None:
    """What the clause is about: its subject, else a place named by its first words, or by
    the first words after an opening phrase ("In recent days, Kenya has…")."""
    if claim.subject is not None:
        return claim.subject
    text = claim.text
    openings = [text] + ([text.split(", ", 1)[1]] if ", " in text else [])
    for opening in openings:
        words = opening.split()[:_OPENING_WORDS]
        for size in range(len(words), 0, -1):
            place = lookup_place(" ".join(words[:size]).rstrip(",;:'’s"))
            if place is not None:
                return place.key
    return None


def _subjects_match(a: Claim, b: Claim) -> bool:
    if a.subject is None and b.subject is None:
        return bool(set(a.actors) & set(b.actors)) or bool(set(a.places) & set(b.places))
    if a.subject is None or b.subject is None:
        return False
    return same_actor(a.subject, b.subject)


def _alignment_confidence(pair: AlignedPair, a: Claim, b: Claim) -> float:
    confidence = 0.35 + 0.65 * pair.score
    if a.hedged or b.hedged:
        confidence -= 0.1
    return round(max(0.0, min(1.0, confidence)), 2)


# --- what befell a person -----------------------------------------------------------------------


def _fate_links(
    a: Claim, b: Claim, dates: dict[str, dt.date | None], settings: Settings
) -> list[_Link]:
    """One person said to be dead by one source and alive by another (see ``Slot.FATE``).

    The wounded may die of their wounds: alive on an earlier page and dead on a later one
    is an update, and a state told as past ("hours earlier she had been in a critical
    condition") is the story as it unfolded.
    """
    if a.article_id == b.article_id or a.negated or b.negated or a.hedged or b.hedged:
        return []
    links = []
    for fa in a.facts_of(Slot.FATE):
        for fb in b.facts_of(Slot.FATE):
            if fa.value == fb.value or not same_actor(fa.measure.owner, fb.measure.owner):
                continue
            alive = a if fa.value == "alive" else b
            if EARLIER_WORDS & {t.text.lower() for t in tokenize(alive.text)}:
                continue
            first, second = dates.get(a.article_id), dates.get(b.article_id)
            earlier = None
            if first is not None and second is not None and first != second:
                earlier = fa if first < second else fb
            if earlier is not None and earlier.value == "alive":
                key: tuple[object, ...] = (Slot.FATE, fa.measure.owner)
                kind = FindingKind.UPDATE
            else:
                key = (Slot.FATE, fa.measure.owner, "alive", "dead")
                kind = FindingKind.CONTRADICTION
            links.append(_Link(kind, key, a, fa, b, fb, settings.rule_confidence))
    return links


# --- denials ------------------------------------------------------------------------------------


def _negation_conflict(a: Claim, b: Claim, pair: AlignedPair, settings: Settings) -> float | None:
    """Confidence that one clause denies what the other states.

    Either the two clauses are worded alike once the negation is taken out, or the
    denied predicate ("did not *call Berg to congratulate her*") is all there in the
    other clause ("she said she had called Berg to congratulate her").
    """
    if a.negated == b.negated or pair.place_conflict or not _subjects_match(a, b):
        return None
    if a.article_id == b.article_id:
        return None
    denied, stated = (a, b) if a.negated else (b, a)
    words = _without_negation(stated.text).split()
    negation = _VERBAL_NEGATION.search(denied.text)
    if _IMPLIED_NEGATION & set(words) or (
        negation and _SUBORDINATE.search(denied.text, 0, negation.start())
    ):
        return None  # "so he won't turn" vs "to stop him turning": both deny the same
    same_wording = fuzz.ratio(_without_negation(denied.text), " ".join(words)) / 100
    if same_wording >= settings.negation_same_wording:
        return _alignment_confidence(pair, a, b)
    predicate = _denied_predicate(denied.text)
    if (
        len(predicate) >= settings.denied_predicate_words
        and bool(predicate)
        and predicate[0] in words
        and fuzz.token_set_ratio(" ".join(predicate), " ".join(words)) / 100
        >= settings.denied_predicate_covered
    ):
        return _alignment_confidence(pair, a, b)
    return None


_VERBAL_NEGATION = re.compile(r"\b(?:not|never)\b|n't\b", re.IGNORECASE)
# "adopted him so he won't turn": a negation after one of these is the purpose or
# condition of the clause, not what it denies.
_SUBORDINATE = re.compile(r"\b(?:so|because|unless|lest|if|which|who|whose|whether)\b", re.I)
_IMPLIED_NEGATION = frozenset(
    stem(w)
    for w in "stop stopped prevent prevented avoid avoided fail failed refuse refused".split()
)


def _denied_predicate(text: str) -> list[str]:
    """Stems of what a clause denies: the words after its "not" or "never", titles dropped.

    Empty when the denied verb is a reporting or helping verb ("did not say", "is not").
    """
    negation = _VERBAL_NEGATION.search(text)
    if negation is None:
        return []
    words = [w.strip(".,;:!?\"'“”’") for w in text[negation.end() :].lower().split()]
    words = [w for w in words if w and w not in TITLES]
    if not words or words[0] in STOPWORDS or event_of(words[0]) in REPORTING_EVENTS:
        return []
    return [stem(w) for w in words]


_NEGATION = re.compile(r"\b(?:not|never|no|did|does|do|n't)\b|n't\b", re.IGNORECASE)


def _without_negation(text: str) -> str:
    words = _NEGATION.sub(" ", text.lower()).split()
    return " ".join(stem(w.strip(".,;:!?\"'“”’")) for w in words)


# --- evidence -----------------------------------------------------------------------------------


def _evidence(claim: Claim, fact: Fact | None) -> Evidence:
    if fact is None:
        return Evidence(claim, claim.text)
    return Evidence(claim, fact.text, fact.start, fact.end)


def _ordered(a: Claim, b: Claim) -> tuple[Claim, Claim]:
    return (a, b) if (a.article_id, a.start) <= (b.article_id, b.start) else (b, a)
