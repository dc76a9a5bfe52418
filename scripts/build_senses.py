"""Derive ``reconcile/data/senses.tsv.gz`` from WordNet 3.0 (``make data``).

Reads the WordNet database files (Debian's ``wordnet-base`` package installs them under
``/usr/share/wordnet``; any WordNet 3.0 ``dict/`` folder will do) and writes, for every
noun, verb and adjective lemma of one or two words, its most frequent senses and what
they touch: each sense's synonyms are the lemmas sharing the sense, its hypernyms are the
more general senses one step up, and its derivations are the senses of related words in
other parts of speech ("death" ~ "die", "landing" ~ "land").

``reconcile.senses`` reads the table to tell how close two words are.  WordNet 3.0 is
(c) Princeton University, distributed under the WordNet licence, which allows this use:
see https://wordnet.princeton.edu/license-and-commercial-use.

Usage: python scripts/build_senses.py [WORDNET_DIR] OUTPUT
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

SENSES_PER_LEMMA = {"n": 3, "v": 4, "a": 2}
"""Most frequent senses kept per lemma: rarer senses mostly add accidental relations
("die" as a dice cube)."""
POS_FILES = {"n": "noun", "v": "verb", "a": "adj"}
HYPERNYM_POINTERS = ("@", "@i")
DERIVATION_POINTERS = ("+", "\\", ">", "*")  # derived forms; "kill" causes "die"; entailment
SIMILAR_POINTERS = ("&",)  # adjective satellites: "dead" ~ "deceased"


def _read_synsets(
    folder: Path, pos: str
) -> dict[int, tuple[list[str], list[tuple[str, int, str]]]]:
    """offset -> (lemmas, pointers) for one part of speech."""
    synsets = {}
    with open(folder / f"data.{POS_FILES[pos]}", encoding="latin-1") as stream:
        for line in stream:
            if line.startswith(" "):
                continue  # the licence header
            fields = line.split(" | ", 1)[0].split()
            offset = int(fields[0])
            count = int(fields[3], 16)
            lemmas = [fields[4 + 2 * i].lower() for i in range(count)]
            position = 4 + 2 * count
            pointer_count = int(fields[position])
            pointers = []
            for i in range(pointer_count):
                symbol, target, target_pos = fields[position + 1 + 4 * i : position + 4 + 4 * i]
                pointers.append((symbol, int(target), "a" if target_pos == "s" else target_pos))
            synsets[offset] = (lemmas, pointers)
    return synsets


def _read_index(folder: Path, pos: str) -> dict[str, list[int]]:
    """lemma -> its synset offsets, most frequent sense first."""
    index = {}
    with open(folder / f"index.{POS_FILES[pos]}", encoding="latin-1") as stream:
        for line in stream:
            if line.startswith(" "):
                continue
            fields = line.split()
            lemma = fields[0]
            synset_count = int(fields[2])
            index[lemma] = [int(x) for x in fields[-synset_count:]]
    return index


MIN_ZIPF = 2.3
"""Words rarer than this in wordfreq's English list (about twice in 10 million words) are
left out: news rarely needs them, and they would triple the table."""


def _common(lemma: str) -> bool:
    from wordfreq import zipf_frequency

    return all(zipf_frequency(word, "en") >= MIN_ZIPF for word in lemma.split("_"))


def build(folder: Path) -> list[str]:
    synsets = {pos: _read_synsets(folder, pos) for pos in POS_FILES}
    rows = []
    for pos in POS_FILES:
        for lemma, offsets in sorted(_read_index(folder, pos).items()):
            if lemma.count("_") > 1 or not lemma.replace("_", "").replace("-", "").isalpha():
                continue
            if not _common(lemma):
                continue
            own, general, derived = [], [], []
            for offset in offsets[: SENSES_PER_LEMMA[pos]]:
                own.append(f"{pos}{offset}")
                for symbol, target, target_pos in synsets[pos][offset][1]:
                    key = f"{target_pos}{target}"
                    if symbol in HYPERNYM_POINTERS:
                        general.append(key)
                    elif symbol in DERIVATION_POINTERS or symbol in SIMILAR_POINTERS:
                        derived.append(key)
            rows.append(
                "\t".join(
                    (
                        lemma.replace("_", " "),
                        pos,
                        " ".join(dict.fromkeys(own)),
                        " ".join(dict.fromkeys(general)),
                        " ".join(dict.fromkeys(derived)),
                    )
                )
            )
    return rows


def _compact(rows: list[str]) -> list[str]:
    """Synset offsets renamed to short base-36 numbers, in order of first use: half the size."""
    names: dict[str, str] = {}

    def short(key: str) -> str:
        if key not in names:
            number, digits = len(names), ""
            while True:
                number, rest = divmod(number, 36)
                digits = "0123456789abcdefghijklmnopqrstuvwxyz"[rest] + digits
                if not number:
                    break
            names[key] = digits
        return names[key]

    compact = []
    for row in rows:
        lemma, pos, *groups = row.split("\t")
        compact.append("\t".join([lemma, pos, *(" ".join(map(short, g.split())) for g in groups)]))
    return compact


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if len(argv) > 1 else Path("/usr/share/wordnet")
    output = Path(argv[-1])
    if not (folder / "data.noun").exists():
        print(f"no WordNet database in {folder}: install Debian's wordnet-base", file=sys.stderr)
        return 2
    rows = _compact(build(folder))
    header = (
        "# lemma\tpos\tsenses\thypernyms\tderivations -- derived from WordNet 3.0 (Princeton "
        "University, WordNet licence) by scripts/build_senses.py; do not edit"
    )
    with gzip.open(output, "wt", encoding="utf-8", compresslevel=9) as stream:
        stream.write(header + "\n" + "\n".join(rows) + "\n")
    print(f"wrote {len(rows)} lemmas to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
