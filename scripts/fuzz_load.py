"""Fuzz load -> clean -> sentences -> extract on arbitrary bytes, for a bounded time.

Any exception is a bug, except the loader's own verdict that an input is not an article
(empty, binary, no text…), which is how it reports a skipped file.  Usage::

    python scripts/fuzz_load.py                    # 60 s with hypothesis
    python scripts/fuzz_load.py --seconds 3600     # longer
    python scripts/fuzz_load.py --engine atheris --seconds 3600   # coverage-guided, if installed

The hypothesis engine runs batches of random examples, each batch with its own seed,
until the time is up; on a failure it shrinks the input, prints it, saves it as
``fuzz-crash-<hash>.bin`` and exits with status 1.  Each case is (kind, bytes):
the kind is what the file name would say (``text``, ``markdown``, ``html``, ``jsonl``,
or ``unknown`` for no extension).  Replay a saved crash with ``--replay FILE --kind KIND``.
"""

from __future__ import annotations

import argparse
import codecs
import hashlib
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as fixed_seed
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reconcile import load
from reconcile.clean import clean_article, is_story_sentence
from reconcile.extract import extract_claims
from reconcile.model import make_article
from reconcile.sentences import split_sentences

KINDS = ("text", "markdown", "html", "jsonl", "unknown")

_PREFIXES = [
    b"",
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
    codecs.BOM_UTF32_LE,
    b"<!DOCTYPE html>",
    b"<html><body><p>",
    b"<!-- c --><!-- d -->",
    b'<?xml version="1.0"?><html>',
    b'<meta charset="shift_jis">',
    b"Source: The Daily\nDate: 2018-10-07\n\n",
    b"---\ntitle: x\ndate: 2018-10-07\n---\n",
    b"```\n",
    b'{"source": "AP", "date": "2018-10-07", "text": "',
    b'{"html": "<p>',
    b"Date: Oct. 7th, 2018 10:30 EDT\r\n",
    b"\x89PNG\r\n\x1a\n",
    b"PK\x03\x04",
]
_WORDS = (
    "Pompeo Kim Jong Un Moon said met told visited on Sunday Monday October 7, 2018 at "
    "10:30 am for about two hours 189 people more than 30 to 40 metres in 2018 the a of "
    ". . , ; ? ! … \" “ ” ' ’ ( ) — - › http://x.co/a By | (@kim) \n \n\n \r\n \r <p> </p> "
    "<script> </script> <nav> &amp; &ldquo; &#8212; &#xD800; Mr. U.S. No. 8 6-4 1,200 3.5"
).split(" ")
_CODECS = ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "gb18030"]


def _encoded_text() -> st.SearchStrategy[bytes]:
    text = st.lists(st.sampled_from(_WORDS) | st.text(max_size=5), max_size=120).map(" ".join)
    return st.builds(lambda t, c: t.encode(c, errors="replace"), text, st.sampled_from(_CODECS))


def cases() -> st.SearchStrategy[tuple[str, bytes]]:
    """(kind, bytes): raw bytes, or news-like text in some encoding, behind an odd prefix."""
    body = st.binary(max_size=2000) | _encoded_text() | _encoded_text()
    data = st.builds(lambda p, b: p + b, st.sampled_from(_PREFIXES), body)
    return st.tuples(st.sampled_from(KINDS), data)


def process(kind: str, data: bytes) -> None:
    """One input through every stage up to extraction; raises only on a bug."""
    try:
        items = load._parse(data, kind)  # type: ignore[arg-type]
    except load._Unreadable:
        return  # the loader's verdict: reported as a skipped file, not a failure
    for parsed in items:
        if isinstance(parsed, load._BadRecord):
            continue  # a JSON Lines record without an article: also reported, not a failure
        article = make_article(
            id="a1",
            path="fuzz",
            name=parsed.name or "fuzz",
            text=parsed.text,
            date=parsed.date,
            body_start=parsed.body_start,
            not_prose=parsed.not_prose,
        )
        sentences = split_sentences(article, clean_article(article))
        # Every sentence, not only the story ones the pipeline keeps: a stricter test.
        extract_claims(article, sentences)
        story = [s for s in sentences if is_story_sentence(s.text)]
        extract_claims(article, story)


def fuzz(seconds: float, seed: int = 0, batch: int = 200, crash_dir: Path = Path(".")) -> int:
    """Run random cases for ``seconds``; return how many ran.  Raises on the first bug,
    after saving the failing input in ``crash_dir``."""
    stop = time.monotonic() + seconds
    ran = 0
    number = 0
    while time.monotonic() < stop:
        ran += _batch(seed + number, batch, stop, crash_dir)
        number += 1
    return ran


def _batch(batch_seed: int, examples: int, stop: float, crash_dir: Path) -> int:
    ran = 0

    @fixed_seed(batch_seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(cases())
    def run(case: tuple[str, bytes]) -> None:
        nonlocal ran
        if time.monotonic() >= stop:
            return
        kind, data = case
        try:
            process(kind, data)
        except Exception:
            _save(kind, data, crash_dir)
            raise
        ran += 1

    run()
    return ran


def _save(kind: str, data: bytes, crash_dir: Path) -> None:
    path = crash_dir / (f"fuzz-crash-{kind}-{hashlib.sha256(data).hexdigest()[:12]}.bin")
    path.write_bytes(data)
    print(f"failing input saved to {path} (kind {kind})", file=sys.stderr)


def _atheris(seconds: float) -> None:
    import atheris  # type: ignore[import-not-found]

    atheris.instrument_all()

    def run(raw: bytes) -> None:
        provider = atheris.FuzzedDataProvider(raw)
        kind = KINDS[provider.ConsumeIntInRange(0, len(KINDS) - 1)]
        process(kind, provider.ConsumeBytes(provider.remaining_bytes()))

    atheris.Setup(
        [sys.argv[0], f"-max_total_time={int(seconds)}", "-max_len=65536", "-rss_limit_mb=4096"],
        run,
    )
    atheris.Fuzz()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="time budget (default 60)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the first batch")
    parser.add_argument("--engine", choices=["hypothesis", "atheris"], default="hypothesis")
    parser.add_argument("--replay", type=Path, help="run one saved input and exit")
    parser.add_argument("--kind", choices=KINDS, default="unknown", help="kind for --replay")
    args = parser.parse_args(argv)
    if args.replay:
        process(args.kind, args.replay.read_bytes())
        print("no exception")
        return 0
    if args.engine == "atheris":
        _atheris(args.seconds)
        return 0
    started = time.monotonic()
    ran = fuzz(args.seconds, seed=args.seed)
    print(f"{ran} inputs in {time.monotonic() - started:.0f} s: no exception")
    return 0


if __name__ == "__main__":
    sys.exit(main())
