"""`tocmodel translate export` and `translate import`: a model's own texts through a translator's PO catalogue.

Parse options, call one library function, print, exit: what an import left out goes to standard error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import EXISTING_FILE, EXIT_FAILED, OUTPUT_FILE, load_clean, write_output

LANGUAGE = click.option("--lang", metavar="CODE", help="The language to translate into, e.g. fr or pt-BR.")


@click.group(name="translate")
def translate_group() -> None:
    """Translate a model's texts with gettext PO catalogues (Poedit, Weblate, any PO editor)."""


@translate_group.command(name="export")
@click.argument("model", type=EXISTING_FILE)
@click.option("--lang", metavar="CODE", required=True, help="The language to translate into, e.g. fr or pt-BR.")
@click.option("--all", "everything", is_flag=True, help="List every text, with the translations it already has.")
@click.option("-o", "--output", type=OUTPUT_FILE, help="Write here, e.g. model.fr.po (default: standard output).")
def export_command(model: str, lang: str, everything: bool, output: str | None) -> None:
    """Write the texts of MODEL that have no LANG version as a PO catalogue: each text in the model's main
    language, with where it is in the model and the file and line it is written on."""
    from ..errors import TranslationError
    from ..interop.translate import export_po
    from ..schema.text import untranslated

    loaded = load_clean(model, output_format="text")
    try:
        content = export_po(loaded, lang, folder=Path(model).parent, everything=everything)
    except TranslationError as error:
        raise click.BadParameter(str(error), param_hint="--lang") from None
    write_output(content, output)
    count = len(untranslated(loaded, lang))
    listed = " (all texts listed)" if everything else ""
    click.echo(f"{count} texts of {model} have no `{lang}` version{listed}", err=True)


@translate_group.command(name="import")
@click.argument("model", type=EXISTING_FILE)
@click.argument("catalogue", type=EXISTING_FILE)
@LANGUAGE
def import_command(model: str, catalogue: str, lang: str | None) -> None:
    """Write the translations of CATALOGUE (a PO file exported from MODEL) into the model's files: each text
    gains its LANG version where it is written, and nothing else in the files changes."""
    from ..errors import TranslationError
    from ..interop.translate import import_po
    from ..writing import write_bytes_atomic

    loaded = load_clean(model, output_format="text")
    try:
        imported = import_po(loaded, Path(catalogue).read_bytes(), name=catalogue, language=lang)
    except TranslationError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_FAILED)
    for note in imported.skipped:
        click.echo(click.style("left out: ", fg="yellow") + note, err=True)
    if imported.unchanged:
        click.echo(f"{imported.unchanged} texts already have that `{imported.language}` translation", err=True)
    for path in imported.corrected:
        click.echo(f"corrected: {path}", err=True)
    for file, content in imported.files.items():
        write_bytes_atomic(file, content)
        click.echo(f"wrote {imported.written[file]} `{imported.language}` texts into {file}", err=True)
    if not imported.files:
        click.echo(f"no `{imported.language}` translation to write", err=True)
