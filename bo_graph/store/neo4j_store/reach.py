"""One round trip for :meth:`GraphStore.reach`: a breadth-first walk run inside one Cypher query.

The query is the frontier-by-frontier walk of :mod:`bo_graph.store.base` unrolled into a fixed
number of stages (one per level, plus one for the edges of the last level). Each stage reads
the edges of its frontier with the same clauses as ``edges_of`` (``HOLDS`` and ``PendingEdge``
for the current state, ``EdgeVersion`` for a date) and keeps the ends not seen before as the
next frontier, so diamonds and cycles never multiply rows. Edges are followed whether or not
they are in effect (date filtering happens in Python, as in ``edges_of``), which reaches a
superset of what the walk expands. Before each stage the edges of the frontier are counted;
when reading them would pass a budget of rows the query stops and says so, and the caller walks
frontier by frontier instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, LiteralString

from bo_graph.model.graph import Edge, When
from bo_graph.store.history import in_effect, nodes_at
from bo_graph.store.neo4j_store.connection import Connection
from bo_graph.store.neo4j_store.queries import (
    EDGE_VERSION_COUNTS,
    EDGE_VERSION_ROWS,
    NODE_VERSION_ROWS,
)
from bo_graph.store.neo4j_store.versions import (
    edge_from_row,
    node_from_row,
    nodes_known_at,
    pick_versions,
)
from bo_graph.store.walk import Direction, Reach

Row = Mapping[str, Any]

EDGE_MAP: LiteralString = "{.id, .subject, .party, .closed, .details}"
NODE_MAP: LiteralString = "{.id, .record_id, .kind, .closed, .details}"

HOPS: dict[tuple[bool, bool], LiteralString] = {
    (True, True): (
        "MATCH (:Party {id: id})<-[e:HOLDS]-() WHERE NOT e.closed RETURN e " + EDGE_MAP + " AS row "
        "UNION ALL "
        "MATCH (e:PendingEdge {subject: id}) WHERE NOT e.closed RETURN e " + EDGE_MAP + " AS row"
    ),
    (False, True): (
        "MATCH (:Party {id: id})-[e:HOLDS]->() WHERE NOT e.closed RETURN e " + EDGE_MAP + " AS row "
        "UNION ALL "
        "MATCH (e:PendingEdge {party: id}) WHERE NOT e.closed RETURN e " + EDGE_MAP + " AS row"
    ),
    (True, False): EDGE_VERSION_ROWS["subject"] + "RETURN v AS row",
    (False, False): EDGE_VERSION_ROWS["party"] + "RETURN v AS row",
}
"""The clause reading the edges of one node ``id``, by (upwards, current state)."""

DEGREES: dict[tuple[bool, bool], LiteralString] = {
    (True, True): (
        "MATCH (p:Party {id: id}) RETURN COUNT { (p)<-[:HOLDS]-() } AS n "
        "UNION ALL "
        "MATCH (e:PendingEdge {subject: id}) RETURN count(e) AS n"
    ),
    (False, True): (
        "MATCH (p:Party {id: id}) RETURN COUNT { (p)-[:HOLDS]->() } AS n "
        "UNION ALL "
        "MATCH (e:PendingEdge {party: id}) RETURN count(e) AS n"
    ),
    (True, False): EDGE_VERSION_COUNTS["subject"] + "RETURN n",
    (False, False): EDGE_VERSION_COUNTS["party"] + "RETURN n",
}
"""An upper bound of the rows of ``HOPS`` for one node, read from counts only (no payloads)."""

NODES: LiteralString = (
    "CALL (seen) { UNWIND seen AS id MATCH (p:Party {id: id}) "
    "RETURN collect(p " + NODE_MAP + ") AS nodes } "
)
NODE_VERSIONS: LiteralString = (
    "CALL (seen) { UNWIND seen AS id " + NODE_VERSION_ROWS + "RETURN collect(v) AS node_versions } "
)
CLOSED_NODE_VERSIONS: LiteralString = (
    "CALL (seen) { UNWIND seen AS id "
    "WITH id WHERE EXISTS { MATCH (:Party {id: id, closed: true}) } "
    + NODE_VERSION_ROWS
    + "RETURN collect(v) AS node_versions } "
)
"""The versions of the closed parties only: what an ``as_of`` walk needs (a party closed after
the date is read on it)."""

BUDGET_FACTOR = 2
"""The query stops before reading more than this many times ``max_nodes`` edge rows (then the
walk goes one hop at a time): a hub's thousands of holdings are counted, never fetched twice."""


