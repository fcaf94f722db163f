"""The adversarial corpus: hostile and broken inputs through the real command line, each with what it must do.

Each case writes its files into a fresh folder, runs `tocmodel` in a new process as a user would, and checks
the exit code, that nothing was printed as a traceback, and the first finding: its code, line and words. A
model that should load is then drawn and rendered too. The cases are the rows of docs/reliability.md.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, MODELS, run_cli
from reliability import Case, case_ids

LOAD = FIXTURES / "load"
MINIMAL = (MODELS / "minimal.yaml").read_text(encoding="utf-8")
HEAD = "tocmodel: 1\nmodel: {id: m, title: M, start: 2027}\n"
"""The smallest model that loads: what most cases add their one bad part to."""

Files = Mapping[str, "str | bytes | Callable[[Path], None]"]


@dataclass(frozen=True)
class Expect:
    """What a run must show: its exit code and, for a failing run, its first finding."""

    exit: int
    code: str | None = None
    line: int | None = None
    words: str = ""
    """Words of the first finding's message (of the error output, for a misuse)."""
    file: str | None = None
    """The file the first finding is in, when it is not the one given on the command line."""
    count: int = 1
    """How many findings of `code` there are."""
    places: int | None = None
    """At how many places they are, when aliases repeat them (else each is at its own place)."""


@dataclass(frozen=True)
class Bad:
    """One input of the corpus."""

    id: str
    area: str
    given: str
    files: Files
    expect: Expect
    args: tuple[str, ...] = ("check", "m.yaml")
    limits: str | None = None
    """A `[limits]` table for a `tocmodel.toml` beside the model."""
    also: str = ""
    """Anything else the case checks, in words (its test does it)."""
    extra: Callable[[Path, dict[str, Any]], None] | None = field(default=None, compare=False)

    def behaviour(self) -> str:
        """The table's account of what tocmodel does, from what the test asserts."""
        expect = self.expect
        if expect.exit == 0:
            text = "Loads and checks clean (exit 0); it is also drawn and rendered."
        elif expect.exit == 2:
            text = f"Refused as misuse before anything is read (exit 2): “…{expect.words}…”."
        elif expect.code is None:
            text = f"Refused with one message, nothing written (exit {expect.exit}): “…{expect.words}…”."
        else:
            where = f" at line {expect.line}" if expect.line else ""
            where += f" of `{expect.file}`" if expect.file else ""
            many = f"{expect.count:,} findings " if expect.count > 1 else ""
            text = f"{many}`{expect.code}`{where}: “…{expect.words}…” (exit {expect.exit})."
        return f"{text} {self.also}".strip()


def nested_flow(depth: int) -> str:
    return HEAD + "notes: " + "[" * depth + "]" * depth + "\n"


def nested_block(depth: int) -> str:
    return HEAD + "notes:\n" + "".join(f"{'  ' * level}k{level}:\n" for level in range(1, depth + 1)) + "\n"


def hundred_megabytes(folder: Path) -> None:
    with open(folder / "m.yaml", "w", encoding="utf-8") as stream:
        stream.write(HEAD)
        line = "# " + "x" * 1021 + "\n"
        for _ in range(100 * 1024):
            stream.write(line)


def with_link(name: str, target: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / name).symlink_to(folder / target)

    return make


def outside_link(folder: Path) -> None:
    outside = folder.parent / f"{folder.name}-outside.yaml"
    outside.write_text("actors:\n  x: {name: X, type: other}\n", encoding="utf-8")
    (folder / "link.yaml").symlink_to(outside)


def dangling_links(count: int) -> str:
    lines = [f"  o-{n}: {{title: Output {n}, leads_to: [missing-{n}]}}" for n in range(count)]
    return HEAD + "outputs:\n" + "\n".join(lines) + "\n"


def merge_levels(first: str, level: Callable[[int], str], levels: int = 9) -> str:
    """A model whose `x0` is `first` and each next anchor merges the one before through `level(n)`."""
    lines = [f"x0: &l0 {first}", *(f"x{n}: &l{n} {level(n)}" for n in range(1, levels + 1))]
    return "tocmodel: 1\n" + "\n".join(lines) + f"\nmodel: {{<<: *l{levels}, id: m, title: t, start: 2027}}\n"


def ten(text: str) -> str:
    return ", ".join([text] * 10)


def merge_list_anchors() -> str:
    """`merge-bomb` with each list of sources anchored and merged through an alias."""
    lines = ["tocmodel: 1", "x0: &l0 {k: 1}"]
    for n in range(1, 10):
        lines += [f"m{n}: &m{n} [{ten(f'*l{n - 1}')}]", f"x{n}: &l{n} {{<<: *m{n}}}"]
    return "\n".join([*lines, "model: {<<: *l9, id: m, title: t, start: 2027}", ""])


