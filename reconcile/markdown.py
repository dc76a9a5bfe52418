"""The parts of a Markdown article that are not prose: front matter and code blocks.

A Markdown file may open with front matter (``---`` YAML or ``+++`` TOML: title, date,
tags) and may hold fenced code blocks (```` ``` ```` or ``~~~``).  Neither is a sentence
of the story, and read as prose they make claims no source made.  Both are found here
as ranges of the text, so the text itself (and every offset into it) stays as written.
"""

from __future__ import annotations

import re

from reconcile.model import Span

_FRONT_MATTER_OPEN = re.compile(r"(---|\+\+\+)[ \t]*\n")
_FRONT_MATTER_CLOSE = {
    "---": re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE),
    "+++": re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE),
}
# "date: 2018-10-07", "date = 2018-10-07", 'source: "The Times"'
_FIELD = re.compile(r"^[ \t]*([A-Za-z_]+)[ \t]*[:=][ \t]*(.*?)[ \t]*$", re.MULTILINE)
# CommonMark: up to three spaces, then three or more backticks or tildes.
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)


def front_matter(text: str, start: int = 0) -> tuple[int, dict[str, str]]:
    """(offset after the front matter, its ``key: value`` fields, keys lower-cased).

    (``start``, {}) if the text at ``start`` opens no front matter, or never closes it.

    >>> front_matter("---\\ntitle: Quake\\ndate: 2016-08-24\\n---\\nText.")
    (38, {'title': 'Quake', 'date': '2016-08-24'})
    """
    opening = _FRONT_MATTER_OPEN.match(text, start)
    if not opening:
        return start, {}
    closing = _FRONT_MATTER_CLOSE[opening[1]].search(text, opening.end())
    if not closing:
        return start, {}  # a thematic break ("---"), not front matter
    fields = {
        key.lower(): value.strip("\"'")
        for key, value in _FIELD.findall(text, opening.end(), closing.start())
    }
    end = closing.end()
    return (end + 1 if text.startswith("\n", end) else end), fields


def code_blocks(text: str, start: int = 0) -> tuple[Span, ...]:
    """The fenced code blocks from ``start`` on, fences included; an unclosed one runs
    to the end of the text, as CommonMark reads it.

    >>> code_blocks("Prose.\\n```python\\nx = 1\\n```\\nMore prose.")
    (Span(start=7, end=26, cut_off=False),)
    """
    blocks = []
    position = start
    while opening := _FENCE.search(text, position):
        fence = opening[1]
        closing = re.compile(
            rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.MULTILINE
        ).search(text, opening.end())
        end = closing.end() if closing else len(text)
        blocks.append(Span(opening.start(), end))
        position = end
    return tuple(blocks)
