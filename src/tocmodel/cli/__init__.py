"""The `tocmodel` command: parse options, call one library function, print, exit.

Exit codes: 0 clean (warnings allowed unless `--strict`), 1 the model has errors, 2 misuse.
Heavy modules are imported inside each command, so `tocmodel check` stays fast.
"""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Sequence

import click

from .. import __version__
from ..errors import UsageError
from .common import (
    EXISTING_FILE,
    EXISTING_FOLDER,
    EXIT_FAILED,
    EXIT_OK,
    OUTPUT_FILE,
    load_clean,
    print_report,
    thresholds_beside,
    write_output,
)
from .indicators import indicators_group
from .interop import diff, export_group, import_group
from .monitoring import progress
from .portfolio import portfolio
from .scaffold import new
from .translate import translate_group

ANALYSIS_SECTIONS = ("pathways", "coverage", "criticality", "what-if", "single-points", "risk", "plan", "completeness")
"""`tocmodel.analysis.SECTIONS` as typed on the command line (kept here so `check` need not import it)."""
DIAGRAM_VIEWS = ("toc", "problem-tree", "pathway", "stage", "actor", "plan")
DIAGRAM_FORMATS = ("svg", "png", "pdf", "dot", "mermaid")
DIAGRAM_ENGINES = ("auto", "dot", "graphviz-pure")
LOGFRAME_FORMATS = ("html", "md", "docx", "xlsx")
LOGFRAME_STYLES = ("eu", "undp", "dfid")
"""The diagram choices (equal to those of `tocmodel.render.diagram`; a test keeps them so)."""

OUTPUT_OPTION = click.option("-o", "--output", type=OUTPUT_FILE, help="Write here (default: standard output).")
LANG_OPTION = click.option(
    "--lang", metavar="CODE", help="Language of the texts (default: the model's first language)."
)
ENGINE_OPTION = click.option(
    "--engine",
    type=click.Choice(DIAGRAM_ENGINES),
    default="auto",
    show_default=True,
    help="Layout engine: Graphviz's dot if installed, else graphviz-pure.",
)
"""Options shared by the commands that write documents."""


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="tocmodel")
@click.pass_context
def main(context: click.Context) -> None:
    """Theory-of-change intervention models: check, analyse, draw and render them."""
    # Each command is one short process that builds one large model and exits: Python's cyclic collector
    # would only rescan that model again and again (about a second per pass at 100,000 nodes), and
    # whatever it could reclaim is reclaimed at exit anyway. The library itself never does this, and the
    # collector comes back on when the command ends (for callers that run the CLI inside a process).
    if gc.isenabled():
        gc.disable()
        context.call_on_close(gc.enable)


@main.command()
@click.argument("models", nargs=-1, required=True, type=EXISTING_FILE)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output for people or for machines.",
)
@click.option("--select", multiple=True, metavar="RULE", help="Run only these rules (code, name or prefix).")
@click.option("--ignore", multiple=True, metavar="RULE", help="Skip these rules.")
@click.option(
    "--config",
    type=EXISTING_FILE,
    help="TOML file with [validation], [limits], [progress] and [indicators] tables (default: tocmodel.toml "
    "beside the model).",
)
@click.option("--no-hints", is_flag=True, help="Leave out the hint under each finding.")
def check(
    models: Sequence[str],
    strict: bool,
    output_format: str,
    select: Sequence[str],
    ignore: Sequence[str],
    config: str | None,
    no_hints: bool,
) -> None:
    """Validate MODELS and report every problem with its file, line and column."""
    from ..check import check_files

    try:
        report = check_files(models, select=_split(select), ignore=_split(ignore), config=config)
    except UsageError as error:
        raise click.UsageError(str(error)) from None
    print_report(report, output_format=output_format, hints=not no_hints, files=list(models))
    sys.exit(EXIT_OK if report.passes(strict=strict) else EXIT_FAILED)


def _split(values: Sequence[str]) -> list[str]:
    """Rule names from repeated options, each of which may also be a comma- or space-separated list."""
    return [name for value in values for name in value.replace(",", " ").split()]


@main.command()
@click.argument("model", type=EXISTING_FILE)
@click.option(
    "--section",
    "sections",
    multiple=True,
    type=click.Choice(ANALYSIS_SECTIONS),
    help="Print only this section (repeatable). Default: all.",
)
@click.option(
    "--without",
    multiple=True,
    metavar="ID",
    help="What-if: take away an assumption, intervention, result, link `from->to`, or actor (repeatable).",
)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def analyse(model: str, sections: Sequence[str], without: Sequence[str], output_format: str) -> None:
    """Analyse MODEL: pathways, root-cause coverage, assumption criticality, what-if, single points of
    failure, risk exposure, plan and completeness."""
    from ..analysis import analyse as run_analysis
    from ..analysis import chosen_sections

    loaded = load_clean(model, output_format=output_format)
    try:
        result = run_analysis(loaded, without=without)
    except KeyError as error:
        raise click.BadParameter(str(error.args[0]), param_hint="--without") from None
    chosen = chosen_sections(sections, without=without)
    if output_format == "json":
        from ..analysis.export import analysis_to_dict

        click.echo(json.dumps(analysis_to_dict(result, sections=chosen), indent=2, ensure_ascii=False))
    else:
        from ..render.terminal import print_analysis

        print_analysis(result, sections=chosen)


main.add_command(analyse, name="analyze")
main.add_command(progress)


