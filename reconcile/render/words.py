"""Findings in plain words: what differs, between whom, and how sure.

Every renderer takes its sentences from here, so the terminal, the HTML page and
a pull-request comment say the same thing the same way.  Phrases are built from
what a finding carries (kind, slot, the values as written) and the sources'
names; the finding's own ``reason`` stays in the JSON for programs.
"""

from __future__ import annotations

import difflib
import itertools
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reconcile.model import Article, Evidence, Finding, FindingKind, Report, Slot
from reconcile.quotes import word_changes as quote_changes

CONFIDENCE_LEVELS = ((0.85, "high"), (0.65, "medium"), (0.0, "low"))
"""Lowest confidence of each level, highest first."""

KIND_ORDER = (
    FindingKind.CONTRADICTION,
    FindingKind.UPDATE,
    FindingKind.QUOTE_DRIFT,
    FindingKind.AGREEMENT,
    FindingKind.SINGLE_SOURCE,
)
"""The order reports list findings in: what needs a person's attention first."""

KIND_HEADINGS = {
    FindingKind.CONTRADICTION: "Contradictions",
    FindingKind.UPDATE: "Updated figures",
    FindingKind.QUOTE_DRIFT: "Quote drift",
    FindingKind.AGREEMENT: "Agreements",
    FindingKind.SINGLE_SOURCE: "Single-source claims",
}

KIND_NOUNS = {
    FindingKind.CONTRADICTION: ("contradiction", "contradictions"),
    FindingKind.UPDATE: ("updated figure", "updated figures"),
    FindingKind.QUOTE_DRIFT: ("quote drift", "quote drifts"),
    FindingKind.AGREEMENT: ("agreement", "agreements"),
    FindingKind.SINGLE_SOURCE: ("single-source claim", "single-source claims"),
}

SLOT_PHRASES = {
    Slot.DAY: "the day",
    Slot.DATE: "the date",
    Slot.MONTH: "the month",
    Slot.YEAR: "the year",
    Slot.TIME: "the time",
    Slot.DURATION: "how long it lasted",
    Slot.COUNT: "a number",
    Slot.AGE: "an age",
    Slot.MONEY: "an amount of money",
    Slot.PERCENT: "a percentage",
    Slot.DISTANCE: "a distance",
    Slot.SPEED: "a speed",
    Slot.RANK: "a rank",
    Slot.MINUTE: "the minute of play",
    Slot.SCORE: "the score",
    Slot.PLACE: "the place",
    Slot.DESIGNATION: "a name or model",
    Slot.FIRST: "a first",
    Slot.FATE: "what befell someone",
    Slot.QUOTE: "a quotation",
    Slot.NEGATION: "whether it happened",
    Slot.EVENT: "what happened",
}


def slot_phrase(slot: Slot) -> str:
    """The slot in words ("the day", "a number"); a slot added later reads as its name."""
    return SLOT_PHRASES.get(slot, f"the {slot.value.replace('_', ' ')}")


MAX_NAMED = 3
"""Sources named in a phrase before the rest are counted ("A, B and 4 others")."""
MAX_FILE_NAME = 16
"""A source named only by a file name longer than this is called by its short id."""
MAX_STEPS = 4
"""Steps of a running figure spelled out before the middle ones are counted."""


def confidence_label(confidence: float) -> str:
    """``high``, ``medium`` or ``low``.

    >>> [confidence_label(c) for c in (0.97, 0.77, 0.52)]
    ['high', 'medium', 'low']
    """
    return next(label for floor, label in CONFIDENCE_LEVELS if confidence >= floor)


def confidence_text(confidence: float) -> str:
    """How sure, in words and as the number: ``medium (0.77)``."""
    return f"{confidence_label(confidence)} ({confidence:.2f})"


def plural(count: int, one: str, many: str | None = None) -> str:
    """``count`` and the noun, singular or plural.

    >>> plural(1, "source"), plural(3, "source"), plural(0, "quote drift", "quote drifts")
    ('1 source', '3 sources', '0 quote drifts')
    """
    return f"{count} {one if count == 1 else (many or one + 's')}"


