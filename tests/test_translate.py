"""`tocmodel translate export/import`: a model's texts out to a PO catalogue and back, nothing else changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

import tocmodel
from conftest import MODELS, run_cli
from tocmodel.errors import TranslationError
from tocmodel.interop.translate import export_po, import_po
from tocmodel.schema.text import dotted, iter_texts, untranslated

EVERY_SHAPE = """\
tocmodel: 1
# the model's own comment
model:
  id: shapes
  title: Shapes of texts   # a note after a text
  start: 2027
  years: 5
  languages: [en, es]
  description: >-
    A folded text written over
    two lines.
problem:
  core: "A quoted: text"
  root_causes:
    rc-a: {title: A cause in a flow mapping, evidence: 'single-quoted'}
impact:
  im:
    title:
      en: Impact in two languages
      es: Impacto en dos idiomas
outcomes:
  oc:
    title: {en: An outcome, es: Un efecto}
    leads_to: [im]
    indicators:
      - title: An indicator
        baseline: {value: 1, year: 2026, note: Estimated}
        targets: {2031: 2}
        source: A survey
stages:
  s1:
    title: Stage one
    years: 1
    deliverables:
      - A report
      - A plan   # the plan
    entry_criteria: An agreement
  s2:
    title: Stage two
    years: 2
    deliverables: [First, Second]
