"""Progress as a table in a terminal (rich): each indicator at the year asked, each result off track with what
it rests on."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..analysis.progress import Progress, YearProgress
from ..schema import Model
from ..schema.text import Translator

STYLES = {"on-track": "green", "watch": "yellow", "off-track": "bold red", "missing": "magenta", "unrated": "dim"}
"""The colour of each status."""
WORDS = {
    "on-track": "on track",
    "watch": "watch",
    "off-track": "off track",
    "missing": "missing",
    "unrated": "not rated",
}
"""Each status as the documents say it in English."""


def _value(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _short(title: str, limit: int = 48) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def _at(years: list[YearProgress], year: int | None) -> YearProgress | None:
    return next((y for y in years if y.year == year), None)


def print_progress(progress: Progress, model: Model, *, console: Console | None = None) -> None:
    """Print each indicator's progress at the year taken, then what the results off track rest on."""
    out = console or Console()
    if console is None and not out.is_terminal:
        out = Console(width=140)
    main = model.model.languages[0]
    text = Translator(main, main)
    indicators = {model.indicator_id(o, i, ind): ind for _, o, i, ind in model.iter_indicators()}
    when = progress.as_of
    table = Table(
        title=f"Progress at {when}" if when else "Progress: no actual reported yet",
        title_justify="left",
        title_style="bold",
        header_style="bold",
    )
    for column in ("result", "indicator", "baseline", f"milestone {when or ''}".strip(), "actual", "way", "status"):
        table.add_column(column, overflow="fold")
    for row in progress.indicators:
        year = _at(row.years, when)
        indicator = indicators[row.indicator]
        baseline = indicator.baseline
        style = STYLES[row.status]
        table.add_row(
            row.result,
            f"{row.indicator}: {_short(text(indicator.title))}",
            _value(baseline.value if baseline else None),
            _value(year.milestone if year else None),
            _value(year.actual if year else None)
            + ("" if not year or year.validated or year.actual is None else " (prov.)"),
            f"{year.share:.0%}" if year and year.share is not None else "—",
            f"[{style}]{row.status}[/{style}]"
            + (f" (missing {', '.join(map(str, row.missing))})" if row.missing else ""),
        )
    out.print(table)
    counts = progress.counts()
    shown = [s for s in STYLES if s in counts]
    out.print("Results: " + ", ".join(f"[{STYLES[s]}]{counts[s]} {WORDS[s]}[/{STYLES[s]}]" for s in shown))
    for result in progress.results:
        if result.status == "off-track":
            out.print(f"[bold red]{result.result} is off track[/bold red]; it rests on")
            out.print(f"  assumptions (most critical first): {', '.join(result.assumptions) or '—'}")
            out.print(f"  risks (highest score first): {', '.join(result.risks) or '—'}")
