"""The benchmark's generator, and blocking against all-pairs scoring (nothing here is timed)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest
from conftest import CORPUS, SEEDS

from bench.generate import (
    INJECTED_FILE,
    MANIFEST_FILE,
    Material,
    corpus_digest,
    generate_corpus,
    load_material,
    write_corpus,
)
from reconcile.align import (
    AlignedPair,
    ValuePair,
    _telling_names,
    align_claims,
    candidate_pairs,
    score_pair,
    value_pairs,
)
from reconcile.clean import clean_article, is_story_sentence
from reconcile.compare import compare_pairs
from reconcile.copies import collapse_copies
from reconcile.extract import extract_claims
from reconcile.load import load_articles
from reconcile.model import Article, Claim, Finding, FindingKind, Sentence, Settings
from reconcile.sameness import story_vocabulary
from reconcile.sentences import split_sentences

SETTINGS = Settings()
STORIES = [SEEDS, CORPUS / "lion-air-jt610-2018-10", CORPUS / "us-open-final-2018-09"]


@pytest.fixture(scope="module")
def material() -> Material:
    return load_material()


@pytest.fixture(scope="module")
def story(material: Material, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("story")
    write_corpus(generate_corpus(12, material=material), folder)
    return folder


# --- the generator ------------------------------------------------------------------------------


def test_the_same_seed_writes_the_same_bytes(material: Material, tmp_path: Path) -> None:
    first, second, other = tmp_path / "first", tmp_path / "second", tmp_path / "other"
    write_corpus(generate_corpus(12, material=material), first)
    write_corpus(generate_corpus(12, material=load_material()), second)
    write_corpus(generate_corpus(12, seed=7, material=material), other)
    assert corpus_digest(first) == corpus_digest(second)
    assert corpus_digest(first) != corpus_digest(other)


def test_material_is_every_real_article(material: Material) -> None:
    paths = {source.path for source in material.sources}
    assert paths == {
        p.relative_to(SEEDS.parent).as_posix() for story in STORIES for p in story.glob("*.txt")
    }
    assert all(source.sentences for source in material.sources)


def test_every_injected_change_is_recorded_and_in_its_article(story: Path) -> None:
    injected = json.loads((story / INJECTED_FILE).read_text(encoding="utf-8"))["injected"]
    manifest = json.loads((story / MANIFEST_FILE).read_text(encoding="utf-8"))["articles"]
    assert len(injected) >= len(manifest)  # most articles carry two, every size has some
    carried = sorted(i for lines in manifest.values() for _, _, i in lines if i is not None)
    assert carried == list(range(len(injected)))
    for number, record in enumerate(injected):
        text = (story / record["article"]).read_text(encoding="utf-8")
        assert record["changed"] in text
        assert record["original"] not in text  # never both kept and changed
        assert record["old"] != record["new"]
        start = record["original"].index(record["old"])
        rebuilt = (
            record["original"][:start]
            + record["new"]
            + record["original"][start + len(record["old"]) :]
        )
        assert rebuilt == record["changed"], "one value changed, nothing else"
        (origin,) = [o for o, _, i in manifest[record["article"]] if i == number]
        keepers = [
            name
            for name, lines in manifest.items()
            if name != record["article"] and any(o == origin and i is None for o, _, i in lines)
        ]
        assert keepers, "another article keeps the original value"


def test_the_pipeline_reads_back_the_sentences_written(story: Path) -> None:
    manifest = json.loads((story / MANIFEST_FILE).read_text(encoding="utf-8"))["articles"]
    articles, _ = load_articles([str(story)])
    assert sorted(Path(a.path).name for a in articles) == sorted(manifest)
    for article in articles:
        written = [text for _, text, _ in manifest[Path(article.path).name]]
        assert [s.text for s in _sentences(article)] == written


def test_every_article_is_a_distinct_source(story: Path) -> None:
    bodies = [p.read_text(encoding="utf-8").split("\n\n", 1)[1] for p in story.glob("*.txt")]
    assert len(set(bodies)) == len(bodies)


# --- blocking against all pairs -----------------------------------------------------------------


@pytest.mark.parametrize("folder", STORIES, ids=lambda p: p.name)
def test_blocking_finds_every_contradiction_all_pairs_finds(folder: Path) -> None:
    """Claims paired through blocking keys, and values paired through shared word families (as in
    large stories), find what pairing everything with everything finds."""
    articles, claims = _read(folder)
    blocked = _scored(candidate_pairs(claims))
    everything = _scored(
        (a, b)
        for i, a in enumerate(claims)
        for b in claims[i + 1 :]
        if a.article_id != b.article_id
    )
    assert set(blocked) <= set(everything)
    all_values = value_pairs(claims, settings=SETTINGS)
    blocked_values = value_pairs(claims, settings=dataclasses.replace(SETTINGS, max_value_group=0))
    # Blocking pairs no values that pairing in full would not (it may pair as many: both
    # drop the pairs whose measured words could never make them one measure).
    assert {_value_key(v) for v in blocked_values} <= {_value_key(v) for v in all_values}
    vocabulary = story_vocabulary(claims)
    found = _contradictions(
        compare_pairs(blocked, blocked_values, articles, settings=SETTINGS, vocabulary=vocabulary)
    )
    assert found == _contradictions(
        compare_pairs(everything, all_values, articles, settings=SETTINGS, vocabulary=vocabulary)
    )


def test_align_counts_the_pairs_it_scores(story: Path) -> None:
    _, claims = _read(story)
    counts: dict[str, int] = {}
    aligned = align_claims(claims, settings=SETTINGS, counts=counts)
    candidates = candidate_pairs(claims)
    assert counts == {"scored": len(candidates)}
    assert _fields(aligned) == _fields(_scored(candidates))


# --- helpers ------------------------------------------------------------------------------------


def _read(folder: Path) -> tuple[tuple[Article, ...], tuple[Claim, ...]]:
    """The articles of a folder and the claims the pipeline aligns: one per repeated clause."""
    articles, _ = load_articles([str(folder)])
    claims = [
        claim for article in articles for claim in extract_claims(article, _sentences(article))
    ]
    return articles, collapse_copies(claims).representatives


def _sentences(article: Article) -> list[Sentence]:
    return [
        s for s in split_sentences(article, clean_article(article)) if is_story_sentence(s.text)
    ]


def _scored(candidates: Iterable[tuple[Claim, Claim]]) -> list[AlignedPair]:
    """The pairs align_claims keeps: a score above the threshold, or one telling name."""
    pairs = [score_pair(a, b) for a, b in candidates]
    pairs = [
        p
        for p in pairs
        if p.score >= SETTINGS.align_threshold or _telling_names(p.a) & _telling_names(p.b)
    ]
    pairs.sort(key=lambda p: (-p.score, p.a.id, p.b.id))
    return pairs


def _fields(pairs: Sequence[AlignedPair]) -> list[tuple[object, ...]]:
    return [
        (p.a.id, p.b.id, p.score, p.wording, p.shared_entities, p.place_conflict) for p in pairs
    ]


def _contradictions(findings: Sequence[Finding]) -> list[tuple[object, ...]]:
    return sorted(
        (
            f.kind.value,
            f.slot.value,
            f.reason,
            f.confidence,
            tuple((e.claim.id, e.value) for e in f.evidence),
        )
        for f in findings
        if f.kind in (FindingKind.CONTRADICTION, FindingKind.UPDATE)
    )


def _value_key(value: ValuePair) -> tuple[str, int, str, int]:
    return (value.a.id, value.fact_a.start, value.b.id, value.fact_b.start)
