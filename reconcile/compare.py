"""Aligned pairs -> findings: contradictions, updates, agreements, quote drift.

The rule of the stage is *agree loosely, contradict strictly*.  Two claims
contradict only when they are first judged to be about the same event —
a shared event class, the same subject, compatible places, no disjoint other
participants — and then state incompatible values for the same measure of
it, each side stating exactly one.  When unsure, the stage abstains.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from reconcile.align import (
    AlignedPair,
    shared_events,
    telling_number,
)
from reconcile.entities import same_actor
from reconcile.lexicon import (
    REPORTING_EVENTS,
    STOPWORDS,
    TITLES,
    event_of,
    loosely_same_thing_counted,
    same_thing_counted,
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
    Quote,
    Settings,
    Slot,
    article_rank,
)

_COMPARED_SLOTS = (
    Slot.DAY,
    Slot.DATE,
    Slot.MONTH,
    Slot.YEAR,
    Slot.TIME,
    Slot.DURATION,
    Slot.COUNT,
    Slot.PLACE,
    Slot.DESIGNATION,
    Slot.FIRST,
)
_CORROBORATE_ONLY = (Slot.YEAR, Slot.PLACE, Slot.DESIGNATION, Slot.FIRST)
"""Slots that only corroborate: two years, places, planes or records are a sign of two events."""
_RUNNING_FIGURES = (Slot.COUNT,)
"""Slots whose value can change as a story unfolds (tolls, counts): an update, not an error."""

AGREEMENT_MIN_SCORE = 0.55
"""Alignment score (see align.py) a pair needs before a shared value counts as agreement."""
CONTRADICTION_MIN_SCORE = 0.6
"""Alignment score a pair needs before it can be judged the same event."""
EVENT_AGREEMENT_MIN_SCORE = 0.7
"""Alignment score for "same event" agreements, which rest on no typed value."""
NEGATION_SAME_WORDING = 85
"""rapidfuzz ratio two clauses must reach, negation removed, to be one statement denied."""
DENIED_PREDICATE_WORDS = 3
"""A denied predicate shorter than this ("did not go") could be denied of anything."""
DENIED_PREDICATE_COVERED = 90
"""token_set_ratio with which the other clause must contain the denied predicate."""
SIMILAR_WORDING = 0.6
"""token_set_ratio above which two clauses say much the same in the same words."""
RELATED_WORDING = 0.45
"""token_set_ratio above which two clauses are at least on the same subject."""
QUOTE_DRIFT = 80
"""rapidfuzz ratio above which two wordings are one quotation, drifted."""
MIN_QUOTE_WORDS = 3
"""Shorter quotations match only when both name the same speaker."""
SHORT_QUOTE_WORDS = 5
"""Shorter quotations drift ("literally pancaked") only when both name the same speaker."""
MAX_QUOTE_POSTINGS = 200
"""A word pair shared by more quotations than this ("of the") is no evidence."""


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
    pairs: Sequence[AlignedPair], articles: Sequence[Article], *, settings: Settings
) -> list[Finding]:
    """Findings from aligned claim pairs, each merged across every source that joins it."""
    dates = {a.id: a.date for a in articles}
    names = {a.id: a.name for a in articles}
    links: list[_Link] = []
    same_events: list[AlignedPair] = []
    for pair in pairs:
        a, b = _ordered(pair.a, pair.b)
        found_slot = False
        # Decided once per pair: in which slots may these two claims contradict?
        conflicting = _slots_that_may_conflict(a, b, pair, dates)
        for slot in _COMPARED_SLOTS:
            may_conflict = slot in conflicting
            for kind, fa, fb, confidence in _compare_slot(
                slot, a, b, pair, may_conflict=may_conflict
            ):
                found_slot = True
                if kind is FindingKind.AGREEMENT:
                    links.append(_Link(kind, (slot, fa.value), a, fa, b, fb, confidence))
                elif confidence >= settings.min_confidence:
                    kind = _contradiction_kind(slot, a, b, dates)
                    # The steps of one running figure chain into one update, whatever their
                    # values ("23 -> 42 -> 63"); a contradiction is one pair of values.
                    key = (slot, fa.about)
                    if kind is FindingKind.CONTRADICTION:
                        key += tuple(sorted({fa.value, fb.value}))
                    links.append(_Link(kind, key, a, fa, b, fb, confidence))
        negation = _negation_conflict(a, b, pair)
        if negation is not None and negation >= settings.min_confidence:
            key = (Slot.NEGATION, a.sentence_key, b.sentence_key)
            links.append(_Link(FindingKind.CONTRADICTION, key, a, None, b, None, negation))
        elif not found_slot and _same_event_strongly(a, b, pair):
            same_events.append(pair)
    for pair in _mutual_best(same_events):
        # Keyed by the pair itself: "the same event" is not a value to chain on.
        a, b = _ordered(pair.a, pair.b)
        key = (Slot.EVENT, a.sentence_key, b.sentence_key)
        links.append(_Link(FindingKind.AGREEMENT, key, a, None, b, None, _confidence(pair, a, b)))
    return [
        _finding(kind, key, members, confidence, dates, names)
        for kind, key, members, confidence in _chain(links)
    ]


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
        node_a = (link.kind, link.key, link.a.sentence_key)
        node_b = (link.kind, link.key, link.b.sentence_key)
        members.setdefault(node_a, (link.a, link.fact_a))
        members.setdefault(node_b, (link.b, link.fact_b))
        root_a, root_b = root(node_a), root(node_b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)  # type: ignore[type-var]
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
        if len({claim.article_id for claim, _ in group}) >= 2:
            kind, key = top[0], top[1]
            chained.append((kind, key, group, round(confidence[top], 2)))  # type: ignore[arg-type]
    return chained


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
    if kind is FindingKind.AGREEMENT:
        if facts:
            reason = f"{sources} sources agree on {slot.value}: {facts[0].text}"
        else:
            events = "/".join(shared_events(members[0][0], members[-1][0]))
            reason = f"{sources} sources report the same event" + (f" ({events})" if events else "")
    elif slot is Slot.NEGATION:
        reason = "one source denies what the other states"
    else:
        label = slot.value
        if kind is FindingKind.UPDATE:
            dated = sorted(
                (str(dates[claim.article_id]), names[claim.article_id], fact.text)
                for claim, fact in members
                if fact
            )
            steps = " -> ".join(f"{text} ({name}, {day})" for day, name, text in dated)
            reason = f"{label} changed: {steps}; {dated[-1][1]} is newest"
        else:
            values = list(dict.fromkeys(fact.text for fact in facts))
            reason = f"{label} differs: {' vs '.join(values)}"
    evidence = tuple(
        _evidence(claim, fact)
        if fact is not None or kind is FindingKind.AGREEMENT
        else Evidence(claim, "denies" if claim.negated else "states")
        for claim, fact in members
    )
    return Finding(kind=kind, slot=slot, confidence=confidence, reason=reason, evidence=evidence)


def _contradiction_kind(
    slot: Slot, a: Claim, b: Claim, dates: dict[str, dt.date | None]
) -> FindingKind:
    """A running figure from articles of different dates was likely updated, not wrong."""
    date_a, date_b = dates.get(a.article_id), dates.get(b.article_id)
    if slot in _RUNNING_FIGURES and date_a and date_b and date_a != date_b:
        return FindingKind.UPDATE
    return FindingKind.CONTRADICTION


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


# --- slot by slot ---------------------------------------------------------------------------


def _compare_slot(
    slot: Slot, a: Claim, b: Claim, pair: AlignedPair, *, may_conflict: bool
) -> Iterable[tuple[FindingKind, Fact, Fact, float]]:
    facts_a = a.facts_of(slot)
    facts_b = b.facts_of(slot)
    if not facts_a or not facts_b or pair.place_conflict:
        return
    agreeing: set[Fact] = set()
    for fa in facts_a:
        for fb in facts_b:
            if (
                _loosely_same_measure(fa, fb)
                and _compatible(fa, fb)
                and _agreeable(slot, a, b, pair)
            ):
                agreeing.update((fa, fb))
                yield FindingKind.AGREEMENT, fa, fb, _confidence(pair, a, b)
    if slot in _CORROBORATE_ONLY or not may_conflict:
        return
    for fa in facts_a:
        for fb in facts_b:
            if (
                fa not in agreeing
                and fb not in agreeing
                and _strictly_same_measure(fa, fb)
                and _only_one(fa, facts_a)
                and _only_one(fb, facts_b)
                and not _compatible(fa, fb)
                and fa.text.lower() != fb.text.lower()  # "Monday" a week apart: can't tell
            ):
                yield FindingKind.CONTRADICTION, fa, fb, _confidence(pair, a, b)


def _only_one(fact: Fact, facts: Sequence[Fact]) -> bool:
    """The claim states one value for this measure: two days in one clause is ambiguous."""
    return sum(1 for f in facts if _strictly_same_measure(f, fact)) == 1


def _agreeable(slot: Slot, a: Claim, b: Claim, pair: AlignedPair) -> bool:
    """Enough in common that the same value is the same fact, not a coincidence."""
    if pair.shared_entities == 0:
        # No name in common: the same telling figure in like words, or near-identical
        # wording about the same kind of event.
        if pair.same_figure:
            return pair.wording >= RELATED_WORDING
        return pair.wording >= SIMILAR_WORDING and bool(shared_events(a, b))
    if slot is Slot.PLACE:
        # One shared town in a story set there proves little; two (a route), or a
        # named venue, do.
        towns = {f.value for f in a.facts_of(Slot.PLACE)} & {
            f.value for f in b.facts_of(Slot.PLACE)
        }
        venues = {v for v in towns if not v.startswith("place:")}
        if len(towns) >= 2:
            return True
        if pair.score < AGREEMENT_MIN_SCORE:
            return False
        return bool(venues) or (_subjects_match(a, b) and bool(shared_events(a, b)))
    # A shared name suffices even for a day: "Saturday" in two sentences that both
    # speak of one player dates one story, though one tells her loss and one her fine.
    return pair.score >= AGREEMENT_MIN_SCORE


def _same_event(a: Claim, b: Claim, pair: AlignedPair) -> bool:
    """Whether two claims report the same event (the gate before any contradiction)."""
    if pair.score < CONTRADICTION_MIN_SCORE or not shared_events(a, b) or pair.place_conflict:
        return False
    if not _subjects_match(a, b):
        return False
    # Met the mayor vs met the governor: two meetings.
    others_a = set(a.actors) - {a.subject}
    others_b = set(b.actors) - {b.subject}
    return not others_a or not others_b or any(same_actor(x, y) for x in others_a for y in others_b)


def _anchored(a: Claim, b: Claim, pair: AlignedPair) -> bool:
    """Both claims state the same exact figure for the same thing ("189 people").

    Two reports that agree on a specific count describe the same situation,
    so a second count of the same kind that differs is a real conflict.
    """
    if pair.wording < RELATED_WORDING or pair.place_conflict:
        return False
    return any(
        fa.slot in (Slot.COUNT, Slot.DURATION)
        and fa.hedge is Hedge.EXACT
        and fb.hedge is Hedge.EXACT
        and fa.value == fb.value
        and telling_number(fa.low or 0.0)
        and _strictly_same_measure(fa, fb)
        for fa in a.facts
        for fb in b.facts
    )


def _slots_that_may_conflict(
    a: Claim, b: Claim, pair: AlignedPair, dates: dict[str, dt.date | None]
) -> frozenset[Slot]:
    """All slots for one event; only the count for one running tally; none across years.

    Two tellings of a death toll may give two sizes, but the days they name are the days
    bodies were found, not a disputed date of the disaster.
    """
    if _years_apart(a, b, dates):
        return frozenset()
    if _same_event(a, b, pair) or _anchored(a, b, pair):
        return frozenset(_COMPARED_SLOTS)
    if _same_tally(a, b, pair):
        return frozenset({Slot.COUNT})
    return frozenset()


def _years_apart(a: Claim, b: Claim, dates: dict[str, dt.date | None]) -> bool:
    """One claim is set in a year the other is not: "the 2009 quake killed 309 people".

    A year stated on one side only is background unless it is the other report's own year
    (unknown when the article is undated: then it is taken as background too).
    """
    years_a = {f.value for f in a.facts_of(Slot.YEAR)}
    years_b = {f.value for f in b.facts_of(Slot.YEAR)}
    if years_a and years_b:
        return not years_a & years_b
    for years, other in ((years_a, b), (years_b, a)):
        published = dates.get(other.article_id)
        if years and (published is None or str(published.year) not in years):
            return True
    return False


def _same_tally(a: Claim, b: Claim, pair: AlignedPair) -> bool:
    """Both claims count one group of people in like words ("150 personnel at the scene").

    A count of rescuers, troops or the dead is a running figure of the story, so two
    different sizes for it, in clauses on the same subject, are a real conflict.
    """
    if a.actors and b.actors and not any(same_actor(x, y) for x in a.actors for y in b.actors):
        return False  # "last year's Tubbs Fire killed 22" is another disaster's toll
    return pair.wording >= RELATED_WORDING and not pair.place_conflict and pair.same_group


def _same_event_strongly(a: Claim, b: Claim, pair: AlignedPair) -> bool:
    """Two sources report the same happening, though no typed value ties them."""
    if a.negated != b.negated:
        return False
    shared = pair.shared_entities
    if shared_events(a, b):
        return (shared >= 2 and pair.score >= EVENT_AGREEMENT_MIN_SCORE) or (
            shared >= 1 and pair.wording >= 0.55 and pair.score >= 0.8
        )
    return shared >= 3 and pair.wording >= 0.5


def _subjects_match(a: Claim, b: Claim) -> bool:
    if a.subject is None and b.subject is None:
        return bool(set(a.actors) & set(b.actors)) or bool(set(a.places) & set(b.places))
    if a.subject is None or b.subject is None:
        return False
    return same_actor(a.subject, b.subject)


def _loosely_same_measure(fa: Fact, fb: Fact) -> bool:
    if fa.slot is not fb.slot or "report" in (fa.about, fb.about):
        return False  # "said on Sunday" dates the telling, not the event
    if fa.slot is Slot.COUNT:
        return loosely_same_thing_counted(fa.about, fb.about)
    if fa.slot is Slot.DURATION:
        return not fa.about or not fb.about or fa.about == fb.about
    return True


def _strictly_same_measure(fa: Fact, fb: Fact) -> bool:
    if fa.slot is not fb.slot or "report" in (fa.about, fb.about):
        return False
    if fa.slot is Slot.DAY:
        return _same_moment(fa.about, fb.about)
    if fa.slot is Slot.COUNT:
        return bool(fa.about) and same_thing_counted(fa.about, fb.about)
    if fa.slot in (Slot.DURATION, Slot.TIME):
        return bool(fa.about) and _nouns_meet(fa.about, fb.about)
    return True


_TRIP = frozenset({"travel", "depart", "arrive"})


def _same_moment(a: str, b: str) -> bool:
    """Whether two days date one thing: the same event, or one trip ("visit" ~ "leave for").

    A day whose event is unknown may date anything; leaving and arriving are two moments.
    """
    if not a or not b or a == b:
        return True
    return {a, b} <= _TRIP and {a, b} != {"depart", "arrive"}


def _nouns_meet(a: str, b: str) -> bool:
    return a == b or bool(set(a.split()) & set(b.split()))


def _compatible(fa: Fact, fb: Fact) -> bool:
    if fa.low is not None and fb.low is not None and fa.high is not None and fb.high is not None:
        return fa.low <= fb.high and fb.low <= fa.high
    if fa.slot is Slot.DESIGNATION:
        return same_actor(fa.value, fb.value)  # "Boeing 737" names a "Boeing 737 MAX 8" loosely
    if fa.slot is Slot.DATE:
        ya, ma_da = fa.value[:4], fa.value[5:]
        yb, mb_db = fb.value[:4], fb.value[5:]
        return ma_da == mb_db and (ya == yb or "????" in (ya, yb))
    return fa.value == fb.value


def _confidence(pair: AlignedPair, a: Claim, b: Claim) -> float:
    confidence = 0.35 + 0.65 * pair.score
    if a.hedged or b.hedged:
        confidence -= 0.1
    return round(max(0.0, min(1.0, confidence)), 2)


def _negation_conflict(a: Claim, b: Claim, pair: AlignedPair) -> float | None:
    """Confidence that one clause denies what the other states.

    Either the two clauses are worded alike once the negation is taken out, or the
    denied predicate ("did not *call Berg to congratulate her*") is all there in the
    other clause ("she said she had called Berg to congratulate her").
    """
    if a.negated == b.negated or pair.place_conflict or not _subjects_match(a, b):
        return None
    denied, stated = (a, b) if a.negated else (b, a)
    words = _without_negation(stated.text).split()
    negation = _VERBAL_NEGATION.search(denied.text)
    if _IMPLIED_NEGATION & set(words) or (
        negation and _SUBORDINATE.search(denied.text, 0, negation.start())
    ):
        return None  # "so he won't turn" vs "to stop him turning": both deny the same
    if fuzz.ratio(_without_negation(denied.text), " ".join(words)) >= NEGATION_SAME_WORDING:
        return _confidence(pair, a, b)
    predicate = _denied_predicate(denied.text)
    if (
        len(predicate) >= DENIED_PREDICATE_WORDS
        and predicate[0] in words
        and fuzz.token_set_ratio(" ".join(predicate), " ".join(words)) >= DENIED_PREDICATE_COVERED
    ):
        return _confidence(pair, a, b)
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


# --- agreements across sources -----------------------------------------------------------------


def _evidence(claim: Claim, fact: Fact | None) -> Evidence:
    if fact is None:
        return Evidence(claim, claim.text)
    return Evidence(claim, fact.text, fact.start, fact.end)


def _ordered(a: Claim, b: Claim) -> tuple[Claim, Claim]:
    return (a, b) if (a.article_id, a.start) <= (b.article_id, b.start) else (b, a)


# --- quotations --------------------------------------------------------------------------------


def compare_quotes(claims: Sequence[Claim]) -> list[Finding]:
    """The same quotation in several sources: agreement if word for word, else drift.

    Identical wordings are grouped first and each distinct wording is compared
    only with those sharing a word pair, so a quotation repeated by a thousand
    outlets costs one comparison, not half a million.
    """
    # A quotation spanning two clauses is listed once, under its first clause.
    unique: dict[tuple[str, int], tuple[Claim, Quote]] = {}
    for claim in claims:
        for quote in claim.quotes:
            unique.setdefault((claim.article_id, quote.start), (claim, quote))
    items = sorted(unique.values(), key=lambda cq: (article_rank(cq[0].article_id), cq[1].start))
    wordings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, (_, quote) in enumerate(items):
        words = tuple(_quote_words(quote.text))
        if words:
            wordings[words].append(index)
    texts = list(wordings)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    drift: dict[int, tuple[float, str]] = {}
    for i, j in _quote_candidates(texts):
        first, second = items[wordings[texts[i]][0]][1], items[wordings[texts[j]][0]][1]
        verdict = _quote_verdict(list(texts[i]), list(texts[j]), first, second)
        if verdict is None:
            continue
        kind, similarity, diff = verdict
        top_i, top_j = root(i), root(j)
        parent[max(top_i, top_j)] = min(top_i, top_j)
        if kind is FindingKind.QUOTE_DRIFT:
            drift.setdefault(min(top_i, top_j), (similarity, diff))
    components: dict[int, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        components[root(i)].extend(wordings[text])
    for i in list(drift):
        drift[root(i)] = drift.pop(i)
    findings = []
    for top, members in sorted(components.items()):
        members.sort()
        sources = {items[m][0].article_id for m in members}
        if len(sources) < 2:
            continue
        if top in drift:
            similarity, diff = drift[top]
            kind, confidence = FindingKind.QUOTE_DRIFT, round(similarity / 100, 2)
            reason = f"{len(sources)} sources quote it, worded differently: {diff}"
        else:
            kind, confidence = FindingKind.AGREEMENT, 1.0
            reason = f"{len(sources)} sources quote it word for word"
        findings.append(
            Finding(
                kind=kind,
                slot=Slot.QUOTE,
                confidence=confidence,
                reason=reason,
                evidence=tuple(
                    Evidence(items[m][0], items[m][1].text, items[m][1].start, items[m][1].end)
                    for m in members
                ),
            )
        )
    return findings


def _quote_candidates(texts: Sequence[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Pairs of distinct wordings that share a word pair (a single word for one-word quotes)."""
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, words in enumerate(texts):
        grams = {words[k : k + 2] for k in range(max(1, len(words) - 1))}
        for gram in grams:
            index[gram].append(i)
    pairs: set[tuple[int, int]] = set()
    for postings in index.values():
        if len(postings) > MAX_QUOTE_POSTINGS:
            continue  # "of the": shared by everything, evidence of nothing
        for a, b in itertools.combinations(postings, 2):
            pairs.add((a, b))
    return sorted(pairs)


