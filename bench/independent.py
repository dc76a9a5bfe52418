"""Deterministic stories of N independently written articles, for ``make bench``.

The copy-heavy corpus (``bench.generate``) multiplies ten real articles, so a thousand
articles hold under 500 distinct sentences.  Here distinct sentences grow with the count.

The material is every story folder of ``tests/corpus``, ``tests/written`` and the seeds
(``MATERIAL_ROOTS``; never ``tests/heldout``, which no tuning may see), cut into story
sentences by reconcile's own stages.  A corpus of N articles is a run of *worlds*: world
``w`` retells real story ``order[w mod S]`` with substitutions of its own, the same in
every sentence of the world and different from every other world:

* each word of a person's or organisation's name (and the words of a model or flight) is
  a made-up word that no other world uses ("Widodo" -> "Kamirotu");
* each country is another country, its capital that country's capital, any other city a
  city of that country, a demonym the new country's ("Indonesian" -> "Peruvian");
* each figure (not a year, a time, a day of the month, a percentage or a score) is
  multiplied by the world's factor (1.2 to 1.9) and rounded, so that figures keep their
  order; the digits of a designation ("JT610") are replaced;
* each weekday moves on by the world's shift (1 to 6 days), and the world's publication
  dates with it, so a weekday still pins the same day relative to its article.

A world has one article per real article of its story: that article's sentences (a few
dropped or swapped, as in ``bench.generate``), then runs borrowed from the story's other
articles, as outlets share wire copy, until about ``TARGET_WORDS`` words; some sentences
are lightly reworded ("said" -> "told reporters").  Articles are numbered across worlds;
the last world of a corpus may be cut short.

Each article carries at most ``INJECTED_PER_ARTICLE`` injected contradictions: one
weekday, count or duration of one sentence changed in this article only, while at least
one other article of the same world keeps that sentence with the world's value; at most
one change per sentence per world, so the value every other copy keeps is the true one.
Sites are found, and each change checked, by extracting the world's sentence again (as
``bench.generate`` does).  Every choice comes from ``random.Random`` seeded with the seed
and the world or article number: the same seed writes the same bytes (for one version of
reconcile).  Nothing is fetched.

Worlds are put in one folder and reconciled as one story (the bench calls the pipeline,
not the story split): the hard case for blocking, since figures, weekdays, countries,
events and unnamed sentences ("The plane crashed 13 minutes after take-off") recur across
worlds with other values.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from bench.generate import (
    KEEP,
    MANIFEST_FILE,
    SEED,
    SLOT_WEIGHTS,
    SWAP,
    Line,
    Variant,
    _change,
    _claims,
    _leans,
    _reword,
    _sites,
    _splits_back,
    _write_json,
    write_articles,
)
from reconcile.clean import clean_article, is_story_sentence
from reconcile.entities import MentionKind, NameBook, find_mentions, tokenize
from reconcile.extract import extract_claims
from reconcile.lexicon import ORGANISATION_WORDS, STOPWORDS, TITLES
from reconcile.load import load_articles
from reconcile.model import make_article
from reconcile.places import TABLE, country_of_demonym, lookup_place
from reconcile.score import story_folders
from reconcile.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
MATERIAL_ROOTS = ("seeds", "tests/corpus", "tests/written")
"""Where the stories come from; ``tests/heldout`` stays unseen by anything tuned."""

TARGET_WORDS = 600
"""An article borrows runs from its story's other articles until it has about this many words."""
INJECTED_PER_ARTICLE = 1
INJECTED_SLOTS = ("day", "count", "duration")
FACTOR = (1.2, 1.9)
"""Range of a world's factor for figures."""
KIND = "independent"
"""``manifest.json``'s ``kind``: how ``bench.run`` tells this corpus from the copy-heavy one."""

