"""Tests for reconcile.load: every fixture is written into tmp_path by the test."""

from __future__ import annotations

import datetime as dt
import doctest
import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reconcile import load
from reconcile.load import _decode, _is_binary, _parse_date, load_articles
from reconcile.model import Skipped

BODY = "Pompeo met Kim for about two hours on Sunday.\nThey then had lunch.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><title>Pompeo meets Kim - The Daily</title>
<meta property="og:site_name" content="The Daily">
<meta property="article:published_time" content="2018-10-07T09:00:00Z">
<style>p { color: red } .SECRETSTYLE {}</style>
<script>var tracker = "SECRETSCRIPT";</script></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li></ul></nav>
<article><h1>Pompeo meets Kim</h1>
<p>Secretary of State Mike Pompeo met North Korean leader Kim Jong Un in Pyongyang on
Sunday, and both sides called the talks productive.</p>
<p>The two men met for about two hours and then had lunch together, officials said.</p>
<p>Pompeo said the two sides were &ldquo;getting close&rdquo; to a second summit &amp; a
date would be set soon &#8212; perhaps within weeks.</p>
</article>
<footer>Copyright 2018 The Daily</footer>
</body></html>
"""


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def load_one(path: Path, **kwargs: object):
    """The single article loaded from ``path`` (failing with the skip reason if any)."""
    articles, skipped = load_articles([str(path)], **kwargs)  # type: ignore[arg-type]
    assert len(articles) == 1, skipped
    return articles[0]


def skip_of(path: Path) -> Skipped:
    articles, skipped = load_articles([str(path)])
    assert articles == ()
    assert len(skipped) == 1
    return skipped[0]


def test_doctests() -> None:
    assert doctest.testmod(load).failed == 0


# --- headers and names ---------------------------------------------------------------------


def test_source_and_date_headers(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Source: The Daily\nDate: 2018-10-07\n\n" + BODY)
    article = load_one(path)
    assert (article.id, article.path, article.name) == ("a1", str(path), "The Daily")
    assert article.date == dt.date(2018, 10, 7)
    assert article.text[article.body_start :] == BODY
    assert article.text == "Source: The Daily\nDate: 2018-10-07\n\n" + BODY


@pytest.mark.parametrize(
    "header",
    [
        "date: 7 October 2018\nSOURCE: The Daily\n",  # either order, any case
        "Source:The Daily\nDate: October 7, 2018\n\n\n",  # several blank lines
        "Source: The Daily  \nDate: Sunday, October 7, 2018 10:30 AM EDT\n",
    ],
)
def test_header_variants(tmp_path: Path, header: str) -> None:
    article = load_one(write(tmp_path / "a.md", header + BODY))
    assert article.name == "The Daily"
    assert article.date == dt.date(2018, 10, 7)
    assert article.text[article.body_start :] == BODY


def test_without_headers_name_is_file_name_and_date_is_default(tmp_path: Path) -> None:
    path = write(tmp_path / "000_f795ca148481a3b1.txt", BODY)
    article = load_one(path, default_date=dt.date(2018, 10, 8))
    assert (article.name, article.date, article.body_start) == (
        "000_f795ca148481a3b1.txt",
        dt.date(2018, 10, 8),
        0,
    )


def test_unreadable_date_line_is_header_with_default_date(tmp_path: Path) -> None:
    article = load_one(
        write(tmp_path / "a.txt", "Date: sometime soon\n" + BODY), default_date=dt.date(2020, 1, 1)
    )
    assert article.date == dt.date(2020, 1, 1)
    assert article.text[article.body_start :] == BODY


def test_header_date_wins_over_default(tmp_path: Path) -> None:
    article = load_one(
        write(tmp_path / "a.txt", "Date: 2018-10-07\n" + BODY), default_date=dt.date(2020, 1, 1)
    )
    assert (article.date, article.name) == (dt.date(2018, 10, 7), "a.txt")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018-10-29", dt.date(2018, 10, 29)),
        ("2018-10-29T07:30:00Z", dt.date(2018, 10, 29)),
        ("29 October 2018", dt.date(2018, 10, 29)),
        ("October 29, 2018", dt.date(2018, 10, 29)),
        ("Oct. 29, 2018", dt.date(2018, 10, 29)),
        ("Sept. 9, 2018", dt.date(2018, 9, 9)),
        ("9th September 2018", dt.date(2018, 9, 9)),
        ("Monday, 29 October 2018", dt.date(2018, 10, 29)),
        ("Mon, 29 Oct 2018 07:30:00 +0000", dt.date(2018, 10, 29)),
        ("2018/10/29", dt.date(2018, 10, 29)),
        ("2018-13-45", None),
        ("yesterday", None),
        ("10/29/2018", None),  # month/day or day/month: not guessed
    ],
)
def test_parse_date(value: str, expected: dt.date | None) -> None:
    assert _parse_date(value) == expected


# --- decoding ------------------------------------------------------------------------------

TEXT = "He said “yes” — café.\nSecond line.\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),  # no BOM
        TEXT.encode("utf-16-be"),  # no BOM
        TEXT.encode("utf-32"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le", "utf16be", "utf32", "cp1252"],
)
def test_decode(data: bytes) -> None:
    assert _decode(data) == TEXT


def test_decode_latin1_last_resort() -> None:
    # 0x81 is undefined in cp1252, so only latin-1 reads it.
    assert _decode(b"caf\xe9 \x81") == "café \x81"


def test_decode_html_declared_charset() -> None:
    data = '<meta charset="windows-1251"><p>Москва</p>'.encode("cp1251")
    assert _decode(data, html=True) == '<meta charset="windows-1251"><p>Москва</p>'


@pytest.mark.parametrize(
    ("text", "binary"),
    [
        ("plain text\twith tabs\n", False),
        ("a\x00b", True),
        ("\x01\x02\x03\x04 abc", True),
        ("one escape \x1b in a long enough line of ordinary text", False),
    ],
)
def test_is_binary(text: str, binary: bool) -> None:
    assert _is_binary(text) is binary


def test_utf8_bom_file(tmp_path: Path) -> None:
    article = load_one(write(tmp_path / "a.txt", b"\xef\xbb\xbfSource: X\n" + BODY.encode()))
    assert article.name == "X"
    assert not article.text.startswith("\ufeff")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_files(tmp_path: Path, codec: str) -> None:
    article = load_one(write(tmp_path / "a.txt", ("Source: X\n" + BODY).encode(codec)))
    assert (article.name, article.text[article.body_start :]) == ("X", BODY)


def test_cp1252_curly_quotes(tmp_path: Path) -> None:
    article = load_one(write(tmp_path / "a.txt", b"He said \x93soon\x94 and left.\n"))
    assert article.text == "He said “soon” and left.\n"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_endings_and_positions(tmp_path: Path, newline: str) -> None:
    raw = newline.join(["Source: X", "", "First line.", "Second line has Kim in it.", ""])
    article = load_one(write(tmp_path / "a.txt", raw))
    assert "\r" not in article.text
    assert article.text == raw.replace(newline, "\n")
    # Line numbers are the file's: "Kim" is on line 4, column 17.
    assert article.position(article.text.index("Kim")) == (4, 17)
    assert article.position(article.body_start) == (3, 1)


# --- HTML ----------------------------------------------------------------------------------


def test_html_article(tmp_path: Path) -> None:
    article = load_one(write(tmp_path / "page.html", ARTICLE_HTML))
    assert "met for about two hours and then had lunch together" in article.text
    assert "SECRETSCRIPT" not in article.text
    assert "SECRETSTYLE" not in article.text
    assert "World news" not in article.text
    assert "<p>" not in article.text
    assert (article.name, article.date, article.body_start) == (
        "The Daily",
        dt.date(2018, 10, 7),
        0,
    )


def test_html_entities(tmp_path: Path) -> None:
    text = load_one(write(tmp_path / "page.htm", ARTICLE_HTML)).text
    assert "“getting close” to a second summit & a" in text
    assert "— perhaps within weeks" in text


def test_html_title_then_file_name(tmp_path: Path) -> None:
    body = "<p>" + "Kim and Pompeo met in Pyongyang for two hours on Sunday. " * 5 + "</p>"
    titled = f"<html><head><title>Talks</title></head><body>{body}</body></html>"
    assert load_one(write(tmp_path / "t.html", titled)).name == "Talks"
    bare = load_one(write(tmp_path / "b.HTML", f"<html><body>{body}</body></html>"))
    assert (bare.name, bare.date) == ("b.HTML", None)


def test_malformed_html(tmp_path: Path) -> None:
    page = (
        "<html><body><div><p>Pompeo met Kim in Pyongyang on Sunday for two hours"
        "<p>Then <b>they <i>had</b> lunch</i> together</div></span></table>"
    )
    text = load_one(write(tmp_path / "bad.html", page)).text
    assert "Pompeo met Kim in Pyongyang" in text
    assert "lunch" in text


def test_navigation_only_page_is_skipped(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Menu</title></head><body><nav><ul>"
        '<li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
        "</ul></nav></body></html>"
    )
    assert skip_of(write(tmp_path / "nav.html", page)) == Skipped(
        str(tmp_path / "nav.html"), "no article text in HTML"
    )


def test_html_without_text_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "x.html", "<html><head><script>var a = 1;</script></head></html>")
    assert skip_of(path).reason == "no article text in HTML"


def test_same_html_twice_is_extracted_twice(tmp_path: Path) -> None:
    # Guards against trafilatura's process-wide deduplication returning nothing.
    write(tmp_path / "one.html", ARTICLE_HTML)
    write(tmp_path / "two.html", ARTICLE_HTML)
    articles, skipped = load_articles([str(tmp_path)])
    assert skipped == ()
    assert articles[0].text == articles[1].text != ""


def test_plain_text_does_not_import_trafilatura(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", BODY)
    code = (
        "import sys; from reconcile.load import load_articles; "
        f"assert load_articles([{str(path)!r}])[0]; "
        "assert 'trafilatura' not in sys.modules"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(load.__file__).parents[1])}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


# --- files that are not articles -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\t\r\n  \n", "no text"),
        ("headers-only.txt", b"Source: X\nDate: 2018-10-07\n\n", "no text"),
        ("image.txt", PNG, "binary file"),
        ("doc.md", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "binary file"),
        ("nul.txt", b"some text\x00\x00 with NUL bytes inside it", "binary file"),
        ("blank.html", b"   \n", "no text"),
    ],
)
def test_unreadable_articles_warn(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = write(tmp_path / name, data)
    assert skip_of(path) == Skipped(str(path), reason, warn=True)


def test_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_BYTES", 10)
    path = write(tmp_path / "big.txt", "x" * 11)
    assert skip_of(path).reason == "file too large"
    assert load_one(write(tmp_path / "ok.txt", "x" * 10)).text == "x" * 10
    stdin = io.BytesIO(b"y" * 11)
    assert load_articles(["-"], stdin=stdin) == ((), (Skipped("-", "file too large"),))


def test_other_extensions_and_hidden_are_passed_over_quietly(tmp_path: Path) -> None:
    write(tmp_path / "photo.png", PNG)
    write(tmp_path / "gold.json", "{}")
    write(tmp_path / ".hidden.txt", BODY)
    write(tmp_path / ".git" / "story.txt", BODY)
    write(tmp_path / "story.TXT", BODY)
    articles, skipped = load_articles([str(tmp_path)])
    assert [a.name for a in articles] == ["story.TXT"]
    assert skipped == (
        Skipped(str(tmp_path / ".git"), "hidden", warn=False),
        Skipped(str(tmp_path / ".hidden.txt"), "hidden", warn=False),
        Skipped(str(tmp_path / "gold.json"), "not an article file (.json)", warn=False),
        Skipped(str(tmp_path / "photo.png"), "not an article file (.png)", warn=False),
    )


def test_named_file_of_other_type_warns(tmp_path: Path) -> None:
    path = write(tmp_path / "photo.png", PNG)
    assert skip_of(path) == Skipped(str(path), "not an article file (.png)", warn=True)


def test_named_hidden_file_is_read(tmp_path: Path) -> None:
    assert load_one(write(tmp_path / ".draft.txt", BODY)).text == BODY


def test_files_without_extension(tmp_path: Path) -> None:
    write(tmp_path / "story", BODY)
    write(tmp_path / "page", ARTICLE_HTML)
    write(tmp_path / "blob", PNG)
    articles, skipped = load_articles([str(tmp_path)])
    assert [(a.name, a.text == BODY) for a in articles] == [("The Daily", False), ("story", True)]
    assert skipped == (
        Skipped(str(tmp_path / "blob"), "not an article file (binary, no extension)", warn=False),
    )
    assert skip_of(tmp_path / "blob") == Skipped(str(tmp_path / "blob"), "binary file")


def test_nonexistent_path(tmp_path: Path) -> None:
    path = tmp_path / "missing.txt"
    assert skip_of(path) == Skipped(str(path), "no such file or directory")


def test_nul_in_path_is_reported() -> None:
    expected = Skipped("bad\\x00name.txt", "invalid path")  # shown escaped, one line
    assert load_articles(["bad\x00name.txt"]) == ((), (expected,))


# --- folders and links ---------------------------------------------------------------------


def test_nested_folders(tmp_path: Path) -> None:
    write(tmp_path / "b" / "c" / "deep.txt", BODY)
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "b" / "mid.md", BODY)
    articles, skipped = load_articles([str(tmp_path)])
    assert skipped == ()
    assert [(a.id, a.path) for a in articles] == [
        ("a1", str(tmp_path / "a.txt")),
        ("a2", str(tmp_path / "b" / "c" / "deep.txt")),
        ("a3", str(tmp_path / "b" / "mid.md")),
    ]


def test_symlink_loop_terminates(tmp_path: Path) -> None:
    write(tmp_path / "d" / "a.txt", BODY)
    write(tmp_path / "d" / "sub" / "b.txt", BODY)
    os.symlink("..", tmp_path / "d" / "sub" / "up")  # a folder linked to its parent
    os.symlink("self", tmp_path / "d" / "self")  # a link to itself
    articles, skipped = load_articles([str(tmp_path / "d")])
    assert [a.path for a in articles] == [
        str(tmp_path / "d" / "a.txt"),
        str(tmp_path / "d" / "sub" / "b.txt"),
    ]
    assert skipped == (
        Skipped(str(tmp_path / "d" / "self"), "symlink loop"),
        Skipped(str(tmp_path / "d" / "sub" / "up"), "symlink loop"),
    )


def test_link_out_of_the_walk_is_followed(tmp_path: Path) -> None:
    write(tmp_path / "d" / "a.txt", BODY)
    write(tmp_path / "e" / "b.txt", BODY)
    os.symlink("..", tmp_path / "d" / "up")
    articles, skipped = load_articles([str(tmp_path / "d")])
    up = tmp_path / "d" / "up"
    assert [a.path for a in articles] == [str(tmp_path / "d" / "a.txt"), str(up / "e" / "b.txt")]
    assert skipped == (Skipped(str(up / "d"), "symlink loop"),)


def test_dangling_symlink(tmp_path: Path) -> None:
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")
    os.symlink(tmp_path / "gone.png", tmp_path / "link.png")
    articles, skipped = load_articles([str(tmp_path)])
    assert articles == ()
    assert skipped == (
        Skipped(str(tmp_path / "link.png"), "not an article file (.png)", warn=False),
        Skipped(str(tmp_path / "link.txt"), "dangling symlink"),
    )


def test_fifo_is_skipped_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    signal.alarm(10)  # a hang would fail the test instead of stalling the run
    try:
        articles, skipped = load_articles([str(tmp_path), str(tmp_path / "pipe.txt")])
    finally:
        signal.alarm(0)
    assert articles == ()
    assert skipped == (Skipped(str(tmp_path / "pipe.txt"), "not a regular file"),)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", BODY)
    path.chmod(0)
    try:
        assert skip_of(path) == Skipped(str(path), "permission denied")
    finally:
        path.chmod(0o644)


def test_open_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Works as root too, where chmod 000 does not stop reads.
    def refuse(path: str, flags: int) -> int:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(load, "_open_nonblocking", refuse)
    path = write(tmp_path / "secret.txt", BODY)
    assert skip_of(path) == Skipped(str(path), "permission denied")


def test_same_file_twice_is_loaded_once(tmp_path: Path) -> None:
    path = write(tmp_path / "d" / "a.txt", BODY)
    os.symlink(path, tmp_path / "d" / "b.txt")
    os.symlink(tmp_path / "d", tmp_path / "alias")
    articles, skipped = load_articles(
        [str(path), str(tmp_path / "d"), str(path), str(tmp_path / "alias"), str(tmp_path)]
    )
    assert [a.path for a in articles] == [str(path)]
    assert skipped == (
        Skipped(str(tmp_path / "alias"), f"same folder as {tmp_path / 'd'}", warn=False),
        Skipped(str(tmp_path / "d" / "b.txt"), f"same file as {path}", warn=False),
    )


def test_real_name_wins_over_linked_folder(tmp_path: Path) -> None:
    # "a_link" sorts before "z" but is walked after it.
    write(tmp_path / "z" / "story.txt", BODY)
    os.symlink("z", tmp_path / "a_link")
    articles, skipped = load_articles([str(tmp_path)])
    assert [a.path for a in articles] == [str(tmp_path / "z" / "story.txt")]
    assert skipped == (
        Skipped(str(tmp_path / "a_link"), f"same folder as {tmp_path / 'z'}", warn=False),
    )


def test_inputs_are_not_modified(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"Source: X\r\n\r\nText \x93quoted\x94.\r\n")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    load_articles([str(path)])
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


@pytest.fixture(scope="module")
def story_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("story")
    write(root / "b.txt", "Source: B\n\n" + BODY)
    write(root / "a" / "z.md", "Source: Z\n\n" + BODY)
    write(root / "a" / "page.html", ARTICLE_HTML)
    write(root / "c.txt", "")
    write(root / "img.png", PNG)
    write(root / "a" / "c.text", "Source: C\n\nSomething else entirely.\n")
    return root


@settings(max_examples=20, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_output_does_not_depend_on_path_order(story_dir: Path, data: st.DataObject) -> None:
    paths = [
        str(story_dir / "b.txt"),
        str(story_dir / "a"),
        str(story_dir / "c.txt"),
        str(story_dir / "img.png"),
        str(story_dir / "a" / "z.md"),
        str(story_dir),
    ]
    expected = load_articles(paths)
    assert [a.id for a in expected[0]] == ["a1", "a2", "a3", "a4"]
    assert load_articles(data.draw(st.permutations(paths))) == expected


# --- standard input ------------------------------------------------------------------------


def test_stdin() -> None:
    stdin = io.BytesIO(("Source: Wire\nDate: 2018-10-07\n\n" + BODY).encode("utf-16"))
    articles, skipped = load_articles(["-", "-"], stdin=stdin)
    assert skipped == ()
    ((article,),) = (articles,)
    assert (article.id, article.path, article.name, article.date) == (
        "a1",
        "-",
        "Wire",
        dt.date(2018, 10, 7),
    )


def test_stdin_defaults_and_html() -> None:
    (plain,), _ = load_articles(["-"], stdin=io.BytesIO(BODY.encode()))
    assert (plain.name, plain.date) == ("stdin", None)
    (page,), _ = load_articles(["-"], stdin=io.BytesIO(ARTICLE_HTML.encode()))
    assert page.name == "The Daily"
    assert "SECRETSCRIPT" not in page.text


def test_closed_stdin() -> None:
    stdin = io.BytesIO(b"text")
    stdin.close()
    assert load_articles(["-"], stdin=stdin) == ((), (Skipped("-", "cannot read standard input"),))


def test_stdin_sorts_first_with_files(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", BODY)
    articles, _ = load_articles([str(path), "-"], stdin=io.BytesIO(b"From stdin.\n"))
    assert [(a.id, a.path) for a in articles] == [("a1", "-"), ("a2", str(path))]
