"""The documents' fixed texts in the reader's language: catalogues complete and current, no English left behind."""

from __future__ import annotations

import functools
import html
import io
import re
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pytest
import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import tocmodel
from conftest import PILOT_WHOLE, ROOT
from test_logframe import document_text, normal
from tocmodel.i18n import messages, shipped_languages
from tocmodel.render.logframe import FORMATS, STYLES, logframe
from tocmodel.render.logframe.findings import finding_rows
from tocmodel.rules.completeness import UnusedActor
from tocmodel.schema.text import iter_texts

LOCALE = ROOT / "src" / "tocmodel" / "locale"
TRANSLATED = ("fr", "es")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def catalogue(language: str) -> dict[str, str]:
    with (LOCALE / language / "LC_MESSAGES" / "tocmodel.po").open("rb") as file:
        return {str(m.id): str(m.string) for m in read_po(file) if m.id and not m.fuzzy}


@functools.cache
def used_messages() -> set[str]:
    """Every message the code and the templates mark, extracted as `scripts/messages.sh` extracts them."""
    with (ROOT / "scripts" / "babel.cfg").open(encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file)
    keywords = {"_": None, "N_": None, "say": None, "gettext": None}
    found = set()
    for folder in (ROOT / "src" / "tocmodel", ROOT / "templates"):
        for _, _, message, _, _ in extract_from_dir(folder, method_map, options_map, keywords=keywords):
            found.add(message if isinstance(message, str) else message[0])
    return found


def test_the_shipped_languages_are_english_french_and_spanish() -> None:
    assert shipped_languages() == ["en", "es", "fr"]


@pytest.mark.parametrize("language", ["en", *TRANSLATED])
def test_each_catalogue_translates_every_message_in_use_and_no_other(language: str) -> None:
    messages_in_use = used_messages()
    assert len(messages_in_use) > 150
    translations = catalogue(language)
    assert set(translations) == messages_in_use, "run `bash scripts/messages.sh` and translate what it adds"
    untranslated = [m for m, t in translations.items() if not t.strip()]
    assert untranslated == []
    for message, translation in translations.items():
        assert sorted(PLACEHOLDER.findall(translation)) == sorted(PLACEHOLDER.findall(message)), message


@pytest.mark.parametrize("language", ["en", *TRANSLATED])
def test_the_compiled_catalogue_is_the_catalogue(language: str) -> None:
    with (LOCALE / language / "LC_MESSAGES" / "tocmodel.mo").open("rb") as file:
        compiled = {str(m.id): str(m.string) for m in read_mo(file) if m.id}
    assert compiled == catalogue(language), "run `bash scripts/messages.sh` to compile the catalogues"


def test_a_message_missing_from_a_catalogue_falls_back_to_english_and_is_listed() -> None:
    say = messages("fr")
    assert say("Summary") == "Synthèse"
    assert say("A message no catalogue has") == "A message no catalogue has"
    assert say.missing == ["A message no catalogue has"]
    german = messages("de")
    assert (german("Summary"), german.shipped, german.missing) == ("Summary", False, [])
    assert messages("fr-CA")("Summary") == "Synthèse"


def test_numbers_and_dates_are_written_the_languages_way() -> None:
    import datetime

    day = datetime.date(2026, 11, 1)
    assert [messages(lang).number(12345.5) for lang in ("en", "fr", "es")] == ["12,345.5", "12\u202f345,5", "12.345,5"]
    assert [messages(lang).date(day) for lang in ("en", "fr", "es")] == [
        "November 1, 2026",
        "1 novembre 2026",
        "1 de noviembre de 2026",
    ]
    assert messages("fr").percent(0.45) in ("45\u202f%", "45\xa0%")  # the space differs between CLDR versions


def english_fixed_texts(language: str) -> list[str]:
    """The words of the messages whose translation in `language` differs from the English, longest first:
    each message's text between its placeholders, where it has at least two letters."""
    english = [m for m, t in catalogue(language).items() if t != m]
    pieces = {piece.strip(" :()/\\.,") for message in english for piece in PLACEHOLDER.split(message)[::2]}
    return sorted((p for p in pieces if re.search(r"[^\W\d_]{2}", p)), key=len, reverse=True)


def leftover_english(text: str, language: str) -> list[str]:
    """The English fixed texts found in a document's text, as whole words (each place counted once)."""
    found = []
    for piece in english_fixed_texts(language):
        pattern = rf"(?<![\w-]){re.escape(piece)}(?![\w-])"
        if re.search(pattern, text):
            found.append(piece)
            text = re.sub(pattern, " ", text)
    return sorted(found)


