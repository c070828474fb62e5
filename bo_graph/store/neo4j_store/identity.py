"""Store-level identity in Neo4j: entity nodes that share a register identifier become one.

:func:`join_identities` runs at the end of every import, after references are resolved. It reads
the identifier keys held by two or more entity nodes (one indexed pass over ``Identifier``
nodes, paged) and the records joined earlier that a later import wrote again, asks
:func:`bo_graph.store.identity.plan_merges` which nodes to join, and joins each merged node
``old`` into the node it keeps, ``new``:

- versions: both get ``NodeVersion`` nodes (a record's only version was its ``Party``), and
  old's become new's (same vids);
- current state: the later version (statement date, then arrival) is new's ``Party``, which
  stays searchable by both names (``search_text`` and ``names_fold`` keep the loser's too);
- relationships: old's ``HOLDS`` are re-created on new, ``PendingEdge`` and ``EdgeVersion``
  ends naming old name new, and old's statements are new's (``record_uid``);
- identifiers: old's ``IDENTIFIES`` links end at ``(:Alias {record_id: old, node_id: new})``,
  which the writer never touches (it re-makes the links of ``Party`` nodes only), so the keys
  of the joined record keep finding new; aliases of old become new's.

A later relationship end naming an alias is pointed at its node by
:func:`resolve.resolve_references`, which runs again after the joins to connect what they
settled. A relationship between two records of one company is then a loop on its node:
:func:`drop_loops` takes it out of the graph (its statements stay), as the embedded store does.
Joins are written in batches of pairs that touch distinct nodes (the i-th merged id of every
merge), each batch one transaction under the store's write lock.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from bo_graph.store.identity import MAX_HOLDERS, Merge, plan_merges
from bo_graph.store.neo4j_store.connection import Connection
from bo_graph.store.neo4j_store.resolve import resolve_references
from bo_graph.store.neo4j_store.writer import (
    CREATE_EDGES,
    VERSION_STORED_NODES,
    lock_and_read_seq,
)

JOIN_BATCH = 500
"""Pairs joined per transaction."""

# -- what to join -------------------------------------------------------------------------------
SHARED_KEYS: LiteralString = """
MATCH (i:Identifier) WHERE i.key >= $after AND COUNT { (i)-[:IDENTIFIES]->() } > 1
CALL (i) {
    MATCH (i)-[:IDENTIFIES]->(n)
    RETURN collect(DISTINCT CASE WHEN n:Alias THEN n.node_id
                                 WHEN n.kind = 'entity' THEN n.id END) AS holders
}
WITH i, holders WHERE size(holders) > 1
RETURN i.key AS key, holders[..$cap] AS holders ORDER BY i.key LIMIT $limit
"""
"""Keys held by two or more entity nodes, with the nodes (an ``Alias`` holds for its node: the
key of a joined record and of its node is held by one), in the index's key order. ``$cap``
holders are enough to tell a key held by too many to be an identity."""
WRITTEN_AGAIN: LiteralString = """
MATCH (a:Alias)
MATCH (p:Party {id: a.record_id}) WHERE p.kind = 'entity' AND p.id <> a.node_id
RETURN p.id AS node, a.node_id AS target
"""
"""Records joined earlier that a later import wrote again: a ``Party`` of their own again."""

# -- one batch of joins: parameter $pairs, maps {old, new} touching distinct nodes --------------
PRESENT_PAIRS: LiteralString = """
UNWIND $pairs AS pair
MATCH (:Party {id: pair.old})
MATCH (:Party {id: pair.new})
RETURN pair.old AS old, pair.new AS new
"""
MOVE_NODE_VERSIONS: LiteralString = """
UNWIND $pairs AS pair
MATCH (v:NodeVersion {node_id: pair.old})
SET v.node_id = pair.new
"""
TAKE_CURRENT_STATE: LiteralString = """
UNWIND $pairs AS pair
MATCH (o:Party {id: pair.old})
MATCH (n:Party {id: pair.new})
WITH pair, o, n, coalesce(o.statement_date, '') AS od, coalesce(n.statement_date, '') AS nd
WITH pair, n, CASE WHEN od > nd OR (od = nd AND o.seq > n.seq) THEN [o, n] ELSE [n, o] END AS wl
WITH pair, n, wl[0] AS w, wl[1] AS l
WITH pair, n, w, split(coalesce(w.names_fold, ''), ' | ') AS names,
     split(coalesce(w.search_text, ''), ' ') AS words,
     split(coalesce(l.names_fold, ''), ' | ') AS more_names,
     split(coalesce(l.search_text, ''), ' ') AS more_words
