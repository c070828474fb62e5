"""Paths between two parties for FIU analysts, on any :class:`GraphStore` backend.

Connectivity ignores the direction of relationships (a shared owner links two companies), but
every step records its direction: ``owns`` (the step goes from the interested party to the
subject) or ``owned_by``. Parallel relationships give separate paths.

The search grows two balls, one around each party, one frontier at a time through
``store.links_of`` (never an unbounded query; ids and ends only, or ``store.edges_of`` when the
filter reads interests); the relationships of the paths returned are then read in full.
Every path of at most ``ds + dt`` steps lies inside the balls of radii ``ds`` and ``dt``, so:

* ``shortest``: stop as soon as ``k`` paths no longer than ``ds + dt`` are known (they are the
  ``k`` shortest), or at ``max_hops``;
* ``all``: grow to ``ds + dt = max_hops`` and enumerate the simple paths; at most ``limit`` are
  returned, shortest first, with the total count (exact unless the count itself passed
  ``count_budget``). Capping is reported, never silent.

Exploration stops at ``max_nodes`` discovered parties and says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice
from typing import Any

import networkx as nx

from bo_graph.analysis.interval import TOLERANCE, Interval, total
from bo_graph.analysis.results import Party
from bo_graph.exc import ConfigError, NotFound
from bo_graph.model.codes import InterestType
from bo_graph.model.graph import CURRENT, Edge, Node, When
from bo_graph.store.base import Direction, GraphStore, Link

PATHS_SCHEMA = "bo-graph/paths/1"
_Vertex = tuple[str, str]
"""A vertex of the search graph: ``("p", party id)`` or ``("e", edge id)``."""


class PathMode(StrEnum):
    SHORTEST = "shortest"
    ALL = "all"


@dataclass(frozen=True)
class PathFilter:
    """Which relationships a path may use."""

    interest_types: frozenset[InterestType] | None = None
    """Only relationships with an interest of one of these types in effect."""
    min_share: float | None = None
    """Only relationships whose share (the largest in effect) can reach this percentage."""
    include_unknown_share: bool = True
    """With ``min_share``: keep relationships that give no share at all."""

    @property
    def reads_interests(self) -> bool:
        """False when every relationship in effect passes (nothing to read but its ends)."""
        return self.interest_types is not None or self.min_share is not None

    def accepts(self, edge: Edge, when: When) -> bool:
        interests = edge.interests_in_effect(when)
        if self.interest_types is not None:
            interests = tuple(i for i in interests if i.type in self.interest_types)
            if not interests:
                return False
        if self.min_share is None:
            return True
        shares = [i.share.upper for i in interests if i.share is not None]
        if not shares:
            return self.include_unknown_share
        return max(shares) >= self.min_share - TOLERANCE


@dataclass(frozen=True, slots=True)
class PathStep:
    edge: str
    start: Party
    end: Party
    direction: str
    """``owns``: ``start`` is the interested party of ``edge``; ``owned_by``: the subject."""
    relation: str
    share: Interval | None

    def to_json(self) -> dict[str, Any]:
        return {
            "edge": self.edge,
            "from": self.start.to_json(),
            "to": self.end.to_json(),
            "direction": self.direction,
            "relation": self.relation,
            "share": None if self.share is None else self.share.to_json(),
        }


@dataclass(frozen=True, slots=True)
class PartyPath:
    steps: tuple[PathStep, ...]

    def to_json(self) -> dict[str, Any]:
        nodes = [self.steps[0].start.id] + [s.end.id for s in self.steps] if self.steps else []
        return {
            "length": len(self.steps),
            "nodes": nodes,
            "edges": [s.edge for s in self.steps],
            "steps": [s.to_json() for s in self.steps],
        }


@dataclass(frozen=True)
class PathsReport:
    source: Party
    target: Party
    mode: PathMode
    max_hops: int
    when: When
    paths: tuple[PartyPath, ...]
    total: int
    """Paths found within the limits (``all``: every simple path up to ``max_hops``)."""
    total_exact: bool
    capped: bool
    """More paths exist than were returned."""
    explored_nodes: int
    exploration_truncated: bool
    """The search stopped at ``max_nodes``: longer or other paths may exist."""

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": PATHS_SCHEMA,
            "source": self.source.to_json(),
            "target": self.target.to_json(),
            "mode": self.mode.value,
            "max_hops": self.max_hops,
            "when": {"as_of": self.when.as_of, "known_at": self.when.known_at},
            "paths": [p.to_json() for p in self.paths],
            "total": self.total,
            "total_exact": self.total_exact,
            "capped": self.capped,
            "explored_nodes": self.explored_nodes,
            "exploration_truncated": self.exploration_truncated,
        }


@dataclass
class _Ball:
    """One side of the bidirectional search: what it has reached and its next frontier."""

    frontier: list[str]
    depth: int = 0
    seen: set[str] = field(default_factory=set)
    origin: str = ""

    def __post_init__(self) -> None:
        self.seen.update(self.frontier)
        self.origin = self.frontier[0]


@dataclass
class _Search:
    store: GraphStore
    when: When
    path_filter: PathFilter
    max_nodes: int
    seen: set[str] = field(default_factory=set)
    edges: dict[str, Link | Edge] = field(default_factory=dict)
    """The relationships found so far (as full edges when the filter reads interests)."""
    truncated: bool = False
    graph: nx.Graph = field(default_factory=nx.Graph)
    """Parties and relationship records found so far, grown with each hop (never rebuilt)."""

    def grow(self, ball: _Ball) -> None:
        """Expand one frontier by one hop in both directions."""
        found: list[Link | Edge] = []
        full = self.path_filter.reads_interests
        for direction in (Direction.UP, Direction.DOWN):
            if full:
                found.extend(self.store.edges_of(ball.frontier, direction, self.when))
            else:
                found.extend(self.store.links_of(ball.frontier, direction, self.when))
        new: list[str] = []
        for edge in found:
            if edge.id not in self.edges:
                if isinstance(edge, Edge) and not self.path_filter.accepts(edge, self.when):
                    continue
                self._add(edge)
            for party in (edge.subject, edge.interested_party):
                if party in ball.seen:
                    continue
                if party not in self.seen and len(self.seen) >= self.max_nodes:
                    self.truncated = True
                    continue
                self.seen.add(party)
                ball.seen.add(party)
                new.append(party)
        ball.depth += 1
        ball.frontier = new

    def _add(self, edge: Link | Edge) -> None:
        self.edges[edge.id] = edge
        vertex = ("e", edge.id)
        self.graph.add_edge(("p", edge.interested_party), vertex)
        self.graph.add_edge(vertex, ("p", edge.subject))


def find_paths(
    store: GraphStore,
    source: str,
    target: str,
    *,
    mode: PathMode = PathMode.SHORTEST,
    k: int = 5,
    max_hops: int = 6,
    limit: int = 100,
    path_filter: PathFilter | None = None,
    when: When = CURRENT,
    max_nodes: int = 20_000,
    count_budget: int = 100_000,
) -> PathsReport:
    """Paths between two parties, ignoring direction for connectivity (see module docs)."""
    ends = _endpoints(store, source, target, when)
    search = _Search(store, when, path_filter or PathFilter(), max_nodes, {source, target})
    balls = (_Ball([source]), _Ball([target]))
    if mode is PathMode.SHORTEST:
        found = _k_shortest(search, balls, k, max_hops)
        count, exact, shown = len(found), True, found
    else:
        while _reach(balls) < max_hops and not _exhausted(balls):
            search.grow(_smaller(*balls))
        found, count, exact = _all(search.graph, source, target, max_hops, count_budget)
        shown = found[:limit]
    return PathsReport(
        source=Party.of(source, ends.get(source)),
        target=Party.of(target, ends.get(target)),
        mode=mode,
        max_hops=max_hops,
        when=when,
        paths=_described(store, search.edges, shown, when),
        total=count,
        total_exact=exact,
        capped=count > len(shown) or not exact,
        explored_nodes=len(search.seen),
        exploration_truncated=search.truncated,
    )


def _endpoints(store: GraphStore, source: str, target: str, when: When) -> dict[str, Node]:
    if source == target:
        raise ConfigError("paths: the two parties are the same; give two different parties")
    ends = store.get_nodes([source, target], when)
    for ref in (source, target):
        if ref not in ends:
            raise NotFound(f"{ref!r}: no node has this id")
    return ends


def _k_shortest(
    search: _Search, balls: tuple[_Ball, _Ball], k: int, max_hops: int
) -> list[list[_Vertex]]:
    """Grow until ``k`` paths no longer than the balls' combined radius are known."""
    source, target = balls[0].origin, balls[1].origin
    while True:
        hops = min(_reach(balls), max_hops)
        found = _shortest(search.graph, source, target, k, hops)
        if len(found) >= k or hops >= max_hops:
            return found
        if _exhausted(balls):  # everything reachable is known: any length up to max_hops
            return _shortest(search.graph, source, target, k, max_hops)
        search.grow(_smaller(*balls))


