"""`tocmodel translate export`: the texts of a model that lack a language, as a gettext PO catalogue."""

from __future__ import annotations

import datetime
from io import BytesIO
from pathlib import Path

from ...errors import TranslationError
from ...schema import Model
from ...schema.text import ModelText, dotted, iter_texts, untranslated

HEADER = """\
# The texts of the model `{model}` that have no `{language}` version, exported by `tocmodel translate export`.
# Translate each msgstr and keep each msgctxt: it says where the text is in the model. Then write the
# translations into the model with `tocmodel translate import MODEL THIS-FILE`."""


def source_text(model: Model, text: ModelText) -> str:
    """A text in the model's main language (a plain string is in it), else in the first language it has."""
    if isinstance(text.text, str):
        return text.text
    main = model.model.languages[0]
    return text.text.get(main) or next(iter(text.text.values()))


def _reference(model: Model, text: ModelText, folder: Path) -> tuple[str, int] | None:
    source_map = model.source_map
    if source_map is None or text.path not in source_map.values:
        return None
    file, line, _ = source_map.values[text.path]
    try:
        name = Path(file).resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        name = Path(file).name
    return name, line


def babel_locale(language: str) -> str:
    """`pt_BR` for `pt-BR`: a language as Babel names it.

    Raises:
        TranslationError: Babel knows no such language.
    """
    from babel import Locale, UnknownLocaleError

    name = language.replace("-", "_")
    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        raise TranslationError(f"unknown language `{language}`: give a language code such as `fr` or `pt-BR`") from None
    return name


def export_po(model: Model, language: str, *, folder: Path, everything: bool = False) -> bytes:
    """The PO catalogue of the texts lacking `language` (every text with `everything`, translations filled in).

    Args:
        model: The loaded model (its source map gives each text's file and line).
        language: The language to translate into, e.g. `fr`.
        folder: References name files relative to this folder (the model file's).
        everything: Also list the texts that have `language`, with their translation, for review.

    Returns:
        The catalogue as UTF-8 bytes, its entries in the model's order.
    """
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    day = model.model.date or datetime.date(2000, 1, 1)  # the model's date, so the same model gives the same file
    moment = datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
    catalog = Catalog(
        locale=babel_locale(language),
        header_comment=HEADER.format(model=model.model.id, language=language),
        project=model.model.id,
        version=model.model.version or None,
        msgid_bugs_address="",
        last_translator="",
        language_team="",
        creation_date=moment,
        revision_date=moment,
        fuzzy=False,
    )
    texts = list(iter_texts(model)) if everything else untranslated(model, language)
    for text in texts:
        translation = "" if isinstance(text.text, str) else text.text.get(language, "")
        reference = _reference(model, text, folder)
        message = catalog.add(
            source_text(model, text),
            translation,
            locations=[reference] if reference else [],
            context=dotted(text.path),
        )
        message.flags.discard("python-format")  # a `%` in a model's text is a percent sign, not a placeholder
    buffer = BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False, sort_output=False)
    return buffer.getvalue()
