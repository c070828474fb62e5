"""One-line text forms of nodes and edges for terminals and reports."""

from __future__ import annotations

from collections.abc import Sequence

from bo_graph.model.codes import DirectOrIndirect, InterestType, humanise
from bo_graph.model.graph import CURRENT, Edge, Node, When
from bo_graph.store.base import DanglingRef


def node_line(node: Node) -> str:
    where = f", {node.jurisdiction}" if node.jurisdiction else ""
    closed = " [closed]" if node.closed else ""
    source = f" - {short(node.provenance.source)}" if node.provenance else ""
    return f"{node.name} ({humanise(node.subkind)}{where}){closed} [{node.id}]{source}"


LABELLED = frozenset({None, InterestType.UNKNOWN_INTEREST, InterestType.OTHER_INFLUENCE_OR_CONTROL})
"""Interest types that say nothing of what the interest is: the source's label is shown."""
LABEL_LIMIT = 64
"""Characters of a label shown (GLEIF's "IS_ULTIMATELY_CONSOLIDATED_BY: accounting
consolidation" is 55)."""


def short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def interests_text(edge: Edge, when: When = CURRENT) -> str:
    """The interests in effect at ``when``, with the ended ones counted. An interest whose type
    says nothing of what it is (``unknownInterest``, none, ``otherInfluenceOrControl``) carries
    the source's own words, its ``details``: ``unknownInterest "Beneficiary of"``, an ICIJ
    beneficial owner; ``otherInfluenceOrControl "registered"``, the intermediary that had the
    company registered. An indirect interest says so: ``(indirect)``."""
    current = edge.interests_in_effect(when)
    parts = []
    for i in current:
        kind = i.type.value if i.type else "interest"
        if i.direct_or_indirect is DirectOrIndirect.INDIRECT:
            kind += " (indirect)"
        if i.type in LABELLED and i.details:
            kind += f' "{short(i.details, LABEL_LIMIT)}"'
        share = f" {i.share.label()}" if i.share else ""
        dates = ""
        if i.start_date or i.end_date:
            dates = f" {i.start_date or '?'}..{i.end_date or ''}"
        parts.append(f"{kind}{share}{dates}")
    ended = len(edge.interests) - len(current)
    if ended:
        parts.append(f"(+{ended} ended)")
    return ", ".join(parts) or "unspecified interest"


def edge_line(edge: Edge, far_id: str, other: Node | None) -> str:
    """The relationship seen from one end: the party at the other end (``far_id``, named by
    ``other`` when the store holds it, else by its id) and the interests."""
    name = node_line(other) if other else f"{far_id} (not in the graph)"
    component = " (component)" if edge.is_component else ""
    return f"{name}: {interests_text(edge)}{component}"


def dangling_lines(dangling: Sequence[DanglingRef], limit: int = 20) -> list[str]:
    """A line per relationship end naming a record not in the store (the first ``limit``)."""
    lines = [
        f"{d.provenance.cite() if d.provenance else d.edge_id}: {d.role} -> {d.target!r}"
        for d in dangling[:limit]
    ]
    if len(dangling) > limit:
        lines.append(f"... and {len(dangling) - limit} more")
    return lines
