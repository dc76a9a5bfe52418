"""Report -> the terminal report (``--format text``), its one-line-per-finding form
(``--format compact``) and its closing summary alone (``-q``).

Readable at 80 columns: panels cite evidence as ``id:line:col`` with the short
source id of the legend, so the place is never cut; the summary comes again
after the findings, so the last screen says what was found.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from reconcile.model import Article, FindingKind, Report
from reconcile.render.view import Item, Side, View, highlights
from reconcile.render.words import (
    KIND_HEADINGS,
    KIND_ORDER,
    confidence_label,
    confidence_text,
    kind_count,
    plural,
    short_name,
)

STYLES = {
    FindingKind.CONTRADICTION: "bold red",
    FindingKind.UPDATE: "bold yellow",
    FindingKind.QUOTE_DRIFT: "bold magenta",
    FindingKind.AGREEMENT: "bold green",
    FindingKind.SINGLE_SOURCE: "bold blue",
}
MAX_PANELS = 50
"""Findings of one kind drawn as panels; the rest get one line each, as in ``compact``.

A thousand outlets make thousands of findings: as panels they take half a
minute to draw and nobody reads them, while a line each stays quick and greppable.
"""
ATTENTION = (FindingKind.CONTRADICTION, FindingKind.UPDATE, FindingKind.QUOTE_DRIFT)
"""Kinds a reader must look at; the closing summary points back to them."""


def render_text(
    report: Report, *, width: int = 80, color: bool = False, show_single_source: bool = False
) -> str:
    """The full report: sources, findings in panels, then the summary."""
    return _print(render_terminal(report, show_single_source=show_single_source), width, color)


def render_compact(
    report: Report, *, width: int = 80, color: bool = False, show_single_source: bool = False
) -> str:
    """Sources, one line per finding, then the summary (story by story, if several)."""
    if report.stories:
        parts = _by_story(report, lambda part: _compact(View.of(part), show_single_source))
        return _print(parts, width, color)
    return _print(_compact(View.of(report), show_single_source), width, color)


def render_summary(report: Report, *, width: int = 80, color: bool = False) -> str:
    """Only the closing summary (``-q``)."""
    return _print(_summary(View.of(report), show_single_source=False, above=False), width, color)


def _print(renderables: Iterable[Any], width: int, color: bool) -> str:
    from rich.console import Console

    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        color_system="auto" if color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    for renderable in renderables:
        if isinstance(renderable, _Line):
            console.print(renderable.text, soft_wrap=True)
        else:
            console.print(renderable)
    text: str = console.file.getvalue()  # type: ignore[attr-defined]
    if color:
        return text
    # Tables pad their last column; trailing blanks only make diffs noisy.
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


class _Line:
    """A line printed as is, never wrapped: the compact form's one line per finding."""

    def __init__(self, text: Any) -> None:
        self.text = text


def render_terminal(report: Report, *, show_single_source: bool = False) -> Iterator[Any]:
    """Rich renderables of the full report, for a caller's own console."""
    from rich.rule import Rule
    from rich.text import Text

    if report.stories:
        yield from _by_story(
            report, lambda part: render_terminal(part, show_single_source=show_single_source)
        )
        return
    view = View.of(report)
    yield from _heading(view)
    for kind in KIND_ORDER:
        items = view.of_kind(kind)
        if not items or (kind is FindingKind.SINGLE_SOURCE and not show_single_source):
            continue
        yield Rule(Text(f"{KIND_HEADINGS[kind]} ({len(items)})", style=STYLES[kind]), align="left")
        if kind is FindingKind.SINGLE_SOURCE:
            for item in items:
                yield _single_line(view, item)
            continue
        for item in items[:MAX_PANELS]:
            yield _panel(view, item)
        if len(items) > MAX_PANELS:
            yield Text(f"… and {len(items) - MAX_PANELS} more, a line each:", style="dim")
            for item in items[MAX_PANELS:]:
                yield _compact_line(view, item)
    yield from _summary(view, show_single_source)


def _by_story(report: Report, draw: Callable[[Report], Iterable[Any]]) -> Iterator[Any]:
    """Which article went to which story and why, then each story's report, then the total."""
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    view = View.of(report)
    stories = report.stories
    yield Text.assemble(
        ("reconcile", "bold"),
        f" · {plural(len(report.articles), 'source')} · {plural(len(stories), 'story', 'stories')}"
        f" · {plural(report.claims_count, 'claim')}",
    )
    yield Rule(Text(f"Stories ({len(stories)})", style="bold"), align="left")
    for number, story in enumerate(stories, start=1):
        about = ", ".join(story.names) or "no shared name"
        line = Text.assemble(
            (f"{number}. {about}", "bold"), f" · {plural(len(story.articles), 'article')}"
        )
        if story.note:
            line.append(f" · not reconciled: {story.note}", style="yellow")
        yield line
        # A grid, as in the heading, so a long path or reason wraps under itself and the
        # ids stay a column of their own at any width.
        members = Table.grid(padding=(0, 2), pad_edge=True)
        members.add_column(style="bold", no_wrap=True)
        members.add_column(overflow="fold")
        for article_id, why in zip(story.articles, story.reasons, strict=True):
            path = view.articles[article_id].path
            members.add_row(view.source_ids[article_id], Text.assemble(path, (f"  {why}", "dim")))
        yield members
    parts = report.story_parts()
    for number, story in enumerate(stories, start=1):
        if story.note:
            continue
        title = f"Story {number} of {len(stories)}: {', '.join(story.names) or 'no shared name'}"
        yield Rule(Text(title, style="bold"), characters="═", align="left")
        yield from draw(parts[story.id])
    yield Rule(Text("All stories", style="bold"), characters="═", align="left")
    yield from _summary(view, show_single_source=False, above=False)


