"""Redrawing boxes whose text changed in a picture already laid out, without laying the whole graph out again.

Graphviz places a box by its size and the graph's structure, never by the words inside it. When two DOT texts
differ only in the labels of some boxes, and each of those boxes measures the same with its new label, the new
picture is the old one with those boxes drawn anew. Only the changed boxes are laid out, as a small graph of
their own (a few milliseconds, where the whole graph can take a tenth of a second or more), and their drawing
is moved to where the old boxes stand.

Every step checks its premise and gives up (`None`: lay the graph out as usual) when it does not hold: the
texts differ elsewhere, a box changed size, the old box drawn alone does not match the old picture.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .engine import Engine, run

MAX_CHANGED = 16
"""Boxes redrawn at most; beyond, a full layout is about as fast."""
TOLERANCE = 0.02
"""Points by which a coordinate moved from the small drawing may differ from Graphviz's (two decimals each)."""

_NAME = r'(?:"(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*)'
_NODE_LINE = re.compile(rf"^(\s*)({_NAME}) \[(.*)\]$")
_ID_ATTRIBUTE = re.compile(r'(?:^| )id="((?:[^"\\]|\\.)*)"')
_DEFAULTS = re.compile(r"^\s*(?:graph|node|edge) \[")
_NODE_GROUP = re.compile(r'<g id="([^"]*)" class="node">')
_PLAIN_NODE = re.compile(r'^node ("(?:[^"\\]|\\.)*"|\S+) \S+ \S+ (\S+) (\S+)', re.MULTILINE)
_COORDINATES = re.compile(r' (x|y|cx|cy|points|d)="([^"]*)"')
_PAIR = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_UNMOVABLE = re.compile(r"transform=|<image|<g[ >]")


@dataclass(frozen=True, slots=True)
class NodeLine:
    """A DOT node statement split around its label."""

    indent: str
    name: str
    node_id: str
    """The `id` attribute: the id of the box's group in the SVG."""
    attributes: str
    """Every attribute but the label, as written."""
    label: str

    @classmethod
    def parse(cls, line: str) -> NodeLine | None:
        """The statement, or None when the line is not a node with an `id` and an HTML-like label."""
        found = _NODE_LINE.match(line)
        if not found:
            return None
        indent, name, inside = found.groups()
        start = inside.find("label=<")
        end = _label_end(inside, start + len("label=")) if start >= 0 else -1
        identifier = _ID_ATTRIBUTE.search(inside)
        if end < 0 or identifier is None:
            return None
        attributes = (inside[:start] + inside[end:]).strip()
        return cls(indent, name, identifier.group(1), attributes, inside[start + len("label=") : end])

    def same_box(self, other: NodeLine) -> bool:
        """Whether both are the same box but for its label."""
        return (self.name, self.node_id, self.attributes) == (other.name, other.node_id, other.attributes)

    def line(self, *, name: str | None = None, node_id: str | None = None) -> str:
        """The statement again, possibly under another name and id."""
        attributes = self.attributes
        if node_id is not None:
            attributes = _ID_ATTRIBUTE.sub(
                lambda m: m.group(0)[: m.start(1) - m.start(0)] + node_id + '"', attributes, 1
            )
        return f"{self.indent}{name or self.name} [{attributes} label={self.label}]"


def _label_end(text: str, start: int) -> int:
    """Where the HTML-like label that opens at `start` ends (one past its last `>`), or -1."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "<":
            depth += 1
        elif text[index] == ">":
            depth -= 1
            if depth == 0:
                return index + 1
    return -1


def changed_labels(old_dot: str, new_dot: str) -> list[tuple[NodeLine, NodeLine]] | None:
    """The boxes whose label alone changed, as (old, new) statements; None when anything else changed."""
    old_lines, new_lines = old_dot.split("\n"), new_dot.split("\n")
    if len(old_lines) != len(new_lines):
        return None
    changed = []
    for old_line, new_line in zip(old_lines, new_lines, strict=True):
        if old_line == new_line:
            continue
        old, new = NodeLine.parse(old_line), NodeLine.parse(new_line)
        if old is None or new is None or not old.same_box(new):
            return None
        changed.append((old, new))
        if len(changed) > MAX_CHANGED:
            return None
    return changed


def worth_trying(changed: list[tuple[NodeLine, NodeLine]] | None, engine: Engine) -> bool:
    """Whether `relabel` may succeed: some boxes changed, each has as many lines as before (a line more or fewer
    always changes its size), and the engine is Graphviz's `dot` (it writes the sizes and the drawing of the
    small graph at once)."""
    same_lines = all(old.label.count("<BR") == new.label.count("<BR") for old, new in changed or [])
    return bool(changed) and same_lines and engine.name == "dot"


@dataclass(frozen=True, slots=True)
class Relabelled:
    """A picture with boxes redrawn in place."""

    svg: str
    """The whole picture."""
    boxes: dict[str, str]
    """Each redrawn box's group (`<g id=... class="node">...</g>`, as Graphviz writes it), by id."""


