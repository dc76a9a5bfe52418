"""Command line: options -> Settings -> pipeline -> renderer -> exit code.

Nothing but parsing, output and the exit-code policy lives here.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from reconcile.load import EARLIEST_DATE, LATEST_DATE
from reconcile.model import FindingKind, InputWarning, Report, Settings, Skipped, Slot
from reconcile.render import FORMATS, TERMINAL_FORMATS

if TYPE_CHECKING:
    from reconcile.output import Encoding
    from reconcile.score import Score

T = TypeVar("T")

PLAIN_WIDTH = 80
"""Width of the text report when it is not going to a terminal."""

EXIT_OK = 0
EXIT_FINDINGS = 1
"""``--fail-on`` matched a finding."""
EXIT_INPUT = 2
"""Usage error, or nothing to reconcile (no readable article, fewer than two)."""
EXIT_INTERNAL = 3
"""A bug: reconcile failed on an input it should have handled."""
EXIT_INTERRUPTED = 130
"""Ctrl-C (SIGINT): 128 + the signal's number, as shells report it."""
EXIT_TERMINATED = 143
"""SIGTERM (128 + 15): stopped by ``kill``, a container or CI runtime; cleaned up first."""

# Characters that reorder or hide what a terminal shows: never passed to it as they are.
_UNSAFE_FOR_TERMINAL = re.compile(
    "[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f]"
)


# How each format survives a standard output that is not UTF-8 (see reconcile.output).
_ENCODING_KIND: dict[str, Encoding] = {
    "json": "json",
    "jsonl": "json",
    "sarif": "json",
    "html": "html",
}

_FAIL_ON = {
    "contradiction": {FindingKind.CONTRADICTION},
    "drift": {FindingKind.QUOTE_DRIFT},
    "any": {FindingKind.CONTRADICTION, FindingKind.UPDATE, FindingKind.QUOTE_DRIFT},
    "never": set(),
}


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C would be, so that the same clean-up runs."""


class _DefaultCommandGroup(click.Group):
    """``reconcile PATHS…`` runs ``reconcile check PATHS…``; other subcommands stay reachable.

    It also owns what a signal does: Ctrl-C and SIGTERM stop the run, clean up (worker
    processes, a half-written output file) and exit 130 or 143, never 1 (click's
    "Aborted!"), which ``--fail-on`` uses.
    """

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "--version")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with _sigterm_raises():
                return super().invoke(ctx)
        except KeyboardInterrupt as interrupt:
            terminated = isinstance(interrupt, _Terminated)
            _say("Terminated" if terminated else "Interrupted")
            sys.exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED)


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    """Within the block, SIGTERM raises ``_Terminated`` (the previous handler is restored)."""

    def terminate(signum: int, frame: object) -> None:
        raise _Terminated

    try:
        previous = signal.signal(signal.SIGTERM, terminate)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _FiniteFloatRange(click.FloatRange):
    """A float range that refuses ``nan`` (which passes every comparison, so a range check
    lets it through, and then drops every finding it is compared with)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        return number


class _PublicationDate(click.ParamType):
    """YYYY-MM-DD, a real calendar day, within the dates an article can bear."""

    name = "date"
    _FORM = re.compile(r"\d{4}-\d{2}-\d{2}")

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, dt.date):
            return value
        if not self._FORM.fullmatch(str(value)):
            self.fail(f"{value!r} is not a date of the form YYYY-MM-DD.", param, ctx)
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a calendar date.", param, ctx)
        if not EARLIEST_DATE <= date <= LATEST_DATE:
            self.fail(
                f"{value!r} is outside {EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}.",
                param,
                ctx,
            )
        return date


