"""``make bench``: reconcile generated stories of up to 3,000 articles and print where time goes.

Two corpora, each size generated, then reconciled in a fresh process so that its
peak memory is its own:

* copy-heavy (``bench.generate``, sizes 2 to 1,000): copies of ten real articles.  One
  table row per size: the work done, wall seconds per stage, peak RSS, and the recall
  and precision of the injected contradictions (``bench.metrics``), beside a naive
  all-pairs matcher on the sizes it can finish in a minute;
* independent text (``bench.independent``, sizes 10 to 3,000): the repository's stories
  retold with their own names, places, figures and weekdays, so distinct sentences grow
  with the count; the table and targets of issue 12 (``bench.independent_table``).

Then the seed articles are timed end to end through the command line, start-up
included, with the slowest imports.  Everything is printed and written to
``bench/results.md``.

Usage: ``python -m bench.run [--sizes 2,10,100] [--independent-sizes 10,100]
[--timeout 900] [--memory 4]``; an empty list (``--sizes ''``) skips that corpus.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import independent
from bench.generate import (
    INJECTED_FILE,
    MANIFEST_FILE,
    ROOT,
    SEED,
    generate_corpus,
    load_material,
    write_corpus,
)
from bench.independent_table import INDEPENDENT_SIZES, format_independent, independent_line
from bench.memory import PeakPss
from reconcile.pipeline import StageTimer

SIZES = (2, 10, 100, 300, 1000)
STAGES = ("load", "clean", "sentences", "extract", "align", "compare", "render")
NAIVE_LIMIT = 60.0
"""Seconds the naive all-pairs matcher may take; larger sizes are estimated, not run."""
NAIVE_ROWS = 512
"""Rows of the similarity matrix computed at a time, so its memory stays small."""
SEEDS_RUNS = 5

TARGETS = {
    "wall_1000": 20.0,
    "rss_1000_mib": 1024.0,
    "growth": 15.0,
    "seeds_seconds": 0.5,
    "recall": 0.9,
    "precision": 0.9,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="copy-heavy sizes ('' for none)"
    )
    parser.add_argument(
        "--independent-sizes",
        default=",".join(map(str, INDEPENDENT_SIZES)),
        help="independent-text sizes ('' for none)",
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results.md")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per size")
    parser.add_argument("--memory", type=float, default=4.0, help="GiB a size may use")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--naive", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--split-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child)))
        return 0
    if args.split_child:
        print(json.dumps(measure_split(args.split_child)))
        return 0
    if args.naive:
        print(json.dumps(naive_all_pairs(args.naive)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    others = [int(s) for s in args.independent_sizes.split(",") if s.strip()]
    report = run_all(
        sizes, others, args.seed, args.out, timeout=args.timeout, memory_gib=args.memory
    )
    args.results.write_text(report, encoding="utf-8")
    print(f"\nwritten to {args.results}")
    return 0


def run_all(
    sizes: Sequence[int],
    independent_sizes: Sequence[int],
    seed: int,
    out: Path,
    *,
    timeout: float,
    memory_gib: float,
) -> str:
    machine = _machine()
    _say(machine)
    material = load_material() if sizes else None
    rows: list[dict[str, Any]] = []
    naive: list[dict[str, Any]] = []
    for size in sizes:
        folder = out / f"{size:04d}"
        started = time.perf_counter()
        write_corpus(generate_corpus(size, seed=seed, material=material), folder)
        _say(f"{size} articles generated in {time.perf_counter() - started:.1f} s; reconciling…")
        row = _child(["--child", str(folder)], timeout=timeout, memory_gib=memory_gib)
        row.setdefault("articles", size)
        rows.append(row)
        naive.append(_naive_for(folder, naive))
        _say(_row_line(row))
    others = run_independent(independent_sizes, seed, out, timeout=timeout, memory_gib=memory_gib)
    seeds = time_seeds()
    imports = import_offenders()
    text = format_results(machine, rows, naive, seeds, imports, timeout, memory_gib, others)
    print()
    print(text)
    return text


def run_independent(
    sizes: Sequence[int], seed: int, out: Path, *, timeout: float, memory_gib: float
) -> list[dict[str, Any]]:
    """The independent-text corpus at each size, each reconciled in a fresh process."""
    material = independent.load_material() if sizes else None
    rows = []
    for size in sizes:
        folder = out / f"independent-{size:05d}"
        started = time.perf_counter()
        corpus = independent.generate_corpus(size, seed=seed, material=material)
        independent.write_corpus(corpus, folder)
        _say(
            f"{size} independent articles generated in {time.perf_counter() - started:.1f} s; "
            "reconciling…"
        )
        row = _child(["--child", str(folder)], timeout=timeout, memory_gib=memory_gib)
        row.setdefault("articles", size)
        row["split"] = _child(
            ["--split-child", str(folder)], timeout=timeout, memory_gib=memory_gib
        )
        rows.append(row)
        _say(independent_line(row))
    return rows


# --- one size, in a child process ---------------------------------------------------------------


def measure(folder: Path) -> dict[str, Any]:
    """Reconcile ``folder`` with a StageTimer, render it, then score the injected changes."""
    from unittest import mock

    from bench.metrics import reference_contradictions, score_independent, score_report
    from reconcile import align, copies, pipeline
    from reconcile.model import Settings
    from reconcile.render import render_json

    timer = _PeakTimer()
    manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    kind = manifest.get("kind", "copy-heavy")
    injected = json.loads((folder / INJECTED_FILE).read_text(encoding="utf-8"))["injected"]
    changed = {record["changed"] for record in injected}
    aligned: set[tuple[str, str, str, str]] = set()

    def counted(claims: Any, **options: Any) -> Any:
        # Until the pipeline hands align its timer's counts itself.
        pairs = align.align_claims(claims, **{"counts": timer.counts, **options})
        for pair in pairs:
            a, b = pair.a, pair.b
            if a.sentence.text in changed or b.sentence.text in changed:
                aligned.add((a.article_id, a.sentence.text, b.article_id, b.sentence.text))
        return pairs

    def collapsed(claims: Any) -> Any:
        timer.counts["facts"] = sum(len(claim.facts) for claim in claims)
        return copies.collapse_copies(claims)

    def paired(claims: Any, **options: Any) -> Any:
        values = align.value_pairs(claims, **options)
        timer.counts["values"] = len(values)
        return values

    started = time.perf_counter()
    with (
        PeakPss() as pss,
        mock.patch.object(pipeline, "align_claims", counted),
        mock.patch.object(pipeline, "collapse_copies", collapsed),
        mock.patch.object(pipeline, "value_pairs", paired),
    ):
        report = pipeline.reconcile_paths([str(folder)], settings=Settings(), timer=timer)
        with timer.stage("render"):
            rendered = render_json(report)
    total = time.perf_counter() - started
    workers = pipeline.worker_count(Settings(), timer.counts.get("articles", 0))
    peak_kib, worker_kib = _peaks_kib(workers)
    if kind == independent.KIND:
        score = score_independent(report, folder, aligned)
    else:
        material = load_material()
        score = score_report(report, folder, reference_contradictions(material, ROOT), aligned)
    kinds: dict[str, int] = {}
    for finding in report.findings:
        kinds[finding.kind.value] = kinds.get(finding.kind.value, 0) + 1
    return {
        "status": "ok",
        "articles": timer.counts.get("articles"),
        "sentences": timer.counts.get("sentences"),
        "claims": timer.counts.get("claims"),
        "scored": timer.counts.get("scored"),
        "pairs": timer.counts.get("pairs"),
        "values": timer.counts.get("values"),
        "facts": timer.counts.get("facts"),
        "distinct": len(
            {
                line[1]
                for lines in manifest["articles"].values()
                for line in (lines["lines"] if isinstance(lines, dict) else lines)
            }
        ),
        "words": sum(
            len(path.read_text(encoding="utf-8").split()) for path in folder.glob("*.txt")
        ),
        "notes": list(report.notes),
        "seconds": {stage: timer.seconds.get(stage, 0.0) for stage in STAGES},
        "peaks_mib": timer.peaks,
        "total": total,
        "rss_mib": _upper_bound_mib(peak_kib, workers, worker_kib),
        "pss_mib": pss.mib,
        "main_mib": peak_kib / 1024,
        "workers": workers,
        "worker_mib": worker_kib / 1024,
        "json_mib": len(rendered.encode()) / 2**20,
        "findings": kinds,
        "injected": score.injected,
        "found": score.found,
        "recall": score.recall,
        "precision": score.precision,
        "classes": score.findings,
        "places": [score.places_found, score.places],
        "missed": score.missed[:10],
        "unaligned": score.unaligned,
    }


@dataclass
class _PeakTimer(StageTimer):
    """A StageTimer that also notes the peak RSS (MiB) reached by the end of each stage."""

    peaks: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        with super().stage(name):
            yield
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.peaks[name] = max(self.peaks.get(name, 0.0), peak)


def _child(arguments: list[str], *, timeout: float, memory_gib: float) -> dict[str, Any]:
    limit = int(memory_gib * 2**30)

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    command = [sys.executable, "-m", "bench.run", *arguments]
    try:
        done = subprocess.run(
            command,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=cap,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"status": f"stopped after {timeout:.0f} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        if "MemoryError" in done.stderr:
            return {"status": f"out of memory (cap {memory_gib:g} GiB)"}
        return {"status": f"failed: {last[:80]}"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure_split(folder: Path) -> dict[str, Any]:
    """``reconcile FOLDER --format json`` as a user runs it: the folder split into stories,
    each reconciled apart (``reconcile.stories``), then rendered."""
    from reconcile.model import Settings
    from reconcile.pipeline import worker_count
    from reconcile.render import render_json
    from reconcile.stories import run_stories

    started = time.perf_counter()
    with PeakPss() as pss:
        report = run_stories([str(folder)], Settings())
        render_json(report)
    seconds = time.perf_counter() - started
    workers = worker_count(Settings(), len(report.articles))
    main_kib, worker_kib = _peaks_kib(workers)
    return {
        "status": "ok",
        "stories": len(report.stories) or 1,
        "seconds": seconds,
        "rss_mib": _upper_bound_mib(main_kib, workers, worker_kib),
        "pss_mib": pss.mib,
    }


def _peaks_kib(workers: int) -> tuple[int, int]:
    """This process's peak resident set and its largest worker's (0 with no workers), KiB."""
    main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if workers > 1 else 0
    return main, worker


def _upper_bound_mib(main_kib: int, workers: int, worker_kib: int) -> float:
    """Workers count too: as many as ran, each as large as the largest one, an upper
    bound since forked workers share pages (``bench.memory`` measures them once)."""
    return (main_kib + workers * worker_kib) / 1024


# --- the naive baseline -------------------------------------------------------------------------


def naive_all_pairs(folder: Path) -> dict[str, Any]:
    """Every sentence against every other with rapidfuzz's cdist, as align would score wording."""
    import numpy as np
    from rapidfuzz import fuzz, process

    manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    texts = [_normalise(text) for lines in manifest["articles"].values() for _, text, _ in lines]
    started = time.perf_counter()
    above = 0
    for first in range(0, len(texts), NAIVE_ROWS):
        block = process.cdist(
            texts[first : first + NAIVE_ROWS],
            texts,
            scorer=fuzz.token_set_ratio,
            workers=-1,
            dtype=np.uint8,
        )
        above += int((block >= 40).sum())
    seconds = time.perf_counter() - started
    return {"status": "ok", "sentences": len(texts), "seconds": seconds, "above": above}


