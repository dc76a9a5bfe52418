"""Where the report goes, and how a run ends (issue 10): never a byte lost or overwritten.

Through the CLI, with fixtures in ``tmp_path``: ``-o`` never writes over an input, over
a device or over a symbolic link; standard output in any encoding, full, closed or
abandoned by its reader; a closed standard input; Ctrl-C and SIGTERM with worker
processes.  Cases that need a real process (closed streams, signals) run the installed
command in a subprocess; the rest run in-process.
"""

from __future__ import annotations

import builtins
import json
import os
import random
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from conftest import CORPUS, run_cli
from test_hostile import (
    GOOD_A,
    assert_calm,
    assert_good_reconciled,
    check,
    digest,
    sources,
    story,
)

from reconcile.cli import check as check_command
from reconcile.cli import main
from reconcile.render import FORMATS

COMMAND = [sys.executable, "-m", "reconcile"]
LODZ = "Source: Łódź Times\n\nPompeo met Kim Jong Un in Łódź on Tuesday for about two hours.\n"


def run_process(*args: str | Path, **options: Any) -> subprocess.CompletedProcess[str]:
    """The installed command in its own process (for real file descriptors and signals)."""
    return subprocess.run(
        [*COMMAND, *map(str, args)], capture_output=True, text=True, timeout=120, **options
    )


