"""Store-level identity in Neo4j: entity nodes that share a register identifier become one.

:func:`join_identities` runs at the end of every import, after references are resolved. It reads
the identifier keys held by two or more entity nodes (one indexed pass over ``Identifier``
nodes, paged), the records joined earlier that a later import wrote again, and what ranks the
nodes (whose id spells one of its own keys, the sources of its records), asks
:func:`bo_graph.store.identity.plan_merges` which nodes to join, and joins each merged node
``old`` into the node it keeps, ``new``:

- versions: both get ``NodeVersion`` nodes (a record's only version was its ``Party``), and
  old's become new's (same vids);
- current state: the later version (statement date, then arrival) is new's ``Party``, which
  stays searchable by both names (``search_text`` and ``names_fold`` keep the loser's too);
- relationships: old's ``HOLDS`` are re-created on new, ``PendingEdge`` and ``EdgeVersion``
  ends naming old name new; old's statements stay its own (``record_uid``), and the reader
  finds them through its alias, as the embedded store does;
- identifiers and names: old's ``IDENTIFIES`` links end at ``(:Alias {record_id: old,
  node_id: new})``, which also keeps old's names and which the writer never touches (it
  re-makes the links and names of ``Party`` nodes only), so the keys and names of the joined
  record keep finding new; aliases of old become new's.

After the joins, a joined node closed while another of its records is open shows that
record's latest open version (:func:`reopen.reopen_joined`), and every node with aliases gets
back the names of its aliases that a writer's new version of its ``Party`` dropped. A later
relationship end naming an alias (or a statement of one) is pointed at its node by
:func:`resolve.resolve_references`, which runs again after the joins to connect what they
settled. A relationship between two records of one company is then a loop on its node:
:func:`drop_loops` takes it out of the graph with all its versions when its current version is
one, and only the looping versions when an earlier one was (its statements stay), as the
embedded store does. Joins are written in batches of pairs that touch distinct nodes (the i-th
merged id of every merge), each batch one transaction under the store's write lock.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial
from typing import Any, LiteralString

from neo4j import ManagedTransaction

from bo_graph.store.identity import MAX_HOLDERS, Merge, plan_merges, spelling_candidates
from bo_graph.store.neo4j_store.connection import Connection
from bo_graph.store.neo4j_store.reopen import reopen_joined
from bo_graph.store.neo4j_store.resolve import resolve_references
from bo_graph.store.neo4j_store.writer import (
    CREATE_EDGES,
    VERSION_STORED_NODES,
    lock_and_read_seq,
)

JOIN_BATCH = 500
"""Pairs joined per transaction."""
RANK_BATCH = 10_000
"""Nodes per query when reading what ranks them (their own keys, their sources)."""

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
SPELLING_OWN_KEY: LiteralString = """
UNWIND $rows AS row
MATCH (:Identifier {key: row.key})-[:IDENTIFIES]->(:Party {id: row.node})
RETURN DISTINCT row.node AS node
"""
"""Of the ``{node, key}`` rows, the nodes whose own record holds the key."""
SOURCES: LiteralString = """
UNWIND $ids AS id
CALL (id) {
    MATCH (s:Statement {record_uid: id}) RETURN s.source AS source
    UNION
    MATCH (a:Alias {node_id: id}) MATCH (s:Statement {record_uid: a.record_id})
    RETURN s.source AS source
}
RETURN id, collect(DISTINCT source) AS sources
"""
"""The sources of the statements of each node's records: its own, and the records joined into
it (``Alias``), whose statements keep their ``record_uid``."""

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
the winner's (old's names are also kept by its alias, for when a writer rewrites new)."""
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
)
"""Relationship ends naming old: new's. Old's statements stay its own (``record_uid``): the
reader finds them through its alias."""
MOVE_IDENTIFIERS: LiteralString = """
UNWIND $pairs AS pair
MATCH (o:Party {id: pair.old})
MERGE (a:Alias {record_id: pair.old})
SET a.node_id = pair.new, a.search_text = o.search_text, a.names_fold = o.names_fold
WITH o, a
CALL (a) { MATCH (a)<-[stale:IDENTIFIES]-() DELETE stale }
CALL (o, a) {
    MATCH (i:Identifier)-[link:IDENTIFIES]->(o)
    MERGE (i)-[:IDENTIFIES]->(a)
    DELETE link
}
"""
"""Old's keys now link to its alias, which keeps its names (``search_text``, ``names_fold``). An
alias of old from an earlier join loses the links and names of the version written before (a
record's are those of its latest written version, as the writer keeps them for a ``Party``)."""
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
RESTORE_ALIAS_NAMES: LiteralString = """
MATCH (a:Alias)
WITH a.node_id AS id, collect(a) AS aliases
MATCH (p:Party {id: id})
WITH p, [x IN split(coalesce(p.names_fold, ''), ' | ') WHERE x <> ''] AS names,
     [x IN split(coalesce(p.search_text, ''), ' ') WHERE x <> ''] AS words,
     reduce(out = [], a IN aliases | out + split(coalesce(a.names_fold, ''), ' | ')) AS more_names,
     reduce(out = [], a IN aliases | out + split(coalesce(a.search_text, ''), ' ')) AS more_words
WITH p, names, words,
     reduce(out = [], x IN more_names |
            CASE WHEN x = '' OR x IN names OR x IN out THEN out ELSE out + x END) AS missing_names,
     reduce(out = [], x IN more_words |
            CASE WHEN x = '' OR x IN words OR x IN out THEN out ELSE out + x END) AS missing_words
WHERE missing_names <> [] OR missing_words <> []
WITH p, names + missing_names AS names, words + missing_words AS words
SET p.names_fold = coalesce(reduce(out = head(names), x IN tail(names) | out + ' | ' + x), ''),
    p.search_text = coalesce(reduce(out = head(words), x IN tail(words) | out + ' ' + x), '')
"""
"""Each node with aliases is found by their names too: the folded names and full-text words of
its aliases that its ``Party`` lacks (a writer rewrote it) are added; nothing is written when
none is missing."""
DROP_CURRENT_LOOPS: LiteralString = """
MATCH (a:Alias)
WITH DISTINCT a.node_id AS id
CALL (id) {
    MATCH (p:Party {id: id})-[h:HOLDS]->(p) RETURN h.id AS edge
    UNION
    MATCH (e:PendingEdge {subject: id}) WHERE e.party = id RETURN e.id AS edge
}
WITH DISTINCT edge
CALL (edge) { MATCH ()-[h:HOLDS {id: edge}]->() DELETE h }
CALL (edge) { MATCH (e:PendingEdge {id: edge}) DELETE e }
CALL (edge) { MATCH (v:EdgeVersion {edge_id: edge}) DELETE v }
RETURN edge
"""
"""Relationship records whose current version is a loop on a node that has aliases (a company
holding itself; only a joined node can have one): the whole record leaves the graph, every
version, so no date shows a version the loop had superseded. Its statements stay."""
DROP_PAST_LOOPS: LiteralString = """
MATCH (a:Alias)
WITH DISTINCT a.node_id AS id
MATCH (v:EdgeVersion {subject: id}) WHERE v.party = id
WITH v, v.edge_id AS edge
DELETE v
RETURN DISTINCT edge
"""
"""An earlier version that was such a loop leaves the record's history; its later versions
stay."""


