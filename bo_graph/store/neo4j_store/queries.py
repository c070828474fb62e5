"""The read side's Cypher: constants only, every value a parameter.

``NODE`` and ``EDGE`` are the columns each query returns for a party and for a relationship
version, whether it is read from a ``HOLDS`` relationship, a ``PendingEdge`` node or an
``EdgeVersion`` node (all three carry the same property names). Paged queries take ``$after``
and ``$limit`` (see :meth:`Connection.pages`).
"""

from __future__ import annotations

from typing import LiteralString

NODE: LiteralString = (
    "p.id AS id, p.record_id AS record_id, p.kind AS kind, p.closed AS closed, p.details AS details"
)
EDGE: LiteralString = (
    "e.id AS id, e.subject AS subject, e.party AS party, e.closed AS closed, e.details AS details"
)
VERSION: LiteralString = (
    "v.id AS id, v.subject AS subject, v.party AS party, v.closed AS closed, "
    "v.details AS details, v.statement_date AS statement_date, v.seq AS seq"
)

# -- parties ----------------------------------------------------------------------------------
GET_NODES: LiteralString = "UNWIND $ids AS id MATCH (p:Party {id: id}) RETURN " + NODE
NODE_VERSION_ROWS: LiteralString = (
    "MATCH (p:Party {id: id}) OPTIONAL MATCH (v:NodeVersion {node_id: id}) "
    "WITH p, collect(v {.node_id, .vid, .statement_date, .seq, .closed, .details}) AS vs, "
    "COLLECT { MATCH (a:Alias {node_id: p.id}) RETURN a.record_id } AS joined "
    "UNWIND CASE vs WHEN [] THEN [p {node_id: p.id, vid: p.statement_id + '#' + p.record_id, "
    ".statement_date, .seq, .closed, .details}] ELSE vs END AS version "
    "WITH version {.*, record: CASE joined WHEN [] THEN '' ELSE coalesce(head(COLLECT { "
    "UNWIND [p.id] + joined AS x WITH x WHERE version.vid ENDS WITH '#' + x "
    "MATCH (s:Statement {statement_id: left(version.vid, size(version.vid) - size(x) - 1)}) "
    "RETURN s.record_uid ORDER BY size(x) DESC }), '') END} AS v "
)
"""The versions of party ``id`` as maps ``v``: its ``NodeVersion`` nodes, or the ``Party`` itself
when it has none (a party's only version is written as the ``Party`` alone). Of a party records
were joined into, each version also names its ``record``: that of its statement, the version id
(``<statement id>#<id>``) less the longest of the party's ids it ends with
(:func:`bo_graph.store.history.statement_of_version`)."""
NODE_VERSIONS: LiteralString = (
    "UNWIND $ids AS id " + NODE_VERSION_ROWS + ""
    "RETURN v.node_id AS node_id, v.statement_date AS statement_date, v.seq AS seq, "
    "v.closed AS closed, v.details AS details, v.record AS record"
)
EXISTING_PARTIES: LiteralString = "UNWIND $ids AS id MATCH (p:Party {id: id}) RETURN p.id AS id"
NODES_BY_IDENTIFIER: LiteralString = (
    "CALL () { MATCH (:Identifier {key: $key})-[:IDENTIFIES]->(p:Party) RETURN p "
    "UNION "
    "MATCH (:Identifier {key: $key})-[:IDENTIFIES]->(a:Alias) MATCH (p:Party {id: a.node_id}) "
    "RETURN p } "
    "RETURN " + NODE + " ORDER BY p.id"
)
"""Parties holding the key, and the nodes records holding it were joined into (``Alias``)."""
NODES_BY_RECORD_ID: LiteralString = (
    "MATCH (p:Party {record_id: $record_id}) RETURN " + NODE + " "
    "UNION "
    "MATCH (a:Alias {record_id: $record_id}) MATCH (p:Party {id: a.node_id}) RETURN " + NODE + " "
    "UNION "
    "MATCH (s:Statement {statement_id: $record_id}) "
    "OPTIONAL MATCH (a:Alias {record_id: s.record_uid}) "
    "MATCH (p:Party {id: coalesce(a.node_id, s.record_uid)}) RETURN " + NODE
)
"""Parties of the record, the node it was joined into, and the record of a statement id (or the
node that record was joined into: a statement keeps its record's id)."""
NODES_BY_NAME: LiteralString = (
    "MATCH (p:Party {name_fold: $name}) RETURN " + NODE + " ORDER BY p.id"
)
NAMES_OF_PARTIES: LiteralString = (
    "UNWIND $ids AS id MATCH (p:Party {id: id}) RETURN p.id AS id, p.names_fold AS names"
)