"""


def french(text: str) -> str:
    return f'FR: {text} — «é» # not a comment: "quoted"'


def translate_all(po: bytes, translator: object = french) -> bytes:
    from io import BytesIO

    catalog = read_po(BytesIO(po))
    for message in catalog:
        if message.id:
            message.string = translator(message.id)  # type: ignore[operator]
    out = BytesIO()
    write_po(out, catalog, width=0)
    return out.getvalue()


def write(tmp_path: Path, text: str = EVERY_SHAPE) -> Path:
    path = tmp_path / "shapes.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_export_lists_each_text_without_the_language_with_its_place_and_line(tmp_path: Path) -> None:
    path = write(tmp_path)
    model = tocmodel.load(path)
    catalog = read_po(__import__("io").BytesIO(export_po(model, "fr", folder=tmp_path)))
    entries = {m.context: m for m in catalog if m.id}
    assert list(entries) == [dotted(t.path) for t in iter_texts(model)]  # every text lacks French, in order
    assert entries["model.title"].id == "Shapes of texts"
    assert entries["model.title"].locations == [("shapes.yaml", 5)]
    assert entries["impact.im.title"].id == "Impact in two languages"  # the main language's version
    assert entries["stages.s1.entry_criteria.0"].id == "An agreement"
    assert dict(catalog.mime_headers)["Language"] == "fr"
    spanish = {m.context for m in read_po(__import__("io").BytesIO(export_po(model, "es", folder=tmp_path))) if m.id}
    assert "impact.im.title" not in spanish and "model.title" in spanish


def test_import_writes_every_translation_and_changes_nothing_else(tmp_path: Path) -> None:
    path = write(tmp_path)
    model = tocmodel.load(path)
    imported = import_po(model, translate_all(export_po(model, "fr", folder=tmp_path)), name="shapes.fr.po")
    assert imported.skipped == []
    assert imported.written == {str(path): len(list(iter_texts(model)))}
    path.write_bytes(imported.files[str(path)])
    again = tocmodel.load(path)
    for text in iter_texts(again):
        assert isinstance(text.text, dict), dotted(text.path)
        english = text.text["en"]
        assert text.text["fr"] == french(english), dotted(text.path)
    assert untranslated(again, "fr") == []
    new = path.read_text(encoding="utf-8")
    assert "  title:   # a note after a text\n    en: Shapes of texts\n" in new
    assert "    en: >-\n      A folded text written over\n      two lines.\n    fr:" in new
    assert '    title: {en: "A cause in a flow mapping", fr: ' not in new  # a flow mapping's text stays inline:
    assert 'rc-a: {title: {en: "A cause in a flow mapping", fr: "FR: A cause' in new
    assert "      - en: A plan   # the plan\n        fr: " in new
    assert 'deliverables: [{en: "First", fr: "FR: First' in new
    assert "      es: Impacto en dos idiomas\n      fr: " in new
    assert 'title: {en: An outcome, es: Un efecto, fr: "FR: An outcome' in new
    kept = [line for line in EVERY_SHAPE.splitlines() if line.strip().startswith("#") or "years:" in line]
    assert [line for line in new.splitlines() if line in kept] == kept  # comments and other lines as they were


def test_a_translation_may_hold_anything_yaml_would_read_otherwise(tmp_path: Path) -> None:
    path = write(tmp_path)
    model = tocmodel.load(path)
    tricky = [
        "- starts like a list",
        "key: value",
        "#hash",
        "yes",
        "null",
        "12",
        "  spaces around  ",
        "line\nbreak",
        "tab\there",
        "a very long translation " * 12,
    ]
    po = translate_all(export_po(model, "fr", folder=tmp_path), lambda text: tricky[len(text) % len(tricky)])
    imported = import_po(model, po, name="x.po")
    path.write_bytes(imported.files[str(path)])
    found = {dotted(t.path): t.text for t in iter_texts(tocmodel.load(path))}
    for context, text in found.items():
        assert isinstance(text, dict)
        assert text["fr"] == tricky[len(text["en"]) % len(tricky)], context


def test_what_cannot_be_imported_is_left_out_with_the_reason(tmp_path: Path) -> None:
    path = write(tmp_path)
    model = tocmodel.load(path)
    from io import BytesIO

    catalog = read_po(BytesIO(export_po(model, "fr", folder=tmp_path)))
    for message in catalog:
        if message.context == "model.title":
            message.string = "Formes des textes"
        elif message.context == "problem.core":
            message.string = "Un texte"
            message.flags.add("fuzzy")
        elif message.context == "stages.s1.title":
            message.string = "Étape un"
            message.id = "Stage 1"  # the source changed since the export
    catalog.add("Gone", "Parti", context="risks.r-gone.statement")
    out = BytesIO()
    write_po(out, catalog, width=0)
    imported = import_po(model, out.getvalue(), name="x.po")
    assert imported.written == {str(path): 1}
    reasons = "\n".join(imported.skipped)
    assert "problem.core: marked fuzzy" in reasons
    assert "stages.s1.title: its source text has changed since the export" in reasons
    assert "risks.r-gone.statement: no such text in the model any more" in reasons
    assert "model.description: not translated" in reasons


def test_a_bad_catalogue_is_refused_with_a_reason(tmp_path: Path) -> None:
    model = tocmodel.load(write(tmp_path))
    with pytest.raises(TranslationError, match="not a PO catalogue"):
        import_po(model, b'msgid "a"\nmsgstr "\xff\xfe"\n', name="broken.po")
    with pytest.raises(TranslationError, match="names no language"):
        import_po(model, b'msgctxt "model.title"\nmsgid "Shapes of texts"\nmsgstr "x"\n', name="bare.po")
    with pytest.raises(TranslationError, match="main language"):
        import_po(model, b"", name="x.po", language="en")
    with pytest.raises(TranslationError, match="unknown language"):
        export_po(model, "zz-qq-1234", folder=tmp_path)


def test_the_pilot_round_trips_through_the_commands(tmp_path: Path) -> None:
    for name in ("ewaste-pilot.yaml", "ewaste-generic.yaml"):
        shutil.copy(MODELS / name, tmp_path / name)
    shutil.copytree(MODELS / "monitoring", tmp_path / "monitoring")
    pilot = tmp_path / "ewaste-pilot.yaml"
    assert untranslated(tocmodel.load(pilot), "fr") == []  # the shipped pilot is all in French, made this way
    exported = run_cli("translate", "export", str(pilot), "--lang", "es", "-o", str(tmp_path / "pilot.es.po"))
    assert exported.returncode == 0, exported.stderr
    count = len(untranslated(tocmodel.load(pilot), "es"))
    assert count > 250 and f"{count} texts of {pilot} have no `es` version" in exported.stderr
    (tmp_path / "pilot.es.po").write_bytes(translate_all((tmp_path / "pilot.es.po").read_bytes()))
    imported = run_cli("translate", "import", str(pilot), str(tmp_path / "pilot.es.po"))
    assert imported.returncode == 0, imported.stderr
    assert "`es` texts into" in imported.stderr and "left out" not in imported.stderr
    again = run_cli("translate", "export", str(pilot), "--lang", "es")
    assert again.returncode == 0 and "0 texts of" in again.stderr
    assert "\nmsgctxt" not in again.stdout
    checked = run_cli("check", str(pilot))
    assert checked.returncode == 0, checked.stdout
    document = run_cli("logframe", str(pilot), "-f", "md", "--lang", "es")
    assert document.returncode == 0 and "warning" not in document.stderr


def test_the_commands_say_what_is_wrong(tmp_path: Path) -> None:
    path = write(tmp_path)
    (tmp_path / "bad.po").write_text('not a catalogue at all "', encoding="utf-8")
    result = run_cli("translate", "import", str(path), str(tmp_path / "bad.po"))
    assert result.returncode == 1 and "Error: " in result.stderr and "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == EVERY_SHAPE
    unknown = run_cli("translate", "export", str(path), "--lang", "zz-qq-1234")
    assert unknown.returncode == 2 and "unknown language" in unknown.stderr


def test_a_lone_text_where_a_list_is_expected_gets_its_translation(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        EVERY_SHAPE.replace("    entry_criteria: An agreement\n", "    entry_criteria: >-\n      An agreement\n"),
    )
    model = tocmodel.load(path)
    imported = import_po(model, translate_all(export_po(model, "fr", folder=tmp_path)), name="x.po")
    path.write_bytes(imported.files[str(path)])
    stage = tocmodel.load(path).stages["s1"]
    assert stage.entry_criteria == [{"en": "An agreement", "fr": french("An agreement")}]


def test_the_new_language_is_declared_in_the_model(tmp_path: Path) -> None:
    path = write(tmp_path)
    model = tocmodel.load(path)
    imported = import_po(model, translate_all(export_po(model, "fr", folder=tmp_path)), name="x.po")
    path.write_bytes(imported.files[str(path)])
    assert "  languages: [en, es, fr]\n" in path.read_text(encoding="utf-8")
    assert tocmodel.load(path).model.languages == ["en", "es", "fr"]
    assert not [d for d in tocmodel.validate(tocmodel.load(path)) if "`fr`" in d.message]
    bare = write(
        tmp_path, EVERY_SHAPE.replace("  languages: [en, es]\n", "").replace("es: Impacto en dos idiomas", "x: y")
    )
    bare.write_text(bare.read_text(encoding="utf-8").replace("\n      x: y", "").replace(", es: Un efecto", ""))
    model = tocmodel.load(bare)
    imported = import_po(model, translate_all(export_po(model, "fr", folder=tmp_path)), name="x.po")
    bare.write_bytes(imported.files[str(bare)])
    assert tocmodel.load(bare).model.languages == ["en", "fr"]


def test_crlf_line_ends_stay_and_an_aliased_text_is_translated_once(tmp_path: Path) -> None:
    text = EVERY_SHAPE.replace('  core: "A quoted: text"\n', "  core: &core Shared text\n")
    text = text.replace("    rc-a: {title: A cause", "    rc-b: {title: *core}\n    rc-a: {title: A cause")
    path = tmp_path / "crlf.yaml"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    model = tocmodel.load(path)
    imported = import_po(model, translate_all(export_po(model, "fr", folder=tmp_path)), name="x.po")
    assert any("(a YAML alias)" in note for note in imported.skipped)
    content = imported.files[str(path)]
    assert b"\n" not in content.replace(b"\r\n", b"")  # every line still ends in CRLF
    path.write_bytes(content)
    again = tocmodel.load(path)
    assert again.root_causes["rc-b"].title == {"en": "Shared text", "fr": french("Shared text")}
    assert untranslated(again, "fr") == []


def test_a_region_tag_round_trips(tmp_path: Path) -> None:
    path = write(tmp_path)
    model = tocmodel.load(path)
    po = export_po(model, "pt-BR", folder=tmp_path)
    assert b'"Language: pt_BR\\n"' in po  # as PO files name it
    imported = import_po(model, translate_all(po), name="x.po")
    assert imported.language == "pt-BR"
    path.write_bytes(imported.files[str(path)])
    assert "pt-BR" in tocmodel.load(path).model.languages


def test_a_reviewer_corrects_translations_in_a_catalogue_of_every_text(tmp_path: Path) -> None:
    path = write(tmp_path)
    model = tocmodel.load(path)
    review = translate_all(export_po(model, "es", folder=tmp_path, everything=True), lambda text: f"ES {text}")
    imported = import_po(model, review, name="review.po")
    assert sorted(imported.corrected) == ["impact.im.title", "outcomes.oc.title"]  # block and flow mappings
    path.write_bytes(imported.files[str(path)])
    again = tocmodel.load(path)
    assert again.impact["im"].title == {"en": "Impact in two languages", "es": "ES Impact in two languages"}
    assert again.outcomes["oc"].title == {"en": "An outcome", "es": "ES An outcome"}
    assert untranslated(again, "es") == []
    same = import_po(again, review, name="review.po")  # nothing left to correct
    assert same.corrected == [] and same.files == {} and same.skipped == []
    assert same.unchanged == len(list(iter_texts(again)))  # every text, each already so translated


def test_kept_trailing_lines_of_a_block_text_stay(tmp_path: Path) -> None:
    text = EVERY_SHAPE.replace("  description: >-\n", "  description: |+\n").replace(
        "    two lines.\n", "    two lines.\n\n\n"
    )
    path = write(tmp_path, text)
    model = tocmodel.load(path)
    assert model.model.description == "A folded text written over\ntwo lines.\n\n\n"
    imported = import_po(model, translate_all(export_po(model, "fr", folder=tmp_path)), name="x.po")
    path.write_bytes(imported.files[str(path)])
    assert tocmodel.load(path).model.description == {
        "en": "A folded text written over\ntwo lines.\n\n\n",
        "fr": french("A folded text written over\ntwo lines.\n\n\n"),
    }


def test_a_language_given_against_the_catalogues_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path)
    model = tocmodel.load(path)
    po = translate_all(export_po(model, "fr", folder=tmp_path))
    with pytest.raises(TranslationError, match="its language is `fr`, not `de`"):
        import_po(model, po, name="x.po", language="de")
    assert import_po(model, po, name="x.po", language="fr").language == "fr"
