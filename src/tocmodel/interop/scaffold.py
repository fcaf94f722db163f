"""A new country model that starts from a generic one: what `tocmodel new --country XX DIR` writes.

The file extends the generic model and sets only the model's identity (id, title with the country's name,
country, plan start, languages); its comments list the generic model's items and say how to add, change
and drop them. It loads and checks like the generic model does.
"""

from __future__ import annotations

import datetime
import os
import textwrap
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..load.extends import SHIPPED_GENERICS, is_shipped_name, shipped_model
from ..load.loader import load
from ..schema import SECTIONS, Model
from ..schema.countries import ALPHA3, COUNTRY_CODES, COUNTRY_NAMES
from ..suggest import closest
from ..writing import write_text_atomic

DEFAULT_GENERIC = "ewaste-generic"
SCHEMA_HINT = (
    "# For autocompletion and inline errors in your editor: `tocmodel schema -o tocmodel.schema.json`, then\n"
    "# replace this comment by `# yaml-language-server: $schema=tocmodel.schema.json`."
)
MAX_SCHEMA_CLIMB = 3
"""The schema line is written when the schema is at most this many folders up from the new model."""
ALIASES = {"UK": "GB", "EL": "GR"}
"""Codes people write for a country whose ISO 3166-1 code is another."""


@dataclass(frozen=True, slots=True)
class Scaffolded:
    """The country model written."""

    path: Path
    model_id: str
    country: str
    generic: str
    """What its `extends:` names."""


def country_code(text: str) -> str:
    """The ISO 3166-1 alpha-2 code `text` stands for (`ke` → `KE`).

    Raises:
        UsageError: `text` is not a code, with the code it probably means.
    """
    code = text.strip().upper()
    if code in COUNTRY_CODES:
        return code
    names = {name.lower(): alpha2 for alpha2, name in COUNTRY_NAMES.items()}
    meant = ALIASES.get(code) or ALPHA3.get(code) or names.get(text.strip().lower())
    if meant is None and len(code) > 3:
        near = closest(text.strip().lower(), names)
        meant = names[near] if near else None
    hint = f"; did you mean `{meant}` ({COUNTRY_NAMES[meant]})?" if meant else " (e.g. `GH` for Ghana, `KE` for Kenya)"
    raise UsageError(f"`{text}` is not an ISO 3166-1 alpha-2 country code{hint}")


def scaffold(*, country: str, folder: str | os.PathLike[str], generic: str = DEFAULT_GENERIC) -> Scaffolded:
    """Write a country model for `country` in `folder` (made if missing) that extends `generic`.

    Args:
        country: The country's ISO 3166-1 alpha-2 code.
        folder: Where to write `<generic>-<country>.yaml` (`ewaste-ke.yaml` from `ewaste-generic`).
        generic: A shipped generic model's name, or the path of a model file in `folder` or below.

    Raises:
        UsageError: unknown country or generic model, a generic model outside `folder`, or a file already there.
        ModelLoadError: the generic model has errors.
    """
    code = country_code(country)
    target_folder = Path(folder)
    base_file, extends = _generic_file(generic, target_folder)
    base = load(base_file)
    stem = base_file.stem.removesuffix("-generic")
    model_id = f"{stem}-{code.lower()}"
    path = target_folder / f"{model_id}.yaml"
    if path.exists():
        raise UsageError(f"{path} already exists; it is left as it is (remove it, or choose another folder)")
    text = model_text(base, extends=extends, model_id=model_id, country=code, schema=_schema_path(target_folder))
    write_text_atomic(path, text)
    return Scaffolded(path, model_id, code, extends)


def _generic_file(generic: str, folder: Path) -> tuple[Path, str]:
    """The generic model's file and how the new model's `extends:` names it."""
    if is_shipped_name(generic):
        found = shipped_model(generic)
        if found is None or not found.is_file():
            known = ", ".join(f"`{name}`" for name in SHIPPED_GENERICS)
            raise UsageError(f"no generic model named `{generic}` is shipped with tocmodel (shipped: {known})")
        return found, generic
    file = Path(generic)
    if not file.is_file():
        raise UsageError(f"{generic}: no such file")
    resolved, home = file.resolve(), folder.resolve()
    if not resolved.is_relative_to(home):
        raise UsageError(
            f"{generic} is not in {folder}: a model extends only files in its own folder or below; "
            f"copy it there, or start from a shipped generic model ({', '.join(SHIPPED_GENERICS)})"
        )
    return file, resolved.relative_to(home).as_posix()