def _reach(balls: tuple[_Ball, _Ball]) -> int:
    return balls[0].depth + balls[1].depth


def _exhausted(balls: tuple[_Ball, _Ball]) -> bool:
    return not (balls[0].frontier or balls[1].frontier)


def _smaller(one: _Ball, other: _Ball) -> _Ball:
    if not one.frontier:
        return other
    if not other.frontier:
        return one
    return one if len(one.frontier) <= len(other.frontier) else other


def _shortest(graph: nx.Graph, source: str, target: str, k: int, hops: int) -> list[list[_Vertex]]:
    start, end = ("p", source), ("p", target)
    if start not in graph or end not in graph or not nx.has_path(graph, start, end):
        return []
    out: list[list[_Vertex]] = []
    for path in islice(nx.shortest_simple_paths(graph, start, end), k):
        if (len(path) - 1) // 2 > hops:
            break
        out.append(path)
    return out


def _all(
    graph: nx.Graph, source: str, target: str, hops: int, budget: int
) -> tuple[list[list[_Vertex]], int, bool]:
    start, end = ("p", source), ("p", target)
    if start not in graph or end not in graph:
        return [], 0, True
    paths: Iterator[list[_Vertex]] = nx.all_simple_paths(graph, start, end, cutoff=2 * hops)
    collected = list(islice(paths, budget + 1))
    exact = len(collected) <= budget
    collected = collected[:budget]
    collected.sort(key=len)
    return collected, len(collected), exact


