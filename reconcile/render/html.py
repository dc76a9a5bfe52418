"""Report -> one self-contained HTML page to share (``--format html``).

No script and no network: styles and charts are inline.  Findings stand side by
side with the differing values marked in each sentence; a table tells per
source how many of its claims are corroborated, contradicted or alone; every
updated figure has a timeline chart.  The filters (kind, slot, source) are
checkboxes and radio buttons styled by CSS, so they work with JavaScript off;
without CSS the page is plain sections, one per kind.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from html import escape

from reconcile.model import FindingKind, Report
from reconcile.render.json import tool_version
from reconcile.render.timeline import Point, timeline_svg
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

_CSS = """
:root { --contradiction: #b3261e; --update: #9a5b00; --quote_drift: #7b1fa2;
  --agreement: #1b6e3a; --single_source: #1e4f9c; --ink: #1d1d1f; --muted: #5f6368;
  --line: #d9d9de; --paper: #fff; --wash: #f6f6f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: var(--wash); }
header.page, main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 0; }
h1 { font-size: 1.5rem; margin: .5rem 0; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .75rem; border-bottom: 2px solid var(--line); }
.counts { display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; list-style: none; }
.counts li { background: var(--paper); border: 1px solid var(--line); border-radius: 1rem;
  padding: .1rem .75rem; }
.counts li.none { color: var(--muted); }
.toggle { position: absolute; opacity: 0; pointer-events: none; }
.filters { display: grid; gap: .35rem; margin: .75rem 0; }
.filters div { display: flex; flex-wrap: wrap; gap: .35rem; align-items: center; }
.filters b { width: 4.5rem; font-size: .85rem; color: var(--muted); }
.filters label { cursor: pointer; border: 1px solid var(--line); border-radius: .35rem;
  padding: .05rem .5rem; background: var(--paper); color: var(--muted);
  text-decoration: line-through; font-size: .9rem; }
.filters .one-of label { text-decoration: none; }
table { border-collapse: collapse; width: 100%; background: var(--paper); font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td code { overflow-wrap: anywhere; }
td.id, td.date { white-space: nowrap; }
td.path { min-width: 18rem; }
main > section:first-child h2 { margin-top: .5rem; }
.finding { background: var(--paper); border: 1px solid var(--line); border-left: 6px solid;
  border-radius: .4rem; margin: 0 0 1rem; padding: .6rem .9rem; }
.finding header { display: flex; flex-wrap: wrap; gap: .75rem; font-size: .85rem;
  color: var(--muted); }
.finding header .id { margin-left: auto; font-family: ui-monospace, monospace; }
.slot { font-weight: 600; color: var(--ink); }
.confidence.high { color: var(--agreement); } .confidence.low { color: var(--contradiction); }
.headline { font-weight: 600; font-size: 1.05rem; margin: .25rem 0 .5rem; }
.sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
  gap: .75rem; }