@click.group(cls=_DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reconcile", prog_name="reconcile")
def main() -> None:
    """Reconcile news articles about one story: where sources contradict each other,
    where they agree, how quotations drift, and what only one source says.

    \b
    Examples:
      reconcile stories/election/
      reconcile a.txt b.html --format json | jq .summary
      reconcile stories/ --fail-on contradiction   # exit 1 on any contradiction
    """


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--files-from",
    metavar="FILE",
    help="Also read the paths listed in FILE, one per line or NUL-separated "
    "(find -print0); - reads the list from standard input.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(FORMATS)),
    default="text",
    show_default=True,
    help="text: report for people; compact: one line per finding; json, jsonl, csv: for "
    "programs and spreadsheets; markdown: for an issue or PR comment; html: one page to share; "
    "github: workflow annotations; sarif: code scanning.",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Print only the closing summary (text and compact formats).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the report to this file (atomically) instead of standard output.",
)
@click.option(
    "--fail-on",
    type=click.Choice(list(_FAIL_ON)),
    default="never",
    show_default=True,
    help="Exit with status 1 when a finding of this kind is reported (after filters).",
)
@click.option("--all", "show_all", is_flag=True, help="Also list single-source claims.")
@click.option(
    "--date",
    "default_date",
    type=_PublicationDate(),
    help="Publication date (YYYY-MM-DD) for articles that do not state one.",
)
@click.option(
    "--reference",
    type=click.Path(exists=True, dir_okay=False),
    help="A draft checked against the other articles: report only findings that involve it.",
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice([kind.value for kind in FindingKind]),
    help="Report only findings of this kind (repeatable).",
)
@click.option(
    "--slot",
    "slots",
    multiple=True,
    type=click.Choice([slot.value for slot in Slot]),
    help="Report only findings about this slot: day, count, quote… (repeatable).",
)
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="ID|PATH|NAME",
    help="Report only findings with evidence from this source (repeatable).",
)
@click.option(
    "--min-confidence",
    type=_FiniteFloatRange(0.0, 1.0),
    default=Settings().min_confidence,
    show_default=True,
    help="Report only findings at least this sure, of every kind.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(0, 64),
    default=0,
    show_default=True,
    help="Worker processes for extraction, alignment and judging values "
    "(0: one per core for 64 articles or more, else one; 1: never any).",
)
@click.option(
    "--one-story",
    is_flag=True,
    help="Reconcile all the articles as one story, even when they look like several "
    "(by default each story is found and reconciled apart).",
)
@click.option("-v", "--verbose", is_flag=True, help="Also list files passed over by design.")
def check(
    paths: tuple[str, ...],
    files_from: str | None,
    output_format: str,
    quiet: bool,
    output: str | None,
    fail_on: str,
    show_all: bool,
    default_date: dt.date | None,
    reference: str | None,
    kinds: tuple[str, ...],
    slots: tuple[str, ...],
    sources: tuple[str, ...],
    min_confidence: float,
    jobs: int,
    one_story: bool,
    verbose: bool,
) -> None:
    """Reconcile the articles in PATHS (files, folders, or - for standard input).

    \b
    Example:
      reconcile seeds/
      reconcile seeds/ --format compact --kind contradiction
      reconcile seeds/ --format html -o report.html
      reconcile wire/ --reference draft.md --fail-on contradiction
      curl -s https://example.org/story | reconcile - other.txt
      find stories/ -name '*.txt' -print0 | reconcile --files-from -
    """
    from reconcile.pipeline import run
    from reconcile.progress import progress_on_stderr
    from reconcile.select import Selection, SelectionError, select_findings
    from reconcile.stories import run_stories

    if quiet and output_format not in TERMINAL_FORMATS:
        raise click.UsageError("-q applies to the text and compact formats only")
    every_path = (*paths, *(_read_path_list(files_from, paths) if files_from else ()))
    if not every_path:
        raise click.UsageError("no paths: give PATHS, or --files-from FILE")
    settings = Settings(min_confidence=min_confidence, default_date=default_date, jobs=jobs)
    selection = Selection(
        kinds=frozenset(FindingKind(kind) for kind in kinds),
        slots=frozenset(Slot(slot) for slot in slots),
        sources=sources,
        min_confidence=min_confidence,
        reference=reference,
    )
    inputs = [*every_path, reference] if reference else list(every_path)
    if output is not None:
        _refuse_to_overwrite_an_input(output, inputs, files_from)
    stdin = sys.stdin.buffer if sys.stdin is not None else None
    with progress_on_stderr(enabled=_on_terminal(sys.stderr)) as progress:
        runner = run if one_story else run_stories
        report = _guarded(lambda: runner(inputs, settings, stdin=stdin, progress=progress))
    _warn_inputs(report.skipped, report.warnings, verbose=verbose)
    for note in report.notes:
        _say(f"note: {note}")
    if one_story:
        _warn_stories(report, settings)
    elif report.stories:
        _say(
            f"note: these articles tell {len(report.stories)} stories, each reconciled apart "
            "(the report says which article went where; --one-story reconciles them as one)"
        )
    try:
        report = select_findings(report, selection)
    except SelectionError as error:
        raise click.BadParameter(str(error), param_hint="--source/--reference") from None
    text = _render(report, output_format, show_all=show_all, quiet=quiet, to_file=output)
    _deliver(text, output, kind=_ENCODING_KIND.get(output_format, "text"))
    sys.exit(exit_code(report, fail_on))


