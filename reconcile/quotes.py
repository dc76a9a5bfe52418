"""The same quotation in several sources: word for word, or drifted.

Quotations are grouped by their exact wording first, and each distinct wording is
compared only with those sharing a word pair, so a quotation repeated by a thousand
outlets costs one comparison, not half a million.  Close wording is drift, and the
finding lists the word changes ("'them' -> 'those'").
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz

from reconcile.entities import same_actor
from reconcile.model import (
    Claim,
    Evidence,
    Finding,
    FindingKind,
    Quote,
    Settings,
    Slot,
    article_rank,
)
from reconcile.numbers import parse_number

MIN_QUOTE_WORDS = 3
"""Shorter quotations match only when both name the same speaker."""
SHORT_QUOTE_WORDS = 5
"""Shorter quotations drift ("literally pancaked") only when both name the same speaker."""
LONG_QUOTE_WORDS = 10
"""Quotations this long and worded alike are one, even when the reports name two speakers;
found nearly whole inside a longer one, they are one whatever its length."""
MAX_QUOTE_POSTINGS = 200
"""A word pair shared by more quotations than this ("of the") is no evidence."""


def compare_quotes(claims: Sequence[Claim], settings: Settings) -> list[Finding]:
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
    reversed_: dict[int, str] = {}
    for i, j in _quote_candidates(texts):
        first, second = items[wordings[texts[i]][0]][1], items[wordings[texts[j]][0]][1]
        verdict = _quote_verdict(list(texts[i]), list(texts[j]), first, second, settings)
        if verdict is None:
            continue
        kind, similarity, diff = verdict
        top_i, top_j = root(i), root(j)
        parent[max(top_i, top_j)] = min(top_i, top_j)
        if kind is FindingKind.QUOTE_DRIFT:
            drift.setdefault(min(top_i, top_j), (similarity, diff))
            change = _meaning_change(list(texts[i]), list(texts[j]))
            if change:
                reversed_.setdefault(min(top_i, top_j), change)
    components: dict[int, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        components[root(i)].extend(wordings[text])
    for i in list(drift):
        drift[root(i)] = drift.pop(i)
    for i in list(reversed_):
        reversed_[root(i)] = reversed_.pop(i)
    findings = []
    for top, members in sorted(components.items()):
        members.sort()
        sources = {items[m][0].article_id for m in members}
        if len(sources) < 2:
            continue
        if top in reversed_:
            # A quotation whose figure or negation changed says something else: one of the
            # wordings misquotes the speaker.
            similarity, _ = drift[top]
            kind, confidence = FindingKind.CONTRADICTION, round(similarity / 100, 2)
            reason = f"{len(sources)} sources quote it with {reversed_[top]}"
        elif top in drift:
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
    words_a: list[str], words_b: list[str], qa: Quote, qb: Quote, settings: Settings
) -> tuple[FindingKind, float, str] | None:
    shorter = min(len(words_a), len(words_b))
    if shorter == 0:
        return None
    text_a, text_b = " ".join(words_a), " ".join(words_b)
    named = bool(qa.speaker and qb.speaker)
    one_speaker = named and same_actor(qa.speaker or "", qb.speaker or "")
    # A long passage worded alike is one quotation, whoever each report names (a speaker's
    # name spelled two ways; an aide credited with the minister's words).
    if (
        named
        and not one_speaker
        and (shorter < LONG_QUOTE_WORDS or fuzz.ratio(text_a, text_b) < settings.quote_drift * 100)
    ):
        return None
    if shorter < MIN_QUOTE_WORDS and not named:
        return None
    if text_a == text_b or (
        shorter >= 2 and (f" {text_a} " in f" {text_b} " or f" {text_b} " in f" {text_a} ")
    ):
        return FindingKind.AGREEMENT, 100.0, ""
    if shorter < SHORT_QUOTE_WORDS and not named:
        return None  # a short phrase in two mouths may be a coincidence; in one, a drift
    similarity = fuzz.ratio(text_a, text_b)
    # Most pairs share a word pair and little else: the partial ratio, the costly part, is
    # computed in full only where it could reach a threshold (below the cut-off it is 0).
    least = min(settings.quote_contained, settings.quote_contained_by_one_speaker)
    partial = fuzz.partial_ratio(text_a, text_b, score_cutoff=least * 100)
    contained = (
        partial >= settings.quote_contained * 100
        and similarity >= settings.quote_contained_wording * 100
    ) or (
        # A passage of ten words or more found nearly whole in a longer quotation is no
        # coincidence, whoever said it; one speaker's shorter lines may differ more.
        (shorter >= LONG_QUOTE_WORDS and partial >= settings.quote_contained * 100)
        or (one_speaker and partial >= settings.quote_contained_by_one_speaker * 100)
    )
    if similarity >= settings.quote_drift * 100 or contained:
        if not partial:  # under the cut-off: the drift's confidence wants the exact figure
            partial = fuzz.partial_ratio(text_a, text_b)
        changed = _word_diff(*_shared_passage(words_a, words_b))
        return FindingKind.QUOTE_DRIFT, max(similarity, partial), changed
    return None


_NEGATING = frozenset("not no never nothing none nobody neither nor cannot n't".split())


def _meaning_change(words_a: list[str], words_b: list[str]) -> str:
    """What makes two wordings of one quotation say different things, if anything: a
    figure that changed ("another 63 years" / "another 65 years") or a negation one of them
    lacks ("we had nothing about" / "we had about"), as a phrase for the reason; else ""."""
    words_a, words_b = _shared_passage(_uncontracted(words_a), _uncontracted(words_b))
    matcher = difflib.SequenceMatcher(a=words_a, b=words_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = words_a[i1:i2], words_b[j1:j2]
        if tag == "equal":
            continue
        numbers_old = [parse_number(w) for w in old if parse_number(w) is not None]
        numbers_new = [parse_number(w) for w in new if parse_number(w) is not None]
        if numbers_old and numbers_new and numbers_old != numbers_new:
            return f"a different figure: '{_clip(old)}' -> '{_clip(new)}'"
        negated_one_way = bool(_NEGATING & set(old)) != bool(_NEGATING & set(new)) or (
            tag != "replace" and _NEGATING & {*old, *new}
        )
        if negated_one_way and _little_besides(old, new):
            return f"and without a negation: '{_clip(old) or '—'}' -> '{_clip(new) or '—'}'"
    return ""


_NEGATION_REACH = 2
"""Words besides a negation that a change may hold and still be that negation alone."""


def _little_besides(old: list[str], new: list[str]) -> bool:
    """The change is the negation and a word or two ("did not meet" / "met"), not a passage
    reworded around it, where the order of phrases, not the meaning, differs."""
    return all(
        len([w for w in side if w not in _NEGATING]) <= _NEGATION_REACH for side in (old, new)
    )


def _shared_passage(words_a: list[str], words_b: list[str]) -> tuple[list[str], list[str]]:
    """Each wording's words within the passage both quote: a report quoting more of the
    speech than another changes nothing the other says, so a much longer wording is cut to
    where the shorter stands in it (the shorter is kept whole)."""
    if len(words_a) < len(words_b):
        cut_b, cut_a = _shared_passage(words_b, words_a)
        return cut_a, cut_b
    if len(words_a) < _MUCH_LONGER * len(words_b):
        return words_a, words_b
    text_a, text_b = " ".join(words_a), " ".join(words_b)
    found = fuzz.partial_ratio_alignment(text_a, text_b)  # where b stands in a
    start = text_a.rfind(" ", 0, found.src_start) + 1
    stop = text_a.find(" ", found.src_end)
    return text_a[start : len(text_a) if stop < 0 else stop].split(), words_b


_MUCH_LONGER = 1.5
"""A wording this many times longer than the other quotes more of the speech."""


_CONTRACTED_STEMS = {"won": "will", "can": "can", "shan": "shall", "ain": "is"}


def _uncontracted(words: list[str]) -> list[str]:
    """The words with each negative contraction written out: "didn't" -> "did", "not"."""
    out = []
    for word in words:
        if word.endswith("n't") and len(word) > 3:
            stem = word[:-3]
            out.extend((_CONTRACTED_STEMS.get(stem, stem), "not"))
        else:
            out.append(word)
    return out


def _quote_words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("‘", "'")
    return re.findall(r"[\w']+", text)


def word_changes(words_a: list[str], words_b: list[str]) -> list[tuple[str, str, str]]:
    """The changes from one wording to the other: (``replace``/``delete``/``insert``, the old
    words, the new words), each clipped to a few words.

    >>> word_changes("we made one of them".split(), "we made one of those".split())
    [('replace', 'them', 'those')]
    """
    matcher = difflib.SequenceMatcher(a=words_a, b=words_b, autojunk=False)
    return [
        (tag, _clip(words_a[i1:i2]), _clip(words_b[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _word_diff(words_a: list[str], words_b: list[str]) -> str:
    """The first few word changes from one wording to the other, readable on one line."""
    phrases = {
        "replace": "'{old}' -> '{new}'",
        "delete": "'{old}' only in the first",
        "insert": "'{new}' only in the second",
    }
    changes = [
        phrases[tag].format(old=old, new=new) for tag, old, new in word_changes(words_a, words_b)
    ]
    return "; ".join(changes[:3]) or "punctuation only"


def _clip(words: list[str], most: int = 6) -> str:
    return " ".join(words[:most]) + (" …" if len(words) > most else "")
