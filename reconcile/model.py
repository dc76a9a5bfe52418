"""Plain records passed from stage to stage.

Every stage takes and returns these frozen dataclasses, so each stage can be
tested with a literal input and a literal expected output.  Offsets are
character offsets into ``Article.text``; line and column are computed from
them only when a finding is reported.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import os
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from reconcile.normalise import SourceMap, normalise_text

SOURCE_ID_DIGITS = 4
"""Hex digits of a source id; more only where two paths of one report would share them."""
FINDING_ID_DIGITS = 8


class Slot(StrEnum):
    """The kinds of fact a claim can carry, compared slot by slot."""

    DAY = "day"
    DATE = "date"
    MONTH = "month"
    YEAR = "year"
    TIME = "time"
    DURATION = "duration"
    COUNT = "count"
    """How many of something: "189 people", "36 pacemakers", "the death toll rose to 247"."""
    AGE = "age"
    MONEY = "money"
    PERCENT = "percent"
    DISTANCE = "distance"
    """A length or distance, in metres whatever unit it was written in."""
    SPEED = "speed"
    RANK = "rank"
    """A place in an order: "the second-largest city", "the fourth biggest"."""
    MINUTE = "minute"
    """A minute of a match: "in the 61st minute", "a 55th-minute header"."""
    SCORE = "score"
    """A result or tally: "won 2-0", "a 3-2 vote"."""
    PLACE = "place"
    DESIGNATION = "designation"
    """A name with a number: "Boeing 737 MAX 8", "Flight JT 610"."""
    FIRST = "first"
    """A first for a country: "Japan's first champion", "the first Kenyan to…"."""
    FATE = "fate"
    """What befell a named person, dead or alive: "Ana Ruiz was killed", "Ruiz, 40, was
    wounded", "Ruiz survived"."""
    QUOTE = "quote"
    NEGATION = "negation"
    EVENT = "event"


class Hedge(StrEnum):
    """How exactly a number is stated; decides which values still agree."""

    EXACT = "exact"
    APPROXIMATE = "approximate"  # "about", "some", "around"
    NEARLY = "nearly"  # "nearly", "almost", "just under": a little below
    AT_LEAST = "at_least"  # "more than", "at least", "over"
    AT_MOST = "at_most"  # "up to", "less than", "under"


class FindingKind(StrEnum):
    CONTRADICTION = "contradiction"
    UPDATE = "update"
    AGREEMENT = "agreement"
    QUOTE_DRIFT = "quote_drift"
    SINGLE_SOURCE = "single_source"


@dataclass(frozen=True, slots=True)
class Article:
    """One readable input document, decoded and (for HTML) reduced to its text."""

    id: str
    """Position id (``a1``, ``a2``…) in sorted path order, used inside the pipeline.

    Reports show ``Report.source_ids()`` instead: made from the path alone, they do
    not change when another file is added."""
    path: str
    """The path as the user gave it (or ``-`` for standard input)."""
    name: str
    """Human name of the source: ``Source:`` line, HTML site name, else file name."""
    text: str
    """Text every offset refers to: the decoded text (for HTML: the extracted main text) in
    Unicode NFC without invisible characters (see ``reconcile.normalise``)."""
    date: dt.date | None = None
    """Publication date, if the article or ``--date`` gives one."""
    body_start: int = 0
    """Offset where the story starts (after ``Source:``/``Date:`` header lines)."""
    not_prose: tuple[Span, ...] = ()
    """Parts of ``text`` that are not prose and hold no claim (Markdown code blocks)."""
    line_starts: tuple[int, ...] = field(default=(), compare=False, repr=False)
    """Offsets in the decoded text (before normalising) where its lines start."""
    source_map: SourceMap = field(default_factory=SourceMap, compare=False, repr=False)
    """From offsets of ``text`` back to the decoded text, for lines and columns."""

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the decoded file of a character offset in ``text``."""
        source = self.source_map.to_source(offset)
        starts = self.line_starts or _line_starts(self.text)
        index = bisect.bisect_right(starts, source) - 1
        return index + 1, source - starts[index] + 1


def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return tuple(starts)


def make_article(
    *,
    id: str,
    path: str,
    name: str,
    text: str,
    date: dt.date | None = None,
    body_start: int = 0,
    not_prose: tuple[Span, ...] = (),
) -> Article:
    """Build an Article from its decoded ``text``; ``body_start`` and ``not_prose`` are
    offsets in that text.

    The text is normalised (NFC, invisible characters removed) so that one word has one
    spelling whoever typed it; the lines and columns the article reports stay those of
    ``text`` as given.  The name is normalised likewise.
    """
    normal, source_map = normalise_text(text)
    return Article(
        id=id,
        path=path,
        name=normalise_text(name)[0],
        text=normal,
        date=date,
        body_start=source_map.from_source(body_start),
        not_prose=tuple(
            Span(source_map.from_source(s.start), source_map.from_source(s.end)) for s in not_prose
        ),
        line_starts=_line_starts(text),
        source_map=source_map,
    )


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be read as an article, and why."""

    path: str
    reason: str
    warn: bool = True
    """False for files passed over by design (hidden, not an article type): listed only with -v."""


