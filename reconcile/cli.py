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

from reconcile.model import FindingKind, Report, Settings, Skipped

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
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report for people, or versioned JSON for programs.",
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
    help="Exit with status 1 when a finding of this kind is reported.",
)
@click.option("--all", "show_all", is_flag=True, help="Also list single-source claims.")
@click.option(
    "--date",
    "default_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Publication date (YYYY-MM-DD) for articles that do not state one.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=Settings().min_confidence,
    show_default=True,
    help="Drop contradictions less certain than this.",
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
@click.option("-v", "--verbose", is_flag=True, help="Also list files passed over by design.")
def check(
    paths: tuple[str, ...],
    output_format: str,
    output: str | None,
    fail_on: str,
    show_all: bool,
    default_date: dt.datetime | None,
    min_confidence: float,
    jobs: int,
    verbose: bool,
) -> None:
    """Reconcile the articles in PATHS (files, folders, or - for standard input).

    \b
    Example:
      reconcile seeds/
      reconcile seeds/ --format json -o report.json
      curl -s https://example.org/story | reconcile - other.txt
    """
    from reconcile.pipeline import reconcile_paths

    settings = Settings(
        min_confidence=min_confidence,
        default_date=default_date.date() if default_date else None,
        jobs=jobs,
    )
    report = _guarded(lambda: reconcile_paths(paths, settings=settings, stdin=sys.stdin.buffer))
    _warn_skipped(report.skipped, verbose=verbose)
    text = _render(report, output_format, show_all=show_all, to_file=output is not None)
    if output is not None:
        _write_atomically(output, text)
    else:
        click.echo(text, nl=False)
    sys.exit(exit_code(report, fail_on))


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


def _render(report: Report, output_format: str, *, show_all: bool, to_file: bool) -> str:
    from reconcile.render import render_json, render_terminal

    if output_format == "json":
        return render_json(report)
    import io
    import shutil

    from rich.console import Console

    styled = sys.stdout.isatty() and not to_file
    console = Console(
        file=io.StringIO(),
        force_terminal=styled,
        color_system="auto" if styled else None,
        width=shutil.get_terminal_size().columns if styled else PLAIN_WIDTH,
    )
    for renderable in render_terminal(report, show_single_source=show_all):
        console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


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
