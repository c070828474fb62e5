"""Joining entities that share a register identifier, in the embedded store (``store.identity``).

Run at the end of every import, inside its last transaction. A joined record keeps its
``identifiers`` rows under its own record id, and ``aliases`` maps that id to the node, so the
writers never need to know about joins: a later statement about the record writes a node of
that id again, and the next join puts it back (its version competing by date as any other).
"""

from __future__ import annotations

import sqlite3

from bo_graph.model.graph import NodeKind
from bo_graph.store.embedded.node_index import search_rowid
from bo_graph.store.identity import Merge, plan_merges

SHARED_KEYS = f"""
WITH shared AS (SELECT key FROM identifiers GROUP BY key HAVING COUNT(*) > 1)
SELECT i.key, n.id
FROM shared JOIN identifiers i ON i.key = shared.key
LEFT JOIN aliases a ON a.record_id = i.node_id
JOIN nodes n ON n.id = COALESCE(a.node_id, i.node_id) AND n.kind = '{NodeKind.ENTITY.value}'
"""
"""Each identifier key held by two or more records, with the entity node holding it (a joined
record's key counts for the node it was joined into)."""

WRITTEN_AGAIN = "SELECT n.id, a.node_id FROM nodes n JOIN aliases a ON a.record_id = n.id"
"""Records joined earlier that a later import wrote as nodes of their own again."""


def join_identities(conn: sqlite3.Connection) -> tuple[list[Merge], list[str]]:
    """Join every group of entity nodes that share an identifier key; return the joins and the
    relationship records left out of the graph because they became loops."""
    held: dict[str, set[str]] = {}
    for key, node_id in conn.execute(SHARED_KEYS):
        held.setdefault(key, set()).add(node_id)
    merges = plan_merges(held, conn.execute(WRITTEN_AGAIN).fetchall())
    for merge in merges:
        for old in merge.merged:
            _join(conn, old, merge.node_id)
    _repoint_alias_ends(conn)
    return merges, _drop_loops(conn)


def _join(conn: sqlite3.Connection, old: str, new: str) -> None:
    """Node ``old`` becomes part of node ``new``: its versions, statements, relationships and
    names; the later of the two current versions stays current."""
    _settle_current(conn, old, new)
    conn.execute("UPDATE node_versions SET node_id = ? WHERE node_id = ?", (new, old))
    conn.execute("UPDATE statements SET record_uid = ? WHERE record_uid = ?", (new, old))
    for table in ("edges", "edge_versions"):
        for end in ("subject", "party"):
            conn.execute(f"UPDATE {table} SET {end} = ? WHERE {end} = ?", (new, old))
    conn.execute("UPDATE aliases SET node_id = ? WHERE node_id = ?", (new, old))
    conn.execute("INSERT OR REPLACE INTO aliases (record_id, node_id) VALUES (?, ?)", (old, new))
    conn.execute("DELETE FROM aliases WHERE record_id = ?", (new,))  # a node of its own again
    _join_search_text(conn, old, new)


def _settle_current(conn: sqlite3.Connection, old: str, new: str) -> None:
    """Keep the later current row (statement date, then arrival) as ``new``'s; the other
    becomes a version."""
    stamps = {
        node_id: (date, seq)
        for node_id, date, seq in conn.execute(
            "SELECT id, COALESCE(statement_date, ''), seq FROM nodes WHERE id IN (?, ?)",
            (old, new),
        )
    }
    if old not in stamps:
        return
    if new not in stamps:
        conn.execute("UPDATE nodes SET id = ? WHERE id = ?", (new, old))
        return
    winner, loser = (old, new) if stamps[old] > stamps[new] else (new, old)
    conn.execute(
        "INSERT OR IGNORE INTO node_versions SELECT statement_id || '#' || id, ?,"
        " statement_date, seq, closed, details FROM nodes WHERE id = ?",
        (new, loser),
    )
    conn.execute("DELETE FROM nodes WHERE id = ?", (loser,))
    if winner == old:
        conn.execute("UPDATE nodes SET id = ? WHERE id = ?", (new, old))


def _join_search_text(conn: sqlite3.Connection, old: str, new: str) -> None:
    """The node is found by the names of both records."""
    texts = []
    for node_id in (new, old):
        row = conn.execute(
            "SELECT text FROM names_fts WHERE rowid = ?", (search_rowid(node_id),)
        ).fetchone()
        if row is not None:
            texts.append(str(row[0]))
            conn.execute("DELETE FROM names_fts WHERE rowid = ?", (search_rowid(node_id),))
    text = " | ".join(dict.fromkeys(t for text in texts for t in text.split(" | ") if t))
    conn.execute(
        "INSERT INTO names_fts (rowid, node_id, text) VALUES (?, ?, ?)",
        (search_rowid(new), new, text),
    )


def _repoint_alias_ends(conn: sqlite3.Connection) -> None:
    """Relationship ends that name a joined record (written by a later import) -> its node."""
    for table in ("edges", "edge_versions"):
        for end in ("subject", "party"):
            conn.execute(
                f"UPDATE {table} SET {end} = (SELECT node_id FROM aliases WHERE record_id = {end})"
                f" WHERE {end} IN (SELECT record_id FROM aliases)"
            )


def _drop_loops(conn: sqlite3.Connection) -> list[str]:
    """A relationship between two records that were one company is a loop on its node: it
    leaves the graph (its statements stay, as evidence). Only joined nodes can have one."""
    found: list[str] = []
    for table, column in (("edges", "id"), ("edge_versions", "edge_id")):
        where = f"FROM {table} WHERE subject IN (SELECT node_id FROM aliases) AND party = subject"
        found += [row[0] for row in conn.execute(f"SELECT {column} {where}")]
        conn.execute(f"DELETE {where}")
    return sorted(set(found))
