"""Paths between two parties for FIU analysts, on any :class:`GraphStore` backend.

Connectivity ignores the direction of relationships (a shared owner links two companies), but
every step records its direction: ``owns`` (the step goes from the interested party to the
subject) or ``owned_by``. Parallel relationships give separate paths.

The search grows two balls, one around each party, one frontier at a time through
``store.links_of`` (never an unbounded query; ids and ends only, or ``store.edges_of`` when the
filter reads interests); the relationships of the paths returned are then read in full.
Every path of at most ``ds + dt`` steps lies inside the balls of radii ``ds`` and ``dt``, so:

* ``shortest``: stop as soon as ``k`` paths no longer than ``ds + dt`` are known (they are the
  ``k`` shortest), or at ``max_hops``; a ``k + 1``-th path already known is reported as
  ``capped``;
* ``all``: grow to ``ds + dt = max_hops`` and enumerate the simple paths; at most ``limit`` are
  returned, shortest first, with the total count (exact unless the count itself passed
  ``count_budget``). Capping is reported, never silent.

Neither limit is silent: exploration stops at ``max_nodes`` discovered parties and says so, and
a search that stopped at ``max_hops`` with relationships still to follow (in ``shortest`` mode:
having found fewer than ``k`` paths) counts them (``not_followed``, ``hop_limited``): longer
paths may run through them. ``max_hops`` defaults by mode (:data:`DEFAULT_MAX_HOPS`): deep enough
for ``shortest`` to cross the 25-layer chains of real and synthetic registers, shallower for
``all``, whose enumeration grows with every step.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

import networkx as nx

from bo_graph.analysis.absent import not_found
from bo_graph.analysis.interval import Interval, total
from bo_graph.analysis.path_results import (
    DEFAULT_K,
    DEFAULT_LIMIT,
    DEFAULT_MAX_HOPS,
    PATHS_SCHEMA,
    PartyPath,
    PathFilter,
    PathMode,
    PathsReport,
    PathStep,
)
from bo_graph.analysis.results import Party
from bo_graph.exc import ConfigError
from bo_graph.model.codes import InterestType
from bo_graph.model.graph import CURRENT, Edge, Node, When
from bo_graph.model.service import is_service_control
from bo_graph.store.base import Direction, GraphStore, Link

__all__ = [
    "DEFAULT_K",
    "DEFAULT_LIMIT",
    "DEFAULT_MAX_HOPS",
    "PATHS_SCHEMA",
    "PartyPath",
    "PathFilter",
    "PathMode",
    "PathStep",
    "PathsReport",
    "find_paths",
]

_Vertex = tuple[str, str]
"""A vertex of the search graph: ``("p", party id)`` or ``("e", edge id)``."""


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
        new: list[str] = []
        for edge in self._read(ball.frontier):
            if edge.id not in self.edges:
                if not self._accepts(edge):
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

    def not_followed(self, parties: list[str]) -> int:
        """The relationships of ``parties`` (a frontier left unexpanded) the search lacks."""
        new = {e.id for e in self._read(parties) if e.id not in self.edges and self._accepts(e)}
        return len(new)

    def _read(self, parties: list[str]) -> list[Link | Edge]:
        found: list[Link | Edge] = []
        for direction in (Direction.UP, Direction.DOWN):
            if self.path_filter.reads_interests:
                found.extend(self.store.edges_of(parties, direction, self.when))
            else:
                found.extend(self.store.links_of(parties, direction, self.when))
        return found

    def _accepts(self, edge: Link | Edge) -> bool:
        return not isinstance(edge, Edge) or self.path_filter.accepts(edge, self.when)

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
    k: int = DEFAULT_K,
    max_hops: int | None = None,
    limit: int = DEFAULT_LIMIT,
    path_filter: PathFilter | None = None,
    when: When = CURRENT,
    max_nodes: int = 20_000,
    count_budget: int = 100_000,
) -> PathsReport:
    """Paths between two parties, ignoring direction for connectivity (see module docs).
    ``max_hops`` defaults to :data:`DEFAULT_MAX_HOPS` of ``mode``."""
    hops = DEFAULT_MAX_HOPS[mode] if max_hops is None else max_hops
    ends = _endpoints(store, source, target, when)
    search = _Search(store, when, path_filter or PathFilter(), max_nodes, {source, target})
    balls = (_Ball([source]), _Ball([target]))
    if mode is PathMode.SHORTEST:
        found = _k_shortest(search, balls, k, hops)
        count, exact, asked = len(found), len(found) <= k, k
        cut = _not_followed(search, balls, hops) if len(found) < k else 0
    else:
        while _reach(balls) < hops and not _exhausted(balls):
            search.grow(_smaller(*balls))
        found, count, exact = _all(search.graph, source, target, hops, count_budget)
        asked, cut = limit, _not_followed(search, balls, hops)
    shown = found[:asked]
    return PathsReport(
        source=Party.of(source, ends.get(source)),
        target=Party.of(target, ends.get(target)),
        mode=mode,
        max_hops=hops,
        limit=asked,
        when=when,
        paths=_described(store, search.edges, shown, when),
        total=count,
        total_exact=exact,
        capped=count > len(shown) or not exact,
        explored_nodes=len(search.seen),
        exploration_truncated=search.truncated,
        not_followed=cut,
    )


def _endpoints(store: GraphStore, source: str, target: str, when: When) -> dict[str, Node]:
    if source == target:
        raise ConfigError("paths: the two parties are the same; give two different parties")
    ends = store.get_nodes([source, target], when)
    for ref in (source, target):
        if ref not in ends:
            raise not_found(ref, "party", when)
    return ends


def _k_shortest(
    search: _Search, balls: tuple[_Ball, _Ball], k: int, max_hops: int
) -> list[list[_Vertex]]:
    """Grow until ``k`` paths no longer than the balls' combined radius are known; a ``k + 1``-th
    path is returned too when it is already known (more paths exist)."""
    source, target = balls[0].origin, balls[1].origin
    while True:
        hops = min(_reach(balls), max_hops)
        found = _shortest(search.graph, source, target, k + 1, hops)
        if len(found) >= k or hops >= max_hops:
            return found
        if _exhausted(balls):  # everything reachable is known: any length up to max_hops
            return _shortest(search.graph, source, target, k + 1, max_hops)
        search.grow(_smaller(*balls))


def _not_followed(search: _Search, balls: tuple[_Ball, _Ball], max_hops: int) -> int:
    """Relationships left at the edge of a search the step limit stopped (0: it did not)."""
    if _reach(balls) < max_hops or _exhausted(balls):
        return 0
    return search.not_followed(sorted({*balls[0].frontier, *balls[1].frontier}))


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
        tuple(dict.fromkeys(i.type for i in interests)),
        bool(interests) and all(is_service_control(i) for i in interests),
    )