@main.command()
@click.argument("model", type=EXISTING_FILE)
@click.option("--view", type=click.Choice(DIAGRAM_VIEWS), default="toc", show_default=True, help="What to draw.")
@click.option("--focus", metavar="ID", help="The result, stage or actor a pathway, stage or actor view is about.")
@click.option("-f", "--format", "output_format", type=click.Choice(DIAGRAM_FORMATS), default="svg", show_default=True)
@OUTPUT_OPTION
@LANG_OPTION
@ENGINE_OPTION
@click.option("--no-clusters", is_flag=True, help="Do not group interventions by stage.")
@click.option("--timeout", type=float, default=60.0, show_default=True, help="Seconds the layout may take.")
@click.option("--overlay", type=click.Choice(["progress"]), help="Colour each result by its progress against the plan.")
def diagram(
    model: str,
    view: str,
    focus: str | None,
    output_format: str,
    output: str | None,
    lang: str | None,
    engine: str,
    no_clusters: bool,
    timeout: float,
    overlay: str | None,
) -> None:
    """Draw MODEL as a diagram: the theory of change, the problem tree, a pathway, a stage, an actor or the plan."""
    from ..render.diagram import DiagramError
    from ..render.diagram import diagram as draw

    loaded = load_clean(model, output_format="text")
    if output is None and output_format in ("png", "pdf") and sys.stdout.isatty():
        raise click.UsageError(f"-f {output_format} writes binary data; give -o FILE")
    try:
        drawing = draw(
            loaded,
            view=view,
            focus=focus,
            output_format=output_format,
            lang=lang,
            engine=engine,
            clusters=not no_clusters,
            timeout=timeout,
            overlay=overlay,
            thresholds=thresholds_beside(model) if overlay else None,
        )
    except UsageError as error:
        raise click.UsageError(str(error)) from None
    except DiagramError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_FAILED)
    _warn_untranslated(lang, drawing.missing_translations)
    write_output(drawing.content, output)
    if drawing.engine:
        click.echo(f"drawn with {drawing.engine}", err=True)


@main.command()
@click.argument("model", type=EXISTING_FILE)
@click.option("-f", "--format", "output_format", type=click.Choice(LOGFRAME_FORMATS), default="html", show_default=True)
@OUTPUT_OPTION
@click.option(
    "--style",
    type=click.Choice(LOGFRAME_STYLES),
    default="eu",
    show_default=True,
    help="Matrix layout: EU results chain, UNDP or DFID.",
)
@LANG_OPTION
@click.option(
    "--templates",
    type=EXISTING_FOLDER,
    help="Folder of templates overriding the shipped ones (run sandboxed).",
)
@ENGINE_OPTION
def logframe(
    model: str, output_format: str, output: str | None, style: str, lang: str | None, templates: str | None, engine: str
) -> None:
    """Render MODEL's logframe: matrix, indicators, workplan, risks, assumptions, responsibilities, diagram.

    HTML and Markdown come from templates (yours first, with --templates); Word and Excel are written directly.
    """
    from ..errors import RenderError
    from ..render.logframe import logframe as render

    loaded = load_clean(model, output_format="text")
    thresholds = thresholds_beside(model) if loaded.actuals else None
    if output is None and output_format in ("docx", "xlsx") and sys.stdout.isatty():
        raise click.UsageError(f"-f {output_format} writes binary data; give -o FILE")
    try:
        document = render(
            loaded,
            output_format=output_format,
            style=style,
            lang=lang,
            templates=templates,
            engine=engine,
            thresholds=thresholds,
        )
    except RenderError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_FAILED)
    for note in document.notes:
        click.echo(f"note: {note}", err=True)
    _warn_untranslated(lang, document.missing_translations)
    write_output(document.content, output)


@main.command()
@click.argument("model", type=EXISTING_FILE)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="0 picks a free port.")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (any but loopback is warned of)."
)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@click.option(
    "--read-timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds one reading of the model may take; a longer one is stopped and the page keeps its picture.",
)
@ENGINE_OPTION
def serve(model: str, port: int, host: str, open_browser: bool, engine: str, read_timeout: float) -> None:
    """Show MODEL's diagram in a browser page that redraws on every save (a live workshop preview)."""
    from ..errors import TocmodelError
    from ..serve import INSTALL_HINT, missing_dependencies

    missing = missing_dependencies()
    if missing:
        click.echo(f"Error: the preview needs {', '.join(missing)}; install them with: {INSTALL_HINT}", err=True)
        sys.exit(EXIT_FAILED)
    from ..serve import serve as run_preview

    # A long-running server reloads the model on every save: the collector that `main` pauses for one-shot
    # commands must run here, or every replaced model would stay in memory.
    gc.enable()
    try:
        run_preview(model, host=host, port=port, open_browser=open_browser, engine=engine, read_timeout=read_timeout)
    except TocmodelError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_FAILED)


SHOWN = 8
"""How many untranslated texts a warning names (`tocmodel translate export` lists them all)."""


def _warn_untranslated(lang: str | None, missing: list[str]) -> None:
    """Name the texts shown in another language because they lack `lang` (the model's main language if None)."""
    if missing:
        named = ", ".join(missing[:SHOWN]) + (f" and {len(missing) - SHOWN} more" if len(missing) > SHOWN else "")
        wanted = f"`{lang}` text" if lang else "text in the model's main language"
        click.echo(f"warning: no {wanted} for {named}; shown in another language", err=True)


@main.command()
@click.option(
    "-o",
    "--output",
    type=OUTPUT_FILE,
    help="Write to this file instead of standard output.",
)
def schema(output: str | None) -> None:
    """Print the JSON Schema of the model format (for editors' autocompletion)."""
    from ..schema.export import json_schema_text

    write_output(json_schema_text().encode("utf-8"), output)


main.add_command(export_group)
main.add_command(import_group)
main.add_command(diff)
main.add_command(new)
main.add_command(translate_group)
main.add_command(indicators_group)
main.add_command(portfolio)


if __name__ == "__main__":  # pragma: no cover
    main()
