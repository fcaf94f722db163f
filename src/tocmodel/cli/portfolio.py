"""`tocmodel portfolio`: country models side by side."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from .common import EXIT_FAILED, OUTPUT_FILE, load_clean, write_output


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=False))
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["html", "md", "xlsx", "json"]),
    help="The document's format (default: from the extension of -o, else html).",
)
@click.option("-o", "--output", type=OUTPUT_FILE, help="Write here (default: standard output).")
@click.option(
    "--engine",
    type=click.Choice(["auto", "dot", "graphviz-pure"]),
    default="auto",
    show_default=True,
    help="Layout engine of the HTML's diagram.",
)
@click.option("--lang", help="Language of the texts (default: the generic model's first language).")
def portfolio(
    paths: Sequence[str], output_format: str | None, output: str | None, engine: str, lang: str | None
) -> None:
    """Put country models side by side: PATHS are model files or folders of them, all extending one generic
    model. Shows what each country kept, changed, dropped or added of the generic model, which countries
    address each root cause, and the indicators the same across countries put together, with the generic
    model's diagram marked by how many countries hold each box and their progress."""
    from ..analysis.portfolio import PortfolioError, build_portfolio, members, model_files
    from ..check import config_beside
    from ..render.diagram import DiagramError
    from ..render.portfolio import render_portfolio

    if output_format is None:
        suffix = (output or "").rsplit(".", 1)[-1].lower() if output and "." in output else ""
        output_format = {"htm": "html", "markdown": "md"}.get(suffix, suffix)
        output_format = output_format if output_format in ("html", "md", "xlsx", "json") else "html"
    if output_format == "xlsx" and output is None:
        raise click.UsageError("an Excel workbook is written to a file: give -o FILE.xlsx")
    try:
        found = members(model_files(paths), read=lambda path: load_clean(path, output_format="text", notes=False))
    except PortfolioError as error:
        for where, message in error.problems:
            click.echo(click.style(f"{where}: {message}", fg="red"), err=True)
        click.echo("The models cannot be put side by side; nothing was written.", err=True)
        sys.exit(EXIT_FAILED)
    config = config_beside(found.countries[0].path)
    result = build_portfolio(found, thresholds=config.thresholds if config else None)
    try:
        content = render_portfolio(result, found.generic, output_format=output_format, engine=engine, lang=lang)
    except DiagramError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_FAILED)
    write_output(content, output)
    counts = {
        rule: sum(1 for a in result.aggregates if a.rule == rule)
        for rule in ("summed", "combined", "side by side", "refused")
    }
    shown = ", ".join(f"{n} {rule}" for rule, n in counts.items())
    countries = f"{len(result.countries)} countr{'ies' if len(result.countries) != 1 else 'y'}"
    click.echo(f"{countries}; {len(result.aggregates)} indicators put together ({shown})", err=True)
