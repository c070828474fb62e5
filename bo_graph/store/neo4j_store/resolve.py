"""Connect relationship ends written before their parties (or in earlier runs).

A relationship whose subject or interested party was not stored when it was written is kept as a
``PendingEdge`` node, and its version nodes carry a ``pending`` key. :func:`resolve_references`
walks both, a page at a time, exactly as the embedded store's ``resolve_references`` does: an end
that names no party but a record joined into another node (an ``Alias``, see :mod:`.identity`)
is pointed at that node, one that names a BODS 0.1-0.3 statement of another record at that
record (or, when that record was joined into another node, at that node); a pending edge
whose two ends now exist becomes a ``HOLDS`` relationship. Idempotent.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from itertools import islice
from typing import LiteralString

from neo4j import ManagedTransaction, Record

from bo_graph.model.graph import UNSPECIFIED_PREFIX
from bo_graph.store.neo4j_store.connection import PAGE_SIZE, Connection
from bo_graph.store.neo4j_store.writer import lock_and_read_seq

PENDING_EDGES: LiteralString = """
MATCH (e:PendingEdge) WHERE e.id >= $after
RETURN e.id AS key, e.subject AS subject, e.party AS party
ORDER BY e.id LIMIT $limit
"""
PENDING_VERSIONS: LiteralString = """
MATCH (v:EdgeVersion) WHERE v.pending >= $after
RETURN v.pending AS key, v.subject AS subject, v.party AS party
ORDER BY v.pending LIMIT $limit
"""
ENDS: LiteralString = """
UNWIND $ids AS id
OPTIONAL MATCH (p:Party {id: id})
OPTIONAL MATCH (s:Statement {statement_id: id})
OPTIONAL MATCH (a:Alias {record_id: id})
OPTIONAL MATCH (record:Party {id: s.record_uid})
OPTIONAL MATCH (joined:Alias {record_id: s.record_uid})
RETURN id, p IS NOT NULL AS present, a.node_id AS alias,
       CASE WHEN record IS NULL THEN coalesce(joined.node_id, s.record_uid)
            ELSE s.record_uid END AS uid
"""
"""What each end names: a party, a record joined into a node (``alias``), or a statement whose
record (``uid``) is a party or was joined into a node (then ``uid`` is that node: a statement
keeps its record's id)."""
CONNECT_EDGES: LiteralString = """
UNWIND $rows AS row
MATCH (e:PendingEdge {id: row.key})
SET e.subject = row.subject, e.party = row.party
WITH e
MATCH (subject:Party {id: e.subject})
MATCH (party:Party {id: e.party})
CREATE (party)-[h:HOLDS]->(subject)
SET h = properties(e)
DELETE e
"""
CONNECT_VERSIONS: LiteralString = """
UNWIND $rows AS row
MATCH (v:EdgeVersion {vid: row.key})
SET v.subject = row.subject, v.party = row.party
WITH v
WHERE EXISTS { MATCH (:Party {id: v.subject}) } AND EXISTS { MATCH (:Party {id: v.party}) }
REMOVE v.pending
"""


def resolve_references(connection: Connection) -> None:
    for page_query, connect_query in ((PENDING_EDGES, CONNECT_EDGES),
                                      (PENDING_VERSIONS, CONNECT_VERSIONS)):  # fmt: skip
        for page in _chunks(connection.pages(page_query, "key"), PAGE_SIZE):
            rows = _repointed(connection, page)
            connection.write(partial(_connect, query=connect_query, rows=rows))


def _connect(tx: ManagedTransaction, *, query: LiteralString, rows: list[dict[str, str]]) -> None:
    lock_and_read_seq(tx)
    tx.run(query, rows=rows).consume()


def _repointed(connection: Connection, page: list[Record]) -> list[dict[str, str]]:
    """Each pending row with its ends pointed at the records their statements belong to."""
    ends = sorted({r["subject"] for r in page} | {r["party"] for r in page})
    present: set[str] = set()
    owner: dict[str, str] = {}
    for record in connection.read(ENDS, ids=ends):
        if record["present"]:
            present.add(record["id"])
        if record["alias"] is not None:
            owner[record["id"]] = record["alias"]
        elif record["uid"] is not None:
            owner[record["id"]] = record["uid"]
    return [
        {"key": r["key"], "subject": _repoint(r["subject"], present, owner),
         "party": _repoint(r["party"], present, owner)}
        for r in page
    ]  # fmt: skip


def _repoint(end: str, present: set[str], owner: dict[str, str]) -> str:
    """A missing end that names a record joined into another node (an ``Alias``) -> that
    node's id; one that names a statement of another record -> that record's id, or the node
    that record was joined into."""
    if end in present or end.startswith(UNSPECIFIED_PREFIX):
        return end
    return owner.get(end, end)


def _chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, size)):
        yield chunk