# -- relationships: current versions ----------------------------------------------------------
GET_EDGES: LiteralString = (
    "UNWIND $ids AS id MATCH ()-[e:HOLDS {id: id}]->() RETURN " + EDGE + " "
    "UNION ALL "
    "UNWIND $ids AS id MATCH (e:PendingEdge {id: id}) RETURN " + EDGE
)
OPEN_EDGES_BY_SUBJECT: LiteralString = (
    "UNWIND $ids AS id MATCH (:Party {id: id})<-[e:HOLDS]-() WHERE NOT e.closed "
    "RETURN " + EDGE + " "
    "UNION ALL "
    "UNWIND $ids AS id MATCH (e:PendingEdge {subject: id}) WHERE NOT e.closed RETURN " + EDGE
)
OPEN_EDGES_BY_PARTY: LiteralString = (
    "UNWIND $ids AS id MATCH (:Party {id: id})-[e:HOLDS]->() WHERE NOT e.closed "
    "RETURN " + EDGE + " "
    "UNION ALL "
    "UNWIND $ids AS id MATCH (e:PendingEdge {party: id}) WHERE NOT e.closed RETURN " + EDGE
)

# -- relationships: every version -------------------------------------------------------------
CURRENT_MAP: LiteralString = "{.id, .subject, .party, .closed, .details, .statement_date, .seq}"
VERSION_MAP: LiteralString = (
    "{id: v.edge_id, .subject, .party, .closed, .details, .statement_date, .seq}"
)
UNVERSIONED: LiteralString = "WHERE NOT EXISTS { MATCH (:EdgeVersion {edge_id: e.id}) } "
"""A relationship record without ``EdgeVersion`` nodes has one version: its current one."""
_BY: dict[str, tuple[LiteralString, LiteralString, LiteralString]] = {
    "edge": ("{edge_id: id}", "()-[e:HOLDS {id: id}]->()", "{id: id}"),
    "subject": ("{subject: id}", "(:Party {id: id})<-[e:HOLDS]-()", "{subject: id}"),
    "party": ("{party: id}", "(:Party {id: id})-[e:HOLDS]->()", "{party: id}"),
}


def _edge_versions(by: str, version: LiteralString, current: LiteralString) -> LiteralString:
    stored, holds, pending = _BY[by]
    return (
        "CALL (id) { MATCH (v:EdgeVersion " + stored + ") RETURN " + version + " "
        "UNION ALL MATCH " + holds + " " + UNVERSIONED + "RETURN " + current + " "
        "UNION ALL MATCH (e:PendingEdge " + pending + ") " + UNVERSIONED + "RETURN " + current
        + " } "
    )  # fmt: skip


EDGE_VERSION_ROWS: dict[str, LiteralString] = {
    by: _edge_versions(by, "v " + VERSION_MAP + " AS v", "e " + CURRENT_MAP + " AS v") for by in _BY
}
"""Every version (as maps ``v``) of relationship record ``id`` (``"edge"``), or of the records
whose subject or interested party is ``id``: ``EdgeVersion`` nodes, plus the current version
of each record that has none."""
EDGE_VERSION_COUNTS: dict[str, LiteralString] = {
    by: _edge_versions(by, "count(v) AS n", "count(e) AS n") for by in _BY
}
"""The same, counted (rows ``n`` to sum)."""
EDGE_VERSIONS_OF_EDGES: LiteralString = (
    "UNWIND $ids AS id " + EDGE_VERSION_ROWS["edge"] + "RETURN " + VERSION
)
EDGE_VERSIONS_BY_SUBJECT: LiteralString = (
    "UNWIND $ids AS id " + EDGE_VERSION_ROWS["subject"] + "RETURN " + VERSION
)
EDGE_VERSIONS_BY_PARTY: LiteralString = (
    "UNWIND $ids AS id " + EDGE_VERSION_ROWS["party"] + "RETURN " + VERSION
)

