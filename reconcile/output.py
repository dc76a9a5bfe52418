"""Where a report goes: standard output or a file, without losing or overwriting a byte.

* A regular file (or a new one) is written to a temporary file beside it and renamed
  over it, so a reader never sees half a report; Ctrl-C and SIGTERM are held off while
  that happens, and the temporary file never outlives a failure.
* A symbolic link is followed: its target is replaced, the link stays a link.
* Anything else (``/dev/stdout``, ``/dev/full``, a FIFO, a terminal) is written
  through, as the shell's ``>`` would: renaming a file over a device node would
  replace the device.
* Standard output is written in its own encoding.  When that is not a UTF, JSON is
  written in ASCII with ``\\uXXXX`` escapes and HTML with character references (both
  lossless, and valid whatever the reader assumes); text draws its boxes in ASCII and
  shows what the encoding cannot hold as ``?``.

Nothing here imports click: failures are ``OutputError`` (exit 2 at the command line),
and ``ReaderGone`` when the reader of a pipe stopped reading (``reconcile … | head``).
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import signal
import stat
import sys
import tempfile
from collections.abc import Iterator
from typing import Literal

_WRITTEN_THROUGH = ("/dev/", "/proc/")
"""Paths under these are never replaced by a rename, whatever they resolve to
(``/dev/stdout`` may resolve to the regular file the shell redirected it to)."""
_HELD_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})


class OutputError(Exception):
    """The report could not be written; the message says where and why, on one line."""


class ReaderGone(Exception):
    """Standard output is a pipe whose reader has stopped reading."""


def write_file(path: str, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path``: atomically for a regular file, else through."""
    data = text.encode("utf-8")
    target = os.path.realpath(path) if os.path.islink(path) else path
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise OutputError(f"cannot write {path}: {_reason(error)}") from error
    through = os.path.abspath(path).startswith(_WRITTEN_THROUGH) or (
        info is not None and not stat.S_ISREG(info.st_mode)
    )
    if through:
        _write_through(path, data)
    else:
        _replace(target, data, shown=path)


def _write_through(path: str, data: bytes) -> None:
    try:
        with open(path, "wb") as stream:
            stream.write(data)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {_reason(error)}") from error


def _replace(target: str, data: bytes, *, shown: str) -> None:
    """Write a temporary file beside ``target``, then rename it over: never half a report."""
    directory = os.path.dirname(os.path.abspath(target))
    temporary = None
    with _signals_held():
        try:
            handle, temporary = tempfile.mkstemp(dir=directory, prefix=".reconcile-", suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it 0600; a report is not secret
            os.replace(temporary, target)
            temporary = None
        except OSError as error:
            raise OutputError(f"cannot write {shown}: {_reason(error)}") from error
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block is done; they are acted on right after."""
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    except (AttributeError, OSError, ValueError):  # a platform without signal masks
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


Encoding = Literal["json", "html", "text"]
"""How a report survives an encoding that cannot hold it: see ``encode``."""


def write_stdout(text: str, *, kind: Encoding) -> int:
    """Write ``text`` to standard output in its encoding; return how many characters were
    lost (written as ``?``), which only text can lose."""
    stream = sys.stdout
    if stream is None:
        raise OutputError("standard output is closed: nowhere to write the report (use -o FILE)")
    data, lost = encode(text, getattr(stream, "encoding", None) or "utf-8", kind=kind)
    try:
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()
    except BrokenPipeError as error:
        _silence(stream)
        raise ReaderGone from error
    except OSError as error:
        _silence(stream)
        raise OutputError(
            f"cannot write the report to standard output: {_reason(error)}"
        ) from error
    return lost


def encode(text: str, encoding: str, *, kind: Encoding) -> tuple[bytes, int]:
    r"""``text`` in ``encoding``, and how many of its characters were lost.

    In a UTF, nothing is lost.  Otherwise JSON is written in ASCII (``\u`` escapes: every
    character above ASCII is inside a string in our JSON) and HTML with character
    references; text gets ASCII lines and corners, and ``?`` for what is still missing.

    >>> encode('{"name": "Łódź"}', "latin-1", kind="json")
    (b'{"name": "\\u0141\\u00f3d\\u017a"}', 0)
    >>> encode("<p>Łódź</p>", "latin-1", kind="html")
    (b'<p>&#321;&#243;d&#378;</p>', 0)
    >>> encode("╭─ Łódź ─╮", "latin-1", kind="text")
    (b'+- ?\xf3d? -+', 2)
    """
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        name = "utf-8"
    if name.startswith("utf"):
        return text.encode(name, "replace"), 0  # only a lone surrogate could be lost
    if kind == "json":
        return _NON_ASCII.sub(lambda m: _json_escape(m[0]), text).encode(name), 0
    if kind == "html":
        return text.encode("ascii", "xmlcharrefreplace").decode("ascii").encode(name), 0
    text = text.translate(_ASCII_LINES)
    try:
        return text.encode(name), 0
    except UnicodeEncodeError:
        lost = len(text) - len(text.encode(name, "ignore").decode(name))
        return text.encode(name, "replace"), lost


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Box drawing (rich's panels and rules) in ASCII, for encodings without it.
_ASCII_LINES = str.maketrans(
    {
        **dict.fromkeys("─━═┄┅╌╍", "-"),
        **dict.fromkeys("│┃║┆┇╎╏", "|"),
        **dict.fromkeys("╭╮╰╯┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬", "+"),
    }
)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # a UTF-16 surrogate pair, as JSON writes characters beyond the BMP
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _silence(stream: object) -> None:
    """Point standard output at /dev/null, so the interpreter's last flush at exit does not
    fail again on the same stream (and print a traceback)."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())  # type: ignore[attr-defined]
        os.close(null)


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
