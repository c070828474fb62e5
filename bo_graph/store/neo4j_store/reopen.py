"""A joined node is closed only when every one of its records is (``store.identity``).

After the joins, :func:`reopen_joined` looks at each ``Party`` that has aliases and is closed,
was joined in this import or got a version from it (a late one may be older than its record's
latest). Its versions are its ``NodeVersion`` nodes (a joined party has one for every version,
its current state included; ``vid`` = ``<statement id>#<id>``, one of the node's ids), each
belonging to the record of its statement (``record_uid``: a joined record's statements keep
their own). When :func:`bo_graph.store.identity.current_of_joined` picks another version (the
latest open one among the records' latest versions), the ``Party`` takes that version's state:
its statement, stamp, ``closed``, ``details``, record and the names the writer derives from its
details (:func:`plan.name_fields`). The version nodes stay as they are, so dated reads still see
every version. One transaction under the store's write lock; idempotent: a node showing the
version the rule picks is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any, LiteralString

import orjson
from neo4j import ManagedTransaction

from bo_graph.model.bods04_index import party_names
from bo_graph.model.graph import NodeKind
from bo_graph.store.history import statement_of_version
from bo_graph.store.identity import RecordVersion, current_of_joined
from bo_graph.store.neo4j_store.connection import Connection
from bo_graph.store.neo4j_store.plan import name_fields
from bo_graph.store.neo4j_store.writer import lock_and_read_seq

LOOKUP_BATCH = 10_000
"""Statement ids per query when reading the records of versions."""

JOINED_TO_CHECK: LiteralString = """
MATCH (a:Alias)
WITH a.node_id AS id, collect(a.record_id) AS records
MATCH (p:Party {id: id}) WHERE p.closed OR p.seq > $since OR p.id IN $joined_now
CALL (p) {
    MATCH (v:NodeVersion {node_id: p.id})
    RETURN collect(v {.vid, .statement_date, .seq, .closed}) AS versions
}
RETURN p.id AS id, p.statement_id AS statement_id, records, versions
"""
"""Parties that have aliases, closed, joined in this import (``$joined_now``) or written by it
(``seq`` after ``$since``: a version that arrived late may be older than its record's latest),
with the ids of the records joined into them and their versions (without ``details``: only the
chosen version's are read)."""
RECORDS_OF_STATEMENTS: LiteralString = """
UNWIND $ids AS id
MATCH (s:Statement {statement_id: id})
RETURN id, s.record_uid AS uid
"""
VERSION_STATES: LiteralString = """
UNWIND $rows AS row
MATCH (v:NodeVersion {vid: row.vid}) WHERE v.node_id = row.id
MATCH (p:Party {id: row.id})
RETURN row.vid AS vid, p.kind AS kind, v.statement_date AS statement_date, v.seq AS seq,
       v.closed AS closed, v.details AS details
"""
MAKE_CURRENT: LiteralString = """
UNWIND $rows AS row
MATCH (p:Party {id: row.id})
SET p += row.state
"""
"""The party mirrors the chosen version (a missing ``statement_date`` is removed, as the writer
leaves it out)."""


def reopen_joined(connection: Connection, joined_now: Sequence[str] = (), since: int = 0) -> None:
    """Make current the version :func:`current_of_joined` picks on each joined node that is
    closed (by one record alone, perhaps), was joined in this import (``joined_now``) or got a
    version from it (``seq`` after ``since``)."""
    connection.write(partial(_reopen_joined, joined_now=list(joined_now), since=since))


def _reopen_joined(tx: ManagedTransaction, joined_now: list[str], since: int) -> None:
    lock_and_read_seq(tx)
    rows = tx.run(JOINED_TO_CHECK, joined_now=joined_now, since=since)
    nodes = [dict(record) for record in rows]
    if not nodes:
        return
    statement_ids = {
        statement_id
        for node in nodes
        for vid in _vids(node)
        if (statement_id := statement_of_version(vid, _node_ids(node))) is not None
    }
    record_of = _records_of(tx, sorted(statement_ids))
    chosen = [
        {
            "id": node["id"],
            "vid": version.version_id,
            "record_id": version.record_id,
            "statement_id": version.statement_id,
        }
        for node in nodes
        if (version := _choose(node, record_of)) is not None
    ]
    if chosen:
        tx.run(MAKE_CURRENT, rows=_states(tx, chosen)).consume()


def _node_ids(node: dict[str, Any]) -> list[str]:
    """The ids a version id of the node can end in: its own and its aliases' record ids."""
    return [str(node["id"]), *(str(r) for r in node["records"])]


def _vids(node: dict[str, Any]) -> Iterable[str]:
    return (str(v["vid"]) for v in node["versions"])


def _records_of(tx: ManagedTransaction, statement_ids: Sequence[str]) -> dict[str, str]:
    """The record (``record_uid``) of each stored statement."""
    out: dict[str, str] = {}
    for start in range(0, len(statement_ids), LOOKUP_BATCH):
        chunk = list(statement_ids[start : start + LOOKUP_BATCH])
        for record in tx.run(RECORDS_OF_STATEMENTS, ids=chunk):
            out[str(record["id"])] = str(record["uid"])
    return out


def _choose(node: dict[str, Any], record_of: dict[str, str]) -> RecordVersion | None:
    """The version to make current, or None when the current one stays (or the node's current
    state is not among its versions: then nothing is known well enough to change it)."""
    versions = []
    for row in node["versions"]:
        statement_id = statement_of_version(str(row["vid"]), _node_ids(node))
        record_id = record_of.get(statement_id) if statement_id is not None else None
        if statement_id is None or record_id is None:
            continue
        stamp = (str(row["statement_date"] or ""), int(row["seq"]))
        versions.append(
            RecordVersion(str(row["vid"]), record_id, stamp, bool(row["closed"]), statement_id)
        )
    if not any(v.statement_id == node["statement_id"] for v in versions):
        return None
    chosen = current_of_joined(versions)
    return None if chosen.statement_id == node["statement_id"] else chosen


def _states(tx: ManagedTransaction, chosen: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Rows ``{id, state}``: the party properties of each chosen version."""
    by_vid = {row["vid"]: row for row in chosen}
    rows = []
    for record in tx.run(VERSION_STATES, rows=chosen):
        row = by_vid[str(record["vid"])]
        details = str(record["details"])
        names = party_names(orjson.loads(details)["d"], record["kind"] == NodeKind.PERSON.value)
        state = {
            "statement_id": row["statement_id"],
            "statement_date": record["statement_date"],
            "seq": record["seq"],
            "closed": record["closed"],
            "details": details,
            "record_id": row["record_id"],
            **name_fields(names),
        }
        rows.append({"id": row["id"], "state": state})
    return rows