WITH pair, n, w,
     [x IN names + [y IN more_names WHERE NOT y IN names] WHERE x <> ''] AS names,
     [x IN words + [y IN more_words WHERE NOT y IN words] WHERE x <> ''] AS words
SET n = w {.*, id: pair.new,
           names_fold: coalesce(reduce(out = head(names), x IN tail(names) | out + ' | ' + x), ''),
           search_text: coalesce(reduce(out = head(words), x IN tail(words) | out + ' ' + x), '')}
"""
"""New's ``Party`` holds the later of the two current versions (all of the winner's properties
but ``id``), found by the loser's names too: its folded names and full-text words are added to
the winner's (as the embedded store joins its search texts)."""
DROP_HOLDS: LiteralString = """
UNWIND $pairs AS pair
MATCH (:Party {id: pair.old})-[h:HOLDS]-()
WITH DISTINCT h
WITH h, properties(h) AS row
DELETE h
RETURN row
"""
"""Old's relationships, deleted and returned: re-created on new (Cypher cannot re-point one)."""
REPOINT: tuple[LiteralString, ...] = (
    "UNWIND $pairs AS pair MATCH (e:PendingEdge {subject: pair.old}) SET e.subject = pair.new",
    "UNWIND $pairs AS pair MATCH (e:PendingEdge {party: pair.old}) SET e.party = pair.new",
    "UNWIND $pairs AS pair MATCH (v:EdgeVersion {subject: pair.old}) SET v.subject = pair.new",
    "UNWIND $pairs AS pair MATCH (v:EdgeVersion {party: pair.old}) SET v.party = pair.new",
    "UNWIND $pairs AS pair MATCH (s:Statement {record_uid: pair.old}) SET s.record_uid = pair.new",
)
"""Relationship ends and statements of old: new's."""
MOVE_IDENTIFIERS: LiteralString = """
UNWIND $pairs AS pair
MATCH (o:Party {id: pair.old})
MERGE (a:Alias {record_id: pair.old})
SET a.node_id = pair.new
WITH o, a
CALL (a) { MATCH (a)<-[stale:IDENTIFIES]-() DELETE stale }
CALL (o, a) {
    MATCH (i:Identifier)-[link:IDENTIFIES]->(o)
    MERGE (i)-[:IDENTIFIES]->(a)
    DELETE link
}
"""
"""Old's keys now link to its alias. An alias of old from an earlier join loses the links of the
version written before (a record's links are those of its latest written version, as the writer
keeps them for a ``Party``)."""
MOVE_ALIASES: LiteralString = """
UNWIND $pairs AS pair
CALL (pair) { MATCH (a:Alias {node_id: pair.old}) SET a.node_id = pair.new }
CALL (pair) { MATCH (a:Alias {record_id: pair.new}) DETACH DELETE a }
"""
"""Records joined into old earlier are new's; an alias spelling new's own id (new is a
``Party`` of its own again and keeps its id) has nothing left to say."""
DELETE_OLD: LiteralString = """
UNWIND $pairs AS pair
MATCH (o:Party {id: pair.old})
DETACH DELETE o
"""

