"""Shared helpers: run the CLI in-process and parse its JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reconcile.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = Path(__file__).resolve().parent / "corpus"
WRITTEN = Path(__file__).resolve().parent / "written"
HELDOUT = Path(__file__).resolve().parent / "heldout"
TUNED_ROOTS = (SEEDS, CORPUS, WRITTEN)
"""Stories the rules may be tuned on; ``HELDOUT`` is only ever scored."""


def run_cli(*args: str, input: bytes | None = None) -> Any:
    """Invoke ``reconcile`` in-process; returns click's Result."""
    runner = CliRunner()
    return runner.invoke(main, list(args), input=input, catch_exceptions=False)


def report_json(*paths: str | Path, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    result = run_cli(*(str(p) for p in paths), "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


@pytest.fixture(scope="session")
def seeds_report() -> dict[str, Any]:
    return report_json(SEEDS)


def write_story(folder: Path, **articles: str) -> Path:
    """Write articles (name -> text) into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder
