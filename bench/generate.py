"""Deterministic stories of N articles, built from the real articles in the repository.

The material is every article of ``MATERIAL_STORIES`` (gold files skipped), cut into
story sentences by reconcile's own stages.  Article
``i`` of a story is a variant of source article ``(i // 2) % len(sources)``:

* it keeps most of the source's sentences in order, drops a few, swaps a few
  neighbours, and appends runs of sentences from the other articles of the
  same real story (as wire round-ups do);
* it lightly rewords some sentences outside quotations ("said" -> "told
  reporters", "also"/"now"/"just" dropped), renaming no person or place;
* it carries up to ``INJECTED_PER_ARTICLE`` injected contradictions: one
  value of one sentence (a weekday, a count, a duration or a place) changed
  in this article only, while at least one other article keeps the sentence
  with its original value.

Every choice comes from ``random.Random`` seeded with the seed and the article
number, so the same seed writes the same bytes (for one version of reconcile:
the sentences and the values that can be changed are read with its stages).
Nothing is fetched.

The real material is small (ten articles, three stories, about 150 distinct
sentences), so a large story is mostly copies: 1,000 articles hold about
35,000 sentences but under 500 distinct ones.  That is the hard case for
alignment (every copy of a sentence matches every other) and the easy case
for anything that recognises copies; a story of 1,000 independently written
articles would be the opposite.

Injection sites are values the extractor reads as typed facts (an exact count
of something, a duration of something, a weekday that is not the day of the
telling, a city), each the only one of its kind in its sentence and outside
quotation marks, so that the changed sentence contradicts the original for a
careful reader.  Each change is checked by extracting the changed sentence
again.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import random
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from reconcile.clean import clean_article, is_story_sentence
from reconcile.entities import MentionKind, NameBook, find_mentions
from reconcile.extract import extract_claims
from reconcile.lexicon import STOPWORDS
from reconcile.load import load_articles
from reconcile.model import Article, Claim, Fact, Hedge, Slot, Span, make_article
from reconcile.places import lookup_place, places_compatible
from reconcile.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
SEED = 20181029

INJECTED_PER_ARTICLE = 2
KEEP = 0.9
"""Chance that a variant keeps a sentence of its source."""
SWAP = 0.08
"""Chance that two neighbouring sentences trade places."""
BORROW = 0.9
"""Chance that a variant appends a run of sentences from each other article of its story."""
BORROW_SHARE = (0.6, 0.9)
"""Length of a borrowed run, as a share of the other article's sentences."""
REWORD = 0.3
"""Chance that a sentence is reworded."""
SLOT_WEIGHTS = {"day": 3, "count": 3, "duration": 3, "place": 1}
"""How often each kind of value is chosen for an injected change, when a sentence offers it."""

INJECTED_FILE = "injected.json"
MANIFEST_FILE = "manifest.json"

_WEEKDAYS = list(calendar.day_name)
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_NUMBER = re.compile(
    r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE
)
_TELLING = re.compile(
    r"\b(?:said|says|told|tells|announced|reported|published|stated|added)\b", re.IGNORECASE
)
# Far from every story of the material.  Each sentence whose place is changed gets a city of
# its own, so two sentences changed in different articles never come to share a scene.
_OTHER_CITIES = (
    "Nairobi Lima Oslo Cairo Hanoi Madrid Ottawa Santiago Lisbon Dublin Vienna Prague Warsaw "
    "Budapest Athens Ankara Riyadh Doha Dakar Accra Lagos Kampala Lusaka Harare Quito Bogota "
    "Caracas Havana Montevideo Helsinki Stockholm Copenhagen Reykjavik Tallinn Riga Vilnius "
    "Sofia Bucharest Belgrade Zagreb"
).split()
_QUOTE_PAIR = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")
# A sentence opening with one of these leans on the sentence before it.
_LEANING = frozenset(
    "he she they it his her their its this that these those but and however then later "
    "there both".split()
)
_REWORDINGS = (
    # Not before a capitalised word: "said Latif" names the speaker, "said Sunday" the day.
    (re.compile(r"\bsaid\b(?=\s+[a-z]|[,.])"), "told reporters"),
    (re.compile(r"\s+also\b"), ""),
    (re.compile(r"\s+now\b"), ""),
    (re.compile(r"\s+just\b"), ""),
)


