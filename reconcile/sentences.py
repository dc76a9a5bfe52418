"""Split kept text into sentences, with offsets into the article.

A small rule-based splitter rather than a library: it must keep a quotation
of several sentences together with its ``…," the mayor said`` (so the quote and its
speaker stay one claim), run in time linear in the text whatever the input,
and report exact offsets.  See the README for the splitters measured.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reconcile.model import Article, Sentence, Span

# End punctuation, closing quotes or brackets, space, then what can start a sentence.
# Tried only at the first mark of a run, so "?!?!…" or "……" takes linear time.
_BOUNDARY = re.compile(r"""(?<![.!?…])([.!?…]+)(["”’')\]]*)(\s+)(?=["“‘(\[]?[A-Z0-9])""")
_QUOTE_MARK = re.compile(r"[\"“”]")

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen col lt sgt capt cmdr adm sen rep gov pres rev hon st mt ft jr sr
    inc corp ltd co bros no nos vs etc approx dept est fig vol op jan feb mar apr jun jul aug
    sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m""".split()
)
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")

MAX_QUOTE_CHARS = 1500
"""A quotation still open after this many characters is taken as a stray mark."""


def split_sentences(article: Article, spans: Iterable[Span]) -> tuple[Sentence, ...]:
    """Sentences of the kept spans, numbered in article order."""
    sentences: list[Sentence] = []
    for span in spans:
        pieces = _split_block(article.text, span.start, span.end)
        if span.cut_off and pieces:
            pieces.pop()  # the source stops in the middle of it: it says nothing for sure
        for start, end in pieces:
            sentences.append(
                Sentence(
                    article_id=article.id,
                    index=len(sentences),
                    start=start,
                    end=end,
                    text=article.text[start:end],
                )
            )
    return tuple(sentences)


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text[start:end]``, whitespace trimmed."""
    quotes = _QuoteTracker(text, start, end)
    pieces = []
    sentence_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        after_closers = match.start(3)
        if quotes.is_open_at(after_closers):
            continue
        if match.group(1) == "." and _ends_with_abbreviation(text, sentence_start, match.start()):
            continue
        pieces.append((sentence_start, after_closers))
        sentence_start = match.end()
    pieces.append((sentence_start, end))
    return [trimmed for piece in pieces if (trimmed := _trim(text, *piece))]


class _QuoteTracker:
    """Answers "is a quotation open here?" for increasing offsets, in linear time.

    Curly marks say which way they face.  A straight mark opens a quotation
    when it follows a space or bracket and precedes a letter (so the inch
    mark in ``361" S`` opens nothing), and closes any open one.
    """

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text = text
        # Bounded by the block: a search to the end of the text from every block (one
        # per line) would be quadratic in the number of lines when no mark follows.
        self._marks = _QUOTE_MARK.finditer(text, start, end)
        self._next = next(self._marks, None)
        self._opened_at: int | None = None

    def is_open_at(self, offset: int) -> bool:
        while self._next is not None and self._next.start() < offset:
            self._advance(self._next.start(), self._next.group())
            self._next = next(self._marks, None)
        if self._opened_at is not None and offset - self._opened_at > MAX_QUOTE_CHARS:
            self._opened_at = None
        return self._opened_at is not None

    def _advance(self, pos: int, mark: str) -> None:
        if mark == "“":
            self._opened_at = pos
        elif mark == "”" or self._opened_at is not None:  # any mark closes an open quotation
            self._opened_at = None
        else:
            before = self._text[pos - 1] if pos > 0 else " "
            after = self._text[pos + 1] if pos + 1 < len(self._text) else " "
            if (before.isspace() or before in "([{—–-:") and not after.isspace():
                self._opened_at = pos


def _ends_with_abbreviation(text: str, sentence_start: int, dot: int) -> bool:
    word_start = dot
    while word_start > sentence_start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip('"“‘(')
    return word.lower() in _ABBREVIATIONS or bool(_INITIALS.match(word))


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
