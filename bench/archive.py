"""``make bench-archive``: ``reconcile archive`` on a generated archive, 1 and 2 workers.

    python -m bench.archive                         # 20,000 articles in 500 stories
    python -m bench.archive --articles 4000 --stories 100

The archive is one ``.jsonl`` file built from every story folder of the repository:
story ``k`` takes folder ``k mod 52`` and renames its capitalised words (names, places)
to made-up ones and shifts its figures, all the same way across its articles and
differently from every other story; its articles are the folder's, sentences dropped
and reordered, dated within four days of a day of March 2019.  Deterministic (fixed
seed); written to a temporary folder and deleted.  Prints stories per second and each
worker's peak memory (``ru_maxrss``), and how well the split found the stories.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import random
import re
import tempfile
import time
from collections import Counter
from pathlib import Path

from reconcile.archive import run_archive
from reconcile.load import load_articles
from reconcile.score import story_folders

ROOT = Path(__file__).resolve().parent.parent
ROOTS = ("tests/corpus", "tests/written", "tests/heldout", "seeds")
SEED = 12
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b")
_NUMBER = re.compile(r"\b\d{2,}\b")
_KEEP = frozenset(
    w for w in (*calendar.day_name, *calendar.month_name, "The", "This", "That", "But", "And") if w
)
_SYLLABLES = "ka lo mi ne ru sa te vo bi da fe gu ho ji ku ma no pe ri so tu".split()


def _pseudo(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def generate(path: Path, articles: int, stories: int, seed: int = SEED) -> dict[str, int]:
    """Write the archive; returns article id -> the story it was made for."""
    folders = sorted({f for r in ROOTS for f in story_folders(ROOT / r)}, key=lambda p: p.name)
    material = [load_articles([str(f)])[0] for f in folders]
    truth = {}
    with open(path, "w", encoding="utf-8") as stream:
        for story in range(stories):
            rng = random.Random(seed * 100_003 + story)
            base = material[story % len(material)]
            names: dict[str, str] = {}
            shift = rng.randint(1, 997)
            day = dt.date(2019, 3, 1) + dt.timedelta(days=rng.randint(0, 27))

            def rename(
                match: re.Match[str], names: dict[str, str] = names, rng: random.Random = rng
            ) -> str:
                word = match.group()
                if word in _KEEP:
                    return word
                if word not in names:
                    names[word] = _pseudo(rng)
                return names[word]

            count = articles // stories + (1 if story < articles % stories else 0)
            for n in range(count):
                source = base[n % len(base)]
                sentences = re.split(r"(?<=[.!?])\s+", source.text[source.body_start :])
                kept = [s for s in sentences if rng.random() > 0.15] or sentences
                for _ in range(len(kept) // 5):
                    i = rng.randrange(len(kept))
                    j = min(len(kept) - 1, i + 1)
                    kept[i], kept[j] = kept[j], kept[i]
                text = _CAPITALISED.sub(rename, " ".join(kept))
                text = _NUMBER.sub(lambda m, shift=shift: str(int(m.group()) + shift), text)
                identifier = f"s{story:04d}/a{n:03d}"
                record = {
                    "id": identifier,
                    "source": f"{_CAPITALISED.sub(rename, source.name)}",
                    "date": (day + dt.timedelta(days=rng.randint(0, 3))).isoformat(),
                    "text": text,
                }
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                truth[identifier] = story
    return truth


def _peak_rss() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def measure(path: Path, workers: int) -> tuple[float, int, list[int], list[str]]:
    """Seconds, stories, each worker's peak bytes and the lines, for one run."""
    lines: list[str] = []
    peaks: list[int] = []

    def ask(client: object) -> None:
        peaks.extend(client.run(_peak_rss).values())  # type: ignore[attr-defined]

    started = time.perf_counter()
    count = run_archive([str(path)], lines.append, workers=workers, before_close=ask)
    return time.perf_counter() - started, count, sorted(peaks), lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--stories", type=int, default=500)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reconcile-archive-") as temporary:
        path = Path(temporary) / "archive.jsonl"
        truth = generate(path, args.articles, args.stories)
        size = path.stat().st_size / 2**20
        print(f"archive: {len(truth):,} articles, {args.stories} stories, {size:.0f} MiB JSONL")
        print("| workers | stories found | seconds | stories/s | peak MiB per worker |")
        print("|---:|---:|---:|---:|---:|")
        for workers in args.workers:
            seconds, count, peaks, lines = measure(path, workers)
            peak = " / ".join(f"{p / 2**20:.0f}" for p in peaks)
            print(f"| {workers} | {count} | {seconds:.0f} | {count / seconds:.2f} | {peak} |")
        found = [json.loads(line)["story"]["sources"] for line in lines]
        pure = sum(Counter(truth[s["path"]] for s in group).most_common(1)[0][1] for group in found)
        print(f"purity of the split: {pure / len(truth):.3f} ({len(found)} stories found)")


if __name__ == "__main__":
    main()
