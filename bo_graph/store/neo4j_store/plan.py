"""What one batch changes, worked out in Python before any Cypher runs.

:class:`BatchPlanner` replays the embedded store's writer (``embedded/writer.py``) statement by
statement over a :class:`Snapshot` of what the store already holds, and returns the rows to write
as plain dicts (:class:`BatchRows`). Keeping the decisions here means both backends share one set
of rules: latest version wins by (statement date, arrival order), BODS 0.1-0.3 ``replaces``
continues a party record and closes a relationship record. Which statements are fresh (not
duplicates nor conflicts) is decided before, in :mod:`bo_graph.store.admission`. The writer
then sends each row list as one parameterised ``UNWIND`` query.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import orjson

from bo_graph.model.bods04_index import (
    identifier_keys,
    interest_types,
    party_names,
    party_ref,
    shareholding_bounds,
)
from bo_graph.model.bods04_out import unspecified_to
from bo_graph.model.codes import RecordStatus, RecordType
from bo_graph.model.graph import NodeKind, unspecified_node_id
from bo_graph.model.records import Unspecified
from bo_graph.model.statement import Statement
from bo_graph.store.admission import Fresh
from bo_graph.store.base import WriteResult
from bo_graph.store.neo4j_store.fulltext import search_text
from bo_graph.store.serial import fold, payload_of

Row = dict[str, Any]
Stamp = tuple[str, int]
"""The order of versions of one record: (statement date or "", seq)."""


@dataclass(frozen=True)
class EdgeRow:
    """The current version of one relationship record, as stored on ``HOLDS``/``PendingEdge``."""

    id: str
    subject: str
    party: str
    statement_id: str
    statement_date: str | None
    seq: int
    closed: bool
    types: str
    details: str
    share_min: float | None = None
    """Open shareholding bounds in percent, for analysts' plain Cypher (``details`` is JSON)."""
    share_max: float | None = None

    @property
    def stamp(self) -> Stamp:
        return (self.statement_date or "", self.seq)

    def to_row(self) -> Row:
        return dict(self.__dict__)

    @classmethod
    def from_row(cls, row: Row) -> EdgeRow:
        return cls(
            id=str(row["id"]), subject=str(row["subject"]), party=str(row["party"]),
            statement_id=str(row["statement_id"]), statement_date=row.get("statement_date"),
            seq=int(row["seq"]), closed=bool(row["closed"]), types=str(row.get("types") or ""),
            details=str(row["details"]), share_min=row.get("share_min"),
            share_max=row.get("share_max"),
        )  # fmt: skip


@dataclass
class Snapshot:
    """What the store holds that one batch needs, read inside the batch's transaction."""

    seq: int
    record_uids: dict[str, str] = field(default_factory=dict)
    """Record uid of each stored statement the batch names (itself or one it replaces)."""
    node_stamps: dict[str, Stamp] = field(default_factory=dict)
    edges: dict[str, EdgeRow] = field(default_factory=dict)


"""Statements not stored yet, each with its content hash."""


@dataclass
class BatchRows:
    """The rows one batch writes, each list one ``UNWIND`` query."""

    result: WriteResult
    seq: int
    statements: list[Row] = field(default_factory=list)
    nodes: dict[str, Row] = field(default_factory=dict)
    node_versions: list[Row] = field(default_factory=list)
    edge_versions: list[Row] = field(default_factory=list)
    edges: dict[str, EdgeRow] = field(default_factory=dict)
    stored_nodes: frozenset[str] = frozenset()
    """Party ids the snapshot found stored; every other party row is new in this batch."""
    stored_edges: frozenset[str] = frozenset()
    """Relationship ids with a stored current version (``HOLDS`` or ``PendingEdge``)."""

    def new_parties(self) -> list[Row]:
        """Parties no transaction stored yet: created, with their identifier links."""
        return [row for uid, row in self.nodes.items() if uid not in self.stored_nodes]

    def stored_parties(self) -> list[Row]:
        """Parties whose stored current version this batch supersedes."""
        return [row for uid, row in self.nodes.items() if uid in self.stored_nodes]

    def versioned_stored_nodes(self) -> list[str]:
        """Stored parties that gain a version: their stored one needs its own version node."""
        return sorted({r["node_id"] for r in self.node_versions} & self.stored_nodes)

    def versioned_stored_edges(self) -> list[str]:
        """Stored relationship records that gain a version, likewise."""
        return sorted({r["edge_id"] for r in self.edge_versions} & self.stored_edges)

    def new_edges(self) -> list[Row]:
        """Relationship records without a stored current version: nothing to delete first."""
        return [e.to_row() for uid, e in self.edges.items() if uid not in self.stored_edges]

    def replaced_edges(self) -> list[Row]:
        """Relationship records whose stored current version is replaced."""
        return [e.to_row() for uid, e in self.edges.items() if uid in self.stored_edges]


