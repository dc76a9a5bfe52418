"""The command line: exit codes, output streams, formats, determinism."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SEEDS, run_cli, write_story

CONTRADICTING = {
    "one": "Source: One\n\nThe minister Anna Berg will visit Nairobi on Friday.\n",
    "two": "Source: Two\n\nAnna Berg is expected to travel to Kenya on Saturday.\n",
}
AGREEING = {
    "one": "Police said 12 people were injured in the blast in Lyon on Friday.\n",
    "two": "Police said twelve people were injured in the blast in Lyon on Friday.\n",
}


def test_text_report_on_the_seeds() -> None:
    result = run_cli(str(SEEDS))
    assert result.exit_code == 0
    assert "Contradictions (1)" in result.stdout
    assert "differ on the day of visiting: Monday vs Tuesday" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: plain text
    assert result.stderr == ""


def test_fail_on_contradiction_exits_1(tmp_path: Path) -> None:
    story = write_story(tmp_path / "s", **CONTRADICTING)
    assert run_cli(str(story), "--fail-on", "contradiction").exit_code == 1
    assert run_cli(str(story)).exit_code == 0


def test_fail_on_contradiction_exits_0_when_sources_agree(tmp_path: Path) -> None:
    story = write_story(tmp_path / "s", **AGREEING)
    result = run_cli(str(story), "--fail-on", "any", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["agreement"] >= 1


def test_json_is_versioned_and_complete(tmp_path: Path) -> None:
    story = write_story(tmp_path / "s", **CONTRADICTING)
    document = json.loads(run_cli(str(story), "--format", "json").stdout)
    assert document["schema_version"] == "2.4"
    assert [s["name"] for s in document["sources"]] == ["One", "Two"]
    (finding,) = [f for f in document["findings"] if f["kind"] == "contradiction"]
    assert finding["slot"] == "day"
    assert {c["value"] for c in finding["claims"]} == {"Friday", "Saturday"}
    assert all(c["line"] == 3 and c["column"] == 1 for c in finding["claims"])
    assert document["summary"]["contradiction"] == 1


def test_output_does_not_depend_on_argument_order(tmp_path: Path) -> None:
    story = write_story(tmp_path / "s", **CONTRADICTING)
    forward = run_cli(str(story / "one.txt"), str(story / "two.txt"), "--format", "json")
    backward = run_cli(str(story / "two.txt"), str(story / "one.txt"), "--format", "json")
    assert forward.stdout == backward.stdout


def test_stdin_is_one_article(tmp_path: Path) -> None:
    story = write_story(tmp_path / "s", one=CONTRADICTING["one"])
    result = run_cli(
        "-", str(story / "one.txt"), "--format", "json", input=CONTRADICTING["two"].encode()
    )
    document = json.loads(result.stdout)
    assert sorted(s["path"] for s in document["sources"]) == ["-", str(story / "one.txt")]
    assert document["summary"]["contradiction"] == 1


def test_output_file_is_written_and_stdout_stays_empty(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = run_cli(str(SEEDS), "--format", "json", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(target.read_text())["summary"]["contradiction"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "Invalid value for '--format'"),
        (["--fail-on", "sometimes"], "Invalid value for '--fail-on'"),
    ],
)
def test_bad_options_exit_2(args: list[str], message: str) -> None:
    result = run_cli(str(SEEDS), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_one_article_is_an_input_error(tmp_path: Path) -> None:
    story = write_story(tmp_path / "s", one=CONTRADICTING["one"])
    result = run_cli(str(story))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: need at least two articles")
    assert len(result.stderr.strip().splitlines()) == 1


def test_identical_copies_are_not_independent(tmp_path: Path) -> None:
    story = write_story(tmp_path / "s", **CONTRADICTING)
    shutil.copy(story / "one.txt", story / "one-copy.txt")
    document = json.loads(run_cli(str(story), "--format", "json").stdout)
    assert len(document["duplicates"]) == 1
    assert document["summary"]["contradiction"] == 1


def test_single_source_claims_only_with_all() -> None:
    assert "Single-source claims" not in run_cli(str(SEEDS)).stdout
    assert "Single-source claims" in run_cli(str(SEEDS), "--all").stdout


def test_score_and_eval_commands() -> None:
    scored = run_cli("score", str(SEEDS / "gold.json"), str(SEEDS))
    assert scored.exit_code == 0
    assert "13/13" in scored.stdout
    evaluated = run_cli("eval", str(SEEDS))
    assert evaluated.exit_code == 0
    assert evaluated.stdout.splitlines()[2].startswith("seeds")


def test_every_command_has_help() -> None:
    for command in ([], ["check"], ["score"], ["eval"]):
        result = run_cli(*command, "--help")
        assert result.exit_code == 0
        assert "Example" in result.stdout


def test_version() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert "reconcile" in result.stdout