@dataclass(frozen=True, slots=True)
class Site:
    """A value in a sentence that an injected contradiction may change."""

    slot: str
    start: int
    end: int
    """Offsets of the value's words within the sentence."""


@dataclass(frozen=True, slots=True)
class Source:
    """One real article, cut into its story sentences."""

    path: str
    """Relative to the repository."""
    story: str
    name: str
    date: str | None
    sentences: tuple[int, ...]
    """Origin numbers (indexes into ``Material.origins``) of its sentences, in order."""


@dataclass(frozen=True, slots=True)
class Material:
    sources: tuple[Source, ...]
    origins: tuple[str, ...]
    """Every distinct real sentence; an origin number names one."""
    sites: tuple[tuple[Site, ...], ...]
    """Injection sites of each origin."""


@dataclass(frozen=True, slots=True)
class Injection:
    article: str
    """File name of the article that carries the change."""
    original: str
    changed: str
    slot: str
    old: str
    new: str
    """The value as written before and after the change."""
    source: str
    """The real article the sentence comes from."""


@dataclass
class Line:
    """One sentence of a generated article."""

    origin: int
    text: str
    injection: int | None = None
    """Index into ``Corpus.injections`` when this copy carries a changed value."""


@dataclass
class Variant:
    file: str
    name: str
    date: str | None
    lines: list[Line]

    def text(self) -> str:
        header = f"Source: {self.name}\n" + (f"Date: {self.date}\n" if self.date else "")
        return header + "\n" + "\n\n".join(_paragraphs(self.lines)) + "\n"


@dataclass
class Corpus:
    seed: int
    articles: list[Variant]
    injections: list[Injection]
    material: Material


MATERIAL_STORIES = (
    "seeds",
    "tests/corpus/lion-air-jt610-2018-10",
    "tests/corpus/us-open-final-2018-09",
)
"""The three stories the copy-heavy bench was first measured on, kept fixed so that its
figures stay comparable as stories are added to the tests."""


def load_material(root: Path = ROOT) -> Material:
    """The real articles of the repository as sentences, with their injection sites."""
    paths = [p for story in MATERIAL_STORIES for p in sorted((root / story).glob("*.txt"))]
    articles, _ = load_articles([str(p) for p in paths])
    origins: dict[str, int] = {}
    sites: list[tuple[Site, ...]] = []
    sources = []
    for article in articles:
        sentences = [
            s for s in split_sentences(article, clean_article(article)) if is_story_sentence(s.text)
        ]
        claims = extract_claims(article, sentences)
        numbers = []
        for sentence in sentences:
            if sentence.text not in origins:
                origins[sentence.text] = len(origins)
                mine = [c for c in claims if c.sentence.index == sentence.index]
                sites.append(tuple(_sites(sentence.text, sentence.start, mine)))
            numbers.append(origins[sentence.text])
        path = Path(article.path).resolve().relative_to(root.resolve())
        sources.append(
            Source(
                path=path.as_posix(),
                story=path.parent.name,
                name=article.name,
                date=article.date.isoformat() if article.date else None,
                sentences=tuple(numbers),
            )
        )
    return Material(tuple(sources), tuple(origins), tuple(sites))


