"""A scene as Mermaid flowchart text, for Markdown hosts that render Mermaid.

Mermaid labels are double-quoted strings in which `"` cannot be escaped with a backslash; every character
that could end a label or start markup is written as a Mermaid entity (`#quot;`, `#lt;`, ...).
"""

from __future__ import annotations

import re

from ...schema.text import wrap
from .dot import TITLE_WIDTH, drawable
from .scene import LEVEL_STYLE, STATUS_STYLE, Scene

_ENTITIES = {
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "#": "#35;",
    "`": "#96;",
    "|": "#124;",
    "{": "#123;",
    "}": "#125;",
    "[": "#91;",
    "]": "#93;",
    "(": "#40;",
    ")": "#41;",
    ";": "#59;",
    "%": "#37;",  # `%%` starts a Mermaid comment or directive; never let a label hold one
}
_UNSAFE = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")
MERMAID_VIEWS = ("toc", "pathway")


def escape(text: str) -> str:
    """Text safe inside a double-quoted Mermaid label."""
    return _UNSAFE.sub(lambda m: _ENTITIES[m.group(0)], drawable(text))


def node_name(index: int) -> str:
    """Mermaid node names are generated (`n0`, `n1`, ...): model ids may hold `-` and `.`, which Mermaid reads."""
    return f"n{index}"


def to_mermaid(scene: Scene) -> str:
    """The Mermaid flowchart of a `toc` or `pathway` scene."""
    names = {node.id: node_name(i) for i, node in enumerate(scene.nodes)}
    out = [f"%% {escape(scene.title)}", f"flowchart {'LR' if scene.direction == 'LR' else 'BT'}"]
    for kind in scene.kinds:
        _, fill, border = LEVEL_STYLE[kind]
        out.append(f"  classDef {kind} fill:{fill},stroke:{border},color:#000000")
    for status in dict.fromkeys(n.status for n in scene.nodes if n.status):
        fill, border = STATUS_STYLE[str(status)]
        out.append(f"  classDef {status} fill:{fill},stroke:{border},color:#000000")
    for node in scene.nodes:
        title = "<br/>".join(escape(line) for line in wrap(node.title, TITLE_WIDTH))
        risk = (
            "<br/>" + scene.word("risk score", "risk %(score)s") % {"score": node.risk_score} if node.risk_score else ""
        )
        status = f"<br/>{escape(scene.word(node.status, node.status))}" if node.status else ""
        out.append(f'  {names[node.id]}["{escape(node.id)}<br/>{title}{risk}{status}"]:::{node.status or node.kind}')
    for edge in scene.edges:
        arrow = "-.->" if edge.relation in ("addresses", "causes") or edge.feedback else "-->"
        label = f'|"{" ".join(f"A{n}" for n in edge.badges)}"|' if edge.badges else ""
        out.append(f"  {names[edge.source]} {arrow}{label} {names[edge.target]}")
    if scene.assumptions:
        legend = "<br/>".join(f"A{n}: {escape(text)} ({escape(a)})" for n, a, text in scene.assumptions)
        out.append(f'  legend["{escape(scene.word("assumptions", "Assumptions"))}<br/>{legend}"]')
    return "\n".join(out) + "\n"
