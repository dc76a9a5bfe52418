"""HTML that lxml's default limits refuse: embedded data, deep nesting, huge text nodes.

trafilatura parses a page with lxml, which by default gives up on a text node over
10 MB (an image inlined as base64) or on elements nested deeper than 255 levels, and
the page then looks empty.  This module removes embedded data before extraction,
tells why lxml gave up, parses again without those limits, and as a last resort
reads the page's text with Python's own tolerant HTML tokenizer.
"""

from __future__ import annotations

import contextlib
import re
from html.parser import HTMLParser
from typing import Any

# "data:image/png;base64,iVBOR…": a media type with a slash, so prose never matches.
_DATA_URI = re.compile(r"data:[a-z]+/[\w.+-]+(?:;[\w.+-]+(?:=[\w.+-]+)?)*,[^\s\"'<>)]*", re.I)

_LIMITS = (
    ("depth", "elements nested deeper than lxml's limit"),
    ("buffer size", "a text node larger than lxml's limit (10 MB)"),
    ("huge", "a text node larger than lxml's limit (10 MB)"),
)

# Elements whose text is never article text, and elements that end a line of text.
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "nav", "svg", "iframe"})
_BLOCKS = frozenset(
    "p div br li h1 h2 h3 h4 h5 h6 article section header footer blockquote tr td th pre "
    "dd dt figcaption table ul ol main aside".split()
)


def strip_data_uris(html: str) -> str:
    """``html`` with embedded data (``data:`` URIs) emptied: never text, and a large one
    makes lxml drop the whole page.

    >>> strip_data_uris('<img src="data:image/png;base64,iVBORw0KGgo=">')
    '<img src="data:,">'
    """
    if "data:" not in html:
        return html
    return _DATA_URI.sub("data:,", html)


def lxml_limit(html: str) -> str | None:
    """Why lxml's default parser gives up on ``html``, in words; None if it does not."""
    from lxml import etree

    parser = etree.HTMLParser(encoding="utf-8")
    with contextlib.suppress(etree.LxmlError, ValueError):  # the error log says why
        etree.fromstring(html.encode("utf-8", "surrogatepass"), parser)
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "XML_PARSE_HUGE" in entry.message:
            message = entry.message.lower()
            for key, words in _LIMITS:
                if key in message:
                    return words
            return f"a limit of lxml ({entry.message.strip()})"
    return None


def parse_without_limits(html: str) -> Any | None:
    """``html`` as an lxml tree, parsed as trafilatura does but without the size and
    depth limits; None if lxml still cannot read it (past 2,048 levels of nesting)."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.LxmlError, ValueError):
        return None
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        return None  # lxml stopped part-way: what it kept may miss the story
    return tree


def plain_text(html: str) -> str:
    """The text of ``html`` outside scripts, styles and navigation, one line per block.

    Python's tokenizer builds no tree, so no depth or size limit applies.

    >>> plain_text("<div><div><p>One <b>two</b>.</p><script>x()</script><p>Three.</p></div>")
    'One two.\\nThree.'
    """
    reader = _TextReader()
    reader.feed(html)
    reader.close()
    lines = ("".join(line).split() for line in reader.lines)
    return "\n".join(" ".join(words) for words in lines if words)


class _TextReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[list[str]] = [[]]
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BLOCKS:
            self.lines.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self.lines.append([])

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.lines[-1].append(data)