.side { margin: 0; padding: .5rem .75rem; background: var(--wash); border-radius: .3rem; }
.side .where { margin: 0 0 .25rem; font-size: .85rem; color: var(--muted); }
.side .where b { color: var(--ink); }
.side p.sentence { margin: 0; }
mark { padding: 0 .15rem; border-radius: .2rem; font-weight: 600; }
.kind-contradiction mark, .kind-update mark { background: #fbd5d2; color: #7a1410; }
.kind-quote_drift mark { background: #ecd5f5; color: #4a0f63; }
.kind-agreement mark { background: #d3efd9; color: #0f4524; }
.timeline { display: block; margin: .75rem 0 0; max-width: 100%; height: auto; }
.timeline .axis { stroke: var(--line); stroke-width: 1.5; }
.timeline .trend { fill: none; stroke: var(--update); stroke-width: 2; }
.timeline .range { stroke: var(--update); stroke-width: 6; stroke-opacity: .3;
  stroke-linecap: round; }
.timeline circle { fill: var(--update); }
.timeline text { font-size: 11px; fill: var(--muted); }
.timeline text.value { fill: var(--ink); font-weight: 600; }
details { background: var(--paper); border: 1px solid var(--line); border-radius: .4rem;
  padding: .5rem .9rem; }
details li.finding { border: 0; border-radius: 0; background: none; margin: .3rem 0;
  padding: 0; }
footer { color: var(--muted); font-size: .8rem; margin: 2rem 0 1rem; }
"""


def render_html(report: Report) -> str:
    """The whole page as text, newline-terminated."""
    view = View.of(report)
    counts = view.counts()
    title = f"reconcile: {_attention(view)} · {plural(counts['sources'], 'source')}"
    body = [
        *_toggles(view),
        '<header class="page">',
        f"<h1>{escape(title)}</h1>",
        *_counts(view),
        *_filters(view),
        "</header>",
        "<main>",
        *_sources(view),
        *_findings(view),
        f"<footer>Made by reconcile {escape(tool_version())}. Offline: this page loads nothing"
        " and runs no script.</footer>",
        "</main>",
    ]
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="reconcile {escape(tool_version())}">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}{_filter_css(view)}</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, *body, "</body>", "</html>"]) + "\n"


def _attention(view: View) -> str:
    shown = [
        kind_count(kind, len(view.of_kind(kind)))
        for kind in KIND_ORDER[:3]
        if view.of_kind(kind) or kind is FindingKind.CONTRADICTION
    ]
    return ", ".join(shown)


# --- filters: inputs first, so CSS sibling selectors can reach the labels and the findings ---


def _kinds(view: View) -> list[FindingKind]:
    return [kind for kind in KIND_ORDER if view.of_kind(kind)]


def _slots(view: View) -> list[str]:
    return sorted({item.finding.slot.value for item in view.items})


def _toggles(view: View) -> Iterator[str]:
    for kind in _kinds(view):
        yield f'<input class="toggle" type="checkbox" id="k-{kind.value}" checked>'
    for slot in _slots(view):
        yield f'<input class="toggle" type="checkbox" id="s-{slot}" checked>'
    yield '<input class="toggle" type="radio" name="source" id="src-all" checked>'
    for article in view.report.articles:
        yield (
            f'<input class="toggle" type="radio" name="source" '
            f'id="src-{view.source_ids[article.id]}">'
        )


def _filters(view: View) -> Iterator[str]:
    yield '<nav class="filters" aria-label="Filter findings">'
    yield "<div><b>Kind</b>"
    for kind in _kinds(view):
        count = len(view.of_kind(kind))
        yield f'<label for="k-{kind.value}">{KIND_HEADINGS[kind]} ({count})</label>'
    yield "</div>"
    slots = Counter(item.finding.slot.value for item in view.items)
    yield "<div><b>Slot</b>"
    for slot in _slots(view):
        yield f'<label for="s-{slot}">{escape(slot)} ({slots[slot]})</label>'
    yield "</div>"
    yield '<div class="one-of"><b>Source</b><label for="src-all">all</label>'
    for article in view.report.articles:
        short = view.source_ids[article.id]
        name = escape(view.lexicon.names[article.id])
        yield f'<label for="src-{short}" title="{escape(article.path)}">{name}</label>'
    yield "</div></nav>"


def _filter_css(view: View) -> str:
    """Per filter: hide what it excludes, and show its label as chosen when it is."""
    rules = []
    chosen = "{ text-decoration: none; color: var(--ink); border-color: var(--ink); }"
    focus = "{ outline: 2px solid var(--single_source); outline-offset: 1px; }"
    ids = [f"k-{kind.value}" for kind in _kinds(view)] + [f"s-{slot}" for slot in _slots(view)]
    ids += ["src-all"] + [f"src-{view.source_ids[a.id]}" for a in view.report.articles]
    for name in ids:
        rules.append(f'#{name}:checked ~ header label[for="{name}"] {chosen}')
        rules.append(f'#{name}:focus-visible ~ header label[for="{name}"] {focus}')
    for kind in _kinds(view):
        rules.append(
            f"#k-{kind.value}:not(:checked) ~ main .kind-{kind.value} {{ display: none; }}"
        )
    for slot in _slots(view):
        rules.append(f"#s-{slot}:not(:checked) ~ main .slot-{slot} {{ display: none; }}")
    for article in view.report.articles:
        short = view.source_ids[article.id]
        rules.append(f"#src-{short}:checked ~ main .finding:not(.src-{short}) {{ display: none; }}")
    rules += _empty_section_css(view)
    for kind in FindingKind:
        rules.append(f".kind-{kind.value} {{ border-left-color: var(--{kind.value}); }}")
    return "\n" + "\n".join(rules) + "\n"


def _empty_section_css(view: View) -> list[str]:
    """Hide a kind's heading too when every finding under it is filtered out by slot or source."""
    rules = []
    for kind in _kinds(view):
        items = view.of_kind(kind)
        # Inputs come in document order, so one sibling chain can require all of them unchecked.
        slots = sorted({item.finding.slot.value for item in items})
        chain = " ~ ".join(f"#s-{slot}:not(:checked)" for slot in slots)
        rules.append(f"{chain} ~ main section.kind-{kind.value} {{ display: none; }}")
        involved = {view.source_ids[e.claim.article_id] for i in items for e in i.finding.evidence}
        for article in view.report.articles:
            short = view.source_ids[article.id]
            if short not in involved:
                rules.append(
                    f"#src-{short}:checked ~ main section.kind-{kind.value} {{ display: none; }}"
                )
    return rules


# --- sections ----------------------------------------------------------------------------------


def _counts(view: View) -> Iterator[str]:
    counts = view.counts()
    yield '<ul class="counts">'
    for kind in KIND_ORDER:
        count = counts[kind.value]
        css = "" if count else ' class="none"'
        text = escape(kind_count(kind, count))
        yield (
            f'<li{css}><a href="#{kind.value}">{text}</a></li>'
            if count
            else f"<li{css}>{text}</li>"
        )
    details = [plural(counts["claims"], "claim")]
    if counts["skipped"]:
        details.append(f"{plural(counts['skipped'], 'input')} skipped")
    if counts["hidden"]:
        details.append(f"{plural(counts['hidden'], 'finding')} left out by filters")
    for detail in details:
        yield f'<li class="none">{escape(detail)}</li>'
    yield "</ul>"


def _sources(view: View) -> Iterator[str]:
    tally = _tally(view)
    yield '<section id="sources"><h2>Sources</h2>'
    yield (
        "<table><thead><tr><th>id</th><th>source</th><th>date</th><th>file</th>"
        "<th>corroborated</th><th>contradicted</th><th>updated</th><th>quote drift</th>"
        "<th>alone</th></tr></thead><tbody>"
    )
    for article in view.report.articles:
        counts = tally[article.id]
        name = escape(short_name(article))
        if view.is_reference(article):
            name += " <b>(reference)</b>"
        date = article.date.isoformat() if article.date else ""
        cells = "".join(
            f'<td class="n">{counts[kind]}</td>'
            for kind in (
                FindingKind.AGREEMENT,
                FindingKind.CONTRADICTION,
                FindingKind.UPDATE,
                FindingKind.QUOTE_DRIFT,
                FindingKind.SINGLE_SOURCE,
            )
        )
        yield (
            f'<tr id="source-{view.source_ids[article.id]}"><td class="id">'
            f"<code>{view.source_ids[article.id]}</code></td><td>{name}</td>"
            f'<td class="date">{date}</td><td class="path"><code>{escape(article.path)}</code>'
            f"</td>{cells}</tr>"
        )
    yield "</tbody></table>"
    yield (
        "<p>Claims of each source that appear in a finding of that kind: corroborated by"
        " another source, contradicted by one, a figure updated over time, a quotation"
        " worded differently, or said by this source alone.</p>"
    )
    for copy, original in view.report.duplicates:
        yield (
            f"<p>Note: <code>{escape(view.articles[copy].path)}</code> is an identical copy of"
            f" <code>{escape(view.articles[original].path)}</code>; counted once.</p>"
        )
    yield "</section>"


def _tally(view: View) -> dict[str, Counter[FindingKind]]:
    """Per article: distinct claims in findings of each kind."""
    claims: dict[str, defaultdict[FindingKind, set[str]]] = {
        a.id: defaultdict(set) for a in view.report.articles
    }
    for item in view.items:
        for evidence in item.finding.evidence:
            claims[evidence.claim.article_id][item.finding.kind].add(evidence.claim.id)
    return {
        article_id: Counter({kind: len(ids) for kind, ids in kinds.items()})
        for article_id, kinds in claims.items()
    }


def _findings(view: View) -> Iterator[str]:
    for kind in KIND_ORDER:
        items = view.of_kind(kind)
        if not items:
            continue
        yield f'<section id="{kind.value}" class="kind-{kind.value}">'
        yield f"<h2>{KIND_HEADINGS[kind]} ({len(items)})</h2>"
        if kind is FindingKind.SINGLE_SOURCE:
            yield from _single_sources(view, items)
        else:
            for item in items:
                yield from _finding(view, item)
        yield "</section>"


def _classes(view: View, item: Item) -> str:
    sources = sorted({view.source_ids[e.claim.article_id] for e in item.finding.evidence})
    return " ".join(
        [
            "finding",
            f"kind-{item.finding.kind.value}",
            f"slot-{item.finding.slot.value}",
            *(f"src-{s}" for s in sources),
        ]
    )


def _finding(view: View, item: Item) -> Iterator[str]:
    finding = item.finding
    label = confidence_label(finding.confidence)
    yield f'<article class="{_classes(view, item)}" id="f-{item.id}">'
    yield (
        f'<header><span class="slot">{escape(finding.slot.value)}</span>'
        f'<span class="confidence {label}" title="How sure reconcile is that these sentences'
        f' speak of the same thing">confidence {escape(confidence_text(finding.confidence))}'
        f'</span><a class="id" href="#f-{item.id}">{item.id}</a></header>'
    )
    yield f'<p class="headline">{escape(item.headline)}</p>'
    sides = view.sides(finding)
    yield '<div class="sides">'
    for side in sides:
        yield _side(view, side, highlights(side, sides, finding.kind))
    yield "</div>"
    if finding.kind is FindingKind.UPDATE:
        yield _timeline(view, item, sides)
    yield "</article>"


def _side(view: View, side: Side, marks: list[tuple[int, int]]) -> str:
    article = side.article
    date = f" · {article.date.isoformat()}" if article.date else ""
    reference = " (reference)" if view.is_reference(article) else ""
    sentence = side.evidence.claim.sentence.text
    return (
        f'<blockquote class="side"><p class="where"><b>{escape(short_name(article))}</b>'
        f'{reference}{date} · <code title="{escape(side.location)}">{escape(side.where)}</code>'
        f'</p><p class="sentence">{_marked(sentence, marks)}</p></blockquote>'
    )


def _marked(text: str, marks: list[tuple[int, int]]) -> str:
    """``text`` escaped, with each range inside ``<mark>``."""
    out, at = [], 0
    for start, end in sorted(marks):
        if start < at:
            continue
        out += [escape(text[at:start]), "<mark>", escape(text[start:end]), "</mark>"]
        at = end
    out.append(escape(text[at:]))
    return "".join(out)


def _timeline(view: View, item: Item, sides: list[Side]) -> str:
    points = []
    for side in sides:
        evidence = side.evidence
        fact = next(
            (
                f
                for f in evidence.claim.facts
                if f.start == evidence.value_start and f.end == evidence.value_end
            ),
            None,
        )
        points.append(
            Point(
                date=side.article.date,
                source=view.lexicon.names[side.article.id],
                value=evidence.value,
                low=fact.low if fact else None,
                high=fact.high if fact else None,
            )
        )
    return timeline_svg(points, title=f"Timeline: {item.headline}")


def _single_sources(view: View, items: list[Item]) -> Iterator[str]:
    count = plural(len(items), "claim")
    yield f"<details><summary>{count} that only one source makes (open to list)</summary><ul>"
    for item in items:
        (side,) = view.sides(item.finding)[:1]
        name = escape(view.lexicon.names[side.article.id])
        yield (
            f'<li class="{_classes(view, item)}"><b>{name}</b> <code>{escape(side.where)}</code>'
            f" {escape(side.evidence.claim.sentence.text)}</li>"
        )
    yield "</ul></details>"