def set_at(data: Any, path: tuple[str | int, ...], value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    old = data.get(path[-1]) if isinstance(data, dict) else data[path[-1]]
    data[path[-1]] = dict.fromkeys(old, value) if isinstance(old, dict) else value


@functools.cache
def neutral_pilot(folder: Path) -> Path:
    """The pilot with every text and unit replaced by a token in no language, so what English remains is fixed."""
    data = yaml.safe_load(PILOT_WHOLE.read_text(encoding="utf-8"))
    model = tocmodel.load(PILOT_WHOLE)
    for number, text in enumerate(iter_texts(model)):
        set_at(data, text.path, f"Zq{number}")
    for _, owner, index, _ in model.iter_indicators():
        section = next(s for s in ("impact", "outcomes", "outputs") if owner in data.get(s, {}))
        data[section][owner]["indicators"][index]["unit"] = "uq"
        written = data[section][owner]["indicators"][index]
        if written.get("disaggregation") or written.get("standard"):  # model data, in the model's words
            written["disaggregation"] = ["dq"]
        if written.get("standard"):  # the words it takes from the indicator bank, as tokens too
            written.setdefault("description", f"Zq-{owner}-{index}")
    path = folder / "neutral.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("language", TRANSLATED)
def test_french_and_spanish_documents_have_no_english_fixed_text(
    language: str, output_format: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    model = tocmodel.load(neutral_pilot(tmp_path_factory.getbasetemp()))
    assert len(english_fixed_texts(language)) > 100
    # Each layout's own headers are the same messages in every format: all layouts in the workbook, which is
    # quick to write, and the EU layout in the other formats cover them all.
    for style in STYLES if output_format == "xlsx" else ("eu",):
        document = logframe(model, output_format=output_format, style=style, lang=language, engine="graphviz-pure")
        assert not any("fixed texts have no" in note for note in document.notes)
        text = normal(document_text(output_format, document.content))
        text = re.sub(r"classDef \w+|:::\w+", " ", text)  # the Mermaid diagram's class names are code, not text
        assert "Zq0" in text  # the model's texts are there, as tokens
        assert leftover_english(text, language) == [], style
        if output_format == "html":  # the diagram too: its legend and its arrows' words
            svg = document.content.decode()[document.content.decode().find("<svg") :]
            shown = html.unescape(re.sub(r"<!--.*?-->|<[^>]+>", " ", svg, flags=re.DOTALL))
            assert leftover_english(normal(shown), language) == [], style
            assert not re.search(r"\b(OUTCOME|OUTPUT|ROOT CAUSE)\b", shown), style  # the boxes' kind, in capitals
        if output_format == "xlsx":  # the sheets' names too
            sheets = openpyxl.load_workbook(io.BytesIO(document.content)).sheetnames
            assert leftover_english(" ".join(sheets), language) == [], style


def test_the_check_finds_english_left_in_a_document() -> None:
    assert leftover_english("Synthèse ... Risk register ... Risque", "fr") == ["Risk register"]
    assert leftover_english("Risk-register r-high-cost", "fr") == []


@pytest.mark.parametrize("output_format", FORMATS)
def test_findings_say_what_their_rule_finds_in_the_documents_language(
    output_format: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    data = yaml.safe_load(neutral_pilot(tmp_path_factory.getbasetemp()).read_text(encoding="utf-8"))
    indicator = data["outcomes"]["oc-decent-work"]["indicators"][0]
    del indicator["source"]  # TOC406
    data["actors"]["idle"] = {"name": "Zq-idle", "type": "ngo"}  # TOC503
    path = tmp_path_factory.mktemp("findings") / "findings.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    model = tocmodel.load(path)
    english = logframe(model, output_format=output_format, engine="graphviz-pure")
    assert "has no source" in normal(document_text(output_format, english.content))  # the rule's own message
    for language, summary in (("fr", "Un indicateur sans source"), ("es", "Un indicador sin fuente")):
        document = logframe(model, output_format=output_format, lang=language, engine="graphviz-pure")
        text = normal(document_text(output_format, document.content))
        assert summary in text and "has no source" not in text
        assert leftover_english(re.sub(r"classDef \w+|:::\w+", " ", text), language) == []


def test_a_translated_finding_keeps_the_ids_its_english_message_quotes(tmp_path: Path) -> None:
    data = yaml.safe_load(PILOT_WHOLE.read_text(encoding="utf-8"))
    data["actors"]["idle"] = {"name": "Idle", "type": "ngo"}
    path = tmp_path / "idle.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    report = tocmodel.check(path)
    rows = {
        lang: [r.message for r in finding_rows(report, messages(lang)) if r.code == "TOC503"]
        for lang in ("en", *TRANSLATED)
    }
    assert rows["en"] == ["actor `idle` has no role in the model"]
    assert rows["fr"] == [f"{messages('fr')(UnusedActor.summary())} : `idle`"]
    assert rows["es"] == [f"{messages('es')(UnusedActor.summary())}: `idle`"]
