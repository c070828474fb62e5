"""Joining entities that share a register identifier, in the embedded store (``store.identity``).

Run at the end of every import, inside its last transaction. A joined record keeps its
``identifiers`` rows and its statements (``record_uid``) under its own record id, and ``aliases``
maps that id to the node, so the writers never need to know about joins: a later statement about
the record (a new version, a BODS 0.1-0.3 statement replacing one of its statements) writes a
node of that id again, and the next join folds it back in, its version competing by date. The
names of a joined record stay searchable: ``aliases.search_text`` keeps them, and they are added
back to the node's search row whenever a writer has rewritten it.
"""

from __future__ import annotations

import sqlite3

import orjson

from bo_graph.model.bods04_index import identifier_keys, party_names
from bo_graph.model.graph import NodeKind
from bo_graph.store.embedded.node_index import (
    add_search_names,
    search_fields,
    search_text_of,
    set_search_text,
)
from bo_graph.store.history import statement_of_version
from bo_graph.store.identity import (
    Merge,
    RecordVersion,
    current_of_joined,
    plan_merges,
    spelling_candidates,
)

SHARED_KEYS = f"""
WITH shared AS (SELECT key FROM identifiers GROUP BY key HAVING COUNT(*) > 1)
SELECT i.key, n.id
FROM shared JOIN identifiers i ON i.key = shared.key
LEFT JOIN aliases a ON a.record_id = i.node_id
JOIN nodes n ON n.id = COALESCE(a.node_id, i.node_id) AND n.kind = '{NodeKind.ENTITY.value}'
"""
"""Each identifier key held by two or more records, with the entity node holding it (a joined
record's key counts for the node it was joined into)."""

WRITTEN_AGAIN = f"""
SELECT n.id, a.node_id FROM nodes n JOIN aliases a ON a.record_id = n.id
WHERE n.kind = '{NodeKind.ENTITY.value}'
"""
"""Records joined earlier that a later import wrote as nodes of their own again."""

RECORDS_OF = "SELECT ? UNION SELECT record_id FROM aliases WHERE node_id = ?"


def join_identities(conn: sqlite3.Connection, since: int = 0) -> tuple[list[Merge], list[str]]:
    """Join every group of entity nodes that share an identifier key; return the joins made
    (a record written again and joined back into its node is not news) and the relationship
    records left out of the graph because they became loops. ``since``: the arrival counter
    before this import wrote (a joined node it wrote a version of is checked again)."""
    held: dict[str, set[str]] = {}
    for key, node_id in conn.execute(SHARED_KEYS):
        held.setdefault(key, set()).add(node_id)
    again = dict(conn.execute(WRITTEN_AGAIN).fetchall())
    nodes = {n for holders in held.values() for n in holders} | set(again) | set(again.values())
    merges = plan_merges(
        held,
        again.items(),
        spelled={n for n in nodes if _spells_own_key(conn, n)},
        sources={n: _sources(conn, n) for n in nodes},
    )
    for merge in merges:
        for old in merge.merged:
            _join(conn, old, merge.node_id, written_again=old in again)
    _repoint_alias_ends(conn)
    _reopen_joined(conn, sorted({merge.node_id for merge in merges}), since)
    _restore_alias_names(conn)
    news = [_news(merge, again) for merge in merges]
    return [m for m in news if m.merged], _drop_loops(conn)


def _news(merge: Merge, again: dict[str, str]) -> Merge:
    return Merge(merge.node_id, tuple(m for m in merge.merged if again.get(m) != merge.node_id))


def _spells_own_key(conn: sqlite3.Connection, node_id: str) -> bool:
    """``GB-COH-1`` holding ``GB-COH:1`` (its own record's key, not a joined record's)."""
    return any(
        conn.execute(
            "SELECT 1 FROM identifiers WHERE key = ? AND node_id = ?", (key, node_id)
        ).fetchone()
        for key in spelling_candidates(node_id)
    )


def _sources(conn: sqlite3.Connection, node_id: str) -> set[str]:
    """The registers the node's records come from."""
    rows = conn.execute(
        f"SELECT DISTINCT source FROM statements WHERE record_uid IN ({RECORDS_OF})",
        (node_id, node_id),
    )
    return {str(row[0]) for row in rows}


def _join(conn: sqlite3.Connection, old: str, new: str, *, written_again: bool) -> None:
    """Node ``old`` becomes part of node ``new``: its versions, relationships and names; the
    later of the two current versions stays current."""
    if written_again:
        _reindex_identifiers(conn, old)
    _settle_current(conn, old, new)
    conn.execute("UPDATE node_versions SET node_id = ? WHERE node_id = ?", (new, old))
    for table in ("edges", "edge_versions"):
        for end in ("subject", "party"):
            conn.execute(f"UPDATE {table} SET {end} = ? WHERE {end} = ?", (new, old))
    conn.execute("UPDATE aliases SET node_id = ? WHERE node_id = ?", (new, old))
    conn.execute(
        "INSERT OR REPLACE INTO aliases (record_id, node_id, search_text) VALUES (?, ?, ?)",
        (old, new, _take_search_text(conn, old)),
    )
    conn.execute("DELETE FROM aliases WHERE record_id = ?", (new,))  # a node of its own again


def _reindex_identifiers(conn: sqlite3.Connection, record_id: str) -> None:
    """A joined record written again: its identifier rows are its latest version's keys (the
    writer only added the new ones, as for a record it had never stored)."""
    row = conn.execute("SELECT details FROM nodes WHERE id = ?", (record_id,)).fetchone()
    keys = identifier_keys(orjson.loads(row[0])["d"])
    conn.execute("DELETE FROM identifiers WHERE node_id = ?", (record_id,))
    conn.executemany("INSERT INTO identifiers VALUES (?, ?)", [(k, record_id) for k in keys])


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