# -- whole graph, paged -----------------------------------------------------------------------
PAGE_NODES: LiteralString = (
    "MATCH (p:Party) WHERE p.id >= $after RETURN " + NODE + " ORDER BY p.id LIMIT $limit"
)
PAGE_NODES_OF_KIND: LiteralString = (
    "MATCH (p:Party) USING INDEX p:Party(id) WHERE p.id >= $after AND p.kind = $kind "
    "RETURN " + NODE + " ORDER BY p.id LIMIT $limit"
)
PAGE_OPEN_HOLDS: LiteralString = (
    "MATCH ()-[e:HOLDS]->() WHERE e.id >= $after AND NOT e.closed "
    "RETURN " + EDGE + " ORDER BY e.id LIMIT $limit"
)
PAGE_OPEN_PENDING: LiteralString = (
    "MATCH (e:PendingEdge) WHERE e.id >= $after AND NOT e.closed "
    "RETURN " + EDGE + " ORDER BY e.id LIMIT $limit"
)
PAGE_PENDING: LiteralString = (
    "MATCH (e:PendingEdge) WHERE e.id >= $after RETURN " + EDGE + " ORDER BY e.id LIMIT $limit"
)
PAGE_HOLDS_IDS: LiteralString = (
    "MATCH ()-[e:HOLDS]->() WHERE e.id >= $after RETURN e.id AS id ORDER BY e.id LIMIT $limit"
)
PAGE_PENDING_IDS: LiteralString = (
    "MATCH (e:PendingEdge) WHERE e.id >= $after RETURN e.id AS id ORDER BY e.id LIMIT $limit"
)

# -- counts and statements --------------------------------------------------------------------
COUNT_NODES_BY_KIND: LiteralString = "MATCH (p:Party) RETURN p.kind AS kind, count(*) AS n"
COUNT_EDGES_BY_TYPES: LiteralString = (
    "MATCH ()-[e:HOLDS]->() RETURN e.types AS types, count(*) AS n "
    "UNION ALL "
    "MATCH (e:PendingEdge) RETURN e.types AS types, count(*) AS n"
)
COUNT_STATEMENTS_BY_SOURCE: LiteralString = (
    "MATCH (s:Statement) RETURN s.source AS source, count(*) AS n"
)
COUNT_TOTALS: LiteralString = (
    "CALL { MATCH ()-[e:HOLDS]->() RETURN count(e) AS holds } "
    "CALL { MATCH (e:PendingEdge) RETURN count(e) AS pending } "
    "CALL { MATCH (s:Statement) RETURN count(s) AS statements } "
    "RETURN holds + pending AS edges, statements"
)
"""Totals Neo4j answers from its count store, without reading nodes or relationships."""
STATEMENTS_OF_RECORD: LiteralString = (
    "CALL () { MATCH (s:Statement {record_uid: $uid}) RETURN s "
    "UNION "
    "MATCH (a:Alias {node_id: $uid}) MATCH (s:Statement {record_uid: a.record_id}) RETURN s } "
    "RETURN s.record_uid AS uid, s.record AS record, "
    "s.raw AS raw, s {.source, .file, .position, statementId: s.statement_id, "
    "statementDate: s.statement_date, publicationDate: s.publication_date, "
    "retrievedAt: s.retrieved_at, recordStatus: s.record_status, format: s.source_format} AS p "
    "ORDER BY coalesce(s.statement_date, ''), s.seq"
)
"""The statements of record ``uid`` and of the records joined into it (an ``Alias`` of node
``uid``: a joined record's statements keep its id). A statement's record is ``record`` and its
provenance its properties, returned as ``p`` in the form ``serial.provenance_from`` reads; a
statement stored before schema version 3 has neither, but ``raw``: ``{"p": provenance,
"raw": record}``."""