def _described(
    store: GraphStore, found: dict[str, Link | Edge], paths: list[list[_Vertex]], when: When
) -> tuple[PartyPath, ...]:
    party_ids = {v[1] for path in paths for v in path if v[0] == "p"}
    nodes = store.get_nodes(sorted(party_ids), when) if party_ids else {}
    edges = _full_edges(store, found, {v[1] for path in paths for v in path if v[0] == "e"}, when)
    out = []
    for path in paths:
        steps = []
        for i in range(1, len(path), 2):
            edge = edges[path[i][1]]
            start, end = path[i - 1][1], path[i + 1][1]
            steps.append(_step(edge, start, end, nodes, when))
        out.append(PartyPath(tuple(steps)))
    return tuple(out)


def _full_edges(
    store: GraphStore, found: dict[str, Link | Edge], ids: set[str], when: When
) -> dict[str, Edge]:
    """The shown paths' relationships with their interests (read now if explored as links)."""
    edges = {i: e for i in ids if isinstance(e := found[i], Edge)}
    missing = sorted(ids - edges.keys())
    return edges | (store.get_edges(missing, when) if missing else {})


def _step(edge: Edge, start: str, end: str, nodes: dict[str, Node], when: When) -> PathStep:
    direction = "owns" if edge.interested_party == start else "owned_by"
    interests = edge.interests_in_effect(when)
    labels = [
        (i.type.value if i.type is not None else "unknown")
        + (" (indirect)" if i.direct_or_indirect.value == "indirect" else "")
        for i in interests
    ]
    owned = [i.share for i in interests if i.type is InterestType.SHAREHOLDING and i.share]
    given = owned or [i.share for i in interests if i.share is not None][:1]
    share = total([Interval.from_share(s) for s in given]).clamped() if given else None
    return PathStep(
        edge.id,
        Party.of(start, nodes.get(start)),
        Party.of(end, nodes.get(end)),
        direction,
        ", ".join(dict.fromkeys(labels)) or "relationship",
        share,
    )
