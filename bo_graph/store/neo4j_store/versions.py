"""Rows of the Neo4j read side as model objects, with the version rules of dated reads.

A row is a driver ``Record`` or a map returned inside one (both are read by key); party rows
carry ``id, record_id, kind, closed, details``, relationship rows ``id, subject, party, closed,
details`` and, for versions, ``statement_date`` and ``seq`` (a party's versions also ``record``,
the record of each version of a party records were joined into). Version selection itself is
:mod:`bo_graph.store.history`, shared with the embedded store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from bo_graph.model.graph import Edge, Node, When
from bo_graph.store.history import Version, edges_at, node_version_at
from bo_graph.store.serial import edge_from_payload, node_from_payload

Row = Mapping[str, Any]


def node_from_row(r: Row) -> Node:
    return node_from_payload(r["id"], r["record_id"], r["kind"], bool(r["closed"]), r["details"])


def edge_from_row(r: Row) -> Edge:
    return edge_from_payload(r["id"], r["subject"], r["party"], bool(r["closed"]), r["details"])


def _version(r: Row) -> Version:
    return Version(r["statement_date"], r["seq"], bool(r["closed"]))


def _node_version(r: Row) -> Version:
    return Version(r["statement_date"], r["seq"], bool(r["closed"]), r["record"] or "")


def nodes_known_at(
    current: dict[str, Node], versions: Iterable[Row], when: When
) -> dict[str, Node]:
    """The version of each node known at ``when.known_at`` (rows of ``node_id`` and the version
    columns); a node with no version known then is left out."""
    by_node: dict[str, list[Row]] = defaultdict(list)
    for row in versions:
        if row["node_id"] in current:
            by_node[row["node_id"]].append(row)
    out: dict[str, Node] = {}
    for node_id, rows in by_node.items():
        picked = node_version_at([_node_version(r) for r in rows], when)
        if picked is None:
            continue
        index, closed = picked
        node = current[node_id]
        out[node_id] = node_from_payload(
            node_id, node.record_id, node.kind.value, closed, rows[index]["details"]
        )
    return out


def pick_versions(rows: Iterable[Row], when: When) -> list[Edge]:
    """The edges ``when`` sees among version rows of any number of relationship records."""
    return edges_at(((_version(r), edge_from_row(r)) for r in rows), when)
