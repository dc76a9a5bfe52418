"""Paths in, articles out: find, read, decode and reduce each input to its text.

Never raises for a bad input.  Every input that is not loaded comes back as a
``Skipped`` with a short reason: ``warn=False`` for files passed over by design
(hidden, not an article type, the same file reached twice), ``warn=True`` for
files that should have been articles but could not be read.

Offsets reported later refer to ``Article.text``.  For plain text and Markdown
that is the file exactly as decoded, except that ``\\r\\n`` and a lone ``\\r``
become ``\\n``: line numbers match the file's lines, and columns count
characters, not bytes.  For HTML it is the text trafilatura extracted.

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
import logging
import os
import re
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import BinaryIO, Literal

from reconcile.model import Article, Skipped, make_article

MAX_BYTES = 64 * 1024 * 1024
"""Largest input read (64 MiB): far above any news page, low enough to keep memory bounded."""

_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
_HTML_SUFFIXES = frozenset({".html", ".htm"})

# "unknown" is a file without extension: read as text or HTML if it looks like either.
_Kind = Literal["text", "html", "unknown"]
_FileId = tuple[int, int]
# Path, named by the user, folders above it, already put off as a linked folder.
_Entry = tuple[str, bool, tuple[_FileId, ...], bool]

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


class _Unreadable(Exception):
    """The input should have been an article but is not; the message is the reason."""


def load_articles(
    paths: Sequence[str], *, stdin: BinaryIO | None = None, default_date: dt.date | None = None
) -> tuple[tuple[Article, ...], tuple[Skipped, ...]]:
    """Read every article under ``paths`` (files, folders, ``-`` for ``stdin``).

    Articles are sorted by path and numbered ``a1``, ``a2``… in that order, so
    the result does not depend on the order of ``paths`` or of folder listings.
    """
    # Sorted first, so which name wins for a folder reached twice is deterministic.
    roots = sorted(dict.fromkeys(os.fspath(p) for p in paths))
    candidates, skipped = _find_files(roots)
    chosen, duplicates = _one_per_file(candidates)
    skipped += duplicates

    parsed: list[tuple[str, _Parsed]] = []
    for candidate in chosen:
        try:
            parsed.append((candidate.path, _load(candidate, stdin)))
        except _Unreadable as err:
            skipped.append(_unreadable(candidate, str(err)))
        except OSError as err:
            skipped.append(Skipped(candidate.path, _os_reason(err)))

    parsed.sort(key=lambda item: item[0])
    articles = tuple(
        make_article(
            id=f"a{number}",
            path=display_path(path),
            name=doc.name or _default_name(display_path(path)),
            text=doc.text,
            date=doc.date or default_date,
            body_start=doc.body_start,
        )
        for number, (path, doc) in enumerate(parsed, start=1)
    )
    shown = (Skipped(display_path(s.path), s.reason, s.warn) for s in _merge_skipped(skipped))
    return articles, tuple(shown)


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
    # Each entry carries the folders above it: a link back to one of them is a
    # loop to report; a link to any other folder already walked is just skipped.
    stack: list[_Entry] = [(p, True, (), False) for p in reversed(roots)]
    # Linked folders wait until everything else is walked, so a file reached
    # both ways keeps its real name.
    links: list[_Entry] = []
    while stack or links:
        path, explicit, above, linked = stack.pop() if stack else links.pop(0)
        if path == "-":
            found.append(_Candidate("-", None, "unknown", explicit=True))
            continue
        name = os.path.basename(path)
        kind = _kind_of(name)
        if not explicit and name.startswith("."):
            skipped.append(Skipped(path, "hidden", warn=False))
            continue
        try:
            info = os.stat(path)
        except (OSError, ValueError) as err:
            if kind is None and not explicit:
                skipped.append(Skipped(path, _not_article(name), warn=False))
            else:
                skipped.append(Skipped(path, _stat_reason(path, err)))
            continue
        identity = (info.st_dev, info.st_ino)
        if stat.S_ISDIR(info.st_mode):
            if identity in above:
                skipped.append(Skipped(path, "symlink loop"))
            elif identity in walked:
                if walked[identity] != path:
                    reason = f"same folder as {display_path(walked[identity])}"
                    skipped.append(Skipped(path, reason, warn=False))
            elif not linked and os.path.islink(path):
                links.append((path, explicit, above, True))
            else:
                walked[identity] = path
                skipped += _push_folder(path, (*above, identity), stack)
        elif kind is None:
            # A file the user named is worth a warning; one met in a folder is not.
            skipped.append(Skipped(path, _not_article(name), warn=explicit))
        elif not stat.S_ISREG(info.st_mode):
            skipped.append(Skipped(path, "not a regular file"))
        else:
            found.append(_Candidate(path, identity, kind, explicit, info.st_size))
    return found, skipped


def _push_folder(path: str, above: tuple[_FileId, ...], stack: list[_Entry]) -> list[Skipped]:
    """Put a folder's entries on ``stack``, to be popped in sorted order."""
    try:
        with os.scandir(path) as entries:
            names = sorted(entry.name for entry in entries)
    except OSError as err:
        return [Skipped(path, _os_reason(err))]
    stack.extend((os.path.join(path, n), False, above, False) for n in reversed(names))
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


def _load(candidate: _Candidate, stdin: BinaryIO | None) -> _Parsed:
    if candidate.path == "-":
        try:
            data = (stdin or sys.stdin.buffer).read(MAX_BYTES + 1)
        except ValueError as err:  # a closed stream
            raise _Unreadable("cannot read standard input") from err
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


def _parse(data: bytes, kind: _Kind) -> _Parsed:
    """Decode one input and reduce it to the article text with its header fields."""
    if len(data) > MAX_BYTES:
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
        kind = "html" if _HTML_START.match(text) else "text"
    if kind == "html":
        return _parse_html(text)
    source, date, body_start = _read_headers(text)
    if not text[body_start:].strip():
        raise _Unreadable("no text")
    return _Parsed(text, source, date, body_start)


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


def _read_headers(text: str) -> tuple[str | None, dt.date | None, int]:
    """Leading ``Source:`` and ``Date:`` lines: (source, date, offset of the body).

    >>> _read_headers("Date: 2018-10-07\\nSource: AP\\n\\nBody")
    ('AP', datetime.date(2018, 10, 7), 29)
    """
    fields: dict[str, str] = {}
    pos = 0
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
    date = _parse_date(fields["date"]) if "date" in fields else None
    return fields.get("source"), date, pos


def _parse_date(value: str) -> dt.date | None:
    """A calendar date written in one of the usual ways, ignoring what follows it.

    >>> _parse_date("Oct. 29th, 2018 10:30 EDT")
    datetime.date(2018, 10, 29)
    """
    if iso := _ISO_DATE.match(value):
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
    text, name, published = _extract_html(html)
    text = _normalise_newlines(text).strip() or _paragraph_text(html)
    if not text:
        raise _Unreadable("no article text in HTML")
    date = _parse_date(published) if published else None
    return _Parsed(text, name, date)


def _extract_html(html: str) -> tuple[str, str | None, str | None]:
    """Main text, site name (else title) and publication date, as trafilatura sees them."""
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
    if suffix in _TEXT_SUFFIXES:
        return "text"
    if suffix in _HTML_SUFFIXES:
        return "html"
    return "unknown" if not suffix else None


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
