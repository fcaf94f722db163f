"""`tocmodel translate import`: a PO catalogue's translations written into the model files, nothing else changed."""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ...errors import TranslationError
from ...schema import Model, Text
from ...schema.text import ModelText, dotted, iter_texts
from .exporting import source_text
from .yamledit import Document, Edit, apply


@dataclass
class Imported:
    """What an import wrote, and what it left out and why."""

    language: str
    files: dict[str, bytes] = field(default_factory=dict)
    """File → its new content, for each file that gains translations."""
    written: dict[str, int] = field(default_factory=dict)
    """File → how many texts gained the language."""
    skipped: list[str] = field(default_factory=list)
    """Entries left out, each with the reason: untranslated, fuzzy, gone from the model, source changed."""
    unchanged: int = 0
    """Entries whose translation is the one the model has (a review catalogue, `--all`, lists every text)."""
    corrected: list[str] = field(default_factory=list)
    """Texts whose version in the language was replaced by a different one (their model paths)."""


@dataclass(frozen=True)
class _Entry:
    context: str
    source: str
    translation: str


def read_catalogue(content: bytes, name: str) -> tuple[str | None, list[_Entry], list[str]]:
    """The catalogue's language, its translated entries, and the entries left out (untranslated, fuzzy)."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        from io import BytesIO

        catalog = read_po(BytesIO(content), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError) as error:
        raise TranslationError(f"{name}: not a PO catalogue: {error}") from None
    language = catalog.mime_headers and dict(catalog.mime_headers).get("Language")
    entries, skipped = [], []
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        where = message.context or "(no context)"
        if not message.context:
            skipped.append(f"{where}: the entry names no place in the model (msgctxt); export the catalogue again")
        elif message.fuzzy:
            skipped.append(f"{where}: marked fuzzy (to be checked)")
        elif not isinstance(message.string, str) or not message.string.strip():
            skipped.append(f"{where}: not translated")
        else:
            entries.append(_Entry(message.context, message.id, message.string))
    return (str(language).replace("_", "-") if language else None), entries, skipped  # `pt_BR` → `pt-BR`


def import_po(model: Model, content: bytes, *, name: str, language: str | None = None) -> Imported:
    """The model files with the catalogue's translations written in (the files themselves are not written).

    Args:
        model: The loaded model the catalogue was exported from.
        content: The PO catalogue.
        name: The catalogue's name, for messages.
        language: The language of the translations (default: the catalogue's `Language` header).

    Raises:
        TranslationError: the catalogue cannot be read or names no language, or a text cannot be found
            where the model says it is written.
    """
    found_language, entries, skipped = read_catalogue(content, name)
    language = _language(model, name, language, found_language)
    main = model.model.languages[0]
    texts = {dotted(t.path): t for t in iter_texts(model)}
    result = Imported(language, skipped=skipped)
    edits: dict[str, list[Edit]] = defaultdict(list)
    documents: dict[str, Document] = {}
    expected: dict[str, str] = {}
    written: dict[str, dict[int, str]] = {}
    for entry in entries:
        text = texts.get(entry.context)
        reason = _why_not(model, text, entry, language)
        if reason == _SAME:
            result.unchanged += 1
            continue
        if reason or text is None:
            result.skipped.append(f"{entry.context}: {reason}")
            continue
        file, line, column = _position(model, text)
        if file not in documents:
            documents[file] = Document(_read(file), file)
        document = documents[file]
        node = document.node_at(line, column)
        if id(node) in written.setdefault(file, {}):  # an anchor's text, used here again through an alias
            first = written[file][id(node)]
            result.skipped.append(f"{entry.context}: the same text as `{first}` (a YAML alias): translated with it")
            expected[entry.context] = expected[first]
            continue
        written[file][id(node)] = entry.context
        if isinstance(text.text, str) or language not in text.text:
            edits[file].append(document.add_language(node, main, language, entry.translation))
        else:  # a correction, from a catalogue of every text (`--all`) a reviewer went through
            edits[file].append(document.replace_language(node, language, entry.translation))
            result.corrected.append(entry.context)
        expected[entry.context] = entry.translation
    if edits and language not in model.model.languages:
        _declare(model, language, documents, edits)
    for file, changes in edits.items():
        _refuse_package_file(file)
        result.files[file] = apply(documents[file].text, changes).encode("utf-8")
        result.written[file] = len(written.get(file, {}))  # the texts translated (not `languages`)
    _check_reads_back(model, result.files, expected, language)
    return result


def _language(model: Model, name: str, given: str | None, found: str | None) -> str:
    """The language of the translations: as given, else as the catalogue says; never the main language."""
    if given and found and given != found:
        raise TranslationError(
            f"{name}: the catalogue says its language is `{found}`, not `{given}`; "
            "leave out `--lang`, or give the catalogue's language"
        )
    language = given or found
    if not language:
        raise TranslationError(f"{name}: the catalogue names no language; give it with `--lang`")
    if language == model.model.languages[0]:
        raise TranslationError(f"`{language}` is the model's main language: its texts are the sources")
    return language


def _read(file: str) -> str:
    """A model file's text with its line ends as they are (CRLF stays CRLF)."""
    try:
        return Path(file).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TranslationError(f"{file}: cannot read it to write the translations: {error}") from None


def _declare(model: Model, language: str, documents: dict[str, Document], edits: dict[str, list[Edit]]) -> None:
    """Add `language` to `model.languages` where the model writes them (or to its `model:` mapping)."""
    source_map = model.source_map
    assert source_map is not None
    for path in (("model", "languages"), ("model",)):
        if path in source_map.values:
            file, line, column = source_map.values[path]
            break
    else:
        raise TranslationError("the model's `model:` mapping is written nowhere; add `languages:` to it by hand")
    if file not in documents:
        documents[file] = Document(_read(file), file)
    document = documents[file]
    node = document.node_at(line, column)
    if isinstance(node, yaml.SequenceNode):
        edits[file].append(document.add_item(node, language))
    elif isinstance(node, yaml.MappingNode):
        languages = ", ".join([*model.model.languages, language])
        edits[file].append(document.add_entry(node, "languages", f"[{languages}]"))
    else:
        raise TranslationError(f"{document.where(node)}: `languages` is not a list; add `{language}` by hand")


def _refuse_package_file(file: str) -> None:
    """Refuse to write into the installed tocmodel package (its shipped models are replaced on upgrade)."""
    from importlib import resources

    package = Path(str(resources.files("tocmodel"))).resolve()
    if Path(file).resolve().is_relative_to(package):
        raise TranslationError(
            f"{file} is a model shipped with tocmodel; copy it beside your model, extend the copy, and import again"
        )


def _check_reads_back(model: Model, files: dict[str, bytes], expected: dict[str, str], language: str) -> None:
    """Load the model from the new files (in a scratch folder) and check each text has its translation."""
    from ...load.loader import load_report

    source_map = model.source_map
    if source_map is None or not files:
        return
    read = [Path(f).resolve() for f in source_map.files]
    root = Path(os.path.commonpath([f.parent for f in read]))
    with tempfile.TemporaryDirectory(prefix="tocmodel-translate-") as scratch:
        for original in read:
            copy = Path(scratch) / original.relative_to(root)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(files.get(str(original)) or files.get(_name_of(original, files)) or original.read_bytes())
        result = load_report(Path(scratch) / read[0].relative_to(root))
    if result.model is None or not result.report.ok:
        problems = "; ".join(d.message for d in result.report if d.severity.value == "error")[:500]
        raise TranslationError(f"the model would no longer load with the translations written in: {problems}")
    found = {dotted(t.path): t.text for t in iter_texts(result.model)}
    wrong = [p for p, t in _before(model, expected, language).items() if found.get(p) != t]
    if wrong:
        raise TranslationError(
            f"the texts {', '.join(wrong[:5])} would not read back as they should; nothing was written"
        )


def _before(model: Model, expected: dict[str, str], language: str) -> dict[str, Text]:
    """Every text of the model as it must read after the import: as it was, the translated ones with their
    new language beside what they had (a plain string is in the main language)."""
    main = model.model.languages[0]
    wanted: dict[str, Text] = {}
    for text in iter_texts(model):
        path = dotted(text.path)
        versions = {main: text.text} if isinstance(text.text, str) else dict(text.text)
        if path in expected:
            wanted[path] = versions | {language: expected[path]}
        else:
            wanted[path] = text.text
    return wanted


def _name_of(path: Path, files: dict[str, bytes]) -> str:
    """The key of `files` that names `path` (the source map may name a file by another path to it)."""
    return next((name for name in files if Path(name).resolve() == path), "")


_SAME = "already translated so"


def _why_not(model: Model, text: ModelText | None, entry: _Entry, language: str) -> str:
    """Why an entry cannot be written, or "" when it can (a different translation corrects the one there)."""
    if text is None:
        return "no such text in the model any more"
    if source_text(model, text) != entry.source:
        return "its source text has changed since the export; export the catalogue again"
    if not isinstance(text.text, str) and text.text.get(language) == entry.translation:
        return _SAME
    return ""


def _position(model: Model, text: ModelText) -> tuple[str, int, int]:
    """Where a text's value is written; a lone text where a list is expected is written at the list's place."""
    source_map = model.source_map
    if source_map is not None:
        for path in (text.path, text.path[:-1]):
            if path in source_map.values:
                return source_map.values[path]
    raise TranslationError(f"`{dotted(text.path)}` is not written in any file (it comes from a default)")