def _reopen_joined(conn: sqlite3.Connection, joined_now: list[str], since: int) -> None:
    """A joined node shows the version ``identity.current_of_joined`` picks: one closed by its
    latest version while another of its records is still open shows that record's latest open
    version. A node joined in this import, or whose current row this import wrote (arrival
    after ``since``: a version that arrived late may be older than its record's latest), is
    checked whether open or closed."""
    candidates = conn.execute(
        "SELECT DISTINCT n.id, n.statement_id, s.record_uid, COALESCE(n.statement_date, ''),"
        " n.seq, n.closed FROM nodes n JOIN aliases a ON a.node_id = n.id"
        " JOIN statements s ON s.statement_id = n.statement_id"
        " WHERE n.closed = 1 OR n.seq > ? OR n.id IN (SELECT value FROM json_each(?))",
        (since, orjson.dumps(joined_now).decode()),
    ).fetchall()
    for node_id, statement_id, record_id, date, seq, closed in candidates:
        current = RecordVersion(statement_id, record_id, (date, seq), bool(closed), statement_id)
        chosen = current_of_joined([current, *_versions(conn, node_id)])
        if chosen is not current:
            _make_current(conn, node_id, current, chosen)


def _versions(conn: sqlite3.Connection, node_id: str) -> list[RecordVersion]:
    """The node's past versions, each with the record its statement belongs to. A version id
    is ``<statement id>#<node or record id>``: the suffix is one of the node's ids."""
    ids = [str(row[0]) for row in conn.execute(RECORDS_OF, (node_id, node_id))]
    out = []
    for vid, date, seq, closed in conn.execute(
        "SELECT statement_id, COALESCE(statement_date, ''), seq, closed FROM node_versions"
        " WHERE node_id = ?",
        (node_id,),
    ):
        statement_id = statement_of_version(vid, ids) or ""
        row = conn.execute(
            "SELECT record_uid FROM statements WHERE statement_id = ?", (statement_id,)
        ).fetchone()
        if row is not None:
            out.append(RecordVersion(vid, str(row[0]), (date, seq), bool(closed), statement_id))
    return out


def _make_current(
    conn: sqlite3.Connection, node_id: str, current: RecordVersion, chosen: RecordVersion
) -> None:
    """Swap a past version in as the node's current row; the current row becomes a version."""
    conn.execute(
        "INSERT OR IGNORE INTO node_versions SELECT statement_id || '#' || ?, id,"
        " statement_date, seq, closed, details FROM nodes WHERE id = ?",
        (current.record_id, node_id),
    )
    date, seq, closed, details = conn.execute(
        "SELECT statement_date, seq, closed, details FROM node_versions WHERE statement_id = ?",
        (chosen.version_id,),
    ).fetchone()
    name, name_fold, text = search_fields(party_names(orjson.loads(details)["d"], False))
    conn.execute(
        "UPDATE nodes SET record_id = ?, name = ?, name_fold = ?, statement_id = ?,"
        " statement_date = ?, seq = ?, closed = ?, details = ? WHERE id = ?",
        (
            chosen.record_id,
            name,
            name_fold,
            chosen.statement_id,
            date,
            seq,
            closed,
            details,
            node_id,
        ),
    )
    conn.execute("DELETE FROM node_versions WHERE statement_id = ?", (chosen.version_id,))
    set_search_text(conn, node_id, text)


def _take_search_text(conn: sqlite3.Connection, record_id: str) -> str:
    """The record's search row, removed (its names live on in its alias)."""
    text = search_text_of(conn, record_id)
    set_search_text(conn, record_id, None)
    return text


def _restore_alias_names(conn: sqlite3.Connection) -> None:
    """Each node with aliases is found by their names too: added to its search row where a
    writer rewrote it (or a join just made it)."""
    for node_id, alias_texts in conn.execute(
        "SELECT node_id, group_concat(search_text, ' | ') FROM aliases GROUP BY node_id"
    ).fetchall():
        add_search_names(conn, node_id, (alias_texts or "").split(" | "))


def _repoint_alias_ends(conn: sqlite3.Connection) -> None:
    """Relationship ends that name a joined record (written by a later import) -> its node."""
    for table in ("edges", "edge_versions"):
        for end in ("subject", "party"):
            conn.execute(
                f"UPDATE {table} SET {end} = (SELECT node_id FROM aliases WHERE record_id = {end})"
                f" WHERE {end} IN (SELECT record_id FROM aliases)"
            )


def _drop_loops(conn: sqlite3.Connection) -> list[str]:
    """A relationship between two records that were one company is a loop on its node. When its
    current version is one, the whole relationship record leaves the graph, every version, so no
    date shows a version the loop had superseded; an earlier version that was one leaves the
    history alone. Its statements stay, as evidence. Only joined nodes can have one."""
    loops = "subject IN (SELECT node_id FROM aliases) AND party = subject"
    current = [row[0] for row in conn.execute(f"SELECT id FROM edges WHERE {loops}")]
    past = [row[0] for row in conn.execute(f"SELECT edge_id FROM edge_versions WHERE {loops}")]
    conn.executemany("DELETE FROM edges WHERE id = ?", [(i,) for i in current])
    conn.executemany("DELETE FROM edge_versions WHERE edge_id = ?", [(i,) for i in current])
    conn.execute(f"DELETE FROM edge_versions WHERE {loops}")
    return sorted(set(current) | set(past))
