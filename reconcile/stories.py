"""Which articles tell one story: split a folder before reconciling each story apart.

Each article is read for what makes a story its own: the names of people and
organisations, places, and figures (numbers of ten or more, or with a unit:
"189", "2018", "40m"), counted over its text (``read_features``).  Weighted by
TF-IDF (a name every article mentions tells nothing) and compared by cosine
similarity, two articles published more than ``WINDOW_DAYS`` apart count as
unrelated.  The stories are the clusters of scipy's average-linkage
hierarchy, cut where a group's articles share on average less than
``MIN_MEAN_SIMILARITY`` with the other group's.

That is computed on a sparse graph, so it scales to an archive: two groups
whose mean similarity reaches the cut have at least one pair of articles that
does, so the connected parts of the graph of such pairs hold whole stories,
and the (quadratic) hierarchy is built inside each part only.

A single story stays a single story: unless at least two groups of two or
more articles come out, every article is kept in one story, as before.

A feature only one article has is left out: it links nothing and would only dilute
that article's similarities (a one-line article's byline outweighing the story's names).

Measured on every story folder of the repository mixed in one folder (52
stories, 205 articles; ``make eval-split``): purity 0.99, adjusted Rand index
0.99, the same without the dates; the one merge is two stories of one diplomacy,
one of them undated (a minister's visit and the earlier summit it keeps recalling).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from reconcile.entities import MentionKind, NameBook, find_mentions, tokenize
from reconcile.model import Article, Finding, InputWarning, Report, Settings, Skipped, Story
from reconcile.numbers import find_quantities
from reconcile.pipeline import (
    POOL_MIN_ARTICLES,
    InputError,
    Progress,
    finding_order,
    read_inputs,
    reconcile_articles,
    worker_count,
)
from reconcile.places import place_for_key
from reconcile.workers import forked_each, forked_map

WINDOW_DAYS = 60
"""Articles dated further apart than this are not of one story.  The longest story of the
test folders (a transplant announced, the patient discharged, his death) spans 52 days; on
the 124 mixed folders a window of 60 days scores ARI 0.990 (on 120 of them, 10 days scored
0.980 with three stories cut in two by time, 31 days 0.987)."""
MIN_MEAN_SIMILARITY = 0.25
"""The cut of the hierarchy: two groups join when their articles' TF-IDF cosine similarity
is at least this on average.  On the mixed test folders, dated, 0.15 to 0.25 give the same
split (0.3 cuts a story in two); undated, 0.25 is the best (0.2 merges the two Boeing 737
MAX crashes, 0.15 five pairs of related stories)."""
MIN_ARTICLES_TO_SPLIT = 4
"""Fewer articles than this are one story: two stories need two articles each."""
MIN_FIGURE = 10
"""Figures below this ("two", "5") are in every story; larger ones and those with a
unit ("189", "2018", "40m") tell stories apart."""
MAX_PART = 4000
"""Articles linked into one connected part above this are cut with a stricter link first:
the hierarchy inside a part holds a dense matrix (4,000 articles: 128 MB)."""
STRICTEST_LINK = 0.9
"""The link a part too large for the hierarchy is cut at, at most (see ``MAX_PART``)."""
BLOCK_ROWS = 1024
"""Rows of the similarity product computed at a time, bounding its memory."""
HASH_BITS = 30
"""Features are hashed to column numbers (so workers need not agree on a vocabulary);
at 2**30 columns a collision between two of a million features is rare and harmless."""
SHOWN_NAMES = 3
"""Names given for a story and for why an article joined it."""

# Sentences, roughly: names are read per sentence, whose first word is a name only if
# the article capitalises it elsewhere.  Runs on the raw text, so hard-wrapped lines
# or page furniture the cleaner would cut still give their names.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“‘(\[]?[A-Z0-9])")
_NAME_KINDS = frozenset(
    {
        MentionKind.PERSON,
        MentionKind.ORGANISATION,
        MentionKind.PLACE,
        MentionKind.DEMONYM,
        MentionKind.DESIGNATION,
    }
)


@dataclass(frozen=True, slots=True)
class Features:
    """What the split reads of one article."""

    key: str
    """The article's path (or archive reference): the order the split works in."""
    date: dt.date | None
    counts: tuple[tuple[str, int], ...]
    """Feature -> times mentioned, sorted: ``person:anna berg``, ``place:city:lyon``,
    ``n:189``."""


@dataclass(frozen=True, slots=True)
class Group:
    """Articles of one story as the split found them, before reconciling."""

    members: tuple[int, ...]
    """Positions in the sequence given to ``split``, ascending."""
    names: tuple[str, ...]
    reasons: tuple[str, ...]
    """Why each member is here, in the order of ``members``."""


