"""The interoperability commands of `tocmodel`: `export iati`, `import iati`, `import xlsx`, `import docx`,
`import actuals` and `diff`.

Like the rest of the command line: parse options, call one library function, print, exit. lxml and
openpyxl are imported inside the commands that need them. Notes (what an import could not take, what an
export could not carry) go to standard error; the model or file to standard output or `-o FILE`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from .common import EXISTING_FILE, EXIT_FAILED, EXIT_OK, OUTPUT_FILE, load_clean, write_output

if TYPE_CHECKING:
    from ..interop import Imported, Note
    from ..schema import Model

DIFF_SAME, DIFF_DIFFERENT, DIFF_TROUBLE = 0, 1, 2
"""`tocmodel diff` exits as `diff` does."""

OUTPUT = click.option("-o", "--output", type=OUTPUT_FILE, help="Write here (default: standard output).")


def _write(content: bytes, output: str | None) -> None:

    write_output(content, output)


def _print_notes(notes: Sequence[Note], *, kind: str) -> None:
    for note in notes:
        click.echo(click.style(f"{kind}: ", fg="yellow") + note.format(), err=True)


def _fail(message: object) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(EXIT_FAILED)


@click.group(name="export")
def export_group() -> None:
    """Write a model in a format other tools read (IATI 2.03 results)."""


@export_group.command(name="iati")
@click.argument("model", type=EXISTING_FILE)
@OUTPUT
@click.option("--activity-id", metavar="ID", help="The activity's IATI identifier (default: REPORTING-ORG-MODEL-ID).")
@click.option(
    "--reporting-org", metavar="REF", help="IATI organisation identifier of the publisher, e.g. XM-DAC-41116."
)
@click.option("--reporting-org-name", metavar="NAME", help="Name of the publisher (default: its identifier).")
@click.option(
    "--reporting-org-type", metavar="CODE", default="90", show_default=True, help="IATI OrganisationType code, e.g. 40."
)
def export_iati(
    model: str,
    output: str | None,
    activity_id: str | None,
    reporting_org: str | None,
    reporting_org_name: str | None,
    reporting_org_type: str,
) -> None:
    """MODEL's impact, outcomes and outputs, with indicators, baselines and yearly targets, as an IATI 2.03
    activity file, checked against the official schema. What IATI has no room for is listed on standard error."""
    from ..interop.iati import ReportingOrg
    from ..interop.iati import export_iati as write

    loaded = load_clean(model, output_format="text")
    org = ReportingOrg(type=reporting_org_type, name=reporting_org_name or "")
    if reporting_org:
        org = ReportingOrg(reporting_org, reporting_org_name or "", reporting_org_type)
    try:
        exported = write(loaded, activity_id=activity_id, reporting_org=org)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--reporting-org-type") from None
    except RuntimeError as error:
        _fail(error)
    _print_notes(exported.notes, kind="warning")
    _write(exported.content, output)


@click.group(name="import")
def import_group() -> None:
    """Read a model from another format (an IATI activity file, a logframe spreadsheet or document), or a table
    of values measured into a model's monitoring file."""


def _finish_import(imported: Imported, output: str | None, *, command: str) -> None:
    _print_notes(imported.notes, kind="note")
    if imported.summary:
        click.echo(imported.summary, err=True)
    _write(imported.to_yaml(command=command).encode("utf-8"), output)


@import_group.command(name="iati")
@click.argument("file", type=EXISTING_FILE)
@click.option(
    "--activity", metavar="ID", help="The iati-identifier of the activity to take (default: the first with results)."
)
@OUTPUT
def import_iati(file: str, activity: str | None, output: str | None) -> None:
    """A model from one activity of an IATI 2.03 FILE: results, indicators, baselines, targets, periods and
    languages. What could not be taken is listed on standard error, with its line."""
    from ..errors import InputError, UsageError
    from ..interop.iati import import_iati as read

    try:
        imported = read(file, activity=activity)
    except UsageError as error:
        raise click.BadParameter(str(error), param_hint="--activity") from None
    except InputError as error:
        _fail(error)
    _finish_import(imported, output, command="tocmodel import iati")