_DAYS = list(calendar.day_name)
_DAY = re.compile(r"\b(" + "|".join(_DAYS) + r")(?=s?\b)")
_FIGURE = re.compile(r"(?<![\w.,:/–-])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w:/%–-]|[.,]\d)")
_MONTH_BEFORE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s*$"
)
_NOT_A_COUNT_AFTER = re.compile(
    r"\s*(?:percent|per cent|a\.m\.|p\.m\.|am\b|pm\b|GMT|BST|UTC|EST|EDT|PST|ET\b|o'clock)",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s$")
_LETTERS = re.compile(r"[^\W\d_]+")
_DIGITS = re.compile(r"\d+")
_KEEP_WORDS = (
    {w.lower() for w in (*calendar.day_name, *calendar.month_name, *calendar.month_abbr) if w}
    | {"sept", "of", "de", "del", "la", "le", "al", "bin", "van", "von", "da", "du", "the"}
    | set(TITLES)
    | set(ORGANISATION_WORDS)
    | set(STOPWORDS)
)
_CONSONANTS = "bdfghjklmnprstv"
_VOWELS = "aeiou"
_SYLLABLES = [c + v for c in _CONSONANTS for v in _VOWELS]
_NAME_SPACE = len(_SYLLABLES) ** 4
_WORLD_NAMES = 4096
"""Room for each world's made-up words, so no two worlds share one."""


@dataclass(frozen=True, slots=True)
class Piece:
    """A part of a real sentence a world substitutes."""

    start: int
    end: int
    kind: str
    """``name``, ``country``, ``city``, ``demonym``, ``digits``, ``figure`` or ``day``."""
    key: str
    """What is substituted: the word folded, a country code, a city as ``code|capital|key``…"""


@dataclass(frozen=True, slots=True)
class Story:
    folder: str
    """Relative to the repository."""
    articles: tuple[tuple[str, str | None, tuple[int, ...]], ...]
    """Each real article: (outlet name, ISO date or None, origin numbers of its sentences)."""
    countries: tuple[str, ...]
    names: tuple[str, ...]
    """Folded name words of the story, sorted: a world numbers its made-up words by them."""


@dataclass(frozen=True, slots=True)
class Material:
    stories: tuple[Story, ...]
    origins: tuple[str, ...]
    """Every distinct real sentence; an origin number names one."""
    pieces: tuple[tuple[Piece, ...], ...]
    """What each origin's worlds substitute."""
    injectable: frozenset[int]
    """Origins whose real sentence offers a weekday, count or duration to change."""


@dataclass(frozen=True, slots=True)
class Injection:
    article: str
    world: int
    original: str
    """The sentence as the world tells it."""
    changed: str
    slot: str
    old: str
    new: str
    story: str
    at: int
    """Where ``old`` starts in ``original`` (it may occur there more than once)."""


@dataclass
class Corpus:
    seed: int
    articles: list[Variant]
    worlds: list[int]
    """The world of each article."""
    injections: list[Injection]
    material: Material
    named: dict[int, bool] = field(default_factory=dict)
    """Origin -> whether it names someone, so that each world's telling has a made-up name
    of that world's own (places may coincide: two worlds may move to one country)."""


def load_material(root: Path = ROOT) -> Material:
    """Every story of ``MATERIAL_ROOTS`` as sentences, with what a world substitutes in each."""
    folders = sorted(
        (f for r in MATERIAL_ROOTS for f in story_folders(root / r)),
        key=lambda f: f.relative_to(root).as_posix(),
    )
    origins: dict[str, int] = {}
    pieces: list[tuple[Piece, ...]] = []
    injectable: set[int] = set()
    stories = []
    for folder in folders:
        loaded, _ = load_articles([str(p) for p in sorted(folder.glob("*.txt"))])
        tellings = []
        countries: set[str] = set()
        names: set[str] = set()
        for article in loaded:
            sentences = [
                s
                for s in split_sentences(article, clean_article(article))
                if is_story_sentence(s.text)
            ]
            book = _name_book([s.text for s in sentences])
            claims = extract_claims(article, sentences)
            numbers = []
            for sentence in sentences:
                if sentence.text not in origins:
                    origins[sentence.text] = len(origins)
                    found = tuple(_pieces(sentence.text, book))
                    pieces.append(found)
                    mine = [c for c in claims if c.sentence.index == sentence.index]
                    if any(
                        s.slot in INJECTED_SLOTS
                        for s in _sites(sentence.text, sentence.start, mine)
                    ):
                        injectable.add(origins[sentence.text])
                number = origins[sentence.text]
                numbers.append(number)
                for piece in pieces[number]:
                    if piece.kind == "name":
                        names.add(piece.key)
                    elif piece.kind in ("country", "demonym"):
                        countries.add(piece.key)
                    elif piece.kind == "city":
                        countries.add(piece.key.split("|")[0])
            date = article.date.isoformat() if article.date else None
            tellings.append((article.name, date, tuple(numbers)))
        stories.append(
            Story(
                folder.relative_to(root).as_posix(),
                tuple(tellings),
                tuple(sorted(countries)),
                tuple(sorted(names)),
            )
        )
    return Material(tuple(stories), tuple(origins), tuple(pieces), frozenset(injectable))


def generate_corpus(count: int, *, seed: int = SEED, material: Material | None = None) -> Corpus:
    """``count`` articles in worlds (see the module docstring)."""
    material = material or load_material()
    order = list(range(len(material.stories)))
    random.Random(f"{seed}/order").shuffle(order)
    corpus = Corpus(seed, [], [], [], material)
    world = 0
    while len(corpus.articles) < count:
        story = material.stories[order[world % len(order)]]
        _World(corpus, world, story).tell(count - len(corpus.articles))
        world += 1
    corpus.named = {
        origin: any(p.kind == "name" for p in found) for origin, found in enumerate(material.pieces)
    }
    return corpus


def write_corpus(corpus: Corpus, folder: Path) -> None:
    """The articles as ``Source:``/``Date:`` headed text, ``injected.json`` and a manifest."""
    write_articles(corpus, folder)
    manifest = {
        "kind": KIND,
        "seed": corpus.seed,
        "named": [corpus.named[o] for o in range(len(corpus.material.origins))],
        "articles": {
            v.file: {
                "world": world,
                "lines": [[line.origin, line.text, line.injection] for line in v.lines],
            }
            for v, world in zip(corpus.articles, corpus.worlds, strict=True)
        },
    }
    _write_json(folder / MANIFEST_FILE, manifest)


# --- what a world substitutes -------------------------------------------------------------------


def _name_book(texts: Sequence[str]) -> NameBook:
    """Words the article capitalises inside sentences (as the extractor learns them)."""
    return NameBook(
        capitalised=frozenset(
            t.text for text in texts for t in tokenize(text)[1:] if t.text[:1].isupper()
        )
    )


def _pieces(text: str, book: NameBook) -> list[Piece]:
    """Names, places, designation digits, figures and weekdays of a sentence, in order."""
    found: list[Piece] = []
    covered: list[tuple[int, int]] = []
    for mention in find_mentions(text, 0, sentence_start=True, names=book):
        start, end = mention.start, mention.end
        if mention.kind is MentionKind.PRONOUN:
            continue
        covered.append((start, end))
        if mention.kind in (MentionKind.PLACE, MentionKind.DEMONYM) and mention.place:
            place = mention.place
            code = place.countries[0]
            if mention.kind is MentionKind.DEMONYM:
                found.append(Piece(start, end, "demonym", code))
            elif place.kind == "country":
                found.append(Piece(start, end, "country", code))
            else:
                capital = "capital" if code in place.capital_of else "city"
                found.append(Piece(start, end, "city", f"{code}|{capital}|{place.key}"))
            continue
        span = text[start:end]
        for match in _LETTERS.finditer(span):
            word = match.group()
            if len(word) < 2 or not word[0].isupper() or word.lower() in _KEEP_WORDS:
                continue
            place = lookup_place(word)
            demonym = country_of_demonym(word)
            if place is not None and place.kind == "country":
                piece = Piece(start + match.start(), start + match.end(), "country", place.key[-2:])
            elif place is None and demonym is not None:
                piece = Piece(
                    start + match.start(), start + match.end(), "demonym", demonym.key[-2:]
                )
            else:
                piece = Piece(start + match.start(), start + match.end(), "name", word.lower())
            found.append(piece)
        if mention.kind is MentionKind.DESIGNATION:
            for match in _DIGITS.finditer(span):
                found.append(
                    Piece(start + match.start(), start + match.end(), "digits", match.group())
                )
    for match in _FIGURE.finditer(text):
        start, end = match.start(), match.end()
        if any(a <= start < b for a, b in covered) or not _a_figure(text, match):
            continue
        found.append(Piece(start, end, "figure", match.group()))
    for match in _DAY.finditer(text):
        found.append(Piece(match.start(), match.end(), "day", match.group()))
    found.sort(key=lambda p: p.start)
    return found


def _a_figure(text: str, match: re.Match[str]) -> bool:
    """A count or amount to scale: not a year, a day of the month, a time or a percentage."""
    whole, decimals = match.group(1), match.group(2)
    value = float(whole.replace(",", "") + (decimals or ""))
    if value < 2 or (
        len(whole) == 4 and not decimals and 1000 <= value <= 2100
    ):  # a year, or "1" that scaled would break the grammar
        return False
    if _MONTH_BEFORE.search(text[: match.start()]):
        return False
    return not _NOT_A_COUNT_AFTER.match(text[match.end() :])


# --- the gazetteer, for places ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Country:
    code: str
    name: str
    capital: str
    demonym: str
    demonyms: str
    """Plural demonym ("Peruvians")."""


@cache
def _gazetteer() -> tuple[tuple[_Country, ...], dict[str, tuple[str, ...]]]:
    """Countries a world may move a story to, and the cities of each (checked to read back)."""
    rows: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for line in TABLE.read_text(encoding="utf-8").splitlines()[1:]:
        name, kind, code, _ = line.split("\t")
        if name.isascii():
            rows[code][kind].append(name)
    countries = []
    cities: dict[str, tuple[str, ...]] = {}
    for code in sorted(rows):
        kinds = rows[code]
        names = sorted((n for n in kinds["country"] if "," not in n), key=len)
        capitals = sorted(set(kinds["capital"]))
        demonyms = sorted(kinds["demonym"], key=len)
        if not names or len(capitals) != 1 or not demonyms:
            continue
        place, capital = lookup_place(names[0]), lookup_place(capitals[0])
        singular = demonyms[0]
        plural = next((d for d in demonyms if d.endswith("s") and d != singular), singular)
        own = country_of_demonym(singular)
        if (
            place is None
            or place.key != f"place:country:{code}"
            or capital is None
            or capital.capital_of != (code,)
            or own is None
            or own.key != place.key
        ):
            continue
        countries.append(_Country(code, names[0], capitals[0], singular, plural))
        cities[code] = tuple(sorted(set(kinds["city"]) - set(capitals)))
    return tuple(countries), cities


@cache
def _cities_of(code: str) -> tuple[str, ...]:
    """One-word cities of a country that the gazetteer places there alone."""
    found = []
    for name in _gazetteer()[1].get(code, ()):
        if not name.isalpha() or not 4 <= len(name) <= 12:
            continue
        place = lookup_place(name)
        if (
            place is not None
            and place.kind == "city"
            and place.countries == (code,)
            and not place.capital_of
        ):
            found.append(name)
    return tuple(found)


# --- a world ------------------------------------------------------------------------------------


class _World:
    """One retelling of a real story with its own names, places, figures and weekdays."""

    def __init__(self, corpus: Corpus, number: int, story: Story) -> None:
        self.corpus = corpus
        self.number = number
        self.story = story
        self.seed = corpus.seed
        rng = random.Random(f"{self.seed}/world/{number}")
        self.factor = round(rng.uniform(*FACTOR), 2)
        self.shift = rng.randint(1, 6)
        countries, _ = _gazetteer()
        free = [c for c in countries if c.code not in story.countries]
        chosen = rng.sample(free, len(story.countries))
        self.countries = dict(zip(story.countries, chosen, strict=True))
        self.names = {word: n for n, word in enumerate(story.names)}
        assert len(self.names) < _WORLD_NAMES
        self._texts: dict[int, str | None] = {}

    def tell(self, room: int) -> None:
        """Add this world's articles (at most ``room``) and their injected changes."""
        start = len(self.corpus.articles)
        for index, (outlet, date, origins) in enumerate(self.story.articles[:room]):
            number = start + index
            rng = random.Random(f"{self.seed}/article/{number}")
            lines = self._lines(index, origins, rng)
            stem = Path(self.story.folder).name[:40]
            self.corpus.articles.append(
                Variant(
                    f"{number:05d}_w{self.number:04d}_{stem}.txt",
                    f"{outlet} (world {self.number})",
                    self._date(date),
                    lines,
                )
            )
            self.corpus.worlds.append(self.number)
        mine = self.corpus.articles[start:]
        self._inject(mine, random.Random(f"{self.seed}/inject/{self.number}"))
        for offset, variant in enumerate(mine):
            _reword(variant, random.Random(f"{self.seed}/reword/{start + offset}"))

    # --- composing an article ---

    def _lines(self, index: int, origins: Sequence[int], rng: random.Random) -> list[Line]:
        texts = self.corpus.material.origins
        own = [o for o in origins if self.text(o) is not None]
        kept: list[int] = []
        for position, origin in enumerate(own):
            following = own[position + 1] if position + 1 < len(own) else None
            droppable = position > 0 and (following is None or not _leans(texts[following]))
            if not droppable or rng.random() < KEEP:
                kept.append(origin)
        for position in range(1, len(kept) - 1):
            trio = kept[position : position + 3]
            if rng.random() < SWAP and not any(_leans(texts[o]) for o in trio):
                kept[position], kept[position + 1] = kept[position + 1], kept[position]
        others = [a for n, a in enumerate(self.story.articles) if n != index]
        rng.shuffle(others)
        words = sum(len(texts[o].split()) for o in kept)
        for _, _, other in others:
            if words >= TARGET_WORDS:
                break
            run = self._run(other, kept, TARGET_WORDS - words, rng)
            kept.extend(run)
            words += sum(len(texts[o].split()) for o in run)
        return [Line(o, self.text(o) or "") for o in kept]

    def _run(
        self, origins: Sequence[int], kept: Sequence[int], words: int, rng: random.Random
    ) -> list[int]:
        """Consecutive sentences of another article, about ``words`` long, none already kept."""
        texts = self.corpus.material.origins
        usable = [o for o in origins if self.text(o) is not None and o not in kept]
        starts = [i for i, o in enumerate(usable) if not _leans(texts[o])]
        if not starts:
            return []
        run: list[int] = []
        for origin in usable[rng.choice(starts) :]:
            if sum(len(texts[o].split()) for o in run) >= words:
                break
            run.append(origin)
        return run

    def _date(self, date: str | None) -> str | None:
        if date is None:
            return None
        return (dt.date.fromisoformat(date) + dt.timedelta(days=self.shift)).isoformat()

    # --- substituting ---

    def text(self, origin: int) -> str | None:
        """The real sentence as this world tells it; None if it would not read back as one."""
        if origin not in self._texts:
            told = self._substitute(origin)
            ok = is_story_sentence(told) and _splits_back([told]) and _kept_as_a_line(told)
            self._texts[origin] = told if ok else None
        return self._texts[origin]

    def _substitute(self, origin: int) -> str:
        text = self.corpus.material.origins[origin]
        parts = []
        at = 0
        for piece in self.corpus.material.pieces[origin]:
            parts.append(text[at : piece.start])
            parts.append(self._replacement(text[piece.start : piece.end], piece))
            at = piece.end
        parts.append(text[at:])
        return "".join(parts)

    def _replacement(self, old: str, piece: Piece) -> str:
        possessive = _POSSESSIVE.search(old)
        if possessive and piece.kind in ("country", "city", "demonym"):
            return self._replacement(old[: possessive.start()], piece) + possessive.group()
        if piece.kind == "name":
            return _styled(_made_up(self.number * _WORLD_NAMES + self.names[piece.key]), old)
        if piece.kind == "country":
            return self.countries[piece.key].name
        if piece.kind == "demonym":
            country = self.countries[piece.key]
            return country.demonyms if old.endswith("s") else country.demonym
        if piece.kind == "city":
            code, capital, key = piece.key.split("|")
            country = self.countries[code]
            cities = _cities_of(country.code)
            if capital == "capital" or not cities:
                return country.capital
            return random.Random(f"{self.seed}/{self.number}/{key}").choice(cities)
        if piece.kind == "digits":
            rng = random.Random(f"{self.seed}/{self.number}/digits/{old}")
            low = 10 ** (len(old) - 1) if len(old) > 1 else 1
            return str(rng.choice([n for n in range(low, low * 10) if str(n) != old][:5000]))
        if piece.kind == "figure":
            return _scaled(old, self.factor)
        return _DAYS[(_DAYS.index(old) + self.shift) % 7]

    # --- injected contradictions ---

    def _inject(self, variants: Sequence[Variant], rng: random.Random) -> None:
        """Change one value of up to INJECTED_PER_ARTICLE sentences of each article."""
        copies = Counter(line.origin for v in variants for line in v.lines)
        changed: set[int] = set()
        for variant in variants:
            candidates = [
                line
                for line in variant.lines
                if copies[line.origin] >= 2 and line.origin in self.corpus.material.injectable
            ]
            rng.shuffle(candidates)
            done = 0
            for line in candidates:
                if done >= INJECTED_PER_ARTICLE:
                    break
                if line.origin in changed:
                    continue
                sites = [
                    s for s in _sites(line.text, 0, _claims(line.text)) if s.slot in INJECTED_SLOTS
                ]
                if not sites:
                    continue
                slots = sorted({s.slot for s in sites})
                slot = rng.choices(slots, weights=[SLOT_WEIGHTS[s] for s in slots])[0]
                site = rng.choice([s for s in sites if s.slot == slot])
                change = _change(line.text, site, rng)
                if change is None:
                    continue
                text, old, new = change
                self.corpus.injections.append(
                    Injection(
                        article=variant.file,
                        world=self.number,
                        original=line.text,
                        changed=text,
                        slot=site.slot,
                        old=old,
                        new=new,
                        story=self.story.folder,
                        at=site.start,
                    )
                )
                line.text = text
                line.injection = len(self.corpus.injections) - 1
                changed.add(line.origin)
                done += 1


def _made_up(number: int) -> str:
    """The ``number``-th made-up word: four syllables, a different word for each number."""
    number = (number * 7919 + 104_729) % _NAME_SPACE
    syllables = []
    for _ in range(4):
        number, digit = divmod(number, len(_SYLLABLES))
        syllables.append(_SYLLABLES[digit])
    word = "".join(syllables)
    if lookup_place(word) is not None:  # "Kamakura" is a city
        word += "n"
    return word


def _styled(word: str, like: str) -> str:
    return word.upper() if like.isupper() else word.capitalize()


def _scaled(figure: str, factor: float) -> str:
    """A figure times ``factor``, written as it was ("1,200" -> "1,680", "3.5" -> "4.9")."""
    whole, _, decimals = figure.partition(".")
    value = float(whole.replace(",", "") + ("." + decimals if decimals else ""))
    new = round(value * factor, len(decimals))
    if not decimals:
        text = f"{int(new):,}" if "," in whole else str(int(new))
    else:
        text = f"{new:,.{len(decimals)}f}" if "," in whole else f"{new:.{len(decimals)}f}"
    return text


def _kept_as_a_line(sentence: str) -> bool:
    """Whether the sentence, as a paragraph of its own, is story to the cleaner: a name
    substituted may shorten it into what reads as a headline or a teaser."""
    article = make_article(id="a1", path="-", name="-", text=sentence)
    return [(s.start, s.end) for s in clean_article(article)] == [(0, len(sentence))]
