"""An archive across machines: split into stories, then reconcile each story, on Dask.

    reconcile archive news/2019-03/ wire.jsonl -o stories.jsonl
    reconcile archive news/ --scheduler tcp://10.0.0.5:8786 -o stories.jsonl

The client lists the inputs (file paths, or line offsets of ``.jsonl`` files) and never
holds their text.  Workers read chunks of articles and send back hashed features
(``stories.Sketch``, about a kilobyte an article); the client splits them into stories
with the same code as ``reconcile PATHS`` (``stories.cluster``); each story is then one
task, which reads its own articles, reconciles them alone and returns one JSON line.
Lines are written as stories finish.  A worker holds one chunk or one story at a time,
so its memory is bounded by the largest story, not by the archive.

Dask is an optional extra (``pip install 'reconcile[archive]'``); ``story_lines`` runs
the same steps in this process without it, which is what the tests compare against.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from reconcile.load import load_articles
from reconcile.model import Article, Report, Settings, Story, make_article
from reconcile.pipeline import InputError, reconcile_articles
from reconcile.render.json import SCHEMA_VERSION, finding_json, sources_json, stories_json
from reconcile.render.view import View
from reconcile.stories import (
    Sketch,
    cluster,
    describe,
    feature_id,
    one_story_unless_several,
    read_features,
    story_id,
)

CHUNK_ARTICLES = 200
"""Articles read per feature task: large enough that scheduling costs little beside the
reading (about 2 ms an article), small enough to spread an archive over many workers."""
ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm"})
JSONL_SUFFIX = ".jsonl"
MISSING_DASK = "reconcile archive needs Dask: pip install 'reconcile[archive]'"


@dataclass(frozen=True, slots=True)
class Ref:
    """Where one article of the archive is, without its text."""

    path: str
    """A file of one article, or a ``.jsonl`` file of many."""
    line: int = 0
    """For a ``.jsonl`` file: the 1-based line of the article; 0 for a file of one."""
    offset: int = 0
    """For a ``.jsonl`` file: the byte offset of that line."""

    @property
    def key(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


class ArchiveError(Exception):
    """The archive cannot be read (no article found, a malformed JSON line)."""


# --- listing and reading -------------------------------------------------------------------------


def list_refs(inputs: Sequence[str]) -> list[Ref]:
    """Every article under ``inputs`` (files, folders, ``.jsonl`` files), in key order."""
    refs: list[Ref] = []
    for root in sorted(set(inputs)):
        if os.path.isdir(root):
            for folder, dirs, files in os.walk(root):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        refs.extend(_refs_of(os.path.join(folder, name)))
        elif os.path.exists(root):
            refs.extend(_refs_of(root))
        else:
            raise ArchiveError(f"no such file or directory: {root}")
    if not refs:
        raise ArchiveError("no article found in " + ", ".join(inputs))
    return sorted(refs, key=lambda r: r.key)


def _refs_of(path: str) -> list[Ref]:
    suffix = os.path.splitext(path)[1].lower()
    if suffix == JSONL_SUFFIX:
        refs = []
        offset = 0
        with open(path, "rb") as stream:
            for number, line in enumerate(stream, start=1):
                if line.strip():
                    refs.append(Ref(path, number, offset))
                offset += len(line)
        return refs
    return [Ref(path)] if suffix in ARTICLE_SUFFIXES else []


def read_article(ref: Ref, default_date: dt.date | None = None) -> Article | None:
    """The article a reference points to, or None if it is not readable."""
    if ref.line:
        return read_jsonl_article(ref, default_date)
    articles, _ = load_articles([ref.path], default_date=default_date)
    return articles[0] if articles else None


def read_jsonl_article(ref: Ref, default_date: dt.date | None = None) -> Article | None:
    """One line of a ``.jsonl`` archive as an article.

    A line is an object with the article's ``text`` and optionally its ``source`` (the
    outlet's name), ``date`` (YYYY-MM-DD) and ``id`` (shown as its path; else
    ``file.jsonl:line``).  This reader is the archive's own seam: the loader does not
    read JSON Lines yet; when it does, this should call it.
    """
    with open(ref.path, "rb") as stream:
        stream.seek(ref.offset)
        line = stream.readline()
    try:
        record = json.loads(line)
    except ValueError as error:
        raise ArchiveError(f"{ref.key}: not a JSON object ({error})") from None
    if not isinstance(record, dict):
        raise ArchiveError(f"{ref.key}: not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    date = default_date
    if isinstance(record.get("date"), str):
        try:
            date = dt.date.fromisoformat(record["date"][:10])
        except ValueError:
            date = default_date
    source = record.get("source")
    return make_article(
        id="a1",
        path=str(record.get("id") or ref.key),
        name=str(source) if source else os.path.basename(ref.key),
        text=text.replace("\r\n", "\n").replace("\r", "\n"),
        date=date,
    )


def sketch_chunk(refs: Sequence[Ref], default_date: dt.date | None = None) -> list[Sketch]:
    """Hashed features of each readable article of a chunk (a worker's first task)."""
    sketches = []
    for ref in refs:
        article = read_article(ref, default_date)
        if article is not None:
            features = dataclasses.replace(read_features(article), key=ref.key)
            sketches.append(Sketch.of(features))
    return sketches


# --- one story -----------------------------------------------------------------------------------


def story_line(refs: Sequence[Ref], idf: dict[int, float], settings: Settings) -> str:
    """Read a story's articles, reconcile them alone and return its JSON line."""
    found = [(ref, read_article(ref, settings.default_date)) for ref in refs]
    ordered = sorted(((ref, a) for ref, a in found if a is not None), key=lambda item: item[1].path)
    articles = [dataclasses.replace(a, id=f"a{n}") for n, (_, a) in enumerate(ordered, start=1)]
    features = [read_features(a) for a in articles]
    names = {f: idf.get(feature_id(f), 1.0) for item in features for f, _ in item.counts}
    group = describe(features, tuple(range(len(articles))), names)
    note = "shares too little with any other article" if len(articles) == 1 else ""
    report = Report(articles=tuple(articles), skipped=(), findings=())
    if not note:
        try:
            # One process a story: the archive's workers share out the stories, and a
            # Dask worker is a daemon process, which may not start workers of its own.
            one_process = dataclasses.replace(settings, jobs=1)
            report = reconcile_articles(articles, settings=one_process)
        except InputError as error:
            note = str(error)
    story = Story(
        id=story_id(articles),
        articles=tuple(a.id for a in articles),
        names=group.names,
        reasons=group.reasons,
        claims_count=report.claims_count,
        note=note,
    )
    view = View.of(dataclasses.replace(report, stories=(story,)))
    record = {
        "type": "story",
        "schema_version": SCHEMA_VERSION,
        "story": stories_json(view)[0],
        "sources": sources_json(view),
        "findings": [finding_json(view, item) for item in view.items],
    }
    return json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n"


# --- the whole archive ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Plan:
    """The stories of an archive: each a list of references, with the IDF of its features."""

    stories: tuple[tuple[Ref, ...], ...]
    idf: tuple[dict[int, float], ...]


def plan_stories(refs: Sequence[Ref], sketches: Sequence[Sketch]) -> Plan:
    """Split the archive's sketches into stories (the same split as ``reconcile PATHS``)."""
    import math
    from collections import Counter

    by_key = {r.key: r for r in refs}
    sketches = sorted(sketches, key=lambda s: s.key)
    if not sketches:
        raise ArchiveError("no readable article in the archive")
    groups = one_story_unless_several(cluster(sketches), len(sketches))
    frequency: Counter[int] = Counter(i for s in sketches for i in s.ids)
    total = len(sketches)
    stories, idfs = [], []
    for group in groups:
        members = [sketches[i] for i in group]
        stories.append(tuple(by_key[s.key] for s in members))
        ids = {i for s in members for i in s.ids}
        idfs.append({i: math.log((1 + total) / (1 + frequency[i])) + 1 for i in ids})
    return Plan(tuple(stories), tuple(idfs))


def story_lines(inputs: Sequence[str], settings: Settings | None = None) -> Iterator[str]:
    """The archive's JSON lines computed in this process, story by story (no Dask)."""
    settings = settings or Settings()
    refs = list_refs(inputs)
    sketches = sketch_chunk(refs, settings.default_date)
    plan = plan_stories(refs, sketches)
    for story, idf in zip(plan.stories, plan.idf, strict=True):
        yield story_line(story, idf, settings)


def run_archive(
    inputs: Sequence[str],
    write: Callable[[str], None],
    *,
    settings: Settings | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    processes: bool = True,
    tell: Callable[[str], None] = lambda message: None,
    before_close: Callable[[Any], None] | None = None,
) -> int:
    """Split and reconcile an archive on Dask; ``write`` gets each story's line as it ends.

    ``scheduler`` is the address of a running Dask scheduler; without it a local cluster of
    ``workers`` single-threaded workers is started and stopped here.  Returns the number
    of stories.
    """
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as error:
        raise ArchiveError(MISSING_DASK) from error
    settings = settings or Settings()
    refs = list_refs(inputs)
    tell(f"{len(refs)} articles listed")
    cluster_: Any = None
    if scheduler is None:
        cluster_ = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
        )
    client = Client(cluster_ if cluster_ is not None else scheduler)
    try:
        chunks = [refs[i : i + CHUNK_ARTICLES] for i in range(0, len(refs), CHUNK_ARTICLES)]
        futures = client.map(sketch_chunk, chunks, default_date=settings.default_date, pure=False)
        sketches = [s for part in client.gather(futures) for s in part]
        plan = plan_stories(refs, sketches)
        tell(f"{len(sketches)} articles in {len(plan.stories)} stories")
        jobs = [
            client.submit(story_line, story, idf, settings, pure=False)
            for story, idf in zip(plan.stories, plan.idf, strict=True)
        ]
        for future in as_completed(jobs):
            write(future.result())
            future.release()
        if before_close is not None:  # the benchmark asks the workers for their peak memory
            before_close(client)
        return len(plan.stories)
    finally:
        client.close()
        if cluster_ is not None:
            cluster_.close()
