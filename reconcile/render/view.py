"""The report as every renderer reads it: findings in reading order, with ids and headlines.

Built once per rendering, so each format module is only about its own layout.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from reconcile.model import Article, Evidence, Finding, FindingKind, Report, Story
from reconcile.render.words import KIND_ORDER, Lexicon, headline

_WORD = re.compile(r"[\w'’‘]+")


@dataclass(frozen=True, slots=True)
class Item:
    """One finding as shown: its stable id and its sentence in plain words."""

    id: str
    finding: Finding
    headline: str


@dataclass(frozen=True, slots=True)
class Side:
    """One piece of evidence as shown: the source, where, and the sentence."""

    evidence: Evidence
    article: Article
    source_id: str
    line: int
    column: int
    """Where the sentence starts (1-based)."""
    value_line: int
    value_column: int
    """Where the value starts, or the sentence when the value has no position."""

    @property
    def where(self) -> str:
        """``3fa2:53:1``: short source id, line, column; what panels print and never cut."""
        return f"{self.source_id}:{self.line}:{self.column}"

    @property
    def location(self) -> str:
        """``seeds/x.txt:53:1``: path, line, column."""
        return f"{self.article.path}:{self.line}:{self.column}"

    def value_span(self) -> tuple[int, int] | None:
        """The value's range inside the sentence text, if it has one."""
        evidence, sentence = self.evidence, self.evidence.claim.sentence
        if evidence.value_start is None or evidence.value_end is None:
            return None
        start, end = evidence.value_start - sentence.start, evidence.value_end - sentence.start
        if 0 <= start < end <= len(sentence.text):
            return start, end
        return None


@dataclass(frozen=True, slots=True)
class View:
    report: Report
    articles: dict[str, Article]
    source_ids: dict[str, str]
    lexicon: Lexicon
    items: tuple[Item, ...]
    stories: dict[str, Story]
    """Article id -> its story, when the articles were split into several; else empty."""

    @classmethod
    def of(cls, report: Report) -> View:
        lexicon = Lexicon.of(report)
        # In the pipeline's order: the machine formats keep it, so their output (and the
        # stories' golden files made from the JSON) does not depend on how people read.
        items = tuple(
            Item(finding_id, finding, headline(finding, lexicon))
            for finding_id, finding in zip(report.finding_ids(), report.findings, strict=True)
        )
        return cls(
            report=report,
            articles={a.id: a for a in report.articles},
            source_ids=report.source_ids(),
            lexicon=lexicon,
            items=items,
            stories=report.story_of(),
        )

    def of_kind(self, kind: FindingKind) -> list[Item]:
        return [item for item in self.items if item.finding.kind is kind]

    def in_reading_order(self) -> list[Item]:
        """Findings grouped by ``KIND_ORDER``: what needs a person's attention first."""
        return [item for kind in KIND_ORDER for item in self.of_kind(kind)]

    def sides(self, finding: Finding) -> list[Side]:
        """The evidence as shown; an updated figure's in order of publication."""
        result = []
        for evidence in finding.evidence:
            article = self.articles[evidence.claim.article_id]
            line, column = article.position(evidence.claim.sentence.start)
            if evidence.value_start is not None:
                value_line, value_column = article.position(evidence.value_start)
            else:
                value_line, value_column = line, column
            result.append(
                Side(
                    evidence,
                    article,
                    self.source_ids[article.id],
                    line,
                    column,
                    value_line,
                    value_column,
                )
            )
        if finding.kind is FindingKind.UPDATE:
            result.sort(key=lambda side: (side.article.date or dt.date.max, side.article.path))
        return result

    def counts(self) -> dict[str, int]:
        """Findings per kind (by value), sources, claims, skipped inputs, findings left out."""
        report = self.report
        counts = {kind.value: report.count(kind) for kind in FindingKind}
        counts.update(
            sources=len(report.articles),
            skipped=sum(1 for s in report.skipped if s.warn),
            claims=report.claims_count,
            hidden=report.hidden,
        )
        return counts

    def is_reference(self, article: Article) -> bool:
        return article.id == self.report.reference


def highlights(side: Side, sides: list[Side], kind: FindingKind) -> list[tuple[int, int]]:
    """Ranges of the sentence to highlight: the value, or a drifted quote's changed words."""
    span = side.value_span()
    if span is None:
        return []
    if kind is not FindingKind.QUOTE_DRIFT:
        return [span]
    mine = _quote_words(side, span)
    words = [word for word, _, _ in mine]
    # Compared with the closest other wording, preferably another source's: the
    # words marked are those that wording does not have.
    others = [s for s in sides if _quote_word_list(s) != words]
    if not others:
        return []
    closest = max(
        others,
        key=lambda s: (
            s.article.id != side.article.id,
            SequenceMatcher(a=words, b=_quote_word_list(s), autojunk=False).ratio(),
        ),
    )
    matcher = SequenceMatcher(a=words, b=_quote_word_list(closest), autojunk=False)
    marks = []
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag in ("replace", "delete") and i2 > i1:
            marks.append((mine[i1][1], mine[i2 - 1][2]))
    return marks


def _quote_words(side: Side, span: tuple[int, int]) -> list[tuple[str, int, int]]:
    """Words of the quoted value with their ranges in the sentence."""
    start, end = span
    text = side.evidence.claim.sentence.text
    return [
        (_fold(m.group()), start + m.start(), start + m.end())
        for m in _WORD.finditer(text[start:end])
    ]


def _quote_word_list(side: Side) -> list[str]:
    span = side.value_span()
    if span is None:
        return [_fold(m.group()) for m in _WORD.finditer(side.evidence.value)]
    return [word for word, _, _ in _quote_words(side, span)]


def _fold(word: str) -> str:
    return word.casefold().replace("’", "'").replace("‘", "'")