@dataclass(frozen=True)
class Fetched:
    """What the one query returned: raw rows, not yet decoded."""

    edge_rows: list[Row]
    node_rows: list[Row]
    node_version_rows: list[Row]
    complete: bool


def _budget_stage(degree: LiteralString) -> LiteralString:
    return (
        "CALL (frontier) { UNWIND frontier AS id CALL (id) { " + degree + " } "
        "RETURN sum(n) AS degree } "
        "WITH seen, rows, overflow OR size(rows) + degree > $budget AS overflow, frontier "
        "WITH seen, rows, overflow, CASE WHEN overflow THEN [] ELSE frontier END AS frontier "
    )


def _edges_stage(hop: LiteralString) -> LiteralString:
    return (
        "CALL (frontier) { UNWIND frontier AS id CALL (id) { " + hop + " } "
        "RETURN collect(row) AS found } "
        "WITH seen, rows + found AS rows, overflow, found "
    )


def _frontier_stage(far: LiteralString) -> LiteralString:
    return (
        "CALL (found, seen) { UNWIND found AS f WITH DISTINCT f." + far + " AS n "
        "WHERE NOT n IN seen RETURN collect(n) AS fresh } "
        "WITH rows, seen + fresh AS seen, overflow, fresh AS frontier "
    )


@cache
def reach_query(up: bool, current: bool, versions: str, max_depth: int) -> LiteralString:
    """The walk unrolled to ``max_depth`` levels; returns ``rows``, ``nodes``,
    ``node_versions`` (``versions``: "all" for a walk known at a date, "closed" for one as of a
    date, "" for none) and ``overflow``."""
    read_edges = _budget_stage(DEGREES[(up, current)]) + _edges_stage(HOPS[(up, current)])
    far: LiteralString = "party" if up else "subject"
    query: LiteralString = "WITH $roots AS frontier, $roots AS seen, [] AS rows, false AS overflow "
    for _ in range(max_depth):
        query += read_edges + _frontier_stage(far)
    query += read_edges + NODES
    if versions:
        stage = NODE_VERSIONS if versions == "all" else CLOSED_NODE_VERSIONS
        return query + stage + "RETURN rows, nodes, node_versions, overflow"
    return query + "RETURN rows, nodes, [] AS node_versions, overflow"


def fetch(
    connection: Connection,
    roots: Sequence[str],
    direction: Direction,
    *,
    max_depth: int,
    max_nodes: int,
    when: When,
) -> Fetched:
    versions = "all" if when.known_at is not None else "closed" if when.as_of is not None else ""
    query = reach_query(direction is Direction.UP, when.is_current, versions, max_depth)
    budget = max(max_nodes, 1) * BUDGET_FACTOR
    [record] = connection.read(query, roots=sorted(set(roots)), budget=budget)
    return Fetched(
        edge_rows=record["rows"],
        node_rows=record["nodes"],
        node_version_rows=record["node_versions"],
        complete=not record["overflow"],
    )


def decode(fetched: Fetched, direction: Direction, when: When) -> Reach:
    """The rows as a :class:`Reach`, with the date rules ``edges_of`` and ``get_nodes`` apply."""
    nodes = {n.id: n for n in map(node_from_row, fetched.node_rows)}
    nodes = nodes_at(
        nodes, when, lambda dated: nodes_known_at(dated, fetched.node_version_rows, when)
    )
    return Reach(nodes=nodes, edges=_edges_by_near_end(fetched.edge_rows, direction, when))


def _edges_by_near_end(rows: list[Row], direction: Direction, when: When) -> dict[str, list[Edge]]:
    near = "subject" if direction is Direction.UP else "party"
    by_end: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_end[row[near]].append(row)
    if when.is_current:
        return {end: _current_edges(found, when) for end, found in by_end.items()}
    return {end: pick_versions(found, when) for end, found in by_end.items()}


def _current_edges(rows: list[Row], when: When) -> list[Edge]:
    edges = (edge_from_row(r) for r in rows)
    return [e for e in edges if in_effect(e, when)]
