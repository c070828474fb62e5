"""The Neo4j store's write side: one managed transaction per batch, idempotent.

Inside the transaction :func:`write_statements` takes the store's write lock (the ``Meta`` seq
node), reads what the batch needs to know, lets :class:`BatchPlanner` decide every row exactly
as the embedded writer would, and sends each kind of row as one parameterised ``UNWIND`` query:
statements and parties first, then versions (only for records that now have two or more: a
stored record's current state is first copied into a version node of its own), then
relationships. Parties and relationship
records the snapshot proves new are created outright (no merge, no old links to drop); stored
ones are ``MERGE``d or replaced; identifiers are always ``MERGE``d. Statements and versions are
created only for statement ids the lookup found missing, under the lock (and unique constraints
back that up), so a re-import stores nothing twice.
If the transaction is retried the whole function runs again from a fresh read, so the
decisions always match what is committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from bo_graph.model.statement import Statement
from bo_graph.store.admission import Key, Versions, admit, records_to_compare, stored_versions
from bo_graph.store.base import WriteResult
from bo_graph.store.neo4j_store.connection import Connection
from bo_graph.store.neo4j_store.plan import (
    BatchPlanner,
    BatchRows,
    EdgeRow,
    Snapshot,
    edge_ids_needed,
    node_ids_needed,
    statement_ids_needed,
)

LOCK_SEQ: LiteralString = """
MERGE (m:Meta {key: 'seq'}) ON CREATE SET m.value = -1
SET m.locked = true
RETURN m.value AS seq
"""
HIGHEST_SEQ: LiteralString = "MATCH (s:Statement) RETURN coalesce(max(s.seq), 0) AS seq"
SAVE_SEQ: LiteralString = "MATCH (m:Meta {key: 'seq'}) SET m.value = $seq"

STORED_STATEMENTS: LiteralString = """
UNWIND $ids AS id
MATCH (s:Statement {statement_id: id})
RETURN id, s.content_hash AS hash, s.record_uid AS uid
"""
RECORD_VERSIONS: LiteralString = """
UNWIND $uids AS uid
MATCH (s:Statement {record_uid: uid})
RETURN uid, s.source_format AS format, s.statement_id AS id, s.content_hash AS hash,
       s.publication_date AS published, s.statement_date AS date, s.seq AS seq