def _features_of(articles: Sequence[Article], settings: Settings) -> list[Features]:
    """``read_features`` of each article, in worker processes when there are many."""
    return forked_map(
        _features_between, articles, len(articles), worker_count(settings, len(articles))
    )


def _features_between(articles: Sequence[Article], start: int, stop: int) -> list[Features]:
    return [read_features(article) for article in articles[start:stop]]


def read_features(article: Article) -> Features:
    """The names, places and figures of an article, counted."""
    body = " ".join(article.text[article.body_start :].split())
    sentences = [s for s in _SENTENCE_END.split(body) if s]
    capitalised = frozenset(
        token.text for s in sentences for token in tokenize(s)[1:] if token.text[:1].isupper()
    )
    book = NameBook(capitalised=capitalised)
    counts: Counter[str] = Counter()
    for sentence in sentences:
        for mention in find_mentions(sentence, 0, sentence_start=True, names=book):
            if mention.kind in _NAME_KINDS:
                counts[f"{mention.kind.value}:{mention.key}"] += 1
        for quantity in find_quantities(sentence):
            if quantity.low >= MIN_FIGURE or quantity.unit:
                counts[f"n:{quantity.low:g}{quantity.unit}"] += 1
    return Features(article.path, article.date, tuple(sorted(counts.items())))