def _quote_verdict(
    words_a: list[str], words_b: list[str], qa: Quote, qb: Quote
) -> tuple[FindingKind, float, str] | None:
    shorter = min(len(words_a), len(words_b))
    if shorter == 0:
        return None
    if qa.speaker and qb.speaker and not same_actor(qa.speaker, qb.speaker):
        return None
    if shorter < MIN_QUOTE_WORDS and not (qa.speaker and qb.speaker):
        return None
    text_a, text_b = " ".join(words_a), " ".join(words_b)
    if text_a == text_b or (
        shorter >= 2 and (f" {text_a} " in f" {text_b} " or f" {text_b} " in f" {text_a} ")
    ):
        return FindingKind.AGREEMENT, 100.0, ""
    if shorter < SHORT_QUOTE_WORDS and not (qa.speaker and qb.speaker):
        return None  # a short phrase in two mouths may be a coincidence; in one, a drift
    similarity = fuzz.ratio(text_a, text_b)
    partial = fuzz.partial_ratio(text_a, text_b)
    if similarity >= QUOTE_DRIFT or (partial >= 90 and similarity >= 60):
        return FindingKind.QUOTE_DRIFT, max(similarity, partial), _word_diff(words_a, words_b)
    return None


def _quote_words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("‘", "'")
    return re.findall(r"[\w']+", text)


def _word_diff(words_a: list[str], words_b: list[str]) -> str:
    """The first few word changes from one wording to the other, readable on one line.

    >>> _word_diff("we took one of them".split(), "we took one of those".split())
    "'them' -> 'those'"
    """
    changes = []
    matcher = difflib.SequenceMatcher(a=words_a, b=words_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = _clip(words_a[i1:i2]), _clip(words_b[j1:j2])
        if tag == "replace":
            changes.append(f"'{old}' -> '{new}'")
        elif tag == "delete":
            changes.append(f"'{old}' only in the first")
        elif tag == "insert":
            changes.append(f"'{new}' only in the second")
    return "; ".join(changes[:3]) or "punctuation only"


def _clip(words: list[str], most: int = 6) -> str:
    return " ".join(words[:most]) + (" …" if len(words) > most else "")