def _read_path_list(source: str, paths: Sequence[str]) -> list[str]:
    """The paths listed in ``source`` (a file, or - for standard input)."""
    from reconcile.load import split_path_list

    if source == "-":
        if "-" in paths:
            raise click.UsageError(
                "standard input cannot hold both the list of paths (--files-from -) "
                "and an article (-)"
            )
        if sys.stdin is None:
            _fail("cannot read the list of paths: standard input is closed", EXIT_INPUT)
        data = sys.stdin.buffer.read()
    else:
        try:
            with open(source, "rb") as stream:
                data = stream.read()
        except OSError as error:
            _fail(f"cannot read the list of paths {source}: {error.strerror}", EXIT_INPUT)
    listed = split_path_list(data)
    if not listed and not paths:
        _fail(f"the list of paths {source} is empty", EXIT_INPUT)
    return listed


def _refuse_to_overwrite_an_input(
    output: str, paths: Sequence[str], files_from: str | None
) -> None:
    """Exit 2 if ``output`` is (after links) one of the files to be read, or the list of
    paths: the report would replace it."""
    from reconcile.load import input_files

    try:
        info = os.stat(output)
    except (OSError, ValueError):
        return  # not there yet (or unreachable, which writing will report)
    target = (info.st_dev, info.st_ino)
    if files_from is not None and files_from != "-" and _identity(files_from) == target:
        _fail(f"{output} is the list of paths: refusing to write the report over it", EXIT_INPUT)
    if target in input_files(paths):
        _fail(
            f"{output} is one of the input articles: refusing to write the report over it",
            EXIT_INPUT,
        )


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _deliver(text: str, output: str | None, *, kind: Encoding) -> None:
    """The report to ``output`` or to standard output; a failure is exit 2."""
    from reconcile.output import OutputError, ReaderGone, write_file, write_stdout

    try:
        if output is not None:
            write_file(output, text)
            return
        lost = write_stdout(text, kind=kind)
    except ReaderGone:
        sys.exit(EXIT_INPUT)  # the reader (head, less) chose to stop: nothing to say
    except OutputError as error:
        _fail(str(error), EXIT_INPUT)
    if lost:
        encoding = getattr(sys.stdout, "encoding", "?")
        _say(
            f"warning: standard output ({encoding}) cannot hold {lost} character(s) of the "
            "report; written as ? (set PYTHONIOENCODING=utf-8, or use -o FILE)"
        )


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the JSON lines to this file (as stories finish) instead of standard output.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="A running Dask scheduler (tcp://host:8786); default: a local cluster.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=2,
    show_default=True,
    help="Worker processes of the local cluster (ignored with --scheduler).",
)
@click.option(
    "--date",
    "default_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date (YYYY-MM-DD) for articles that do not state one.",
)
def archive(
    inputs: tuple[str, ...],
    output: str | None,
    scheduler: str | None,
    workers: int,
    default_date: dt.datetime | None,
) -> None:
    """Split an archive into stories and reconcile each, on Dask: one JSON line per story.

    INPUTS are folders, article files and .jsonl files (one article a line: an object
    with "text", and optionally "source", "date" and "id").  Needs the archive extra:
    pip install 'reconcile[archive]'.

    \b
    Example:
      reconcile archive news/ wire.jsonl -o stories.jsonl
      reconcile archive news/ --scheduler tcp://10.0.0.5:8786 -o stories.jsonl
    """
    from reconcile.archive import ArchiveError, run_archive

    settings = Settings(default_date=default_date.date() if default_date else None)
    stream = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115

    def write(line: str) -> None:
        stream.write(line)
        stream.flush()

    try:
        count = _guarded_archive(
            lambda: run_archive(
                list(inputs),
                write,
                settings=settings,
                scheduler=scheduler,
                workers=workers,
                tell=_say,
            ),
            ArchiveError,
        )
    finally:
        if output:
            stream.close()
    _say(f"{count} stories written")


def _guarded_archive(work: Callable[[], T], expected: type[Exception]) -> T:
    try:
        return work()
    except expected as error:
        _fail(str(error), EXIT_INPUT)


@main.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("-v", "--verbose", is_flag=True, help="List missed items and false alarms.")
def score(gold: str, folder: str, verbose: bool) -> None:
    """Score reconcile's findings on FOLDER against the answer key GOLD (a gold.json).

    \b
    Example:
      reconcile score seeds/gold.json seeds/
    """
    from reconcile.score import format_table, score_folder

    _check_gold(gold)
    result = _guarded(lambda: score_folder(folder, gold))
    lines = [format_table([(os.path.basename(os.path.normpath(folder)), result)])]
    if verbose:
        lines += _misses(result)
    _deliver("".join(lines), None, kind="text")


