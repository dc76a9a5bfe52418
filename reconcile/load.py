"""Paths in, articles out: find, read, decode and reduce each input to its text.

Never raises for a bad input.  Every input that is not loaded comes back as a
``Skipped`` with a short reason: ``warn=False`` for files passed over by design
(hidden, not an article type, the same file reached twice), ``warn=True`` for
files that should have been articles but could not be read.  An input read in
spite of a fault (a date that cannot be right, a page lxml could not parse)
comes back with an ``InputWarning``.  One bad input never stops the others.

Offsets reported later refer to ``Article.text``, whose lines and columns are those
of the file as decoded, except that ``\\r\\n`` and a lone ``\\r`` become ``\\n``:
line numbers match the file's lines, and columns count characters, not bytes.
For HTML they refer to the text trafilatura extracted; for a JSON Lines record, to
its ``text`` (or the text extracted from its ``html``).

Paths in what is returned are for showing, on one line and in UTF-8: a file
name's undecodable bytes and control characters come back escaped
(``caf\\xe9.txt``, ``two\\nlines.txt``), as ``display_path`` writes them.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import functools
import itertools
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any, BinaryIO, Literal
from urllib.parse import urlsplit

from reconcile import htmltext, markdown
from reconcile.model import Article, InputWarning, Skipped, Span, make_article

MAX_BYTES = 64 * 1024 * 1024
"""Largest input read (64 MiB): far above any news page, low enough to keep memory bounded.
For a JSON Lines file, the largest record: a scraped corpus may be larger as a whole."""

EARLIEST_DATE = dt.date(1605, 1, 1)
"""No article is older: the first printed newspaper (Strasbourg's *Relation*) dates from
1605.  An earlier date ("0001-01-01") is a placeholder and is ignored with a warning."""
LATEST_DATE = dt.date(2100, 12, 31)
"""Nor dated later: "9999-12-31" is a placeholder (and would overflow the date arithmetic
that pins weekdays to days near the publication date)."""

# "unknown" is a file without extension: read as text, HTML or JSON Lines if it looks
# like one of them.
_Kind = Literal["text", "markdown", "html", "jsonl", "unknown"]
_SUFFIXES: dict[str, _Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
LOOKED_FOR = ", ".join(_SUFFIXES) + " and files without an extension"
"""What a folder is searched for, in the words of the message about an empty one."""

_FileId = tuple[int, int]
# Path, named by the user, folders above it, already put off as a linked folder, and the
# folder named by the user it was found in.
_Entry = tuple[str, bool, tuple[_FileId, ...], bool, str | None]

_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",  # JPEG
    b"%PDF-",
    b"PK\x03\x04",  # ZIP, and the office formats built on it
    b"PK\x05\x06",  # empty ZIP
    b"\x1f\x8b",  # GZIP
    b"\x7fELF",
)

# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)

_CONTROLS = frozenset(chr(c) for c in (*range(32), *range(0x7F, 0xA0))) - set("\t\n\r\f\v")
_SAMPLE = 65536  # characters looked at for the control-character share

# Greedy to the end of the line, trailing blanks stripped after: a lazy value
# followed by ``[ \t]*`` is quadratic on a long run of blanks.
_HEADER = re.compile(r"(source|date)[ \t]*:[ \t]*(\S[^\n]*)(?:\n|\Z)", re.IGNORECASE)
_BLANK_LINE = re.compile(r"[ \t]*\n")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?!\d)")
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
# "29 October 2018", "Oct 29 2018", "Monday, October 29, 2018" (commas and dots removed).
_DATE_FORMATS = (
    "%Y/%m/%d",
    *(
        day + order.format(month=month)
        for day, order, month in itertools.product(
            ("", "%A ", "%a "), ("%d {month} %Y", "{month} %d %Y"), ("%B", "%b")
        )
    ),
)

_HTML_START = re.compile(
    # Possessive: backtracking into the comments is exponential in their number.
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*+<(?:!doctype\s+html|html)\b",
    re.IGNORECASE | re.DOTALL,
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)

# Menus are never article text; trafilatura keeps them when a page has nothing else.
_NAVIGATION = ["//nav", "//*[@role='navigation']"]


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A file found on disk (or standard input) that may hold an article."""

    path: str
    identity: _FileId | None
    """Device and inode, to load a file reached under two names once; None for stdin."""
    kind: _Kind
    explicit: bool
    """Named by the user rather than found in a folder."""
    size: int = 0


@dataclass(frozen=True, slots=True)
class _Parsed:
    text: str
    name: str | None
    date: dt.date | None
    body_start: int = 0
    not_prose: tuple[Span, ...] = ()
    warnings: tuple[str, ...] = ()
    """What was wrong but did not stop the reading ("the Date: header … is not a date")."""
    record: int = 0
    """The line of a JSON Lines file this article was on; 0 for a whole file."""


@dataclass(frozen=True, slots=True)
class _BadRecord:
    """A line of a JSON Lines file that holds no article, and why."""

    record: int
    reason: str


class _Unreadable(Exception):
    """The input should have been an article but is not; the message is the reason."""


OWN_REPORT = "a report written by reconcile, not an article"
"""Why a report of ours found among the inputs is not read."""


@dataclass(frozen=True, slots=True)
class Loaded:
    """What ``load_inputs`` read, passed over, and read in spite of a fault."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    warnings: tuple[InputWarning, ...] = ()


def load_articles(
    paths: Sequence[str], *, stdin: BinaryIO | None = None, default_date: dt.date | None = None
) -> tuple[tuple[Article, ...], tuple[Skipped, ...]]:
    """The articles and skipped inputs of ``load_inputs`` (its warnings left out)."""
    loaded = load_inputs(paths, stdin=stdin, default_date=default_date)
    return loaded.articles, loaded.skipped


def load_inputs(
    paths: Sequence[str], *, stdin: BinaryIO | None = None, default_date: dt.date | None = None
) -> Loaded:
    """Read every article under ``paths`` (files, folders, ``-`` for ``stdin``).

    Articles are sorted by path and numbered ``a1``, ``a2``… in that order, so
    the result does not depend on the order of ``paths`` or of folder listings.
    The records of a JSON Lines file follow each other in file order.
    """
    # Sorted first, so which name wins for a folder reached twice is deterministic.
    roots = sorted(dict.fromkeys(os.fspath(p) for p in paths))
    candidates, skipped = _find_files(roots)
    chosen, duplicates = _one_per_file(candidates)
    skipped += duplicates

    parsed: list[tuple[str, _Parsed]] = []
    for candidate in chosen:
        try:
            for item in _load(candidate, stdin):
                if isinstance(item, _BadRecord):
                    skipped.append(Skipped(f"{candidate.path}#{item.record}", item.reason))
                else:
                    parsed.append((candidate.path, item))
        except _Unreadable as err:
            skipped.append(_unreadable(candidate, str(err)))
        except OSError as err:
            skipped.append(Skipped(candidate.path, _os_reason(err)))
        except Exception as err:  # a bug on one odd input must not lose the others
            reason = f"internal error ({type(err).__name__}: {err}); please report it"
            skipped.append(Skipped(candidate.path, reason))

    parsed.sort(key=lambda item: (item[0], item[1].record))
    articles = []
    warnings = []
    for number, (path, doc) in enumerate(parsed, start=1):
        shown = display_path(path) + (f"#{doc.record}" if doc.record else "")
        articles.append(
            make_article(
                id=f"a{number}",
                path=shown,
                name=doc.name or _default_name(shown),
                text=doc.text,
                date=doc.date or default_date,
                body_start=doc.body_start,
                not_prose=doc.not_prose,
            )
        )
        warnings += (InputWarning(shown, message) for message in doc.warnings)
    shown_skipped = (
        Skipped(display_path(s.path), s.reason, s.warn) for s in _merge_skipped(skipped)
    )
    return Loaded(tuple(articles), tuple(shown_skipped), tuple(warnings))


def input_files(paths: Sequence[str]) -> frozenset[tuple[int, int]]:
    """Device and inode of every file under ``paths`` that would be read as an article:
    a report must never be written over one of them."""
    candidates, _ = _find_files(sorted(dict.fromkeys(os.fspath(p) for p in paths)))
    return frozenset(c.identity for c in candidates if c.identity is not None)


def split_path_list(data: bytes) -> list[str]:
    r"""The paths of a list: one per line, or separated by NUL bytes (``find -print0``).

    Blank lines are passed over; bytes that are not UTF-8 stay as the file system has them.

    >>> split_path_list(b"a.txt\r\nstories/b\n\n"), split_path_list(b"x y.txt\0z\n.txt\0")
    (['a.txt', 'stories/b'], ['x y.txt', 'z\n.txt'])
    """
    if b"\0" in data:
        items = data.split(b"\0")
    else:
        items = [line.removesuffix(b"\r") for line in data.split(b"\n")]
    return [os.fsdecode(item) for item in items if item.strip()]


def display_path(path: str) -> str:
    r"""``path`` as text that prints on one line and encodes as UTF-8.

    Bytes that did not decode (held as surrogates) and control characters are
    escaped: without this, one odd file name breaks the JSON or the one-line warning.

    >>> display_path("caf\udce9.txt"), display_path("two\nlines.txt"), display_path("été.txt")
    ('caf\\xe9.txt', 'two\\nlines.txt', 'été.txt')
    """
    if path.isprintable():
        return path
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in path)


def _escape(ch: str) -> str:
    if "\udc80" <= ch <= "\udcff":  # the byte os.fsdecode could not decode
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return ch.encode("unicode_escape").decode("ascii")


def _find_files(roots: Sequence[str]) -> tuple[list[_Candidate], list[Skipped]]:
    """Walk ``roots`` depth first, following links, without entering a folder twice."""
    found: list[_Candidate] = []
    skipped: list[Skipped] = []
    walked: dict[_FileId, str] = {}
    # Folders the user named, walked, and those of them that held an article file.
    named_folders: list[str] = []
    fruitful: set[str] = set()
    # Each entry carries the folders above it: a link back to one of them is a
    # loop to report; a link to any other folder already walked is just skipped.
    stack: list[_Entry] = [(p, True, (), False, None) for p in reversed(roots)]
    # Linked folders wait until everything else is walked, so a file reached
    # both ways keeps its real name.
    links: list[_Entry] = []
    while stack or links:
        path, explicit, above, linked, root = stack.pop() if stack else links.pop(0)
        if path == "-":
            found.append(_Candidate("-", None, "unknown", explicit=True))
            continue
        name = os.path.basename(path)
        kind = _kind_of(name)
        if not explicit and name.startswith("."):
            skipped.append(Skipped(path, "hidden", warn=False))
            continue
        before = len(skipped)
        try:
            info = os.stat(path)
        except (OSError, ValueError) as err:
            if kind is None and not explicit:
                skipped.append(Skipped(path, _not_article(name), warn=False))
            else:
                skipped.append(Skipped(path, _stat_reason(path, err)))
            info = None
        identity = (info.st_dev, info.st_ino) if info else (0, 0)
        if info is None:
            pass
        elif stat.S_ISDIR(info.st_mode):
            if identity in above:
                skipped.append(Skipped(path, "symlink loop"))
            elif identity in walked:
                if walked[identity] != path:
                    reason = f"same folder as {display_path(walked[identity])}"
                    skipped.append(Skipped(path, reason, warn=False))
            elif not linked and os.path.islink(path):
                links.append((path, explicit, above, True, root))
            else:
                walked[identity] = path
                if explicit:
                    named_folders.append(path)
                folder_root = path if explicit else root
                skipped += _push_folder(path, (*above, identity), folder_root, stack)
        elif kind is None:
            # A file the user named is worth a warning; one met in a folder is not.
            skipped.append(Skipped(path, _not_article(name), warn=explicit))
        elif not stat.S_ISREG(info.st_mode):
            skipped.append(Skipped(path, "not a regular file"))
        else:
            found.append(_Candidate(path, identity, kind, explicit, info.st_size))
            if root is not None:
                fruitful.add(root)
        # A folder that held something worth a warning is not said to be empty as well.
        if root is not None and any(item.warn for item in skipped[before:]):
            fruitful.add(root)
    skipped += (
        Skipped(folder, f"no article file in this folder (looked for {LOOKED_FOR})")
        for folder in named_folders
        if folder not in fruitful and not any(s.path == folder for s in skipped)
    )
    return found, skipped


def _push_folder(
    path: str, above: tuple[_FileId, ...], root: str, stack: list[_Entry]
) -> list[Skipped]:
    """Put a folder's entries on ``stack``, to be popped in sorted order."""
    try:
        with os.scandir(path) as entries:
            names = sorted(entry.name for entry in entries)
    except OSError as err:
        return [Skipped(path, _os_reason(err))]
    stack.extend((os.path.join(path, n), False, above, False, root) for n in reversed(names))
    return []


def _one_per_file(candidates: list[_Candidate]) -> tuple[list[_Candidate], list[Skipped]]:
    """Keep one name per file (a named one, else the smallest), whatever the order of names."""
    by_file: dict[_FileId | str, list[_Candidate]] = {}
    for candidate in candidates:
        by_file.setdefault(candidate.identity or candidate.path, []).append(candidate)
    chosen: list[_Candidate] = []
    duplicates: list[Skipped] = []
    for group in by_file.values():
        group.sort(key=lambda c: (not c.explicit, c.path))
        first = group[0]
        chosen.append(first)
        duplicates += (
            Skipped(c.path, f"same file as {display_path(first.path)}", warn=False)
            for c in group[1:]
            if c.path != first.path
        )
    return chosen, duplicates


def _load(candidate: _Candidate, stdin: BinaryIO | None) -> list[_Parsed | _BadRecord]:
    if candidate.path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer if sys.stdin else None
        if stream is None:
            raise _Unreadable("standard input is closed")
        try:
            data = stream.read(MAX_BYTES + 1)
        except ValueError as err:  # a closed stream
            raise _Unreadable("cannot read standard input") from err
    elif candidate.kind == "jsonl":
        return _read_jsonl(candidate.path)
    else:
        data = _read_file(candidate.path, candidate.size)
    return _parse(data, candidate.kind)


def _read_file(path: str, size: int) -> bytes:
    if size > MAX_BYTES:
        raise _Unreadable("file too large")
    # Non-blocking, so a file swapped for a FIFO since it was checked cannot hang
    # the open; the fstat below then refuses it.
    with open(path, "rb", opener=_open_nonblocking) as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise _Unreadable("not a regular file")
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _Unreadable("file too large")
    return data


def _open_nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))


