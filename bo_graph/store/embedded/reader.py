"""The embedded store's read side: indexed one-hop queries, version selection for dates."""

from __future__ import annotations

import datetime
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator

import orjson

from bo_graph.model.graph import CURRENT, Edge, Node, NodeKind, When, owning_record
from bo_graph.store.base import (
    DanglingRef,
    Direction,
    Link,
    StoreCounts,
    StoredStatement,
    identifier_key,
)
from bo_graph.store.embedded.search import search_ids
from bo_graph.store.history import (
    Version,
    edges_at,
    in_effect,
    node_version_at,
    nodes_at,
    payload_in_effect,
    statement_of_version,
)
from bo_graph.store.search_filter import SearchFilter
from bo_graph.store.serial import (
    edge_from_payload,
    fold,
    node_from_payload,
    provenance_from,
)

NODE_COLUMNS = "id, record_id, kind, closed, details"
EDGE_COLUMNS = "id, subject, party, closed, details"
VERSION_COLUMNS = "edge_id, subject, party, closed, details, statement_date, seq"
CURRENT_AS_VERSION = "id, subject, party, closed, details, statement_date, seq"


def _ids(ids: Iterable[str]) -> str:
    return orjson.dumps(sorted(set(ids))).decode()


def _node(row: tuple[str, str, str, int, bytes]) -> Node:
    return node_from_payload(row[0], row[1], row[2], bool(row[3]), row[4])


def _edge(row: tuple[str, str, str, int, bytes]) -> Edge:
    return edge_from_payload(row[0], row[1], row[2], bool(row[3]), row[4])


