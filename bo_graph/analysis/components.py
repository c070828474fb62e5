"""Which component relationships of a BODS primary (indirect) relationship a subgraph holds.

``componentRecords`` lists publisher record ids: of the intermediate entities and of the
component relationships. A listed id matches an edge of the subgraph by ``record_id``,
preferring an edge from the same source namespace as the primary (edge ids are
``namespace:recordId``); ids that match neither an edge nor a node are reported as missing.
The components carry the primary's arithmetic only when the interested party reaches the
subject through the subgraph's other relationships: with a gap in the published chain the
owner would otherwise vanish, so the declaration is used as a link instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from bo_graph.model.graph import Edge, Subgraph


class Resolved(NamedTuple):
    components: tuple[str, ...]
    """Edge ids of the component relationships found."""
    missing: tuple[str, ...]
    """Listed record ids that match neither an edge nor a node."""
    linked: bool
    """Components were found and the interested party reaches the subject through them (or
    other relationships of the subgraph)."""


class ComponentResolver:
    """Finds the component records a primary relationship lists, by record id."""

    def __init__(self, subgraph: Subgraph) -> None:
        self._edges: dict[str, list[Edge]] = defaultdict(list)
        for edge in subgraph.edges.values():
            self._edges[edge.record_id].append(edge)
        self._node_records = {node.record_id for node in subgraph.nodes.values()}
        self._held_by: dict[str, list[Edge]] = defaultdict(list)
        for edge in subgraph.edges.values():
            self._held_by[edge.interested_party].append(edge)

    def resolve(self, primary: Edge) -> Resolved:
        """The component edges found, the listed record ids found nowhere, and whether the
        primary's interested party reaches its subject by other relationships."""
        found: list[Edge] = []
        missing: list[str] = []
        for record_id in primary.component_records:
            edge = self._pick(primary, self._edges.get(record_id, []))
            if edge is not None:
                found.append(edge)
            elif record_id not in self._node_records:
                missing.append(record_id)
        linked = bool(found) and self._reaches(primary)
        return Resolved(tuple(edge.id for edge in found), tuple(missing), linked)

    def _reaches(self, primary: Edge) -> bool:
        """Whether the interested party reaches the subject without ``primary`` itself."""
        reached, frontier = {primary.interested_party}, [primary.interested_party]
        while frontier:
            for edge in self._held_by.get(frontier.pop(), []):
                if edge.id == primary.id or edge.subject in reached:
                    continue
                if edge.subject == primary.subject:
                    return True
                reached.add(edge.subject)
                frontier.append(edge.subject)
        return False

    @staticmethod
    def _pick(primary: Edge, candidates: Iterable[Edge]) -> Edge | None:
        """Prefer the candidate from the same source namespace as the primary."""
        options = [c for c in candidates if c.id != primary.id]
        prefix = _namespace(primary)
        same = [c for c in options if _namespace(c) == prefix]
        chosen = same or options
        return chosen[0] if chosen else None


def _namespace(edge: Edge) -> str:
    if edge.id.endswith(edge.record_id):
        return edge.id[: len(edge.id) - len(edge.record_id)]
    return ""