def _parse(data: bytes, kind: _Kind) -> list[_Parsed | _BadRecord]:
    """Decode one input and reduce it to its articles (one, or a JSON Lines file's)."""
    if len(data) > MAX_BYTES and kind != "jsonl":
        raise _Unreadable("file too large")
    if not data:
        raise _Unreadable("empty file")
    if data.startswith(_MAGIC):
        raise _Unreadable("binary file")
    text = _decode(data, html=kind == "html")
    if _is_binary(text):
        raise _Unreadable("binary file")
    text = _normalise_newlines(text)
    if not text.strip():
        raise _Unreadable("no text")
    if kind == "unknown":
        kind = "html" if _HTML_START.match(text) else "jsonl" if _looks_like_jsonl(text) else "text"
    if _is_own_report(text):
        raise _Unreadable(OWN_REPORT)
    if kind == "jsonl":
        return _parse_jsonl(text.split("\n"))
    if kind == "html":
        return [_parse_html(text)]
    start, fields = markdown.front_matter(text) if kind == "markdown" else (0, {})
    source, date, body_start, warnings = _read_headers(text, start)
    if "date" in fields and date is None and not warnings:
        date, warning = _checked_date(fields["date"], "front matter's date")
        warnings += (warning,) if warning else ()
    if not text[body_start:].strip():
        raise _Unreadable("no text")
    not_prose = markdown.code_blocks(text, body_start) if kind == "markdown" else ()
    return [_Parsed(text, source or fields.get("source"), date, body_start, not_prose, warnings)]


