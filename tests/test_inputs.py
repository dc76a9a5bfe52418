"""What is read, and how (issues 10 and 11), through the CLI with fixtures in ``tmp_path``.

Placeholder and unreadable dates, option values that are no values, Unicode spellings
of one word, bidirectional controls, Markdown that is not prose, HTML beyond lxml's
limits, JSON Lines corpora, lists of paths, empty folders, and one article that breaks
the extractor: each is warned about in one line, and never loses the other articles.
"""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path
from typing import Any

import click
import pytest
from conftest import run_cli
from test_hostile import (
    GOOD_A,
    GOOD_B,
    assert_calm,
    assert_good_reconciled,
    check,
    sources,
    story,
)

from reconcile.cli import main

DAILY = "Police said 12 people were killed in the blast in Lyon on Friday.\n"
HERALD = "Police said 14 people were killed in the blast in Lyon on Friday.\n"


def findings_of(document: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [finding for finding in document["findings"] if finding["kind"] == kind]


def values_of(finding: dict[str, Any]) -> set[tuple[str, str]]:
    return {(claim["source"], claim["value"]) for claim in finding["claims"]}


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "warning"),
    [
        (
            "0001-01-01",
            "the Date: header gives 0001-01-01, outside 1605-01-01 to 2100-12-31 (a placeholder?)",
        ),
        (
            "9999-12-31",
            "the Date: header gives 9999-12-31, outside 1605-01-01 to 2100-12-31 (a placeholder?)",
        ),
        ("next Tuesday", "the Date: header 'next Tuesday' is not a date (write YYYY-MM-DD)"),
        ("2018-02-30", "the Date: header '2018-02-30' is not a date (write YYYY-MM-DD)"),
    ],
)
def test_a_bad_date_is_warned_about_and_loses_nothing(
    tmp_path: Path, header: str, warning: str
) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "c.txt").write_text(f"Date: {header}\n\n{DAILY}")
    (folder / "d.txt").write_text(f"Date: 2018-10-07\n\n{HERALD}")
    result, document = check(folder)
    assert result.stderr.splitlines() == [f"warning: {folder / 'c.txt'}: {warning}; ignored"]
    assert sources(document)[str(folder / "c.txt")]["date"] is None
    # The run goes on: the two tolls are still compared.
    counts = [values_of(f) for f in document["findings"] if f["slot"] == "count"]
    assert {(str(folder / "c.txt"), "12 people"), (str(folder / "d.txt"), "14 people")} in counts


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2018-02-30", "'2018-02-30' is not a calendar date."),
        ("2018-2-3", "'2018-2-3' is not a date of the form YYYY-MM-DD."),
        ("0001-01-01", "'0001-01-01' is outside 1605-01-01 to 2100-12-31."),
        ("9999-12-31", "'9999-12-31' is outside 1605-01-01 to 2100-12-31."),
    ],
)
def test_date_option_says_what_is_wrong(tmp_path: Path, value: str, message: str) -> None:
    result = run_cli(str(story(tmp_path)), "--date", value)
    assert_calm(result, 2)
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for '--date': {message}"


def _float_options() -> list[tuple[str, str]]:
    """(command, option) for every option of every command that takes a number with a point."""
    found = []
    for name, command in main.commands.items():
        for param in command.params:
            if isinstance(param, click.Option) and isinstance(
                param.type, click.types.FloatParamType
            ):
                found.append((name, param.opts[-1]))
    return found


def test_there_are_float_options_to_check() -> None:
    assert ("check", "--min-confidence") in _float_options()


@pytest.mark.parametrize(("command", "option"), _float_options())
@pytest.mark.parametrize("value", ["nan", "NaN", "-nan", "inf"])
def test_float_options_refuse_values_that_are_no_number(
    tmp_path: Path, command: str, option: str, value: str
) -> None:
    result = run_cli(command, option, value, str(story(tmp_path)), "--fail-on", "contradiction")
    assert_calm(result, 2)
    assert f"Invalid value for '{option}'" in result.stderr


# --- one article that breaks a stage ----------------------------------------------------------


def test_an_article_the_extractor_fails_on_loses_no_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reconcile import pipeline

    real = pipeline.extract_claims

    def fragile(article: Any, sentences: Any) -> Any:
        if article.path.endswith("c.txt"):
            raise OverflowError("date value out of range")
        return real(article, sentences)

    monkeypatch.setattr(pipeline, "extract_claims", fragile)
    c = GOOD_B.replace("Monday", "Tuesday")
    folder = story(tmp_path, **{"c.txt": c, "d-copy.txt": c})
    for jobs in ("1", "2"):
        result = run_cli(str(folder), "--format", "json", "--jobs", jobs)
        assert result.exit_code == 0
        reason = "internal error (OverflowError: date value out of range); please report it"
        assert result.stderr.splitlines() == [
            f"warning: {folder / 'c.txt'}: {reason}",
            f"warning: {folder / 'd-copy.txt'}: {reason}",  # the same text
        ]
        document = json.loads(result.stdout)
        assert sources(document)[str(folder / "c.txt")]["status"] == "skipped"
        assert document["duplicates"] == []
        assert_good_reconciled(document, folder)