def join_identities(connection: Connection, since: int = 0) -> list[Merge]:
    """Join the entity nodes that share an identifier (or a record joined earlier); return the
    joins made, without the records written again that went back into the node they were
    joined into before (no news). Idempotent: once joined, nothing is left to join. ``since``:
    the arrival counter before this import wrote (a joined node it wrote is checked again)."""
    held = shared_keys(connection)
    again = written_again(connection)
    nodes = sorted({n for holders in held.values() for n in holders} | set(again)
                   | set(again.values()))  # fmt: skip
    merges = plan_merges(
        held,
        again.items(),
        spelled=spelling_own_key(connection, nodes),
        sources=sources_of(connection, nodes),
    )
    for pairs in join_batches(merges):
        connection.write(partial(_join, pairs=pairs))
    if merges:
        resolve_references(connection)  # connect the pending ends the joins re-pointed
    reopen_joined(connection, sorted({merge.node_id for merge in merges}), since)
    connection.write(_restore_alias_names)
    news = [_news(merge, again) for merge in merges]
    return [m for m in news if m.merged]


def _news(merge: Merge, again: dict[str, str]) -> Merge:
    return Merge(merge.node_id, tuple(m for m in merge.merged if again.get(m) != merge.node_id))


def _restore_alias_names(tx: ManagedTransaction) -> None:
    lock_and_read_seq(tx)
    tx.run(RESTORE_ALIAS_NAMES).consume()


def drop_loops(connection: Connection) -> list[str]:
    """Take the relationships the joins made loops out of the graph; return their ids."""
    return connection.write(_drop_loops)


def _drop_loops(tx: ManagedTransaction) -> list[str]:
    lock_and_read_seq(tx)
    found = {str(r["edge"]) for r in tx.run(DROP_CURRENT_LOOPS)}
    found.update(str(r["edge"]) for r in tx.run(DROP_PAST_LOOPS))
    return sorted(found)


def shared_keys(connection: Connection) -> dict[str, set[str]]:
    """Each identifier key held by two or more entity nodes, with its holders."""
    held: dict[str, set[str]] = {}
    for record in connection.pages(SHARED_KEYS, "key", cap=MAX_HOLDERS + 1):
        holders = set(record["holders"])
        if len(holders) > 1:
            held[record["key"]] = holders
    return held


def written_again(connection: Connection) -> dict[str, str]:
    """Each node that is a record joined earlier, and the node it was joined into."""
    return {r["node"]: r["target"] for r in connection.read(WRITTEN_AGAIN)}


def spelling_own_key(connection: Connection, nodes: Sequence[str]) -> set[str]:
    """The nodes whose id spells one of their own record's keys (``GB-COH-1`` holding
    ``GB-COH:1``): a link from the key to the ``Party`` itself, not to an ``Alias``."""
    rows = [{"node": n, "key": key} for n in nodes for key in spelling_candidates(n)]
    found: set[str] = set()
    for start in range(0, len(rows), RANK_BATCH):
        chunk = rows[start : start + RANK_BATCH]
        found.update(r["node"] for r in connection.read(SPELLING_OWN_KEY, rows=chunk))
    return found


def sources_of(connection: Connection, nodes: Sequence[str]) -> dict[str, set[str]]:
    """The sources (registers) of each node's records: its own and those joined into it."""
    sources: dict[str, set[str]] = {}
    for start in range(0, len(nodes), RANK_BATCH):
        chunk = list(nodes[start : start + RANK_BATCH])
        for r in connection.read(SOURCES, ids=chunk):
            sources[r["id"]] = {str(source) for source in r["sources"]}
    return sources


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
