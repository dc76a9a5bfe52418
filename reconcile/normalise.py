"""One spelling for one text: Unicode NFC, with invisible characters removed.

The same name typed in two ways ("José" as one character, or as "e" and a
combining accent: NFC and NFD), or with a zero-width space or a soft hyphen
inside it, must match itself.  So every article is read in NFC with the format
characters (Unicode category Cf: zero-width spaces and joiners, soft hyphens,
bidirectional controls, byte-order marks) and the control characters that are not white
space (escape, bell, backspace) removed, before anything looks at it.  None of them is
part of a word, and none of them should reach the reader's terminal.

That shortens or lengthens the text, so ``normalise_text`` also returns a
``SourceMap`` from each offset of the normalised text back to the text as
decoded: every line and column reported still points into the file.
"""

from __future__ import annotations

import array
import bisect
import re
import unicodedata
from dataclasses import dataclass, field

# Unicode category Cf ("format"), as of Unicode 14 (Python 3.11); tests/test_normalise.py
# checks the table against the running Python's own database.
_FORMAT_RANGES = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD),
    (0x110CD, 0x110CD), (0x13430, 0x13438), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)  # fmt: skip
# Control characters (category Cc) that are not white space: the terminal's escape and
# bell, backspace, C1 controls.  Never part of a word; some would drive the reader's terminal.
_CONTROL_RANGES = ((0x00, 0x08), (0x0E, 0x1B), (0x7F, 0x84), (0x86, 0x9F))
INVISIBLE = re.compile(
    "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _FORMAT_RANGES + _CONTROL_RANGES) + "]"
)
"""One character that is removed: a format character (Cf), or a control that is not a space."""

# Characters that combine with the one before them although their combining class is 0,
# so a cluster must not end before them: Hangul vowels and finals, and the vowel signs
# of a few Indic scripts.  Checked against the running Python by tests/test_normalise.py.
_COMPOSES_WITH_PREVIOUS = frozenset(
    chr(c)
    for c in (
        *range(0x1161, 0x1176), *range(0x11A8, 0x11C3),  # Hangul medial vowels, finals
        0x09BE, 0x09D7, 0x0B3E, 0x0B56, 0x0B57, 0x0BBE, 0x0BD7, 0x0CC2, 0x0CD5, 0x0CD6,
        0x0D3E, 0x0D57, 0x0DCF, 0x0DDF, 0x102E, 0x1B35, 0x11127, 0x1133E, 0x11357,
        0x114B0, 0x114BA, 0x114BD, 0x115AF, 0x11930,
    )
)  # fmt: skip

# A run of characters other than printable ASCII and line breaks, with the character
# before it (an ASCII letter can take a combining accent).  Printable ASCII never
# composes with what precedes it, so the text can be normalised run by run.
_UNUSUAL_RUN = re.compile(r"[^\n]?[^\t-\r -~]+")


@dataclass(frozen=True, slots=True)
class SourceMap:
    """Offsets of a normalised text -> offsets of the text it was made from.

    Stored as anchors, one pair (normalised, source) at the end of each stretch that
    normalising changed; from one anchor to the next, both texts run in step.  Arrays of
    machine integers: a text can have a million changes, and a tuple of Python ints
    would cost five times the memory.
    """

    normalised: array.array[int] = field(default_factory=lambda: array.array("q"))
    source: array.array[int] = field(default_factory=lambda: array.array("q"))

    def to_source(self, offset: int) -> int:
        """Where the character at ``offset`` of the normalised text stands in the source.

        >>> text, source_map = normalise_text("Cafe\\u0301 Mon\\u200bday")
        >>> text, source_map.to_source(text.index("Monday")), source_map.to_source(len(text))
        ('Café Monday', 6, 13)
        """
        index = bisect.bisect_right(self.normalised, offset)
        position = (
            offset if index == 0 else self.source[index - 1] + offset - self.normalised[index - 1]
        )
        if index < len(self.source):
            # Inside a stretch that normalising lengthened: all of it is one source character.
            position = min(position, self.source[index] - 1)
        return position

    def from_source(self, offset: int) -> int:
        """Where ``offset`` of the source falls in the normalised text (for a removed
        character: where the text resumes after it)."""
        index = bisect.bisect_right(self.source, offset)
        position = (
            offset if index == 0 else self.normalised[index - 1] + offset - self.source[index - 1]
        )
        if index < len(self.normalised):
            position = min(position, self.normalised[index])
        return position


def normalise_text(text: str) -> tuple[str, SourceMap]:
    """``text`` in NFC without invisible characters, and the map back to ``text``.

    >>> normalise_text("Jose\\u0301 met Ann\\u00adie")[0]
    'José met Annie'
    """
    if not INVISIBLE.search(text) and (text.isascii() or unicodedata.is_normalized("NFC", text)):
        return text, SourceMap()
    pieces: list[str] = []
    normalised = array.array("q")
    source = array.array("q")
    length = 0  # of the normalised text so far
    position = 0  # in the source: everything before it is in ``pieces``
    for run in _UNUSUAL_RUN.finditer(text):
        for start, end, normal in _normalised_clusters(text, *run.span()):
            pieces += (text[position:start], normal)
            length += start - position + len(normal)
            normalised.append(length)
            source.append(end)
            position = end
    pieces.append(text[position:])
    return "".join(pieces), SourceMap(normalised, source)


def _normalised_clusters(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, normalised) of each cluster of ``text[start:end]`` that normalising changes.

    A cluster is a character and the invisible characters and combining marks after it
    (what NFC composes into one character, at most); an invisible character before any
    base character is a cluster of its own, which normalises to nothing.
    """
    run = text[start:end]
    if unicodedata.is_normalized("NFC", run) and not INVISIBLE.search(run):
        return []
    clusters: list[tuple[int, int]] = []
    cluster_start = start
    for index in range(start + 1, end):
        char = text[index]
        if INVISIBLE.match(char):
            continue  # removed: it belongs to the cluster it stands in
        if unicodedata.combining(char) == 0 and char not in _COMPOSES_WITH_PREVIOUS:
            clusters.append((cluster_start, index))
            cluster_start = index
    clusters.append((cluster_start, end))
    changed = []
    for low, high in clusters:
        original = text[low:high]
        normal = unicodedata.normalize("NFC", INVISIBLE.sub("", original))
        if normal != original:
            changed.append((low, high, normal))
    return changed