# --- our own reports ------------------------------------------------------------------------------

# The first line of each report for people: text and compact ("reconcile · 2 sources ·
# 86 claims"; "reconcile 2 sources, 86 claims:" before), the summary alone ("Summary ───"),
# Markdown ("## reconcile: 1 contradiction…"), CSV's header, GitHub workflow commands.
_OWN_FIRST_LINE = re.compile(
    r"\s*(?:reconcile(?: ·)? \d+ sources?(?:,| ·) \d+ claims?\b"
    r"|Summary [─-]{8}"
    r"|#+ reconcile: "
    r"|finding_id,kind,slot,"
    r"|::(?:error|warning|notice) file=)"
)
# What a report in a markup format says of itself, in its first lines.
_OWN_GENERATOR = re.compile(
    r"<meta\s+name=[\"']?generator[\"']?\s+content=[\"']?reconcile\b"
    r"|<!--\s*generator:\s*reconcile\b",
    re.IGNORECASE,
)
_HEAD_CHARS = 4096
"""How much of an input is searched for the marks of a report of ours."""


def _is_own_report(text: str) -> bool:
    """Whether ``text`` is a report reconcile wrote (saved among the articles it read):
    reading it back would make each finding corroborate itself."""
    head = text[:_HEAD_CHARS]
    if _OWN_FIRST_LINE.match(head) or _OWN_GENERATOR.search(head):
        return True
    if not head.lstrip().startswith("{"):
        return False
    try:
        return _names_reconcile(json.loads(text))
    except (ValueError, RecursionError):
        pass
    # JSON Lines: our findings, one per line, then a summary line naming the tool.
    lines = text.strip().split("\n")
    try:
        return any(_names_reconcile(json.loads(line)) for line in {lines[0], lines[-1]})
    except (ValueError, RecursionError):
        return False


