"""Which component relationships of a BODS primary (indirect) relationship a subgraph holds.

``componentRecords`` lists publisher record ids: of the intermediate entities and of the
component relationships. A listed id matches an edge of the subgraph by ``record_id``,
preferring an edge from the same source namespace as the primary (edge ids are
``namespace:recordId``); ids that match neither an edge nor a node are reported as missing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from bo_graph.model.graph import Edge, Subgraph


class ComponentResolver:
    """Finds the component records a primary relationship lists, by record id."""

    def __init__(self, subgraph: Subgraph) -> None:
        self._edges: dict[str, list[Edge]] = defaultdict(list)
        for edge in subgraph.edges.values():
            self._edges[edge.record_id].append(edge)
        self._node_records = {node.record_id for node in subgraph.nodes.values()}

    def resolve(self, primary: Edge) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(component edge ids found, listed record ids found nowhere)."""
        found: list[str] = []
        missing: list[str] = []
        for record_id in primary.component_records:
            edge = self._pick(primary, self._edges.get(record_id, []))
            if edge is not None:
                found.append(edge.id)
            elif record_id not in self._node_records:
                missing.append(record_id)
        return tuple(found), tuple(missing)

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