# -- which stored facts a batch needs -----------------------------------------------------------


def statement_ids_needed(statements: Sequence[Statement]) -> list[str]:
    """Statement ids to look up first: the batch's own and those it replaces."""
    ids = {s.statement_id for s in statements}
    ids.update(r for s in statements for r in s.replaces)
    return sorted(ids)


def node_ids_needed(statements: Sequence[Statement], record_uids: Iterable[str]) -> list[str]:
    """Party ids whose current version the batch may supersede: its records, the records the
    replaced statements belong to, and every relationship end."""
    ids = {s.record_id for s in statements} | set(record_uids)
    for s in statements:
        if s.is_relationship:
            ids.update(_end_ids(s))
    return sorted(ids)


def edge_ids_needed(statements: Sequence[Statement], record_uids: Iterable[str]) -> list[str]:
    """Relationship ids whose current version the batch may supersede or close."""
    return sorted({s.record_id for s in statements} | set(record_uids))


def _end_ids(relationship: Statement) -> list[str]:
    ends = [(relationship.bods_details.get(role), role) for role in ("subject", "interestedParty")]
    return [
        value if isinstance(value, str) else unspecified_node_id(relationship.record_id, role)
        for value, role in ends
    ]


# -- the replay -----------------------------------------------------------------------------------


