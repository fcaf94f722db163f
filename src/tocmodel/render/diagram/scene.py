"""What a diagram shows, as plain data: nodes, edges, clusters and legends, independent of the drawing tool."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...i18n import N_

LEVEL_STYLE: dict[str, tuple[str, str, str]] = {
    "problem": (N_("Core problem"), "#ea9999", "#660000"),
    "root_cause": (N_("Root cause"), "#f4cccc", "#990000"),
    "intervention": (N_("Intervention"), "#fff2cc", "#7f6000"),
    "output": (N_("Output"), "#d9ead3", "#274e13"),
    "outcome": (N_("Outcome"), "#cfe2f3", "#073763"),
    "impact": (N_("Impact"), "#d9d2e9", "#20124d"),
    "actor": (N_("Actor"), "#ead1dc", "#4c1130"),
}
"""Legend label, fill colour and border colour of each kind of node: one hue per level, from the problem's
red to the impact's violet, pale enough for black text and with dark borders that read well on projectors."""

RISK_BANDS: tuple[tuple[int, str, str], ...] = (
    (15, "high", "#cc0000"),
    (8, "medium", "#e69138"),
    (1, "low", "#6aa84f"),
)
"""Risk score bands (lowest score of the band, name, colour), highest first."""


STATUS_STYLE: dict[str, tuple[str, str]] = {
    "on-track": ("#b6d7a8", "#274e13"),
    "watch": ("#ffe599", "#7f6000"),
    "off-track": ("#ea9999", "#990000"),
    "missing": ("#d9d9d9", "#434343"),
}
"""Fill and border of a result's box in the progress overlay, by its status; a result not rated keeps its level's."""

OVERLAYS = ("progress",)
"""What can be laid over a view: `progress` colours each result by its status."""


def risk_band(score: int) -> tuple[str, str]:
    """The band name and colour of a likelihood × impact score."""
    for lowest, name, colour in RISK_BANDS:
        if score >= lowest:
            return name, colour
    return "none", "#999999"


@dataclass
class SceneNode:
    """A box in the diagram."""

    id: str
    kind: str
    """A key of `LEVEL_STYLE`."""
    title: str
    details: list[str] = field(default_factory=list)
    """Short extra lines (lead actor, years)."""
    cluster: str | None = None
    """Id of the cluster (stage) the node is drawn in."""
    risk_score: int = 0
    """Highest likelihood × impact of the risks on the node (0 when none)."""
    risks: list[str] = field(default_factory=list)
    focus: bool = False
    """Drawn emphasised: the node a focused view is about."""
    status: str | None = None
    """In the progress overlay: the result's status (a key of `STATUS_STYLE`), None where it is not rated."""


@dataclass
class SceneEdge:
    """An arrow between two nodes."""

    source: str
    target: str
    relation: str
    """`leads_to`, `addresses`, `causes`, `leads` or `supports`."""
    badges: list[int] = field(default_factory=list)
    """Numbers of the assumptions the link carries (see `Scene.assumptions`)."""
    feedback: bool = False


@dataclass
class TimelineRow:
    """A stage or an intervention of the plan, and the years it runs."""

    id: str
    kind: str
    """`stage` or `intervention`."""
    title: str
    running: list[bool]
    """For each plan year, whether it runs that year."""


@dataclass
class Scene:
    """Everything one view draws."""

    title: str
    view: str
    nodes: list[SceneNode]
    edges: list[SceneEdge]
    clusters: dict[str, str] = field(default_factory=dict)
    """Cluster id → title, in drawing order."""
    assumptions: list[tuple[int, str, str]] = field(default_factory=list)
    """Numbered assumptions shown as badges: (number, id, statement)."""
    direction: str = "LR"
    """Graphviz rank direction: `LR` (left to right) or `BT` (bottom to top)."""
    timeline: list[TimelineRow] = field(default_factory=list)
    """For the plan view: one row per stage and intervention."""
    years: list[int] = field(default_factory=list)
    """For the plan view: the plan's calendar years, one column each."""
    overlay: str | None = None
    """What is laid over the view (`progress`), if anything."""
    as_of: int | None = None
    """In the progress overlay: the year progress is taken at."""
    words: dict[str, str] = field(default_factory=dict)
    """The legend's and the arrows' words in the diagram's language: each kind's label (`outcome`), `risk`,
    `risk score` (with `%(score)s`), `assumptions`, `leads` and `supports`; English where one is missing."""

    def word(self, key: str, english: str) -> str:
        """The word for `key` in the diagram's language, or `english`."""
        return self.words.get(key, english)

    @property
    def kinds(self) -> list[str]:
        """Kinds of node present, in legend order."""
        present = {n.kind for n in self.nodes}
        return [k for k in LEVEL_STYLE if k in present]
