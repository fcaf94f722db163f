"""`tocmodel new`: start a country model from a generic one. Parse options, call `scaffold`, print, exit."""

from __future__ import annotations

import sys

import click

from .common import EXIT_FAILED, EXIT_OK, OUTPUT_FOLDER


@click.command(name="new")
@click.argument("folder", type=OUTPUT_FOLDER)
@click.option("--country", required=True, metavar="CODE", help="ISO 3166-1 alpha-2 code of the country, e.g. KE.")
@click.option(
    "--from",
    "generic",
    default="ewaste-generic",
    show_default=True,
    metavar="GENERIC",
    help="A generic model shipped with tocmodel, or a model file in FOLDER or below.",
)
def new(folder: str, country: str, generic: str) -> None:
    """Start a country model in FOLDER (made if missing) from a generic model, as FOLDER/<model>-<country>.yaml.

    The new model extends the generic one and sets its id, title, country and plan start; it passes
    `tocmodel check` as written. Edit it to add, change or drop what differs in the country.
    """
    from ..check import check
    from ..errors import ModelLoadError, UsageError
    from ..interop.scaffold import scaffold

    try:
        written = scaffold(country=country, folder=folder, generic=generic)
    except UsageError as error:
        raise click.UsageError(str(error)) from None
    except ModelLoadError as error:
        for diagnostic in error.report:
            click.echo(diagnostic.format(), err=True)
        click.echo(f"Error: the generic model {generic} has errors; nothing was written.", err=True)
        sys.exit(EXIT_FAILED)
    except OSError as error:
        click.echo(f"Error: cannot write in {folder}: {error.strerror or error}", err=True)
        sys.exit(EXIT_FAILED)
    counts = check(written.path).counts()
    click.echo(f"wrote {written.path} (extends {written.generic})")
    click.echo(f"checked: {counts['error']} errors, {counts['warning']} warnings")
    click.echo(f"next: edit it, then run `tocmodel check {written.path}`; see docs/country-models.md")
    sys.exit(EXIT_OK if not counts["error"] else EXIT_FAILED)
