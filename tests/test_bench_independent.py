"""The independent-text corpus of the benchmark: deterministic, injected changes recorded,
distinct sentences growing with the count (nothing here is timed)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import CORPUS, HELDOUT, SEEDS, WRITTEN

from bench.generate import INJECTED_FILE, MANIFEST_FILE, corpus_digest
from bench.independent import (
    KIND,
    Material,
    _made_up,
    generate_corpus,
    load_material,
    write_corpus,
)
from reconcile.clean import clean_article, is_story_sentence
from reconcile.load import load_articles
from reconcile.sentences import split_sentences


@pytest.fixture(scope="module")
def material() -> Material:
    return load_material()


@pytest.fixture(scope="module")
def story(material: Material, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("independent")
    write_corpus(generate_corpus(24, material=material), folder)
    return folder


def test_the_same_seed_writes_the_same_bytes(material: Material, tmp_path: Path) -> None:
    first, second, other = tmp_path / "first", tmp_path / "second", tmp_path / "other"
    write_corpus(generate_corpus(12, material=material), first)
    write_corpus(generate_corpus(12, material=load_material()), second)
    write_corpus(generate_corpus(12, seed=7, material=material), other)
    assert corpus_digest(first) == corpus_digest(second)
    assert corpus_digest(first) != corpus_digest(other)


OWN_SENTENCE_WORDS = 8


def test_material_is_every_tuned_story_and_no_held_out_one(material: Material) -> None:
    folders = {story.folder for story in material.stories}
    expected = {"seeds"} | {
        p.relative_to(SEEDS.parent).as_posix()
        for root in (CORPUS, WRITTEN)
        for p in root.iterdir()
        if p.is_dir()
    }
    assert folders == expected
    # Sentences long enough to be a story's own: two writers may both put "The outcome is
    # unheard of." in different stories.
    held_out = {
        s.text
        for article in load_articles([str(HELDOUT)])[0]
        for s in split_sentences(article, clean_article(article))
        if len(s.text.split()) >= OWN_SENTENCE_WORDS
    }
    assert not held_out & set(material.origins)


def test_every_injected_change_is_recorded_and_kept_elsewhere_in_its_world(story: Path) -> None:
    injected = json.loads((story / INJECTED_FILE).read_text(encoding="utf-8"))["injected"]
    manifest = json.loads((story / MANIFEST_FILE).read_text(encoding="utf-8"))
    articles = manifest["articles"]
    assert manifest["kind"] == KIND
    assert len(injected) >= len(articles) // 2
    carried = sorted(i for a in articles.values() for _, _, i in a["lines"] if i is not None)
    assert carried == list(range(len(injected)))
    changed_in_world: set[tuple[int, int]] = set()
    for number, record in enumerate(injected):
        assert record["slot"] in ("day", "count", "duration")
        text = (story / record["article"]).read_text(encoding="utf-8")
        assert record["changed"] in text
        assert record["original"] not in text
        start = record["at"]
        assert record["original"][start:].startswith(record["old"])
        rebuilt = (
            record["original"][:start]
            + record["new"]
            + record["original"][start + len(record["old"]) :]
        )
        assert rebuilt == record["changed"], "one value changed, nothing else"
        home = articles[record["article"]]
        assert home["world"] == record["world"]
        (origin,) = [o for o, _, i in home["lines"] if i == number]
        assert (origin, record["world"]) not in changed_in_world, "one change per fact a world"
        changed_in_world.add((origin, record["world"]))
        keepers = [
            name
            for name, entry in articles.items()
            if name != record["article"]
            and entry["world"] == record["world"]
            and any(o == origin and i is None for o, _, i in entry["lines"])
        ]
        assert keepers, "another article of the world keeps the value"


def test_the_pipeline_reads_back_the_sentences_written(story: Path) -> None:
    articles = json.loads((story / MANIFEST_FILE).read_text(encoding="utf-8"))["articles"]
    loaded, _ = load_articles([str(story)])
    assert sorted(Path(a.path).name for a in loaded) == sorted(articles)
    for article in loaded:
        written = [text for _, text, _ in articles[Path(article.path).name]["lines"]]
        read = [
            s.text
            for s in split_sentences(article, clean_article(article))
            if is_story_sentence(s.text)
        ]
        assert read == written


def test_worlds_of_one_story_tell_its_sentences_apart(material: Material) -> None:
    """A story retold by a second world: a sentence naming someone reads differently in
    each world (made-up names are the world's own), so distinct sentences grow with the
    count; a sentence with nothing to substitute is a copy."""
    count = sum(len(s.articles) for s in material.stories) + 12
    corpus = generate_corpus(count, material=material)
    texts: dict[int, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for variant, world in zip(corpus.articles, corpus.worlds, strict=True):
        for line in variant.lines:
            if line.injection is None:
                texts[line.origin][world].add(line.text)
    retold = [o for o, worlds in texts.items() if len(worlds) >= 2]
    assert retold
    for origin in retold:
        tellings = list(texts[origin].values())
        if any(piece.kind == "name" for piece in material.pieces[origin]):
            assert not set.intersection(*tellings)
    words = [len(v.text().split()) for v in corpus.articles]
    assert 450 <= sum(words) / len(words) <= 750


def test_made_up_names_are_never_shared() -> None:
    words = [_made_up(n) for n in range(200_000)]
    assert len(set(words)) == len(words)