def kind_count(kind: FindingKind, count: int) -> str:
    one, many = KIND_NOUNS[kind]
    return plural(count, one, many)


def short_name(article: Article) -> str:
    """The source's name; a bare file name loses its extension ("reuters.txt" -> "reuters")."""
    if article.name == os.path.basename(article.path):
        stem, _ = os.path.splitext(article.name)
        return stem or article.name
    return article.name


def _name(article: Article, source_id: str) -> str:
    """What phrases call a source: its name, or its short id for a long bare file name.

    "000_f795ca148481a3b1 and 003_1efa107c11d145cd differ" reads worse than
    "8329 and e256 differ", and the legend says which file each id is.
    """
    name = short_name(article)
    if article.name == os.path.basename(article.path) and len(name) > MAX_FILE_NAME:
        return source_id
    return name


def join_names(names: Sequence[str]) -> str:
    """Names as a phrase, the tail counted when there are many.

    >>> join_names(["A"]), join_names(["A", "B"]), join_names(list("ABCDE"))
    ('A', 'A and B', 'A, B, C and 2 others')
    """
    if len(names) > MAX_NAMED + 1:
        rest = len(names) - MAX_NAMED
        return f"{', '.join(names[:MAX_NAMED])} and {rest} others"
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """What the phrases need to know about a report's sources."""

    names: Mapping[str, str]
    """Article id -> short name."""
    dates: Mapping[str, str]
    """Article id -> publication date (ISO), or ``""``."""

    @classmethod
    def of(cls, report: Report) -> Lexicon:
        ids = report.source_ids()
        return cls(
            names={a.id: _name(a, ids[a.id]) for a in report.articles},
            dates={a.id: a.date.isoformat() if a.date else "" for a in report.articles},
        )

    def sources(self, evidence: Sequence[Evidence]) -> list[str]:
        """Names of the sources of ``evidence``, each once, in order."""
        return list(dict.fromkeys(self.names[e.claim.article_id] for e in evidence))


def headline(finding: Finding, lexicon: Lexicon) -> str:
    """One sentence a reader understands without knowing the tool.

    "Reuters and AP differ on the day: Monday vs Tuesday"; "Reuters, AP and
    AFP agree on a number: 189 people"; "Only AP reports this".
    """
    who = join_names(lexicon.sources(finding.evidence))
    kind, slot = finding.kind, finding.slot
    if kind is FindingKind.SINGLE_SOURCE:
        return f"Only {who} reports this"
    if kind is FindingKind.QUOTE_DRIFT:
        return f"{who} quote it in different words: {_quote_changes(finding, lexicon)}"
    if kind is FindingKind.AGREEMENT:
        also = "".join(f"; also {_agreed(other)}" for other in finding.merged)
        return f"{who} {_agreed(finding)}{also}"
    if kind is FindingKind.UPDATE:
        return f"{_capital(_what(finding))} changed as the story developed: " + _steps(
            finding, lexicon
        )
    if slot is Slot.NEGATION:
        return _denial(finding, lexicon)
    return _difference(finding, lexicon)


def _agreed(finding: Finding) -> str:
    """What an agreement's sources do, their names aside: "agree on the day: Monday"."""
    if finding.slot is Slot.QUOTE:
        return "quote it word for word"
    if finding.slot is Slot.EVENT:
        same = len({_words(e.value) for e in finding.evidence}) == 1
        return "state it word for word" if same else "report the same event"
    if finding.values:
        return f"agree on {_what(finding)}: {join_names(list(finding.values))}"
    return f"agree on {_what(finding)}: {finding.evidence[0].value}"