@dataclass(frozen=True, slots=True)
class InputWarning:
    """Something wrong with an input that was read all the same."""

    path: str
    message: str
    """What was wrong and what was done ("the Date: header … is not a date; ignored")."""


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of an article's text."""

    start: int
    end: int
    cut_off: bool = False
    """The text stops mid-sentence here: an excerpt cut at a length limit."""


@dataclass(frozen=True, slots=True)
class Sentence:
    article_id: str
    index: int
    """Position of the sentence within its article (0-based)."""
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    """The words inside the quotation marks, marks stripped."""
    start: int
    end: int
    speaker: str | None
    """Canonical key of the person the sentence says spoke, if it says."""


@dataclass(frozen=True, slots=True)
class Measure:
    """What a value measures, and of what: the one record every later stage reads.

    "36 pacemakers" measures the count (the slot) of ``noun`` "pacemaker"; "killed 12
    people" the count of people whose ``event`` is "kill"; "landed at 4:17" the time
    whose event is "land"; "$6.3bn in revenue" the money whose ``noun`` is "revenue".
    ``context`` holds the lemmas of the words around the value, so two values can be
    told to measure the same thing though their nouns differ.
    """

    unit: str = ""
    """Normalised unit of the value: "usd", "m", "km/h", "%", "min"; "" for plain counts."""
    noun: str = ""
    """Lemma of the thing counted or measured ("pacemaker", "revenue", "wind"), or ""."""
    event: str = ""
    """Lemma of the verb the value belongs to ("kill", "land", "arrest"), or "" if none.
    "report" marks a day or figure of the telling ("said on Monday"), not of the event."""
    context: tuple[str, ...] = ()
    """Lemmas of the content words near the value in its clause, nearest first."""
    period: str = ""
    """"earlier" when words right by the value set it in another period ("$6.8bn in the
    same quarter last year", "a year earlier"), "added" for an increase ("12 new cases"),
    "others" for the rest of a group beside someone named ("along with 14 others"), else
    "": such a value is never compared with the story's own figure."""
    owner: str = ""
    """Key of the name nearest the value in its clause (a person, organisation, place or
    designation): whose figure it is ("the BJP's 303 seats"), or "" if none is near."""


@dataclass(frozen=True, slots=True)
class Fact:
    """One typed value found in a claim, with where it was written."""

    slot: Slot
    value: str
    """Normalised value used for comparison ("monday", "120", "nairobi")."""
    text: str
    """The words as written ("Monday", "about two hours")."""
    start: int
    end: int
    hedge: Hedge = Hedge.EXACT
    low: float | None = None
    high: float | None = None
    """Numeric bounds (minutes for durations, units for counts) after hedging."""
    measure: Measure = Measure()
    """What the value measures (see ``Measure``)."""


@dataclass(frozen=True, slots=True)
class Claim:
    """A clause of a sentence and the facts read from it."""

    id: str
    article_id: str
    sentence: Sentence
    start: int
    end: int
    """The clause's range inside the sentence's article."""
    subject: str | None = None
    """Who the clause is about: its grammatical subject, a resolved pronoun, or None."""
    actors: tuple[str, ...] = ()
    """Canonical keys of people and organisations named (the subject among them)."""
    places: tuple[str, ...] = ()
    """Canonical place keys (see ``reconcile.places``)."""
    events: tuple[str, ...] = ()
    """Event classes ("meet", "travel", "say"…) in order of appearance."""
    facts: tuple[Fact, ...] = ()
    quotes: tuple[Quote, ...] = ()
    negated: bool = False
    hedged: bool = False
    """Reported as expected or planned rather than as done."""

    @property
    def text(self) -> str:
        """The clause's words as written."""
        return self.sentence.text[self.start - self.sentence.start : self.end - self.sentence.start]

    @property
    def sentence_key(self) -> str:
        """Identifies the sentence (several clauses may share it)."""
        return f"{self.article_id}:{self.sentence.index}"

    def facts_of(self, slot: Slot) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.slot is slot)

    @property
    def years(self) -> frozenset[str]:
        """The years the clause names, alone ("in 2009") or in a date ("April 6, 2009")."""
        return frozenset(
            f.value[:4]
            for f in self.facts
            if f.slot is Slot.YEAR or (f.slot is Slot.DATE and not f.value.startswith("?"))
        )


