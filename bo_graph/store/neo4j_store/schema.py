"""The Neo4j store's graph model: constraints and indexes, created idempotently on connect.

::

    (:Statement {statement_id, record_uid, seq, record, ...})     every statement ever read
    (:Party {id, record_id, kind, name, name_fold, search_text, ...})   current party version
    (:Identifier {key})-[:IDENTIFIES]->(:Party)                   SCHEME:ID lookups
    (:Identifier)-[:IDENTIFIES]->(:Alias {record_id, node_id, search_text, names_fold})
                                   an entity record joined into node ``node_id`` by a shared
                                   identifier (``store.identity``): its keys, record id, names
                                   and statements (``record_uid`` = ``record_id``) still find it
    (party:Party)-[:HOLDS {id, subject, party, closed, types, details, ...}]->(subject:Party)
                                                                  current relationship version
    (:PendingEdge {same properties as HOLDS})                     current version, an end missing
    (:NodeVersion {vid, node_id, ...}), (:EdgeVersion {vid, edge_id, subject, party, ...})
                                   every version of a record with two or more (a record's only
                                   version is its current state: the Party, HOLDS or PendingEdge)
    (:Meta {key: 'seq', value})                                   arrival counter, write lock

``docs/neo4j.md`` ("The Neo4j store") describes each property.
"""

from __future__ import annotations

from typing import LiteralString

from bo_graph.store.neo4j_store.connection import Connection
from bo_graph.store.neo4j_store.fulltext import FULLTEXT_INDEX

SCHEMA_VERSION = "3"
"""3: a statement's record is its ``record`` property and its provenance its other properties
(2: both in one ``raw`` property, ``{"p": provenance, "raw": record}``, the provenance written
twice). 2: version nodes only for records with two or more versions (1: for every version).
Older stores are read and extended by the same rules: a statement without ``record`` is read
from ``raw``, and each record of a version-1 store has all its versions."""

CONSTRAINTS: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT party_id IF NOT EXISTS FOR (p:Party) REQUIRE p.id IS UNIQUE",
    "CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (s:Statement) "
    "REQUIRE s.statement_id IS UNIQUE",
    "CREATE CONSTRAINT holds_id IF NOT EXISTS FOR ()-[h:HOLDS]-() REQUIRE h.id IS UNIQUE",
    "CREATE CONSTRAINT pending_edge_id IF NOT EXISTS FOR (e:PendingEdge) REQUIRE e.id IS UNIQUE",
    "CREATE CONSTRAINT node_version_id IF NOT EXISTS FOR (v:NodeVersion) REQUIRE v.vid IS UNIQUE",
    "CREATE CONSTRAINT edge_version_id IF NOT EXISTS FOR (v:EdgeVersion) REQUIRE v.vid IS UNIQUE",
    "CREATE CONSTRAINT identifier_key IF NOT EXISTS FOR (i:Identifier) REQUIRE i.key IS UNIQUE",
    "CREATE CONSTRAINT meta_key IF NOT EXISTS FOR (m:Meta) REQUIRE m.key IS UNIQUE",
    "CREATE CONSTRAINT alias_record_id IF NOT EXISTS FOR (a:Alias) REQUIRE a.record_id IS UNIQUE",
)

INDEXES: tuple[LiteralString, ...] = (  # no index on Party.kind: three values, no query uses one
    "CREATE INDEX party_record_id IF NOT EXISTS FOR (p:Party) ON (p.record_id)",
    "CREATE INDEX party_name_fold IF NOT EXISTS FOR (p:Party) ON (p.name_fold)",
    "CREATE INDEX statement_record_uid IF NOT EXISTS FOR (s:Statement) ON (s.record_uid)",
    "CREATE INDEX node_version_node IF NOT EXISTS FOR (v:NodeVersion) ON (v.node_id)",
    "CREATE INDEX edge_version_edge IF NOT EXISTS FOR (v:EdgeVersion) ON (v.edge_id)",
    "CREATE INDEX edge_version_subject IF NOT EXISTS FOR (v:EdgeVersion) ON (v.subject)",
    "CREATE INDEX edge_version_party IF NOT EXISTS FOR (v:EdgeVersion) ON (v.party)",
    "CREATE INDEX edge_version_pending IF NOT EXISTS FOR (v:EdgeVersion) ON (v.pending)",
    "CREATE INDEX pending_edge_subject IF NOT EXISTS FOR (e:PendingEdge) ON (e.subject)",
    "CREATE INDEX pending_edge_party IF NOT EXISTS FOR (e:PendingEdge) ON (e.party)",
    "CREATE INDEX alias_node IF NOT EXISTS FOR (a:Alias) ON (a.node_id)",
    "CREATE FULLTEXT INDEX " + FULLTEXT_INDEX + " IF NOT EXISTS FOR (p:Party) ON EACH "
    "[p.search_text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
)

AWAIT_INDEXES: LiteralString = "CALL db.awaitIndexes(300)"
AWAIT_LOADED_INDEXES: LiteralString = "CALL db.awaitIndexes(86400)"
"""After a bulk import the indexes fill over all the loaded data (26 s at 3.2M statements)."""
MARK_VERSION: LiteralString = (
    "MERGE (m:Meta {key: 'schema_version'}) ON CREATE SET m.value = $version"
)


def ensure_schema(connection: Connection, *, await_indexes: LiteralString = AWAIT_INDEXES) -> None:
    """Create what is missing (each statement is a no-op when it exists) and wait until every
    index is online, so the first batch already uses them."""
    for statement in (*INDEXES, *CONSTRAINTS):  # a constraint waits for its own index to fill;
        connection.run_schema(statement)  # indexes first fill meanwhile (a bulk import: 33 -> 22 s)
    connection.run_schema(await_indexes)
    connection.write(lambda tx: tx.run(MARK_VERSION, version=SCHEMA_VERSION).consume())
