"""What an English word is: its lemma, and which verb forms it can be.

A thin, cached layer over lemminflect (its dictionary and rules for words it has
never seen), so the rest of the package asks one place: "deaths" -> "death",
"hospitalised" -> "hospitalise", "rose" may be the past of "rise".
"""

from __future__ import annotations

from functools import cache

import lemminflect

_FINITE = frozenset({"VBD", "VBZ", "VBP"})


@cache
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    lowered = word.lower()
    found = lemminflect.getAllLemmas(lowered)
    if not found and lowered.isalpha() and lowered.endswith(("ed", "ing")) and len(lowered) > 5:
        # A verb form the dictionary lacks ("capsized"): lemminflect's rules guess its lemma.
        return {"VERB": lemminflect.getAllLemmasOOV(lowered, upos="VERB")["VERB"]}
    return found


def noun_lemma(word: str) -> str | None:
    """The noun a word is a form of ("casualties" -> "casualty"), if it can be a noun.

    >>> noun_lemma("casualties"), noun_lemma("men"), noun_lemma("hospitalised")
    ('casualty', 'man', None)
    """
    nouns = _lemmas(word).get("NOUN")
    return nouns[0] if nouns else None


def as_noun(word: str) -> str | None:
    """A word as a noun's lemma, for saying what a figure counts: the dictionary's noun
    ("casualties" -> "casualty"), the word itself if the dictionary does not know it (a
    compound such as "carmaker"), None if it knows it only as another part of speech.

    >>> as_noun("casualties"), as_noun("carmaker"), as_noun("badly"), as_noun("confirmed")
    ('casualty', 'carmaker', None, None)
    """
    if not _lemmas(word):
        return word
    return noun_lemma(word)


def verb_lemma(word: str) -> str | None:
    """The verb a word is a form of ("rose" -> "rise"), if it can be a verb.

    >>> verb_lemma("rose"), verb_lemma("hospitalised"), verb_lemma("table")
    ('rise', 'hospitalise', 'table')
    """
    lemmas = _lemmas(word)
    verbs = lemmas.get("VERB") or lemmas.get("AUX")
    return verbs[0] if verbs else None


@cache
def lemma(word: str) -> str:
    """One base form for matching: the noun's if the word can be a noun, else the verb's.

    >>> lemma("deaths"), lemma("killed"), lemma("Monday")
    ('death', 'kill', 'monday')
    """
    lowered = word.lower()
    return noun_lemma(lowered) or verb_lemma(lowered) or _adjective(lowered) or lowered


def _adjective(word: str) -> str | None:
    adjectives = _lemmas(word).get("ADJ")
    return adjectives[0] if adjectives else None


@cache
def verb_tags(word: str) -> frozenset[str]:
    """The Penn tags the word can carry as a verb: "rose" -> {"VBD"}, "stands" -> {"VBZ"}.

    >>> sorted(verb_tags("rose")), sorted(verb_tags("left"))
    (['VBD'], ['VBD', 'VBN'])
    """
    lowered = word.lower()
    lemmas = _lemmas(lowered)
    tags: set[str] = set()
    for base in (*lemmas.get("VERB", ()), *lemmas.get("AUX", ())):
        inflections = lemminflect.getAllInflections(base, upos="VERB") or (
            lemminflect.getAllInflectionsOOV(base, upos="VERB")
        )
        for tag, forms in inflections.items():
            if lowered in forms:
                tags.add(tag)
    return frozenset(tags)


def only_a_verb(word: str) -> bool:
    """Whether the word can be nothing but a verb form ("decontaminates", "found")."""
    lemmas = _lemmas(word)
    return bool(lemmas) and set(lemmas) <= {"VERB", "AUX"}


def can_be_past(word: str) -> bool:
    """Whether the word can be a simple past ("rose", "announced", "were")."""
    return "VBD" in verb_tags(word)


def can_be_finite(word: str) -> bool:
    """Whether the word can be a finite verb: past, or present ("stands", "practise")."""
    return bool(verb_tags(word) & _FINITE)


def plural(noun: str) -> str:
    """The plural of a noun lemma: "pacemaker" -> "pacemakers", "casualty" -> "casualties".

    >>> plural("pacemaker"), plural("casualty"), plural("people")
    ('pacemakers', 'casualties', 'people')
    """
    forms = lemminflect.getInflection(noun, tag="NNS")
    return forms[0] if forms else noun


def gerund(verb: str) -> str:
    """The -ing form of a verb lemma: "leave" -> "leaving", "land" -> "landing".

    >>> gerund("leave"), gerund("visit")
    ('leaving', 'visiting')
    """
    forms = lemminflect.getInflection(verb, tag="VBG")
    return forms[0] if forms else verb


FAMILY = 0.9
"""Relatedness of two words of one family ("meeting" and "meet", "killed" and "death")."""


@cache
def family(word: str) -> frozenset[str]:
    """Keys two words of one family share: the word, its verb's and noun's lemmas, and the
    fate it names ("death", "killed" and "dead" all name the dead; see ``lexicon.fate_of``).

    >>> sorted(family("meeting"))
    ['meet', 'meeting']
    """
    from reconcile.lexicon import fate_of  # lexicon's tables are built with this module

    keys = {word}
    keys.update(k for k in (verb_lemma(word), noun_lemma(word)) if k)
    keys.update(f"fate:{fate}" for key in tuple(keys) if (fate := fate_of(key)))
    return frozenset(keys)


@cache
def relatedness(a: str, b: str) -> float:
    """How close two lemmas are: 1 for one lemma, ``FAMILY`` for one family, else 0.

    >>> relatedness("meet", "meet"), relatedness("meeting", "meet"), relatedness("death", "die")
    (1.0, 0.9, 0.9)
    >>> relatedness("revenue", "death")
    0.0
    """
    if a == b:
        return 1.0
    return FAMILY if family(a) & family(b) else 0.0
