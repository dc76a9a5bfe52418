"""The archive runner on a two-worker Dask cluster gives what one process gives."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, HELDOUT, WRITTEN, run_cli

from reconcile.archive import MISSING_DASK, ArchiveError, Ref, read_jsonl_article, story_lines
from reconcile.load import load_articles

FOLDERS = (
    CORPUS / "lion-air-jt610-2018-10",
    WRITTEN / "thai-cave-rescue-2018-07",
    HELDOUT / "manafort-sentencing-2019-03",
)
AS_JSONL = CORPUS / "us-open-final-2018-09"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """Three story folders as files, and one story as lines of a .jsonl file."""
    root = tmp_path / "archive"
    for folder in FOLDERS:
        shutil.copytree(
            folder, root / folder.name, ignore=shutil.ignore_patterns("*.json*", "*.golden")
        )
    articles, _ = load_articles([str(AS_JSONL)])
    with open(root / "wire.jsonl", "w", encoding="utf-8") as stream:
        for article in articles:
            record = {
                "id": f"wire/{Path(article.path).name}",
                "source": article.name,
                "date": article.date.isoformat() if article.date else None,
                "text": article.text[article.body_start :],
            }
            stream.write(json.dumps(record) + "\n")
    return root


# First: a cluster left behind by another test would still hold Dask's modules.
def test_without_dask_the_error_is_one_line(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    result = run_cli("archive", str(archive))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {MISSING_DASK}"


def test_two_workers_give_the_single_process_result(archive: Path) -> None:
    pytest.importorskip(
        "dask.distributed", reason="Dask is not installed: pip install 'reconcile[archive]'"
    )
    from reconcile.archive import run_archive

    alone = sorted(story_lines([str(archive)]))
    written: list[str] = []
    count = run_archive([str(archive)], written.append, workers=2, processes=False)
    assert count == len(alone) == 4
    assert sorted(written) == alone  # the same lines, whatever order stories finished in
    stories = [json.loads(line) for line in alone]
    assert all(s["type"] == "story" and s["story"]["reconciled"] for s in stories)
    wire = [s for s in stories if any(x["path"].startswith("wire/") for x in s["story"]["sources"])]
    assert len(wire) == 1 and len(wire[0]["story"]["sources"]) == 4
    assert {f["story"] for s in stories for f in s["findings"]} == {
        s["story"]["id"] for s in stories
    }


def test_a_story_line_holds_what_its_folder_alone_finds(archive: Path) -> None:
    lines = [json.loads(line) for line in story_lines([str(archive)])]
    folder = FOLDERS[0]
    (mine,) = [s for s in lines if folder.name in s["sources"][0]["path"]]
    alone = json.loads(run_cli(str(folder), "--format", "json").stdout)
    assert sorted((f["kind"], f["headline"]) for f in mine["findings"]) == sorted(
        (f["kind"], f["headline"]) for f in alone["findings"]
    )


def test_a_malformed_jsonl_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "fine"}\n{not json\n', encoding="utf-8")
    assert read_jsonl_article(Ref(str(path), 1, 0)) is not None
    with pytest.raises(ArchiveError, match=r"bad.jsonl:2: not a JSON object"):
        read_jsonl_article(Ref(str(path), 2, len('{"text": "fine"}\n')))