def repeated_unknown_ids() -> str:
    """Ten links each carrying the same aliased list of 100 copies of an unknown id like the 20 real ones."""
    real = [("ab" * 64)[:127] + letter for letter in "abcdefghijklmnopqrst"]
    lines = [HEAD.rstrip(), "assumptions:", *(f"  {a}: {{statement: S}}" for a in real), "outputs:"]
    unknown = "ba" * 64
    for n in range(10):
        target = "&u [" + ", ".join([unknown] * 100) + "]" if n == 0 else "*u"
        lines.append(f"  o-{n}: {{title: O, leads_to: [{{to: oc-x, assumptions: {target}}}]}}")
    return "\n".join([*lines, "outcomes:", "  oc-x: {title: X}"]) + "\n"


def include_bomb(folder: Path) -> None:
    """Ten files, each including the one before ten times: a billion readings if each were read again."""
    (folder / "f0.yaml").write_text("actors: {}\n", encoding="utf-8")
    for level in range(1, 10):
        (folder / f"f{level}.yaml").write_text(f"include: [{ten(f'f{level - 1}.yaml')}]\n", encoding="utf-8")
    (folder / "m.yaml").write_text(HEAD + "include: [f9.yaml]\n", encoding="utf-8")


def repeated_text(characters: int, times: int) -> str:
    """One long text repeated through three levels of aliases, `times` each."""
    text = HEAD + f'notes: &t "{"x" * characters}"\n'
    return text + f"u: &u [{', '.join(['*t'] * times)}]\nv: &v [{', '.join(['*u'] * times)}]\nw: [*v, *v]\n"


def not_a_zip(folder: Path) -> None:
    (folder / "frame.xlsx").write_text("result,indicator\nA,B\n", encoding="utf-8")