@main.command(name="eval")
@click.argument("roots", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
@click.option("-v", "--verbose", is_flag=True, help="List missed items and false alarms.")
def evaluate(roots: tuple[str, ...], verbose: bool) -> None:
    """Score every story folder under ROOTS that holds a gold.json, and the total.

    \b
    Example:
      reconcile eval seeds tests/corpus
    """
    from reconcile.score import format_table, score_folder, story_folders

    folders = sorted({folder for root in roots for folder in story_folders(root)})
    if not folders:
        _fail("no folder with a gold.json under " + ", ".join(roots), EXIT_INPUT)
    for folder in folders:
        _check_gold(folder / "gold.json")
    rows: list[tuple[str, Score]] = []
    for folder in folders:
        rows.append((folder.name, _guarded(lambda folder=folder: score_folder(folder))))
    lines = [format_table(rows)]
    if verbose:
        for name, result in rows:
            lines.append(f"{name}:\n")
            lines += _misses(result)
    _deliver("".join(lines), None, kind="text")


def _misses(result: Score) -> list[str]:
    return [f"  missed: {line}\n" for line in result.missed] + [
        f"  false alarm: {line}\n" for line in result.false_alarms
    ]


def _check_gold(path: str | os.PathLike[str]) -> None:
    """A malformed answer key is a usage error, said in one line."""
    from reconcile.gold import GoldError, check_gold

    try:
        check_gold(path)
    except GoldError as error:
        _fail(str(error), EXIT_INPUT)


def _guarded(work: Callable[[], T]) -> T:
    """Run pipeline work, turning failures into the documented one-line errors."""
    from reconcile.pipeline import InputError

    try:
        return work()
    except InputError as error:
        _warn_inputs(error.skipped, error.warnings, verbose=False)
        _fail(str(error), EXIT_INPUT)
    except Exception as error:
        _fail(f"internal error ({type(error).__name__}: {error}); please report it", EXIT_INTERNAL)


def exit_code(report: Report, fail_on: str) -> int:
    """The one place that decides the exit status of a finished run."""
    kinds = _FAIL_ON[fail_on]
    return EXIT_FINDINGS if any(f.kind in kinds for f in report.findings) else EXIT_OK


def _render(
    report: Report, output_format: str, *, show_all: bool, quiet: bool, to_file: str | None
) -> str:
    """The report as text; styled and as wide as the terminal only when it goes to one."""
    import shutil

    from reconcile.render import render_report, render_summary

    styled = to_file is None and _on_terminal(sys.stdout) and "NO_COLOR" not in os.environ
    width = shutil.get_terminal_size().columns if styled else PLAIN_WIDTH
    if quiet:
        return _terminal_safe(render_summary(report, width=width, color=styled))
    text = render_report(
        report, output_format, width=width, color=styled, show_single_source=show_all
    )
    return _terminal_safe(text) if output_format in TERMINAL_FORMATS else text


def _terminal_safe(text: str) -> str:
    r"""Text for a terminal with bidirectional and control characters shown escaped.

    Articles are read without them (see ``reconcile.normalise``); this keeps any that
    reach the report another way from reordering or driving the reader's terminal.
    The escape character itself is left to rich, which styles with it.

    >>> _terminal_safe("evil\u202etxt.exe\x07")
    'evil\\u202etxt.exe\\x07'
    """
    return _UNSAFE_FOR_TERMINAL.sub(lambda m: m[0].encode("unicode_escape").decode(), text)


def _on_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _warn_stories(report: Report, settings: Settings) -> None:
    """Warn when the articles look like several stories: findings across them mean little."""
    from reconcile.stories import separate_stories, story_groups

    groups = story_groups(report, settings)
    if not separate_stories(groups):
        return
    _say(
        f"warning: these articles look like {len(groups)} separate stories (few names, places "
        "or figures in common between the groups); without --one-story each is reconciled "
        "apart:"
    )
    for number, group in enumerate(groups, start=1):
        paths = [article.path for article in group.articles]
        shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
        about = f" ({', '.join(group.names)})" if group.names else ""
        alone = " (shares little with any other article)" if len(paths) == 1 else ""
        _say(f"  {number}.{about} {shown}{alone}")


def _warn_inputs(
    skipped: Sequence[Skipped], warnings: Sequence[InputWarning], *, verbose: bool
) -> None:
    """One line per input skipped or read with a fault, in path order."""
    lines = [
        (item.path, f"{'warning' if item.warn else 'skipped'}: {item.path}: {item.reason}")
        for item in skipped
        if item.warn or verbose
    ]
    lines += ((item.path, f"warning: {item.path}: {item.message}") for item in warnings)
    for _, line in sorted(lines, key=lambda pair: pair[0]):
        _say(line)


def _say(line: str) -> None:
    """A line on standard error, if there is one to write to."""
    with suppress(OSError):  # stderr full: nowhere left to say anything
        click.echo(line, err=True)


def _fail(message: str, code: int) -> NoReturn:
    _say(f"Error: {message}")
    sys.exit(code)