def run_shell(script: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """``script`` in sh with ``$@`` = the command and ``args`` (for ``>&-``, ``> /dev/full``)."""
    return subprocess.run(
        ["sh", "-c", script, "sh", *COMMAND, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def output_options() -> list[str]:
    """Every option of ``reconcile check`` that names a file to write."""
    return [
        param.opts[-1]
        for param in check_command.params
        if isinstance(param, click.Option)
        and isinstance(param.type, click.Path)
        and param.type.writable
    ]


# --- -o never overwrites an input -------------------------------------------------------------


def test_there_is_an_output_option_to_check() -> None:
    assert "--output" in output_options()


@pytest.mark.parametrize("option", output_options())
@pytest.mark.parametrize("spelling", ["same", "relative", "symlink", "hardlink"])
def test_output_naming_an_input_is_refused(tmp_path: Path, option: str, spelling: str) -> None:
    folder = story(tmp_path)
    before = digest(folder)
    target = {
        "same": folder / "a.txt",
        "relative": folder / ".." / "story" / "a.txt",
        "symlink": tmp_path / "link.txt",
        "hardlink": tmp_path / "hard.txt",
    }[spelling]
    if spelling == "symlink":
        os.symlink(folder / "a.txt", target)
    if spelling == "hardlink":
        os.link(folder / "a.txt", target)
    result = run_cli(str(folder), "--format", "json", option, str(target))
    assert_calm(result, 2)
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Error: {target} is one of the input articles: refusing to write the report over it"
    ]
    assert digest(folder) == before


def test_output_naming_the_list_of_paths_is_refused(tmp_path: Path) -> None:
    folder = story(tmp_path)
    listing = tmp_path / "paths.txt"
    listing.write_text(f"{folder / 'a.txt'}\n{folder / 'b.txt'}\n")
    result = run_cli("--files-from", str(listing), "-o", str(listing))
    assert_calm(result, 2)
    assert result.stderr.splitlines() == [
        f"Error: {listing} is the list of paths: refusing to write the report over it"
    ]
    assert listing.read_text() == f"{folder / 'a.txt'}\n{folder / 'b.txt'}\n"


def _recording_opens(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Patch ``open`` and ``os.open`` to record every path opened for writing."""
    written: list[str] = []
    real_open, real_os_open = builtins.open, os.open
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC

    def recording_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | bytes | os.PathLike) and set(mode) & set("wax+"):
            written.append(os.path.realpath(file))
        return real_open(file, mode, *args, **kwargs)

    def recording_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & write_flags:
            written.append(os.path.realpath(path))
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", recording_open)
    monkeypatch.setattr(os, "open", recording_os_open)
    return written


@pytest.mark.parametrize("option", output_options())
def test_no_input_file_is_ever_opened_for_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str
) -> None:
    folder = story(tmp_path, **{"c.md": GOOD_A.replace("Sunday", "Tuesday")})
    os.symlink(folder / "b.txt", tmp_path / "link.txt")
    inputs = {os.path.realpath(path) for path in folder.iterdir()}
    before = digest(folder)
    written = _recording_opens(monkeypatch)
    targets = [*sorted(folder.iterdir()), tmp_path / "link.txt", tmp_path / "report.json"]
    codes = [run_cli(str(folder), option, str(target)).exit_code for target in targets]
    monkeypatch.undo()
    assert codes == [2, 2, 2, 2, 0]
    assert written  # the recording works: the report itself was written
    assert not inputs & set(written)
    assert digest(folder) == before


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_reports_of_ours_are_not_read_back(tmp_path: Path, fmt: str) -> None:
    """A report of any format saved among the articles, under an article's extension."""
    folder = story(tmp_path)
    first = run_cli(str(folder), "--format", "json")
    assert_calm(first, 0)
    names = [
        f"report-{fmt}.txt",
        *{"markdown": ["report.md"], "html": ["report.html"]}.get(fmt, []),
    ]
    for name in names:
        assert_calm(run_cli(str(folder), "--format", fmt, "-o", str(folder / name)), 0)
    again = run_cli(str(folder), "--format", "json")
    assert_calm(again, 0)
    own = "a report written by reconcile, not an article"
    assert again.stderr.splitlines() == [
        f"warning: {folder / name}: {own}" for name in sorted(names)
    ]
    document = json.loads(again.stdout)
    assert document["findings"] == json.loads(first.stdout)["findings"]
    assert sources(document)[str(folder / names[0])]["status"] == "skipped"


def test_a_json_report_saved_as_json_lines_is_not_read_back(tmp_path: Path) -> None:
    folder = story(tmp_path)
    assert_calm(run_cli(str(folder), "--format", "json", "-o", str(folder / "r.jsonl")), 0)
    result, _ = check(folder)
    own = "a report written by reconcile, not an article"
    assert result.stderr.splitlines() == [f"warning: {folder / 'r.jsonl'}: {own}"]


# --- -o to what is not a regular file ---------------------------------------------------------


def test_output_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    folder = story(tmp_path)
    real = tmp_path / "real.json"
    real.write_text("old\n")
    link = tmp_path / "report.json"
    os.symlink(real, link)
    result = run_cli(str(folder), "--format", "json", "-o", str(link))
    assert_calm(result, 0)
    assert link.is_symlink()
    assert json.loads(real.read_text())["summary"]["contradiction"] == 1
    assert sorted(os.listdir(tmp_path)) == ["real.json", "report.json", "story"]


def test_output_to_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "report.json"
    os.symlink(tmp_path / "made.json", link)
    assert_calm(run_cli(str(story(tmp_path)), "--format", "json", "-o", str(link)), 0)
    assert link.is_symlink()
    assert json.loads((tmp_path / "made.json").read_text())["summary"]["contradiction"] == 1


def test_output_to_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run_cli(str(story(tmp_path)), "--format", "json", "-o", str(fifo))
    reader.join(timeout=30)
    assert_calm(result, 0)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # still a FIFO, not a file renamed over it
    assert json.loads(received[0])["summary"]["contradiction"] == 1


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_output_to_a_full_device(tmp_path: Path) -> None:
    result = run_cli(str(story(tmp_path)), "-o", "/dev/full")
    assert_calm(result, 2)
    assert result.stderr.splitlines() == ["Error: cannot write /dev/full: No space left on device"]
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_output_to_dev_stdout(tmp_path: Path) -> None:
    folder = story(tmp_path)
    result = run_process(folder, "--format", "json", "-o", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["contradiction"] == 1
    assert os.path.islink("/dev/stdout") or not os.path.isfile("/dev/stdout")


# --- standard output and input ----------------------------------------------------------------


@pytest.mark.parametrize("charset", ["latin-1", "ascii"])
def test_stdout_that_is_not_utf8(tmp_path: Path, charset: str) -> None:
    folder = story(tmp_path, **{"c.txt": LODZ})
    runner = CliRunner(charset=charset)
    for fmt in ("json", "jsonl", "sarif"):  # ASCII with \u escapes: nothing lost
        result = runner.invoke(main, [str(folder), "--format", fmt], catch_exceptions=False)
        assert_calm(result, 0)
        assert result.stdout_bytes.isascii()
        assert result.stderr == ""
        assert "Łódź Times" in result.stdout_bytes.decode("unicode_escape")
    document = json.loads(runner.invoke(main, [str(folder), "--format", "json"]).stdout_bytes)
    assert sources(document)[str(folder / "c.txt")]["name"] == "Łódź Times"
    assert_good_reconciled(document, folder)
    html = runner.invoke(main, [str(folder), "--format", "html"], catch_exceptions=False)
    assert_calm(html, 0)
    assert html.stdout_bytes.isascii()
    assert "&#321;&#243;d&#378; Times" in html.stdout  # character references: nothing lost
    text = runner.invoke(main, [str(folder)], catch_exceptions=False)
    assert_calm(text, 0)
    shown = text.stdout_bytes.decode(charset)
    assert "? Times" in shown
    assert not set("╭╮╰╯─│") & set(shown)  # boxes and rules drawn in ASCII
    assert "differ on the day" in " ".join(shown.split())
    warnings = [line for line in text.stderr.splitlines() if "cannot hold" in line]
    assert len(warnings) == 1


def test_stdout_on_a_full_disk(tmp_path: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("needs /dev/full")
    result = run_shell('"$@" > /dev/full', story(tmp_path))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "Error: cannot write the report to standard output: No space left on device"
    ]


def test_closed_stdout(tmp_path: Path) -> None:
    result = run_shell('"$@" >&-', story(tmp_path))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "Error: standard output is closed: nowhere to write the report (use -o FILE)"
    ]


def test_reader_that_stops_reading(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [*COMMAND, str(story(tmp_path)), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # like `| head` having read all it wanted
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 2
    assert stderr == ""


@pytest.mark.parametrize("dash", [False, True])
def test_closed_stdin(tmp_path: Path, dash: bool) -> None:
    folder = story(tmp_path)
    result = run_shell('"$@" --format json <&-', folder, *(["-"] if dash else []))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ("warning: -: standard input is closed\n" if dash else "")
    assert_good_reconciled(json.loads(result.stdout), folder)


# --- interrupts -------------------------------------------------------------------------------


def _many_articles(folder: Path, count: int) -> Path:
    """``count`` distinct articles made of the corpus's, enough to keep workers busy."""
    texts = [path.read_text() for path in sorted(CORPUS.glob("*/*.txt"))]
    rng = random.Random(count)
    folder.mkdir()
    for number in range(count):
        text = rng.choice(texts) + f"\nOfficial {number} said {number} people came on Monday.\n"
        (folder / f"{number:04d}.txt").write_text(text)
    return folder


def _default_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:
        return []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize(
    ("how", "code", "said"),
    [
        ("ctrl-c", 130, "Interrupted"),  # the terminal signals the whole process group
        ("sigint-parent", 130, "Interrupted"),  # `kill -INT` to the command alone
        ("sigterm", 143, "Terminated"),
    ],
)
def test_interrupt_with_workers(tmp_path: Path, how: str, code: int, said: str) -> None:
    folder = _many_articles(tmp_path / "many", 600)
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen(
        [*COMMAND, str(folder), "-j", "2", "--format", "json", "-o", str(out / "r.json")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        # As from a terminal: Ctrl-C at its default.  A process started with it ignored
        # keeps ignoring it, as it should; and a suite run in the background by a shell
        # without job control (`make test &`) has it ignored, which the child inherits.
        preexec_fn=_default_interrupt,
    )
    started = time.monotonic()
    while len(workers := _children(process.pid)) < 2 and time.monotonic() - started < 60:
        time.sleep(0.01)
    assert len(workers) == 2, "the worker processes never started"
    if how == "ctrl-c":
        os.killpg(process.pid, signal.SIGINT)
    else:
        os.kill(process.pid, signal.SIGINT if how == "sigint-parent" else signal.SIGTERM)
    signalled = time.monotonic()
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code
    assert time.monotonic() - signalled < 10  # not ~20 s waiting for the workers
    assert stderr.decode().splitlines() == [said]  # no traceback from a worker
    time.sleep(0.2)
    assert [pid for pid in workers if Path(f"/proc/{pid}").exists()] == []
    assert os.listdir(out) == []


def test_interrupt_just_before_the_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(source: str, target: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.txt").write_text("the old report\n")
    result = run_cli(str(story(tmp_path)), "-o", str(out / "report.txt"))
    assert result.exit_code == 130
    assert result.stderr.splitlines() == ["Interrupted"]
    assert os.listdir(out) == ["report.txt"]  # no .reconcile-*.tmp left behind
    assert (out / "report.txt").read_text() == "the old report\n"


def test_interrupt_is_not_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exit 1 means "--fail-on matched"; an interrupt must never be mistaken for it."""
    from reconcile import pipeline

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "align_claims", interrupted)
    result = run_cli(str(story(tmp_path)), "--fail-on", "contradiction")
    assert result.exit_code == 130
    assert result.stdout == ""