def zip_bomb(folder: Path) -> None:
    """A workbook whose sheet inflates from a few hundred kilobytes to a gigabyte."""
    with zipfile.ZipFile(folder / "frame.xlsx", "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b" " * (1 << 20)
            for _ in range(1024):
                member.write(block)


def merged_everything(folder: Path) -> None:
    """A real workbook whose one merged range is rewritten to reach the sheet's last cell (`A3:XFD1048576`)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Logframe"
    sheet.append(["Result", "Indicator"])
    sheet.append(["Output 1", "Tonnes collected"])
    sheet.merge_cells("A3:B4")
    book.save(folder / "small.xlsx")
    with zipfile.ZipFile(folder / "small.xlsx") as small, zipfile.ZipFile(folder / "frame.xlsx", "w") as large:
        for member in small.infolist():
            data = small.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'ref="A3:B4"', b'ref="A3:XFD1048576"')
            large.writestr(member, data)
    (folder / "small.xlsx").unlink()


def damaged_workbook(folder: Path) -> None:
    """A real workbook whose sheet's compressed data is damaged."""
    merged_everything(folder)
    with zipfile.ZipFile(folder / "frame.xlsx") as whole:
        members = [(member, whole.read(member)) for member in whole.infolist()]
    with zipfile.ZipFile(folder / "frame.xlsx", "w", compression=zipfile.ZIP_DEFLATED) as damaged:
        for member, data in members:
            damaged.writestr(member.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    raw = bytearray((folder / "frame.xlsx").read_bytes())
    start = raw.index(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml")
    raw[start + 2 : start + 12] = b"\xff" * 10  # inside the sheet's deflated data
    (folder / "frame.xlsx").write_bytes(bytes(raw))


def merged_single_quotes(folder: Path) -> None:
    """`merged_everything` with the range written in single quotes, as XML allows."""
    merged_everything(folder)
    with zipfile.ZipFile(folder / "frame.xlsx") as whole:
        members = [(member, whole.read(member)) for member in whole.infolist()]
    with zipfile.ZipFile(folder / "frame.xlsx", "w") as rewritten:
        for member, data in members:
            rewritten.writestr(member, data.replace(b'ref="A3:XFD1048576"', b"ref='A3:XFD1048576'"))


IATI_HEAD = '<?xml version="1.0"?>\n'
IATI_BODY = '<iati-activities version="2.03"><iati-activity><iati-identifier>X-1</iati-identifier>'
IATI_BODY += "<title><narrative>&e;</narrative></title></iati-activity></iati-activities>\n"
LAUGHS = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))

LOOK_ALIKE = "о-points"  # the first letter is Cyrillic
BIDI = "o-\u202epoints"
ZERO_WIDTH = "o-\u200bpoints"


def minimal_with(old: str, new: str) -> str:
    assert old in MINIMAL
    return MINIMAL.replace(old, new, 1)


READING = "Reading a file"
VALUES = "Values and identifiers"
INCLUDES = "Includes and extends"
SIZE = "Size and limits"
IMPORTS = "Files from other tools"

CORPUS: list[Bad] = [
    # -- reading a file ------------------------------------------------------------------------------
    Bad("empty", READING, "An empty file", {"m.yaml": ""}, Expect(1, "TOC006", 1, "empty")),
    Bad(
        "comments-only",
        READING,
        "A file of comments only",
        {"m.yaml": "# nothing yet\n# still nothing\n"},
        Expect(1, "TOC006", 1, "empty"),
    ),
    Bad(
        "binary",
        READING,
        "Binary data (an image)",
        {"m.yaml": (LOAD / "binary.yaml").read_bytes()},
        Expect(1, "TOC008", 3, "not a text file"),
    ),
    Bad(
        "nul-byte",
        READING,
        "A NUL byte inside an otherwise valid model",
        {"m.yaml": HEAD.encode() + b"notes: a\x00b\n"},
        Expect(1, "TOC008", 3, "not a text file"),
    ),
    Bad(
        "invalid-utf8",
        READING,
        "Invalid UTF-8 in a title",
        {"m.yaml": (LOAD / "invalid-utf8.yaml").read_bytes()},
        Expect(1, "TOC008", 4, "invalid UTF-8"),
    ),
    Bad(
        "latin-1",
        READING,
        "A file saved as Latin-1 / Windows-1252 (`Côte d’Ivoire`)",
        {"m.yaml": (HEAD + "notes: Côte d’Ivoire\n").encode("cp1252")},
        Expect(1, "TOC008", 3, "invalid UTF-8"),
    ),
    Bad(
        "utf16",
        READING,
        "A file saved as UTF-16",
        {"m.yaml": (LOAD / "utf16.yaml").read_bytes()},
        Expect(1, "TOC008", 1, "UTF-16"),
    ),
    Bad(
        "byte-order-mark",
        READING,
        "A UTF-8 byte-order mark before a valid model",
        {"m.yaml": b"\xef\xbb\xbf" + MINIMAL.encode()},
        Expect(0),
    ),
    Bad(
        "byte-order-mark-error-line",
        READING,
        "A byte-order mark, and a wrong value on line 8",
        {"m.yaml": b"\xef\xbb\xbf" + minimal_with("start: 2027", "start: soon").encode()},
        Expect(1, "TOC004", 8, "whole number"),
        also="The byte-order mark does not shift the line.",
    ),
    Bad("crlf", READING, "Windows line ends (CRLF)", {"m.yaml": MINIMAL.replace("\n", "\r\n")}, Expect(0)),
    Bad(
        "crlf-error-line",
        READING,
        "Windows line ends, and a wrong value",
        {"m.yaml": minimal_with("start: 2027", "start: soon").replace("\n", "\r\n")},
        Expect(1, "TOC004", 8, "whole number"),
        also="Lines are counted as an editor counts them.",
    ),
    Bad(
        "cr-only",
        READING,
        "Old Mac line ends (CR only)",
        {"m.yaml": minimal_with("start: 2027", "start: soon").replace("\n", "\r")},
        Expect(1, "TOC004", 8, "whole number"),
    ),
    Bad(
        "tab-indent",
        READING,
        "A tab used for indentation",
        {"m.yaml": (LOAD / "tab-indentation.yaml").read_bytes()},
        Expect(1, "TOC001", 3, "tab"),
    ),
    Bad(
        "tab-in-text",
        READING,
        "A tab inside a title",
        {"m.yaml": minimal_with("Smallest complete model", "Smallest\tmodel")},
        Expect(0),
    ),
    Bad(
        "root-list", READING, "A list at the top level", {"m.yaml": "- tocmodel: 1\n"}, Expect(1, "TOC007", 1, "a list")
    ),
    Bad("root-scalar", READING, "A single word at the top level", {"m.yaml": "hello\n"}, Expect(1, "TOC007", 1, "")),
    Bad(
        "two-documents",
        READING,
        "Two YAML documents in one file",
        {"m.yaml": HEAD + "---\n" + HEAD},
        Expect(1, "TOC001", 3, "document"),
    ),
    Bad(
        "python-tag",
        READING,
        "A `!!python/object/apply:os.system` tag",
        {"m.yaml": (LOAD / "python-tag.yaml").read_bytes()},
        Expect(1, "TOC001", 2, "not allowed"),
        also="Nothing is run: the tag is refused before any value is built.",
    ),
    Bad(
        "unknown-tag",
        READING,
        "A custom `!include` tag",
        {"m.yaml": HEAD + "notes: !include other.yaml\n"},
        Expect(1, "TOC001", 3, "the tag `!include` is not allowed"),
    ),
    Bad(
        "undefined-alias",
        READING,
        "An alias with no anchor",
        {"m.yaml": HEAD + "notes: *nowhere\n"},
        Expect(1, "TOC001", 3, "alias"),
    ),
    Bad(
        "unclosed-quote",
        READING,
        "A quote never closed",
        {"m.yaml": (LOAD / "unclosed-quote.yaml").read_bytes()},
        Expect(1, "TOC001", 4, "never closed"),
    ),
    Bad(
        "missing-colon",
        READING,
        "A key without its colon",
        {"m.yaml": (LOAD / "missing-colon.yaml").read_bytes()},
        Expect(1, "TOC001", 5, "not followed by `:`"),
    ),
    Bad(
        "truncated",
        READING,
        "A file cut off in the middle of a flow mapping",
        {"m.yaml": "tocmodel: 1\nmodel: {id: m, title: M, sta"},
        Expect(1, "TOC001", 2, "`{` is never closed"),
        also="The finding points at the `{` that was opened, not at the end of the file.",
    ),
    Bad(
        "duplicate-key",
        READING,
        "A key written twice",
        {"m.yaml": (LOAD / "duplicate-key.yaml").read_bytes()},
        Expect(1, "TOC002", 6, "duplicate key"),
    ),
    Bad(
        "complex-key",
        READING,
        "A list used as a key",
        {"m.yaml": HEAD + "notes:\n  ? [a, b]\n  : c\n"},
        Expect(1, "TOC001", 4, "plain value"),
    ),
    Bad(
        "bad-merge",
        READING,
        "A merge key `<<` given a word",
        {"m.yaml": HEAD + "actors:\n  x: {<<: hello, name: X, type: other}\n"},
        Expect(1, "TOC001", 4, "must merge a mapping"),
    ),
    # -- values and identifiers ------------------------------------------------------------------------
    Bad(
        "unknown-field",
        VALUES,
        "A misspelt field (`titel`)",
        {"m.yaml": (LOAD / "unknown-key.yaml").read_bytes()},
        Expect(1, "TOC003", 4, "unknown field `titel`"),
    ),
    Bad(
        "wrong-type",
        VALUES,
        "Words where a year goes",
        {"m.yaml": (LOAD / "wrong-type.yaml").read_bytes()},
        Expect(1, "TOC004", 5, "whole number"),
    ),
    Bad(
        "huge-number",
        VALUES,
        "A 30-digit year",
        {"m.yaml": minimal_with("start: 2027", "start: 123456789012345678901234567890")},
        Expect(1, "TOC004", 8, "too large"),
    ),
    Bad(
        "not-a-number",
        VALUES,
        "`.nan` and `.inf` as a baseline",
        {"m.yaml": minimal_with("value: 2.0", "value: .nan").replace("targets: {2031: 1.2}", "targets: {2031: .inf}")},
        Expect(1, "TOC004", 50, "finite number", count=2),
        also="The infinite target is reported too.",
    ),
    Bad(
        "impossible-date",
        VALUES,
        "A date that does not exist (30 February) as a year",
        {"m.yaml": minimal_with("start: 2027", "start: 2027-02-30")},
        Expect(1, "TOC001", 8, "not a valid one"),
    ),
    Bad(
        "long-id",
        VALUES,
        "A reference of 10,000 characters",
        {"m.yaml": minimal_with("leads_to: [o-points]", f"leads_to: [{'o' * 10_000}]")},
        Expect(1, "TOC004", 23, "128 characters"),
    ),
    Bad(
        "look-alike-id",
        VALUES,
        "An id with a Cyrillic letter that looks Latin (`о-points`)",
        {"m.yaml": minimal_with("o-points:\n    title", f"{LOOK_ALIKE}:\n    title")},
        Expect(1, "TOC004", 25, "not a valid id"),
        also="The reference to the Latin `o-points` is reported as dangling too.",
    ),
    Bad(
        "bidi-id",
        VALUES,
        "A right-to-left override (U+202E) inside an id",
        {"m.yaml": minimal_with("o-points:\n    title", f"{BIDI}:\n    title")},
        Expect(1, "TOC004", 25, "not a valid id"),
    ),
    Bad(
        "zero-width-id",
        VALUES,
        "A zero-width space inside a reference",
        {"m.yaml": minimal_with("leads_to: [o-points]", f"leads_to: [{ZERO_WIDTH}]")},
        Expect(1, "TOC004", 23, "not a valid id"),
    ),
    Bad(
        "long-text",
        VALUES,
        "A title of 5 million characters",
        {"m.yaml": minimal_with("Smallest complete model", "x" * 5_000_000)},
        Expect(0),
    ),
    # -- includes and extends --------------------------------------------------------------------------
    Bad(
        "include-cycle",
        INCLUDES,
        "Two files that include each other",
        {"m.yaml": HEAD + "include: [a.yaml]\n", "a.yaml": "include: [m.yaml]\n"},
        Expect(1, "TOC009", 1, "includes itself", file="a.yaml"),
    ),
    Bad(
        "include-absolute",
        INCLUDES,
        "An include by absolute path (`/etc/passwd`)",
        {"m.yaml": HEAD + "include: [/etc/passwd]\n"},
        Expect(1, "TOC009", 3, "absolute path"),
        also="The file is never opened.",
    ),
    Bad(
        "include-parent",
        INCLUDES,
        "An include through `..`",
        {"m.yaml": HEAD + "include: [../secret.yaml]\n"},
        Expect(1, "TOC009", 3, "outside the model's folder"),
    ),
    Bad(
        "include-symlink-out",
        INCLUDES,
        "An include through a symbolic link that points out of the folder",
        {"m.yaml": HEAD + "include: [link.yaml]\n", "link": outside_link},
        Expect(1, "TOC009", 3, "outside"),
    ),
    Bad(
        "include-missing",
        INCLUDES,
        "An include of a file that does not exist",
        {"m.yaml": HEAD + "include: [gone.yaml]\n"},
        Expect(1, "TOC009", 3, "does not exist"),
    ),
    Bad(
        "include-binary",
        INCLUDES,
        "An include of a binary file",
        {"m.yaml": HEAD + "include: [part.yaml]\n", "part.yaml": b"\x89PNG\r\n\x1a\n\x00\x00"},
        Expect(1, "TOC008", 3, "not a text file", file="part.yaml"),
    ),
    Bad(
        "include-folder",
        INCLUDES,
        "An include of a folder",
        {"m.yaml": HEAD + "include: [parts]\n", "parts/a.yaml": "actors: {}\n"},
        Expect(1, "TOC009", 3, ""),
    ),
    Bad(
        "extends-itself",
        INCLUDES,
        "A model that extends itself",
        {"m.yaml": "tocmodel: 1\nextends: m.yaml\n"},
        Expect(1, "TOC013", 2, "extends itself"),
    ),
    Bad(
        "extends-cycle",
        INCLUDES,
        "Two models that extend each other",
        {"m.yaml": "tocmodel: 1\nextends: b.yaml\nmodel: {id: a}\n", "b.yaml": "tocmodel: 1\nextends: m.yaml\n"},
        Expect(1, "TOC013", 2, "a cycle", file="b.yaml"),
    ),
    Bad(
        "extends-outside",
        INCLUDES,
        "`extends` through `..` or a symbolic link out of the folder",
        {"m.yaml": "tocmodel: 1\nextends: link.yaml\n", "link": outside_link},
        Expect(1, "TOC013", 2, "outside"),
    ),
    Bad(
        "extends-typo",
        INCLUDES,
        "`extends` naming a shipped model with a typo",
        {"m.yaml": "tocmodel: 1\nextends: ewaste-generik\nmodel: {id: m, country: KE}\n"},
        Expect(1, "TOC013", 2, "no generic model named `ewaste-generik`"),
    ),
    # -- size and limits -------------------------------------------------------------------------------
    Bad(
        "alias-bomb",
        SIZE,
        "“Billion laughs”: nine levels of ten aliases each",
        {"m.yaml": (LOAD / "alias-bomb.yaml").read_bytes()},
        Expect(1, "TOC010", 5, "aliases expand to more than 100,000 values"),
        also="Stops at the limit, at the alias that passed it, in well under a second.",
    ),
    Bad(
        "alias-limit",
        SIZE,
        "Aliases within the default limit, and `[limits] max_nodes = 500` in `tocmodel.toml`",
        {"m.yaml": HEAD + "notes: &a [x, x, x, x, x, x, x, x, x, x]\nmore: [" + ", ".join(["*a"] * 60) + "]\n"},
        Expect(1, "TOC010", 4, "more than 500 values"),
        limits="max_nodes = 500",
    ),
    Bad(
        "merge-bomb",
        SIZE,
        "Merge keys nine levels deep, ten sources each (`x1: &l1 {<<: [*l0, *l0, …]}`): 12 lines, 659 bytes",
        {"m.yaml": (LOAD / "merge-bomb.yaml").read_bytes()},
        Expect(1, "TOC010", 7, "merge keys (`<<`) expand to more than 100,000 values"),
        also="Each merged mapping is worked out once, and what a plain expansion would visit counts toward the"
        " alias limit: it stops at the merge key that passes it, in well under a second.",
    ),
    Bad(
        "merge-list-anchor",
        SIZE,
        "The same through anchored merge lists (`m1: &m1 [*l1, …]`, then `<<: *m1`)",
        {"m.yaml": merge_list_anchors()},
        Expect(1, "TOC010", 10, "merge keys (`<<`) expand"),
    ),
    Bad(
        "merge-many-keys",
        SIZE,
        "Merge keys nine levels deep over a mapping of 100 keys, each repeated through every merge",
        {
            "m.yaml": merge_levels(
                "{" + ", ".join(f"k{n}: {n}" for n in range(100)) + "}", lambda n: f"{{<<: [{ten(f'*l{n - 1}')}]}}"
            )
        },
        Expect(1, "TOC010", 5, "merge keys (`<<`) expand"),
    ),
    Bad(
        "merge-values-alias",
        SIZE,
        "Merged mappings whose values are aliases that repeat lists",
        {
            "m.yaml": merge_levels(
                "{k: [a, a, a, a, a, a, a, a, a, a]}",
                lambda n: "{" + ", ".join(f"k{j}: *l{n - 1}" for j in range(10)) + "}",
            )
        },
        Expect(1, "TOC010", None, "aliases expand to more than 100,000 values"),
    ),
    Bad(
        "merge-itself",
        SIZE,
        "A merge key inside the mapping it merges (`a: &a {b: {<<: *a}}`)",
        {"m.yaml": HEAD + "notes: &a {b: {<<: *a}}\n"},
        Expect(1, "TOC001", 3, "merges a mapping it is part of"),
    ),
    Bad(
        "merge-in-own-list",
        SIZE,
        "A merge key inside the list it merges (`a: &a [{<<: *a}]`)",
        {"m.yaml": HEAD + "notes: &a [{x: 1}, {<<: *a}]\n"},
        Expect(1, "TOC001", 3, "merges a mapping it is part of"),
    ),
    Bad(
        "merge-not-mapping",
        SIZE,
        "A merge key given a number",
        {"m.yaml": HEAD + "notes: {<<: 3}\n"},
        Expect(1, "TOC001", 3, "`<<` must merge a mapping"),
    ),
    Bad(
        "text-bomb",
        SIZE,
        "A 100,000-character text repeated through aliases (100 × 100 × 2 times: 2 GB of text)",
        {"m.yaml": repeated_text(100_000, 100)},
        Expect(1, "TOC010", 5, "aliases repeat more than 20,000,000 characters of text"),
    ),
    Bad(
        "merge-text-bomb",
        SIZE,
        "A mapping with a 100,000-character text merged into 300 others",
        {
            "m.yaml": HEAD
            + 'notes: &t {k: "'
            + "x" * 100_000
            + '"}\n'
            + "".join(f"n{j}: {{<<: *t}}\n" for j in range(300))
        },
        Expect(1, "TOC010", 204, "characters of text"),
    ),
    Bad(
        "include-bomb",
        INCLUDES,
        "Ten files, each including the one before ten times",
        {"m.yaml": include_bomb},
        Expect(1, "TOC009", 1, "is included a second time", file="f1.yaml", count=81),
        also="Each file is read once; each second include of it is named, with where the first one is.",
    ),
    Bad(
        "hex-number",
        SIZE,
        "A target written as a hexadecimal number of 3,600 digits (`0xfff…`, 15,000 decimal digits)",
        {"m.yaml": HEAD + "notes: 0x" + "f" * 3600 + "\n"},
        Expect(1, "TOC010", 3, "the number has more than 1,000 digits"),
        also="Python cannot print a whole number of more than 4,300 digits: it is refused where it is read.",
    ),
    Bad(
        "base-60-number",
        SIZE,
        "A YAML 1.1 base-60 number of 1,500 parts (`1:59:59:…`)",
        {"m.yaml": HEAD + "notes: 1" + ":59" * 1500 + "\n"},
        Expect(1, "TOC010", 3, "the number has more than 1,000 digits"),
    ),
    Bad(
        "repeated-unknown-ids",
        SIZE,
        "1,000 references to one unknown 128-character id (an aliased list of 100, on ten links)",
        {"m.yaml": repeated_unknown_ids()},
        Expect(1, "TOC101", None, "unknown assumption `babababa", count=1_000, places=100),
        also="The closest id is worked out once for each id, not once for each reference.",
    ),
    Bad(
        "merge-inline-replayed",
        SIZE,
        "An anchored mapping merging an inline mapping with a 10,000-item list, aliased 1,000 times (25 kB)",
        {"m.yaml": HEAD + "notes: &a {<<: {k: [" + ", ".join(["0"] * 10_000) + "]}, k: 1}\nl:\n" + "- *a\n" * 1000},
        Expect(1, "TOC010", None, "merge keys (`<<`) expand to more than 100,000 values"),
        also="Reading a merged source again at each replay counts toward the limit, as building values does.",
    ),
    Bad(
        "duplicate-key-replayed",
        SIZE,
        "An anchored mapping whose repeated key holds a 10,000-item list, aliased 1,000 times (25 kB)",
        {"m.yaml": HEAD + "notes: &a {k: 1, k: [" + ", ".join(["0"] * 10_000) + "]}\nl:\n" + "- *a\n" * 1000},
        Expect(1, "TOC010", None, "aliases expand to more than 100,000 values"),
    ),
    Bad(
        "base-60-long",
        SIZE,
        "A base-60 number of 240,000 parts (720 kB; converting it would take time growing with its square)",
        {"m.yaml": HEAD + "notes: 1" + ":59" * 240_000 + "\n"},
        Expect(1, "TOC010", 3, "the number has more than 1,000 digits"),
        also="Refused from the length of its text, before it is converted.",
    ),
    Bad(
        "deep-flow",
        SIZE,
        "10,000 nested `[`",
        {"m.yaml": nested_flow(10_000)},
        Expect(1, "TOC010", 3, "levels of nesting"),
    ),
    Bad(
        "deep-block",
        SIZE,
        "100 nested mappings",
        {"m.yaml": nested_block(100)},
        Expect(1, "TOC010", None, "levels of nesting"),
    ),
    Bad(
        "depth-limit",
        SIZE,
        "Six levels of nesting, and `[limits] max_depth = 4`",
        {"m.yaml": nested_block(6)},
        Expect(1, "TOC010", None, "4 levels of nesting"),
        limits="max_depth = 4",
    ),
    Bad(
        "file-100mb",
        SIZE,
        "A 100 MB file",
        {"m.yaml": hundred_megabytes},
        Expect(1, "TOC010", None, "over the limit"),
        also="Refused from its size, before it is read.",
    ),
    Bad(
        "file-size-limit",
        SIZE,
        "A 5 kB model, and `[limits] max_file_bytes = 1000`",
        {"m.yaml": MINIMAL + "# padding\n" * 300},
        Expect(1, "TOC010", None, "over the limit"),
        limits="max_file_bytes = 1000",
    ),
    Bad(
        "bad-limit",
        SIZE,
        '`[limits] max_nodes = "lots"` in `tocmodel.toml`',
        {"m.yaml": MINIMAL},
        Expect(2, words="`limits.max_nodes` must be a whole number above zero"),
        limits='max_nodes = "lots"',
    ),
    Bad(
        "many-findings",
        SIZE,
        "5,000 links to ids that do not exist",
        {"m.yaml": dangling_links(5_000)},
        Expect(1, "TOC101", 4, "missing-0", count=5_000),
        also="Every one is reported, each at its own line.",
    ),
    Bad(
        "model-is-folder",
        SIZE,
        "A folder given as the model",
        {"m.yaml/x.yaml": HEAD},
        Expect(2, words="`m.yaml` is a folder, not a file"),
    ),
    Bad("model-missing", SIZE, "A model that does not exist", {}, Expect(2, words="`m.yaml` does not exist")),
    # -- files from other tools ------------------------------------------------------------------------
    Bad(
        "xlsx-not-a-workbook",
        IMPORTS,
        "A CSV file named `.xlsx`, imported",
        {"frame": not_a_zip},
        Expect(1, words="not an Excel workbook"),
        args=("import", "xlsx", "frame.xlsx"),
    ),
    Bad(
        "xlsx-zip-bomb",
        IMPORTS,
        "A workbook whose sheet inflates to 1 GB, imported",
        {"frame": zip_bomb},
        Expect(1, words="too large"),
        args=("import", "xlsx", "frame.xlsx"),
    ),
    Bad(
        "iati-external-entity",
        IMPORTS,
        'An IATI file declaring an external entity (`SYSTEM "file:///etc/passwd"`)',
        {"a.xml": IATI_HEAD + '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n' + IATI_BODY},
        Expect(1, words="declares entities"),
        args=("import", "iati", "a.xml"),
        also="The entity is never resolved: the file is refused.",
    ),
    Bad(
        "xlsx-merged-everything",
        IMPORTS,
        "A 2 kB workbook whose one merged range reaches the sheet's last cell (`A3:XFD1048576`), imported",
        {"frame": merged_everything},
        Expect(1, words="the largest, Logframe!A3:XFD1048576, covers 17,179,836,416"),
        args=("import", "xlsx", "frame.xlsx"),
        also="Refused before the workbook is read, which would make an object for each of the 17 billion cells.",
    ),
    Bad(
        "xlsx-merged-single-quotes",
        IMPORTS,
        "The same workbook with the merged range written in single quotes (`ref='A3:XFD1048576'`), imported",
        {"frame": merged_single_quotes},
        Expect(1, words="the largest, Logframe!A3:XFD1048576, covers 17,179,836,416"),
        args=("import", "xlsx", "frame.xlsx"),
    ),
    Bad(
        "xlsx-damaged-sheet",
        IMPORTS,
        "A workbook whose sheet's compressed data is damaged, imported",
        {"frame": damaged_workbook},
        Expect(1, words="frame.xlsx: cannot read the workbook"),
        args=("import", "xlsx", "frame.xlsx"),
    ),
    Bad(
        "iati-billion-laughs",
        IMPORTS,
        "An IATI file with nested entities (“billion laughs”)",
        {"a.xml": IATI_HEAD + f'<!DOCTYPE x [<!ENTITY l0 "ha">{LAUGHS}<!ENTITY e "&l9;">]>\n' + IATI_BODY},
        Expect(1, words="a.xml: declares entities (`l0`, `l1`, `l2`, ...), which IATI files never use; refused"),
        args=("import", "iati", "a.xml"),
    ),
    Bad(
        "iati-not-xml",
        IMPORTS,
        "A YAML model given as an IATI file",
        {"a.xml": MINIMAL},
        Expect(1, words="a.xml:1:1: not well-formed XML"),
        args=("import", "iati", "a.xml"),
    ),
]

RELIABILITY_CASES = [Case(bad.id, bad.area, bad.given, bad.behaviour()) for bad in CORPUS]
BY_ID = {bad.id: bad for bad in CORPUS}


def build(folder: Path, bad: Bad) -> None:
    for name, content in bad.files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content(folder)
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    if bad.limits:
        (folder / "tocmodel.toml").write_text(f"[limits]\n{bad.limits}\n", encoding="utf-8")


@pytest.mark.parametrize("case", RELIABILITY_CASES, ids=case_ids(RELIABILITY_CASES))
def test_bad_input(case: Case, tmp_path: Path) -> None:
    bad = BY_ID[case.id]
    folder = tmp_path / "model"
    folder.mkdir()
    build(folder, bad)
    is_check = bad.args[0] == "check"
    result = run_cli(*bad.args, *(["--format", "json"] if is_check else []), cwd=folder)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    assert result.returncode == bad.expect.exit, output[-3000:]
    if bad.expect.exit == 0:
        renders_cleanly(folder)
    elif bad.expect.exit == 2 or not is_check:
        assert bad.expect.words in result.stderr, output[-3000:]
        assert result.stdout == "", result.stdout[:2000]
    else:
        first_finding(json.loads(result.stdout), bad)


def first_finding(report: dict[str, Any], bad: Bad) -> None:
    expect = bad.expect
    found = report["diagnostics"]
    first = next(d for d in found if d["severity"] == "error")
    assert first["code"] == expect.code, first
    assert expect.words in first["message"], first
    assert Path(first["file"]).name == (expect.file or bad.args[-1]), first
    if expect.line is not None:
        assert first["line"] == expect.line, first
    assert sum(1 for d in found if d["code"] == expect.code) == expect.count
    if expect.count > 1:
        places = {(d["file"], d["line"], d["column"]) for d in found if d["code"] == expect.code}
        assert len(places) == (expect.places or expect.count)  # each at its own place, save aliased ones


def renders_cleanly(folder: Path) -> None:
    """A model that loads is drawn and rendered as well, to files that hold its title."""
    for args, name in [(("diagram", "-f", "dot"), "toc.dot"), (("logframe", "-f", "md"), "logframe.md")]:
        result = run_cli(*args, "m.yaml", "-o", name, cwd=folder)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
        assert (folder / name).stat().st_size > 0


def test_every_case_has_its_own_id() -> None:
    assert len(BY_ID) == len(CORPUS) >= 40
