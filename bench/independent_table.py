"""The independent-text table of ``make bench`` and the targets of issue 12 it checks.

Rows come from ``bench.run.measure`` on corpora of ``bench.independent``; see
``bench.metrics.score_independent`` for what counts as found and as false.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

INDEPENDENT_SIZES = (10, 100, 1000, 3000)

TARGETS = {
    "wall_1000": 20.0,
    "rss_1000_mib": 1024.0,
    "wall_3000": 60.0,
    "growth": 3.5,
    "recall": 0.9,
    "precision": 0.9,
    "json_over_facts": 1.25,
}
"""Issue 12, part 1.  ``json_over_facts``: from 1,000 to 3,000 articles the JSON may grow at
most this many times faster than the facts extracted (it should follow facts, not pairs)."""

HEAD = (
    "articles",
    "sentences",
    "distinct",
    "pairs scored",
    "value pairs",
    "extract s",
    "align s",
    "compare s",
    "total s",
    "peak RSS",
    "JSON",
    "injected found",
    "recall",
    "precision",
)


def format_independent(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The section of ``bench/results.md`` about the independent-text corpus."""
    table = ["| " + " | ".join(HEAD) + " |", "|" + "---:|" * len(HEAD)]
    table += ["| " + " | ".join(_cells(row)) + " |" for row in rows]
    return [
        "## Independent text",
        "",
        "Articles retold from every story of `seeds`, `tests/corpus` and `tests/written` "
        "(`bench/independent.py`): each world retells one real story with names, places, "
        "figures and weekdays of its own, so distinct sentences grow with the count; about "
        "600 words an article; up to one injected contradiction per article (a weekday, count "
        "or duration changed in one article's copy of a sentence other articles of its world "
        "keep). All worlds are reconciled as one story (the pipeline, not the story split).",
        "",
        *table,
        "",
        "Columns: *sentences* = sentences with claims; *distinct* = distinct sentence texts "
        "written; *pairs scored* = candidate claim pairs align scored; *value pairs* = pairs "
        "of values compare judged; stage columns are wall seconds (load, cleaning and "
        "rendering are in *total* only); *peak RSS* = the main process's maximum resident set "
        "plus, where worker processes ran, their number times the largest one's (an upper "
        "bound: forked workers share pages with the main process); *total PSS* (in the "
        "notes) = the largest sum of proportional set sizes of the process and its workers, "
        "sampled every 0.1 s (`bench/memory.py`): shared pages counted once; "
        "*JSON* = the rendered report; *injected found* = injected changes found (a finding "
        "citing the changed value and an unchanged copy from another article of its world); "
        "*precision* = injected findings / (injected + false) contradiction findings, with "
        "findings between sentences of one world (*organic*) or of worlds that the text does "
        "not set apart (*across*) counted apart (`bench/metrics.py`).",
        "",
        *_details(rows),
        "",
        *_split_lines(rows),
        "Targets (issue 12, on 2 cores):",
        "",
        *_verdicts(rows),
    ]


