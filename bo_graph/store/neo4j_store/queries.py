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
    "v.edge_id AS id, v.subject AS subject, v.party AS party, v.closed AS closed, "
    "v.details AS details, v.statement_date AS statement_date, v.seq AS seq"
)

# -- parties ----------------------------------------------------------------------------------
GET_NODES: LiteralString = "UNWIND $ids AS id MATCH (p:Party {id: id}) RETURN " + NODE
NODE_VERSIONS: LiteralString = (
    "UNWIND $ids AS id MATCH (v:NodeVersion {node_id: id}) "
    "RETURN v.node_id AS node_id, v.statement_date AS statement_date, v.seq AS seq, "
    "v.closed AS closed, v.details AS details"
)
EXISTING_PARTIES: LiteralString = "UNWIND $ids AS id MATCH (p:Party {id: id}) RETURN p.id AS id"
NODES_BY_IDENTIFIER: LiteralString = (
    "MATCH (:Identifier {key: $key})-[:IDENTIFIES]->(p:Party) RETURN " + NODE + " ORDER BY p.id"
)
NODES_BY_RECORD_ID: LiteralString = (
    "MATCH (p:Party {record_id: $record_id}) RETURN " + NODE + " "
    "UNION "
    "MATCH (s:Statement {statement_id: $record_id}) MATCH (p:Party {id: s.record_uid}) "
    "RETURN " + NODE
)
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
EDGE_VERSIONS_OF_EDGES: LiteralString = (
    "UNWIND $ids AS id MATCH (v:EdgeVersion {edge_id: id}) RETURN " + VERSION
)
EDGE_VERSIONS_BY_SUBJECT: LiteralString = (
    "UNWIND $ids AS id MATCH (v:EdgeVersion {subject: id}) RETURN " + VERSION
)
EDGE_VERSIONS_BY_PARTY: LiteralString = (
    "UNWIND $ids AS id MATCH (v:EdgeVersion {party: id}) RETURN " + VERSION
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
STATEMENTS_OF_RECORD: LiteralString = (
    "MATCH (s:Statement {record_uid: $uid}) RETURN s.record_uid AS uid, s.raw AS raw "
    "ORDER BY coalesce(s.statement_date, ''), s.seq"
)
