"""The bounded, cycle-safe breadth-first walk both store backends share.

:func:`reach_hop_by_hop` walks frontier by frontier against a store's one-hop primitives and
records what it read as a :class:`Reach`; :func:`walk_over` walks again over a :class:`Reach`
(however a backend fetched it) to make the :class:`Subgraph` that ``GraphStore.expand`` returns.
Both use one walk, so what a backend fetches in fewer round trips is checked against the same
rules (``tests/store/test_reach.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from bo_graph.model.graph import CURRENT, Edge, Node, Subgraph, When


class Direction(StrEnum):
    """Which way a walk follows relationships from a node: to its owners or its holdings."""

    UP = "up"
    """Towards owners: edges whose subject is the node."""
    DOWN = "down"
    """Towards holdings: edges whose interested party is the node."""


@dataclass
class Reach:
    """Nodes reached from some roots and, for each, its edges in one direction at one time."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[str, list[Edge]] = field(default_factory=dict)
    """Edges by the node they leave from: the subject (UP) or the interested party (DOWN)."""

    def edges_of(self, ids: Iterable[str]) -> list[Edge]:
        return sorted((e for i in ids for e in self.edges.get(i, ())), key=lambda e: e.id)


class OneHopReader(Protocol):
    """The two primitives a walk needs (every :class:`GraphStore` has them)."""

    def get_nodes(self, ids: Iterable[str], when: When = CURRENT) -> dict[str, Node]: ...

    def edges_of(
        self, ids: Iterable[str], direction: Direction, when: When = CURRENT
    ) -> list[Edge]: ...


def reach_hop_by_hop(
    store: OneHopReader,
    roots: Sequence[str],
    direction: Direction,
    *,
    max_depth: int,
    max_nodes: int,
    when: When,
) -> Reach:
    """:meth:`GraphStore.reach` one query per frontier: the walk itself, recording what it read."""
    source = _RecordingSource(store, direction, when)
    _walk(roots, direction, source, max_depth, max_nodes)
    return source.reach


class _Source(Protocol):
    def nodes(self, ids: list[str]) -> dict[str, Node]: ...

    def edges(self, frontier: list[str]) -> list[Edge]: ...


class _ReachSource:
    def __init__(self, reach: Reach) -> None:
        self.reach = reach

    def nodes(self, ids: list[str]) -> dict[str, Node]:
        return {i: self.reach.nodes[i] for i in sorted(ids) if i in self.reach.nodes}

    def edges(self, frontier: list[str]) -> list[Edge]:
        return self.reach.edges_of(frontier)


class _RecordingSource:
    """One query per frontier against the store, keeping what it read as a :class:`Reach`."""

    def __init__(self, store: OneHopReader, direction: Direction, when: When) -> None:
        self.store, self.direction, self.when = store, direction, when
        self.reach = Reach()

    def nodes(self, ids: list[str]) -> dict[str, Node]:
        found = self.store.get_nodes(ids, self.when)
        self.reach.nodes.update(found)
        return found

    def edges(self, frontier: list[str]) -> list[Edge]:
        found = self.store.edges_of(frontier, self.direction, self.when)
        for node_id in frontier:
            self.reach.edges.setdefault(node_id, [])
        for edge in found:
            self.reach.edges[_near_end(edge, self.direction)].append(edge)
        return found


def _near_end(edge: Edge, direction: Direction) -> str:
    return edge.subject if direction is Direction.UP else edge.interested_party


def _far_end(edge: Edge, direction: Direction) -> str:
    return edge.interested_party if direction is Direction.UP else edge.subject


def _walk(
    roots: Sequence[str], direction: Direction, source: _Source, max_depth: int, max_nodes: int
) -> Subgraph:
    """Breadth-first, frontier by frontier; each node expanded once, at most ``max_nodes``."""
    graph = Subgraph(roots=tuple(roots))
    graph.nodes.update(source.nodes(list(roots)))
    frontier = [r for r in roots if r in graph.nodes]
    seen = set(frontier)
    depth = 0
    while frontier and depth < max_depth:
        depth += 1
        new: list[str] = []
        for edge in source.edges(frontier):
            nxt = _far_end(edge, direction)
            if nxt in seen:
                graph.edges[edge.id] = edge
            elif len(seen) >= max_nodes:
                _count_truncated(graph, _near_end(edge, direction))
            else:
                graph.edges[edge.id] = edge
                seen.add(nxt)
                new.append(nxt)
        graph.nodes.update(source.nodes(new))
        if new:
            graph.depth_reached = depth
        frontier = new
    if frontier:
        for edge in source.edges(frontier):
            _count_truncated(graph, _near_end(edge, direction))
    return graph


def _count_truncated(graph: Subgraph, node_id: str) -> None:
    graph.truncated[node_id] = graph.truncated.get(node_id, 0) + 1


def walk_over(
    fetched: Reach, roots: Sequence[str], direction: Direction, *, max_depth: int, max_nodes: int
) -> Subgraph:
    """The walk over what :meth:`GraphStore.reach` fetched: breadth-first, each node expanded
    once (cycles terminate), nodes left unexpanded at a limit counted in ``truncated``."""
    return _walk(roots, direction, _ReachSource(fetched), max_depth, max_nodes)