def values_by_source(finding: Finding, lexicon: Lexicon) -> list[tuple[str, list[str]]]:
    """Each distinct value as first written (case aside), with the sources that state it."""
    groups: dict[str, tuple[str, list[str]]] = {}
    for item in finding.evidence:
        key = " ".join(item.value.casefold().split())
        _, names = groups.setdefault(key, (item.value, []))
        name = lexicon.names[item.claim.article_id]
        if name not in names:
            names.append(name)
    return list(groups.values())


def _what(finding: Finding) -> str:
    """What the finding's values measure: the core's words if it gave them, else the slot's."""
    return finding.what or slot_phrase(finding.slot)


def _difference(finding: Finding, lexicon: Lexicon) -> str:
    phrase = _what(finding)
    groups = values_by_source(finding, lexicon)
    names = lexicon.sources(finding.evidence)
    values = " vs ".join(value for value, _ in groups)
    if len(names) == 1:
        return f"{names[0]} gives two values for {phrase}: {values}"
    if len(groups) == len(names) == 2 and all(len(group) == 1 for _, group in groups):
        return f"{groups[0][1][0]} and {groups[1][1][0]} differ on {phrase}: {values}"
    detailed = " vs ".join(f"{value} ({join_names(group)})" for value, group in groups)
    return f"{len(names)} sources differ on {phrase}: {detailed}"


def _denial(finding: Finding, lexicon: Lexicon) -> str:
    deniers = lexicon.sources([e for e in finding.evidence if e.claim.negated])
    staters = lexicon.sources([e for e in finding.evidence if not e.claim.negated])
    if not deniers or not staters:
        return f"{join_names(lexicon.sources(finding.evidence))} disagree on whether it happened"
    verb = "denies" if len(deniers) == 1 else "deny"
    return f"{join_names(deniers)} {verb} what {join_names(staters)} reports"


def _steps(finding: Finding, lexicon: Lexicon) -> str:
    dated = sorted(
        (lexicon.dates[e.claim.article_id], lexicon.names[e.claim.article_id], n, e.value)
        for n, e in enumerate(finding.evidence)
    )
    steps = [f"{value} ({name}{', ' + day if day else ''})" for day, name, _, value in dated]
    if len(steps) > MAX_STEPS:
        hidden = len(steps) - (MAX_STEPS - 1)
        steps = [*steps[: MAX_STEPS - 2], f"{hidden} more", steps[-1]]
    return " → ".join(steps)


def _quote_changes(finding: Finding, lexicon: Lexicon) -> str:
    """Word changes between the closest two wordings that two different sources give."""
    pairs = [
        (
            difflib.SequenceMatcher(a=_words(a.value), b=_words(b.value), autojunk=False).ratio(),
            n,
            a,
            b,
        )
        for n, (a, b) in enumerate(itertools.combinations(finding.evidence, 2))
        if a.claim.article_id != b.claim.article_id and _words(a.value) != _words(b.value)
    ]
    if not pairs:
        return "punctuation only"
    _, _, first, other = max(pairs, key=lambda p: (p[0], -p[1]))
    name_a = lexicon.names[first.claim.article_id]
    name_b = lexicon.names[other.claim.article_id]
    return word_changes(list(_words(first.value)), list(_words(other.value)), name_a, name_b)


def word_changes(words_a: list[str], words_b: list[str], name_a: str, name_b: str) -> str:
    """The first three word changes from one wording to the other.

    >>> word_changes("we made one of them".split(), "we made one of those".split(), "A", "B")
    "'them' → 'those'"
    >>> word_changes("as trump said".split(), "as trump has said".split(), "A", "B")
    "'has' only in B"
    """
    phrases = {
        "replace": "'{old}' → '{new}'",
        "delete": "'{old}' only in " + name_a,
        "insert": "'{new}' only in " + name_b,
    }
    changes = [
        phrases[tag].format(old=old, new=new) for tag, old, new in quote_changes(words_a, words_b)
    ]
    if len(changes) > 3:
        changes = [*changes[:3], "…"]
    return "; ".join(changes) or "punctuation only"


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[\w']+", text.casefold().replace("’", "'").replace("‘", "'")))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