def _schema_path(folder: Path) -> str | None:
    """The JSON Schema for editors, relative to `folder`: the installed package's, or a checkout's."""
    from importlib import resources

    for candidate in (
        Path(str(resources.files("tocmodel"))) / "tocmodel.schema.json",
        Path(__file__).resolve().parents[3] / "schema" / "tocmodel.schema.json",
    ):
        if candidate.is_file():
            here = folder.resolve()
            try:
                relative = Path(os.path.relpath(candidate, here))
                shared = Path(os.path.commonpath([candidate, here]))
            except ValueError:  # another drive
                return None
            # A path that climbs to the top of the disk names this machine's layout, not the project's.
            if shared == Path(shared.anchor) or relative.parts.count("..") > MAX_SCHEMA_CLIMB:
                return None
            return relative.as_posix()
    return None


def model_text(base: Model, *, extends: str, model_id: str, country: str, schema: str | None = None) -> str:
    """The new model's YAML: identity, comments on what to add, change and drop, and the generic's ids."""
    name = COUNTRY_NAMES[country]
    languages = base.model.languages
    title = base.model.title
    titles = {lang: f"{text} – {name}" for lang, text in title.items()} if isinstance(title, dict) else None
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else [SCHEMA_HINT]
    lines += [
        "tocmodel: 1",
        "",
        f"# {name}'s model, started from the generic model `{extends}`. Everything in the generic model is part",
        f"# of this one; write below only what differs in {name}:",
        "#   - change an item of the generic model: write its id with the fields that differ (the other fields",
        "#     stay as the generic model has them; a list written here replaces the generic list whole);",
        "#   - add an item: write it with a new id (it comes after the item written just above it);",
        "#   - leave items out: name their ids under `drop:`.",
        "# `tocmodel check` lists what is dropped; docs/country-models.md walks through it.",
        f"extends: {extends}",
        "",
        f"# drop: [{_example_drop(base)}]   # ids of the generic model's items that do not apply in {name}",
        "",
        "model:",
        f"  id: {model_id}",
        *(["  title:", *(f"    {lang}: {_quoted(text)}" for lang, text in titles.items())] if titles else []),
        *([f"  title: {_quoted(f'{title} – {name}')}"] if titles is None else []),
        f"  country: {country}",
        f"  start: {base.model.start}   # the generic model's; to start later, move the indicator targets too",
        f"  languages: [{', '.join(languages)}]",
        '  version: "0.1"',
        f"  date: {datetime.date.today().isoformat()}",
        "",
        *_examples(base, name),
        "",
        *_generic_ids(base),
    ]
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    """`text` as a YAML scalar: double-quoted, so that any character reads back as written."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _example_drop(base: Model) -> str:
    return ", ".join(list(base.risks)[:1] + list(base.interventions)[-1:])


def _examples(base: Model, name: str) -> list[str]:
    """Commented examples of a changed actor and an added one."""
    actor_id = next(iter(base.actors), "moe")
    return [
        "# actors:",
        f"#   {actor_id}:                  # a generic role: give it {name}'s name",
        f"#     name: <the institution's name in {name}>",
        "#     short: <its abbreviation>",
        "#   new-actor-id:                # an actor the generic model does not have",
        "#     name: <its name>",
        "#     type: ngo",
        "#",
        "# outcomes:",
        "#   <outcome id>:",
        "#     indicators:                # the country's indicators, baselines and targets",
        "#       - title: <what is measured>",
        "#         baseline: {value: <measured value>, year: <year>}",
        "#         targets: {<year>: <value>}",
        "#         source: <where the value comes from>",
    ]


def _generic_ids(base: Model) -> list[str]:
    """A comment listing the generic model's ids, section by section."""
    lines = ["# The generic model's items, by id (to change or drop):"]
    groups = [("actors", list(base.actors)), ("stages", list(base.stages)), ("root causes", list(base.root_causes))]
    groups += [(section, list(getattr(base, section))) for section in SECTIONS if section not in ("actors", "stages")]
    for title, ids in groups:
        if ids:
            wrapped = textwrap.wrap(", ".join(ids), width=100, break_on_hyphens=False)
            lines.append(f"#   {title}: {wrapped[0]}")
            lines.extend(f"#     {line}" for line in wrapped[1:])
    return lines