def feature_id(feature: str) -> int:
    """A stable column number for a feature, the same in every process."""
    digest = hashlib.blake2b(feature.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> (64 - HASH_BITS)


@dataclass(frozen=True, slots=True)
class Sketch:
    """Features as numbers: what an archive's workers send back instead of the text."""

    key: str
    date: int
    """Proleptic ordinal of the date, 0 if unknown."""
    ids: tuple[int, ...]
    counts: tuple[int, ...]

    @classmethod
    def of(cls, features: Features) -> Sketch:
        merged: Counter[int] = Counter()
        for feature, count in features.counts:
            merged[feature_id(feature)] += count
        ids = tuple(sorted(merged))
        date = features.date.toordinal() if features.date else 0
        return cls(features.key, date, ids, tuple(merged[i] for i in ids))


def cluster(sketches: Sequence[Sketch]) -> list[tuple[int, ...]]:
    """Positions of ``sketches`` grouped into stories, whatever their order.

    Groups come largest first, then by the first member's key; a lone article is a
    group of its own.  Order-independent: the work is done in key order.
    """
    import numpy as np
    from scipy.sparse.csgraph import connected_components

    order = sorted(range(len(sketches)), key=lambda i: sketches[i].key)
    ordered = [sketches[i] for i in order]
    matrix = _tfidf(ordered)
    dates = np.array([s.date for s in ordered], dtype=np.int64)
    graph = _links(matrix, dates, MIN_MEAN_SIMILARITY)
    parts, labels = connected_components(graph, directed=False)
    members: list[list[int]] = [[] for _ in range(parts)]
    for row, label in enumerate(labels):
        members[label].append(row)
    groups: list[list[int]] = []
    for part in members:
        groups.extend(_cut_part(matrix, dates, part, MIN_MEAN_SIMILARITY))
    result = [tuple(sorted(order[row] for row in group)) for group in groups]
    return sorted(result, key=lambda g: (-len(g), min(sketches[i].key for i in g)))


def one_story_unless_several(groups: list[tuple[int, ...]], count: int) -> list[tuple[int, ...]]:
    """Keep every article in one story unless two groups of two or more came out.

    A folder of one story with an odd article out (a stub, a page of noise) stays one
    story, as it was before the split existed.
    """
    if sum(1 for g in groups if len(g) >= 2) < 2:
        return [tuple(range(count))]
    return groups


def split(features: Sequence[Features]) -> list[Group]:
    """The stories among ``features``, each with its telling names and each member's reason."""
    if len(features) < MIN_ARTICLES_TO_SPLIT:
        groups = [tuple(range(len(features)))]
    else:
        sketches = [Sketch.of(f) for f in features]
        groups = one_story_unless_several(cluster(sketches), len(features))
    weights = idf_of(features)
    return [describe(features, group, weights) for group in groups]


def idf_of(features: Sequence[Features]) -> dict[str, float]:
    """Inverse document frequency of each feature, smoothed as scikit-learn does."""
    frequency: Counter[str] = Counter(f for item in features for f, _ in item.counts)
    total = len(features)
    return {f: math.log((1 + total) / (1 + df)) + 1 for f, df in frequency.items()}


def describe(features: Sequence[Features], group: tuple[int, ...], idf: dict[str, float]) -> Group:
    """Name a group by what its articles share most, and say why each article is in it."""
    if len(group) == 1:
        return Group(group, _readable_top(dict(features[group[0]].counts), idf), ("alone",))
    holders: Counter[str] = Counter()
    weight: Counter[str] = Counter()
    for member in group:
        for feature, count in features[member].counts:
            holders[feature] += 1
            weight[feature] += (1 + math.log(count)) * idf.get(feature, 1.0)
    score = {f: w for f, w in weight.items() if holders[f] >= 2 and _readable(f)}
    reasons = []
    for member in group:
        mine = {f: score[f] for f, _ in features[member].counts if f in score}
        shown = _top(mine)
        wanted = {_readable(f) for f in mine if _readable(f) in shown}
        others = sum(
            1
            for other in group
            if other != member and wanted & {_readable(f) for f, _ in features[other].counts}
        )
        reasons.append(
            f"shares {', '.join(shown)} with {_how_many(others, len(group) - 1)}"
            if shown
            else "shares only common names with the others"
        )
    return Group(group, _top(score), tuple(reasons))


def _how_many(sharing: int, others: int) -> str:
    """'the other', 'all 3 others' or '2 of the 3 others', as a person would say it."""
    if others == 1:
        return "the other" if sharing else "none of the others"
    return f"all {others} others" if sharing == others else f"{sharing} of the {others} others"


def _readable_top(counts: dict[str, int], idf: dict[str, float]) -> tuple[str, ...]:
    return _top({f: n * idf.get(f, 1.0) for f, n in counts.items() if _readable(f)})


def _top(score: dict[str, float]) -> tuple[str, ...]:
    ranked = sorted(score, key=lambda f: (-score[f], f))
    names: list[str] = []
    for feature in ranked:
        name = _readable(feature)
        words = set(name.lower().split())
        # "Jt 610" says nothing "Flight Jt 610" has not said.
        if not any(
            words <= set(n.lower().split()) or set(n.lower().split()) <= words for n in names
        ):
            names.append(name)
        if len(names) == SHOWN_NAMES:
            break
    return tuple(names)


def _readable(feature: str) -> str:
    """``person:anna berg`` -> ``Anna Berg``; a place by its name; ``n:189`` -> ``189``."""
    kind, _, key = feature.partition(":")
    if kind == "n":
        return key
    if key.startswith("place:"):
        place = place_for_key(key)
        return place.name if place else ""
    return key.title()


def _tfidf(sketches: Sequence[Sketch]) -> Any:
    """Rows of sublinear TF times smoothed IDF, each of unit length (a CSR matrix)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    lengths = [len(s.ids) for s in sketches]
    columns = np.fromiter((i for s in sketches for i in s.ids), dtype=np.int64)
    counts = np.fromiter((c for s in sketches for c in s.counts), dtype=np.float64)
    # Column numbers are hashes; renumber the ones in use so the matrix is narrow.
    used, columns = np.unique(columns, return_inverse=True)
    indptr = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    frequency = np.bincount(columns, minlength=len(used))
    idf = np.log((1 + len(sketches)) / (1 + frequency)) + 1
    # A feature of one article links it to nothing and only dilutes its similarities:
    # a one-line article's own byline name would outweigh the story's names.
    idf[frequency < 2] = 0.0
    values = (1 + np.log(counts)) * idf[columns]
    matrix = csr_matrix((values, columns, indptr), shape=(len(sketches), len(used)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return csr_matrix(matrix.multiply(1 / norms[:, None]))


def _links(matrix: Any, dates: Any, floor: float) -> Any:
    """The sparse graph of pairs at least ``floor`` similar and dated within the window."""
    import numpy as np
    from scipy.sparse import coo_matrix

    rows, cols = [], []
    transposed = matrix.T.tocsr()
    for start in range(0, matrix.shape[0], BLOCK_ROWS):
        block = (matrix[start : start + BLOCK_ROWS] @ transposed).tocoo()
        keep = block.data >= floor - 1e-9
        r, c = block.row[keep] + start, block.col[keep]
        near = _within_window(dates[r], dates[c])
        rows.append(r[near])
        cols.append(c[near])
    r, c = np.concatenate(rows), np.concatenate(cols)
    size = matrix.shape[0]
    return coo_matrix((np.ones(len(r), dtype=np.int8), (r, c)), shape=(size, size)).tocsr()


def _within_window(a: Any, b: Any) -> Any:
    import numpy as np

    return (a == 0) | (b == 0) | (np.abs(a - b) <= WINDOW_DAYS)


def _cut_part(matrix: Any, dates: Any, part: list[int], floor: float) -> list[list[int]]:
    """Average-linkage clusters of one connected part, cut at ``MIN_MEAN_SIMILARITY``."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial.distance import squareform

    if len(part) == 1:
        return [part]
    if len(part) > MAX_PART:
        # Too many to hold densely: split the part at a stricter link, then cut each piece.
        # A part still whole at a link of 0.9 is thousands of near copies: one story.
        if floor >= STRICTEST_LINK:
            return [part]
        stricter = min(STRICTEST_LINK, (floor + 1) / 2)
        sub = matrix[part]
        graph = _links(sub, dates[part], stricter)
        count, labels = connected_components(graph, directed=False)
        pieces: list[list[int]] = [[] for _ in range(count)]
        for row, label in enumerate(labels):
            pieces[label].append(part[row])
        return [g for piece in pieces for g in _cut_part(matrix, dates, piece, stricter)]
    sub = matrix[part]
    similarity = (sub @ sub.T).toarray()
    near = _within_window(dates[part][:, None], dates[part][None, :])
    distance = np.clip(1 - np.where(near, similarity, 0.0), 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, 1 - MIN_MEAN_SIMILARITY, criterion="distance")
    found: dict[int, list[int]] = {}
    for row, label in zip(part, labels, strict=True):
        found.setdefault(int(label), []).append(row)
    return list(found.values())


# --- reconciling story by story ------------------------------------------------------------------


def run_stories(
    inputs: Sequence[str | os.PathLike[str] | Article],
    settings: Settings | None = None,
    *,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> Report:
    """``reconcile.run``, story by story: load, split, reconcile each story apart."""
    settings = settings or Settings()
    loaded = read_inputs(inputs, settings=settings, stdin=stdin, progress=progress)
    return reconcile_stories(
        loaded.articles,
        loaded.skipped,
        settings=settings,
        progress=progress,
        warnings=loaded.warnings,
    )


def reconcile_stories(
    articles: Sequence[Article],
    skipped: Sequence[Skipped] = (),
    *,
    settings: Settings,
    progress: Progress | None = None,
    warnings: Sequence[InputWarning] = (),
) -> Report:
    """Split the articles into stories and reconcile each apart, in one report.

    One story: exactly ``reconcile_articles``.  Several: each story is reconciled as if
    its articles had been given alone, so no finding crosses stories, and the report
    lists the stories (``Report.stories``) with why each article went where.
    """
    groups = split(_features_of(articles, settings))
    if len(groups) == 1:
        return reconcile_articles(
            articles, skipped, settings=settings, progress=progress, warnings=warnings
        )
    done = _reconciled_apart(articles, groups, settings, progress)
    stories: list[Story] = []
    reports: list[Report] = []
    for group, (report, note) in zip(groups, done, strict=True):
        members = [articles[i] for i in group.members]
        if report is not None:
            reports.append(report)
        stories.append(
            Story(
                id=story_id(members),
                articles=tuple(a.id for a in members),
                names=group.names,
                reasons=group.reasons,
                claims_count=report.claims_count if report else 0,
                note=note,
            )
        )
    if not reports:
        raise InputError("no two articles tell one story: nothing to compare", skipped, warnings)
    return dataclasses.replace(
        merge_reports(articles, skipped, reports, stories), warnings=tuple(warnings)
    )


# One story's outcome: its report, or why it has none.
_Outcome = tuple[Report | None, str]


def _reconciled_apart(
    articles: Sequence[Article],
    groups: Sequence[Group],
    settings: Settings,
    progress: Progress | None,
) -> list[_Outcome]:
    """Each group's report (or why none), in the groups' order.

    A story of at least ``POOL_MIN_ARTICLES`` articles is reconciled here, its own stages
    spread over worker processes; the smaller ones, each too small for that, are
    reconciled one story per worker process at a time, largest first.  Either way a
    story's findings are those of its articles given alone.
    """
    outcomes: dict[int, _Outcome] = {}
    large = [k for k, g in enumerate(groups) if len(g.members) >= POOL_MIN_ARTICLES]
    for k in large:
        outcomes[k] = _outcome(articles, groups[k], settings, progress)
    small = sorted(
        (k for k in range(len(groups)) if k not in outcomes),
        key=lambda k: (-len(groups[k].members), k),
    )
    alone = dataclasses.replace(settings, jobs=1)  # a worker process starts no others
    jobs = worker_count(settings, sum(len(groups[k].members) for k in small))
    shared = (articles, groups, alone)
    for k, outcome in forked_each(_small_outcome, shared, small, jobs):
        outcomes[k] = outcome
        if progress:
            progress("reconciling stories", len(outcomes), len(groups))
    return [outcomes[k] for k in range(len(groups))]


def _small_outcome(shared: tuple[Sequence[Article], Sequence[Group], Settings], k: int) -> _Outcome:
    articles, groups, settings = shared
    return _outcome(articles, groups[k], settings, None)


def _outcome(
    articles: Sequence[Article], group: Group, settings: Settings, progress: Progress | None
) -> _Outcome:
    members = [articles[i] for i in group.members]
    if len(members) == 1:
        return None, "shares too little with any other article"
    try:
        return reconcile_alone(members, settings=settings, progress=progress), ""
    except InputError as error:
        return None, str(error)


def reconcile_alone(
    articles: Sequence[Article], *, settings: Settings, progress: Progress | None = None
) -> Report:
    """Reconcile one story's articles exactly as if they had been given alone.

    They are numbered ``a1``, ``a2``… in path order for the pipeline, as a run on
    their folder would number them; the report names them by their ids in the whole run.
    """
    ordered = sorted(articles, key=lambda a: a.path)
    local = [dataclasses.replace(a, id=f"a{n}") for n, a in enumerate(ordered, start=1)]
    report = reconcile_articles(local, settings=settings, progress=progress)
    back = {mine.id: theirs.id for mine, theirs in zip(local, ordered, strict=True)}
    return dataclasses.replace(
        report,
        articles=tuple(ordered),
        findings=tuple(_renamed(f, back) for f in report.findings),
        duplicates=tuple((back[a], back[b]) for a, b in report.duplicates),
    )


def _renamed(finding: Finding, ids: dict[str, str]) -> Finding:
    evidence = []
    for item in finding.evidence:
        claim = item.claim
        new = ids[claim.article_id]
        claim = dataclasses.replace(
            claim,
            id=new + claim.id.removeprefix(claim.article_id),
            article_id=new,
            sentence=dataclasses.replace(claim.sentence, article_id=new),
        )
        evidence.append(dataclasses.replace(item, claim=claim))
    return dataclasses.replace(finding, evidence=tuple(evidence))


def merge_reports(
    articles: Sequence[Article],
    skipped: Sequence[Skipped],
    reports: Iterable[Report],
    stories: Sequence[Story],
) -> Report:
    """One report of several stories' reports, findings in the pipeline's order."""
    reports = list(reports)
    findings = [f for r in reports for f in r.findings]
    return Report(
        articles=tuple(articles),
        skipped=tuple(skipped),
        findings=tuple(sorted(findings, key=finding_order)),
        claims_count=sum(r.claims_count for r in reports),
        duplicates=tuple(sorted((p for r in reports for p in r.duplicates), key=_pair_rank)),
        stories=tuple(stories),
    )


def _pair_rank(pair: tuple[str, str]) -> tuple[int, int]:
    return int(pair[0][1:]), int(pair[1][1:])


def story_id(articles: Iterable[Article]) -> str:
    """The first eight hex digits of a hash of the story's paths, sorted."""
    text = "\x1f".join(sorted(a.path for a in articles))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


# --- the several-stories warning (``--one-story``) -----------------------------------------------


MAX_WARNED_ARTICLES = 1000
"""With ``--one-story`` the user has chosen; above this many articles the check (a split
of its own, seconds on thousands of near copies) is not worth its time and is skipped."""


@dataclass(frozen=True, slots=True)
class StoryGroup:
    articles: tuple[Article, ...]
    """In path order."""
    names: tuple[str, ...]
    """Up to three names, places or figures that tell the group apart."""


def story_groups(report: Report, settings: Settings | None = None) -> list[StoryGroup]:
    """The stories the split would make of a report's articles; one group for one story.

    The same split as ``reconcile_stories``, so the warning printed with
    ``--one-story`` names the stories a run without it would report.  The articles are
    read in worker processes as the split reads them (``settings.jobs``).
    """
    articles = list(report.articles)
    if len(articles) > MAX_WARNED_ARTICLES:
        return [StoryGroup(tuple(articles), ())]
    groups = split(_features_of(articles, settings or Settings()))
    return [StoryGroup(tuple(articles[i] for i in g.members), g.names) for g in groups]


def separate_stories(groups: Sequence[StoryGroup]) -> bool:
    """Two or more groups: the split would reconcile them apart."""
    return len(groups) >= 2