class BatchPlanner:
    """Replays the embedded writer's decisions for one batch. Create one per batch attempt."""

    def __init__(self, snapshot: Snapshot, result: WriteResult) -> None:
        self.seq = snapshot.seq
        self.record_uids = dict(snapshot.record_uids)
        self.node_stamps = dict(snapshot.node_stamps)
        self.edges = dict(snapshot.edges)
        self.rows = BatchRows(
            result,
            snapshot.seq,
            stored_nodes=frozenset(snapshot.node_stamps),
            stored_edges=frozenset(snapshot.edges),
        )

    def plan(self, fresh: Fresh) -> BatchRows:
        for statement, digest in fresh:
            self.seq += 1
            record_uid = self._record_uid(statement)
            self._add_statement(statement, record_uid, digest)
            if statement.is_relationship:
                self._write_edge(statement, record_uid)
                self._close_replaced(statement)
            else:
                self._write_node(statement, record_uid)
            self.rows.result.loaded += 1
        self.rows.seq = self.seq
        rows = self.rows
        rows.node_versions = _needed_versions(rows.node_versions, "node_id", rows.stored_nodes)
        rows.edge_versions = _needed_versions(rows.edge_versions, "edge_id", rows.stored_edges)
        return rows

    def _record_uid(self, statement: Statement) -> str:
        """BODS 0.1-0.3: a party statement that replaces a stored one continues its record."""
        if statement.is_relationship:
            return statement.record_id
        for replaced in statement.replaces:
            if replaced in self.record_uids:
                return self.record_uids[replaced]
        return statement.record_id

    def _wins(self, stamps: dict[str, Stamp], uid: str, date: str | None) -> bool:
        now = (date or "", self.seq)
        held = stamps.get(uid)
        if held is not None and held > now:
            return False
        stamps[uid] = now
        return True

    def _add_statement(self, s: Statement, record_uid: str, digest: str) -> None:
        self.record_uids[s.statement_id] = record_uid
        p = s.provenance
        self.rows.statements.append({
            "statement_id": s.statement_id, "record_uid": record_uid,
            "record_type": s.record_type.value, "record_status": s.record_status.value,
            "statement_date": s.statement_date, "seq": self.seq, "source": p.source,
            "file": p.file, "position": p.position, "publication_date": p.publication_date,
            "retrieved_at": p.retrieved_at, "source_format": p.source_format,
            "content_hash": digest, "record": orjson.dumps(s.raw).decode(),
        })  # fmt: skip

    # -- parties ----------------------------------------------------------------------------------
    def _write_node(self, s: Statement, uid: str, unspecified: Unspecified | None = None) -> None:
        closed = unspecified is None and s.record_status is RecordStatus.CLOSED
        date = s.statement_date
        body, kind, names, keys = _party_index(s, unspecified)
        payload = payload_of(body, s.provenance).decode()
        self.rows.node_versions.append({
            "vid": f"{s.statement_id}#{uid}", "node_id": uid, "statement_date": date,
            "seq": self.seq, "closed": closed, "details": payload,
        })  # fmt: skip
        if not self._wins(self.node_stamps, uid, date):
            return
        self.rows.nodes[uid] = {
            "id": uid, "record_id": s.record_id, "kind": kind.value, **name_fields(names),
            "statement_id": s.statement_id, "statement_date": date, "seq": self.seq,
            "closed": closed, "details": payload, "idkeys": sorted(keys),
        }  # fmt: skip

    def _end(self, s: Statement, uid: str, value: Any, role: str) -> str:
        ref = party_ref(value)
        if isinstance(ref, str):
            return ref
        node = unspecified_node_id(uid, role)
        self._write_node(s, node, ref)
        return node

    # -- relationships ----------------------------------------------------------------------------
    def _write_edge(self, s: Statement, uid: str) -> None:
        details = s.bods_details
        subject = self._end(s, uid, details.get("subject"), "subject")
        party = self._end(s, uid, details.get("interestedParty"), "interestedParty")
        closed = s.record_status is RecordStatus.CLOSED
        payload = payload_of(details, s.provenance).decode()
        date = s.statement_date
        self._add_edge_version(s.statement_id, uid, subject, party, date, closed, payload)
        if not self._edge_wins(uid, date):
            return
        low, high = shareholding_bounds(details)
        self._set_edge(EdgeRow(uid, subject, party, s.statement_id, date, self.seq, closed,
                               interest_types(details), payload, low, high))  # fmt: skip

    def _close_replaced(self, s: Statement) -> None:
        """Close the relationship records a BODS 0.1-0.3 statement replaces, as of its date."""
        for replaced in s.replaces:
            edge_id = self.record_uids.get(replaced)
            current = self.edges.get(edge_id) if edge_id is not None else None
            if current is None:
                continue
            closing_id = f"{s.statement_id}#closes#{current.id}"
            self._add_edge_version(closing_id, current.id, current.subject, current.party,
                                   s.statement_date, True, current.details)  # fmt: skip
            if self._edge_wins(current.id, s.statement_date):
                self._set_edge(replace(current, statement_id=closing_id, closed=True,
                                       statement_date=s.statement_date, seq=self.seq))  # fmt: skip

    def _add_edge_version(self, vid: str, edge_id: str, subject: str, party: str,
                          date: str | None, closed: bool, payload: str) -> None:  # fmt: skip
        self.rows.edge_versions.append({
            "vid": vid, "edge_id": edge_id, "subject": subject, "party": party,
            "statement_date": date, "seq": self.seq, "closed": closed, "details": payload,
        })  # fmt: skip

    def _edge_wins(self, uid: str, date: str | None) -> bool:
        held = self.edges.get(uid)
        return held is None or held.stamp <= (date or "", self.seq)

    def _set_edge(self, row: EdgeRow) -> None:
        self.edges[row.id] = row
        self.rows.edges[row.id] = row


def _needed_versions(rows: list[Row], key: str, stored: frozenset[str]) -> list[Row]:
    """Version rows worth a version node: a record's only version is its current state (the
    ``Party``, ``HOLDS`` or ``PendingEdge``), so version nodes are written only for records
    with two or more versions, i.e. stored ones or those with several rows in this batch."""
    count: dict[str, int] = {}
    for row in rows:
        count[row[key]] = count.get(row[key], 0) + 1
    return [row for row in rows if count[row[key]] > 1 or row[key] in stored]


def name_fields(names: Sequence[str]) -> Row:
    """The name properties of a ``Party`` whose version has ``names`` (the first is its name):
    ``name``, ``name_fold``, ``names_fold`` (folded, `` | ``-joined) and ``search_text``."""
    name = names[0] if names else ""
    return {
        "name": name,
        "name_fold": fold(name),
        "names_fold": " | ".join(map(fold, names)),
        "search_text": search_text(names),
    }


def _party_index(
    s: Statement, unspecified: Unspecified | None
) -> tuple[Mapping[str, Any], NodeKind, list[str], set[str]]:
    """A party version's stored body, kind, names and identifier keys."""
    if unspecified is not None:
        names = [unspecified.description or unspecified.reason.value]
        return unspecified_to(unspecified), NodeKind.UNSPECIFIED, names, set()
    body = s.bods_details
    kind = NodeKind.PERSON if s.record_type is RecordType.PERSON else NodeKind.ENTITY
    return body, kind, party_names(body, kind is NodeKind.PERSON), identifier_keys(body)
