"""`tocmodel progress`: the model's actuals against its plan."""

from __future__ import annotations

import json

import click

from .common import EXISTING_FILE, load_clean, thresholds_beside


@click.command()
@click.argument("model", type=EXISTING_FILE)
@click.option(
    "--year", type=click.IntRange(1900, 2200), help="Take progress at this year (default: the latest reported)."
)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def progress(model: str, year: int | None, output_format: str) -> None:
    """Show MODEL's progress: each indicator's actual against its milestone, each result's status, and for a
    result off track the assumptions and risks it rests on. Thresholds come from `[progress]` in tocmodel.toml."""
    from ..analysis.progress import progress as run_progress

    loaded = load_clean(model, output_format=output_format)
    if year is not None and year not in loaded.plan_years:
        plan = loaded.plan_years
        raise click.BadParameter(f"{year} is outside the plan ({plan[0]}-{plan[-1]})", param_hint="--year")
    result = run_progress(loaded, year=year, thresholds=thresholds_beside(model))
    if output_format == "json":
        from ..analysis.export import progress_to_dict

        click.echo(json.dumps(progress_to_dict(result), indent=2, ensure_ascii=False))
    else:
        from ..render.progress_table import print_progress

        print_progress(result, loaded)
