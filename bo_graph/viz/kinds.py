"""How each kind of party and each kind of relationship looks, in one table.

The graph, the SVG of the case report and the legend all read these tables, so a mark means the
same thing everywhere. Colours are chosen to stay apart in greyscale print as well: every kind
also has its own shape, and ownership and control differ by line pattern, not only by colour.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from bo_graph.model.codes import (
    CONTROL_INTERESTS,
    MANAGEMENT_INTERESTS,
    NOMINATION_INTERESTS,
    OWNERSHIP_INTERESTS,
    TRUST_INTERESTS,
    EntityType,
    InterestType,
    PersonType,
)
from bo_graph.model.graph import Edge, Node, NodeKind, When
from bo_graph.model.records import EntityDetails, PersonDetails
from bo_graph.viz.marks import Mark


class PartyKind(StrEnum):
    PERSON = "person"
    COMPANY = "company"
    ARRANGEMENT = "trust or arrangement"
    NOMINEE = "nominee"
    UNKNOWN = "unknown, anonymous or unspecified"
    STATE = "state or state body"


class EdgeKind(StrEnum):
    OWNERSHIP = "ownership"
    CONTROL = "control"
    ROLE = "role (trust, nominee, officer)"
    UNKNOWN = "interest of unknown kind"


@dataclass(frozen=True, slots=True)
class NodeStyle:
    shape: str
    """A vis-network shape; the SVG renderer draws the same family of shapes."""
    fill: str
    border: str
    text: str = "#111111"


@dataclass(frozen=True, slots=True)
class EdgeStyle:
    colour: str
    dashes: tuple[int, ...]
    """Empty: a solid line; else the dash pattern (vis-network and SVG ``stroke-dasharray``)."""


NODE_STYLES: dict[PartyKind, NodeStyle] = {
    PartyKind.PERSON: NodeStyle("ellipse", "#dcefd9", "#2e7d32"),
    PartyKind.COMPANY: NodeStyle("box", "#dbe7f5", "#1f4e8c"),
    PartyKind.ARRANGEMENT: NodeStyle("diamond", "#eadcf3", "#6a1b9a"),
    PartyKind.NOMINEE: NodeStyle("triangle", "#fde3c8", "#d2691e"),
    PartyKind.UNKNOWN: NodeStyle("square", "#e6e6e6", "#616161"),
    PartyKind.STATE: NodeStyle("star", "#d9f0ee", "#00796b"),
}

EDGE_STYLES: dict[EdgeKind, EdgeStyle] = {
    EdgeKind.OWNERSHIP: EdgeStyle("#37474f", ()),
    EdgeKind.CONTROL: EdgeStyle("#1565c0", (8, 5)),
    EdgeKind.ROLE: EdgeStyle("#7b1fa2", (3, 4)),
    EdgeKind.UNKNOWN: EdgeStyle("#9e9e9e", (1, 5)),
}

OPAQUE_BORDER = "#d50000"
"""Border (and edge colour) of an opaque layer flagged high; its label carries the icon."""
MEDIUM_BORDER = "#f4511e"
LAWFUL_BORDER = "#f9a825"
"""Low severity, or opaque but lawful (a protected minor, a listed company)."""
OPAQUE_ICON = "\u26a0"  # warning sign
SUBJECT_BORDER = "#000000"
PLACEHOLDER_STYLE = NodeStyle("box", "#ffffff", "#757575", "#424242")
NOT_LOADED_STYLE = NodeStyle("box", "#fff8e1", "#b26a00", "#5d4037")
UBO_MARK = "\u2605"  # black star: a beneficial owner
POSSIBLE_MARK = "?"


def mark_style(marks: Sequence[Mark]) -> tuple[str, float]:
    """Colour and line width of a flagged node or edge: the strongest flag decides."""
    if not marks:
        return "", 0.0
    if all(m.lawful for m in marks):
        return LAWFUL_BORDER, 3.0
    severities = {m.severity for m in marks if not m.lawful}
    if "high" in severities:
        return OPAQUE_BORDER, 4.0
    if "medium" in severities or "" in severities:
        return MEDIUM_BORDER, 3.0
    return LAWFUL_BORDER, 3.0


def party_kind(node: Node, nominee_parties: Iterable[str] = ()) -> PartyKind:
    """The drawn kind of ``node``; ``nominee_parties`` are parties holding a nominee interest."""
    details = node.details
    if node.kind is NodeKind.UNSPECIFIED:
        return PartyKind.UNKNOWN
    if node.is_nomination or node.id in set(nominee_parties):
        return PartyKind.NOMINEE
    if isinstance(details, PersonDetails):
        return PartyKind.PERSON if details.person_type is PersonType.KNOWN else PartyKind.UNKNOWN
    if isinstance(details, EntityDetails):
        return _entity_kind(details.entity_type)
    return PartyKind.UNKNOWN


def _entity_kind(entity_type: EntityType) -> PartyKind:
    if entity_type is EntityType.ARRANGEMENT:
        return PartyKind.ARRANGEMENT
    if entity_type in (EntityType.STATE, EntityType.STATE_BODY):
        return PartyKind.STATE
    if entity_type in (EntityType.ANONYMOUS, EntityType.UNKNOWN):
        return PartyKind.UNKNOWN
    return PartyKind.COMPANY


def nominee_parties(edges: Iterable[Edge], when: When) -> set[str]:
    """Parties that act as nominees: they hold a ``nominee`` interest somewhere."""
    return {
        e.interested_party
        for e in edges
        if any(i.type is InterestType.NOMINEE for i in e.interests_in_effect(when))
    }


def edge_kind(types: Iterable[InterestType | None]) -> EdgeKind:
    """Ownership beats control beats a role; an edge of unknown interests only is UNKNOWN."""
    kinds = set(types)
    if kinds & OWNERSHIP_INTERESTS:
        return EdgeKind.OWNERSHIP
    if kinds & CONTROL_INTERESTS:
        return EdgeKind.CONTROL
    if kinds & (TRUST_INTERESTS | NOMINATION_INTERESTS | MANAGEMENT_INTERESTS):
        return EdgeKind.ROLE
    return EdgeKind.UNKNOWN


@dataclass(frozen=True, slots=True)
class LegendEntry:
    label: str
    meaning: str
    node: NodeStyle | None = None
    edge: EdgeStyle | None = None


def legend() -> tuple[LegendEntry, ...]:
    """What every mark of the graph means, for the on-screen legend and the case report."""
    nodes = [LegendEntry(kind.value, "", node=style) for kind, style in NODE_STYLES.items()]
    edges = [LegendEntry(kind.value, "", edge=style) for kind, style in EDGE_STYLES.items()]
    marks = [
        LegendEntry(
            f"{OPAQUE_ICON} red border / line",
            "opaque layer: a high-severity opacity flag names it (hover for why)",
        ),
        LegendEntry(f"{OPAQUE_ICON} orange", "a medium-severity opacity flag"),
        LegendEntry(f"{OPAQUE_ICON} amber", "low severity, or opaque but lawful (protected minor)"),
        LegendEntry(f"{UBO_MARK} UBO / ? possible", "beneficial owner under the chosen method"),
        LegendEntry("+N more", "owners collapsed at a busy node; expand them below the graph"),
        LegendEntry("+N not loaded", "relationships beyond the store's depth or size limit"),
        LegendEntry("thick black border", "the subject (a coloured glow: flags on the whole)"),
    ]
    return (*nodes, *edges, *marks)
