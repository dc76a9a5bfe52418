"""The README's excerpts of real output stay true.

Each fenced block that shows a run on the seeds (a ``$ reconcile`` command, or the first lines
of a format's output) is compared line by line with what the tool prints today; lines cut
short with an ellipsis are left out. A change in findings then fails here until the README
is refreshed, instead of leaving it describing an older tool.
"""

from __future__ import annotations

import re
import shlex

import pytest
from conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```[a-z]*\n(.*?)^```", README, flags=re.MULTILINE | re.DOTALL)

# How a block of output without its command line begins, and the run that printed it.
FORMAT_BLOCKS = {
    "finding_id,kind,": ("seeds/", "--format", "csv"),
    "::error file=seeds/": ("seeds/", "--format", "github"),
    "## reconcile: ": ("seeds/", "--format", "markdown"),
    '<article class="finding': ("seeds/", "--format", "html"),
}


def _shown_runs() -> list[tuple[tuple[str, ...], list[str]]]:
    runs = []
    for block in BLOCKS:
        lines = block.splitlines()
        if lines and lines[0].startswith("$ reconcile "):
            runs.append((tuple(shlex.split(lines[0])[2:]), lines[1:]))
            continue
        for start, args in FORMAT_BLOCKS.items():
            if lines and lines[0].startswith(start):
                runs.append((args, lines))
    return runs


RUNS = _shown_runs()


def test_the_readme_shows_runs() -> None:
    shown = {args for args, _ in RUNS}
    assert ("seeds/",) in shown
    assert len(shown) >= len(FORMAT_BLOCKS) + 2


@pytest.mark.parametrize(("args", "lines"), RUNS, ids=[" ".join(args) for args, _ in RUNS])
def test_readme_excerpt_matches_the_output(
    args: tuple[str, ...], lines: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = run_cli(*args)
    assert result.exit_code in (0, 1), result.stderr
    printed = {line.rstrip() for line in (result.stdout + result.stderr).splitlines()}
    shown = [line.rstrip() for line in lines if "…" not in line]
    assert shown, "an excerpt with nothing to check"
    missing = [line for line in shown if line not in printed]
    assert not missing, f"README lines no longer printed by `reconcile {' '.join(args)}`"
