"""How well does the story split work?  Mix story folders into one folder and compare.

    python scripts/eval_split.py                      # every story folder of the repository
    python scripts/eval_split.py tests/written seeds  # some roots only

Every story folder (one holding a ``gold.json``) under the roots is copied, file by
file, into one flat temporary folder as ``<story>--<file>`` (deleted afterwards).  The
split is scored against the folders (purity, adjusted Rand index); the mixed folder is
reconciled story by story and compared with each folder reconciled alone: no finding may
mix two folders, and each folder's findings must be the same as when run alone.
Prints a table and exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reconcile.load import load_articles
from reconcile.model import Finding, Report, Settings
from reconcile.pipeline import run
from reconcile.score import story_folders
from reconcile.stories import read_features, reconcile_stories, split

ROOTS = ("tests/corpus", "tests/written", "tests/heldout", "seeds")
TARGET = 0.95
"""Purity and adjusted Rand index the split must reach (issue 12)."""
SEPARATOR = "--"


@dataclass(frozen=True, slots=True)
class SplitScore:
    folders: int
    articles: int
    stories: int
    purity: float
    rand: float
    crossing: int
    """Findings of the mixed run with evidence from two folders."""
    equal: int
    """Folders whose findings in the mixed run are those of the folder alone."""
    unequal: tuple[str, ...]
    seconds: float

    def passed(self) -> bool:
        return (
            self.purity >= TARGET
            and self.rand >= TARGET
            and self.crossing == 0
            and self.equal == self.folders
        )


def mix(folders: Sequence[Path], into: Path) -> dict[str, str]:
    """Copy every article of ``folders`` into ``into``; returns mixed file name -> folder."""
    truth = {}
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.is_file() and path.suffix in (".txt", ".md", ".html", ".htm"):
                name = f"{folder.name}{SEPARATOR}{path.name}"
                shutil.copyfile(path, into / name)
                truth[name] = folder.name
    return truth


def score_split(
    folders: Sequence[Path], *, into: Path | None = None, settings: Settings | None = None
) -> SplitScore:
    """Mix ``folders`` (in ``into``, else a temporary folder), split and reconcile the mix,
    and compare with the folders alone."""
    from sklearn.metrics import adjusted_rand_score

    settings = settings or Settings()
    with tempfile.TemporaryDirectory(prefix="reconcile-mix-") as temporary:
        root = into or Path(temporary)
        truth = mix(folders, root)
        started = time.perf_counter()
        articles, skipped = load_articles([str(root)])
        groups = split([read_features(a) for a in articles])
        mixed = reconcile_stories(articles, skipped, settings=settings)
        seconds = time.perf_counter() - started
        folder_of = {a.id: truth[Path(a.path).name] for a in articles}
        predicted = {
            a.id: n for n, g in enumerate(groups) for a in (articles[i] for i in g.members)
        }
        ids = [a.id for a in articles]
        labels_true = [folder_of[i] for i in ids]
        labels_pred = [predicted[i] for i in ids]
        majority = defaultdict(Counter)
        for true, pred in zip(labels_true, labels_pred, strict=True):
            majority[pred][true] += 1
        purity = sum(c.most_common(1)[0][1] for c in majority.values()) / len(ids)
        crossing = sum(
            1
            for f in mixed.findings
            if len({folder_of[e.claim.article_id] for e in f.evidence}) > 1
        )
        unequal = []
        for folder in folders:
            alone = run([str(folder)], settings)
            mine = [
                f
                for f in mixed.findings
                if folder_of[f.evidence[0].claim.article_id] == folder.name
            ]
            if _signature(alone, alone.findings) != _signature(mixed, mine):
                unequal.append(folder.name)
    return SplitScore(
        folders=len(folders),
        articles=len(ids),
        stories=len(groups),
        purity=purity,
        rand=float(adjusted_rand_score(labels_true, labels_pred)),
        crossing=crossing,
        equal=len(folders) - len(unequal),
        unequal=tuple(unequal),
        seconds=seconds,
    )


def _signature(report: Report, findings: Sequence[Finding]) -> Counter[tuple[object, ...]]:
    """Findings as comparable values: kind, slot, confidence, what, and each claim's file,
    sentence and value.  File names are the original ones (the mix prefixes the folder)."""
    files = {a.id: Path(a.path).name.split(SEPARATOR)[-1] for a in report.articles}
    return Counter(
        (
            f.kind,
            f.slot,
            round(f.confidence, 6),
            f.what,
            tuple(
                sorted(
                    (
                        files[e.claim.article_id],
                        e.claim.sentence.start,
                        e.claim.sentence.text,
                        e.value,
                    )
                    for e in f.evidence
                )
            ),
        )
        for f in findings
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roots", nargs="*", default=list(ROOTS))
    args = parser.parse_args(argv)
    folders = sorted({f for root in args.roots for f in story_folders(root)}, key=lambda p: p.name)
    result = score_split(folders)
    print(f"folders mixed            {result.folders} ({result.articles} articles)")
    print(f"stories found            {result.stories}")
    print(f"purity                   {result.purity:.3f}   (target >= {TARGET})")
    print(f"adjusted Rand index      {result.rand:.3f}   (target >= {TARGET})")
    print(f"findings across folders  {result.crossing}")
    print(f"folders as when alone    {result.equal}/{result.folders}")
    for name in result.unequal:
        print(f"  differs: {name}")
    print(f"split and reconcile      {result.seconds:.1f} s")
    return 0 if result.passed() else 1


if __name__ == "__main__":
    sys.exit(main())
