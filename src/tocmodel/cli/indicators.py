"""`tocmodel indicators list|show|suggest`: the indicator bank, and standards suggested for a model."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import click

from ..errors import UsageError
from ..schema.bank import Bank
from .common import EXISTING_FILE, EXIT_FAILED, load_clean

CONFIG_HELP = "TOML file whose [indicators] table names further banks (default: tocmodel.toml in this folder)."


def _bank(config: str | None) -> Bank:
    """The shipped bank with the organisation's banks a configuration names; exits on a broken bank file."""
    from ..check import CONFIG_NAME, read_config
    from ..load.bank import bank_of_files, shipped_bank

    path = config or (CONFIG_NAME if Path(CONFIG_NAME).is_file() else None)
    if path is None:
        return shipped_bank()
    try:
        banks = read_config(path).banks
    except UsageError as error:
        raise click.UsageError(str(error)) from None
    bank, problems = bank_of_files(banks)
    for problem in problems:
        click.echo(click.style(problem.format(), fg="red"), err=True)
    if problems:
        click.echo("An indicator bank has errors; nothing else was done.", err=True)
        sys.exit(EXIT_FAILED)
    return bank


@click.group("indicators")
def indicators_group() -> None:
    """The indicator bank: standard e-waste and SDG indicators that a model's indicators reference by code."""


@indicators_group.command("list")
@click.option("--config", type=EXISTING_FILE, help=CONFIG_HELP)
@click.option("--family", help="Only the standards of this family (`SDG`, `E-waste statistics`).")
@click.option("--lang", default="en", show_default=True, help="Language of the titles, where the bank has it.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_standards(config: str | None, family: str | None, lang: str, output_format: str) -> None:
    """List the standard indicators of the bank, with an organisation's own banks."""
    bank = _bank(config)
    codes = [
        code for code, item in bank.standards.items() if family is None or item.family.casefold() == family.casefold()
    ]
    if family is not None and not codes:
        families = sorted({item.family for item in bank.standards.values()})
        raise click.BadParameter(
            f"no standard of family `{family}`; the families are {', '.join(families)}", param_hint="--family"
        )
    if output_format == "json":
        listed = [_as_json(bank, code) for code in codes]
        click.echo(json.dumps(listed, indent=2, ensure_ascii=False))
        return
    from ..render.bank_table import print_bank

    print_bank(bank, codes, lang=lang)


@indicators_group.command("show")
@click.argument("code")
@click.option("--config", type=EXISTING_FILE, help=CONFIG_HELP)
@click.option("--lang", default="en", show_default=True, help="Language of the texts, where the bank has it.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show_standard(code: str, config: str | None, lang: str, output_format: str) -> None:
    """Show everything the bank says of the standard indicator CODE."""
    bank = _bank(config)
    standard = bank.get(code)
    if standard is None:
        hint = bank.did_you_mean(code) or (
            "see `tocmodel indicators list`; an organisation's bank is read from the tocmodel.toml in this folder, "
            "or the one --config names"
        )
        raise click.BadParameter(f"no standard indicator `{code}` in the bank; {hint}", param_hint="CODE")
    if output_format == "json":
        click.echo(json.dumps(_as_json(bank, code), indent=2, ensure_ascii=False))
        return
    from ..render.bank_table import print_standard

    print_standard(code, standard, bank.origins[code], bank.replaced.get(code, []), lang=lang)


@indicators_group.command("suggest")
@click.argument("model", type=EXISTING_FILE)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def suggest(model: str, output_format: str) -> None:
    """Suggest standard indicators for MODEL's results: indicators that say in words what a standard measures,
    and results without a standard indicator whose words are a standard's."""
    from ..analysis.suggestions import suggest_standards
    from ..load.bank import bank_beside
    from ..source.reader import Limits

    loaded = load_clean(model, output_format=output_format)
    bank = loaded.bank or bank_beside(Path(model), model, Limits())[0]
    found = suggest_standards(loaded, bank)
    if output_format == "json":
        click.echo(json.dumps([dataclasses.asdict(item) for item in found], indent=2, ensure_ascii=False))
        return
    from ..render.bank_table import print_suggestions

    print_suggestions(found)


def _as_json(bank: Bank, code: str) -> dict[str, object]:
    """A standard as `--format json` gives it: its code, its fields, its bank file and those it replaces."""
    found: dict[str, object] = {"code": code, **bank.standards[code].model_dump(mode="json", exclude_none=True)}
    found["bank"] = bank.origins[code]
    if code in bank.replaced:
        found["replaces"] = bank.replaced[code]
    return found
