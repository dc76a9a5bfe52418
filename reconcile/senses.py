"""How close two words are in meaning, read from WordNet (``data/senses.tsv.gz``).

"fatalities" and "deaths", "hospitalised" and "admitted", "touched down" and
"landed" are different words for one thing.  The table, derived from WordNet 3.0
by ``scripts/build_senses.py``, lists each lemma's most frequent senses, the
senses one step more general (hypernyms) and the senses of related words in other
parts of speech (derivations: "death" ~ "die"; causes: "kill" -> "die").

``relatedness`` turns that into one number: 1 for the same lemma, less for
synonyms, derivations and hypernyms, 0 when WordNet links the two words in none
of these ways.  The strengths are in ``Settings`` (see ``reconcile.model``).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

SYNONYM = 0.9
"""Two words share one of their most frequent senses: "pacemaker" ~ "pacer"."""
DERIVED = 0.8
"""One word's sense is derived from, causes or entails the other's: "death" ~ "die"."""
GENERAL = 0.7
"""One word's sense is one step more general than the other's: "fatality" -> "death"."""


@dataclass(frozen=True, slots=True)
class _Senses:
    own: frozenset[str]
    general: frozenset[str]
    derived: frozenset[str]


@cache
def _rows() -> dict[str, list[str]]:
    """lemma -> its table rows, unparsed: parsing 76,000 rows up front would cost 0.3 s."""
    rows: dict[str, list[str]] = {}
    data = files("reconcile").joinpath("data/senses.tsv.gz").read_bytes()
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        lemma, _, rest = line.partition("\t")
        rows.setdefault(lemma, []).append(rest)
    return rows


@cache
def _senses(lemma: str) -> _Senses | None:
    rows = _rows().get(lemma)
    if not rows:
        return None
    own: set[str] = set()
    general: set[str] = set()
    derived: set[str] = set()
    for row in rows:  # a noun and a verb of one spelling ("land"): one entry
        _pos, senses, hypernyms, derivations = row.split("\t")
        own.update(senses.split())
        general.update(hypernyms.split())
        derived.update(derivations.split())
    return _Senses(frozenset(own), frozenset(general), frozenset(derived))


def sense_keys(lemma: str) -> frozenset[str]:
    """Keys two related lemmas share: each sense, its hypernyms and derivations.

    Any two lemmas that ``relatedness`` links share one of these keys (a blocking key
    for alignment); a few unrelated ones do too (two kinds of one thing), which the
    judgement then sets apart.
    """
    senses = _senses(lemma)
    if senses is None:
        return frozenset({lemma})
    return senses.own | senses.general | senses.derived


def known(lemma: str) -> bool:
    """Whether WordNet has the lemma (lower case, words separated by one space)."""
    return lemma in _rows()


@cache
def relatedness(a: str, b: str) -> float:
    """How close two lemmas are in meaning, from 0 (unrelated) to 1 (the same lemma).

    >>> relatedness("death", "death"), relatedness("injured", "wounded")
    (1.0, 0.8)
    >>> relatedness("death", "die"), relatedness("fatality", "death")
    (0.8, 0.7)
    >>> relatedness("death", "revenue")
    0.0
    """
    if a == b:
        return 1.0
    first, second = _senses(a), _senses(b)
    if first is None or second is None:
        return 0.0
    if first.own & second.own:
        return SYNONYM
    if first.derived & second.own or second.derived & first.own:
        return DERIVED
    if first.general & second.own or second.general & first.own:
        return GENERAL
    return 0.0
