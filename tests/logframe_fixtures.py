"""Logframes laid out as the field's published templates lay them out, for the import tests.

One small e-waste programme (an impact, two outcomes, four outputs, four activities, seven indicators) is
written in each template's layout, headings and conventions, in English, French or Spanish. The files in
`tests/fixtures/logframes/` are made by running this module (`python tests/logframe_fixtures.py`); the
tests read those files and compare what they import with `PROGRAMME`, the content every file holds.

The templates followed (see `tests/fixtures/logframes/README.md`):

- `eu-2016.xlsx`: the European Commission's logframe matrix of 2016 (grant contracts, indicative
  logframe): an unheaded first column naming the levels, "Results chain", "Indicators", "Baselines (incl.
  reference year)", "Current value Reference date", "Targets (incl. reference year)", "Sources and means of
  verification", "Assumptions"; an instructions sheet before it and a risks sheet after it.
- `ue-2016-fr.xlsx`: the same matrix in its French edition ("Chaîne des résultats", "Objectif(s)
  spécifique(s) : effet(s) direct(s)", …), numbers written the French way (`1 200`, `12 %`).
- `eu-action-document.docx`: the logical framework matrix of the Commission's action documents (2021 on,
  section 3.6): "Results", "Results chain (@): Main expected results (maximum 10)", "Indicators (@)",
  "Baselines (values and years)", "Targets (values and years)", "Sources of data", "Assumptions"; outputs
  "relating to Outcome 1"; indicators numbered in one cell; the table split over two pages.
- `undp-rrf.xlsx`: the results and resources framework of UNDP's project document: the intended outcome
  in the title block; "EXPECTED OUTPUTS", "OUTPUT INDICATORS", "DATA SOURCE", "BASELINE" over "Value" and
  "Year", "TARGETS (by frequency of data collection)" over "Year 1" … "Year 5" and "FINAL", "DATA
  COLLECTION METHODS & RISKS".
- `marco-logico-es.xlsx`: the logical framework matrix of ILPES/CEPAL's manual (Spanish public sector):
  "Resumen narrativo", "Indicadores", "Línea de base", "Meta", "Medios de verificación", "Supuestos"; rows
  "Fin", "Propósito", "Componente", "Actividad"; numbers grouped with dots (`1.200`).
- `indicator-tracking.xlsx`: an indicator tracking table: results as rows of their own in the indicators
  column, "Data source", "Baseline date", "Baseline value", "LoP target", a target and an actual column per
  fiscal year, a comments column.
- `dfid-2011.xlsx`: DFID's logframe template (January 2011 revision): a block of rows per result, each
  indicator with Planned and Achieved rows under Baseline, Milestone and Target columns dated in their
  headers, then its Source; the outcome's assumptions; each output's impact weighting and risk rating;
  the input rows (funds).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent / "fixtures" / "logframes"


@dataclass(frozen=True)
class Indicator:
    titles: dict[str, str]
    baseline: tuple[int | float | str, int]
    targets: dict[int, int | float | str]
    sources: dict[str, str]
    percent: bool = False


@dataclass(frozen=True)
class Result:
    level: str  # impact, outcome, output, intervention
    number: str
    titles: dict[str, str]
    parent: str | None = None  # the number of the result it leads to
    indicators: tuple[Indicator, ...] = ()
    assumptions: tuple[dict[str, str], ...] = field(default_factory=tuple)


def _i(en: str, fr: str, es: str) -> dict[str, str]:
    return {"en": en, "fr": fr, "es": es}


PROGRAMME: tuple[Result, ...] = (
    Result(
        "impact",
        "I",
        _i(
            "Harm to health and the environment from e-waste is reduced",
            "Les atteintes à la santé et à l'environnement dues aux déchets électroniques diminuent",
            "Se reducen los daños a la salud y al medio ambiente causados por los residuos electrónicos",
        ),
        indicators=(
            Indicator(
                _i(
                    "Share of e-waste collected and treated in an environmentally sound way",
                    "Part des déchets électroniques collectés et traités de manière écologiquement rationnelle",
                    "Proporción de residuos electrónicos recogidos y tratados de forma ambientalmente racional",
                ),
                (3, 2025),
                {2029: 10, 2031: 20},
                _i("National e-waste statistics", "Statistiques nationales", "Estadísticas nacionales"),
                percent=True,
            ),
        ),
    ),
    Result(
        "outcome",
        "1",
        _i(
            "A national policy and regulatory framework for e-waste is in force",
            "Un cadre politique et réglementaire national sur les déchets électroniques est en vigueur",
            "Está en vigor un marco normativo nacional sobre residuos electrónicos",
        ),
        "I",
        (
            Indicator(
                _i(
                    "Number of e-waste regulations gazetted",
                    "Nombre de règlements publiés au journal officiel",
                    "Número de reglamentos publicados en el diario oficial",
                ),
                (0, 2025),
                {2028: 2, 2031: 4},
                _i("Government Gazette", "Journal officiel", "Diario oficial"),
            ),
        ),
        (
            _i(
                "The government keeps e-waste reform a priority",
                "Le gouvernement maintient la réforme parmi ses priorités",
                "El gobierno mantiene la reforma como prioridad",
            ),
        ),
    ),
    Result(
        "outcome",
        "2",
        _i(
            "Households and businesses hand over e-waste to formal collection",
            "Les ménages et les entreprises remettent leurs déchets électroniques à la collecte formelle",
            "Los hogares y las empresas entregan sus residuos electrónicos a la recogida formal",
        ),
        "I",
        (
            Indicator(
                _i(
                    "Tonnes of e-waste collected formally per year",
                    "Tonnes de déchets électroniques collectées formellement par an",
                    "Toneladas de residuos electrónicos recogidas formalmente al año",
                ),
                (1200, 2025),
                {2029: 5000, 2031: 18000},
                _i("Collection records", "Registres de collecte", "Registros de recogida"),
            ),
            Indicator(
                _i(
                    "Share of households aware of formal collection points",
                    "Part des ménages connaissant les points de collecte formels",
                    "Proporción de hogares que conocen los puntos de recogida formales",
                ),
                (12, 2025),
                {2031: 60},
                _i("Household survey", "Enquête auprès des ménages", "Encuesta de hogares"),
                percent=True,
            ),
        ),
        (
            _i(
                "Formal collectors pay a competitive price",
                "Les collecteurs formels paient un prix compétitif",
                "Los recolectores formales pagan un precio competitivo",
            ),
        ),
    ),
    Result(
        "output",
        "1.1",
        _i(
            "EPR regulations drafted and validated with stakeholders",
            "Règlements sur la REP rédigés et validés avec les parties prenantes",
            "Reglamentos de REP redactados y validados con las partes interesadas",
        ),
        "1",
        (
            Indicator(
                _i("Validation workshops held", "Ateliers de validation tenus", "Talleres de validación realizados"),
                (0, 2025),
                {2027: 2, 2028: 4},
                _i("Workshop reports", "Rapports d'atelier", "Informes de los talleres"),
            ),
        ),
    ),
    Result(
        "output",
        "1.2",
        _i(
            "Customs officers and inspectors trained to control e-waste imports",
            "Douaniers et inspecteurs formés au contrôle des importations",
            "Funcionarios de aduanas e inspectores capacitados para controlar las importaciones",
        ),
        "1",
        (
            Indicator(
                _i("Officers trained", "Agents formés", "Funcionarios capacitados"),
                (0, 2025),
                {2028: 150, 2030: 300},
                _i("Training records", "Registres de formation", "Registros de capacitación"),
            ),
        ),
    ),
    Result(
        "output",
        "2.1",
        _i(
            "Formal collection points set up in five regions",
            "Points de collecte formels installés dans cinq régions",
            "Puntos de recogida formales instalados en cinco regiones",
        ),
        "2",
        (
            Indicator(
                _i("Collection points operating", "Points de collecte en service", "Puntos de recogida en servicio"),
                (4, 2025),
                {2029: 40, 2031: 80},
                _i("Operator reports", "Rapports des opérateurs", "Informes de los operadores"),
            ),
        ),
    ),
    Result(
        "output",
        "2.2",
        _i(
            "Public campaign on e-waste hazards delivered",
            "Campagne publique sur les dangers des déchets électroniques menée",
            "Campaña pública sobre los peligros de los residuos electrónicos realizada",
        ),
        "2",
        (
            Indicator(
                _i("People reached by the campaign", "Personnes touchées par la campagne", "Personas alcanzadas"),
                (0, 2025),
                {2030: 2000000},
                _i("Campaign monitoring", "Suivi de la campagne", "Seguimiento de la campaña"),
            ),
        ),
    ),
    Result(
        "intervention",
        "1.1.1",
        _i(
            "Draft EPR regulations with the ministry",
            "Rédiger les règlements sur la REP avec le ministère",
            "Redactar los reglamentos de REP con el ministerio",
        ),
        "1.1",
    ),
    Result(
        "intervention",
        "1.2.1",
        _i(
            "Train customs officers and inspectors",
            "Former les douaniers et les inspecteurs",
            "Capacitar a funcionarios de aduanas e inspectores",
        ),
        "1.2",
    ),
    Result(
        "intervention",
        "2.1.1",
        _i(
            "Equip collection points with the producers' organisation",
            "Équiper les points de collecte avec l'organisme des producteurs",
            "Equipar los puntos de recogida con la organización de productores",
        ),
        "2.1",
    ),
    Result(
        "intervention",
        "2.2.1",
        _i("Run a national awareness campaign", "Mener une campagne nationale", "Realizar una campaña nacional"),
        "2.2",
    ),
)
"""The programme every fixture holds."""

PLAN = (2027, 2031)


def results(level: str | None = None) -> list[Result]:
    return [r for r in PROGRAMME if level is None or r.level == level]


def written(value: int | float | str, language: str, *, percent: bool = False) -> str:
    """A value as a template in `language` writes it: `1,200` / `1 200` / `1.200`, `12%` / `12 %`."""
    if isinstance(value, str):
        return value
    text = f"{value:,}"
    text = {"en": text, "fr": text.replace(",", "\u00a0"), "es": text.replace(",", ".")}[language]
    return text + ({"en": "%", "fr": " %", "es": " %"}[language] if percent else "")


def dated(value: int | float | str, year: int, language: str, *, percent: bool = False) -> str:
    return f"{written(value, language, percent=percent)} ({year})"


def targets_text(indicator: Indicator, language: str) -> str:
    return "\n".join(dated(v, y, language, percent=indicator.percent) for y, v in indicator.targets.items())


if __name__ == "__main__":
    from logframe_layouts import build_all

    HERE.mkdir(parents=True, exist_ok=True)
    for path in build_all(HERE):
        print(path)