# --- one word, one spelling -------------------------------------------------------------------

NAMES = "Source: {}\n\nJosé Müller met Zoë Ångström in Malmö on {} for about two hours.\n"


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda text: unicodedata.normalize("NFD", text), id="nfd"),
        pytest.param(lambda text: text.replace("Müller", "Mül\u200bler"), id="zero-width-space"),
        pytest.param(lambda text: text.replace("Tuesday", "Tues\u00adday"), id="soft-hyphen"),
        pytest.param(
            lambda text: text.replace("Tuesday", "\u2066Tues\u202cday\u2069"), id="bidi-controls"
        ),
        pytest.param(
            lambda text: unicodedata.normalize("NFD", text).replace("Tue", "T\u200due"),
            id="nfd-and-joiner",
        ),
    ],
)
def test_one_word_spelled_two_ways_still_matches(tmp_path: Path, spoil: Any) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(unicodedata.normalize("NFC", NAMES.format("One", "Monday")))
    spoilt = spoil(unicodedata.normalize("NFC", NAMES.format("Two", "Tuesday")))
    (folder / "b.txt").write_text(spoilt)
    _, document = check(folder)
    (contradiction,) = findings_of(document, "contradiction")
    assert values_of(contradiction) == {
        (str(folder / "a.txt"), "Monday"),
        (str(folder / "b.txt"), "Tuesday"),
    }
    # Lines and columns are the file's own: the weekday's column counts every character
    # before it as written (combining marks, zero-width characters and all).
    line = spoilt.split("\n")[2]
    column = min(line.find(start) for start in ("Tue", "T\u200d") if start in line) + 1
    (b_claim,) = [c for c in contradiction["claims"] if c["source"] == str(folder / "b.txt")]
    assert (b_claim["value_line"], b_claim["value_column"]) == (3, column)
    agreed = {
        slot
        for f in findings_of(document, "agreement")
        for slot in (f["slot"], *(also["slot"] for also in f.get("also", [])))
    }
    assert agreed >= {"duration", "place"}


def test_an_nfd_copy_is_a_duplicate(tmp_path: Path) -> None:
    folder = story(tmp_path)
    (folder / "z.txt").write_text(unicodedata.normalize("NFD", GOOD_A.replace("Pompeo", "Pompéo")))
    (folder / "a.txt").write_text(GOOD_A.replace("Pompeo", "Pompéo"))
    _, document = check(folder)
    assert document["duplicates"] == [
        {"source": str(folder / "z.txt"), "copy_of": str(folder / "a.txt")}
    ]


BIDI = "\u202e\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u200e\u200f\u061c"


def test_bidi_and_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    folder = story(tmp_path)
    (folder / "b.txt").write_text(
        "Source: The \u202eHerald\x1b[2J\n\n"
        "Pompeo met Kim Jong Un in Pyong\u202eyang on Mon\u2066day for about two hours.\x07\n"
        "The two men later had lunch together, \x1b]0;pwned\x07officials said.\n"
    )
    text = run_cli(str(folder), "--all")
    assert_calm(text, 0)
    assert not set(text.stdout) & set(BIDI + "\x1b\x07")
    assert "The Herald" in text.stdout
    _, document = check(folder)
    assert_good_reconciled(document, folder)
    cited = json.dumps(document, ensure_ascii=False)
    assert not set(cited) & set(BIDI + "\x1b\x07")


# --- Markdown ---------------------------------------------------------------------------------

MARKDOWN = """---
title: Pompeo in Pyongyang
date: 2018-10-07
source: The Markdown Times
summary: Pompeo met Kim Jong Un in Pyongyang on Friday for about five hours.
---

Pompeo met Kim Jong Un in Pyongyang on Monday for about two hours.

```text
Pompeo met Kim Jong Un in Pyongyang on Thursday for about six hours.
```

~~~~
The two men then had lunch together, 40 officials said on Wednesday.
~~~~

The two men later had lunch together, officials said.
"""


def test_markdown_front_matter_and_code_are_not_prose(tmp_path: Path) -> None:
    folder = story(tmp_path)
    (folder / "b.txt").unlink()
    (folder / "b.md").write_text(MARKDOWN)
    result, document = check(folder)
    assert result.stderr == ""
    b = sources(document)[str(folder / "b.md")]
    assert (b["name"], b["date"]) == ("The Markdown Times", "2018-10-07")
    cited = {claim["line"] for f in document["findings"] for claim in f["claims"]
             if claim["source"] == str(folder / "b.md")}  # fmt: skip
    assert cited == {8, 18}  # the two sentences of prose, nothing from lines 1-6 or 10-16
    (contradiction,) = findings_of(document, "contradiction")
    assert values_of(contradiction) == {
        (str(folder / "a.txt"), "Sunday"),
        (str(folder / "b.md"), "Monday"),
    }


