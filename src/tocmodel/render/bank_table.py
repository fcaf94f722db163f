"""The indicator bank in a terminal (rich): the list of standards, one standard in full, and suggestions."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from ..analysis.suggestions import Suggestion
from ..schema.bank import Bank, Standard
from ..schema.text import Translator


def _console(console: Console | None) -> Console:
    out = console or Console()
    return Console(width=140) if console is None and not out.is_terminal else out


def print_bank(bank: Bank, codes: Sequence[str], *, lang: str = "en", console: Console | None = None) -> None:
    """A table of the standards of those codes: code, title, unit, family and custodian."""
    out = _console(console)
    text = Translator(lang, "en")
    table = Table(title=f"{len(codes)} standard indicators", title_justify="left", title_style="bold")
    for column in ("code", "title", "unit", "family", "custodian"):
        table.add_column(column, overflow="fold")
    for code in codes:
        standard = bank.standards[code]
        shown = f"{code} *" if code in bank.replaced else code
        table.add_row(shown, text(standard.title), text(standard.unit), standard.family, ", ".join(standard.custodian))
    out.print(table)
    if any(code in bank.replaced for code in codes):
        out.print("* replaces an entry of the same code in an earlier bank (see `tocmodel indicators show <code>`).")
    out.print(
        "A model's indicator references one with `standard: <code>`; `tocmodel indicators show <code>` says more."
    )


def print_standard(
    code: str,
    standard: Standard,
    origin: str,
    replaces: list[str],
    *,
    lang: str = "en",
    console: Console | None = None,
) -> None:
    """Every field of one standard, in the language asked where the bank has it."""
    out = _console(console)
    text = Translator(lang, "en")
    out.print(f"[bold]{code}[/bold]  {text(standard.title)}")
    titles = standard.title if isinstance(standard.title, dict) else {}
    rows: list[tuple[str, str]] = [
        (f"title ({language})", title) for language, title in titles.items() if language != lang
    ]
    rows += [
        ("family", standard.family),
        ("unit", text(standard.unit) or "—"),
        ("measure", standard.measure),
        ("direction", standard.direction or "— (a figure of context)"),
        ("disaggregation", ", ".join(standard.disaggregation) or "—"),
        ("custodian", ", ".join(standard.custodian)),
        ("definition", text(standard.definition)),
        ("methodology", text(standard.methodology) or "—"),
        ("reported under", ", ".join(standard.feeds) or "—"),
        ("IATI", f"vocabulary {standard.iati.vocabulary}, code {standard.iati.code}" if standard.iati else "—"),
        ("published at", standard.url),
        ("bank file", origin),
        *((("replaces the entry of", ", ".join(replaces)),) if replaces else ()),
    ]
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for name, value in rows:
        table.add_row(name, value)
    out.print(table)


def print_suggestions(suggestions: Sequence[Suggestion], *, console: Console | None = None) -> None:
    """Each suggestion under its result, with its reason."""
    out = _console(console)
    if not suggestions:
        out.print("No standard indicator to suggest: every result that says what a standard measures references it.")
        return
    current = None
    for suggestion in suggestions:
        if suggestion.result != current:
            current = suggestion.result
            out.print(f"[bold]{current}[/bold]")
        out.print(f"  {suggestion.code}: {suggestion.reason}", highlight=False, soft_wrap=True)
    results = len({suggestion.result for suggestion in suggestions})
    plural = "s" if len(suggestions) != 1 else ""
    out.print(f"{len(suggestions)} suggestion{plural} for {results} result{'s' if results != 1 else ''}.")