@dataclass(frozen=True, slots=True)
class Evidence:
    """One side of a finding: a claim, the value it states and where."""

    claim: Claim
    value: str
    """The value as written, or the sentence's relevant words."""
    value_start: int | None = None
    value_end: int | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    kind: FindingKind
    slot: Slot
    confidence: float
    reason: str
    evidence: tuple[Evidence, ...]
    what: str = ""
    """What the compared values measure, in words ("the day of visiting", "the death
    toll"), for reports to phrase the finding; "" when the slot says it all."""
    values: tuple[str, ...] = ()
    """For an agreement whose sources state compatible but different values ("303 seats",
    "over 300 seats"): each value, as first written, in reading order; else empty."""
    merged: tuple[Finding, ...] = ()
    """Other agreements on the same sentences, folded into this one (its reason names
    them too): one finding a sentence pair."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable of the pipeline, in one place."""

    align_threshold: float = 0.4
    """Minimum combined alignment score (0–1) for two claims that share no measured thing
    to be compared (see ``reconcile.align``)."""
    min_confidence: float = 0.5
    """Contradictions below this confidence are dropped."""
    agreement_threshold: float = 0.65
    """Probability (``reconcile.sameness.Judgement.agreement_probability``) that two agreeing
    values state one fact before they are listed as an agreement."""
    contradiction_threshold: float = 1.0
    """Probability that two values measure the same thing before their difference is
    reported on the judge's word alone.  At 1.0 (never reached) only the rules report a
    difference (one clause restated, one subject, each report's one toll, moment or age; see
    ``reconcile.sameness.Judgement``), and the probability sets its confidence: on
    held-out stories the judge's own contradictions at 0.7 were right two times in four
    (README, "What was measured")."""
    max_value_group: int = 600
    """Values of one slot and unit (all the story's percentages, say) paired in full up to
    this many; above it, only values sharing a measured noun's sense or a value are paired
    (see ``reconcile.align.value_pairs``)."""
    max_postings: int = 100
    """Claims or values sharing one blocking key (a name, a word, a value) paired in full
    up to this many; a larger group is swept (each item paired with its neighbours in
    wording; see ``reconcile.align``) and the run says so in its notes.  Measured on the
    independent-text bench: 1,000 articles take a quarter less time at 100 than at 400,
    with 795 rather than 798 of 840 injected changes found; no story's findings differ."""
    within_source_threshold: float = 1.0
    """The same, for two values in one article (which seldom contradicts itself)."""
    event_shared_words: int = 1
    """Words other than names two clauses must share (by word family) to be listed as one
    happening told in other words (see ``reconcile.compare``): on the tuned stories, pairs
    sharing none were mostly two things said of one party ("Ana Ruiz said…", "Ana Ruiz was
    named…")."""

    # When two values measure one thing (``reconcile.sameness``).
    same_kind: float = 0.8
    """Relatedness (0-1) of the measured nouns, or of the verbs, from which two values count
    or time the same kind of thing ("pacemakers", "pacers"; "killed", "died")."""
    same_event: float = 0.9
    """Relatedness of two nouns or verbs from which one subject is doing one thing ("visit",
    "leave for": one trip)."""
    restated: float = 0.9
    """Wording (rapidfuzz ratio, 0-1) of two clauses, their values blanked, from which they
    are one statement: "met on Sunday for two hours" and "met on Monday for two hours",
    unless they name different people ("Ana Ruiz, 41, was hurt" and "Li Wei, 38, was hurt")."""
    close_ratio: float = 1.5
    """Two different figures within this ratio are "close": a misreport more than another
    figure (a feature of the fitted judge: retrain with ``make train`` after a change)."""
    close_days: float = 3.0
    """How many days apart two days are "close" (as ``close_ratio``)."""
    close_minutes: float = 90.0
    """How many minutes apart two clock times are "close" (as ``close_ratio``)."""
    misreport_ratio: float = 10.0
    """Two figures farther apart than this ratio are not one figure misreported (a village's
    toll and a country's, a part and its whole); the contradictions of the tuned stories'
    answer keys are all under six times apart."""
    agreement_ratio: float = 1.25
    """Two stated figures farther apart than this ratio do not corroborate each other, though
    a hedge ("at least", "up to") makes them compatible: "at least one" says nothing of "18"."""
    hedge_reach: int = 6
    """Words either side of a running tally within which a hedge ("may", "feared") makes it
    a fear rather than a count (see ``reconcile.sameness.feared``)."""
    telling_min: int = 10
    """Whole numbers below this ("two sides", "three men") are too common to tie claims
    together (they neither block candidates nor vouch for an agreement on their own)."""
    lead_sentences: int = 4
    """Sentences that open an article: its lead states the story's main figures (a feature
    of the fitted judge, as ``close_ratio``)."""

    # When two aligned claims agree, or one denies the other (``reconcile.compare``).
    agreement_min_score: float = 0.55
    """Alignment score (see ``reconcile.align``) two claims need before a shared place or
    name agrees."""
    event_agreement_min_score: float = 0.7
    """Alignment score for "same event" agreements, which rest on no typed value."""
    event_one_name_score: float = 0.8
    """Alignment score for a "same event" agreement of two clauses sharing one name only (and
    worded alike: ``event_one_name_wording``)."""
    event_one_name_wording: float = 0.55
    """Wording (rapidfuzz token-set ratio, 0-1) that goes with ``event_one_name_score``."""
    event_many_names_wording: float = 0.5
    """Wording for a "same event" agreement of clauses naming no shared happening, which must
    share three names."""
    related_wording: float = 0.45
    """Wording (rapidfuzz token-set ratio, 0-1) above which two clauses are at least on the
    same subject."""
    similar_wording: float = 0.6
    """Wording (as ``related_wording``) above which two clauses say much the same in the
    same words."""
    related_nouns: float = 0.8
    """Relatedness (``reconcile.words``) above which two values of one clause measure one
    thing."""
    rule_confidence: float = 0.8
    """Least confidence of a conflict the rules see without the model: a clause restated with
    another value, one subject doing one thing with a near value, each report's one toll,
    moment or named person's age (see ``reconcile.sameness.Judgement``)."""
    negation_same_wording: float = 0.85
    """Wording (rapidfuzz ratio, 0-1) two clauses must reach, negation removed, to be one
    statement denied."""
    denied_predicate_words: int = 3
    """A denied predicate shorter than this ("did not go") could be denied of anything."""
    denied_predicate_covered: float = 0.9
    """Token-set ratio (0-1) with which the other clause must contain the denied predicate."""

    # When two wordings are one quotation (``reconcile.quotes``).
    quote_drift: float = 0.8
    """Wording (rapidfuzz ratio, 0-1) above which two wordings are one quotation, drifted."""
    quote_contained: float = 0.9
    """A wording found this nearly whole in the other (rapidfuzz partial ratio, 0-1) is the
    same quotation drifted, if their wording is above ``quote_contained_wording``."""
    quote_contained_wording: float = 0.6
    """See ``quote_contained``."""
    quote_contained_by_one_speaker: float = 0.85
    """A wording found this nearly whole in the other's, both credited to one speaker, is
    the same quotation drifted, however much longer the other is."""

    default_date: dt.date | None = None
    jobs: int = 0
    """Worker processes for extraction, alignment and value judging; 0: one per core (up
    to eight) for 64 articles or more, else one."""