def _split_lines(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The same folders as a user runs them: split into stories, each reconciled apart."""
    found = [
        f"- {row['articles']:,} articles: {split['stories']:,} stories, {split['seconds']:.1f} s, "
        f"{_mib(split['rss_mib'])}; {_pss(split)}"
        for row in rows
        if (split := row.get("split", {})).get("status") == "ok"
    ]
    if not found:
        return []
    return [
        "As a user runs them (`reconcile DIR --format json`: the folder split into stories, "
        "each story reconciled apart, several at a time in worker processes; rendering "
        "included; peak RSS as above):",
        "",
        *found,
        "",
    ]


def independent_line(row: dict[str, Any]) -> str:
    """One line of progress on stderr."""
    if row.get("status") != "ok":
        return f"  {row['articles']} independent articles: {row['status']}"
    return (
        f"  {row['articles']} independent articles: {row['total']:.1f} s, "
        f"{row['rss_mib']:.0f} MiB, recall {row['recall']:.2f}, "
        f"precision {row['precision']:.2f}"
    )


def _cells(row: dict[str, Any]) -> list[str]:
    if row.get("status") != "ok":
        return [str(row["articles"]), row["status"], *[""] * (len(HEAD) - 2)]
    seconds = row["seconds"]
    return [
        f"{row['articles']:,}",
        _count(row["sentences"]),
        _count(row["distinct"]),
        _count(row["scored"]),
        _count(row["values"]),
        f"{seconds['extract']:.1f}",
        f"{seconds['align']:.1f}",
        f"{seconds['compare']:.1f}",
        f"{row['total']:.1f}",
        _mib(row["rss_mib"]),
        f"{row['json_mib']:.1f} MiB",
        f"{row['found']}/{row['injected']}",
        f"{row['recall']:.2f}",
        f"{row['precision']:.2f}",
    ]


def _count(value: int | None) -> str:
    return "–" if value is None else f"{value:,}"


def _mib(value: float) -> str:
    return f"{value / 1024:.2f} GiB" if value >= 1024 else f"{value:.0f} MiB"


def _details(rows: Sequence[dict[str, Any]]) -> list[str]:
    lines = []
    for row in rows:
        if row.get("status") != "ok":
            continue
        classes = row["classes"]
        judged = classes["injected"] + classes["false"] + classes["across"]
        strict = classes["injected"] / judged if judged else 1.0
        peaks = ", ".join(f"{stage} {peak:.0f}" for stage, peak in row["peaks_mib"].items())
        line = (
            f"- {row['articles']:,} articles ({row['words'] / row['articles']:.0f} words each): "
            f"findings {row['findings']}; contradiction findings injected "
            f"{classes['injected']}, false {classes['false']}, organic {classes['organic']}, "
            f"across {classes['across']} (precision counting *across* as false: {strict:.2f}); "
            f"facts {row['facts']:,}; peak MiB by the end of {peaks}"
        )
        if row.get("workers", 1) > 1:
            line += f"; {row['workers']} workers, the largest {row['worker_mib']:.0f} MiB"
        line += f"; {_pss(row)}"
        if row["missed"]:
            line += (
                f"; missed {row['injected'] - row['found']} ({row['unaligned']} never aligned "
                f"with an unchanged copy), e.g. {row['missed'][:3]}"
            )
        if row["notes"]:
            line += f"; note: {' '.join(row['notes'])}"
        lines.append(line)
    return lines


def _pss(row: dict[str, Any]) -> str:
    """The sampled peak of the run's total proportional set size (``bench.memory``)."""
    if row.get("pss_mib") is None:
        return "total PSS not measured (no /proc)"
    return f"total PSS {_mib(row['pss_mib'])}"


def _verdicts(rows: Sequence[dict[str, Any]]) -> list[str]:
    by_size = {row["articles"]: row for row in rows}
    ok = {size: row for size, row in by_size.items() if row.get("status") == "ok"}

    def line(name: str, holds: bool, detail: str) -> str:
        return f"- {name}: {'holds' if holds else 'FAILS'} ({detail})"

    def missing(name: str, size: int) -> str:
        row = by_size.get(size)
        if row is None:
            return f"- {name}: n/a (run with size {size:,})"
        return f"- {name}: FAILS ({row['status']})"

    verdicts = []
    thousand, three = ok.get(1000), ok.get(3000)
    if thousand:
        verdicts.append(
            line(
                "1,000 articles ≤ 20 s",
                thousand["total"] <= TARGETS["wall_1000"],
                f"{thousand['total']:.1f} s",
            )
        )
        verdicts.append(
            line(
                "1,000 articles ≤ 1 GiB",
                thousand["rss_mib"] <= TARGETS["rss_1000_mib"],
                f"{_mib(thousand['rss_mib'])} by the upper bound; {_pss(thousand)}",
            )
        )
    else:
        verdicts += [missing("1,000 articles ≤ 20 s", 1000), missing("≤ 1 GiB", 1000)]
    if three:
        verdicts.append(
            line(
                "3,000 articles ≤ 60 s",
                three["total"] <= TARGETS["wall_3000"],
                f"{three['total']:.1f} s",
            )
        )
    else:
        verdicts.append(missing("3,000 articles ≤ 60 s", 3000))
    if thousand and three:
        growth = three["total"] / thousand["total"]
        verdicts.append(
            line("time(3,000) / time(1,000) ≤ 3.5", growth <= TARGETS["growth"], f"×{growth:.1f}")
        )
        verdicts.append(_json_verdict(thousand, three, line))
    else:
        verdicts.append(missing("time(3,000) / time(1,000) ≤ 3.5", 3000 if thousand else 1000))
        verdicts.append(missing("JSON grows with facts, not pairs", 3000 if thousand else 1000))
    verdicts += [_quality("recall", rows), _quality("precision", rows)]
    return verdicts


def _json_verdict(small: dict[str, Any], large: dict[str, Any], line: Any) -> str:
    json_growth = large["json_mib"] / small["json_mib"]
    fact_growth = large["facts"] / small["facts"]
    pair_growth = (large["scored"] + large["values"]) / max(1, small["scored"] + small["values"])
    holds = json_growth <= TARGETS["json_over_facts"] * fact_growth
    return line(
        "JSON grows with facts, not pairs (1,000 → 3,000)",
        holds,
        f"JSON ×{json_growth:.1f}, facts ×{fact_growth:.1f}, pairs scored and judged "
        f"×{pair_growth:.1f}; at most ×{TARGETS['json_over_facts'] * fact_growth:.1f} allowed",
    )


def _quality(measure: str, rows: Sequence[dict[str, Any]]) -> str:
    finished = [r for r in rows if r.get("status") == "ok"]
    values = ", ".join(
        f"{r['articles']:,}: {r[measure]:.2f}"
        if r.get("status") == "ok"
        else f"{r['articles']:,}: –"
        for r in rows
    )
    if not finished:
        return f"- {measure} ≥ 0.9 at every size: n/a (no size finished)"
    if any(r[measure] < TARGETS[measure] for r in finished):
        mark = "FAILS"
    elif len(finished) < len(rows):
        mark = "holds where measured; unknown where the run did not finish"
    else:
        mark = "holds"
    return f"- {measure} ≥ 0.9 at every size: {mark} ({values})"
