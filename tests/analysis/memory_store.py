"""A read-only in-memory :class:`GraphStore` over a hand-made subgraph, for the analysis tests.

Only the read primitives the analysis uses are real; the store contract itself is tested with
the real backends in ``tests/store``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from bo_graph.model.graph import CURRENT, Edge, Node, NodeKind, Subgraph, When
from bo_graph.model.statement import Statement
from bo_graph.store.base import (
    DanglingRef,
    Direction,
    FinishResult,
    GraphStore,
    StoreCounts,
    StoredStatement,
    WriteResult,
)


class MemoryStore(GraphStore):
    uri = "memory:"

    def __init__(self, graph: Subgraph) -> None:
        self.nodes = dict(graph.nodes)
        self.edges = dict(graph.edges)
        self.calls: list[tuple[Direction, int]] = []

    def _open(self, edge: Edge, when: When) -> bool:
        return not edge.closed and (not edge.interests or bool(edge.interests_in_effect(when)))

    def write_batch(self, statements: Sequence[Statement]) -> WriteResult:
        raise NotImplementedError

    def finish_import(self) -> FinishResult:
        return FinishResult()

    def get_nodes(self, ids: Iterable[str], when: When = CURRENT) -> dict[str, Node]:
        return {i: self.nodes[i] for i in ids if i in self.nodes}

    def get_edges(self, ids: Iterable[str], when: When = CURRENT) -> dict[str, Edge]:
        return {
            i: self.edges[i] for i in ids if i in self.edges and self._open(self.edges[i], when)
        }

    def edges_of(
        self, ids: Iterable[str], direction: Direction, when: When = CURRENT
    ) -> list[Edge]:
        wanted = set(ids)
        self.calls.append((direction, len(wanted)))
        return [
            edge
            for _, edge in sorted(self.edges.items())
            if _end(edge, direction) in wanted and self._open(edge, when)
        ]

    def find_by_identifier(self, scheme: str, value: str) -> list[Node]:
        return []

    def find_by_record_id(self, record_id: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.record_id == record_id]

    def find_by_name(self, name: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.name.lower() == name.lower()]

    def search(
        self,
        text: str,
        limit: int = 20,
        *,
        kind: NodeKind | str | None = None,
        jurisdiction: str | None = None,
    ) -> list[Node]:
        """Exact names only; the filters are tested on the real backends (tests/store)."""
        if kind is not None or jurisdiction is not None:
            raise NotImplementedError("search filters: test them on a real backend")
        return self.find_by_name(text)[:limit]

    def iter_nodes(self, kind: NodeKind | None = None) -> Iterator[Node]:
        return (n for n in self.nodes.values() if kind is None or n.kind is kind)

    def iter_edges(self, when: When = CURRENT) -> Iterator[Edge]:
        return (e for e in self.edges.values() if self._open(e, when))

    def counts(self, *, breakdown: bool = True) -> StoreCounts:
        return StoreCounts(nodes=len(self.nodes), edges=len(self.edges))

    def statements_for(self, uid: str) -> list[StoredStatement]:
        return []

    def dangling_references(self) -> list[DanglingRef]:
        return []

    def close(self) -> None:
        pass


def _end(edge: Edge, direction: Direction) -> str:
    return edge.subject if direction is Direction.UP else edge.interested_party