@dataclass(frozen=True, slots=True)
class Story:
    """Articles the split (``reconcile.stories``) found to tell one story, reconciled apart."""

    id: str
    """Short hash of its articles' paths: the same story keeps its id across runs."""
    articles: tuple[str, ...]
    """Ids of its articles, in path order."""
    names: tuple[str, ...]
    """Up to three names, places or figures that tell this story apart, most telling first."""
    reasons: tuple[str, ...]
    """Why each article (in the order of ``articles``) went here, in words."""
    claims_count: int = 0
    note: str = ""
    """Why the story was not reconciled (a lone article, copies of one text); "" if it was."""


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the renderers need."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    findings: tuple[Finding, ...]
    claims_count: int = 0
    duplicates: tuple[tuple[str, str], ...] = ()
    """Pairs of article ids whose text is identical (not independent sources)."""
    warnings: tuple[InputWarning, ...] = ()
    """Faults of inputs that were read all the same, in path order."""
    hidden: int = 0
    """Findings left out by a selection (``--kind``, ``--reference``…), 0 if none was made."""
    reference: str | None = None
    """Article id of the draft checked against the others (``--reference``), if any."""
    notes: tuple[str, ...] = ()
    """How the run was bounded, in words (e.g. groups too large to pair in full): printed
    on stderr and kept in the JSON, so a bound never silently loses findings."""
    stories: tuple[Story, ...] = ()
    """The stories the articles were split into, when there were two or more; else ()."""

    def count(self, kind: FindingKind) -> int:
        return sum(1 for f in self.findings if f.kind is kind)

    def story_of(self) -> dict[str, Story]:
        """Article id -> its story; empty when the articles were not split."""
        return {article: story for story in self.stories for article in story.articles}

    def story(self, story: Story) -> Report:
        """The part of this report about one story (one of ``story_parts``)."""
        return self.story_parts()[story.id]

    def story_parts(self) -> dict[str, Report]:
        """Story id -> the part of this report about that story: its articles and findings
        alone.  One pass over the findings, however many stories there are."""
        story_of = self.story_of()
        articles: dict[str, list[Article]] = {s.id: [] for s in self.stories}
        findings: dict[str, list[Finding]] = {s.id: [] for s in self.stories}
        duplicates: dict[str, list[tuple[str, str]]] = {s.id: [] for s in self.stories}
        for article in self.articles:
            if article.id in story_of:
                articles[story_of[article.id].id].append(article)
        for finding in self.findings:
            first = finding.evidence[0].claim.article_id if finding.evidence else None
            if first in story_of:
                findings[story_of[first].id].append(finding)
        for pair in self.duplicates:
            if pair[0] in story_of:
                duplicates[story_of[pair[0]].id].append(pair)
        return {
            story.id: Report(
                articles=tuple(articles[story.id]),
                skipped=(),
                findings=tuple(findings[story.id]),
                claims_count=story.claims_count,
                duplicates=tuple(duplicates[story.id]),
                reference=self.reference if self.reference in story.articles else None,
            )
            for story in self.stories
        }

    def source_ids(self) -> dict[str, str]:
        """Article id -> the short id reports show for it (see ``stable_source_ids``)."""
        return stable_source_ids(self.articles)

    def finding_ids(self) -> tuple[str, ...]:
        """A short id per finding, in order: a hash of its kind, slot and evidence.

        The evidence is named by path, sentence and value, so a finding keeps its id
        when files are added, removed or renamed elsewhere.  Two findings that
        would share an id (same kind, slot and evidence) get ``-2``, ``-3``… in
        report order.
        """
        paths = {a.id: os.path.normpath(a.path) for a in self.articles}
        seen: Counter[str] = Counter()
        ids = []
        for finding in self.findings:
            sides = sorted(
                "\x1e".join((paths[e.claim.article_id], e.claim.sentence.text, e.value))
                for e in finding.evidence
            )
            base = _digest(finding.kind.value, finding.slot.value, *sides)[:FINDING_ID_DIGITS]
            seen[base] += 1
            ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
        return tuple(ids)


