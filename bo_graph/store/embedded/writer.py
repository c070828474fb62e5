"""The embedded store's write side: one SQLite transaction per batch, idempotent.

Each statement is written once (keyed by statement id). The latest version of a record (by
statement date, then arrival order) becomes the current row in ``nodes``/``edges``; every version
stays in ``node_versions``/``edge_versions`` and ``statements``. Rows are collected per table and
written with one ``executemany`` each. A crash mid-import loses at most the open transaction;
re-running the import skips what is already stored as duplicates.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from bo_graph.model.bods04_index import identifier_keys, interest_types, party_names, party_ref
from bo_graph.model.bods04_out import unspecified_to
from bo_graph.model.codes import RecordStatus, RecordType
from bo_graph.model.graph import UNSPECIFIED_PREFIX, NodeKind, unspecified_node_id
from bo_graph.model.records import Unspecified
from bo_graph.model.statement import Statement
from bo_graph.store.admission import Fresh, admit, records_to_compare, stored_versions
from bo_graph.store.base import WriteResult
from bo_graph.store.embedded.identity import join_identities
from bo_graph.store.embedded.node_index import search_fields, search_rowid, unspecified_names
from bo_graph.store.identity import Merge
from bo_graph.store.serial import payload_of, raw_payload

Row = tuple[Any, ...]


def _ids_json(ids: Iterable[str]) -> str:
    return orjson.dumps(list(ids)).decode()


@dataclass
class _Rows:
    """Rows to write, per table; current rows keyed by record so the last winner is written."""

    statements: list[Row] = field(default_factory=list)
    node_versions: list[Row] = field(default_factory=list)
    edge_versions: list[Row] = field(default_factory=list)
    nodes: dict[str, Row] = field(default_factory=dict)
    node_index: dict[str, tuple[set[str], str]] = field(default_factory=dict)
    edges: dict[str, Row] = field(default_factory=dict)
    closes: list[Row] = field(default_factory=list)
    moves: dict[str, list[Row]] = field(default_factory=lambda: {"nodes": [], "edges": []})


def _node_version(row: Row) -> Row:
    """A ``nodes`` row as a ``node_versions`` row (history)."""
    uid, statement_id, date, seq, closed, payload = row[0], row[5], row[6], row[7], row[8], row[9]
    return (f"{statement_id}#{uid}", uid, date, seq, closed, payload)


def _edge_version(row: Row) -> Row:
    """An ``edges`` row as an ``edge_versions`` row (history)."""
    return (row[3], row[0], row[1], row[2], row[4], row[5], row[6], row[9])


class BatchWriter:
    """Writes one batch inside one transaction. Create one per batch."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.result = WriteResult()
        row = conn.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()
        self.seq = int(row[0]) if row else 0
        self.current: dict[str, tuple[str, int]] = {}
        self.known_nodes: set[str] = set()
        self.stored: dict[str, set[str]] = {"nodes": set(), "edges": set()}
        """Records whose current row is in the database (so an update moves it to history)."""
        self.loaded: set[str] = set()
        """Ids whose stored state has been looked up in this batch."""
        self.rows = _Rows()

    def write(self, statements: Sequence[Statement]) -> WriteResult:
        fresh = self._admit(statements)
        self._load_current(fresh)
        for statement, digest in fresh:
            self.seq += 1
            if statement.replaces:
                self._flush()  # replacement looks up stored rows
            record_uid = self._record_uid(statement)
            self._add_statement(statement, record_uid, digest)
            if statement.is_relationship:
                self._add_edge(statement, record_uid)
                if statement.replaces:
                    self._flush()
                    self._close_replaced(statement)
            else:
                self._add_node(statement, record_uid)
            self.result.loaded += 1
        self._flush()
        self.conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('seq', ?)", (str(self.seq),)
        )
        return self.result

    # -- deduplication ------------------------------------------------------------------------
    def _admit(self, statements: Sequence[Statement]) -> Fresh:
        stored = dict(
            self.conn.execute(
                "SELECT statement_id, content_hash FROM statements "
                "WHERE statement_id IN (SELECT value FROM json_each(?))",
                (_ids_json(s.statement_id for s in statements),),
            ).fetchall()
        )
        records = records_to_compare(statements, stored)
        versions = stored_versions(
            self.conn.execute(
                "SELECT record_uid, source_format, statement_id, content_hash, "
                "publication_date, statement_date, seq FROM statements "
                "WHERE record_uid IN (SELECT value FROM json_each(?))",
                (_ids_json(records),),
            ).fetchall()
            if records
            else ()
        )
        fresh, result = admit(statements, stored, records, versions)
        self.result.duplicates += result.duplicates
        self.result.conflicts += result.conflicts
        return fresh

    def _load_current(self, fresh: Sequence[tuple[Statement, str]]) -> None:
        """What the store holds for the records this batch touches: their current versions
        (to decide which version wins) and the parties that exist (to resolve ends)."""
        uids: set[str] = set()
        for statement, _ in fresh:
            uids.add(statement.record_id)
            if statement.is_relationship:
                details = statement.bods_details
                for role, key in (("subject", "subject"), ("interestedParty", "interestedParty")):
                    end = details.get(key)
                    uids.add(
                        end
                        if isinstance(end, str)
                        else unspecified_node_id(statement.record_id, role)
                    )
        self._load(uids)

    def _load(self, uids: set[str]) -> None:
        for table in ("nodes", "edges"):
            rows = self.conn.execute(
                f"SELECT id, COALESCE(statement_date, ''), seq FROM {table} "
                "WHERE id IN (SELECT value FROM json_each(?))",
                (_ids_json(uids),),
            )
            for uid, date, seq in rows:
                self.current[f"{table}:{uid}"] = (date, seq)
                self.stored[table].add(uid)
                if table == "nodes":
                    self.known_nodes.add(uid)
        self.loaded.update(uids)

    def _record_uid(self, statement: Statement) -> str:
        """BODS 0.1-0.3: a person or entity statement that replaces a stored one continues that
        one's record. (A replacing relationship statement opens a record of its own and closes
        the replaced ones: one ownership may be replaced by several.)"""
        if statement.is_relationship:
            return statement.record_id
        for replaced in statement.replaces:
            row = self.conn.execute(
                "SELECT record_uid FROM statements WHERE statement_id = ?", (replaced,)
            ).fetchone()
            if row is not None:
                return str(row[0])
        return statement.record_id

    def _wins(self, table: str, uid: str, date: str | None) -> bool:
        if uid not in self.loaded:  # e.g. the record a BODS 0.1-0.3 statement continues
            self._load({uid})
        key, now = f"{table}:{uid}", (date or "", self.seq)
        held = self.current.get(key)
        if held is not None and held > now:
            return False
        self.current[key] = now
        return True

    def _supersede(self, table: str, uid: str) -> None:
        """The current row of ``uid`` is about to be replaced: keep it as history."""
        if table == "nodes":
            pending_node = self.rows.nodes.get(uid)
            if pending_node is not None:
                self.rows.node_versions.append(_node_version(pending_node))
                return
        else:
            pending_edge = self.rows.edges.get(uid)
            if pending_edge is not None:
                self.rows.edge_versions.append(_edge_version(pending_edge))
                return
        if uid in self.stored[table]:
            self.rows.moves[table].append((uid,))

    # -- rows ----------------------------------------------------------------------------------
    def _add_statement(self, s: Statement, record_uid: str, digest: str) -> None:
        p = s.provenance
        self.rows.statements.append(
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
                digest,
                raw_payload(s),
            )
        )

    def _add_node(self, s: Statement, uid: str, unspecified: Unspecified | None = None) -> None:
        closed = unspecified is None and s.record_status is RecordStatus.CLOSED
        date = s.statement_date
        body: Mapping[str, Any]
        if unspecified is not None:
            body, kind = unspecified_to(unspecified), NodeKind.UNSPECIFIED
            names = unspecified_names(unspecified)
            keys: set[str] = set()
        else:
            body = s.bods_details
            kind = NodeKind.PERSON if s.record_type is RecordType.PERSON else NodeKind.ENTITY
            names, keys = party_names(body, kind is NodeKind.PERSON), identifier_keys(body)
        payload = payload_of(body, s.provenance)
        self.known_nodes.add(uid)
        if not self._wins("nodes", uid, date):
            version = (f"{s.statement_id}#{uid}", uid, date, self.seq, int(closed), payload)
            self.rows.node_versions.append(version)
            return
        self._supersede("nodes", uid)
        name, name_fold, search_text = search_fields(names)
        self.rows.nodes[uid] = (
            uid,
            s.record_id,
            kind.value,
            name,
            name_fold,
            s.statement_id,
            date,
            self.seq,
            int(closed),
            payload,
        )
        self.rows.node_index[uid] = (keys, search_text)

    def _end(self, s: Statement, uid: str, value: Any, role: str) -> str:
        ref = party_ref(value)
        if isinstance(ref, str):
            return ref
        node = unspecified_node_id(uid, role)
        self._add_node(s, node, ref)
        return node

    def _add_edge(self, s: Statement, uid: str) -> None:
        details = s.bods_details
        subject = self._end(s, uid, details.get("subject"), "subject")
        party = self._end(s, uid, details.get("interestedParty"), "interestedParty")
        closed = int(s.record_status is RecordStatus.CLOSED)
        payload = payload_of(details, s.provenance)
        date = s.statement_date
        if not self._wins("edges", uid, date):
            version = (s.statement_id, uid, subject, party, date, self.seq, closed, payload)
            self.rows.edge_versions.append(version)
            return
        self._supersede("edges", uid)
        resolved = int(subject in self.known_nodes and party in self.known_nodes)
        self.rows.edges[uid] = (
            uid,
            subject,
            party,
            s.statement_id,
            date,
            self.seq,
            closed,
            resolved,
            interest_types(details),
            payload,
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
            edge_id = row[0]
            closing_id = f"{s.statement_id}#closes#{edge_id}"
            if self._wins("edges", edge_id, s.statement_date):
                self.stored["edges"].add(edge_id)
                self._supersede("edges", edge_id)
                self.rows.closes.append((closing_id, s.statement_date, self.seq, edge_id))
            else:
                self.rows.edge_versions.append(
                    (closing_id, edge_id, row[1], row[2], s.statement_date, self.seq, 1, row[3])
                )
        self._flush()

    def _flush(self) -> None:
        rows, self.rows = self.rows, _Rows()
        c = self.conn
        reindexed = [uid for uid in rows.node_index if uid in self.stored["nodes"]]
        for uid in rows.nodes:
            self.stored["nodes"].add(uid)
        for uid in rows.edges:
            self.stored["edges"].add(uid)
        c.executemany(
            "INSERT INTO statements VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows.statements
        )
        c.executemany(
            "INSERT OR IGNORE INTO node_versions SELECT statement_id || '#' || id, id,"
            " statement_date, seq, closed, details FROM nodes WHERE id = ?",
            rows.moves["nodes"],
        )
        c.executemany(
            "INSERT OR IGNORE INTO edge_versions SELECT statement_id, id, subject, party,"
            " statement_date, seq, closed, details FROM edges WHERE id = ?",
            rows.moves["edges"],
        )
        c.executemany(
            "INSERT OR IGNORE INTO node_versions VALUES (?,?,?,?,?,?)", rows.node_versions
        )
        c.executemany(
            "INSERT INTO nodes (id, record_id, kind, name, name_fold, statement_id, statement_date,"
            " seq, closed, details) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET"
            " record_id=excluded.record_id, kind=excluded.kind, name=excluded.name,"
            " name_fold=excluded.name_fold, statement_id=excluded.statement_id,"
            " statement_date=excluded.statement_date, seq=excluded.seq, closed=excluded.closed,"
            " details=excluded.details",
            rows.nodes.values(),
        )
        self._index_nodes(rows.node_index, reindexed)
        c.executemany(
            "INSERT OR IGNORE INTO edge_versions VALUES (?,?,?,?,?,?,?,?)", rows.edge_versions
        )
        c.executemany(
            "INSERT OR REPLACE INTO edges VALUES (?,?,?,?,?,?,?,?,?,?)", rows.edges.values()
        )
        c.executemany(
            "UPDATE edges SET closed = 1, statement_id = ?, statement_date = ?, seq = ? "
            "WHERE id = ?",
            rows.closes,
        )

    def _index_nodes(self, index: dict[str, tuple[set[str], str]], reindexed: list[str]) -> None:
        """Identifier and name-search rows of the nodes written; ``reindexed`` nodes were
        stored before, so their old rows go first (a new node has none to look for)."""
        c = self.conn
        c.executemany("DELETE FROM identifiers WHERE node_id = ?", [(uid,) for uid in reindexed])
        c.executemany(
            "DELETE FROM names_fts WHERE rowid = ?", [(search_rowid(u),) for u in reindexed]
        )
        c.executemany(
            "INSERT OR IGNORE INTO identifiers VALUES (?, ?)",
            [(key, uid) for uid, (keys, _) in index.items() for key in keys],
        )
        # in rowid order: FTS5 writes its pending terms out as a new segment whenever a rowid
        # is not above the last one, so hash order would make a segment of nearly every row
        rowids = sorted((search_rowid(uid), uid, text) for uid, (_, text) in index.items())
        c.executemany("INSERT INTO names_fts (rowid, node_id, text) VALUES (?,?,?)", rowids)


def resolve_references(conn: sqlite3.Connection, since: int = 0) -> tuple[list[Merge], list[str]]:
    """Point unresolved edge ends at their records: a BODS 0.1-0.3 reference names a statement,
        which may belong to a record whose id is another statement's. Then join the entities that
        share an identifier (``store.identity``); return the joins and the relationships they left
    out as loops. Idempotent."""
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
    joins = join_identities(conn, since)
    conn.execute(
        "UPDATE edges SET resolved = 1 WHERE resolved = 0 "
        "AND subject IN (SELECT id FROM nodes) AND party IN (SELECT id FROM nodes)"
    )
    return joins