class Reader:
    conn: sqlite3.Connection

    def get_nodes(self, ids: Iterable[str], when: When = CURRENT) -> dict[str, Node]:
        rows = self.conn.execute(
            f"SELECT {NODE_COLUMNS} FROM nodes WHERE id IN (SELECT value FROM json_each(?))",
            (_ids(ids),),
        ).fetchall()
        nodes = {row[0]: _node(row) for row in rows}
        return nodes_at(nodes, when, lambda dated: self._nodes_known_at(dated, when))

    def _nodes_known_at(self, current: dict[str, Node], when: When) -> dict[str, Node]:
        ids = _ids(current)
        rows = self.conn.execute(
            "SELECT node_id, statement_id, statement_date, seq, closed, details FROM node_versions "
            "WHERE node_id IN (SELECT value FROM json_each(?1)) UNION ALL "
            "SELECT id, COALESCE(statement_id, '') || '#' || record_id, statement_date, seq, "
            "closed, details FROM nodes WHERE id IN (SELECT value FROM json_each(?1))",
            (ids,),
        ).fetchall()
        by_node: dict[str, list[tuple[str, str | None, int, int, bytes]]] = defaultdict(list)
        for row in rows:
            by_node[row[0]].append(row[1:])
        record_of = self._version_records(by_node, self._joined_records(ids))
        out: dict[str, Node] = {}
        for node_id, versions in by_node.items():
            picked = node_version_at(
                [Version(d, s, bool(c), record_of.get(vid, "")) for vid, d, s, c, _ in versions],
                when,
            )
            if picked is None:
                continue
            index, closed = picked
            node = current[node_id]
            out[node_id] = node_from_payload(
                node_id, node.record_id, node.kind.value, closed, versions[index][4]
            )
        return out

    def _version_records(
        self,
        by_node: dict[str, list[tuple[str, str | None, int, int, bytes]]],
        joined: dict[str, list[str]],
    ) -> dict[str, str]:
        """The record of each version (by version id) of the nodes records were joined into:
        the record of the version's statement."""
        statement_of = {
            vid: statement_id
            for node_id, records in joined.items()
            for vid, *_ in by_node.get(node_id, ())
            if (statement_id := statement_of_version(vid, [node_id, *records])) is not None
        }
        if not statement_of:
            return {}
        record_of = dict(
            self.conn.execute(
                "SELECT statement_id, record_uid FROM statements WHERE statement_id IN "
                "(SELECT value FROM json_each(?))",
                (_ids(statement_of.values()),),
            ).fetchall()
        )
        return {vid: record_of.get(s, "") for vid, s in statement_of.items()}

    def _joined_records(self, ids: str) -> dict[str, list[str]]:
        """The records joined into each of the nodes ``ids`` (a JSON array), if any."""
        joined: dict[str, list[str]] = defaultdict(list)
        for node_id, record_id in self.conn.execute(
            "SELECT node_id, record_id FROM aliases WHERE node_id IN "
            "(SELECT value FROM json_each(?))",
            (ids,),
        ):
            joined[node_id].append(record_id)
        return joined

    def get_edges(self, ids: Iterable[str], when: When = CURRENT) -> dict[str, Edge]:
        if when.is_current:
            rows = self.conn.execute(
                f"SELECT {EDGE_COLUMNS} FROM edges WHERE id IN (SELECT value FROM json_each(?))",
                (_ids(ids),),
            ).fetchall()
            return {e.id: e for e in map(_edge, rows)}
        rows = self.conn.execute(
            f"SELECT {VERSION_COLUMNS} FROM edge_versions WHERE edge_id IN "
            "(SELECT value FROM json_each(?1)) UNION ALL "
            f"SELECT {CURRENT_AS_VERSION} FROM edges WHERE id IN (SELECT value FROM json_each(?1))",
            (_ids(ids),),
        ).fetchall()
        return {e.id: e for e in self._pick_versions(rows, when)}

    def links_of(
        self, ids: Iterable[str], direction: Direction, when: When = CURRENT
    ) -> list[Link]:
        if not when.is_current:  # versions: decoded as edges_of decodes them
            return [Link.of(e) for e in self.edges_of(ids, direction, when)]
        column = "subject" if direction is Direction.UP else "party"
        rows = self.conn.execute(
            f"SELECT id, subject, party, details FROM edges WHERE {column} IN "
            "(SELECT value FROM json_each(?)) AND closed = 0 ORDER BY id",
            (_ids(ids),),
        ).fetchall()
        today = datetime.date.today().isoformat()
        return [Link(r[0], r[1], r[2]) for r in rows if payload_in_effect(r[3], today)]

    def edges_of(
        self, ids: Iterable[str], direction: Direction, when: When = CURRENT
    ) -> list[Edge]:
        column = "subject" if direction is Direction.UP else "party"
        if when.is_current:
            rows = self.conn.execute(
                f"SELECT {EDGE_COLUMNS} FROM edges WHERE {column} IN "
                "(SELECT value FROM json_each(?)) AND closed = 0 ORDER BY id",
                (_ids(ids),),
            ).fetchall()
            return [e for e in map(_edge, rows) if in_effect(e, when)]
        rows = self.conn.execute(
            f"SELECT {VERSION_COLUMNS} FROM edge_versions WHERE {column} IN "
            "(SELECT value FROM json_each(?1)) UNION ALL "
            f"SELECT {CURRENT_AS_VERSION} FROM edges WHERE {column} IN "
            "(SELECT value FROM json_each(?1))",
            (_ids(ids),),
        ).fetchall()
        return sorted(self._pick_versions(rows, when), key=lambda e: e.id)

    @staticmethod
    def _pick_versions(
        rows: list[tuple[str, str, str, int, bytes, str | None, int]], when: When
    ) -> list[Edge]:
        return edges_at(
            (
                (
                    Version(date, seq, bool(closed)),
                    edge_from_payload(edge_id, subject, party, bool(closed), details),
                )
                for edge_id, subject, party, closed, details, date, seq in rows
            ),
            when,
        )

    def find_by_identifier(self, scheme: str, value: str) -> list[Node]:
        rows = self.conn.execute(
            f"SELECT {NODE_COLUMNS} FROM nodes WHERE id IN (SELECT COALESCE(a.node_id, i.node_id)"
            " FROM identifiers i LEFT JOIN aliases a ON a.record_id = i.node_id WHERE i.key = ?)"
            " ORDER BY id",
            (identifier_key(scheme, value),),
        ).fetchall()
        return [_node(r) for r in rows]

    def find_by_record_id(self, record_id: str) -> list[Node]:
        rows = self.conn.execute(
            f"SELECT {NODE_COLUMNS} FROM nodes WHERE record_id = ? OR id IN "
            "(SELECT COALESCE(a.node_id, s.record_uid) FROM statements s LEFT JOIN aliases a"
            " ON a.record_id = s.record_uid WHERE s.statement_id = ?) OR id IN "
            "(SELECT node_id FROM aliases WHERE record_id = ?) ORDER BY id",
            (record_id, record_id, record_id),
        ).fetchall()
        return [_node(r) for r in rows]

    def find_by_name(self, name: str) -> list[Node]:
        rows = self.conn.execute(
            f"SELECT {NODE_COLUMNS} FROM nodes WHERE name_fold = ? ORDER BY id", (fold(name),)
        ).fetchall()
        return [_node(r) for r in rows]

    def search(
        self,
        text: str,
        limit: int = 20,
        *,
        kind: NodeKind | str | None = None,
        jurisdiction: str | None = None,
    ) -> list[Node]:
        """Every word of ``text`` as a word prefix (any order), then identifier matches, then
        similar names for misspellings; each step narrowed in SQL (``embedded.search``)."""
        ids = search_ids(self.conn, text, limit, SearchFilter.of(kind, jurisdiction))
        nodes = self.get_nodes(ids)
        return [nodes[i] for i in ids if i in nodes]

    def iter_nodes(self, kind: NodeKind | None = None) -> Iterator[Node]:
        sql = f"SELECT {NODE_COLUMNS} FROM nodes"
        cursor = self.conn.cursor()
        if kind is None:
            cursor.execute(sql + " ORDER BY id")
        else:
            cursor.execute(sql + " WHERE kind = ? ORDER BY id", (kind.value,))
        for row in cursor:
            yield _node(row)

    def iter_edges(self, when: When = CURRENT) -> Iterator[Edge]:
        if not when.is_current:
            ids = [r[0] for r in self.conn.execute("SELECT id FROM edges ORDER BY id")]
            for start in range(0, len(ids), 5000):
                edges = self.get_edges(ids[start : start + 5000], when)
                yield from (edges[i] for i in ids[start : start + 5000] if i in edges)
            return
        today = datetime.date.today().isoformat()
        cursor = self.conn.cursor()
        cursor.execute(f"SELECT {EDGE_COLUMNS} FROM edges WHERE closed = 0 ORDER BY id")
        for row in cursor:
            edge = _edge(row)
            if not edge.interests or any(i.in_effect(today) for i in edge.interests):
                yield edge

    def counts(self, *, breakdown: bool = True) -> StoreCounts:
        c = StoreCounts()
        for kind, n in self.conn.execute("SELECT kind, COUNT(*) FROM nodes GROUP BY kind"):
            c.nodes_by_kind[kind] = n
            c.nodes += n
        if not breakdown:  # COUNT(*) reads the smallest index, not the rows
            c.edges = self.conn.execute("SELECT COUNT(*) FROM edges").fetchone()[0]
            c.statements = self.conn.execute("SELECT COUNT(*) FROM statements").fetchone()[0]
            return c
        for types, n in self.conn.execute("SELECT types, COUNT(*) FROM edges GROUP BY types"):
            c.edges += n
            for t in str(types).split() or ["none"]:
                c.edges_by_interest[t] = c.edges_by_interest.get(t, 0) + n
        for source, n in self.conn.execute(
            "SELECT source, COUNT(*) FROM statements GROUP BY source"
        ):
            c.sources[source] = n
            c.statements += n
        return c

    def statements_for(self, uid: str) -> list[StoredStatement]:
        record_uid = owning_record(uid)
        rows = self.conn.execute(
            "SELECT record_uid, raw FROM statements WHERE record_uid IN "
            "(SELECT ? UNION SELECT record_id FROM aliases WHERE node_id = ?) "
            "ORDER BY COALESCE(statement_date, ''), seq",
            (record_uid, record_uid),
        ).fetchall()
        out = []
        for stored_uid, raw in rows:
            data = orjson.loads(raw)
            out.append(StoredStatement(provenance_from(data["p"]), stored_uid, data["raw"]))
        return out

    def dangling_references(self) -> list[DanglingRef]:
        out: list[DanglingRef] = []
        rows = self.conn.execute(
            f"SELECT {EDGE_COLUMNS} FROM edges WHERE resolved = 0 ORDER BY id"
        ).fetchall()
        for row in rows:
            edge = _edge(row)
            present = set(self.get_nodes([edge.subject, edge.interested_party]))
            for role, target in (
                ("subject", edge.subject),
                ("interestedParty", edge.interested_party),
            ):
                if target not in present:
                    out.append(DanglingRef(edge.id, role, target, edge.provenance))
        return out