def generate_corpus(count: int, *, seed: int = SEED, material: Material | None = None) -> Corpus:
    """A story of ``count`` articles (see the module docstring)."""
    material = material or load_material()
    articles: list[Variant] = []
    bodies: set[str] = set()
    for number in range(count):
        rng = random.Random(f"{seed}/{number}")
        source = material.sources[(number // 2) % len(material.sources)]
        while True:
            variant = _variant(number, source, material, rng)
            body = " ".join(line.text for line in variant.lines)
            if body not in bodies:  # an identical copy would be set aside, not compared
                bodies.add(body)
                break
        articles.append(variant)
    corpus = Corpus(seed, articles, [], material)
    _inject(corpus, random.Random(f"{seed}/inject"))
    for number, variant in enumerate(articles):
        _reword(variant, random.Random(f"{seed}/reword/{number}"))
    return corpus


def write_corpus(corpus: Corpus, folder: Path) -> None:
    """Articles as ``Source:``/``Date:`` headed text files, ``injected.json`` and a manifest."""
    write_articles(corpus, folder)
    manifest = {
        "seed": corpus.seed,
        "origins": list(corpus.material.origins),
        "articles": {
            v.file: [[line.origin, line.text, line.injection] for line in v.lines]
            for v in corpus.articles
        },
    }
    _write_json(folder / MANIFEST_FILE, manifest)


def write_articles(corpus: Any, folder: Path) -> None:
    """A corpus's articles as text files (replacing any earlier ones) and ``injected.json``:
    what both generators write alike (each writes its own manifest)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    for variant in corpus.articles:
        (folder / variant.file).write_text(variant.text(), encoding="utf-8")
    injected = {
        "seed": corpus.seed,
        "articles": len(corpus.articles),
        "injected": [asdict(i) for i in corpus.injections],
    }
    _write_json(folder / INJECTED_FILE, injected)


def corpus_digest(folder: Path) -> str:
    """One hash over every file the generator wrote, for the determinism test."""
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


# --- sites --------------------------------------------------------------------------------------


def _sites(text: str, offset: int, claims: Sequence[Claim]) -> list[Site]:
    quoted = [(m.start(), m.end()) for m in _QUOTE_PAIR.finditer(text)]
    facts = [f for c in claims for f in c.facts]
    found = []
    for fact in facts:
        start, end = fact.start - offset, fact.end - offset
        if _inside(start, end, quoted) or sum(1 for f in facts if f.slot is fact.slot) != 1:
            continue
        if fact.slot is Slot.DAY:
            # Not "Monday, Sept. 8" (the date would still say which day) nor the day of a telling.
            if (
                fact.measure.event != "report"
                and not any(f.slot is Slot.DATE for f in facts)
                and not _TELLING.search(text[max(0, start - 40) : start])
            ):
                found.append(Site("day", start, end))
        elif (
            fact.slot in (Slot.COUNT, Slot.DURATION)
            and fact.hedge is Hedge.EXACT
            and fact.low is not None
            and fact.low == fact.high
            and (fact.measure.noun or fact.measure.event)
            and fact.measure.event != "report"
            and (match := _number_in(fact.text)) is not None
            # A count of something the story is about is written in figures ("130 rescue
            # workers"); "the two men" describes more than it reports.
            and (fact.slot is Slot.DURATION or match.group()[0].isdigit())
        ):
            found.append(Site(fact.slot.value, start, end))
    # Only what the extractor itself read as a place here ("Osaka" is also a tennis player).
    read = {key for claim in claims for key in claim.places}
    places = [
        m
        for m in find_mentions(text, 0, sentence_start=True, names=NameBook())
        if m.kind is MentionKind.PLACE and m.place is not None and m.place.key in read
    ]
    if len(places) == 1 and places[0].place and places[0].place.kind == "city":
        mention = places[0]
        following = text[mention.end :].split(maxsplit=1)
        # "the Asia managing editor": a place named as a qualifier, not where anything happened.
        qualifier = bool(following) and following[0].isalpha() and following[0].islower()
        if not _inside(mention.start, mention.end, quoted) and (
            not qualifier or following[0] in STOPWORDS
        ):
            found.append(Site("place", mention.start, mention.end))
    return found


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _number_in(text: str) -> re.Match[str] | None:
    match = _NUMBER.search(text)
    if match is None:
        return None
    value = _number_value(match.group())
    return match if value is not None and value >= 2 else None


def _number_value(word: str) -> int | None:
    if word.lower() in _NUMBER_WORDS:
        return _NUMBER_WORDS.index(word.lower())
    return int(word.replace(",", "")) if word.replace(",", "").isdigit() else None


# --- composing a variant ------------------------------------------------------------------------


def _variant(number: int, source: Source, material: Material, rng: random.Random) -> Variant:
    origins = list(source.sentences)
    texts = material.origins
    kept: list[int] = []
    for index, origin in enumerate(origins):
        following = origins[index + 1] if index + 1 < len(origins) else None
        # A sentence is dropped only if the next one does not lean on it.
        droppable = index > 0 and (following is None or not _leans(texts[following]))
        if not droppable or rng.random() < KEEP:
            kept.append(origin)
    for index in range(1, len(kept) - 1):
        trio = kept[index : index + 3]
        if rng.random() < SWAP and not any(_leans(texts[o]) for o in trio):
            kept[index], kept[index + 1] = kept[index + 1], kept[index]
    for other in material.sources:
        if other.story != source.story or other is source or rng.random() >= BORROW:
            continue
        kept.extend(o for o in _borrowed_run(other, texts, rng) if o not in kept)
    stem = Path(source.path).stem
    name = f"{source.name} (bench variant {number})"
    lines = [Line(origin, texts[origin]) for origin in kept]
    return Variant(f"{number:04d}_{stem}.txt", name, source.date, lines)


def _borrowed_run(source: Source, texts: Sequence[str], rng: random.Random) -> list[int]:
    sentences = source.sentences
    length = max(2, round(len(sentences) * rng.uniform(*BORROW_SHARE)))
    starts = [i for i in range(len(sentences) - length + 1) if not _leans(texts[sentences[i]])]
    if not starts:
        return []
    start = rng.choice(starts)
    return list(sentences[start : start + length])


def _leans(text: str) -> bool:
    """Whether a sentence needs the one before it (a pronoun, a quotation going on)."""
    first = text.split(maxsplit=1)[0] if text.split() else ""
    return text[:1] in "\"“‘'" or first.lower().strip(",") in _LEANING


def _paragraphs(lines: Sequence[Line]) -> list[str]:
    """Sentences grouped two or three to a paragraph where the splitter will cut them back."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if current and (len(current) >= 3 or not _splits_back([*current, line.text])):
            paragraphs.append(" ".join(current))
            current = []
        current.append(line.text)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _splits_back(sentences: Sequence[str]) -> bool:
    text = " ".join(sentences)
    article = make_article(id="a1", path="-", name="-", text=text)
    return [s.text for s in split_sentences(article, [Span(0, len(text))])] == list(sentences)


# --- injected contradictions --------------------------------------------------------------------


def _inject(corpus: Corpus, rng: random.Random) -> None:
    """Change one value in up to INJECTED_PER_ARTICLE sentences of each article."""
    material = corpus.material
    unchanged: dict[int, int] = defaultdict(int)
    cities: dict[int, str] = {}  # origin -> the city its changed copies name
    for variant in corpus.articles:
        for line in variant.lines:
            unchanged[line.origin] += 1
    for variant in corpus.articles:
        candidates = [
            (line, site)
            for line in variant.lines
            for site in material.sites[line.origin]
            # Another article must keep the sentence as it was, or nothing contradicts it.
            if unchanged[line.origin] >= 2
        ]
        done = 0
        while candidates and done < INJECTED_PER_ARTICLE:
            slots = sorted({site.slot for _, site in candidates})
            slot = rng.choices(slots, weights=[SLOT_WEIGHTS[s] for s in slots])[0]
            line, site = rng.choice([c for c in candidates if c[1].slot == slot])
            candidates = [c for c in candidates if c[0] is not line]
            if site.slot == "place" and line.origin not in cities:
                unused = [c for c in _OTHER_CITIES if c not in cities.values()]
                cities[line.origin] = unused[0] if unused else ""
            change = _change(line.text, site, rng, cities.get(line.origin))
            if change is None:
                continue
            changed, old, new = change
            corpus.injections.append(
                Injection(
                    article=variant.file,
                    original=line.text,
                    changed=changed,
                    slot=site.slot,
                    old=old,
                    new=new,
                    source=_source_of(material, line.origin),
                )
            )
            line.text = changed
            line.injection = len(corpus.injections) - 1
            unchanged[line.origin] -= 1
            done += 1


def _source_of(material: Material, origin: int) -> str:
    return next(s.path for s in material.sources if origin in s.sentences)


def _change(
    text: str, site: Site, rng: random.Random, city: str | None = None
) -> tuple[str, str, str] | None:
    """The sentence with the site's value changed, the old and the new value; None if unsure.

    A place becomes ``city``.
    """
    old = text[site.start : site.end]
    if site.slot == "day":
        new = rng.choice([d for d in _WEEKDAYS if d != old])
    elif site.slot == "place":
        here, there = lookup_place(old), lookup_place(city or "")
        if not here or not there or city in text or places_compatible(here, there):
            return None
        new = city or ""
    else:
        match = _number_in(old)
        if match is None:
            return None
        new = old[: match.start()] + _other_number(match.group(), rng) + old[match.end() :]
    changed = text[: site.start] + new + text[site.end :]
    return (changed, old, new) if _change_is_read(text, changed, site) else None


def _other_number(word: str, rng: random.Random) -> str:
    value = _number_value(word)
    assert value is not None
    if word.lower() in _NUMBER_WORDS:
        new = rng.choice([n for n in range(2, 13) if abs(n - value) >= 2])
        spelt = _NUMBER_WORDS[new]
        return spelt.capitalize() if word[:1].isupper() else spelt
    factor = rng.choice((0.5, 0.6, 1.5, 1.6, 2.0, 2.5))
    new = max(1, round(value * factor))
    if new == value:
        new = value + 2
    return f"{new:,}" if "," in word else str(new)


def _change_is_read(original: str, changed: str, site: Site) -> bool:
    """The extractor reads the new value where the old one stood, and the two conflict."""
    before = _facts_at(original, site)
    after = _facts_at(changed, site)
    if site.slot == "place":
        old_place = lookup_place(original[site.start : site.end])
        new_place = lookup_place(changed[site.start :].split()[0].strip(".,;:"))
        before_keys, after_keys = _places(original), _places(changed)
        return (
            old_place is not None
            and new_place is not None
            and old_place.key in before_keys
            and old_place.key not in after_keys
            and new_place.key in after_keys
        )
    if len(before) != 1 or len(after) != 1:
        return False
    (old,), (new,) = before, after
    if site.slot == "day":
        return old.value != new.value
    if new.hedge is not Hedge.EXACT or (new.measure.noun, new.measure.event) != (
        old.measure.noun,
        old.measure.event,
    ):
        return False
    if None in (old.low, old.high, new.low, new.high):
        return old.value != new.value
    return new.high < old.low or old.high < new.low  # type: ignore[operator]


def _facts_at(text: str, site: Site) -> list[Fact]:
    return [
        f
        for c in _claims(text)
        for f in c.facts
        if f.slot.value == site.slot and f.start == site.start
    ]


def _places(text: str) -> set[str]:
    return {p for c in _claims(text) for p in c.places}


def _claims(text: str) -> tuple[Claim, ...]:
    article: Article = make_article(id="a1", path="-", name="-", text=text)
    return extract_claims(article, split_sentences(article, [Span(0, len(text))]))


# --- rewording ----------------------------------------------------------------------------------


def _reword(variant: Variant, rng: random.Random) -> None:
    """Light edits outside quotations that change no name and no value."""
    for line in variant.lines:
        if line.injection is not None or rng.random() >= REWORD:
            continue
        quoted = [(m.start(), m.end()) for m in _QUOTE_PAIR.finditer(line.text)]
        for pattern, replacement in rng.sample(_REWORDINGS, len(_REWORDINGS)):
            match = next(
                (m for m in pattern.finditer(line.text) if not _inside(m.start(), m.end(), quoted)),
                None,
            )
            if match is not None:
                candidate = line.text[: match.start()] + replacement + line.text[match.end() :]
                if _splits_back([candidate]):
                    line.text = candidate
                break


def _write_json(path: Path, document: object) -> None:
    text = json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
