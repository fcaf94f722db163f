"""A scene as Graphviz DOT text. Every text from the model goes into an HTML-like label, escaped.

HTML-like labels are the one place where Graphviz gives every character its literal meaning once
escaped (`&lt;`, `&amp;`, `&quot;`, ...), so quotes, braces, backslashes and `<` in a model never become
DOT or markup. Ids are quoted like any DOT string.
"""

from __future__ import annotations

import html
import re

from ...schema.text import wrap
from .scene import LEVEL_STYLE, RISK_BANDS, STATUS_STYLE, Scene, SceneEdge, SceneNode, risk_band

FONT = "Helvetica"
TITLE_WIDTH = 30
"""Characters per line of a node's title: a box stays readable when projected."""
TITLE_POINTS = 230
"""The least width of a node's title, in points: about TITLE_WIDTH characters at 14 points. Boxes line up in
columns of one width, and a box keeps its size while the words of a line are edited (the live preview then
redraws that box alone rather than the whole diagram)."""
LEGEND_WIDTH = 70


def quote(identifier: str) -> str:
    """A DOT double-quoted string."""
    return '"' + identifier.replace("\\", "\\\\").replace('"', '\\"') + '"'


_UNDRAWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
"""Control characters, line and paragraph separators, and what XML cannot hold. Format characters are not
among them: zero-width joiners build emoji and Persian or Indic words, and marks set the direction of text."""


def drawable(text: str) -> str:
    """The text with each character a drawing cannot hold replaced by a space."""
    return _UNDRAWABLE.sub(" ", text)


def escape(text: str) -> str:
    """Text for an HTML-like label: markup characters as entities, no control characters, and backslashes doubled.

    Graphviz expands `\\N`, `\\G`, `\\E`, ... (node, graph, edge name) even inside HTML-like labels, after
    decoding entities, so `&#92;` does not help; a doubled backslash is the one that comes out as one.
    """
    return html.escape(drawable(text), quote=True).replace("\\", "\\\\")


def lines(text: str, width: int) -> str:
    """Wrapped, escaped text with left-aligned line breaks."""
    return '<BR ALIGN="LEFT"/>'.join(escape(line) for line in wrap(text, width)) + '<BR ALIGN="LEFT"/>'


def _node_label(node: SceneNode, scene: Scene) -> str:
    kind_label, _, border = LEVEL_STYLE[node.kind]
    kind = scene.word(node.kind, kind_label).upper()
    header = f'<FONT POINT-SIZE="10" COLOR="{border}">{escape(kind)} · {escape(node.id)}</FONT>'
    risk = ""
    if node.risk_score:
        _, colour = risk_band(node.risk_score)
        score = f'<FONT COLOR="#ffffff" POINT-SIZE="10"> R{node.risk_score} </FONT>'
        risk = f'<TD BGCOLOR="{colour}" ALIGN="RIGHT">{score}</TD>'
    title = lines(node.title, TITLE_WIDTH)
    rows = [
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{header}</TD>{risk}</TR>',
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="2" WIDTH="{TITLE_POINTS}"><FONT POINT-SIZE="14">{title}</FONT>'
        "</TD></TR>",
    ]
    if node.details:
        detail = escape(" · ".join(node.details))
        rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="10" COLOR="#444444">{detail}</FONT></TD></TR>')
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">' + "".join(rows) + "</TABLE>>"


def _node(node: SceneNode, scene: Scene) -> str:
    _, fill, border = LEVEL_STYLE[node.kind]
    if node.status is not None:
        fill, border = STATUS_STYLE[node.status]
    width = "3.5" if node.focus else "1.5"
    return (
        f'{quote(node.id)} [id={quote(node.id)} label={_node_label(node, scene)} fillcolor="{fill}" color="{border}" '
        f"penwidth={width}]"
    )


def _edge(edge: SceneEdge, scene: Scene) -> str:
    attributes = [f"id={quote(f'{edge.source}->{edge.target}')}"]
    if edge.badges:
        cells = "".join(f'<TD BGCOLOR="#ffe599"><B>A{n}</B></TD>' for n in edge.badges)
        attributes.append(
            f'label=<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="1"><TR>{cells}</TR></TABLE>>'
        )
    if edge.relation in ("addresses", "causes"):
        attributes.append('color="#a61c00" style=dashed')
    elif edge.relation == "supports":
        attributes.append(f"style=dotted label={quote(scene.word('supports', 'supports'))}")
    elif edge.relation == "leads":
        attributes.append(f"penwidth=2 label={quote(scene.word('leads', 'leads'))}")
    if edge.feedback:
        attributes.append('style=dashed constraint=false color="#666666"')
    return f"{quote(edge.source)} -> {quote(edge.target)} [{' '.join(attributes)}]"