"""
NODE_STAMPS: LiteralString = """
UNWIND $ids AS id
MATCH (p:Party {id: id})
RETURN id, coalesce(p.statement_date, '') AS date, p.seq AS seq
"""
CURRENT_EDGES: LiteralString = """
UNWIND $ids AS id
MATCH ()-[h:HOLDS {id: id}]->()
RETURN properties(h) AS row
UNION ALL
UNWIND $ids AS id
MATCH (e:PendingEdge {id: id})
RETURN properties(e) AS row
"""

CREATE_STATEMENTS: LiteralString = "UNWIND $rows AS row CREATE (s:Statement) SET s = row"
CREATE_PARTIES: LiteralString = """
UNWIND $rows AS row
CREATE (p:Party) SET p = row {.*, idkeys: null}
WITH p, row
UNWIND row.idkeys AS key
MERGE (i:Identifier {key: key})
CREATE (i)-[:IDENTIFIES]->(p)
"""
"""Parties the snapshot proved new: nothing to merge with, no old identifier links to drop.
A party's identifier keys are its ``IDENTIFIES`` links, not a property of its own."""
UPDATE_PARTIES: LiteralString = """
UNWIND $rows AS row
MERGE (p:Party {id: row.id}) SET p = row {.*, idkeys: null}
WITH p, row
CALL (p) { MATCH (p)<-[old:IDENTIFIES]-() DELETE old }
CALL (p, row) {
    UNWIND row.idkeys AS key
    MERGE (i:Identifier {key: key})
    MERGE (i)-[:IDENTIFIES]->(p)
}
"""
"""Stored parties: their new current version, identifier links re-made from its keys."""
VERSION_STORED_NODES: LiteralString = """
UNWIND $ids AS id
MATCH (p:Party {id: id})
WHERE NOT EXISTS { MATCH (:NodeVersion {node_id: id}) }
CREATE (v:NodeVersion)
SET v.vid = p.statement_id + '#' + p.id, v.node_id = p.id, v.statement_date = p.statement_date,
    v.seq = p.seq, v.closed = p.closed, v.details = p.details
"""
"""A stored party about to get a second version: its only version so far, kept only as the
``Party`` itself, becomes a ``NodeVersion`` too (parties that have versions are skipped)."""
CREATE_NODE_VERSIONS: LiteralString = "UNWIND $rows AS row CREATE (v:NodeVersion) SET v = row"
CREATE_EDGE_VERSIONS: LiteralString = """
UNWIND $rows AS row
OPTIONAL MATCH (subject:Party {id: row.subject})
OPTIONAL MATCH (party:Party {id: row.party})
CREATE (v:EdgeVersion)
SET v = row, v.pending = CASE WHEN subject IS NULL OR party IS NULL THEN row.vid END
"""
"""Versions whose ends are not all stored carry ``pending`` (= their vid) for finish_import."""
VERSION_STORED_EDGES: LiteralString = """
UNWIND $ids AS id
CALL (id) {
    MATCH ()-[h:HOLDS {id: id}]->() RETURN properties(h) AS row
    UNION ALL
    MATCH (e:PendingEdge {id: id}) RETURN properties(e) AS row
}
WITH id, row WHERE NOT EXISTS { MATCH (:EdgeVersion {edge_id: id}) }
OPTIONAL MATCH (subject:Party {id: row.subject})
OPTIONAL MATCH (party:Party {id: row.party})
CREATE (v:EdgeVersion)
SET v.vid = row.statement_id, v.edge_id = row.id, v.subject = row.subject, v.party = row.party,
    v.statement_date = row.statement_date, v.seq = row.seq, v.closed = row.closed,
    v.details = row.details,
    v.pending = CASE WHEN subject IS NULL OR party IS NULL THEN row.statement_id END
"""
"""The same for a stored relationship record (its current version's ``statement_id`` is the
version's vid, also for a closing version)."""
DROP_CURRENT_EDGES: LiteralString = """
UNWIND $ids AS id
CALL (id) { MATCH ()-[old:HOLDS {id: id}]->() DELETE old }
CALL (id) { MATCH (old:PendingEdge {id: id}) DELETE old }
"""
"""The stored current versions of relationship records this batch replaces."""
CREATE_EDGES: LiteralString = """
UNWIND $rows AS row
OPTIONAL MATCH (subject:Party {id: row.subject})
OPTIONAL MATCH (party:Party {id: row.party})
CALL (row, subject, party) {
    WITH * WHERE subject IS NOT NULL AND party IS NOT NULL
    CREATE (party)-[h:HOLDS]->(subject) SET h = row
}
CALL (row, subject, party) {
    WITH * WHERE subject IS NULL OR party IS NULL
    CREATE (e:PendingEdge) SET e = row
}
"""
"""A relationship record's current version becomes a ``HOLDS`` relationship when both parties
exist, else a ``PendingEdge`` node that :func:`resolve.finish_import` connects later."""


def write_statements(tx: ManagedTransaction, statements: Sequence[Statement]) -> WriteResult:
    """Store one batch; the transaction function of :meth:`Neo4jStore.write_batch`."""
    seq = lock_and_read_seq(tx)
    hashes, record_uids = read_stored_statements(tx, statements)
    records = records_to_compare(statements, hashes)
    fresh, result = admit(statements, hashes, records, read_versions(tx, records))
    if not fresh:
        return result
    snapshot = read_current(tx, [s for s, _ in fresh], Snapshot(seq, record_uids))
    rows = BatchPlanner(snapshot, result).plan(fresh)
    apply_rows(tx, rows)
    return rows.result


