"""Rewrite each story's ``findings.golden`` from today's output (``make golden``).

Run it after a change you mean, then read ``git diff -- '*.golden'``: every finding gained
or lost is a line there.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reconcile.score import findings_digest, report_of, story_folders

ROOTS = ("seeds", "tests/corpus", "tests/written", "tests/heldout")


def main(roots: list[str]) -> int:
    for root in roots or ROOTS:
        for folder in story_folders(root):
            path = Path(folder) / "findings.golden"
            text = findings_digest(report_of(folder))
            old = path.read_text(encoding="utf-8") if path.exists() else None
            if text != old:
                path.write_text(text, encoding="utf-8")
                print(f"updated {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
