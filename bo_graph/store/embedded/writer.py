"""The embedded store's write side: one SQLite transaction per batch, idempotent.

Each statement is written once (keyed by statement id). The latest version of a record (by
statement date, then arrival order) becomes the current row in ``nodes``/``edges``; every version
stays in ``node_versions``/``edge_versions`` and ``statements``. A crash mid-import loses at most
the open transaction; re-running the import skips what is already stored as duplicates.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import orjson

from bo_graph.model.codes import RecordStatus
from bo_graph.model.graph import UNSPECIFIED_PREFIX, NodeDetails, NodeKind, unspecified_node_id
from bo_graph.model.records import (
    EntityDetails,
    PartyRef,
    PersonDetails,
    RelationshipDetails,
    Statement,
    Unspecified,
)
from bo_graph.store.base import Conflict, WriteResult
from bo_graph.store.serial import (
    content_hash,
    details_payload,
    fold,
    node_kind,
    raw_payload,
)


@dataclass
class _Current:
    date: str
    seq: int


def _ids_json(ids: Iterable[str]) -> str:
    return orjson.dumps(list(ids)).decode()


def _names(details: NodeDetails) -> list[str]:
    if isinstance(details, PersonDetails):
        return [n.full_name for n in details.names]
    if isinstance(details, EntityDetails):
        return [details.name, *details.alternate_names]
    return [details.description or details.reason.value]


def _identifier_keys(details: NodeDetails) -> set[str]:
    if isinstance(details, Unspecified):
        return set()
    return {k for k in (i.key for i in details.identifiers) if k}


class BatchWriter:
    """Writes one batch inside one transaction. Create one per batch."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.result = WriteResult()
        self.seq = int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM statements").fetchone()[0])
        self.node_current: dict[str, _Current] = {}
        self.edge_current: dict[str, _Current] = {}
        self.known_nodes: set[str] = set()

    def write(self, statements: Sequence[Statement]) -> WriteResult:
        fresh = self._drop_stored(statements)
        self._load_current(fresh)
        for statement in fresh:
            self.seq += 1
            record_uid = self._record_uid(statement)
            self._insert_statement(statement, record_uid)
            if isinstance(statement.details, RelationshipDetails):
                self._write_edge(statement, record_uid, statement.details)
                self._close_replaced(statement)
            else:
                self._write_node(statement, record_uid, statement.details, statement.statement_date)
            self.result.loaded += 1
        return self.result

    # -- deduplication ------------------------------------------------------------------------
    def _drop_stored(self, statements: Sequence[Statement]) -> list[Statement]:
        stored = dict(
            self.conn.execute(
                "SELECT statement_id, content_hash FROM statements "
                "WHERE statement_id IN (SELECT value FROM json_each(?))",
                (_ids_json(s.statement_id for s in statements),),
            ).fetchall()
        )
        fresh: list[Statement] = []
        for statement in statements:
            digest = content_hash(statement.raw)
            seen = stored.get(statement.statement_id)
            if seen is None:
                stored[statement.statement_id] = digest
                fresh.append(statement)
            elif seen == digest:
                self.result.duplicates += 1
            else:
                self.result.conflicts.append(
                    Conflict(
                        statement,
                        f"statement id {statement.statement_id!r} is already stored with "
                        "different content",
                    )
                )
        return fresh

    def _load_current(self, statements: Sequence[Statement]) -> None:
        uids = {s.record_id for s in statements}
        refs = {
            r
            for s in statements
            if isinstance(s.details, RelationshipDetails)
            for r in (s.details.subject, s.details.interested_party)
            if isinstance(r, str)
        }
        for table, target in (("nodes", self.node_current), ("edges", self.edge_current)):
            rows = self.conn.execute(
                f"SELECT id, COALESCE(statement_date, ''), seq FROM {table} "
                "WHERE id IN (SELECT value FROM json_each(?))",
                (_ids_json(uids | refs if table == "nodes" else uids),),
            )
            for uid, date, seq in rows:
                target[uid] = _Current(date, seq)
        self.known_nodes = set(self.node_current)

    def _record_uid(self, statement: Statement) -> str:
        """BODS 0.1-0.3: a person or entity statement that replaces a stored one continues that
        one's record. (A replacing relationship statement opens a record of its own and closes
        the replaced ones: one ownership may be replaced by several.)"""
        if isinstance(statement.details, RelationshipDetails):
            return statement.record_id
        for replaced in statement.replaces:
            row = self.conn.execute(
                "SELECT record_uid FROM statements WHERE statement_id = ?", (replaced,)
            ).fetchone()
            if row is not None:
                return str(row[0])
        return statement.record_id

    # -- rows ----------------------------------------------------------------------------------
    def _insert_statement(self, s: Statement, record_uid: str) -> None:
        p = s.provenance
        self.conn.execute(
            "INSERT INTO statements VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                s.statement_id,
                record_uid,
                s.record_type.value,
                s.record_status.value,
                s.statement_date,
                self.seq,
                p.source,
                p.file,
                p.position,
                p.publication_date,
                p.retrieved_at,
                p.source_format,
                content_hash(s.raw),
                raw_payload(s),
            ),
        )

    def _wins(self, current: dict[str, _Current], uid: str, date: str | None) -> bool:
        now = _Current(date or "", self.seq)
        held = current.get(uid)
        if held is not None and (held.date, held.seq) > (now.date, now.seq):
            return False
        current[uid] = now
        return True

    def _write_node(
        self, s: Statement, uid: str, details: NodeDetails, date: str | None, closed: bool = False
    ) -> None:
        closed = closed or s.record_status is RecordStatus.CLOSED
        payload = details_payload(details, s.provenance)
        self.conn.execute(
            "INSERT OR IGNORE INTO node_versions VALUES (?,?,?,?,?,?)",
            (f"{s.statement_id}#{uid}", uid, date, self.seq, int(closed), payload),
        )
        if not self._wins(self.node_current, uid, date):
            return
        names = [n for n in _names(details) if n]
        name = names[0] if names else ""
        rowid = self.conn.execute(
            "INSERT INTO nodes (id, record_id, kind, name, name_fold, statement_id, statement_date,"
            " seq, closed, details) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET"
            " record_id=excluded.record_id, kind=excluded.kind, name=excluded.name,"
            " name_fold=excluded.name_fold, statement_id=excluded.statement_id,"
            " statement_date=excluded.statement_date, seq=excluded.seq, closed=excluded.closed,"
            " details=excluded.details RETURNING rowid",
            (
                uid,
                s.record_id,
                node_kind(details).value,
                name,
                fold(name),
                s.statement_id,
                date,
                self.seq,
                int(closed),
                payload,
            ),
        ).fetchone()[0]
        self.known_nodes.add(uid)
        self._index_node(uid, int(rowid), names, details)

    def _index_node(self, uid: str, rowid: int, names: list[str], details: NodeDetails) -> None:
        self.conn.execute("DELETE FROM identifiers WHERE node_id = ?", (uid,))
        self.conn.executemany(
            "INSERT OR IGNORE INTO identifiers VALUES (?, ?)",
            [(key, uid) for key in _identifier_keys(details)],
        )
        text = " | ".join(fold(n) for n in names)
        for table in ("names_fts", "names_trigram"):
            self.conn.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))
            self.conn.execute(
                f"INSERT INTO {table} (rowid, node_id, text) VALUES (?,?,?)", (rowid, uid, text)
            )

    def _end(self, s: Statement, uid: str, ref: PartyRef, role: str) -> str:
        if isinstance(ref, str):
            return ref
        node = unspecified_node_id(uid, role)
        self._write_node(s, node, ref, s.statement_date, closed=False)
        return node

    def _write_edge(self, s: Statement, uid: str, details: RelationshipDetails) -> None:
        subject = self._end(s, uid, details.subject, "subject")
        party = self._end(s, uid, details.interested_party, "interestedParty")
        closed = int(s.record_status is RecordStatus.CLOSED)
        payload = details_payload(details, s.provenance)
        self.conn.execute(
            "INSERT INTO edge_versions VALUES (?,?,?,?,?,?,?,?)",
            (s.statement_id, uid, subject, party, s.statement_date, self.seq, closed, payload),
        )
        if not self._wins(self.edge_current, uid, s.statement_date):
            return
        resolved = int(subject in self.known_nodes and party in self.known_nodes)
        types = " ".join(sorted({i.type.value if i.type else "untyped" for i in details.interests}))
        self.conn.execute(
            "INSERT OR REPLACE INTO edges VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                uid,
                subject,
                party,
                s.statement_id,
                s.statement_date,
                self.seq,
                closed,
                resolved,
                types,
                payload,
            ),
        )

    def _close_replaced(self, s: Statement) -> None:
        """Close the relationship records a BODS 0.1-0.3 statement replaces, as of its date."""
        for replaced in s.replaces:
            row = self.conn.execute(
                "SELECT e.id, e.subject, e.party, e.details FROM statements st JOIN edges e "
                "ON e.id = st.record_uid WHERE st.statement_id = ?",
                (replaced,),
            ).fetchone()
            if row is None:
                continue
            edge_id, subject, party, payload = row
            self.conn.execute(
                "INSERT OR IGNORE INTO edge_versions VALUES (?,?,?,?,?,?,?,?)",
                (
                    f"{s.statement_id}#closes#{edge_id}",
                    edge_id,
                    subject,
                    party,
                    s.statement_date,
                    self.seq,
                    1,
                    payload,
                ),
            )
            if self._wins(self.edge_current, edge_id, s.statement_date):
                self.conn.execute(
                    "UPDATE edges SET closed = 1, statement_date = ?, seq = ? WHERE id = ?",
                    (s.statement_date, self.seq, edge_id),
                )


def resolve_references(conn: sqlite3.Connection) -> None:
    """Point unresolved edge ends at their records: a BODS 0.1-0.3 reference names a statement,
    which may belong to a record whose id is another statement's. Idempotent."""
    for column in ("subject", "party"):
        for table in ("edges", "edge_versions"):
            conn.execute(
                f"UPDATE {table} SET {column} = (SELECT s.record_uid FROM statements s "
                f"WHERE s.statement_id = {table}.{column}) "
                f"WHERE {column} NOT IN (SELECT id FROM nodes) AND {column} NOT LIKE ? "
                f"AND EXISTS (SELECT 1 FROM statements s WHERE s.statement_id = {table}.{column}"
                f" AND s.record_uid != {table}.{column})"
                + (" AND resolved = 0" if table == "edges" else ""),
                (UNSPECIFIED_PREFIX + "%",),
            )
    conn.execute(
        "UPDATE edges SET resolved = 1 WHERE resolved = 0 "
        "AND subject IN (SELECT id FROM nodes) AND party IN (SELECT id FROM nodes)"
    )


__all__ = ["BatchWriter", "NodeKind", "resolve_references"]