STORED_SEQ: LiteralString = (
    "OPTIONAL MATCH (m:Meta {key: 'seq'}) WITH m WHERE m IS NOT NULL AND m.value >= 0 "
    "RETURN m.value AS seq"
)


def stored_seq(connection: Connection) -> int:
    """The last seq handed out, without taking the write lock."""
    found = connection.read(STORED_SEQ)
    if found:
        return int(found[0]["seq"])
    return int(connection.read(HIGHEST_SEQ)[0]["seq"])


def lock_and_read_seq(tx: ManagedTransaction) -> int:
    """Take the store's write lock (held until commit) and return the last seq handed out."""
    seq = int(tx.run(LOCK_SEQ).single(strict=True)["seq"])
    if seq < 0:  # first write since the counter node was created: continue after what is stored
        seq = int(tx.run(HIGHEST_SEQ).single(strict=True)["seq"])
    return seq


def read_stored_statements(
    tx: ManagedTransaction, statements: Sequence[Statement]
) -> tuple[dict[str, str], dict[str, str]]:
    """Content hash and record uid of each stored statement the batch names or replaces."""
    hashes, record_uids = {}, {}
    for record in tx.run(STORED_STATEMENTS, ids=statement_ids_needed(statements)):
        hashes[record["id"]] = record["hash"]
        record_uids[record["id"]] = record["uid"]
    return hashes, record_uids


def read_versions(tx: ManagedTransaction, records: set[str]) -> dict[Key, Versions]:
    """The stored versions of ``records`` (see :mod:`bo_graph.store.admission`)."""
    if not records:
        return {}
    rows = tx.run(RECORD_VERSIONS, uids=sorted(records))
    return stored_versions(
        (r["uid"], r["format"], r["id"], r["hash"], r["published"], r["date"], r["seq"])
        for r in rows
    )


def read_current(
    tx: ManagedTransaction, statements: Sequence[Statement], snapshot: Snapshot
) -> Snapshot:
    """Add the current versions of the parties and relationships ``statements`` may supersede."""
    uids = set(snapshot.record_uids.values())
    for record in tx.run(NODE_STAMPS, ids=node_ids_needed(statements, uids)):
        snapshot.node_stamps[record["id"]] = (record["date"], int(record["seq"]))
    for record in tx.run(CURRENT_EDGES, ids=edge_ids_needed(statements, uids)):
        edge = EdgeRow.from_row(record["row"])
        snapshot.edges[edge.id] = edge
    return snapshot


def apply_rows(tx: ManagedTransaction, rows: BatchRows) -> None:
    """Nodes before relationships, so every ``HOLDS`` finds both its ends. Rows the snapshot
    proved new are created outright; only stored parties and relationships are merged or
    replaced."""
    _run(tx, CREATE_STATEMENTS, rows.statements)
    _run(tx, CREATE_PARTIES, rows.new_parties())
    _run_ids(tx, VERSION_STORED_NODES, rows.versioned_stored_nodes())
    _run(tx, UPDATE_PARTIES, rows.stored_parties())
    _run(tx, CREATE_NODE_VERSIONS, rows.node_versions)
    _run_ids(tx, VERSION_STORED_EDGES, rows.versioned_stored_edges())
    _run(tx, CREATE_EDGE_VERSIONS, rows.edge_versions)
    replaced = rows.replaced_edges()
    if replaced:
        tx.run(DROP_CURRENT_EDGES, ids=[row["id"] for row in replaced]).consume()
    _run(tx, CREATE_EDGES, rows.new_edges() + replaced)
    if rows.statements:
        tx.run(SAVE_SEQ, seq=rows.seq).consume()


def _run_ids(tx: ManagedTransaction, query: LiteralString, ids: list[str]) -> None:
    if ids:
        tx.run(query, ids=ids).consume()


def _run(tx: ManagedTransaction, query: LiteralString, rows: list[dict[str, Any]]) -> None:
    if rows:
        tx.run(query, rows=rows).consume()