def stable_source_ids(articles: Sequence[Article]) -> dict[str, str]:
    """Article id -> the first hex digits of a hash of the article's path.

    Made from the (normalised) path alone, so adding or removing a file changes
    no other source's id.  Ids that would collide take more digits until they
    differ; two articles with one path (possible through the API) get ``-2``….

    >>> a = make_article(id="a1", path="wire/reuters.txt", name="Reuters", text="")
    >>> b = make_article(id="a2", path="./wire/reuters.txt", name="x", text="")
    >>> stable_source_ids([a])["a1"] == stable_source_ids([b])["a2"]
    True
    """
    digests = {a.id: _digest(os.path.normpath(a.path)) for a in articles}
    by_prefix: defaultdict[str, list[str]] = defaultdict(list)
    for article_id, digest in digests.items():
        by_prefix[digest[:SOURCE_ID_DIGITS]].append(article_id)
    ids: dict[str, str] = {}
    for prefix, members in by_prefix.items():
        if len(members) == 1:
            ids[members[0]] = prefix
            continue
        distinct = sorted({digests[m] for m in members})
        length = SOURCE_ID_DIGITS
        while len({d[:length] for d in distinct}) < len(distinct):
            length += 1
        taken: Counter[str] = Counter()
        for member in members:  # in the report's order of articles
            short = digests[member][:length]
            taken[short] += 1
            ids[member] = short if taken[short] == 1 else f"{short}-{taken[short]}"
    return ids


def _digest(*parts: str) -> str:
    # surrogatepass: a path's undecodable bytes are held as lone surrogates.
    text = "\x1f".join(parts)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def article_rank(article_id: str) -> int:
    """Ids are ``a1``, ``a2``…: sort them as numbers, not strings ("a10" after "a9")."""
    return int(article_id[1:])
