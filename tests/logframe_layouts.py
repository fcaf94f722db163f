"""The templates' layouts the fixtures of `logframe_fixtures` are written in (see its docstring)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
from openpyxl.styles import Alignment  # type: ignore[import-untyped]

from logframe_fixtures import PLAN, PROGRAMME, Result, dated, results, targets_text, written

EU_LEVELS = {
    "en": {
        "impact": "Overall objective: Impact",
        "outcome": "Specific objective(s): Outcome(s)",
        "output": "Outputs",
        "intervention": "Activities",
    },
    "fr": {
        "impact": "Objectif global : impact",
        "outcome": "Objectif(s) spécifique(s) : effet(s) direct(s)",
        "output": "Produits",
        "intervention": "Activités",
    },
}
EU_HEADERS = {
    "en": [
        "",
        "Results chain",
        "Indicators",
        "Baselines\n(incl. reference year)",
        "Current value\nReference date",
        "Targets\n(incl. reference year)",
        "Sources and means of verification",
        "Assumptions",
    ],
    "fr": [
        "",
        "Chaîne des résultats",
        "Indicateurs",
        "Valeurs de référence\n(y compris l'année de référence)",
        "Valeur actuelle\nDate de référence",
        "Cibles\n(y compris l'année de référence)",
        "Sources et moyens de vérification",
        "Hypothèses",
    ],
}


class Sheet:
    """Rows written one after another into a worksheet, with merged ranges."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.row = 0

    def write(self, *values: str | int | float | None) -> int:
        self.row += 1
        for column, value in enumerate(values, start=1):
            if value not in (None, ""):
                cell = self.sheet.cell(self.row, column, value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        return self.row

    def merge(self, first_row: int, last_row: int, column: int, last_column: int | None = None) -> None:
        if last_row > first_row or (last_column or column) > column:
            self.sheet.merge_cells(
                start_row=first_row, start_column=column, end_row=last_row, end_column=last_column or column
            )


def _eu_2016(path: Path, language: str) -> Path:
    book = openpyxl.Workbook()
    instructions = book.active
    instructions.title = "Instructions" if language == "en" else "Mode d'emploi"
    instructions["A1"] = (
        "Fill in the logframe matrix on the next sheet; add rows as needed."
        if language == "en"
        else "Remplissez la matrice du cadre logique de la feuille suivante ; ajoutez des lignes au besoin."
    )
    sheet = Sheet(book.create_sheet("Logframe" if language == "en" else "Cadre logique"))
    sheet.write("Project title" if language == "en" else "Intitulé du projet", _title(language))
    sheet.write("Country" if language == "en" else "Pays", "GH")
    sheet.write("Project period" if language == "en" else "Période de mise en œuvre", f"{PLAN[0]}–{PLAN[1]}")
    sheet.write()
    sheet.write(*EU_HEADERS[language])
    for level in ("impact", "outcome", "output", "intervention"):
        first = sheet.row + 1
        for result in results(level):
            _eu_result(sheet, result, language)
        sheet.write()  # a blank row between the levels
        sheet.sheet.cell(first, 1, EU_LEVELS[language][level])
        sheet.merge(first, sheet.row - 1, 1)
    risks = Sheet(book.create_sheet("Risks" if language == "en" else "Risques"))
    risks.write("Risk", "Likelihood", "Impact", "Mitigation")
    risks.write("Elections delay the regulations", "medium", "high", "Cross-party briefings")
    book.save(path)
    return path


def _eu_result(sheet: Sheet, result: Result, language: str) -> None:
    title = f"{result.number} {result.titles[language]}" if result.level != "impact" else result.titles[language]
    assumptions = "\n".join(a[language] for a in result.assumptions)
    rows = result.indicators or (None,)
    first = sheet.row + 1
    for indicator in rows:
        if indicator is None:
            sheet.write(None, title, None, None, None, None, None, assumptions)
            continue
        sheet.write(
            None,
            title,
            indicator.titles[language],
            dated(*indicator.baseline, language, percent=indicator.percent),
            None,
            targets_text(indicator, language),
            indicator.sources[language],
            assumptions,
        )
    sheet.merge(first, sheet.row, 2)
    sheet.merge(first, sheet.row, 8)


def _title(language: str) -> str:
    return {
        "en": "National e-waste programme",
        "fr": "Programme national sur les déchets électroniques",
        "es": "Programa nacional de residuos electrónicos",
    }[language]


def _undp(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = Sheet(book.active)
    sheet.sheet.title = "RRF"
    sheet.write("Project title and Atlas Project Number:", _title("en"))
    sheet.write("Project period:", f"{PLAN[0]}–{PLAN[1]}")
    [outcome] = [r for r in results("outcome") if r.number == "2"]
    sheet.write(
        "Intended Outcome as stated in the UNDAF/Country [or Global/Regional] Programme Results and Resource "
        "Framework:",
        outcome.titles["en"],
    )
    sheet.write()
    top = sheet.write(
        "EXPECTED OUTPUTS",
        "OUTPUT INDICATORS",
        "DATA SOURCE",
        "BASELINE",
        None,
        "TARGETS (by frequency of data collection)",
        None,
        None,
        None,
        None,
        None,
        "DATA COLLECTION METHODS & RISKS",
    )
    sheet.write(None, None, None, "Value", "Year", "Year 1", "Year 2", "Year 3", "Year 4", "Year 5", "FINAL")
    for column in (1, 2, 3, 12):
        sheet.merge(top, top + 1, column)
    sheet.merge(top, top, 4, 5)
    sheet.merge(top, top, 6, 11)
    for output in [r for r in results("output") if r.parent == "2"]:
        first = sheet.row + 1
        for number, indicator in enumerate(output.indicators, start=1):
            yearly = [indicator.targets.get(year, "") for year in range(PLAN[0], PLAN[1] + 1)]
            final = indicator.targets[max(indicator.targets)]
            sheet.write(
                f"Output {output.number}: {output.titles['en']}",
                f"{output.number}.{number} {indicator.titles['en']}",
                indicator.sources["en"],
                indicator.baseline[0],
                indicator.baseline[1],
                *yearly,
                final,
                "Annual review of records. Risk: operators stop reporting",
            )
        sheet.merge(first, sheet.row, 1)
    book.save(path)
    return path


def _mml_es(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = Sheet(book.active)
    sheet.sheet.title = "Matriz de marco lógico"
    sheet.write("Título del proyecto:", _title("es"))
    sheet.write("País:", "GH")
    sheet.write()
    sheet.write("Resumen narrativo", "Indicadores", "Línea de base", "Meta", "Medios de verificación", "Supuestos")
    words = {"impact": "Fin", "outcome": "Propósito", "output": "Componente", "intervention": "Actividad"}
    for result in PROGRAMME:
        number = "" if result.level == "impact" else f" {result.number}"
        title = f"{words[result.level]}{number}: {result.titles['es']}"
        assumptions = "\n".join(a["es"] for a in result.assumptions)
        first = sheet.row + 1
        for indicator in result.indicators or (None,):
            if indicator is None:
                sheet.write(title, None, None, None, None, assumptions)
                continue
            sheet.write(
                title,
                indicator.titles["es"],
                dated(*indicator.baseline, "es", percent=indicator.percent),
                targets_text(indicator, "es"),
                indicator.sources["es"],
                assumptions,
            )
        sheet.merge(first, sheet.row, 1)
        sheet.merge(first, sheet.row, 6)
    book.save(path)
    return path


def _tracking(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = Sheet(book.active)
    sheet.sheet.title = "ITT"
    sheet.write("Indicator Tracking Table")
    sheet.write("Project:", _title("en"))
    sheet.write("Project period:", f"{PLAN[0]}–{PLAN[1]}")
    sheet.write()
    years = (2027, 2028)
    header = ["Indicator", "Data source", "Baseline date", "Baseline value", "LoP target"]
    for year in years:
        header += [f"FY{year} target", f"FY{year} actual"]
    sheet.write(*header, "Comments")
    labels = {"impact": "Goal", "outcome": "Outcome", "output": "Output", "intervention": "Activity"}
    for result in PROGRAMME:
        if result.level == "intervention":
            continue
        number = "" if result.level == "impact" else f" {result.number}"
        row = sheet.write(f"{labels[result.level]}{number}: {result.titles['en']}")
        sheet.merge(row, row, 1, len(header) + 1)
        for letter, indicator in zip("abcdefg", result.indicators, strict=False):
            lop = indicator.targets[max(indicator.targets)]
            cells: list[Any] = []
            for year in years:
                target = indicator.targets.get(year)
                cells += [written(target, "en") if target is not None else None, _actual(indicator, year)]
            sheet.write(
                f"{result.number if result.level != 'impact' else 'I'}{letter}. {indicator.titles['en']}",
                indicator.sources["en"],
                f"Dec {indicator.baseline[1]}",
                written(indicator.baseline[0], "en", percent=indicator.percent),
                written(lop, "en", percent=indicator.percent),
                *cells,
                "Data quality checked" if result.level == "impact" else None,
            )
    book.save(path)
    return path


def _actual(indicator: Any, year: int) -> str | None:
    """An illustrative achieved value, for the first plan year only (the rest not yet reported)."""
    return written(indicator.baseline[0], "en") if year == 2027 and not isinstance(indicator.baseline[0], str) else None


def _action_document(path: Path) -> Path:
    from docx import Document

    document = Document()
    document.add_heading(_title("en"), level=0)
    document.add_heading("3.6 Logical Framework Matrix", level=1)
    document.add_paragraph("This indicative logframe constitutes the basis for the monitoring of the action.")
    header = [
        "Results",
        "Results chain (@):\nMain expected results (maximum 10)",
        "Indicators (@):\n(at least one indicator per expected result)",
        "Baselines\n(values and years)",
        "Targets\n(values and years)",
        "Sources of data",
        "Assumptions",
    ]
    rows = list(_action_rows())
    for part in (rows[:3], rows[3:]):  # the table goes on over a page: a second table, its header repeated
        table = document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = text
        for values in part:
            cells = table.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                cell.text = text
        document.add_paragraph("")
    document.save(str(path))
    return path


def _action_rows() -> Iterator[list[str]]:
    outputs_of: dict[str, int] = {}
    for result in PROGRAMME:
        if result.level == "intervention":
            continue
        if result.level == "impact":
            label = "Impact"
        elif result.level == "outcome":
            label = f"Outcome {result.number}"
        else:
            outputs_of[result.parent or ""] = outputs_of.get(result.parent or "", 0) + 1
            label = f"Output {outputs_of[result.parent or '']} relating to Outcome {result.parent}"
        numbers = [f"{n}." if result.level == "impact" else f"{result.number}.{n}" for n in range(1, 9)]
        indicators = result.indicators
        yield [
            label,
            result.titles["en"],
            "\n".join(f"{n} {i.titles['en']}" for n, i in zip(numbers, indicators, strict=False)),
            "\n".join(
                f"{n} {dated(*i.baseline, 'en', percent=i.percent)}" for n, i in zip(numbers, indicators, strict=False)
            ),
            "\n".join(
                f"{n} " + "; ".join(dated(v, y, "en", percent=i.percent) for y, v in i.targets.items())
                for n, i in zip(numbers, indicators, strict=False)
            ),
            "\n".join(f"{n} {i.sources['en']}" for n, i in zip(numbers, indicators, strict=False)),
            "\n".join(a["en"] for a in result.assumptions) or "Not applicable",
        ]


DFID_MILESTONES = (2028, 2029, 2030)
"""The years of the milestones in the DFID fixture's headers; the target is for the plan's last year."""


def _dfid(path: Path) -> Path:
    """DFID's logframe (January 2011 revision): a block of rows per result, each indicator with a Planned and an
    Achieved row under Baseline, Milestone and Target columns dated in their headers, then its Source; the
    outcome's assumptions at the right; outputs with their impact weighting and risk rating; input rows."""
    book = openpyxl.Workbook()
    sheet = Sheet(book.active)
    sheet.sheet.title = "Logframe"
    sheet.write("PROJECT NAME", _title("en"))
    sheet.write()
    for result in PROGRAMME:
        if result.level == "intervention":
            continue
        _dfid_block(sheet, result)
        if result.level == "outcome" and result.number == "2":
            sheet.write("INPUTS (£)", "DFID (£)", "Govt (£)", "Other (£)", "Total (£)", "DFID SHARE (%)")
            sheet.write(None, "2,400,000", "600,000", "0", "3,000,000", "80%")
    book.save(path)
    return path


def _dfid_block(sheet: Sheet, result: Result) -> None:
    level = {"impact": "IMPACT", "outcome": "OUTCOME", "output": "OUTPUT"}[result.level]
    name = level if result.level == "impact" else f"{level} {result.number}"
    word = level.title()
    first = None
    for number, indicator in enumerate(result.indicators, start=1):
        code = f"{result.number}.{number}" if result.level != "impact" else str(number)
        header = [
            name if first is None else None,
            f"{word} Indicator {code}",
            None,
            f"Baseline\n{indicator.baseline[1]}",
            *(f"Milestone {n}\nMar {year}" for n, year in enumerate(DFID_MILESTONES, start=1)),
            f"Target\nMar {PLAN[1]}",
        ]
        if result.level == "outcome":
            header.append("Assumptions" if first is None else None)
        row = sheet.write(*header)
        first = first or row
        planned = [indicator.targets.get(year, "") for year in (*DFID_MILESTONES, PLAN[1])]
        sheet.write(
            result.titles["en"] if row == first else None,
            indicator.titles["en"],
            "Planned",
            written(indicator.baseline[0], "en", percent=indicator.percent),
            *(written(v, "en", percent=indicator.percent) if v != "" else "" for v in planned),
            "\n".join(a["en"] for a in result.assumptions) if result.level == "outcome" and row == first else None,
        )
        sheet.write(None, None, "Achieved")
        sheet.write(None, "Source")
        sheet.write(None, indicator.sources["en"])
    if result.level == "output":
        sheet.write(None, "IMPACT WEIGHTING (%)", None, None, None, None, None, "RISK RATING")
        sheet.write(None, "25%", None, None, None, None, None, "Medium")
    sheet.merge(first + 1, sheet.row, 1) if first else None
    sheet.write()


def build_all(folder: Path) -> list[Path]:
    """Write every fixture into `folder`."""
    return [
        _eu_2016(folder / "eu-2016.xlsx", "en"),
        _eu_2016(folder / "ue-2016-fr.xlsx", "fr"),
        _undp(folder / "undp-rrf.xlsx"),
        _mml_es(folder / "marco-logico-es.xlsx"),
        _tracking(folder / "indicator-tracking.xlsx"),
        _action_document(folder / "eu-action-document.docx"),
        _dfid(folder / "dfid-2011.xlsx"),
    ]