def _names_reconcile(document: Any) -> bool:
    """A JSON report of ours: ``{"tool": {"name": "reconcile", …}, …}``, or SARIF whose
    run's tool is reconcile."""
    if not isinstance(document, dict):
        return False
    tools = [document.get("tool")]
    runs = document.get("runs")
    if isinstance(runs, list):
        tools += [
            run["tool"].get("driver")
            for run in runs
            if isinstance(run, dict) and isinstance(run.get("tool"), dict)
        ]
    return any(isinstance(tool, dict) and tool.get("name") == "reconcile" for tool in tools)


# --- JSON Lines -----------------------------------------------------------------------------------

_RECORD_TEXT_FIELDS = ("text", "html")
_JSON_DOCUMENT_START = re.compile(rb"\s*[{\[]\s*\n")


def _read_jsonl(path: str) -> list[_Parsed | _BadRecord]:
    """The records of a JSON Lines file, read line by line: the file may exceed MAX_BYTES."""
    with open(path, "rb", opener=_open_nonblocking) as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise _Unreadable("not a regular file")
        head = file.read(_HEAD_CHARS)
        if not head:
            raise _Unreadable("empty file")
        if head.startswith(_MAGIC) or b"\x00" in head:
            raise _Unreadable("binary file")  # UTF-16 too: JSON Lines is UTF-8
        file.seek(0)
        if _JSON_DOCUMENT_START.match(head):  # one indented document, not a line per record
            text = _decode(file.read(MAX_BYTES + 1))
            raise _Unreadable(
                OWN_REPORT if _is_own_report(text) else "a JSON document, not JSON Lines"
            )
        return _parse_jsonl(_bounded_lines(file))