# -- after the joins ----------------------------------------------------------------------------
DROP_LOOPS: LiteralString = """
MATCH (a:Alias)
WITH DISTINCT a.node_id AS id
CALL (id) {
    MATCH (p:Party {id: id})-[h:HOLDS]->(p) WITH h, h.id AS edge DELETE h RETURN edge
    UNION
    MATCH (e:PendingEdge {subject: id}) WHERE e.party = id
    WITH e, e.id AS edge DELETE e RETURN edge
    UNION
    MATCH (v:EdgeVersion {subject: id}) WHERE v.party = id
    WITH v, v.edge_id AS edge DELETE v RETURN edge
}
RETURN DISTINCT edge ORDER BY edge
"""
"""Relationships between two records joined into one node (a company holding itself): their
current version and every version with both ends on that node leave the graph; their
statements stay. Only a node that has aliases can have one."""


def join_identities(connection: Connection) -> list[Merge]:
    """Join the entity nodes that share an identifier (or a record joined earlier); return the
    merges made. Idempotent: once joined, nothing is left to join."""
    merges = plan_merges(shared_keys(connection), written_again(connection))
    for pairs in join_batches(merges):
        connection.write(partial(_join, pairs=pairs))
    if merges:
        resolve_references(connection)  # connect the pending ends the joins re-pointed
    return merges


def drop_loops(connection: Connection) -> list[str]:
    """Take the relationships the joins made loops out of the graph; return their ids."""
    return connection.write(_drop_loops)


def _drop_loops(tx: ManagedTransaction) -> list[str]:
    lock_and_read_seq(tx)
    return [str(r["edge"]) for r in tx.run(DROP_LOOPS)]


def shared_keys(connection: Connection) -> dict[str, set[str]]:
    """Each identifier key held by two or more entity nodes, with its holders."""
    held: dict[str, set[str]] = {}
    for record in connection.pages(SHARED_KEYS, "key", cap=MAX_HOLDERS + 1):
        holders = set(record["holders"])
        if len(holders) > 1:
            held[record["key"]] = holders
    return held


def written_again(connection: Connection) -> list[tuple[str, str]]:
    """Pairs of a node that is a record joined earlier, and the node it was joined into."""
    return [(r["node"], r["target"]) for r in connection.read(WRITTEN_AGAIN)]


def join_batches(merges: Sequence[Merge]) -> Iterator[list[dict[str, str]]]:
    """Pairs ``{old, new}`` to join, in batches where no node appears twice: the first merged
    id of every merge, then the second, and so on."""
    rounds = max((len(m.merged) for m in merges), default=0)
    for index in range(rounds):
        pairs = [{"old": m.merged[index], "new": m.node_id} for m in merges
                 if index < len(m.merged)]  # fmt: skip
        for start in range(0, len(pairs), JOIN_BATCH):
            yield pairs[start : start + JOIN_BATCH]


def _join(tx: ManagedTransaction, *, pairs: list[dict[str, str]]) -> None:
    """One batch of joins, in one transaction under the write lock."""
    lock_and_read_seq(tx)
    pairs = [{"old": r["old"], "new": r["new"]} for r in tx.run(PRESENT_PAIRS, pairs=pairs)]
    if not pairs:  # joined already (a retried transaction that had committed)
        return
    ids = sorted({p["old"] for p in pairs} | {p["new"] for p in pairs})
    tx.run(VERSION_STORED_NODES, ids=ids).consume()
    for query in (MOVE_NODE_VERSIONS, TAKE_CURRENT_STATE, *REPOINT):
        tx.run(query, pairs=pairs).consume()
    _move_holds(tx, pairs)
    for query in (MOVE_IDENTIFIERS, MOVE_ALIASES, DELETE_OLD):
        tx.run(query, pairs=pairs).consume()


def _move_holds(tx: ManagedTransaction, pairs: list[dict[str, str]]) -> None:
    """Re-create old's relationships on new, with the same properties and ends re-pointed."""
    into = {p["old"]: p["new"] for p in pairs}
    rows = [_repointed(dict(r["row"]), into) for r in tx.run(DROP_HOLDS, pairs=pairs)]
    if rows:
        tx.run(CREATE_EDGES, rows=rows).consume()


def _repointed(row: dict[str, Any], into: dict[str, str]) -> dict[str, Any]:
    row["subject"] = into.get(row["subject"], row["subject"])
    row["party"] = into.get(row["party"], row["party"])
    return row
