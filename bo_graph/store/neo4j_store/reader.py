"""The Neo4j store's read side: indexed one-hop queries, version selection for dates.

Current-state queries read ``HOLDS`` relationships (and ``PendingEdge`` nodes, the current
versions whose ends are not all stored yet, which the embedded store also returns); queries at
a ``When`` read the version nodes and pick with :mod:`bo_graph.store.history`, as the embedded
reader does. Every query takes a list of ids (one ``UNWIND`` per frontier) and no query has a
variable-length pattern; :meth:`Reader.reach` runs a whole bounded walk in one query
(:mod:`.reach`); whole-graph reads are paged by id.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import islice
from typing import LiteralString

import orjson
from neo4j import Record

from bo_graph.model.graph import CURRENT, Edge, Node, NodeKind, When, owning_record
from bo_graph.store.base import DanglingRef, Link, StoreCounts, StoredStatement, identifier_key
from bo_graph.store.history import in_effect, nodes_at, payload_in_effect
from bo_graph.store.neo4j_store import queries as q
from bo_graph.store.neo4j_store import reach
from bo_graph.store.neo4j_store.connection import PAGE_SIZE, Connection
from bo_graph.store.neo4j_store.search import search_ids
from bo_graph.store.neo4j_store.versions import edge_from_row as _edge
from bo_graph.store.neo4j_store.versions import node_from_row as _node
from bo_graph.store.neo4j_store.versions import nodes_known_at, pick_versions
from bo_graph.store.search_filter import SearchFilter
from bo_graph.store.serial import fold, provenance_from
from bo_graph.store.walk import Direction, Reach, reach_hop_by_hop


def _ids(ids: Iterable[str]) -> list[str]:
    return sorted(set(ids))


class Reader:
    connection: Connection

    # -- nodes ---------------------------------------------------------------------------------
    def get_nodes(self, ids: Iterable[str], when: When = CURRENT) -> dict[str, Node]:
        nodes = {n.id: n for n in map(_node, self.connection.read(q.GET_NODES, ids=_ids(ids)))}
        return nodes_at(nodes, when, lambda dated: self._nodes_known_at(dated, when))

    def _nodes_known_at(self, current: dict[str, Node], when: When) -> dict[str, Node]:
        versions = self.connection.read(q.NODE_VERSIONS, ids=_ids(current))
        return nodes_known_at(current, versions, when)

    # -- edges ---------------------------------------------------------------------------------
    def get_edges(self, ids: Iterable[str], when: When = CURRENT) -> dict[str, Edge]:
        if when.is_current:
            return {e.id: e for e in map(_edge, self.connection.read(q.GET_EDGES, ids=_ids(ids)))}
        versions = self.connection.read(q.EDGE_VERSIONS_OF_EDGES, ids=_ids(ids))
        return {e.id: e for e in pick_versions(versions, when)}

    def edges_of(
        self, ids: Iterable[str], direction: Direction, when: When = CURRENT
    ) -> list[Edge]:
        up = direction is Direction.UP
        if when.is_current:
            query = q.OPEN_EDGES_BY_SUBJECT if up else q.OPEN_EDGES_BY_PARTY
            edges = map(_edge, self.connection.read(query, ids=_ids(ids)))
            return sorted((e for e in edges if in_effect(e, when)), key=lambda e: e.id)
        query = q.EDGE_VERSIONS_BY_SUBJECT if up else q.EDGE_VERSIONS_BY_PARTY
        versions = self.connection.read(query, ids=_ids(ids))
        return sorted(pick_versions(versions, when), key=lambda e: e.id)

    def links_of(
        self, ids: Iterable[str], direction: Direction, when: When = CURRENT
    ) -> list[Link]:
        if not when.is_current:
            return [Link.of(e) for e in self.edges_of(ids, direction, when)]
        query = q.OPEN_EDGES_BY_SUBJECT if direction is Direction.UP else q.OPEN_EDGES_BY_PARTY
        today = date.today().isoformat()
        rows = self.connection.read(query, ids=_ids(ids))
        links = [Link(r["id"], r["subject"], r["party"]) for r in rows
                 if payload_in_effect(r["details"], today)]  # fmt: skip
        return sorted(links, key=lambda link: link.id)

    def reach(
        self,
        roots: Sequence[str],
        direction: Direction,
        *,
        max_depth: int = 30,
        max_nodes: int = 5000,
        when: When = CURRENT,
    ) -> Reach:
        """The whole walk in one query (see :mod:`.reach`); one hop per query only when it
        reaches far more than ``max_nodes`` nodes."""
        fetched = reach.fetch(self.connection, roots, direction, max_depth=max_depth,
                              max_nodes=max_nodes, when=when)  # fmt: skip
        if not fetched.complete:
            return reach_hop_by_hop(
                self, roots, direction, max_depth=max_depth, max_nodes=max_nodes, when=when
            )
        return reach.decode(fetched, direction, when)

    # -- lookups -------------------------------------------------------------------------------
    def find_by_identifier(self, scheme: str, value: str) -> list[Node]:
        records = self.connection.read(q.NODES_BY_IDENTIFIER, key=identifier_key(scheme, value))
        return [_node(r) for r in records]

    def find_by_record_id(self, record_id: str) -> list[Node]:
        records = self.connection.read(q.NODES_BY_RECORD_ID, record_id=record_id)
        return sorted(map(_node, records), key=lambda n: n.id)

    def find_by_name(self, name: str) -> list[Node]:
        return [_node(r) for r in self.connection.read(q.NODES_BY_NAME, name=fold(name))]

    def search(
        self,
        text: str,
        limit: int = 20,
        *,
        kind: NodeKind | str | None = None,
        jurisdiction: str | None = None,
    ) -> list[Node]:
        """Every word of ``text`` as a word prefix (any order), then identifier matches, then
        misspellings (full-text fuzzy candidates re-ranked by rapidfuzz); each step narrowed
        in its query (``neo4j_store.search``)."""
        wanted = SearchFilter.of(kind, jurisdiction)
        ids = search_ids(self.connection, text, limit, self.find_by_identifier, wanted)
        nodes = self.get_nodes(ids)
        return [nodes[i] for i in ids if i in nodes]

    # -- whole graph ---------------------------------------------------------------------------
    def iter_nodes(self, kind: NodeKind | None = None) -> Iterator[Node]:
        if kind is None:
            records = self.connection.pages(q.PAGE_NODES, "id")
        else:
            records = self.connection.pages(q.PAGE_NODES_OF_KIND, "id", kind=kind.value)
        return map(_node, records)

    def iter_edges(self, when: When = CURRENT) -> Iterator[Edge]:
        if when.is_current:
            records = self._current_edge_pages(q.PAGE_OPEN_HOLDS, q.PAGE_OPEN_PENDING)
            yield from (e for e in map(_edge, records) if in_effect(e, when))
            return
        ids = (r["id"] for r in self._current_edge_pages(q.PAGE_HOLDS_IDS, q.PAGE_PENDING_IDS))
        while chunk := list(islice(ids, PAGE_SIZE)):
            edges = self.get_edges(chunk, when)
            yield from (edges[i] for i in chunk if i in edges)

    def _current_edge_pages(self, holds: LiteralString, pending: LiteralString) -> Iterator[Record]:
        """``HOLDS`` and ``PendingEdge`` rows merged in id order (ids are unique across both)."""
        return heapq.merge(self.connection.pages(holds, "id"), self.connection.pages(pending, "id"),
                           key=lambda r: str(r["id"]))  # fmt: skip

    def counts(self, *, breakdown: bool = True) -> StoreCounts:
        c = StoreCounts()
        for record in self.connection.read(q.COUNT_NODES_BY_KIND):
            c.nodes_by_kind[record["kind"]] = record["n"]
            c.nodes += record["n"]
        if not breakdown:  # from Neo4j's count store
            totals = self.connection.read(q.COUNT_TOTALS)[0]
            c.edges, c.statements = totals["edges"], totals["statements"]
            return c
        for record in self.connection.read(q.COUNT_EDGES_BY_TYPES):
            c.edges += record["n"]
            for t in str(record["types"]).split() or ["none"]:
                c.edges_by_interest[t] = c.edges_by_interest.get(t, 0) + record["n"]
        for record in self.connection.read(q.COUNT_STATEMENTS_BY_SOURCE):
            c.sources[record["source"]] = record["n"]
            c.statements += record["n"]
        return c

    def statements_for(self, uid: str) -> list[StoredStatement]:
        out = []
        for row in self.connection.read(q.STATEMENTS_OF_RECORD, uid=owning_record(uid)):
            if row["record"] is None:  # stored before schema version 3
                data = orjson.loads(row["raw"])
                out.append(StoredStatement(provenance_from(data["p"]), row["uid"], data["raw"]))
            else:
                provenance = provenance_from(row["p"])
                out.append(StoredStatement(provenance, row["uid"], orjson.loads(row["record"])))
        return out

    def dangling_references(self) -> list[DanglingRef]:
        out: list[DanglingRef] = []
        pending = self.connection.pages(q.PAGE_PENDING, "id")
        while chunk := [_edge(r) for r in islice(pending, PAGE_SIZE)]:
            ends = {e.subject for e in chunk} | {e.interested_party for e in chunk}
            present = {r["id"] for r in self.connection.read(q.EXISTING_PARTIES, ids=_ids(ends))}
            for edge in chunk:
                for role, target in (("subject", edge.subject),
                                     ("interestedParty", edge.interested_party)):  # fmt: skip
                    if target not in present:
                        out.append(DanglingRef(edge.id, role, target, edge.provenance))
        return out