# --- HTML beyond lxml's limits ----------------------------------------------------------------

BODY = (
    "<p>Pompeo met Kim Jong Un in Pyongyang on Monday for about two hours.</p>"
    "<p>The two men later had lunch together, officials said.</p>"
)
BLOB = "QUJD" * (11_000_000 // 4)  # over libxml2's 10 MB limit for one text node


def _page(inside: str) -> str:
    return f"<html><head><title>The Page</title></head><body>{inside}</body></html>"


@pytest.mark.parametrize(
    ("page", "warning"),
    [
        pytest.param(
            _page(f'<img src="data:image/png;base64,{BLOB}"><article>{BODY}</article>'),
            None,
            id="inline-image",
        ),
        pytest.param(
            _page(f"<style>@font-face{{src:url(data:font/woff2;base64,{BLOB})}}</style>{BODY}"),
            None,
            id="inline-font",
        ),
        pytest.param(
            _page(f"<div>{BLOB}</div><article>{BODY}</article>"),
            "HTML with a text node larger than lxml's limit (10 MB): "
            "parsed again without that limit",
            id="huge-text-node",
        ),
        pytest.param(
            _page("<div>" * 300 + BODY + "</div>" * 300),
            "HTML with elements nested deeper than lxml's limit: parsed again without that limit",
            id="nested-300",
        ),
        pytest.param(
            _page("<div>" * 3000 + BODY + "</div>" * 3000),
            "HTML with elements nested deeper than lxml's limit: read as plain text, menus and all",
            id="nested-3000",
        ),
    ],
)
def test_html_beyond_lxml_limits_is_read(tmp_path: Path, page: str, warning: str | None) -> None:
    folder = story(tmp_path)
    (folder / "b.txt").unlink()
    (folder / "b.html").write_text(page)
    result, document = check(folder)
    expected = [f"warning: {folder / 'b.html'}: {warning}"] if warning else []
    assert result.stderr.splitlines() == expected
    (contradiction,) = findings_of(document, "contradiction")
    assert values_of(contradiction) == {
        (str(folder / "a.txt"), "Sunday"),
        (str(folder / "b.html"), "Monday"),
    }


# --- JSON Lines -------------------------------------------------------------------------------

RECORDS: list[Any] = [
    {
        "source": "The Daily",
        "date": "2018-10-07T09:30:00Z",
        "url": "https://daily.example/talks",
        "text": "Pompeo met Kim Jong Un in Pyongyang on Sunday for about two hours.\n"
        "The two men then had lunch together, officials said.",
    },
    {"url": "https://www.herald.example/world/talks", "html": _page(BODY)},
    "a string, not an object",
    {"source": "Nobody", "url": "https://x.example"},
    {"text": "   "},
    {"source": "The Placeholder", "date": "0001-01-01", "text": HERALD},
]


def _jsonl(records: list[Any]) -> str:
    return "\n".join(json.dumps(r) for r in records) + "\n\n{broken json\n"


def test_jsonl_records_are_articles(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(_jsonl(RECORDS))
    result = run_cli(str(corpus), "--format", "json")
    assert_calm(result, 0)
    path = str(corpus)
    assert result.stderr.splitlines() == [
        f"warning: {path}#3: not a JSON object",
        f'warning: {path}#4: no "text" or "html" string',
        f"warning: {path}#5: no text",
        f'warning: {path}#6: the "date" field gives 0001-01-01, outside 1605-01-01 to '
        "2100-12-31 (a placeholder?); ignored",
        f"warning: {path}#8: not a JSON object",
    ]
    document = json.loads(result.stdout)
    ok = [(s["path"], s["name"], s["date"]) for s in document["sources"] if "id" in s]
    assert ok == [
        (f"{path}#1", "The Daily", "2018-10-07"),
        (f"{path}#2", "The Page", None),
        (f"{path}#6", "The Placeholder", None),
    ]
    (contradiction,) = findings_of(document, "contradiction")
    assert values_of(contradiction) == {(f"{path}#1", "Sunday"), (f"{path}#2", "Monday")}
    # Positions are within the record's text: the second sentence of record 1 is its line 2.
    lunch = [c for f in document["findings"] for c in f["claims"]
             if c["source"] == f"{path}#1" and c["text"].startswith("The two men")]  # fmt: skip
    assert {(c["line"], c["column"]) for c in lunch} == {(2, 1)}


def test_jsonl_on_standard_input(tmp_path: Path) -> None:
    result = run_cli("-", "--format", "json", input=_jsonl(RECORDS[:2]).encode())
    assert_calm(result, 0)
    document = json.loads(result.stdout)
    assert [s["path"] for s in document["sources"] if "id" in s] == ["-#1", "-#2"]
    assert len(findings_of(document, "contradiction")) == 1


def test_jsonl_without_articles_is_one_warning(tmp_path: Path) -> None:
    folder = story(tmp_path)
    (folder / "findings.jsonl").write_text('{"kind": "agreement"}\n' * 50 + '{"summary": {}}\n')
    result, document = check(folder)
    reason = 'no record with a "text" or "html" field'
    assert result.stderr.splitlines() == [f"warning: {folder / 'findings.jsonl'}: {reason}"]
    assert_good_reconciled(document, folder)


# --- many paths: --files-from -----------------------------------------------------------------


def _folder_of(tmp_path: Path, count: int) -> list[Path]:
    folder = story(tmp_path)
    days = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
    for number in range(count):
        (folder / f"{number:04d}.txt").write_text(
            f"Official {number} said Pompeo met Kim on {days[number % 7]} for "
            f"{number % 5 + 2} hours.\n"
        )
    return sorted(folder.iterdir())


@pytest.fixture(scope="module")
def a_thousand(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], str]:
    """1,002 files and their report run as a folder, made once: each run takes seconds (a
    folder of 5,000 is test_hostile's)."""
    root = tmp_path_factory.mktemp("many")
    paths = _folder_of(root, 1000)
    return paths, run_cli(str(root / "story"), "--format", "json").stdout


@pytest.mark.parametrize("separator", ["\n", "\r\n", "\0"])
def test_files_from_a_list(
    tmp_path: Path, separator: str, a_thousand: tuple[list[Path], str]
) -> None:
    paths, direct = a_thousand
    listing = tmp_path / "paths.txt"
    listing.write_text(separator.join(str(p) for p in paths) + separator + separator)
    listed = run_cli("--files-from", str(listing), "--format", "json")
    assert_calm(listed, 0)
    assert listed.stdout == direct  # one document for all 1,002 files
    assert json.loads(listed.stdout)["summary"]["sources"] == 1002


def test_files_from_standard_input_with_paths_too(tmp_path: Path) -> None:
    paths = _folder_of(tmp_path, 10)
    direct = run_cli(*map(str, paths), "--format", "json")
    piped = "".join(f"{p}\0" for p in paths[2:]).encode()  # as find -print0 writes them
    listed = run_cli(
        str(paths[0]), str(paths[1]), "--files-from", "-", "--format", "json", input=piped
    )
    assert_calm(listed, 0)
    assert listed.stdout == direct.stdout


def test_files_from_names_that_are_not_utf8(tmp_path: Path) -> None:
    folder = story(tmp_path)
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as latin:
        latin.write(GOOD_B.replace("Monday", "Tuesday").encode())
    listed = run_cli("--files-from", "-", "--format", "json", input=os.fsencode(folder) + b"\n")
    named = run_cli(str(folder), "--format", "json")
    assert_calm(listed, 0)
    assert listed.stdout == named.stdout
    assert f"{folder}/caf\\xe9.txt" in sources(json.loads(listed.stdout))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--files-from", "-", "-"], "standard input cannot hold both the list of paths"),
        (["--files-from", "missing.txt"], "Error: cannot read the list of paths missing.txt"),
        (["--files-from", "empty.txt"], "Error: the list of paths empty.txt is empty"),
        ([], "no paths: give PATHS, or --files-from FILE"),
    ],
)
def test_files_from_mistakes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.txt").write_text("\n\n")
    result = run_cli(*args, input=b"a.txt\n")
    assert_calm(result, 2)
    assert result.stdout == ""
    assert message in result.stderr


# --- empty folders ----------------------------------------------------------------------------

LOOKED_FOR = (
    "no article file in this folder (looked for .txt, .text, .md, .markdown, .html, .htm, "
    ".jsonl, .ndjson and files without an extension)"
)


def test_empty_folder_names_itself_and_what_was_looked_for(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (empty / ".hidden.txt").write_text(GOOD_A)
    result = run_cli(str(empty))
    assert_calm(result, 2)
    assert result.stderr.splitlines() == [
        f"warning: {empty}: {LOOKED_FOR}",
        f"Error: no readable article in {empty}",
    ]


def test_empty_folder_beside_a_story(tmp_path: Path) -> None:
    folder = story(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    result, document = check(folder, empty)
    assert result.stderr.splitlines() == [f"warning: {empty}: {LOOKED_FOR}"]
    assert sources(document)[str(empty)] == {
        "path": str(empty),
        "status": "skipped",
        "reason": LOOKED_FOR,
    }
    assert_good_reconciled(document, folder)
