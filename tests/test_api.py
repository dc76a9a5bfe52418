"""The Python API: ``reconcile.run`` and friends, as a program would use them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import SEEDS, write_story

import reconcile
from reconcile.progress import progress_on_stderr

BERG = "The minister Anna Berg will visit Nairobi on Friday.\n"
BERG_LATER = "Anna Berg is expected to travel to Kenya on Saturday.\n"


def _article(path: str, text: str) -> reconcile.Article:
    return reconcile.make_article(id="a1", path=path, name=path, text=text)


def test_run_on_articles_in_memory() -> None:
    report = reconcile.run([_article("b.txt", BERG_LATER), _article("a.txt", BERG)])
    assert [a.path for a in report.articles] == ["a.txt", "b.txt"]
    assert [a.id for a in report.articles] == ["a1", "a2"]  # numbered anew, in path order
    assert [(f.kind.value, f.slot.value) for f in report.findings] == [("contradiction", "day")]


def test_run_mixes_paths_and_articles(tmp_path: Path) -> None:
    story = write_story(tmp_path / "s", one=BERG)
    report = reconcile.run([story, _article("memo.txt", BERG_LATER)], reconcile.Settings())
    assert sorted(a.name for a in report.articles) == ["memo.txt", "one.txt"]
    assert report.count(reconcile.FindingKind.CONTRADICTION) == 1


def test_run_reports_progress_by_stage() -> None:
    calls: list[tuple[str, int, int]] = []
    reconcile.run([SEEDS], progress=lambda *call: calls.append(call))
    stages = list(dict.fromkeys(stage for stage, _, _ in calls))
    assert stages == ["reading", "reading claims", "aligning", "comparing"]
    assert ("reading claims", 2, 2) in calls


def test_run_refuses_a_single_article() -> None:
    with pytest.raises(reconcile.InputError, match="need at least two"):
        reconcile.run([_article("a.txt", BERG)])


def test_every_renderer_takes_the_report_alone() -> None:
    report = reconcile.run([SEEDS])
    for name, render in reconcile.FORMATS.items():
        text = render(report)
        assert text.endswith("\n"), name
    assert json.loads(reconcile.render_json(report))["summary"]["contradiction"] == 1
    assert reconcile.render_report(report, "jsonl") == reconcile.render_jsonl(report)
    with pytest.raises(ValueError, match="unknown format"):
        reconcile.render_report(report, "pdf")


def test_select_findings_keeps_the_report_whole() -> None:
    report = reconcile.run([SEEDS])
    chosen = reconcile.select_findings(
        report, reconcile.Selection(kinds=frozenset({reconcile.FindingKind.CONTRADICTION}))
    )
    assert chosen.articles == report.articles
    assert len(chosen.findings) + chosen.hidden == len(report.findings)
    with pytest.raises(reconcile.SelectionError):
        reconcile.select_findings(report, reconcile.Selection(sources=("nobody",)))


def test_render_is_the_package_of_renderers() -> None:
    assert reconcile.render.render_markdown is reconcile.render_markdown
    with pytest.raises(AttributeError):
        _ = reconcile.no_such_name


def test_progress_is_silent_when_disabled_or_quick(capsys: pytest.CaptureFixture[str]) -> None:
    with progress_on_stderr(enabled=False) as hook:
        assert hook is None
    with progress_on_stderr(enabled=True, delay=3600) as hook:
        assert hook is not None
        hook("reading claims", 1, 10)
    assert capsys.readouterr() == ("", "")


def test_progress_draws_after_the_delay() -> None:
    from rich.console import Console

    terminal = io.StringIO()
    console = Console(file=terminal, force_terminal=True, width=80)
    with progress_on_stderr(enabled=True, delay=0, console=console) as hook:
        assert hook is not None
        hook("reading claims", 5, 10)
    assert "reading claims" in terminal.getvalue() and "5/10" in terminal.getvalue()
