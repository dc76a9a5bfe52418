"""reconcile: where news articles about one story agree, contradict and drift.

The library behind the command line (see the README's "Python API")::

    report = reconcile.run(["stories/election/"], reconcile.Settings())
    print(reconcile.render_markdown(report))

Names are imported on first use, so ``import reconcile`` stays quick.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HOMES = {
    "run": "reconcile.pipeline",
    "InputError": "reconcile.pipeline",
    "Progress": "reconcile.pipeline",
    "Article": "reconcile.model",
    "Evidence": "reconcile.model",
    "Finding": "reconcile.model",
    "FindingKind": "reconcile.model",
    "Report": "reconcile.model",
    "Settings": "reconcile.model",
    "Slot": "reconcile.model",
    "make_article": "reconcile.model",
    "Selection": "reconcile.select",
    "SelectionError": "reconcile.select",
    "select_findings": "reconcile.select",
    "story_groups": "reconcile.stories",
    "run_stories": "reconcile.stories",
    "Story": "reconcile.model",
    "FORMATS": "reconcile.render",
    "render_report": "reconcile.render",
    "render_compact": "reconcile.render",
    "render_csv": "reconcile.render",
    "render_github": "reconcile.render",
    "render_html": "reconcile.render",
    "render_json": "reconcile.render",
    "render_jsonl": "reconcile.render",
    "render_markdown": "reconcile.render",
    "render_sarif": "reconcile.render",
    "render_summary": "reconcile.render",
    "render_text": "reconcile.render",
}

__all__ = [
    "FORMATS",
    "Article",
    "Evidence",
    "Finding",
    "FindingKind",
    "InputError",
    "Progress",
    "Report",
    "Selection",
    "SelectionError",
    "Settings",
    "Slot",
    "Story",
    "make_article",
    "render_compact",
    "render_csv",
    "render_github",
    "render_html",
    "render_json",
    "render_jsonl",
    "render_markdown",
    "render_report",
    "render_sarif",
    "render_summary",
    "render_text",
    "run",
    "run_stories",
    "select_findings",
    "story_groups",
]


def __getattr__(name: str) -> Any:
    if name == "render":  # the package of renderers, one module per format
        return importlib.import_module("reconcile.render")
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'reconcile' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)


if TYPE_CHECKING:  # what type checkers and editors see
    from reconcile.model import (
        Article,
        Evidence,
        Finding,
        FindingKind,
        Report,
        Settings,
        Slot,
        Story,
        make_article,
    )
    from reconcile.pipeline import InputError, Progress, run
    from reconcile.render import (
        FORMATS,
        render_compact,
        render_csv,
        render_github,
        render_html,
        render_json,
        render_jsonl,
        render_markdown,
        render_report,
        render_sarif,
        render_summary,
        render_text,
    )
    from reconcile.select import Selection, SelectionError, select_findings
    from reconcile.stories import run_stories, story_groups