def _bounded_lines(file: BinaryIO) -> Iterator[bytes | None]:
    """The lines of ``file``; None for a line longer than MAX_BYTES (its bytes are not kept)."""
    while line := file.readline(MAX_BYTES + 1):
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while (rest := file.readline(MAX_BYTES + 1)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _looks_like_jsonl(text: str) -> bool:
    """Text whose first line is a JSON object with an article's ``text`` or ``html``."""
    first = text.lstrip().split("\n", 1)[0]
    if not first.startswith("{"):
        return False
    try:
        record = json.loads(first)
    except (ValueError, RecursionError):
        return False
    return isinstance(record, dict) and any(key in record for key in _RECORD_TEXT_FIELDS)


def _parse_jsonl(lines: Iterable[bytes | str | None]) -> list[_Parsed | _BadRecord]:
    """One article per line: ``{"source", "date", "text" | "html", "url"}``.

    A line that holds no article is a ``_BadRecord``; blank lines are passed over.
    A file none of whose records has a ``text`` or ``html`` field is not articles.
    """
    items: list[_Parsed | _BadRecord] = []
    holds_articles = False
    blank = True
    for number, line in enumerate(lines, start=1):
        if line is None:
            items.append(_BadRecord(number, "record too large"))
            continue
        if number == 1:
            line = line.removeprefix(codecs.BOM_UTF8) if isinstance(line, bytes) else line
        if not line.strip():
            continue
        blank = False
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            items.append(_BadRecord(number, "not a JSON object"))
            continue
        if not isinstance(record, dict):
            items.append(_BadRecord(number, "not a JSON object"))
            continue
        if _names_reconcile(record):
            raise _Unreadable(OWN_REPORT)
        holds_articles = holds_articles or any(key in record for key in _RECORD_TEXT_FIELDS)
        try:
            items.append(_parse_record(record, number))
        except _Unreadable as err:
            items.append(_BadRecord(number, str(err)))
    if blank:
        raise _Unreadable("no text")
    if not holds_articles:
        raise _Unreadable('no record with a "text" or "html" field')
    return items


def _parse_record(record: dict[str, Any], number: int) -> _Parsed:
    text, html = record.get("text"), record.get("html")
    warnings: tuple[str, ...] = ()
    if isinstance(text, str):
        if "\x00" in text:
            raise _Unreadable("binary text")
        parsed = _Parsed(_normalise_newlines(text), None, None)
    elif isinstance(html, str):
        parsed = _parse_html(_normalise_newlines(html))
    else:
        raise _Unreadable('no "text" or "html" string')
    if not parsed.text.strip():
        raise _Unreadable("no text")
    date = parsed.date
    if record.get("date") is not None:
        date, warning = _checked_date(str(record["date"]), '"date" field')
        warnings += (warning,) if warning else ()
    source = record.get("source")
    url = record.get("url")
    name = (
        (source if isinstance(source, str) and source.strip() else None)
        or parsed.name
        or (urlsplit(url).hostname if isinstance(url, str) else None)
    )
    return _Parsed(
        parsed.text,
        name,
        date,
        warnings=parsed.warnings + warnings,
        record=number,
    )


def _decode(data: bytes, *, html: bool = False) -> str:
    """Decode bytes whatever their encoding; latin-1 as the last resort never fails."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                break
    codec = _utf16_without_bom(data)
    candidates = [codec] if codec else []
    candidates.append("utf-8")
    if html:
        candidates += _declared_charset(data)
    for codec in candidates:
        try:
            return data.decode(codec)
        except (UnicodeError, LookupError):  # some codecs (punycode) raise the base class
            pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte.
        return data.decode("latin-1")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 byte order of mostly-ASCII text, told by where its NUL bytes fall."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs == 0:
        return None
    even = sample[0 : 2 * pairs : 2].count(0)
    odd = sample[1 : 2 * pairs : 2].count(0)
    # ASCII in UTF-16 puts a NUL in every other byte and almost none in the rest.
    if odd > 0.4 * pairs and even < 0.05 * pairs:
        return "utf-16-le"
    if even > 0.4 * pairs and odd < 0.05 * pairs:
        return "utf-16-be"
    return None


def _declared_charset(data: bytes) -> list[str]:
    """The charset an HTML page declares in a ``<meta>`` tag, if any."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return []
    name = match[1].decode("ascii", "replace")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return []
    # Browsers read pages labelled latin-1 or ASCII as windows-1252, and so do writers.
    return ["cp1252"] if codec in ("iso8859-1", "ascii") else [codec]


def _is_binary(text: str) -> bool:
    """True for decoded text with NUL bytes or a high share of control characters."""
    if "\x00" in text:
        return True
    sample = text[:_SAMPLE]
    controls = sum(1 for ch in sample if ch in _CONTROLS)
    return controls > 0.1 * len(sample)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_headers(
    text: str, start: int = 0
) -> tuple[str | None, dt.date | None, int, tuple[str, ...]]:
    """Leading ``Source:`` and ``Date:`` lines: (source, date, offset of the body, warnings).

    >>> _read_headers("Date: 2018-10-07\\nSource: AP\\n\\nBody")
    ('AP', datetime.date(2018, 10, 7), 29, ())
    """
    fields: dict[str, str] = {}
    pos = start
    while match := _HEADER.match(text, pos):
        key = match[1].lower()
        if key in fields:
            break
        fields[key] = match[2].rstrip(" \t")
        pos = match.end()
    if fields:
        while blank := _BLANK_LINE.match(text, pos):
            pos = blank.end()
    # An unreadable Date: line is still a header, not story text: its date is unknown.
    date, warning = (
        _checked_date(fields["date"], "Date: header") if "date" in fields else (None, None)
    )
    return fields.get("source"), date, pos, (warning,) if warning else ()


_SHOWN_VALUE_CHARS = 40
"""A value quoted in a warning is cut to this length, so the warning stays one line."""


def _checked_date(value: str, where: str) -> tuple[dt.date | None, str | None]:
    """The publication date ``value`` states, or None and a warning saying why not.

    >>> _checked_date("9999-12-31", "Date: header")[1]
    'the Date: header gives 9999-12-31, outside 1605-01-01 to 2100-12-31 (a placeholder?); ignored'
    """
    date = _parse_date(value)
    if date is None:
        shown = display_path(value[:_SHOWN_VALUE_CHARS])
        shown += "…" if len(value) > _SHOWN_VALUE_CHARS else ""
        return None, f"the {where} '{shown}' is not a date (write YYYY-MM-DD); ignored"
    if not EARLIEST_DATE <= date <= LATEST_DATE:
        return None, (
            f"the {where} gives {date.isoformat()}, outside {EARLIEST_DATE.isoformat()} to "
            f"{LATEST_DATE.isoformat()} (a placeholder?); ignored"
        )
    return date, None


def _parse_date(value: str) -> dt.date | None:
    """A calendar date written in one of the usual ways, ignoring what follows it.

    >>> _parse_date("Oct. 29th, 2018 10:30 EDT")
    datetime.date(2018, 10, 29)
    """
    if iso := _ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(iso[0])
        except ValueError:
            return None
    words = _ORDINAL.sub("", value.replace(",", " ").replace(".", " ")).split()
    words = ["Sep" if w.lower() == "sept" else w for w in words]
    for count in range(min(len(words), 4), 0, -1):
        phrase = " ".join(words[:count])
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(phrase, fmt).date()
            except ValueError:
                pass
    return None


def _parse_html(html: str) -> _Parsed:
    """A page's main text, site name and date; a page lxml gives up on is parsed again
    without its limits, else read as plain text, with a warning naming why."""
    html = htmltext.strip_data_uris(html)
    text, name, published = _extract_html(html)
    text = _normalise_newlines(text).strip() or _paragraph_text(html)
    warnings: tuple[str, ...] = ()
    if not text and (limit := htmltext.lxml_limit(html)):
        tree = htmltext.parse_without_limits(html)
        if tree is not None:
            text, name, published = _extract_html(tree)
            text = _normalise_newlines(text).strip() or _tree_paragraphs(tree)
            warnings = (f"HTML with {limit}: parsed again without that limit",)
        if not text:
            text = htmltext.plain_text(html)
            warnings = (f"HTML with {limit}: read as plain text, menus and all",)
    if not text:
        raise _Unreadable("no article text in HTML")
    date = None
    if published:
        date, warning = _checked_date(published, "page's publication date")
        warnings += (warning,) if warning else ()
    return _Parsed(text, name, date, warnings=warnings)


def _extract_html(html: Any) -> tuple[str, str | None, str | None]:
    """Main text, site name (else title) and publication date, as trafilatura sees them.

    ``html`` is the page's text, or a tree lxml made of it.
    """
    trafilatura = _trafilatura()
    try:
        doc = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            prune_xpath=_NAVIGATION,
            # Never deduplicate: that cache lives as long as the process, so a
            # page seen a second time would come back empty.
            deduplicate=False,
            # Only dates the page states as such: the extensive search guesses
            # from body text and copyright lines, and a wrong date is worse than none.
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception:  # a parser bug on one odd page must not stop the run
        return "", None, None
    if doc is None:
        return "", None, None
    return doc.text or "", doc.sitename or doc.title or None, doc.date


def _paragraph_text(html: str) -> str:
    """Fallback: the text of the page's ``<p>`` elements outside navigation."""
    import lxml.html
    from lxml import etree

    try:
        # Bytes, because lxml refuses a str that carries an encoding declaration.
        tree = lxml.html.document_fromstring(
            html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8")
        )
    except (etree.LxmlError, ValueError):
        return ""
    return _tree_paragraphs(tree)


def _tree_paragraphs(tree: Any) -> str:
    paragraphs = (" ".join(p.text_content().split()) for p in tree.xpath("//p[not(ancestor::nav)]"))
    return "\n".join(p for p in paragraphs if p)


@functools.cache
def _trafilatura() -> ModuleType:
    # It logs a warning for every malformed page (and chatter while importing);
    # none of that is the user's problem.
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)
    # Imported here, not at the top: it costs 0.2 s that plain-text runs should not pay.
    import trafilatura

    return trafilatura