def _legend(scene: Scene) -> list[str]:
    rows = [
        f'<TR><TD BGCOLOR="{LEVEL_STYLE[k][1]}" COLOR="{LEVEL_STYLE[k][2]}" BORDER="1" WIDTH="36"> </TD>'
        f'<TD ALIGN="LEFT">{escape(scene.word(k, LEVEL_STYLE[k][0]))}</TD></TR>'
        for k in scene.kinds
    ]
    if any(n.risk_score for n in scene.nodes):
        bands = ", ".join(f"{name} ≥ {lowest}" for lowest, name, _ in RISK_BANDS)
        risk = scene.word("risk", f"highest risk score on the box ({bands})")
        rows.append(
            f'<TR><TD BGCOLOR="{RISK_BANDS[0][2]}"><FONT COLOR="#ffffff">R</FONT></TD>'
            f'<TD ALIGN="LEFT">{escape(risk)}</TD></TR>'
        )
    if scene.overlay == "progress":
        rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT"><B>{escape(scene.word("progress", "Progress"))}</B></TD></TR>')
        rows += [
            f'<TR><TD BGCOLOR="{fill}" COLOR="{border}" BORDER="1" WIDTH="36"> </TD>'
            f'<TD ALIGN="LEFT">{escape(scene.word(status, status))}</TD></TR>'
            for status, (fill, border) in STATUS_STYLE.items()
        ]
    for number, assumption_id, statement in scene.assumptions:
        text = lines(f"{statement} ({assumption_id})", LEGEND_WIDTH)
        rows.append(f'<TR><TD>A{number}</TD><TD ALIGN="LEFT" BALIGN="LEFT">{text}</TD></TR>')
    if not rows:
        return []
    label = '<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3" COLOR="#999999">' + "".join(rows)
    return [
        f'legend [id="legend" shape=plain style=filled fillcolor="#ffffff" label={label}</TABLE>>]',
        "{rank=sink legend}",
    ]


def _timeline(scene: Scene) -> list[str]:
    header = "".join(f"<TD><B>{year}</B></TD>" for year in scene.years)
    rows = [f"<TR><TD></TD>{header}</TR>"]
    for row in scene.timeline:
        stage = row.kind == "stage"
        fill = LEVEL_STYLE["impact" if stage else "intervention"][2 if stage else 1]
        cells = "".join(
            f'<TD BGCOLOR="{fill}" WIDTH="60"> </TD>' if on else '<TD WIDTH="60"> </TD>' for on in row.running
        )
        title = lines(row.title, 45)
        title = f"<B>{title}</B>" if stage else title
        rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{title}</TD>{cells}</TR>')
    table = '<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4">' + "".join(rows) + "</TABLE>>"
    return [f'plan [id="plan" shape=plain style=filled fillcolor="#ffffff" label={table}]']


def to_dot(scene: Scene) -> str:
    """The DOT text of a scene; the same scene always gives the same text."""
    out = [
        f"digraph {quote(scene.view)} {{",
        f'  graph [rankdir={scene.direction} fontname="{FONT}" fontsize=20 labelloc=t labeljust=l '
        f"label=<{lines(scene.title, 100)}> nodesep=0.25 ranksep=0.55 pad=0.3 compound=false]",
        f'  node [shape=box style="rounded,filled" fontname="{FONT}" fontsize=12 margin="0.08,0.04"]',
        f'  edge [fontname="{FONT}" fontsize=12 color="#444444" arrowsize=0.8 penwidth=1.2]',
    ]
    clustered = {c: [n for n in scene.nodes if n.cluster == c] for c in scene.clusters}
    for cluster_id, title in scene.clusters.items():
        out.append(f"  subgraph {quote('cluster_' + cluster_id)} {{")
        out.append(
            f'    graph [id={quote("stage:" + cluster_id)} label=<<B>{escape(title)}</B>> style="rounded,dashed" '
            f'color="#999999" fontsize=14]'
        )
        out.extend(f"    {_node(n, scene)}" for n in clustered[cluster_id])
        out.append("  }")
    out.extend(f"  {_node(n, scene)}" for n in scene.nodes if n.cluster not in scene.clusters)
    out.extend(f"  {_edge(e, scene)}" for e in scene.edges)
    out.extend(f"  {line}" for line in (_timeline(scene) if scene.timeline else _legend(scene)))
    out.append("}")
    return "\n".join(out) + "\n"
