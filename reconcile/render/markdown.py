"""Report -> Markdown for an issue or a pull-request comment (``--format markdown``).

Contradictions, updated figures and quote drift come as tables with the
sentences of both sides, the differing value in bold; agreements follow as a
shorter table.  A comment holds at most 65,536 characters, so the text stops
below ``MAX_CHARS`` at a whole row and says how many findings it left out.
"""

from __future__ import annotations

import re

from reconcile.model import FindingKind, Report
from reconcile.render.view import Item, Side, View, highlights
from reconcile.render.words import (
    KIND_HEADINGS,
    KIND_ORDER,
    confidence_text,
    kind_count,
    plural,
    short_name,
)

MAX_CHARS = 65_000
NOTE_ROOM = 300
"""Characters kept free for the note that says the list was cut."""
MAX_SENTENCE = 400
"""Characters of a sentence quoted in a cell; longer ones are cut around the value."""

_SIDE_BY_SIDE = (FindingKind.CONTRADICTION, FindingKind.UPDATE, FindingKind.QUOTE_DRIFT)
_LEAD_LINES = 5  # blank line, heading, blank line, table header, its rule
_BLANKS = re.compile(r"\s+")
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def render_markdown(report: Report, *, limit: int = MAX_CHARS) -> str:
    """The report as GitHub-flavoured Markdown, at most ``limit`` characters."""
    view = View.of(report)
    counts = view.counts()
    attention = ", ".join(
        kind_count(kind, counts[kind.value]) for kind in KIND_ORDER[:-1] if counts[kind.value]
    )
    head = [f"## reconcile: {attention or 'nothing to report'}", ""]
    details = [plural(counts["sources"], "source"), plural(counts["claims"], "claim")]
    if counts["single_source"]:
        details.append(
            f"{kind_count(FindingKind.SINGLE_SOURCE, counts['single_source'])} not listed"
        )
    if counts["hidden"]:
        details.append(f"{plural(counts['hidden'], 'finding')} left out by filters")
    head += [", ".join(details) + ".", ""]
    head += ["| source | name | date | path |", "|---|---|---|---|"]
    for article in report.articles:
        name = _escape(short_name(article))
        if view.is_reference(article):
            name += " (reference)"
        date = article.date.isoformat() if article.date else ""
        head.append(
            f"| `{view.source_ids[article.id]}` | {name} | {date} | {_code(article.path)} |"
        )
    blocks: list[list[str]] = [head]
    for kind in KIND_ORDER[:-1]:
        items = view.of_kind(kind)
        if not items:
            continue
        if kind in _SIDE_BY_SIDE:
            header = [
                "| finding | what | first source | other sources |",
                "|---|---|---|---|",
            ]
        else:
            header = ["| finding | what | sources |", "|---|---|---|"]
        rows = [_row(view, item, kind in _SIDE_BY_SIDE) for item in items]
        blocks.append(["", f"### {KIND_HEADINGS[kind]} ({len(items)})", "", *header, *rows])
    return _fit(blocks, limit, total=sum(len(view.of_kind(k)) for k in KIND_ORDER[:-1]))


def _fit(blocks: list[list[str]], limit: int, total: int) -> str:
    """The head, then whole rows while they fit, then a note on what was left out."""
    budget = limit - NOTE_ROOM
    lines = list(blocks[0])
    size = _size(lines)
    shown = 0
    for block in blocks[1:]:
        lead, rows = block[:_LEAD_LINES], block[_LEAD_LINES:]
        # A section's heading and table header go in only with at least one row.
        if size + _size(lead) + _size(rows[:1]) > budget:
            break
        lines += lead
        size += _size(lead)
        fitting = 0
        for row in rows:
            if size + _size([row]) > budget:
                break
            size += _size([row])
            fitting += 1
        lines += rows[:fitting]
        shown += fitting
        if fitting < len(rows):
            break
    if shown < total:
        lines += [
            "",
            f"> **Truncated:** {plural(total - shown, 'more finding')} not listed, to stay "
            "within a comment's 65,536 characters. `reconcile --format html -o report.html` "
            "writes them all.",
        ]
    return "\n".join(lines) + "\n"


def _size(lines: list[str]) -> int:
    return sum(len(line) + 1 for line in lines)


def _row(view: View, item: Item, side_by_side: bool) -> str:
    finding = item.finding
    label = f"`{item.id}`<br>{finding.slot.value}, {confidence_text(finding.confidence)}"
    sides = view.sides(finding)
    if side_by_side:
        cells = [_side(view, side, highlights(side, sides, finding.kind)) for side in sides]
        return f"| {label} | {_escape(item.headline)} | {cells[0]} | {'<br><br>'.join(cells[1:])} |"
    where = ", ".join(
        f"**{_escape(view.lexicon.names[side.article.id])}** `{side.where}`" for side in sides
    )
    return f"| {label} | {_escape(item.headline)} | {where} |"


def _side(view: View, side: Side, marks: list[tuple[int, int]]) -> str:
    """Source, place, and the sentence with its marks in bold, cut around them if long."""
    sentence = side.evidence.claim.sentence.text
    name = _escape(view.lexicon.names[side.article.id])
    if not marks:
        return f"**{name}** `{side.where}`<br>{_escape(_clip(sentence))}"
    first, last = marks[0][0], marks[-1][1]
    room = max(0, MAX_SENTENCE - (last - first)) // 2
    start, end = max(0, first - room), min(len(sentence), last + room)
    parts = ["…" if start else ""]
    at = start
    for mark_start, mark_end in marks:
        parts += [_escape(sentence[at:mark_start]), f"**{_escape(sentence[mark_start:mark_end])}**"]
        at = mark_end
    parts += [_escape(sentence[at:end]), "…" if end < len(sentence) else ""]
    return f"**{name}** `{side.where}`<br>{''.join(parts)}"


def _clip(text: str) -> str:
    return text if len(text) <= MAX_SENTENCE else text[:MAX_SENTENCE] + "…"


def _escape(text: str) -> str:
    r"""Text that Markdown shows as written, on one line of a table.

    >>> _escape("a | b *c*")
    'a \\| b \\*c\\*'
    """
    return _SPECIAL.sub(r"\\\1", _BLANKS.sub(" ", text))


def _code(text: str) -> str:
    """Inline code that survives any backticks inside."""
    text = text.replace("|", "\\|")  # GitHub ends a table cell at a bare bar, even in code
    return f"`` {text} ``" if "`" in text else f"`{text}`"