def _kind_of(name: str) -> _Kind | None:
    suffix = os.path.splitext(name)[1].lower()
    return _SUFFIXES.get(suffix) or ("unknown" if not suffix else None)


def _not_article(name: str) -> str:
    return f"not an article file ({os.path.splitext(name)[1]})"


def _unreadable(candidate: _Candidate, reason: str) -> Skipped:
    # A file without extension met in a folder was only ever a guess.
    if reason == "binary file" and candidate.kind == "unknown" and not candidate.explicit:
        return Skipped(candidate.path, "not an article file (binary, no extension)", warn=False)
    return Skipped(candidate.path, reason)


def _stat_reason(path: str, err: OSError | ValueError) -> str:
    if isinstance(err, ValueError):  # a NUL byte in the path
        return "invalid path"
    if isinstance(err, FileNotFoundError):
        return "dangling symlink" if os.path.islink(path) else "no such file or directory"
    if err.errno == errno.ELOOP:
        return "symlink loop"
    return _os_reason(err)


def _os_reason(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "permission denied"
    return (err.strerror or type(err).__name__).lower()


def _default_name(path: str) -> str:
    return "stdin" if path == "-" else os.path.basename(path)


def _merge_skipped(skipped: list[Skipped]) -> tuple[Skipped, ...]:
    """One entry per path (a warning wins over a quiet pass), sorted by path."""
    by_path: dict[str, Skipped] = {}
    for item in skipped:
        if item.path not in by_path or (item.warn and not by_path[item.path].warn):
            by_path[item.path] = item
    return tuple(by_path[path] for path in sorted(by_path))