def relabel(
    changed: list[tuple[NodeLine, NodeLine]], old_svg: str, new_dot: str, *, engine: Engine, timeout: float
) -> Relabelled | None:
    """`old_svg` with boxes redrawn so that it is the picture of `new_dot`, which differs from the DOT text
    `old_svg` was laid out from in the labels of the `changed` boxes (see `changed_labels`).

    Returns:
        The picture and the redrawn boxes' groups; None when the picture must be laid out anew.

    Raises:
        DiagramError: the engine failed on the small graph of the changed boxes.
    """
    if not worth_trying(changed, engine):
        return None
    groups = _node_groups(old_svg)
    if any(old.node_id not in groups for old, _ in changed):
        return None
    drawn = _draw_alone(new_dot, changed, engine=engine, timeout=timeout)
    if drawn is None:
        return None
    redrawn = {}
    for number, (old, new) in enumerate(changed):
        alone, new_group = drawn.get(f"relabel-old-{number}"), drawn.get(new.node_id)
        placed = _place(alone, groups[old.node_id], new_group) if alone and new_group else None
        if placed is None:
            return None
        redrawn[new.node_id] = placed
    for node_id, group in redrawn.items():
        old_svg = old_svg.replace(groups[node_id], group, 1)
    return Relabelled(old_svg, redrawn)


def _node_groups(svg: str) -> dict[str, str]:
    """Every box's group in a Graphviz SVG, by the box's id (boxes' groups hold no other group)."""
    groups = {}
    for found in _NODE_GROUP.finditer(svg):
        end = svg.find("</g>", found.end())
        if end >= 0:
            groups[html.unescape(found.group(1))] = svg[found.start() : end + len("</g>")]
    return groups


def _draw_alone(
    new_dot: str, changed: list[tuple[NodeLine, NodeLine]], *, engine: Engine, timeout: float
) -> dict[str, str] | None:
    """The changed boxes, old and new, laid out on their own with the picture's defaults: their groups by id,
    or None when any of them changed size."""
    lines = ["digraph relabel {", *_defaults(new_dot)]
    for number, (old, new) in enumerate(changed):
        lines += [old.line(name=f'"relabel-old-{number}"', node_id=f"relabel-old-{number}"), new.line()]
    drawn = run("\n".join([*lines, "}", ""]), ["-Tplain", "-Tsvg"], engine=engine, timeout=timeout)
    plain, _, svg = drawn.decode("utf-8").partition("\nstop\n")
    sizes = {_unquote(found.group(1)): found.group(2, 3) for found in _PLAIN_NODE.finditer(plain)}
    for number, (_, new) in enumerate(changed):
        old_size, new_size = sizes.get(f"relabel-old-{number}"), sizes.get(_unquote(new.name))
        if old_size is None or old_size != new_size:
            return None
    return _node_groups(svg)


def _defaults(dot: str) -> list[str]:
    """The graph's own attribute statements (`graph [...]`, `node [...]`, `edge [...]`), not its clusters'."""
    defaults, depth = [], 0
    for line in dot.split("\n"):
        if depth == 1 and _DEFAULTS.match(line):
            defaults.append(line)
        depth += line.endswith("{") - (line.strip() == "}")
    return defaults


def _unquote(name: str) -> str:
    if name.startswith('"'):
        return re.sub(r"\\(.)", r"\1", name[1:-1])
    return name


def _place(alone: str, placed: str, new: str) -> str | None:
    """The new box's group moved onto the old box's place in the picture; None when the old box drawn alone,
    moved there the same way, does not draw as the picture's old box does.

    A box's outline starts at the same corner whatever its words, so the first point of the outline says where
    each box is.
    """
    if _UNMOVABLE.search(alone.split(">", 1)[1]) or _UNMOVABLE.search(new.split(">", 1)[1]):
        return None
    there, here, new_here = _first_point(placed), _first_point(alone), _first_point(new)
    if there is None or here is None or new_here is None:
        return None
    if not _same_drawing(_moved(alone, there[0] - here[0], there[1] - here[1]), placed):
        return None
    return _moved(new, there[0] - new_here[0], there[1] - new_here[1])


def _first_point(group: str) -> tuple[float, float] | None:
    for found in _COORDINATES.finditer(group):
        if found.group(1) in ("points", "d"):
            pair = _PAIR.search(found.group(2))
            if pair:
                return float(pair.group(1)), float(pair.group(2))
    return None


def _moved(group: str, dx: float, dy: float) -> str:
    """The group with every coordinate moved by (dx, dy), written as Graphviz writes numbers."""

    def move(found: re.Match[str]) -> str:
        name, value = found.groups()
        if name in ("x", "cx"):
            return f' {name}="{_number(float(value) + dx)}"'
        if name in ("y", "cy"):
            return f' {name}="{_number(float(value) + dy)}"'
        moved = _PAIR.sub(lambda p: f"{_number(float(p[1]) + dx)},{_number(float(p[2]) + dy)}", value)
        return f' {name}="{moved}"'

    return _COORDINATES.sub(move, group)


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _same_drawing(one: str, other: str) -> bool:
    """Whether two groups draw the same, but for their id and title and numbers within the tolerance."""
    one, other = _body(one), _body(other)
    if _NUMBER.sub("#", one) != _NUMBER.sub("#", other):
        return False
    pairs = zip(_NUMBER.findall(one), _NUMBER.findall(other), strict=True)
    return all(abs(float(a) - float(b)) <= TOLERANCE for a, b in pairs)


def _body(group: str) -> str:
    """A box's group without its opening tag and title, which name the box."""
    return re.sub(r"\A<g [^>]*>\n?(?:<title>[^<]*</title>\n?)?", "", group)