def _table_options(where: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The options of the commands that import logframe tables (`where`: `--sheet` or `--table`)."""

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        options: list[Callable[[Callable[..., None]], Callable[..., None]]] = [
            click.option(
                "--columns",
                metavar="MAPPING",
                help="Columns of another layout, as letters or header labels: "
                "'result=A,indicator=C,baseline=D,target=E,source=F,assumptions=G' (a year names that year's "
                "targets).",
            ),
            where_option(where),
            click.option(
                "--header-row",
                type=click.IntRange(min=0),
                metavar="N",
                help="The header's row for --columns by letter (0: none).",
            ),
            click.option("--start", type=click.IntRange(1900, 2200), metavar="YEAR", help="The plan's first year."),
            click.option("--years", type=click.IntRange(1, 30), metavar="N", help="The plan's length in years."),
            click.option(
                "--explain",
                is_flag=True,
                help="Show how the table was read (header, each column's role, each result's level, number "
                "and link) instead of writing the model.",
            ),
        ]
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def where_option(where: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    if where == "--sheet":
        return click.option(
            "--sheet", metavar="NAME", help="The sheet with the matrix (default: the first with a logframe header)."
        )
    return click.option(
        "--table", metavar="'Table N'", help="The table with the matrix (default: the first with a logframe header)."
    )


@import_group.command(name="xlsx")
@click.argument("file", type=EXISTING_FILE)
@_table_options("--sheet")
@OUTPUT
def import_xlsx(file: str, sheet: str | None, explain: bool, output: str | None, **options: Any) -> None:
    """A model from a logframe spreadsheet FILE: the matrix found among its sheets by its headers (English,
    French or Spanish; EU, UNDP, indicator tracking tables and others), its results linked. Every cell not
    read is listed with its place."""
    from ..interop.xlsx import import_xlsx as read

    _import_tables(lambda: read(file, sheet=sheet, **options), explain, output, command="tocmodel import xlsx")


@import_group.command(name="docx")
@click.argument("file", type=EXISTING_FILE)
@_table_options("--table")
@OUTPUT
def import_docx(file: str, table: str | None, explain: bool, output: str | None, **options: Any) -> None:
    """A model from the logframe table of a Word document FILE, read as a spreadsheet's matrix is (merged
    cells, a matrix split over pages). Every cell not read is listed with its place."""
    from ..interop.docx import import_docx as read

    _import_tables(lambda: read(file, table=table, **options), explain, output, command="tocmodel import docx")


@import_group.command(name="actuals")
@click.argument("model", type=EXISTING_FILE)
@click.argument("table", type=EXISTING_FILE)
@click.option(
    "--into", type=OUTPUT_FILE, help="The monitoring file (default: monitoring/MODEL-YEARS.yaml beside MODEL)."
)
@click.option("--sheet", metavar="NAME", help="The workbook's sheet with the values (default: the first).")
def import_actuals(model: str, table: str, into: str | None, sheet: str | None) -> None:
    """Values measured, from TABLE (CSV or Excel: indicator, period, value; date, source, comment, status,
    dimension and category if wanted) into a monitoring file of MODEL, which MODEL's `monitoring:` then names.
    A row naming an unknown indicator, a period outside the plan or a value of the wrong kind refuses the table,
    with where it is; nothing is written then."""
    from ..errors import InputError, ModelLoadError
    from ..interop.actuals import TableError
    from ..interop.actuals import import_actuals as write

    try:
        imported = write(model, table, into=into, sheet=sheet)
    except ModelLoadError as error:
        _fail(error)
    except InputError as error:
        _fail(error)
    except TableError as error:
        for problem in error.problems:
            click.echo(click.style("error: ", fg="red") + problem.format(), err=True)
        count = len(error.problems)
        _fail(f"{count} problem{'s' if count != 1 else ''} in {table}; nothing was written")
    _print_notes(imported.notes, kind="note")
    click.echo(imported.summary, err=True)


def _import_tables(read: Callable[[], Imported], explain: bool, output: str | None, *, command: str) -> None:
    from ..errors import InputError, UsageError

    try:
        imported = read()
    except UsageError as error:
        raise click.UsageError(str(error)) from None
    except InputError as error:
        _fail(error)
    if explain:
        click.echo(imported.explanation, nl=False)
        return
    _finish_import(imported, output, command=command)


@click.command(name="diff")
@click.argument("paths", nargs=-1, required=True, metavar="OLD NEW")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "md", "json"]),
    default="text",
    show_default=True,
    help="Text for a terminal, Markdown for a review, JSON for machines.",
)
@click.option("--git-external", is_flag=True, help="Run as git's external diff driver (git passes 7 arguments).")
def diff(paths: Sequence[str], output_format: str, git_external: bool) -> None:
    """What changed from model OLD to model NEW: results, links, assumptions, risks, indicators (baselines
    and targets as `40 → 60`), actors, stages and root causes, each added, removed or changed.

    Exit codes as diff's: 0 no differences, 1 differences, 2 a model could not be loaded (or misuse).
    """
    from ..errors import UsageError

    if git_external:
        from ..interop.diff.git import external_diff

        try:
            click.echo(external_diff(list(paths), style=click.style), nl=False)
        except UsageError as error:
            raise click.UsageError(str(error)) from None
        sys.exit(EXIT_OK)  # git stops at a driver that exits non-zero
    if len(paths) != 2:
        raise click.UsageError("give two models: tocmodel diff OLD NEW")
    old, new = (_load_for_diff(path) for path in paths)
    from ..interop.diff import diff_models
    from ..interop.diff.render import to_json, to_markdown, to_text

    changes = diff_models(old, new)
    if output_format == "json":
        click.echo(to_json(changes, old=paths[0], new=paths[1]), nl=False)
    elif output_format == "md":
        click.echo(to_markdown(changes, old=paths[0], new=paths[1]), nl=False)
    else:
        click.echo(to_text(changes, old=paths[0], new=paths[1], style=click.style), nl=False)
    sys.exit(DIFF_DIFFERENT if changes else DIFF_SAME)


def _load_for_diff(path: str) -> Model:
    """The model in `path`; its loading errors printed and exit 2 when it does not load."""
    from ..check import config_beside
    from ..errors import ModelLoadError, UsageError
    from ..interop.diff.monitoring import is_monitoring_text, monitoring_model
    from ..load.loader import load
    from ..source.reader import Limits, YamlProblem, read_text

    try:
        found = config_beside(path)
        limits = found.limits if found else Limits()
        try:
            text = read_text(Path(path), display=path, limits=limits)
        except YamlProblem:
            text = ""  # the loader says what is wrong with the file
        if is_monitoring_text(text):  # a monitoring file alone: its actuals compared
            return monitoring_model(text, display=path)
        return load(path, limits=limits)
    except UsageError as error:
        raise click.UsageError(str(error)) from None
    except ModelLoadError as error:
        for diagnostic in error.report.errors:
            click.echo(diagnostic.format(), err=True)
        click.echo(f"Error: {path} does not load as a model; nothing compared.", err=True)
        sys.exit(DIFF_TROUBLE)
