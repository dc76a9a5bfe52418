"""Command line: options -> Settings -> pipeline -> renderer -> exit code.

Nothing but parsing, output and the exit-code policy lives here.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn, TypeVar

import click

from reconcile.model import FindingKind, Report, Settings, Skipped, Slot
from reconcile.render import FORMATS, TERMINAL_FORMATS

if TYPE_CHECKING:
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

_FAIL_ON = {
    "contradiction": {FindingKind.CONTRADICTION},
    "drift": {FindingKind.QUOTE_DRIFT},
    "any": {FindingKind.CONTRADICTION, FindingKind.UPDATE, FindingKind.QUOTE_DRIFT},
    "never": set(),
}


class _DefaultCommandGroup(click.Group):
    """``reconcile PATHS…`` runs ``reconcile check PATHS…``; other subcommands stay reachable."""

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "--version")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


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
@click.argument("paths", nargs=-1, required=True)
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
    type=click.DateTime(formats=["%Y-%m-%d"]),
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
    type=click.FloatRange(0.0, 1.0),
    default=Settings().min_confidence,
    show_default=True,
    help="Report only findings at least this sure, of every kind.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(0, 64),
    default=1,
    show_default=True,
    help="Worker processes for extraction (0: one per core, for 64+ articles). "
    "Pays off only with many cores: results travel between processes.",
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
    output_format: str,
    quiet: bool,
    output: str | None,
    fail_on: str,
    show_all: bool,
    default_date: dt.datetime | None,
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
    """
    from reconcile.pipeline import run
    from reconcile.progress import progress_on_stderr
    from reconcile.select import Selection, SelectionError, select_findings
    from reconcile.stories import run_stories

    if quiet and output_format not in TERMINAL_FORMATS:
        raise click.UsageError("-q applies to the text and compact formats only")
    settings = Settings(
        min_confidence=min_confidence,
        default_date=default_date.date() if default_date else None,
        jobs=jobs,
    )
    selection = Selection(
        kinds=frozenset(FindingKind(kind) for kind in kinds),
        slots=frozenset(Slot(slot) for slot in slots),
        sources=sources,
        min_confidence=min_confidence,
        reference=reference,
    )
    inputs = [*paths, reference] if reference else list(paths)
    with progress_on_stderr(enabled=_on_terminal(sys.stderr)) as progress:
        runner = run if one_story else run_stories
        report = _guarded(
            lambda: runner(inputs, settings, stdin=sys.stdin.buffer, progress=progress)
        )
    _warn_skipped(report.skipped, verbose=verbose)
    if one_story:
        _warn_stories(report)
    elif report.stories:
        click.echo(
            f"note: these articles tell {len(report.stories)} stories, each reconciled apart "
            "(the report says which article went where; --one-story reconciles them as one)",
            err=True,
        )
    try:
        report = select_findings(report, selection)
    except SelectionError as error:
        raise click.BadParameter(str(error), param_hint="--source/--reference") from None
    text = _render(report, output_format, show_all=show_all, quiet=quiet, to_file=output)
    if output is not None:
        _write_atomically(output, text)
    else:
        click.echo(text, nl=False)
    sys.exit(exit_code(report, fail_on))


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
                tell=lambda message: click.echo(message, err=True),
            ),
            ArchiveError,
        )
    finally:
        if output:
            stream.close()
    click.echo(f"{count} stories written", err=True)


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
    click.echo(format_table([(os.path.basename(os.path.normpath(folder)), result)]), nl=False)
    if verbose:
        _echo_misses(result)


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
    click.echo(format_table(rows), nl=False)
    if verbose:
        for name, result in rows:
            click.echo(f"{name}:")
            _echo_misses(result)


def _echo_misses(result: Score) -> None:
    for line in result.missed:
        click.echo(f"  missed: {line}")
    for line in result.false_alarms:
        click.echo(f"  false alarm: {line}")


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
        _warn_skipped(error.skipped, verbose=False)
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
        return render_summary(report, width=width, color=styled)
    return render_report(
        report, output_format, width=width, color=styled, show_single_source=show_all
    )


def _on_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _warn_stories(report: Report) -> None:
    """Warn when the articles look like several stories: findings across them mean little."""
    from reconcile.stories import separate_stories, story_groups

    groups = story_groups(report)
    if not separate_stories(groups):
        return
    click.echo(
        f"warning: these articles look like {len(groups)} separate stories (few names, places "
        "or figures in common between the groups); without --one-story each is reconciled "
        "apart:",
        err=True,
    )
    for number, group in enumerate(groups, start=1):
        paths = [article.path for article in group.articles]
        shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
        about = f" ({', '.join(group.names)})" if group.names else ""
        alone = " (shares little with any other article)" if len(paths) == 1 else ""
        click.echo(f"  {number}.{about} {shown}{alone}", err=True)


def _write_atomically(path: str, text: str) -> None:
    """Write to a temporary file beside ``path``, then rename it over: never half a report."""
    directory = os.path.dirname(os.path.abspath(path))
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".reconcile-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it 0600; a report is not secret
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        _fail(f"cannot write {path}: {error.strerror or error}", EXIT_INPUT)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _warn_skipped(skipped: Sequence[Skipped], *, verbose: bool) -> None:
    for item in skipped:
        if item.warn or verbose:
            label = "warning" if item.warn else "skipped"
            click.echo(f"{label}: {item.path}: {item.reason}", err=True)


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)