def _naive_for(folder: Path, earlier: Sequence[dict[str, Any]]) -> dict[str, Any]:
    sentences = sum(
        len(lines)
        for lines in json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))[
            "articles"
        ].values()
    )
    measured = [n for n in earlier if n.get("status") == "ok" and n["seconds"] > 0.05]
    if measured:
        per_cell = measured[-1]["seconds"] / measured[-1]["sentences"] ** 2
        estimate = per_cell * sentences**2
        if estimate > NAIVE_LIMIT:
            return {"status": "estimated", "sentences": sentences, "seconds": estimate}
    return _child(["--naive", str(folder)], timeout=NAIVE_LIMIT * 3, memory_gib=4)


def _normalise(text: str) -> str:
    # As reconcile.align normalises a clause before scoring its wording.
    return " ".join("".join(ch.lower() if ch.isalnum() else " " for ch in text).split())


# --- the seeds through the command line ---------------------------------------------------------


def time_seeds() -> dict[str, Any]:
    """Wall seconds of ``reconcile seeds/ --format json``, start-up included."""
    command = [*_reconcile_command(), "seeds/", "--format", "json"]
    times = []
    for _ in range(SEEDS_RUNS):
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return {"command": " ".join(command), "best": min(times), "median": statistics.median(times)}


def import_offenders(top: int = 8) -> list[tuple[str, float, float]]:
    """(module, self ms, cumulative ms) of the slowest imports of that run."""
    command = [sys.executable, "-X", "importtime", "-m", "reconcile", "seeds/", "--format", "json"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    found = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "self [us]" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        found.append((name.strip(), int(own) / 1000, int(cumulative) / 1000))
    found.sort(key=lambda item: -item[2])
    return found[:top]


def _reconcile_command() -> list[str]:
    script = Path(sys.executable).with_name("reconcile")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reconcile"]


# --- the table ----------------------------------------------------------------------------------


def format_results(
    machine: str,
    rows: Sequence[dict[str, Any]],
    naive: Sequence[dict[str, Any]],
    seeds: dict[str, Any],
    imports: Sequence[tuple[str, float, float]],
    timeout: float,
    memory_gib: float,
    independent_rows: Sequence[dict[str, Any]] = (),
) -> str:
    head = [
        "articles",
        "sentences",
        "claims",
        "scored",
        "aligned",
        *STAGES,
        "total s",
        "peak MiB",
        "recall",
        "precision",
        "organic",
        "naive s",
        "naive/align",
    ]
    table = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for row, base in zip(rows, naive, strict=True):
        table.append("| " + " | ".join(_cells(row, base, len(head))) + " |")
    lines = [
        "# reconcile benchmark",
        "",
        machine,
        "",
        f"Reproduce: `make bench` (or `python -m bench.run`); seed {SEED}, "
        f"each size in a fresh process capped at {timeout:g} s and {memory_gib:g} GiB.",
        "",
        "## Copy-heavy (copies of ten real articles)",
        "",
        *(table if rows else ["Not run (`--sizes ''`)."]),
        "",
        "Columns: *claims* = claims extracted; *scored* = candidate pairs align scored "
        "(among one representative per clause repeated word for word); *aligned* = pairs at "
        "or above the threshold, handed to compare; stage columns are wall seconds; *peak "
        "MiB* = the main process's peak resident set plus, where worker processes ran, their "
        "number times the largest one's (an upper bound: they share pages with it); "
        "*recall* = injected day/count/duration changes found; *precision* = injected "
        "findings / (injected + false) contradiction findings; *organic* = contradiction "
        "findings between unchanged real sentences (known from the real articles + new); "
        "*naive s* = every sentence against every other with `rapidfuzz.process.cdist` "
        "(`token_set_ratio`, `workers=-1`), `~` = estimated from the previous size, not run.",
        "",
    ]
    lines += _details(rows)
    lines += [
        "",
        f"Seeds end to end: `{seeds['command']}`: best {seeds['best']:.3f} s, "
        f"median {seeds['median']:.3f} s of {SEEDS_RUNS} runs.",
        "",
        "Slowest imports (`python -X importtime`, cumulative ms / self ms):",
        "",
        *(f"- {name}: {cumulative:.1f} / {own:.1f}" for name, own, cumulative in imports),
        "",
        "Targets:",
        "",
        *_verdicts(rows, seeds),
    ]
    if independent_rows:
        lines += ["", *format_independent(independent_rows)]
    return "\n".join(lines) + "\n"


def _cells(row: dict[str, Any], base: dict[str, Any], width: int) -> list[str]:
    if row.get("status") != "ok":
        return [str(row["articles"]), row["status"], *[""] * (width - 2)]
    seconds = row["seconds"]
    classes = row["classes"]
    naive_seconds = base.get("seconds")
    if naive_seconds is None:
        naive, ratio = base.get("status", "n/a"), ""
    else:
        naive = ("~" if base["status"] == "estimated" else "") + f"{naive_seconds:.1f}"
        ratio = f"{naive_seconds / seconds['align']:.0f}×" if seconds["align"] > 0 else ""
    return [
        str(row["articles"]),
        _count(row["sentences"]),
        _count(row["claims"]),
        _count(row.get("scored")),
        _count(row.get("pairs")),
        *(f"{seconds[stage]:.2f}" for stage in STAGES),
        f"{row['total']:.2f}",
        f"{row['rss_mib']:.0f}",
        f"{row['recall']:.2f} ({row['found']}/{row['injected']})",
        f"{row['precision']:.2f}",
        f"{classes['organic_known']}+{classes['organic_new']}",
        naive,
        ratio,
    ]


def _count(value: int | None) -> str:
    return "–" if value is None else f"{value:,}"


def _details(rows: Sequence[dict[str, Any]]) -> list[str]:
    lines = []
    for row in rows:
        if row.get("status") != "ok":
            continue
        classes = row["classes"]
        found, places = row["places"]
        lines.append(
            f"- {row['articles']} articles: findings {row['findings']}; contradiction findings "
            f"injected {classes['injected']}, false {classes['false']}, organic known "
            f"{classes['organic_known']}, organic new {classes['organic_new']}; changed places "
            f"found {found}/{places}; JSON {row['json_mib']:.1f} MiB"
            + (
                f"; missed {row['injected'] - row['found']} ({row['unaligned']} never aligned "
                f"with an original copy, the rest aligned but not judged contradictory), "
                f"e.g. {row['missed'][:3]}"
                if row["missed"]
                else ""
            )
        )
    return lines


def _verdicts(rows: Sequence[dict[str, Any]], seeds: dict[str, Any]) -> list[str]:
    by_size = {row["articles"]: row for row in rows}
    big, hundred = by_size.get(1000), by_size.get(100)

    def line(name: str, holds: bool, detail: str) -> str:
        return f"- {name}: {'holds' if holds else 'FAILS'} ({detail})"

    if big is None or hundred is None:
        scale = ["- 1,000-article targets: n/a (run with sizes 100 and 1000)"]
    elif big.get("status") != "ok":
        scale = [f"- 1,000 articles ≤ 20 s, ≤ 1 GiB, growth ≤ 15: FAILS ({big['status']})"]
    else:
        growth = big["total"] / hundred["total"] if hundred.get("status") == "ok" else math.inf
        scale = [
            line(
                "1,000 articles ≤ 20 s",
                big["total"] <= TARGETS["wall_1000"],
                f"{big['total']:.1f} s",
            ),
            line(
                "1,000 articles ≤ 1 GiB",
                big["rss_mib"] <= TARGETS["rss_1000_mib"],
                f"{big['rss_mib']:.0f} MiB",
            ),
            line("time(1000)/time(100) ≤ 15", growth <= TARGETS["growth"], f"{growth:.1f}"),
        ]
    return [
        *scale,
        line(
            "seeds ≤ 0.5 s",
            seeds["best"] <= TARGETS["seeds_seconds"],
            f"best {seeds['best']:.3f} s",
        ),
        _quality("recall", rows),
        _quality("precision", rows),
    ]


def _quality(measure: str, rows: Sequence[dict[str, Any]]) -> str:
    values = ", ".join(
        f"{r['articles']}: {r[measure]:.2f}" if r.get("status") == "ok" else f"{r['articles']}: –"
        for r in rows
    )
    finished = [r for r in rows if r.get("status") == "ok"]
    if not finished:
        return f"- {measure} ≥ 0.9 at every size: n/a (no size finished)"
    low = [r for r in finished if r[measure] < TARGETS[measure]]
    if low:
        mark = "FAILS"
    elif len(finished) < len(rows):
        mark = "holds where measured; unknown where the run did not finish"
    else:
        mark = "holds"
    return f"- {measure} ≥ 0.9 at every size: {mark} ({values})"


def _row_line(row: dict[str, Any]) -> str:
    if row.get("status") != "ok":
        return f"  {row['articles']} articles: {row['status']}"
    return (
        f"  {row['articles']} articles: {row['total']:.2f} s, {row['rss_mib']:.0f} MiB, "
        f"recall {row['recall']:.2f}, precision {row['precision']:.2f}"
    )


def _machine() -> str:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"Machine: {os.cpu_count()} cores ({usable} usable), {platform.machine()}, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}, "
        f"load average {os.getloadavg()[0]:.2f} at start."
    )


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