def _heading(view: View) -> Iterator[Any]:
    from rich.table import Table
    from rich.text import Text

    counts = view.counts()
    yield Text.assemble(
        ("reconcile", "bold"),
        f" · {plural(counts['sources'], 'source')} · {plural(counts['claims'], 'claim')}",
    )
    # Two columns, the path after the name in one cell: it wraps to its own line as a
    # whole when the line is too short for both, instead of being folded mid-word.
    legend = Table.grid(padding=(0, 2), pad_edge=True)
    legend.add_column(style="bold", no_wrap=True)
    legend.add_column(overflow="fold")
    for article in view.report.articles:
        description = _describe(view, article)
        description.append(f"  {article.path}", style="dim")
        legend.add_row(view.source_ids[article.id], description)
    yield legend
    for copy, original in view.report.duplicates:
        yield Text(
            f"note: {view.articles[copy].path} is an identical copy of "
            f"{view.articles[original].path}; counted once",
            style="yellow",
        )


def _describe(view: View, article: Article) -> Any:
    from rich.text import Text

    text = Text(short_name(article))
    if article.date:
        text.append(f", {article.date.isoformat()}", style="dim")
    if view.is_reference(article):
        text.append(" (reference)", style="bold cyan")
    return text


def _panel(view: View, item: Item) -> Any:
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    kind, style = item.finding.kind, STYLES[item.finding.kind]
    shown = view.sides(item.finding)
    sides = [_side(view, side, highlights(side, shown, kind), kind) for side in shown]
    columns = 2 if len(sides) == 2 else 1
    grid = Table.grid(expand=True, padding=(0, 2))
    for _ in range(columns):
        grid.add_column(ratio=1)
    for start in range(0, len(sides), columns):
        grid.add_row(*sides[start : start + columns])
    title = Text.assemble(
        (item.finding.slot.value, "bold"),
        f" · confidence {confidence_text(item.finding.confidence)}",
    )
    return Panel(
        Group(Text(item.headline, style="bold"), grid),
        title=title,
        title_align="left",
        subtitle=Text(item.id, style="dim"),
        subtitle_align="right",
        border_style=style,
    )


def _side(view: View, side: Side, marks: list[tuple[int, int]], kind: FindingKind) -> Any:
    from rich.text import Text

    name = view.lexicon.names[side.article.id]
    header = Text(side.where, style="bold", no_wrap=True)
    if name != side.source_id:
        header.append(f" {name}", style="dim")
    header.overflow = "ellipsis"  # the name gives way; ``id:line:col`` comes first and stays
    text = Text(side.evidence.claim.sentence.text)
    style = "bold red" if kind in (FindingKind.CONTRADICTION, FindingKind.UPDATE) else "bold"
    for start, end in marks:
        text.stylize(style, start, end)
    return Text("\n").join([header, text])


def _single_line(view: View, item: Item) -> Any:
    from rich.text import Text

    (side,) = view.sides(item.finding)[:1]
    return Text.assemble((side.where, "bold"), "  ", side.evidence.claim.sentence.text)


def _summary(view: View, show_single_source: bool, *, above: bool = True) -> Iterator[Any]:
    from rich.rule import Rule
    from rich.text import Text

    counts = view.counts()
    yield Rule(Text("Summary", style="bold"), align="left")
    for kind in KIND_ORDER:
        count = counts[kind.value]
        line = Text("  ")
        line.append(kind_count(kind, count), style=STYLES[kind] if count else "")
        if kind in ATTENTION and count and above:
            line.append(" — see above")
        elif kind is FindingKind.SINGLE_SOURCE and count and not show_single_source:
            line.append(" (list them with --all)", style="dim")
        yield line
    details = [plural(counts["sources"], "source"), plural(counts["claims"], "claim")]
    if counts["skipped"]:
        details.append(f"{plural(counts['skipped'], 'input')} skipped")
    yield Text("  " + ", ".join(details), style="dim")
    if counts["hidden"]:
        yield Text(f"  {plural(counts['hidden'], 'finding')} left out by filters", style="dim")


def _compact(view: View, show_single_source: bool) -> Iterator[Any]:

    yield from _heading(view)
    for item in view.in_reading_order():
        if item.finding.kind is FindingKind.SINGLE_SOURCE and not show_single_source:
            continue
        yield _compact_line(view, item)
    yield from _summary(view, show_single_source)


def _compact_line(view: View, item: Item) -> _Line:
    from rich.text import Text

    kind = item.finding.kind
    sides = view.sides(item.finding)
    where = " ↔ ".join(side.where for side in sides[:2])
    if len(sides) > 2:
        where += f" (+{len(sides) - 2})"
    label = kind.value.replace("_", " ")
    return _Line(
        Text.assemble(
            (f"{label:<13}", STYLES[kind]),
            f" {item.finding.slot.value:<11} ",
            (f"{confidence_label(item.finding.confidence):<6}", "dim"),
            f" {where}  {item.headline}",
        )
    )
